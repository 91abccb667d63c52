//! Integration tests of the web application: the real server on a fresh database (every test runs
//! on SQLite and on PostgreSQL), driven over HTTP, with mail received by an SMTP sink.

mod support;

mod accounts;
mod hostile;
mod matrix;
mod pages;
mod workflow;
