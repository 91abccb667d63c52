//! Single sign-on pages in the axe run's application (no provider configured: the refusal pages);
//! the configured pages (buttons, institution list, linked identities) are checked by axe in the
//! single sign-on flow (`tests/browser/sso.rs`).

use super::*;

pub const PAGES: &[PageCheck] = &[
    visitor("/connexion/renater"),
    visitor("/connexion/proconnect/retour?code=abc&state=def"),
    visitor("/connexion/renater/retour?relay=abc"),
    as_(Role::InstitutionMember, "/compte/connexions"),
    as_(Role::Organiser, "/console/connexions"),
    // Without a proposal it leads home; the proposal itself is checked in the sign-in flow.
    as_(Role::CompanyMember, "/connexion/organisation"),
    as_(Role::Organiser, "/console/etablissements"),
    as_(Role::Organiser, "/console/etablissements/{institution}"),
];
