use super::*;

pub const PAGES: &[PageCheck] = &[
    as_(Role::CompanyMember, "/entreprise/profil"),
    as_(Role::BusinessManager, "/pipeline"),
    as_(Role::BusinessManager, "/pipeline/invitations"),
];
