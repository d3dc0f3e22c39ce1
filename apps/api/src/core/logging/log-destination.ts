import { writeSync } from 'node:fs';

type WriteSync = (fd: number, buffer: Buffer, offset: number) => number;

/** Written when at least this many characters of lines are waiting. */
const BATCH_CHARS = 4096;
/** The longest a line waits on a quiet server. */
const FLUSH_INTERVAL_MS = 100;
/** A full pipe (the reader is behind) is retried this often, for at most this long, before lines are dropped. */
const FULL_RETRY_MS = 5;
const FULL_GIVE_UP_MS = 1000;

/**
 * Log lines to a file descriptor (stdout), gathered and written in batches: one write per ~4 KiB
 * instead of one per line, and at the latest every 100 ms. Writes are synchronous, as pino's own
 * default destination's are, so nothing is ever in flight: on `exit` (a shutdown, `process.exit`,
 * an uncaught exception) the waiting lines are written before the process ends.
 *
 * Written by hand because pino's `pino.destination()` (sonic-boom) keeps the waiting lines in one
 * string and measures its UTF-8 length on every line written: quadratic in the batch, it cost
 * more than the access line itself (with the threadpool write, ~16 µs of a `GET /me` under the
 * bench's load, measured by turning the write off). Here a line costs an array push.
 */
export class BatchedLogDestination {
  private lines: string[] = [];
  private chars = 0;
  /** The last batch gave up on a full pipe: until one gets through, the next are not waited for. */
  private stuck = false;

  constructor(
    private readonly fd: number,
    private readonly sleep: (ms: number) => void = sleepSync,
    private readonly writeTo: WriteSync = writeSync,
  ) {}

  /** Starts the periodic flush and the flush on exit; returns this. */
  start(): this {
    setInterval(() => this.flushSync(), FLUSH_INTERVAL_MS).unref();
    process.once('exit', () => this.flushSync());
    return this;
  }

  write(line: string): boolean {
    this.lines.push(line);
    this.chars += line.length;
    if (this.chars >= BATCH_CHARS) this.flushSync();
    return true;
  }

  /** Writes every waiting line now. */
  flushSync(): void {
    if (this.lines.length === 0) return;
    const chunk = Buffer.from(this.lines.join(''), 'utf8');
    this.lines = [];
    this.chars = 0;
    let offset = 0;
    let waitedMs = 0;
    while (offset < chunk.length) {
      try {
        offset += this.writeTo(this.fd, chunk, offset);
      } catch (error) {
        // A non-blocking pipe whose reader is behind: wait a little, but a stalled log reader
        // must not stall the server for long; past that the batch is dropped, and while the
        // reader stays stalled each later batch gets one try, not another second of waiting.
        const full = (error as NodeJS.ErrnoException).code === 'EAGAIN';
        if (full && !this.stuck && waitedMs < FULL_GIVE_UP_MS) {
          this.sleep(FULL_RETRY_MS);
          waitedMs += FULL_RETRY_MS;
          continue;
        }
        this.stuck = full;
        // Nowhere to write (stdout closed, or still full): the lines are lost, the process is not.
        return;
      }
    }
    this.stuck = false;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
