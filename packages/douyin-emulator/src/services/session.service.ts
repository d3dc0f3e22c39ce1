import { TtFailure, type EmulatorContext } from '../context.js';
import { deriveAnonymousOpenid, newLoginCode, newSessionKey } from '../identifiers.js';
import { encryptWithSessionKey, signRawData } from '../platform-crypto.js';
import type { AppRecord, UserRecord } from '../store/store.js';

export interface Code2SessionInput {
  appid?: unknown;
  secret?: unknown;
  code?: unknown;
  anonymous_code?: unknown;
}

export interface SessionData {
  session_key: string;
  openid: string;
  anonymous_openid: string;
  unionid: string;
}

export const EMPTY_SESSION: SessionData = { session_key: '', openid: '', anonymous_openid: '', unionid: '' };

const isFilled = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** Checks appid + secret the way every legacy-host API does (40014 / 40015 / 40017). */
export function checkAppCredentials(
  ctx: EmulatorContext,
  appid: unknown,
  secret: unknown,
): { ok: true; app: AppRecord } | { ok: false; errNo: number } {
  if (!isFilled(appid) || !isFilled(secret)) return { ok: false, errNo: 40014 };
  const app = ctx.store.getApp(appid);
  if (!app) return { ok: false, errNo: 40015 };
  if (app.secret !== secret) return { ok: false, errNo: 40017 };
  return { ok: true, app };
}

/**
 * tt.login on the device side and jscode2session on the server side.
 *
 * The session_key rotates at tt.login, as on the real platform: each login mints a new key,
 * makes it the user's current key (what getUserProfile/getPhoneNumber encrypt with) and binds
 * it to the login code, which jscode2session then reveals. A payload made before a newer
 * login therefore no longer verifies with the key the server gets for the newer code.
 */
export class SessionService {
  constructor(private readonly ctx: EmulatorContext) {}

  login(user: UserRecord, deviceId: string): { code?: string; anonymousCode: string; isLogin: boolean } {
    const { store, clock, options } = this.ctx;
    const expiresAt = clock.now() + options.codeTtlSeconds * 1000;
    const anonymousCode = newLoginCode();
    this.ctx.issued.record('anonymousCodes', anonymousCode);
    store.putLoginCode({
      code: anonymousCode,
      kind: 'anonymous',
      appid: user.appid,
      userId: user.id,
      deviceId,
      sessionKey: null,
      expiresAt,
    });
    if (!user.loggedIn) return { anonymousCode, isLogin: false };

    const sessionKey = newSessionKey();
    store.putUser({ ...user, sessionKey });
    const code = newLoginCode();
    this.ctx.issued.record('sessionKeys', sessionKey);
    this.ctx.issued.record('loginCodes', code);
    store.putLoginCode({ code, kind: 'code', appid: user.appid, userId: user.id, deviceId, sessionKey, expiresAt });
    return { code, anonymousCode, isLogin: true };
  }

  code2session(input: Code2SessionInput): { errNo: number; data: SessionData } {
    const credentials = checkAppCredentials(this.ctx, input.appid, input.secret);
    if (!credentials.ok) return { errNo: credentials.errNo, data: EMPTY_SESSION };
    const appid = credentials.app.appid;
    const hasCode = isFilled(input.code);
    const hasAnonymous = isFilled(input.anonymous_code);
    if (!hasCode && !hasAnonymous) return { errNo: 40014, data: EMPTY_SESSION };

    const data: SessionData = { ...EMPTY_SESSION };
    const now = this.ctx.clock.now();
    const { store } = this.ctx;
    if (hasCode) {
      const record = store.takeLoginCode(input.code as string);
      if (!record || record.kind !== 'code' || record.appid !== appid || record.expiresAt <= now) {
        return { errNo: 40018, data: EMPTY_SESSION };
      }
      const user = store.getUser(record.userId);
      if (!user || !record.sessionKey) return { errNo: 40018, data: EMPTY_SESSION };
      data.session_key = record.sessionKey;
      data.openid = user.openid;
      data.unionid = user.unionid;
    }
    if (hasAnonymous) {
      const record = store.takeLoginCode(input.anonymous_code as string);
      if (!record || record.kind !== 'anonymous' || record.appid !== appid || record.expiresAt <= now) {
        return { errNo: 40019, data: EMPTY_SESSION };
      }
      // Douyin answers "" when a logged-in user's code came along (the seed's real response):
      // the anonymous visitor is learned only from an anonymous-only call (§3).
      if (!hasCode) data.anonymous_openid = this.anonymousOpenid(appid, record.deviceId);
    }
    return { errNo: 0, data };
  }

  checkSession(user: UserRecord): boolean {
    return user.loggedIn && user.sessionKey !== null;
  }

  /** tt.getUserProfile, encrypted and signed with the user's current session key. */
  userProfile(user: UserRecord) {
    if (!user.loggedIn) throw new TtFailure('getUserProfile:fail auth deny', 10200);
    const sessionKey = this.requireSessionKey(user, 'getUserProfile');
    const userInfo = { ...user.profile };
    const rawData = JSON.stringify(userInfo);
    const plaintext = JSON.stringify({
      ...userInfo,
      watermark: { appid: user.appid, timestamp: Math.floor(this.ctx.clock.now() / 1000) },
    });
    return {
      userInfo,
      rawData,
      signature: signRawData(rawData, sessionKey),
      ...encryptWithSessionKey(plaintext, sessionKey),
      errMsg: 'getUserProfile:ok',
    };
  }

  requireSessionKey(user: UserRecord, api: string): string {
    if (!user.sessionKey) throw new TtFailure(`${api}:fail invalid session`);
    return user.sessionKey;
  }

  private anonymousOpenid(appid: string, deviceId: string): string {
    const existing = this.ctx.store.getAnonymousOpenid(appid, deviceId);
    if (existing) return existing;
    const created = deriveAnonymousOpenid(appid, deviceId);
    this.ctx.store.putAnonymousOpenid(appid, deviceId, created);
    return created;
  }
}
