-- Search (issue 17). Only ready public videos are indexed, so the index itself never holds what a stranger may not
-- see; triggers keep it current inside the writing transaction, so every node sees a change at once.
-- search_video_docs gives each indexed video a stable integer rowid (videos' implicit rowid may change on VACUUM), and
-- copies what a search filters and sorts by (kept by the triggers below, counters included), so a page's rows are
-- chosen from the match and this table alone and only they are read from videos.
CREATE TABLE search_video_docs (
    doc_id INTEGER PRIMARY KEY,
    video_id TEXT NOT NULL UNIQUE REFERENCES videos (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    duration_seconds REAL NULL,
    views INTEGER NOT NULL,
    -- views + 10 * like_count (SearchSql.Popularity)
    popularity INTEGER NOT NULL
);
-- Words: bm25 ranking, prefixes ("trave"*), and the vocabulary typo expansion reads.
CREATE VIRTUAL TABLE search_videos USING fts5 (title, description, tags, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE search_videos_vocab USING fts5vocab (search_videos, 'row');
-- Substrings, for Chinese, Japanese and Korean that words do not split: MATCH finds runs of 3+ characters; a run of 2
-- is expanded through the vocabulary to the trigrams that begin with it (the text ends with a space, so every 2-character
-- substring begins some trigram).
CREATE VIRTUAL TABLE search_videos_tri USING fts5 (title, body, tokenize = 'trigram');
CREATE VIRTUAL TABLE search_videos_tri_vocab USING fts5vocab (search_videos_tri, 'row');
-- Tags of indexed videos, for suggestions.
CREATE TABLE search_video_tags (
    video_id TEXT NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (tag, video_id)
);
CREATE INDEX ix_search_video_tags_video ON search_video_tags (video_id);
-- Channel names, for substrings of 3+ characters (shorter ones use ix_users_username as a prefix).
CREATE VIRTUAL TABLE search_channels USING fts5 (username, tokenize = 'trigram');

CREATE TRIGGER tr_search_videos_insert AFTER INSERT ON videos
WHEN new.status = 'ready' AND new.visibility = 'public'
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

CREATE TRIGGER tr_search_videos_update AFTER UPDATE OF title, description, tags, status, visibility ON videos
BEGIN
    DELETE FROM search_videos WHERE rowid = (SELECT doc_id FROM search_video_docs WHERE video_id = old.id);
    DELETE FROM search_videos_tri WHERE rowid = (SELECT doc_id FROM search_video_docs WHERE video_id = old.id);
    DELETE FROM search_video_docs WHERE video_id = old.id;
    DELETE FROM search_video_tags WHERE video_id = old.id;
    INSERT INTO search_video_docs (video_id, created_at, duration_seconds, views, popularity)
        SELECT new.id, new.created_at, new.duration_seconds, new.views, new.views + 10 * new.like_count
        WHERE new.status = 'ready' AND new.visibility = 'public';
    INSERT INTO search_videos (rowid, title, description, tags)
        SELECT d.doc_id, new.title, new.description, (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(new.tags))
        FROM search_video_docs d WHERE d.video_id = new.id;
    INSERT INTO search_videos_tri (rowid, title, body)
        SELECT d.doc_id, new.title || ' ', new.description || ' ' || (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(new.tags)) || ' '
        FROM search_video_docs d WHERE d.video_id = new.id;
    INSERT OR IGNORE INTO search_video_tags (video_id, tag)
        SELECT new.id, lower(value) FROM json_each(new.tags) WHERE new.status = 'ready' AND new.visibility = 'public';
END;

-- Counters change often: one row updated by key (nothing else of the index is touched).
CREATE TRIGGER tr_search_videos_sort_keys AFTER UPDATE OF views, like_count, duration_seconds, created_at ON videos
WHEN new.views IS NOT old.views OR new.like_count IS NOT old.like_count OR new.duration_seconds IS NOT old.duration_seconds
    OR new.created_at IS NOT old.created_at
BEGIN
    UPDATE search_video_docs SET created_at = new.created_at, duration_seconds = new.duration_seconds, views = new.views,
        popularity = new.views + 10 * new.like_count
    WHERE video_id = new.id;
END;

CREATE TRIGGER tr_search_videos_delete BEFORE DELETE ON videos
BEGIN
    DELETE FROM search_videos WHERE rowid = (SELECT doc_id FROM search_video_docs WHERE video_id = old.id);
    DELETE FROM search_videos_tri WHERE rowid = (SELECT doc_id FROM search_video_docs WHERE video_id = old.id);
    DELETE FROM search_video_docs WHERE video_id = old.id;
    DELETE FROM search_video_tags WHERE video_id = old.id;
END;

CREATE TRIGGER tr_search_channels_insert AFTER INSERT ON users
BEGIN
    INSERT INTO search_channels (username) VALUES (new.username);
END;
CREATE TRIGGER tr_search_channels_delete AFTER DELETE ON users
BEGIN
    DELETE FROM search_channels WHERE username = old.username; -- a scan, but accounts are rarely deleted
END;

-- Backfill.
INSERT INTO search_video_docs (video_id, created_at, duration_seconds, views, popularity)
    SELECT id, created_at, duration_seconds, views, views + 10 * like_count FROM videos WHERE status = 'ready' AND visibility = 'public';
INSERT INTO search_videos (rowid, title, description, tags)
    SELECT d.doc_id, v.title, v.description, (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(v.tags))
    FROM search_video_docs d JOIN videos v ON v.id = d.video_id;
INSERT INTO search_videos_tri (rowid, title, body)
    SELECT d.doc_id, v.title || ' ', v.description || ' ' || (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(v.tags)) || ' '
    FROM search_video_docs d JOIN videos v ON v.id = d.video_id;
INSERT OR IGNORE INTO search_video_tags (video_id, tag)
    SELECT v.id, lower(j.value) FROM videos v, json_each(v.tags) j WHERE v.status = 'ready' AND v.visibility = 'public';
INSERT INTO search_channels (username) SELECT username FROM users;
