//! A funding dossier as the scheme's funder reads it: the same content as the dossier's JSON, worded in
//! the reader's language by the caller, one section after another.

use typst::foundations::{Array, IntoValue, Value};

use super::engine::{PdfError, render};
use super::values::{Fields, paragraphs, str_value};
use crate::typography;

/// The dossier as printed. Strings are what the reader sees: the caller words every value (amounts as
/// « 36 000 € », dates, states) and leaves out what the funder must not see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierDocument {
    /// ISO 639-1 code of the reader's language: the document's language.
    pub lang: String,
    /// The language the sides wrote their texts in.
    pub text_lang: String,
    /// What it is, in the top band and the footer ("Dossier de financement").
    pub kind: String,
    /// The scheme it was filed with, in the top band.
    pub reference: String,
    /// The irritant's title.
    pub title: String,
    /// The pair: the institution and the company.
    pub subtitle: String,
    pub sections: Vec<DossierSection>,
}

/// A section: labelled facts, then labelled texts (a label of `None`: the section's own text).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DossierSection {
    pub heading: String,
    pub facts: Vec<(String, String)>,
    pub texts: Vec<(Option<String>, String)>,
}

impl DossierDocument {
    fn to_value(&self) -> Value {
        // The sides' words get French typography when they are French; labels come typeset from Fluent.
        let typeset = |s: &str| {
            if self.text_lang == "fr" {
                typography::french(s)
            } else {
                s.to_owned()
            }
        };
        let sections: Array = self
            .sections
            .iter()
            .map(|s| {
                let facts: Array = s
                    .facts
                    .iter()
                    .map(|(label, value)| {
                        let pair: Array = [str_value(label), str_value(&typeset(value))]
                            .into_iter()
                            .collect();
                        pair.into_value()
                    })
                    .collect();
                let texts: Array = s
                    .texts
                    .iter()
                    .map(|(label, text)| {
                        let paras: Array = paragraphs(text)
                            .iter()
                            .map(|p| str_value(&typeset(p)))
                            .collect();
                        let label = label.as_deref().map_or(Value::None, str_value);
                        let pair: Array = [label, paras.into_value()].into_iter().collect();
                        pair.into_value()
                    })
                    .collect();
                let or_none = |a: Array| {
                    if a.is_empty() {
                        Value::None
                    } else {
                        a.into_value()
                    }
                };
                Fields::new()
                    .text("heading", &s.heading)
                    .value("facts", or_none(facts))
                    .value("texts", or_none(texts))
                    .into_value()
            })
            .collect();
        Fields::new()
            .text("lang", &self.lang)
            .text("text_lang", &self.text_lang)
            .text("kind", &self.kind)
            .text("reference", &self.reference)
            .text("running", &format!("{} · {}", self.kind, self.reference))
            .text("title", &typeset(&self.title))
            .text("subtitle", &typeset(&self.subtitle))
            .value("sections", sections.into_value())
            .into_value()
    }
}

/// The PDF of a dossier.
pub fn dossier_pdf(dossier: &DossierDocument) -> Result<Vec<u8>, PdfError> {
    let inputs = Fields::new()
        .value("dossier", dossier.to_value())
        .into_dict();
    render(
        r#"#import "/dossier.typ": dossier-document
#dossier-document(sys.inputs.dossier)"#,
        inputs,
    )
}
