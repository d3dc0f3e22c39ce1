import { createHmac, randomBytes } from 'node:crypto';

// Secrets and codes come from the CSPRNG even in an emulator: callers may log or compare them,
// and a predictable sequence would hide bugs where two apps or users share a value.

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export function randomAlphanumeric(length: number): string {
  return alphanumeric(randomBytes(length));
}

function alphanumeric(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

/** 16 random bytes, base64: the 24-character session_key of the real platform. */
export function newSessionKey(): string {
  return randomBytes(16).toString('base64');
}

export const newAppid = (): string => `tt${randomHex(8)}`;
export const newSecret = (): string => randomHex(20);
export const newUserId = (): string => `u_${randomAlphanumeric(10)}`;

// A user's ids are derived from the app and the user id, not drawn at random: a dev database
// that keeps rows by openid still matches `u_alice` after the emulator restarts, as a real
// user keeps their openid. The key is public (a namespace, not a secret): the emulator's ids
// are fake, and anyone may compute them (`deriveOpenid`).
const DERIVATION_KEY = 'douyin-emulator/ids/v1';
const derive = (...parts: string[]): Buffer => createHmac('sha512', DERIVATION_KEY).update(parts.join('\u0000')).digest();

/** The openid of emulator user `userId` in app `appid`: the same on every start, different per app. */
export const deriveOpenid = (appid: string, userId: string): string => `_000${alphanumeric(derive('openid', appid, userId).subarray(0, 40))}`;
/** The unionid of emulator user `userId` of app `appid` (36 hex characters, like the platform's). */
export const deriveUnionid = (appid: string, userId: string): string => derive('unionid', appid, userId).subarray(0, 18).toString('hex');
/** anonymous_openid is per device and app; derived the same way so it survives restarts too. */
export const deriveAnonymousOpenid = (appid: string, deviceId: string): string =>
  `_000${alphanumeric(derive('anonymous_openid', appid, deviceId).subarray(0, 40))}`;
export const newLoginCode = (): string => randomAlphanumeric(32);
export const newAppToken = (): string => `0801121${randomHex(40)}`;
export const newClientToken = (): string => `clt.${randomHex(32)}`;
export const newFaultId = (): string => `f_${randomHex(6)}`;

/** log_id in the platform's shape: a UTC timestamp followed by random hex. */
export function newLogId(nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}${randomHex(10).toUpperCase()}`;
}
