-- AlterTable: the SHA-256 of a push's raw bytes. Msg-Id is outside the signature, so a captured
-- push sent again under a new Msg-Id is recognised by its bytes (each real push differs: its
-- content carries a time and its envelope a log_id). Rows stored before this have none.
ALTER TABLE "webhook_events" ADD COLUMN "body_sha256" BYTEA;

-- CreateIndex
CREATE UNIQUE INDEX "webhook_events_app_id_body_sha256_key" ON "webhook_events"("app_id", "body_sha256");
