//! The demo's catalogue of funding schemes: DINUM's France Relance fund for the digital transformation of
//! public services (2021) and its « Numérique et Données » successor, run here by the demo funder, and the
//! agency's investment committee as its own route. The schemes' names and purposes are the published ones;
//! their windows, ranges and rates are demonstration values, and each description says so.

use passerelle_domain::funding::{Applicants, Percent, SchemeTerms};
use passerelle_domain::{BudgetRange, Field, LongText, ShortText, Slug};
use passerelle_storage::NewScheme;
use time::macros::date;

use super::people::{COMMITTEE, FUNDER};
use super::{World, bad_data};
use crate::{App, Result};

pub(super) const FRANCE_RELANCE: &str =
    "France Relance — transformation numérique des services publics (2021)";
pub(super) const NUMERIQUE_DONNEES: &str = "Numérique et Données";
pub(super) const INVESTMENT_COMMITTEE: &str = "Comité d’investissement de l’Amue";

/// (funder, name, description, cost range, applicants, themes, largest share, opens, closes, link).
type SchemeLine = (
    &'static str,
    &'static str,
    &'static str,
    (Option<u64>, Option<u64>),
    Applicants,
    &'static [&'static str],
    u64,
    time::Date,
    time::Date,
    Option<&'static str>,
);

const SCHEMES: &[SchemeLine] = &[
    (
        FUNDER,
        FRANCE_RELANCE,
        "Le volet « transformation numérique de l’État et des territoires » du plan France Relance, \
         piloté par la DINUM, a financé en 2021 des projets numériques des services publics au \
         bénéfice des usagers et des agents. Fourchette, taux et dates : valeurs de démonstration.",
        (Some(20_000), Some(500_000)),
        Applicants::Institution,
        &[],
        75,
        date!(2021 - 01 - 15),
        date!(2021 - 12 - 31),
        Some("https://www.numerique.gouv.fr/"),
    ),
    (
        FUNDER,
        NUMERIQUE_DONNEES,
        "Le successeur du fonds France Relance pour les projets de données et de services numériques \
         des administrations. Fourchette, taux, thèmes et dates : valeurs de démonstration.",
        (Some(30_000), Some(400_000)),
        Applicants::Institution,
        &[
            "data-science",
            "ia",
            "decisionnel",
            "chatbot",
            "automatisation",
        ],
        75,
        date!(2021 - 09 - 01),
        date!(2027 - 12 - 31),
        Some("https://www.numerique.gouv.fr/"),
    ),
    (
        COMMITTEE,
        INVESTMENT_COMMITTEE,
        "L’instance de l’agence qui finance sur son budget les preuves de concept de ses adhérents, \
         quand aucun fonds de l’État ne convient (démonstration).",
        (None, Some(50_000)),
        Applicants::Either,
        &[],
        80,
        date!(2021 - 01 - 01),
        date!(2030 - 12 - 31),
        None,
    ),
];

fn valid<T>(r: std::result::Result<T, passerelle_domain::ValidationError>) -> Result<T> {
    r.map_err(|e| bad_data(format!("{e:?}")).into())
}

/// Adds the catalogue, in one transaction.
pub(super) async fn catalogue(app: &App, world: &World) -> Result<()> {
    let known: Vec<String> = app
        .storage()
        .list_domains()
        .await?
        .into_iter()
        .map(|d| d.slug.as_str().to_owned())
        .collect();
    let mut tx = app.begin().await?;
    for (funder, name, description, (lo, hi), applicants, themes, share, opens, closes, link) in
        SCHEMES
    {
        let funder_id = *world
            .orgs
            .get(*funder)
            .ok_or_else(|| bad_data(format!("no funder {funder}")))?;
        let themes = themes
            .iter()
            .filter(|t| known.iter().any(|k| k == *t))
            .map(|t| valid(Slug::parse(t)))
            .collect::<Result<Vec<_>>>()?;
        let budget = Some(valid(BudgetRange::new(*lo, *hi))?);
        let terms = SchemeTerms::new(
            budget,
            *applicants,
            themes,
            Some(valid(Percent::new(*share))?),
            *opens,
            *closes,
        )
        .map_err(|e| bad_data(format!("{e:?}")))?;
        let new = NewScheme {
            funder_id,
            name: valid(ShortText::parse(Field::Title, name))?,
            description: valid(LongText::parse(Field::Description, description))?,
            terms,
            link: valid(link.map(passerelle_domain::WebsiteUrl::parse).transpose())?,
        };
        tx.create_scheme(&new, app.now()).await?;
    }
    app.commit(tx).await
}
