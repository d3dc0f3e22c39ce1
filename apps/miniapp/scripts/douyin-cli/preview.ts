/**
 * `pnpm --filter @douyin-kit/miniapp preview [--dev]`: a production tt build, then a preview
 * through Douyin's official CLI (tt-ide-cli); prints the QR code a phone scans.
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { describeToolError, runCli } from './failure'
import { buildProduction, checkApiBase, DIST, readProjectAppid, requireRealAppid, requireToken, timeoutMs } from './project'
import { printQrcode, qrcodePath } from './qrcode-output'
import { withTma } from './tma'

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
      options: {
        dev: { type: 'boolean' },
        page: { type: 'string' },
        'qrcode-output': { type: 'string' },
        proxy: { type: 'string' },
        project: { type: 'string' },
        'no-build': { type: 'boolean' },
        timeout: { type: 'string', default: '300' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    })
    if (values.help) return void process.stdout.write(USAGE)
    token = requireToken()
    const project = values.project === undefined ? DIST : resolve(values.project)
    if (!values['no-build'] && values.project === undefined) buildProduction(checkApiBase(values.dev === true))
    const appid = readProjectAppid(project)
    requireRealAppid(appid)
    const output = qrcodePath(project, values['qrcode-output'], 'preview.png')

    process.stdout.write(`Previewing ${appid} through tt-ide-cli…\n`)
    const result = await withTma(
      { secrets: [token], verbose: values.verbose === true, timeoutMs: timeoutMs(values.timeout) },
      async ({ tma }) => {
        await tma.setConfig({ proxy: values.proxy ?? null })
        tma.setAppConfig({ appid, config: { token } })
        return tma
          .preview({
            project: { path: project },
            page: { path: values.page ?? '', query: '', scene: '', launchFrom: '', location: '' },
            qrcode: { format: 'imageFile', output },
            cache: false,
            copyToClipboard: false
          })
          .catch((error: unknown) => {
            throw describeToolError('Preview', error, [token])
          })
      }
    )
    await printQrcode(result.shortUrl ?? result.originSchema, output)
  },
  () => [token]
)
