import { Module } from '@nestjs/common';
import { ConsentsRepository } from './consents.repository.js';
import { SubscriptionsController } from './controllers/subscriptions.controller.js';
import { SubscriptionsService } from './services/subscriptions.service.js';
import { TemplatesModule } from './templates/templates.module.js';

/**
 * The consent ledger (`/me/subscriptions`): what the user decided in tt.requestSubscribeMessage.
 * Every reported decision is appended to `subscription_consent_events` as it arrived, and
 * `subscription_consents` holds the current state per user and template, including the
 * one-time send credits (rules in consent-rules.ts). The client's `requestId` makes a retried
 * post a no-op (consent-event-id.ts). Douyin's user_subscribe_action webhooks (modules/webhooks)
 * append to the same ledger with source `webhook` and confirm the state.
 */
@Module({
  imports: [TemplatesModule],
  controllers: [SubscriptionsController],
  providers: [ConsentsRepository, SubscriptionsService],
  exports: [ConsentsRepository],
})
export class SubscriptionsModule {}
