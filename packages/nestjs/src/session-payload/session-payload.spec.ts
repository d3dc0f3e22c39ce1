import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { checkPayloadShape, openSessionPayload, PayloadRejected } from './session-payload.js';
import { PayloadCorruptedError } from './session-payload-errors.js';

const APP_ID = 'tt_unit_app';
const sessionKey = randomBytes(16).toString('base64');

function encrypt(plaintext: string | Buffer, key = sessionKey, { pad = true } = {}) {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(key, 'base64'), iv).setAutoPadding(pad);
  return { encryptedData: Buffer.concat([cipher.update(plaintext), cipher.final()]).toString('base64'), iv: iv.toString('base64') };
}

/** What a tt API hands the mini-program, made here with node:crypto as the platform would. */
function platformPayload(data: Record<string, unknown>, key = sessionKey, appid = APP_ID, timestamp = 1) {
  const rawData = JSON.stringify(data);
  const signature = createHash('sha1')
    .update(rawData + key)
    .digest('hex');
  return { ...encrypt(JSON.stringify({ ...data, watermark: { appid, timestamp } }), key), rawData, signature };
}

type Payload = ReturnType<typeof platformPayload>;

function open(payload: Payload, accept?: (data: { nickName: string }) => boolean) {
  return openSessionPayload<{ nickName: string }>({
    encryptedData: payload.encryptedData,
    iv: payload.iv,
    sessionKey,
    appId: APP_ID,
    signed: { rawData: payload.rawData, signature: payload.signature },
    ...(accept ? { accept } : {}),
  });
}

function rejection(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof PayloadRejected) return error.reason;
    throw error;
  }
  throw new Error('expected a PayloadRejected');
}

describe('openSessionPayload', () => {
  it('returns the decrypted data when signature, key, watermark and accept all check out', () => {
    expect(open(platformPayload({ nickName: '小明' }), (data) => data.nickName === '小明').nickName).toBe('小明');
  });

  it('checks the signature before decrypting anything', () => {
    const genuine = platformPayload({ nickName: 'x' });
    // Garbage that would fail to unpad: only the signature is ever looked at.
    const garbage = { ...genuine, ...encrypt(randomBytes(32), sessionKey, { pad: false }), signature: 'f'.repeat(40) };
    expect(rejection(() => open(garbage))).toBe('bad_signature');
    expect(rejection(() => open({ ...genuine, rawData: '{"nickName":"y"}' }))).toBe('bad_signature');
    // Under another key the signature fails first, too.
    expect(rejection(() => open(platformPayload({ nickName: 'x' }, randomBytes(16).toString('base64'))))).toBe('bad_signature');
  });

  it('rejects every failure after the signature as one error type, whatever went wrong', () => {
    const genuine = platformPayload({ nickName: 'x' });
    const cases: [string, Payload][] = [
      ['bad_padding', { ...genuine, ...encrypt(Buffer.alloc(32, 0), sessionKey, { pad: false }) }],
      ['not_json', { ...genuine, ...encrypt('not json at all') }],
      ['watermark_mismatch', platformPayload({ nickName: 'x' }, sessionKey, 'tt_other')],
    ];
    for (const [reason, payload] of cases) expect(rejection(() => open(payload))).toBe(reason);
    expect(rejection(() => open(genuine, () => false))).toBe('not_accepted');
  });

  it('checks no signature when none is given (the phone payload has none)', () => {
    const payload = encrypt(JSON.stringify({ purePhoneNumber: '13800000000', watermark: { appid: APP_ID, timestamp: 1 } }));
    expect(openSessionPayload<{ purePhoneNumber: string }>({ ...payload, sessionKey, appId: APP_ID }).purePhoneNumber).toBe('13800000000');
    const stale = encrypt('{"purePhoneNumber":"13800000000"}', randomBytes(16).toString('base64'));
    expect(['bad_padding', 'not_json']).toContain(rejection(() => openSessionPayload({ ...stale, sessionKey, appId: APP_ID })));
  });

  it("checks the watermark's age only when asked, and refuses one from the future", () => {
    const now = Date.UTC(2026, 0, 2);
    const at = (secondsAgo: number) => platformPayload({ nickName: 'x' }, sessionKey, APP_ID, now / 1000 - secondsAgo);
    const openAged = (payload: Payload) =>
      openSessionPayload({ ...payload, sessionKey, appId: APP_ID, maxWatermarkAgeSeconds: 300, now, signed: payload });
    expect(openAged(at(299)).watermark.appid).toBe(APP_ID);
    expect(rejection(() => openAged(at(301)))).toBe('watermark_expired');
    expect(rejection(() => openAged(at(-3600)))).toBe('watermark_expired');
    expect(open(at(10 * 365 * 86400)).nickName).toBe('x');
  });
});

describe('checkPayloadShape', () => {
  function corruption(payload: { encryptedData: string; iv: string }): unknown {
    try {
      checkPayloadShape(payload, 'getUserProfile');
    } catch (error) {
      if (error instanceof PayloadCorruptedError) return { code: error.code, reason: error.reason, api: error.api };
      throw error;
    }
    return 'passes';
  }

  it('names how a field was damaged, without needing the key', () => {
    let payload = platformPayload({ nickName: 'x'.repeat(64) });
    while (!payload.encryptedData.includes('+')) payload = platformPayload({ nickName: 'x'.repeat(64) });
    expect(corruption({ ...payload, encryptedData: payload.encryptedData.replaceAll('+', ' ') })).toEqual({
      code: 'PAYLOAD_CORRUPTED',
      reason: 'plus_became_space',
      api: 'getUserProfile',
    });
    expect(corruption({ ...payload, encryptedData: payload.encryptedData.slice(0, -4) })).toMatchObject({ reason: 'not_block_multiple' });
    expect(corruption({ ...payload, iv: payload.iv.slice(0, -4) })).toMatchObject({ reason: 'bad_iv_length' });
  });

  it('passes any well-formed ciphertext, whatever it decrypts to', () => {
    expect(corruption(encrypt(randomBytes(48), randomBytes(16).toString('base64'), { pad: false }))).toBe('passes');
  });
});
