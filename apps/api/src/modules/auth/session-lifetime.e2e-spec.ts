import { randomUUID } from 'node:crypto';
import { ZAddress, ZAddressList, ZErrorEnvelope, ZLoginResponse, ZUser, type TLoginResponse } from '@douyin-kit/contracts';
import { createTt, type TtLike } from '@douyin-kit/douyin-emulator/tt';
import { postJson, requestJson, sql } from '../../../test/api-user.js';
import { extraApps, startApp, type RunningApp } from '../../../test/create-app.js';
import { emulator } from '../../../test/emulator.js';
import { LAST_USED_INTERVAL_MS } from './session.guard.js';

let running: RunningApp;
const extra = extraApps();
beforeAll(async () => {
  running = await startApp();
});
afterAll(async () => {
  await extra.closeAll();
  await running.close();
});

const call = (method: 'GET' | 'POST' | 'DELETE', path: string, token: string, body?: unknown) =>
  requestJson(running.baseUrl, method, path, body, token);

/** A phone: `userId` on `deviceId`, whose chooseAddress returns an address of its own. */
function phone(userId: string, deviceId: string): TtLike {
  const address = {
    userName: '张三',
    telNumber: '13800000000',
    provinceName: '浙江省',
    cityName: '杭州市',
    countyName: '西湖区',
    detailInfo: `文三路 ${randomUUID().slice(0, 8)} 号`,
  };
  return createTt({ emulatorUrl: emulator.url, appid: emulator.appId, userId, deviceId, address });
}

/** tt.login on the phone, then POST /auth/login with whatever codes it gave. */
async function logIn(tt: TtLike, app: RunningApp = running): Promise<TLoginResponse> {
  const { code, anonymousCode } = await tt.login();
  const response = await postJson(app.baseUrl, '/auth/login', code ? { code, anonymousCode } : { anonymousCode });
  expect(response.status).toBe(200);
  return ZLoginResponse.parse(response.body);
}

/** Someone not logged in to the host app uses the device and saves an address there. */
async function visitorWithAddress(deviceId: string) {
  const visitor = await emulator.createUser({ loggedIn: false });
  const tt = phone(visitor.id, deviceId);
  const login = await logIn(tt);
  expect(login.user.isAnonymous).toBe(true);
  const saved = await call('POST', '/me/addresses', login.token, await tt.chooseAddress());
  expect(saved.status).toBe(200);
  return { login, address: ZAddress.parse(saved.body) };
}

/** The anonymous token opens nothing any more: not /me, not the addresses, not a delete. */
async function expectLockedOut(token: string, addressId: string) {
  for (const [method, path] of [
    ['GET', '/me'],
    ['GET', '/me/addresses'],
    ['DELETE', `/me/addresses/${addressId}`],
  ] as const) {
    const response = await call(method, path, token);
    expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
    expect(ZErrorEnvelope.parse(response.body).error.code).toBe('UNAUTHENTICATED');
  }
}

describe('an anonymous session ends with its anonymous identity', () => {
  it('merge: the anonymous token gets 401 everywhere; the new token owns the merged data', async () => {
    const owner = await emulator.createUser();
    const before = await logIn(phone(owner.id, `device-${randomUUID()}`));
    const deviceId = `device-${randomUUID()}`;
    const anonymous = await visitorWithAddress(deviceId);

    // The owner logs in on the visitor's device: tt.login there returns both codes.
    const merged = await logIn(phone(owner.id, deviceId));

    expect(merged.user).toMatchObject({ id: before.user.id, isAnonymous: false });
    await expectLockedOut(anonymous.login.token, anonymous.address.id);
    expect(await sql('SELECT id FROM sessions WHERE user_id = $1', [anonymous.login.user.id])).toEqual([]);
    // The owner's own sessions are untouched, and the new one owns the merged address.
    expect((await call('GET', '/me', before.token)).status).toBe(200);
    expect(ZUser.parse((await call('GET', '/me', merged.token)).body).id).toBe(before.user.id);
    const list = ZAddressList.parse((await call('GET', '/me/addresses', merged.token)).body);
    expect(list.addresses.map((a) => a.id)).toContain(anonymous.address.id);
    expect((await call('DELETE', `/me/addresses/${anonymous.address.id}`, merged.token)).status).toBe(204);
  });

  it('upgrade: the anonymous row becomes the real user, and its old sessions are revoked in the same login', async () => {
    const deviceId = `device-${randomUUID()}`;
    const anonymous = await visitorWithAddress(deviceId);
    const second = await logIn(phone((await emulator.createUser({ loggedIn: false })).id, deviceId));
    expect(second.user.id).toBe(anonymous.login.user.id);

    // A user new to this app logs in on that device: the anonymous row is upgraded in place.
    const newcomer = await emulator.createUser();
    const upgraded = await logIn(phone(newcomer.id, deviceId));

    expect(upgraded.user).toMatchObject({ id: anonymous.login.user.id, isAnonymous: false });
    await expectLockedOut(anonymous.login.token, anonymous.address.id);
    await expectLockedOut(second.token, anonymous.address.id);
    const rows = await sql<{ revoked: boolean }>('SELECT revoked_at IS NOT NULL AS revoked FROM sessions WHERE user_id = $1 ORDER BY created_at', [
      upgraded.user.id,
    ]);
    expect(rows).toEqual([{ revoked: true }, { revoked: true }, { revoked: false }]);
    const list = ZAddressList.parse((await call('GET', '/me/addresses', upgraded.token)).body);
    expect(list.addresses.map((a) => a.id)).toEqual([anonymous.address.id]);
    expect((await call('DELETE', `/me/addresses/${anonymous.address.id}`, upgraded.token)).status).toBe(204);
  });
});

