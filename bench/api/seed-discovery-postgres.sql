-- Bench data for bench/api/discovery.sh (PostgreSQL). The same rows as seed-discovery-sqlite.sql (see there);
-- discovery.sh replaces @USERS@ and @VIDEOS@. The inserts into videos fire 0014_search's trigger, which fills
-- search_documents, search_terms and search_video_tags.
BEGIN;
CREATE TEMP TABLE en AS SELECT (ord - 1)::int AS k, w FROM json_array_elements_text('["travel", "cooking", "guitar", "tutorial", "mountain", "ocean", "city", "night", "street", "food", "music", "piano", "coding", "game", "review", "unboxing", "camera", "drone", "cat", "dog", "football", "basketball", "history", "science", "space", "rocket", "garden", "kitchen", "recipe", "festival", "concert", "dance", "painting", "workout", "yoga", "running", "cycling", "winter", "summer", "sunset", "photography", "architecture", "museum", "train", "airport", "island", "beach", "forest", "river", "desert", "volcano", "chess", "comedy", "interview", "podcast", "lecture", "robot", "electric", "vintage", "knitting"]') WITH ORDINALITY AS t (w, ord);
CREATE TEMP TABLE cjk AS SELECT (ord - 1)::int AS k, w FROM json_array_elements_text('["旅行", "美食", "音乐", "钢琴", "吉他", "教程", "城市", "夜景", "上海", "北京", "東京", "大阪", "拉面", "火锅", "猫咪", "小狗", "足球", "篮球", "历史", "科学", "宇宙", "火箭", "花园", "厨房", "料理", "祭り", "演唱会", "舞蹈", "绘画", "健身", "瑜伽", "跑步", "骑行", "冬天", "夏天", "日落", "摄影师", "博物馆", "高铁", "机场", "海岛", "沙滩", "森林", "長江", "沙漠", "火山", "象棋", "相声", "采访", "播客", "讲座", "机器人", "電動車", "复古", "편집", "서울", "여행", "음식", "한국어", "라면"]') WITH ORDINALITY AS t (w, ord);

INSERT INTO users (id, username, password_hash, is_admin, created_at)
SELECT format('u%s', lpad(i::text, 10, '0')), format('creator%s', lpad(i::text, 5, '0')), 'bench-not-a-real-hash', false,
       to_timestamp(1690000000 + i)
FROM generate_series(1, @USERS@) AS i;

CREATE TEMP TABLE picks AS
WITH h AS (
    SELECT i,
           (i * 7919 + 13) * 48271 % 2147483647 AS h1,
           (i * 104729 + 7) * 48271 % 2147483647 AS h2,
           (i * 1299709 + 3) * 16807 % 2147483647 AS h3,
           (i * 15485863 + 1) * 16807 % 2147483647 AS h4,
           (i * 32452843 + 5) * 16807 % 2147483647 AS h5
    FROM generate_series(1::bigint, @VIDEOS@::bigint) AS i
)
SELECT i,
       ((h1 % 1000) * (h1 % 1000) * 60 / 1000000)::int AS e1,
       (h2 / 1000 % 60)::int AS e2,
       (h3 / 1000 % 60)::int AS e3,
       ((h4 % 1000) * (h4 % 1000) * 60 / 1000000)::int AS c1,
       (h5 / 1000 % 60)::int AS c2,
       h4 / 1000 % @USERS@ + 1 AS owner,
       h5 % 20000 AS views
FROM h;

INSERT INTO videos (id, owner_id, title, description, tags, visibility, status, stage, progress, playable,
                    duration_seconds, width, height, has_thumbnail, renditions, views, created_at, updated_at)
SELECT format('v%s', lpad(p.i::text, 10, '0')),
       format('u%s', lpad(p.owner::text, 10, '0')),
       CASE p.i % 3
           WHEN 0 THEN c1.w || c2.w || ' ' || e1.w || ' vlog'
           WHEN 1 THEN e1.w || ' ' || e2.w || ' ' || c1.w
           ELSE 'My ' || e1.w || ' ' || e3.w || ' day ' || p.i || ' ' || c1.w || 'と' || c2.w
       END,
       'A video about ' || e1.w || ', ' || e2.w || ' and ' || e3.w || ' with a description of realistic length. 这是关于'
           || c1.w || '和' || c2.w || '的视频，第' || p.i || '集。',
       json_build_array(e1.w, c1.w, e2.w)::text,
       'public', 'ready', NULL, 100, true,
       60.0 + (p.i % 600), 1920, 1080, true,
       '[{"name":"360p","width":640,"height":360,"bitrate":800000},{"name":"720p","width":1280,"height":720,"bitrate":2800000},{"name":"1080p","width":1920,"height":1080,"bitrate":5000000}]',
       p.views,
       to_timestamp(1700000000 + p.i * 60),
       to_timestamp(1700000000 + p.i * 60)
FROM picks p
JOIN en e1 ON e1.k = p.e1 JOIN en e2 ON e2.k = p.e2 JOIN en e3 ON e3.k = p.e3
JOIN cjk c1 ON c1.k = p.c1 JOIN cjk c2 ON c2.k = p.c2
ORDER BY p.i;

COMMIT;
VACUUM ANALYZE users;
VACUUM ANALYZE videos;
VACUUM ANALYZE search_documents;
VACUUM ANALYZE search_terms;
VACUUM ANALYZE search_video_tags;
