//! Sample view data shared by the tests and the benchmark: a fiche of the 2021 edition as the
//! application hands it over, and the labels in French and English.
#![allow(dead_code)] // each test binary uses part of it

use passerelle_export::pdf::{
    AgendaDocument, AgendaEntry, Booklet, BookletLabels, DayLabels, DoorEntry, DoorSheet,
    DoorSheets, Fiche, FicheLabels, Grid, GridCell, GridDay, GridRow,
};

pub fn fiche() -> Fiche {
    Fiche {
        number: Some("04".into()),
        title: "Expérimenter le Remote Process Automation".into(),
        institution: "Amue".into(),
        edition: "Rencontres Open Innovation 2021".into(),
        lang: "fr".into(),
        context: Some(
            "Les services de gestion des universités enchaînent chaque jour des tâches répétitives : \
             ressaisies entre applications, contrôles de cohérence, exports mensuels.\n\n\
             L'agence souhaite mesurer ce qu'un robot logiciel peut en prendre en charge."
                .into(),
        ),
        problem: Some(
            "Ces tâches mobilisent des agents qualifiés sur des gestes sans valeur ajoutée, et les \
             erreurs de ressaisie coûtent cher en corrections."
                .into(),
        ),
        expected_result: Some(
            "Un démonstrateur sur deux processus réels, avec le temps gagné mesuré.".into(),
        ),
        budget: Some("de 15\u{202F}000\u{A0}€ à 40\u{202F}000\u{A0}€".into()),
        timeline: Some("Démonstrateur en six mois".into()),
        domains: vec!["Automatisation".into(), "Intelligence artificielle".into()],
        contact: vec!["Claire Martin".into(), "claire.martin@amue.example".into()],
        url: "https://passerelle.example/irritants/rpa-2021".into(),
        short_url: "passerelle.example/irritants/rpa-2021".into(),
    }
}

pub fn labels_fr() -> FicheLabels {
    FicheLabels {
        lang: "fr".into(),
        fiche: "Fiche".into(),
        context: "Contexte".into(),
        problem: "Problème".into(),
        expected_result: "Résultat attendu".into(),
        budget: "Budget".into(),
        timeline: "Calendrier".into(),
        domains: "Domaines".into(),
        contact: "Contact".into(),
        edition: "Édition".into(),
        unspecified: "Non précisé".into(),
        qr_alt: "QR code\u{A0}: la fiche en ligne".into(),
    }
}

pub fn labels_en() -> FicheLabels {
    FicheLabels {
        lang: "en".into(),
        fiche: "Sheet".into(),
        context: "Context".into(),
        problem: "Problem".into(),
        expected_result: "Expected result".into(),
        budget: "Budget".into(),
        timeline: "Timeline".into(),
        domains: "Domains".into(),
        contact: "Contact".into(),
        edition: "Edition".into(),
        unspecified: "Not specified".into(),
        qr_alt: "QR code: this sheet online".into(),
    }
}

/// The 2021 booklet's shape: 19 fiches.
pub fn booklet() -> (Booklet, BookletLabels) {
    let fiches = (1..=19)
        .map(|n| Fiche {
            number: Some(format!("{n:02}")),
            title: format!("Irritant numéro {n}"),
            ..fiche()
        })
        .collect();
    (
        Booklet {
            title: "Rencontres Open Innovation 2021".into(),
            subtitle: "5 et 6 juillet 2021, Montpellier".into(),
            organiser: "Amue, BIC de Montpellier, Digital 113".into(),
            fiches,
        },
        BookletLabels {
            fiche: labels_fr(),
            kind: "Livret des irritants".into(),
            contents: "Sommaire".into(),
            count: "19 fiches".into(),
        },
    )
}

pub fn day_labels_fr() -> DayLabels {
    DayLabels {
        lang: "fr".into(),
        agenda: "Agenda".into(),
        door: "Feuille de porte".into(),
        grid: "Grille de la journée".into(),
        time: "Heure".into(),
        table: "Table".into(),
        counterpart: "Rencontre".into(),
        irritant: "Irritant".into(),
        institution: "Établissement".into(),
        company: "Entreprise".into(),
        contact: "Contact".into(),
        cancelled: "Annulée".into(),
        no_meetings: "Aucune rencontre.".into(),
        check_in: "Accueil\u{A0}: présentez ce code à votre arrivée".into(),
        qr_alt: "QR code\u{A0}: votre accueil en ligne".into(),
        contact_later: "communiqué quand les deux parties auront accepté".into(),
    }
}

