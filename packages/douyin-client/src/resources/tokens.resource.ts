import type { RequestSender } from '../request-sender.js';
import { tokenFetchPolicy } from '../retry-policy.js';
import type { FetchedToken } from '../tokens/token-broker.js';
import type { AppCredentials } from './credentials.js';
import { readNumber, readString } from './read-fields.js';

/** Raw token endpoints. Callers normally go through the token brokers instead. */
export class TokensResource {
  constructor(
    private readonly sender: RequestSender,
    private readonly credentials: AppCredentials,
  ) {}

  /** POST /api/apps/v2/token (legacy apps host). */
  async fetchAppAccessToken(): Promise<FetchedToken> {
    const { appId, appSecret } = this.credentials;
    const env = await this.sender.send({
      operation: 'app_access_token',
      family: 'apps',
      path: '/api/apps/v2/token',
      body: { appid: appId, secret: appSecret, grant_type: 'client_credential' },
      secrets: [appSecret],
      retry: tokenFetchPolicy,
    });
    return { accessToken: readString(env.data, 'access_token'), expiresIn: readNumber(env.data, 'expires_in') };
  }

  /** POST /oauth/client_token/ (open platform host): a new token, cutting the previous one. */
  fetchClientToken(): Promise<FetchedToken> {
    return this.clientToken('client_token', '/oauth/client_token/');
  }

  /**
   * POST /oauth/stable_client_token/: the current token while it is valid (the same one on
   * every call, `expiresIn` the time it has left), so processes that share no store cannot cut
   * each other's token.
   */
  fetchStableClientToken(): Promise<FetchedToken> {
    return this.clientToken('stable_client_token', '/oauth/stable_client_token/');
  }

  private async clientToken(operation: string, path: string): Promise<FetchedToken> {
    const { appId, appSecret } = this.credentials;
    const env = await this.sender.send({
      operation,
      family: 'open',
      path,
      body: { client_key: appId, client_secret: appSecret, grant_type: 'client_credential' },
      secrets: [appSecret],
      retry: tokenFetchPolicy,
    });
    return { accessToken: readString(env.data, 'access_token'), expiresIn: readNumber(env.data, 'expires_in') };
  }
}
