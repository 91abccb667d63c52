//! The people and organisations of the demo: the agency, the BIC of Montpellier and Digital 113, a
//! fictitious funder and the agency's investment committee, the institutions of the 2021 fiches, and one demo account per role.

use passerelle_domain::{
    Claim, DisplayName, Email, HomeDomain, Locale, OrganisationKind, OrganisationName, Role, Siret,
    Uai,
};
use passerelle_storage::{NewUser, OrganisationIdentifiers, Result, Tx};
use time::OffsetDateTime;

use super::{World, bad_data};

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
pub(super) const ACCOUNTS: &[(Role, &str, &str, &str)] = &[
    (
        Role::Organiser,
        "organisatrice@passerelle.example",
        "Camille Organisatrice (démo)",
        AGENCY,
    ),
    (
        Role::InstitutionMember,
        "etablissement@passerelle.example",
        "Dominique Établissement (démo)",
        "Université Paul-Valéry Montpellier 3",
    ),
    (
        Role::CompanyMember,
        "entreprise@passerelle.example",
        "Alex Entreprise (démo)",
        "Causette Robotique (fictive)",
    ),
    (
        Role::BusinessManager,
        "charge-affaires@passerelle.example",
        "Sacha Chargé d'affaires (démo)",
        BIC,
    ),
    (
        Role::Admin,
        "admin@passerelle.example",
        "Morgan Admin (démo)",
        AGENCY,
    ),
    (
        Role::Funder,
        "financeur@passerelle.example",
        "Jules Financeur (démo)",
        FUNDER,
    ),
];

pub const AGENCY: &str = "Amue";
pub const FUNDER: &str = "Fonds de relance numérique (démo)";
/// The agency's own decision body, a route for the POCs its members bring.
pub const COMMITTEE: &str = "Comité d’investissement de l’Amue (démo)";
pub const BIC: &str = "BIC de Montpellier";
pub const CLUSTER: &str = "Digital 113";

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

/// The agency, the incubators, the funder and `institutions` (from the 2021 fiches).
pub(super) async fn organisations<'a>(
    tx: &mut Tx,
    world: &mut World,
    institutions: impl Iterator<Item = &'a str>,
) -> Result<()> {
    let kinds = [
        (AGENCY, OrganisationKind::Agency),
        (BIC, OrganisationKind::Incubator),
        (CLUSTER, OrganisationKind::Incubator),
        (FUNDER, OrganisationKind::Funder),
        (COMMITTEE, OrganisationKind::Funder),
    ];
    let institutions = institutions.map(|name| (name, OrganisationKind::Institution));
    for (name, kind) in kinds.into_iter().chain(institutions) {
        if !world.orgs.contains_key(name) {
            let org = tx
                .create_organisation(&OrganisationName::parse(name)?, kind)
                .await?;
            world.orgs.insert(name.to_owned(), org.id);
            if let Some((_, siret, uai, domain)) = INSTITUTION_IDS.iter().find(|(n, ..)| *n == name)
            {
                let ids = OrganisationIdentifiers {
                    siret: Some(Siret::parse(siret)?),
                    uai: Some(Uai::parse(uai)?),
                    home_domain: Some(HomeDomain::parse(domain)?),
                };
                tx.set_organisation_identifiers(org.id, &ids).await?;
            }
            if let Some((_, region)) = REGIONS.iter().find(|(n, _)| *n == name) {
                tx.set_organisation_region(org.id, Some(*region)).await?;
            }
        }
    }
    Ok(())
}

