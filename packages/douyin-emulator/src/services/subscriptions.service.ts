import { TtFailure, type EmulatorContext } from '../context.js';
import type { SubscriptionRecord, TemplateRecord, UserRecord } from '../store/store.js';
import type { WebhookDispatcher } from './webhooks.service.js';

export type Decision = 'accept' | 'reject' | 'ban' | 'fail';

export interface SubscribeInput {
  tmplIds: unknown;
  decisions?: Record<string, Decision>;
  alwaysSubscribe?: boolean;
}

export interface DeliverInput {
  appid: string;
  templateId: string;
  openid: string;
  data: Record<string, string>;
  page: string | null;
  apiVersion: 'v1' | 'v2';
  notifyType: number[] | null;
}

/** Why a send was refused; each API version maps these to its own numbers. */
export type DeliverRefusal =
  'unknown_template' | 'unknown_user' | 'bad_keywords' | 'content_rejected' | 'banned' | 'not_subscribed' | 'rate_limited' | 'quota_exhausted';

const DAY_MS = 86_400_000;

/**
 * send_push_failed_event reasons per refusal that concerns the user's reach (the docs list 1
 * bad parameters, 2 hourly and 3 daily frequency caps, 101 app uninstalled, 102/106 the in-app /
 * system switch off). Refusals about the call itself (unknown template or user, keywords,
 * content) push nothing.
 */
const REACH_FAILURE_REASON: Partial<Record<DeliverRefusal, number>> = { rate_limited: 2, quota_exhausted: 3, banned: 102 };

/**
 * The subscription ledger: tt.requestSubscribeMessage grants one credit per accepted one-time
 * template (or a standing long-term permission), and each delivered message consumes a credit.
 */
