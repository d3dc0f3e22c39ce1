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

-- The old rows are not copied: tokens are caches, and the next Douyin call of each app finds no
-- token here and fetches a new one (one fetch per app and kind, under the store's refresh lock).
-- platform_credentials stays for now (expand, then contract): instances of the previous version
-- still read it during a rolling deploy. The two holders then cut each other's token to 5 minutes
-- (docs/douyin-platform.md section 1), which the brokers' retry on a refused token absorbs until
-- the old instances are gone. A later migration drops it.
