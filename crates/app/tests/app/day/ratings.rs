//! Ratings: each side rates a meeting it held; both in, the meeting is rated; corrections replace; a
//! no-show or a stranger cannot rate; the organisers' results add up.

use passerelle_app::ratings::{self, RatingInput};
use passerelle_app::{Error, TestClock};
use passerelle_domain::*;
use passerelle_storage::storage_test;

use super::*;

fn input(score: &str, follow_up: &str, comment: &str) -> RatingInput {
    RatingInput {
        score: score.into(),
        follow_up: follow_up.into(),
        comment: comment.into(),
    }
}

storage_test!(
    both_sides_rate_a_held_meeting_and_the_organisers_see_it,
    |storage| {
        let clock = TestClock::at(START);
        let w = world(&storage, &clock, 3).await;
        let (held, no_show) = (w.meetings[0], w.meetings[3]);
        let company_of = |m| {
            let storage = storage.clone();
            async move { storage.get_meeting(m).await.unwrap().unwrap().company.id }
        };
        assert_eq!(company_of(held).await, w.demo_company);
        assert_eq!(company_of(no_show).await, w.demo_company);
        for m in [held, no_show] {
            w.force(m, &[MeetingAction::Schedule]).await;
        }
        w.to_phase(Phase::EventDay).await;
        w.force(held, &[MeetingAction::MarkHeld]).await;
        w.force(no_show, &[MeetingAction::MarkNoShow]).await;

        // Hostile and malformed input: nothing is written, every field says why.
        for (bad, field) in [
            (input("0", "yes", ""), "score"),
            (input("", "yes", ""), "score"),
            (input("5", "perhaps", ""), "follow_up"),
            (input("5", "", ""), "follow_up"),
            (input("4", "yes", &"x".repeat(2_001)), "comment"),
            (input("3", "no", "a\u{0}b"), "comment"),
        ] {
            match ratings::rate(&w.app, &w.institution, held, bad).await {
                Err(Error::Invalid(i)) => {
                    assert!(i.fields.iter().any(|(f, _)| f == field), "{field}")
                }
                other => panic!("{field}: {other:?}"),
            }
        }
        assert!(storage.ratings_of_meeting(held).await.unwrap().is_empty());

        let one = ratings::rate(
            &w.app,
            &w.institution,
            held,
            input("4", "maybe", "Bon échange."),
        )
        .await
        .unwrap();
        assert_eq!(one.side, Side::Institution);
        assert!(!one.complete);
        assert_eq!(one.meeting.state.status, MeetingStatus::Held);
        // A correction replaces the side's rating.
        ratings::rate(
            &w.app,
            &w.institution,
            held,
            input("5", "yes", "Très bon échange."),
        )
        .await
        .unwrap();
        let both = ratings::rate(&w.app, &w.company, held, input("3", "no", ""))
            .await
            .unwrap();
        assert!(both.complete);
        assert_eq!(both.meeting.state.status, MeetingStatus::Rated);
        let stored = storage.ratings_of_meeting(held).await.unwrap();
        assert_eq!(stored.len(), 2);
        let inst = stored.iter().find(|r| r.side == Side::Institution).unwrap();
        assert_eq!(inst.rating.score.value(), 5);
        assert_eq!(inst.rating.follow_up, FollowUp::Yes);
        assert_eq!(
            inst.rating.comment.as_ref().unwrap().as_str(),
            "Très bon échange."
        );
        // Rated, a side may still correct its rating.
        ratings::rate(&w.app, &w.company, held, input("4", "maybe", ""))
            .await
            .unwrap();

        // A no-show is not rated; the organiser and someone of neither side cannot rate.
        assert!(matches!(
            ratings::rate(&w.app, &w.institution, no_show, input("3", "no", "")).await,
            Err(Error::Denied(Denied::WrongState))
        ));
        assert!(matches!(
            ratings::rate(&w.app, &w.organiser, held, input("3", "no", "")).await,
            Err(Error::Denied(Denied::Forbidden))
        ));
        let other_company = w.meetings[1];
        w.force(
            other_company,
            &[MeetingAction::Schedule, MeetingAction::MarkHeld],
        )
        .await;
        assert!(matches!(
            ratings::rate(&w.app, &w.company, other_company, input("3", "no", "")).await,
            Err(Error::Denied(Denied::Forbidden))
        ));

        let results = ratings::results(&w.app, &w.organiser, w.edition)
            .await
            .unwrap();
        assert_eq!(results.meetings.len(), 2, "the held meetings, rated or not");
        assert_eq!(results.missing, 1);
        assert_eq!(results.overall.ratings, 2);
        assert_eq!(results.overall.mean, Some(4.5));
        assert_eq!(results.overall.follow_up_yes, 1);
        assert_eq!(results.overall.follow_up_maybe, 1);
        let (title, per_irritant) = &results.irritants[0];
        assert_eq!(title, "Fiche de test numéro 1");
        assert_eq!(per_irritant.ratings, 2);
        assert!(matches!(
            ratings::results(&w.app, &w.company, w.edition).await,
            Err(Error::Denied(Denied::Forbidden))
        ));
        let audit = storage
            .audit_trail("meeting", Some(&held.to_string()), 50)
            .await
            .unwrap();
        assert_eq!(
            audit.iter().filter(|a| a.action == "meeting-rated").count(),
            4
        );
    }
);
