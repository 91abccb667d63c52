//! The person's own account (`/compte`): name and language, e-mail address (confirmed by a link sent to the
//! new address, the old one told), password (the current one asked; every other session ends), the list of
//! the account's sessions and "sign out everywhere else".

use passerelle_domain::{
    Action, Actor, Denied, DisplayName, Email, Locale, Password, UserId, authorize,
};
use passerelle_i18n::Lang;
use passerelle_storage::{
    LinkedIdentity, MembershipDetail, NO_PASSWORD, SessionInfo, TokenPurpose, User,
};
use time::Duration;

use crate::{App, Error, Invalid, Result, mail, user_id};

/// How long the link confirming a new address stays valid.
pub const EMAIL_CHANGE_VALIDITY: Duration = Duration::hours(24);

/// What the account page shows.
pub struct Overview {
    pub user: User,
    /// Whether the account has a password (an account made through single sign-on may have none).
    pub password: bool,
    pub memberships: Vec<MembershipDetail>,
    pub sessions: Vec<SessionInfo>,
    pub identities: Vec<LinkedIdentity>,
}

/// The signed-in account asking, or "sign in first".
pub(crate) fn signed_in(actor: &Actor) -> Result<UserId> {
    let me = user_id(actor).ok_or(Error::Denied(Denied::SignInRequired))?;
    authorize(actor, Action::ManageOwnAccount, &Default::default())?;
    Ok(me)
}

pub async fn overview(app: &App, actor: &Actor) -> Result<Overview> {
    let me = signed_in(actor)?;
    let storage = app.storage();
    let user = storage.get_user(me).await?.ok_or(Error::NotFound)?;
    let password = storage
        .password_hash(me)
        .await?
        .is_some_and(|h| h != NO_PASSWORD);
    Ok(Overview {
        user,
        password,
        memberships: storage.membership_details(me).await?,
        sessions: storage.sessions_of_user(me, app.now()).await?,
        identities: storage.linked_identities(me).await?,
    })
}

