use super::*;

pub const PAGES: &[PageCheck] = &[
    visitor("/connexion"),
    visitor("/mot-de-passe-oublie"),
    // An unknown link: the page that says so.
    visitor("/reinitialisation/0000"),
    visitor("/invitation/0000"),
    // A link to the sign-out: the page with its button.
    as_(Role::CompanyMember, "/deconnexion"),
];
