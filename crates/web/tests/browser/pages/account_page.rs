//! The account page, the person's data and the deletion of their account, the organisers' answers to
//! requests and the public « Données personnelles » page; unknown links (the pages that say so).

use super::*;

pub const PAGES: &[PageCheck] = &[
    as_(Role::CompanyMember, "/compte"),
    as_(Role::Organiser, "/compte"),
    visitor("/compte/adresse/0000"),
    as_(Role::InstitutionMember, "/compte/donnees"),
    as_(Role::CompanyMember, "/compte/suppression"),
    visitor("/compte/suppression/lien/0000"),
    as_(Role::Organiser, "/console/comptes"),
    as_(Role::Organiser, "/console/comptes/{member}"),
    visitor("/donnees-personnelles"),
];
