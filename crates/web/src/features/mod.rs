//! Handlers grouped by feature; each page is a template struct in its feature's module.

pub mod account;
pub mod agenda;
pub mod attachments;
pub mod catalogue;
pub mod company;
pub mod console;
pub mod day_changes;
pub mod day_console;
pub mod day_constraints;
pub mod day_documents;
pub mod day_live;
pub mod directory;
pub mod documents;
pub mod editions;
pub mod editions_console;
pub mod home;
pub mod institutions;
pub mod irritants;
pub mod matching;
pub mod meetings;
pub mod my_account;
pub mod personal_data;
pub mod pipeline;
pub mod sso;
pub mod thesaurus;
pub mod wishes;
