import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { OffsetClock } from './clock.js';
import type { EmulatorContext } from './context.js';
import type { SeedApp } from './seed.js';
import type { AppRecord, InboxMessage, SubscriptionRecord, TemplateRecord, TokenRecord, UserRecord } from './store/store.js';

/**
 * The state a developer would miss after a restart: the console (apps with their keys, users
 * with their session and agreement, templates), the ledger (subscriptions, inbox, tokens) and the
 * clock's offset. Codes, fault rules, webhook deliveries and call logs are a session's business
 * and start empty.
 */
export interface PersistedState {
  version: 1;
  clockOffsetMs: number;
  apps: AppRecord[];
  users: UserRecord[];
  templates: TemplateRecord[];
  subscriptions: SubscriptionRecord[];
  inbox: InboxMessage[];
  tokens: TokenRecord[];
}

// The file is the emulator's own output; the check catches a hand-edited or foreign file early,
// with its name, instead of a confusing failure on the first request.
const records = z.array(z.looseObject({}));
const ZPersistedState = z.object({
  version: z.literal(1),
  clockOffsetMs: z.number().min(0),
  apps: z.array(z.looseObject({ appid: z.string(), publicKeyPem: z.string() })),
  users: z.array(z.looseObject({ id: z.string(), appid: z.string(), openid: z.string() })),
  templates: records,
  subscriptions: records,
  inbox: records,
  tokens: records,
});

/** Reads a state file; null when there is none yet (the first start). */
export function readStateFile(path: string): PersistedState | null {
  if (!existsSync(path)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`state file ${path} is not JSON (${(error as Error).message}); delete it to start from the seed`, { cause: error });
  }
  const result = ZPersistedState.safeParse(parsed);
  if (!result.success) {
    throw new Error(`state file ${path} is not an emulator state file:\n${z.prettifyError(result.error)}\nDelete it to start from the seed.`);
  }
  return result.data as unknown as PersistedState;
}

export function captureState(ctx: EmulatorContext): PersistedState {
  const { store } = ctx;
  const apps = store.listApps();
  return {
    version: 1,
    clockOffsetMs: ctx.clock instanceof OffsetClock ? ctx.clock.offset : 0,
    apps,
    users: store.listUsers(),
    templates: store.listTemplates(),
    subscriptions: store.listSubscriptions(),
    inbox: store.listInbox({}),
    tokens: apps.flatMap((app) => [...store.listTokens(app.appid, 'app'), ...store.listTokens(app.appid, 'client')]),
  };
}

/** Puts every persisted record over what the seed created (same keys replace, others add). */
export function restoreState(ctx: EmulatorContext, state: PersistedState): void {
  const { store } = ctx;
  if (ctx.clock instanceof OffsetClock && state.clockOffsetMs > ctx.clock.offset) ctx.clock.advance(state.clockOffsetMs - ctx.clock.offset);
  state.apps.forEach((app) => store.putApp(app));
  state.users.forEach((user) => store.putUser(user));
  state.templates.forEach((template) => store.putTemplate(template));
  state.subscriptions.forEach((subscription) => store.putSubscription(subscription));
  state.inbox.forEach((message) => store.addInboxMessage(message));
  state.tokens.forEach((token) => store.putToken(token));
}

/**
 * Writes the state shortly after each change (changes come in bursts: one login is several
 * calls) and once more at close. Written to a temporary file and renamed, so a crash mid-write
 * leaves the previous state; readable by the owner only, since it holds the fake apps' keys.
 */
export class StateFileWriter {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly path: string,
    private readonly capture: () => PersistedState,
    private readonly delayMs = 200,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.write();
    }, this.delayMs);
    // A pending write must not keep a process alive that is otherwise done; close() flushes.
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.write();
  }

  private write(): void {
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.capture(), null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.path);
  }
}

/** A seeded app keeps the key pair it had last time (no new pair to configure, no slow keygen). */
export function withPersistedKeys(app: SeedApp, state: PersistedState | null): SeedApp {
  const saved = app.appid === undefined ? undefined : state?.apps.find((a) => a.appid === app.appid);
  if (!saved || app.publicKeyPem) return app;
  return { ...app, publicKeyPem: saved.publicKeyPem, ...(saved.privateKeyPem ? { privateKeyPem: saved.privateKeyPem } : {}) };
}
