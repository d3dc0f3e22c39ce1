import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Sealed } from '../crypto/secret-box.js';
import { toBytes } from '../database/bytes.js';

type Tx = Prisma.TransactionClient;

@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The next key generation of a user: every login gets a higher one than any before. */
  async nextKeyGeneration(tx: Tx, userId: string): Promise<number> {
    const last = await tx.session.aggregate({ where: { userId }, _max: { keyGeneration: true } });
    return (last._max.keyGeneration ?? 0) + 1;
  }

  create(
    tx: Tx,
    data: { userId: string; tokenHash: Buffer; sessionKey: Sealed | null; keyGeneration: number; expiresAt: Date; userAgent?: string },
  ) {
    return tx.session.create({
      data: {
        userId: data.userId,
        tokenHash: toBytes(data.tokenHash),
        sessionKeyEncrypted: data.sessionKey ? toBytes(data.sessionKey.blob) : null,
        sessionKeyKeyId: data.sessionKey?.keyId ?? null,
        keyGeneration: data.keyGeneration,
        expiresAt: data.expiresAt,
        userAgent: data.userAgent?.slice(0, 512) ?? null,
      },
      select: { id: true, expiresAt: true },
    });
  }

  /** A session that is neither expired nor revoked, with its user's app. */
  findActive(tokenHash: Buffer, now: Date) {
    return this.prisma.session.findFirst({
      where: { tokenHash: toBytes(tokenHash), revokedAt: null, expiresAt: { gt: now } },
      select: { id: true, userId: true, user: { select: { appId: true } } },
    });
  }

  /** The sealed Douyin session_key of a session (null for anonymous logins). */
  async sealedSessionKey(sessionId: string): Promise<Sealed | null> {
    const row = await this.prisma.session.findUnique({
      where: { id: sessionId },
      select: { sessionKeyEncrypted: true, sessionKeyKeyId: true },
    });
    if (!row?.sessionKeyEncrypted || !row.sessionKeyKeyId) return null;
    return { keyId: row.sessionKeyKeyId, blob: Buffer.from(row.sessionKeyEncrypted) };
  }

  async revoke(sessionId: string, now: Date): Promise<void> {
    await this.prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
  }
}
