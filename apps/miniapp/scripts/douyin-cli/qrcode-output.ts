import { mkdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import QRCode from 'qrcode'
import { CliFailure } from './failure'
import { APP_ROOT } from './project'

/** Where the QR image goes: never inside the project folder, all of which gets uploaded. */
export function qrcodePath(project: string, option: string | undefined, fallbackName: string): string {
  const path = resolve(option ?? join(APP_ROOT, '.tma', fallbackName))
  if (!relative(project, path).startsWith('..'))
    throw new CliFailure('--qrcode-output must be outside the project folder (everything in it is uploaded).', 2)
  mkdirSync(dirname(path), { recursive: true })
  return path
}

/** Prints the link a phone opens, as a QR code in the terminal and as text. */
export async function printQrcode(link: string | undefined, file: string): Promise<void> {
  if (!link) return void process.stdout.write(`QR code: ${file}\n`)
  process.stdout.write(await QRCode.toString(link, { type: 'terminal', small: true }))
  process.stdout.write(`Scan it with Douyin, or open ${link}\nQR code image: ${file}\n`)
}
