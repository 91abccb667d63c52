//! The fiche of an irritant (one A4 page, more if its texts are long) and the edition's booklet of
//! all published fiches.

use typst::foundations::{Array, IntoValue, Value};

use super::engine::{PdfError, render};
use super::qr::qr_svg;
use super::values::{Fields, paragraphs, str_value};
use crate::typography;

/// An irritant as printed. Strings are what the reader sees: the caller formats the budget ("de 15 000 €
/// à 40 000 €"), names the domains in the reader's language and includes only the contact details the
/// institution chose to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fiche {
    /// The fiche's number in its edition ("04"), if it has one.
    pub number: Option<String>,
    pub title: String,
    pub institution: String,
    /// The edition's name ("Rencontres Open Innovation 2021").
    pub edition: String,
    /// ISO 639-1 code of the language the institution wrote in ("fr").
    pub lang: String,
    pub context: Option<String>,
    pub problem: Option<String>,
    pub expected_result: Option<String>,
    pub budget: Option<String>,
    pub timeline: Option<String>,
    pub domains: Vec<String>,
    /// One line each (a name, an e-mail address), as the institution chose to show them.
    pub contact: Vec<String>,
    /// The fiche's page, absolute: what the QR code encodes.
    pub url: String,
    /// The same link as printed under the QR code (without the scheme, say).
    pub short_url: String,
}

/// The words around the content, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FicheLabels {
    /// ISO 639-1 code of the reader's language: the document's language.
    pub lang: String,
    /// "Fiche", before the number.
    pub fiche: String,
    pub context: String,
    pub problem: String,
    pub expected_result: String,
    pub budget: String,
    pub timeline: String,
    pub domains: String,
    pub contact: String,
    pub edition: String,
    /// What an empty field shows ("Non précisé").
    pub unspecified: String,
    /// The QR code's alternative text ("QR code : la fiche en ligne").
    pub qr_alt: String,
}

/// The edition's printed booklet: a cover, the table of contents, then every fiche from a new page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booklet {
    /// The edition's name: the booklet's title.
    pub title: String,
    /// Dates and place ("5 et 6 juillet 2021, Montpellier").
    pub subtitle: String,
    /// Who publishes it, at the foot of the cover.
    pub organiser: String,
    pub fiches: Vec<Fiche>,
}

/// The booklet's own words, with those of its fiches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookletLabels {
    pub fiche: FicheLabels,
    /// Above the title on the cover ("Livret des irritants").
    pub kind: String,
    /// The table of contents' heading ("Sommaire").
    pub contents: String,
    /// The number of fiches, in words ("19 fiches").
    pub count: String,
}

impl Fiche {
    fn to_value(&self) -> Value {
        // People's text gets French typography when it is French; labels come typeset from Fluent.
        let typeset = |s: &str| {
            if self.lang == "fr" {
                typography::french(s)
            } else {
                s.to_owned()
            }
        };
        let texts = |s: &Option<String>| -> Value {
            let paras: Array = s
                .as_deref()
                .map(paragraphs)
                .unwrap_or_default()
                .iter()
                .map(|p| str_value(&typeset(p)))
                .collect();
            if paras.is_empty() {
                Value::None
            } else {
                paras.into_value()
            }
        };
        Fields::new()
            .maybe("number", self.number.as_deref())
            .text("running", &self.edition)
            .text("lang", &self.lang)
            .text("title", &typeset(&self.title))
            .text("institution", &typeset(&self.institution))
            .text("edition", &self.edition)
            .value("context", texts(&self.context))
            .value("problem", texts(&self.problem))
            .value("expected_result", texts(&self.expected_result))
            .maybe("budget", self.budget.as_deref())
            .maybe("timeline", self.timeline.as_deref().map(typeset).as_deref())
            .maybe(
                "domains",
                Some(self.domains.join(", "))
                    .as_deref()
                    .filter(|d| !d.is_empty()),
            )
            .list("contact", self.contact.iter().map(String::as_str))
            .text("url", &self.url)
            .text("short_url", &self.short_url)
            .bytes("qr", qr_svg(&self.url))
            .into_value()
    }
}

impl FicheLabels {
    fn fields(&self) -> Fields {
        Fields::new()
            .text("lang", &self.lang)
            .text("fiche", &self.fiche)
            .text("context", &self.context)
            .text("problem", &self.problem)
            .text("expected_result", &self.expected_result)
            .text("budget", &self.budget)
            .text("timeline", &self.timeline)
            .text("domains", &self.domains)
            .text("contact", &self.contact)
            .text("edition", &self.edition)
            .text("unspecified", &self.unspecified)
            .text("qr_alt", &self.qr_alt)
    }
}

/// The PDF of one fiche.
pub fn fiche_pdf(fiche: &Fiche, labels: &FicheLabels) -> Result<Vec<u8>, PdfError> {
    let inputs = Fields::new()
        .value("fiche", fiche.to_value())
        .value("labels", labels.fields().into_value())
        .into_dict();
    render(
        r#"#import "/fiche.typ": fiche-document
#fiche-document(sys.inputs.fiche, sys.inputs.labels)"#,
        inputs,
    )
}

/// The PDF of the edition's booklet.
pub fn booklet_pdf(booklet: &Booklet, labels: &BookletLabels) -> Result<Vec<u8>, PdfError> {
    let fiches: Array = booklet.fiches.iter().map(Fiche::to_value).collect();
    let book = Fields::new()
        .text("title", &booklet.title)
        .text("kicker", &labels.kind)
        .text("running", &format!("{} · {}", booklet.title, labels.kind))
        .text("subtitle", &booklet.subtitle)
        .text("organiser", &booklet.organiser)
        .text("count", &labels.count)
        .value("fiches", fiches.into_value());
    let words = labels.fiche.fields().text("contents", &labels.contents);
    let inputs = Fields::new()
        .value("booklet", book.into_value())
        .value("labels", words.into_value())
        .into_dict();
    render(
        r#"#import "/fiche.typ": booklet-document
#booklet-document(sys.inputs.booklet, sys.inputs.labels)"#,
        inputs,
    )
}
