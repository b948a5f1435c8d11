-- A channel's live settings and stream key (shown to its owner, so kept as is), and its broadcasts.
CREATE TABLE live_channels (
    user_id TEXT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    stream_key TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    record INTEGER NOT NULL DEFAULT 1,
    last_error TEXT NULL,
    last_error_at INTEGER NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_live_channels_stream_key ON live_channels (stream_key);
CREATE TABLE live_sessions (
    id TEXT NOT NULL PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    tags TEXT NOT NULL,
    record INTEGER NOT NULL,
    node TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER NULL,
    heartbeat_at INTEGER NOT NULL,
    disconnects INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_live_sessions_user ON live_sessions (user_id, started_at);
CREATE INDEX ix_live_sessions_status ON live_sessions (status, heartbeat_at);
