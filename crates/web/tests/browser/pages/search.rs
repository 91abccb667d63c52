//! Search: a visitor's search with results and facets, a narrowed one, one without results, a refused
//! one (its error summary), and a signed-in search that also finds companies.

use super::*;

pub const PAGES: &[PageCheck] = &[
    visitor("/recherche"),
    visitor("/recherche?q=salles"),
    visitor("/recherche?q=chatbot&type=irritant"),
    visitor("/recherche?q=zzzzzz"),
    as_(Role::InstitutionMember, "/recherche?q=chatbot"),
];
