//! The controlled vocabulary of domains (specialties of companies, topics of irritants).

use crate::error::{Field, ValidationError};
use crate::text::{ShortText, Slug};

/// One domain with its French and English labels.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DomainEntry {
    pub slug: Slug,
    pub label_fr: ShortText,
    pub label_en: ShortText,
}

impl DomainEntry {
    pub fn parse(slug: &str, label_fr: &str, label_en: &str) -> Result<Self, ValidationError> {
        Ok(Self {
            slug: Slug::parse(slug)?,
            label_fr: ShortText::parse(Field::Label, label_fr)?,
            label_en: ShortText::parse(Field::Label, label_en)?,
        })
    }

    /// The label in the given language.
    pub fn label(&self, locale: crate::Locale) -> &str {
        match locale {
            crate::Locale::Fr => self.label_fr.as_str(),
            crate::Locale::En => self.label_en.as_str(),
        }
    }
}
