//! Personal data over HTTP, on both databases: the export as a page and as a JSON file, the erasure of
//! one's account (password, or a mailed link for an account without one), an organiser's erasure at a
//! person's request, and the public « Données personnelles » page with the configured periods.

use passerelle_domain::Role;

use crate::account_page::mail_with;
use crate::support::*;

web_test!(the_export_is_a_page_and_a_json_file, |app| {
    let member = Browser::as_(&app, Who::OwnInstitution).await;
    let account = demo_account(Role::InstitutionMember);
    let page = member.get("/compte/donnees").await;
    page.assert_ok();
    assert!(page.body.contains("Mes données personnelles"));
    assert!(page.body.contains(account.email.as_str()));
    assert!(page.body.contains("Irritants rédigés"));
    let file = member.get("/compte/donnees.json").await;
    file.assert_ok();
    assert!(
        file.headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"passerelle-donnees-")
    );
    assert_eq!(file.headers["cache-control"], "no-store");
    let json: serde_json::Value = serde_json::from_str(&file.body).unwrap();
    assert_eq!(json["format"], "passerelle-personal-data");
    assert_eq!(
        json["sections"]["account"][0]["email"],
        account.email.as_str()
    );
    assert!(
        !json["sections"]["sessions"].as_array().unwrap().is_empty(),
        "this session is in it"
    );
    // In English, the same page.
    let mut english = Browser::as_(&app, Who::OwnInstitution).await;
    english.accept_language = Some("en");
    let page = english.get("/compte/donnees").await;
    assert!(page.body.contains("My personal data"));
    assert!(page.body.contains("Irritants written by you"));
});

web_test!(the_export_page_shows_labels_not_json_keys, |app| {
    let keys: Vec<String> = passerelle_storage::section_keys()
        .into_iter()
        .flat_map(|(_, keys)| keys)
        .collect();
    for (lang, created, email) in [
        (None, "Date de création", "Adresse e-mail"),
        (Some("en"), "Created", "E-mail address"),
    ] {
        let mut member = Browser::as_(&app, Who::OwnInstitution).await;
        member.accept_language = lang;
        let page = member.get("/compte/donnees").await;
        page.assert_ok();
        let labels: Vec<&str> = page
            .body
            .split("<dt>")
            .skip(1)
            .filter_map(|rest| rest.split_once("</dt>").map(|(label, _)| label))
            .collect();
        assert!(labels.contains(&created), "{lang:?}: {labels:?}");
        assert!(labels.contains(&email), "{lang:?}: {labels:?}");
        let raw: Vec<&&str> = labels
            .iter()
            .filter(|l| keys.iter().any(|k| k == *l) || l.starts_with("data-key-"))
            .collect();
        assert!(raw.is_empty(), "{lang:?}: keys shown as labels: {raw:?}");
        // A time reads after its label as a bare date, not « Date de création le 3 décembre ».
        assert!(
            !page.body.contains("<dd>le ") && !page.body.contains("<dd>on "),
            "{lang:?}"
        );
    }
});

web_test!(a_person_erases_their_account_with_their_password, |app| {
    let account = demo_account(Role::CompanyMember);
    let browser = Browser::as_(&app, Who::Company).await;
    let other_session = Browser::as_(&app, Who::Company).await;
    let page = browser.get("/compte/suppression").await;
    page.assert_ok();
    assert!(page.body.contains("Supprimer définitivement mon compte"));
    let wrong = browser
        .post("/compte/suppression", &[("password", "pas le bon")])
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("href=\"#f-password\""));
    let done = browser
        .post("/compte/suppression", &[("password", account.password)])
        .await;
    assert_eq!(done.assert_redirect(), "/");
    let home = browser.get("/").await;
    assert!(home.body.contains("Le compte est supprimé."));
    assert!(browser.get("/compte").await.to_sign_in());
    assert!(other_session.get("/compte").await.to_sign_in());
    assert!(
        app.storage
            .find_user_by_email(&account.email)
            .await
            .unwrap()
            .is_none()
    );
    mail_with(
        &app,
        account.email.as_str(),
        "votre compte Passerelle est supprimé",
    )
    .await;
    let fresh = Browser::new(&app);
    let again = fresh
        .post(
            "/connexion",
            &[
                ("email", account.email.as_str()),
                ("password", account.password),
            ],
        )
        .await;
    assert_eq!(again.status, 401);
});

