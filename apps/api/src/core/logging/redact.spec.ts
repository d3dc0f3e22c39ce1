import { isSecretKey, REDACTED, redactSecrets } from './redact.js';

describe('redactSecrets', () => {
  it('hides secret keys at any depth, in any spelling', () => {
    const logged = {
      operation: 'jscode2session',
      request: { body: { appid: 'tt1', secret: 's3cr3t', code: 'c0de', anonymous_code: 'anon' } },
      response: { data: { session_key: 'sk', openid: 'o1' }, list: [{ purePhoneNumber: '13800000000' }] },
      headers: { Authorization: 'Bearer abc', 'user-agent': 'ua' },
      clientToken: 'ct',
      douyinAppSecret: 'das',
    };
    expect(redactSecrets(logged)).toEqual({
      operation: 'jscode2session',
      request: { body: { appid: 'tt1', secret: REDACTED, code: REDACTED, anonymous_code: REDACTED } },
      response: { data: { session_key: REDACTED, openid: 'o1' }, list: [{ purePhoneNumber: REDACTED }] },
      headers: { Authorization: REDACTED, 'user-agent': 'ua' },
      clientToken: REDACTED,
      douyinAppSecret: REDACTED,
    });
  });

  it('walks errors, including their own fields and cause, and survives cycles', () => {
    const cause = Object.assign(new Error('upstream'), { accessToken: 'at' });
    const error = Object.assign(new Error('failed', { cause }), { details: { encryptedData: 'x', iv: 'y' } });
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const out = redactSecrets({ err: error, cyclic }) as { err: Record<string, any>; cyclic: Record<string, unknown> };
    expect(out.err).toMatchObject({ type: 'Error', message: 'failed', details: { encryptedData: REDACTED, iv: REDACTED } });
    expect(out.err.cause).toMatchObject({ message: 'upstream', accessToken: REDACTED });
    expect(out.cyclic.self).toBe('[Circular]');
  });

  it('leaves ordinary keys alone', () => {
    for (const key of ['openid', 'userId', 'requestId', 'errorCode', 'tokenExpiresAt', 'method']) {
      expect(isSecretKey(key), key).toBe(false);
    }
  });

  it('passes a flat line without secrets through uncopied, and still redacts a flat one with a secret', () => {
    const access = { requestId: 'r1', method: 'GET', route: null, status: 200, durationMs: 1.5 };
    expect(redactSecrets(access)).toBe(access);
    const flat = { method: 'POST', session_key: 'sk', status: 200 };
    expect(redactSecrets(flat)).toEqual({ method: 'POST', session_key: REDACTED, status: 200 });
    // Asked twice: the remembered verdict is the same.
    expect(redactSecrets(flat)).toEqual({ method: 'POST', session_key: REDACTED, status: 200 });
  });
});
