-- bench/gifts: the reference's senders. Each Framecast sender gets a second balance account, 'user:ID:pgbench', funded
-- by one balanced grant (issuance account down, the accounts up, entries summing to zero), so that pgbench's sends
-- never run short and never touch the balances the Framecast steps spend, and the ledger keeps verifying.
CREATE TABLE bench_pgb_senders (n integer PRIMARY KEY, user_id text NOT NULL, account_id text NOT NULL, username text NOT NULL);
INSERT INTO bench_pgb_senders
SELECT row_number() OVER (ORDER BY username), id, 'user:' || id || ':pgbench', username FROM users WHERE username LIKE 'benchsender%';
BEGIN;
INSERT INTO wallet_transactions (id, kind, actor_id, idempotency_key, request_hash, memo, created_at)
VALUES ('pgbgrant', 'grant', NULL, NULL, NULL, 'Grant: bench/gifts reference accounts', now());
INSERT INTO wallet_accounts (id, user_id, kind, balance_coins, updated_at)
SELECT account_id, user_id, 'balance', 1000000000, now() FROM bench_pgb_senders;
INSERT INTO wallet_entries (transaction_id, account_id, amount_coins, memo, created_at)
SELECT 'pgbgrant', account_id, 1000000000, 'Granted: bench/gifts reference', now() FROM bench_pgb_senders;
INSERT INTO wallet_accounts (id, user_id, kind, balance_coins, updated_at)
SELECT 'platform:issued', NULL, 'issued', -1000000000 * count(*), now() FROM bench_pgb_senders
ON CONFLICT (id) DO UPDATE SET balance_coins = wallet_accounts.balance_coins + EXCLUDED.balance_coins, updated_at = now();
INSERT INTO wallet_entries (transaction_id, account_id, amount_coins, memo, created_at)
SELECT 'pgbgrant', 'platform:issued', -1000000000 * count(*), 'Granted to the bench/gifts reference accounts', now() FROM bench_pgb_senders;
COMMIT;
