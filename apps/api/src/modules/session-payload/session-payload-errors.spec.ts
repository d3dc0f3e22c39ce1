import { PayloadBudgetSpentError, PayloadCorruptedError, SessionKeyStaleError } from '@douyin-kit/nestjs';
import { payloadBudgetSpent, payloadCorrupted, sessionKeyStale, toPayloadAppError } from './session-payload-errors.js';

describe('payloadCorrupted', () => {
  it('gives the reason, and a hint only for the lost +', () => {
    const cut = payloadCorrupted(new PayloadCorruptedError('getUserProfile', 'not_block_multiple', 'encryptedData is 31 bytes'));
    expect([cut.code, cut.status, cut.details]).toEqual(['PAYLOAD_CORRUPTED', 400, { reason: 'not_block_multiple' }]);
    expect(cut.message).toBe('The getUserProfile payload was damaged on the way: encryptedData is 31 bytes');
    expect(cut.details).not.toHaveProperty('hint');
    const plus = payloadCorrupted(new PayloadCorruptedError('getPhoneNumber', 'plus_became_space', 'x'));
    expect(plus.details).toMatchObject({ reason: 'plus_became_space', hint: expect.stringMatching(/JSON body/) });
  });
});

describe('sessionKeyStale', () => {
  it('tells how to recover, naming the tt API to call again, and carries nothing else', () => {
    const error = sessionKeyStale('getPhoneNumber');
    expect([error.code, error.status, error.details, error.cause]).toEqual(['SESSION_KEY_STALE', 409, undefined, undefined]);
    expect(error.message).toMatch(/tt\.login.*POST \/auth\/login.*getPhoneNumber/);
  });

  it('is the same answer every time for one route', () => {
    const a = sessionKeyStale('getUserProfile');
    const b = sessionKeyStale('getUserProfile');
    expect([a.code, a.message, a.details]).toEqual([b.code, b.message, b.details]);
  });
});

describe('payloadBudgetSpent', () => {
  it('is a 429 with retry advice, saying whether this session was signed out', () => {
    const spent = payloadBudgetSpent('getUserProfile', 42, true);
    expect([spent.code, spent.status, spent.details]).toEqual(['RATE_LIMITED', 429, { retryAfterSeconds: 42 }]);
    expect(spent.message).toMatch(/signed out.*tt\.login.*getUserProfile/);
    expect(payloadBudgetSpent('getUserProfile', 42, false).message).toMatch(/nothing was decrypted/);
  });
});

describe('toPayloadAppError', () => {
  it("maps each of the module's errors to the API's code and passes anything else through", () => {
    expect(toPayloadAppError(new SessionKeyStaleError('getPhoneNumber'))).toMatchObject({ code: 'SESSION_KEY_STALE', status: 409 });
    expect(toPayloadAppError(new PayloadBudgetSpentError('getPhoneNumber', 7, true))).toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: 7 },
      message: expect.stringMatching(/signed out/),
    });
    expect(toPayloadAppError(new PayloadCorruptedError('getPhoneNumber', 'bad_iv_length', 'x'))).toMatchObject({ code: 'PAYLOAD_CORRUPTED' });
    const other = new Error('database down');
    expect(toPayloadAppError(other)).toBe(other);
  });
});
