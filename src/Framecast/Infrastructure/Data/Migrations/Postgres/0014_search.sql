-- Search (issue 17). Only ready public videos are indexed, so the index itself never holds what a stranger may not
-- see; a trigger keeps it current inside the writing transaction, so every node sees a change at once.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The distinct 2-character substrings of t made only of Chinese, Japanese or Korean characters. A run of 2+ such
-- characters is a substring of a text only if all its bigrams are among the text's (then LIKE confirms it), which a
-- GIN index over the array answers; unlike pg_trgm it does not depend on the database's locale classifying CJK.
-- pg_trgm indexes channel names (ASCII), for substrings.
CREATE FUNCTION search_cjk_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
        SELECT substr(t, i, 2) AS g FROM generate_series(1, greatest(length(t) - 1, 0)) AS i
    ) s WHERE g ~ '^[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]{2}$'
$$;

CREATE TABLE search_documents (
    video_id text NOT NULL PRIMARY KEY REFERENCES videos (id) ON DELETE CASCADE,
    title text NOT NULL,
    -- Lower-cased title, description and tags, for LIKE checks of substrings.
    content text NOT NULL,
    -- Title (A), tags (B), description (C): words and prefixes ('trave':*), ranked with ts_rank.
    document tsvector NOT NULL,
    grams text[] NOT NULL,
    -- What a search filters and sorts by, copied (counters included, by tr_search_videos_sort_keys) so that a page's rows
    -- are chosen from this table alone and only they are read from videos.
    created_at timestamptz NOT NULL,
    duration_seconds double precision NULL,
    views bigint NOT NULL,
    popularity bigint NOT NULL -- views + 10 * like_count (SearchSql.Popularity)
);
CREATE INDEX ix_search_documents_document ON search_documents USING gin (document);
CREATE INDEX ix_search_documents_grams ON search_documents USING gin (grams);
-- No pg_trgm index over the text: under a C locale (as the test cluster's) pg_trgm drops every non-ASCII character, so
-- it cannot find CJK substrings; the bigram index above can, whatever the locale.

-- Every word ever indexed (kept when its videos go: a stale word only widens a typo's expansion to no hit), read by
-- prefix ranges to find words one edit away from a word of the query that finds nothing.
CREATE TABLE search_terms (term text COLLATE "C" NOT NULL PRIMARY KEY);

CREATE TABLE search_video_tags (
    video_id text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    tag text COLLATE "C" NOT NULL,
    PRIMARY KEY (tag, video_id)
);
CREATE INDEX ix_search_video_tags_video ON search_video_tags (video_id);

-- Channel names by substring.
CREATE INDEX ix_users_username_trgm ON users USING gin (username gin_trgm_ops);
CREATE INDEX ix_users_username_prefix ON users (username text_pattern_ops);

CREATE FUNCTION search_index_video(v videos) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    tag_text text := coalesce((SELECT string_agg(value, ' ') FROM jsonb_array_elements_text(v.tags::jsonb)), '');
    doc tsvector;
BEGIN
    DELETE FROM search_documents WHERE video_id = v.id;
    DELETE FROM search_video_tags WHERE video_id = v.id;
    IF v.status <> 'ready' OR v.visibility <> 'public' THEN
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

CREATE FUNCTION search_videos_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_index_video(NEW);
    RETURN NULL;
END
$$;
CREATE TRIGGER tr_search_videos_insert AFTER INSERT ON videos FOR EACH ROW EXECUTE FUNCTION search_videos_changed();
CREATE TRIGGER tr_search_videos_update AFTER UPDATE OF title, description, tags, status, visibility ON videos
    FOR EACH ROW EXECUTE FUNCTION search_videos_changed();
-- Counters change often: one row updated by key (no index of search_documents covers these columns, so a HOT update).
CREATE FUNCTION search_videos_sort_keys_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_documents SET created_at = NEW.created_at, duration_seconds = NEW.duration_seconds, views = NEW.views,
        popularity = NEW.views + 10 * NEW.like_count
    WHERE video_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER tr_search_videos_sort_keys AFTER UPDATE OF views, like_count, duration_seconds, created_at ON videos
    FOR EACH ROW WHEN ((OLD.views, OLD.like_count, OLD.duration_seconds, OLD.created_at)
        IS DISTINCT FROM (NEW.views, NEW.like_count, NEW.duration_seconds, NEW.created_at)) EXECUTE FUNCTION search_videos_sort_keys_changed();
-- Deletion: the foreign keys' ON DELETE CASCADE.

-- Backfill.
SELECT search_index_video(v) FROM videos v WHERE v.status = 'ready' AND v.visibility = 'public';
