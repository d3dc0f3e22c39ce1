import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: opaque to clients, unguessable. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash is stored: a database leak does not yield usable tokens. */
export function hashSessionToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Syntactic check before any database work: 43 base64url characters. */
export function looksLikeSessionToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
