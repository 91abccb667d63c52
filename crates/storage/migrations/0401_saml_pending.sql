-- Single sign-on (issue 15): RENATER sign-ins in progress, kept on the server. The identity provider posts
-- the assertion across sites, where the browser withholds the (SameSite=Lax) session cookie: the ACS finds
-- the request here by its RelayState, verifies the assertion against it, and parks the verified identity
-- until the browser, back on the site with its session, claims it.
CREATE TABLE saml_pending (
    relay_state TEXT PRIMARY KEY,
    request_id TEXT NOT NULL,
    idp TEXT NOT NULL,
    -- The verified identity (JSON), once the ACS accepted the assertion.
    identity TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX saml_pending_expiry ON saml_pending (expires_at);
