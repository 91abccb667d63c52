-- Funding schemes and dossiers (issue 10). Same rules as 0001: TEXT and BIGINT only (amounts in whole
-- euros, times in unix seconds, dates as ISO text).

-- A scheme of the catalogue, run by an organisation of kind funder. Its terms (funding.rs): the projects'
-- cost it takes (either end open), who files (`applicants`), the largest share of the cost it pays
-- (percent; NULL: up to the whole cost), when it takes dossiers. `version` grows with every write, so that
-- an edit made on a stale page is refused.
CREATE TABLE funding_schemes (
    id TEXT PRIMARY KEY,
    funder_id TEXT NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    budget_min BIGINT,
    budget_max BIGINT,
    applicants TEXT NOT NULL,
    max_share BIGINT,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    link TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX funding_schemes_by_funder ON funding_schemes (funder_id);

-- Its themes, as domains of the vocabulary (none: every theme).
CREATE TABLE funding_scheme_themes (
    scheme_id TEXT NOT NULL REFERENCES funding_schemes (id) ON DELETE CASCADE,
    domain_slug TEXT NOT NULL REFERENCES domains (slug),
    PRIMARY KEY (scheme_id, domain_slug)
);

-- An opportunity routed to a scheme: the sides' plan, the dossier as filed (its JSON, what the funder
-- reads), then the funder's decision (the last one; each is also in the opportunity's history).
CREATE TABLE dossiers (
    id TEXT PRIMARY KEY,
    opportunity_id TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    scheme_id TEXT NOT NULL REFERENCES funding_schemes (id),
    plan TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    routed_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    routed_at BIGINT NOT NULL,
    decision TEXT,
    decision_amount BIGINT,
    decision_comment TEXT,
    decided_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    decided_at BIGINT,
    UNIQUE (opportunity_id, scheme_id)
);

CREATE INDEX dossiers_by_scheme ON dossiers (scheme_id);
