//! Passerelle's exporters: pure functions from view data (strings already localised and formatted by
//! the caller, values already authorised) to the bytes of a document. No I/O, no clock, no database.
//!
//! - [`pdf`]: printed documents (fiches, the edition's booklet; agendas and dossiers build on its look).
//! - [`ical`]: iCalendar agendas (feeds and mail attachments).

pub mod ical;
pub mod pdf;
pub mod typography;
