//! The public pages (light, self-contained, with security headers) and the irritant workflow as
//! people use it.

use crate::support::*;

web_test!(
    the_catalogue_lists_the_published_irritants_with_filters,
    |app| {
        let visitor = Browser::new(&app);
        let page = visitor.get("/irritants").await;
        page.assert_ok();
        assert!(page.body.contains(r#"<html lang="fr">"#));
        for line in passerelle_app::demo::irritant_lines() {
            assert!(
                page.body.contains(&escaped(&line.title_fr)),
                "the catalogue lists {}",
                line.title_fr
            );
        }
        assert!(page.body.contains("19 irritants."));
        // Filter by institution (a GET form, no script): only that institution's irritants.
        let world = world(&app).await;
        let own = app
            .storage
            .get_organisation(world.own)
            .await
            .unwrap()
            .unwrap();
        let filtered = visitor
            .get(&format!("/irritants?etablissement={}", world.own))
            .await;
        assert!(
            filtered
                .body
                .contains(&format!(r#"<option value="{}" selected>"#, world.own)),
            "the choice is kept"
        );
        let lines = passerelle_app::demo::irritant_lines();
        assert!(lines.iter().any(|l| l.institution == own.name.as_str()));
        for line in &lines {
            let listed = filtered.body.contains(&escaped(&line.title_fr));
            assert_eq!(
                listed,
                line.institution == own.name.as_str(),
                "{} with the institution filter",
                line.title_fr
            );
        }
        // Filter by domain: exactly the published irritants carrying it.
        let public = app
            .storage
            .list_irritants(&passerelle_storage::IrritantFilter::public(world.edition))
            .await
            .unwrap();
        let domain = public[0].content.domains[0].clone();
        let by_domain = visitor
            .get(&format!("/irritants?domaine={}", domain.as_str()))
            .await;
        assert!(
            by_domain
                .body
                .contains(&format!(r#"<option value="{}" selected>"#, domain.as_str()))
        );
        for i in &public {
            let listed = by_domain
                .body
                .contains(&format!(r#"href="/irritants/{}""#, i.id));
            assert_eq!(
                listed,
                i.content.domains.contains(&domain),
                "{} with the domain filter",
                i.content.title.as_str()
            );
        }
        // Unknown filter values are ignored rather than failing.
        visitor
            .get("/irritants?domaine=inconnu&etablissement=nimporte")
            .await
            .assert_ok();
        // A demo fiche says its description was written for the demo, and prints (print style sheet).
        let fiche = visitor.get(&format!("/irritants/{}", public[0].id)).await;
        fiche.assert_ok();
        assert!(
            fiche
                .body
                .contains("Description rédigée pour la démonstration")
        );
        assert!(
            fiche
                .body
                .contains(&escaped(public[0].content.title.as_str()))
        );
        assert!(
            visitor
                .get("/static/style.css")
                .await
                .body
                .contains("@media print")
        );
        assert_eq!(
            visitor.get("/irritants/pas-un-identifiant").await.status,
            404
        );
        assert_eq!(
            visitor
                .get("/irritants/6f1c1b7e-8d0e-4a43-9d53-1a2b3c4d5e6f")
                .await
                .status,
            404
        );
        assert_eq!(visitor.get("/nulle-part").await.status, 404);
    }
);

web_test!(
    home_and_catalogue_are_light_self_contained_and_protected,
    |app| {
        let visitor = Browser::new(&app);
        let css = visitor.get("/static/style.css").await;
        for path in ["/", "/irritants"] {
            let page = visitor.get(path).await;
            let weight = page.body.len() + css.body.len();
            println!(
                "{path}: {} bytes of HTML + {} bytes of CSS = {weight} bytes",
                page.body.len(),
                css.body.len()
            );
            assert!(weight < 100 * 1024, "{path} weighs {weight} bytes");
            for outside in [
                "src=\"http",
                "href=\"http",
                "src=\"//",
                "href=\"//",
                "url(http",
                "<script",
                "@import",
            ] {
                assert!(
                    !page.body.contains(outside) && !css.body.contains(outside),
                    "{path}: {outside} would load something"
                );
            }
            let header = |name: &str| {
                page.headers
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string()
            };
            let csp = header("content-security-policy");
            assert!(
                csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"),
                "{csp}"
            );
            assert_eq!(header("x-frame-options"), "DENY");
            assert_eq!(header("x-content-type-options"), "nosniff");
            // Landmarks and the skip link.
            assert!(page.body.contains(r##"<a class="skip" href="#contenu">"##));
            assert!(page.body.contains(r#"<main id="contenu""#));
            assert!(
                page.body.contains("<nav ")
                    && page.body.contains("<header")
                    && page.body.contains("<footer")
            );
        }
    }
);

web_test!(an_irritant_goes_from_draft_to_the_catalogue, |app| {
    world(&app).await;
    let member = Browser::as_(&app, Who::OwnInstitution).await;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let visitor = Browser::new(&app);
    let title = "Réserver les salles de TP sans tableur";
    let domain = app.storage.list_domains().await.unwrap()[0]
        .slug
        .as_str()
        .to_string();
    let saved = member
        .post(
            "/irritants/nouveau",
            &[("title", title), ("context", "Des tableurs partagés.")],
        )
        .await;
    let fiche_path = saved.assert_redirect().to_string();
    let id =
        passerelle_domain::IrritantId::parse(fiche_path.trim_start_matches("/irritants/")).unwrap();
    let fiche = member.get(&fiche_path).await;
    assert!(fiche.body.contains(title));
    assert!(
        fiche.body.contains("Brouillon"),
        "the status is shown to the member"
    );
    // Incomplete: submitting is refused and the fiche says what is missing.
    member
        .post(&format!("{fiche_path}/soumettre"), &[])
        .await
        .assert_redirect();
    let stored = app.storage.get_irritant(id).await.unwrap().unwrap();
    assert_eq!(stored.status, passerelle_domain::IrritantStatus::Draft);
    // Completed, then submitted.
    member
        .post(
            &format!("{fiche_path}/modifier"),
            &[
                ("title", title),
                ("context", "Des tableurs partagés."),
                ("problem", "Des doubles réservations."),
                ("expected_result", "Un outil en ligne."),
                ("domains", &domain),
                ("budget_min", "10000"),
                ("budget_max", "50000"),
            ],
        )
        .await
        .assert_redirect();
    member
        .post(&format!("{fiche_path}/soumettre"), &[])
        .await
        .assert_redirect();
    assert!(
        !visitor.get("/irritants").await.body.contains(title),
        "not public yet"
    );
    assert!(
        visitor.get(&fiche_path).await.to_sign_in(),
        "a visitor is asked to sign in"
    );
    // The organiser finds it in the console, linked by its title, and returns it with a comment.
    let console = organiser.get("/console").await;
    assert!(
        console
            .body
            .contains(&format!(r#"<a href="{fiche_path}">{}</a>"#, escaped(title))),
        "{}",
        console.body
    );
    organiser
        .post(
            &format!("{fiche_path}/renvoyer"),
            &[("comment", "Précisez le calendrier.")],
        )
        .await
        .assert_redirect();
    // The member sees the comment on the fiche and in the editor, edits and submits again.
    assert!(
        member
            .get(&fiche_path)
            .await
            .body
            .contains("Précisez le calendrier.")
    );
    assert!(
        member
            .get(&format!("{fiche_path}/modifier"))
            .await
            .body
            .contains("Précisez le calendrier.")
    );
    member
        .post(
            &format!("{fiche_path}/modifier"),
            &[
                ("title", title),
                ("problem", "Des doubles réservations."),
                ("expected_result", "Un outil en ligne."),
                ("domains", &domain),
                ("timeline", "Rentrée 2022"),
            ],
        )
        .await
        .assert_redirect();
    member
        .post(&format!("{fiche_path}/soumettre"), &[])
        .await
        .assert_redirect();
    // Published from its fiche: public now, and no longer editable by the member.
    let fiche = organiser.get(&fiche_path).await;
    assert!(
        fiche
            .body
            .contains(&format!(r#"action="{fiche_path}/publier""#))
    );
    organiser
        .post(&format!("{fiche_path}/publier"), &[])
        .await
        .assert_redirect();
    assert!(visitor.get("/irritants").await.body.contains(title));
    assert!(visitor.get(&fiche_path).await.body.contains("Rentrée 2022"));
    assert_eq!(
        member.get(&format!("{fiche_path}/modifier")).await.status,
        409
    );
    // Archived: gone from the catalogue.
    organiser
        .post(&format!("{fiche_path}/archiver"), &[])
        .await
        .assert_redirect();
    assert!(!visitor.get("/irritants").await.body.contains(title));
    let events = app.storage.irritant_events(id).await.unwrap();
    assert!(
        events.len() >= 6,
        "every move is in the history: {events:?}"
    );
});
