//! A dossier as a PDF, on both databases: a side files a dossier with an open scheme of the demo
//! funder, who reads it, in French then in English, with the same content as the JSON (the irritant,
//! the company, the meeting and its ratings, the amounts, the plan) and its decision to come; a company that is not a side is refused,
//! and a malformed id is not found.

use passerelle_domain::Role;

use crate::documents::{assert_shows, download, poppler};
use crate::support::*;

web_test!(
    the_funder_reads_the_dossier_as_a_pdf_with_the_jsons_content,
    |app| {
        let world = world(&app).await;
        let s = &app.storage;
        let id =
            passerelle_web::testing::opportunity(s, world.own, world.own_member, world.company)
                .await;
        let scheme = passerelle_web::testing::open_scheme(s).await;
        let version = || async {
            s.get_opportunity(id)
                .await
                .unwrap()
                .unwrap()
                .version
                .to_string()
        };
        let institution = Browser::as_(&app, Who::OwnInstitution).await;
        let v = version().await;
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
        let v = version().await;
        let proposed = Browser::as_(&app, Who::Company)
            .await
            .post(
                &format!("/suivi/{id}/etape"),
                &[("action", "propose"), ("version", &v)],
            )
            .await;
        assert!(proposed.status.is_redirection(), "{}", proposed.body);
        let filed = institution
            .post(
                &format!("/suivi/{id}/financements/{scheme}"),
                &[(
                    "plan",
                    "Trois mois : maquette, essai avec deux services, bilan.",
                )],
            )
            .await;
        assert!(filed.status.is_redirection(), "{}", filed.body);
        let dossier = s.dossiers_of_opportunity(id).await.unwrap().remove(0);
        let doc: serde_json::Value = serde_json::from_str(&dossier.snapshot).unwrap();
        let path = format!("/dossiers/{}/dossier.pdf", dossier.id);

        let funder = Browser::as_(&app, Who::Funder).await;
        let page = funder.get(&format!("/dossiers/{}", dossier.id)).await;
        page.assert_ok();
        assert!(
            page.body.contains(&format!("href=\"{path}\"")),
            "linked from its page"
        );
        let pdf = download(&funder, &path).await;
        assert_eq!(pdf.status, 200);
        assert_eq!(pdf.content_type, "application/pdf");
        assert!(
            pdf.disposition.starts_with("inline; filename=\"dossier-"),
            "{}",
            pdf.disposition
        );
        if let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &pdf.data) {
            let at = |path: &[&str]| {
                path.iter()
                    .fold(&doc, |v, k| &v[*k])
                    .as_str()
                    .unwrap_or_else(|| panic!("{path:?} in the JSON"))
                    .to_string()
            };
            assert_shows(&text, "Dossier de financement", "its kind");
            assert_shows(&text, dossier.scheme_name.as_str(), "the scheme");
            assert_shows(&text, &at(&["irritant", "title"]), "the irritant");
            assert_shows(&text, &at(&["irritant", "institution"]), "the institution");
            assert_shows(&text, &at(&["company", "name"]), "the company");
            assert_shows(&text, "La rencontre et ses évaluations", "the meeting");
            for (label, amount) in [
                ("Coût estimé", "40 000 €"),
                ("Montant demandé", "28 000 €"),
                ("Cofinancement", "12 000 €"),
            ] {
                assert_shows(&text, label, "the budget");
                assert_shows(&text, amount, "the budget");
            }
            assert_shows(
                &text,
                "En attente de la décision du financeur",
                "no decision yet",
            );
            assert_shows(
                &text,
                "Jeune pousse (moins de 10 personnes)",
                "the company's size in words",
            );
            assert_shows(
                &text,
                "Trois mois : maquette, essai avec deux services, bilan.",
                "the plan",
            );
            // No person: neither who wrote the fiche nor who rated.
            for role in [Role::InstitutionMember, Role::CompanyMember] {
                let account = passerelle_app::demo::accounts()
                    .accounts
                    .into_iter()
                    .find(|a| a.role == role)
                    .unwrap();
                assert!(!text.contains(account.email.as_str()), "{role:?}'s address");
            }
        }
        let english = Browser {
            accept_language: Some("en"),
            ..Browser::as_(&app, Who::Funder).await
        };
        let pdf = download(&english, &path).await;
        assert_eq!(pdf.status, 200);
        if let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &pdf.data) {
            assert_shows(&text, "Funding dossier", "its kind in English");
            assert_shows(
                &text,
                "The meeting and its ratings",
                "the meeting in English",
            );
        }
        // Not a side and not its funder: refused; a malformed id: not found.
        let other = Browser::as_(&app, Who::OtherInstitution).await;
        assert!(download(&other, &path).await.status >= 400);
        assert_eq!(
            download(&funder, "/dossiers/%3Cscript%3E/dossier.pdf")
                .await
                .status,
            404
        );
    }
);
