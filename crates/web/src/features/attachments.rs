//! Attachments in the web: the list with its upload form and delete buttons (on its own page, on the
//! irritant's edit page and on the company profile), the links on the fiche and the company's page, the
//! download, and the multipart upload.
//!
//! The upload's body is read by the CSRF layer within the attachments' bound (it checks the token the form
//! carries as its first field, see `crate::csrf`); a larger body is not read further than needed and
//! reaches the handler marked [`BodyTooLarge`], which answers with the form and its message.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::attachments::{self, AttachmentOwner, Kind, Listing};
use passerelle_domain::{AttachmentId, IrritantId, OrganisationId};
use passerelle_i18n::format;
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::validation;
use crate::views::{Errors, Form, Page, html_status, local_path};

pub fn routes() -> Routes {
    Routes::new()
        .get_post("/irritants/{id}/pieces", irritant_page, irritant_upload)
        .get_post("/entreprises/{id}/pieces", company_page, company_upload)
        .get("/pieces/{id}", download)
        .post("/pieces/{id}/supprimer", delete)
}

/// Left on an upload request whose body passed the bound (its bytes were not kept).
#[derive(Clone, Copy, Debug)]
pub struct BodyTooLarge;

/// The form fields an upload carries: the token, where to go back, the file.
pub const UPLOAD_FIELDS: [&str; 3] = ["csrf", "retour", "file"];

/// Whether `path` is an upload route (the only ones whose multipart bodies are read).
pub fn is_upload(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    matches!(
        parts.as_slice(),
        ["", "irritants" | "entreprises", _, "pieces"]
    )
}

fn irritant_url(id: IrritantId) -> String {
    format!("/irritants/{id}/pieces")
}

fn company_url(id: OrganisationId) -> String {
    format!("/entreprises/{id}/pieces")
}

fn owner_url(owner: AttachmentOwner) -> String {
    match owner {
        AttachmentOwner::Irritant(id) => irritant_url(id),
        AttachmentOwner::Company(id) => company_url(id),
    }
}

fn download_url(id: AttachmentId) -> String {
    format!("/pieces/{id}")
}

/// One attachment as a list shows it.
pub struct Item {
    pub name: String,
    pub url: String,
    /// "PDF, 12 Ko, le 3 décembre 2026".
    pub details: String,
    pub delete: String,
    /// The delete button's accessible name ("Supprimer plan.pdf").
    pub delete_label: String,
}

/// The attachments of an irritant or a company: a list of links, and for those who may change them the
/// upload form and delete buttons.
pub struct Panel {
    pub items: Vec<Item>,
    /// The upload form and delete buttons are shown.
    pub editable: bool,
    /// Read-only here, but the reader may change them on the attachments' page (its address).
    pub manage: Option<String>,
    pub action: String,
    /// Where the forms come back to.
    pub back: String,
    /// The count is reached: no upload form, a note instead.
    pub full: String,
    pub hint: String,
    pub accept: String,
    pub errors: Errors,
}

/// Where a panel is shown.
pub enum Mode {
    /// With its forms, coming back to `back`.
    Edit { back: String },
    /// Links only (fiche, company page).
    Read,
}

fn item(lang: Lang, a: &attachments::Attachment, editable: bool) -> Item {
    let kind = Kind::parse(&a.kind).map(Kind::label).unwrap_or("?");
    Item {
        name: a.file_name.clone(),
        url: download_url(a.id),
        details: lang.t_args(
            "attachments-details",
            &[
                ("kind", kind.to_string()),
                (
                    "size",
                    format::number(
                        lang,
                        passerelle_app::documents::kilobytes(a.size.max(0) as u64),
                    ),
                ),
                ("date", present::date(lang, a.uploaded_at.date())),
            ],
        ),
        delete: if editable {
            format!("{}/supprimer", download_url(a.id))
        } else {
            String::new()
        },
        delete_label: lang.t_args("attachments-delete-label", &[("name", a.file_name.clone())]),
    }
}

