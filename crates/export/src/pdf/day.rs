//! The day's printed documents: a participant's agenda (with the QR code of their check-in), the
//! organisers' door sheets (one page per table) and the whole grid of the day (landscape, tables as
//! columns, a few tables per page so that a large event stays readable).
//!
//! As for the fiche, every string is what the reader sees: times, dates and table names come formatted
//! from the caller, labels in the reader's language.

use typst::foundations::{Array, IntoValue, Value};

use super::engine::{PdfError, render};
use super::qr::qr_svg;
use super::values::{Fields, str_value};
use crate::typography;

/// The words of the day's documents, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayLabels {
    /// ISO 639-1 code of the reader's language: the document's language.
    pub lang: String,
    /// "Agenda", "Feuille de porte", "Grille de la journée": each document's kind, in its band.
    pub agenda: String,
    pub door: String,
    pub grid: String,
    /// Column headings.
    pub time: String,
    pub table: String,
    pub counterpart: String,
    pub irritant: String,
    pub institution: String,
    pub company: String,
    pub contact: String,
    /// What a meeting no longer held shows ("Annulée").
    pub cancelled: String,
    /// What a list without meetings says.
    pub no_meetings: String,
    /// Under the QR code of the agenda ("Accueil : présentez ce code à votre arrivée").
    pub check_in: String,
    /// The QR code's alternative text.
    pub qr_alt: String,
    /// What a contact not yet shared says ("Communiqué quand les deux parties ont accepté").
    pub contact_later: String,
}

/// One meeting on a participant's agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaEntry {
    /// "9 h 00 – 9 h 20".
    pub time: String,
    /// The table's name, with "(de plain-pied)" when step-free.
    pub table: String,
    pub counterpart: String,
    pub irritant: String,
    /// The other side's people (one line each), once both sides accepted.
    pub contacts: Vec<String>,
    pub cancelled: bool,
}

/// A participant's agenda, grouped by day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaDocument {
    /// The PDF's title ("Agenda de Claire Martin, Rencontres 2027").
    pub title: String,
    pub edition: String,
    pub person: String,
    /// Their organisations, as one line.
    pub organisations: String,
    /// Where and when ("2 mars 2027, Montpellier").
    pub subtitle: String,
    /// Each day's heading and its meetings.
    pub days: Vec<(String, Vec<AgendaEntry>)>,
    /// The person's check-in page, absolute: what the QR code encodes.
    pub check_in_url: String,
    /// The same link as printed.
    pub check_in_short: String,
}

/// One meeting at a table's door.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoorEntry {
    pub time: String,
    pub institution: String,
    pub irritant: String,
    pub company: String,
    pub cancelled: bool,
}

/// The door sheet of one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoorSheet {
    pub table: String,
    /// "Accès de plain-pied", when so.
    pub note: Option<String>,
    pub days: Vec<(String, Vec<DoorEntry>)>,
}

/// Every table's door sheet, one table a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoorSheets {
    pub title: String,
    pub edition: String,
    pub subtitle: String,
    pub sheets: Vec<DoorSheet>,
}

/// A meeting in the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    pub company: String,
    /// The institution and, after it, the irritant's title.
    pub institution: String,
    pub irritant: String,
}

/// One slot of a day in the grid: its time and each table's meeting, in the order of `GridDay::tables`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    pub time: String,
    pub cells: Vec<Option<GridCell>>,
}

/// One day of the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridDay {
    pub date: String,
    pub tables: Vec<String>,
    pub rows: Vec<GridRow>,
}

/// The whole day as a grid of slots by tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub title: String,
    pub edition: String,
    pub subtitle: String,
    pub days: Vec<GridDay>,
}

/// Tables per page of the grid: landscape A4 holds eight readable columns beside the times.
pub const GRID_TABLES_PER_PAGE: usize = 8;

impl DayLabels {
    fn fields(&self) -> Fields {
        Fields::new()
            .text("lang", &self.lang)
            .text("agenda", &self.agenda)
            .text("door", &self.door)
            .text("grid", &self.grid)
            .text("time", &self.time)
            .text("table", &self.table)
            .text("counterpart", &self.counterpart)
            .text("irritant", &self.irritant)
            .text("institution", &self.institution)
            .text("company", &self.company)
            .text("contact", &self.contact)
            .text("cancelled", &self.cancelled)
            .text("no_meetings", &self.no_meetings)
            .text("check_in", &self.check_in)
            .text("qr_alt", &self.qr_alt)
            .text("contact_later", &self.contact_later)
    }
}

fn array(values: impl IntoIterator<Item = Value>) -> Value {
    values.into_iter().collect::<Array>().into_value()
}

