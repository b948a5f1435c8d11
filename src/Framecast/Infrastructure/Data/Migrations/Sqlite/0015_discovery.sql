-- Discovery (issue 17): watch history with resume positions (one row per account and video, upserted), the account's
-- "pause history" switch, and the trending lists the worker recomputes (tag NULL: the overall list).
CREATE TABLE watch_history (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    video_id TEXT NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    position_seconds REAL NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, video_id)
);
CREATE INDEX ix_watch_history_user_updated ON watch_history (user_id, updated_at, video_id);
CREATE INDEX ix_watch_history_video ON watch_history (video_id, user_id);
CREATE INDEX ix_watch_history_created ON watch_history (created_at);
CREATE TABLE history_settings (
    user_id TEXT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    paused INTEGER NOT NULL
);
CREATE TABLE trending (
    video_id TEXT NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    tag TEXT NULL,
    score REAL NOT NULL,
    rank INTEGER NOT NULL,
    computed_at INTEGER NOT NULL
);
CREATE INDEX ix_trending_tag_rank ON trending (tag, rank);
-- "People who watched this also watched": from a viewer's key to the other videos it viewed.
CREATE INDEX ix_video_views_viewer ON video_views (viewer_key, video_id);
