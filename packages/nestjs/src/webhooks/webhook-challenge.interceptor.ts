import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { type Observable, of } from 'rxjs';
import { WebhookChallengeError } from './webhook-errors.js';
import { readWebhookEnvelope, webhookChallengeOf } from './webhook-envelope.js';

/**
 * Answers Douyin's verify_webhook push (sent when the URL is saved in the console) with
 * `{challenge}` without calling the handler; every other push reaches the handler. Put it after
 * DouyinWebhookGuard (`@DouyinWebhook()` does), so only a signed challenge is echoed.
 */
@Injectable()
export class DouyinWebhookChallengeInterceptor implements NestInterceptor {
  private readonly logger = new Logger('DouyinWebhook');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const envelope = readWebhookEnvelope(context.switchToHttp().getRequest<{ body?: unknown }>().body);
    if (envelope?.event !== 'verify_webhook') return next.handle();
    const challenge = webhookChallengeOf(envelope);
    if (challenge === undefined) throw new WebhookChallengeError();
    this.logger.log({ msg: 'webhook verified', event: envelope.event });
    return of({ challenge });
  }
}
