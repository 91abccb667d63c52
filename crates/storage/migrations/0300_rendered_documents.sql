-- Printed documents (issue 14): a fiche's or an edition booklet's PDF, kept once rendered with the
-- fingerprint of what it prints (the fiches, the labels, the templates). A page serves the stored bytes
-- while the fingerprint still matches, and renders again (inline, or as a job for a large booklet) once a
-- fiche changed. Derived data: left out of backups, rebuilt on demand.
CREATE TABLE rendered_documents (
    -- 'fiche' (subject: the irritant) or 'booklet' (subject: the edition).
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    -- The reader's language: the labels around the content.
    lang TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    -- The PDF, base64 (the one column type both backends carry alike through sqlx's Any driver).
    data TEXT NOT NULL,
    size BIGINT NOT NULL,
    built_at BIGINT NOT NULL,
    PRIMARY KEY (kind, subject, lang)
);
