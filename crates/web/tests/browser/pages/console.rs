use super::*;

pub const PAGES: &[PageCheck] = &[
    as_(Role::Organiser, "/console"),
    as_(Role::Organiser, "/console/invitations"),
    as_(Role::Organiser, "/console/domaines"),
];
