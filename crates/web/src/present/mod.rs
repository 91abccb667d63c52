//! The shared presentation of the web pages, in one place (as kanidm's `views/constants.rs`): labels of
//! the domain's codes, dates and money as each language writes them, and the site's URLs. Features use
//! these and never format a label, a date, an amount or a path of their own.

pub mod charts;
pub mod download;
pub mod labels;
pub mod personal_data;
pub mod urls;

pub use labels::*;

use passerelle_domain::{BudgetRange, PhaseWindow};
use time::Date;

use crate::i18n::{Lang, format};

/// A date: "5 juillet 2021" / "5 July 2021".
pub fn date(lang: Lang, d: Date) -> String {
    format::date(lang, d)
}

/// An instant as the site's people read it, in Paris time: "le 3 décembre 2026 à 14 h 30".
pub fn moment(lang: Lang, at: time::OffsetDateTime) -> String {
    let t = passerelle_domain::day::in_paris(at);
    format::on_date_at(lang, t.date(), t.time())
}

/// A moment after its label, in Paris time: "1er mars 2027 à 14 h 30" / "1 March 2027 at 14:30".
pub fn labelled_moment(lang: Lang, at: time::OffsetDateTime) -> String {
    let t = passerelle_domain::day::in_paris(at);
    format::date_at(lang, t.date(), t.time())
}

/// A span of days: "du 5 au 6 juillet 2021" (one date when both are the same day).
pub fn days(lang: Lang, from: Date, to: Date) -> String {
    format::date_range(lang, from, to)
}

/// The dates of a phase, or nothing when it has none.
pub fn phase_dates(lang: Lang, window: Option<&PhaseWindow>) -> String {
    window
        .and_then(|w| format::period(lang, w.starts_on(), w.ends_on()))
        .unwrap_or_default()
}

/// A budget: "de 15 000 € à 40 000 €"; "Non renseigné" without bounds.
pub fn budget(lang: Lang, budget: Option<BudgetRange>) -> String {
    budget
        .and_then(|b| format::money_range(lang, b.min_eur(), b.max_eur()))
        .unwrap_or_else(|| lang.t("not-given"))
}

/// An amount in euros: "15 000 €" / "€15,000".
pub fn money(lang: Lang, euros: u64) -> String {
    format::money(lang, euros)
}

/// The first sentences of a text, for a card.
pub fn summary(text: &str) -> String {
    const MAX: usize = 220;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{cut}…")
}

/// A slot of the day in Paris time: "2 juillet 2019, 9 h 25 – 9 h 45".
pub fn slot(lang: Lang, start: time::OffsetDateTime, end: time::OffsetDateTime) -> String {
    let (a, b) = (
        passerelle_domain::day::in_paris(start),
        passerelle_domain::day::in_paris(end),
    );
    format!(
        "{}, {} – {}",
        format::date(lang, a.date()),
        format::time(lang, a.time()),
        format::time(lang, b.time())
    )
}
