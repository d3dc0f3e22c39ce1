import { randomUUID } from 'node:crypto';
import type { FaultRuleInput } from '@douyin-kit/douyin-emulator/admin';
import { createTt, type CreateTtOptions, type TtLike } from '@douyin-kit/douyin-emulator/tt';
import { sql } from './api-user.js';
import { emulator } from './emulator.js';

export interface OwnTemplate {
  templateId: string;
  title: string;
  kind: 'one_time' | 'long_term';
  api: 'v1' | 'v2';
  keywords: string[];
}

/**
 * A mini-program of the test's own on the shared emulator: its own appid (so fault rules can
 * `match` its calls and nothing else), its own notification queues (no other file's worker
 * takes its jobs) and its own templates. `env` starts an API instance (or process) as this app.
 */
export interface OwnApp {
  appid: string;
  env: Record<string, string>;
  templates: Record<string, OwnTemplate>;
  /** A new user of this app on the emulator, with their phone (tt.*) for this app. */
  newUser(fields?: Record<string, unknown>, phone?: Partial<CreateTtOptions>): Promise<{ id: string; openid: string; tt: TtLike }>;
  /**
   * Adds a fault rule for this app's calls only: matched on its appid under `appIdField` (the
   * name the operation's body gives it), or on `match` for operations without one (a template
   * id of this app, a phone code of its user). Returns the rule's id.
   */
  fault(rule: FaultRule & ({ appIdField: 'appid' | 'app_id' | 'client_key' } | { match: Record<string, string> })): Promise<string>;
  /** Fault rules added through `fault`, removed. */
  removeFaults(): Promise<void>;
}

export type FaultRule = Omit<FaultRuleInput, 'match'>;

export async function ownEmulatorApp(specs: Record<string, Pick<OwnTemplate, 'kind' | 'api'> & Partial<OwnTemplate>> = {}): Promise<OwnApp> {
  const app = await emulator.createApp();
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
  const templates = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      { templateId: `MSG_${name.toUpperCase()}_${suffix}`, title: `Test ${name}`, keywords: ['物品名称'], ...spec },
    ]),
  );
  for (const t of Object.values(templates)) await emulator.client.createTemplate({ appid: app.appid, ...t });
  const faultIds: string[] = [];
  return {
    appid: app.appid,
    templates,
    env: {
      DOUYIN_APP_ID: app.appid,
      DOUYIN_APP_SECRET: app.secret,
      DOUYIN_APP_PRIVATE_KEY: app.privateKeyPem,
      SUBSCRIPTION_TEMPLATES: JSON.stringify(Object.values(templates)),
    },
    async newUser(fields = {}, phone = {}) {
      const user = await emulator.client.createUser({ appid: app.appid, nickname: 'Own app user', ...fields });
      return { ...user, tt: createTt({ emulatorUrl: emulator.url, appid: app.appid, userId: user.id, ...phone }) };
    },
    async fault(rule) {
      const { appIdField, ...rest } = rule as FaultRule & { appIdField?: string; match?: Record<string, string> };
      const { id } = await emulator.client.addFault({ ...rest, match: appIdField ? { [appIdField]: app.appid } : rest.match });
      faultIds.push(id);
      return id;
    },
    async removeFaults() {
      for (const id of faultIds.splice(0)) await emulator.client.removeFault(id).catch(() => undefined);
    },
  };
}

/** How many times a fault rule fired so far (0 once it is gone). */
export function faultFired(id: string): Promise<number> {
  return emulator.client.fired(id);
}

/** Records an accepted consent directly (as POST /me/subscriptions would), for send-side tests. */
export async function grantConsent(userId: string, template: OwnTemplate): Promise<void> {
  await sql(
    `INSERT INTO subscription_consents (user_id, template_id, status, kind, credits, decided_at, updated_at)
     VALUES ($1::uuid, $2, 'accept', $3::template_kind, $4, now(), now())`,
    [userId, template.templateId, template.kind, template.kind === 'one_time' ? 1 : 0],
  );
}

/** Polls `read` until `done`; throws (with the last value) after `timeoutMs`. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
