//! Search (issue 11, item 1) on the demo's 2021 fiches: French words as people type them (plurals,
//! accents missing, a typo, a synonym of the vocabulary), highlighted, with facets; drafts are found by
//! nobody; a publication on one server is found by the next search on the other.

use crate::support::*;

/// The fiches' links found by a search page, in order.
fn found(page: &str) -> Vec<String> {
    page.split("<h2><a href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The demo fiche whose title contains `words`.
async fn fiche(app: &TestApp, words: &str) -> String {
    let visitor = Browser::new(app);
    let catalogue = visitor.get("/irritants").await;
    let at = catalogue
        .body
        .find(words)
        .unwrap_or_else(|| panic!("a demo fiche about {words}"));
    let start = catalogue.body[..at].rfind("/irritants/").expect("its link");
    let end = start + catalogue.body[start..].find('"').expect("link end");
    catalogue.body[start..end].to_string()
}

web_test!(
    french_words_as_people_type_them_find_the_demo_fiches,
    |app| {
        let visitor = Browser::new(&app);
        let rooms = fiche(&app, "réservation de salles").await;
        let applications = fiche(&app, "Fédérer les candidatures").await;
        let registration = fiche(&app, "inscription des étudiants, avec un chatbot").await;
        let information = fiche(&app, "informations grâce à un chatbot").await;
        let rpa = fiche(&app, "Remote Process Automation").await;
        for (query, expected, what) in [
            (
                "reservation salles",
                vec![&rooms],
                "accents missing, plural",
            ),
            ("candidature", vec![&applications], "singular of a plural"),
            ("inscirption chatbot", vec![&registration], "a typo"),
            (
                "assistant virtuel",
                vec![&registration, &information],
                "a synonym of the vocabulary",
            ),
            (
                "robots logiciels",
                vec![&rpa],
                "a synonym of the vocabulary",
            ),
        ] {
            let page = visitor
                .get(&format!("/recherche?q={}", query.replace(' ', "+")))
                .await;
            page.assert_ok();
            let links = found(&page.body);
            for fiche in &expected {
                assert!(
                    links.contains(fiche),
                    "« {query} » ({what}) finds {fiche}: {links:?}"
                );
            }
            assert!(
                links.iter().position(|l| l == expected[0]) < Some(3),
                "« {query} » ranks {} among the first: {links:?}",
                expected[0]
            );
        }
        // Matches are marked, the facets counted, in both languages.
        let page = visitor.get("/recherche?q=salles").await;
        assert!(page.body.contains("<mark>salles</mark>"), "{}", page.body);
        assert!(page.body.contains("Affiner"));
        assert!(page.body.contains("Domaine"));
        let english = Browser {
            accept_language: Some("en"),
            ..Browser::new(&app)
        };
        let page = english.get("/recherche?q=salles").await;
        page.assert_ok();
        assert!(page.body.contains("Narrow down"));
        assert!(page.body.contains("<mark>salles</mark>"));
        // A facet narrows the search: the domain of the rooms fiche keeps it.
        let page = visitor.get("/recherche?q=salle").await;
        let narrowed = page
            .body
            .split("href=\"")
            .filter_map(|rest| rest.split('"').next())
            .find(|href| href.starts_with("/recherche?") && href.contains("domaine="))
            .expect("a domain facet")
            .replace("&#38;", "&");
        let page = visitor.get(&narrowed).await;
        page.assert_ok();
        assert!(page.body.contains("aria-current=\"true\""), "{narrowed}");
    }
);

web_test!(
    nobody_finds_a_draft_and_a_publication_on_one_server_is_found_on_the_other,
    |app| {
        let world = world(&app).await;
        let second = app.second_server().await;
        let on_second = |browser: Browser| Browser {
            base: second.clone(),
            ..browser
        };
        let visitor = on_second(Browser::new(&app));
        let organiser = on_second(Browser::as_(&app, Who::Organiser).await);
        let author = on_second(Browser::as_(&app, Who::OwnInstitution).await);
        irritant(
            &app.storage,
            &world,
            world.own,
            "draft",
            "Zorglub en brouillon",
        )
        .await;
        irritant(
            &app.storage,
            &world,
            world.own,
            "submitted",
            "Zorglub soumis",
        )
        .await;
        for browser in [&visitor, &organiser, &author] {
            let page = browser.get("/recherche?q=zorglub").await;
            page.assert_ok();
            assert!(found(&page.body).is_empty(), "{}", page.body);
        }
        // Published through the first server's storage: the second server's next search finds it.
        let published = irritant(
            &app.storage,
            &world,
            world.own,
            "published",
            "Zorglub publié",
        )
        .await;
        let page = visitor.get("/recherche?q=zorglub").await;
        assert_eq!(found(&page.body), [format!("/irritants/{published}")]);
    }
);

web_test!(a_query_too_long_is_refused_in_french_and_english, |app| {
    let long = "a".repeat(201);
    let page = Browser::new(&app)
        .get(&format!("/recherche?q={long}"))
        .await;
    assert_eq!(page.status, 400);
    assert!(page.body.contains("La recherche est trop longue"));
    assert!(page.body.contains("href=\"#f-q\""));
    let english = Browser {
        accept_language: Some("en"),
        ..Browser::new(&app)
    };
    let page = english.get(&format!("/recherche?q={long}")).await;
    assert_eq!(page.status, 400);
    assert!(page.body.contains("The search is too long"));
});
