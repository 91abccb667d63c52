//! The company directory and company pages as organisers and institution members use them: filters by
//! specialty and region, a company's page before it is validated, and hostile or meaningless input.

use passerelle_domain::{OrganisationKind, ParticipationStatus, Region};

use crate::support::*;

web_test!(
    institutions_browse_the_validated_companies_by_specialty_and_region,
    |app| {
        let world = world(&app).await;
        let member = Browser::as_(&app, Who::OwnInstitution).await;
        let validated = app
            .storage
            .participating_companies(world.edition, ParticipationStatus::Validated)
            .await
            .unwrap();
        assert!(validated.len() >= 8);
        let all = member.get("/entreprises").await;
        all.assert_ok();
        for (company, _) in &validated {
            assert!(
                all.body.contains(&escaped(company.name.as_str())),
                "{} is listed",
                company.name.as_str()
            );
        }
        assert!(
            all.body
                .contains(&format!("{} entreprises.", validated.len()))
        );
        // A company still waiting for the organisers is not in the directory.
        let waiting = app
            .storage
            .list_participations(world.edition, Some(ParticipationStatus::Registered))
            .await
            .unwrap();
        assert!(!waiting.is_empty());
        for p in &waiting {
            assert!(!all.body.contains(&escaped(p.company.name.as_str())));
        }

        // By specialty: exactly the validated companies that have it, the choice kept in the form.
        let chatbots = member.get("/entreprises?specialite=chatbot").await;
        chatbots.assert_ok();
        assert!(
            chatbots
                .body
                .contains(r#"<option value="chatbot" selected>"#)
        );
        let mut expected = 0;
        for (company, profile) in &validated {
            let has = profile
                .as_ref()
                .is_some_and(|p| p.specialties.iter().any(|s| s.as_str() == "chatbot"));
            expected += usize::from(has);
            assert_eq!(
                chatbots.body.contains(&escaped(company.name.as_str())),
                has,
                "{} with the chatbot filter",
                company.name.as_str()
            );
        }
        assert!(expected >= 1);
        // By region, and both at once.
        let occitanie = member.get("/entreprises?region=occitanie").await;
        for (company, profile) in &validated {
            let there = profile
                .as_ref()
                .is_some_and(|p| p.region == Some(Region::Occitanie));
            assert_eq!(
                occitanie.body.contains(&escaped(company.name.as_str())),
                there
            );
        }
        let both = member
            .get("/entreprises?specialite=chatbot&region=occitanie")
            .await;
        assert!(both.body.contains("Causette Robotique (fictive)"));
        assert!(!both.body.contains("Planifix (fictive)"));
        let none = member
            .get("/entreprises?specialite=chatbot&region=corse")
            .await;
        assert!(none.body.contains("Aucune entreprise ne correspond"));
        // In English too.
        let english = Browser::as_(&app, Who::OwnInstitution).await;
        english.get("/langue?lang=en&next=/").await;
        let en = english.get("/entreprises?specialite=chatbot").await;
        assert!(en.body.contains(r#"<html lang="en">"#));
        assert!(en.body.contains("Companies"));
    }
);

web_test!(organisers_see_a_company_before_validating_it, |app| {
    let world = world(&app).await;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let waiting = app
        .storage
        .list_participations(world.edition, Some(ParticipationStatus::Registered))
        .await
        .unwrap();
    let company = &waiting[0].company;
    let profile = app
        .storage
        .get_company_profile(company.id)
        .await
        .unwrap()
        .expect("a profile");
    // The console links each company to its page.
    let console = organiser.get("/console").await;
    assert!(
        console
            .body
            .contains(&format!(r#"href="/entreprises/{}""#, company.id))
    );
    let page = organiser.get(&format!("/entreprises/{}", company.id)).await;
    page.assert_ok();
    assert!(page.body.contains(&escaped(company.name.as_str())));
    assert!(
        page.body
            .contains(&escaped(profile.description.as_ref().unwrap().as_str()))
    );
    assert!(
        page.body.contains("<td>Inscrite</td>"),
        "its status in the edition"
    );
    assert!(
        page.body.contains(r#"rel="noopener noreferrer""#),
        "its website, safely linked"
    );
    // The company's own member sees it; another company's member does not.
    let company_member = Browser::as_(&app, Who::Company).await;
    company_member
        .get(&format!("/entreprises/{}", world.company))
        .await
        .assert_ok();
    assert_eq!(
        company_member
            .get(&format!("/entreprises/{}", company.id))
            .await
            .status,
        403
    );
    // Not a company, unknown, malformed: not found.
    let institution = app
        .storage
        .list_organisations(Some(OrganisationKind::Institution))
        .await
        .unwrap()[0]
        .id;
    for path in [
        format!("/entreprises/{institution}"),
        format!("/entreprises/{}", passerelle_domain::OrganisationId::new()),
        "/entreprises/pas-un-identifiant".to_string(),
    ] {
        assert_eq!(organiser.get(&path).await.status, 404, "{path}");
    }
});

web_test!(
    the_directory_ignores_meaningless_filters_and_renders_hostile_ones_inert,
    |app| {
        let organiser = Browser::as_(&app, Who::Organiser).await;
        let all = organiser.get("/entreprises").await;
        for payload in HOSTILE
            .iter()
            .copied()
            .chain(["inconnue", "", "%00", "occitanie'--"])
        {
            let q = crate::hostile::urlencode(payload);
            for path in [
                format!("/entreprises?specialite={q}"),
                format!("/entreprises?region={q}"),
                format!("/entreprises?edition={q}&specialite={q}&region={q}"),
            ] {
                let page = organiser.get(&path).await;
                page.assert_ok();
                assert_inert(&page.body, &path);
                assert!(
                    page.body.contains("Causette Robotique (fictive)"),
                    "{path}: a filter that means nothing filters nothing"
                );
                assert_eq!(
                    page.body.matches("<li>\n    <h2>").count(),
                    all.body.matches("<li>\n    <h2>").count()
                );
            }
        }
    }
);

web_test!(
    company_names_on_meetings_and_recommendations_link_to_the_company_page,
    |app| {
        let world = world(&app).await;
        let irritant = passerelle_web::testing::published_irritant(
            &app.storage,
            world.edition,
            world.own,
            world.own_member,
        )
        .await;
        passerelle_web::testing::proposal(&app.storage, world.edition, irritant, world.company)
            .await;
        let meetings = app
            .storage
            .meetings_of_edition(world.edition)
            .await
            .unwrap();
        let ours: Vec<_> = meetings
            .iter()
            .filter(|m| m.institution.id == world.own)
            .collect();
        assert!(!ours.is_empty());
        let member = Browser::as_(&app, Who::OwnInstitution).await;
        let mine = member.get("/rencontres").await;
        mine.assert_ok();
        for m in &ours {
            assert!(
                mine.body.contains(&format!(
                    r#"<a href="/entreprises/{}">{}</a>"#,
                    m.company.id,
                    escaped(m.company.name.as_str())
                )),
                "{} links to its page",
                m.company.name.as_str()
            );
            // The company page the link leads to opens for the institution.
            member
                .get(&format!("/entreprises/{}", m.company.id))
                .await
                .assert_ok();
        }
        let reco = member
            .get(&format!(
                "/irritants/{}/recommandations",
                ours[0].irritant_id
            ))
            .await;
        reco.assert_ok();
        assert!(reco.body.contains(r#"<a href="/entreprises/"#));

        let organiser = Browser::as_(&app, Who::Organiser).await;
        let run = finished_run(&app.storage, &world).await;
        let page = organiser
            .get(&format!("/console/mise-en-relation/{run}"))
            .await;
        page.assert_ok();
        assert!(
            page.body
                .contains(&format!(r#"<a href="/entreprises/{}">"#, world.company))
        );
        let console = organiser
            .get(&format!("/console/editions/{}/rencontres", world.edition))
            .await;
        console.assert_ok();
        for m in &meetings {
            assert!(
                console
                    .body
                    .contains(&format!(r#"<a href="/entreprises/{}">"#, m.company.id))
            );
        }
        // A company sees no link to an institution's page: there is none.
        let company = Browser::as_(&app, Who::Company).await;
        let theirs = company.get("/rencontres").await;
        theirs.assert_ok();
        assert!(!theirs.body.contains(r#"<a href="/entreprises/"#));
    }
);
