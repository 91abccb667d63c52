use super::*;

pub const PAGES: &[PageCheck] = &[
    as_(Role::InstitutionMember, "/journee/agenda"),
    as_(Role::CompanyMember, "/journee/agenda"),
    as_(Role::CompanyMember, "/journee/maintenant"),
];
