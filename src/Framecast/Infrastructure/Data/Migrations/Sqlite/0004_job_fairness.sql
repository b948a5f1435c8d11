-- Jobs of one owner (e.g. one uploader's videos) share a fair key; a claim skips a key that already runs its share.
ALTER TABLE jobs ADD COLUMN fair_key TEXT NULL;
CREATE INDEX ix_jobs_fair_running ON jobs (fair_key, status);
