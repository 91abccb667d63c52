use super::*;

pub const PAGES: &[PageCheck] = &[
    as_(Role::InstitutionMember, "/mes-irritants"),
    as_(Role::InstitutionMember, "/irritants/nouveau"),
    as_(Role::InstitutionMember, "/irritants/{draft}/modifier"),
];
