//! The dossier as a PDF: the same readers as its page and its JSON (the organisers, the scheme's funder,
//! the opportunity's sides, the business manager whose incubator brought the company).

use super::*;

pub const CASES: &[Case] = &[get(
    "/dossiers/{dossier}/dossier.pdf",
    [S, Y, Y, F, Y, Y, F, Y],
)];
