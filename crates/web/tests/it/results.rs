//! Each edition's public results page, on both databases: a visitor reads the demo's 2021 funnel and
//! amounts as charts with their tables, in French typography and in English; the catalogue links to it;
//! an unknown or hostile slug is a plain 404 that echoes nothing.

use passerelle_i18n::{Lang, format};

use crate::support::*;

const PAGE: &str = "/editions/rencontres-2021/resultats";

web_test!(a_visitor_reads_the_2021_results_in_both_languages, |app| {
    let edition = app
        .storage
        .edition_by_slug("rencontres-2021")
        .await
        .unwrap()
        .unwrap();
    let f = app.storage.edition_results(edition.id).await.unwrap();
    let visitor = Browser::new(&app);
    let fr = visitor.get(PAGE).await;
    fr.assert_ok();
    assert!(
        fr.body
            .contains("Résultats — Rencontres Open Innovation 2021")
    );
    // Two charts, each an image with its title and description, each with its table.
    assert_eq!(fr.body.matches(r#"<svg role="img""#).count(), 2);
    assert_eq!(fr.body.matches("<table").count(), 2);
    assert!(
        fr.body
            .contains(r#"<title id="funnel-title">Entonnoir de l’édition</title>"#)
    );
    assert!(fr.body.contains(&format!(
        "<th scope=\"row\">Irritants publiés</th><td>{}</td>",
        f.irritants
    )));
    assert!(fr.body.contains(&format!(
        "<th scope=\"row\">Rencontres tenues</th><td>{}</td>",
        f.meetings_held
    )));
    // Amounts as French money: "36 000 €" with its non-breaking spaces.
    let granted = format::money(Lang::Fr, f.granted as u64);
    assert!(granted.contains('\u{a0}') || granted.contains('\u{202f}'));
    assert!(fr.body.contains(&format!(
        "<th scope=\"row\">Financement accordé</th><td>{granted}</td>"
    )));
    assert!(
        fr.body.contains("accordé\u{a0}: "),
        "a non-breaking space before the colon"
    );

    let english = Browser {
        accept_language: Some("en"),
        ..Browser::new(&app)
    };
    let en = english.get(PAGE).await;
    en.assert_ok();
    assert!(
        en.body
            .contains("Results — Rencontres Open Innovation 2021")
    );
    assert!(en.body.contains(&format!(
        "<th scope=\"row\">Funding granted</th><td>{}</td>",
        format::money(Lang::En, f.granted as u64)
    )));

    // The catalogue of the edition links to its results.
    let catalogue = visitor.get("/irritants?edition=rencontres-2021").await;
    assert!(
        catalogue
            .body
            .contains(r#"href="/editions/rencontres-2021/resultats""#)
    );
});

web_test!(an_unknown_or_hostile_edition_is_not_found, |app| {
    let visitor = Browser::new(&app);
    for slug in [
        "rencontres-1999",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "%27%20OR%201%3D1",
    ] {
        let page = visitor.get(&format!("/editions/{slug}/resultats")).await;
        assert_eq!(page.status, 404, "{slug}");
        assert!(!page.body.contains("<script>alert"), "{slug}");
    }
});