fn build(lang: Lang, listing: &Listing, mode: &Mode, errors: Errors) -> Panel {
    let edit = matches!(mode, Mode::Edit { .. }) && listing.editable;
    let limits = listing.limits;
    Panel {
        items: listing.items.iter().map(|a| item(lang, a, edit)).collect(),
        editable: edit,
        manage: (!edit && listing.editable).then(|| owner_url(listing.owner)),
        action: owner_url(listing.owner),
        back: match mode {
            Mode::Edit { back } => back.clone(),
            Mode::Read => owner_url(listing.owner),
        },
        full: if listing.items.len() >= limits.max_count {
            lang.t_args("attachments-full", &[("max", limits.max_count.to_string())])
        } else {
            String::new()
        },
        hint: lang.t_args(
            "attachments-hint",
            &[
                ("max", limits.max_megabytes()),
                ("count", limits.max_count.to_string()),
            ],
        ),
        accept: Kind::ALL
            .iter()
            .map(|k| format!(".{}", k.code()))
            .chain([".jpeg".to_string()])
            .chain(Kind::ALL.iter().map(|k| k.media_type().to_string()))
            .collect::<Vec<_>>()
            .join(","),
        errors,
    }
}

/// The panel of `owner` for the pages that show it; `None` for a read-only panel with nothing to show.
pub async fn panel(
    state: &AppState,
    ctx: &Ctx,
    owner: AttachmentOwner,
    mode: Mode,
) -> Result<Option<Panel>, AppError> {
    let listing = attachments::list(&state.app, &ctx.actor(), owner).await?;
    if matches!(mode, Mode::Read) && listing.items.is_empty() && !listing.editable {
        return Ok(None);
    }
    Ok(Some(build(ctx.lang, &listing, &mode, Errors::default())))
}

#[derive(Template)]
#[template(path = "attachments/page.html")]
struct AttachmentsPage {
    page: Page,
    heading: String,
    back: String,
    back_label: String,
    attachments: Panel,
}

/// What the page is about: its heading and the way back.
async fn subject(
    state: &AppState,
    lang: Lang,
    owner: AttachmentOwner,
) -> Result<(String, String, String), AppError> {
    Ok(match owner {
        AttachmentOwner::Irritant(id) => {
            let irritant = state
                .storage
                .get_irritant(id)
                .await
                .map_err(AppError::internal)?
                .ok_or(AppError::NotFound)?;
            (
                lang.t_args(
                    "attachments-heading-irritant",
                    &[("title", irritant.content.title.as_str().to_string())],
                ),
                urls::irritant(id),
                lang.t("attachments-back-irritant"),
            )
        }
        AttachmentOwner::Company(id) => {
            let company = state
                .storage
                .get_organisation(id)
                .await
                .map_err(AppError::internal)?
                .ok_or(AppError::NotFound)?;
            (
                lang.t_args(
                    "attachments-heading-company",
                    &[("company", company.name.as_str().to_string())],
                ),
                urls::company_profile(id),
                lang.t("attachments-back-company"),
            )
        }
    })
}

async fn render(
    state: &AppState,
    mut ctx: Ctx,
    owner: AttachmentOwner,
    back: String,
    errors: Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let listing = attachments::list(&state.app, &ctx.actor(), owner).await?;
    let (heading, back_to, back_label) = subject(state, ctx.lang, owner).await?;
    ctx.with_csrf().await?;
    let attachments = build(ctx.lang, &listing, &Mode::Edit { back }, errors);
    html_status(
        status,
        AttachmentsPage {
            page: ctx.page("attachments-title", "mine"),
            heading,
            back: back_to,
            back_label,
            attachments,
        },
    )
}

fn irritant_owner(raw: &str) -> Result<AttachmentOwner, AppError> {
    IrritantId::parse(raw)
        .map(AttachmentOwner::Irritant)
        .map_err(|_| AppError::NotFound)
}

fn company_owner(raw: &str) -> Result<AttachmentOwner, AppError> {
    OrganisationId::parse(raw)
        .map(AttachmentOwner::Company)
        .map_err(|_| AppError::NotFound)
}

