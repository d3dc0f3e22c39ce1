import { DouyinApiError, type DouyinApiErrorKind, DouyinTransportError } from '@douyin-kit/douyin-client';

/**
 * What to do after a failed send. Douyin's notify APIs have no idempotency key, so the only
 * question that matters is whether the message may have been delivered:
 * - `retry`: certainly not delivered and worth trying later (pg-boss retries with back-off);
 * - `fail`: Douyin refused it for good (nothing delivered, a one-time credit goes back);
 * - `unknown`: it may have been delivered (the request may have reached Douyin and no answer
 *   came back). It is never sent again: a duplicate of a long-term message would reach the
 *   user twice, and consent must never be over-used. The message ends `dead` with
 *   OUTCOME_UNKNOWN and its credit counts as spent; an operator decides whether to send anew.
 */
export interface SendFailure {
  decision: 'retry' | 'fail' | 'unknown';
  /** Stored as `last_error_code`: a Douyin error kind, `transport_<kind>` or ours. */
  code: string;
  /** Stored as `last_error`: numbers and kinds only, never data values or tokens. */
  message: string;
  logId?: string;
}

export const OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN';

/** query_user_subscribe said the user is not subscribed: nothing was sent. */
export class NotSubscribedOnDouyin extends Error {
  override name = 'NotSubscribedOnDouyin';
}

/**
 * Why each kind of platform answer is (not) retried. Every one of them is an answer, so the
 * message was not delivered, except `system_busy`: the client's docs note a 2000 / 28001005
 * does not promise "not delivered". It is retried all the same, later and with back-off: a
 * busy spell would otherwise lose every message in it, and for one-time templates Douyin's
 * own per-accept credit refuses a second delivery.
 */
const RETRYABLE_KINDS: ReadonlySet<DouyinApiErrorKind> = new Set<DouyinApiErrorKind>([
  'rate_limited', // 1 message/s/user or app QPS: the next slot will do
  'system_busy',
  'token_invalid', // still invalid after the broker's one refresh: refused, so nothing sent
  'bad_credentials', // the token fetch failed (secret rotated?): an operator can fix it in time
]);
// Everything else is final: not_subscribed, content_rejected, bad_request, banned,
// capability_missing, quota_exhausted (a daily quota outlasts any retry window), unknown.

/**
 * The client operations that carry the message. A send also fetches a token first (the app
 * access token for v1, the client_token for v2), and only these two can have delivered anything.
 */
const SEND_OPERATIONS: ReadonlySet<string> = new Set(['notify_v1', 'notify_v2']);

export interface SendPolicy {
  /**
   * NOTIFY_RETRY_AFTER_TIMEOUT: send a long-term message again when the previous attempt timed
   * out waiting for Douyin's answer (at-least-once: the user may get it twice). One-time messages
   * never are: had the first attempt been delivered, Douyin would refuse the second as not
   * subscribed, and the credit would be handed back for a message the user did receive.
   */
  retryAfterTimeout: boolean;
  kind: 'one_time' | 'long_term';
}

export function classifySendError(error: unknown, policy: SendPolicy = { retryAfterTimeout: false, kind: 'one_time' }): SendFailure {
  if (error instanceof NotSubscribedOnDouyin) {
    return {
      decision: 'fail',
      code: 'NOT_SUBSCRIBED',
      message: 'Douyin reports the user not subscribed (query_user_subscribe) and no webhook confirmed the consent: not sent',
    };
  }
  if (error instanceof DouyinApiError) {
    return {
      decision: RETRYABLE_KINDS.has(error.kind) ? 'retry' : 'fail',
      code: error.kind,
      message: `Douyin ${error.operation} answered err_no ${error.errNo} (${error.kind})`,
      ...(error.logId ? { logId: error.logId } : {}),
    };
  }
  if (error instanceof DouyinTransportError) {
    const code = `transport_${error.kind}`;
    // The connection never opened (refused, DNS, connect timeout): nothing left this process.
    if (!error.mayHaveReachedServer) return { decision: 'retry', code, message: `Douyin unreachable (${error.code ?? error.kind})` };
    // The call that failed was the token fetch before the send: the message never left.
    if (!SEND_OPERATIONS.has(error.operation)) {
      return {
        decision: 'retry',
        code,
        message: `Douyin ${error.operation} failed before the send (${error.kind}${error.code ? ` ${error.code}` : ''}): not sent`,
      };
    }
    if (error.kind === 'timeout' && policy.retryAfterTimeout && policy.kind === 'long_term') {
      return { decision: 'retry', code, message: 'No answer from Douyin in time: sent again (NOTIFY_RETRY_AFTER_TIMEOUT)' };
    }
    return {
      decision: 'unknown',
      code: OUTCOME_UNKNOWN,
      message: `No answer from Douyin after sending (${error.kind}${error.code ? ` ${error.code}` : ''}): may have been delivered, not re-sent`,
    };
  }
  // Anything else (the token store's database, a bug) fails before the request is made: the
  // client's transport is the only place a send can happen, and it throws DouyinTransportError
  // naming the notify operation.
  return { decision: 'retry', code: 'internal', message: `Send did not start (${error instanceof Error ? error.name : 'unknown error'})` };
}
