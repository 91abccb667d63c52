//! The budget and region reasons of the recommendations (issue 8, scope 5): a company gives the smallest
//! project it takes on in its profile (checked, with its error in French and English, nothing saved on a
//! refusal), its page in the directory shows it, and both recommendation pages say in words how the
//! irritant's budget and its institution's region fit the company, with the figures.

use passerelle_domain::{
    BudgetRange, CompanyProfile, Field, IrritantContent, IrritantTitle, IrritantTransition,
    LongText, OrganisationId, OrganisationKind, Region,
};
use passerelle_storage::Storage;

use crate::support::*;

/// The part of a recommendations page about one row (the other side's id).
fn row<'a>(page: &'a Page, id: &str) -> &'a str {
    let start = page
        .body
        .find(&format!(r#"id="r-{id}""#))
        .unwrap_or_else(|| panic!("no row for {id}"));
    let rest = &page.body[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

/// A published irritant of `institution` in the current edition whose budget goes up to `max` euros.
async fn irritant_with_budget(
    storage: &Storage,
    world: &World,
    institution: OrganisationId,
    max: u64,
) -> String {
    let mut content = IrritantContent::new(
        IrritantTitle::parse("Un assistant conversationnel pour la rentrée").unwrap(),
    );
    content.problem = Some(
        LongText::parse(
            Field::Problem,
            "Les étudiants posent les mêmes questions au guichet : un chatbot y répondrait.",
        )
        .unwrap(),
    );
    content.context = Some(LongText::parse(Field::Context, "Le guichet de la rentrée.").unwrap());
    content.expected_result =
        Some(LongText::parse(Field::ExpectedResult, "Un assistant en ligne.").unwrap());
    content.budget = Some(BudgetRange::new(Some(max / 2), Some(max)).unwrap());
    let domain = storage.list_domains().await.unwrap()[0].slug.clone();
    let content = content.with_domains(vec![domain]).unwrap();
    let id = storage
        .create_irritant(world.edition, institution, Some(world.own_member), &content)
        .await
        .unwrap()
        .id;
    for step in [IrritantTransition::Submit, IrritantTransition::Publish] {
        storage
            .transition_irritant(id, step, None, None)
            .await
            .unwrap();
    }
    id.to_string()
}

/// Posts the company's profile as it was, with another description and `amount` as its minimum budget.
async fn post(member: &Browser, company: &str, before: &CompanyProfile, amount: &str) -> Page {
    let region = before
        .region
        .map(|r| r.as_str().to_string())
        .unwrap_or_default();
    let mut fields: Vec<(&str, &str)> = vec![
        ("company", company),
        ("description", "Une autre description."),
        ("budget_min", amount),
        ("region", &region),
    ];
    for s in &before.specialties {
        fields.push(("specialties", s.as_str()));
    }
    member.post("/entreprise/profil", &fields).await
}

web_test!(
    the_minimum_budget_is_checked_and_explains_the_recommendations,
    |app| {
        let world = world(&app).await;
        let company = world.company.to_string();
        let before = app
            .storage
            .get_company_profile(world.company)
            .await
            .unwrap()
            .unwrap();
        let mut member = Browser::as_(&app, Who::Company).await;

        // Refused in French, then in English; the profile is left as it was.
        let refused = post(&member, &company, &before, "15 k€").await;
        assert_eq!(refused.status, 422);
        assert!(
            refused.body.contains("Montant invalide"),
            "{}",
            refused.body
        );
        assert!(refused.body.contains(r#"id="e-budget_min""#));
        let refused = post(&member, &company, &before, "0").await;
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains("doit être compris entre 1"));
        member.accept_language = Some("en");
        let refused = post(&member, &company, &before, "200000000").await;
        assert_eq!(refused.status, 422);
        assert!(
            refused
                .body
                .contains("The minimum budget must be between €1 and €100,000,000.")
        );
        assert_eq!(
            app.storage
                .get_company_profile(world.company)
                .await
                .unwrap()
                .unwrap(),
            before,
            "nothing half-written"
        );

        // Saved as typed with its spaces; the company's page shows it in each language's typography.
        member.accept_language = None;
        post(&member, &company, &before, "25 000")
            .await
            .assert_redirect();
        let saved = app
            .storage
            .get_company_profile(world.company)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(saved.budget_min.map(|b| b.eur()), Some(25_000));
        let form = member
            .get(&format!("/entreprise/profil?company={company}"))
            .await;
        assert!(form.body.contains(r#"name="budget_min" value="25000""#));
        let organiser = Browser::as_(&app, Who::Organiser).await;
        let page = organiser.get(&format!("/entreprises/{company}")).await;
        page.assert_ok();
        assert!(page.body.contains("25\u{202f}000\u{a0}€"), "{}", page.body);

        // An irritant of the demo institution (Occitanie) with a budget up to 20 000 €: below the company's
        // minimum. The demo company works in Occitanie, Planifix in Île-de-France.
        let own_region = app.storage.organisation_region(world.own).await.unwrap();
        assert_eq!(own_region, Some(Region::Occitanie));
        let irritant = irritant_with_budget(&app.storage, &world, world.own, 20_000).await;
        let planifix = app
            .storage
            .find_organisation(OrganisationKind::Company, "Planifix (fictive)")
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        let institution = Browser::as_(&app, Who::OwnInstitution).await;
        let page = institution
            .get(&format!("/irritants/{irritant}/recommandations"))
            .await;
        page.assert_ok();
        let ours = row(&page, &company);
        assert!(
        ours.contains("Le budget de l’irritant (jusqu’à 20\u{202f}000\u{a0}€) est en dessous du minimum de l’entreprise (25\u{202f}000\u{a0}€)."),
        "{ours}"
    );
        assert!(
            ours.contains("L’entreprise travaille dans la région de l’établissement (Occitanie).")
        );
        let theirs = row(&page, &planifix);
        assert!(
        theirs.contains(
            "L’entreprise travaille dans une autre région (Île-de-France) que l’établissement (Occitanie)."
        ),
        "{theirs}"
    );
        let mut english = Browser::as_(&app, Who::OwnInstitution).await;
        english.accept_language = Some("en");
        let page = english
            .get(&format!("/irritants/{irritant}/recommandations"))
            .await;
        let ours = row(&page, &company);
        assert!(
            ours.contains(
                "The irritant’s budget (up to €20,000) is below the company’s minimum (€25,000)."
            ),
            "{ours}"
        );
        assert!(ours.contains("The company works in the institution’s region (Occitanie)."));

        // The company's page says the same from its side; a budget that reaches the minimum says so.
        let wide = irritant_with_budget(&app.storage, &world, world.own, 40_000).await;
        let page = member
            .get(&format!(
                "/entreprises/{company}/recommandations?edition={}",
                world.edition
            ))
            .await;
        page.assert_ok();
        assert!(
            row(&page, &irritant).contains("est en dessous du minimum de l’entreprise"),
            "{}",
            page.body
        );
        assert!(row(&page, &wide).contains(
        "Le budget de l’irritant (jusqu’à 40\u{202f}000\u{a0}€) atteint le minimum de l’entreprise (25\u{202f}000\u{a0}€)."
    ));
    }
);

web_test!(
    organisers_set_an_institutions_region_and_its_recommendations_follow,
    |app| {
        let world = world(&app).await;
        let organiser = Browser::as_(&app, Who::Organiser).await;
        let page_path = format!("/console/etablissements/{}", world.own);
        let path = format!("{page_path}/region");
        let page = organiser.get(&page_path).await;
        page.assert_ok();
        assert!(
            page.body
                .contains(r#"<option value="occitanie" selected>Occitanie</option>"#),
            "the demo's region is selected"
        );
        let irritant = irritant_with_budget(&app.storage, &world, world.own, 40_000).await;
        let planifix = app
            .storage
            .find_organisation(OrganisationKind::Company, "Planifix (fictive)")
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        let institution = Browser::as_(&app, Who::OwnInstitution).await;
        let reco = format!("/irritants/{irritant}/recommandations");
        let before = institution.get(&reco).await;
        before.assert_ok();
        assert!(row(&before, &planifix).contains(
            "L’entreprise travaille dans une autre région (Île-de-France) que l’établissement (Occitanie)."
        ));

        // The institution moves to Île-de-France: saved, audited, and Planifix now works in its region.
        assert_eq!(
            organiser
                .post(&path, &[("region", "ile-de-france")])
                .await
                .assert_redirect(),
            page_path
        );
        let page = organiser.get(&page_path).await;
        assert!(
            page.body
                .contains("La région de l’établissement est enregistrée"),
            "{}",
            page.body
        );
        assert!(
            page.body
                .contains(r#"<option value="ile-de-france" selected>"#)
        );
        assert_eq!(
            app.storage.organisation_region(world.own).await.unwrap(),
            Some(Region::IleDeFrance)
        );
        let trail = app
            .storage
            .audit_trail("organisation", Some(&world.own.to_string()), 10)
            .await
            .unwrap();
        let entry = trail
            .iter()
            .find(|e| e.action == "institution-region-set")
            .expect("the change is audited");
        assert_eq!(
            entry.details,
            serde_json::json!({"before": "occitanie", "after": "ile-de-france"})
        );
        let after = institution.get(&reco).await;
        assert!(
            row(&after, &planifix).contains(
                "L’entreprise travaille dans la région de l’établissement (Île-de-France)."
            ),
            "recomputed after the change"
        );

        // A code that is no region is refused on its field, in English too; nothing changes.
        let mut english = Browser::as_(&app, Who::Organiser).await;
        english.accept_language = Some("en");
        let refused = english.post(&path, &[("region", "atlantis")]).await;
        assert_eq!(refused.status, 422);
        assert!(
            refused
                .body
                .contains("Unknown value: choose from the list.")
        );
        assert!(refused.body.contains(r##"href="#f-region""##));
        assert_eq!(
            app.storage.organisation_region(world.own).await.unwrap(),
            Some(Region::IleDeFrance)
        );

        // Cleared: the recommendations say nothing of the region any more.
        organiser
            .post(&path, &[("region", "")])
            .await
            .assert_redirect();
        assert_eq!(
            app.storage.organisation_region(world.own).await.unwrap(),
            None
        );
        let cleared = institution.get(&reco).await;
        let cleared = row(&cleared, &planifix);
        assert!(
            !cleared.contains("L’entreprise travaille dans")
                && !cleared.contains("L’entreprise intervient dans"),
            "{cleared}"
        );
    }
);
