// A Taro plugin: writes the Douyin DevTools settings that differ per build into the
// project.config.json Taro generates from project.tt.json (which holds the shared ones).
// CommonJS: Taro loads plugins with require().
/* eslint-disable @typescript-eslint/no-require-imports */
const { existsSync, readFileSync, writeFileSync } = require('node:fs')
const { join } = require('node:path')
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * DevTools' `setting.urlCheck` ("校验合法域名"): on, DevTools refuses requests to anything but the
 * app's registered https server domains, as a phone does. A build whose API is plain http (the
 * local API, http://127.0.0.1:3000, in `pnpm dev` or a default `pnpm build`) cannot work with it
 * on, so it ships `false`; a build for an https API ships `true`. Development builds always `false`.
 *
 * @param {{ development: boolean, apiBase: string }} build
 * @returns {{ urlCheck: boolean }}
 */
function projectSetting({ development, apiBase }) {
  return { urlCheck: !development && apiBase.startsWith('https://') }
}

/**
 * @param {{ onBuildFinish(fn: () => void): void, paths: { outputPath: string } }} ctx
 * @param {{ setting: Record<string, unknown> }} options
 */
function projectConfigPlugin(ctx, options) {
  // After every build, watch rebuilds included (the file is written once, at setup).
  ctx.onBuildFinish(() => {
    const file = join(ctx.paths.outputPath, 'project.config.json')
    if (!existsSync(file)) return // H5 builds have none
    const project = JSON.parse(readFileSync(file, 'utf8'))
    project.setting = { ...project.setting, ...options.setting }
    writeFileSync(file, `${JSON.stringify(project, null, 2)}\n`)
  })
}

module.exports = projectConfigPlugin
module.exports.projectSetting = projectSetting
