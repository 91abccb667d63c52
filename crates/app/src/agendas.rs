//! Agendas: a person's meetings with their time, table, the other side and, once both sides confirmed,
//! the other side's contacts; shown as a page, printed as a PDF, subscribed to as an iCalendar feed behind
//! a secret address the person can reset, and mailed (with the `.ics`) on publication and on every change
//! that concerns them, in their language.

use std::collections::{BTreeMap, HashMap, HashSet};

use passerelle_domain::day::in_paris;
use passerelle_domain::{
    Action, Actor, Context, MeetingId, MeetingStatus, OrganisationId, Role, Side, UserId, authorize,
};
use passerelle_export::ical::{self, Feed, FeedEvent, Use};
use passerelle_i18n::{Lang, format};
use passerelle_storage::{
    DayTable, Edition, LivePlacement, MailAttachment, Meeting, Placement, StoredRating, Tx, User,
};
use time::OffsetDateTime;

use crate::{App, Error, Result, mail, user_id};

/// One meeting of an agenda.
#[derive(Debug, Clone)]
pub struct Item {
    pub meeting: Meeting,
    /// The person's side.
    pub side: Side,
    pub start: OffsetDateTime,
    pub end: OffsetDateTime,
    pub table: Option<DayTable>,
    pub sequence: i64,
    pub updated_at: OffsetDateTime,
    /// The other side: the company, or the irritant's institution.
    pub counterpart: String,
    /// The other side's people (name, e-mail), once both sides confirmed the meeting.
    pub contacts: Vec<(String, String)>,
    /// The person's side's rating, if given.
    pub rating: Option<StoredRating>,
}

impl Item {
    /// No longer held: cancelled, or taken out of the schedule by a change.
    pub fn cancelled(&self) -> bool {
        no_longer_held(&self.meeting)
    }
}

/// A meeting cancelled, or taken out of the schedule by a change (back to accepted or imposed).
pub(crate) fn no_longer_held(m: &Meeting) -> bool {
    matches!(
        m.state.status,
        MeetingStatus::Cancelled | MeetingStatus::Accepted | MeetingStatus::Imposed
    )
}

/// A person's agenda in an edition.
#[derive(Debug, Clone)]
pub struct Agenda {
    pub edition: Edition,
    pub person: User,
    pub items: Vec<Item>,
    /// The secret of the person's feed.
    pub feed_token: String,
    pub checked_in: Option<OffsetDateTime>,
}

/// Writes not yet committed that an agenda must show (a mail is written in the change's transaction).
#[derive(Debug, Clone, Default)]
pub struct Pending {
    /// New places, with their new sequence.
    pub placements: HashMap<MeetingId, (Placement, i64)>,
    /// Meetings no longer held, with their new sequence.
    pub cancelled: HashMap<MeetingId, i64>,
    pub now: Option<OffsetDateTime>,
}

fn side_org(m: &Meeting, side: Side) -> OrganisationId {
    match side {
        Side::Institution => m.institution.id,
        Side::Company => m.company.id,
    }
}

/// The people of one side of a meeting.
pub(crate) async fn side_people(app: &App, m: &Meeting, side: Side) -> Result<Vec<User>> {
    crate::mail::side_members(app, m.institution.id, m.company.id, side).await
}

/// How much of each item an agenda reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Everything: the other side's contacts and the person's ratings (the page, the PDF, the feed,
    /// the mails).
    Full,
    /// Time, place and the other side only (now/next, which every participant refreshes on the day).
    Brief,
}

