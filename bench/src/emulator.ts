import { fileURLToPath } from 'node:url';
import { EmulatorAdmin, type CallCounter, type GeneratedApp, type Operation, type SeedUser } from '@douyin-kit/douyin-emulator/admin';
import { spawnNode, type Child } from './processes.js';

/** A mini-program registered on the emulator. The secret and key only ever go into child env. */
export type EmulatorApp = GeneratedApp;

export interface LoginCodes {
  code: string;
  anonymousCode: string;
}

/** The emulator child, and in bulk the admin calls the bench needs (device side, console side, counters). */
export class Emulator {
  readonly admin: EmulatorAdmin;

  private constructor(
    readonly url: string,
    private readonly child: Child,
  ) {
    this.admin = new EmulatorAdmin(url);
  }

  static async start(): Promise<Emulator> {
    const entry = fileURLToPath(new URL('./children/emulator-main.ts', import.meta.url));
    const child = spawnNode('emulator', ['--import', 'tsx', entry], { ...process.env });
    const { url } = await child.firstJsonLine<{ url: string }>();
    return new Emulator(url, child);
  }

  /** The emulator's process id (its CPU time is reported: it shares the machine with the servers). */
  get pid(): number | undefined {
    return this.child.process.pid;
  }

  stop(): Promise<void> {
    return this.child.stop();
  }

  createApp(): Promise<EmulatorApp> {
    return this.admin.createApp();
  }

  /** `count` users of `appid`, logged in to the host app; returns their emulator ids. */
  async createUsers(appid: string, count: number, fields: (i: number) => Partial<SeedUser> = () => ({})): Promise<string[]> {
    return inBatches(count, 16, async (i) => {
      const user = await this.admin.createUser({ appid, nickname: `Bench ${i}`, ...fields(i) });
      return user.id;
    });
  }

  /**
   * `count` tt.login results (code + anonymousCode, as the mini-program posts them), the users
   * taken in turn. Codes are single-use, so each load round gets codes minted just for it.
   * With `firstLoginEvery` n, every n-th code belongs to a user created for it: a first login.
   */
  mintLoginCodes(appid: string, userIds: string[], count: number, firstLoginEvery = 0): Promise<LoginCodes[]> {
    return inBatches(count, 32, async (i) => {
      const fresh = firstLoginEvery > 0 && i % firstLoginEvery === firstLoginEvery - 1;
      const userId = fresh ? (await this.admin.createUser({ appid, nickname: `Bench new ${i}` })).id : userIds[i % userIds.length]!;
      const { code, anonymousCode } = await this.admin.login({ appid, userId });
      if (!code) throw new Error('a bench user is not logged in to Douyin: no login code');
      return { code, anonymousCode };
    });
  }

  /** getPhoneNumber's new flow: a single-use phone code of the user. */
  async mintPhoneCode(appid: string, userId: string): Promise<string> {
    const { code } = await this.admin.phoneNumber({ appid, userId, flow: 'code' });
    return code;
  }

  /** Counts one app's calls of an operation (see EmulatorAdmin.countCalls). */
  callCounter(operation: Operation, match: Record<string, string>, latencyMs = 0): Promise<CallCounter> {
    return this.admin.countCalls(operation, match, latencyMs);
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
