-- Wishes both ways, explained recommendations, and the thesaurus as data (issue 8, items 4 and 5).

-- The freshness of an edition's recommendations reads the latest wish of the edition.
CREATE INDEX wishes_edition_updated ON wishes (edition_id, updated_at);

-- Recommendations are derived data: the matching engine's scores over the stored fiches, profiles, wishes
-- and thesaurus, with their explanations, kept for the best pairs of each irritant and of each company.
-- One row per edition says from which state of the data they were computed (its fingerprint).
CREATE TABLE recommendation_sets (
    edition_id TEXT PRIMARY KEY REFERENCES editions (id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    irritants BIGINT NOT NULL,
    companies BIGINT NOT NULL,
    computed_at BIGINT NOT NULL
);

CREATE TABLE recommendations (
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    irritant_id TEXT NOT NULL REFERENCES irritants (id) ON DELETE CASCADE,
    company_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    score_micros BIGINT NOT NULL,
    -- The company's rank among the irritant's recommendations (1 = best), when kept for the irritant.
    irritant_rank BIGINT,
    -- The irritant's rank among the company's recommendations, when kept for the company.
    company_rank BIGINT,
    -- The engine's explanation (factors, shared terms, shared concepts), as JSON.
    explanation TEXT NOT NULL,
    PRIMARY KEY (irritant_id, company_id)
);
CREATE INDEX recommendations_irritant ON recommendations (irritant_id, irritant_rank);
CREATE INDEX recommendations_company ON recommendations (company_id, edition_id, company_rank);
CREATE INDEX recommendations_edition ON recommendations (edition_id);

-- The thesaurus: concepts with French and English labels, synonyms (one per line) and related concepts,
-- grouped under the domains of the vocabulary (its top level; a concept whose domain was removed stays,
-- unclassified).
CREATE TABLE thesaurus_concepts (
    concept_key TEXT PRIMARY KEY,
    domain_slug TEXT REFERENCES domains (slug) ON DELETE SET NULL,
    label_fr TEXT NOT NULL,
    label_en TEXT NOT NULL,
    synonyms TEXT NOT NULL,
    position BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX thesaurus_concepts_domain ON thesaurus_concepts (domain_slug, position);

-- Related concepts, stored once per pair (the smaller key first): the relation is symmetric.
CREATE TABLE thesaurus_related (
    concept_a TEXT NOT NULL REFERENCES thesaurus_concepts (concept_key) ON DELETE CASCADE,
    concept_b TEXT NOT NULL REFERENCES thesaurus_concepts (concept_key) ON DELETE CASCADE,
    PRIMARY KEY (concept_a, concept_b)
);
CREATE INDEX thesaurus_related_b ON thesaurus_related (concept_b);
