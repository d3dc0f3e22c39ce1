import type { RequestSender } from '../request-sender.js';
import { singleUseCodePolicy } from '../retry-policy.js';
import type { AppCredentials } from './credentials.js';
import { readOptionalString } from './read-fields.js';

/** Input of `code2Session`: at least one of the two codes from `tt.login`. */
export interface Code2SessionInput {
  /** `code` from tt.login (present only when the user is logged in to the host app). */
  code?: string;
  /** `anonymousCode` from tt.login (always present). */
  anonymousCode?: string;
}

/**
 * Result of `code2Session`. Douyin sends absent ids as empty strings; here they are absent
 * (douyin-platform.md §3). `sessionKey` is secret: keep it server-side, never log it.
 */
export interface Code2SessionResult {
  /** Only when `code` was sent. */
  sessionKey?: string;
  /** Only when `code` was sent. */
  openId?: string;
  /** Only when `code` was sent and the app is bound to an open-platform account. */
  unionId?: string;
  /**
   * Only when `anonymousCode` was sent without `code`: Douyin answers "" when a logged-in
   * user's code came with it (§3). To learn the visitor behind both codes of one tt.login,
   * exchange each code in its own call.
   */
  anonymousOpenId?: string;
  /** The answer's top-level `log_id` (Douyin support asks for it), when it had one. */
  logId?: string;
}

export class LoginResource {
  constructor(
    private readonly sender: RequestSender,
    private readonly credentials: AppCredentials,
  ) {}

  /**
   * POST /api/apps/v2/jscode2session. Codes are single-use: this is retried only when the
   * connection never opened. Throws TypeError when neither code is given.
   */
  async code2Session(input: Code2SessionInput): Promise<Code2SessionResult> {
    if (!input.code && !input.anonymousCode) {
      throw new TypeError('code2Session needs code or anonymousCode');
    }
    const { appId, appSecret } = this.credentials;
    const body: Record<string, unknown> = { appid: appId, secret: appSecret };
    if (input.code) body.code = input.code;
    if (input.anonymousCode) body.anonymous_code = input.anonymousCode;
    const env = await this.sender.send({
      operation: 'code2session',
      family: 'apps',
      path: '/api/apps/v2/jscode2session',
      body,
      secrets: [appSecret, input.code ?? '', input.anonymousCode ?? ''],
      retry: singleUseCodePolicy,
    });
    return {
      sessionKey: readOptionalString(env.data, 'session_key'),
      openId: readOptionalString(env.data, 'openid'),
      unionId: readOptionalString(env.data, 'unionid'),
      anonymousOpenId: readOptionalString(env.data, 'anonymous_openid'),
      ...(env.logId ? { logId: env.logId } : {}),
    };
  }
}
