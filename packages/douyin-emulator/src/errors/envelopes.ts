// Error factory (the LocalStack pattern): each API family answers in its own envelope with the
// real platform's exact numbers, and always with HTTP 200 like the real platform.

export type Family = 'v1' | 'v2' | 'oauth' | 'open';

const MESSAGES: Record<number, string> = {
  [-1]: 'system error',
  40014: 'bad params',
  40015: 'bad appid',
  40017: 'bad secret',
  40018: 'bad code',
  40019: 'bad anonymous_code',
  40020: 'bad grant_type',
  1000: 'bad parameter format',
  1001: 'bad parameter content',
  1008: 'content violates rules',
  1009: 'push banned',
  1010: 'too frequent',
  2000: 'internal error',
  10002: 'Parameter error',
  10003: 'client_key not found',
  10013: 'client_key or client_secret error',
  10020: 'rate limit exceeded',
  28001003: 'access_token is invalid',
  28001005: 'system busy',
  28001007: 'invalid parameter',
  28001008: 'access_token has expired',
  28003017: 'quota exhausted',
  28003018: 'rate too high',
  28005187: 'code has expired',
  28014001: 'parameter error',
  28014041: 'quota exhausted',
  28014043: 'user not subscribed',
};

export function messageFor(errNo: number): string {
  return MESSAGES[errNo] ?? 'error';
}

/** `{err_no, err_tips, data}`: v2 token/jscode2session and v1 notify; data keeps its shape on error. */
export function v2Body<T>(errNo: number, data: T, tips = errNo === 0 ? 'success' : messageFor(errNo)) {
  return data === undefined ? { err_no: errNo, err_tips: tips } : { err_no: errNo, err_tips: tips, data };
}

/** v1 GET error: flat, with the legacy `error`/`message` duplicates. */
export function v1ErrorBody(errNo: number, msg = messageFor(errNo)) {
  return { errcode: errNo, errmsg: msg, error: 1, message: msg };
}

/** open.douyin.com/oauth/*: the error number lives in data.error_code; log id in extra.logid. */
export function oauthBody(
  errNo: number,
  logId: string,
  nowMs: number,
  data: { access_token: string; expires_in: number } = { access_token: '', expires_in: 0 },
) {
  return {
    data: { ...data, description: errNo === 0 ? '' : messageFor(errNo), error_code: errNo },
    extra: { logid: logId, now: nowMs, error_code: errNo, description: errNo === 0 ? '' : messageFor(errNo) },
    message: errNo === 0 ? 'success' : 'error',
  };
}

/** open.douyin.com/api/*: `{err_no, err_msg, log_id, data?}`. */
export function openBody(errNo: number, logId: string, data?: unknown, msg?: string) {
  const body: Record<string, unknown> = {
    err_no: errNo,
    err_msg: msg ?? (errNo === 0 ? '' : messageFor(errNo)),
    log_id: logId,
  };
  if (data !== undefined) body.data = data;
  return body;
}

/** The error body of a family, used by fault rules that inject an errNo into any operation. */
export function familyErrorBody(family: Family, errNo: number, opts: { logId: string; nowMs: number; emptyData?: unknown }): unknown {
  switch (family) {
    case 'v1':
      return v1ErrorBody(errNo);
    case 'v2':
      return v2Body(errNo, opts.emptyData);
    case 'oauth':
      return oauthBody(errNo, opts.logId, opts.nowMs);
    case 'open':
      return openBody(errNo, opts.logId, opts.emptyData);
  }
}
