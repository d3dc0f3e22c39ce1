-- CreateEnum
CREATE TYPE "consent_source" AS ENUM ('client', 'webhook');

-- CreateEnum
CREATE TYPE "webhook_event_state" AS ENUM ('received', 'processed', 'ignored');

-- AlterTable
ALTER TABLE "subscription_consent_events" ADD COLUMN     "source" "consent_source" NOT NULL DEFAULT 'client';

-- AlterTable: every credit stored so far was reported by the mini-program alone.
ALTER TABLE "subscription_consents" ADD COLUMN     "confirmed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "pending_confirmations" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "unconfirmed_credits" INTEGER NOT NULL DEFAULT 0;
UPDATE "subscription_consents" SET "unconfirmed_credits" = "credits";

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "consent_unconfirmed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reach_failed_at" TIMESTAMPTZ(3),
ADD COLUMN     "reach_failure_reason" INTEGER;

-- CreateTable
CREATE TABLE "webhook_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "app_id" VARCHAR(64) NOT NULL,
    "msg_id" VARCHAR(128) NOT NULL,
    "event" VARCHAR(64) NOT NULL,
    "from_user_id" VARCHAR(128),
    "content" TEXT,
    "log_id" VARCHAR(128),
    "state" "webhook_event_state" NOT NULL DEFAULT 'received',
    "outcome" VARCHAR(256),
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notifications_user_id_template_id_idx" ON "notifications"("user_id", "template_id");

-- CreateIndex
CREATE INDEX "webhook_events_received_at_idx" ON "webhook_events"("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_events_app_id_msg_id_key" ON "webhook_events"("app_id", "msg_id");
