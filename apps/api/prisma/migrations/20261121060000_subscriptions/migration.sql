-- CreateEnum
CREATE TYPE "notify_api" AS ENUM ('v1', 'v2');

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "credit_reserved" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "subscription_templates" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "app_id" VARCHAR(64) NOT NULL,
    "template_id" VARCHAR(128) NOT NULL,
    "title" VARCHAR(128) NOT NULL,
    "kind" "template_kind" NOT NULL,
    "api" "notify_api" NOT NULL,
    "keywords" VARCHAR(64)[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscription_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscription_consent_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "template_id" VARCHAR(128) NOT NULL,
    "status" "consent_status" NOT NULL,
    "kind" "template_kind" NOT NULL,
    "always_subscribe" BOOLEAN NOT NULL DEFAULT false,
    "reminder_ways" JSONB,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscription_consent_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "subscription_templates_app_id_template_id_key" ON "subscription_templates"("app_id", "template_id");

-- CreateIndex
CREATE INDEX "subscription_consent_events_user_id_template_id_idx" ON "subscription_consent_events"("user_id", "template_id");

-- AddForeignKey
ALTER TABLE "subscription_consent_events" ADD CONSTRAINT "subscription_consent_events_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
