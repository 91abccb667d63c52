//! Public pages kept rendered (issue 7): two servers on one database, as behind a load balancer; a
//! write made through either is on the very next visit to the other, every public page, both
//! languages, even for a crowd of visitors arriving at once.

use crate::support::*;

/// The home page's sentence with the number of published irritants.
fn published_sentence(home: &str) -> String {
    let edition = home
        .find(r#"id="edition-title""#)
        .expect("the home page shows the current edition");
    let end = edition
        + home[edition..]
            .find(r#"<a href="/irritants">"#)
            .expect("and links to its catalogue");
    let start = home[..end].rfind("<p>").expect("in a paragraph");
    home[start..end].to_string()
}

fn cards(catalogue: &str) -> usize {
    catalogue.matches("<h2><a href=\"/irritants/").count()
}

web_test!(
    a_write_on_one_server_is_on_the_next_page_of_the_other,
    |app| {
        let world = world(&app).await;
        let second = app.second_server().await;
        let on = |base: &str, lang: Option<&'static str>| Browser {
            base: base.to_string(),
            accept_language: lang,
            ..Browser::new(&app)
        };
        let (visitor, english) = (on(&second, None), on(&second, Some("en")));
        let title = "Un irritant publié sur l’autre serveur";
        let submitted = irritant(&app.storage, &world, world.own, "submitted", title).await;
        let domain = app.storage.list_domains().await.unwrap()[0].slug.clone();
        let filtered = format!("/irritants?domaine={}", domain.as_str());
        let fiche = format!("/irritants/{submitted}");
        // The second server keeps its pages (each asked twice) before the change.
        let mut home_before = String::new();
        let mut count_before = 0;
        for _ in 0..2 {
            for browser in [&visitor, &english] {
                for path in ["/", "/irritants", filtered.as_str()] {
                    let page = browser.get(path).await;
                    page.assert_ok();
                    assert!(!page.body.contains(title));
                }
                assert_ne!(browser.get(&fiche).await.status, 200, "not public yet");
            }
            home_before = published_sentence(&visitor.get("/").await.body);
            count_before = cards(&visitor.get("/irritants").await.body);
        }
        // Published by the organiser on the first server.
        let organiser = Browser::as_(&app, Who::Organiser).await;
        organiser
            .post(&format!("/irritants/{submitted}/publier"), &[])
            .await
            .assert_redirect();
        // The second server's very next answers show it, in both languages.
        for browser in [&visitor, &english] {
            let catalogue = browser.get("/irritants").await;
            assert!(
                catalogue.body.contains(title),
                "the catalogue after publishing"
            );
            assert_eq!(cards(&catalogue.body), count_before + 1);
            assert!(browser.get(&filtered).await.body.contains(title));
            let page = browser.get(&fiche).await;
            page.assert_ok();
            assert!(page.body.contains(title));
        }
        let home_after = published_sentence(&visitor.get("/").await.body);
        assert_ne!(home_after, home_before, "the home page counts it");
        assert!(home_after.contains(&(count_before + 1).to_string()));
        // A crowd arriving at once right after the next change (one of them builds the page, the
        // others wait for it): every one of them sees the change.
        let (renamed_fr, renamed_en) = (
            "Domaine renommé sur le premier serveur",
            "Domain renamed on the first server",
        );
        let entry =
            passerelle_domain::DomainEntry::parse(domain.as_str(), renamed_fr, renamed_en).unwrap();
        app.storage.upsert_domain(&entry).await.unwrap();
        let crowd = (0..40).map(|i| {
            let lang = [None, Some("en")][i % 2];
            let browser = on(&second, lang);
            let path = [fiche.clone(), "/irritants".to_string(), filtered.clone()][i % 3].clone();
            tokio::spawn(async move { (lang, browser.get(&path).await) })
        });
        for page in crowd {
            let (lang, page) = page.await.unwrap();
            page.assert_ok();
            let renamed = if lang.is_some() {
                renamed_en
            } else {
                renamed_fr
            };
            assert!(
                page.body.contains(renamed),
                "a visitor of the crowd got the old page"
            );
        }
        // And the first server's own pages too.
        let first = Browser::new(&app);
        assert!(first.get(&fiche).await.body.contains(renamed_fr));
    }
);