/// The agenda items of `person` among `meetings`, with the live schedule as `live` plus `pending`.
async fn items_of(
    app: &App,
    person: UserId,
    b: &Board,
    pending: &Pending,
    detail: Detail,
) -> Result<Vec<Item>> {
    let (meetings, live, tables) = (&b.meetings, &b.live, &b.tables);
    let memberships = app.storage().memberships(person).await?;
    let in_side = |m: &Meeting, side: Side| {
        let role = match side {
            Side::Institution => Role::InstitutionMember,
            Side::Company => Role::CompanyMember,
        };
        memberships
            .iter()
            .any(|ms| ms.role == role && ms.organisation == side_org(m, side))
    };
    let mut contacts_of: HashMap<(MeetingId, Side), Vec<(String, String)>> = HashMap::new();
    let mut items = Vec::new();
    for m in meetings {
        let Some(side) = [Side::Institution, Side::Company]
            .into_iter()
            .find(|s| in_side(m, *s))
        else {
            continue;
        };
        let (placement, mut sequence, mut updated_at) =
            match (pending.placements.get(&m.id), live.get(&m.id)) {
                (Some((p, seq)), _) => (*p, *seq, pending.now.unwrap_or(m.updated_at)),
                (None, Some(l)) => (l.placement, l.sequence, l.updated_at),
                (None, None) => continue,
            };
        let mut meeting = m.clone();
        if let Some(seq) = pending.cancelled.get(&m.id) {
            meeting.state.status = MeetingStatus::Cancelled;
            sequence = *seq;
            updated_at = pending.now.unwrap_or(updated_at);
        }
        let other = side.other();
        let contacts = match contacts_of.get(&(m.id, other)) {
            _ if detail == Detail::Brief => Vec::new(),
            Some(c) => c.clone(),
            None => {
                let people = side_people(app, m, other).await?;
                let c: Vec<(String, String)> = people
                    .iter()
                    .map(|u| {
                        (
                            u.display_name.as_str().to_string(),
                            u.email.as_str().to_string(),
                        )
                    })
                    .collect();
                contacts_of.insert((m.id, other), c.clone());
                c
            }
        };
        let rating = if detail == Detail::Full
            && matches!(m.state.status, MeetingStatus::Held | MeetingStatus::Rated)
        {
            app.storage()
                .ratings_of_meeting(m.id)
                .await?
                .into_iter()
                .find(|r| r.side == side && r.round == passerelle_domain::RatingRound::Day)
        } else {
            None
        };
        items.push(Item {
            counterpart: match side {
                Side::Institution => m.company.name.as_str().to_string(),
                Side::Company => m.institution.name.as_str().to_string(),
            },
            contacts,
            side,
            start: placement.start,
            end: placement.end,
            table: tables.get(&placement.table).cloned(),
            sequence,
            updated_at,
            rating,
            meeting,
        });
    }
    items.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(a.counterpart.cmp(&b.counterpart))
    });
    Ok(items)
}

/// What an edition's agendas read: meetings, live schedule, tables.
struct Board {
    meetings: Vec<Meeting>,
    live: HashMap<MeetingId, LivePlacement>,
    tables: HashMap<passerelle_domain::TableId, DayTable>,
}

/// What one person's agenda reads: the meetings of their organisations only, where those are held,
/// and the tables (each person's page costs the same whatever the size of the edition).
async fn board_of(app: &App, edition: &Edition, person: UserId) -> Result<Board> {
    let mut organisations: Vec<OrganisationId> = app
        .storage()
        .memberships(person)
        .await?
        .into_iter()
        .filter(|m| matches!(m.role, Role::InstitutionMember | Role::CompanyMember))
        .map(|m| m.organisation)
        .collect();
    organisations.sort();
    organisations.dedup();
    let mut meetings: Vec<Meeting> = Vec::new();
    let mut live = HashMap::new();
    for org in organisations {
        for m in app
            .storage()
            .meetings_of_organisation(edition.id, org)
            .await?
        {
            if !meetings.iter().any(|k| k.id == m.id) {
                meetings.push(m);
            }
        }
        for l in app
            .storage()
            .live_placements_of_organisation(edition.id, org)
            .await?
        {
            live.insert(l.placement.meeting, l);
        }
    }
    Ok(Board {
        meetings,
        live,
        tables: app
            .storage()
            .day_tables(edition.id)
            .await?
            .into_iter()
            .map(|t| (t.id, t))
            .collect(),
    })
}

async fn board(app: &App, edition: &Edition) -> Result<Board> {
    Ok(Board {
        meetings: app.storage().meetings_of_edition(edition.id).await?,
        live: app
            .storage()
            .live_placements(edition.id)
            .await?
            .into_iter()
            .map(|l| (l.placement.meeting, l))
            .collect(),
        tables: app
            .storage()
            .day_tables(edition.id)
            .await?
            .into_iter()
            .map(|t| (t.id, t))
            .collect(),
    })
}

fn new_token() -> String {
    // 128 random bits, URL-safe: the feed's only protection.
    uuid::Uuid::new_v4().simple().to_string() + &uuid::Uuid::new_v4().simple().to_string()[..16]
}

