//! The 2021 edition's follow-up (fictitious, as the rest of the demo's history): every held meeting both
//! sides rated "follow-up wanted" became an opportunity that evening, and each went its way through 2021
//! and 2022: one delivered and shared as experience, one funded and running, one waiting for its funding,
//! one at the proposal, one given up with its reason, the others still in touch. Amounts are invented
//! demo figures. Written through storage transactions, as the other areas' seeds: no mail leaves.

use passerelle_domain::experience::{ExperienceContent, RawExperience};
use passerelle_domain::{
    Amounts, EditionId, Euros, Field, FollowUp, LongText, Mover, OpportunityMove,
    OpportunityOrigin, RatingRound, Role, Side,
};
use time::Duration;

use super::day::{account_of, at_paris};
use super::{World, bad_data, funding};
use crate::{App, Result};

/// A move `days` after the day, by whom, with its comment.
type Step = (i64, OpportunityMove, Mover, &'static str);

/// Amounts set `days` after the day: estimated cost, requested, granted, co-funding (euros).
type Money = (i64, [Option<u64>; 4]);

/// How each opportunity went, given in turn (the first story to the first opportunity).
const STORIES: &[(&[Step], &[Money])] = &[
    // Delivered and shared.
    (
        &[
            (
                21,
                OpportunityMove::Propose,
                Mover::Company,
                "Proposition : un pilote de trois mois sur deux composantes, données anonymisées.",
            ),
            (
                48,
                OpportunityMove::RequestFunding,
                Mover::Institution,
                "Dossier déposé au fonds pour la transformation numérique des services publics (France Relance).",
            ),
            (
                112,
                OpportunityMove::Fund,
                Mover::Institution,
                "Financement accordé par le comité du fonds.",
            ),
            (
                130,
                OpportunityMove::Start,
                Mover::Company,
                "Lancement avec la DSI et deux composantes pilotes.",
            ),
            (
                252,
                OpportunityMove::Deliver,
                Mover::Company,
                "Pilote livré et recetté ; documentation remise.",
            ),
            (
                281,
                OpportunityMove::Share,
                Mover::Institution,
                "Retour d’expérience partagé avec les autres établissements.",
            ),
        ],
        &[
            (21, [Some(48_000), None, None, None]),
            (48, [Some(48_000), Some(36_000), None, Some(12_000)]),
            (
                112,
                [Some(48_000), Some(36_000), Some(36_000), Some(12_000)],
            ),
        ],
    ),
    // Funded, running.
    (
        &[
            (
                30,
                OpportunityMove::Propose,
                Mover::Company,
                "Proposition chiffrée pour un démonstrateur sur un bâtiment.",
            ),
            (
                70,
                OpportunityMove::RequestFunding,
                Mover::Institution,
                "Demande présentée au comité d’investissement de l’agence.",
            ),
            (
                150,
                OpportunityMove::Fund,
                Mover::Organiser,
                "Accordé par le comité, sous réserve d’un point d’étape à six mois.",
            ),
            (
                175,
                OpportunityMove::Start,
                Mover::Institution,
                "Capteurs posés, premières mesures.",
            ),
        ],
        &[
            (30, [Some(30_000), None, None, None]),
            (70, [Some(30_000), Some(24_000), None, Some(6_000)]),
            (
                150,
                [Some(30_000), Some(24_000), Some(20_000), Some(10_000)],
            ),
        ],
    ),
    // Waiting for its funding.
    (
        &[
            (
                35,
                OpportunityMove::Propose,
                Mover::Company,
                "Proposition en deux lots ; le second dépend du financement.",
            ),
            (
                90,
                OpportunityMove::RequestFunding,
                Mover::Institution,
                "Dossier déposé à l’appel « Numérique et Données ».",
            ),
        ],
        &[(90, [Some(60_000), Some(45_000), None, Some(15_000)])],
    ),
    // At the proposal.
    (
        &[(
            40,
            OpportunityMove::Propose,
            Mover::Company,
            "Devis envoyé pour une première version.",
        )],
        &[(40, [Some(18_000), None, None, None])],
    ),
    // Given up.
    (
        &[
            (
                25,
                OpportunityMove::Propose,
                Mover::Company,
                "Proposition d’un atelier de cadrage.",
            ),
            (
                95,
                OpportunityMove::Abandon,
                Mover::Institution,
                "Le budget n’a pas été trouvé en 2021 ; le besoin sera repris lors d’une prochaine édition.",
            ),
        ],
        &[],
    ),
    // Still in touch.
    (&[], &[]),
];

/// The dossiers of the first stories: (story, the schemes tried in order, the day filed, the plan, the
/// funder's decision: amount granted, day, comment).
type DossierLine = (
    usize,
    &'static [&'static str],
    i64,
    &'static str,
    Option<(u64, i64, &'static str)>,
);

const DOSSIERS: &[DossierLine] = &[
    (
        0,
        &[funding::FRANCE_RELANCE],
        48,
        "Pilote de trois mois sur deux composantes : données anonymisées, recette avec la DSI, bilan          partagé avec les autres établissements.",
        Some((36_000, 112, "Accordé par le comité du fonds.")),
    ),
    (
        1,
        &[funding::INVESTMENT_COMMITTEE],
        70,
        "Démonstrateur sur un bâtiment : pose des capteurs, six mois de mesures, tableau de bord.",
        Some((
            20_000,
            150,
            "Accordé sous réserve d’un point d’étape à six mois.",
        )),
    ),
    (
        2,
        &[funding::NUMERIQUE_DONNEES, funding::INVESTMENT_COMMITTEE],
        90,
        "Deux lots : le premier sur fonds propres, le second si le financement est accordé.",
        None,
    ),
];

/// Files the demo dossiers with the first scheme of each line the opportunity is eligible for on the
/// day it is filed (so the demo never files a dossier its own routing would refuse), as the product
/// builds them, and records the funders' decisions.
async fn dossiers(
    app: &App,
    world: &World,
    opportunities: &[passerelle_domain::OpportunityId],
    day: time::OffsetDateTime,
) -> Result<()> {
    use passerelle_domain::funding::{Decision, route};
    let schemes = app.storage().list_schemes().await?;
    let funder_of = |org| {
        world
            .users
            .get(&Role::Funder)
            .copied()
            .filter(|_| world.orgs.get(super::people::FUNDER) == Some(&org))
    };
    for (story, names, filed, plan, decision) in DOSSIERS {
        let Some(id) = opportunities.get(*story) else {
            continue;
        };
        let opportunity = app
            .storage()
            .get_opportunity(*id)
            .await?
            .ok_or_else(|| bad_data("an opportunity of the demo"))?;
        let domains = crate::funding::candidate_domains(app, &opportunity).await?;
        let at = day + Duration::days(*filed);
        let found = names.iter().find_map(|name| {
            let scheme = schemes.iter().find(|s| s.name.as_str() == *name)?;
            // Filed from the proposal, as the story's request for funding was.
            let then = passerelle_domain::funding::Candidate {
                status: passerelle_domain::OpportunityStatus::Proposal,
                ..crate::funding::candidate(&opportunity, &domains)
            };
            let routing = route(&scheme.terms, &then, at.date());
            routing.eligible().then_some((scheme, routing))
        });
        let Some((scheme, routing)) = found else {
            continue;
        };
        let plan =
            LongText::parse(Field::Description, plan).map_err(|e| bad_data(format!("{e:?}")))?;
        let doc = crate::funding::snapshot(app, &opportunity, scheme, &routing, &plan, at).await?;
        let institution = account_of(world, Role::InstitutionMember, opportunity.institution_id);
        let mut tx = app.begin().await?;
        let dossier = tx
            .create_dossier(*id, scheme.id, &plan, &doc, institution, at)
            .await?;
        if let Some((granted, on, text)) = decision {
            let amount =
                Euros::new(Field::Granted, *granted).map_err(|e| bad_data(format!("{e:?}")))?;
            tx.decide_dossier(
                dossier,
                Decision::Accepted,
                Some(amount),
                Some(&comment(text)?),
                funder_of(scheme.funder_id),
                day + Duration::days(*on),
            )
            .await?;
        }
        app.commit(tx).await?;
    }
    Ok(())
}

fn comment(text: &str) -> Result<LongText> {
    LongText::parse(Field::Comment, text).map_err(|e| bad_data(format!("{e:?}")).into())
}

fn amounts(values: [Option<u64>; 4]) -> Result<Amounts> {
    let fields = [
        Field::EstimatedCost,
        Field::Requested,
        Field::Granted,
        Field::CoFunding,
    ];
    let mut e = [None; 4];
    for (i, v) in values.iter().enumerate() {
        e[i] = v
            .map(|v| Euros::new(fields[i], v))
            .transpose()
            .map_err(|e| bad_data(format!("{e:?}")))?;
    }
    Amounts::new(e[0], e[1], e[2], e[3]).map_err(|e| bad_data(format!("{e:?}")).into())
}

/// The 2021 opportunities, from the meetings both sides wanted to follow up.
pub(super) async fn edition_2021(app: &App, world: &World, edition: EditionId) -> Result<()> {
    let edition = app
        .storage()
        .get_edition(edition)
        .await?
        .ok_or_else(|| bad_data("no 2021 edition"))?;
    let ratings = app
        .storage()
        .ratings_of_edition(edition.id, RatingRound::Day)
        .await?;
    let wanted = |m: passerelle_domain::MeetingId, side: Side| {
        ratings
            .iter()
            .any(|r| r.meeting_id == m && r.side == side && r.rating.follow_up == FollowUp::Yes)
    };
    let meetings: Vec<_> = app
        .storage()
        .meetings_of_edition(edition.id)
        .await?
        .into_iter()
        .filter(|m| wanted(m.id, Side::Institution) && wanted(m.id, Side::Company))
        .collect();
    let day = at_paris(edition.dates.first_day(), 20)?;
    let organiser = world.users.get(&Role::Organiser).copied();
    let mut tx = app.begin().await?;
    let mut opened = Vec::new();
    for (i, m) in meetings.iter().enumerate() {
        let id = tx
            .create_opportunity(edition.id, m.id, OpportunityOrigin::Rated, None, None, day)
            .await?
            .ok_or_else(|| bad_data("a meeting with two opportunities"))?;
        opened.push(id);
        let by = |mover: Mover| match mover {
            Mover::Institution => account_of(world, Role::InstitutionMember, m.institution.id),
            Mover::Company => account_of(world, Role::CompanyMember, m.company.id),
            Mover::Organiser => organiser,
            Mover::Funder => world.users.get(&Role::Funder).copied(),
        };
        let (steps, money) = STORIES[i % STORIES.len()];
        // Moves and amounts in the order of their dates (amounts of a day after that day's move).
        let mut dated: Vec<(i64, usize, bool)> = steps
            .iter()
            .enumerate()
            .map(|(k, s)| (s.0, k, false))
            .chain(money.iter().enumerate().map(|(k, a)| (a.0, k, true)))
            .collect();
        dated.sort();
        for (days, k, is_money) in dated {
            let at = day + Duration::days(days);
            if is_money {
                let who = if steps.iter().any(|s| s.0 == days && s.2 == Mover::Organiser) {
                    Mover::Organiser
                } else {
                    Mover::Institution
                };
                tx.set_opportunity_amounts(id, &amounts(money[k].1)?, who, None, None, by(who), at)
                    .await?;
            } else {
                let (_, mv, mover, text) = steps[k];
                tx.move_opportunity(id, mv, mover, Some(&comment(text)?), None, by(mover), at)
                    .await?;
            }
        }
    }
    app.commit(tx).await?;
    dossiers(app, world, &opened, day).await?;
    experience(app, world, &opened, day).await
}

/// The shared story's experience report, public, as its institution wrote it when it shared the POC,
/// and another institution's "we are interested" (no demo account of theirs: a third institution, so
/// that the demo's institution member may still say it themselves).
const REPORT: RawExperience<'static> = RawExperience {
    problem: "Les demandes d’aide arrivaient par trois canaux sans suivi commun : des dossiers perdus, \
              des étudiants relancés deux fois ou jamais.",
    solution: "Un guichet unique de suivi des demandes, branché sur l’annuaire de l’établissement, testé \
               sur deux composantes avec des données anonymisées.",
    cost: "48 000",
    duration: "4 mois de pilote",
    results: "Délai moyen de réponse passé de 12 à 5 jours ouvrés sur les deux composantes pilotes \
              (chiffres de démonstration).",
    reuse: "Code source et guide d’installation remis à la demande ; une journée d’accompagnement par \
            établissement.",
    licence: "EUPL 1.2",
    contact: "Direction du numérique, pôle usages (démonstration)",
    public: true,
};

async fn experience(
    app: &App,
    world: &World,
    opportunities: &[passerelle_domain::OpportunityId],
    day: time::OffsetDateTime,
) -> Result<()> {
    let mut all = Vec::new();
    for id in opportunities {
        all.extend(app.storage().get_opportunity(*id).await?);
    }
    let Some(shared) = all
        .iter()
        .find(|o| o.status == passerelle_domain::OpportunityStatus::Shared)
    else {
        return Ok(());
    };
    let content = ExperienceContent::parse(&REPORT).map_err(|e| bad_data(format!("{e:?}")))?;
    let author = account_of(world, Role::InstitutionMember, shared.institution_id);
    let member = world.org_of(Role::InstitutionMember);
    let interested = all
        .iter()
        .map(|o| o.institution_id)
        .find(|i| *i != shared.institution_id && Some(*i) != member);
    let mut tx = app.begin().await?;
    let (report, _) = tx
        .save_experience_report(shared.id, &content, author, day + Duration::days(281))
        .await?;
    if let Some(institution) = interested {
        tx.add_experience_interest(report, institution, None, day + Duration::days(320))
            .await?;
    }
    app.commit(tx).await
}
