import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { format } from 'node:util'
import { scrub } from './failure'

/** The part of tt-ide-cli's programmatic API the scripts use (its own typings pull in private packages). */
export interface ProjectQRCode {
  expireTime?: number
  shortUrl?: string
  originSchema?: string
  qrcodeFilePath?: string
}
interface QrcodeOption {
  format: 'imageFile' | 'imageSVG' | 'terminal' | null
  output?: string
}
export interface TmaApi {
  setConfig(config: { proxy: string | null }): Promise<void>
  setAppConfig(param: { appid: string; config: { token: string } }): void
  getProjectSize(
    projectPath: string
  ): Promise<{ main: { path: string; size: number }; sub: Array<{ path: string; size: number }>; total: number }>
  preview(options: {
    project: { path: string }
    page: { path: string; query: string; scene: string; launchFrom: string; location: string }
    qrcode: QrcodeOption
    cache: boolean
    copyToClipboard: boolean
  }): Promise<ProjectQRCode>
  upload(options: {
    project: { path: string }
    qrcode: QrcodeOption
    copyToClipboard: boolean
    changeLog: string
    version: string
    needUploadSourcemap: boolean
  }): Promise<ProjectQRCode>
}

export interface TmaSession {
  tma: TmaApi
  /** Everything the tool printed while it ran, secrets replaced by ***. */
  output: string[]
}

/**
 * Runs tt-ide-cli in a sandbox of its own:
 * - a throwaway `TMA_CLI_HOME` (mode 0700, removed afterwards), so the token set through
 *   `setAppConfig` is never left in the user's home or the repository;
 * - `ALLOW_REPORT_EVENT=no`, which its bundled telemetry reads before every report, so nothing
 *   leaves the machine beyond the explicit preview or upload;
 * - its console output captured and scrubbed of the secrets (it logs request errors, which
 *   carry the `x-cli-token` header), shown only with `--verbose`.
 * tt-ide-cli reads both variables when it runs, so it is loaded only after they are set.
 */
export async function withTma<T>(
  options: { secrets: readonly string[]; verbose: boolean; timeoutMs: number },
  body: (session: TmaSession) => Promise<T>
): Promise<T> {
  const home = mkdtempSync(join(tmpdir(), 'douyin-kit-tma-'))
  const saved = { home: process.env.TMA_CLI_HOME, report: process.env.ALLOW_REPORT_EVENT }
  process.env.TMA_CLI_HOME = home
  process.env.ALLOW_REPORT_EVENT = 'no'
  const output: string[] = []
  const restoreConsole = captureConsole((line) => {
    const clean = scrub(line, options.secrets)
    output.push(clean)
    if (options.verbose) process.stderr.write(`[tma] ${clean}\n`)
  })
  let timer: NodeJS.Timeout | undefined
  try {
    const tma = (await import('tt-ide-cli')) as unknown as TmaApi & { default?: TmaApi }
    const api = typeof tma.preview === 'function' ? tma : (tma.default as TmaApi)
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for Douyin`)),
        options.timeoutMs
      )
      timer.unref()
    })
    return await Promise.race([body({ tma: api, output }), timeout])
  } finally {
    clearTimeout(timer)
    restoreConsole()
    rmSync(home, { recursive: true, force: true })
    restoreEnv('TMA_CLI_HOME', saved.home)
    restoreEnv('ALLOW_REPORT_EVENT', saved.report)
  }
}

function restoreEnv(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name]
  else process.env[name] = value
}

function captureConsole(sink: (line: string) => void): () => void {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const
  // Saved as property descriptors: the functions go back exactly as they were, unbound.
  const originals = methods.map((m) => Object.getOwnPropertyDescriptor(console, m)!)
  for (const m of methods) console[m] = (...args: unknown[]) => sink(format(...args))
  return () => methods.forEach((m, i) => Object.defineProperty(console, m, originals[i]!))
}
