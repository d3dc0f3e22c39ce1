import { type CanActivate, type ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { DOUYIN_RESOLVED_OPTIONS, type ResolvedDouyinOptions } from '../douyin-module-options.js';
import { WebhookSignatureError } from './webhook-errors.js';
import { DOUYIN_SIGNATURE_HEADER, verifyWebhookSignature } from './webhook-signature.js';

interface RawBodyRequest {
  rawBody?: unknown;
  headers: Record<string, unknown>;
}

/**
 * Lets a request through only when `X-Douyin-Signature` matches its raw body under the webhook
 * key. Needs the body's bytes on `request.rawBody`: create the app with
 * `NestFactory.create(AppModule, { rawBody: true })` (Express or Fastify), or capture them
 * yourself. Runs before pipes and the handler, so nothing unsigned is parsed further.
 */
@Injectable()
export class DouyinWebhookGuard implements CanActivate {
  private readonly logger = new Logger('DouyinWebhook');
  private warnedNoRawBody = false;

  constructor(@Inject(DOUYIN_RESOLVED_OPTIONS) private readonly options: ResolvedDouyinOptions) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RawBodyRequest>();
    const { rawBody } = request;
    if (!Buffer.isBuffer(rawBody)) {
      if (!this.warnedNoRawBody) {
        this.warnedNoRawBody = true;
        this.logger.warn('A webhook request has no raw body: create the app with { rawBody: true } or every push is refused');
      }
      throw new WebhookSignatureError();
    }
    if (!verifyWebhookSignature(this.options.webhookSecret, rawBody, request.headers[DOUYIN_SIGNATURE_HEADER])) throw new WebhookSignatureError();
    return true;
  }
}
