//! Hostile input: markup in every text field of every form is stored or refused, and always shown
//! inert (escaped) — never as live HTML.

use passerelle_domain::Role;

use crate::both_databases;
use crate::support::*;
use crate::workflow::first_checkbox;

const PAYLOADS: [&str; 2] = ["<script>alert(1)</script>", "\"'><img src=x onerror=alert(1)>"];

fn assert_inert(what: &str, page: &Page) {
    for raw in ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<img src=x"] {
        assert!(!page.body.contains(raw), "{what}: live markup {raw:?} in the page");
    }
}

both_databases!(markup_in_every_field_renders_inert, true, |app: TestApp| async move {
    let member = signed_in(&app, Role::InstitutionMember).await;
    let organiser = signed_in(&app, Role::Organiser).await;
    let company = signed_in(&app, Role::CompanyMember).await;
    let manager = signed_in(&app, Role::BusinessManager).await;
    let visitor = Client::new(&app);
    let domain = first_checkbox(&member.get("/irritants/nouveau").await.body, "domains");
    for (n, p) in PAYLOADS.iter().enumerate() {
        let title = format!("Titre {p}");
        // Irritant editor: every text field.
        let fields: Vec<(&str, &str)> = vec![
            ("title", &title),
            ("context", p),
            ("problem", p),
            ("expected_result", p),
            ("budget_min", p),
            ("budget_max", p),
            ("timeline", p),
            ("contact_name", p),
            ("contact_email", p),
            ("domains", p),
            ("institution", p),
        ];
        let page = member.post("/irritants/nouveau", "/irritants/nouveau", &fields).await;
        assert_inert("editor (refused)", &page);
        // The same without the fields that must be refused: stored, then shown escaped.
        let ok: Vec<(&str, &str)> = vec![
            ("title", &title),
            ("context", p),
            ("problem", p),
            ("expected_result", p),
            ("timeline", p),
            ("contact_name", p),
            ("domains", &domain),
        ];
        let created = member.post("/irritants/nouveau", "/irritants/nouveau", &ok).await;
        let fiche = created.location.expect("stored");
        let page = member.get(&fiche).await;
        assert!(page.body.contains("&lt;") || page.body.contains("&#34;"), "escaped");
        assert_inert("fiche", &page);
        assert_inert("editor", &member.get(&format!("{fiche}/modifier")).await);
        assert_inert("my irritants", &member.get("/mes-irritants").await);
        member.post(&fiche, &format!("{fiche}/soumettre"), &[]).await;
        assert_inert("console", &organiser.get("/console").await);
        let back = organiser.post(&fiche, &format!("{fiche}/renvoyer"), &[("comment", p)]).await;
        assert_inert("return", &back);
        assert_inert("fiche with comment", &member.get(&fiche).await);
        assert_inert("editor with comment", &member.get(&format!("{fiche}/modifier")).await);
        // Sign-in, forgotten password, reset, invitation.
        assert_inert("sign-in", &visitor.post("/connexion", "/connexion", &[("email", p), ("password", p), ("next", p)]).await);
        assert_inert("forgotten", &visitor.post("/mot-de-passe-oublie", "/mot-de-passe-oublie", &[("email", p)]).await);
        let encoded: String = p.bytes().map(|b| format!("%{b:02X}")).collect();
        assert_inert("reset link", &visitor.get(&format!("/reinitialisation/{encoded}")).await);
        assert_inert("invitation link", &visitor.get(&format!("/invitation/{encoded}")).await);
        assert_inert("catalogue filters", &visitor.get(&format!("/irritants?domaine={encoded}&etablissement={encoded}")).await);
        assert_inert("language switch", &visitor.get(&format!("/langue?lang={encoded}&next={encoded}")).await);
        // Company profile.
        let fields = [("description", *p), ("references", p), ("website", p), ("size", p), ("region", p), ("specialties", p)];
        assert_inert("profile (refused)", &company.post("/entreprise/profil", "/entreprise/profil", &fields).await);
        let fields = [("description", *p), ("references", p)];
        company.post("/entreprise/profil", "/entreprise/profil", &fields).await;
        assert_inert("profile", &company.get("/entreprise/profil").await);
        // Invitations (organiser and business manager) and the vocabulary.
        let org_name = format!("Organisation {n} {p}");
        let email = format!("contact{n}@hostile.example");
        let fields = [("email", *p), ("kind", p), ("organisation", p), ("organisation_name", p)];
        assert_inert("invite (refused)", &organiser.post("/console/invitations", "/console/invitations", &fields).await);
        let fields = [("email", email.as_str()), ("kind", "company"), ("organisation", ""), ("organisation_name", &org_name)];
        organiser.post("/console/invitations", "/console/invitations", &fields).await;
        assert_inert("invitations list", &organiser.get("/console/invitations").await);
        let mail = app.mail.wait_for(&email).await;
        let link = mail.first_link().unwrap();
        let path = link.trim_start_matches(&app.base_url).to_string();
        let invited = Client::new(&app);
        assert_inert("invitation page", &invited.get(&path).await);
        assert_inert("invitation (refused)", &invited.post(&path, &path, &[("name", p), ("new_password", p), ("confirm", "x")]).await);
        let fields = [("email", *p), ("organisation", p), ("organisation_name", p)];
        assert_inert("pipeline invite", &manager.post("/pipeline/invitations", "/pipeline/invitations", &fields).await);
        assert_inert("pipeline", &manager.get("/pipeline").await);
        let fields = [("slug", *p), ("label_fr", p), ("label_en", p)];
        assert_inert("vocabulary (refused)", &organiser.post("/console/domaines", "/console/domaines", &fields).await);
        let slug = format!("hostile-{n}");
        let fields = [("slug", slug.as_str()), ("label_fr", p), ("label_en", p)];
        organiser.post("/console/domaines", "/console/domaines", &fields).await;
        assert_inert("vocabulary", &organiser.get("/console/domaines").await);
        assert_inert("catalogue with new domain", &visitor.get("/irritants").await);
        assert_inert("home", &visitor.get("/").await);
    }
});
