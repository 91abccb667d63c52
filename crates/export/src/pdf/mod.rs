//! PDF documents, typeset by typst with embedded fonts, tagged and checked against PDF/UA-1.
//!
//! Each document kind has a typst template (`*.typ`, sharing `look.typ`) and a Rust module that turns its
//! view data into typst values. New kinds add a module here and their template to `engine::MODULES`.

mod day;
mod dossier;
mod engine;
mod fiche;
mod qr;
mod values;

pub use day::{
    AgendaDocument, AgendaEntry, DayLabels, DoorEntry, DoorSheet, DoorSheets, GRID_TABLES_PER_PAGE,
    Grid, GridCell, GridDay, GridRow, agenda_pdf, door_sheets_pdf, grid_pdf,
};
pub use dossier::{DossierDocument, DossierSection, dossier_pdf};
pub use engine::{PdfError, template_sources};
pub use fiche::{Booklet, BookletLabels, Fiche, FicheLabels, booklet_pdf, fiche_pdf};
pub use qr::qr_svg;
