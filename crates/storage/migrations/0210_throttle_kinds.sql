-- Issue 7, finding 3: the sign-in throttle's table counts password-reset requests too (by the address
-- typed and by client address), so that one limiter in the database holds across every app server.
-- Existing rows are sign-in attempts.
ALTER TABLE sign_in_failures ADD COLUMN kind TEXT NOT NULL DEFAULT 'sign-in';
