-- A channel's public page seeks its own rows in order (owner, then status and visibility by equality, then newest
-- first), whatever the statistics say and however large the whole catalogue grows.
CREATE INDEX ix_videos_owner_public ON videos (owner_id, status, visibility, created_at, id);