/// Someone who signed in with an institution account and asked to join the institution its
/// domain names: the organisers find the request waiting on the institution's console page.
pub(super) async fn join_request(
    tx: &mut Tx,
    world: &World,
    hash: &str,
    at: OffsetDateTime,
) -> Result<()> {
    let (institution, _, _, domain) = INSTITUTION_IDS
        .iter()
        .find(|(name, ..)| *name == "Université Paul-Valéry Montpellier 3")
        .ok_or_else(|| bad_data("no identifiers for Paul-Valéry"))?;
    let org = *world
        .orgs
        .get(*institution)
        .ok_or_else(|| bad_data(format!("no organisation {institution}")))?;
    let user = tx
        .create_user(&NewUser {
            email: Email::parse(&format!("lou.doctorant@{domain}"))?,
            display_name: DisplayName::parse("Lou Doctorant (démo)")?,
            password_hash: hash.to_owned(),
            locale: Locale::Fr,
        })
        .await?;
    tx.request_join(
        org,
        user.id,
        &Claim::HomeDomain(HomeDomain::parse(domain)?),
        at,
    )
    .await
}

/// The institutions' identifiers single sign-on matches (organisers set them in the console):
/// fictitious, in the right form (the SIREN's and SIRET's Luhn digits, the UAI's check letter on
/// the institution's department), the domains under the reserved `.example`.
const INSTITUTION_IDS: &[(&str, &str, &str, &str)] = &[
    ("Abes", "19349101600013", "0349101H", "abes-demo.example"),
    (
        "DRANE Occitanie",
        "19319102000018",
        "0319102A",
        "drane-occitanie-demo.example",
    ),
    ("IRD", "19139103600016", "0139103Z", "ird-demo.example"),
    (
        "Université Fédérale Toulouse Midi-Pyrénées",
        "19319104600013",
        "0319104C",
        "univ-toulouse-demo.example",
    ),
    (
        "Université Gustave Eiffel",
        "19779105600017",
        "0779105D",
        "univ-eiffel-demo.example",
    ),
    (
        "Université Paul-Valéry Montpellier 3",
        "19349106500010",
        "0349106N",
        "univ-montp3-demo.example",
    ),
    (
        "Université de Montpellier",
        "19349107300014",
        "0349107P",
        "umontpellier-demo.example",
    ),
    (
        "Université de Nîmes",
        "19309108900014",
        "0309108M",
        "unimes-demo.example",
    ),
    (
        "Université de Perpignan Via Domitia",
        "19669109100017",
        "0669109T",
        "univ-perp-demo.example",
    ),
    (
        "Université de Toulon",
        "19839110400017",
        "0839110B",
        "univ-tln-demo.example",
    ),
];

/// Where the irritants' institutions are (the matching's region reason); the agency and the Abes work
/// for the whole country.
const REGIONS: &[(&str, passerelle_domain::Region)] = {
    use passerelle_domain::Region::*;
    &[
        (AGENCY, National),
        ("DRANE Occitanie", Occitanie),
        ("Université Gustave Eiffel", IleDeFrance),
        ("Université Paul-Valéry Montpellier 3", Occitanie),
        ("Université de Toulon", ProvenceAlpesCoteDAzur),
        ("Université Fédérale Toulouse Midi-Pyrénées", Occitanie),
        ("Université de Nîmes", Occitanie),
        ("Abes", National),
        ("IRD", ProvenceAlpesCoteDAzur),
        ("Université de Montpellier", Occitanie),
        ("Université de Perpignan Via Domitia", Occitanie),
    ]
};

/// One account per role (their organisations exist already), all with the published demo password.
pub(super) async fn accounts_in(tx: &mut Tx, world: &mut World, hash: &str) -> Result<()> {
    for (role, email, name, org) in ACCOUNTS {
        let new = NewUser {
            email: Email::parse(email)?,
            display_name: DisplayName::parse(name)?,
            password_hash: hash.to_owned(),
            locale: Locale::Fr,
        };
        let user = tx.create_user(&new).await?;
        let org = *world
            .orgs
            .get(*org)
            .ok_or_else(|| bad_data(format!("no organisation {org}")))?;
        tx.add_membership(user.id, org, *role).await?;
        world.users.insert(*role, user.id);
    }
    Ok(())
}
