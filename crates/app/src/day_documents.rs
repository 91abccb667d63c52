//! The day's printed documents: a participant's PDF agenda (their meetings with time, table, the other
//! side, the irritant and, once both sides accepted, the other side's contacts; the QR code of their
//! check-in page), and for the organisers the door sheet of each table and the whole grid of the day.
//!
//! Like the fiches, each is kept once rendered with the fingerprint of what it prints, and rendered
//! again only once something printed changed (a move, a cancellation, a new contact, the labels).

use std::collections::{BTreeMap, HashMap};

use passerelle_domain::day::in_paris;
use passerelle_domain::{Action, Actor, Context, EditionId, TableId, authorize};
use passerelle_export::pdf::{
    self, AgendaDocument, AgendaEntry, DayLabels, DoorEntry, DoorSheet, DoorSheets, Grid, GridCell,
    GridDay, GridRow,
};
use passerelle_i18n::{Lang, format};
use passerelle_storage::{DayTable, Edition, LivePlacement, Meeting};
use time::{Date, OffsetDateTime};

use crate::agendas::{self, Agenda, Item, no_longer_held};
use crate::documents::{Pdf, file_name, fingerprint, stored_or_render};
use crate::{App, Error, Result};

const AGENDA: &str = "agenda";
const DOORS: &str = "door-sheets";
const GRID: &str = "grid";

fn labels(lang: Lang) -> DayLabels {
    DayLabels {
        lang: lang.code().to_string(),
        agenda: lang.t("day-pdf-agenda"),
        door: lang.t("day-pdf-door"),
        grid: lang.t("day-pdf-grid"),
        time: lang.t("day-agenda-time"),
        table: lang.t("day-agenda-table"),
        counterpart: lang.t("day-agenda-with"),
        irritant: lang.t("day-agenda-irritant"),
        institution: lang.t("day-pdf-institution"),
        company: lang.t("day-pdf-company"),
        contact: lang.t("day-agenda-contacts"),
        cancelled: lang.t("day-agenda-cancelled"),
        no_meetings: lang.t("day-agenda-none"),
        check_in: lang.t("day-pdf-check-in"),
        qr_alt: lang.t("day-pdf-qr-alt"),
        contact_later: lang.t("day-pdf-contact-later"),
    }
}

fn time_range(lang: Lang, start: OffsetDateTime, end: OffsetDateTime) -> String {
    lang.t_args(
        "day-time-range",
        &[
            ("start", format::time(lang, in_paris(start).time())),
            ("end", format::time(lang, in_paris(end).time())),
        ],
    )
}

/// "2 mars 2027, Montpellier": the edition's days and venue.
fn subtitle(lang: Lang, edition: &Edition) -> String {
    format!(
        "{}, {}",
        format::date_range(lang, edition.dates.first_day(), edition.dates.last_day()),
        edition.venue.as_str()
    )
}

/// A day's heading: "2 mars 2027".
fn day_heading(lang: Lang, day: Date) -> String {
    format::date(lang, day)
}

fn table_name(lang: Lang, table: &DayTable) -> String {
    if table.step_free {
        lang.t_args(
            "day-pdf-table-step-free",
            &[("table", table.name.as_str().to_string())],
        )
    } else {
        table.name.as_str().to_string()
    }
}

fn agenda_document(
    app: &App,
    lang: Lang,
    agenda: &Agenda,
    organisations: String,
) -> AgendaDocument {
    let mut days: BTreeMap<Date, Vec<AgendaEntry>> = BTreeMap::new();
    for item in &agenda.items {
        days.entry(in_paris(item.start).date())
            .or_default()
            .push(entry(lang, item));
    }
    let url = app.link(&crate::day::check_in_path(agenda.person.id));
    let person = agenda.person.display_name.as_str().to_string();
    let edition = agenda.edition.title.as_str().to_string();
    AgendaDocument {
        title: lang.t_args(
            "day-pdf-agenda-title",
            &[("person", person.clone()), ("edition", edition.clone())],
        ),
        edition,
        person,
        organisations,
        subtitle: subtitle(lang, &agenda.edition),
        days: days
            .into_iter()
            .map(|(d, entries)| (day_heading(lang, d), entries))
            .collect(),
        check_in_short: url
            .split_once("://")
            .map(|(_, rest)| rest.to_string())
            .unwrap_or_else(|| url.clone()),
        check_in_url: url,
    }
}

