ALTER TABLE videos ADD COLUMN views bigint NOT NULL DEFAULT 0;
-- One row per video and viewer (a hash of the session or of an anonymous cookie): a view counts once per viewer.
CREATE TABLE video_views (
    video_id text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    viewer_key text NOT NULL,
    PRIMARY KEY (video_id, viewer_key)
);
