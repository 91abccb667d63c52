//! Attachments: files on an irritant (by its institution's members while they may edit it, read by whoever
//! may read the fiche) and on a company profile (a product sheet, by the company's members, read by whoever
//! may see the profile).
//!
//! A file is accepted for what its bytes are ([`content::inspect`]): PDF, PNG, JPEG, ODT/ODS/ODP,
//! DOCX/XLSX, within the configured size and count; images are encoded again without their metadata;
//! the name is cleaned and takes the detected type's extension. The bytes are stored in the database
//! (`attachments`, migration 0310): every app server on one PostgreSQL serves them, backups carry them,
//! and deleting the attachment, its irritant or its company deletes them in the same transaction.

pub mod content;
#[cfg(any(test, feature = "testing"))]
pub mod samples;

use passerelle_domain::{
    Action, Actor, AttachmentId, Context, Denied, OrganisationKind, authorize,
};
use passerelle_storage::NewAttachment;
pub use passerelle_storage::{Attachment, AttachmentOwner};
use sha2::Digest;

use crate::{App, Code, Error, Problem, Result};

pub use content::{Bounds, Kind, Refusal};

/// The form field problems are reported against.
pub const FIELD: &str = "file";

/// How large and how many files may be attached (configuration: `[attachments]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_bytes: u64,
    /// Files per irritant or per company profile.
    pub max_count: usize,
    pub bounds: Bounds,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: 10 * 1024 * 1024,
            max_count: 10,
            bounds: Bounds::default(),
        }
    }
}

impl Limits {
    /// The largest request body an upload may send: the file and the multipart framing around it.
    pub fn body_bytes(&self) -> usize {
        self.max_bytes as usize + 64 * 1024
    }

    /// The size limit as people read it ("10 Mo").
    pub fn max_megabytes(&self) -> String {
        let mb = self.max_bytes as f64 / (1024.0 * 1024.0);
        if mb.fract() == 0.0 {
            format!("{mb:.0}")
        } else {
            format!("{mb:.1}").replace('.', ",")
        }
    }
}

/// The problem of a refused file, as the form shows it.
fn refused(limits: &Limits, refusal: Refusal) -> Error {
    let mut code = Code::new(refusal.code());
    if refusal == Refusal::TooLarge {
        code = code.arg("max", limits.max_megabytes());
    }
    Error::invalid(FIELD, Problem::Code(code))
}

/// The refusal of a body larger than the limit (the web layer stops reading it at the bound).
pub fn too_large(app: &App) -> Error {
    refused(&app.attachment_limits(), Refusal::TooLarge)
}

/// The policy's context of an owner, with the actions that read and change its attachments.
async fn owner_context(app: &App, owner: AttachmentOwner) -> Result<(Context, Action, Action)> {
    match owner {
        AttachmentOwner::Irritant(id) => {
            let (_, context) = crate::irritants::load(app, id).await?;
            Ok((context, Action::ViewIrritant, Action::EditIrritant))
        }
        AttachmentOwner::Company(id) => {
            let company = app
                .storage()
                .get_organisation(id)
                .await?
                .filter(|o| o.kind == OrganisationKind::Company)
                .ok_or(Error::NotFound)?;
            let context = Context {
                owner: Some(company.id),
                ..Context::default()
            };
            Ok((
                context,
                Action::ViewCompanyProfile,
                Action::EditCompanyProfile,
            ))
        }
    }
}

/// Reading is refused as "not found" (the file's existence is not told) but for a visitor, who is asked
/// to sign in first.
fn hide(denied: Denied) -> Error {
    match denied {
        Denied::SignInRequired => Error::Denied(denied),
        _ => Error::NotFound,
    }
}

/// An owner's attachments, and whether the actor may add and delete them.
#[derive(Debug, Clone)]
pub struct Listing {
    pub owner: AttachmentOwner,
    pub items: Vec<Attachment>,
    pub editable: bool,
    pub limits: Limits,
}

