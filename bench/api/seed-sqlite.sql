-- Bench data for bench/api/run.sh (SQLite; times are integer microseconds since the Unix epoch).
-- 100 users, 10,000 public ready videos, 100,000 comments: 10,000 on the newest ("hot") video v0000010000,
-- the other 90,000 spread over the remaining 9,999 videos. Ids are fixed 11-char base62 strings.
PRAGMA synchronous = OFF;
BEGIN;

INSERT INTO users (id, username, password_hash, is_admin, created_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
SELECT printf('u%010d', i), printf('benchuser%03d', i), 'bench-not-a-real-hash', 0, 1690000000000000 + i * 1000000
FROM n;

INSERT INTO videos (id, owner_id, title, description, tags, visibility, status, stage, progress, playable,
                    duration_seconds, width, height, has_thumbnail, renditions, created_at, updated_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
SELECT printf('v%010d', i),
       printf('u%010d', (i - 1) % 100 + 1),
       printf('Benchmark video number %d', i),
       printf('A seeded video (%d) for the API benchmark. It has a description of realistic length, a few tags and a rendition ladder.', i),
       '["bench","demo","video"]',
       'public', 'ready', NULL, 100, 1,
       60.0 + (i % 600), 1920, 1080, 1,
       '[{"name":"360p","width":640,"height":360,"bitrate":800000},{"name":"720p","width":1280,"height":720,"bitrate":2800000},{"name":"1080p","width":1920,"height":1080,"bitrate":5000000}]',
       (1700000000 + i * 60) * 1000000,
       (1700000000 + i * 60) * 1000000
FROM n;

INSERT INTO comments (id, video_id, author_id, content, created_at)
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 100000)
SELECT printf('c%010d', k),
       CASE WHEN k <= 10000 THEN 'v0000010000' ELSE printf('v%010d', (k - 10001) % 9999 + 1) END,
       printf('u%010d', k % 100 + 1),
       printf('Seeded comment %d: a short remark of typical length about the video, nothing more.', k),
       (1701000000 + k) * 1000000
FROM n;

COMMIT;
