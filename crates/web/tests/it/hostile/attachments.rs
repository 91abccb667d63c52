//! Attachments: the two payloads as file names and as the way back, on both upload forms and the delete
//! form. A name is cleaned (markup characters replaced) and shown as text; the way back stays on the site.

use passerelle_app::attachments::samples;
use passerelle_storage::AttachmentOwner;

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &[
    "/irritants/{id}/pieces",
    "/entreprises/{id}/pieces",
    "/pieces/{id}/supprimer",
];

web_test!(hostile_file_names_and_ways_back_stay_inert, |app| {
    let world = world(&app).await;
    let draft = irritant(&app.storage, &world, world.own, "draft", "Noms hostiles").await;
    let member = Browser::as_(&app, Who::OwnInstitution).await;
    let company = Browser::as_(&app, Who::Company).await;
    let targets = [
        (
            &member,
            format!("/irritants/{draft}/pieces"),
            format!("/irritants/{draft}/modifier"),
        ),
        (
            &company,
            format!("/entreprises/{}/pieces", world.company),
            format!("/entreprise/profil?company={}", world.company),
        ),
    ];
    for (browser, upload, page) in &targets {
        for payload in HOSTILE {
            let name = format!("{payload}.pdf");
            let sent = browser
                .upload(upload, &[("retour", payload)], (&name, &samples::pdf()))
                .await;
            if payload.contains('/') {
                // `</script>` reads as a folder: refused, and the page saying so stays inert.
                assert_eq!(sent.status, 422, "{payload}");
                check(browser, sent, "refused name").await;
            } else {
                // The way back is not a local path: the site's home instead.
                assert_eq!(sent.assert_redirect(), "/", "{payload}");
            }
            check(browser, browser.get(upload).await, "attachments page").await;
            check(browser, browser.get(page).await, "page with attachments").await;
            // Refused with the payload as its name: the page with the message stays inert.
            let refused = browser
                .upload(
                    upload,
                    &[("retour", payload)],
                    (&name, samples::svg_script().as_slice()),
                )
                .await;
            assert_eq!(refused.status, 422);
            check(browser, refused, "refused upload").await;
        }
    }
    let fiche = member.get(&format!("/irritants/{draft}")).await;
    check(&member, fiche, "fiche with hostile names").await;
    let kept = app
        .storage
        .list_attachments(AttachmentOwner::Irritant(draft.parse().unwrap()))
        .await
        .unwrap();
    assert_eq!(kept.len(), 1);
    assert!(
        kept.iter()
            .all(|a| !a.file_name.contains('<') && !a.file_name.contains('"'))
    );
    for a in kept {
        let page = member
            .post(
                &format!("/pieces/{}/supprimer", a.id),
                &[("retour", HOSTILE[0])],
            )
            .await;
        assert_eq!(page.assert_redirect(), "/");
    }
});
