import { afterEach, describe, expect, it } from 'vitest';
import { EmulatorAdmin } from '../src/admin/index.js';
import { DEFAULT_DEV_SEED, deriveOpenid, startEmulator, type RunningEmulator, type SeedConfig } from '../src/index.js';
import { APPID, SECRET } from './harness.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

async function start(seed: SeedConfig) {
  const emulator = await startEmulator({ rsaModulusLength: 1024, seed });
  running.push(emulator);
  return { emulator, admin: new EmulatorAdmin(emulator.url) };
}

/** What a server learns from jscode2session for a fresh login of `userId`. */
async function sessionOf(emulator: RunningEmulator, admin: EmulatorAdmin, userId: string, deviceId = 'phone-1') {
  const { anonymousCode } = await admin.login({ appid: APPID, userId, deviceId });
  const { code } = await admin.login({ appid: APPID, userId, deviceId });
  const post = (body: object) =>
    fetch(`${emulator.url}/api/apps/v2/jscode2session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appid: APPID, secret: SECRET, ...body }),
    }).then((res) => res.json() as Promise<{ data: { openid: string; unionid: string; anonymous_openid: string } }>);
  const named = await post({ code });
  const anonymous = await post({ anonymous_code: anonymousCode });
  return { openid: named.data.openid, unionid: named.data.unionid, anonymousOpenid: anonymous.data.anonymous_openid };
}

const seedFor = (appid: string): SeedConfig => ({
  apps: [{ appid, secret: SECRET }],
  users: [
    { id: 'u_alice', appid },
    { id: 'u_bob', appid },
  ],
});

describe('stable user ids (a dev database survives an emulator restart)', () => {
  it('gives seed users the same openid, unionid and anonymous_openid on every start', async () => {
    const first = await start(seedFor(APPID));
    const before = await sessionOf(first.emulator, first.admin, 'u_alice');
    await first.emulator.close();
    const second = await start(seedFor(APPID));
    expect(await sessionOf(second.emulator, second.admin, 'u_alice')).toEqual(before);
    expect(before.openid).toBe(deriveOpenid(APPID, 'u_alice'));
    // Shaped like the platform's: an opaque `_000…` openid and a 36-hex unionid.
    expect(before.openid).toMatch(/^_000[A-Za-z0-9]{40}$/);
    expect(before.unionid).toMatch(/^[0-9a-f]{36}$/);
    expect(before.anonymousOpenid).toMatch(/^_000[A-Za-z0-9]{40}$/);
  });

  it('gives different users, apps and devices different ids', async () => {
    const { admin } = await start({
      ...seedFor(APPID),
      apps: [{ appid: APPID }, { appid: 'tt_other_app' }],
      users: [...seedFor(APPID).users!, { id: 'u_alice_2', appid: 'tt_other_app' }],
    });
    const users = await admin.users();
    const openids = new Set(users.map((u) => u.openid));
    const unionids = new Set(users.map((u) => u.unionid));
    expect(openids.size).toBe(3);
    expect(unionids.size).toBe(3);
    expect(deriveOpenid(APPID, 'u_alice')).not.toBe(deriveOpenid('tt_other_app', 'u_alice'));
  });

  it('keeps the ids a seed or a caller gives', async () => {
    const { admin } = await start({ apps: [{ appid: APPID }], users: [{ id: 'u_fixed', appid: APPID, openid: 'openid-from-seed', unionid: '' }] });
    expect((await admin.users())[0]).toMatchObject({ openid: 'openid-from-seed', unionid: '' });
  });

  it('seeds the dev app with Chinese profiles whose openids do not change', async () => {
    const first = await start(DEFAULT_DEV_SEED);
    const users = await first.admin.users();
    expect(users.map((u) => [u.id, u.nickname, u.city])).toEqual([
      ['u_alice', '小林', '杭州'],
      ['u_bob', '阿杰', '北京'],
    ]);
    expect(users.map((u) => u.openid)).toEqual(users.map((u) => deriveOpenid(u.appid, u.id)));
  });
});
