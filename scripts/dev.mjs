// `pnpm dev`: the whole stack in one terminal. Builds the workspace packages the parts need
// (through turbo, cached), then runs three parts side by side: the API with its database and
// emulator (apps/api `dev`), the mini-program's watch build into apps/miniapp/dist-dev
// (apps/miniapp `dev`) and the H5 preview's dev server (apps/miniapp `dev:h5`). It shows
// milestones and errors instead of the parts' routine output (`--verbose` or DEV_VERBOSE=1
// shows everything), then one banner of what runs where.
//
// Not `turbo run dev`: turbo's task graph pulled the production mini-program build into dev
// next to the watch build (both writing dist), prefixes rather than filters output, and leaves
// the shutdown to each task (pnpm's ELIFECYCLE, pg-boss losing PostgreSQL mid-shutdown). Here
// SIGINT/SIGTERM/SIGHUP (Ctrl-C, or sent to the `pnpm dev` process alone) stop every part, the
// API before its database, and exit 0. Each part runs in its own process group, so a signal
// reaches it only from this runner, in that order.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiFilter, eachLine, plain, taroFilter } from './dev/output.mjs';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const API_DIR = join(ROOT, 'apps/api');
const MINIAPP_DIR = join(ROOT, 'apps/miniapp');
const verbose = process.argv.includes('--verbose') || process.env.DEV_VERBOSE === '1';
const started = Date.now();

if (existsSync(join(ROOT, '.env'))) process.loadEnvFile(join(ROOT, '.env'));
const apiPort = process.env.PORT || '3000';
const emulatorPort = process.env.DOUYIN_EMULATOR_PORT || '8787';
const h5Port = process.env.DEV_H5_PORT || '10086';
const h5Url = `http://127.0.0.1:${h5Port}`;
const usesEmulator = !process.env.DOUYIN_APP_SECRET;
// The parts agree on ports: the preview calls this API and this emulator, the API lets it in.
process.env.TARO_APP_API_BASE ||= `http://127.0.0.1:${apiPort}`;
process.env.TARO_APP_EMULATOR_URL ||= `http://127.0.0.1:${emulatorPort}`;
if (h5Port !== '10086') process.env.CORS_ORIGINS ||= `${h5Url},http://localhost:${h5Port}`;

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = (line) => process.stdout.write(`${line}\n`);

/** One `scripts` entry of a workspace package, run as pnpm would (its bins on PATH), without pnpm. */
function runScript(dir, script, { ipc = false } = {}) {
  const command = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts[script];
  const bins = [join(dir, 'node_modules/.bin'), join(ROOT, 'node_modules/.bin')];
  // `exec`: the signal reaches the program, not a shell waiting for it.
  return spawn('sh', ['-c', `exec ${command}`], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])],
    env: { ...process.env, PATH: [...bins, process.env.PATH].join(delimiter) },
  });
}

