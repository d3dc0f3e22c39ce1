import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma, User } from '../generated/prisma/client.js';
import { mergeAnonymousUser } from './user-merge.js';

type Tx = Prisma.TransactionClient;

/** The Douyin identities one code2session returned (empty strings already dropped). */
export interface LoginIdentity {
  appId: string;
  openId?: string;
  unionId?: string;
  anonymousOpenId?: string;
}

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { id } });
  }

  /**
   * Finds or creates the user a login identifies. With an openid, the real user wins; an
   * anonymous user known by the same anonymous_openid is merged into it (or becomes it when
   * there is no real user yet). Without one, the user is the anonymous_openid's.
   *
   * A real user never keeps an anonymous_openid: it identifies a device, which someone not
   * logged in to the host app may use next, and that person must not land in this account.
   */
  async upsertFromLogin(tx: Tx, identity: LoginIdentity): Promise<User> {
    const { appId, openId, unionId, anonymousOpenId } = identity;
    if (!openId) {
      if (!anonymousOpenId) throw new Error('a login identity needs an openid or an anonymous_openid');
      return tx.user.upsert({
        where: { appId_anonymousOpenId: { appId, anonymousOpenId } },
        create: { appId, anonymousOpenId },
        update: {},
      });
    }
    const [real, anonymous] = await Promise.all([
      tx.user.findUnique({ where: { appId_openId: { appId, openId } } }),
      anonymousOpenId ? tx.user.findUnique({ where: { appId_anonymousOpenId: { appId, anonymousOpenId } } }) : null,
    ]);
    const union = unionId ? { unionId } : {};
    if (!real) {
      return anonymous
        ? tx.user.update({ where: { id: anonymous.id }, data: { openId, ...union, anonymousOpenId: null } })
        : tx.user.create({ data: { appId, openId, ...union } });
    }
    if (anonymous) await mergeAnonymousUser(tx, anonymous.id, real.id);
    return unionId && unionId !== real.unionId ? tx.user.update({ where: { id: real.id }, data: union }) : real;
  }
}
