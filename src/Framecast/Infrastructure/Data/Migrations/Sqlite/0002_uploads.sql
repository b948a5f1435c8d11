CREATE TABLE uploads (
    id TEXT NOT NULL PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    video_id TEXT NOT NULL,
    length INTEGER NOT NULL,
    "offset" INTEGER NOT NULL,
    metadata TEXT NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NULL,
    sha256 TEXT NULL,
    md5 TEXT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    completed_at INTEGER NULL
);
CREATE INDEX ix_uploads_expires_at ON uploads (expires_at);
CREATE INDEX ix_uploads_video_id ON uploads (video_id);
