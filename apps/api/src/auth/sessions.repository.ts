import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Sealed } from '../crypto/secret-box.js';
import { toBytes } from '../database/bytes.js';

type Tx = Prisma.TransactionClient;

export interface NewSession {
  userId: string;
  tokenHash: Buffer;
  sessionKey: Sealed | null;
  expiresAt: Date;
  userAgent?: string;
}

// The casts type the parameters, which an INSERT … SELECT does not infer from the columns.
const INSERT_SESSION = `
  INSERT INTO sessions (user_id, token_hash, session_key_encrypted, session_key_key_id, key_generation, expires_at, user_agent)
  SELECT $1::uuid, $2::bytea, $3::bytea, $4::varchar, coalesce(max(key_generation), 0) + 1, $5::timestamptz, $6::varchar
  FROM sessions WHERE user_id = $1::uuid`;

@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Stores a login's session with the user's next key generation (every login gets a higher one
   * than any before), computed by the INSERT itself: one statement on every login instead of an
   * aggregate and an insert (found by `pnpm bench`). Inside the login's transaction (`tx`), or
   * on its own for a returning user (see LoginService).
   */
  async create(tx: Tx | null, data: NewSession): Promise<void> {
    const values = [
      data.userId,
      toBytes(data.tokenHash),
      data.sessionKey ? toBytes(data.sessionKey.blob) : null,
      data.sessionKey?.keyId ?? null,
      data.expiresAt,
      data.userAgent?.slice(0, 512) ?? null,
    ];
    if (tx) await tx.$executeRawUnsafe(INSERT_SESSION, ...values);
    else await this.prisma.pool.query({ name: 'sessions.create', text: INSERT_SESSION, values });
  }

  /**
   * A session that is neither expired nor revoked, with its user's app. Every authenticated
   * request runs this: one join (Prisma's relation select cost a second query), as a prepared
   * statement on the pg pool (Prisma's runtime was the largest share of CPU; `pnpm bench`).
   */
  async findActive(tokenHash: Buffer, now: Date): Promise<{ id: string; userId: string; user: { appId: string } } | null> {
    const { rows } = await this.prisma.pool.query<{ id: string; user_id: string; app_id: string }>({
      name: 'sessions.findActive',
      text: `SELECT s.id, s.user_id, u.app_id FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 LIMIT 1`,
      values: [tokenHash, now],
    });
    const row = rows[0];
    return row ? { id: row.id, userId: row.user_id, user: { appId: row.app_id } } : null;
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
