//! The institutions in the console, as an organiser uses them, on SQLite and PostgreSQL: the
//! list linked from the console with the demo's identifiers, an institution's SIRET, UAI and home
//! domain set (as people type them), refused with a message on the field in French and English
//! (and nothing written), a UAI or domain another institution has refused, and cleared.

use passerelle_domain::{OrganisationKind, Uai};

use crate::support::*;

web_test!(organisers_set_an_institutions_identifiers, |app| {
    let world = world(&app).await;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let console = organiser.get("/console").await;
    console.assert_ok();
    assert!(console.body.contains("href=\"/console/etablissements\""));
    assert!(console.body.contains("Établissements et identifiants"));

    let list = organiser.get("/console/etablissements").await;
    list.assert_ok();
    let path = format!("/console/etablissements/{}", world.own);
    assert!(list.body.contains(&format!("href=\"{path}\"")));
    // The demo's institutions come with fictitious identifiers in the right form.
    assert!(list.body.contains("Université Paul-Valéry Montpellier 3"));
    assert!(list.body.contains("0349106N"));
    assert!(list.body.contains("univ-montp3-demo.example"));
    assert!(list.body.contains("193\u{202f}491\u{202f}065\u{202f}00010"));
    assert!(
        !list.body.contains("Causette Robotique"),
        "institutions only"
    );

    // Typed as people do: spaces in the SIRET, a lower-case letter, capitals in the domain.
    let saved = organiser
        .post(
            &path,
            &[
                ("siret", "130 025 265 00013"),
                ("uai", " 0751717j "),
                ("home_domain", "Univ-Exemple.FR"),
            ],
        )
        .await;
    assert_eq!(saved.assert_redirect(), path);
    let page = organiser.get(&path).await;
    page.assert_ok();
    assert!(
        page.body
            .contains("identifiants de l’établissement sont enregistrés")
    );
    let ids = app
        .storage
        .organisation_identifiers(world.own)
        .await
        .unwrap();
    assert_eq!(ids.siret.unwrap().as_str(), "13002526500013");
    assert_eq!(ids.uai, Some(Uai::parse("0751717J").unwrap()));
    assert_eq!(ids.home_domain.unwrap().as_str(), "univ-exemple.fr");
    assert!(page.body.contains("value=\"0751717J\""));

    // A wrong check letter and a URL for a domain: both fields say why, nothing is written.
    let refused = organiser
        .post(
            &path,
            &[
                ("siret", ""),
                ("uai", "0751717K"),
                ("home_domain", "https://univ-exemple.fr/"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("UAI invalide\u{202f}: 7 chiffres puis la lettre de contrôle")
    );
    assert!(refused.body.contains("Domaine invalide"));
    assert!(refused.body.contains("href=\"#f-uai\""));
    assert!(refused.body.contains("aria-invalid=\"true\""));
    assert!(
        refused.body.contains("value=\"0751717K\""),
        "the form comes back filled"
    );
    assert_eq!(
        app.storage
            .organisation_identifiers(world.own)
            .await
            .unwrap()
            .uai,
        Some(Uai::parse("0751717J").unwrap())
    );
    let english = Browser::as_(&app, Who::Organiser).await;
    english.get("/langue?lang=en&next=/").await;
    let refused = english
        .post(&path, &[("uai", "075171J"), ("home_domain", "univ")])
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("Invalid UAI: 7 digits, then the check letter")
    );
    assert!(refused.body.contains("Invalid domain"));

    // Another institution's UAI or domain: refused on the field.
    let other = app
        .storage
        .list_organisations(Some(OrganisationKind::Institution))
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.id != world.own)
        .expect("another institution");
    let other_path = format!("/console/etablissements/{}", other.id);
    let taken = organiser
        .post(&other_path, &[("uai", "0751717J"), ("home_domain", "")])
        .await;
    assert_eq!(taken.status, 422);
    assert!(
        taken
            .body
            .contains("Un autre établissement a déjà cette UAI.")
    );
    let taken = english
        .post(&other_path, &[("home_domain", "univ-exemple.fr")])
        .await;
    assert_eq!(taken.status, 422);
    assert!(
        taken
            .body
            .contains("Another institution already has this domain.")
    );

    // Emptied fields clear the identifiers.
    let cleared = organiser
        .post(&path, &[("siret", ""), ("uai", ""), ("home_domain", "")])
        .await;
    assert_eq!(cleared.assert_redirect(), path);
    assert_eq!(
        app.storage
            .organisation_identifiers(world.own)
            .await
            .unwrap(),
        Default::default()
    );

    // A company is not an institution: no such page.
    let company = organiser
        .get(&format!("/console/etablissements/{}", world.company))
        .await;
    assert_eq!(company.status, 404);
});
