/** The Douyin identities a login's code2session calls returned (ids Douyin left out are absent; see login-exchange.ts). */
export interface LoginIdentity {
  appId: string;
  openId?: string;
  unionId?: string;
  anonymousOpenId?: string;
}

/** What the plan needs to know of a user row found for a login. */
export interface LoginCandidate {
  id: string;
  openId: string | null;
  unionId: string | null;
  anonymousOpenId: string | null;
}

/**
 * What a login does to the users table, decided once (planLogin) and executed by LoginService
 * through the repositories. `Row` is the candidate row type the caller read, handed back so a
 * plan that writes nothing needs no second read.
 */
export type LoginPlan<Row extends LoginCandidate> =
  /** A returning user whose row stays as it is: no write, no transaction. */
  | { kind: 'returning'; user: Row }
  /** A real user whose unionid Douyin now reports differently (or for the first time). */
  | { kind: 'change_union_id'; user: Row; unionId: string }
  /** A first login with an openid and no anonymous user to take over. */
  | { kind: 'create'; appId: string; openId: string; unionId?: string }
  /** A login without an openid: the device's anonymous user, created or seen again. */
  | { kind: 'anonymous'; appId: string; anonymousOpenId: string }
  /**
   * The device's anonymous user logs in for the first time: its row becomes the real user and
   * drops the anonymous_openid; its sessions are revoked (the caller gets this login's session).
   */
  | { kind: 'upgrade'; anonymous: Row; openId: string; unionId?: string }
  /**
   * The device's anonymous user and an existing real user: the anonymous user's data moves to
   * the real one and its row and sessions are deleted; `unionId` is set when it changed.
   */
  | { kind: 'merge'; anonymous: Row; real: Row; unionId?: string };

/**
 * Which user a login lands on and what changes: with an openid the real user wins; an anonymous
 * user known by the same anonymous_openid is merged into it (or becomes it when there is no real
 * user yet). Without one, the user is the anonymous_openid's.
 *
 * A real user never keeps an anonymous_openid: it identifies a device, which someone not logged
 * in to the host app may use next, and that person must not land in this account. For the same
 * reason no session of the anonymous user outlives it (merged or upgraded): its token was handed
 * to whoever held the device.
 *
 * `found` are the app's users whose open_id is the identity's openid or whose anonymous_open_id
 * is its anonymous_openid (at most one each); without an openid they are not consulted.
 */
export function planLogin<Row extends LoginCandidate>(identity: LoginIdentity, found: readonly Row[]): LoginPlan<Row> {
  const { appId, openId, unionId, anonymousOpenId } = identity;
  if (!openId) {
    if (!anonymousOpenId) throw new Error('a login identity needs an openid or an anonymous_openid');
    return { kind: 'anonymous', appId, anonymousOpenId };
  }
  const real = found.find((user) => user.openId === openId);
  const anonymous = anonymousOpenId ? found.find((user) => user.anonymousOpenId === anonymousOpenId && user !== real) : undefined;
  const union = unionId ? { unionId } : {};
  if (!real) {
    return anonymous ? { kind: 'upgrade', anonymous, openId, ...union } : { kind: 'create', appId, openId, ...union };
  }
  const changedUnion = unionId && unionId !== real.unionId ? { unionId } : {};
  if (anonymous) return { kind: 'merge', anonymous, real, ...changedUnion };
  return changedUnion.unionId ? { kind: 'change_union_id', user: real, unionId: changedUnion.unionId } : { kind: 'returning', user: real };
}
