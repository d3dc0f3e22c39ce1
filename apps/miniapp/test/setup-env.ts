// The build's value, for the checks of dist/ (test/build), before the stand-in replaces it.
process.env.BUILD_TARO_APP_API_BASE = process.env.TARO_APP_API_BASE ?? ''
// Stands in for the value Taro inlines at build time (see config/index.ts).
process.env.TARO_APP_API_BASE = 'http://api.test'

// Taro's build provides defineAppConfig/definePageConfig as globals; configs are plain objects.
Object.assign(globalThis, { defineAppConfig: <T>(config: T) => config, definePageConfig: <T>(config: T) => config })
