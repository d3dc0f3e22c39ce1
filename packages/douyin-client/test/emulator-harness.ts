import { type EmulatorOptions, startEmulator, type RunningEmulator } from '@douyin-kit/douyin-emulator';
import { EmulatorAdmin, type FaultRuleInput, type SeedUser } from '@douyin-kit/douyin-emulator/admin';
import { DouyinClient, type DouyinClientOptions } from '../src/index.js';

/** An app as the emulator's console creates it. */
export interface EmuApp {
  appid: string;
  secret: string;
  publicKeyPem: string;
  privateKeyPem: string;
}

export interface EmuUser {
  id: string;
  openid: string;
  unionid: string;
}

let seq = 0;
/** Unique ids so tests never depend on each other's state. */
export const unique = (prefix: string): string => `${prefix}_${process.pid}_${++seq}_${Math.random().toString(36).slice(2, 8)}`;

/** A started emulator and its admin client, with the defaults these tests share. */
export class EmulatorHarness {
  readonly admin: EmulatorAdmin;

  private constructor(readonly emu: RunningEmulator) {
    this.admin = new EmulatorAdmin(emu.url);
  }

  static async start(options: EmulatorOptions = {}): Promise<EmulatorHarness> {
    return new EmulatorHarness(await startEmulator({ port: 0, rsaModulusLength: 1024, ...options }));
  }

  get url(): string {
    return this.emu.url;
  }

  close(): Promise<void> {
    return this.emu.close();
  }

  createApp(): Promise<EmuApp> {
    return this.admin.createApp({ appid: unique('tt'), secret: unique('secret') });
  }

  createUser(appid: string, over: Partial<SeedUser> = {}): Promise<EmuUser> {
    return this.admin.createUser({
      appid,
      nickname: 'Vector',
      phone: { countryCode: '86', purePhoneNumber: '13912345678' },
      loggedIn: true,
      ...over,
    });
  }

  login(appid: string, userId: string): Promise<{ code?: string; anonymousCode: string; isLogin: boolean }> {
    return this.admin.login({ appid, userId });
  }

  async template(appid: string, kind: 'one_time' | 'long_term' = 'long_term'): Promise<string> {
    const templateId = unique('tpl');
    await this.admin.createTemplate({ appid, templateId, title: 'Order shipped', kind });
    return templateId;
  }

  subscribe(appid: string, userId: string, templateId: string): Promise<unknown> {
    return this.admin.subscribe({ appid, userId, tmplIds: [templateId], decisions: { [templateId]: 'accept' } });
  }

  async calls(): Promise<Record<string, number>> {
    return this.admin.calls();
  }

  fault(rule: Pick<FaultRuleInput, 'operation' | 'errNo' | 'drop' | 'latencyMs' | 'times'>): Promise<unknown> {
    return this.admin.addFault(rule);
  }

  clearFaults(): Promise<unknown> {
    return this.admin.clearFaults();
  }

  advance(seconds: number): Promise<unknown> {
    return this.admin.advanceClock(seconds);
  }

  inbox(appid: string, openid: string): Promise<unknown[]> {
    return this.admin.inbox({ appid, openid });
  }

  /** A client of `app` pointed at the emulator; retries do not sleep. */
  client(app: EmuApp, over: Partial<DouyinClientOptions> = {}): DouyinClient {
    return new DouyinClient({
      appId: app.appid,
      appSecret: app.secret,
      appPrivateKeyPem: app.privateKeyPem,
      baseUrl: this.emu.url,
      timeoutMs: 5000,
      ...over,
      retry: { sleep: async () => undefined, ...over.retry },
    });
  }
}

/** Calls made between two snapshots of `/calls`. */
export function delta(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) if (v !== (before[k] ?? 0)) out[k] = v - (before[k] ?? 0);
  return out;
}

/** Awaits a promise that must reject and returns the reason. */
export async function rejection(p: Promise<unknown>): Promise<any> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}
