//! The follow-up: each side's list and an opportunity's page (`{opportunity}`, at "follow-up contact",
//! of a held meeting of the demo institution and company), a business manager's list, the organisers'
//! board of its edition (`{follow-up-edition}`), the six-month form of its meeting (`{follow-up-meeting}`).

use super::*;

pub const PAGES: &[PageCheck] = &[
    as_(Role::InstitutionMember, "/suivi"),
    as_(Role::CompanyMember, "/suivi"),
    as_(Role::BusinessManager, "/suivi"),
    as_(Role::InstitutionMember, "/suivi/{opportunity}"),
    as_(Role::CompanyMember, "/suivi/{opportunity}"),
    as_(
        Role::Organiser,
        "/console/editions/{follow-up-edition}/suivi",
    ),
    as_(
        Role::InstitutionMember,
        "/suivi/six-mois/{follow-up-meeting}",
    ),
    as_(Role::CompanyMember, "/suivi/six-mois/{follow-up-meeting}"),
];
