# The thesaurus as data, under the domains of the vocabulary (issue 8, item 5)
thesaurus-intro = The thesaurus is the vocabulary of matching: each concept, filed under a domain, has a French and an English label, synonyms and neighbouring concepts. The engine recognises it in fiches and profiles to recommend companies and propose meetings.
thesaurus-heading = Concepts, by domain
thesaurus-no-concept = No concept in this domain.
thesaurus-synonyms = { $count ->
    [0] no synonym
    [one] one synonym
   *[other] { $count } synonyms
}
thesaurus-related = { $count ->
    [0] no related concept
    [one] one related concept
   *[other] { $count } related concepts
}
domains-table-heading = Domains
concept-new-title = Add a concept
concept-edit-title = Concept “{ $label }”
concept-back = Back to the vocabulary
concept-intro = Synonyms are the other ways of writing it, in either language; plurals and accents are recognised by themselves. Avoid everyday words (“room”, “data”): they would bring every text together.
concept-unclassified = Concepts without a domain
concept-known = Existing concepts (keys)
concept-delete = Remove this concept
concept-saved = The concept is saved; the recommendations will be recomputed.
concept-removed = The concept is removed.
field-concept-key = Key
hint-concept-key = Lower-case letters without accents, digits and hyphens (for example “room-booking”); it cannot change afterwards.
field-concept-domain = Domain
field-concept-synonyms = Synonyms
hint-concept-synonyms = One per line, 60 at most.
field-concept-related = Related concepts
hint-concept-related = Their keys, separated by commas, 30 at most; the relation holds both ways.
concept-key-taken = A concept already has this key.
concept-label-empty = This label is made only of stop words (“the”, “of”…) or punctuation: it would never be recognised.
concept-synonym-empty = The synonym “{ $synonym }” is made only of stop words: it would never be recognised.
concept-related-unknown = No concept has the key “{ $key }”.
