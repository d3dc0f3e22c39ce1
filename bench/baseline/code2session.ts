/** What code2session answered, flattened; errNo 0 on success. */
export interface Code2SessionResult {
  errNo: number;
  sessionKey: string;
  openId: string;
  unionId: string;
  anonymousOpenId: string;
}

interface V2Envelope {
  err_no?: number;
  data?: { session_key?: string; openid?: string; unionid?: string; anonymous_openid?: string };
}

/**
 * A login's identity. Douyin answers `anonymous_openid: ""` when `code` and `anonymous_code` come
 * in one call (docs/douyin-platform.md §3), so with both codes this makes two calls at once, one
 * per code, as the API does; an anonymous exchange that fails leaves the login without a device.
 */
export async function exchangeLogin(
  appsBaseUrl: string,
  input: { appId: string; appSecret: string; code?: string; anonymousCode?: string },
): Promise<Code2SessionResult> {
  const { appId, appSecret, code, anonymousCode } = input;
  if (!code || !anonymousCode) return code2session(appsBaseUrl, input);
  const [real, anonymous] = await Promise.all([
    code2session(appsBaseUrl, { appId, appSecret, code }),
    code2session(appsBaseUrl, { appId, appSecret, anonymousCode }),
  ]);
  return { ...real, anonymousOpenId: anonymous.errNo === 0 ? anonymous.anonymousOpenId : '' };
}

/**
 * POST /api/apps/v2/jscode2session on the legacy apps host, the endpoint and body the API's
 * client sends (docs/douyin-platform.md §3), with Node's fetch (undici, keep-alive).
 */
async function code2session(
  appsBaseUrl: string,
  input: { appId: string; appSecret: string; code?: string; anonymousCode?: string },
): Promise<Code2SessionResult> {
  const body: Record<string, string> = { appid: input.appId, secret: input.appSecret };
  if (input.code) body.code = input.code;
  if (input.anonymousCode) body.anonymous_code = input.anonymousCode;
  const response = await fetch(`${appsBaseUrl}/api/apps/v2/jscode2session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const envelope = (await response.json()) as V2Envelope;
  const data = envelope.data ?? {};
  return {
    errNo: response.ok ? (envelope.err_no ?? -1) : -1,
    sessionKey: data.session_key ?? '',
    openId: data.openid ?? '',
    unionId: data.unionid ?? '',
    anonymousOpenId: data.anonymous_openid ?? '',
  };
}
