CREATE TABLE uploads (
    id text NOT NULL PRIMARY KEY,
    owner_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    video_id text NOT NULL,
    length bigint NOT NULL,
    "offset" bigint NOT NULL,
    metadata text NOT NULL,
    filename text NOT NULL,
    content_type text NULL,
    sha256 text NULL,
    md5 text NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    completed_at timestamptz NULL
);
CREATE INDEX ix_uploads_expires_at ON uploads (expires_at);
CREATE INDEX ix_uploads_video_id ON uploads (video_id);
