-- Live chat (a broadcast's messages), danmaku (a video's time-synced comments) and their moderation.
CREATE TABLE chat_messages (
    id text NOT NULL PRIMARY KEY,
    session_id text NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
    channel_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    author_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    text text NOT NULL,
    mode text NOT NULL,
    color text NOT NULL,
    sent_at timestamptz NOT NULL
);
CREATE INDEX ix_chat_messages_session ON chat_messages (session_id, sent_at, id);
CREATE INDEX ix_chat_messages_author ON chat_messages (channel_id, author_id, sent_at);
CREATE TABLE danmaku (
    id text NOT NULL PRIMARY KEY,
    video_id text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    author_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    offset_ms bigint NOT NULL,
    text text NOT NULL,
    mode text NOT NULL,
    color text NOT NULL,
    size text NOT NULL,
    sent_at timestamptz NOT NULL
);
CREATE INDEX ix_danmaku_video_offset ON danmaku (video_id, offset_ms);
CREATE INDEX ix_danmaku_video_sent ON danmaku (video_id, sent_at);
CREATE TABLE chat_moderators (
    channel_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at timestamptz NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
CREATE TABLE chat_bans (
    channel_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    until timestamptz NULL,
    reason text NOT NULL,
    by_id text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
CREATE TABLE chat_settings (
    channel_id text NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    slow_mode_seconds integer NOT NULL DEFAULT 0,
    followers_only boolean NOT NULL DEFAULT false,
    min_account_age_minutes integer NOT NULL DEFAULT 0,
    blocked_words text NOT NULL DEFAULT '[]'
);
CREATE TABLE moderation_log (
    id text NOT NULL PRIMARY KEY,
    channel_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    actor_id text NOT NULL,
    action text NOT NULL,
    target text NOT NULL,
    reason text NOT NULL,
    at timestamptz NOT NULL
);
CREATE INDEX ix_moderation_log_channel ON moderation_log (channel_id, at);
-- Per-account send rate (GCRA): the theoretical arrival time of the next message, in microseconds.
CREATE TABLE chat_rate (
    user_id text NOT NULL PRIMARY KEY,
    tat_us bigint NOT NULL
);
CREATE TABLE reports (
    id text NOT NULL PRIMARY KEY,
    reporter_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    target_type text NOT NULL,
    target_id text NOT NULL,
    reason text NOT NULL,
    snapshot text NOT NULL,
    status text NOT NULL DEFAULT 'open',
    created_at timestamptz NOT NULL
);
CREATE INDEX ix_reports_status ON reports (status, created_at);
