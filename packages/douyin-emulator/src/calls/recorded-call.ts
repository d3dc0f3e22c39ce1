// The shape of a recorded platform call, with no imports: the admin client (browser-safe) shares it.
import type { Operation } from '../faults/fault-rule-types.js';

/**
 * One call to a platform route as the emulator received it, for tests that check what a client
 * sends on the wire. Headers are kept as sent (lower-cased names): the tokens in them are the
 * emulator's own fake credentials. The body is not kept (app secrets and codes travel there).
 */
export interface RecordedCall {
  operation: Operation;
  method: string;
  /** Path without the query string. */
  path: string;
  /** The `content-type` header exactly as sent; null when absent. */
  contentType: string | null;
  headers: Record<string, string>;
  /** Emulated epoch milliseconds. */
  receivedAt: number;
}
