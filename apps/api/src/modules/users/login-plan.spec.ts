import { type LoginCandidate, planLogin } from './login-plan.js';

const appId = 'tt_app';

function row(over: Partial<LoginCandidate> & { id: string }): LoginCandidate {
  return { openId: null, unionId: null, anonymousOpenId: null, ...over };
}

const realUser = row({ id: 'real', openId: 'open-1', unionId: 'union-1' });
const anonymousUser = row({ id: 'anon', anonymousOpenId: 'anon-1' });

describe('planLogin', () => {
  it('a first login with an openid creates the user, with its unionid when Douyin sent one', () => {
    expect(planLogin({ appId, openId: 'open-1', unionId: 'union-1' }, [])).toEqual({ kind: 'create', appId, openId: 'open-1', unionId: 'union-1' });
    expect(planLogin({ appId, openId: 'open-1' }, [])).toEqual({ kind: 'create', appId, openId: 'open-1' });
  });

  it('a first login whose anonymous_openid nobody has yet creates the real user, not an anonymous one', () => {
    expect(planLogin({ appId, openId: 'open-1', anonymousOpenId: 'anon-1' }, [])).toEqual({ kind: 'create', appId, openId: 'open-1' });
  });

  it('a returning user with the same unionid (or none sent) writes nothing', () => {
    expect(planLogin({ appId, openId: 'open-1', unionId: 'union-1' }, [realUser])).toEqual({ kind: 'returning', user: realUser });
    expect(planLogin({ appId, openId: 'open-1' }, [realUser])).toEqual({ kind: 'returning', user: realUser });
  });

  it('a returning user whose anonymous_openid belongs to nobody is still just returning', () => {
    expect(planLogin({ appId, openId: 'open-1', anonymousOpenId: 'anon-9' }, [realUser])).toEqual({ kind: 'returning', user: realUser });
  });

  it('hands back the very row it was given, so a returning login needs no second read', () => {
    const plan = planLogin({ appId, openId: 'open-1' }, [realUser]);
    expect(plan.kind === 'returning' && plan.user).toBe(realUser);
  });

  it('a returning user with a new unionid, or a first one, gets it set', () => {
    expect(planLogin({ appId, openId: 'open-1', unionId: 'union-2' }, [realUser])).toEqual({
      kind: 'change_union_id',
      user: realUser,
      unionId: 'union-2',
    });
    const noUnion = row({ id: 'real', openId: 'open-1' });
    expect(planLogin({ appId, openId: 'open-1', unionId: 'union-1' }, [noUnion])).toEqual({
      kind: 'change_union_id',
      user: noUnion,
      unionId: 'union-1',
    });
  });

  it("an anonymous login (no openid) lands on the anonymous_openid's user, whatever rows were passed", () => {
    expect(planLogin({ appId, anonymousOpenId: 'anon-1' }, [])).toEqual({ kind: 'anonymous', appId, anonymousOpenId: 'anon-1' });
    expect(planLogin({ appId, anonymousOpenId: 'anon-1' }, [anonymousUser])).toEqual({ kind: 'anonymous', appId, anonymousOpenId: 'anon-1' });
  });

  it("the device's anonymous user logging in for the first time is upgraded in place", () => {
    expect(planLogin({ appId, openId: 'open-1', unionId: 'union-1', anonymousOpenId: 'anon-1' }, [anonymousUser])).toEqual({
      kind: 'upgrade',
      anonymous: anonymousUser,
      openId: 'open-1',
      unionId: 'union-1',
    });
    expect(planLogin({ appId, openId: 'open-1', anonymousOpenId: 'anon-1' }, [anonymousUser])).toEqual({
      kind: 'upgrade',
      anonymous: anonymousUser,
      openId: 'open-1',
    });
  });

  it("the device's anonymous user and an existing real user are merged, the real one winning", () => {
    expect(planLogin({ appId, openId: 'open-1', unionId: 'union-1', anonymousOpenId: 'anon-1' }, [anonymousUser, realUser])).toEqual({
      kind: 'merge',
      anonymous: anonymousUser,
      real: realUser,
    });
    expect(planLogin({ appId, openId: 'open-1', anonymousOpenId: 'anon-1' }, [realUser, anonymousUser])).toEqual({
      kind: 'merge',
      anonymous: anonymousUser,
      real: realUser,
    });
  });

  it('a merge also sets a changed unionid', () => {
    expect(planLogin({ appId, openId: 'open-1', unionId: 'union-2', anonymousOpenId: 'anon-1' }, [realUser, anonymousUser])).toEqual({
      kind: 'merge',
      anonymous: anonymousUser,
      real: realUser,
      unionId: 'union-2',
    });
  });

  it('never merges a row into itself', () => {
    const both = row({ id: 'both', openId: 'open-1', anonymousOpenId: 'anon-1', unionId: 'union-1' });
    expect(planLogin({ appId, openId: 'open-1', unionId: 'union-1', anonymousOpenId: 'anon-1' }, [both])).toEqual({ kind: 'returning', user: both });
  });

  it('refuses an identity with neither id', () => {
    expect(() => planLogin({ appId }, [])).toThrow('a login identity needs an openid or an anonymous_openid');
  });
});
