-- The use-case layer's tables (audit, mail outbox, jobs) and the meetings of "who meets whom": wishes,
-- matching runs with their proposed pairs, meetings and their history. Same rules as 0001: TEXT and BIGINT
-- only (JSON documents as TEXT, booleans 0/1, times in unix seconds, scores in millionths).

-- Who did what, to which object, when: one row per use case that changed something.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    occurred_at BIGINT NOT NULL,
    actor_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    -- A stable code: `invitation-sent`, `irritant-published`, `matching-run-started`…
    action TEXT NOT NULL,
    object_kind TEXT NOT NULL,
    object_id TEXT,
    -- A JSON object with what the code needs to be read back (names, reasons, counts).
    details TEXT NOT NULL
);
CREATE INDEX audit_log_object ON audit_log (object_kind, object_id);
CREATE INDEX audit_log_time ON audit_log (occurred_at);

-- Mails written in the transaction of the change that causes them, sent by a worker with retries.
CREATE TABLE mail_outbox (
    id TEXT PRIMARY KEY,
    -- What the mail is about (`invitation`, `proposals-published`…), for lists and tests.
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    -- The language it was rendered in (the recipient's).
    lang TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    attachment_name TEXT,
    attachment_type TEXT,
    -- Base64 of the attachment's bytes.
    attachment_data TEXT,
    -- pending, sent, failed (given up after the last attempt).
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    -- The server sending it now, until when: another one takes it over only after the lease expired.
    lease_owner TEXT,
    lease_expires_at BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);

-- Long work, run once among several app servers: claimed with a lease, kept with its parameters and result.
CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    params TEXT NOT NULL,
    -- queued, running, done, failed, cancelled.
    status TEXT NOT NULL,
    progress_done BIGINT NOT NULL DEFAULT 0,
    progress_total BIGINT NOT NULL DEFAULT 0,
    result TEXT,
    error TEXT,
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL,
    -- Not before this time (scheduled jobs, retries after a backoff).
    run_after BIGINT NOT NULL,
    lease_owner TEXT,
    lease_expires_at BIGINT,
    -- At most one job per key (a reminder per edition and deadline, a recomputation per edition).
    unique_key TEXT UNIQUE,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT
);
CREATE INDEX jobs_due ON jobs (status, run_after);
CREATE INDEX jobs_kind ON jobs (kind, created_at);

-- A side's wish about an (irritant, company) pair: the institution about a company, or the company about an
-- irritant.
CREATE TABLE wishes (
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    irritant_id TEXT NOT NULL REFERENCES irritants (id) ON DELETE CASCADE,
    company_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    -- institution, company.
    side TEXT NOT NULL,
    -- must, would-like, no.
    level TEXT NOT NULL,
    pitch TEXT,
    conflict_of_interest BIGINT NOT NULL DEFAULT 0,
    author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (irritant_id, company_id, side)
);
CREATE INDEX wishes_edition ON wishes (edition_id);
CREATE INDEX wishes_company ON wishes (company_id);

-- Every matching run of an edition is kept: its parameters (capacities, overrides, pins, exclusions) and its
-- result (totals, optimality proof, unmet minimums with reasons, difference from the previous run) as JSON.
CREATE TABLE matching_runs (
    id TEXT PRIMARY KEY,
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    -- Run number within the edition (1, 2, …).
    seq BIGINT NOT NULL,
    job_id TEXT REFERENCES jobs (id) ON DELETE SET NULL,
    -- pending, done, failed, published.
    status TEXT NOT NULL,
    parameters TEXT NOT NULL,
    result TEXT,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    finished_at BIGINT,
    published_at BIGINT,
    UNIQUE (edition_id, seq)
);

-- The pairs a run chose, written in the transaction that finishes the run's job.
CREATE TABLE matching_run_pairs (
    run_id TEXT NOT NULL REFERENCES matching_runs (id) ON DELETE CASCADE,
    irritant_id TEXT NOT NULL REFERENCES irritants (id) ON DELETE CASCADE,
    company_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    score_micros BIGINT NOT NULL,
    mutual BIGINT NOT NULL DEFAULT 0,
    pinned BIGINT NOT NULL DEFAULT 0,
    forced BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, irritant_id, company_id)
);

-- A meeting between an irritant's institution and a company; its states are the domain's `MeetingStatus`.
CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    irritant_id TEXT NOT NULL REFERENCES irritants (id) ON DELETE CASCADE,
    company_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    -- matched, requested, imposed.
    origin TEXT NOT NULL,
    run_id TEXT REFERENCES matching_runs (id) ON DELETE SET NULL,
    status TEXT NOT NULL,
    -- Each side's answer to a proposal: pending, accepted, declined.
    institution_answer TEXT NOT NULL,
    company_answer TEXT NOT NULL,
    -- Why it was declined (a code of the list) or cancelled, by which side, with free text.
    reason TEXT,
    reason_side TEXT,
    reason_comment TEXT,
    score_micros BIGINT,
    -- Raised on every change: a write made on a stale view is refused.
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (irritant_id, company_id)
);
CREATE INDEX meetings_edition_status ON meetings (edition_id, status);
CREATE INDEX meetings_company ON meetings (company_id);

CREATE TABLE meeting_events (
    meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    actor_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    -- The domain's transition code.
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    side TEXT,
    reason TEXT,
    comment TEXT,
    occurred_at BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, seq)
);
