//! The authorization matrix: every route × every role → the expected answer (allowed, 403, or a
//! redirection to the sign-in page). Allowed form submissions are sent with empty fields, so that
//! passing authorization shows as a validation error (422) and nothing is written.

use passerelle_domain::{
    Email, IrritantContent, IrritantTitle, IrritantTransition, LongText, Field, DisplayName, Locale, OrganisationKind,
    OrganisationName, Password, Role,
};
use passerelle_storage::NewUser;

use crate::both_databases;
use crate::support::*;

/// Redirected to the sign-in page.
const S: u16 = 1;
const OK: u16 = 200;
const SEE: u16 = 303;
const NO: u16 = 403;
const NF: u16 = 404;
const BAD: u16 = 422;

const ROLES: [&str; 8] =
    ["anonymous", "organiser", "own institution", "other institution", "company", "business manager", "admin", "funder"];

struct Fixture {
    draft: String,
    submitted: Vec<String>,
    company: String,
}

async fn fixture(app: &TestApp) -> Fixture {
    let s = &app.storage;
    let edition = s.current_edition().await.unwrap().unwrap();
    let own = s.find_organisation(OrganisationKind::Institution, "Université Paul-Valéry Montpellier 3").await.unwrap().unwrap();
    let domain = s.list_domains().await.unwrap().remove(0).slug;
    let content = |title: &str| {
        let mut c = IrritantContent::new(IrritantTitle::parse(title).unwrap());
        c.problem = Some(LongText::parse(Field::Problem, "Un problème réel.").unwrap());
        c.expected_result = Some(LongText::parse(Field::ExpectedResult, "Un résultat.").unwrap());
        c.with_domains(vec![domain.clone()]).unwrap()
    };
    let draft = s.create_irritant(edition.id, own.id, None, &content("Brouillon de test")).await.unwrap();
    let mut submitted = Vec::new();
    for n in 0..4 {
        let i = s.create_irritant(edition.id, own.id, None, &content(&format!("Soumis de test {n}"))).await.unwrap();
        s.transition_irritant(i.id, IrritantTransition::Submit, None, None).await.unwrap();
        submitted.push(i.id.to_string());
    }
    let company = s.create_organisation(&OrganisationName::parse("Société de test").unwrap(), OrganisationKind::Company).await.unwrap();
    s.register_participation(edition.id, company.id).await.unwrap();
    // A member of another institution.
    let other = s.create_organisation(&OrganisationName::parse("Université Autre").unwrap(), OrganisationKind::Institution).await.unwrap();
    let hash = passerelle_storage::hash_password(&Password::parse("un mot de passe long").unwrap());
    let user = NewUser {
        email: Email::parse("autre@universite.example").unwrap(),
        display_name: DisplayName::parse("Autre Membre").unwrap(),
        password_hash: hash,
        locale: Locale::Fr,
    };
    s.create_user_with_membership(&user, other.id, Role::InstitutionMember).await.unwrap();
    Fixture { draft: draft.id.to_string(), submitted, company: company.id.to_string() }
}

async fn clients(app: &TestApp) -> Vec<Client> {
    let mut out = vec![Client::new(app)];
    for role in [Role::Organiser, Role::InstitutionMember] {
        out.push(signed_in(app, role).await);
    }
    let other = Client::new(app);
    other.sign_in("autre@universite.example", "un mot de passe long").await;
    out.push(other);
    for role in [Role::CompanyMember, Role::BusinessManager, Role::Admin, Role::Funder] {
        out.push(signed_in(app, role).await);
    }
    out
}

fn check(route: &str, role: usize, page: &Page, want: u16) {
    let got = page.status.as_u16();
    let ok = match want {
        S => got == 303 && page.location.as_deref().is_some_and(|l| l.starts_with("/connexion")),
        SEE => got == 303 && !page.location.as_deref().unwrap_or("").starts_with("/connexion"),
        _ => got == want,
    };
    assert!(ok, "{route} as {}: expected {want}, got {got} (location {:?})", ROLES[role], page.location);
}