/// Claire Martin's agenda: four meetings on one day, one cancelled, one without shared contacts yet.
pub fn agenda() -> AgendaDocument {
    let entry =
        |time: &str, table: &str, company: &str, contacts: &[&str], cancelled| AgendaEntry {
            time: time.into(),
            table: table.into(),
            counterpart: company.into(),
            irritant: "Expérimenter le Remote Process Automation".into(),
            contacts: contacts.iter().map(|c| c.to_string()).collect(),
            cancelled,
        };
    AgendaDocument {
        title: "Agenda de Claire Martin, Rencontres Open Innovation 2027".into(),
        edition: "Rencontres Open Innovation 2027".into(),
        person: "Claire Martin".into(),
        organisations: "Amue".into(),
        subtitle: "2 mars 2027, Montpellier".into(),
        days: vec![(
            "Mardi 2 mars 2027".into(),
            vec![
                entry(
                    "9 h 00 – 9 h 20",
                    "Table 4 (de plain-pied)",
                    "Robotique Douce (fictive)",
                    &["Paul Durand, paul@robotique.example"],
                    false,
                ),
                entry(
                    "9 h 25 – 9 h 45",
                    "Table 4",
                    "Nuage Vert (fictive)",
                    &[],
                    false,
                ),
                entry(
                    "10 h 15 – 10 h 35",
                    "Table 4",
                    "Chatons Numériques (fictive)",
                    &["Léa Roux, lea@chatons.example"],
                    true,
                ),
                entry(
                    "14 h 00 – 14 h 20",
                    "Salle Curie",
                    "L'Atelier des données (fictive)",
                    &["Inès Petit, ines@atelier.example"],
                    false,
                ),
            ],
        )],
        check_in_url: "https://passerelle.example/journee/accueil/0191aa".into(),
        check_in_short: "passerelle.example/journee/accueil/0191aa".into(),
    }
}

/// A grid of `tables` tables and `slots` slots, every cell taken: the company and institution named
/// after their place, so that a test can find each.
pub fn grid(tables: usize, slots: usize) -> Grid {
    Grid {
        title: "Grille de la journée".into(),
        edition: "Rencontres Open Innovation 2027".into(),
        subtitle: "2 mars 2027, Montpellier".into(),
        days: vec![GridDay {
            date: "Mardi 2 mars 2027".into(),
            tables: (1..=tables).map(|t| format!("Table {t}")).collect(),
            rows: (0..slots)
                .map(|s| GridRow {
                    time: format!("{} h {:02}", 9 + s * 25 / 60, s * 25 % 60),
                    cells: (1..=tables)
                        .map(|t| {
                            Some(GridCell {
                                company: format!("Société T{t}S{s}"),
                                institution: format!("Université T{t}S{s}"),
                                irritant: format!("Irritant de la table {t}"),
                            })
                        })
                        .collect(),
                })
                .collect(),
        }],
    }
}

pub fn doors() -> DoorSheets {
    let entry = |time: &str, institution: &str, company: &str, cancelled| DoorEntry {
        time: time.into(),
        institution: institution.into(),
        irritant: "Un chatbot pour les inscriptions".into(),
        company: company.into(),
        cancelled,
    };
    DoorSheets {
        title: "Feuilles de porte".into(),
        edition: "Rencontres Open Innovation 2027".into(),
        subtitle: "2 mars 2027, Montpellier".into(),
        sheets: vec![
            DoorSheet {
                table: "Table 1".into(),
                note: Some("Accès de plain-pied".into()),
                days: vec![(
                    "Mardi 2 mars 2027".into(),
                    vec![
                        entry(
                            "9 h 00",
                            "Université de Lille",
                            "Robotique Douce (fictive)",
                            false,
                        ),
                        entry(
                            "9 h 25",
                            "Université de Lille",
                            "Nuage Vert (fictive)",
                            true,
                        ),
                    ],
                )],
            },
            DoorSheet {
                table: "Salle Curie".into(),
                note: None,
                days: vec![(
                    "Mardi 2 mars 2027".into(),
                    vec![entry(
                        "9 h 00",
                        "Amue",
                        "Chatons Numériques (fictive)",
                        false,
                    )],
                )],
            },
        ],
    }
}
