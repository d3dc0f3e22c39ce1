-- CreateEnum
CREATE TYPE "consent_status" AS ENUM ('accept', 'reject', 'ban', 'fail', 'repeat', 'limit');

-- CreateEnum
CREATE TYPE "template_kind" AS ENUM ('one_time', 'long_term');

-- CreateEnum
CREATE TYPE "notification_status" AS ENUM ('queued', 'sending', 'sent', 'failed', 'dead');

-- CreateEnum
CREATE TYPE "credential_kind" AS ENUM ('app_access_token', 'client_token');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "app_id" VARCHAR(64) NOT NULL,
    "open_id" VARCHAR(128),
    "union_id" VARCHAR(128),
    "anonymous_open_id" VARCHAR(128),
    "nickname" VARCHAR(128),
    "avatar_url" VARCHAR(1024),
    "gender" SMALLINT,
    "country" VARCHAR(64),
    "province" VARCHAR(64),
    "city" VARCHAR(64),
    "language" VARCHAR(32),
    "profile_updated_at" TIMESTAMPTZ(3),
    "phone_encrypted" BYTEA,
    "phone_key_id" VARCHAR(32),
    "phone_hash" BYTEA,
    "phone_masked" VARCHAR(32),
    "phone_country_code" VARCHAR(8),
    "phone_updated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "token_hash" BYTEA NOT NULL,
    "session_key_encrypted" BYTEA,
    "session_key_key_id" VARCHAR(32),
    "key_generation" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "user_agent" VARCHAR(512),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "devices" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "device_key" VARCHAR(64) NOT NULL,
    "brand" VARCHAR(64),
    "model" VARCHAR(128),
    "system" VARCHAR(64),
    "platform" VARCHAR(32),
    "app_name" VARCHAR(64),
    "app_version" VARCHAR(32),
    "sdk_version" VARCHAR(32),
    "snapshot" JSONB NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "devices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "addresses" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "fingerprint" VARCHAR(64) NOT NULL,
    "user_name" VARCHAR(128) NOT NULL,
    "tel_number" VARCHAR(32) NOT NULL,
    "province_name" VARCHAR(64) NOT NULL,
    "city_name" VARCHAR(64) NOT NULL,
    "county_name" VARCHAR(64) NOT NULL,
    "detail_info" VARCHAR(512) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "addresses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "locations" (
    "user_id" UUID NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "coordinate_system" VARCHAR(16) NOT NULL DEFAULT 'gcj02',
    "altitude" DOUBLE PRECISION,
    "accuracy" DOUBLE PRECISION,
    "vertical_accuracy" DOUBLE PRECISION,
    "horizontal_accuracy" DOUBLE PRECISION,
    "speed" DOUBLE PRECISION,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "locations_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "subscription_consents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "template_id" VARCHAR(128) NOT NULL,
    "status" "consent_status" NOT NULL,
    "kind" "template_kind" NOT NULL,
    "always_subscribe" BOOLEAN NOT NULL DEFAULT false,
    "credits" INTEGER NOT NULL DEFAULT 0,
    "reminder_ways" JSONB,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscription_consents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "app_id" VARCHAR(64) NOT NULL,
    "user_id" UUID NOT NULL,
    "template_id" VARCHAR(128) NOT NULL,
    "data" JSONB NOT NULL,
    "page" VARCHAR(512),
    "idempotency_key" VARCHAR(128) NOT NULL,
    "status" "notification_status" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error_code" VARCHAR(64),
    "last_error" VARCHAR(1024),
    "last_log_id" VARCHAR(128),
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform_credentials" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "app_id" VARCHAR(64) NOT NULL,
    "kind" "credential_kind" NOT NULL,
    "token_encrypted" BYTEA NOT NULL,
    "key_id" VARCHAR(32) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "platform_credentials_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "users_app_id_union_id_idx" ON "users"("app_id", "union_id");

-- CreateIndex
CREATE INDEX "users_phone_hash_idx" ON "users"("phone_hash");

-- CreateIndex
CREATE UNIQUE INDEX "users_app_id_open_id_key" ON "users"("app_id", "open_id");

-- CreateIndex
CREATE UNIQUE INDEX "users_app_id_anonymous_open_id_key" ON "users"("app_id", "anonymous_open_id");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions"("token_hash");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "devices_user_id_device_key_key" ON "devices"("user_id", "device_key");

-- CreateIndex
CREATE UNIQUE INDEX "addresses_user_id_fingerprint_key" ON "addresses"("user_id", "fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "subscription_consents_user_id_template_id_key" ON "subscription_consents"("user_id", "template_id");

-- CreateIndex
CREATE INDEX "notifications_user_id_idx" ON "notifications"("user_id");

-- CreateIndex
CREATE INDEX "notifications_status_idx" ON "notifications"("status");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_app_id_idempotency_key_key" ON "notifications"("app_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "platform_credentials_app_id_kind_key" ON "platform_credentials"("app_id", "kind");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "devices" ADD CONSTRAINT "devices_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "addresses" ADD CONSTRAINT "addresses_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "locations" ADD CONSTRAINT "locations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscription_consents" ADD CONSTRAINT "subscription_consents_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
