//! The GDPR rights on one's data: the export of everything held about a person (articles 15 and 20), as
//! JSON with stable keys and as a readable page, and the erasure of their account (article 17), by the
//! person (confirmed with their password, or by a link mailed to them when the account has none) or by an
//! organiser at their request. An erasure is one transaction: the person removed, what belongs to the
//! organisations kept without them, the audit record written, the last mail queued.

use passerelle_domain::{Action, Actor, Denied, Role, UserId, authorize};
use passerelle_i18n::Lang;
use passerelle_storage::{NO_PASSWORD, Section, TokenPurpose, Tx, User};
use time::{Duration, OffsetDateTime};

use crate::account::signed_in;
use crate::{App, Error, Invalid, Result, mail};

/// The export's format name and version, at the top of the JSON file.
pub const FORMAT: &str = "passerelle-personal-data";
pub const VERSION: u32 = 1;

/// How long the link confirming an erasure stays valid.
pub const ERASURE_LINK_VALIDITY: Duration = Duration::hours(1);

/// Everything held about one person.
pub struct Export {
    pub user: User,
    pub generated_at: OffsetDateTime,
    pub sections: Vec<Section>,
}

impl Export {
    /// The JSON document: `{"format", "version", "generated_at", "sections": {key: [rows]}}`, the
    /// sections in a fixed order with the keys documented in the README.
    pub fn to_json(&self) -> serde_json::Value {
        let sections: serde_json::Map<String, serde_json::Value> = self
            .sections
            .iter()
            .map(|s| {
                let rows = s.rows.iter().cloned().map(serde_json::Value::Object);
                (s.key.to_owned(), serde_json::Value::Array(rows.collect()))
            })
            .collect();
        serde_json::json!({
            "format": FORMAT,
            "version": VERSION,
            "generated_at": self
                .generated_at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            "sections": sections,
        })
    }

    /// A file name for the download: `passerelle-donnees-2026-12-03.json`.
    pub fn file_name(&self) -> String {
        format!("passerelle-donnees-{}.json", self.generated_at.date())
    }
}

async fn export(app: &App, user: UserId) -> Result<Export> {
    let storage = app.storage();
    let account = storage.get_user(user).await?.ok_or(Error::NotFound)?;
    let sections = storage.personal_data(user).await?.ok_or(Error::NotFound)?;
    Ok(Export {
        user: account,
        generated_at: app.now(),
        sections,
    })
}

/// The signed-in person's data.
pub async fn export_mine(app: &App, actor: &Actor) -> Result<Export> {
    let me = signed_in(actor)?;
    export(app, me).await
}

/// A person's data, for an organiser answering their request.
pub async fn export_of(app: &App, actor: &Actor, user: UserId) -> Result<Export> {
    authorize(actor, Action::HandleDataRequest, &Default::default())?;
    export(app, user).await
}

/// Who asked for an erasure, as the audit record and the last mail say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErasedBy {
    /// The person, from their account page (password or mailed link).
    Themselves,
    /// An organiser, at the person's request.
    Organiser,
}

impl ErasedBy {
    fn code(self) -> &'static str {
        match self {
            ErasedBy::Themselves => "self",
            ErasedBy::Organiser => "organiser",
        }
    }
}

/// Erases `user` in `tx`: refused for the last organiser or the last administrator (nobody could run the
/// platform after), then the storage's erasure, an audit record that does not name the person, and the
/// last mail to the address the account had.
async fn erase(app: &App, tx: &mut Tx, actor: &Actor, user: UserId, by: ErasedBy) -> Result<()> {
    let memberships = app.storage().memberships(user).await?;
    for role in [Role::Organiser, Role::Admin] {
        if memberships.iter().any(|m| m.role == role) {
            let holders = app.storage().users_with_role(role).await?;
            if holders.iter().all(|u| u.id == user) {
                return Err(Error::conflict("erase-last-organiser"));
            }
        }
    }
    let erased = tx.erase_user(user).await?;
    // The record says an account was erased, when and at whose request; not whose.
    let actor = match by {
        ErasedBy::Themselves => &Actor::Anonymous,
        ErasedBy::Organiser => actor,
    };
    app.audit(
        tx,
        actor,
        "account-erased",
        ("account", uuid::Uuid::new_v4().to_string()),
        serde_json::json!({ "by": by.code() }),
    )
    .await?;
    let mail = mail::render(
        &format!("account-erased-{}", by.code()),
        &erased.email,
        Lang::of(erased.locale),
        &[("name", erased.display_name.as_str().to_owned())],
    );
    app.enqueue_mail(tx, &mail).await?;
    Ok(())
}

