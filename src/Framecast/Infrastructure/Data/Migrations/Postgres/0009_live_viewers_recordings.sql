-- Who watches a broadcast now (one row per viewer, renewed while they fetch its playlists), the counts kept on the
-- session, and the video its recording became.
ALTER TABLE live_sessions ADD COLUMN viewers integer NOT NULL DEFAULT 0;
ALTER TABLE live_sessions ADD COLUMN peak_viewers integer NOT NULL DEFAULT 0;
ALTER TABLE live_sessions ADD COLUMN recording_video_id text NULL;
CREATE TABLE live_viewers (
    session_id text NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
    viewer_key text NOT NULL,
    seen_at timestamptz NOT NULL,
    PRIMARY KEY (session_id, viewer_key)
);
CREATE INDEX ix_live_viewers_seen ON live_viewers (seen_at);
