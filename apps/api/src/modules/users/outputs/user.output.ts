import type { TUser } from '@douyin-kit/contracts';
import type { User } from '../../../generated/prisma/client.js';

/** The columns the public shape is made of (no secret column among them). */
export type UserOutputRow = Pick<
  User,
  'id' | 'openId' | 'nickname' | 'avatarUrl' | 'gender' | 'country' | 'province' | 'city' | 'phoneMasked' | 'createdAt'
>;

/** Maps a row to the public shape; secret columns are never read here. */
export function toUserOutput(user: UserOutputRow): TUser {
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
