import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/database/prisma.service.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { TemplateKind } from '../../generated/prisma/client.js';
import type { ConsentChange } from './consent-rules.js';

/** The columns a subscription state output needs; ids and the owner stay inside. */
const CONSENT_SELECT = {
  templateId: true,
  status: true,
  kind: true,
  alwaysSubscribe: true,
  credits: true,
  confirmed: true,
  decidedAt: true,
} as const satisfies Prisma.SubscriptionConsentSelect;

export type ConsentRecord = Prisma.SubscriptionConsentGetPayload<{ select: typeof CONSENT_SELECT }>;

/** One template's decision to record: its ledger id (see consent-event-id.ts) and its effect. */
export interface DecisionToRecord {
  eventId: string;
  templateId: string;
  change: ConsentChange;
}

export type RecordOutcome = 'recorded' | 'request-id-reused' | { creditLimit: string };

/** Thrown inside the transaction to roll it back; never leaves this file. */
class RequestIdReused extends Error {}
class CreditLimitReached extends Error {
  constructor(readonly templateId: string) {
    super('credit limit');
  }
}

/**
 * What a user_subscribe_action webhook says (subscribe_action 1 one-time subscribe, 2 long-term
 * subscribe, 3 long-term reject, 4 one-time reject), for one of our users and templates.
 */
export interface WebhookDecision {
  eventId: string;
  userId: string;
  templateId: string;
  kind: TemplateKind;
  action: 1 | 2 | 3 | 4;
  decidedAt: Date;
}

type Tx = Prisma.TransactionClient;
type CurrentConsent = { status: string; confirmed: boolean; credits: number; unconfirmedCredits: number; pendingConfirmations: number } | null;
const CURRENT_SELECT = { status: true, confirmed: true, credits: true, unconfirmedCredits: true, pendingConfirmations: true } as const;

