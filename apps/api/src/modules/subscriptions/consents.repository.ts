import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/database/prisma.service.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { ConsentChange } from './consent-rules.js';

/** The columns a subscription state output needs; ids and the owner stay inside. */
const CONSENT_SELECT = {
  templateId: true,
  status: true,
  kind: true,
  alwaysSubscribe: true,
  credits: true,
  decidedAt: true,
} as const satisfies Prisma.SubscriptionConsentSelect;

export type ConsentRecord = Prisma.SubscriptionConsentGetPayload<{ select: typeof CONSENT_SELECT }>;

/** One template's decision to record: its ledger id (see consent-event-id.ts) and its effect. */
export interface DecisionToRecord {
  eventId: string;
  templateId: string;
  change: ConsentChange;
}

export type RecordOutcome = 'recorded' | 'request-id-reused';

/** Thrown inside the transaction to roll it back; never leaves this file. */
class RequestIdReused extends Error {}

@Injectable()
export class ConsentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Appends each decision to the ledger and applies it to the current state, all in one
   * transaction. A decision whose ledger id is already stored was recorded by an earlier copy
   * of the same request and is skipped, so a retry grants nothing twice; the same id with a
   * different status means the client reused its requestId, and nothing is recorded.
   *
   * The user's row is locked first, so one user's posts apply one after another. Credits change
   * by increments, never by writing back a value read earlier, so a message sender spending a
   * credit at the same moment is not overwritten.
   */
  recordDecisions(userId: string, decisions: readonly DecisionToRecord[], now: Date): Promise<RecordOutcome> {
    return this.prisma
      .$transaction(async (tx): Promise<RecordOutcome> => {
        await tx.$queryRaw`SELECT 1 FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
        for (const decision of decisions) {
          if (await this.appendEvent(tx, userId, decision, now)) await this.applyChange(tx, userId, decision, now);
        }
        return 'recorded';
      })
      .catch((error: unknown) => {
        if (error instanceof RequestIdReused) return 'request-id-reused';
        throw error;
      });
  }

  /** The user's current state, for every template or the given ones. */
  listForUser(userId: string, templateIds?: readonly string[]): Promise<ConsentRecord[]> {
    return this.prisma.subscriptionConsent.findMany({
      where: { userId, ...(templateIds ? { templateId: { in: [...templateIds] } } : {}) },
      orderBy: { templateId: 'asc' },
      select: CONSENT_SELECT,
    });
  }

  /** False when this decision is already in the ledger (a retried request). */
  private async appendEvent(tx: Prisma.TransactionClient, userId: string, decision: DecisionToRecord, now: Date): Promise<boolean> {
    const { change } = decision;
    const { count } = await tx.subscriptionConsentEvent.createMany({
      data: [
        {
          id: decision.eventId,
          userId,
          templateId: decision.templateId,
          status: change.status,
          kind: change.kind,
          alwaysSubscribe: change.alwaysSubscribe ?? false,
          reminderWays: change.reminderWays ?? Prisma.DbNull,
          decidedAt: now,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 1) return true;
    const earlier = await tx.subscriptionConsentEvent.findUnique({ where: { id: decision.eventId }, select: { status: true } });
    if (earlier?.status !== change.status) throw new RequestIdReused();
    return false;
  }

  private async applyChange(tx: Prisma.TransactionClient, userId: string, decision: DecisionToRecord, now: Date): Promise<void> {
    const { change } = decision;
    const remembered = {
      ...(change.alwaysSubscribe === undefined ? {} : { alwaysSubscribe: change.alwaysSubscribe }),
      ...(change.reminderWays === undefined ? {} : { reminderWays: change.reminderWays }),
    };
    const credits = { 'grant-one': { increment: 1 }, 'revoke-all': 0, keep: undefined }[change.credits];
    await tx.subscriptionConsent.upsert({
      where: { userId_templateId: { userId, templateId: decision.templateId } },
      create: {
        userId,
        templateId: decision.templateId,
        status: change.status,
        kind: change.kind,
        ...remembered,
        credits: change.credits === 'grant-one' ? 1 : 0,
        decidedAt: now,
      },
      update: change.overwrites ? { status: change.status, kind: change.kind, ...remembered, credits, decidedAt: now } : {},
    });
  }
}
