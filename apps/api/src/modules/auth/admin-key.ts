import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../core/errors/app-error.js';

/** Header that carries the admin key: kept apart from Authorization, which holds user sessions. */
export const ADMIN_KEY_HEADER = 'x-admin-key';

/**
 * Refuses a request without the admin key (401) or with a wrong one (403). Both sides are
 * hashed first so the comparison is constant-time whatever the lengths: timingSafeEqual needs
 * equal-length inputs, and comparing lengths first would leak the key's length.
 */
export function assertAdminKey(given: string | string[] | undefined, expected: string): void {
  if (typeof given !== 'string' || given.length === 0) {
    throw new AppError('UNAUTHENTICATED', `Send the admin key in the ${ADMIN_KEY_HEADER} header`);
  }
  if (!timingSafeEqual(digest(given), digest(expected))) {
    throw new AppError('FORBIDDEN', 'The admin key is wrong');
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
