//! The follow-up through the use cases, on both databases, with a clock the test sets: the six-month
//! rating is asked of both sides of each held meeting once the delay has passed, once; reminded once to
//! whoever has not answered; an answer opens and moves the meeting's opportunity; the organisers'
//! completion rates add up. No test sleeps: the clock jumps.

use passerelle_app::six_months::{self, AnswerInput, Sent};
use passerelle_app::{Error, TestClock, jobs};
use passerelle_domain::*;
use passerelle_storage::storage_test;
use time::Duration;
use time::macros::datetime;

use super::day::{COMPANY, INSTITUTION, world};
use super::*;

fn input(outcome: &str, amount: &str, satisfaction: &str) -> AnswerInput {
    AnswerInput {
        outcome: outcome.into(),
        amount: amount.into(),
        satisfaction: satisfaction.into(),
        comment: String::new(),
    }
}

async fn mails(storage: &passerelle_storage::Storage, to: &str, kind: &str) -> usize {
    storage
        .mails_to(&email(to))
        .await
        .unwrap()
        .iter()
        .filter(|m| m.mail.kind == kind)
        .count()
}

storage_test!(
    the_six_month_rating_is_asked_once_reminded_once_and_moves_the_opportunity,
    |storage| {
        let clock = TestClock::at(START);
        let w = world(&storage, &clock, 2).await;
        let (held, no_show) = (w.meetings[0], w.meetings[2]);
        for m in [held, no_show] {
            w.force(m, &[MeetingAction::Schedule]).await;
        }
        w.to_phase(Phase::EventDay).await;
        w.force(held, &[MeetingAction::MarkHeld]).await;
        w.force(no_show, &[MeetingAction::MarkNoShow]).await;
        w.to_phase(Phase::FollowUp).await;
        assert!(jobs::registry().kinds().contains(&six_months::JOB));

        // The day was 2 March 2027: three months on, nothing is due.
        clock.set(datetime!(2027-06-02 09:00 UTC));
        assert_eq!(six_months::send_due(&w.app).await.unwrap(), Sent::default());
        // 182 days after the day's end, both sides of the held meeting are asked (not the no-show's).
        clock.set(datetime!(2027-09-01 08:00 UTC));
        let sent = six_months::send_due(&w.app).await.unwrap();
        assert_eq!(sent.requests, 2, "{sent:?}");
        assert_eq!(sent.reminders, 0);
        assert_eq!(mails(&storage, INSTITUTION, "six-month-request").await, 1);
        assert_eq!(mails(&storage, COMPANY, "six-month-request").await, 1);
        // Running again sends nothing twice.
        assert_eq!(six_months::send_due(&w.app).await.unwrap(), Sent::default());

        // Malformed and hostile answers: every field says why, nothing is written.
        for (bad, field) in [
            (input("maybe", "", "4"), "outcome"),
            (input("", "", "4"), "outcome"),
            (input("poc", "-3", "4"), "amount"),
            (input("poc", "100000001", "4"), "amount"),
            (input("poc", "", "9"), "satisfaction"),
            (input("poc", "<script>", ""), "amount"),
        ] {
            match six_months::answer(&w.app, &w.company, &held.to_string(), bad).await {
                Err(Error::Invalid(i)) => {
                    assert!(i.fields.iter().any(|(f, _)| f == field), "{field}")
                }
                other => panic!("{field}: {other:?}"),
            }
        }
        assert!(
            storage
                .six_month_answers(w.edition)
                .await
                .unwrap()
                .is_empty()
        );
        // Only a side answers, only about a held meeting.
        assert!(matches!(
            six_months::answer(
                &w.app,
                &w.organiser,
                &held.to_string(),
                input("poc", "", "4")
            )
            .await,
            Err(Error::Denied(_))
        ));
        assert!(matches!(
            six_months::answer(
                &w.app,
                &w.company,
                &no_show.to_string(),
                input("poc", "", "4")
            )
            .await,
            Err(Error::Denied(_))
        ));

        // Thirteen days on, no reminder yet; the company answers: a POC of 25 000 euros.
        clock.advance(Duration::days(13));
        assert_eq!(six_months::send_due(&w.app).await.unwrap(), Sent::default());
        six_months::answer(
            &w.app,
            &w.company,
            &held.to_string(),
            input("poc", "25 000", "4"),
        )
        .await
        .unwrap();
        let o = storage
            .opportunity_of_meeting(held)
            .await
            .unwrap()
            .expect("a POC came of it: its opportunity is opened");
        assert_eq!(o.origin, OpportunityOrigin::SixMonths);
        assert_eq!(o.status, OpportunityStatus::PocRunning);
        assert_eq!(o.amounts.estimated_cost.map(|e| e.value()), Some(25_000));
        // Two weeks after the request, the institution alone is reminded, once.
        clock.advance(Duration::days(2));
        let sent = six_months::send_due(&w.app).await.unwrap();
        assert_eq!(
            sent,
            Sent {
                requests: 0,
                reminders: 1
            }
        );
        assert_eq!(mails(&storage, INSTITUTION, "six-month-reminder").await, 1);
        assert_eq!(mails(&storage, COMPANY, "six-month-reminder").await, 0);
        clock.advance(Duration::days(30));
        assert_eq!(six_months::send_due(&w.app).await.unwrap(), Sent::default());

        // The institution answers later ("a quote"): an answer never moves the opportunity back.
        six_months::answer(
            &w.app,
            &w.institution,
            &held.to_string(),
            input("quote", "", "5"),
        )
        .await
        .unwrap();
        let again = storage.opportunity_of_meeting(held).await.unwrap().unwrap();
        assert_eq!(again.status, OpportunityStatus::PocRunning);
        assert_eq!(again.id, o.id);

        // The organisers' completion: each side asked once, the institution reminded, both answered.
        let c = six_months::completion(&w.app, &w.organiser, w.edition)
            .await
            .unwrap();
        assert_eq!(c.institutions.asked, 1);
        assert_eq!(c.institutions.reminded, 1);
        assert_eq!(c.companies.reminded, 0);
        assert_eq!(c.overall.answered, 2);
        assert_eq!(c.overall.rate(), Some(100));
        assert!(matches!(
            six_months::completion(&w.app, &w.company, w.edition).await,
            Err(Error::Denied(_))
        ));

        // A closed edition is read-only: no more answers, no more requests.
        w.to_phase(Phase::Closed).await;
        assert!(matches!(
            six_months::answer(
                &w.app,
                &w.company,
                &held.to_string(),
                input("nothing", "", "2")
            )
            .await,
            Err(Error::Denied(_))
        ));
    }
);

storage_test!(the_delay_is_configurable, |storage| {
    let clock = TestClock::at(START);
    let w = world(&storage, &clock, 2).await;
    w.app
        .set_six_month_delays(six_months::Delays {
            after_day: Duration::days(90),
            reminder: Duration::days(7),
        })
        .unwrap();
    assert!(
        w.app
            .set_six_month_delays(six_months::Delays::default())
            .is_err()
    );
    let held = w.meetings[0];
    w.force(held, &[MeetingAction::Schedule]).await;
    w.to_phase(Phase::EventDay).await;
    w.force(held, &[MeetingAction::MarkHeld]).await;
    // 2 March 2027 + 1 day + 90 days = 1 June 2027.
    clock.set(datetime!(2027-05-31 23:00 UTC));
    assert_eq!(six_months::send_due(&w.app).await.unwrap(), Sent::default());
    clock.set(datetime!(2027-06-01 00:00 UTC));
    assert_eq!(six_months::send_due(&w.app).await.unwrap().requests, 2);
    clock.advance(Duration::days(7));
    assert_eq!(six_months::send_due(&w.app).await.unwrap().reminders, 2);
});
