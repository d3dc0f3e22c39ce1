import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DouyinLogger, decryptUserData } from '../src/index.js';
import { type EmuApp, EmulatorHarness } from './emulator-harness.js';

let h: EmulatorHarness;
let app: EmuApp;

beforeAll(async () => {
  h = await EmulatorHarness.start();
  app = await h.createApp();
});
afterAll(() => h.close());

describe('nothing secret reaches logs or errors', () => {
  it('across a run of successful and failing calls', async () => {
    const lines: string[] = [];
    const capture = (level: string) => (message: string, fields: object) => lines.push(`${level} ${message} ${JSON.stringify(fields)}`);
    const logger: DouyinLogger = { debug: capture('debug'), info: capture('info'), warn: capture('warn') };
    const client = h.client(app, { logger });
    const errors: unknown[] = [];
    const attempt = async <T>(p: Promise<T>): Promise<T | undefined> => {
      try {
        return await p;
      } catch (err) {
        errors.push(err);
        return undefined;
      }
    };

    const phone = '13655554444';
    const user = await h.createUser(app.appid, { phone: { countryCode: '86', purePhoneNumber: phone } });
    const tpl = await h.template(app.appid);
    await h.subscribe(app.appid, user.id, tpl);
    const login = await h.login(app.appid, user.id);
    const session = await client.code2Session({ code: login.code!, anonymousCode: login.anonymousCode });
    await attempt(client.code2Session({ code: login.code! })); // 40018
    await attempt(h.client({ ...app, secret: 'wrong-secret-value-42' }, { logger }).code2Session({ code: login.code! })); // 40017
    await attempt(h.client({ ...app, secret: 'wrong-secret-value-42' }, { logger }).getClientToken()); // 10013

    const { code: phoneCode } = await h.admin.phoneNumber({ appid: app.appid, userId: user.id, flow: 'code' });
    await client.getPhoneNumberByCode(phoneCode);
    await attempt(client.getPhoneNumberByCode(phoneCode)); // used code

    await client.notifyV1({ templateId: tpl, openId: user.openid, data: { a: 'b' } });
    await h.fault({ operation: 'notify_v2', errNo: 28001008, times: 1 });
    await attempt(client.notifyV2({ templateId: tpl, openId: user.openid, data: { a: 'b' } }));
    await h.fault({ operation: 'notify_v1', drop: true, times: 1 });
    await attempt(client.notifyV1({ templateId: tpl, openId: user.openid, data: { a: 'b' } }));
    await attempt(client.notifyV1({ accessToken: 'explicit-bad-token-value', templateId: tpl, openId: user.openid, data: { a: 'b' } }));

    const profile = await h.admin.userProfile({ appid: app.appid, userId: user.id });
    await h.login(app.appid, user.id); // rotates the session key: ours is now stale
    const stale = await h.admin.userProfile({ appid: app.appid, userId: user.id });
    try {
      decryptUserData({ ...stale, sessionKey: session.sessionKey!, appId: app.appid });
    } catch (err) {
      errors.push(err);
    }

    const secrets = [
      app.secret,
      'wrong-secret-value-42',
      app.privateKeyPem.split('\n')[1]!,
      await client.appTokens.getToken(),
      await client.clientTokens.getToken(),
      'explicit-bad-token-value',
      session.sessionKey!,
      login.code!,
      login.anonymousCode,
      phoneCode,
      phone,
      profile.encryptedData.slice(0, 24),
    ];
    expect(errors.length).toBeGreaterThanOrEqual(7);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((l) => l.includes('douyin token fetched'))).toBe(true);
    const errorText = errors
      .map((e) => [String((e as Error).message), (e as Error).stack, JSON.stringify(e), inspect(e, { depth: 10 })].join('\n'))
      .join('\n');
    const everything = `${lines.join('\n')}\n${errorText}`;
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(5);
      expect(everything, `a secret leaked: ${secret.slice(0, 4)}…`).not.toContain(secret);
    }
  });
});