describe('live sessions per user (SESSIONS_MAX_PER_USER)', () => {
  it('revokes the oldest live sessions beyond the cap, on the first login and on returning ones', async () => {
    const capped = await extra.start({ SESSIONS_MAX_PER_USER: '3' });
    const user = await emulator.createUser();
    const tt = phone(user.id, `device-${randomUUID()}`);
    const logins: TLoginResponse[] = [];
    for (let i = 0; i < 5; i++) logins.push(await logIn(tt, capped));

    const statuses = [];
    for (const login of logins) statuses.push((await requestJson(capped.baseUrl, 'GET', '/me', undefined, login.token)).status);
    expect(statuses).toEqual([401, 401, 200, 200, 200]);
    const [live] = await sql<{ count: number }>(
      'SELECT count(*)::int AS count FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()',
      [logins[0]!.user.id],
    );
    expect(live!.count).toBe(3);
  });

  it('counts only live sessions: an expired one neither counts nor is revoked', async () => {
    const capped = await extra.start({ SESSIONS_MAX_PER_USER: '2' });
    const tt = phone((await emulator.createUser()).id, `device-${randomUUID()}`);
    const first = await logIn(tt, capped);
    await sql("UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = $1", [first.user.id]);
    const second = await logIn(tt, capped);
    const third = await logIn(tt, capped);

    const rows = await sql<{ expired: boolean; revoked: boolean }>(
      'SELECT expires_at < now() AS expired, revoked_at IS NOT NULL AS revoked FROM sessions WHERE user_id = $1 ORDER BY created_at',
      [first.user.id],
    );
    expect(rows).toEqual([
      { expired: true, revoked: false },
      { expired: false, revoked: false },
      { expired: false, revoked: false },
    ]);
    expect((await requestJson(capped.baseUrl, 'GET', '/me', undefined, second.token)).status).toBe(200);
    expect((await requestJson(capped.baseUrl, 'GET', '/me', undefined, third.token)).status).toBe(200);
  });
});

describe('sessions.last_used_at', () => {
  const lastUsed = async (userId: string) =>
    (await sql<{ last_used_at: Date | null }>('SELECT last_used_at FROM sessions WHERE user_id = $1', [userId]))[0]!.last_used_at;

  it('is written on first use, then at most once per interval', async () => {
    const login = await logIn(phone((await emulator.createUser()).id, `device-${randomUUID()}`));
    expect(await lastUsed(login.user.id)).toBeNull();

    expect((await call('GET', '/me', login.token)).status).toBe(200);
    const first = await lastUsed(login.user.id);
    expect(first).toBeInstanceOf(Date);
    expect(Math.abs(first!.getTime() - Date.now())).toBeLessThan(60_000);

    await Promise.all([call('GET', '/me', login.token), call('GET', '/me/addresses', login.token)]);
    expect(await lastUsed(login.user.id)).toEqual(first);

    // Older than the interval: the next request writes it again.
    const stale = new Date(Date.now() - LAST_USED_INTERVAL_MS - 1000);
    await sql('UPDATE sessions SET last_used_at = $2 WHERE user_id = $1', [login.user.id, stale]);
    expect((await call('GET', '/me', login.token)).status).toBe(200);
    expect((await lastUsed(login.user.id))!.getTime()).toBeGreaterThan(stale.getTime() + 1000);
  });
});
