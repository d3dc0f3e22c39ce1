-- The baseline's own tables: the API's `users` and `sessions` (same columns, keys and indexes,
-- so both pay the same index upkeep per login), minus the API's other tables.
CREATE TABLE users (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    app_id VARCHAR(64) NOT NULL,
    open_id VARCHAR(128),
    union_id VARCHAR(128),
    anonymous_open_id VARCHAR(128),
    nickname VARCHAR(128),
    avatar_url VARCHAR(1024),
    gender SMALLINT,
    country VARCHAR(64),
    province VARCHAR(64),
    city VARCHAR(64),
    language VARCHAR(32),
    profile_updated_at TIMESTAMPTZ(3),
    phone_encrypted BYTEA,
    phone_key_id VARCHAR(32),
    phone_hash BYTEA,
    phone_masked VARCHAR(32),
    phone_country_code VARCHAR(8),
    phone_updated_at TIMESTAMPTZ(3),
    created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX users_app_id_union_id_idx ON users (app_id, union_id);
CREATE INDEX users_phone_hash_idx ON users (phone_hash);
CREATE UNIQUE INDEX users_app_id_open_id_key ON users (app_id, open_id);
CREATE UNIQUE INDEX users_app_id_anonymous_open_id_key ON users (app_id, anonymous_open_id);

CREATE TABLE sessions (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE,
    token_hash BYTEA NOT NULL,
    session_key_encrypted BYTEA,
    session_key_key_id VARCHAR(32),
    key_generation INTEGER NOT NULL DEFAULT 0,
    expires_at TIMESTAMPTZ(3) NOT NULL,
    revoked_at TIMESTAMPTZ(3),
    last_used_at TIMESTAMPTZ(3),
    user_agent VARCHAR(512),
    created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX sessions_token_hash_key ON sessions (token_hash);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
