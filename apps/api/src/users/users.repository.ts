import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma, User } from '../generated/prisma/client.js';
import type { UserOutputRow } from './outputs/user.output.js';
import { mergeAnonymousUser } from './user-merge.js';

type Tx = Prisma.TransactionClient;

/** The Douyin identities one code2session returned (empty strings already dropped). */
export interface LoginIdentity {
  appId: string;
  openId?: string;
  unionId?: string;
  anonymousOpenId?: string;
}

/** The columns of a UserOutputRow, named as its fields, for the pg pool's reads. */
const OUTPUT_COLUMNS = `id, open_id AS "openId", nickname, avatar_url AS "avatarUrl", gender, country, province, city,
  phone_masked AS "phoneMasked", created_at AS "createdAt"`;

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The public columns of a user (GET /me, on every app start): a prepared statement on the pg
   * pool rather than Prisma's runtime, for the same reason as the session lookup (`pnpm bench`).
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
   * The user of a login that changes nothing on the users table, or null when it would (a new
   * user, an anonymous user to merge, a new unionid): the returning user's everyday login,
   * which then needs no transaction (LoginService). The same decisions as upsertFromLogin make,
   * read in one prepared statement.
   */
  async findSettledLoginUser(identity: LoginIdentity): Promise<UserOutputRow | null> {
    const { appId, openId, unionId, anonymousOpenId } = identity;
    if (!openId) return null;
    const { rows } = await this.prisma.pool.query<UserOutputRow & { unionId: string | null }>({
      name: 'users.findSettledLoginUser',
      text: `SELECT ${OUTPUT_COLUMNS}, union_id AS "unionId"
             FROM users WHERE app_id = $1 AND (open_id = $2 OR anonymous_open_id = $3) LIMIT 2`,
      values: [appId, openId, anonymousOpenId ?? null],
    });
    const [user, other] = rows;
    const settled = user !== undefined && other === undefined && user.openId === openId && (!unionId || unionId === user.unionId);
    return settled ? user : null;
  }

  /**
   * Finds or creates the user a login identifies. With an openid, the real user wins; an
   * anonymous user known by the same anonymous_openid is merged into it (or becomes it when
   * there is no real user yet). Without one, the user is the anonymous_openid's.
   *
   * A real user never keeps an anonymous_openid: it identifies a device, which someone not
   * logged in to the host app may use next, and that person must not land in this account.
   * For the same reason no session of the anonymous user outlives it (merged or upgraded): its
   * token was handed to whoever held the device, and the caller gets this login's new session.
   */
  async upsertFromLogin(tx: Tx, identity: LoginIdentity, now: Date): Promise<User> {
    const { appId, openId, unionId, anonymousOpenId } = identity;
    if (!openId) {
      if (!anonymousOpenId) throw new Error('a login identity needs an openid or an anonymous_openid');
      return tx.user.upsert({
        where: { appId_anonymousOpenId: { appId, anonymousOpenId } },
        create: { appId, anonymousOpenId },
        // updated_at is when an anonymous user was last seen: the retention purge goes by it.
        update: { updatedAt: now },
      });
    }
    // One statement for both identities: this runs on every login (found by `pnpm bench`).
    const found = await tx.user.findMany({
      where: { appId, OR: [{ openId }, ...(anonymousOpenId ? [{ anonymousOpenId }] : [])] },
      take: 2,
    });
    const real = found.find((user) => user.openId === openId);
    const anonymous = anonymousOpenId ? found.find((user) => user.anonymousOpenId === anonymousOpenId) : undefined;
    const union = unionId ? { unionId } : {};
    if (!real) {
      if (!anonymous) return tx.user.create({ data: { appId, openId, ...union } });
      await tx.session.updateMany({ where: { userId: anonymous.id, revokedAt: null }, data: { revokedAt: now } });
      return tx.user.update({ where: { id: anonymous.id }, data: { openId, ...union, anonymousOpenId: null } });
    }
    if (anonymous) await mergeAnonymousUser(tx, anonymous.id, real.id);
    return unionId && unionId !== real.unionId ? tx.user.update({ where: { id: real.id }, data: union }) : real;
  }
}
