-- Management: bans, takedowns, report resolutions, site settings and the admins' audit log.
ALTER TABLE users ADD COLUMN banned_at INTEGER NULL;
ALTER TABLE users ADD COLUMN ban_reason TEXT NULL;

-- Why a video is held back from everyone but its owner and admins, as bits: 1 taken down, 2 its owner is banned.
-- Every public listing, the search index and the media routes require 0.
ALTER TABLE videos ADD COLUMN moderation_hold INTEGER NOT NULL DEFAULT 0;
ALTER TABLE videos ADD COLUMN taken_down_at INTEGER NULL;
ALTER TABLE videos ADD COLUMN takedown_reason TEXT NULL;

ALTER TABLE reports ADD COLUMN resolved_at INTEGER NULL;
ALTER TABLE reports ADD COLUMN resolved_by TEXT NULL REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE reports ADD COLUMN resolution_action TEXT NULL;
ALTER TABLE reports ADD COLUMN resolution_note TEXT NULL;

-- Notifications that are a sentence from the site (a report's outcome, a takedown).
ALTER TABLE notifications ADD COLUMN message TEXT NULL;

CREATE TABLE site_settings (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE admin_audit (
    id TEXT NOT NULL PRIMARY KEY,
    actor_id TEXT NULL REFERENCES users (id) ON DELETE SET NULL,
    actor_username TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    address TEXT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX ix_admin_audit_created ON admin_audit (created_at, id);

-- The search index leaves held videos out: the two video triggers again, with the hold in their conditions.
DROP TRIGGER tr_search_videos_insert;
DROP TRIGGER tr_search_videos_update;
CREATE TRIGGER tr_search_videos_insert AFTER INSERT ON videos
WHEN new.status = 'ready' AND new.visibility = 'public' AND new.moderation_hold = 0
BEGIN
    INSERT INTO search_video_docs (video_id, created_at, duration_seconds, views, popularity)
        VALUES (new.id, new.created_at, new.duration_seconds, new.views, new.views + 10 * new.like_count);
    INSERT INTO search_videos (rowid, title, description, tags)
        SELECT d.doc_id, new.title, new.description, (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(new.tags))
        FROM search_video_docs d WHERE d.video_id = new.id;
    INSERT INTO search_videos_tri (rowid, title, body)
        SELECT d.doc_id, new.title || ' ', new.description || ' ' || (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(new.tags)) || ' '
        FROM search_video_docs d WHERE d.video_id = new.id;
    INSERT OR IGNORE INTO search_video_tags (video_id, tag) SELECT new.id, lower(value) FROM json_each(new.tags);
END;

CREATE TRIGGER tr_search_videos_update AFTER UPDATE OF title, description, tags, status, visibility, moderation_hold ON videos
BEGIN
    DELETE FROM search_videos WHERE rowid = (SELECT doc_id FROM search_video_docs WHERE video_id = old.id);
    DELETE FROM search_videos_tri WHERE rowid = (SELECT doc_id FROM search_video_docs WHERE video_id = old.id);
    DELETE FROM search_video_docs WHERE video_id = old.id;
    DELETE FROM search_video_tags WHERE video_id = old.id;
    INSERT INTO search_video_docs (video_id, created_at, duration_seconds, views, popularity)
        SELECT new.id, new.created_at, new.duration_seconds, new.views, new.views + 10 * new.like_count
        WHERE new.status = 'ready' AND new.visibility = 'public' AND new.moderation_hold = 0;
    INSERT INTO search_videos (rowid, title, description, tags)
        SELECT d.doc_id, new.title, new.description, (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(new.tags))
        FROM search_video_docs d WHERE d.video_id = new.id;
    INSERT INTO search_videos_tri (rowid, title, body)
        SELECT d.doc_id, new.title || ' ', new.description || ' ' || (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(new.tags)) || ' '
        FROM search_video_docs d WHERE d.video_id = new.id;
    INSERT OR IGNORE INTO search_video_tags (video_id, tag)
        SELECT new.id, lower(value) FROM json_each(new.tags) WHERE new.status = 'ready' AND new.visibility = 'public' AND new.moderation_hold = 0;
END;
