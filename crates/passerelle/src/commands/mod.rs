pub mod assign;
pub mod backup;
pub mod config;
pub mod migrate;
pub mod rank;
pub mod schedule_b2b;
pub mod serve;
pub mod user;
