-- Key id columns also record the sealed format (`v2:<key id>`, AES-GCM bound to its row), so
-- they need room for the prefix next to a 32-character key id. Widening a varchar does not
-- rewrite the table.

-- AlterTable
ALTER TABLE "users" ALTER COLUMN "phone_key_id" SET DATA TYPE VARCHAR(40);

-- AlterTable
ALTER TABLE "sessions" ALTER COLUMN "session_key_key_id" SET DATA TYPE VARCHAR(40);

-- AlterTable
ALTER TABLE "platform_credentials" ALTER COLUMN "key_id" SET DATA TYPE VARCHAR(40);
