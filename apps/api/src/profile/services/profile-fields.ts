import type { ProfileFields } from '../profile.repository.js';

/**
 * Reads the profile fields from a decrypted getUserProfile payload. The payload is signed by
 * the platform, so nothing here is an attack surface; the checks only keep odd values (empty
 * strings, unexpected types, values longer than the columns) out of the database.
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
