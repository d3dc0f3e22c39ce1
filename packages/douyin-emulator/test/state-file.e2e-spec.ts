import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorAdmin } from '../src/admin/index.js';
import { startEmulator, type RunningEmulator } from '../src/index.js';
import { APPID, SECRET, TEST_SEED } from './harness.js';

let dir: string;
let stateFile: string;
let running: RunningEmulator | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'douyin-emulator-state-'));
  stateFile = join(dir, 'state.json');
});
afterEach(async () => {
  await running?.close();
  running = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function start() {
  running = await startEmulator({ rsaModulusLength: 1024, seed: TEST_SEED, stateFile });
  return { emulator: running, admin: new EmulatorAdmin(running.url) };
}

async function restart() {
  await running!.close();
  return start();
}

const post = (emulator: RunningEmulator, path: string, body: object) =>
  fetch(`${emulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((res) =>
    res.json(),
  );

describe('--state-file: the emulator keeps its state across restarts', () => {
  it('restores sessions, agreements, subscriptions, inbox, tokens, keys and the clock', async () => {
    let { emulator, admin } = await start();
    const alice = () => admin.users(APPID).then((users) => users.find((u) => u.id === 'alice')!);
    await admin.login({ appid: APPID, userId: 'alice' });
    await admin.setPrivacyAgreement('alice', false);
    await admin.subscribe({ appid: APPID, userId: 'alice', tmplIds: ['T_ONCE'] });
    await admin.subscribe({ appid: APPID, userId: 'alice', tmplIds: ['T_LONG'] });
    const token = (await post(emulator, '/api/apps/v2/token', { appid: APPID, secret: SECRET, grant_type: 'client_credential' })).data.access_token;
    const notify = (tplId: string) =>
      post(emulator, '/api/apps/subscribe_notification/developer/v1/notify', {
        access_token: token,
        app_id: APPID,
        tpl_id: tplId,
        open_id: before.openid,
        data: { 状态: '已发货' },
      });
    const before = await alice();
    expect((await notify('T_LONG')).err_no).toBe(0);
    await admin.advanceClock(600);
    const keys = (await admin.app(APPID))!.publicKeyPem;
    const clock = await admin.clock();

    ({ emulator, admin } = await restart());
    expect(await alice()).toEqual(before);
    expect(before).toMatchObject({ hasSession: true, privacyAgreed: null });
    expect((await admin.subscriptions(APPID)).map((s) => [s.templateId, s.credits, s.longTerm])).toEqual([
      ['T_ONCE', 1, false],
      ['T_LONG', 0, true],
    ]);
    expect((await admin.inbox({ appid: APPID })).map((m) => m.templateId)).toEqual(['T_LONG']);
    expect((await admin.app(APPID))!.publicKeyPem).toBe(keys);
    expect((await admin.clock()).offsetMs).toBeGreaterThanOrEqual(clock.offsetMs - 1000);
    // The token the app server cached is still good, and the one-time credit still sends.
    expect((await notify('T_ONCE')).err_no).toBe(0);
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);
  });

  it('goes back to the seed on reset, and stays there after a restart', async () => {
    let { admin } = await start();
    await admin.subscribe({ appid: APPID, userId: 'alice', tmplIds: ['T_ONCE'] });
    await admin.reset();
    ({ admin } = await restart());
    expect(await admin.subscriptions(APPID)).toEqual([]);
    expect((await admin.users(APPID)).map((u) => u.id)).toEqual(['alice', 'bob', 'guest']);
  });

  it('refuses a file that is not its own, naming it', async () => {
    writeFileSync(stateFile, '{"apps": 3}');
    await expect(start()).rejects.toThrow(`state file ${stateFile} is not an emulator state file`);
    writeFileSync(stateFile, 'not json');
    await expect(start()).rejects.toThrow(/is not JSON .*delete it/);
    expect(readFileSync(stateFile, 'utf8')).toBe('not json');
  });
});
