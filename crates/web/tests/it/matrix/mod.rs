//! The authorization matrix: every route × every role → allowed, refused (403) or sent to sign in.
//! One file of cases per area (`matrix/<area>.rs`); `AREAS` lists them. The matrix fails when a route
//! of `passerelle_web::route_table()` has no case, so a new route cannot skip it. Each state-changing
//! case gets its own fresh object, so that one role's success does not change what the next role finds.

mod account_page;
mod accounts;
mod agenda;
mod attachments;
mod companies;
mod console;
mod day_live;
mod directory;
mod documents;
mod dossier_pdf;
mod editions;
mod followup;
mod funding;
mod institution_region;
mod irritants;
mod meetings;
mod pipeline;
mod public;
mod search;
mod sso;
mod wishes;

use passerelle_domain::Role;

use crate::support::*;

/// Every area's cases: one line per area.
const AREAS: &[&[Case]] = &[
    public::CASES,
    accounts::CASES,
    account_page::CASES,
    irritants::CASES,
    companies::CASES,
    console::CASES,
    directory::CASES,
    editions::CASES,
    pipeline::CASES,
    meetings::CASES,
    sso::CASES,
    wishes::CASES,
    agenda::CASES,
    documents::CASES,
    day_live::CASES,
    day_live::CONSTRAINTS,
    attachments::CASES,
    followup::CASES,
    funding::CASES,
    dossier_pdf::CASES,
    search::CASES,
    institution_region::CASES,
];

/// What a role gets on a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// 200, or a redirection elsewhere than the sign-in page.
    Ok,
    Forbidden,
    SignIn,
    /// A specific status (e.g. 404 for a link that is not valid, whoever follows it).
    Status(u16),
}
pub use Expect::{Forbidden as F, Ok as Y, SignIn as S};

/// Columns in the order of `Who::ALL`: anonymous, organiser, member of the owning institution,
/// member of another institution, company member, business manager, admin, funder.
pub type Row = [Expect; 8];

pub const PUBLIC: Row = [Y, Y, Y, Y, Y, Y, Y, Y];

/// A request of the matrix; `{…}` placeholders are filled per role with fresh objects (see `fill`).
pub struct Case {
    pub method: &'static str,
    pub path: &'static str,
    pub form: &'static [(&'static str, &'static str)],
    pub expect: Row,
    /// A multipart upload of a small PDF (the form's token first, as the pages send it).
    pub upload: bool,
}

pub const fn get(path: &'static str, expect: Row) -> Case {
    Case {
        method: "GET",
        path,
        form: &[],
        expect,
        upload: false,
    }
}

pub const fn post(
    path: &'static str,
    form: &'static [(&'static str, &'static str)],
    expect: Row,
) -> Case {
    Case {
        method: "POST",
        path,
        form,
        expect,
        upload: false,
    }
}

pub const fn upload(path: &'static str, expect: Row) -> Case {
    Case {
        method: "POST",
        path,
        form: &[],
        expect,
        upload: true,
    }
}

/// Whether a case's path (placeholders and query aside) is an instance of a route's path.
fn covers(route: &str, case: &str) -> bool {
    let case = case.split('?').next().unwrap_or(case);
    let r: Vec<&str> = route.split('/').collect();
    let c: Vec<&str> = case.split('/').collect();
    r.len() == c.len() && r.iter().zip(&c).all(|(r, c)| r.starts_with('{') || r == c)
}

