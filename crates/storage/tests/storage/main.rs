//! Storage tests: every test runs on SQLite and on PostgreSQL (`<name>::sqlite`, `<name>::postgres`).

mod account;
mod accounts;
mod attachments;
mod companies;
mod connection;
mod editions;
mod federated;
mod generation;
mod irritants;
mod sessions;

use passerelle_domain::edition::parse_date;
use passerelle_domain::*;
use passerelle_storage::{Edition, NewEdition, NewUser, Organisation, Storage, User};

/// A placeholder hash for accounts whose password the test does not use (hashing is slow).
pub const UNUSED_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

pub fn email(s: &str) -> Email {
    Email::parse(s).unwrap()
}

pub fn new_user(address: &str) -> NewUser {
    NewUser {
        email: email(address),
        display_name: DisplayName::parse("Test User").unwrap(),
        password_hash: UNUSED_HASH.to_owned(),
        locale: Locale::Fr,
    }
}

pub async fn org(storage: &Storage, name: &str, kind: OrganisationKind) -> Organisation {
    storage
        .create_organisation(&OrganisationName::parse(name).unwrap(), kind)
        .await
        .unwrap()
}

pub async fn user_in(storage: &Storage, address: &str, org: &Organisation, role: Role) -> User {
    storage
        .create_user_with_membership(&new_user(address), org.id, role)
        .await
        .unwrap()
}

pub async fn edition(storage: &Storage, slug: &str, phase: Phase) -> Edition {
    let new = NewEdition {
        slug: Slug::parse(slug).unwrap(),
        title: ShortText::parse(Field::Title, "Rencontres de test").unwrap(),
        venue: ShortText::parse(Field::Venue, "Montpellier").unwrap(),
        dates: EditionDates::new(
            parse_date("2021-07-05").unwrap(),
            parse_date("2021-07-06").unwrap(),
        )
        .unwrap(),
        phase,
        phases: vec![],
    };
    storage.create_edition(&new).await.unwrap()
}

pub async fn domains(storage: &Storage, slugs: &[&str]) {
    for s in slugs {
        storage
            .upsert_domain(
                &DomainEntry::parse(s, &format!("{s} (fr)"), &format!("{s} (en)")).unwrap(),
            )
            .await
            .unwrap();
    }
}

pub fn slug(s: &str) -> Slug {
    Slug::parse(s).unwrap()
}

pub fn long(field: Field, s: &str) -> LongText {
    LongText::parse(field, s).unwrap()
}

/// A complete fiche, ready to submit.
pub fn complete(title: &str, domain_slugs: &[&str]) -> IrritantContent {
    let mut c = IrritantContent::new(IrritantTitle::parse(title).unwrap())
        .with_domains(domain_slugs.iter().map(|s| slug(s)).collect())
        .unwrap();
    c.context = Some(long(Field::Context, "Contexte"));
    c.problem = Some(long(Field::Problem, "Problème"));
    c.expected_result = Some(long(Field::ExpectedResult, "Résultat attendu"));
    c.budget = Some(BudgetRange::new(Some(10_000), Some(50_000)).unwrap());
    c
}
