//! The authorization matrix: every route × every role → allowed, refused (403) or sent to sign in.
//! Each state-changing case gets its own fresh object, so that one role's success does not change
//! what the next role finds.

use passerelle_domain::Role;

use crate::support::*;

/// What a role gets on a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// 200, or a redirection elsewhere than the sign-in page.
    Ok,
    Forbidden,
    SignIn,
    /// A specific status (e.g. 404 for a link that is not valid, whoever follows it).
    Status(u16),
}
use Expect::{Forbidden as F, Ok as Y, SignIn as S};

/// Columns in the order of `Who::ALL`: anonymous, organiser, member of the owning institution,
/// member of another institution, company member, business manager, admin, funder.
type Row = [Expect; 8];

const PUBLIC: Row = [Y, Y, Y, Y, Y, Y, Y, Y];

/// A request of the matrix; `{…}` placeholders are filled per role with fresh objects.
struct Case {
    method: &'static str,
    path: &'static str,
    form: &'static [(&'static str, &'static str)],
    expect: Row,
}

const fn get(path: &'static str, expect: Row) -> Case {
    Case {
        method: "GET",
        path,
        form: &[],
        expect,
    }
}

const fn post(
    path: &'static str,
    form: &'static [(&'static str, &'static str)],
    expect: Row,
) -> Case {
    Case {
        method: "POST",
        path,
        form,
        expect,
    }
}

/// Every route of the application (see `passerelle_web::app::router`).
const CASES: &[Case] = &[
    get("/", PUBLIC),
    get("/langue?lang=en&next=/irritants", PUBLIC),
    get("/static/style.css", PUBLIC),
    get("/irritants", PUBLIC),
    get("/irritants?domaine=ia", PUBLIC),
    get("/irritants/{published}", PUBLIC),
    get("/irritants/{draft}", [S, Y, Y, F, F, F, Y, F]),
    get("/irritants/{submitted}", [S, Y, Y, F, F, F, Y, F]),
    get("/connexion", PUBLIC),
    get("/mot-de-passe-oublie", PUBLIC),
    post(
        "/mot-de-passe-oublie",
        &[("email", "personne@exemple.fr")],
        PUBLIC,
    ),
    get("/reinitialisation/{token}", [Expect::Status(404); 8]),
    get("/invitation/{token}", [Expect::Status(404); 8]),
    // The editor and the workflow.
    get("/mes-irritants", [S, Y, Y, Y, F, F, Y, F]),
    get("/irritants/nouveau", [S, Y, Y, Y, F, F, F, F]),
    post(
        "/irritants/nouveau",
        &[("title", "Un irritant de la matrice")],
        [S, Y, Y, Y, F, F, F, F],
    ),
    get("/irritants/{draft}/modifier", [S, Y, Y, F, F, F, F, F]),
    post(
        "/irritants/{draft}/modifier",
        &[("title", "Un irritant modifié")],
        [S, Y, Y, F, F, F, F, F],
    ),
    post(
        "/irritants/{draft}/soumettre",
        &[],
        [S, Y, Y, F, F, F, F, F],
    ),
    post(
        "/irritants/{submitted}/publier",
        &[],
        [S, Y, F, F, F, F, F, F],
    ),
    post(
        "/irritants/{submitted}/renvoyer",
        &[("comment", "Précisez le budget.")],
        [S, Y, F, F, F, F, F, F],
    ),
    post(
        "/irritants/{submitted}/archiver",
        &[],
        [S, Y, F, F, F, F, F, F],
    ),
    // Companies.
    get(
        "/entreprise/profil?company={company}",
        [S, Y, F, F, Y, F, F, F],
    ),
    post(
        "/entreprise/profil",
        &[
            ("company", "{company}"),
            ("description", "Nous faisons des robots."),
        ],
        [S, Y, F, F, Y, F, F, F],
    ),
    post(
        "/entreprise/inscription",
        &[("company", "{invited}")],
        [S, Y, F, F, Y, F, F, F],
    ),
    // The organisers' console.
    get("/console", [S, Y, F, F, F, F, Y, F]),
    post(
        "/console/entreprises/{registered}/valider",
        &[],
        [S, Y, F, F, F, F, F, F],
    ),
    get("/console/invitations", [S, Y, F, F, F, F, F, F]),
    post(
        "/console/invitations",
        &[
            ("email", "{email}"),
            ("kind", "institution"),
            ("organisation_name", "Université {unique}"),
        ],
        [S, Y, F, F, F, F, F, F],
    ),
    get("/console/domaines", [S, Y, F, F, F, F, Y, F]),
    post(
        "/console/domaines",
        &[
            ("slug", "d-{unique}"),
            ("label_fr", "Domaine"),
            ("label_en", "Domain"),
        ],
        [S, Y, F, F, F, F, Y, F],
    ),
    // Business managers.
    get("/pipeline", [S, Y, F, F, F, Y, F, F]),
    get("/pipeline/invitations", [S, Y, F, F, F, Y, F, F]),
    post(
        "/pipeline/invitations",
        &[
            ("email", "{email}"),
            ("organisation_name", "Jeune pousse {unique}"),
        ],
        [S, Y, F, F, F, Y, F, F],
    ),
    // Last: signing out ends the session used by the cases above.
    post("/deconnexion", &[], [S, Y, Y, Y, Y, Y, Y, Y]),
];

