/**
 * `pnpm --filter @douyin-kit/miniapp preview [--dev]`: a production tt build, then a preview
 * through Douyin's official CLI (tt-ide-cli); prints the QR code a phone scans.
 */
import { parseArgs } from 'node:util'
import { runCli } from './failure'
import { requireToken } from './project'
import { printQrcode } from './qrcode-output'
import { prepareSend, SEND_OPTIONS, sendWithToken } from './send'

const USAGE = `Usage: TMA_TOKEN=… pnpm --filter @douyin-kit/miniapp preview [options]

Builds the mini-program for Douyin and previews it on a phone through tt-ide-cli.
  --dev                    allow a TARO_APP_API_BASE a phone cannot reach (http, 127.0.0.1, LAN)
  --page <path>            open this page (e.g. pages/phone/index)
  --qrcode-output <file>   where to write the QR image (default apps/miniapp/.tma/preview.png)
  --proxy <url>            reach Douyin through this proxy
  --project <dir>          a built tt project folder to send instead of building (default: build into apps/miniapp/dist)
  --no-build               send the existing dist/ as it is
  --timeout <seconds>      give up after this long (default 300)
  --verbose                show tt-ide-cli's own output (secrets masked)
`

let token = ''
runCli(
  async () => {
    const { values } = parseArgs({
      options: { ...SEND_OPTIONS, dev: { type: 'boolean' }, page: { type: 'string' }, timeout: { type: 'string', default: '300' } }
    })
    if (values.help) return void process.stdout.write(USAGE)
    token = requireToken()
    const target = prepareSend(values, { dev: values.dev === true, qrcodeName: 'preview.png' })

    process.stdout.write(`Previewing ${target.appid} through tt-ide-cli…\n`)
    const result = await sendWithToken(values, target, token, 'Preview', (tma) =>
      tma.preview({
        project: { path: target.project },
        page: { path: values.page ?? '', query: '', scene: '', launchFrom: '', location: '' },
        qrcode: { format: 'imageFile', output: target.qrcode },
        cache: false,
        copyToClipboard: false
      })
    )
    await printQrcode(result.shortUrl ?? result.originSchema, target.qrcode)
  },
  () => [token]
)
