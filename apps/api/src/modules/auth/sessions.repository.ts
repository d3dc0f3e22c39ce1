import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/database/prisma.service.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Sealed, SealedField } from '../../core/crypto/secret-box.js';
import { toBytes } from '../../core/database/bytes.js';

type Tx = Prisma.TransactionClient;

export interface NewSession {
  /** Chosen by the caller (randomUUID) before the INSERT: the sealed session key is bound to it. */
  id: string;
  userId: string;
  /** Creation time: older live sessions of the user beyond the cap are revoked at it. */
  now: Date;
  /** Live sessions the user may have, this one included. */
  maxPerUser: number;
  tokenHash: Buffer;
  sessionKey: Sealed | null;
  expiresAt: Date;
  userAgent?: string;
}

// The casts type the parameters, which an INSERT … SELECT does not infer from the columns.
const INSERT_SESSION = `
  INSERT INTO sessions (user_id, token_hash, session_key_encrypted, session_key_key_id, key_generation, expires_at, user_agent, id)
  SELECT $1::uuid, $2::bytea, $3::bytea, $4::varchar, coalesce(max(key_generation), 0) + 1, $5::timestamptz, $6::varchar, $9::uuid
  FROM sessions WHERE user_id = $1::uuid`;

/**
 * The INSERT and, in the same statement, the user's cap on live sessions: the oldest live ones
 * beyond the newest `max - 1` ($8) are revoked at $7. Both parts see the table as it was, so
 * the new session is never among them. Two logins of one user at the same instant may each keep
 * `max - 1` others and leave one extra session alive until the next login.
 */
const CREATE_SESSION = `
  WITH created AS (${INSERT_SESSION})
  UPDATE sessions SET revoked_at = $7::timestamptz
  WHERE id IN (SELECT id FROM sessions WHERE user_id = $1::uuid AND revoked_at IS NULL AND expires_at > $7::timestamptz
               ORDER BY created_at DESC, key_generation DESC OFFSET $8::int)`;

/** A live session as the guard sees it. */
export interface ActiveSession {
  id: string;
  userId: string;
  lastUsedAt: Date | null;
  user: { appId: string };
}

/** Where a session's Douyin session_key is sealed: the seal is bound to the session's id. */
export function sessionKeyField(sessionId: string): SealedField {
  return { table: 'sessions', column: 'session_key_encrypted', rowId: sessionId };
}

@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Stores a login's session with the user's next key generation (every login gets a higher one
   * than any before), computed by the INSERT itself: one statement on every login instead of an
   * aggregate and an insert. Inside the login's transaction (`tx`), or
   * on its own for a returning user (see LoginService). The same statement revokes the user's
   * oldest live sessions beyond the cap (CREATE_SESSION): still one round trip per login.
   */
  async create(tx: Tx | null, data: NewSession): Promise<void> {
    const values = [
      data.userId,
      toBytes(data.tokenHash),
      data.sessionKey ? toBytes(data.sessionKey.blob) : null,
      data.sessionKey?.keyId ?? null,
      data.expiresAt,
      data.userAgent?.slice(0, 512) ?? null,
      data.now,
      data.maxPerUser - 1,
      data.id,
    ];
    if (tx) await tx.$executeRawUnsafe(CREATE_SESSION, ...values);
    else await this.prisma.pool.query({ name: 'sessions.create', text: CREATE_SESSION, values });
  }

  /**
   * A session that is neither expired nor revoked, with its user's app. Every authenticated
   * request runs this: one join (Prisma's relation select cost a second query), as a prepared
   * statement on the pg pool (Prisma's client runtime costs several times the CPU of the query).
   */
  async findActive(tokenHash: Buffer, now: Date): Promise<ActiveSession | null> {
    const { rows } = await this.prisma.pool.query<{ id: string; user_id: string; last_used_at: Date | null; app_id: string }>({
      name: 'sessions.findActive',
      text: `SELECT s.id, s.user_id, s.last_used_at, u.app_id FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 LIMIT 1`,
      values: [tokenHash, now],
    });
    const row = rows[0];
    return row ? { id: row.id, userId: row.user_id, lastUsedAt: row.last_used_at, user: { appId: row.app_id } } : null;
  }

  /**
   * Records that a session was used. The condition keeps concurrent requests of one session from
   * writing the row more than once per interval.
   */
  async touch(sessionId: string, now: Date, notSince: Date): Promise<void> {
    await this.prisma.pool.query({
      name: 'sessions.touch',
      text: `UPDATE sessions SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)`,
      values: [sessionId, now, notSince],
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

  /** Revokes every live session of a user (an anonymous user a login upgraded). */
  async revokeAllOfUser(tx: Tx, userId: string, now: Date): Promise<void> {
    await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  }

  /** Deletes every session of a user about to be deleted (an anonymous user a login merges). */
  async deleteAllOfUser(tx: Tx, userId: string): Promise<void> {
    await tx.session.deleteMany({ where: { userId } });
  }

  async revoke(sessionId: string, now: Date): Promise<void> {
    await this.prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
  }
}
