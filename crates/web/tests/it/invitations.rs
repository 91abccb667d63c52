//! Invitations through the use case: a business manager brings new companies and adds contacts only
//! to companies of their own pipeline (issue 7, finding 1), the form lists only those, and nothing
//! tells an inviter whether an address already has an account.

use passerelle_domain::{Email, OrganisationKind};

use crate::support::*;

async fn company_id(app: &TestApp, name: &str) -> String {
    app.storage
        .find_organisation(OrganisationKind::Company, name)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{name} in the demo"))
        .id
        .to_string()
}

async fn invitations_to(app: &TestApp, email: &str) -> usize {
    let email = Email::parse(email).unwrap();
    app.storage
        .list_invitations(None)
        .await
        .unwrap()
        .iter()
        .filter(|i| i.email == email)
        .count()
}

web_test!(
    a_business_manager_adds_contacts_only_to_companies_of_their_pipeline,
    |app| {
        // The demo's business manager works for the BIC; Tableau Clair came through Digital 113 and
        // Planifix on its own; Savoir Commun through the BIC.
        let manager = Browser::as_(&app, Who::BusinessManager).await;
        let elsewhere = company_id(&app, "Tableau Clair (fictive)").await;
        let alone = company_id(&app, "Planifix (fictive)").await;
        let own = company_id(&app, "Savoir Commun (fictive)").await;
        for (n, company) in [&elsewhere, &alone].into_iter().enumerate() {
            let email = format!("intrus-{n}@exemple.fr");
            let page = manager
                .post(
                    "/pipeline/invitations",
                    &[("email", &email), ("organisation", company)],
                )
                .await;
            assert_eq!(
                page.status, 403,
                "a company outside the pipeline: {company}"
            );
            assert_eq!(invitations_to(&app, &email).await, 0, "nothing recorded");
        }
        // Naming a company outside the pipeline is refused next to the field, creating nothing.
        let page = manager
            .post(
                "/pipeline/invitations",
                &[
                    ("email", "intrus-nom@exemple.fr"),
                    ("organisation_name", "planifix (FICTIVE)"),
                ],
            )
            .await;
        assert_eq!(page.status, 422);
        assert!(
            page.body
                .contains("id=\"e-organisation_name\">Cette entreprise est déjà inscrite"),
            "{}",
            page.body
        );
        assert_eq!(invitations_to(&app, "intrus-nom@exemple.fr").await, 0);
        // A contact into a company of the pipeline goes through.
        let email = "associee@savoir-commun.example";
        let sent = manager
            .post(
                "/pipeline/invitations",
                &[("email", email), ("organisation", &own)],
            )
            .await;
        assert_eq!(sent.assert_redirect(), "/pipeline/invitations");
        let mail = app.mail.wait_for(email).await;
        assert!(
            mail.text().contains("Savoir Commun (fictive)"),
            "{}",
            mail.text()
        );
        // Organisers may add a contact to any company.
        let organiser = Browser::as_(&app, Who::Organiser).await;
        organiser
            .post(
                "/console/invitations",
                &[
                    ("email", "contact@planifix.example"),
                    ("kind", "company"),
                    ("organisation", &alone),
                ],
            )
            .await
            .assert_redirect();
        assert_eq!(invitations_to(&app, "contact@planifix.example").await, 1);
    }
);

web_test!(the_business_manager_form_lists_only_their_pipeline, |app| {
    let manager = Browser::as_(&app, Who::BusinessManager).await;
    let page = manager.get("/pipeline/invitations").await;
    page.assert_ok();
    for own in ["Savoir Commun (fictive)", "Causette Robotique (fictive)"] {
        assert!(page.body.contains(own), "{own} is in the BIC's pipeline");
    }
    for other in [
        "Planifix (fictive)",
        "Tableau Clair (fictive)",
        "Université Paul-Valéry Montpellier 3",
    ] {
        assert!(!page.body.contains(other), "{other} is not offered");
    }
    // Organisers see every institution and company.
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let page = organiser.get("/console/invitations").await;
    for any in ["Planifix (fictive)", "Université Paul-Valéry Montpellier 3"] {
        assert!(page.body.contains(any), "{any} is offered to organisers");
    }
});

web_test!(
    an_invitation_does_not_tell_who_already_has_an_account,
    |app| {
        let manager = Browser::as_(&app, Who::BusinessManager).await;
        let own = company_id(&app, "Savoir Commun (fictive)").await;
        let existing = demo_account(passerelle_domain::Role::CompanyMember)
            .email
            .as_str()
            .to_string();
        let mut answers = Vec::new();
        for email in [existing.as_str(), "personne-nouvelle@exemple.fr"] {
            let page = manager
                .post(
                    "/pipeline/invitations",
                    &[("email", email), ("organisation", &own)],
                )
                .await;
            let to = page.assert_redirect().to_string();
            let next = manager.get(&to).await;
            answers.push((
                page.status,
                to,
                next.body.contains("L’invitation a été envoyée."),
            ));
        }
        assert_eq!(answers[0], answers[1], "the same answer for both addresses");
        assert!(answers[0].2, "both say the invitation was sent");
        // The person with an account is asked to sign in; the other to create an account.
        let known = app.mail.wait_for(&existing).await.text();
        assert!(known.contains("Vous avez déjà un compte"), "{known}");
        let new = app
            .mail
            .wait_for("personne-nouvelle@exemple.fr")
            .await
            .text();
        assert!(new.contains("créer votre compte"), "{new}");
    }
);
