//! Hostile input: the two classic payloads in every text field of every form. Whether the field
//! accepts them (then they are stored and shown as text) or refuses them (then the form comes back
//! re-filled), no page ever renders them as markup. One file per area (`hostile/<area>.rs`), each
//! listing the form routes it covers in `POSTS`; a test fails when a POST route of the router is in no
//! area's list.

mod account_page;
mod accounts;
mod agenda;
mod attachments;
mod companies;
mod console;
mod day_console;
mod day_documents;
mod day_live;
mod documents;
mod editions;
mod followup;
mod funding;
mod institution_region;
mod invitations;
mod irritants;
mod meetings;
mod search;
mod sso;
mod wishes;

use crate::support::*;

/// Every area's covered form routes: one line per area.
const AREAS: &[&[&str]] = &[
    accounts::POSTS,
    account_page::POSTS,
    agenda::POSTS,
    companies::POSTS,
    console::POSTS,
    day_console::POSTS,
    day_live::POSTS,
    day_documents::POSTS,
    editions::POSTS,
    invitations::POSTS,
    irritants::POSTS,
    meetings::POSTS,
    sso::POSTS,
    wishes::POSTS,
    documents::POSTS,
    attachments::POSTS,
    followup::POSTS,
    funding::POSTS,
    search::POSTS,
    institution_region::POSTS,
];

#[test]
fn every_form_route_is_attacked() {
    let covered: Vec<&str> = AREAS.iter().flat_map(|a| a.iter().copied()).collect();
    let missing: Vec<&str> = passerelle_web::route_table()
        .into_iter()
        .filter(|(m, p)| *m == axum::http::Method::POST && !covered.contains(p))
        .map(|(_, p)| p)
        .collect();
    assert!(
        missing.is_empty(),
        "form routes without hostile input in tests/it/hostile/<area>.rs: {missing:?}"
    );
}

/// Checks a response and, if it redirects, the page it leads to; returns the last body.
pub async fn check(browser: &Browser, page: Page, context: &str) -> String {
    assert!(
        page.status.as_u16() < 500,
        "{context}: server error {}",
        page.status
    );
    assert_inert(&page.body, context);
    match page.location.clone() {
        Some(to) if page.status.is_redirection() => {
            let next = browser.get(&to).await;
            assert_inert(&next.body, &format!("{context} → {to}"));
            next.body
        }
        _ => page.body,
    }
}

pub fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