/// The person's feed secret, made on first use.
async fn feed_token(app: &App, user: UserId) -> Result<String> {
    if let Some(t) = app.storage().feed_token(user).await? {
        return Ok(t);
    }
    let token = new_token();
    let mut tx = app.begin().await?;
    tx.set_feed_token(user, &token, app.now()).await?;
    app.commit(tx).await?;
    Ok(token)
}

/// The agenda of the signed-in person in the current edition.
pub async fn mine(app: &App, actor: &Actor) -> Result<Agenda> {
    let (edition, user) = own_edition(app, actor).await?;
    let person = app.storage().get_user(user).await?.ok_or(Error::NotFound)?;
    agenda_of(app, edition, person).await
}

/// The signed-in person's meetings in the current edition, with their time, place and other side
/// only (no contacts, no ratings): what now/next shows.
pub async fn brief(app: &App, actor: &Actor) -> Result<(Edition, Vec<Item>)> {
    let (edition, user) = own_edition(app, actor).await?;
    let b = board_of(app, &edition, user).await?;
    let items = items_of(app, user, &b, &Pending::default(), Detail::Brief).await?;
    Ok((edition, items))
}

/// The current edition, when the signed-in person may see their agenda in it.
async fn own_edition(app: &App, actor: &Actor) -> Result<(Edition, UserId)> {
    let edition = crate::editions::current(app)
        .await?
        .ok_or(Error::NotFound)?;
    let user = user_id(actor).ok_or(Error::Denied(passerelle_domain::Denied::SignInRequired))?;
    let mut orgs = actor.organisations_with(Role::InstitutionMember);
    orgs.extend(actor.organisations_with(Role::CompanyMember));
    authorize(
        actor,
        Action::ViewAgenda,
        &Context {
            phase: Some(edition.phase),
            owner: orgs.first().copied(),
            ..Context::default()
        },
    )?;
    Ok((edition, user))
}

/// A person's agenda (the person, or an organiser printing it).
pub async fn agenda_of(app: &App, edition: Edition, person: User) -> Result<Agenda> {
    let b = board_of(app, &edition, person.id).await?;
    let items = items_of(app, person.id, &b, &Pending::default(), Detail::Full).await?;
    let feed_token = feed_token(app, person.id).await?;
    let checked_in = app
        .storage()
        .checkins(edition.id)
        .await?
        .into_iter()
        .find(|(u, _)| *u == person.id)
        .map(|(_, t)| t);
    Ok(Agenda {
        edition,
        person,
        items,
        feed_token,
        checked_in,
    })
}

/// A new secret for the person's feed: the old address stops working.
pub async fn reset_feed(app: &App, actor: &Actor) -> Result<String> {
    let user = user_id(actor).ok_or(Error::Denied(passerelle_domain::Denied::SignInRequired))?;
    let token = new_token();
    let mut tx = app.begin().await?;
    tx.set_feed_token(user, &token, app.now()).await?;
    app.audit(
        &mut tx,
        actor,
        "agenda-feed-reset",
        ("user", user.to_string()),
        serde_json::json!({}),
    )
    .await?;
    app.commit(tx).await?;
    Ok(token)
}

/// The feed behind a secret address (no sign-in: calendar apps fetch it), in its owner's language. An
/// unknown secret is not found.
pub async fn feed(app: &App, token: &str) -> Result<String> {
    if token.len() > 100 || !token.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::NotFound);
    }
    let user = app
        .storage()
        .feed_owner(token)
        .await?
        .ok_or(Error::NotFound)?;
    let person = app.storage().get_user(user).await?.ok_or(Error::NotFound)?;
    let Some(edition) = crate::editions::current(app).await? else {
        return Ok(ics(
            app,
            Lang::of(person.locale),
            None,
            &[],
            Use::Subscription,
        ));
    };
    let b = board_of(app, &edition, person.id).await?;
    let items = items_of(app, person.id, &b, &Pending::default(), Detail::Full).await?;
    Ok(ics(
        app,
        Lang::of(person.locale),
        Some(&edition),
        &items,
        Use::Subscription,
    ))
}

/// A meeting's UID in every calendar, for its whole life.
pub fn uid(meeting: MeetingId) -> String {
    format!("meeting-{meeting}@passerelle")
}

