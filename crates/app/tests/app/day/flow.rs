//! The whole day through the use cases: set-up, unavailability, a run as a job, publication with mails
//! and `.ics`, the feed read back by an independent parser, a cancellation and an absence absorbed with
//! the fewest moves, now/next on the clock, the live board, check-in, attendance and the rating mails.

use std::io::BufReader;

use passerelle_app::jobs::{Runner, registry};
use passerelle_app::reschedule::{self, RequestInput};
use passerelle_app::schedule::{self, AvailabilityInput, RuleInput, SetupInput};
use passerelle_app::{Error, TestClock, agendas, day};
use passerelle_domain::*;
use passerelle_storage::{RunStatus, storage_test};
use time::Duration;

use super::*;

pub fn setup_input(tables: &[&str]) -> SetupInput {
    SetupInput {
        days: vec!["2027-03-02".into()],
        morning_start: "9:00".into(),
        morning_end: "12:30".into(),
        afternoon_start: String::new(),
        afternoon_end: String::new(),
        slot_minutes: "20".into(),
        gap_minutes: "5".into(),
        pauses: "10:40-10:55".into(),
        seating: "institutions-sit".into(),
        fairness: "1".into(),
        tables: tables.join("\n"),
        step_free: vec![tables[0].into()],
    }
}

fn events(text: &str) -> Vec<ical::parser::ical::component::IcalEvent> {
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = parser.next().expect("a calendar").expect("well formed");
    assert_eq!(cal.timezones.len(), 1, "Europe/Paris stated");
    cal.events
}

fn prop(e: &ical::parser::ical::component::IcalEvent, name: &str) -> String {
    e.properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.clone())
        .unwrap_or_default()
}

