-- Likes, follows, notifications (issue 16), and what the videos, users and comments they touch keep for them.
-- Counters are kept exact by their writers: a like or follow row and its counter change in one transaction.
ALTER TABLE videos ADD COLUMN like_count INTEGER NOT NULL DEFAULT 0;
-- When the video was first both ready and public (its followers hear of it once, at that moment); the feed's order.
ALTER TABLE videos ADD COLUMN published_at INTEGER NULL;
UPDATE videos SET published_at = created_at WHERE status = 'ready' AND visibility = 'public';
CREATE INDEX ix_videos_owner_published ON videos (owner_id, published_at, id);
ALTER TABLE users ADD COLUMN follower_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN parent_id TEXT NULL REFERENCES comments (id) ON DELETE SET NULL;
CREATE INDEX ix_comments_parent ON comments (parent_id);

CREATE TABLE video_likes (
    video_id TEXT NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (video_id, user_id)
);
CREATE INDEX ix_video_likes_user ON video_likes (user_id, created_at);

CREATE TABLE follows (
    follower_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (follower_id, channel_id)
);
CREATE INDEX ix_follows_channel ON follows (channel_id, follower_id);
CREATE INDEX ix_follows_follower_created ON follows (follower_id, created_at, channel_id);

-- One row per recipient; (user, type, subject) is unique so a re-run fan-out adds nothing twice.
CREATE TABLE notifications (
    id TEXT NOT NULL PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    subject TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER NULL,
    actor_username TEXT NOT NULL,
    video_id TEXT NULL,
    video_title TEXT NULL,
    session_id TEXT NULL,
    comment_id TEXT NULL,
    comment_excerpt TEXT NULL,
    gift_name TEXT NULL,
    gift_count INTEGER NULL,
    gift_coins INTEGER NULL
);
CREATE UNIQUE INDEX ux_notifications_subject ON notifications (user_id, type, subject);
CREATE INDEX ix_notifications_user_created ON notifications (user_id, created_at, id);
CREATE INDEX ix_notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX ix_notifications_video ON notifications (video_id) WHERE video_id IS NOT NULL;