/// The person erases their own account, confirmed with their password (`password`: field problem
/// `account-password-wrong`). An account without a password asks for a link instead
/// ([`request_erasure_link`]).
pub async fn erase_mine(app: &App, actor: &Actor, password: &str) -> Result<()> {
    let me = signed_in(actor)?;
    let stored = app.storage().password_hash(me).await?;
    let matches = match stored {
        Some(hash) if hash != NO_PASSWORD => {
            passerelle_storage::verify_password_bounded(password.to_owned(), Some(hash)).await?
        }
        _ => false,
    };
    if !matches {
        let mut invalid = Invalid::default();
        invalid.code("password", "account-password-wrong");
        return Err(Error::Invalid(invalid));
    }
    let mut tx = app.begin().await?;
    erase(app, &mut tx, actor, me, ErasedBy::Themselves).await?;
    app.commit(tx).await
}

/// Mails the person a link that erases their account once followed (valid [`ERASURE_LINK_VALIDITY`]):
/// the confirmation for accounts that sign in only through a provider.
pub async fn request_erasure_link(app: &App, actor: &Actor) -> Result<()> {
    let me = signed_in(actor)?;
    let user = app.storage().get_user(me).await?.ok_or(Error::NotFound)?;
    let mut tx = app.begin().await?;
    let token = tx
        .create_account_token(
            me,
            TokenPurpose::Deletion,
            None,
            ERASURE_LINK_VALIDITY,
            app.now(),
        )
        .await?;
    let mail = mail::render(
        "erasure-link",
        &user.email,
        Lang::of(user.locale),
        &[
            ("name", user.display_name.as_str().to_owned()),
            (
                "link",
                app.link(&format!("/compte/suppression/lien/{token}")),
            ),
        ],
    );
    app.enqueue_mail(&mut tx, &mail).await?;
    app.audit(
        &mut tx,
        actor,
        "erasure-link-sent",
        ("user", me.to_string()),
        serde_json::json!({}),
    )
    .await?;
    app.commit(tx).await
}

/// Whether an erasure link is usable (to show its confirmation button).
pub async fn erasure_link_valid(app: &App, token: &str) -> Result<bool> {
    Ok(app
        .storage()
        .account_token(token, TokenPurpose::Deletion, app.now())
        .await?
        .is_some())
}

/// Follows an erasure link: the link is the authorization (it reached the account's mailbox).
pub async fn erase_by_link(app: &App, token: &str) -> Result<()> {
    let mut tx = app.begin().await?;
    let (user, _) = tx
        .consume_account_token(token, TokenPurpose::Deletion, app.now())
        .await
        .map_err(|e| match e {
            passerelle_storage::Error::InvalidToken => Error::NotFound,
            other => other.into(),
        })?;
    erase(app, &mut tx, &Actor::Anonymous, user, ErasedBy::Themselves).await?;
    app.commit(tx).await
}

/// An organiser erases a person's account at their request, typing the person's address again to
/// confirm (field `confirm`: `erase-confirm-mismatch`).
pub async fn erase_on_request(app: &App, actor: &Actor, user: UserId, confirm: &str) -> Result<()> {
    authorize(actor, Action::HandleDataRequest, &Default::default())?;
    let account = app.storage().get_user(user).await?.ok_or(Error::NotFound)?;
    if !confirm.trim().eq_ignore_ascii_case(account.email.as_str()) {
        let mut invalid = Invalid::default();
        invalid.code("confirm", "erase-confirm-mismatch");
        return Err(Error::Invalid(invalid));
    }
    if crate::user_id(actor) == Some(user) {
        // One's own account goes through the account page (password or link).
        return Err(Error::Denied(Denied::Forbidden));
    }
    let mut tx = app.begin().await?;
    erase(app, &mut tx, actor, user, ErasedBy::Organiser).await?;
    app.commit(tx).await
}

/// The accounts an organiser may answer a request for, by address; `query` filters by address or name.
pub async fn accounts(app: &App, actor: &Actor, query: &str) -> Result<Vec<User>> {
    authorize(actor, Action::HandleDataRequest, &Default::default())?;
    let query = query.trim().to_lowercase();
    Ok(app
        .storage()
        .list_users()
        .await?
        .into_iter()
        .filter(|u| {
            query.is_empty()
                || u.email.as_str().contains(&query)
                || u.display_name.as_str().to_lowercase().contains(&query)
        })
        .collect())
}
