//! The account page, the export and the deletion walked through in the browser (issue 7), in French with
//! the company member and in English with the business manager: rename, a refused password change then an
//! accepted one, the sessions list, the readable export and its JSON link, the footer's « Données
//! personnelles » page, then the deletion with the password; an organiser finding a person's account on
//! `/console/comptes` and opening its export. axe-core on every page with its content;
//! screenshots under target/screenshots/account-*.

use fantoccini::Locator;
use passerelle_domain::Role;

use crate::harness::*;

async fn look(s: &Session, name: &str, failures: &mut Vec<String>) -> String {
    screenshot(&s.client, &format!("account-{name}")).await;
    let violations = axe_violations(&s.client, &s.axe).await;
    if !violations.is_empty() {
        failures.push(format!("{name}:\n  {}", violations.join("\n  ")));
    }
    body_text(&s.client).await
}

async fn walk(s: &Session, lang: &str, role: Role, failures: &mut Vec<String>) {
    let account = passerelle_app::demo::accounts()
        .accounts
        .into_iter()
        .find(|a| a.role == role)
        .unwrap();
    s.language(lang).await;
    sign_in(&s.client, &s.app, role).await;
    // The name in the header leads to the account page.
    s.client
        .find(Locator::Css("header a[href='/compte']"))
        .await
        .expect("the account link in the header")
        .click()
        .await
        .unwrap();
    let text = look(s, &format!("{lang}-page"), failures).await;
    assert!(text.contains(account.email.as_str()), "{text}");
    let (saved, wrong, changed, sessions_heading) = match lang {
        "fr" => (
            "Votre nom et votre langue sont enregistrés.",
            "Ce n’est pas votre mot de passe actuel.",
            "Votre mot de passe est changé",
            "Sessions ouvertes",
        ),
        _ => (
            "Your name and language are saved.",
            "This is not your current password.",
            "Your password is changed",
            "Open sessions",
        ),
    };
    assert!(text.contains(sessions_heading));
    fill(&s.client, "#f-name", "Prénom Nom-Changé").await;
    submit_form(&s.client, "/compte/nom").await;
    let text = look(s, &format!("{lang}-renamed"), failures).await;
    assert!(text.contains(saved), "{text}");
    assert!(text.contains("Prénom Nom-Changé"));
    // A wrong current password: the error summary links to the field, nothing changes.
    fill(&s.client, "#f-current_password", "pas le bon mot de passe").await;
    fill(&s.client, "#f-new_password", "une phrase de passe neuve").await;
    fill(&s.client, "#f-confirm", "une phrase de passe neuve").await;
    submit_form(&s.client, "/compte/mot-de-passe").await;
    let text = look(s, &format!("{lang}-password-refused"), failures).await;
    assert!(text.contains(wrong), "{text}");
    s.client
        .find(Locator::Css("div.notice.err a[href='#f-current_password']"))
        .await
        .expect("the summary links to the field");
    fill(&s.client, "#f-current_password", account.password).await;
    fill(&s.client, "#f-new_password", "une phrase de passe neuve").await;
    fill(&s.client, "#f-confirm", "une phrase de passe neuve").await;
    submit_form(&s.client, "/compte/mot-de-passe").await;
    let text = look(s, &format!("{lang}-password-changed"), failures).await;
    assert!(text.contains(changed), "{text}");
    // The readable export, and its JSON link.
    s.client
        .find(Locator::Css("a[href='/compte/donnees']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let text = look(s, &format!("{lang}-data"), failures).await;
    assert!(text.contains(account.email.as_str()));
    s.client
        .find(Locator::Css("a[href='/compte/donnees.json']"))
        .await
        .expect("the JSON download");
    // The footer's page about personal data.
    s.client
        .find(Locator::Css("footer a[href='/donnees-personnelles']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let text = look(s, &format!("{lang}-notice"), failures).await;
    assert!(text.contains("passerelle@localhost"));
    // The deletion, confirmed with the (new) password.
    s.client
        .goto(&s.app.url("/compte/suppression"))
        .await
        .unwrap();
    look(s, &format!("{lang}-erase"), failures).await;
    fill(&s.client, "#f-password", "une phrase de passe neuve").await;
    submit_form(&s.client, "/compte/suppression").await;
    let text = look(s, &format!("{lang}-erased"), failures).await;
    let done = if lang == "fr" {
        "Le compte est supprimé."
    } else {
        "The account is deleted."
    };
    assert!(text.contains(done), "{text}");
    assert!(
        s.app
            .storage
            .find_user_by_email(&account.email)
            .await
            .unwrap()
            .is_none()
    );
}

/// An organiser answering a person's request: finds the account on `/console/comptes`, opens its
/// readable export (labels, not JSON keys) and the erasure form.
async fn organiser_answers(s: &Session, lang: &str, failures: &mut Vec<String>) {
    let person = passerelle_app::demo::accounts()
        .accounts
        .into_iter()
        .find(|a| a.role == Role::InstitutionMember)
        .unwrap();
    s.language(lang).await;
    sign_in(&s.client, &s.app, Role::Organiser).await;
    s.client.goto(&s.app.url("/console/comptes")).await.unwrap();
    fill(&s.client, "#f-q", person.email.as_str()).await;
    submit_form(&s.client, "/console/comptes").await;
    let text = look(s, &format!("{lang}-console-accounts"), failures).await;
    assert!(text.contains(person.email.as_str()), "{text}");
    s.client
        .find(Locator::Css("table a[href^='/console/comptes/']"))
        .await
        .expect("the account found")
        .click()
        .await
        .unwrap();
    let text = look(s, &format!("{lang}-console-account"), failures).await;
    let (created, erase, about) = match lang {
        "fr" => (
            "Date de création",
            "Supprimer le compte de",
            "conserve sur cette personne",
        ),
        _ => (
            "Created",
            "Delete the account of",
            "keeps about this person",
        ),
    };
    assert!(
        text.contains(created) && !text.contains("created_at"),
        "{text}"
    );
    assert!(text.contains(erase), "{text}");
    assert!(text.contains(about), "{text}");
    sign_out(&s.client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_account_page_export_and_deletion_in_french_and_english() {
    let Some(s) = Session::start().await else {
        return;
    };
    let mut failures = Vec::new();
    walk(&s, "fr", Role::CompanyMember, &mut failures).await;
    walk(&s, "en", Role::BusinessManager, &mut failures).await;
    organiser_answers(&s, "fr", &mut failures).await;
    organiser_answers(&s, "en", &mut failures).await;
    s.finish().await;
    assert!(failures.is_empty(), "axe-core:\n{}", failures.join("\n"));
}
