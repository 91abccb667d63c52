pub mod assign;
pub mod rank;
pub mod schedule_b2b;