@Injectable()
export class ConsentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Appends each decision to the ledger and applies it to the current state, all in one
   * transaction. A decision whose ledger id is already stored was recorded by an earlier copy
   * of the same request and is skipped, so a retry grants nothing twice; the same id with a
   * different status means the client reused its requestId, and nothing is recorded.
   *
   * The user's row is locked first, so one user's posts (and Douyin's webhooks about the user)
   * apply one after another. Credits change by increments, never by writing back a value read
   * earlier, so a message sender spending a credit at the same moment is not overwritten.
   *
   * A one-time accept that would take the user past `creditLimit` credits for the template
   * records nothing at all (`{creditLimit: templateId}`): the ledger cannot be grown without end.
   */
  recordDecisions(userId: string, decisions: readonly DecisionToRecord[], now: Date, creditLimit: number): Promise<RecordOutcome> {
    return this.prisma
      .$transaction(async (tx): Promise<RecordOutcome> => {
        await lockUser(tx, userId);
        for (const decision of decisions) {
          const current = await currentConsent(tx, userId, decision.templateId);
          const granting = decision.change.credits === 'grant-one' && !(current && current.pendingConfirmations > 0);
          if (granting && (current?.credits ?? 0) >= creditLimit) throw new CreditLimitReached(decision.templateId);
          if (await this.appendEvent(tx, userId, decision, now)) await this.applyChange(tx, userId, decision, current, now);
        }
        return 'recorded';
      })
      .catch((error: unknown) => {
        if (error instanceof RequestIdReused) return 'request-id-reused';
        if (error instanceof CreditLimitReached) return { creditLimit: error.templateId };
        throw error;
      });
  }

  /**
   * Applies a user_subscribe_action webhook: a ledger row with source `webhook` (its id derived
   * from the Msg-Id, so a redelivered event is recorded once) and the current state, now
   * confirmed by Douyin. A one-time subscribe first confirms a credit the mini-program already
   * reported (the same tap reported twice); with none waiting it grants the credit itself and
   * remembers that the mini-program's report of that tap is still to come. False when the event
   * was already recorded.
   */
  recordWebhookDecision(decision: WebhookDecision, creditLimit: number): Promise<boolean> {
    const { userId, templateId, action } = decision;
    const status = action === 1 || action === 2 ? 'accept' : 'reject';
    return this.prisma.$transaction(async (tx) => {
      await lockUser(tx, userId);
      const { count } = await tx.subscriptionConsentEvent.createMany({
        data: [{ id: decision.eventId, userId, templateId, status, kind: decision.kind, source: 'webhook', decidedAt: decision.decidedAt }],
        skipDuplicates: true,
      });
      if (count === 0) return false;
      const current = await currentConsent(tx, userId, templateId);
      const confirmsReported = action === 1 && current !== null && current.unconfirmedCredits > 0;
      const grants = action === 1 && !confirmsReported && (current?.credits ?? 0) < creditLimit;
      const state = { status, kind: decision.kind, confirmed: true, decidedAt: decision.decidedAt } as const;
      if (!current) {
        await tx.subscriptionConsent.create({
          data: { userId, templateId, ...state, credits: grants ? 1 : 0, pendingConfirmations: grants ? 1 : 0 },
        });
        return true;
      }
      await tx.subscriptionConsent.update({
        where: { userId_templateId: { userId, templateId } },
        data: {
          ...state,
          ...(confirmsReported ? { unconfirmedCredits: { decrement: 1 } } : {}),
          ...(grants ? { credits: { increment: 1 } } : {}),
          ...(grants && current.pendingConfirmations < creditLimit ? { pendingConfirmations: { increment: 1 } } : {}),
        },
      });
      return true;
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
  private async appendEvent(tx: Tx, userId: string, decision: DecisionToRecord, now: Date): Promise<boolean> {
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
          source: 'client',
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

  /**
   * A client-reported decision. It leaves a Douyin confirmation standing only when it repeats the
   * confirmed status. A one-time accept whose webhook came first (pendingConfirmations) is that
   * same grant and adds no credit; any other adds one the mini-program alone reported.
   */
  private async applyChange(tx: Tx, userId: string, decision: DecisionToRecord, current: CurrentConsent, now: Date): Promise<void> {
    const { change } = decision;
    const remembered = {
      ...(change.alwaysSubscribe === undefined ? {} : { alwaysSubscribe: change.alwaysSubscribe }),
      ...(change.reminderWays === undefined ? {} : { reminderWays: change.reminderWays }),
    };
    const grant = change.credits === 'grant-one';
    if (!current) {
      await tx.subscriptionConsent.create({
        data: {
          userId,
          templateId: decision.templateId,
          status: change.status,
          kind: change.kind,
          ...remembered,
          credits: grant ? 1 : 0,
          unconfirmedCredits: grant ? 1 : 0,
          decidedAt: now,
        },
      });
      return;
    }
    if (!change.overwrites) return;
    const matched = grant && current.pendingConfirmations > 0;
    const credits =
      change.credits === 'revoke-all'
        ? { credits: 0, unconfirmedCredits: 0, pendingConfirmations: 0 }
        : matched
          ? { pendingConfirmations: { decrement: 1 } }
          : grant
            ? { credits: { increment: 1 }, unconfirmedCredits: { increment: 1 } }
            : {};
    await tx.subscriptionConsent.update({
      where: { userId_templateId: { userId, templateId: decision.templateId } },
      data: {
        status: change.status,
        kind: change.kind,
        ...remembered,
        ...credits,
        confirmed: current.confirmed && current.status === change.status,
        decidedAt: now,
      },
    });
  }
}

function lockUser(tx: Tx, userId: string): Promise<unknown> {
  return tx.$queryRaw`SELECT 1 FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
}

function currentConsent(tx: Tx, userId: string, templateId: string): Promise<CurrentConsent> {
  return tx.subscriptionConsent.findUnique({ where: { userId_templateId: { userId, templateId } }, select: CURRENT_SELECT });
}
