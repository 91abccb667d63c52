//! The day through the use cases, on both databases: ratings (and, as they land, set-up, runs,
//! publication, agendas and feeds, rescheduling, now/next, check-in and attendance).
//!
//! The fixture is the demo (vocabulary, organisations, accounts) plus an edition of its own held on
//! 2 March 2027 (the test clock says 1 March), with three published fiches of the demo institution and a
//! meeting of each with several demo companies, imposed by the organisers.

mod flow;
mod ratings;

use passerelle_app::{App, TestClock, demo, editions};
use passerelle_domain::edition::parse_date;
use passerelle_domain::*;
use passerelle_storage::{NewEdition, NewMeeting, Storage};

use super::*;

pub const ORGANISER: &str = "organisatrice@passerelle.example";
pub const INSTITUTION: &str = "etablissement@passerelle.example";
pub const COMPANY: &str = "entreprise@passerelle.example";

pub async fn actor(storage: &Storage, address: &str) -> Actor {
    let user = storage
        .find_user_by_email(&email(address))
        .await
        .unwrap()
        .unwrap();
    storage.actor(user.id).await.unwrap()
}

pub struct World {
    pub app: App,
    pub edition: EditionId,
    pub organiser: Actor,
    pub institution: Actor,
    pub company: Actor,
    /// The meetings, by fiche then company; those with the demo company first in each fiche.
    pub meetings: Vec<MeetingId>,
    pub demo_company: OrganisationId,
}

/// The fixture, with `companies` companies meeting each of the three fiches (the demo company among them).
pub async fn world(storage: &Storage, clock: &TestClock, companies: usize) -> World {
    let app = server(storage, clock, "a", broken_smtp());
    demo::seed_until(&app, demo::Stage::Registration)
        .await
        .unwrap()
        .unwrap();
    let organiser = actor(storage, ORGANISER).await;
    let institution = actor(storage, INSTITUTION).await;
    let company = actor(storage, COMPANY).await;
    let institution_org = institution.organisations_with(Role::InstitutionMember)[0];
    let demo_company = company.organisations_with(Role::CompanyMember)[0];
    let day = parse_date("2027-03-02").unwrap();
    let edition = storage
        .create_edition(&NewEdition {
            slug: slug("rencontres-test-journee"),
            title: ShortText::parse(Field::Title, "Rencontres de test (la journée)").unwrap(),
            venue: ShortText::parse(Field::Venue, "Montpellier").unwrap(),
            dates: EditionDates::new(day, day).unwrap(),
            phase: Phase::Matching,
            phases: vec![],
        })
        .await
        .unwrap()
        .id;
    let mut others: Vec<OrganisationId> = storage
        .list_companies()
        .await
        .unwrap()
        .into_iter()
        .map(|(o, _)| o.id)
        .filter(|id| *id != demo_company)
        .collect();
    others.truncate(companies - 1);
    let mut chosen = vec![demo_company];
    chosen.extend(others);
    let domain = storage.list_domains().await.unwrap()[0].slug.clone();
    let author = passerelle_app::user_id(&institution);
    let now = app.now();
    let mut meetings = Vec::new();
    for n in 1..=3 {
        let content = complete(&format!("Fiche de test numéro {n}"), &[domain.as_str()]);
        let irritant = storage
            .create_irritant(edition, institution_org, author, &content)
            .await
            .unwrap()
            .id;
        for step in [IrritantTransition::Submit, IrritantTransition::Publish] {
            storage
                .transition_irritant(irritant, step, None, None)
                .await
                .unwrap();
        }
        let mut tx = app.begin().await.unwrap();
        for (i, c) in chosen.iter().enumerate() {
            let id = tx
                .create_meeting(
                    edition,
                    &NewMeeting {
                        irritant,
                        company: *c,
                        origin: MeetingOrigin::Imposed,
                        run: None,
                        state: MeetingState::imposed(),
                        score: Some(0.9 - 0.1 * i as f64),
                    },
                    None,
                    now,
                )
                .await
                .unwrap();
            meetings.push(id);
        }
        tx.commit().await.unwrap();
    }
    World {
        app,
        edition,
        organiser,
        institution,
        company,
        meetings,
        demo_company,
    }
}

impl World {
    /// Moves the edition forward to `phase` as the organisers do.
    pub async fn to_phase(&self, phase: Phase) {
        editions::move_phase(&self.app, &self.organiser, self.edition, phase)
            .await
            .unwrap();
    }

    /// Moves a meeting as the day would (without the day's use cases): for tests of later steps.
    pub async fn force(&self, meeting: MeetingId, actions: &[MeetingAction]) {
        let mut tx = self.app.begin().await.unwrap();
        for a in actions {
            tx.move_meeting(meeting, *a, None, None, None, None, self.app.now())
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
    }
}
