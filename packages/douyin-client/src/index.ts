export { DouyinClient } from './client.js';
export { type ClientTokenMode, DEFAULT_BASE_URLS, type DouyinClientOptions } from './config.js';
export { type DouyinLogger, type LogFields, silentLogger } from './logger.js';
export { type BackoffOptions } from './request-sender.js';
export { type RetryPolicy, readPolicy, sendOncePolicy, singleUseCodePolicy, tokenFetchPolicy } from './retry-policy.js';
export { type NormalizedEnvelope, normalizeEnvelope } from './envelope.js';
export { DouyinApiError, DouyinError, DouyinTransportError, type DouyinTransportErrorKind, isTokenInvalidError } from './errors/douyin-errors.js';
export {
  type Code2SessionErrorReason,
  type DouyinApiErrorKind,
  type DouyinApiErrorReason,
  type PhoneCodeErrorReason,
  kindOfErrNo,
  reasonOfErrNo,
} from './errors/error-kinds.js';
export { DouyinCryptoError, type DouyinCryptoErrorReason } from './crypto/crypto-error.js';
export { assertValidSignature, verifySignature } from './crypto/signature.js';
export { type DecryptUserDataInput, type UserDataShapeInput, checkUserDataShape, decryptUserData } from './crypto/user-data.js';
export { type PhoneNumberPlaintext, decryptPhoneCiphertext } from './crypto/phone-rsa.js';
export type { Watermark } from './crypto/watermark.js';
export { type FetchedToken, TokenBroker, type TokenBrokerOptions, type TokenFetchEvent } from './tokens/token-broker.js';
export {
  DEFAULT_TOKEN_TABLE,
  type PgPool,
  type PgPoolClient,
  type PgQueryResult,
  PostgresTokenStore,
  type PostgresTokenStoreOptions,
  plainTokenSealer,
  postgresTokenStoreSchema,
  type SealedToken,
  TokenRefreshLockTimeoutError,
  type TokenSealer,
} from './tokens/postgres-token-store.js';
export { InMemoryTokenStore, type StoredToken, type TokenKind, type TokenStore } from './tokens/token-store.js';
export type { DouyinTransport, HostFamily, TransportRequest, TransportResponse } from './transport/transport.js';
export { AxiosTransport, type AxiosTransportOptions } from './transport/axios-transport.js';
export type { Code2SessionInput, Code2SessionResult } from './resources/login.resource.js';
export type { PrivacySettingStatus } from './resources/privacy.resource.js';
export type {
  NotifyResult,
  NotifyType,
  NotifyV1Input,
  NotifyV2Input,
  QueryUserSubscribeInput,
  UserSubscribeStatus,
} from './resources/notify.resource.js';