fn entry(lang: Lang, item: &Item) -> AgendaEntry {
    AgendaEntry {
        time: time_range(lang, item.start, item.end),
        table: item
            .table
            .as_ref()
            .map(|t| table_name(lang, t))
            .unwrap_or_default(),
        counterpart: item.counterpart.clone(),
        irritant: item.meeting.irritant_title.as_str().to_string(),
        contacts: item
            .contacts
            .iter()
            .map(|(name, email)| format!("{name}, {email}"))
            .collect(),
        cancelled: item.cancelled(),
    }
}

/// The signed-in participant's agenda as a PDF, with its labels in `lang`.
pub async fn my_agenda(app: &App, actor: &Actor, lang: Lang) -> Result<Pdf> {
    let agenda = agendas::mine(app, actor).await?;
    let organisations = app
        .storage()
        .membership_details(agenda.person.id)
        .await?
        .into_iter()
        .map(|m| m.organisation.name.as_str().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let document = agenda_document(app, lang, &agenda, organisations);
    let labels = labels(lang);
    let print = fingerprint(&(&document, &labels));
    let subject = format!("{}:{}", agenda.edition.id, agenda.person.id);
    let data = stored_or_render(app, AGENDA, &subject, lang, &print, || {
        pdf::agenda_pdf(&document, &labels)
    })
    .await?;
    Ok(Pdf {
        data,
        file_name: file_name(
            &lang.t("day-pdf-agenda-file"),
            agenda.person.display_name.as_str(),
        ),
    })
}

/// What the organisers' documents read: the edition, its tables, slots and live schedule.
struct Schedule {
    edition: Edition,
    /// Tables in use, and retired ones still holding a meeting.
    tables: Vec<DayTable>,
    /// Each day of the plan and its slots (start, end).
    days: Vec<(Date, Vec<(OffsetDateTime, OffsetDateTime)>)>,
    live: Vec<LivePlacement>,
    meetings: HashMap<passerelle_domain::MeetingId, Meeting>,
}

async fn schedule(app: &App, actor: &Actor, id: EditionId) -> Result<Schedule> {
    let edition = app
        .storage()
        .get_edition(id)
        .await?
        .ok_or(Error::NotFound)?;
    // Organisers only: no owner is given, so a side's member is not let in.
    authorize(
        actor,
        Action::ViewAgenda,
        &Context {
            phase: Some(edition.phase),
            ..Context::default()
        },
    )?;
    let plan = app
        .storage()
        .day_plan(id)
        .await?
        .map(|(p, _)| p)
        .ok_or_else(|| Error::conflict("day-no-setup"))?;
    let mut days: Vec<(Date, Vec<(OffsetDateTime, OffsetDateTime)>)> = Vec::new();
    for slot in plan.slots() {
        match days.last_mut() {
            Some((d, slots)) if *d == slot.day => slots.push((slot.start, slot.end)),
            _ => days.push((slot.day, vec![(slot.start, slot.end)])),
        }
    }
    let live = app.storage().live_placements(id).await?;
    let tables = app
        .storage()
        .day_tables(id)
        .await?
        .into_iter()
        .filter(|t| !t.retired || live.iter().any(|l| l.placement.table == t.id))
        .collect();
    let meetings = app
        .storage()
        .meetings_of_edition(id)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    Ok(Schedule {
        edition,
        tables,
        days,
        live,
        meetings,
    })
}

impl Schedule {
    /// The live placements at `table`, in time order, with their meetings.
    fn at_table(&self, table: TableId) -> Vec<(&LivePlacement, &Meeting)> {
        let mut out: Vec<_> = self
            .live
            .iter()
            .filter(|l| l.placement.table == table)
            .filter_map(|l| self.meetings.get(&l.placement.meeting).map(|m| (l, m)))
            .collect();
        out.sort_by_key(|(l, m)| (l.placement.start, no_longer_held(m)));
        out
    }
}

/// Every table's door sheet (one table a page), for the organisers.
pub async fn door_sheets(app: &App, actor: &Actor, id: EditionId, lang: Lang) -> Result<Pdf> {
    let s = schedule(app, actor, id).await?;
    let sheets = s
        .tables
        .iter()
        .map(|t| {
            let placed = s.at_table(t.id);
            DoorSheet {
                table: t.name.as_str().to_string(),
                note: t.step_free.then(|| lang.t("day-pdf-step-free")),
                days: s
                    .days
                    .iter()
                    .map(|(day, _)| {
                        let entries = placed
                            .iter()
                            .filter(|(l, _)| in_paris(l.placement.start).date() == *day)
                            .map(|(l, m)| DoorEntry {
                                time: time_range(lang, l.placement.start, l.placement.end),
                                institution: m.institution.name.as_str().to_string(),
                                irritant: m.irritant_title.as_str().to_string(),
                                company: m.company.name.as_str().to_string(),
                                cancelled: no_longer_held(m),
                            })
                            .collect();
                        (day_heading(lang, *day), entries)
                    })
                    .collect(),
            }
        })
        .collect();
    let document = DoorSheets {
        title: lang.t_args(
            "day-pdf-door-title",
            &[("edition", s.edition.title.as_str().to_string())],
        ),
        edition: s.edition.title.as_str().to_string(),
        subtitle: subtitle(lang, &s.edition),
        sheets,
    };
    let labels = labels(lang);
    let print = fingerprint(&(&document, &labels));
    let data = stored_or_render(app, DOORS, &id.to_string(), lang, &print, || {
        pdf::door_sheets_pdf(&document, &labels)
    })
    .await?;
    Ok(Pdf {
        data,
        file_name: file_name(&lang.t("day-pdf-door-file"), s.edition.title.as_str()),
    })
}

/// The grid of the day: slots by tables, the meeting held at each (a cancelled one leaves its cell
/// free), for the organisers.
pub async fn grid(app: &App, actor: &Actor, id: EditionId, lang: Lang) -> Result<Pdf> {
    let s = schedule(app, actor, id).await?;
    let mut held: HashMap<(TableId, OffsetDateTime), &Meeting> = HashMap::new();
    for l in &s.live {
        if let Some(m) = s
            .meetings
            .get(&l.placement.meeting)
            .filter(|m| !no_longer_held(m))
        {
            held.insert((l.placement.table, l.placement.start), m);
        }
    }
    let days = s
        .days
        .iter()
        .map(|(day, slots)| GridDay {
            date: day_heading(lang, *day),
            tables: s
                .tables
                .iter()
                .map(|t| t.name.as_str().to_string())
                .collect(),
            rows: slots
                .iter()
                .map(|(start, _)| GridRow {
                    time: format::time(lang, in_paris(*start).time()),
                    cells: s
                        .tables
                        .iter()
                        .map(|t| {
                            held.get(&(t.id, *start)).map(|m| GridCell {
                                company: m.company.name.as_str().to_string(),
                                institution: m.institution.name.as_str().to_string(),
                                irritant: m.irritant_title.as_str().to_string(),
                            })
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let document = Grid {
        title: lang.t_args(
            "day-pdf-grid-title",
            &[("edition", s.edition.title.as_str().to_string())],
        ),
        edition: s.edition.title.as_str().to_string(),
        subtitle: subtitle(lang, &s.edition),
        days,
    };
    let labels = labels(lang);
    let print = fingerprint(&(&document, &labels));
    let data = stored_or_render(app, GRID, &id.to_string(), lang, &print, || {
        pdf::grid_pdf(&document, &labels)
    })
    .await?;
    Ok(Pdf {
        data,
        file_name: file_name(&lang.t("day-pdf-grid-file"), s.edition.title.as_str()),
    })
}
