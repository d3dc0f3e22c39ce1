import { isDeepStrictEqual } from 'node:util';
import { isRecord } from '../../../core/type-guards.js';
import type { ProfileFields } from '../profile.repository.js';

/** The getUserProfile fields the API stores, by their names in rawData and encryptedData. */
const PROFILE_KEYS = ['nickName', 'avatarUrl', 'gender', 'country', 'province', 'city', 'language'] as const;

/** getUserProfile's rawData as the JSON object it must be; null when it is anything else. */
export function parseRawProfile(rawData: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(rawData);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Whether the decrypted payload says what the signed rawData says, for every field the API
 * stores (the watermark and any field it does not store may differ).
 */
export function sameProfile(rawProfile: Record<string, unknown>, decrypted: Record<string, unknown>): boolean {
  return PROFILE_KEYS.every((key) => isDeepStrictEqual(rawProfile[key], decrypted[key]));
}

/**
 * Reads the profile fields from getUserProfile's rawData, once its signature has been checked.
 * The checks only keep odd values (empty strings, unexpected types, values longer than the
 * columns) out of the database.
 */
export function readProfileFields(data: Record<string, unknown>): ProfileFields {
  const avatarUrl = text(data.avatarUrl, Number.POSITIVE_INFINITY);
  return {
    nickname: text(data.nickName, 128),
    // A cut URL is a broken link: drop one that does not fit instead.
    avatarUrl: avatarUrl !== null && avatarUrl.length <= 1024 ? avatarUrl : null,
    gender: data.gender === 0 || data.gender === 1 || data.gender === 2 ? data.gender : null,
    country: text(data.country, 64),
    province: text(data.province, 64),
    city: text(data.city, 64),
    language: text(data.language, 32),
  };
}

function text(value: unknown, max: number): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  // Slice by code points so a cut never splits a surrogate pair (emoji in nicknames).
  return Array.from(value).slice(0, max).join('');
}
