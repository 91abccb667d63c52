//! Mails: rendered at enqueue time in the recipient's language from the Fluent messages
//! `mail-<kind>-subject` and `mail-<kind>-body` of the area's `.ftl` file, written to the outbox in the
//! transaction of the change that causes them, delivered by the [`worker`] with retries.

mod transport;
pub mod worker;

pub use transport::{MailConfig, Mailer};

use passerelle_domain::{Email, OrganisationId, Role, Side};
use passerelle_i18n::Lang;
use passerelle_storage::{MailAttachment, NewMail, Tx, User};

use crate::{App, Result};

/// Renders mail `kind` for `to` in `lang`, with the message's named arguments.
pub fn render(kind: &str, to: &Email, lang: Lang, args: &[(&str, String)]) -> NewMail {
    NewMail {
        kind: kind.to_string(),
        to: to.clone(),
        lang: lang.code().to_string(),
        subject: lang.t_args(&format!("mail-{kind}-subject"), args),
        body: lang.t_args(&format!("mail-{kind}-body"), args),
        attachment: None,
    }
}

/// An institution–company pair that mails are about (a meeting, an opportunity).
pub(crate) struct Pair<'a> {
    pub institution: (OrganisationId, &'a str),
    pub company: (OrganisationId, &'a str),
    pub irritant: &'a str,
    /// The page the mail points to.
    pub link: String,
}

/// The accounts of one side of a pair: the institution's members, or the company's.
pub(crate) async fn side_members(
    app: &App,
    institution: OrganisationId,
    company: OrganisationId,
    side: Side,
) -> Result<Vec<User>> {
    let (org, role) = match side {
        Side::Institution => (institution, Role::InstitutionMember),
        Side::Company => (company, Role::CompanyMember),
    };
    Ok(app
        .storage()
        .organisation_members(org)
        .await?
        .into_iter()
        .filter(|(_, r)| *r == role)
        .map(|(u, _)| u)
        .collect())
}

/// Mails `kind` about `pair` to the people of `sides`, each in their language, with the pair's arguments
/// (`name`, `irritant`, `institution`, `company`, `link`) then `extra`; `localise` names a coded value
/// (a reason, a state, an amount) in the reader's language, or leaves it as it is (`None`).
pub(crate) async fn mail_sides(
    app: &App,
    tx: &mut Tx,
    pair: &Pair<'_>,
    sides: &[Side],
    kind: &str,
    extra: &[(&str, String)],
    localise: impl Fn(Lang, &str, &str) -> Option<String>,
) -> Result<()> {
    for side in sides {
        for person in side_members(app, pair.institution.0, pair.company.0, *side).await? {
            let lang = Lang::of(person.locale);
            let mut args = vec![
                ("name", person.display_name.as_str().to_string()),
                ("irritant", pair.irritant.to_string()),
                ("institution", pair.institution.1.to_string()),
                ("company", pair.company.1.to_string()),
                ("link", pair.link.clone()),
            ];
            args.extend(
                extra
                    .iter()
                    .map(|(k, v)| (*k, localise(lang, k, v).unwrap_or_else(|| v.clone()))),
            );
            app.enqueue_mail(tx, &render(kind, &person.email, lang, &args))
                .await?;
        }
    }
    Ok(())
}

/// The same mail with a file attached (an `.ics`, a PDF).
pub fn with_attachment(mut mail: NewMail, attachment: MailAttachment) -> NewMail {
    mail.attachment = Some(attachment);
    mail
}

impl App {
    /// Puts `mail` in the outbox with the transaction's other writes; it is sent once `tx` commits
    /// through [`App::commit`], and never if it rolls back.
    pub async fn enqueue_mail(&self, tx: &mut Tx, mail: &NewMail) -> Result<()> {
        tx.enqueue_mail(mail, self.now()).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mails_are_rendered_in_the_recipient_language() {
        let to = Email::parse("contact@exemple.fr").unwrap();
        let args = [
            ("inviter", "Camille".to_string()),
            ("organisation", "Université".to_string()),
            ("link", "http://x/invitation/abc".to_string()),
        ];
        let fr = render("invitation", &to, Lang::Fr, &args);
        let en = render("invitation", &to, Lang::En, &args);
        assert_eq!(fr.lang, "fr");
        assert!(fr.body.contains("http://x/invitation/abc"));
        assert_ne!(fr.subject, en.subject);
        assert!(!fr.subject.starts_with("mail-"), "{}", fr.subject);
    }
}
