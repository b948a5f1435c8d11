-- The admin dashboard's numbers. When a view was counted (views counted before this migration have no time), and
-- HTTP 5xx answers per hour (hours since the Unix epoch), added up by every node in the shared database.
ALTER TABLE video_views ADD COLUMN viewed_at INTEGER NULL;
CREATE INDEX ix_stats_video_views_viewed ON video_views (viewed_at);
CREATE INDEX ix_stats_videos_created ON videos (created_at);
CREATE INDEX ix_stats_jobs_finished ON jobs (status, completed_at);
CREATE TABLE http_errors_hourly (
    hour INTEGER NOT NULL PRIMARY KEY,
    errors INTEGER NOT NULL
);
