-- Failed log-ins become one counter per key (account+address, account, address, known device), updated atomically.
DROP TABLE login_failures;
CREATE TABLE login_attempts (
    key TEXT NOT NULL PRIMARY KEY,
    window_start INTEGER NOT NULL,
    count INTEGER NOT NULL
);
CREATE INDEX ix_login_attempts_window_start ON login_attempts (window_start);
-- Browsers that signed in before: their sign-ins are judged apart from an attacker's guesses (only the token's hash is kept).
CREATE TABLE known_devices (
    token_hash TEXT NOT NULL PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER NOT NULL
);
CREATE INDEX ix_known_devices_user_id ON known_devices (user_id);
