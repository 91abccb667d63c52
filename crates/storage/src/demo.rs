//! The demonstration edition (seed filled in below).

use passerelle_domain::{Email, Role};

/// A demo account, listed on the sign-in page in demo mode.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DemoAccount {
    pub role: Role,
    pub email: Email,
    pub password: &'static str,
    pub display_name: &'static str,
    pub organisation: &'static str,
}

/// The accounts the demo creates, one per role.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DemoAccounts {
    pub accounts: Vec<DemoAccount>,
}

/// The password of every demo account (public: it is shown on the sign-in page in demo mode).
pub const DEMO_PASSWORD: &str = "passerelle-demo";

/// (role, e-mail, name, organisation) of the demo accounts. The addresses use the reserved `.example` domain.
const ACCOUNTS: &[(Role, &str, &str, &str)] = &[
    (Role::Organiser, "organisatrice@passerelle.example", "Camille Organisatrice (démo)", AGENCY),
    (Role::InstitutionMember, "etablissement@passerelle.example", "Dominique Établissement (démo)", "Université Paul-Valéry Montpellier 3"),
    (Role::CompanyMember, "entreprise@passerelle.example", "Alex Entreprise (démo)", "Causette Robotique (fictive)"),
    (Role::BusinessManager, "charge-affaires@passerelle.example", "Sacha Chargé d'affaires (démo)", "BIC de Montpellier"),
    (Role::Admin, "admin@passerelle.example", "Morgan Admin (démo)", AGENCY),
    (Role::Funder, "financeur@passerelle.example", "Jules Financeur (démo)", FUNDER),
];

pub(crate) const AGENCY: &str = "Amue";
pub(crate) const FUNDER: &str = "Fonds de relance numérique (démo)";

/// The demo accounts, without touching the database (for the sign-in page in demo mode).
pub fn accounts() -> DemoAccounts {
    DemoAccounts {
        accounts: ACCOUNTS
            .iter()
            .map(|(role, email, name, org)| DemoAccount {
                role: *role,
                email: Email::parse(email).expect("demo e-mails are valid"),
                password: DEMO_PASSWORD,
                display_name: name,
                organisation: org,
            })
            .collect(),
    }
}
