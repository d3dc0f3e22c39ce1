/**
 * `pnpm --filter @douyin-kit/miniapp upload [changelog]`: a production tt build, then an upload
 * through tt-ide-cli with the version from package.json and a changelog from the argument or
 * the last commit's subject.
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { CliFailure, describeToolError, runCli } from './failure'
import {
  buildProduction,
  checkApiBase,
  DIST,
  lastCommitSubject,
  packageVersion,
  readProjectAppid,
  requireRealAppid,
  requireToken,
  timeoutMs
} from './project'
import { printQrcode, qrcodePath } from './qrcode-output'
import { withTma } from './tma'

const USAGE = `Usage: TMA_TOKEN=… pnpm --filter @douyin-kit/miniapp upload [changelog] [options]

Builds the mini-program for Douyin and uploads it as version <package.json version>.
The changelog defaults to the last commit's subject.
  --qrcode-output <file>   where to write the test version's QR image (default apps/miniapp/.tma/upload.png)
  --proxy <url>            reach Douyin through this proxy
  --project <dir>          a built tt project folder to send instead of building (default: build into apps/miniapp/dist)
  --no-build               send the existing dist/ as it is
  --timeout <seconds>      give up after this long (default 600)
  --verbose                show tt-ide-cli's own output (secrets masked)
`

let token = ''
runCli(
  async () => {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        'qrcode-output': { type: 'string' },
        proxy: { type: 'string' },
        project: { type: 'string' },
        'no-build': { type: 'boolean' },
        timeout: { type: 'string', default: '600' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    })
    if (values.help) return void process.stdout.write(USAGE)
    token = requireToken()
    const version = packageVersion()
    const changeLog = positionals.join(' ').trim() || lastCommitSubject()
    if (!changeLog) throw new CliFailure('No changelog: pass one as the argument (git has no commit to take it from).', 2)
    const project = values.project === undefined ? DIST : resolve(values.project)
    if (!values['no-build'] && values.project === undefined) buildProduction(checkApiBase(false))
    const appid = readProjectAppid(project)
    requireRealAppid(appid)
    const output = qrcodePath(project, values['qrcode-output'], 'upload.png')

    process.stdout.write(`Uploading ${appid} version ${version} (${changeLog})…\n`)
    const result = await withTma(
      { secrets: [token], verbose: values.verbose === true, timeoutMs: timeoutMs(values.timeout) },
      async ({ tma }) => {
        await tma.setConfig({ proxy: values.proxy ?? null })
        tma.setAppConfig({ appid, config: { token } })
        return tma
          .upload({
            project: { path: project },
            qrcode: { format: 'imageFile', output },
            copyToClipboard: false,
            changeLog,
            version,
            needUploadSourcemap: true
          })
          .catch((error: unknown) => {
            throw describeToolError('Upload', error, [token])
          })
      }
    )
    process.stdout.write(`Uploaded version ${version}. Submit it for review in the Douyin console.\n`)
    await printQrcode(result.shortUrl ?? result.originSchema, output)
  },
  () => [token]
)
