import { BadRequestException, UnauthorizedException } from '@nestjs/common';

/**
 * `X-Douyin-Signature` does not match the raw body (or either is missing): not from Douyin.
 * A 401 in any Nest app; `code` lets an app's exception filter give it its own envelope.
 */
export class WebhookSignatureError extends UnauthorizedException {
  override readonly name = 'WebhookSignatureError';
  readonly code = 'WEBHOOK_SIGNATURE_INVALID';

  constructor() {
    super('X-Douyin-Signature does not match the body: not from Douyin');
  }
}

/** A signed verify_webhook push whose content has no usable challenge (a 400). */
export class WebhookChallengeError extends BadRequestException {
  override readonly name = 'WebhookChallengeError';
  readonly code = 'WEBHOOK_CHALLENGE_INVALID';

  constructor() {
    super('verify_webhook without a numeric (or short string) content.challenge');
  }
}
