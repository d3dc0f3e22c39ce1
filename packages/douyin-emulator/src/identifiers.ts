import { randomBytes } from 'node:crypto';

// Secrets and codes come from the CSPRNG even in an emulator: callers may log or compare them,
// and a predictable sequence would hide bugs where two apps or users share a value.

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
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
/** Real openids are opaque strings of about this length. */
export const newOpenid = (): string => `_000${randomAlphanumeric(40)}`;
export const newUnionid = (): string => randomHex(18);
export const newLoginCode = (): string => randomAlphanumeric(32);
export const newAppToken = (): string => `0801121${randomHex(40)}`;
export const newClientToken = (): string => `clt.${randomHex(32)}`;
export const newFaultId = (): string => `f_${randomHex(6)}`;

/** log_id in the platform's shape: a UTC timestamp followed by random hex. */
export function newLogId(nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}${randomHex(10).toUpperCase()}`;
}
