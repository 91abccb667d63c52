//! The demonstration, seeded into an empty database by `serve --demo`: one entry point, [`seed`], and one
//! file per area. Today: the 2021 Rencontres Open Innovation (5–6 July 2021, BIC de Montpellier with
//! Digital 113) with its 19 irritants, fictitious companies, and one demo account per role. Everything is
//! written in one transaction, so a failed seed leaves nothing.

mod companies;
mod edition_2021;
mod people;
mod vocabulary;

use std::collections::HashMap;

use passerelle_domain::{OrganisationId, Password, Role, UserId};

pub use edition_2021::{IrritantLine, irritant_lines};
pub use people::{DEMO_PASSWORD, DemoAccount, DemoAccounts, accounts};

use crate::{App, Result};

/// What the areas' seeds share: organisations by name, demo accounts by role.
#[derive(Default)]
struct World {
    orgs: HashMap<String, OrganisationId>,
    users: HashMap<Role, UserId>,
}

fn bad_data(what: impl std::fmt::Display) -> passerelle_storage::Error {
    passerelle_storage::Error::Corrupt(format!("demo data: {what}"))
}

/// Seeds the demonstration into an empty database and returns the demo accounts. Returns `None` and writes
/// nothing when the database already holds organisations, accounts or editions, so seeding twice never
/// duplicates anything.
pub async fn seed(app: &App) -> Result<Option<DemoAccounts>> {
    // Hashed once for every account: the password is public anyway, and hashing is slow.
    let hash = tokio::task::spawn_blocking(|| {
        passerelle_storage::hash_password(
            &Password::parse(DEMO_PASSWORD).expect("the demo password fits the policy"),
        )
    })
    .await
    .map_err(crate::Error::internal)?;
    let mut tx = app.begin().await?;
    if !tx.is_empty_database().await? {
        return Ok(None);
    }
    let fiches = edition_2021::fiches_from_csv()?;
    let mut world = World::default();
    vocabulary::seed(&mut tx).await?;
    people::organisations(
        &mut tx,
        &mut world,
        fiches.iter().map(|f| f.institution.as_str()),
    )
    .await?;
    companies::organisations(&mut tx, &mut world).await?;
    people::accounts_in(&mut tx, &mut world, &hash).await?;
    let edition = edition_2021::seed(&mut tx, &world, &fiches).await?;
    companies::participations(&mut tx, &world, edition).await?;
    app.commit(tx).await?;
    Ok(Some(accounts()))
}

#[cfg(test)]
mod tests {
    use super::companies::COMPANIES;
    use super::edition_2021::{FICHES, fiches_from_csv};
    use super::vocabulary::DOMAINS;
    use passerelle_domain::{DomainEntry, IrritantTitle};

    #[test]
    fn every_fiche_of_the_csv_has_a_description_and_known_domains() {
        let fiches = fiches_from_csv().unwrap();
        assert_eq!(fiches.len(), 19);
        assert_eq!(FICHES.len(), 19);
        for (f, d) in fiches.iter().zip(FICHES) {
            assert_eq!(f.fiche, d.0, "same order");
            assert!(IrritantTitle::parse(&f.title_fr).is_ok(), "{}", f.title_fr);
            for slug in d.1 {
                assert!(
                    DOMAINS.iter().any(|(s, _, _)| s == slug),
                    "{slug} is in the vocabulary"
                );
            }
        }
        for c in COMPANIES {
            assert!(
                c.name.ends_with("(fictive)"),
                "{} says it is fictitious",
                c.name
            );
            for slug in c.specialties {
                assert!(DOMAINS.iter().any(|(s, _, _)| s == slug), "{slug}");
            }
        }
        for (slug, fr, en) in DOMAINS {
            assert!(DomainEntry::parse(slug, fr, en).is_ok(), "{slug}");
        }
    }
}