/// Fills the placeholders of `text` with fresh objects for one request.
async fn fill(app: &TestApp, world: &World, text: &str) -> String {
    let mut out = text.to_string();
    let s = &app.storage;
    let title = format!("Irritant de test {}", unique());
    if out.contains("{published}") {
        out = out.replace(
            "{published}",
            &irritant(s, world, world.own, "published", &title).await,
        );
    }
    if out.contains("{draft}") {
        out = out.replace(
            "{draft}",
            &irritant(s, world, world.own, "draft", &title).await,
        );
    }
    if out.contains("{submitted}") {
        out = out.replace(
            "{submitted}",
            &irritant(s, world, world.own, "submitted", &title).await,
        );
    }
    if out.contains("{company}") {
        out = out.replace("{company}", &world.company.to_string());
    }
    if out.contains("{invited}") {
        out = out.replace(
            "{invited}",
            &company(s, world, &format!("Invitée {}", unique()), false)
                .await
                .to_string(),
        );
    }
    if out.contains("{registered}") {
        out = out.replace(
            "{registered}",
            &company(s, world, &format!("Inscrite {}", unique()), true)
                .await
                .to_string(),
        );
    }
    if out.contains("{token}") {
        out = out.replace("{token}", &"ab".repeat(32));
    }
    out = out.replace("{email}", &format!("contact-{}@exemple.fr", unique()));
    out.replace("{unique}", &unique())
}

web_test!(every_route_for_every_role, |app| {
    let world = world(&app).await;
    let mut failures = Vec::new();
    for (column, who) in Who::ALL.into_iter().enumerate() {
        let browser = Browser::as_(&app, who).await;
        for case in CASES {
            let path = fill(&app, &world, case.path).await;
            let page = if case.method == "GET" {
                browser.get(&path).await
            } else {
                let mut form = Vec::new();
                for (k, v) in case.form {
                    form.push((*k, fill(&app, &world, v).await));
                }
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                browser.post(&path, &form).await
            };
            let expected = case.expect[column];
            let got = if page.to_sign_in() {
                Expect::SignIn
            } else if page.status == 403 {
                Expect::Forbidden
            } else if page.status == 200 || page.status.is_redirection() {
                Expect::Ok
            } else {
                Expect::Status(page.status.as_u16())
            };
            if got != expected {
                failures.push(format!(
                    "{who:?} {} {path}: expected {expected:?}, got {got:?} ({})",
                    case.method, page.status
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
});

web_test!(a_refusal_changes_nothing, |app| {
    let world = world(&app).await;
    let s = &app.storage;
    let id = irritant(
        s,
        &world,
        world.own,
        "submitted",
        "Un irritant que seul l'organisateur publie",
    )
    .await;
    // The owning institution's member may not publish its own irritant, nor archive it.
    let member = Browser::as_(&app, Who::OwnInstitution).await;
    assert_eq!(
        member
            .post(&format!("/irritants/{id}/publier"), &[])
            .await
            .status,
        403
    );
    assert_eq!(
        member
            .post(&format!("/irritants/{id}/archiver"), &[])
            .await
            .status,
        403
    );
    // Another institution's member may not even read it.
    let other = Browser::as_(&app, Who::OtherInstitution).await;
    assert_eq!(other.get(&format!("/irritants/{id}")).await.status, 403);
    let stored = s
        .get_irritant(passerelle_domain::IrritantId::parse(&id).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, passerelle_domain::IrritantStatus::Submitted);
    // A visitor asked to sign in comes back to the page after signing in.
    let visitor = Browser::as_(&app, Who::Anonymous).await;
    let page = visitor.get("/console").await;
    assert_eq!(page.location.as_deref(), Some("/connexion?next=/console"));
    let organiser = demo_account(Role::Organiser);
    let back = visitor
        .post(
            "/connexion",
            &[
                ("email", organiser.email.as_str()),
                ("password", organiser.password),
                ("next", "/console"),
            ],
        )
        .await;
    assert_eq!(back.location.as_deref(), Some("/console"));
    visitor.get("/console").await.assert_ok();
});
