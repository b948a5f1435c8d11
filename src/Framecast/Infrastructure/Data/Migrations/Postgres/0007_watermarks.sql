-- A channel's watermark (the PNG itself is in media storage under _watermarks/), and each video's choice to carry it.
CREATE TABLE channel_watermarks (
    user_id text NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    position text NOT NULL,
    opacity double precision NOT NULL,
    width_percent integer NOT NULL,
    updated_at timestamptz NOT NULL
);
ALTER TABLE videos ADD COLUMN watermark boolean NOT NULL DEFAULT true;
