/**
 * What a caller should do about a platform error, independent of which envelope or endpoint
 * produced it. Callers switch on this, never on numbers or message strings.
 */
export type DouyinApiErrorKind =
  /** appid / secret / client_key wrong or unknown: a configuration problem, never retry. */
  | 'bad_credentials'
  /** Login code, anonymous code or phone code bad, reused or expired: get a fresh one. */
  | 'bad_code'
  /** access_token / client_token expired or invalid: refresh the token and retry once. */
  | 'token_invalid'
  /** Too many calls (per app, per user or per second). */
  | 'rate_limited'
  /** The platform reports an internal error; the request may or may not have had effect. */
  | 'system_busy'
  /** The user has not (or no longer) subscribed to this template. */
  | 'not_subscribed'
  /** The message content was refused by the platform's content rules. */
  | 'content_rejected'
  /** The app or its push ability is banned. */
  | 'banned'
  /** A quota (daily calls, messages) is used up. */
  | 'quota_exhausted'
  /** Malformed or invalid request parameters: a bug on our side or bad user input. */
  | 'bad_request'
  /** The app lacks the capability (permission) this API needs. */
  | 'capability_missing'
  /** A code this client does not know. */
  | 'unknown';

/**
 * Every documented error number, mapped once. The numbers of the different API generations do
 * not collide, so one table serves all endpoints (see docs/douyin-platform.md §0-§6).
 */
const KIND_BY_ERR_NO: ReadonlyMap<number, DouyinApiErrorKind> = new Map<number, DouyinApiErrorKind>([
  // v2 token and jscode2session (legacy apps host)
  [-1, 'system_busy'],
  [40014, 'bad_request'], // missing parameter
  [40015, 'bad_credentials'], // bad appid
  [40017, 'bad_credentials'], // bad secret
  [40018, 'bad_code'], // bad, reused or expired login code
  [40019, 'bad_code'], // bad anonymous_code
  [40020, 'bad_request'], // grant_type is not client_credential
  // open.douyin.com/oauth/client_token
  [10002, 'bad_request'],
  [10003, 'bad_credentials'], // client_key unknown
  [10013, 'bad_credentials'], // client_key / client_secret wrong
  [10020, 'rate_limited'], // more than 500 calls in 5 minutes
  // v1 subscription notify (legacy apps host)
  [1000, 'bad_request'], // bad parameter format
  [1001, 'bad_request'], // bad parameter content
  [1008, 'content_rejected'],
  [1009, 'banned'], // push banned
  [1010, 'rate_limited'], // too frequent
  [2000, 'system_busy'], // internal error
  [28006003, 'rate_limited'], // QPS (mini-game copy of the doc)
  [28014043, 'not_subscribed'],
  // open.douyin.com/api common codes
  [28001005, 'system_busy'],
  [28001007, 'bad_request'],
  [28001008, 'token_invalid'], // access_token expired
  [28001003, 'token_invalid'], // access_token invalid
  [28001016, 'banned'], // app banned
  [28001018, 'capability_missing'],
  [28003017, 'quota_exhausted'],
  [28003018, 'rate_limited'],
  // v2 subscription notify
  [28014001, 'bad_request'],
  [28014041, 'quota_exhausted'], // reportedly; unconfirmed upstream
  // phone number by code
  [28005187, 'bad_code'], // expired phone code (unconfirmed upstream)
]);

/** Maps a platform error number to the kind callers act on. */
export function kindOfErrNo(errNo: number): DouyinApiErrorKind {
  return KIND_BY_ERR_NO.get(errNo) ?? 'unknown';
}

/** The documented numbers, for tests that must cover each one. */
export function documentedErrNos(): number[] {
  return [...KIND_BY_ERR_NO.keys()];
}

/**
 * Which of the caller's inputs the platform refused, where the operation gives the error number
 * that meaning. It refines `kind` the way stripe's `code` refines its error `type`: `kind` says
 * what to do, `reason` what exactly to get afresh. Undefined for every other error.
 */
export type DouyinApiErrorReason = Code2SessionErrorReason | PhoneCodeErrorReason;

/**
 * `code2Session`'s reasons (douyin-platform.md §3): 40019 names the anonymous code; 40018, and
 * any other code refusal, the login code. A bad, used or expired code all answer 40018: there
 * is no separate "expired" number.
 */
export type Code2SessionErrorReason =
  /** `code` is bad, already used or expired: call tt.login again. */
  | 'login_code_invalid'
  /** `anonymousCode` is bad, already used or expired: call tt.login again. */
  | 'anonymous_code_invalid';

/**
 * `getPhoneNumberByCode`'s reasons (douyin-platform.md §5 and §0): the code is its only
 * parameter, so an invalid parameter (28001007) means the code is unknown, malformed or already
 * used; 28005187 (unconfirmed upstream) that it expired. Either way: ask for the number again.
 */
export type PhoneCodeErrorReason = 'phone_code_invalid' | 'phone_code_expired';

/** The refinement of each operation that has one; the operation names are the client's. */
const REASON_BY_OPERATION: Readonly<Record<string, (errNo: number, kind: DouyinApiErrorKind) => DouyinApiErrorReason | undefined>> = {
  code2session: (errNo, kind) => (errNo === 40019 ? 'anonymous_code_invalid' : kind === 'bad_code' ? 'login_code_invalid' : undefined),
  get_phonenumber_info: (errNo, kind) =>
    errNo === 28005187 ? 'phone_code_expired' : kind === 'bad_code' || errNo === 28001007 ? 'phone_code_invalid' : undefined,
};

/** Refines a platform error of one operation (see DouyinApiErrorReason). */
export function reasonOfErrNo(operation: string, errNo: number): DouyinApiErrorReason | undefined {
  return REASON_BY_OPERATION[operation]?.(errNo, kindOfErrNo(errNo));
}
