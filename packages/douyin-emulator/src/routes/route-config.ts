import type { CallRecorder } from '../calls/call-recorder.js';
import type { EmulatorContext } from '../context.js';
import { InvalidBody } from './body-parsers.js';
import type { Family } from '../errors/envelopes.js';
import type { FaultRegistry, Operation } from '../faults/fault-rules.js';
import type { DirectoryService } from '../services/directory.service.js';
import type { PhoneService } from '../services/phone.service.js';
import type { PrivacyService } from '../services/privacy.service.js';
import type { SessionService } from '../services/session.service.js';
import type { SubscriptionsService } from '../services/subscriptions.service.js';
import type { TokensService } from '../services/tokens.service.js';
import type { WebhookDispatcher } from '../services/webhooks.service.js';
import { isRecord } from '../type-guards.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on platform routes: names the operation for call counters and fault rules. */
    operation?: Operation;
    /** The envelope family an injected errNo answers in. */
    family?: Family;
    /** v2 `data` to keep on an injected error (the platform keeps its shape with empty strings). */
    emptyData?: unknown;
    /** The v2 envelope of this route carries a top-level `log_id` (jscode2session). */
    topLevelLogId?: boolean;
  }
}

export interface Services {
  directory: DirectoryService;
  tokens: TokensService;
  sessions: SessionService;
  subscriptions: SubscriptionsService;
  phone: PhoneService;
  privacy: PrivacyService;
  faults: FaultRegistry;
  /** The recent platform calls (headers, content type), for tests of what a client sends. */
  calls: CallRecorder;
  webhooks: WebhookDispatcher;
}

export interface RouteDeps {
  ctx: EmulatorContext;
  services: Services;
  /** Restores the seeded state (POST /__emulator/reset). */
  reset: () => void;
}

/** Platform bodies arrive as anything; handlers read fields from a plain record. */
export function asRecord(value: unknown): Record<string, unknown> {
  // Arrays and unparsable bodies count as empty (the platform then reports missing params).
  return isRecord(value) && !(value instanceof InvalidBody) ? value : {};
}

export const isFilled = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** `data` maps on notify: flat string values only (no `{value:…}` wrapper). */
export function isStringMap(v: unknown): v is Record<string, string> {
  return isRecord(v) && Object.values(v).every((x) => typeof x === 'string');
}