export class SubscriptionsService {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly webhooks: WebhookDispatcher,
  ) {}

  subscribe(user: UserRecord, input: SubscribeInput) {
    const ids = input.tmplIds;
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && id)) {
      throw new TtFailure('requestSubscribeMessage:fail invalid params', 20000, 1002);
    }
    if (ids.length > 3) {
      throw new TtFailure('requestSubscribeMessage:fail more than 3 templates', 20000, 1003);
    }
    const templates: TemplateRecord[] = [];
    for (const id of ids as string[]) {
      const template = this.ctx.store.getTemplate(user.appid, id);
      if (!template) throw new TtFailure(`requestSubscribeMessage:fail template ${id} does not exist`, 21101, 1004);
      templates.push(template);
    }
    if (new Set(templates.map((t) => t.kind)).size > 1) {
      throw new TtFailure('requestSubscribeMessage:fail one-time and long-term templates cannot be mixed', 20000, 1002);
    }

    const legacy: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
    const templateSettings: Record<string, unknown> = {};
    const itemSettings: Record<string, string> = {};
    for (const template of templates) {
      const decision: Decision = input.decisions?.[template.templateId] ?? 'accept';
      const status = this.record(user, template, decision, input.alwaysSubscribe ?? false);
      this.pushSubscribeAction(user, template, status);
      legacy[template.templateId] = status;
      itemSettings[template.templateId] = status;
      templateSettings[template.templateId] = {
        status,
        alwaysSubscribe: input.alwaysSubscribe ?? false,
        // Shape from @douyin-microapp/typings 1.3.1 (the docs do not say which ways a host offers).
        allowReminderWay: [{ reminderType: 'message_notice', reminderStatus: status === 'accept' ? 'accept' : 'reject' }],
      };
    }
    return { legacy, templateSettings, itemSettings };
  }

  status(appid: string, templateId: string, openid: string) {
    const user = this.ctx.store.findUserByOpenid(appid, openid);
    const template = this.ctx.store.getTemplate(appid, templateId);
    if (!user || !template) return null;
    const sub = this.ctx.store.getSubscription(appid, user.id, templateId);
    return {
      subscribed: !!sub && !sub.banned && (template.kind === 'long_term' ? sub.longTerm : sub.credits > 0),
      allowNotification: !sub?.banned,
    };
  }

  deliver(input: DeliverInput): { ok: true } | { ok: false; refusal: DeliverRefusal } {
    const result = this.tryDeliver(input);
    const reason = result.ok ? undefined : REACH_FAILURE_REASON[result.refusal];
    if (reason !== undefined) {
      const time = Math.floor(this.ctx.clock.now() / 1000);
      this.webhooks.push(input.appid, 'send_push_failed_event', input.openid, { msg_id: input.templateId, time, reason });
    }
    return result;
  }

  /**
   * user_subscribe_action for a decision the user made: subscribe_action 1 one-time subscribe,
   * 2 long-term subscribe, 3 long-term reject, 4 one-time reject (a ban reads as a reject).
   * A popup that failed decided nothing and pushes nothing.
   */
  private pushSubscribeAction(user: UserRecord, template: TemplateRecord, status: Decision): void {
    if (status === 'fail') return;
    const oneTime = template.kind === 'one_time';
    const action = status === 'accept' ? (oneTime ? 1 : 2) : oneTime ? 4 : 3;
    const time = Math.floor(this.ctx.clock.now() / 1000);
    this.webhooks.push(user.appid, 'user_subscribe_action', user.openid, { msg_id: template.templateId, time, subscribe_action: action });
  }

  private tryDeliver(input: DeliverInput): { ok: true } | { ok: false; refusal: DeliverRefusal } {
    const { store, clock, options } = this.ctx;
    const template = store.getTemplate(input.appid, input.templateId);
    if (!template) return { ok: false, refusal: 'unknown_template' };
    const user = store.findUserByOpenid(input.appid, input.openid);
    if (!user) return { ok: false, refusal: 'unknown_user' };
    const labels = Object.keys(input.data);
    if (template.keywords.length > 0 && labels.some((l) => !template.keywords.includes(l))) {
      return { ok: false, refusal: 'bad_keywords' };
    }
    const values = Object.values(input.data);
    if (options.forbiddenWords.some((word) => values.some((v) => v.includes(word)))) {
      return { ok: false, refusal: 'content_rejected' };
    }
    const sub = store.getSubscription(input.appid, user.id, template.templateId);
    if (sub?.banned) return { ok: false, refusal: 'banned' };
    const allowed = template.kind === 'long_term' ? !!sub?.longTerm : (sub?.credits ?? 0) > 0;
    if (!sub || !allowed) return { ok: false, refusal: 'not_subscribed' };

    const now = clock.now();
    const last = store.lastDeliveryAt(input.appid, input.openid);
    if (last !== undefined && now - last < options.notifyMinIntervalMs) {
      return { ok: false, refusal: 'rate_limited' };
    }
    if (options.notifyDailyQuota !== null) {
      const dayStart = now - (now % DAY_MS);
      const today = store.listInbox({ appid: input.appid }).filter((m) => m.deliveredAt >= dayStart);
      if (today.length >= options.notifyDailyQuota) return { ok: false, refusal: 'quota_exhausted' };
    }

    if (template.kind === 'one_time') store.putSubscription({ ...sub, credits: sub.credits - 1, updatedAt: now });
    store.addInboxMessage({
      appid: input.appid,
      openid: input.openid,
      userId: user.id,
      templateId: template.templateId,
      data: input.data,
      page: input.page,
      apiVersion: input.apiVersion,
      notifyType: input.notifyType,
      deliveredAt: now,
    });
    return { ok: true };
  }

  private record(user: UserRecord, template: TemplateRecord, decision: Decision, always: boolean): Decision {
    const { store, clock } = this.ctx;
    const current: SubscriptionRecord = store.getSubscription(user.appid, user.id, template.templateId) ?? {
      appid: user.appid,
      userId: user.id,
      templateId: template.templateId,
      credits: 0,
      longTerm: false,
      banned: false,
      alwaysSubscribe: false,
      updatedAt: clock.now(),
    };
    // A banned template stays banned: the platform no longer shows the popup for it.
    if (current.banned) return 'ban';
    const next = { ...current, updatedAt: clock.now(), alwaysSubscribe: always };
    if (decision === 'accept') {
      if (template.kind === 'one_time') next.credits += 1;
      else next.longTerm = true;
    } else if (decision === 'reject' && template.kind === 'long_term') {
      next.longTerm = false;
    } else if (decision === 'ban') {
      next.banned = true;
      next.credits = 0;
      next.longTerm = false;
    }
    store.putSubscription(next);
    return decision;
  }
}
