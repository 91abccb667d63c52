//! Attachments over HTTP, as people use them: an institution attaches its diagrams and exports to its
//! fiche, a company its product sheet; readers download them as files; the hostile uploads are refused
//! with their reason in French and English and leave nothing behind.

use passerelle_app::attachments::{Kind, samples};
use passerelle_domain::{IrritantId, OrganisationId};
use passerelle_storage::{Attachment, AttachmentOwner};

use crate::support::*;

fn on_irritant(id: &str) -> AttachmentOwner {
    AttachmentOwner::Irritant(IrritantId::parse(id).unwrap())
}

async fn attached(app: &TestApp, owner: AttachmentOwner) -> Vec<Attachment> {
    app.storage.list_attachments(owner).await.unwrap()
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

web_test!(
    an_institution_attaches_its_files_and_readers_download_them,
    |app| {
        let world = world(&app).await;
        let draft = irritant(
            &app.storage,
            &world,
            world.own,
            "draft",
            "Plan du campus à joindre",
        )
        .await;
        let owner = on_irritant(&draft);
        let member = Browser::as_(&app, Who::OwnInstitution).await;
        let upload = format!("/irritants/{draft}/pieces");
        let back = format!("/irritants/{draft}/modifier#pieces");
        let files: Vec<(&str, Vec<u8>)> = vec![
            ("plan.pdf", samples::pdf()),
            ("photo du hall.JPG", samples::jpeg_with_exif("Jean Dupont")),
            (
                "schéma\u{202e}gnp.exe",
                samples::png_with_text("Author", "Jean Dupont"),
            ),
            ("note.docx", samples::docx()),
            ("budget.xlsx", samples::xlsx()),
            ("texte.odt", samples::odf(Kind::Odt)),
            ("tableau.ods", samples::odf(Kind::Ods)),
            ("diapos", samples::odf(Kind::Odp)),
        ];
        for (name, data) in &files {
            let page = member
                .upload(&upload, &[("retour", &back)], (name, data))
                .await;
            assert_eq!(page.assert_redirect(), back, "{name}");
        }
        let stored = attached(&app, owner).await;
        let mut kept: Vec<(&str, &str)> = stored
            .iter()
            .map(|a| (a.file_name.as_str(), a.kind.as_str()))
            .collect();
        kept.sort();
        assert_eq!(
            kept,
            [
                ("budget.xlsx", "xlsx"),
                ("diapos.odp", "odp"),
                ("note.docx", "docx"),
                ("photo du hall.jpg", "jpg"),
                ("plan.pdf", "pdf"),
                // The bidirectional override is gone, the extension is the detected type's.
                ("schémagnp.png", "png"),
                ("tableau.ods", "ods"),
                ("texte.odt", "odt"),
            ]
        );

        // The edit page lists them with their delete buttons and the upload form; the fiche links them.
        let edit = member.get(&format!("/irritants/{draft}/modifier")).await;
        edit.assert_ok();
        assert!(edit.body.contains("enctype=\"multipart/form-data\""));
        let fiche = member.get(&format!("/irritants/{draft}")).await;
        fiche.assert_ok();
        for a in &stored {
            assert!(edit.body.contains(&format!("/pieces/{}/supprimer", a.id)));
            assert!(fiche.body.contains(&format!("href=\"/pieces/{}\"", a.id)));
        }
        assert!(edit.body.contains("PDF, 1\u{a0}Ko"), "sizes in the list");

        // A download is a file to save, of its detected type; images come back without their metadata.
        let photo = stored.iter().find(|a| a.kind == "jpg").unwrap();
        let (status, headers, bytes) = member.get_bytes(&format!("/pieces/{}", photo.id)).await;
        assert_eq!(status, 200);
        assert_eq!(header(&headers, "content-type"), "image/jpeg");
        assert_eq!(
            header(&headers, "content-disposition"),
            "attachment; filename=\"photo du hall.jpg\"; filename*=UTF-8''photo%20du%20hall.jpg"
        );
        assert_eq!(header(&headers, "x-content-type-options"), "nosniff");
        assert_eq!(header(&headers, "cache-control"), "private");
        assert!(bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
        assert!(!bytes.windows(6).any(|w| w == b"Dupont"), "EXIF dropped");
        let pdf = stored.iter().find(|a| a.kind == "pdf").unwrap();
        let (_, headers, bytes) = member.get_bytes(&format!("/pieces/{}", pdf.id)).await;
        assert_eq!(bytes, samples::pdf(), "a PDF is kept byte for byte");
        assert_eq!(header(&headers, "content-type"), "application/pdf");

        // A draft's files are its institution's: others are told there is nothing; a visitor signs in.
        let path = format!("/pieces/{}", pdf.id);
        for who in [Who::OtherInstitution, Who::Company, Who::BusinessManager] {
            let b = Browser::as_(&app, who).await;
            assert_eq!(b.get(&path).await.status, 404, "{who:?}");
            let page = b.post(&format!("{path}/supprimer"), &[]).await;
            assert_eq!(page.status, 404, "{who:?} may not delete");
        }
        assert!(
            Browser::as_(&app, Who::Anonymous)
                .await
                .get(&path)
                .await
                .to_sign_in()
        );

        // Deleting removes the bytes.
        let page = member
            .post(
                &format!("/pieces/{}/supprimer", photo.id),
                &[("retour", &back)],
            )
            .await;
        assert_eq!(page.assert_redirect(), back);
        assert_eq!(app.storage.attachment_data(photo.id).await.unwrap(), None);
        assert_eq!(attached(&app, owner).await.len(), 7);

        // Ten files at most (the default): three more fit, the next is refused, and the form gives way.
        for n in 0..3 {
            let page = member
                .upload(&upload, &[], (&format!("annexe-{n}.pdf"), &samples::pdf()))
                .await;
            page.assert_redirect();
        }
        let refused = member
            .upload(&upload, &[], ("de trop.pdf", &samples::pdf()))
            .await;
        assert_eq!(refused.status, 422);
        assert!(
            refused
                .body
                .contains("Le nombre maximal de pièces jointes (10) est atteint")
        );
        assert_eq!(attached(&app, owner).await.len(), 10);
        let page = member.get(&upload).await;
        page.assert_ok();
        assert!(!page.body.contains("type=\"file\""));

        // A published fiche's files are public.
        let published = irritant(
            &app.storage,
            &world,
            world.own,
            "published",
            "Fiche publiée",
        )
        .await;
        let mut tx = app.storage.begin().await.unwrap();
        let public = tx
            .add_attachment(
                &passerelle_storage::NewAttachment {
                    owner: on_irritant(&published),
                    file_name: "plan.pdf",
                    kind: "pdf",
                    sha256: "00",
                    uploaded_by: None,
                    uploaded_at: time::OffsetDateTime::now_utc(),
                    data: &samples::pdf(),
                },
                10,
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let visitor = Browser::as_(&app, Who::Anonymous).await;
        let fiche = visitor.get(&format!("/irritants/{published}")).await;
        assert!(
            fiche
                .body
                .contains(&format!("href=\"/pieces/{}\"", public.id))
        );
        assert!(!fiche.body.contains("supprimer"), "links only");
        let (status, _, bytes) = visitor.get_bytes(&format!("/pieces/{}", public.id)).await;
        assert_eq!((status.as_u16(), bytes), (200, samples::pdf()));
    }
);

web_test!(
    hostile_uploads_are_refused_with_their_reason_and_nothing_is_stored,
    |app| {
        let world = world(&app).await;
        let draft = irritant(
            &app.storage,
            &world,
            world.own,
            "draft",
            "Cible des envois hostiles",
        )
        .await;
        let owner = on_irritant(&draft);
        let upload = format!("/irritants/{draft}/pieces");
        let fr = Browser::as_(&app, Who::OwnInstitution).await;
        let mut en = Browser::as_(&app, Who::OwnInstitution).await;
        en.accept_language = Some("en");
        let program = "est un programme, quel que soit son nom";
        let polyglot = "contient aussi un autre format";
        let path = "contient un chemin";
        let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
            (
                "rapport.pdf",
                samples::elf(),
                program,
                "is a program, whatever its name says",
            ),
            ("installateur.pdf", samples::pe(), program, "is a program"),
            (
                "photo.jpg",
                samples::jpeg_zip(),
                polyglot,
                "also holds another format",
            ),
            (
                "fiche.pdf",
                samples::pdf_html(),
                polyglot,
                "also holds another format",
            ),
            (
                "note.docx",
                samples::docx_bomb(8 * 1024 * 1024, 16),
                "se décompresse en un volume démesuré",
                "unpacks to an excessive size",
            ),
            ("../../etc/passwd.pdf", samples::pdf(), path, "holds a path"),
            ("C:\\x\\y.pdf", samples::pdf(), path, "holds a path"),
            (
                "schema.svg",
                samples::svg_script(),
                "Les images SVG ne sont pas acceptées",
                "SVG images are not accepted",
            ),
            (
                "schema.png",
                samples::svg_script(),
                "Les images SVG ne sont pas acceptées",
                "SVG images are not accepted",
            ),
            (
                "offre.pdf",
                samples::pdf_javascript(),
                "contient du JavaScript",
                "contains JavaScript",
            ),
            ("macro.docx", samples::docm(), "avec macros", "with macros"),
            (
                "vide.pdf",
                Vec::new(),
                "Choisissez un fichier",
                "Choose a file",
            ),
        ];
        for (name, data, french, english) in &cases {
            for (browser, message) in [(&fr, french), (&en, english)] {
                let page = browser.upload(&upload, &[], (name, data)).await;
                assert_eq!(page.status, 422, "{name}: {}", page.body);
                assert!(
                    page.body.contains(message),
                    "{name}: {message:?} in {}",
                    page.body
                );
                // The error summary leads to the field.
                assert!(page.body.contains("href=\"#f-file\""), "{name}");
                assert!(page.body.contains("aria-invalid=\"true\""), "{name}");
            }
        }
        // A body past the limit (10 MB by default) is not read further than needed.
        let mut big = samples::pdf();
        big.resize(10 * 1024 * 1024 + 100 * 1024, b' ');
        let page = fr.upload(&upload, &[], ("gros.pdf", &big)).await;
        assert_eq!(page.status, 413);
        assert!(
            page.body
                .contains("dépasse la taille maximale de 10\u{a0}Mo"),
            "{}",
            page.body
        );
        let page = en.upload(&upload, &[], ("big.pdf", &big)).await;
        assert!(page.body.contains("larger than the 10 MB limit"));
        assert!(attached(&app, owner).await.is_empty(), "nothing stored");
        let anywhere = app
            .storage
            .attachments_uploaded_by(world.own_member)
            .await
            .unwrap();
        assert!(anywhere.is_empty(), "nothing stored anywhere");
    }
);

web_test!(an_upload_without_its_token_changes_nothing, |app| {
    let world = world(&app).await;
    let draft = irritant(&app.storage, &world, world.own, "draft", "Jeton des envois").await;
    let upload = format!("/irritants/{draft}/pieces");
    let member = Browser::as_(&app, Who::OwnInstitution).await;
    let file = ("plan.pdf", &samples::pdf()[..]);
    let token = member.csrf().await;
    for body in [
        multipart(&[], Some(file)),
        multipart(&[("csrf", "faux")], Some(file)),
        // The token must come before the file, as the forms put it.
        [
            multipart(&[], Some(file)),
            multipart(&[("csrf", &token)], None),
        ]
        .concat(),
    ] {
        assert_eq!(member.upload_raw(&upload, &body).await.status, 403);
    }
    // Another form's route does not read multipart bodies at all.
    let other = member
        .upload_raw(
            "/irritants/nouveau",
            &multipart(&[("csrf", &token), ("title", "x")], None),
        )
        .await;
    assert_eq!(other.status, 403);
    assert!(attached(&app, on_irritant(&draft)).await.is_empty());
});

web_test!(
    a_company_attaches_its_product_sheet_for_the_institutions,
    |app| {
        let world = world(&app).await;
        let company: OrganisationId = world.company;
        let member = Browser::as_(&app, Who::Company).await;
        let back = format!("/entreprise/profil?company={company}#pieces");
        let page = member
            .upload(
                &format!("/entreprises/{company}/pieces"),
                &[("retour", &back)],
                ("Fiche produit 2026.pdf", &samples::pdf()),
            )
            .await;
        assert_eq!(page.assert_redirect(), back);
        let stored = attached(&app, AttachmentOwner::Company(company)).await;
        assert_eq!(stored.len(), 1);
        let sheet = &stored[0];
        let profile = member
            .get(&format!("/entreprise/profil?company={company}"))
            .await;
        profile.assert_ok();
        assert!(
            profile
                .body
                .contains(&format!("/pieces/{}/supprimer", sheet.id))
        );
        // Institutions preparing their meetings see it on the company's page and download it.
        let institution = Browser::as_(&app, Who::OwnInstitution).await;
        let page = institution.get(&format!("/entreprises/{company}")).await;
        page.assert_ok();
        assert!(
            page.body
                .contains(&format!("href=\"/pieces/{}\"", sheet.id))
        );
        assert!(page.body.contains("Fiche produit 2026.pdf"));
        let (status, headers, _) = institution
            .get_bytes(&format!("/pieces/{}", sheet.id))
            .await;
        assert_eq!(status, 200);
        assert!(header(&headers, "content-disposition").starts_with("attachment;"));
        // Not theirs to change; and a business manager does not see other companies' files.
        let refused = institution
            .upload(
                &format!("/entreprises/{company}/pieces"),
                &[],
                ("x.pdf", &samples::pdf()),
            )
            .await;
        assert_eq!(refused.status, 403);
        let manager = Browser::as_(&app, Who::BusinessManager).await;
        assert_eq!(
            manager.get(&format!("/pieces/{}", sheet.id)).await.status,
            404
        );
        assert_eq!(
            attached(&app, AttachmentOwner::Company(company))
                .await
                .len(),
            1
        );
    }
);
