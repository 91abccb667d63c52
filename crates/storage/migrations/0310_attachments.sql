-- Attachments (issue 14): files on an irritant (a diagram, a screenshot, the current tool's export) or on a
-- company profile (a product sheet). The bytes live in the database, so that every app server sharing one
-- PostgreSQL serves them, backups carry them, and deleting the irritant, the company or the attachment
-- deletes them in the same transaction. BYTEA is PostgreSQL's byte string; SQLite keeps the blob as given.
CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    -- Exactly one owner.
    irritant_id TEXT REFERENCES irritants (id) ON DELETE CASCADE,
    company_id TEXT REFERENCES organisations (id) ON DELETE CASCADE,
    -- The sanitised name, with the extension of the detected kind.
    file_name TEXT NOT NULL,
    -- The kind detected from the content: pdf, png, jpg, odt, ods, odp, docx, xlsx.
    kind TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    -- Who sent it (kept for the GDPR export; the file stays with its organisation when the account goes).
    uploaded_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at BIGINT NOT NULL,
    data BYTEA NOT NULL,
    CHECK ((irritant_id IS NULL) <> (company_id IS NULL))
);
CREATE INDEX attachments_irritant ON attachments (irritant_id);
CREATE INDEX attachments_company ON attachments (company_id);
CREATE INDEX attachments_uploader ON attachments (uploaded_by);
