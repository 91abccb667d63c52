//! The fiche as a document: the organisers' booklet page (the PDFs themselves are not pages).

use super::*;

pub const PAGES: &[PageCheck] = &[as_(Role::Organiser, "/console/editions/{edition}/livret")];
