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
  it('shares one run between concurrent callers with the same key', async () => {
    const single = new LoginSingleFlight<string>();
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

  it('runs the same key again once the first run has answered: answers are never replayed', async () => {
    const single = new LoginSingleFlight<string>();
    let runs = 0;
    const work = async () => `answer-${++runs}`;
    expect(await single.run('code-1', work)).toBe('answer-1');
    expect(await single.run('code-1', work)).toBe('answer-2');
    expect(single.size).toBe(0);
  });

  it('runs again after a failure, shares the failure with the callers in flight, and keeps keys apart', async () => {
    const single = new LoginSingleFlight<string>();
    const upstream = deferred<string>();
    const first = single.run('code-1', () => upstream.promise);
    const second = single.run('code-1', async () => 'never');
    const other = single.run('code-2', async () => 'other');
    upstream.reject(new Error('busy'));
    await expect(first).rejects.toThrow('busy');
    await expect(second).rejects.toThrow('busy');
    expect(await other).toBe('other');
    expect(await single.run('code-1', async () => 'ok')).toBe('ok');
    expect(single.size).toBe(0);
  });
});
