import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatchedLogDestination } from './log-destination.js';

describe('BatchedLogDestination', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'log-destination-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds lines until about 4 KiB wait, then writes them in one go, in order', () => {
    const file = join(dir, 'out.log');
    const fd = openSync(file, 'w');
    const destination = new BatchedLogDestination(fd);
    const line = (i: number) => `{"i":${i},"msg":"${'x'.repeat(90)}","name":"小林"}\n`;
    for (let i = 0; i < 30; i++) destination.write(line(i));
    expect(readFileSync(file, 'utf8')).toBe('');
    for (let i = 30; i < 50; i++) destination.write(line(i));
    const written = readFileSync(file, 'utf8');
    expect(written.length).toBeGreaterThan(4000);
    destination.flushSync();
    expect(readFileSync(file, 'utf8')).toBe(Array.from({ length: 50 }, (_, i) => line(i)).join(''));
    closeSync(fd);
  });

  it('retries a partial write and a full pipe until the batch is out', () => {
    const out: string[] = [];
    let call = 0;
    const destination = new BatchedLogDestination(
      1,
      () => undefined,
      (_fd, buffer, offset) => {
        call++;
        if (call === 2) throw Object.assign(new Error('full'), { code: 'EAGAIN' });
        const end = Math.min(buffer.length, offset + 3);
        out.push(buffer.subarray(offset, end).toString());
        return end - offset;
      },
    );
    destination.write('abcdefgh\n');
    destination.flushSync();
    expect(out.join('')).toBe('abcdefgh\n');
  });

  it('waits for a full pipe a bounded time, then drops the batch; a closed destination drops at once', () => {
    const slept: number[] = [];
    const failing = (code: string) => () => {
      throw Object.assign(new Error(code), { code });
    };
    let pipeFull = true;
    const full = new BatchedLogDestination(
      1,
      (ms) => slept.push(ms),
      (_fd, buffer, offset) => (pipeFull ? failing('EAGAIN')() : buffer.length - offset),
    );
    full.write('a\n');
    full.flushSync();
    expect(slept.reduce((sum, ms) => sum + ms, 0)).toBe(1000);
    // Still full: the next batch is tried once and dropped, no second wait.
    slept.length = 0;
    full.write('b\n');
    full.flushSync();
    expect(slept).toEqual([]);
    // Once a batch gets through, a full pipe is waited for again.
    pipeFull = false;
    full.write('c\n');
    full.flushSync();
    pipeFull = true;
    full.write('d\n');
    full.flushSync();
    expect(slept.reduce((sum, ms) => sum + ms, 0)).toBe(1000);
    slept.length = 0;
    const closed = new BatchedLogDestination(1, (ms) => slept.push(ms), failing('EPIPE'));
    closed.write('b\n');
    expect(() => closed.flushSync()).not.toThrow();
    expect(slept).toEqual([]);
  });

  it('writes the waiting lines when the process exits, however it exits', () => {
    const module = fileURLToPath(new URL('./log-destination.ts', import.meta.url));
    for (const ending of ['process.exit(0)', 'throw new Error("boom")', '']) {
      const script = `
        import { BatchedLogDestination } from ${JSON.stringify(module)};
        const destination = new BatchedLogDestination(1).start();
        destination.write('first\\n');
        destination.write('last\\n');
        ${ending}`;
      const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(result.stdout).toBe('first\nlast\n');
    }
  });
});