/// The time and place of an item as one line ("le 2 mars 2027 à 9 h 30, table 4").
pub fn when_where(lang: Lang, item: &Item) -> String {
    let local = in_paris(item.start);
    let at = format::on_date_at(lang, local.date(), local.time());
    match &item.table {
        Some(t) => lang.t_args(
            "day-when-where",
            &[("when", at), ("table", t.name.as_str().to_string())],
        ),
        None => at,
    }
}

/// The agenda as iCalendar text.
pub fn ics(app: &App, lang: Lang, edition: Option<&Edition>, items: &[Item], usage: Use) -> String {
    let naive = |t: OffsetDateTime| {
        let l = in_paris(t);
        time::PrimitiveDateTime::new(l.date(), l.time())
    };
    let events = items
        .iter()
        .map(|i| {
            let mut description = vec![lang.t_args(
                "day-ics-irritant",
                &[("irritant", i.meeting.irritant_title.as_str().to_string())],
            )];
            for (name, email) in &i.contacts {
                description.push(lang.t_args(
                    "day-ics-contact",
                    &[("name", name.clone()), ("email", email.clone())],
                ));
            }
            FeedEvent {
                uid: uid(i.meeting.id),
                sequence: i.sequence.max(0) as u32,
                start: naive(i.start),
                end: naive(i.end),
                summary: lang.t_args("day-ics-summary", &[("counterpart", i.counterpart.clone())]),
                description: description.join("\n"),
                location: i
                    .table
                    .as_ref()
                    .map(|t| t.name.as_str().to_string())
                    .unwrap_or_default(),
                cancelled: i.cancelled(),
                url: Some(app.link("/journee/agenda")),
                updated: i.updated_at,
            }
        })
        .collect();
    ical::calendar(
        &Feed {
            name: lang.t_args(
                "day-ics-name",
                &[(
                    "edition",
                    edition
                        .map(|e| e.title.as_str().to_string())
                        .unwrap_or_default(),
                )],
            ),
            lang: lang.code().to_string(),
            events,
        },
        usage,
    )
}

/// Mails `kind` (`schedule-published`, `agenda-changed`) to the people of both sides of `concerned`,
/// each once, in their language, listing their meetings with the `.ics` of their agenda attached. The
/// agendas include the transaction's `pending` writes. Returns the number of mails.
pub(crate) async fn mail_agendas(
    app: &App,
    tx: &mut Tx,
    edition: &Edition,
    concerned: &[&Meeting],
    kind: &str,
    pending: &Pending,
) -> Result<usize> {
    let b = board(app, edition).await?;
    let mut people: BTreeMap<UserId, User> = BTreeMap::new();
    for m in concerned {
        for side in [Side::Institution, Side::Company] {
            for u in side_people(app, m, side).await? {
                people.insert(u.id, u);
            }
        }
    }
    let concerned: HashSet<MeetingId> = concerned.iter().map(|m| m.id).collect();
    let mut sent = 0;
    for person in people.values() {
        let items = items_of(app, person.id, &b, pending, Detail::Full).await?;
        if items.is_empty() {
            continue;
        }
        let lang = Lang::of(person.locale);
        let list: Vec<String> = items
            .iter()
            .filter(|i| kind == "schedule-published" || concerned.contains(&i.meeting.id))
            .map(|i| {
                let key = if i.cancelled() {
                    "day-mail-line-cancelled"
                } else {
                    "day-mail-line"
                };
                lang.t_args(
                    key,
                    &[
                        ("when", when_where(lang, i)),
                        ("counterpart", i.counterpart.clone()),
                        ("irritant", i.meeting.irritant_title.as_str().to_string()),
                    ],
                )
            })
            .collect();
        let args = [
            ("name", person.display_name.as_str().to_string()),
            ("edition", edition.title.as_str().to_string()),
            ("count", list.len().to_string()),
            ("list", list.join("\n")),
            ("link", app.link("/journee/agenda")),
        ];
        let m = mail::with_attachment(
            mail::render(kind, &person.email, lang, &args),
            MailAttachment {
                filename: lang.t("day-ics-filename"),
                content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(),
                data: ics(app, lang, Some(edition), &items, Use::Attachment).into_bytes(),
            },
        );
        app.enqueue_mail(tx, &m).await?;
        sent += 1;
    }
    Ok(sent)
}