/// The PDF of a participant's agenda.
pub fn agenda_pdf(doc: &AgendaDocument, labels: &DayLabels) -> Result<Vec<u8>, PdfError> {
    // The institutions' and companies' words are French, whatever the reader's language.
    let t = typography::french;
    let days = array(doc.days.iter().map(|(date, entries)| {
        Fields::new()
            .text("date", date)
            .value(
                "entries",
                array(entries.iter().map(|e| {
                    Fields::new()
                        .text("time", &e.time)
                        .text("table", &e.table)
                        .text("counterpart", &t(&e.counterpart))
                        .text("irritant", &t(&e.irritant))
                        .value("contacts", array(e.contacts.iter().map(|c| str_value(c))))
                        .value("cancelled", Value::Bool(e.cancelled))
                        .into_value()
                })),
            )
            .into_value()
    }));
    let agenda = Fields::new()
        .text("title", &doc.title)
        .text("edition", &doc.edition)
        .text("person", &t(&doc.person))
        .text("organisations", &t(&doc.organisations))
        .text("subtitle", &doc.subtitle)
        .text("url", &doc.check_in_url)
        .text("short_url", &doc.check_in_short)
        .bytes("qr", qr_svg(&doc.check_in_url))
        .value("days", days);
    let inputs = Fields::new()
        .value("agenda", agenda.into_value())
        .value("labels", labels.fields().into_value())
        .into_dict();
    render(
        r#"#import "/day.typ": agenda-document
#agenda-document(sys.inputs.agenda, sys.inputs.labels)"#,
        inputs,
    )
}

/// The PDF of the door sheets, one table a page.
pub fn door_sheets_pdf(doc: &DoorSheets, labels: &DayLabels) -> Result<Vec<u8>, PdfError> {
    // The institutions' and companies' words are French, whatever the reader's language.
    let t = typography::french;
    let sheets = array(doc.sheets.iter().map(|s| {
        Fields::new()
            .text("table", &s.table)
            .maybe("note", s.note.as_deref())
            .value(
                "days",
                array(s.days.iter().map(|(date, entries)| {
                    Fields::new()
                        .text("date", date)
                        .value(
                            "entries",
                            array(entries.iter().map(|e| {
                                Fields::new()
                                    .text("time", &e.time)
                                    .text("institution", &t(&e.institution))
                                    .text("irritant", &t(&e.irritant))
                                    .text("company", &t(&e.company))
                                    .value("cancelled", Value::Bool(e.cancelled))
                                    .into_value()
                            })),
                        )
                        .into_value()
                })),
            )
            .into_value()
    }));
    let doors = Fields::new()
        .text("title", &doc.title)
        .text("edition", &doc.edition)
        .text("subtitle", &doc.subtitle)
        .value("sheets", sheets);
    let inputs = Fields::new()
        .value("doors", doors.into_value())
        .value("labels", labels.fields().into_value())
        .into_dict();
    render(
        r#"#import "/day.typ": door-document
#door-document(sys.inputs.doors, sys.inputs.labels)"#,
        inputs,
    )
}

/// The PDF of the grid: for each day, the tables in groups of [`GRID_TABLES_PER_PAGE`], each group a
/// table of slots (its heading repeated when the slots run onto another page).
pub fn grid_pdf(doc: &Grid, labels: &DayLabels) -> Result<Vec<u8>, PdfError> {
    // The institutions' and companies' words are French, whatever the reader's language.
    let t = typography::french;
    let mut parts = Vec::new();
    for day in &doc.days {
        let groups = day.tables.len().div_ceil(GRID_TABLES_PER_PAGE).max(1);
        for g in 0..groups {
            let range =
                g * GRID_TABLES_PER_PAGE..((g + 1) * GRID_TABLES_PER_PAGE).min(day.tables.len());
            let rows = array(day.rows.iter().map(|r| {
                let cells = array(r.cells[range.clone()].iter().map(|c| {
                    match c {
                        Some(c) => Fields::new()
                            .text("company", &t(&c.company))
                            .text("institution", &t(&c.institution))
                            .text("irritant", &t(&c.irritant))
                            .into_value(),
                        None => Value::None,
                    }
                }));
                Fields::new()
                    .text("time", &r.time)
                    .value("cells", cells)
                    .into_value()
            }));
            parts.push(
                Fields::new()
                    .text("date", &day.date)
                    .value(
                        "tables",
                        array(day.tables[range.clone()].iter().map(|n| str_value(n))),
                    )
                    .value("rows", rows)
                    .into_value(),
            );
        }
    }
    let grid = Fields::new()
        .text("title", &doc.title)
        .text("edition", &doc.edition)
        .text("subtitle", &doc.subtitle)
        .value("parts", array(parts));
    let inputs = Fields::new()
        .value("grid", grid.into_value())
        .value("labels", labels.fields().into_value())
        .into_dict();
    render(
        r#"#import "/day.typ": grid-document
#grid-document(sys.inputs.grid, sys.inputs.labels)"#,
        inputs,
    )
}
