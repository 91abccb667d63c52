use super::*;

pub const PAGES: &[PageCheck] = &[
    as_(Role::InstitutionMember, "/souhaits"),
    as_(Role::CompanyMember, "/souhaits"),
    as_(
        Role::InstitutionMember,
        "/irritants/{p-irritant}/recommandations",
    ),
    as_(
        Role::CompanyMember,
        "/entreprises/{company}/recommandations?edition={prefs}",
    ),
    as_(Role::Organiser, "/console/thesaurus"),
    as_(Role::Organiser, "/console/thesaurus/chatbot"),
];
