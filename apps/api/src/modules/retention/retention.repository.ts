import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/database/prisma.service.js';

/**
 * The purge's deletes, one bounded batch per call so no statement holds many row locks for
 * long. Each is scoped to one app: deployments of several mini-programs may share a database
 * and each purges only its own users.
 */
@Injectable()
export class RetentionRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Deletes up to `limit` sessions that expired or were revoked before `endedBefore`. */
  async deleteEndedSessions(appId: string, endedBefore: Date, limit: number): Promise<number> {
    const { rowCount } = await this.prisma.pool.query({
      name: 'retention.deleteEndedSessions',
      text: `DELETE FROM sessions WHERE id IN (
               SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
               WHERE u.app_id = $1 AND (s.expires_at < $2 OR s.revoked_at < $2)
               LIMIT $3)`,
      values: [appId, endedBefore, limit],
    });
    return rowCount ?? 0;
  }

  /**
   * Deletes up to `limit` anonymous users last seen (logged in or changed) before `seenBefore`
   * that have no live session at `now`, with everything they own (the foreign keys cascade:
   * devices, addresses, location, consents and their ledger, sessions). A user with notifications
   * is kept: the send history outlives no user (the foreign key restricts). Rows another
   * transaction holds (a login of that user, right now) are skipped, not waited for.
   */
  async deleteAbandonedAnonymousUsers(appId: string, seenBefore: Date, now: Date, limit: number): Promise<number> {
    const { rowCount } = await this.prisma.pool.query({
      name: 'retention.deleteAbandonedAnonymousUsers',
      text: `DELETE FROM users WHERE id IN (
               SELECT u.id FROM users u
               WHERE u.app_id = $1 AND u.open_id IS NULL AND u.anonymous_open_id IS NOT NULL AND u.updated_at < $2
                 AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > $3)
                 AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = u.id)
               LIMIT $4
               FOR UPDATE OF u SKIP LOCKED)`,
      values: [appId, seenBefore, now, limit],
    });
    return rowCount ?? 0;
  }
}
