-- Issue 7, GDPR and accounts: what the account page shows of each session (signed in when, last seen
-- when, from which device, kept short), and the one-use links of the account page (a new e-mail address
-- confirmed from that address, an account deletion confirmed from the mailbox).
ALTER TABLE sessions ADD COLUMN created_at BIGINT;
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT;
ALTER TABLE sessions ADD COLUMN device TEXT;

CREATE TABLE account_tokens (
    -- SHA-256 of the token sent by e-mail, as for invitations and password resets.
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- email-change, deletion.
    purpose TEXT NOT NULL,
    -- The address to confirm (email-change).
    new_email TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX account_tokens_user ON account_tokens (user_id);
CREATE INDEX account_tokens_expiry ON account_tokens (expires_at);
