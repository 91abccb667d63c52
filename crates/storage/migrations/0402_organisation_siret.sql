-- Single sign-on (issue 15): an organisation's SIRET (14 digits, checked by the domain), set by its members
-- or the organisers. ProConnect's `siret` claim is matched against it to propose the organisation to the
-- person signing in. Not unique: the same establishment may have been entered twice, and a sign-in then
-- proposes nothing rather than guess.
ALTER TABLE organisations ADD COLUMN siret TEXT;
CREATE INDEX organisations_siret ON organisations (siret);

-- A person asking to join an organisation that ProConnect's `siret` claim points to. The claim alone never
-- makes anyone a member: the organisation's members (a company's) or the organisers accept or refuse.
CREATE TABLE organisation_join_requests (
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The SIRET the identity provider asserted, shown to those who decide.
    siret TEXT NOT NULL,
    requested_at BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX organisation_join_requests_user ON organisation_join_requests (user_id);
