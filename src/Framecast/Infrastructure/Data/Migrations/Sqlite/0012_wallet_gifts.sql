-- The coin ledger: accounts with a kept balance, transactions whose entries sum to zero, vouchers, and gifts.
CREATE TABLE wallet_accounts (
    id TEXT NOT NULL PRIMARY KEY,
    user_id TEXT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    balance_coins INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    -- Only the issuance account (coins put into circulation) runs negative; the service also debits conditionally.
    CONSTRAINT ck_wallet_accounts_not_negative CHECK (kind = 'issued' OR balance_coins >= 0)
);
CREATE INDEX ix_wallet_accounts_user ON wallet_accounts (user_id);
CREATE TABLE wallet_transactions (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    actor_id TEXT NULL REFERENCES users (id),
    idempotency_key TEXT NULL,
    request_hash TEXT NULL,
    memo TEXT NOT NULL,
    result TEXT NULL,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_wallet_transactions_key ON wallet_transactions (actor_id, idempotency_key);
CREATE TABLE wallet_entries (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    transaction_id TEXT NOT NULL REFERENCES wallet_transactions (id),
    -- Checked at commit: entries are written before the credits that may create their account.
    account_id TEXT NOT NULL REFERENCES wallet_accounts (id) DEFERRABLE INITIALLY DEFERRED,
    amount_coins INTEGER NOT NULL CHECK (amount_coins <> 0),
    memo TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX ix_wallet_entries_account ON wallet_entries (account_id, id);
CREATE INDEX ix_wallet_entries_transaction ON wallet_entries (transaction_id);
CREATE TABLE wallet_checks (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    checked_at INTEGER NOT NULL,
    accounts INTEGER NOT NULL,
    problems INTEGER NOT NULL,
    report TEXT NOT NULL
);
CREATE TABLE voucher_batches (
    id TEXT NOT NULL PRIMARY KEY,
    value_coins INTEGER NOT NULL CHECK (value_coins > 0),
    count INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL
);
CREATE TABLE vouchers (
    code_hash TEXT NOT NULL PRIMARY KEY,
    batch_id TEXT NOT NULL REFERENCES voucher_batches (id),
    value_coins INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    redeemed_by TEXT NULL REFERENCES users (id),
    redeemed_at INTEGER NULL,
    transaction_id TEXT NULL REFERENCES wallet_transactions (id)
);
CREATE TABLE voucher_failures (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    failed_at INTEGER NOT NULL
);
CREATE INDEX ix_voucher_failures_user ON voucher_failures (user_id, failed_at);
CREATE TABLE gifts (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    price_coins INTEGER NOT NULL CHECK (price_coins > 0),
    image_url TEXT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);
CREATE TABLE gift_sends (
    id TEXT NOT NULL PRIMARY KEY,
    transaction_id TEXT NOT NULL REFERENCES wallet_transactions (id),
    gift_id TEXT NOT NULL REFERENCES gifts (id),
    gift_name TEXT NOT NULL,
    sender_id TEXT NOT NULL REFERENCES users (id),
    channel_id TEXT NOT NULL REFERENCES users (id),
    -- Financial history outlives the broadcast or video it was sent to: no cascading delete.
    session_id TEXT NULL,
    video_id TEXT NULL,
    count INTEGER NOT NULL CHECK (count BETWEEN 1 AND 99),
    total_coins INTEGER NOT NULL CHECK (total_coins > 0),
    created_at INTEGER NOT NULL
);
CREATE INDEX ix_gift_sends_session ON gift_sends (session_id, created_at);
CREATE INDEX ix_gift_sends_video ON gift_sends (video_id, created_at);
CREATE INDEX ix_gift_sends_channel ON gift_sends (channel_id, created_at);
-- A starting catalogue, so gifts work on a fresh install; admins edit it.
INSERT INTO gifts (id, name, price_coins, image_url, active, created_at) VALUES
    ('giftHeart01', 'Heart', 1, '/img/gifts/heart.svg', 1, 1795478400000000),
    ('giftRose001', 'Rose', 10, '/img/gifts/rose.svg', 1, 1795478401000000),
    ('giftStar001', 'Star', 50, '/img/gifts/star.svg', 1, 1795478402000000),
    ('giftRocket1', 'Rocket', 500, '/img/gifts/rocket.svg', 1, 1795478403000000);
