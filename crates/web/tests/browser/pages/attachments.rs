//! Attachments: the list pages with their upload form (the edit page and the company profile, which show
//! the same panel, are in their areas); the downloads are files, not pages.

use super::*;

pub const PAGES: &[PageCheck] = &[
    as_(Role::InstitutionMember, "/irritants/{draft}/pieces"),
    as_(Role::InstitutionMember, "/irritants/{draft}"),
    as_(Role::CompanyMember, "/entreprises/{company}/pieces"),
    as_(Role::InstitutionMember, "/entreprises/{company}"),
];
