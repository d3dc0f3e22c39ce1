import { describe, expect, it } from 'vitest';
import { DouyinApiError } from './douyin-errors.js';
import { documentedErrNos, kindOfErrNo, reasonOfErrNo } from './error-kinds.js';
import { REDACTED, redactBody, redactKnown } from './redact.js';

describe('kindOfErrNo', () => {
  it.each([
    [-1, 'system_busy'],
    [40014, 'bad_request'],
    [40015, 'bad_credentials'],
    [40017, 'bad_credentials'],
    [40018, 'bad_code'],
    [40019, 'bad_code'],
    [40020, 'bad_request'],
    [10002, 'bad_request'],
    [10003, 'bad_credentials'],
    [10013, 'bad_credentials'],
    [10020, 'rate_limited'],
    [1000, 'bad_request'],
    [1001, 'bad_request'],
    [1008, 'content_rejected'],
    [1009, 'banned'],
    [1010, 'rate_limited'],
    [2000, 'system_busy'],
    [28006003, 'rate_limited'],
    [28014043, 'not_subscribed'],
    [28001005, 'system_busy'],
    [28001007, 'bad_request'],
    [28001008, 'token_invalid'],
    [28001003, 'token_invalid'],
    [28001016, 'banned'],
    [28001018, 'capability_missing'],
    [28003017, 'quota_exhausted'],
    [28003018, 'rate_limited'],
    [28014001, 'bad_request'],
    [28014041, 'quota_exhausted'],
    [28005187, 'bad_code'],
    [12345, 'unknown'],
  ])('%i → %s', (errNo, kind) => {
    expect(kindOfErrNo(errNo)).toBe(kind);
  });

  it('maps 30 documented codes', () => {
    expect(documentedErrNos()).toHaveLength(30);
  });
});

describe('reasonOfErrNo', () => {
  it.each([
    ['code2session', 40018, 'login_code_invalid'],
    ['code2session', 40019, 'anonymous_code_invalid'],
    ['code2session', 28005187, 'login_code_invalid'], // any other code refusal names the login code
    ['code2session', 40017, undefined],
    ['code2session', -1, undefined],
    ['get_phonenumber_info', 28005187, 'phone_code_expired'],
    ['get_phonenumber_info', 28001007, 'phone_code_invalid'],
    ['get_phonenumber_info', 40018, 'phone_code_invalid'],
    ['get_phonenumber_info', 28001008, undefined],
    ['get_phonenumber_info', 28001005, undefined],
    ['notify_v2', 28001007, undefined],
    ['notify_v1', 40018, undefined],
  ] as const)('%s %i → %s', (operation, errNo, reason) => {
    expect(reasonOfErrNo(operation, errNo)).toBe(reason);
  });

  it('is carried by the error, its message and its JSON; the kind is unchanged', () => {
    const err = new DouyinApiError({
      operation: 'code2session',
      endpoint: '/api/apps/v2/jscode2session',
      errNo: 40019,
      platformMessage: 'bad anonymous_code',
      httpStatus: 200,
      raw: {},
    });
    expect(err).toMatchObject({ kind: 'bad_code', reason: 'anonymous_code_invalid' });
    expect(err.message).toContain('bad_code: anonymous_code_invalid');
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ kind: 'bad_code', reason: 'anonymous_code_invalid' });
  });
});

describe('redaction', () => {
  it('redacts secret fields at any depth and keeps error numbers', () => {
    const out = redactBody({
      err_no: 1,
      data: { access_token: 'clt.abc', session_key: 'k', openid: 'o', error_code: 10013, list: [{ secret: 's' }] },
    });
    expect(out).toEqual({
      err_no: 1,
      data: { access_token: REDACTED, session_key: REDACTED, openid: 'o', error_code: 10013, list: [{ secret: REDACTED }] },
    });
  });

  it('redacts a bare string payload (phone ciphertext)', () => {
    expect(redactBody({ err_no: 0, data: 'BASE64' })).toEqual({ err_no: 0, data: REDACTED });
  });

  it('removes echoed secrets from platform messages', () => {
    expect(redactKnown('bad code abcdef123 for app', ['abcdef123'])).toBe(`bad code ${REDACTED} for app`);
  });
});

describe('DouyinApiError', () => {
  it('carries kind, errNo, log id and path, and serialises without surprises', () => {
    const err = new DouyinApiError({
      operation: 'notify_v2',
      endpoint: '/api/notification/v2/subscription/notify_user/',
      errNo: 28001008,
      platformMessage: 'access_token expired',
      logId: 'LOG1',
      httpStatus: 200,
      raw: { err_no: 28001008 },
    });
    expect(err).toMatchObject({ kind: 'token_invalid', errNo: 28001008, logId: 'LOG1', httpStatus: 200 });
    expect(err.message).toContain('LOG1');
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ kind: 'token_invalid', endpoint: '/api/notification/v2/subscription/notify_user/' });
  });
});