web_test!(an_account_without_password_confirms_by_mailed_link, |app| {
    let account = demo_account(Role::Funder);
    let user = app
        .storage
        .find_user_by_email(&account.email)
        .await
        .unwrap()
        .unwrap();
    let browser = Browser::as_(&app, Who::Funder).await;
    // As if it signed in only through a provider.
    app.storage
        .set_password_hash(user.id, passerelle_storage::NO_PASSWORD)
        .await
        .unwrap();
    let page = browser.get("/compte/suppression").await;
    assert!(page.body.contains("M’envoyer le lien de confirmation"));
    let sent = browser.post("/compte/suppression/lien", &[]).await;
    sent.assert_ok();
    assert!(sent.body.contains("Un lien de confirmation a été envoyé"));
    let mail = mail_with(&app, account.email.as_str(), "/compte/suppression/lien/").await;
    let link = mail_link(&app, &mail);
    let visitor = Browser::as_(&app, Who::Anonymous).await;
    visitor.get(&link).await.assert_ok();
    assert!(
        app.storage.get_user(user.id).await.unwrap().is_some(),
        "not yet"
    );
    let done = visitor.post(&link, &[]).await;
    assert_eq!(done.assert_redirect(), "/");
    assert!(app.storage.get_user(user.id).await.unwrap().is_none());
    assert!(browser.get("/compte").await.to_sign_in());
    assert_eq!(visitor.post(&link, &[]).await.status, 404, "used once");
});

web_test!(an_organiser_erases_an_account_on_request, |app| {
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let account = demo_account(Role::BusinessManager);
    let user = app
        .storage
        .find_user_by_email(&account.email)
        .await
        .unwrap()
        .unwrap();
    let list = organiser.get("/console/comptes?q=charg").await;
    list.assert_ok();
    let page = organiser
        .get(&format!("/console/comptes/{}", user.id))
        .await;
    page.assert_ok();
    assert!(page.body.contains(account.email.as_str()));
    // The page speaks of the person, not to the organiser reading it.
    assert!(
        page.body
            .contains("Tout ce que Passerelle conserve sur cette personne")
    );
    assert!(page.body.contains("Télécharger ses données (JSON)"));
    assert!(!page.body.contains("sur vous") && !page.body.contains("mes données"));
    let file = organiser
        .get(&format!("/console/comptes/{}/donnees.json", user.id))
        .await;
    let json: serde_json::Value = serde_json::from_str(&file.body).unwrap();
    assert_eq!(
        json["sections"]["account"][0]["email"],
        account.email.as_str()
    );
    let wrong = organiser
        .post(
            &format!("/console/comptes/{}/suppression", user.id),
            &[("confirm", "quelqu-un@exemple.fr")],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("Recopiez exactement"));
    let done = organiser
        .post(
            &format!("/console/comptes/{}/suppression", user.id),
            &[("confirm", account.email.as_str())],
        )
        .await;
    assert_eq!(done.assert_redirect(), "/console/comptes");
    assert!(app.storage.get_user(user.id).await.unwrap().is_none());
    mail_with(
        &app,
        account.email.as_str(),
        "les organisateurs ont supprimé",
    )
    .await;
    assert_eq!(
        organiser
            .get(&format!("/console/comptes/{}", user.id))
            .await
            .status,
        404
    );
    // The organiser's own account goes through the account page.
    let me = app
        .storage
        .find_user_by_email(&demo_account(Role::Organiser).email)
        .await
        .unwrap()
        .unwrap();
    let own = organiser
        .post(
            &format!("/console/comptes/{}/suppression", me.id),
            &[("confirm", demo_account(Role::Organiser).email.as_str())],
        )
        .await;
    assert_eq!(own.status, 403);
});

web_test!(the_notice_shows_the_periods_and_the_contact, |app| {
    let visitor = Browser::new(&app);
    let home = visitor.get("/").await;
    assert!(
        home.body.contains("href=\"/donnees-personnelles\""),
        "in the footer"
    );
    let page = visitor.get("/donnees-personnelles").await;
    page.assert_ok();
    assert!(page.body.contains("passerelle@localhost"), "the contact");
    assert!(page.body.contains("30 jours"));
    assert!(page.body.contains("90 jours"));
    assert!(page.body.contains("7 jours"));
});
