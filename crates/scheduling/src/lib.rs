//! Scheduling engine for a Rencontres Open Innovation day: meetings into time slots and tables,
//! respecting sessions, unavailability, fixed meetings, precedences and the number of tables, while
//! minimising participants' idle breaks under a fairness bound. Pure: no I/O, no async.
//!
//! - [`model`]: the description ([`InstanceSpec`]) and its validated form ([`Instance`]).
//! - [`solve()`]: the anytime solver (local search for speed, SAT for the proof of optimality).
//! - [`reschedule()`]: absorbs a change on the day while moving as few meetings as possible.
//! - [`check()`]: an independent checker of any schedule.
//! - [`align_early()`]: the same breaks, the day starting with its first slots.
//! - [`dzn`]: reader for the public B2B instances; [`generate`]: random events for tests and benchmarks.

mod align;
pub mod check;
mod cores;
pub mod dzn;
pub mod generate;
mod heuristic;
mod lns;
pub mod model;
mod reschedule;
mod sat;
pub mod schedule;
mod solve;
mod sweep;

pub use align::align_early;
pub use check::{Evaluation, Violation, check};
pub use model::{
    Instance, InstanceSpec, MeetingSpec, ModelError, ModelWarning, ParticipantSpec, SessionSpec,
};

pub use reschedule::{Change, RescheduleError, Rescheduled, reschedule, reschedule_dropping};
pub use schedule::{Placement, Schedule};
pub use solve::{Infeasibility, Outcome, Solution, SolveOptions, cheap_lower_bound, solve};
