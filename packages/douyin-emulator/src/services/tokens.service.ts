import type { EmulatorContext } from '../context.js';
import { newAppToken, newClientToken } from '../identifiers.js';
import type { AppRecord, TokenKind, TokenRecord } from '../store/store.js';

export type TokenCheck = { ok: true; token: TokenRecord; app: AppRecord } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * App access tokens (legacy host) and client tokens (open platform). Both live 2 h; fetching a
 * new one cuts every older live token of the same app and kind to `tokenOverlapSeconds`.
 */
export class TokensService {
  constructor(private readonly ctx: EmulatorContext) {}

  issue(kind: TokenKind, appid: string): TokenRecord {
    const { store, clock, options } = this.ctx;
    const now = clock.now();
    const overlapEnd = now + options.tokenOverlapSeconds * 1000;
    for (const previous of store.listTokens(appid, kind)) {
      if (previous.expiresAt > overlapEnd) store.putToken({ ...previous, expiresAt: overlapEnd });
    }
    const token: TokenRecord = {
      value: kind === 'app' ? newAppToken() : newClientToken(),
      kind,
      appid,
      issuedAt: now,
      expiresAt: now + options.tokenTtlSeconds * 1000,
    };
    store.putToken(token);
    this.ctx.issued.record(kind === 'app' ? 'appTokens' : 'clientTokens', token.value);
    return token;
  }

  check(kind: TokenKind, value: unknown): TokenCheck {
    if (typeof value !== 'string' || value === '') return { ok: false, reason: 'invalid' };
    const token = this.ctx.store.getToken(value);
    if (!token || token.kind !== kind) return { ok: false, reason: 'invalid' };
    if (token.expiresAt <= this.ctx.clock.now()) return { ok: false, reason: 'expired' };
    const app = this.ctx.store.getApp(token.appid);
    if (!app) return { ok: false, reason: 'invalid' };
    return { ok: true, token, app };
  }

  /** Errno for a failed check, from the configurable table. */
  errNoFor(reason: 'invalid' | 'expired'): number {
    return reason === 'expired' ? this.ctx.options.errNos.tokenExpired : this.ctx.options.errNos.tokenInvalid;
  }

  /** The 10020 limit: more than `max` client_token calls per client_key in the window. */
  overClientTokenRate(clientKey: string): boolean {
    const { store, clock, options } = this.ctx;
    const now = clock.now();
    store.recordTokenCall(clientKey, now);
    const since = now - options.clientTokenRateLimit.windowSeconds * 1000;
    return store.countTokenCallsSince(clientKey, since) > options.clientTokenRateLimit.max;
  }
}
