//! The demonstration, seeded into an empty database by `serve --demo`: one entry point, [`seed`], and one
//! file per area. The 2021 Rencontres Open Innovation (5–6 July 2021, BIC de Montpellier with Digital 113),
//! closed, with its 19 irritants, its meetings, its day (schedule, arrivals, held meetings, two
//! no-shows, ratings) and its follow-up (opportunities in every state, one funded, one delivered and shared, their dossiers with
//! the catalogue's funding schemes and the funders' decisions); a current edition whose dates follow the day of the seed, at the latest phase the
//! product supports (proposals answered, one declined, the schedule of its day published, so that every
//! participant has an agenda); fictitious companies, and one demo account per role.
//!
//! The people, the editions, their fiches and wishes are written in one transaction, so a failed seed
//! leaves nothing; then each edition's matching run is computed by the product's own use case over what
//! was written (so its scores, total and proof are the engine's) and saved with its proposals and answers
//! in one more transaction per edition.

mod companies;
mod current;
mod day;
mod edition_2021;
mod fiches;
mod followup;
mod funding;
mod people;
mod proposals;
mod vocabulary;

use std::collections::HashMap;

use passerelle_domain::{EditionId, OrganisationId, Password, Role, RunId, UserId};

pub use edition_2021::{IrritantLine, irritant_lines};
pub use people::{DEMO_PASSWORD, DemoAccount, DemoAccounts, accounts};

use crate::{App, Result};

/// What the areas' seeds share: organisations by name, demo accounts by role.
#[derive(Default)]
struct World {
    orgs: HashMap<String, OrganisationId>,
    users: HashMap<Role, UserId>,
}

impl World {
    /// The organisation of the demo account of `role`.
    fn org_of(&self, role: Role) -> Option<OrganisationId> {
        let name = people::ACCOUNTS.iter().find(|a| a.0 == role)?.3;
        self.orgs.get(name).copied()
    }

    fn name_of(&self, org: OrganisationId) -> &str {
        self.orgs
            .iter()
            .find(|(_, id)| **id == org)
            .map(|(n, _)| n.as_str())
            .unwrap_or_default()
    }
}

/// The current edition once its proposals are published: where later steps of the demo (the day) start.
pub(super) struct Current {
    pub edition: EditionId,
    pub run: RunId,
}

fn bad_data(what: impl std::fmt::Display) -> passerelle_storage::Error {
    passerelle_storage::Error::Corrupt(format!("demo data: {what}"))
}

/// How far the demo goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The people, the companies and the closed 2021 edition, without a current edition: for tests
    /// that make their own edition.
    Past,
    /// The world the tests of the earlier steps are written against: the 2021 edition still open, at
    /// company registration (one company waiting for the organisers), without its history and without
    /// a later edition.
    Registration,
    /// 2021 closed with its history (without its day), and the current edition at the matching phase:
    /// its proposals published and answered in part (some waiting for the demo accounts): for tests of
    /// the answers and of the day's set-up.
    Proposals,
    /// The whole demo, as `serve --demo` shows it: 2021 closed with its whole history (its day
    /// included), and the current edition at the latest phase the product supports (its schedule
    /// published).
    Latest,
}

/// Seeds the demonstration into an empty database and returns the demo accounts. Returns `None` and writes
/// nothing when the database already holds organisations, accounts or editions, so seeding twice never
/// duplicates anything.
pub async fn seed(app: &App) -> Result<Option<DemoAccounts>> {
    seed_until(app, Stage::Latest).await
}

/// [`seed`], with the current edition taken only as far as `stage`.
pub async fn seed_until(app: &App, stage: Stage) -> Result<Option<DemoAccounts>> {
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
    let open_2021 = stage == Stage::Registration;
    let past = edition_2021::seed(&mut tx, &world, &fiches, open_2021).await?;
    companies::participations(&mut tx, &world, past, !open_2021).await?;
    let scheduled = stage == Stage::Latest;
    let seeded = match stage {
        Stage::Proposals | Stage::Latest => {
            Some(current::seed(&mut tx, &world, app.now().date(), scheduled).await?)
        }
        _ => None,
    };
    if let Some(seeded) = &seeded {
        companies::participations(&mut tx, &world, seeded.edition, false).await?;
        current::wishes(&mut tx, &world, seeded, app.now()).await?;
        people::join_request(&mut tx, &world, &hash, app.now()).await?;
    }
    app.commit(tx).await?;
    funding::catalogue(app, &world).await?;

    if !open_2021 {
        proposals::published_run(
            app,
            &world,
            (past, edition_2021::proposals_published()),
            3,
            |_| proposals::Answers::BOTH,
        )
        .await?;
        if scheduled {
            day::edition_2021(app, &world, past).await?;
            followup::edition_2021(app, &world, past).await?;
        }
    }
    if let Some(seeded) = seeded {
        let declined = std::cell::Cell::new(false);
        // Once the schedule is published, the proposals were made three weeks before.
        let proposed = if scheduled {
            app.now() - time::Duration::days(current::PROPOSALS_AGO)
        } else {
            app.now()
        };
        let run = proposals::published_run(app, &world, (seeded.edition, proposed), 3, |p| {
            current::answer(&world, &declined, p)
        })
        .await?;
        let current = Current {
            edition: seeded.edition,
            run,
        };
        if scheduled {
            day::current(
                app,
                &world,
                current.edition,
                proposed + time::Duration::days(7),
            )
            .await?;
        }
        // Later steps of the cycle continue from `current` here.
        tracing::info!(edition = %current.edition, run = %current.run, "demo seeded");
    }
    Ok(Some(accounts()))
}

/// The slugs of the demo vocabulary's domains (the thesaurus's seed files its concepts under them).
#[cfg(test)]
pub(crate) fn domain_slugs() -> Vec<&'static str> {
    vocabulary::DOMAINS
        .iter()
        .map(|(slug, _, _)| *slug)
        .collect()
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
