-- Issue 7, finding 3: sign-in attempts by account (the address typed) and by client address, so that
-- guessing is throttled across every app server of one database. An attempt is written before its
-- password is checked (parallel guesses count too) and removed when it succeeds. Purged hourly.
CREATE TABLE sign_in_failures (
    id TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    address TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_account ON sign_in_failures (account, at);
CREATE INDEX sign_in_failures_address ON sign_in_failures (address, at);
