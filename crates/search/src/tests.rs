//! Search quality on fiches written like the demo's: plurals, missing accents, a typo and a synonym.

use super::*;
use passerelle_matching::thesaurus::builtin_concepts;

fn doc(id: &str, title: &str, body: &str, domain: &str) -> Document {
    Document {
        kind: Kind::Irritant,
        id: id.into(),
        title: title.into(),
        body: body.into(),
        facets: vec![
            (Dimension::Domain, domain.into()),
            (Dimension::Edition, "2021".into()),
        ],
    }
}

fn index() -> Index {
    let docs = vec![
        doc(
            "chatbot",
            "Chatbot pour l'inscription des étudiants",
            "Répondre aux questions des étudiants pendant les inscriptions, jour et nuit, avec un chatbot.",
            "relation-usagers",
        ),
        doc(
            "salles",
            "Réservation de salles",
            "Les enseignants réservent les salles de cours et les amphithéâtres sur un tableur partagé.",
            "reservation-ressources",
        ),
        doc(
            "alumni",
            "Réseau des anciens diplômés",
            "Garder le contact avec les diplômés et leurs employeurs.",
            "relation-usagers",
        ),
    ];
    Index::build(&docs, builtin_concepts()).unwrap()
}

fn ids(index: &Index, text: &str) -> Vec<String> {
    index
        .search(&Search {
            text: text.into(),
            kinds: vec![Kind::Irritant],
            limit: 10,
            ..Search::default()
        })
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn plurals_and_missing_accents_find_the_fiche() {
    let index = index();
    assert_eq!(ids(&index, "salle"), ["salles"]);
    assert_eq!(ids(&index, "reservations"), ["salles"]);
    assert_eq!(ids(&index, "diplomes"), ["alumni"]);
}

#[test]
fn a_typo_still_finds_the_fiche() {
    let index = index();
    assert_eq!(ids(&index, "reservasion"), ["salles"]);
    assert_eq!(ids(&index, "inscirption"), ["chatbot"]);
}

#[test]
fn a_thesaurus_synonym_finds_the_chatbot_fiche() {
    let index = index();
    assert_eq!(ids(&index, "agent conversationnel"), ["chatbot"]);
}

#[test]
fn matches_are_highlighted_and_facets_counted() {
    let index = index();
    let results = index
        .search(&Search {
            text: "étudiants".into(),
            kinds: vec![Kind::Irritant],
            limit: 10,
            ..Search::default()
        })
        .unwrap();
    assert_eq!(results.total, 1);
    let hit = &results.hits[0];
    assert!(hit.title.iter().any(|p| p.matched && p.text == "étudiants"));
    assert!(
        hit.snippet
            .iter()
            .any(|p| p.matched && p.text == "étudiants")
    );
    let domains = results
        .facets
        .iter()
        .find(|(d, _)| *d == Dimension::Domain)
        .unwrap();
    assert_eq!(domains.1, [("relation-usagers".to_string(), 1)]);
}

#[test]
fn a_filter_keeps_its_facet_value_only() {
    let index = index();
    let results = index
        .search(&Search {
            text: String::new(),
            filters: vec![(Dimension::Domain, "relation-usagers".into())],
            kinds: vec![Kind::Irritant],
            limit: 10,
        })
        .unwrap();
    let mut found: Vec<_> = results.hits.into_iter().map(|h| h.id).collect();
    found.sort();
    assert_eq!(found, ["alumni", "chatbot"]);
}

#[test]
fn nothing_searchable_finds_nothing() {
    let index = index();
    assert!(ids(&index, "").is_empty());
    assert!(ids(&index, "le la les ' \" *").is_empty());
}

#[test]
fn a_kind_the_reader_may_not_read_is_never_found() {
    let index = index();
    let results = index
        .search(&Search {
            text: "salles".into(),
            kinds: vec![Kind::Company, Kind::FundingScheme],
            limit: 10,
            ..Search::default()
        })
        .unwrap();
    assert_eq!(results.total, 0);
    assert!(results.facets.is_empty());
}
