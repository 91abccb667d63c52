//! Funding over HTTP, on both databases: the organisers keep the catalogue of schemes (refused values
//! named on their field, nothing written); an opportunity's page lists every scheme with each criterion's
//! reason, eligible ones first; a side files the dossier with an eligible scheme (the opportunity moves to
//! "funding requested", the funder's members and the other side are mailed); only that funder reads and
//! decides it; a grant moves the opportunity to "funded" with the amount, and both sides are told.

use passerelle_domain::{OpportunityStatus, Role};

use crate::support::*;

/// A scheme typed in the console's form.
fn scheme_form<'a>(
    funder: &'a str,
    name: &'a str,
    theme: &'a str,
    range: (&'a str, &'a str),
    share: &'a str,
    window: (&'a str, &'a str),
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("funder", funder),
        ("name", name),
        (
            "description",
            "Finance les preuves de concept numériques des établissements.",
        ),
        ("budget_min", range.0),
        ("budget_max", range.1),
        ("applicants", "institution"),
        ("themes", theme),
        ("max_share", share),
        ("opens", window.0),
        ("closes", window.1),
        ("link", "https://exemple-fictif.fr/fonds"),
    ]
}

web_test!(
    an_opportunity_is_routed_to_the_scheme_it_fits_and_the_funder_grants_it,
    |app| {
        let world = world(&app).await;
        let s = &app.storage;
        let funder = passerelle_web::testing::demo_funder(s).await.to_string();
        let id =
            passerelle_web::testing::opportunity(s, world.own, world.own_member, world.company)
                .await;
        let o = s.get_opportunity(id).await.unwrap().unwrap();
        let theme = s
            .get_irritant(o.irritant_id)
            .await
            .unwrap()
            .unwrap()
            .content
            .domains[0]
            .as_str()
            .to_string();
        let today = time::OffsetDateTime::now_utc().date();
        let opens = (today - time::Duration::days(30)).to_string();
        let closes = (today + time::Duration::days(60)).to_string();
        let closed = (today - time::Duration::days(1)).to_string();

        let organiser = Browser::as_(&app, Who::Organiser).await;
        // Refused values are named on their field, in French, and nothing is written.
        let before = s.list_schemes().await.unwrap().len();
        let bad = organiser
            .post(
                "/console/financements/nouveau",
                &scheme_form(
                    "pas-un-identifiant",
                    "",
                    "theme-inconnu",
                    ("50 000", "10 000"),
                    "150",
                    (&closes, &opens),
                ),
            )
            .await;
        assert_eq!(bad.status, 422, "{}", bad.body);
        for message in [
            "Choisissez un financeur de la liste",
            "Ce champ est obligatoire",
            "Montants incohérents",
            "La part financée doit être comprise entre 1\u{202f}% et 100\u{202f}%",
            "Valeur inconnue",
        ] {
            assert!(bad.body.contains(message), "{message}: {}", bad.body);
        }
        assert_eq!(s.list_schemes().await.unwrap().len(), before);
        // Dossiers that close before they open are refused too.
        let inverted = organiser
            .post(
                "/console/financements/nouveau",
                &scheme_form(
                    &funder,
                    "Fonds inversé",
                    &theme,
                    ("", ""),
                    "",
                    (&closes, &opens),
                ),
            )
            .await;
        assert_eq!(inverted.status, 422);
        assert!(
            inverted
                .body
                .contains("La clôture des dépôts doit suivre leur ouverture")
        );

        // Three schemes: one fits, one is closed, one wants more co-funding than planned.
        for (name, share, window) in [
            (
                "Fonds qui convient",
                "70",
                (opens.as_str(), closes.as_str()),
            ),
            ("Fonds clos", "", (opens.as_str(), closed.as_str())),
            ("Fonds exigeant", "20", (opens.as_str(), closes.as_str())),
        ] {
            let done = organiser
                .post(
                    "/console/financements/nouveau",
                    &scheme_form(&funder, name, &theme, ("10 000", "100 000"), share, window),
                )
                .await;
            assert!(done.status.is_redirection(), "{name}: {}", done.body);
        }
        let catalogue = Browser::as_(&app, Who::Company)
            .await
            .get("/financements")
            .await;
        catalogue.assert_ok();
        assert!(catalogue.body.contains("Fonds qui convient"));
        assert!(
            catalogue
                .body
                .contains("de 10\u{202f}000\u{a0}€ à 100\u{202f}000\u{a0}€")
        );

        // The amounts the sides planned: 40 000 € of cost, 12 000 € co-funded.
        let institution = Browser::as_(&app, Who::OwnInstitution).await;
        let v = s
            .get_opportunity(id)
            .await
            .unwrap()
            .unwrap()
            .version
            .to_string();
        let set = institution
            .post(
                &format!("/suivi/{id}/montants"),
                &[
                    ("estimated_cost", "40 000"),
                    ("requested", "28 000"),
                    ("co_funding", "12 000"),
                    ("version", &v),
                ],
            )
            .await;
        assert!(set.status.is_redirection(), "{}", set.body);
        let company = Browser::as_(&app, Who::Company).await;
        let v = s
            .get_opportunity(id)
            .await
            .unwrap()
            .unwrap()
            .version
            .to_string();
        let proposed = company
            .post(
                &format!("/suivi/{id}/etape"),
                &[("action", "propose"), ("version", &v)],
            )
            .await;
        assert!(proposed.status.is_redirection(), "{}", proposed.body);

        // The routing page: the fitting scheme first, each criterion in words.
        let routing = institution.get(&format!("/suivi/{id}/financements")).await;
        routing.assert_ok();
        let body = &routing.body;
        let fits = body.find("Fonds qui convient — éligible").expect(body);
        let closed_at = body.find("Fonds clos — non éligible").expect(body);
        let demanding = body.find("Fonds exigeant — non éligible").expect(body);
        assert!(fits < closed_at && fits < demanding, "eligible first");
        assert!(
            body.contains("coût estimé 40\u{202f}000\u{a0}€, dans la fourchette du dispositif")
        );
        assert!(body.contains(
            "le cofinancement prévu (12\u{202f}000\u{a0}€) couvre les 12\u{202f}000\u{a0}€ requis"
        ));
        assert!(body.contains("il faut au moins 32\u{202f}000\u{a0}€ de cofinancement"));
        assert!(body.contains("dépôt clos depuis le"));
        // Another institution reads none of it.
        let other = Browser::as_(&app, Who::OtherInstitution).await;
        assert_eq!(
            other.get(&format!("/suivi/{id}/financements")).await.status,
            403
        );

        let schemes = s.list_schemes().await.unwrap();
        let scheme = |name: &str| schemes.iter().find(|x| x.name.as_str() == name).unwrap().id;
        // A scheme it does not fit is refused, with nothing filed.
        let refused = institution
            .post(
                &format!("/suivi/{id}/financements/{}", scheme("Fonds exigeant")),
                &[("plan", "Un plan")],
            )
            .await;
        assert!(refused.status.is_redirection());
        assert!(s.dossiers_of_opportunity(id).await.unwrap().is_empty());
        // A plan is required.
        let empty = institution
            .post(
                &format!("/suivi/{id}/financements/{}", scheme("Fonds qui convient")),
                &[("plan", "   ")],
            )
            .await;
        assert_eq!(empty.status, 422);
        assert!(s.dossiers_of_opportunity(id).await.unwrap().is_empty());

        let filed = institution
            .post(
                &format!("/suivi/{id}/financements/{}", scheme("Fonds qui convient")),
                &[(
                    "plan",
                    "Trois mois : maquette, essai avec deux services, bilan et recommandations.",
                )],
            )
            .await;
        assert!(filed.status.is_redirection(), "{}", filed.body);
        let dossier = s.dossiers_of_opportunity(id).await.unwrap().remove(0);
        assert_eq!(
            s.get_opportunity(id).await.unwrap().unwrap().status,
            OpportunityStatus::FundingRequested
        );
        let funder_mails = s.mails_to(&demo_account(Role::Funder).email).await.unwrap();
        assert!(
            funder_mails
                .iter()
                .any(|m| m.mail.kind == "dossier-filed"
                    && m.mail.body.contains("Fonds qui convient"))
        );
        // Filing twice with the same scheme is refused.
        institution
            .post(
                &format!("/suivi/{id}/financements/{}", scheme("Fonds qui convient")),
                &[("plan", "Encore")],
            )
            .await;
        assert_eq!(s.dossiers_of_opportunity(id).await.unwrap().len(), 1);

        // The funder reads it (page and JSON); the company reads it; another institution does not.
        let funder_b = Browser::as_(&app, Who::Funder).await;
        let list = funder_b.get("/dossiers").await;
        list.assert_ok();
        assert!(list.body.contains(&format!("/dossiers/{}", dossier.id)));
        let page = funder_b.get(&format!("/dossiers/{}", dossier.id)).await;
        page.assert_ok();
        assert!(page.body.contains("Trois mois : maquette"));
        assert!(page.body.contains("Enregistrer la décision"));
        let json = funder_b
            .get(&format!("/dossiers/{}/dossier.json", dossier.id))
            .await;
        json.assert_ok();
        let doc: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        assert_eq!(doc["scheme"]["name"], "Fonds qui convient");
        assert_eq!(doc["opportunity"]["amounts"]["estimated_cost"], 40000);
        assert_eq!(doc["irritant"]["title"], o.irritant_title.as_str());
        assert!(doc["plan"].as_str().unwrap().starts_with("Trois mois"));
        let seen = company.get(&format!("/dossiers/{}", dossier.id)).await;
        seen.assert_ok();
        assert!(
            !seen.body.contains("Enregistrer la décision"),
            "sides do not decide"
        );
        assert_eq!(
            other.get(&format!("/dossiers/{}", dossier.id)).await.status,
            403
        );
        assert_eq!(
            company
                .post(
                    &format!("/dossiers/{}/decision", dossier.id),
                    &[("decision", "accepted"), ("amount", "28000")],
                )
                .await
                .status,
            403
        );

        // A grant above the request, or without an amount, is refused; nothing changes.
        for (amount, message) in [
            ("30 000", "ne peut dépasser le montant demandé"),
            ("", "Indiquez le montant accordé"),
        ] {
            let bad = funder_b
                .post(
                    &format!("/dossiers/{}/decision", dossier.id),
                    &[("decision", "accepted"), ("amount", amount)],
                )
                .await;
            assert_eq!(bad.status, 422);
            assert!(bad.body.contains(message), "{message}");
        }
        let declined_without_reason = funder_b
            .post(
                &format!("/dossiers/{}/decision", dossier.id),
                &[("decision", "declined")],
            )
            .await;
        assert_eq!(declined_without_reason.status, 422);
        assert!(
            s.get_dossier(dossier.id)
                .await
                .unwrap()
                .unwrap()
                .decision
                .is_none()
        );

        let granted = funder_b
            .post(
                &format!("/dossiers/{}/decision", dossier.id),
                &[
                    ("decision", "accepted"),
                    ("amount", "25 000"),
                    ("comment", "Accordé sous réserve du bilan."),
                ],
            )
            .await;
        assert!(granted.status.is_redirection(), "{}", granted.body);
        let after = s.get_opportunity(id).await.unwrap().unwrap();
        assert_eq!(after.status, OpportunityStatus::Funded);
        assert_eq!(after.amounts.granted.map(|e| e.value()), Some(25_000));
        for email in [
            demo_account(Role::InstitutionMember).email,
            demo_account(Role::CompanyMember).email,
        ] {
            let mails = s.mails_to(&email).await.unwrap();
            assert!(
                mails.iter().any(|m| m.mail.kind == "dossier-decided"
                    && m.mail.body.contains("accordé")
                    && m.mail.body.contains("25\u{202f}000\u{a0}€")),
                "{email} told of the grant"
            );
        }
        // The history names the funder; a granted dossier is not decided again.
        let history = institution.get(&format!("/suivi/{id}")).await;
        assert!(history.body.contains("le financeur"));
        let again = funder_b
            .post(
                &format!("/dossiers/{}/decision", dossier.id),
                &[("decision", "declined"), ("comment", "Finalement non")],
            )
            .await;
        assert!(again.status.is_redirection());
        assert_eq!(
            s.get_dossier(dossier.id).await.unwrap().unwrap().decision,
            Some(passerelle_domain::funding::Decision::Accepted)
        );
    }
);

web_test!(the_routing_page_reads_in_english, |app| {
    let world = world(&app).await;
    let s = &app.storage;
    let id =
        passerelle_web::testing::opportunity(s, world.own, world.own_member, world.company).await;
    let institution = Browser::as_(&app, Who::OwnInstitution).await;
    institution.get("/langue?lang=en&next=/").await;
    let page = institution.get(&format!("/suivi/{id}/financements")).await;
    page.assert_ok();
    assert!(page.body.contains("Possible funding"), "{}", page.body);
});