/** The parts' workspace dependencies, built through turbo (its cache makes a restart instant). */
async function buildPackages() {
  const since = Date.now();
  for (const args of [
    ['run', 'build', '--filter=@douyin-kit/api^...', '--filter=@douyin-kit/miniapp^...'],
    ['run', 'generate', '--filter=@douyin-kit/api'],
  ]) {
    const turbo = spawn(join(ROOT, 'node_modules/.bin/turbo'), [...args, '--output-logs=errors-only', '--ui=stream'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    building = turbo;
    const output = [];
    eachLine(turbo.stdout, (line) => output.push(line));
    eachLine(turbo.stderr, (line) => output.push(line));
    const code = await new Promise((resolve) => turbo.on('close', resolve));
    if (stopping) return false;
    if (code !== 0) {
      say(output.map(plain).join('\n'));
      say(`✖ building the workspace packages failed (turbo ${args.slice(1).join(' ')})`);
      return false;
    }
  }
  say(`  ✓ workspace packages built (${seconds(since)})`);
  return true;
}

const parts = [];
/** The turbo run in progress, if any. */
let building;
let stopping = false;
let bannerShown = false;

function addPart(name, child, { signalGroup }) {
  const part = { name, child, signalGroup, ready: false, exited: false };
  // 'close', not 'exit': the part's last lines are read before the runner reports and exits.
  part.done = new Promise((resolve) =>
    child.on('close', (code, signal) => {
      part.exited = true;
      resolve();
      if (!stopping) {
        say(`✖ ${name} exited (${signal ?? `code ${code}`}); stopping everything.`);
        void stop(1);
      }
    }),
  );
  parts.push(part);
  return part;
}

function printer(prefix) {
  return (line) => say(`${prefix} │ ${line}`);
}

function markReady(part, message) {
  if (part.ready) return;
  part.ready = true;
  say(`  ✓ ${message}`);
  maybeBanner();
}

function startApi() {
  const child = runScript(API_DIR, 'dev', { ipc: true });
  const part = addPart('the API', child, { signalGroup: false });
  const print = printer('api');
  const filter = apiFilter({ verbose, print, isReady: () => part.ready });
  eachLine(child.stdout, filter);
  eachLine(child.stderr, filter);
  child.on('message', (message) => {
    if (message?.type !== 'ready') return;
    part.rows = message.rows;
    markReady(part, `API ready at ${message.apiUrl} (${seconds(started)})`);
  });
}

function startMiniapp() {
  const since = Date.now();
  // From scratch: no page removed since the last run lingers, and app.json appears only once
  // the app is compiled (webpack does not rewrite unchanged files, so their dates tell nothing).
  const out = join(MINIAPP_DIR, 'dist-dev');
  rmSync(out, { recursive: true, force: true });
  const child = runScript(MINIAPP_DIR, 'dev');
  const part = addPart('the mini-program build', child, { signalGroup: true });
  const filter = taroFilter({
    verbose,
    print: printer('tt '),
    onCompiled: (took) => {
      // Taro first compiles its prebundle, then the app: ready once the app itself is written.
      if (!part.ready) {
        if (existsSync(join(out, 'app.json'))) markReady(part, `mini-program built into apps/miniapp/dist-dev (${seconds(since)})`);
      } else if (bannerShown && took !== undefined) say(`tt  │ rebuilt apps/miniapp/dist-dev in ${took.toFixed(1)} s`);
    },
  });
  eachLine(child.stdout, filter);
  eachLine(child.stderr, filter);
}

function startH5() {
  const since = Date.now();
  const child = runScript(MINIAPP_DIR, 'dev:h5');
  const part = addPart('the H5 preview', child, { signalGroup: true });
  const filter = taroFilter({
    verbose,
    print: printer('h5 '),
    onCompiled: () => {
      if (part.ready) return;
      fetch(h5Url).then(
        (response) => response.ok && markReady(part, `H5 preview compiled (${seconds(since)})`),
        () => {}, // not serving yet: the next compilation asks again
      );
    },
  });
  eachLine(child.stdout, filter);
  eachLine(child.stderr, filter);
}

function maybeBanner() {
  if (bannerShown || stopping || !parts.every((part) => part.ready)) return;
  bannerShown = true;
  const rows = [
    ...parts.find((part) => part.rows).rows,
    ['Mini-program', 'apps/miniapp/dist-dev (open this folder in Douyin DevTools; rebuilt on every change)'],
    ['H5 preview', usesEmulator ? `${h5Url}   (the emulator plays the phone)` : `${h5Url}   (needs the emulator: unset DOUYIN_APP_SECRET)`],
    ['Notify', 'pnpm -s --filter @douyin-kit/api notify --help   (send a subscription message)'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  say(
    [
      '',
      `──────────── douyin-kit dev: ready in ${seconds(started)} ────────────`,
      ...rows.map(([label, text]) => `${label.padEnd(width)}${text}`),
      'Stop with Ctrl-C.',
      '',
    ].join('\n'),
  );
}

/** Stops every part (the API stops its emulator and database itself, after its server), then exits. */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (parts.length) say(code === 0 ? '\nStopping…' : 'Stopping…');
  building?.kill('SIGTERM');
  for (const part of parts) signal(part, 'SIGTERM');
  const force = setTimeout(() => {
    say('Some parts did not stop within 30 s: killing them.');
    for (const part of parts) signal(part, 'SIGKILL', true);
  }, 30_000);
  await Promise.all(parts.map((part) => part.done));
  clearTimeout(force);
  if (code === 0) say('Stopped.');
  process.exit(code);
}

function signal(part, name, group = part.signalGroup) {
  if (part.exited) return;
  try {
    // A Taro build's group includes its workers; the API's part stops its own children in order.
    process.kill(group ? -part.child.pid : part.child.pid, name);
  } catch {
    // already gone
  }
}

for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(name, () => void stop(0));

say(`douyin-kit dev: building, then starting the API, the mini-program and its H5 preview${verbose ? '' : ' (--verbose shows all their output)'}…`);
if (await buildPackages()) {
  if (!stopping) {
    startApi();
    startMiniapp();
    startH5();
    // The first start compiles everything: a line every 30 s says what is still on its way.
    const heartbeat = setInterval(() => {
      const pending = parts.filter((part) => !part.ready).map((part) => part.name);
      if (bannerShown || stopping || !pending.length) clearInterval(heartbeat);
      else say(`  … still starting ${pending.join(', ')} (${seconds(started)})`);
    }, 30_000);
  }
} else if (!stopping) {
  process.exit(1);
}
