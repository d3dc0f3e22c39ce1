-- CreateTable
CREATE TABLE "payload_failures" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "api" VARCHAR(32) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payload_failures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "payload_failures_user_id_created_at_idx" ON "payload_failures"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "payload_failures_created_at_idx" ON "payload_failures"("created_at");
