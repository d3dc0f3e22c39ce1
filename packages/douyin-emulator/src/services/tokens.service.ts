import type { EmulatorContext } from '../context.js';
import { newAppToken, newClientToken } from '../identifiers.js';
import type { AppRecord, TokenKind, TokenRecord } from '../store/store.js';

export type TokenCheck = { ok: true; token: TokenRecord; app: AppRecord } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * App access tokens (legacy host) and client tokens (open platform). Both live 2 h; fetching a
 * new one cuts the older live tokens of the same app and kind to `tokenOverlapSeconds`. Only the
 * two newest client_tokens are kept (§2): the one before the previous one ends at once.
 */
export class TokensService {
  /** Issue order, for tokens issued within one millisecond. */
  private issued = 0;

  constructor(private readonly ctx: EmulatorContext) {}

  /**
   * `stable_client_token`: the app's current client_token while it is valid, so repeated calls
   * (from any number of processes) cut nothing. The emulator's reading of "valid": more than
   * `tokenOverlapSeconds` left; a token closer to its end is replaced like a normal fetch, else
   * callers would keep receiving a token about to expire. `expires_in` is the time left.
   */
  stable(appid: string): { token: TokenRecord; expiresIn: number } {
    const now = this.ctx.clock.now();
    const current = this.ctx.store
      .listTokens(appid, 'client')
      .sort((a, b) => b.issuedAt - a.issuedAt || b.seq - a.seq)
      .at(0);
    const token = current && current.expiresAt - now > this.ctx.options.tokenOverlapSeconds * 1000 ? current : this.issue('client', appid);
    return { token, expiresIn: Math.floor((token.expiresAt - now) / 1000) };
  }

  issue(kind: TokenKind, appid: string): TokenRecord {
    const { store, clock, options } = this.ctx;
    const now = clock.now();
    const overlapEnd = now + options.tokenOverlapSeconds * 1000;
    // Newest first; a client_token older than the previous one is no longer kept at all.
    const previous = store.listTokens(appid, kind).sort((a, b) => b.issuedAt - a.issuedAt || b.seq - a.seq);
    previous.forEach((token, index) => {
      const end = kind === 'client' && index > 0 ? now : overlapEnd;
      if (token.expiresAt > end) store.putToken({ ...token, expiresAt: end });
    });
    const token: TokenRecord = {
      value: kind === 'app' ? newAppToken() : newClientToken(),
      kind,
      appid,
      issuedAt: now,
      seq: ++this.issued,
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
