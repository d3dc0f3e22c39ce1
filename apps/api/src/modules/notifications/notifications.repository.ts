import { Injectable } from '@nestjs/common';
import type { TNotificationRecipient } from '@douyin-kit/contracts';
import { PrismaService } from '../../core/database/prisma.service.js';
import { withUniqueRetry } from '../../core/database/unique-retry.js';
import type { Prisma, TemplateKind } from '../../generated/prisma/client.js';

/** What outputs and the idempotency check need; nothing else of the row leaves. */
const NOTIFICATION_SELECT = {
  id: true,
  userId: true,
  templateId: true,
  idempotencyKey: true,
  data: true,
  page: true,
  status: true,
  attempts: true,
  lastErrorCode: true,
  lastError: true,
  lastLogId: true,
  sentAt: true,
  createdAt: true,
} as const satisfies Prisma.NotificationSelect;

export type NotificationRecord = Prisma.NotificationGetPayload<{ select: typeof NOTIFICATION_SELECT }>;

export interface NewNotification {
  appId: string;
  userId: string;
  templateId: string;
  kind: TemplateKind;
  data: Record<string, string>;
  page: string | null;
  idempotencyKey: string;
}

export type EnqueueResult =
  { outcome: 'created' | 'existing'; notification: NotificationRecord } | { outcome: 'conflict' } | { outcome: 'not-subscribed'; reason: string };

@Injectable()
export class NotificationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findTemplate(appId: string, templateId: string) {
    return this.prisma.subscriptionTemplate.findUnique({
      where: { appId_templateId: { appId, templateId } },
      select: { kind: true, api: true, keywords: true },
    });
  }

  findRecipient(appId: string, recipient: TNotificationRecipient) {
    const where = 'id' in recipient ? { id: recipient.id, appId } : { appId, openId: recipient.openId };
    return this.prisma.user.findFirst({ where, select: { id: true, openId: true } });
  }

  findById(appId: string, id: string): Promise<NotificationRecord | null> {
    return this.prisma.notification.findFirst({ where: { id, appId }, select: NOTIFICATION_SELECT });
  }

  /**
   * One transaction: the idempotency check, the consent check (a one-time template reserves a
   * credit: decremented here, spent on delivery, given back if never delivered), the row and
   * its job. A concurrent request with the same key loses on the unique index, rolls back
   * (its credit included) and runs again, finding the winner's row.
   */
  enqueue(input: NewNotification, addJob: (tx: Prisma.TransactionClient, id: string) => Promise<void>): Promise<EnqueueResult> {
    const { appId, userId, templateId, idempotencyKey } = input;
    return withUniqueRetry(() =>
      this.prisma.$transaction(async (tx): Promise<EnqueueResult> => {
        const existing = await tx.notification.findUnique({
          where: { appId_idempotencyKey: { appId, idempotencyKey } },
          select: NOTIFICATION_SELECT,
        });
        if (existing) return samePayload(existing, input) ? { outcome: 'existing', notification: existing } : { outcome: 'conflict' };
        // Locked: whether the credit taken below is a confirmed one is read from the same row state.
        const [consent] = await tx.$queryRaw<{ status: string; confirmed: boolean; credits: number; unconfirmed_credits: number }[]>`
          SELECT status, confirmed, credits, unconfirmed_credits FROM subscription_consents
          WHERE user_id = ${userId}::uuid AND template_id = ${templateId} FOR UPDATE`;
        let consentUnconfirmed: boolean;
        if (input.kind === 'one_time') {
          // Credits Douyin confirmed are spent first; the reserved one is unconfirmed only when
          // every credit left is. The conditional update is what reserves: a concurrent send
          // that took the last credit leaves nothing to take.
          const taken = await tx.$executeRaw`
            UPDATE subscription_consents
            SET credits = credits - 1, unconfirmed_credits = LEAST(unconfirmed_credits, credits - 1), updated_at = now()
            WHERE user_id = ${userId}::uuid AND template_id = ${templateId} AND credits > 0`;
          if (taken === 0 || !consent) return { outcome: 'not-subscribed', reason: 'the user has no one-time credit left for this template' };
          consentUnconfirmed = consent.unconfirmed_credits >= consent.credits;
        } else {
          if (consent?.status !== 'accept') return { outcome: 'not-subscribed', reason: 'the user has not accepted this long-term template' };
          consentUnconfirmed = !consent.confirmed;
        }
        const notification = await tx.notification.create({
          data: {
            appId,
            userId,
            templateId,
            data: input.data,
            page: input.page,
            idempotencyKey,
            creditReserved: input.kind === 'one_time',
            consentUnconfirmed,
          },
          select: NOTIFICATION_SELECT,
        });
        await addJob(tx, notification.id);
        return { outcome: 'created', notification };
      }),
    );
  }
}

/** Same recipient, template, page and data (key order aside: jsonb does not keep it). */
function samePayload(row: NotificationRecord, input: NewNotification): boolean {
  const stored = (row.data ?? {}) as Record<string, unknown>;
  const keys = Object.keys(input.data);
  return (
    row.userId === input.userId &&
    row.templateId === input.templateId &&
    (row.page ?? null) === input.page &&
    keys.length === Object.keys(stored).length &&
    keys.every((key) => stored[key] === input.data[key])
  );
}
