import { LoginSingleFlight } from './login-single-flight.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('LoginSingleFlight', () => {
  let now = 0;
  const flights = () => new LoginSingleFlight<string>(60_000, () => now);

  beforeEach(() => {
    now = 1_000;
  });

  it('shares one run between concurrent callers with the same key', async () => {
    const single = flights();
    const upstream = deferred<string>();
    let runs = 0;
    const work = () => {
      runs++;
      return upstream.promise;
    };
    const first = single.run('code-1', work);
    const second = single.run('code-1', work);
    upstream.resolve('session');
    expect(await Promise.all([first, second])).toEqual(['session', 'session']);
    expect(runs).toBe(1);
  });

  it('answers a retry after completion from memory until the window ends', async () => {
    const single = flights();
    let runs = 0;
    const work = async () => `answer-${++runs}`;
    expect(await single.run('code-1', work)).toBe('answer-1');
    now += 59_000;
    expect(await single.run('code-1', work)).toBe('answer-1');
    now += 2_000;
    expect(await single.run('code-1', work)).toBe('answer-2');
  });

  it('never answers from an expired entry still waiting for the next eviction', async () => {
    const single = flights();
    let runs = 0;
    const work = async () => `answer-${++runs}`;
    expect(await single.run('code-1', work)).toBe('answer-1'); // kept until 61_000
    now = 60_500;
    await single.run('code-2', async () => 'other'); // evicts now; the next eviction is a second away
    now = 61_200;
    expect(await single.run('code-1', work)).toBe('answer-2');
  });

  it('forgets failures so a new attempt runs again, and keeps keys apart', async () => {
    const single = flights();
    await expect(single.run('code-1', async () => Promise.reject(new Error('busy')))).rejects.toThrow('busy');
    expect(await single.run('code-1', async () => 'ok')).toBe('ok');
    expect(await single.run('code-2', async () => 'other')).toBe('other');
  });
});
