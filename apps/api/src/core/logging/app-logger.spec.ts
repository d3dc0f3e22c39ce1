import { pino } from 'pino';
import { createAccessLog, createRootLogger, isoTimeField } from './app-logger.js';

describe('isoTimeField', () => {
  afterEach(() => vi.useRealTimers());

  it('writes what pino.stdTimeFunctions.isoTime writes, and follows the clock millisecond by millisecond', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-07T01:02:03.004Z'));
    expect(isoTimeField()).toBe(pino.stdTimeFunctions.isoTime());
    expect(isoTimeField()).toBe(',"time":"2026-12-07T01:02:03.004Z"');
    vi.setSystemTime(new Date('2026-12-07T01:02:03.005Z'));
    expect(isoTimeField()).toBe(',"time":"2026-12-07T01:02:03.005Z"');
  });
});

describe('createAccessLog', () => {
  /** A root logger as the API makes it, writing into an array. */
  async function rootInto(lines: string[], level: 'log' | 'warn' = 'log') {
    return createRootLogger({ level, pretty: false, destination: { write: (line: string) => void lines.push(line) } });
  }
  const fields = { requestId: 'c0a8012e-7f4b-4c1a-9f0e-1234567890ab', method: 'GET', route: '/me/addresses/:id', status: 200, durationMs: 1.5 };

  it('writes the line pino writes for the same fields, key for key and in the same order', async () => {
    const fast: string[] = [];
    const viaPino: string[] = [];
    createAccessLog(await rootInto(fast))(fields, false);
    (await rootInto(viaPino)).child({ context: 'Http' }).info(fields, 'request completed');
    createAccessLog(await rootInto(fast))({ ...fields, route: null, status: 503, durationMs: 12 }, true);
    (await rootInto(viaPino)).child({ context: 'Http' }).warn({ ...fields, route: null, status: 503, durationMs: 12 }, 'request failed');

    expect(fast).toHaveLength(2);
    const withoutTime = (line: string) => line.replace(/,"time":"[^"]+"/, '');
    expect(fast.map(withoutTime)).toEqual(viaPino.map(withoutTime));
    expect(JSON.parse(fast[0]!)).toMatchObject({ level: 'info', context: 'Http', route: '/me/addresses/:id', msg: 'request completed' });
    expect(fast[1]).toMatch(/^\{"level":"warn","time":"[^"]+","pid":\d+,"context":"Http","requestId":"[^"]+","method":"GET","route":null,/);
  });

  it('escapes what it is given and follows the level filter', async () => {
    const lines: string[] = [];
    const log = createAccessLog(await rootInto(lines, 'warn'));
    log({ ...fields, requestId: 'a"b\\c\n' }, false);
    expect(lines).toEqual([]);
    log({ ...fields, requestId: 'a"b\\c\n' }, true);
    expect(JSON.parse(lines[0]!)).toMatchObject({ requestId: 'a"b\\c\n', level: 'warn' });
  });

  it('goes through pino when a capture sink listens (tests scan every line)', async () => {
    const captured: string[] = [];
    const root = await createRootLogger({
      level: 'log',
      pretty: false,
      capture: { write: (line: string) => void captured.push(line) },
      destination: { write: () => undefined },
    });
    createAccessLog(root)(fields, false);
    expect(JSON.parse(captured[0]!)).toMatchObject({ ...fields, context: 'Http', msg: 'request completed' });
  });
});
