-- Jobs of one owner (e.g. one uploader's videos) share a fair key; a claim skips a key that already runs its share.
ALTER TABLE jobs ADD COLUMN fair_key text NULL;
CREATE INDEX ix_jobs_fair_running ON jobs (fair_key, status);
-- A fair key's waiting job becomes claimable when its running one ends: wake the workers on every node then too.
CREATE TRIGGER jobs_notify_fair_slot AFTER UPDATE OF status ON jobs FOR EACH ROW
    WHEN (OLD.status = 'running' AND NEW.status <> 'running' AND OLD.fair_key IS NOT NULL)
    EXECUTE FUNCTION framecast_jobs_notify();
