/**
 * `pnpm --filter @douyin-kit/miniapp size`: the size of the built tt package as Douyin's own
 * tool measures it (tt-ide-cli's getProjectSize, what `tma project-size --json` prints), against
 * the platform's limits. Offline: it only reads `dist/`.
 */
import { parseArgs } from 'node:util'
import { CliFailure, runCli } from './failure'
import { kib, LIMITS_SOURCE, PACKAGE_LIMITS } from './limits'
import { DIST, readProjectAppid } from './project'
import { withTma } from './tma'

const USAGE = `Usage: pnpm --filter @douyin-kit/miniapp size [--json] [--max-main-kib <n>]

Measures apps/miniapp/dist with tt-ide-cli and fails when a package is over Douyin's limits
(main ${kib(PACKAGE_LIMITS.mainBytes)}, each subpackage ${kib(PACKAGE_LIMITS.subpackageBytes)}, total ${kib(PACKAGE_LIMITS.totalBytes)}; ${LIMITS_SOURCE}).
  --max-main-kib <n>  a stricter budget for the main package (fails above it)
  --json              print the tool's measure as JSON
`

runCli(async () => {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, 'max-main-kib': { type: 'string' }, help: { type: 'boolean', short: 'h' } }
  })
  if (values.help) return void process.stdout.write(USAGE)
  const budget = values['max-main-kib'] === undefined ? undefined : Number(values['max-main-kib']) * 1024
  if (budget !== undefined && !(budget > 0)) throw new CliFailure('--max-main-kib takes a positive number of KiB.', 2)
  readProjectAppid(DIST) // fails with "build first" when there is no build

  const size = await withTma({ secrets: [], verbose: false, timeoutMs: 60_000 }, ({ tma }) => tma.getProjectSize(DIST))
  if (values.json) process.stdout.write(`${JSON.stringify(size)}\n`)

  const problems: string[] = []
  const mainLimit = Math.min(PACKAGE_LIMITS.mainBytes, budget ?? Infinity)
  const rows = [
    { name: 'main package', bytes: size.main.size, limit: mainLimit },
    ...size.sub.map((s) => ({ name: `subpackage ${s.path}`, bytes: s.size, limit: PACKAGE_LIMITS.subpackageBytes })),
    { name: 'total', bytes: size.total, limit: PACKAGE_LIMITS.totalBytes }
  ]
  for (const row of rows) {
    const share = ((row.bytes / row.limit) * 100).toFixed(1)
    process.stdout.write(`${row.name.padEnd(28)} ${kib(row.bytes).padStart(12)} of ${kib(row.limit)} (${share} %)\n`)
    if (row.bytes > row.limit) problems.push(`${row.name} is ${kib(row.bytes)}, over ${kib(row.limit)}`)
  }
  if (size.main.size > PACKAGE_LIMITS.mainAnnouncedBytes) {
    process.stdout.write(
      `note: the main package is over ${kib(PACKAGE_LIMITS.mainAnnouncedBytes)}, the limit Douyin announces for later.\n`
    )
  }
  if (problems.length > 0) throw new CliFailure(`${problems.join('; ')} (limits: ${LIMITS_SOURCE}).`)
})
