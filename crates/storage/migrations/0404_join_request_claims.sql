-- Single sign-on (issue 15): a request to join keeps what the identity provider asserted, of any kind: ProConnect's
-- SIRET, or RENATER's UAI (supannEtablissement) or home domain (schacHomeOrganization). The requests so far were
-- all from ProConnect's SIRET.
ALTER TABLE organisation_join_requests RENAME COLUMN siret TO claim_value;
ALTER TABLE organisation_join_requests ADD COLUMN claim_kind TEXT NOT NULL DEFAULT 'siret';
