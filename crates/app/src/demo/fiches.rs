//! A demo fiche, written for the demonstration, submitted by its institution and published by the demo
//! organiser through the irritants' workflow.

use passerelle_domain::{
    BudgetRange, EditionId, Field, IrritantContent, IrritantId, IrritantTitle, IrritantTransition,
    LongText, OrganisationId, Role, Slug,
};
use passerelle_storage::{Provenance, Result, Tx};

use super::{World, bad_data};

/// What a demo fiche says.
pub(super) struct Fiche<'a> {
    pub reference: &'a str,
    pub institution: &'a str,
    pub title: &'a str,
    pub domains: &'a [&'a str],
    pub context: &'a str,
    pub problem: &'a str,
    pub expected: &'a str,
    /// In euros.
    pub budget: Option<(u64, u64)>,
}

/// Writes `fiche` into `edition`, submitted then published; returns it with its institution.
pub(super) async fn publish(
    tx: &mut Tx,
    world: &World,
    edition: EditionId,
    fiche: &Fiche<'_>,
) -> Result<(IrritantId, OrganisationId)> {
    let organiser = world.users.get(&Role::Organiser).copied();
    let mut content = IrritantContent::new(IrritantTitle::parse(fiche.title)?).with_domains(
        fiche
            .domains
            .iter()
            .map(|s| Slug::parse(s))
            .collect::<std::result::Result<_, _>>()?,
    )?;
    content.context = Some(LongText::parse(Field::Context, fiche.context)?);
    content.problem = Some(LongText::parse(Field::Problem, fiche.problem)?);
    content.expected_result = Some(LongText::parse(Field::ExpectedResult, fiche.expected)?);
    if let Some((min, max)) = fiche.budget {
        content.budget = Some(BudgetRange::new(Some(min), Some(max))?);
    }
    let institution = *world
        .orgs
        .get(fiche.institution)
        .ok_or_else(|| bad_data(format!("no institution {}", fiche.institution)))?;
    let provenance = Provenance {
        reference: Some(fiche.reference),
        written_for_demo: true,
    };
    let id = tx
        .create_irritant(edition, institution, None, &content, provenance)
        .await?;
    tx.transition_irritant(id, IrritantTransition::Submit, None, None)
        .await?;
    tx.transition_irritant(id, IrritantTransition::Publish, organiser, None)
        .await?;
    Ok((id, institution))
}
