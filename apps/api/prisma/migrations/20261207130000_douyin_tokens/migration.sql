-- Douyin tokens move to the table of @douyin-kit/douyin-client's PostgresTokenStore (one row per
-- `<kind>:<appid>` key, the token sealed with the data-key ring and bound to its key). The
-- statement below is postgresTokenStoreSchema('douyin_tokens'), word for word
-- (src/core/douyin/token-sealer.spec.ts checks it).

CREATE TABLE IF NOT EXISTS douyin_tokens (
  key TEXT NOT NULL PRIMARY KEY,
  value BYTEA NOT NULL,
  key_id TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  expires_at TIMESTAMPTZ(3) NOT NULL,
  obtained_at TIMESTAMPTZ(3) NOT NULL,
  updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- The old rows are not copied: tokens are caches. With platform_credentials gone, the next
-- Douyin call of each app finds no token and fetches a new one (one fetch per app and kind,
-- under the store's refresh lock), which cuts the old token to 5 minutes (docs/douyin-platform.md
-- section 1). Instances still on the old version lose their table: deploy by stopping them first,
-- or accept their Douyin calls failing (503, retryable) until they are replaced.
DROP TABLE "platform_credentials";

DROP TYPE "credential_kind";
