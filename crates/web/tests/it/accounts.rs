//! Accounts: sign in and out, demo accounts on the sign-in page, invitations (single use,
//! expiry) and password reset, with real mail through SMTP.

use passerelle_domain::{Email, OrganisationKind, Role};
use passerelle_storage::NewInvitation;
use reqwest::StatusCode;
use time::{Duration, OffsetDateTime};

use crate::both_databases;
use crate::support::*;

both_databases!(every_demo_role_signs_in_and_out, true, |app: TestApp| async move {
    let page = Client::new(&app).get("/connexion").await;
    assert!(page.body.contains("Comptes de démonstration"));
    for account in passerelle_storage::demo::accounts().accounts {
        assert!(page.body.contains(account.email.as_str()));
        let client = Client::new(&app);
        client.sign_in(account.email.as_str(), account.password).await;
        let home = client.get("/").await;
        assert!(home.body.contains("Se déconnecter"), "{} signed in", account.email.as_str());
        let out = client.post("/", "/deconnexion", &[]).await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        assert!(client.get("/").await.body.contains("Se connecter"));
    }
});

both_databases!(wrong_passwords_are_refused_and_demo_accounts_hidden_outside_demo, false, |app: TestApp| async move {
    let client = Client::new(&app);
    let page = client.get("/connexion").await;
    assert!(!page.body.contains("démonstration"));
    let page = client.post("/connexion", "/connexion", &[("email", "nobody@example.org"), ("password", "whatever-it-is")]).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains("Adresse e-mail ou mot de passe incorrect."));
    assert!(page.body.contains("value=\"nobody@example.org\""), "e-mail kept");
    // After signing in, `next` brings back to the page asked for, and never elsewhere.
    let page = client.get("/console").await;
    assert_eq!(page.location.as_deref(), Some("/connexion?next=/console"));
});

async fn invite(app: &TestApp, email: &str) -> String {
    let organiser = signed_in(app, Role::Organiser).await;
    let page = organiser
        .post(
            "/console/invitations",
            "/console/invitations",
            &[("email", email), ("kind", "institution"), ("organisation", ""), ("organisation_name", "Université de l'Invitation")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let mail = app.mail.wait_for(email).await;
    assert!(mail.data.contains("Université de l'Invitation"));
    mail.first_link().expect("a link in the invitation")
}

both_databases!(invitations_are_single_use, true, |app: TestApp| async move {
    let link = invite(&app, "nouvelle@universite.example").await;
    assert!(link.starts_with(&app.base_url));
    let path = link.trim_start_matches(&app.base_url).to_string();
    let visitor = Client::new(&app);
    let form = visitor.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("nouvelle@universite.example"));
    // Errors first: nothing is created.
    let bad = visitor.post(&path, &path, &[("name", ""), ("new_password", "court"), ("confirm", "autre")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Ce champ est obligatoire."));
    assert!(bad.body.contains("Mot de passe trop court"));
    let email = Email::parse("nouvelle@universite.example").unwrap();
    assert!(app.storage.find_user_by_email(&email).await.unwrap().is_none());
    let ok = visitor
        .post(&path, &path, &[("name", "Nouvelle Collègue"), ("new_password", "une phrase de passe"), ("confirm", "une phrase de passe")])
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert!(visitor.get("/mes-irritants").await.status == StatusCode::OK, "member of the new institution");
    // The link is used up.
    let again = Client::new(&app);
    let page = again.get(&path).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("déjà servi ou elle a expiré"));
    let replay = again
        .post("/connexion", &path, &[("name", "Intruse"), ("new_password", "une autre phrase"), ("confirm", "une autre phrase")])
        .await;
    assert_eq!(replay.status, StatusCode::NOT_FOUND);
});

both_databases!(expired_invitations_are_refused, true, |app: TestApp| async move {
    let org = app.storage.find_organisation(OrganisationKind::Institution, "Université Paul-Valéry Montpellier 3").await.unwrap().unwrap();
    let new = NewInvitation {
        email: Email::parse("tardive@universite.example").unwrap(),
        organisation: org.id,
        role: Role::InstitutionMember,
        edition: None,
        invited_by: None,
        valid_for: Duration::days(7),
    };
    let (_, token) = app.storage.create_invitation(&new, OffsetDateTime::now_utc() - Duration::days(8)).await.unwrap();
    let page = Client::new(&app).get(&format!("/invitation/{token}")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("expiré"));
});

both_databases!(password_reset_by_mailed_link, true, |app: TestApp| async move {
    let (email, old) = demo(Role::InstitutionMember);
    let visitor = Client::new(&app);
    // Unknown addresses get the same answer, and no mail.
    let page = visitor.post("/mot-de-passe-oublie", "/mot-de-passe-oublie", &[("email", "personne@nulle-part.example")]).await;
    assert!(page.body.contains("Si un compte existe"));
    let page = visitor.post("/mot-de-passe-oublie", "/mot-de-passe-oublie", &[("email", &email)]).await;
    assert!(page.body.contains("Si un compte existe"));
    let mail = app.mail.wait_for(&email).await;
    assert!(app.mail.all().iter().all(|m| !m.to.iter().any(|t| t.contains("nulle-part"))));
    let link = mail.first_link().unwrap();
    let path = link.trim_start_matches(&app.base_url).to_string();
    let mismatch = visitor.post(&path, &path, &[("new_password", "nouveau mot de passe"), ("confirm", "autre chose encore")]).await;
    assert_eq!(mismatch.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(mismatch.body.contains("ne sont pas identiques"));
    let done = visitor.post(&path, &path, &[("new_password", "nouveau mot de passe"), ("confirm", "nouveau mot de passe")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    // Old password refused, new one accepted, link used up.
    let page = Client::new(&app).post("/connexion", "/connexion", &[("email", &email), ("password", &old)]).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    Client::new(&app).sign_in(&email, "nouveau mot de passe").await;
    assert_eq!(Client::new(&app).get(&path).await.status, StatusCode::NOT_FOUND);
});
