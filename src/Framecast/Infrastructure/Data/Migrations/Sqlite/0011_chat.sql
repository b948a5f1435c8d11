-- Live chat (a broadcast's messages), danmaku (a video's time-synced comments) and their moderation.
CREATE TABLE chat_messages (
    id TEXT NOT NULL PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
    channel_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    mode TEXT NOT NULL,
    color TEXT NOT NULL,
    sent_at INTEGER NOT NULL
);
CREATE INDEX ix_chat_messages_session ON chat_messages (session_id, sent_at, id);
CREATE INDEX ix_chat_messages_author ON chat_messages (channel_id, author_id, sent_at);
CREATE TABLE danmaku (
    id TEXT NOT NULL PRIMARY KEY,
    video_id TEXT NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    offset_ms INTEGER NOT NULL,
    text TEXT NOT NULL,
    mode TEXT NOT NULL,
    color TEXT NOT NULL,
    size TEXT NOT NULL,
    sent_at INTEGER NOT NULL
);
CREATE INDEX ix_danmaku_video_offset ON danmaku (video_id, offset_ms);
CREATE INDEX ix_danmaku_video_sent ON danmaku (video_id, sent_at);
CREATE TABLE chat_moderators (
    channel_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
CREATE TABLE chat_bans (
    channel_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    until INTEGER NULL,
    reason TEXT NOT NULL,
    by_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
CREATE TABLE chat_settings (
    channel_id TEXT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    slow_mode_seconds INTEGER NOT NULL DEFAULT 0,
    followers_only INTEGER NOT NULL DEFAULT 0,
    min_account_age_minutes INTEGER NOT NULL DEFAULT 0,
    blocked_words TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE moderation_log (
    id TEXT NOT NULL PRIMARY KEY,
    channel_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    reason TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX ix_moderation_log_channel ON moderation_log (channel_id, at);
-- Per-account send rate (GCRA): the theoretical arrival time of the next message, in microseconds.
CREATE TABLE chat_rate (
    user_id TEXT NOT NULL PRIMARY KEY,
    tat_us INTEGER NOT NULL
);
CREATE TABLE reports (
    id TEXT NOT NULL PRIMARY KEY,
    reporter_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    created_at INTEGER NOT NULL
);
CREATE INDEX ix_reports_status ON reports (status, created_at);
