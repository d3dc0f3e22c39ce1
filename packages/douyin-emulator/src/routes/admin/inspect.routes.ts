import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AdminIssuedToken, AdminSubscription } from '../../admin/admin-types.js';
import type { TokenKind, TokenRecord } from '../../store/store.js';
import type { RouteDeps } from '../route-config.js';
import { ADMIN_PREFIX, parseInput } from './admin-input.js';

const ZAppidQuery = z.object({ appid: z.string().min(1).optional() });
const TOKEN_KINDS: readonly TokenKind[] = ['app', 'client'];

/** Enough of a token to tell two apart on a screen, never enough to use it. */
export function maskToken(value: string): string {
  return value.length <= 12 ? '…' : `${value.slice(0, 4)}…${value.slice(-4)}`;
}

/** Read-only views of ledger state the dashboard shows: issued tokens (masked) and subscriptions. */
export function registerInspectRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  app.get(`${ADMIN_PREFIX}/tokens`, async (request): Promise<AdminIssuedToken[]> => {
    const { appid } = parseInput(ZAppidQuery, request.query);
    const now = ctx.clock.now();
    const appids = appid === undefined ? ctx.store.listApps().map((a) => a.appid) : [appid];
    const tokens: TokenRecord[] = appids.flatMap((id) => TOKEN_KINDS.flatMap((kind) => ctx.store.listTokens(id, kind)));
    return tokens
      .sort((a, b) => a.seq - b.seq)
      .map((token) => ({
        appid: token.appid,
        kind: token.kind,
        masked: maskToken(token.value),
        issuedAt: token.issuedAt,
        expiresAt: token.expiresAt,
        expired: token.expiresAt <= now,
      }));
  });

  app.get(`${ADMIN_PREFIX}/subscriptions`, async (request): Promise<AdminSubscription[]> => {
    const { appid } = parseInput(ZAppidQuery, request.query);
    return ctx.store.listSubscriptions(appid);
  });
}
