/**
 * @jest-environment node
 *
 * The tt-ide-cli scripts as a user runs them (child processes): size measures the real build;
 * preview and upload fail with one sentence and never show the token. No test here reaches
 * the network: failures are provoked before any request, or through a proxy on a closed port.
 */
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const APP_ROOT = join(__dirname, '..', '..')
const DIST = join(APP_ROOT, 'dist')
const TOKEN = 'tma-test-token-3f9c1e'

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function run(script: 'size' | 'preview' | 'upload', args: string[], env: Record<string, string> = {}): Promise<Run> {
  const tsx = require.resolve('tsx/cli')
  const inherited: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'TMA_TOKEN' && name !== 'TARO_APP_API_BASE') inherited[name] = value
  }
  const child = spawn(process.execPath, [tsx, join(APP_ROOT, 'scripts', 'douyin-cli', `${script}.ts`), ...args], {
    cwd: APP_ROOT,
    // The app's global types declare the variables its build needs; a child process needs none of them.
    env: { ...inherited, ...env } as unknown as NodeJS.ProcessEnv
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.on('close', (code: number | null) => resolve({ code, stdout, stderr })))
}

/** A port nothing listens on: the proxy the tool is pointed at refuses every connection. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** The built dist with a non-placeholder appid, in a scratch folder. */
function projectWithAppid(): string {
  const dir = mkdtempSync(join(tmpdir(), 'douyin-kit-cli-test-'))
  const project = join(dir, 'project')
  cpSync(DIST, project, { recursive: true })
  const file = join(project, 'project.config.json')
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), appid: 'tt1234567890abcdef' }))
  return project
}

const oneSentence = (stderr: string) => {
  const lines = stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^error: /)
  expect(stderr).not.toMatch(/\n\s+at /)
}

jest.setTimeout(60_000)

describe('size', () => {
  it("reports tt-ide-cli's own measure of the build, within Douyin's limits", async () => {
    const result = await run('size', ['--json'])
    expect(result.code).toBe(0)
    const [json, ...rows] = result.stdout.trim().split('\n')
    const measure = JSON.parse(json!) as { main: { size: number }; total: number }
    // The same measure through the tool's own command line, independently of the script.
    const cli = await new Promise<string>((resolve) => {
      const home = mkdtempSync(join(tmpdir(), 'tma-home-'))
      const child = spawn(process.execPath, [require.resolve('tt-ide-cli/bin/tma.js'), 'project-size', '--json', DIST], {
        env: { ...process.env, TMA_CLI_HOME: home, ALLOW_REPORT_EVENT: 'no' }
      })
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
      child.on('close', () => {
        rmSync(home, { recursive: true, force: true })
        resolve(out)
      })
    })
    expect(JSON.parse(cli)).toEqual(measure)
    expect(measure.main.size).toBeGreaterThan(100 * 1024)
    expect(rows[0]).toContain(`${(measure.main.size / 1024).toFixed(1)} KiB of 4096.0 KiB`)
    expect(rows.at(-1)).toContain(`${(measure.total / 1024).toFixed(1)} KiB of 16384.0 KiB`)
  })

  it('fails above a budget with one sentence', async () => {
    const result = await run('size', ['--max-main-kib', '100'])
    expect(result.code).toBe(1)
    oneSentence(result.stderr)
    expect(result.stderr).toMatch(/main package is [\d.]+ KiB, over 100\.0 KiB/)
  })
})

describe.each(['preview', 'upload'] as const)('%s', (script) => {
  // upload takes the changelog as its argument; preview takes none.
  const args = (...rest: string[]) => (script === 'upload' ? ['changelog', ...rest] : rest)

  it('without TMA_TOKEN: one sentence, exit 1, before building anything', async () => {
    const result = await run(script, args())
    expect(result.code).toBe(1)
    oneSentence(result.stderr)
    expect(result.stderr).toContain('TMA_TOKEN is not set')
    expect(result.stdout).not.toContain('Building')
  })

  it('refuses an API base a phone cannot reach', async () => {
    const result = await run(script, args(), { TMA_TOKEN: TOKEN, TARO_APP_API_BASE: 'http://192.168.1.10:3000' })
    expect(result.code).toBe(1)
    oneSentence(result.stderr)
    expect(result.stderr).toContain('which a phone cannot reach')
    expect(result.stdout + result.stderr).not.toContain(TOKEN)
  })

  it('with a token but no network: fails cleanly and never shows the token', async () => {
    const project = projectWithAppid()
    try {
      const port = await closedPort()
      const result = await run(script, args('--project', project, '--proxy', `http://127.0.0.1:${port}`, '--verbose'), { TMA_TOKEN: TOKEN })
      expect(result.code).toBe(1)
      const errorLines = result.stderr.split('\n').filter((line) => line.startsWith('error: '))
      expect(errorLines).toEqual([expect.stringContaining("cannot reach Douyin's developer platform")])
      expect(result.stderr).not.toMatch(/\n\s+at /)
      // --verbose shows the tool's own output, which logs the request with its x-cli-token header.
      expect(result.stdout + result.stderr).not.toContain(TOKEN)
    } finally {
      rmSync(join(project, '..'), { recursive: true, force: true })
    }
  })

  it('refuses to write the QR code into the folder it uploads', async () => {
    const project = projectWithAppid()
    try {
      const result = await run(script, args('--project', project, '--qrcode-output', join(project, 'qr.png')), { TMA_TOKEN: TOKEN })
      expect(result.code).toBe(2)
      oneSentence(result.stderr)
    } finally {
      rmSync(join(project, '..'), { recursive: true, force: true })
    }
  })
})

it('a mistyped option is a usage error (exit 2) with one sentence', async () => {
  const result = await run('preview', ['--frobnicate'], { TMA_TOKEN: TOKEN })
  expect(result.code).toBe(2)
  oneSentence(result.stderr)
})
