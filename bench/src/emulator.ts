import { fileURLToPath } from 'node:url';
import { spawnNode, type Child } from './processes.js';

/** A mini-program registered on the emulator. The secret and key only ever go into child env. */
export interface EmulatorApp {
  appid: string;
  secret: string;
  privateKeyPem: string;
}

export interface LoginCodes {
  code: string;
  anonymousCode: string;
}

/** The emulator child and the admin calls the bench needs (device side, console side, counters). */
export class Emulator {
  private constructor(
    readonly url: string,
    private readonly child: Child,
  ) {}

  static async start(): Promise<Emulator> {
    const entry = fileURLToPath(new URL('./children/emulator-main.ts', import.meta.url));
    const child = spawnNode('emulator', ['--import', 'tsx', entry], { ...process.env });
    const { url } = await child.firstJsonLine<{ url: string }>();
    return new Emulator(url, child);
  }

  stop(): Promise<void> {
    return this.child.stop();
  }

  async admin<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as T;
    // The body is not echoed: device answers carry codes.
    if (!response.ok) throw new Error(`emulator ${method} ${path}: HTTP ${response.status}`);
    return json;
  }

  createApp(): Promise<EmulatorApp> {
    return this.admin('POST', '/apps', {});
  }

  /** `count` users of `appid`, logged in to the host app; returns their emulator ids. */
  async createUsers(appid: string, count: number, fields: (i: number) => Record<string, unknown> = () => ({})): Promise<string[]> {
    return inBatches(count, 16, async (i) => {
      const user = await this.admin<{ id: string }>('POST', '/users', { appid, nickname: `Bench ${i}`, ...fields(i) });
      return user.id;
    });
  }

  /**
   * `count` tt.login results (code + anonymousCode, as the mini-program posts them), the users
   * taken in turn. Codes are single-use, so each load round gets codes minted just for it.
   */
  mintLoginCodes(appid: string, userIds: string[], count: number): Promise<LoginCodes[]> {
    return inBatches(count, 32, async (i) => {
      const { code, anonymousCode } = await this.admin<LoginCodes>('POST', '/device/login', { appid, userId: userIds[i % userIds.length] });
      return { code, anonymousCode };
    });
  }

  /** getPhoneNumber's new flow: a single-use phone code of the user. */
  async mintPhoneCode(appid: string, userId: string): Promise<string> {
    const { code } = await this.admin<{ code: string }>('POST', '/device/phone-number', { appid, userId, flow: 'code' });
    return code;
  }

  /** Global upstream call counters, per operation. */
  calls(): Promise<Record<string, number>> {
    return this.admin('GET', '/calls');
  }

  /**
   * Counts one app's calls of an operation: a fault rule that only adds latency fires on, and
   * counts, every call whose fields match, without changing the answer.
   */
  async callCounter(operation: string, match: Record<string, string>, latencyMs = 0) {
    const rule = await this.admin<{ id: string }>('POST', '/faults', { operation, match, latencyMs });
    return {
      count: async () => (await this.admin<{ id: string; fired: number }[]>('GET', '/faults')).find((r) => r.id === rule.id)?.fired ?? 0,
      remove: () => this.admin('DELETE', `/faults/${rule.id}`).catch(() => undefined),
    };
  }
}

/** Runs `work(0..count-1)` with at most `parallel` in flight, keeping the results in order. */
export async function inBatches<T>(count: number, parallel: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await work(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, lane));
  return results;
}
