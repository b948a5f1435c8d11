-- Times are integer microseconds since the Unix epoch (UTC).
CREATE TABLE users (
    id TEXT NOT NULL PRIMARY KEY,
    username TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_users_username ON users (username);

CREATE TABLE sessions (
    id TEXT NOT NULL PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX ix_sessions_user_id ON sessions (user_id);
CREATE INDEX ix_sessions_expires_at ON sessions (expires_at);

CREATE TABLE login_failures (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,
    occurred_at INTEGER NOT NULL
);
CREATE INDEX ix_login_failures_key_occurred_at ON login_failures (key, occurred_at);

CREATE TABLE videos (
    id TEXT NOT NULL PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    tags TEXT NOT NULL,
    visibility TEXT NOT NULL,
    status TEXT NOT NULL,
    stage TEXT NULL,
    progress INTEGER NOT NULL,
    playable INTEGER NOT NULL,
    error_code TEXT NULL,
    error_message TEXT NULL,
    duration_seconds REAL NULL,
    width INTEGER NULL,
    height INTEGER NULL,
    has_thumbnail INTEGER NOT NULL,
    renditions TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX ix_videos_listing ON videos (status, visibility, created_at, id);
CREATE INDEX ix_videos_owner ON videos (owner_id, created_at, id);

CREATE TABLE comments (
    id TEXT NOT NULL PRIMARY KEY,
    video_id TEXT NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    content TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX ix_comments_video ON comments (video_id, created_at, id);
CREATE INDEX ix_comments_author ON comments (author_id);

CREATE TABLE jobs (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    max_attempts INTEGER NOT NULL,
    not_before INTEGER NOT NULL,
    lease_until INTEGER NULL,
    lease_owner TEXT NULL,
    last_error TEXT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    completed_at INTEGER NULL
);
CREATE INDEX ix_jobs_due ON jobs (status, not_before);
CREATE INDEX ix_jobs_lease ON jobs (status, lease_until);