/// Changes the person's name and the language of their mails.
pub async fn rename(app: &App, actor: &Actor, name: &str, language: &str) -> Result<User> {
    let me = signed_in(actor)?;
    let mut invalid = Invalid::default();
    let name = invalid.check("name", DisplayName::parse(name));
    let locale = invalid.check("language", Locale::parse(language));
    invalid.finish()?;
    let (Some(name), Some(locale)) = (name, locale) else {
        return Err(Error::internal("checked above"));
    };
    let mut tx = app.begin().await?;
    let user = tx.update_user_profile(me, &name, locale).await?;
    app.audit(
        &mut tx,
        actor,
        "account-renamed",
        ("user", me.to_string()),
        serde_json::json!({ "language": locale.as_str() }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(user)
}

/// Whether `typed` is the account's current password (an account without one has nothing to check).
async fn current_password_matches(app: &App, me: UserId, typed: &str) -> Result<bool> {
    let stored = app.storage().password_hash(me).await?;
    match stored {
        Some(hash) if hash != NO_PASSWORD => {
            Ok(passerelle_storage::verify_password_bounded(typed.to_owned(), Some(hash)).await?)
        }
        _ => Ok(true),
    }
}

/// Changes the password: the current one is checked, the new one confirmed; every other session of the
/// account ends (whoever knew the old password is signed out), `current_session` stays. A mail tells the
/// person. Returns how many sessions ended.
pub async fn change_password(
    app: &App,
    actor: &Actor,
    current: &str,
    new: &str,
    confirm: &str,
    current_session: Option<&str>,
) -> Result<u64> {
    let me = signed_in(actor)?;
    let mut invalid = Invalid::default();
    if !current_password_matches(app, me, current).await? {
        invalid.code("current_password", "account-password-wrong");
    }
    let password = invalid.check("new_password", Password::parse(new));
    if password.is_some() && confirm != new {
        invalid.code("confirm", "password-mismatch");
    }
    invalid.finish()?;
    let Some(password) = password else {
        return Err(Error::internal("checked above"));
    };
    let hash = passerelle_storage::hash_password_bounded(password).await?;
    let mut tx = app.begin().await?;
    let user = tx.user(me).await?;
    tx.set_password_hash(me, &hash).await?;
    let ended = tx.end_sessions_except(me, current_session).await?;
    app.audit(
        &mut tx,
        actor,
        "password-changed",
        ("user", me.to_string()),
        serde_json::json!({ "sessions_ended": ended }),
    )
    .await?;
    let mail = mail::render(
        "password-changed",
        &user.email,
        Lang::of(user.locale),
        &[("link", app.link("/mot-de-passe-oublie"))],
    );
    app.enqueue_mail(&mut tx, &mail).await?;
    app.commit(tx).await?;
    Ok(ended)
}

/// Asks to change the address: a link goes to the new address (valid [`EMAIL_CHANGE_VALIDITY`]), and the
/// current address is told. Nothing changes until the link is followed. Whether the new address already
/// has an account is not said here (only its owner learns it, at the link).
pub async fn request_email_change(
    app: &App,
    actor: &Actor,
    new_email: &str,
    password: &str,
) -> Result<Email> {
    let me = signed_in(actor)?;
    let mut invalid = Invalid::default();
    let email = invalid.check("email", Email::parse(new_email));
    if !current_password_matches(app, me, password).await? {
        invalid.code("email_password", "account-password-wrong");
    }
    let user = app.storage().get_user(me).await?.ok_or(Error::NotFound)?;
    if email.as_ref() == Some(&user.email) {
        invalid.code("email", "account-email-same");
    }
    invalid.finish()?;
    let Some(email) = email else {
        return Err(Error::internal("checked above"));
    };
    let mut tx = app.begin().await?;
    let token = tx
        .create_account_token(
            me,
            TokenPurpose::EmailChange,
            Some(&email),
            EMAIL_CHANGE_VALIDITY,
            app.now(),
        )
        .await?;
    let lang = Lang::of(user.locale);
    let confirm = mail::render(
        "email-change-confirm",
        &email,
        lang,
        &[
            ("name", user.display_name.as_str().to_owned()),
            ("link", app.link(&format!("/compte/adresse/{token}"))),
        ],
    );
    app.enqueue_mail(&mut tx, &confirm).await?;
    let told = mail::render(
        "email-change-requested",
        &user.email,
        lang,
        &[
            ("name", user.display_name.as_str().to_owned()),
            ("email", email.as_str().to_owned()),
            ("link", app.link("/compte")),
        ],
    );
    app.enqueue_mail(&mut tx, &told).await?;
    app.audit(
        &mut tx,
        actor,
        "email-change-requested",
        ("user", me.to_string()),
        serde_json::json!({ "email": email.as_str() }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(email)
}

/// The address a confirmation link would give its account, while the link is usable.
pub async fn email_change_target(app: &App, token: &str) -> Result<Option<Email>> {
    Ok(app
        .storage()
        .account_token(token, TokenPurpose::EmailChange, app.now())
        .await?
        .and_then(|(_, email)| email))
}

/// Follows a confirmation link: the account gets the new address (unless another account has it meanwhile:
/// `account-email-taken`, nothing changed), and the old address is told. The link is the authorization.
pub async fn confirm_email_change(app: &App, token: &str) -> Result<User> {
    let mut tx = app.begin().await?;
    let (me, email) = tx
        .consume_account_token(token, TokenPurpose::EmailChange, app.now())
        .await
        .map_err(|e| match e {
            passerelle_storage::Error::InvalidToken => Error::NotFound,
            other => other.into(),
        })?;
    let email = email.ok_or(Error::NotFound)?;
    let before = tx.user(me).await?;
    tx.set_email(me, &email).await.map_err(|e| match e {
        passerelle_storage::Error::Conflict(_) => Error::conflict("account-email-taken"),
        other => other.into(),
    })?;
    let mail = mail::render(
        "email-changed",
        &before.email,
        Lang::of(before.locale),
        &[
            ("name", before.display_name.as_str().to_owned()),
            ("email", email.as_str().to_owned()),
        ],
    );
    app.enqueue_mail(&mut tx, &mail).await?;
    tx.audit(&passerelle_storage::AuditEntry {
        actor: Some(me),
        action: "email-changed".into(),
        object_kind: "user".into(),
        object_id: Some(me.to_string()),
        details: serde_json::json!({ "email": email.as_str() }),
        occurred_at: app.now(),
    })
    .await?;
    let user = tx.user(me).await?;
    app.commit(tx).await?;
    Ok(user)
}

/// Ends every session of the account but `current_session`; returns how many ended.
pub async fn end_other_sessions(
    app: &App,
    actor: &Actor,
    current_session: Option<&str>,
) -> Result<u64> {
    let me = signed_in(actor)?;
    let mut tx = app.begin().await?;
    let ended = tx.end_sessions_except(me, current_session).await?;
    app.audit(
        &mut tx,
        actor,
        "sessions-ended",
        ("user", me.to_string()),
        serde_json::json!({ "sessions_ended": ended }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(ended)
}

/// What the list of sessions shows of a browser: its name and system, from its User-Agent ("Firefox ·
/// Linux"), at most 60 characters; the raw header is not kept.
pub fn device(user_agent: &str) -> String {
    let ua = user_agent;
    let has = |s: &str| ua.contains(s);
    // Order matters: Edge and Opera say "Chrome", Chrome says "Safari".
    let browser = if has("Edg/") || has("Edge/") {
        "Edge"
    } else if has("OPR/") || has("Opera") {
        "Opera"
    } else if has("Firefox/") || has("FxiOS/") {
        "Firefox"
    } else if has("Chromium/") {
        "Chromium"
    } else if has("Chrome/") || has("CriOS/") {
        "Chrome"
    } else if has("Safari/") {
        "Safari"
    } else if has("curl/") {
        "curl"
    } else {
        ""
    };
    let system = if has("Android") {
        "Android"
    } else if has("iPhone") || has("iPad") || has("iOS") {
        "iOS"
    } else if has("Windows") {
        "Windows"
    } else if has("Mac OS X") || has("Macintosh") {
        "macOS"
    } else if has("CrOS") {
        "ChromeOS"
    } else if has("Linux") || has("X11") {
        "Linux"
    } else {
        ""
    };
    let label = match (browser, system) {
        ("", "") => {
            // Unknown: its first word, printable characters only.
            ua.split_whitespace()
                .next()
                .unwrap_or("")
                .chars()
                .filter(|c| c.is_ascii_graphic())
                .collect::<String>()
        }
        (b, "") => b.to_owned(),
        ("", s) => s.to_owned(),
        (b, s) => format!("{b} · {s}"),
    };
    label.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::device;

    #[test]
    fn devices_are_named_short() {
        assert_eq!(
            device("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"),
            "Firefox · Linux"
        );
        assert_eq!(
            device(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0"
            ),
            "Edge · Windows"
        );
        assert_eq!(
            device(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
            ),
            "Safari · iOS"
        );
        assert_eq!(
            device(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36"
            ),
            "Chrome · Linux"
        );
        assert_eq!(device("curl/8.5.0"), "curl");
        assert_eq!(device("<script>x</script>"), "<script>x</script>");
        assert_eq!(device(&"a".repeat(500)).chars().count(), 60);
        assert_eq!(device(""), "");
    }
}
