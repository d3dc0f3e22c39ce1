/**
 * `pnpm --filter @douyin-kit/miniapp upload [changelog]`: a production tt build, then an upload
 * through tt-ide-cli with the version from package.json and a changelog from the argument or
 * the last commit's subject.
 */
import { parseArgs } from 'node:util'
import { CliFailure, runCli } from './failure'
import { lastCommitSubject, packageVersion, requireToken } from './project'
import { printQrcode } from './qrcode-output'
import { prepareSend, SEND_OPTIONS, sendWithToken } from './send'

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
      options: { ...SEND_OPTIONS, timeout: { type: 'string', default: '600' } }
    })
    if (values.help) return void process.stdout.write(USAGE)
    token = requireToken()
    const version = packageVersion()
    const changeLog = positionals.join(' ').trim() || lastCommitSubject()
    if (!changeLog) throw new CliFailure('No changelog: pass one as the argument (git has no commit to take it from).', 2)
    const target = prepareSend(values, { dev: false, qrcodeName: 'upload.png' })

    process.stdout.write(`Uploading ${target.appid} version ${version} (${changeLog})…\n`)
    const result = await sendWithToken(values, target, token, 'Upload', (tma) =>
      tma.upload({
        project: { path: target.project },
        qrcode: { format: 'imageFile', output: target.qrcode },
        copyToClipboard: false,
        changeLog,
        version,
        needUploadSourcemap: true
      })
    )
    process.stdout.write(`Uploaded version ${version}. Submit it for review in the Douyin console.\n`)
    await printQrcode(result.shortUrl ?? result.originSchema, target.qrcode)
  },
  () => [token]
)
