use super::*;

pub const PAGES: &[PageCheck] = &[
    as_(Role::InstitutionMember, "/entreprises"),
    as_(
        Role::InstitutionMember,
        "/entreprises?specialite=chatbot&region=corse",
    ),
    as_(Role::Organiser, "/entreprises/{company}"),
];
