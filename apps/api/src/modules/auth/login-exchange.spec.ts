import type { Code2SessionInput, Code2SessionResult } from '@douyin-kit/douyin-client';
import { exchangeLoginCodes } from './login-exchange.js';

/** A code2session stand-in that records its calls and answers from a table of codes. */
function fakeDouyin(answers: Record<string, Code2SessionResult | Error>) {
  const calls: Code2SessionInput[] = [];
  const code2Session = async (input: Code2SessionInput): Promise<Code2SessionResult> => {
    calls.push(input);
    const answer = answers[input.code ?? input.anonymousCode ?? ''];
    if (!answer) throw new Error('unknown code');
    if (answer instanceof Error) throw answer;
    // Like Douyin: both codes in one call would get no anonymous_openid.
    return input.code && input.anonymousCode ? { ...answer, anonymousOpenId: undefined } : answer;
  };
  return { calls, code2Session };
}

const REAL = { sessionKey: 'k', openId: 'o1', unionId: 'u1', logId: 'L1' };
const ANONYMOUS = { anonymousOpenId: 'a1', logId: 'L2' };

describe('exchangeLoginCodes', () => {
  it('exchanges both codes in two calls, one code each, and joins the identities', async () => {
    const douyin = fakeDouyin({ c: REAL, a: ANONYMOUS });
    const lost: unknown[] = [];
    const identity = await exchangeLoginCodes(douyin.code2Session, { code: 'c', anonymousCode: 'a' }, (e) => lost.push(e));
    expect(identity).toEqual({ ...REAL, anonymousOpenId: 'a1' });
    expect(douyin.calls).toEqual(expect.arrayContaining([{ code: 'c' }, { anonymousCode: 'a' }]));
    expect(douyin.calls).toHaveLength(2);
    expect(lost).toEqual([]);
  });

  it('makes one call when only one code came', async () => {
    const douyin = fakeDouyin({ c: REAL, a: ANONYMOUS });
    expect(await exchangeLoginCodes(douyin.code2Session, { code: 'c' }, () => undefined)).toEqual(REAL);
    expect(await exchangeLoginCodes(douyin.code2Session, { anonymousCode: 'a' }, () => undefined)).toEqual(ANONYMOUS);
    expect(douyin.calls).toEqual([{ code: 'c' }, { anonymousCode: 'a' }]);
  });

  it('logs in without the merge when only the anonymous exchange fails, and says why', async () => {
    const refused = new Error('40019');
    const douyin = fakeDouyin({ c: REAL, a: refused });
    const lost: unknown[] = [];
    const identity = await exchangeLoginCodes(douyin.code2Session, { code: 'c', anonymousCode: 'a' }, (e) => lost.push(e));
    expect(identity).toEqual({ ...REAL, anonymousOpenId: undefined });
    expect(lost).toEqual([refused]);
  });

  it("fails with the login code's error when the login code fails, whatever the anonymous code did", async () => {
    const refused = new Error('40018');
    for (const anonymous of [ANONYMOUS, new Error('40019')]) {
      const douyin = fakeDouyin({ c: refused, a: anonymous });
      await expect(exchangeLoginCodes(douyin.code2Session, { code: 'c', anonymousCode: 'a' }, () => undefined)).rejects.toBe(refused);
    }
  });
});
