//! Sample view data shared by the tests and the benchmark: a fiche of the 2021 edition as the
//! application hands it over, and the labels in French and English.
#![allow(dead_code)] // each test binary uses part of it

use passerelle_export::pdf::{Booklet, BookletLabels, Fiche, FicheLabels};

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
