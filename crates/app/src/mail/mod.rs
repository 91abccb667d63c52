//! Mails: rendered at enqueue time in the recipient's language from the Fluent messages
//! `mail-<kind>-subject` and `mail-<kind>-body` of the area's `.ftl` file, written to the outbox in the
//! transaction of the change that causes them, delivered by the [`worker`] with retries.

mod transport;
pub mod worker;

pub use transport::{MailConfig, Mailer};

use passerelle_domain::Email;
use passerelle_i18n::Lang;
use passerelle_storage::{MailAttachment, NewMail, Tx};

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
