-- Shared experience (issue 10): what an institution learnt from a delivered proof of concept, and the other
-- institutions that said they are interested. Same rules as 0001: TEXT and BIGINT only (the cost in whole
-- euros, times in unix seconds, `public` as 0 or 1).

-- One report per opportunity, written by its institution; `public` puts it on the public pages as well.
-- `contact` is what the author chooses to give (a team, an address), not an account.
CREATE TABLE experience_reports (
    id TEXT PRIMARY KEY,
    opportunity_id TEXT NOT NULL UNIQUE REFERENCES opportunities (id) ON DELETE CASCADE,
    problem TEXT NOT NULL,
    solution TEXT NOT NULL,
    cost BIGINT,
    duration TEXT NOT NULL,
    results TEXT NOT NULL,
    reuse TEXT NOT NULL,
    licence TEXT NOT NULL,
    contact TEXT NOT NULL,
    public BIGINT NOT NULL,
    written_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    written_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Another institution said "we are interested" (once per institution); both were put in touch by mail.
CREATE TABLE experience_interests (
    report_id TEXT NOT NULL REFERENCES experience_reports (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    occurred_at BIGINT NOT NULL,
    PRIMARY KEY (report_id, organisation_id)
);
