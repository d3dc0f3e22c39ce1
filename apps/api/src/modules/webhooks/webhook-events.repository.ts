import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/database/prisma.service.js';
import type { Prisma, WebhookEventState } from '../../generated/prisma/client.js';

export interface NewWebhookEvent {
  appId: string;
  msgId: string;
  /** SHA-256 of the raw body. */
  bodySha256: Buffer;
  event: string;
  fromUserId: string | undefined;
  contentText: string | undefined;
  logId: string | undefined;
  /** `ignored` (with `outcome`) for events nothing processes: stored, no job. */
  state: 'received' | 'ignored';
  outcome?: string;
}

export type StoredEvent = {
  id: string;
  appId: string;
  msgId: string;
  event: string;
  fromUserId: string | null;
  content: string | null;
  state: WebhookEventState;
};

@Injectable()
export class WebhookEventsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Stores the event once per (app, Msg-Id) and once per (app, body): INSERT … ON CONFLICT DO
   * NOTHING, so a retry of the platform, the same push reaching two instances, or a captured push
   * sent again under a made-up Msg-Id (the header is not signed) finds the first copy and stores
   * nothing.
   * A newly stored event to process gets its job in the same transaction.
   */
  store(input: NewWebhookEvent, addJob: (tx: Prisma.TransactionClient, id: string) => Promise<void>): Promise<'stored' | 'duplicate'> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO webhook_events (app_id, msg_id, body_sha256, event, from_user_id, content, log_id, state, outcome)
        VALUES (${input.appId}, ${input.msgId}, ${input.bodySha256}, ${input.event}, ${input.fromUserId ?? null}, ${input.contentText ?? null},
                ${input.logId ?? null}, ${input.state}::webhook_event_state, ${input.outcome ?? null})
        ON CONFLICT DO NOTHING
        RETURNING id`;
      const [row] = rows;
      if (!row) return 'duplicate';
      if (input.state === 'received') await addJob(tx, row.id);
      return 'stored';
    });
  }

  find(id: string): Promise<StoredEvent | null> {
    return this.prisma.webhookEvent.findUnique({
      where: { id },
      select: { id: true, appId: true, msgId: true, event: true, fromUserId: true, content: true, state: true },
    });
  }

  async finish(id: string, state: 'processed' | 'ignored', outcome: string, now: Date): Promise<void> {
    await this.prisma.webhookEvent.updateMany({
      where: { id, state: 'received' },
      data: { state, outcome: outcome.slice(0, 256), processedAt: now },
    });
  }

  findUserId(appId: string, openId: string): Promise<{ id: string } | null> {
    return this.prisma.user.findFirst({ where: { appId, openId }, select: { id: true } });
  }

  findTemplate(appId: string, templateId: string) {
    return this.prisma.subscriptionTemplate.findUnique({ where: { appId_templateId: { appId, templateId } }, select: { kind: true } });
  }

  /**
   * A send_push_failed_event names the user and the template, not the message: it is recorded on
   * the user's latest attempted message of that template. Two messages of one template close
   * together cannot be told apart (the later one is marked); the event row keeps what came.
   */
  async markReachFailure(input: { appId: string; userId: string; templateId: string; reason: number; at: Date }): Promise<string | undefined> {
    const [row] = await this.prisma.$queryRaw<{ id: string }[]>`
      UPDATE notifications SET reach_failure_reason = ${input.reason}, reach_failed_at = ${input.at}, updated_at = now()
      WHERE id = (
        SELECT id FROM notifications
        WHERE app_id = ${input.appId} AND user_id = ${input.userId}::uuid AND template_id = ${input.templateId}
          AND attempts > 0
        ORDER BY created_at DESC LIMIT 1)
      RETURNING id`;
    return row?.id;
  }
}
