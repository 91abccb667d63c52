//! Wishes both ways: for each of its published irritants, an institution marks companies *must meet*,
//! *would like* or *no*; a company marks irritants with a short pitch (why us) and the same levels; either
//! side may declare a conflict of interest, which keeps the pair out of every matching run. Wishes are
//! stated during the edition's preferences phase, until the phase's last day when it has dates (organisers
//! may correct them while the edition is live). The matching run and the recommendations read them.

use passerelle_domain::{
    Action, Actor, Context, Denied, EditionId, IrritantId, OrganisationId, ParticipationStatus,
    Phase, Pitch, Role, Side, Wish, WishLevel, authorize,
};
use passerelle_storage::{Edition, Irritant, StoredWish};

use crate::{App, Error, Invalid, Result, user_id};

/// A wish as typed: a level (`must`, `would-like`, `no`, or empty to withdraw the wish), a pitch, and
/// whether the side declares a conflict of interest.
#[derive(Debug, Clone, Default)]
pub struct WishInput {
    pub level: String,
    pub pitch: String,
    pub conflict_of_interest: bool,
}

/// What stating a wish did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WishOutcome {
    Stated(Wish),
    Withdrawn,
}

/// When wishes may be stated in an edition, for a side (organisers always may while it is live).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    Open,
    /// The preferences phase has not come yet.
    NotYet,
    /// The preferences phase (or its last day) is over.
    Over,
}

/// Whether the sides may state wishes in `edition` on `today`.
pub fn window(edition: &Edition, today: time::Date) -> Window {
    match edition.phase {
        Phase::Preferences => {
            let last = edition.window(Phase::Preferences).and_then(|w| w.ends_on());
            if last.is_some_and(|d| today > d) {
                Window::Over
            } else {
                Window::Open
            }
        }
        p if p < Phase::Preferences => Window::NotYet,
        _ => Window::Over,
    }
}

pub(crate) async fn edition(app: &App, id: EditionId) -> Result<Edition> {
    app.storage().get_edition(id).await?.ok_or(Error::NotFound)
}

/// The organisation acting for `side` of a pair.
fn owner(side: Side, irritant: &Irritant, company: OrganisationId) -> OrganisationId {
    match side {
        Side::Institution => irritant.institution.id,
        Side::Company => company,
    }
}

/// Authorizes a side's (or an organiser's) wish about a pair, phase and deadline included.
fn may_state(
    app: &App,
    actor: &Actor,
    edition: &Edition,
    side: Side,
    irritant: &Irritant,
    company: OrganisationId,
) -> Result<()> {
    authorize(
        actor,
        Action::StateWish,
        &Context {
            phase: Some(edition.phase),
            owner: Some(owner(side, irritant, company)),
            ..Context::default()
        },
    )?;
    if !actor.has_role(Role::Organiser) && window(edition, app.now().date()) != Window::Open {
        return Err(Error::Denied(Denied::WrongPhase));
    }
    Ok(())
}

/// Whether `actor` may state `side`'s wishes about the pairs of `irritant` (or of `company`) now: pages
/// show the forms only then.
pub fn can_state(
    app: &App,
    actor: &Actor,
    edition: &Edition,
    side: Side,
    irritant: &Irritant,
    company: OrganisationId,
) -> bool {
    may_state(app, actor, edition, side, irritant, company).is_ok()
}

/// States, changes or withdraws `side`'s wish about the pair (`irritant`, `company`). The irritant must
/// be published and the company validated in its edition. A company's *must* or *would like* comes with
/// its pitch (why us); an institution's note is optional.
pub async fn state(
    app: &App,
    actor: &Actor,
    side: Side,
    irritant: IrritantId,
    company: OrganisationId,
    input: &WishInput,
) -> Result<WishOutcome> {
    let irritant = app
        .storage()
        .get_irritant(irritant)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = edition(app, irritant.edition_id).await?;
    // Wishes are about published irritants only (a draft is nobody's to meet yet).
    if !irritant.status.is_public() {
        return Err(Error::NotFound);
    }
    may_state(app, actor, &edition, side, &irritant, company)?;
    let validated = app
        .storage()
        .get_participation(edition.id, company)
        .await?
        .is_some_and(|p| p.status == ParticipationStatus::Validated);
    let mut invalid = Invalid::default();
    if !validated {
        invalid.code("company", "wish-company-not-taking-part");
    }
    let level = match input.level.trim() {
        "" if input.conflict_of_interest => Some(WishLevel::No),
        "" => None,
        raw => invalid.check("level", WishLevel::parse(raw)),
    };
    let pitch = match input.pitch.trim() {
        "" => None,
        raw => invalid.check("pitch", Pitch::parse(raw)),
    };
    let wants = matches!(level, Some(WishLevel::Must | WishLevel::WouldLike));
    if side == Side::Company
        && wants
        && !input.conflict_of_interest
        && input.pitch.trim().is_empty()
    {
        invalid.code("pitch", "wish-pitch-required");
    }
    invalid.finish()?;
    let now = app.now();
    let mut tx = app.begin().await?;
    let outcome = match level {
        None => {
            tx.delete_wish(irritant.id, company, side).await?;
            WishOutcome::Withdrawn
        }
        Some(level) => {
            let wish = Wish {
                side,
                level,
                pitch,
                conflict_of_interest: input.conflict_of_interest,
            };
            tx.set_wish(edition.id, irritant.id, company, &wish, user_id(actor), now)
                .await?;
            WishOutcome::Stated(wish)
        }
    };
    app.audit(
        &mut tx,
        actor,
        match &outcome {
            WishOutcome::Stated(_) => "wish-stated",
            WishOutcome::Withdrawn => "wish-withdrawn",
        },
        ("irritant", irritant.id.to_string()),
        serde_json::json!({
            "company": company.to_string(),
            "side": side.as_str(),
            "wish": match &outcome { WishOutcome::Stated(w) => serde_json::to_value(w).unwrap_or_default(), WishOutcome::Withdrawn => serde_json::Value::Null },
        }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(outcome)
}

/// Both sides' wishes about one pair.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairWishes {
    pub institution: Option<Wish>,
    pub company: Option<Wish>,
}

impl PairWishes {
    pub fn side(&self, side: Side) -> Option<&Wish> {
        match side {
            Side::Institution => self.institution.as_ref(),
            Side::Company => self.company.as_ref(),
        }
    }

    pub(crate) fn add(&mut self, w: &StoredWish) {
        match w.wish.side {
            Side::Institution => self.institution = Some(w.wish.clone()),
            Side::Company => self.company = Some(w.wish.clone()),
        }
    }
}
