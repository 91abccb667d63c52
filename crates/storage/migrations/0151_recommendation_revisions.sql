-- Recommendations go stale in the transaction that changes what they come from (issue 8): each change to
-- an edition's fiches, participations, wishes or its companies' profiles adds one to the edition's
-- revision, each change to the thesaurus to the global one (scope '*'). The stored recommendations keep
-- the revisions they were computed from, so a change is never lost, even within the same second.
CREATE TABLE recommendation_revisions (
    scope TEXT PRIMARY KEY,
    revision BIGINT NOT NULL
);

-- The fingerprint no longer reads the latest wish of the edition.
DROP INDEX wishes_edition_updated;
