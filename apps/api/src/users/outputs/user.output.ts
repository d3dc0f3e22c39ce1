import type { TUser } from '@douyin-kit/contracts';
import type { User } from '../../generated/prisma/client.js';

/** Maps a row to the public shape; secret columns are never read here. */
export function toUserOutput(user: User): TUser {
  return {
    id: user.id,
    isAnonymous: user.openId === null,
    nickname: user.nickname,
    avatarUrl: user.avatarUrl,
    gender: user.gender === 0 || user.gender === 1 || user.gender === 2 ? user.gender : null,
    country: user.country,
    province: user.province,
    city: user.city,
    phoneMasked: user.phoneMasked,
    createdAt: user.createdAt.toISOString(),
  };
}
