-- The admin dashboard's numbers. When a view was counted (views counted before this migration have no time), and
-- HTTP 5xx answers per hour (hours since the Unix epoch), added up by every node in the shared database.
ALTER TABLE video_views ADD COLUMN viewed_at INTEGER NULL;
CREATE INDEX ix_stats_video_views_viewed ON video_views (viewed_at);
-- No index on videos (created_at) for uploads per day: the planner took it for the public list over ix_videos_listing
-- (an incremental sort; ListingPlanTests). The dashboard reads 30 days of videos by a scan instead.
CREATE INDEX ix_stats_jobs_finished ON jobs (status, completed_at);
CREATE TABLE http_errors_hourly (
    hour INTEGER NOT NULL PRIMARY KEY,
    errors INTEGER NOT NULL
);
