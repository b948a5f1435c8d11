-- bench/gifts: what one accepted gift send runs in PostgreSQL, straight from pgbench (the reference). The statements are
-- GiftSender.SendAsync's and WalletLedger's (since the lock-order change), in their order and on the same tables: claim the
-- idempotency key (transaction row), conditional debit of the sender's balance, the three entries, the gift_sends row, the
-- job row (the jobs table's NOTIFY trigger fires as for Framecast's), the stored result, then the credits of the channel's
-- earnings and of one of the platform's 16 revenue accounts (at random, as Framecast picks it), COMMIT. Sizes of memos, payload and result are those of a real send.
-- Not here (Framecast runs them and the reference does not): the reads before the transaction (session, video, gift),
-- EF's SAVEPOINT/RELEASE around the gift_sends + jobs insert, and the job worker's claim and failure of every
-- gift.received job; the one lookup here (the sender's ids, by client number) stands for the request's own reads.
-- Each client sends as sender (client_id % nsenders) + 1 from that sender's second balance account (pgbench-setup.sql:
-- funded by a balanced grant at set-up, so the ledger keeps verifying) to the channel's real earnings account and the real platform revenue
-- account: the same two rows every send locks in Framecast. Its job rows have the status 'reference' (the same row and
-- index entries, the same NOTIFY trigger): never claimed by Framecast's worker, and not counted among the queued jobs
-- whose number drives the planner's estimate for the worker's claim query (as 'queued' rows due at 'infinity' they
-- pushed its generic plan over jit_above_cost: every claim JIT-compiled, ~50 ms).
\set s :client_id % :nsenders + 1
\set k random(1, 9000000000000000)
\set cnt random(1, 3)
\set total :cnt * :price
\set chan :total * 7 / 10
\set plat :total - :chan
\set shard random(0, 15)
SELECT user_id AS uid, account_id AS acct, username AS uname FROM bench_pgb_senders WHERE n = :s \gset
BEGIN;
INSERT INTO wallet_transactions (id, kind, actor_id, idempotency_key, request_hash, memo, created_at) VALUES ('pgb-' || :k::text, 'gift', :uid, 'pgbench-' || :k::text, 'a80d99f050e4b9847a13651302f389b4c62eea8c9dcfab7da343c6ee34e46cdb', 'Bench ×' || :cnt::text || ' from @' || :uname::text || ' to @benchchannel', now()) ON CONFLICT (actor_id, idempotency_key) DO NOTHING;
UPDATE wallet_accounts SET balance_coins = balance_coins - :total::bigint, updated_at = now() WHERE id = :acct AND balance_coins >= :total::bigint RETURNING balance_coins;
INSERT INTO wallet_entries (transaction_id, account_id, amount_coins, memo, created_at) VALUES ('pgb-' || :k::text, :acct, -(:total::bigint), 'Bench ×' || :cnt::text || ' to @benchchannel', now());
INSERT INTO wallet_entries (transaction_id, account_id, amount_coins, memo, created_at) VALUES ('pgb-' || :k::text, :earnacct, :chan::bigint, 'Bench ×' || :cnt::text || ' from @' || :uname::text, now());
INSERT INTO wallet_entries (transaction_id, account_id, amount_coins, memo, created_at) VALUES ('pgb-' || :k::text, ('platform:revenue:' || :shard::text), :plat::bigint, 'Platform share of Bench ×' || :cnt::text || ' to @benchchannel', now());
INSERT INTO gift_sends (id, channel_id, count, created_at, gift_id, gift_name, sender_id, session_id, total_coins, transaction_id, video_id) VALUES ('pgs-' || :k::text, :chanuid, :cnt::int, now(), :gift, 'Bench', :uid, NULL, :total::bigint, 'pgb-' || :k::text, :video);
INSERT INTO jobs (attempts, completed_at, created_at, fair_key, last_error, lease_owner, lease_until, max_attempts, not_before, payload, status, type, updated_at) VALUES (0, NULL, now(), NULL, NULL, NULL, NULL, 5, now(), '{"giftSendId":"pgs-' || :k::text || '","channelUserId":"' || :chanuid::text || '","senderUserId":"' || :uid::text || '","senderUsername":"' || :uname::text || '","giftName":"Bench","count":' || :cnt::text || ',"totalCoins":' || :total::text || ',"sessionId": null,"videoId":"' || :video::text || '"}', 'reference', 'gift.received', now()) RETURNING id;
UPDATE wallet_transactions SET result = '{"id":"pgs-' || :k::text || '","sessionId": null,"videoId":"' || :video::text || '","gift":{"id":"' || :gift::text || '","name":"Bench","imageUrl": null,"priceCoins": 10},"count":' || :cnt::text || ',"totalCoins":' || :total::text || ',"balanceCoins": 996370,"sender":{"username":"' || :uname::text || '"},"createdAt":"' || now()::text || '"}' WHERE id = 'pgb-' || :k::text;
INSERT INTO wallet_accounts (id, user_id, kind, balance_coins, updated_at) VALUES (:earnacct, :chanuid, 'earnings', :chan::bigint, now()) ON CONFLICT (id) DO UPDATE SET balance_coins = wallet_accounts.balance_coins + :chan::bigint, updated_at = now() RETURNING balance_coins;
INSERT INTO wallet_accounts (id, user_id, kind, balance_coins, updated_at) VALUES (('platform:revenue:' || :shard::text), NULL, 'revenue', :plat::bigint, now()) ON CONFLICT (id) DO UPDATE SET balance_coins = wallet_accounts.balance_coins + :plat::bigint, updated_at = now() RETURNING balance_coins;
COMMIT;
