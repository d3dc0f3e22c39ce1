import { ERROR_CODES, ZErrorEnvelope, ZLoginRequest, httpStatusOf } from './index.js';

describe('ZLoginRequest', () => {
  it('accepts a code, an anonymous code, or both', () => {
    expect(ZLoginRequest.safeParse({ code: 'c1' }).success).toBe(true);
    expect(ZLoginRequest.safeParse({ anonymousCode: 'a1' }).success).toBe(true);
    expect(ZLoginRequest.safeParse({ code: 'c1', anonymousCode: 'a1' }).success).toBe(true);
  });

  it('refuses a body with neither code, blank codes and unknown fields', () => {
    expect(ZLoginRequest.safeParse({}).success).toBe(false);
    expect(ZLoginRequest.safeParse({ code: '   ' }).success).toBe(false);
    expect(ZLoginRequest.safeParse({ code: 'c1', session_key: 'x' }).success).toBe(false);
  });
});

describe('error table', () => {
  it('maps every code to a 4xx or 5xx status', () => {
    for (const [code, status] of Object.entries(ERROR_CODES)) {
      expect([code, status >= 400 && status < 600]).toEqual([code, true]);
    }
    expect(httpStatusOf('UPSTREAM_UNAVAILABLE')).toBe(503);
  });

  it('rejects an envelope with a code outside the table', () => {
    const envelope = { error: { code: 'NOPE', message: 'x', requestId: 'r' } };
    expect(ZErrorEnvelope.safeParse(envelope).success).toBe(false);
    envelope.error.code = 'NOT_FOUND';
    expect(ZErrorEnvelope.safeParse(envelope).success).toBe(true);
  });
});
