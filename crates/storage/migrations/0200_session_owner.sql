-- Issue 7, finding 7: the account a session is signed in to, so that a password reset (or "sign out
-- everywhere") ends every session of that account. NULL for a visitor's session.
ALTER TABLE sessions ADD COLUMN user_id TEXT;
CREATE INDEX sessions_user ON sessions (user_id);
