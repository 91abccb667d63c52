use super::*;

pub const PAGES: &[PageCheck] = &[
    as_(
        Role::Organiser,
        "/console/editions/{matching}/mise-en-relation",
    ),
    as_(Role::Organiser, "/console/mise-en-relation/{run}"),
    as_(Role::Organiser, "/console/editions/{matching}/rencontres"),
    as_(Role::InstitutionMember, "/rencontres"),
    as_(Role::CompanyMember, "/rencontres"),
];
