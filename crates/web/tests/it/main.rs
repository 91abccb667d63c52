//! Integration tests of the web application: the real server on a fresh database, every test on
//! SQLite and on PostgreSQL (`<test>::sqlite`, `<test>::postgres`), driven over HTTP like a browser,
//! mail through real SMTP to an in-process sink.

mod support;

mod account_page;
mod accounts;
mod attachments;
mod csrf;
mod data_rights;
mod day;
mod day_documents;
mod day_live;
mod directory;
mod documents;
mod dossier_pdf;
mod editions;
mod followup;
mod funding;
mod harden;
mod hostile;
mod institutions;
mod invitations;
mod language;
mod limits;
mod mails;
mod matrix;
mod pages;
mod public_pages;
mod reasons;
mod results;
mod search;
mod security;
mod sso;