/// The attachments of `owner` for whoever may read it.
pub async fn list(app: &App, actor: &Actor, owner: AttachmentOwner) -> Result<Listing> {
    let (context, view, edit) = owner_context(app, owner).await?;
    authorize(actor, view, &context)?;
    Ok(Listing {
        owner,
        items: app.storage().list_attachments(owner).await?,
        editable: authorize(actor, edit, &context).is_ok(),
        limits: app.attachment_limits(),
    })
}

/// Refuses an upload before its body is read when the actor may not add files to `owner`.
pub async fn may_upload(app: &App, actor: &Actor, owner: AttachmentOwner) -> Result<()> {
    let (context, _, edit) = owner_context(app, owner).await?;
    authorize(actor, edit, &context)?;
    Ok(())
}

/// Adds a file to `owner`: checked for what it is, cleaned, stored with an audit record. A refused file
/// changes nothing.
pub async fn upload(
    app: &App,
    actor: &Actor,
    owner: AttachmentOwner,
    file_name: &str,
    data: Vec<u8>,
) -> Result<Attachment> {
    may_upload(app, actor, owner).await?;
    let limits = app.attachment_limits();
    if data.is_empty() {
        return Err(refused(&limits, Refusal::Missing));
    }
    if data.len() as u64 > limits.max_bytes {
        return Err(refused(&limits, Refusal::TooLarge));
    }
    // Decoding images and inflating archives is CPU work: off the async workers.
    let bounds = limits.bounds;
    let checked = tokio::task::spawn_blocking(move || content::inspect(&data, &bounds))
        .await
        .map_err(Error::internal)?
        .map_err(|r| refused(&limits, r))?;
    let name = content::file_name(file_name, checked.kind).map_err(|r| refused(&limits, r))?;
    let sha256: String = sha2::Sha256::digest(&checked.data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut tx = app.begin().await?;
    let attachment = match tx
        .add_attachment(
            &NewAttachment {
                owner,
                file_name: &name,
                kind: checked.kind.code(),
                sha256: &sha256,
                uploaded_by: crate::user_id(actor),
                uploaded_at: app.now(),
                data: &checked.data,
            },
            limits.max_count,
        )
        .await
    {
        Ok(a) => a,
        Err(passerelle_storage::Error::Conflict("attachment-too-many")) => {
            return Err(Error::invalid(
                FIELD,
                Problem::Code(Code::new("attachment-too-many").arg("max", limits.max_count)),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    app.audit(
        &mut tx,
        actor,
        "attachment-add",
        ("attachment", attachment.id.to_string()),
        serde_json::json!({
            "owner": owner_ref(owner),
            "name": attachment.file_name,
            "kind": attachment.kind,
            "size": attachment.size,
        }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(attachment)
}

fn owner_ref(owner: AttachmentOwner) -> String {
    match owner {
        AttachmentOwner::Irritant(id) => format!("irritant:{id}"),
        AttachmentOwner::Company(id) => format!("company:{id}"),
    }
}

/// An attachment's description and bytes, for whoever may read its owner.
pub async fn download(app: &App, actor: &Actor, id: AttachmentId) -> Result<(Attachment, Vec<u8>)> {
    let attachment = app
        .storage()
        .get_attachment(id)
        .await?
        .ok_or(Error::NotFound)?;
    let (context, view, _) = owner_context(app, attachment.owner).await?;
    authorize(actor, view, &context).map_err(hide)?;
    let data = app
        .storage()
        .attachment_data(id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((attachment, data))
}

/// Deletes an attachment and its bytes (whoever may add files to its owner).
pub async fn delete(app: &App, actor: &Actor, id: AttachmentId) -> Result<Attachment> {
    let attachment = app
        .storage()
        .get_attachment(id)
        .await?
        .ok_or(Error::NotFound)?;
    let (context, view, edit) = owner_context(app, attachment.owner).await?;
    authorize(actor, view, &context).map_err(hide)?;
    authorize(actor, edit, &context)?;
    let mut tx = app.begin().await?;
    if !tx.delete_attachment(id).await? {
        return Err(Error::NotFound);
    }
    app.audit(
        &mut tx,
        actor,
        "attachment-delete",
        ("attachment", id.to_string()),
        serde_json::json!({
            "owner": owner_ref(attachment.owner),
            "name": attachment.file_name,
            "sha256": attachment.sha256,
        }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(attachment)
}
