import { resolve } from 'node:path'
import { describeToolError } from './failure'
import { buildProduction, checkApiBase, DIST, readProjectAppid, requireRealAppid, timeoutMs } from './project'
import { qrcodePath } from './qrcode-output'
import { withTma, type TmaApi } from './tma'

/** The options preview and upload share (each adds its own `timeout` default and extras). */
export const SEND_OPTIONS = {
  'qrcode-output': { type: 'string' },
  proxy: { type: 'string' },
  project: { type: 'string' },
  'no-build': { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

export interface SendFlags {
  'qrcode-output'?: string
  proxy?: string
  project?: string
  'no-build'?: boolean
  timeout?: string
  verbose?: boolean
}

export interface SendTarget {
  /** The folder tt-ide-cli sends (dist/ after a build, or --project). */
  project: string
  appid: string
  /** Where the QR image goes, outside `project`. */
  qrcode: string
}

/**
 * The folder to send: a production build into dist/ (API base checked first, `--dev` relaxing
 * it), or --project / --no-build as they are; then its appid, refused when the placeholder.
 */
export function prepareSend(flags: SendFlags, options: { dev: boolean; qrcodeName: string }): SendTarget {
  const project = flags.project === undefined ? DIST : resolve(flags.project)
  if (!flags['no-build'] && flags.project === undefined) buildProduction(checkApiBase(options.dev))
  const appid = readProjectAppid(project)
  requireRealAppid(appid)
  return { project, appid, qrcode: qrcodePath(project, flags['qrcode-output'], options.qrcodeName) }
}

/**
 * Runs one tt-ide-cli action for `appid` with the token set and the proxy configured; a failure
 * of the action becomes one sentence starting with `action`.
 */
export function sendWithToken<T>(
  flags: SendFlags,
  target: SendTarget,
  token: string,
  action: 'Preview' | 'Upload',
  send: (tma: TmaApi) => Promise<T>
): Promise<T> {
  return withTma({ secrets: [token], verbose: flags.verbose === true, timeoutMs: timeoutMs(flags.timeout) }, async ({ tma }) => {
    await tma.setConfig({ proxy: flags.proxy ?? null })
    tma.setAppConfig({ appid: target.appid, config: { token } })
    return send(tma).catch((error: unknown) => {
      throw describeToolError(action, error, [token])
    })
  })
}
