//! The pages axe-core checks, in French and in English: one file per area (`pages/<area>.rs`), each
//! listing its pages and who opens them. A test fails when a GET route of the router is in no list.

mod account_page;
mod accounts;
mod agenda;
mod attachments;
mod companies;
mod console;
mod day_live;
mod directory;
mod documents;
mod followup;
mod funding;
mod irritants;
mod meetings;
mod public;
mod search;
mod sso;
mod wishes;

use passerelle_domain::Role;

/// A page to check, opened by a visitor (`None`) or a demo role. `{published}` is a published
/// irritant of the demo, `{draft}` a draft of the demo institution member's institution, `{edition}`
/// the current edition, `{matching}` an edition in the matching phase and `{run}` a finished run of it;
/// `{company}` is the demo company.
/// the current edition, `{matching}` an edition in the matching phase and `{run}` a finished run of it,
/// `{prefs}` an edition in the preferences phase, `{p-irritant}` a published irritant of it (with the
/// demo company's wish) and `{company}` the demo company.
pub struct PageCheck {
    pub who: Option<Role>,
    pub path: &'static str,
}

pub const fn visitor(path: &'static str) -> PageCheck {
    PageCheck { who: None, path }
}

pub const fn as_(role: Role, path: &'static str) -> PageCheck {
    PageCheck {
        who: Some(role),
        path,
    }
}

/// Every area's pages: one line per area.
pub const AREAS: &[&[PageCheck]] = &[
    public::PAGES,
    accounts::PAGES,
    account_page::PAGES,
    agenda::PAGES,
    irritants::PAGES,
    companies::PAGES,
    console::PAGES,
    directory::PAGES,
    meetings::PAGES,
    sso::PAGES,
    wishes::PAGES,
    documents::PAGES,
    day_live::PAGES,
    attachments::PAGES,
    followup::PAGES,
    funding::PAGES,
    search::PAGES,
];

/// GET routes that are not pages (a style sheet, a redirection).
pub const NOT_PAGES: &[&str] = &[
    "/static/style.css",
    "/favicon.ico",
    "/langue",
    // Personal data as JSON files (read back in tests/it/data_rights.rs).
    "/compte/donnees.json",
    "/console/comptes/{id}/donnees.json",
    // The participant's iCalendar feed.
    "/journee/flux/{token}",
    // Single sign-on: XML for the federation, and redirections.
    "/sso/renater/metadata",
    "/connexion/renater/choix",
    "/connexion/proconnect/deconnexion",
    // The fiche as a document: PDFs (read back with poppler in tests/it/documents.rs).
    "/irritants/{id}/fiche.pdf",
    "/console/editions/{id}/livret.pdf",
    // Attachments: files to save (read back in tests/it/attachments.rs).
    "/pieces/{id}",
    // The day's PDFs (read back with poppler in tests/it/day_documents.rs and the day's browser test).
    "/journee/agenda.pdf",
    "/console/editions/{id}/journee/portes.pdf",
    "/console/editions/{id}/journee/grille.pdf",
    // A dossier as JSON and as PDF (read back in tests/it/funding.rs and tests/it/dossier_pdf.rs).
    "/dossiers/{id}/dossier.json",
    "/dossiers/{id}/dossier.pdf",
];

/// Whether a checked path (placeholders and query aside) is an instance of a route's path.
pub fn covers(route: &str, page: &str) -> bool {
    let page = page.split('?').next().unwrap_or(page);
    let r: Vec<&str> = route.split('/').collect();
    let p: Vec<&str> = page.split('/').collect();
    r.len() == p.len() && r.iter().zip(&p).all(|(r, p)| r.starts_with('{') || r == p)
}
