//! Editions, run from the console: create one, set its phases' dates, advance or step back a phase
//! (after seeing what is still pending), list past editions. Which edition is current follows the dates
//! (`passerelle_domain::edition::current`), on the app's clock.

use passerelle_domain::edition::{check_plan, parse_date};
use passerelle_domain::{
    Action, Actor, Context, EditionDates, EditionId, Field, Phase, PhaseWindow, ShortText, Slug,
    authorize,
};
use passerelle_storage::{Edition, NewEdition};

use crate::{App, Code, Error, Invalid, Problem, Result, user_id};

/// The edition current today.
pub async fn current(app: &App) -> Result<Option<Edition>> {
    Ok(app.storage().current_edition_on(app.now().date()).await?)
}

fn manage(actor: &Actor, edition: Option<&Edition>) -> Result<()> {
    authorize(
        actor,
        Action::ManageEdition,
        &Context {
            phase: edition.map(|e| e.phase),
            ..Context::default()
        },
    )?;
    Ok(())
}

/// Every edition, the most recent event first, and which one is current.
pub async fn list(app: &App, actor: &Actor) -> Result<(Vec<Edition>, Option<EditionId>)> {
    manage(actor, None)?;
    let current = current(app).await?.map(|e| e.id);
    Ok((app.storage().list_editions().await?, current))
}

/// One edition (for its console page).
pub async fn get(app: &App, actor: &Actor, id: EditionId) -> Result<Edition> {
    manage(actor, None)?;
    app.storage().get_edition(id).await?.ok_or(Error::NotFound)
}

/// An edition's identity as typed.
#[derive(Debug, Clone, Default)]
pub struct EditionInput {
    pub slug: String,
    pub title: String,
    pub venue: String,
    pub first_day: String,
    pub last_day: String,
}

struct Parsed {
    slug: Option<Slug>,
    title: ShortText,
    venue: ShortText,
    dates: EditionDates,
}

fn parse(input: &EditionInput, with_slug: bool) -> Result<Parsed> {
    let mut invalid = Invalid::default();
    let slug = if with_slug {
        invalid.check("slug", Slug::parse(&input.slug))
    } else {
        None
    };
    let title = invalid.check("title", ShortText::parse(Field::Title, &input.title));
    let venue = invalid.check("venue", ShortText::parse(Field::Venue, &input.venue));
    let first = invalid.check("first_day", parse_date(&input.first_day));
    let last = invalid.check("last_day", parse_date(&input.last_day));
    let dates = match (first, last) {
        (Some(a), Some(b)) => invalid.check("last_day", EditionDates::new(a, b)),
        _ => None,
    };
    invalid.finish()?;
    match (title, venue, dates) {
        (Some(title), Some(venue), Some(dates)) => Ok(Parsed {
            slug,
            title,
            venue,
            dates,
        }),
        _ => Err(Error::internal("edition input checked but incomplete")),
    }
}

/// Creates an edition in preparation (phase `draft`), without phase dates yet.
pub async fn create(app: &App, actor: &Actor, input: EditionInput) -> Result<Edition> {
    manage(actor, None)?;
    let parsed = parse(&input, true)?;
    let slug = parsed.slug.ok_or_else(|| Error::internal("no slug"))?;
    let mut tx = app.begin().await?;
    let id = tx
        .create_edition(&NewEdition {
            slug,
            title: parsed.title,
            venue: parsed.venue,
            dates: parsed.dates,
            phase: Phase::Draft,
            phases: Vec::new(),
        })
        .await
        .map_err(|e| match e {
            passerelle_storage::Error::Conflict(code) => {
                Error::invalid("slug", Problem::Code(Code::new(code)))
            }
            other => other.into(),
        })?;
    app.audit(
        &mut tx,
        actor,
        "edition-created",
        ("edition", id.to_string()),
        serde_json::json!({ "slug": input.slug.trim() }),
    )
    .await?;
    app.commit(tx).await?;
    app.storage().get_edition(id).await?.ok_or(Error::NotFound)
}

/// Changes an edition's title, venue and days (its slug stays: it is in links).
pub async fn update(
    app: &App,
    actor: &Actor,
    id: EditionId,
    input: EditionInput,
) -> Result<Edition> {
    let edition = get(app, actor, id).await?;
    manage(actor, Some(&edition))?;
    if edition.phase == Phase::Closed {
        return Err(Error::conflict("edition-closed"));
    }
    let parsed = parse(&input, false)?;
    let mut tx = app.begin().await?;
    tx.update_edition(id, &parsed.title, &parsed.venue, parsed.dates)
        .await?;
    app.audit(
        &mut tx,
        actor,
        "edition-updated",
        ("edition", id.to_string()),
        serde_json::json!({ "title": parsed.title.as_str(), "venue": parsed.venue.as_str() }),
    )
    .await?;
    app.commit(tx).await?;
    app.storage().get_edition(id).await?.ok_or(Error::NotFound)
}

