-- A channel's live settings and stream key (shown to its owner, so kept as is), and its broadcasts.
CREATE TABLE live_channels (
    user_id text NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    stream_key text NOT NULL,
    title text NOT NULL DEFAULT '',
    description text NOT NULL DEFAULT '',
    tags text NOT NULL DEFAULT '[]',
    record boolean NOT NULL DEFAULT true,
    last_error text NULL,
    last_error_at timestamptz NULL,
    updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX ix_live_channels_stream_key ON live_channels (stream_key);
CREATE TABLE live_sessions (
    id text NOT NULL PRIMARY KEY,
    user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status text NOT NULL,
    title text NOT NULL,
    description text NOT NULL,
    tags text NOT NULL,
    record boolean NOT NULL,
    node text NOT NULL,
    started_at timestamptz NOT NULL,
    ended_at timestamptz NULL,
    heartbeat_at timestamptz NOT NULL,
    disconnects integer NOT NULL DEFAULT 0
);
CREATE INDEX ix_live_sessions_user ON live_sessions (user_id, started_at);
CREATE INDEX ix_live_sessions_status ON live_sessions (status, heartbeat_at);
