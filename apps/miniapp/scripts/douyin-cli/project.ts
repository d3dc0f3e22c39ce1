import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { dirname, join } from 'node:path'
import { CliFailure } from './failure'

/** apps/miniapp */
export const APP_ROOT = join(import.meta.dirname, '..', '..')
export const DIST = join(APP_ROOT, 'dist')
/** The placeholder appid of `project.tt.json`: Douyin knows no such app. */
const PLACEHOLDER_APPID = 'tt0000000000000000'
const DEFAULT_API_BASE = 'http://127.0.0.1:3000'

export function readProjectAppid(project: string): string {
  const file = join(project, 'project.config.json')
  if (!existsSync(file))
    throw new CliFailure(`${file} does not exist: build the mini-program first (pnpm --filter @douyin-kit/miniapp build).`)
  const { appid } = JSON.parse(readFileSync(file, 'utf8')) as { appid?: unknown }
  if (typeof appid !== 'string' || !/^tt[0-9a-z]{8,}$/i.test(appid)) throw new CliFailure(`${file} has no valid appid.`)
  return appid
}

export function requireRealAppid(appid: string): void {
  if (appid === PLACEHOLDER_APPID) {
    throw new CliFailure(
      `The build carries the placeholder appid ${PLACEHOLDER_APPID}: set TARO_APP_ID to your app's AppID from the Douyin console (or put it into apps/miniapp/project.tt.json).`
    )
  }
}

/** The token from the environment; the scripts never take it as an argument (shell history, ps). */
export function requireToken(): string {
  const token = process.env.TMA_TOKEN?.trim()
  if (!token) {
    throw new CliFailure(
      'TMA_TOKEN is not set: create the CLI token of this app in the Douyin console (开发 → 开发配置 → CLI 免密登录) and export it as TMA_TOKEN (a CI secret, never committed).'
    )
  }
  return token
}

/**
 * A phone can reach only an https API on a domain registered as the app's request domain:
 * never 127.0.0.1, a LAN address or plain http. `--dev` lets a developer preview against such a
 * base anyway (DevTools' real-device debugging with domain checks off).
 */
export function checkApiBase(dev: boolean): string {
  const base = process.env.TARO_APP_API_BASE || DEFAULT_API_BASE
  if (dev) return base
  let url: URL
  try {
    url = new URL(base)
  } catch {
    throw new CliFailure(`TARO_APP_API_BASE (${base}) is not a URL.`)
  }
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const realDomain = url.protocol === 'https:' && isIP(host) === 0 && host.includes('.') && !/(^|\.)localhost$/i.test(host)
  if (!realDomain) {
    throw new CliFailure(
      `TARO_APP_API_BASE is ${base}, which a phone cannot reach: set it to your https API on a registered domain, or pass --dev to preview against it anyway.`
    )
  }
  return base
}

/** A production tt build (`taro build --type tt`) with the given API base baked in. */
export function buildProduction(apiBase: string): void {
  process.stdout.write(`Building the mini-program for Douyin (API ${apiBase})…\n`)
  const taro = join(dirname(require.resolve('@tarojs/cli/package.json')), 'bin', 'taro')
  const result = spawnSync(process.execPath, [taro, 'build', '--type', 'tt'], {
    cwd: APP_ROOT,
    env: { ...process.env, NODE_ENV: 'production', TARO_APP_API_BASE: apiBase, TMA_TOKEN: undefined },
    stdio: ['ignore', 'ignore', 'inherit']
  })
  if (result.status !== 0) throw new CliFailure('The mini-program build failed (its errors are above).')
}

/** `--timeout <seconds>` as milliseconds. */
export function timeoutMs(seconds: string | undefined): number {
  const value = Number(seconds)
  if (!(value > 0)) throw new CliFailure('--timeout takes a positive number of seconds.', 2)
  return value * 1000
}

export function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as { version: string }
  if (!/^\d+\.\d+\.\d+$/.test(version))
    throw new CliFailure(`apps/miniapp/package.json has version ${version}; Douyin takes major.minor.patch.`)
  return version
}

export function lastCommitSubject(): string | undefined {
  const result = spawnSync('git', ['log', '-1', '--format=%s'], { cwd: APP_ROOT, encoding: 'utf8' })
  const subject = result.status === 0 ? result.stdout.trim() : ''
  return subject || undefined
}
