-- Single sign-on (issue 15): identities from ProConnect and the RENATER federation linked to accounts,
-- and the SAML assertions already used (replay protection).

-- One row per (federation, issuer, subject): ProConnect's `sub` is per identity provider, RENATER's key is
-- the eduPersonPrincipalName asserted by the institution's identity provider (`issuer`, its entity ID).
CREATE TABLE federated_identities (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    federation TEXT NOT NULL,
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    -- What the person recognises the identity by: the address it asserted, and the institution or provider.
    email TEXT NOT NULL,
    label TEXT NOT NULL,
    linked_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL,
    UNIQUE (federation, issuer, subject)
);
CREATE INDEX federated_identities_user ON federated_identities (user_id);

-- Assertion IDs seen from each identity provider, until the assertion's own expiry (then purged).
CREATE TABLE saml_assertions_seen (
    issuer TEXT NOT NULL,
    assertion_id TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (issuer, assertion_id)
);
