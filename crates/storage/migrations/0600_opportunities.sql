-- The follow-up (issue 10): opportunities, one per held meeting at most, and their history. Same rules as
-- 0001: TEXT and BIGINT only (amounts in whole euros, times in unix seconds).

-- An opportunity follows one held meeting (its irritant, institution and company are the meeting's).
-- `origin`: rated (both sides rated the meeting "follow-up wanted") or manual. `version` grows with every
-- write, so that a move made on a stale page is refused.
CREATE TABLE opportunities (
    id TEXT PRIMARY KEY,
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    meeting_id TEXT NOT NULL UNIQUE REFERENCES meetings (id) ON DELETE CASCADE,
    origin TEXT NOT NULL,
    status TEXT NOT NULL,
    estimated_cost BIGINT,
    requested BIGINT,
    granted BIGINT,
    co_funding BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX opportunities_by_edition ON opportunities (edition_id, status);

-- Every step: its creation (`action` = origin), each move (the move's code, who made it, the comment or
-- the reason for giving up) and each change of amounts (`amounts`, the new amounts as JSON in `details`).
CREATE TABLE opportunity_events (
    opportunity_id TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    mover TEXT,
    comment TEXT,
    details TEXT,
    actor_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    occurred_at BIGINT NOT NULL,
    PRIMARY KEY (opportunity_id, seq)
);
