import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/database/prisma.service.js';
import type { Prisma, User } from '../../generated/prisma/client.js';
import type { LoginCandidate, LoginIdentity } from './login-plan.js';
import type { UserOutputRow } from './outputs/user.output.js';
import { mergeAnonymousUser } from './user-merge.js';

type Tx = Prisma.TransactionClient;

/** A user row as a login reads it: the public columns and the identities planLogin compares. */
export type LoginRow = UserOutputRow & LoginCandidate;

/** The columns of a UserOutputRow, named as its fields, for the pg pool's reads. */
const OUTPUT_COLUMNS = `id, open_id AS "openId", nickname, avatar_url AS "avatarUrl", gender, country, province, city,
  phone_masked AS "phoneMasked", created_at AS "createdAt"`;

/** The same columns for Prisma, with the identities a login compares. */
const LOGIN_ROW_SELECT = {
  id: true,
  openId: true,
  nickname: true,
  avatarUrl: true,
  gender: true,
  country: true,
  province: true,
  city: true,
  phoneMasked: true,
  createdAt: true,
  unionId: true,
  anonymousOpenId: true,
} satisfies Prisma.UserSelect;

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The public columns of a user (GET /me, on every app start): a prepared statement on the pg
   * pool rather than Prisma's runtime, for the same reason as the session lookup.
   */
  async findOutputRowById(id: string): Promise<UserOutputRow | null> {
    const { rows } = await this.prisma.pool.query<UserOutputRow>({
      name: 'users.findOutputRowById',
      text: `SELECT ${OUTPUT_COLUMNS} FROM users WHERE id = $1`,
      values: [id],
    });
    return rows[0] ?? null;
  }

  /**
   * The users a login with an openid may concern: the openid's and the anonymous_openid's (one
   * each at most), which planLogin decides about. Without `tx`, one prepared statement on the pg
   * pool: a returning user's everyday login is this read and the session INSERT, no transaction
   * (LoginService). With `tx`, the same read inside the login's transaction.
   */
  async findLoginCandidates(tx: Tx | null, identity: LoginIdentity & { openId: string }): Promise<LoginRow[]> {
    const { appId, openId, anonymousOpenId } = identity;
    if (tx) {
      return tx.user.findMany({
        where: { appId, OR: [{ openId }, ...(anonymousOpenId ? [{ anonymousOpenId }] : [])] },
        take: 2,
        select: LOGIN_ROW_SELECT,
      });
    }
    const { rows } = await this.prisma.pool.query<LoginRow>({
      name: 'users.findLoginCandidates',
      text: `SELECT ${OUTPUT_COLUMNS}, union_id AS "unionId", anonymous_open_id AS "anonymousOpenId"
             FROM users WHERE app_id = $1 AND (open_id = $2 OR anonymous_open_id = $3) LIMIT 2`,
      values: [appId, openId, anonymousOpenId ?? null],
    });
    return rows;
  }

  /** The anonymous_openid's user, created or seen again. */
  upsertAnonymous(tx: Tx, appId: string, anonymousOpenId: string, now: Date): Promise<User> {
    return tx.user.upsert({
      where: { appId_anonymousOpenId: { appId, anonymousOpenId } },
      create: { appId, anonymousOpenId },
      // updated_at is when an anonymous user was last seen: the retention purge goes by it.
      update: { updatedAt: now },
    });
  }

  create(tx: Tx, user: { appId: string; openId: string; unionId?: string }): Promise<User> {
    return tx.user.create({ data: { appId: user.appId, openId: user.openId, ...(user.unionId ? { unionId: user.unionId } : {}) } });
  }

  /** An anonymous user becomes the real user: it gets the openid and loses the anonymous_openid. */
  upgradeAnonymous(tx: Tx, anonymousId: string, real: { openId: string; unionId?: string }): Promise<User> {
    const union = real.unionId ? { unionId: real.unionId } : {};
    return tx.user.update({ where: { id: anonymousId }, data: { openId: real.openId, ...union, anonymousOpenId: null } });
  }

  setUnionId(tx: Tx, id: string, unionId: string): Promise<User> {
    return tx.user.update({ where: { id }, data: { unionId } });
  }

  /** See mergeAnonymousUser; the anonymous user's sessions are the caller's to end first. */
  mergeAnonymous(tx: Tx, anonymousId: string, realId: string): Promise<void> {
    return mergeAnonymousUser(tx, anonymousId, realId);
  }
}
