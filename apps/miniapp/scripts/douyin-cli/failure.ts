/**
 * What the scripts print when they stop: one sentence, never a stack trace and never an error
 * object (tt-ide-cli's errors are axios errors that carry the request headers, token included).
 */
export class CliFailure extends Error {
  constructor(
    sentence: string,
    readonly exitCode = 1
  ) {
    super(sentence)
  }
}

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPROTO'
])

/** Turns whatever tt-ide-cli threw into one sentence that says what to do next. */
export function describeToolError(action: string, error: unknown, secrets: readonly string[]): CliFailure {
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>
  const code = typeof record.code === 'string' ? record.code : ''
  const rawMessage = error instanceof Error ? error.message : typeof error === 'string' ? error : ''
  const message = scrub(firstLine(rawMessage), secrets).slice(0, 300)
  if (NETWORK_CODES.has(code) || /getaddrinfo|socket hang up|tunneling socket|ECONNREFUSED|ETIMEDOUT/.test(rawMessage)) {
    return new CliFailure(
      `${action} failed: cannot reach Douyin's developer platform (${code || message}); check the network, or pass --proxy.`
    )
  }
  if (/cookie|登录|login|token/i.test(rawMessage)) {
    return new CliFailure(`${action} failed: Douyin refused the credentials (${message}); check that TMA_TOKEN belongs to this appid.`)
  }
  return new CliFailure(`${action} failed: ${message || 'tt-ide-cli gave no reason'}.`)
}

export function scrub(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) if (secret) out = out.split(secret).join('***')
  return out
}

const firstLine = (text: string) => text.split('\n', 1)[0]?.trim() ?? ''

/**
 * Runs a script's body and turns its end into an exit code. Unexpected errors print their
 * first line only: a stack trace helps nobody who runs `pnpm preview` and can leak what it holds.
 */
export function runCli(body: () => Promise<void>, secrets: () => readonly string[] = () => []): void {
  body().then(
    () => process.exit(0),
    (error: unknown) => {
      const failure =
        error instanceof CliFailure
          ? error
          : isUsageError(error)
            ? new CliFailure(`${error.message} (--help lists the options)`, 2)
            : describeToolError('The command', error, secrets())
      process.stderr.write(`error: ${scrub(failure.message, secrets())}\n`)
      process.exit(failure.exitCode)
    }
  )
}

/** node:util parseArgs' errors: a mistyped option, a missing value. */
const isUsageError = (error: unknown): error is Error =>
  error instanceof Error && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_')
