import { Injectable } from '@nestjs/common';
import type { TokenFetchEvent, TokenKind } from '@douyin-kit/douyin-client';

export interface TokenFetchCounts {
  ok: number;
  failed: number;
}

/**
 * Upstream token fetches made by this process, per kind. With the shared store, an instance
 * should fetch about once an hour per kind; a count that climbs faster (or the platform
 * reporting more fetches than all instances' counters add up to) shows a second holder
 * somewhere, which keeps cutting our tokens to 5 minutes.
 *
 * The broker already logs one line per fetch (kind, appId, ok, durationMs, fetchCount; never
 * the token) through the client's logger, which DouyinModule routes to Nest's Logger, so this
 * hook counts and does not log a second line.
 */
@Injectable()
export class TokenFetchMetrics {
  private readonly counts: Record<TokenKind, TokenFetchCounts> = {
    app_access_token: { ok: 0, failed: 0 },
    client_token: { ok: 0, failed: 0 },
  };

  record(event: TokenFetchEvent): void {
    this.counts[event.kind][event.ok ? 'ok' : 'failed'] += 1;
  }

  snapshot(): Record<TokenKind, TokenFetchCounts> {
    return { app_access_token: { ...this.counts.app_access_token }, client_token: { ...this.counts.client_token } };
  }
}
