//! CSRF: every state-changing request without the session's token, or with another session's, is
//! refused with 403 and writes nothing.

use crate::support::*;

/// Every POST route with a form that would succeed for the organiser if the token were right.
fn posts(
    draft: &str,
    submitted: &str,
    company: &str,
) -> Vec<(String, Vec<(&'static str, String)>)> {
    vec![
        (
            "/connexion".into(),
            vec![
                ("email", "organisatrice@passerelle.example".into()),
                ("password", "x".into()),
            ],
        ),
        ("/deconnexion".into(), vec![]),
        (
            "/mot-de-passe-oublie".into(),
            vec![("email", "organisatrice@passerelle.example".into())],
        ),
        (
            format!("/reinitialisation/{}", "ab".repeat(32)),
            vec![("new_password", "un-mot-de-passe-long".into())],
        ),
        (
            format!("/invitation/{}", "ab".repeat(32)),
            vec![("name", "Quelqu'un".into())],
        ),
        (
            "/irritants/nouveau".into(),
            vec![("title", "Un irritant forgé ailleurs".into())],
        ),
        (
            format!("/irritants/{draft}/modifier"),
            vec![("title", "Un titre forgé ailleurs".into())],
        ),
        (format!("/irritants/{draft}/soumettre"), vec![]),
        (format!("/irritants/{submitted}/publier"), vec![]),
        (
            format!("/irritants/{submitted}/renvoyer"),
            vec![("comment", "forgé".into())],
        ),
        (format!("/irritants/{submitted}/archiver"), vec![]),
        (
            "/entreprise/profil".into(),
            vec![("company", company.into()), ("description", "forgé".into())],
        ),
        (
            "/entreprise/inscription".into(),
            vec![("company", company.into())],
        ),
        (format!("/console/entreprises/{company}/valider"), vec![]),
        (
            "/console/invitations".into(),
            vec![
                ("email", "forge@exemple.fr".into()),
                ("kind", "institution".into()),
                ("organisation_name", "Université forgée".into()),
            ],
        ),
        (
            "/console/domaines".into(),
            vec![
                ("slug", "forge".into()),
                ("label_fr", "Forgé".into()),
                ("label_en", "Forged".into()),
            ],
        ),
        (
            "/pipeline/invitations".into(),
            vec![
                ("email", "forge2@exemple.fr".into()),
                ("organisation_name", "Société forgée".into()),
            ],
        ),
    ]
}

web_test!(forms_without_the_session_token_are_refused, |app| {
    let world = world(&app).await;
    let s = &app.storage;
    let draft = irritant(s, &world, world.own, "draft", "Un brouillon à protéger").await;
    let submitted = irritant(
        s,
        &world,
        world.own,
        "submitted",
        "Un irritant soumis à protéger",
    )
    .await;
    let registered = company(s, &world, "Société à protéger", true)
        .await
        .to_string();
    let before = irritant_count(&app, world.own).await;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    // A token from another session is no better than none.
    let stranger = Browser::as_(&app, Who::Anonymous).await;
    let foreign = stranger.csrf().await;
    for (path, form) in posts(&draft, &submitted, &registered) {
        let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let none = organiser.post_raw(&path, &fields).await;
        assert_eq!(none.status, 403, "POST {path} without a token");
        assert!(
            none.body.contains("Formulaire expiré"),
            "POST {path}: the refusal is explained"
        );
        let mut with_foreign = vec![("csrf", foreign.as_str())];
        with_foreign.extend_from_slice(&fields);
        assert_eq!(
            organiser.post_raw(&path, &with_foreign).await.status,
            403,
            "POST {path} with another session's token"
        );
    }
    // Nothing was written, and the organiser is still signed in.
    assert_eq!(irritant_count(&app, world.own).await, before);
    let draft = s
        .get_irritant(passerelle_domain::IrritantId::parse(&draft).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(draft.content.title.as_str(), "Un brouillon à protéger");
    assert_eq!(draft.status, passerelle_domain::IrritantStatus::Draft);
    let submitted = s
        .get_irritant(passerelle_domain::IrritantId::parse(&submitted).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        submitted.status,
        passerelle_domain::IrritantStatus::Submitted
    );
    assert!(
        s.list_domains()
            .await
            .unwrap()
            .iter()
            .all(|d| d.slug.as_str() != "forge")
    );
    assert!(
        s.list_invitations(None)
            .await
            .unwrap()
            .iter()
            .all(|i| !i.email.as_str().starts_with("forge"))
    );
    organiser.get("/console").await.assert_ok();
    // A JSON or multipart body cannot slip past the check either.
    let token = organiser.csrf().await;
    let json = organiser
        .client
        .post(organiser.url("/console/domaines"))
        .header("content-type", "application/json")
        .body(format!(
            r#"{{"csrf":"{token}","slug":"forge","label_fr":"x","label_en":"y"}}"#
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(json.status(), 403);
});
