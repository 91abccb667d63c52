//! Delivery of the outbox's mails: real SMTP (lettre) in production and tests, or `.eml` files in a
//! folder in demo mode, so that nothing leaves the machine and links can still be followed.

use std::path::PathBuf;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use passerelle_storage::NewMail;

/// Where mail goes.
#[derive(Clone, Debug)]
pub enum MailConfig {
    /// An SMTP relay URL, e.g. `smtp://127.0.0.1:25` (see lettre's `from_url`).
    Smtp(String),
    /// A folder receiving one `.eml` file per message.
    Outbox(PathBuf),
}

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

/// Delivers the outbox's messages.
#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.transport {
            Transport::Smtp(_) => "smtp".to_string(),
            Transport::Outbox(_, dir) => format!("outbox {}", dir.display()),
        };
        f.debug_struct("Mailer")
            .field("transport", &kind)
            .field("from", &self.from.to_string())
            .finish()
    }
}

/// An SMTP transport for `smtp://[user:password@]host[:port]`: a relay on the machine or the
/// local network (no TLS in this build; put a local MTA in front of a remote provider).
fn smtp_transport(url: &str) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
    let rest = url.strip_prefix("smtp://").ok_or_else(|| {
        anyhow::anyhow!("unsupported SMTP URL (expected smtp://host:port): {url}")
    })?;
    let rest = rest.trim_end_matches('/');
    let (credentials, host_port) = match rest.rsplit_once('@') {
        Some((c, h)) => (Some(c), h),
        None => (None, rest),
    };
    let (host, port) = match host_port.rsplit_once(':') {
        Some((h, p)) => (
            h,
            p.parse::<u16>()
                .map_err(|_| anyhow::anyhow!("bad SMTP port in {url}"))?,
        ),
        None => (host_port, 25),
    };
    if host.is_empty() {
        anyhow::bail!("no host in SMTP URL {url}");
    }
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).port(port);
    if let Some(c) = credentials {
        let (user, password) = c.split_once(':').unwrap_or((c, ""));
        builder = builder.credentials(lettre::transport::smtp::authentication::Credentials::new(
            user.into(),
            password.into(),
        ));
    }
    Ok(builder.build())
}

impl Mailer {
    pub fn new(config: &MailConfig, from: &str) -> anyhow::Result<Mailer> {
        let from: Mailbox = from.parse()?;
        let transport = match config {
            MailConfig::Smtp(url) => Transport::Smtp(smtp_transport(url)?),
            MailConfig::Outbox(dir) => {
                passerelle_storage::files::private_dir(dir)?;
                Transport::Outbox(AsyncFileTransport::<Tokio1Executor>::new(dir), dir.clone())
            }
        };
        Ok(Mailer { transport, from })
    }

    /// Delivers one mail (plain text, with its attachment if it has one).
    pub async fn send(&self, mail: &NewMail) -> anyhow::Result<()> {
        let builder = Message::builder()
            .from(self.from.clone())
            .to(mail.to.as_str().parse()?)
            .subject(mail.subject.as_str());
        // lettre picks the transfer encoding (base64 or quoted-printable once a line, such as a link, is
        // longer than 76 characters).
        let message = match &mail.attachment {
            None => builder
                .header(ContentType::TEXT_PLAIN)
                .body(mail.body.clone())?,
            Some(a) => builder.multipart(
                MultiPart::mixed()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(mail.body.clone()),
                    )
                    .singlepart(
                        Attachment::new(a.filename.clone())
                            .body(a.data.clone(), ContentType::parse(&a.content_type)?),
                    ),
            )?,
        };
        match &self.transport {
            Transport::Smtp(smtp) => {
                smtp.send(message).await?;
            }
            Transport::Outbox(file, dir) => {
                let id = file.send(message).await?;
                // Mails hold reset and invitation links: their owner's only (lettre writes with the umask).
                let eml = dir.join(format!("{id}.eml"));
                passerelle_storage::files::make_private(&eml)?;
                // The `.eml` may be base64: a plain-text copy beside it keeps the demo's links readable.
                let text = dir.join(format!("{id}.txt"));
                let copy = format!(
                    "To: {}\nSubject: {}\n\n{}\n",
                    mail.to.as_str(),
                    mail.subject,
                    mail.body
                );
                let target = text.clone();
                tokio::task::spawn_blocking(move || {
                    std::io::Write::write_all(
                        &mut passerelle_storage::files::private_file(&target)?,
                        copy.as_bytes(),
                    )
                })
                .await??;
                tracing::info!(path = %dir.join(format!("{id}.eml")).display(), text = %text.display(), "mail written to the outbox folder");
            }
        }
        Ok(())
    }
}
