import type { Code2SessionInput, Code2SessionResult } from '@douyin-kit/douyin-client';

/** One code2session call (DouyinClient.code2Session). */
export type Code2Session = (input: Code2SessionInput) => Promise<Code2SessionResult>;

/**
 * tt.login's codes → one Douyin identity. Never both codes in one call: Douyin then answers
 * `anonymous_openid: ""` (docs/douyin-platform.md §3), and the device's anonymous user could not
 * be merged. So each code goes in its own call, the two concurrently.
 *
 * The login code decides the login: its failure is the login's failure. The anonymous code only
 * names a user to merge: if its exchange fails (bad, used, Douyin busy), the real login still
 * succeeds without the merge (`onAnonymousLost` hears why), rather than refusing a user Douyin
 * just confirmed. The anonymous user stays, and a later login with both codes merges it.
 */
export async function exchangeLoginCodes(
  code2Session: Code2Session,
  input: { code?: string; anonymousCode?: string },
  onAnonymousLost: (error: unknown) => void,
): Promise<Code2SessionResult> {
  const { code, anonymousCode } = input;
  if (!code || !anonymousCode) return code2Session(code ? { code } : { anonymousCode });
  const [real, anonymous] = await Promise.allSettled([code2Session({ code }), code2Session({ anonymousCode })]);
  if (real.status === 'rejected') throw real.reason;
  if (anonymous.status === 'rejected') {
    onAnonymousLost(anonymous.reason);
    return { ...real.value, anonymousOpenId: undefined };
  }
  return { ...real.value, anonymousOpenId: anonymous.value.anonymousOpenId };
}
