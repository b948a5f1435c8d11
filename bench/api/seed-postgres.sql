-- Bench data for bench/api/run.sh (PostgreSQL). Same rows as seed-sqlite.sql:
-- 100 users, 10,000 public ready videos, 100,000 comments: 10,000 on the newest ("hot") video v0000010000,
-- the other 90,000 spread over the remaining 9,999 videos.
BEGIN;

INSERT INTO users (id, username, password_hash, is_admin, created_at)
SELECT format('u%s', lpad(i::text, 10, '0')), format('benchuser%s', lpad(i::text, 3, '0')), 'bench-not-a-real-hash', false,
       to_timestamp(1690000000 + i)
FROM generate_series(1, 100) AS i;

INSERT INTO videos (id, owner_id, title, description, tags, visibility, status, stage, progress, playable,
                    duration_seconds, width, height, has_thumbnail, renditions, created_at, updated_at)
SELECT format('v%s', lpad(i::text, 10, '0')),
       format('u%s', lpad(((i - 1) % 100 + 1)::text, 10, '0')),
       format('Benchmark video number %s', i),
       format('A seeded video (%s) for the API benchmark. It has a description of realistic length, a few tags and a rendition ladder.', i),
       '["bench","demo","video"]',
       'public', 'ready', NULL, 100, true,
       60.0 + (i % 600), 1920, 1080, true,
       '[{"name":"360p","width":640,"height":360,"bitrate":800000},{"name":"720p","width":1280,"height":720,"bitrate":2800000},{"name":"1080p","width":1920,"height":1080,"bitrate":5000000}]',
       to_timestamp(1700000000 + i * 60),
       to_timestamp(1700000000 + i * 60)
FROM generate_series(1, 10000) AS i;

INSERT INTO comments (id, video_id, author_id, content, created_at)
SELECT format('c%s', lpad(k::text, 10, '0')),
       CASE WHEN k <= 10000 THEN 'v0000010000' ELSE format('v%s', lpad(((k - 10001) % 9999 + 1)::text, 10, '0')) END,
       format('u%s', lpad((k % 100 + 1)::text, 10, '0')),
       format('Seeded comment %s: a short remark of typical length about the video, nothing more.', k),
       to_timestamp(1701000000 + k)
FROM generate_series(1, 100000) AS k;

COMMIT;
-- What autovacuum would do shortly after a bulk load; without it the first plans are guesses.
VACUUM ANALYZE users;
VACUUM ANALYZE videos;
VACUUM ANALYZE comments;