/// Every route of the router has at least one case (the matrix cannot silently miss a new route), and
/// every case is a route of the router (no stale case).
#[test]
fn every_route_has_a_case_and_every_case_a_route() {
    let routes = passerelle_web::route_table();
    let cases: Vec<&Case> = AREAS.iter().flat_map(|a| a.iter()).collect();
    let missing: Vec<String> = routes
        .iter()
        .filter(|(m, p)| {
            !cases
                .iter()
                .any(|c| c.method == m.as_str() && covers(p, c.path))
        })
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(
        missing.is_empty(),
        "routes without a case in tests/it/matrix/<area>.rs: {missing:#?}"
    );
    let stale: Vec<String> = cases
        .iter()
        .filter(|c| {
            !routes
                .iter()
                .any(|(m, p)| c.method == m.as_str() && covers(p, c.path))
        })
        .map(|c| format!("{} {}", c.method, c.path))
        .collect();
    assert!(stale.is_empty(), "cases for no route: {stale:#?}");
}

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
    if out.contains("{user}") {
        out = out.replace("{user}", &world.own_member.to_string());
    }
    if out.contains("{company}") {
        out = out.replace("{company}", &world.company.to_string());
    }
    out = out.replace("{institution}", &world.own.to_string());
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
    if out.contains("{matching}") {
        out = out.replace("{matching}", &world.matching.to_string());
    }
    if out.contains("{meeting}") {
        out = out.replace("{meeting}", &proposal(s, world).await.to_string());
    }
    if out.contains("{run}") {
        out = out.replace("{run}", &finished_run(s, world).await.to_string());
    }
    if out.contains("{m-irritant}") {
        out = out.replace(
            "{m-irritant}",
            &matching_irritant(s, world, world.own).await.to_string(),
        );
    }
    if out.contains("{prefs}") || out.contains("{p-irritant}") {
        let prefs = passerelle_web::testing::preferences_edition(s, world.company).await;
        out = out.replace("{prefs}", &prefs.to_string());
        if out.contains("{p-irritant}") {
            let irritant =
                passerelle_web::testing::published_irritant(s, prefs, world.own, world.own_member)
                    .await;
            out = out.replace("{p-irritant}", &irritant.to_string());
        }
    }
    if out.contains("{scheduled}") || out.contains("{held}") {
        let day = passerelle_web::testing::event_day_edition(s, world.company).await;
        for (key, held) in [("{scheduled}", false), ("{held}", true)] {
            if out.contains(key) {
                let id = passerelle_web::testing::day_meeting(
                    s,
                    day,
                    world.own,
                    world.own_member,
                    world.company,
                    held,
                )
                .await;
                out = out.replace(key, &id.to_string());
            }
        }
    }
    if out.contains("{day}") {
        let day = passerelle_web::testing::set_up_event_day_edition(s, world.company).await;
        out = out.replace("{day}", &day.to_string());
    }
    if out.contains("{sched}") || out.contains("{srun}") {
        let organiser = app
            .storage
            .find_user_by_email(&demo_account(Role::Organiser).email)
            .await
            .unwrap()
            .unwrap();
        let organiser = app.storage.actor(organiser.id).await.unwrap();
        let sched = passerelle_web::testing::scheduling_edition(
            &app.app,
            world.own,
            world.own_member,
            world.company,
            &organiser,
        )
        .await;
        out = out.replace("{sched}", &sched.to_string());
        if out.contains("{srun}") {
            let run = passerelle_app::schedule::start_run(&app.app, &organiser, sched, "2")
                .await
                .unwrap();
            out = out.replace("{srun}", &run.to_string());
        }
    }
    if ["{live}", "{lastslot}", "{change}", "{livem}"]
        .iter()
        .any(|k| out.contains(k))
    {
        let (live, organiser) = live_day(app, world).await;
        let setup = passerelle_app::schedule::setup(&app.app, &organiser, live)
            .await
            .unwrap();
        let last = setup
            .slots
            .last()
            .unwrap()
            .start
            .unix_timestamp()
            .to_string();
        out = out.replace("{live}", &live.to_string());
        out = out.replace("{lastslot}", &last);
        if out.contains("{livem}") {
            let first = &app.storage.live_placements(live).await.unwrap()[0];
            out = out.replace("{livem}", &first.placement.meeting.to_string());
        }
        if out.contains("{change}") {
            let (change, _) = passerelle_app::reschedule::preview(
                &app.app,
                &organiser,
                live,
                passerelle_app::reschedule::RequestInput {
                    kind: "absence".into(),
                    participant: format!("company:{}", world.company),
                    slots: vec![last],
                    ..Default::default()
                },
            )
            .await
            .unwrap();
            out = out.replace("{change}", &change.id.to_string());
        }
    }
    if out.contains("{schedm}") {
        let organiser = organiser_actor(app).await;
        let sched = passerelle_web::testing::scheduling_edition(
            &app.app,
            world.own,
            world.own_member,
            world.company,
            &organiser,
        )
        .await;
        let m = &app.storage.meetings_of_edition(sched).await.unwrap()[0];
        out = out.replace("{schedm}", &m.id.to_string());
    }
    if out.contains("{opportunity}") {
        let id =
            passerelle_web::testing::opportunity(s, world.own, world.own_member, world.company)
                .await;
        out = out.replace("{opportunity}", &id.to_string());
    }
    if out.contains("{scheme}") {
        out = out.replace(
            "{scheme}",
            &passerelle_web::testing::open_scheme(s).await.to_string(),
        );
    }
    if out.contains("{dossier}") {
        let id =
            passerelle_web::testing::dossier(s, world.own, world.own_member, world.company).await;
        out = out.replace("{dossier}", &id.to_string());
    }
    if out.contains("{funder}") {
        let funder = passerelle_web::testing::demo_funder(s).await;
        out = out.replace("{funder}", &funder.to_string());
    }
    if out.contains("{person}") {
        out = out.replace("{person}", &world.own_member.to_string());
    }
    if out.contains("{concept}") {
        out = out.replace("{concept}", &test_concept(s).await);
    }
    for (key, status) in [("{attachment}", "draft"), ("{pub-attachment}", "published")] {
        if out.contains(key) {
            let title = format!("Irritant avec pièce jointe {}", unique());
            let id = irritant(s, world, world.own, status, &title).await;
            let attachment = attachments::fresh(s, attachments::on(&id)).await;
            out = out.replace(key, &attachment);
        }
    }
    if out.contains("{company-attachment}") {
        let owner = passerelle_storage::AttachmentOwner::Company(world.company);
        out = out.replace("{company-attachment}", &attachments::fresh(s, owner).await);
    }
    if out.contains("{edition}") {
        out = out.replace("{edition}", &past_edition(s).await.to_string());
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
    // Signing out ends the session the other cases use: it goes last.
    let mut cases: Vec<&Case> = AREAS.iter().flat_map(|a| a.iter()).collect();
    cases.sort_by_key(|c| c.path == "/deconnexion");
    for (column, who) in Who::ALL.into_iter().enumerate() {
        let browser = Browser::as_(&app, who).await;
        for case in &cases {
            let path = fill(&app, &world, case.path).await;
            let page = if case.method == "GET" {
                browser.get(&path).await
            } else if case.upload {
                let pdf = passerelle_app::attachments::samples::pdf();
                browser.upload(&path, &[], ("matrice.pdf", &pdf)).await
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

/// The demo organiser, as the use cases see them.
pub async fn organiser_actor(app: &TestApp) -> passerelle_domain::Actor {
    let organiser = app
        .storage
        .find_user_by_email(&demo_account(Role::Organiser).email)
        .await
        .unwrap()
        .unwrap();
    app.storage.actor(organiser.id).await.unwrap()
}

/// The tests' edition on its event day with a live schedule, and the demo organiser acting on it.
pub async fn live_day(
    app: &TestApp,
    world: &World,
) -> (passerelle_domain::EditionId, passerelle_domain::Actor) {
    let organiser = organiser_actor(app).await;
    let live = passerelle_web::testing::live_day_edition(
        &app.app,
        world.own,
        world.own_member,
        world.company,
        &organiser,
    )
    .await;
    (live, organiser)
}
