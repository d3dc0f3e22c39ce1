// The emulator's command as an npm user runs it: `npx douyin-emulator --help`, then a start on
// a free port with a seed file, answered over HTTP, stopped by SIGTERM with exit code 0.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Both spellings: the bin's own name, and the package name (what the README tells users to run).
for (const command of ['douyin-emulator', '@douyin-kit/douyin-emulator']) {
  const { stdout } = await run('npx', ['--no-install', command, '--help']);
  assert.match(stdout, /^douyin-emulator \[--port 8787\] \[--host 127\.0\.0\.1\] \[--seed seed\.json\]/, `npx ${command} --help prints the usage`);
}

const badSeed = await run('npx', ['--no-install', 'douyin-emulator', '--port', '0', '--seed', 'bad-seed.json']).then(
  () => assert.fail('a bad seed file must fail the start'),
  (error) => error,
);
assert.equal(badSeed.code, 1);
assert.match(badSeed.stderr, /invalid seed file bad-seed\.json/);

const port = await freePort();
// The installed bin itself (what npx resolves to), so the signal and the exit code are its own.
const cli = spawn('node_modules/.bin/douyin-emulator', ['--port', String(port), '--seed', 'seed.json'], { stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
cli.stdout.on('data', (chunk) => (output += chunk));
cli.stderr.on('data', (chunk) => (output += chunk));
const exited = once(cli, 'exit');
try {
  const url = `http://127.0.0.1:${port}`;
  await waitForStart(url);
  assert.match(output, /app tt_pack_test_cli/);

  const users = await (await fetch(`${url}/__emulator/users?appid=tt_pack_test_cli`)).json();
  assert.deepEqual(
    users.map((user) => user.id),
    ['u_cli'],
  );
  const token = await (
    await fetch(`${url}/api/apps/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appid: 'tt_pack_test_cli', secret: 'pack-test-cli-secret-not-real', grant_type: 'client_credential' }),
    })
  ).json();
  assert.equal(token.err_no, 0, 'the seeded app gets an access token');
} finally {
  cli.kill('SIGTERM');
}
// An unref'd timer: it must not hold this script open once the emulator has exited.
const [code, signal] = await Promise.race([
  exited,
  sleep(10_000, undefined, { ref: false }).then(() => assert.fail(`no exit 10 s after SIGTERM:\n${output}`)),
]);
assert.equal(signal, null, `exited by itself on SIGTERM, not killed:\n${output}`);
assert.equal(code, 0, `exit code 0 after SIGTERM:\n${output}`);
console.log('emulator-cli consumer: --help, start with --port and --seed, SIGTERM passed');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Started: it printed where it listens (after applying the seed) and answers over HTTP.
async function waitForStart(url) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ok =
      output.includes(`Douyin emulator listening on ${url}`) &&
      (await fetch(`${url}/__emulator/health`).then(
        (response) => response.ok,
        () => false,
      ));
    if (ok) return;
    if (cli.exitCode !== null || Date.now() > deadline) assert.fail(`the emulator did not answer on ${url}:\n${output}`);
    await sleep(100);
  }
}
