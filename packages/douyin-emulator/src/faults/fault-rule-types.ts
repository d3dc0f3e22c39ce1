// The shapes of fault rules, with no imports: the admin client (browser-safe) shares them.

/** Platform operations a fault rule (and the call counter) can name. */
export const OPERATIONS = [
  'token',
  'client_token',
  'jscode2session',
  'notify_v1',
  'notify_v2',
  'query_user_subscribe',
  'get_phonenumber_info',
  'stable_client_token',
  'privacy_setting_query',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface FaultRuleInput {
  operation: Operation;
  /** Answer with this error number in the operation's own envelope. */
  errNo?: number;
  /** Chance that the rule fires on a call, 0..1; default 1. */
  probability?: number;
  /** Delay (real milliseconds) before the call is answered or dropped. */
  latencyMs?: number;
  /** Destroy the socket without any response. */
  drop?: boolean;
  /**
   * Answer with this HTTP status (400..599), as a gateway in front of the platform would: with
   * `errNo`, the operation's envelope under that status; without, `body` as `contentType`
   * (default: an nginx-style HTML page for the status, `text/html`).
   */
  httpStatus?: number;
  /** Raw body of an `httpStatus` answer without `errNo` (at most 64 KiB). */
  body?: string;
  /** Content type of that body; default `text/html`. */
  contentType?: string;
  /** Fire at most this many times, then the rule removes itself. */
  times?: number;
  /** Private random seed for this rule, so its firing pattern is reproducible. */
  seed?: number;
  /**
   * Fire only for calls whose top-level body or query fields equal these (e.g. `{code}` or
   * `{open_id}`): tests running in parallel against one emulator then hit only their own calls.
   */
  match?: Record<string, string>;
}

export interface FaultRule extends Required<Pick<FaultRuleInput, 'operation' | 'probability'>> {
  id: string;
  errNo: number | null;
  latencyMs: number;
  drop: boolean;
  httpStatus: number | null;
  body: string | null;
  contentType: string | null;
  /** Firings left; null = unlimited. */
  remaining: number | null;
  fired: number;
  seed: number | null;
  match: Record<string, string> | null;
}