/// The dates of each phase as typed (`start`/`end`, empty for none); the form's fields are
/// `start-<phase>` and `end-<phase>`.
#[derive(Debug, Clone, Default)]
pub struct PlanInput {
    pub phases: Vec<(Phase, String, String)>,
}

/// Sets the plan of phase dates: every date valid, each phase's start before its end, phases starting in
/// their order. A closed edition keeps the plan it had.
pub async fn set_plan(
    app: &App,
    actor: &Actor,
    id: EditionId,
    input: PlanInput,
) -> Result<Edition> {
    let edition = get(app, actor, id).await?;
    if edition.phase == Phase::Closed {
        return Err(Error::conflict("edition-closed"));
    }
    let mut invalid = Invalid::default();
    let mut windows = Vec::new();
    for (phase, start, end) in &input.phases {
        let date = |field: String, raw: &str, invalid: &mut Invalid| {
            if raw.trim().is_empty() {
                None
            } else {
                invalid.check(&field, parse_date(raw))
            }
        };
        let s = date(format!("start-{}", phase.as_str()), start, &mut invalid);
        let e = date(format!("end-{}", phase.as_str()), end, &mut invalid);
        let bad_start = !start.trim().is_empty() && s.is_none();
        let bad_end = !end.trim().is_empty() && e.is_none();
        if !bad_start
            && !bad_end
            && let Some(w) = invalid.check(
                &format!("end-{}", phase.as_str()),
                PhaseWindow::new(*phase, s, e),
            )
        {
            windows.push(w);
        }
    }
    if invalid.is_empty()
        && let Err((phase, _)) = check_plan(&windows)
    {
        invalid.code(&format!("start-{}", phase.as_str()), "plan-out-of-order");
    }
    invalid.finish()?;
    let mut tx = app.begin().await?;
    tx.set_phase_dates(id, &windows).await?;
    app.audit(
        &mut tx,
        actor,
        "edition-plan-set",
        ("edition", id.to_string()),
        serde_json::to_value(&windows).map_err(Error::internal)?,
    )
    .await?;
    app.commit(tx).await?;
    app.storage().get_edition(id).await?.ok_or(Error::NotFound)
}

/// A phase change about to be made, and what it leaves behind (codes with a `count`).
#[derive(Debug, Clone)]
pub struct PhaseMove {
    pub from: Phase,
    pub to: Phase,
    pub pending: Vec<Code>,
}

/// What moving `id` to `target` would leave pending, for the organiser to see before confirming.
pub async fn preview_move(
    app: &App,
    actor: &Actor,
    id: EditionId,
    target: Phase,
) -> Result<PhaseMove> {
    let edition = get(app, actor, id).await?;
    edition.phase.move_to(target)?;
    let counts = app.storage().edition_counts(id).await?;
    let mut pending = Vec::new();
    let mut add = |key: &'static str, count: i64| {
        if count > 0 {
            pending.push(Code::new(key).arg("count", count));
        }
    };
    if target < edition.phase {
        add("pending-step-back", 1);
    }
    if edition.phase < Phase::Preferences && target >= Phase::Preferences {
        add(
            "pending-irritants-draft",
            counts.irritants("draft") + counts.irritants("returned"),
        );
        add("pending-irritants-submitted", counts.irritants("submitted"));
        add(
            "pending-companies-registered",
            counts.participations("registered"),
        );
        add(
            "pending-companies-invited",
            counts.participations("invited"),
        );
    }
    if edition.phase < Phase::Matching && target >= Phase::Matching && counts.wishes() == 0 {
        add("pending-no-wishes", 1);
    }
    if edition.phase < Phase::SchedulePublished && target >= Phase::SchedulePublished {
        if counts.runs("published") == 0 {
            add("pending-no-published-run", 1);
        }
        add("pending-proposals-unanswered", counts.meetings("proposed"));
        add("pending-proposals-declined", counts.meetings("declined"));
    }
    if edition.phase < Phase::EventDay && target >= Phase::EventDay {
        add(
            "pending-meetings-unscheduled",
            counts.meetings("accepted") + counts.meetings("imposed"),
        );
    }
    if target == Phase::Closed {
        add("pending-closing-is-final", 1);
    }
    Ok(PhaseMove {
        from: edition.phase,
        to: target,
        pending,
    })
}

/// Moves the edition to `target` (forward, possibly skipping phases, or one step back; a closed edition
/// is final), with an audit record.
pub async fn move_phase(app: &App, actor: &Actor, id: EditionId, target: Phase) -> Result<Edition> {
    let preview = preview_move(app, actor, id, target).await?;
    let mut tx = app.begin().await?;
    tx.set_phase(id, target, user_id(actor), app.now()).await?;
    app.audit(
        &mut tx,
        actor,
        "edition-phase-moved",
        ("edition", id.to_string()),
        serde_json::json!({
            "from": preview.from.as_str(),
            "to": target.as_str(),
            "pending": preview.pending.iter().map(|c| c.key).collect::<Vec<_>>(),
        }),
    )
    .await?;
    app.commit(tx).await?;
    app.storage().get_edition(id).await?.ok_or(Error::NotFound)
}
