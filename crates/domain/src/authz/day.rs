//! The day: its set-up, the scheduling runs and their publication, agendas, rescheduling, the live board,
//! check-in, attendance marks and ratings.
//!
//! Context: `owner` is the organisation the actor acts for (a side of the meeting, or the person's own
//! organisation for a check-in), `partner` the meeting's other side; `meeting_status` the meeting's.

use super::{Action, Denied, Facts};
use crate::edition::Phase;
use crate::meeting::MeetingStatus;
use crate::organisation::Role;

/// Phases in which a schedule exists and is shown.
fn published(p: Phase) -> bool {
    matches!(
        p,
        Phase::SchedulePublished | Phase::EventDay | Phase::FollowUp | Phase::Closed
    )
}

pub(super) fn decide(f: &Facts, action: Action) -> Result<(), Denied> {
    use Action as A;
    let organiser = f.organiser();
    let side_member = || f.owner_role(Role::InstitutionMember) || f.owner_role(Role::CompanyMember);
    let meeting_is =
        |allowed: &[MeetingStatus]| f.ctx.meeting_status.is_some_and(|s| allowed.contains(&s));
    let before_publication = |p: Phase| matches!(p, Phase::Matching | Phase::SchedulePublished);
    let on_the_day = |p: Phase| matches!(p, Phase::SchedulePublished | Phase::EventDay);
    match action {
        A::ManageDaySetup => {
            f.who(organiser)?;
            f.when(f.phase_is(|p| p < Phase::EventDay))
        }
        A::StateAvailability => {
            f.who(organiser || side_member())?;
            f.when(f.phase_is(|p| {
                if organiser {
                    p < Phase::FollowUp
                } else {
                    (Phase::Preferences..=Phase::SchedulePublished).contains(&p)
                }
            }))
        }
        A::RunScheduling | A::PublishSchedule => {
            f.who(organiser)?;
            f.when(f.phase_is(before_publication))
        }
        A::ViewAgenda => {
            f.who(organiser || side_member())?;
            f.when(f.phase_is(published))
        }
        A::Reschedule | A::RunDay => {
            f.who(organiser)?;
            f.when(f.phase_is(on_the_day))
        }
        A::CheckIn => {
            f.who(organiser || f.actor.is_member_of(f.ctx.owner))?;
            f.when(f.phase_is(on_the_day))
        }
        A::MarkAttendance => {
            f.who(organiser || side_member())?;
            f.when(f.phase_is(|p| p == Phase::EventDay))?;
            f.state(meeting_is(&[
                MeetingStatus::Scheduled,
                MeetingStatus::Held,
                MeetingStatus::NoShow,
            ]))
        }
        A::RateMeeting => {
            f.who(side_member())?;
            f.when(f.phase_is(|p| matches!(p, Phase::EventDay | Phase::FollowUp)))?;
            f.state(meeting_is(&[MeetingStatus::Held, MeetingStatus::Rated]))
        }
        A::ViewRatings => f.who(organiser),
        _ => Err(Denied::Forbidden),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::super::{Area, Context, authorize};
    use super::*;

    /// Every role × every action of the day on the event day, about a held meeting of the actor's own
    /// organisation. Columns: anonymous, organiser, institution member, company member, business manager,
    /// admin, funder.
    #[test]
    fn matrix_on_the_event_day() {
        use Action as A;
        let w = World::new();
        let ctx = Context {
            phase: Some(Phase::EventDay),
            owner: Some(w.own),
            meeting_status: Some(MeetingStatus::Held),
            ..Context::default()
        };
        check_matrix(
            Area::Day,
            &w,
            &ctx,
            &[
                (A::ManageDaySetup, [S, P, F, F, F, F, F]),
                (A::StateAvailability, [S, Y, P, P, F, F, F]),
                (A::RunScheduling, [S, P, F, F, F, F, F]),
                (A::PublishSchedule, [S, P, F, F, F, F, F]),
                (A::ViewAgenda, [S, Y, Y, Y, F, F, F]),
                (A::Reschedule, [S, Y, F, F, F, F, F]),
                (A::RunDay, [S, Y, F, F, F, F, F]),
                (A::CheckIn, [S, Y, Y, Y, Y, Y, Y]),
                (A::MarkAttendance, [S, Y, Y, Y, F, F, F]),
                (A::RateMeeting, [S, F, Y, Y, F, F, F]),
                (A::ViewRatings, [S, Y, F, F, F, F, F]),
            ],
        );
    }

    #[test]
    fn the_day_follows_the_phases_and_the_meeting_state() {
        let w = World::new();
        let organiser = w.actor(Role::Organiser, false);
        let member = w.actor(Role::CompanyMember, true);
        let at = |phase, status| Context {
            phase: Some(phase),
            owner: Some(w.own),
            meeting_status: status,
            ..Context::default()
        };
        // Runs and publication happen before the day; agendas exist once published.
        assert_eq!(
            authorize(
                &organiser,
                Action::RunScheduling,
                &at(Phase::Matching, None)
            ),
            Y
        );
        assert_eq!(
            authorize(&member, Action::ViewAgenda, &at(Phase::Matching, None)),
            P
        );
        assert_eq!(
            authorize(&member, Action::ViewAgenda, &at(Phase::Closed, None)),
            Y
        );
        // A no-show cannot be rated; a scheduled meeting can be marked but not rated yet.
        let no_show = at(Phase::EventDay, Some(MeetingStatus::NoShow));
        assert_eq!(authorize(&member, Action::RateMeeting, &no_show), W);
        assert_eq!(authorize(&member, Action::MarkAttendance, &no_show), Y);
        let cancelled = at(Phase::EventDay, Some(MeetingStatus::Cancelled));
        assert_eq!(authorize(&member, Action::MarkAttendance, &cancelled), W);
        assert_eq!(
            authorize(
                &member,
                Action::RateMeeting,
                &at(Phase::FollowUp, Some(MeetingStatus::Rated))
            ),
            Y
        );
        // Members state their unavailability until publication; organisers until the day ends.
        assert_eq!(
            authorize(
                &member,
                Action::StateAvailability,
                &at(Phase::SchedulePublished, None)
            ),
            Y
        );
        // Ratings of a closed edition stay as they were.
        assert_eq!(
            authorize(
                &member,
                Action::RateMeeting,
                &at(Phase::Closed, Some(MeetingStatus::Held))
            ),
            P
        );
    }
}
