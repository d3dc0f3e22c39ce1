/**
 * @jest-environment node
 *
 * Checks the compiled Douyin build in dist/ (turbo runs this package's `build` before its
 * `test`): what Douyin DevTools needs to open it, every page, and none of the local emulator,
 * which only H5 previews may carry.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import appConfig from '../../src/app.config'

const DIST = join(__dirname, '../../dist')
// The API base the build baked in (config/index.ts's default unless turbo passed one).
const BUILD_API_BASE = process.env.BUILD_TARO_APP_API_BASE || 'http://127.0.0.1:3000'

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

beforeAll(() => {
  if (!existsSync(join(DIST, 'app.json'))) {
    throw new Error('dist/ is missing: run `pnpm --filter @douyin-kit/miniapp build` (turbo does it before test)')
  }
})

describe('the tt build in dist/', () => {
  it('has the DevTools project file with an appid and every page of app.config', () => {
    const project = JSON.parse(readFileSync(join(DIST, 'project.config.json'), 'utf8'))
    expect(project.appid).toMatch(/^tt\w+/)
    const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8'))
    expect(app.pages).toEqual(appConfig.pages)
    for (const page of app.pages as string[]) expect(existsSync(join(DIST, `${page}.js`))).toBe(true)
  })

  it('turns the privacy check on in app.json (Taro passes the Douyin key through)', () => {
    const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8'))
    expect(app.usePrivacyCheck).toBe(true)
  })

  it('lets DevTools reach a plain-http API (urlCheck off) unless the build talks to https, keeping the shared settings', () => {
    const project = JSON.parse(readFileSync(join(DIST, 'project.config.json'), 'utf8'))
    const shared = JSON.parse(readFileSync(join(__dirname, '../../project.tt.json'), 'utf8'))
    expect(project.setting).toEqual({ ...shared.setting, urlCheck: BUILD_API_BASE.startsWith('https://') })
  })

  it('carries no emulator code', () => {
    const offenders = files(DIST)
      .filter((path) => /\.(js|json|ttml|sjs)$/.test(path))
      .filter((path) => /douyin-emulator|__emulator|createTt\b/.test(readFileSync(path, 'utf8')))
    expect(offenders).toEqual([])
  })
})
