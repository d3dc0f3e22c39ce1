import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import { openSessionPayload } from './session-payload.js';

const APP_ID = 'tt_unit_app';
const sessionKey = randomBytes(16).toString('base64');

/** What a tt API hands the mini-program, made here with node:crypto as the platform would. */
function platformPayload(data: Record<string, unknown>, key = sessionKey, appid = APP_ID) {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(key, 'base64'), iv);
  const plaintext = JSON.stringify({ ...data, watermark: { appid, timestamp: 1 } });
  const encryptedData = Buffer.concat([cipher.update(plaintext), cipher.final()]).toString('base64');
  const rawData = JSON.stringify(data);
  const signature = createHash('sha1').update(rawData + key).digest('hex');
  return { encryptedData, iv: iv.toString('base64'), rawData, signature };
}

function open(payload: ReturnType<typeof platformPayload>, key = sessionKey) {
  return openSessionPayload<{ nickName: string }>({
    encryptedData: payload.encryptedData,
    iv: payload.iv,
    sessionKey: key,
    appId: APP_ID,
    api: 'getUserProfile',
    signed: { rawData: payload.rawData, signature: payload.signature },
  });
}

function codeOf(run: () => unknown): { code: string; details: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('openSessionPayload', () => {
  it('returns the decrypted data when key, watermark and signature all check out', () => {
    expect(open(platformPayload({ nickName: '小明' })).nickName).toBe('小明');
  });

  it('calls a payload made under another key stale, even though its signature fails too', () => {
    const payload = platformPayload({ nickName: 'x' }, randomBytes(16).toString('base64'));
    expect(codeOf(() => open(payload)).code).toBe('SESSION_KEY_STALE');
  });

  it('calls a payload that decrypts but whose rawData changed tampered', () => {
    const payload = { ...platformPayload({ nickName: 'x' }), rawData: '{"nickName":"y"}' };
    expect(codeOf(() => open(payload)).code).toBe('SIGNATURE_INVALID');
  });

  it('refuses another app’s watermark', () => {
    expect(codeOf(() => open(platformPayload({ nickName: 'x' }, sessionKey, 'tt_other'))).code).toBe('WATERMARK_MISMATCH');
  });

  it('names how a field was damaged', () => {
    let payload = platformPayload({ nickName: 'x'.repeat(64) });
    while (!payload.encryptedData.includes('+')) payload = platformPayload({ nickName: 'x'.repeat(64) });
    expect(codeOf(() => open({ ...payload, encryptedData: payload.encryptedData.replaceAll('+', ' ') }))).toMatchObject({
      code: 'PAYLOAD_CORRUPTED',
      details: { reason: 'plus_became_space', hint: expect.any(String) },
    });
    expect(codeOf(() => open({ ...payload, encryptedData: payload.encryptedData.slice(0, -4) })).details).toEqual({ reason: 'not_block_multiple' });
    expect(codeOf(() => open({ ...payload, iv: payload.iv.slice(0, -4) })).details).toEqual({ reason: 'bad_iv_length' });
  });

  it('checks no signature when none is given (the phone payload has none)', () => {
    const payload = platformPayload({ purePhoneNumber: '13800000000' });
    const data = openSessionPayload<{ purePhoneNumber: string }>({ ...payload, sessionKey, appId: APP_ID, api: 'getPhoneNumber' });
    expect(data.purePhoneNumber).toBe('13800000000');
  });
});
