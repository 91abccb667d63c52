//! Public pages: home, catalogue and fiche, language switch, page weight, security headers, CSRF.

use passerelle_domain::Role;
use reqwest::StatusCode;

use crate::both_databases;
use crate::support::*;

both_databases!(catalogue_lists_the_19_irritants_of_2021_in_french, true, |app: TestApp| async move {
    let client = Client::new(&app);
    let page = client.get("/irritants").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"fr\">"));
    assert!(page.body.contains("19 irritants."), "{}", page.body);
    let csv = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../storage/demo/rencontres-open-innovation-2021.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for record in reader.records() {
        let title = record.unwrap()[2].to_string();
        let escaped = title.replace('&', "&amp;").replace('\'', "&#39;").replace('"', "&#34;");
        assert!(page.body.contains(&escaped) || page.body.contains(&title), "missing {title}");
    }
});

both_databases!(catalogue_filters_by_domain_and_institution_without_javascript, true, |app: TestApp| async move {
    let client = Client::new(&app);
    let all = client.get("/irritants").await;
    // Take the first institution offered by the filter form.
    let marker = "name=\"etablissement\">";
    let start = all.body.find(marker).unwrap();
    let option = &all.body[start..];
    let v = option.find("<option value=\"").unwrap();
    let v = &option[v + 15..];
    let v = &v[v.find("<option value=\"").unwrap() + 15..];
    let id = &v[..v.find('"').unwrap()];
    let filtered = client.get(&format!("/irritants?etablissement={id}")).await;
    assert_eq!(filtered.status, StatusCode::OK);
    let count = |b: &str| b.matches("<h2><a href=\"/irritants/").count();
    assert!(count(&filtered.body) >= 1 && count(&filtered.body) < 19, "filter by institution");
    assert!(filtered.body.contains(&format!("<option value=\"{id}\" selected>")));
    let slug = app.storage.list_domains().await.unwrap()[0].slug.as_str().to_string();
    let by_domain = client.get(&format!("/irritants?domaine={slug}")).await;
    assert!(count(&by_domain.body) < 19);
    // Nonsense filters show nothing wrong, just no filter or no result.
    let junk = client.get("/irritants?domaine=%3Cscript%3E&etablissement=x").await;
    assert_eq!(junk.status, StatusCode::OK);
});

both_databases!(home_and_catalogue_are_light_and_self_contained, true, |app: TestApp| async move {
    let client = Client::new(&app);
    let css = client.get("/static/style.css").await;
    for path in ["/", "/irritants"] {
        let page = client.get(path).await;
        let weight = page.body.len() + css.body.len();
        println!("weight of {path} with CSS: {weight} bytes");
        assert!(weight < 100 * 1024, "{path} weighs {weight} bytes");
        // No request outside the server: every src/href is local.
        for attr in ["src=\"http", "href=\"http", "href=\"//", "src=\"//", "<script"] {
            assert!(!page.body.contains(attr), "{path} contains {attr}");
        }
        let csp = page.headers.get("content-security-policy").unwrap().to_str().unwrap();
        assert!(csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"));
        assert_eq!(page.headers.get("x-frame-options").unwrap(), "DENY");
        assert_eq!(page.headers.get("x-content-type-options").unwrap(), "nosniff");
        assert!(page.body.contains("class=\"skip\" href=\"#contenu\""), "skip link");
        assert!(page.body.contains("<main id=\"contenu\""));
    }
});

both_databases!(language_follows_accept_language_then_the_switch_cookie, true, |app: TestApp| async move {
    let english = Client::with_language(&app, "en-GB,en;q=0.9");
    let page = english.get("/irritants").await;
    assert!(page.body.contains("<html lang=\"en\">") && page.body.contains("The irritants"));
    // The switch is a plain link that sets a cookie and comes back.
    let switch = english.get("/langue?lang=fr&next=/irritants").await;
    assert_eq!(switch.status, StatusCode::SEE_OTHER);
    assert_eq!(switch.location.as_deref(), Some("/irritants"));
    let page = english.get("/irritants").await;
    assert!(page.body.contains("<html lang=\"fr\">") && page.body.contains("Les irritants"));
    assert!(page.body.contains("href=\"/langue?lang=en&amp;next=/irritants\""), "switch back offered");
    // The switch never sends anyone to another site.
    let away = english.get("/langue?lang=en&next=//evil.example").await;
    assert_eq!(away.location.as_deref(), Some("/"));
    // Default: French.
    let none = Client::with_language(&app, "de").get("/").await;
    assert!(none.body.contains("<html lang=\"fr\">"));
});

both_databases!(fiche_is_printable_and_shows_the_demo_mark, true, |app: TestApp| async move {
    let id = first_fiche(&app).await;
    let page = Client::new(&app).get(&format!("/irritants/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<dl class=\"fiche\">"));
    assert!(page.body.contains("rédigée pour la démonstration"));
    let css = Client::new(&app).get("/static/style.css").await;
    assert!(css.body.contains("@media print"));
    assert_eq!(Client::new(&app).get("/irritants/not-an-id").await.status, StatusCode::NOT_FOUND);
    assert_eq!(Client::new(&app).get("/irritants/6f1c1b7e-8d0e-4a43-9d53-1a2b3c4d5e6f").await.status, StatusCode::NOT_FOUND);
});

both_databases!(forms_without_the_csrf_token_are_refused, true, |app: TestApp| async move {
    let client = signed_in(&app, Role::InstitutionMember).await;
    let before = app.storage.list_irritants(&Default::default()).await.unwrap().len();
    let fields = [("title", "Un irritant sans jeton"), ("problem", "x")];
    let no_token = client.post_raw("/irritants/nouveau", &fields).await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    assert!(no_token.body.contains("Formulaire expiré"));
    let mut wrong: Vec<(&str, &str)> = vec![("csrf", "not-the-token")];
    wrong.extend_from_slice(&fields);
    assert_eq!(client.post_raw("/irritants/nouveau", &wrong).await.status, StatusCode::FORBIDDEN);
    // Another visitor's token does not work either.
    let other = Client::new(&app);
    let foreign = other.csrf("/connexion").await;
    let mut stolen: Vec<(&str, &str)> = vec![("csrf", &foreign)];
    stolen.extend_from_slice(&fields);
    assert_eq!(client.post_raw("/irritants/nouveau", &stolen).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.storage.list_irritants(&Default::default()).await.unwrap().len(), before, "nothing written");
    // Sign-in itself needs the token.
    let (email, password) = demo(Role::Organiser);
    let page = Client::new(&app).post_raw("/connexion", &[("email", &email), ("password", &password)]).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
});
