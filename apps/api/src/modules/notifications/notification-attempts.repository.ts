import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/database/prisma.service.js';
import type { NotifyApi, TemplateKind, Prisma } from '../../generated/prisma/client.js';
import { OUTCOME_UNKNOWN, type SendFailure } from './send-outcome.js';

type Tx = Prisma.TransactionClient;

/** Everything one send needs. */
export interface SendTask {
  id: string;
  attempt: number;
  templateId: string;
  openId: string;
  api: NotifyApi;
  /** v2's notify_type from the registry; empty: none sent. */
  notifyTypes: number[];
  kind: TemplateKind;
  data: Record<string, string>;
  page: string | null;
  /** Ask query_user_subscribe first (DOUYIN_WEBHOOKS on and the consent only client-reported). */
  confirmFirst: boolean;
}

export type AttemptStart = { action: 'send'; task: SendTask } | { action: 'skip'; why: string };

const LOCKED_ROW = (tx: Tx, id: string) =>
  tx.$queryRaw<{ status: string; attempts: number; credit_reserved: boolean; consent_unconfirmed: boolean; user_id: string; template_id: string }[]>`
    SELECT status, attempts, credit_reserved, consent_unconfirmed, user_id, template_id FROM notifications WHERE id = ${id}::uuid FOR UPDATE`;

/**
 * The status transitions of a send, each in its own transaction on the locked row, each
 * conditional on the attempt that owns the row, so a late answer of an abandoned attempt
 * never overwrites a newer decision (except a success: then we know it was delivered).
 */
@Injectable()
export class NotificationAttemptsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * queued → sending with attempts + 1. A row already `sending` belongs to an attempt that
   * never reported back (crashed worker, expired job): it may have been delivered, so it is
   * not sent again but ends dead with OUTCOME_UNKNOWN and its credit counted as spent.
   */
  begin(id: string, appId: string, webhooks: boolean): Promise<AttemptStart> {
    return this.prisma.$transaction(async (tx): Promise<AttemptStart> => {
      const [row] = await LOCKED_ROW(tx, id);
      if (!row) return { action: 'skip', why: 'no such notification' };
      if (row.status === 'sending') {
        await tx.notification.update({
          where: { id },
          data: {
            status: 'dead',
            creditReserved: false,
            lastErrorCode: OUTCOME_UNKNOWN,
            lastError: 'An earlier attempt never reported back (worker stopped mid-send): may have been delivered, not re-sent',
          },
        });
        return { action: 'skip', why: 'earlier attempt outcome unknown' };
      }
      if (row.status !== 'queued') return { action: 'skip', why: `already ${row.status}` };
      const n = await tx.notification.update({
        where: { id },
        data: { status: 'sending', attempts: { increment: 1 } },
        select: { attempts: true, templateId: true, data: true, page: true, appId: true, user: { select: { openId: true } } },
      });
      const template = await tx.subscriptionTemplate.findUnique({
        where: { appId_templateId: { appId, templateId: n.templateId } },
        select: { api: true, kind: true, notifyTypes: true },
      });
      if (!template || !n.user.openId || n.appId !== appId) {
        await this.finish(
          tx,
          id,
          row,
          'failed',
          { decision: 'fail', code: 'TEMPLATE_UNKNOWN', message: 'The template left the registry (or the user has no openid) before sending' },
          true,
        );
        return { action: 'skip', why: 'cannot be sent' };
      }
      const task = {
        id,
        attempt: n.attempts,
        templateId: n.templateId,
        openId: n.user.openId,
        api: template.api,
        notifyTypes: template.notifyTypes,
        kind: template.kind,
        data: n.data as Record<string, string>,
        page: n.page,
        confirmFirst: webhooks && row.consent_unconfirmed,
      };
      return { action: 'send', task };
    });
  }

  /** Delivered: the reserved credit is spent. Also corrects a row an impatient retry marked dead. */
  async succeed(task: SendTask, logId: string | undefined, now: Date): Promise<void> {
    await this.prisma.notification.updateMany({
      where: { id: task.id, status: { in: ['sending', 'dead'] } },
      data: { status: 'sent', sentAt: now, creditReserved: false, lastLogId: logId ?? null },
    });
  }

  /** Back to queued with the error; pg-boss brings the job back after its delay. */
  async retryLater(task: SendTask, failure: SendFailure): Promise<void> {
    await this.prisma.notification.updateMany({
      where: { id: task.id, status: 'sending', attempts: task.attempt },
      data: { status: 'queued', ...errorFields(failure) },
    });
  }

  /** Refused for good (credit back) or outcome unknown (credit spent). */
  settle(task: SendTask, failure: SendFailure): Promise<void> {
    return this.prisma.$transaction(async (tx) => {
      const [row] = await LOCKED_ROW(tx, task.id);
      if (!row || row.status !== 'sending' || row.attempts !== task.attempt) return;
      const unknown = failure.decision === 'unknown';
      await this.finish(tx, task.id, row, unknown ? 'dead' : 'failed', failure, !unknown);
    });
  }

  /**
   * The job is out of retries (pg-boss dead letter). A queued row was never delivered: dead,
   * credit back. A sending row lost its worker mid-send: dead, outcome unknown, credit spent.
   */
  giveUp(id: string): Promise<void> {
    return this.prisma.$transaction(async (tx) => {
      const [row] = await LOCKED_ROW(tx, id);
      if (row?.status === 'queued') {
        const last = await tx.notification.findUnique({ where: { id }, select: { lastErrorCode: true, lastError: true, attempts: true } });
        const message = `Gave up after ${last?.attempts ?? 0} attempts; last: ${last?.lastError ?? 'none'}`.slice(0, 1024);
        await this.finish(tx, id, row, 'dead', { decision: 'fail', code: last?.lastErrorCode ?? 'RETRIES_EXHAUSTED', message }, true);
      } else if (row?.status === 'sending') {
        await this.finish(
          tx,
          id,
          row,
          'dead',
          { decision: 'unknown', code: OUTCOME_UNKNOWN, message: 'The last attempt never reported back: may have been delivered, not re-sent' },
          false,
        );
      }
    });
  }

  private async finish(
    tx: Tx,
    id: string,
    row: { credit_reserved: boolean; consent_unconfirmed: boolean; user_id: string; template_id: string },
    status: 'failed' | 'dead',
    failure: SendFailure,
    returnCredit: boolean,
  ): Promise<void> {
    await tx.notification.update({ where: { id }, data: { status, creditReserved: false, ...errorFields(failure) } });
    if (returnCredit && row.credit_reserved) {
      // The credit goes back as it was taken: still unconfirmed if Douyin never confirmed it.
      const unconfirmed = row.consent_unconfirmed ? 1 : 0;
      await tx.$executeRaw`
        UPDATE subscription_consents SET credits = credits + 1, unconfirmed_credits = unconfirmed_credits + ${unconfirmed}, updated_at = now()
        WHERE user_id = ${row.user_id}::uuid AND template_id = ${row.template_id}`;
    }
  }
}

function errorFields(failure: SendFailure) {
  return {
    lastErrorCode: failure.code.slice(0, 64),
    lastError: failure.message.slice(0, 1024),
    ...(failure.logId ? { lastLogId: failure.logId } : {}),
  };
}
