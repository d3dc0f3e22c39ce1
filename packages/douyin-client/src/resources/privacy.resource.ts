import type { RequestSender } from '../request-sender.js';
import { readPolicy } from '../retry-policy.js';
import type { TokenBroker } from '../tokens/token-broker.js';
import { isRecord } from '../type-guards.js';

/** Whether the app has configured its privacy agreement in the console. */
export interface PrivacySettingStatus {
  /** `data.is_configure`; null when the answer carries no boolean there. */
  isConfigured: boolean | null;
  /** The whole `data` object, for fields not modelled here. */
  data: Record<string, unknown>;
}

export class PrivacyResource {
  constructor(
    private readonly sender: RequestSender,
    private readonly clientTokens: TokenBroker,
  ) {}

  /** POST /api/apps/v1/privacy_setting/query/ (client_token; a read: retried freely). */
  async queryPrivacySetting(): Promise<PrivacySettingStatus> {
    return this.clientTokens.withToken(async (token) => {
      const env = await this.sender.send({
        operation: 'privacy_setting_query',
        family: 'open',
        path: '/api/apps/v1/privacy_setting/query/',
        headers: { 'access-token': token },
        body: {},
        secrets: [token],
        retry: readPolicy,
      });
      const data = isRecord(env.data) ? env.data : {};
      return { isConfigured: typeof data.is_configure === 'boolean' ? data.is_configure : null, data };
    });
  }
}
