//! The irritant workflow: an institution submits its fiche, organisers publish it, return it with a
//! comment, or archive it. Each move is audited, and tells those concerned by mail in their language:
//! a submission the organisers, a publication or a return the fiche's author.

use passerelle_domain::{
    Action, Actor, Context, IrritantId, IrritantTransition, LongText, Role, authorize,
};
use passerelle_i18n::Lang;
use passerelle_storage::{Irritant, User};

use crate::{App, Error, Result, mail};

/// The policy's action for a move.
pub fn action_of(transition: IrritantTransition) -> Action {
    match transition {
        IrritantTransition::Submit => Action::SubmitIrritant,
        IrritantTransition::Publish => Action::PublishIrritant,
        IrritantTransition::Return => Action::ReturnIrritant,
        _ => Action::ArchiveIrritant,
    }
}

/// An irritant and the context the policy decides on (its edition's phase, institution, status).
pub async fn load(app: &App, id: IrritantId) -> Result<(Irritant, Context)> {
    let irritant = app
        .storage()
        .get_irritant(id)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = app.storage().get_edition(irritant.edition_id).await?;
    let context = Context {
        phase: edition.map(|e| e.phase),
        owner: Some(irritant.institution.id),
        irritant_status: Some(irritant.status),
        ..Context::default()
    };
    Ok((irritant, context))
}

/// Who hears of a move, and under which mail.
async fn recipients(
    app: &App,
    irritant: &Irritant,
    transition: IrritantTransition,
) -> Result<(Vec<User>, Option<&'static str>)> {
    Ok(match transition {
        IrritantTransition::Submit => (
            app.storage().users_with_role(Role::Organiser).await?,
            Some("irritant-submitted"),
        ),
        IrritantTransition::Publish | IrritantTransition::Return => {
            let author = match irritant.author_id {
                Some(id) => app.storage().get_user(id).await?,
                None => None,
            };
            let kind = if transition == IrritantTransition::Publish {
                "irritant-published"
            } else {
                "irritant-returned"
            };
            (author.into_iter().collect(), Some(kind))
        }
        _ => (Vec::new(), None),
    })
}

/// Moves an irritant in its workflow (the comment is required to return it), with its mails and audit.
pub async fn transition(
    app: &App,
    actor: &Actor,
    id: IrritantId,
    transition: IrritantTransition,
    comment: Option<&LongText>,
) -> Result<Irritant> {
    let (irritant, context) = load(app, id).await?;
    authorize(actor, action_of(transition), &context)?;
    let (people, kind) = recipients(app, &irritant, transition).await?;
    let mut tx = app.begin().await?;
    tx.transition_irritant(id, transition, crate::user_id(actor), comment)
        .await?;
    if let Some(kind) = kind {
        for person in people
            .iter()
            .filter(|p| Some(p.id) != crate::user_id(actor))
        {
            let args = [
                ("name", person.display_name.as_str().to_string()),
                ("title", irritant.content.title.as_str().to_string()),
                (
                    "institution",
                    irritant.institution.name.as_str().to_string(),
                ),
                (
                    "comment",
                    comment.map(|c| c.as_str().to_string()).unwrap_or_default(),
                ),
                ("link", app.link(&format!("/irritants/{id}"))),
            ];
            app.enqueue_mail(
                &mut tx,
                &mail::render(kind, &person.email, Lang::of(person.locale), &args),
            )
            .await?;
        }
    }
    app.audit(
        &mut tx,
        actor,
        &format!("irritant-{}", transition.as_str()),
        ("irritant", id.to_string()),
        serde_json::json!({
            "from": irritant.status.as_str(),
            "comment": comment.map(|c| c.as_str()),
        }),
    )
    .await?;
    app.commit(tx).await?;
    app.storage().get_irritant(id).await?.ok_or(Error::NotFound)
}
