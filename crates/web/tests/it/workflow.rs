//! The irritant workflow through the pages: an institution member writes and submits, an organiser
//! returns it with a comment, the member sees the comment and submits again, the organiser
//! publishes, and it appears in the public catalogue. Also: validation errors next to fields.

use passerelle_domain::Role;
use reqwest::StatusCode;

use crate::both_databases;
use crate::support::*;

/// The value of the first checkbox named `name` on a page.
pub fn first_checkbox(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).unwrap() + marker.len();
    body[start..start + body[start..].find('"').unwrap()].to_string()
}

both_databases!(member_writes_organiser_returns_then_publishes, true, |app: TestApp| async move {
    let member = signed_in(&app, Role::InstitutionMember).await;
    let form = member.get("/irritants/nouveau").await;
    assert_eq!(form.status, StatusCode::OK);
    let domain = first_checkbox(&form.body, "domains");
    let created = member
        .post(
            "/irritants/nouveau",
            "/irritants/nouveau",
            &[
                ("title", "Suivre les prêts de matériel"),
                ("problem", "Les prêts sont notés sur papier."),
                ("expected_result", "Un suivi en ligne."),
                ("budget_min", "10 000"),
                ("budget_max", "30000"),
                ("domains", &domain),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let fiche = created.location.unwrap();
    let page = member.get(&fiche).await;
    assert!(page.body.contains("Brouillon") && page.body.contains("Le brouillon est enregistré."));
    // Not public yet.
    assert_eq!(Client::new(&app).get(&fiche).await.status, StatusCode::SEE_OTHER);
    assert_eq!(member.post(&fiche, &format!("{fiche}/soumettre"), &[]).await.status, StatusCode::SEE_OTHER);
    let organiser = signed_in(&app, Role::Organiser).await;
    let console = organiser.get("/console").await;
    assert!(console.body.contains("Suivre les prêts de matériel"), "awaits validation");
    // Returning needs a comment.
    let refused = organiser.post(&fiche, &format!("{fiche}/renvoyer"), &[("comment", "  ")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Ce champ est obligatoire."));
    let back = organiser.post(&fiche, &format!("{fiche}/renvoyer"), &[("comment", "Précisez le nombre de prêts par an.")]).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    let edit = member.get(&format!("{fiche}/modifier")).await;
    assert!(edit.body.contains("Précisez le nombre de prêts par an."), "the member sees the comment");
    let saved = member
        .post(
            &format!("{fiche}/modifier"),
            &format!("{fiche}/modifier"),
            &[
                ("title", "Suivre les prêts de matériel"),
                ("problem", "Environ 2 000 prêts par an sont notés sur papier."),
                ("expected_result", "Un suivi en ligne."),
                ("domains", &domain),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(member.post(&fiche, &format!("{fiche}/soumettre"), &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(organiser.post(&fiche, &format!("{fiche}/publier"), &[]).await.status, StatusCode::SEE_OTHER);
    let catalogue = Client::new(&app).get("/irritants").await;
    assert!(catalogue.body.contains("Suivre les prêts de matériel"));
    assert!(catalogue.body.contains("20 irritants."));
    // Published: the institution can no longer edit it.
    assert_eq!(member.get(&format!("{fiche}/modifier")).await.status, StatusCode::CONFLICT);
});

both_databases!(invalid_and_over_long_fields_are_refused_clearly_in_both_languages, true, |app: TestApp| async move {
    let member = signed_in(&app, Role::InstitutionMember).await;
    let before = app.storage.list_irritants(&Default::default()).await.unwrap().len();
    let long_title = "T".repeat(201);
    let long_text = "x".repeat(5001);
    let fields = [
        ("title", long_title.as_str()),
        ("problem", long_text.as_str()),
        ("budget_min", "beaucoup"),
        ("contact_email", "pas-une-adresse"),
        ("domains", "domaine-inexistant"),
        ("timeline", "une ligne"),
    ];
    let page = member.post("/irritants/nouveau", "/irritants/nouveau", &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Trop long : 200 caractères au maximum."));
    assert!(page.body.contains("Trop long : 5000 caractères au maximum."));
    assert!(page.body.contains("Adresse e-mail invalide"));
    assert!(page.body.contains("Valeur inconnue"));
    assert!(page.body.contains("rien n’a été enregistré"));
    assert!(page.body.contains("value=\"une ligne\""), "the form is filled again");
    assert!(page.body.contains("aria-invalid=\"true\" aria-describedby=\"e-title"), "error tied to its field");
    member.get("/langue?lang=en&next=/").await;
    let page = member.post("/irritants/nouveau", "/irritants/nouveau", &fields).await;
    assert!(page.body.contains("Too long: at most 200 characters."));
    assert!(page.body.contains("Invalid e-mail address"));
    assert_eq!(app.storage.list_irritants(&Default::default()).await.unwrap().len(), before, "nothing written");
});
