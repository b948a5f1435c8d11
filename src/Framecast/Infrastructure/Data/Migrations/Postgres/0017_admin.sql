-- Management: bans, takedowns, report resolutions, site settings and the admins' audit log.
ALTER TABLE users ADD COLUMN banned_at timestamptz NULL;
ALTER TABLE users ADD COLUMN ban_reason text NULL;

-- Why a video is held back from everyone but its owner and admins, as bits: 1 taken down, 2 its owner is banned.
-- Every public listing, the search index and the media routes require 0.
ALTER TABLE videos ADD COLUMN moderation_hold integer NOT NULL DEFAULT 0;
ALTER TABLE videos ADD COLUMN taken_down_at timestamptz NULL;
ALTER TABLE videos ADD COLUMN takedown_reason text NULL;

ALTER TABLE reports ADD COLUMN resolved_at timestamptz NULL;
ALTER TABLE reports ADD COLUMN resolved_by text NULL REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE reports ADD COLUMN resolution_action text NULL;
ALTER TABLE reports ADD COLUMN resolution_note text NULL;

-- Notifications that are a sentence from the site (a report's outcome, a takedown).
ALTER TABLE notifications ADD COLUMN message text NULL;

CREATE TABLE site_settings (
    key text NOT NULL PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE admin_audit (
    id text NOT NULL PRIMARY KEY,
    actor_id text NULL REFERENCES users (id) ON DELETE SET NULL,
    actor_username text NOT NULL,
    action text NOT NULL,
    target_type text NOT NULL,
    target_id text NOT NULL,
    detail text NOT NULL,
    address text NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX ix_admin_audit_created ON admin_audit (created_at, id);

-- The search index leaves held videos out.
CREATE OR REPLACE FUNCTION search_index_video(v videos) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    tag_text text := coalesce((SELECT string_agg(value, ' ') FROM jsonb_array_elements_text(v.tags::jsonb)), '');
    doc tsvector;
BEGIN
    DELETE FROM search_documents WHERE video_id = v.id;
    DELETE FROM search_video_tags WHERE video_id = v.id;
    IF v.status <> 'ready' OR v.visibility <> 'public' OR v.moderation_hold <> 0 THEN
        RETURN;
    END IF;
    doc := setweight(to_tsvector('simple', v.title), 'A') || setweight(to_tsvector('simple', tag_text), 'B')
        || setweight(to_tsvector('simple', v.description), 'C');
    INSERT INTO search_documents (video_id, title, content, document, grams, created_at, duration_seconds, views, popularity)
    VALUES (v.id, v.title, lower(v.title || ' ' || v.description || ' ' || tag_text), doc,
            search_cjk_bigrams(v.title || ' ' || v.description || ' ' || tag_text),
            v.created_at, v.duration_seconds, v.views, v.views + 10 * v.like_count);
    INSERT INTO search_terms (term) SELECT lexeme FROM unnest(doc) ON CONFLICT DO NOTHING;
    INSERT INTO search_video_tags (video_id, tag)
        SELECT v.id, lower(value) FROM jsonb_array_elements_text(v.tags::jsonb) ON CONFLICT DO NOTHING;
END
$$;
DROP TRIGGER tr_search_videos_update ON videos;
CREATE TRIGGER tr_search_videos_update AFTER UPDATE OF title, description, tags, status, visibility, moderation_hold ON videos
    FOR EACH ROW EXECUTE FUNCTION search_videos_changed();