both_databases!(every_route_for_every_role, true, |app: TestApp| async move {
    let f = fixture(&app).await;
    let published = first_fiche(&app).await;
    let clients = clients(&app).await;
    let draft = format!("/irritants/{}", f.draft);
    let gets: Vec<(String, [u16; 8])> = vec![
        ("/".into(), [OK; 8]),
        ("/irritants".into(), [OK; 8]),
        ("/irritants?domaine=intelligence-artificielle".into(), [OK; 8]),
        (format!("/irritants/{published}"), [OK; 8]),
        (draft.clone(), [S, OK, OK, NO, NO, NO, OK, NO]),
        ("/connexion".into(), [OK, SEE, SEE, SEE, SEE, SEE, SEE, SEE]),
        ("/mot-de-passe-oublie".into(), [OK; 8]),
        ("/reinitialisation/inconnu".into(), [NF; 8]),
        ("/invitation/inconnue".into(), [NF; 8]),
        ("/mes-irritants".into(), [S, OK, OK, OK, NO, NO, OK, NO]),
        ("/irritants/nouveau".into(), [S, OK, OK, OK, NO, NO, NO, NO]),
        (format!("{draft}/modifier"), [S, OK, OK, NO, NO, NO, NO, NO]),
        ("/entreprise/profil".into(), [S, NF, NO, NO, OK, NO, NO, NO]),
        ("/console".into(), [S, OK, NO, NO, NO, NO, OK, NO]),
        ("/console/invitations".into(), [S, OK, NO, NO, NO, NO, NO, NO]),
        ("/console/domaines".into(), [S, OK, NO, NO, NO, NO, OK, NO]),
        ("/pipeline".into(), [S, NF, NO, NO, NO, OK, NO, NO]),
        ("/pipeline/invitations".into(), [S, SEE, NO, NO, NO, OK, NO, NO]),
        ("/langue?lang=en&next=/irritants".into(), [SEE; 8]),
        ("/static/style.css".into(), [OK; 8]),
    ];
    for (route, row) in &gets {
        for (role, want) in row.iter().enumerate() {
            let page = clients[role].get(route).await;
            check(route, role, &page, *want);
        }
    }
    // Forms: allowed roles send empty fields and get the form back with errors (422).
    let posts: Vec<(String, [u16; 8])> = vec![
        ("/irritants/nouveau".into(), [S, BAD, BAD, BAD, NO, NO, NO, NO]),
        (format!("{draft}/modifier"), [S, BAD, BAD, NO, NO, NO, NO, NO]),
        (format!("/irritants/{}/renvoyer", f.submitted[0]), [S, BAD, NO, NO, NO, NO, NO, NO]),
        ("/entreprise/profil".into(), [S, NF, NO, NO, SEE, NO, NO, NO]),
        ("/console/invitations".into(), [S, BAD, NO, NO, NO, NO, NO, NO]),
        ("/console/domaines".into(), [S, BAD, NO, NO, NO, NO, BAD, NO]),
        ("/pipeline/invitations".into(), [S, NF, NO, NO, NO, BAD, NO, NO]),
    ];
    for (route, row) in &posts {
        for (role, want) in row.iter().enumerate() {
            let form_page = if role == 0 { "/connexion" } else { "/" };
            let page = clients[role].post(form_page, route, &[]).await;
            check(route, role, &page, *want);
        }
    }
    // Workflow moves: every refused role first (nothing changes), then the allowed one.
    let moves: Vec<(String, [u16; 8])> = vec![
        (format!("{draft}/soumettre"), [S, SEE, SEE, NO, NO, NO, NO, NO]),
        (format!("/irritants/{}/publier", f.submitted[1]), [S, SEE, NO, NO, NO, NO, NO, NO]),
        (format!("/irritants/{}/archiver", f.submitted[2]), [S, SEE, NO, NO, NO, NO, NO, NO]),
        (format!("/console/entreprises/{}/valider", f.company), [S, SEE, NO, NO, NO, NO, NO, NO]),
        ("/entreprise/inscription".into(), [S, NF, NO, NO, SEE, NO, NO, NO]),
        ("/deconnexion".into(), [S, SEE, SEE, SEE, SEE, SEE, SEE, SEE]),
    ];
    for (route, row) in &moves {
        let mut order: Vec<usize> = (0..8).filter(|r| row[*r] != SEE).collect();
        // One allowed role performs the move (the others would meet a changed state).
        order.extend((0..8).find(|r| row[*r] == SEE && route != "/deconnexion"));
        if route == "/deconnexion" {
            order.extend((0..8).filter(|r| row[*r] == SEE));
        }
        for role in order {
            let form_page = if role == 0 { "/connexion" } else { "/" };
            let page = clients[role].post(form_page, route, &[]).await;
            check(route, role, &page, row[role]);
        }
    }
});
