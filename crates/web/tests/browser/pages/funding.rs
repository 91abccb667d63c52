//! Funding: the catalogue of schemes, the scheme form (new and `{scheme}`, a fresh open scheme of the
//! demo funder), an opportunity's routing (`{opportunity}`), and the dossiers with one dossier's page
//! (`{dossier}`, filed with another open scheme) for its funder and its sides.

use super::*;

pub const PAGES: &[PageCheck] = &[
    as_(Role::CompanyMember, "/financements"),
    as_(Role::Organiser, "/financements"),
    as_(Role::Organiser, "/console/financements/nouveau"),
    as_(Role::Organiser, "/console/financements/{scheme}"),
    as_(Role::InstitutionMember, "/suivi/{opportunity}/financements"),
    as_(Role::Funder, "/dossiers"),
    as_(Role::Funder, "/dossiers/{dossier}"),
    as_(Role::InstitutionMember, "/dossiers/{dossier}"),
];