pub async fn irritant_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let owner = irritant_owner(&id)?;
    render(
        &state,
        ctx,
        owner,
        owner_url(owner),
        Errors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn company_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let owner = company_owner(&id)?;
    render(
        &state,
        ctx,
        owner,
        owner_url(owner),
        Errors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn irritant_upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    upload(state, ctx, irritant_owner(&id)?, request).await
}

pub async fn company_upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    upload(state, ctx, company_owner(&id)?, request).await
}

/// An upload as sent.
struct Sent {
    back: Option<String>,
    file: Option<(String, Bytes)>,
}

/// Reads the multipart body (already within its bound): the file and the way back.
async fn read_form(request: Request) -> Result<Sent, AppError> {
    let boundary = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| multer::parse_boundary(v).ok())
        .ok_or(AppError::BadRequest)?;
    let constraints = multer::Constraints::new().allowed_fields(UPLOAD_FIELDS.to_vec());
    let mut form = multer::Multipart::with_constraints(
        request.into_body().into_data_stream(),
        boundary,
        constraints,
    );
    let mut sent = Sent {
        back: None,
        file: None,
    };
    while let Some(field) = form.next_field().await.map_err(|_| AppError::BadRequest)? {
        let name = field.name().map(str::to_string);
        match name.as_deref() {
            Some("retour") => {
                sent.back = Some(field.text().await.map_err(|_| AppError::BadRequest)?);
            }
            Some("file") if sent.file.is_none() => {
                let name = field.file_name().unwrap_or_default().to_string();
                let data = field.bytes().await.map_err(|_| AppError::BadRequest)?;
                sent.file = Some((name, data));
            }
            _ => {}
        }
    }
    Ok(sent)
}

async fn upload(
    state: AppState,
    ctx: Ctx,
    owner: AttachmentOwner,
    request: Request,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    attachments::may_upload(&state.app, &actor, owner).await?;
    let too_large = request.extensions().get::<BodyTooLarge>().is_some();
    let (back, outcome) = if too_large {
        (None, Err(attachments::too_large(&state.app)))
    } else {
        let sent = read_form(request).await?;
        let back = sent.back.map(|b| local_path(Some(&b)));
        let (name, data) = sent.file.unwrap_or_default();
        (
            back,
            attachments::upload(&state.app, &actor, owner, &name, data.to_vec()).await,
        )
    };
    let back = back.unwrap_or_else(|| owner_url(owner));
    match outcome {
        Ok(_) => {
            ctx.flash("attachment-added").await?;
            Ok(Redirect::to(&back).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let status = if too_large {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            render(&state, ctx, owner, back, errors, status).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `filename*` of RFC 6266 (UTF-8, percent-encoded) with a plain ASCII `filename` for older clients.
fn disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~') {
            encoded.push(b as char);
        } else {
            encoded.push_str(&std::format!("%{b:02X}"));
        }
    }
    std::format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = AttachmentId::parse(&id).map_err(|_| AppError::NotFound)?;
    let (attachment, data) = attachments::download(&state.app, &ctx.actor(), id).await?;
    let kind = Kind::parse(&attachment.kind).ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, kind.media_type().to_string()),
            (
                header::CONTENT_DISPOSITION,
                disposition(&attachment.file_name),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CACHE_CONTROL, "private".to_string()),
            // Were a browser ever to show it, nothing in it would run.
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; sandbox".to_string(),
            ),
        ],
        data,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    retour: String,
}

pub async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, AppError> {
    let id = AttachmentId::parse(&id).map_err(|_| AppError::NotFound)?;
    let deleted = attachments::delete(&state.app, &ctx.actor(), id).await?;
    ctx.flash("attachment-deleted").await?;
    let back = if form.retour.is_empty() {
        owner_url(deleted.owner)
    } else {
        local_path(Some(&form.retour))
    };
    Ok(Redirect::to(&back).into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn disposition_names_the_file_in_utf8_and_plain_ascii() {
        assert_eq!(
            super::disposition("schéma réseau.png"),
            "attachment; filename=\"sch_ma r_seau.png\"; filename*=UTF-8''sch%C3%A9ma%20r%C3%A9seau.png"
        );
        assert_eq!(
            super::disposition("a\"b;c.pdf"),
            "attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%3Bc.pdf"
        );
    }
}
