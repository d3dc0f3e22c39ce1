import { pino } from 'pino';
import { isoTimeField } from './app-logger.js';

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