storage_test!(the_day_from_set_up_to_ratings, |storage| {
    let clock = TestClock::at(START);
    let w = world(&storage, &clock, 3).await;
    let app = &w.app;
    let runner = Runner::new(app.clone(), registry());

    // Set-up: hostile input changes nothing and says which field is wrong.
    let mut bad = setup_input(&["Table 1"]);
    bad.morning_end = "25:00".into();
    bad.slot_minutes = "vingt".into();
    bad.seating = "<script>".into();
    match schedule::save_setup(app, &w.organiser, w.edition, bad).await {
        Err(Error::Invalid(i)) => {
            for f in ["morning_end", "slot_minutes", "seating"] {
                assert!(i.fields.iter().any(|(k, _)| k == f), "{f}");
            }
        }
        other => panic!("{other:?}"),
    }
    let mut twice = setup_input(&["Table 1", "Table 1"]);
    twice.days = vec!["2027-04-01".into()];
    assert!(matches!(
        schedule::save_setup(app, &w.organiser, w.edition, twice).await,
        Err(Error::Invalid(_))
    ));
    assert!(storage.day_plan(w.edition).await.unwrap().is_none());
    assert!(matches!(
        schedule::save_setup(app, &w.company, w.edition, setup_input(&["T"])).await,
        Err(Error::Denied(Denied::Forbidden))
    ));
    let setup = schedule::save_setup(
        app,
        &w.organiser,
        w.edition,
        setup_input(&["Salle Curie", "Table 2", "Table 3"]),
    )
    .await
    .unwrap();
    // 9:00 9:25 9:50 10:15 | break 10:40–10:55 | 10:55 11:20 11:45 12:10.
    assert_eq!(setup.slots.len(), 8);
    assert_eq!(setup.tables.len(), 3);
    assert!(setup.tables[0].step_free && !setup.tables[1].step_free);

    // The demo company cannot come at 9:00; the organiser imposes an order between two meetings.
    let (_, mine) = schedule::availability(app, &w.company).await.unwrap();
    assert_eq!(mine.len(), 1, "the company speaks for itself only");
    let first_slot = setup.slots[0].start.unix_timestamp();
    schedule::save_availability(
        app,
        &w.company,
        AvailabilityInput {
            participant: schedule::participant_code(mine[0].named.participant),
            unavailable: vec![first_slot.to_string()],
            step_free: false,
        },
    )
    .await
    .unwrap();
    // The team of fiche 1 needs a step-free table (it sits: its table is the step-free one).
    let (_, theirs) = schedule::availability(app, &w.institution).await.unwrap();
    assert_eq!(theirs.len(), 3, "one per fiche of the institution");
    let fiche1 = storage
        .get_meeting(w.meetings[0])
        .await
        .unwrap()
        .unwrap()
        .irritant_id;
    schedule::save_availability(
        app,
        &w.institution,
        AvailabilityInput {
            participant: format!("irritant:{fiche1}"),
            unavailable: vec![],
            step_free: true,
        },
    )
    .await
    .unwrap();
    for bad in [
        "1",
        "company:nope",
        "irritant:00000000-0000-0000-0000-000000000000",
    ] {
        assert!(
            schedule::save_availability(
                app,
                &w.company,
                AvailabilityInput {
                    participant: bad.into(),
                    ..Default::default()
                }
            )
            .await
            .is_err(),
            "{bad}"
        );
    }
    assert!(
        schedule::save_availability(
            app,
            &w.company,
            AvailabilityInput {
                participant: schedule::participant_code(mine[0].named.participant),
                unavailable: vec!["12345".into()],
                step_free: false,
            },
        )
        .await
        .is_err()
    );
    schedule::set_rule(
        app,
        &w.organiser,
        w.meetings[4],
        RuleInput {
            after: w.meetings[1].to_string(),
            ..RuleInput::default()
        },
    )
    .await
    .unwrap();

    // A run, as a job: every meeting placed, within the rules, with the bound and the proof.
    assert!(
        schedule::start_run(app, &w.organiser, w.edition, "0")
            .await
            .is_err()
    );
    let run = schedule::start_run(app, &w.organiser, w.edition, "10")
        .await
        .unwrap();
    runner.run_one().await.unwrap().expect("the run's job");
    let (_, view, placements) = schedule::run(app, &w.organiser, run).await.unwrap();
    assert_eq!(view.run.status, RunStatus::Done);
    let result = view.result.unwrap();
    assert_eq!(result.outcome, "scheduled");
    assert_eq!((result.meetings, result.placed), (9, 9));
    assert!(result.optimal && result.lower_bound <= result.total_breaks);
    assert!(result.spread <= 1);
    assert_eq!(result.step_free_unmet, 0);
    let at = |m: MeetingId| placements.iter().find(|p| p.meeting == m).unwrap();
    for m in [w.meetings[0], w.meetings[3], w.meetings[6]] {
        assert_ne!(
            at(m).start.unix_timestamp(),
            first_slot,
            "the company is away at 9:00"
        );
    }
    assert!(
        at(w.meetings[1]).start < at(w.meetings[4]).start,
        "the imposed order"
    );
    let salle = setup.tables[0].id;
    assert!(
        w.meetings[..3].iter().all(|m| at(*m).table == salle),
        "the step-free table"
    );
    // A second run to compare with.
    let again = schedule::start_run(app, &w.organiser, w.edition, "10")
        .await
        .unwrap();
    runner.run_one().await.unwrap().expect("the second job");
    let cmp = schedule::compare(app, &w.organiser, run, again)
        .await
        .unwrap();
    assert_eq!(cmp.same + cmp.moved, 9);

    // Published: scheduled meetings, the edition's phase, one mail per person with the .ics.
    assert!(
        agendas::mine(app, &w.company).await.is_err(),
        "no agenda before publication"
    );
    let published = schedule::publish(app, &w.organiser, run).await.unwrap();
    assert_eq!(published.meetings, 9);
    assert!(published.mails >= 2);
    assert_eq!(
        storage.get_edition(w.edition).await.unwrap().unwrap().phase,
        Phase::SchedulePublished
    );
    let mails = storage.mails_to(&email(COMPANY)).await.unwrap();
    let mail = mails
        .iter()
        .find(|m| m.mail.kind == "schedule-published")
        .expect("the agenda mail");
    assert!(
        mail.mail.body.contains("Fiche de test numéro 2"),
        "{}",
        mail.mail.body
    );
    let attached = mail.mail.attachment.as_ref().expect("the .ics");
    assert!(attached.content_type.starts_with("text/calendar"));
    assert_eq!(
        events(std::str::from_utf8(&attached.data).unwrap()).len(),
        3
    );

    // The agenda and its feed.
    let agenda = agendas::mine(app, &w.company).await.unwrap();
    assert_eq!(agenda.items.len(), 3);
    assert!(agenda.items.windows(2).all(|p| p[0].start <= p[1].start));
    assert!(
        agenda.items.iter().all(|i| !i.contacts.is_empty()),
        "contacts once confirmed"
    );
    let feed = agendas::feed(app, &agenda.feed_token).await.unwrap();
    let before = events(&feed);
    assert_eq!(before.len(), 3);
    let cancelled_uid = agendas::uid(w.meetings[0]);
    let first = before
        .iter()
        .find(|e| prop(e, "UID") == cancelled_uid)
        .unwrap();
    assert_eq!(prop(first, "SEQUENCE"), "0");
    assert_eq!(prop(first, "STATUS"), "CONFIRMED");
    assert!(agendas::feed(app, "not-a-token").await.is_err());
    assert!(agendas::feed(app, "../../etc/passwd").await.is_err());

    // On the day: a cancellation, previewed then applied.
    w.to_phase(Phase::EventDay).await;
    let preview = reschedule::preview(
        app,
        &w.organiser,
        w.edition,
        RequestInput {
            kind: "cancel".into(),
            meeting: w.meetings[0].to_string(),
            ..RequestInput::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(preview.1.cancelled, Some(w.meetings[0]));
    let applied = reschedule::apply(app, &w.organiser, preview.0.id)
        .await
        .unwrap();
    assert_eq!(applied.moves, preview.1.moves.len());
    assert!(
        reschedule::apply(app, &w.organiser, preview.0.id)
            .await
            .is_err(),
        "applied once"
    );
    let after = events(&agendas::feed(app, &agenda.feed_token).await.unwrap());
    assert_eq!(after.len(), 3, "the cancelled meeting stays in the feed");
    let gone = after
        .iter()
        .find(|e| prop(e, "UID") == cancelled_uid)
        .unwrap();
    assert_eq!(prop(gone, "STATUS"), "CANCELLED");
    assert_eq!(prop(gone, "SEQUENCE"), "1");
    let changed = storage.mails_to(&email(COMPANY)).await.unwrap();
    assert!(
        changed
            .iter()
            .any(|m| m.mail.kind == "agenda-changed" && m.mail.attachment.is_some())
    );

    // An absence: the institution's team of fiche 2 is away for the slot of its first meeting.
    let fiche2 = storage
        .get_meeting(w.meetings[3])
        .await
        .unwrap()
        .unwrap()
        .irritant_id;
    let live = storage.live_placements(w.edition).await.unwrap();
    let slot = live
        .iter()
        .find(|l| l.placement.meeting == w.meetings[3])
        .unwrap()
        .placement
        .start;
    let absence = reschedule::preview(
        app,
        &w.organiser,
        w.edition,
        RequestInput {
            kind: "absence".into(),
            participant: format!("irritant:{fiche2}"),
            slots: vec![slot.unix_timestamp().to_string()],
            ..RequestInput::default()
        },
    )
    .await
    .unwrap();
    assert!(
        !absence.1.moves.is_empty(),
        "its meeting in that slot moves"
    );
    assert!(absence.1.moves.iter().any(|m| m.meeting == w.meetings[3]));
    assert!(
        absence
            .1
            .moves
            .iter()
            .all(|m| m.to.start != slot || m.meeting != w.meetings[3])
    );
    // A stale preview is refused: preview another change, apply the first, the second is stale.
    let stale = reschedule::preview(
        app,
        &w.organiser,
        w.edition,
        RequestInput {
            kind: "absence".into(),
            participant: format!("irritant:{fiche2}"),
            slots: vec![slot.unix_timestamp().to_string()],
            ..RequestInput::default()
        },
    )
    .await
    .unwrap();
    reschedule::apply(app, &w.organiser, absence.0.id)
        .await
        .unwrap();
    assert!(
        matches!(reschedule::apply(app, &w.organiser, stale.0.id).await, Err(Error::Conflict(c)) if c.key == "day-change-stale")
    );
    let history = reschedule::history(app, &w.organiser, w.edition)
        .await
        .unwrap();
    assert_eq!(history.len(), 3);

    // Now/next on the clock: at 9:30 the institution is in its 9:25 meeting, if it has one.
    let agenda = agendas::mine(app, &w.institution).await.unwrap();
    let active: Vec<_> = agenda.items.iter().filter(|i| !i.cancelled()).collect();
    let first = active[0];
    clock.set(first.start + Duration::minutes(5));
    let nn = day::now_next(app, &w.institution).await.unwrap();
    assert_eq!(
        nn.current.as_ref().map(|i| i.meeting.id),
        Some(first.meeting.id)
    );
    // The institution's fiches are separate participants: two of its meetings may share a slot, so the
    // next one is the first that starts after now, not the second of the list.
    let now = first.start + Duration::minutes(5);
    assert_eq!(
        nn.next.as_ref().map(|i| i.meeting.id),
        active.iter().find(|i| i.start > now).map(|i| i.meeting.id)
    );
    let board = day::board(app, &w.organiser, w.edition, None)
        .await
        .unwrap();
    assert!(board.cells.iter().any(|c| c.state == "in-progress"));
    assert!(day::board(app, &w.company, w.edition, None).await.is_err());

    // Check-in: by the person's QR code (themselves), then by staff; twice keeps the first.
    let me = passerelle_app::user_id(&w.company).unwrap();
    let arrival = day::check_in(app, &w.company, me).await.unwrap();
    assert!(arrival.checked_in.is_some());
    let again = day::check_in(app, &w.organiser, me).await.unwrap();
    assert_eq!(again.checked_in, arrival.checked_in);
    let other = passerelle_app::user_id(&w.institution).unwrap();
    assert!(
        day::check_in(app, &w.company, other).await.is_err(),
        "not a colleague"
    );
    let (_, desk) = day::desk(app, &w.organiser, w.edition, "établissement")
        .await
        .unwrap();
    assert_eq!(desk.len(), 1);

    // Attendance: held by one side, no-show by staff; then the rating mails at the end of the day.
    let held = day::mark(app, &w.institution, first.meeting.id, true)
        .await
        .unwrap();
    assert_eq!(held.state.status, MeetingStatus::Held);
    let other_meeting = active[1].meeting.id;
    day::mark(app, &w.organiser, other_meeting, false)
        .await
        .unwrap();
    assert!(
        day::mark(app, &w.organiser, w.meetings[0], true)
            .await
            .is_err(),
        "a cancelled meeting"
    );
    clock.set(time::macros::datetime!(2027-03-02 12:00 UTC));
    runner
        .run_one()
        .await
        .unwrap()
        .expect("the rating invitations");
    let invitations = storage.mails_to(&email(INSTITUTION)).await.unwrap();
    assert!(
        invitations
            .iter()
            .any(|m| m.mail.kind == "rating-invitation")
    );
});
