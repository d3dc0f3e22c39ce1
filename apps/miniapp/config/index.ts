import { join } from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

// Taro only injects TARO_APP_* values found in .env files; this one also comes from the shell
// (turbo, CI) and has a default so a bare `pnpm build` talks to the local API.
const apiBase = process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000'

// `taro build --watch` (pnpm dev) runs with NODE_ENV=development, a plain build with production.
const development = process.env.NODE_ENV === 'development'
const projectConfigPlugin = join(__dirname, 'project-config-plugin.js')
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { projectSetting } = require(projectConfigPlugin) as typeof import('./project-config-plugin')

/** `dist` (tt, production), `dist-dev` (tt, `pnpm dev`), `dist-h5` (H5 preview). */
function outputRoot(platform: string | undefined, dev: boolean): string {
  if (platform === 'h5') return 'dist-h5'
  return dev ? 'dist-dev' : 'dist'
}

// The H5 preview's dev server port (`pnpm dev`); the API allows its origin through CORS.
const h5Port = Number(process.env.DEV_H5_PORT || 10086)

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'douyin-kit-miniapp',
    date: '2026-11-21',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2
    },
    sourceRoot: 'src',
    // Separate folders so neither the H5 build nor the watch build of `pnpm dev` ever writes
    // into the production `dist` that `pnpm build` makes, turbo caches and DevTools uploads.
    outputRoot: outputRoot(process.env.TARO_ENV, development),
    // dist/project.config.json's per-build DevTools settings (urlCheck: see the plugin).
    plugins: [[projectConfigPlugin, { setting: projectSetting({ development, apiBase }) }]],
    defineConstants: {},
    // Deprecated in favour of .env files, but those cannot take a value from the shell with a
    // default; Taro lays the .env files' values over these, as before.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase),
      // H5 preview only (src/platform/h5-preview.ts): where its emulator `tt` plays the phone.
      TARO_APP_EMULATOR_URL: JSON.stringify(process.env.TARO_APP_EMULATOR_URL || 'http://127.0.0.1:8787'),
      TARO_APP_EMULATOR_APPID: JSON.stringify(process.env.TARO_APP_EMULATOR_APPID || 'tt_emulator_dev_app'),
      // `official` leaves the privacy popup to the host; anything else, the kit's own (src/platform/privacy.ts).
      TARO_APP_PRIVACY_POPUP: JSON.stringify(process.env.TARO_APP_PRIVACY_POPUP || 'custom')
    },
    copy: {
      patterns: [],
      options: {}
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      enable: false // webpack's persistent cache: off so CI builds are reproducible
    },
    mini: {
      // zod and our contracts ship ES2020 (`?.`, `??`), which older Douyin clients cannot
      // parse: let Taro's Babel lower them like the app's own code (browserslist above).
      compile: {
        include: [(modulePath: string) => /[\\/](zod|@douyin-kit[\\/]contracts|packages[\\/]contracts)[\\/]/.test(modulePath)]
      },
      postcss: {
        pxtransform: {
          enable: true,
          config: {}
        }
      }
    },
    h5: {
      // The API's default CORS_ORIGINS in development are exactly this origin (and localhost's).
      devServer: { host: '127.0.0.1', port: h5Port },
      publicPath: '/',
      staticDirectory: 'static',
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash].css',
        chunkFilename: 'css/[name].[chunkhash].css'
      },
      postcss: {
        autoprefixer: {
          enable: true,
          config: {}
        }
      }
    }
  }

  if (development) {
    // Development build: not minified
    return merge({}, baseConfig, devConfig)
  }
  // Production build: minified
  return merge({}, baseConfig, prodConfig)
})
