import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorAdmin, EmulatorAdminError } from '../src/admin/index.js';
import { APPID, SECRET, startHarness, type Harness } from './harness.js';

let h: Harness;
let admin: EmulatorAdmin;
beforeAll(async () => {
  h = await startHarness();
  admin = new EmulatorAdmin(`${h.emulator.url}/`);
});
afterAll(() => h.close());
beforeEach(() => admin.reset());

describe('EmulatorAdmin (the typed client of /__emulator)', () => {
  it('drives the console side: apps, users, templates', async () => {
    const app = await admin.createApp();
    expect(app.privateKeyPem).toContain('PRIVATE KEY');
    expect((await admin.app(app.appid))?.secret).toBe(app.secret);
    expect(await admin.app('tt_nobody')).toBeUndefined();
    const user = await admin.createUser({ appid: app.appid, nickname: 'Client', phone: { countryCode: '86', purePhoneNumber: '13900000009' } });
    expect(user).toMatchObject({ appid: app.appid, nickname: 'Client', loggedIn: true, phone: { purePhoneNumber: '13900000009' } });
    expect((await admin.users(app.appid)).map((u) => u.id)).toEqual([user.id]);
    await admin.createTemplate({ appid: app.appid, templateId: 'T_CLIENT', title: 't', kind: 'one_time' });
    expect((await admin.templates(app.appid)).map((t) => t.templateId)).toEqual(['T_CLIENT']);
  });

  it('plays the phone: login, profile, phone number, subscribe; the inbox', async () => {
    const login = await admin.login({ appid: APPID, userId: 'alice' });
    expect(login).toMatchObject({ isLogin: true, code: expect.any(String), anonymousCode: expect.any(String) });
    expect(await admin.checkSession({ appid: APPID, userId: 'alice' })).toEqual({ valid: true });
    expect((await admin.userProfile({ appid: APPID, userId: 'alice' })).userInfo.nickName).toBe('Alice');
    expect(await admin.phoneNumber({ appid: APPID, userId: 'alice', flow: 'code' })).toMatchObject({ code: expect.any(String) });
    const subscribed = await admin.subscribe({ appid: APPID, userId: 'alice', tmplIds: ['T_LONG'], decisions: { T_LONG: 'reject' } });
    expect(subscribed.legacy).toMatchObject({ T_LONG: 'reject' });
    expect(await admin.inbox({ appid: APPID, openid: 'nobody' })).toEqual([]);
    expect((await admin.issuedSecrets()).loginCodes).toContain(login.code);
  });

  it('counts one caller’s calls with a latency-only fault rule, and removes it', async () => {
    const counter = await admin.countCalls('token', { appid: 'tt_counted' });
    expect(await counter.count()).toBe(0);
    await fetch(`${h.emulator.url}/api/apps/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appid: 'tt_counted', secret: 'x', grant_type: 'client_credential' }),
    });
    expect(await counter.count()).toBe(1);
    expect((await admin.calls()).token).toBe(1);
    await counter.remove();
    await counter.remove();
    expect(await admin.faults()).toEqual([]);
    expect(await counter.count()).toBe(0);
  });

  it('lists recent platform calls and adds a gateway fault (HTTP status, HTML body)', async () => {
    const rule = await admin.addFault({ operation: 'token', httpStatus: 502, times: 1 });
    expect(rule).toMatchObject({ httpStatus: 502, body: null, contentType: null, errNo: null });
    const post = () =>
      fetch(`${h.emulator.url}/api/apps/v2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-trace': 't1' },
        body: JSON.stringify({ appid: APPID, secret: 'x', grant_type: 'client_credential' }),
      });
    expect((await post()).status).toBe(502);
    expect((await post()).status).toBe(200);
    const calls = await admin.recentCalls({ operation: 'token' });
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/api/apps/v2/token', contentType: 'application/json', headers: { 'x-trace': 't1' } });
    expect(await admin.recentCalls({ operation: 'notify_v2' })).toEqual([]);
    expect(await admin.recentCalls({ limit: 1 })).toEqual([calls[1]]);
  });

  it('shows the ledger: session state, issued tokens (masked only) and subscriptions', async () => {
    const alice = () => admin.users(APPID).then((users) => users.find((u) => u.id === 'alice')!);
    expect((await alice()).hasSession).toBe(false);
    await admin.login({ appid: APPID, userId: 'alice' });
    expect((await alice()).hasSession).toBe(true);

    const issue = () =>
      fetch(`${h.emulator.url}/api/apps/v2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ appid: APPID, secret: SECRET, grant_type: 'client_credential' }),
      }).then((res) => res.json() as Promise<{ data: { access_token: string } }>);
    const first = (await issue()).data.access_token;
    const second = (await issue()).data.access_token;
    const tokens = await admin.tokens(APPID);
    expect(tokens.map((t) => t.kind)).toEqual(['app', 'app']);
    expect(tokens[1]).toMatchObject({ appid: APPID, masked: `${second.slice(0, 4)}…${second.slice(-4)}`, expired: false });
    // Never the token itself, nor a long enough piece of it to use.
    expect(JSON.stringify(tokens)).not.toContain(first.slice(4, -4));
    expect(JSON.stringify(tokens)).not.toContain(second.slice(4, -4));
    await admin.advanceClock(600);
    expect((await admin.tokens(APPID)).map((t) => t.expired)).toEqual([true, false]);

    await admin.subscribe({ appid: APPID, userId: 'alice', tmplIds: ['T_ONCE'] });
    await admin.subscribe({ appid: APPID, userId: 'alice', tmplIds: ['T_LONG'] });
    expect(await admin.subscriptions(APPID)).toEqual([
      expect.objectContaining({ userId: 'alice', templateId: 'T_ONCE', credits: 1, longTerm: false, banned: false }),
      expect.objectContaining({ userId: 'alice', templateId: 'T_LONG', longTerm: true }),
    ]);
    expect(await admin.subscriptions('tt_nobody')).toEqual([]);
  });

  it('moves the clock forward', async () => {
    const before = await admin.clock();
    const after = await admin.advanceClock(3600);
    expect(after.offsetMs - before.offsetMs).toBeGreaterThanOrEqual(3_600_000);
  });

  it('fails with the status and the emulator’s reason, never the answer’s other fields', async () => {
    const failure = await admin.login({ appid: APPID, userId: 'nobody' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EmulatorAdminError);
    expect(failure).toMatchObject({ status: 400, path: '/device/login' });
    expect((failure as Error).message).toMatch(/^emulator POST \/device\/login: HTTP 400 \S/);
    const refused = await admin.subscribe({ appid: APPID, userId: 'guest', tmplIds: [] }).catch((error: EmulatorAdminError) => error);
    expect(refused).toMatchObject({ status: 422, body: { errMsg: expect.stringContaining('requestSubscribeMessage:fail') } });
  });
});
