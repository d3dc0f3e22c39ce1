export { DouyinModule, type DouyinModuleAsyncOptions, type DouyinModuleForRootOptions } from './douyin.module.js';
export {
  DOUYIN_APP_TOKEN_BROKER,
  DOUYIN_CLIENT_TOKEN_BROKER,
  DOUYIN_PAYLOAD_FAILURE_STORE,
  DOUYIN_RESOLVED_OPTIONS,
  DOUYIN_TOKEN_STORE,
  type DouyinModuleOptions,
  type ResolvedDouyinOptions,
} from './douyin-module-options.js';
export { nestDouyinLogger } from './nest-logger.js';
export { DouyinSessionPayloadDecryptor, type OpenPayloadOptions } from './session-payload/session-payload.decryptor.js';
export { PayloadFailureBudget, type PayloadFailureBudgetOptions, type PayloadSubject } from './session-payload/payload-failure-budget.js';
export { InMemoryPayloadFailureStore, type PayloadAttempt, type PayloadFailureStore } from './session-payload/payload-failure-store.js';
export {
  checkPayloadShape,
  type EncryptedPayload,
  openSessionPayload,
  type OpenSessionPayloadInput,
  PayloadRejected,
} from './session-payload/session-payload.js';
export {
  DouyinPayloadError,
  PayloadBudgetSpentError,
  PayloadCorruptedError,
  SessionKeyStaleError,
  type TtDataApi,
} from './session-payload/session-payload-errors.js';
export { DouyinPhoneDecryptor, type PhoneNumberData, type PhoneNumberInput } from './phone/phone-number.decryptor.js';
export { PhoneCodeFlowUnavailableError } from './phone/phone-errors.js';
export { DOUYIN_SIGNATURE_HEADER, verifyWebhookSignature } from './webhooks/webhook-signature.js';
export { reachFailureOf, readWebhookEnvelope, subscribeActionOf, type WebhookEnvelope, webhookChallengeOf } from './webhooks/webhook-envelope.js';
export { WebhookChallengeError, WebhookSignatureError } from './webhooks/webhook-errors.js';
export { DouyinWebhookGuard } from './webhooks/webhook.guard.js';
export { DouyinWebhookChallengeInterceptor } from './webhooks/webhook-challenge.interceptor.js';
export { DouyinWebhook, WebhookEvent } from './webhooks/webhook.decorator.js';
