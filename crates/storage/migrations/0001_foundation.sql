-- Passerelle's foundation schema. The same file runs on SQLite and PostgreSQL: only TEXT and BIGINT columns
-- (ids are UUID text made in Rust, times are unix seconds, dates ISO text, booleans 0/1).

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    -- Lower-cased name: two organisations of a kind may not differ only by case.
    name_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (kind, name_key)
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    -- Normalised to lower case by the domain, so this uniqueness is case-insensitive.
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    locale TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE memberships (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, organisation_id, role)
);
CREATE INDEX memberships_organisation ON memberships (organisation_id);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE editions (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    venue TEXT NOT NULL,
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    phase TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE edition_phases (
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    phase TEXT NOT NULL,
    starts_on TEXT,
    ends_on TEXT,
    PRIMARY KEY (edition_id, phase)
);

CREATE TABLE edition_phase_changes (
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    from_phase TEXT NOT NULL,
    to_phase TEXT NOT NULL,
    actor_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    occurred_at BIGINT NOT NULL,
    PRIMARY KEY (edition_id, seq)
);

CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    -- SHA-256 of the token sent by e-mail: a leaked database does not hold usable links.
    token_hash TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    edition_id TEXT REFERENCES editions (id) ON DELETE CASCADE,
    invited_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    used_by TEXT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX invitations_organisation ON invitations (organisation_id);

CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX password_resets_user ON password_resets (user_id);

CREATE TABLE domains (
    slug TEXT PRIMARY KEY,
    label_fr TEXT NOT NULL,
    label_en TEXT NOT NULL,
    position BIGINT NOT NULL
);

CREATE TABLE irritants (
    id TEXT PRIMARY KEY,
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    institution_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    -- The number of the fiche in its edition ("01"…), when it has one.
    reference TEXT,
    status TEXT NOT NULL,
    title TEXT NOT NULL,
    context TEXT,
    problem TEXT,
    expected_result TEXT,
    budget_min BIGINT,
    budget_max BIGINT,
    timeline TEXT,
    contact_name TEXT,
    contact_email TEXT,
    -- 1 when the description was written for the demonstration, not by the institution.
    written_for_demo BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX irritants_edition_status ON irritants (edition_id, status);
CREATE INDEX irritants_institution ON irritants (institution_id);

CREATE TABLE irritant_domains (
    irritant_id TEXT NOT NULL REFERENCES irritants (id) ON DELETE CASCADE,
    domain_slug TEXT NOT NULL REFERENCES domains (slug),
    PRIMARY KEY (irritant_id, domain_slug)
);
CREATE INDEX irritant_domains_domain ON irritant_domains (domain_slug);

CREATE TABLE irritant_events (
    irritant_id TEXT NOT NULL REFERENCES irritants (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    actor_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    comment TEXT,
    occurred_at BIGINT NOT NULL,
    PRIMARY KEY (irritant_id, seq)
);

CREATE TABLE company_profiles (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    description TEXT,
    references_text TEXT,
    size TEXT,
    region TEXT,
    website TEXT,
    updated_at BIGINT NOT NULL
);

CREATE TABLE company_specialties (
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    domain_slug TEXT NOT NULL REFERENCES domains (slug),
    PRIMARY KEY (organisation_id, domain_slug)
);
CREATE INDEX company_specialties_domain ON company_specialties (domain_slug);

CREATE TABLE participations (
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    company_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    -- The incubator or cluster that brought the company (its business manager's pipeline).
    invited_by_org TEXT REFERENCES organisations (id) ON DELETE SET NULL,
    invited_by_user TEXT REFERENCES users (id) ON DELETE SET NULL,
    validated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (edition_id, company_id)
);
CREATE INDEX participations_inviter ON participations (invited_by_org);
