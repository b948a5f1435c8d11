-- A channel's watermark (the PNG itself is in media storage under _watermarks/), and each video's choice to carry it.
CREATE TABLE channel_watermarks (
    user_id TEXT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    position TEXT NOT NULL,
    opacity REAL NOT NULL,
    width_percent INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
ALTER TABLE videos ADD COLUMN watermark INTEGER NOT NULL DEFAULT 1;
