//! The fiche as a document: an irritant's PDF fiche, and the edition's printed booklet of all its
//! published fiches (cover, table of contents), both typeset by `passerelle_export::pdf`.
//!
//! A document is kept once rendered (`rendered_documents`) with the fingerprint of what it prints: the
//! fiches, the reader's labels and the templates. A download serves the stored bytes while the
//! fingerprint matches and renders again once something printed changed, so that nothing is ever stale
//! and nothing is rendered twice. A large edition's booklet is built by a job; a small one inline.

use std::collections::HashMap;

use passerelle_domain::{Action, Actor, Context, EditionId, IrritantId, authorize};
use passerelle_export::pdf::{self, Booklet, BookletLabels, Fiche, FicheLabels};
use passerelle_i18n::{Lang, format};
use passerelle_storage::{Edition, Irritant, IrritantFilter, Job, JobStatus};
use serde::{Deserialize, Serialize};
use sha2::Digest;
use time::OffsetDateTime;

use crate::jobs::{Done, JobRequest, Registry, RunningJob};
use crate::{App, Error, Result};

const FICHE: &str = "fiche";
const BOOKLET: &str = "booklet";

/// Above this many fiches the booklet is built by a job (a fiche takes tens of milliseconds to typeset).
pub const INLINE_FICHES: usize = 40;

pub(crate) fn register(registry: &mut Registry) {
    registry.register(BOOKLET, run_booklet_job);
}

/// A rendered PDF and the name it is saved under.
#[derive(Debug, Clone)]
pub struct Pdf {
    pub data: Vec<u8>,
    pub file_name: String,
}

/// A PDF's size as the links show it: whole kilobytes, rounded up.
pub fn kilobytes(bytes: u64) -> u64 {
    bytes.div_ceil(1024)
}

/// The words around the content, in the reader's language.
fn fiche_labels(lang: Lang) -> FicheLabels {
    FicheLabels {
        lang: lang.code().to_string(),
        fiche: lang.t("documents-fiche"),
        context: lang.t("field-context"),
        problem: lang.t("field-problem"),
        expected_result: lang.t("field-expected-result"),
        budget: lang.t("field-budget"),
        timeline: lang.t("field-timeline"),
        domains: lang.t("field-domains"),
        contact: lang.t("field-contact"),
        edition: lang.t("documents-edition"),
        unspecified: lang.t("not-given"),
        qr_alt: lang.t("documents-qr-alt"),
    }
}

/// What a fiche needs beside the irritant: its edition, the domains' names in the reader's language.
struct Printing {
    lang: Lang,
    edition: Edition,
    domains: HashMap<String, String>,
}

impl Printing {
    async fn load(app: &App, edition: Edition, lang: Lang) -> Result<Printing> {
        let domains = app
            .storage()
            .list_domains()
            .await?
            .into_iter()
            .map(|d| {
                (
                    d.slug.as_str().to_string(),
                    d.label(lang.locale()).to_string(),
                )
            })
            .collect();
        Ok(Printing {
            lang,
            edition,
            domains,
        })
    }

    /// The fiche of `irritant` as printed: the content in the institution's words, the contact details
    /// the institution filled in (and only those), a link back to the page.
    fn fiche(&self, app: &App, irritant: &Irritant) -> Fiche {
        let c = &irritant.content;
        let url = app.link(&format!("/irritants/{}", irritant.id));
        let short_url = url
            .split_once("://")
            .map(|(_, rest)| rest.to_string())
            .unwrap_or_else(|| url.clone());
        Fiche {
            number: irritant.reference.clone(),
            title: c.title.as_str().to_string(),
            institution: irritant.institution.name.as_str().to_string(),
            edition: self.edition.title.as_str().to_string(),
            // The institutions write in French; the page's language selector does not change that.
            lang: "fr".into(),
            context: c.context.as_ref().map(|t| t.as_str().to_string()),
            problem: c.problem.as_ref().map(|t| t.as_str().to_string()),
            expected_result: c.expected_result.as_ref().map(|t| t.as_str().to_string()),
            budget: c
                .budget
                .and_then(|b| format::money_range(self.lang, b.min_eur(), b.max_eur())),
            timeline: c.timeline.as_ref().map(|t| t.as_str().to_string()),
            domains: c
                .domains
                .iter()
                .map(|s| {
                    self.domains
                        .get(s.as_str())
                        .cloned()
                        .unwrap_or_else(|| s.as_str().to_string())
                })
                .collect(),
            contact: c
                .contact_name
                .iter()
                .map(|n| n.as_str().to_string())
                .chain(c.contact_email.iter().map(|e| e.as_str().to_string()))
                .collect(),
            url,
            short_url,
        }
    }
}

/// A short, stable digest of what a document prints (its data, its labels, the templates).
pub(crate) fn fingerprint(printed: &impl std::fmt::Debug) -> String {
    let mut hasher = sha2::Sha256::new();
    hasher.update(format!("{printed:?}").as_bytes());
    for template in pdf::template_sources() {
        hasher.update(template.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A file name made of the title's letters and digits (accents folded), safe in any header and file system.
pub(crate) fn file_name(prefix: &str, title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(fold).flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("{prefix}.pdf")
    } else {
        format!("{prefix}-{slug}.pdf")
    }
}

/// French letters without their accents (other characters are kept: the caller drops non-ASCII).
fn fold(c: char) -> Vec<char> {
    let plain = match c {
        'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' | 'Á' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'î' | 'ï' | 'í' | 'Î' | 'Ï' => 'i',
        'ô' | 'ö' | 'ó' | 'Ô' | 'Ö' => 'o',
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ÿ' => 'y',
        'œ' | 'Œ' => return vec!['o', 'e'],
        'æ' | 'Æ' => return vec!['a', 'e'],
        other => other,
    };
    vec![plain]
}

/// The stored document if its fingerprint matches, else `render`ed now and stored.
pub(crate) async fn stored_or_render(
    app: &App,
    kind: &str,
    subject: &str,
    lang: Lang,
    fingerprint: &str,
    render: impl FnOnce() -> std::result::Result<Vec<u8>, pdf::PdfError>,
) -> Result<Vec<u8>> {
    if let Some(doc) = app
        .storage()
        .get_document(kind, subject, lang.code())
        .await?
        .filter(|d| d.fingerprint == fingerprint)
    {
        return Ok(doc.data);
    }
    let data = render().map_err(Error::internal)?;
    let mut tx = app.begin().await?;
    tx.put_document(kind, subject, lang.code(), fingerprint, &data, app.now())
        .await?;
    app.commit(tx).await?;
    Ok(data)
}

async fn edition_of(app: &App, id: EditionId) -> Result<Edition> {
    app.storage().get_edition(id).await?.ok_or(Error::NotFound)
}

/// An irritant's fiche to print, with its fingerprint: for whoever may see the irritant's page.
async fn printable_fiche(
    app: &App,
    actor: &Actor,
    id: IrritantId,
    lang: Lang,
) -> Result<(Irritant, Fiche, FicheLabels, String)> {
    let (irritant, context) = crate::irritants::load(app, id).await?;
    authorize(actor, Action::ViewIrritant, &context)?;
    let printing = Printing::load(app, edition_of(app, irritant.edition_id).await?, lang).await?;
    let fiche = printing.fiche(app, &irritant);
    let labels = fiche_labels(lang);
    let fingerprint = fingerprint(&(&fiche, &labels));
    Ok((irritant, fiche, labels, fingerprint))
}

/// The PDF fiche of an irritant, with the labels in `lang` around the institution's words.
pub async fn fiche(app: &App, actor: &Actor, id: IrritantId, lang: Lang) -> Result<Pdf> {
    let (irritant, fiche, labels, fingerprint) = printable_fiche(app, actor, id, lang).await?;
    let data = stored_or_render(app, FICHE, &id.to_string(), lang, &fingerprint, || {
        pdf::fiche_pdf(&fiche, &labels)
    })
    .await?;
    let prefix = match &irritant.reference {
        Some(n) => format!("fiche-{n}"),
        None => "fiche".to_string(),
    };
    Ok(Pdf {
        data,
        file_name: file_name(&prefix, irritant.content.title.as_str()),
    })
}

/// The size in bytes of an irritant's fiche in `lang` as it would download now, if it is rendered
/// already (links show it; a fiche never downloaded shows no size rather than being typeset for a page).
pub async fn fiche_size(
    app: &App,
    actor: &Actor,
    id: IrritantId,
    lang: Lang,
) -> Result<Option<u64>> {
    let (_, _, _, fingerprint) = printable_fiche(app, actor, id, lang).await?;
    Ok(app
        .storage()
        .document_sizes(FICHE, lang.code())
        .await?
        .into_iter()
        .find(|d| d.subject == id.to_string() && d.fingerprint == fingerprint)
        .map(|d| d.size as u64))
}

/// The sizes of the published fiches of `edition` in `lang` already rendered as they are now, for the
/// catalogue's links.
pub async fn catalogue_sizes(
    app: &App,
    edition: EditionId,
    lang: Lang,
) -> Result<HashMap<IrritantId, u64>> {
    let (printing, irritants) = published(app, edition, lang).await?;
    let labels = fiche_labels(lang);
    let stored: HashMap<String, (String, i64)> = app
        .storage()
        .document_sizes(FICHE, lang.code())
        .await?
        .into_iter()
        .map(|d| (d.subject, (d.fingerprint, d.size)))
        .collect();
    Ok(irritants
        .iter()
        .filter_map(|i| {
            let (stored_print, size) = stored.get(&i.id.to_string())?;
            (*stored_print == fingerprint(&(&printing.fiche(app, i), &labels)))
                .then_some((i.id, *size as u64))
        })
        .collect())
}

/// An edition's published irritants in the catalogue's order (their numbers first).
async fn published(app: &App, edition: EditionId, lang: Lang) -> Result<(Printing, Vec<Irritant>)> {
    let edition = edition_of(app, edition).await?;
    let irritants = app
        .storage()
        .list_irritants(&IrritantFilter::public(edition.id))
        .await?;
    Ok((Printing::load(app, edition, lang).await?, irritants))
}

// ---------------------------------------------------------------------------------------------
// The booklet
// ---------------------------------------------------------------------------------------------

/// Where an edition's booklet stands in one language.
#[derive(Debug, Clone, PartialEq)]
pub enum BookletState {
    /// Never built.
    Missing,
    /// Built from the fiches as they are.
    Ready { size: u64, built_at: OffsetDateTime },
    /// Built, but a fiche changed since.
    Outdated { size: u64, built_at: OffsetDateTime },
    /// A job is building it.
    Building { done: i64, total: i64 },
    /// The last job gave up (the error says why); the organiser may build again.
    Failed { error: String },
}

/// An edition's booklet as the organisers' page shows it.
#[derive(Debug, Clone)]
pub struct BookletStatus {
    pub edition: Edition,
    pub lang: Lang,
    pub fiches: usize,
    pub state: BookletState,
}

/// What asking for a build did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    /// Built now (or up to date already).
    Ready,
    /// A job builds it.
    Queued,
    /// No fiche is published: nothing to build.
    Empty,
}

fn manage(actor: &Actor, edition: &Edition) -> Result<()> {
    authorize(
        actor,
        Action::ManageEdition,
        &Context {
            phase: Some(edition.phase),
            ..Context::default()
        },
    )?;
    Ok(())
}

/// The booklet's data in `lang`, with its fingerprint.
async fn booklet_data(
    app: &App,
    edition: EditionId,
    lang: Lang,
) -> Result<(Booklet, BookletLabels, String)> {
    let (printing, irritants) = published(app, edition, lang).await?;
    let edition = &printing.edition;
    let fiches: Vec<Fiche> = irritants.iter().map(|i| printing.fiche(app, i)).collect();
    let booklet = Booklet {
        title: edition.title.as_str().to_string(),
        subtitle: format!(
            "{}, {}",
            upper_first(&format::date_range(
                lang,
                edition.dates.first_day(),
                edition.dates.last_day()
            )),
            edition.venue.as_str()
        ),
        organiser: lang.t("documents-booklet-organiser"),
        fiches,
    };
    let labels = BookletLabels {
        fiche: fiche_labels(lang),
        kind: lang.t("documents-booklet-kind"),
        contents: lang.t("documents-booklet-contents"),
        count: lang.t_count("documents-booklet-count", booklet.fiches.len() as i64),
    };
    let fingerprint = fingerprint(&(&booklet, &labels));
    Ok((booklet, labels, fingerprint))
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn job_key(edition: EditionId, lang: Lang, fingerprint: &str) -> String {
    format!("{BOOKLET}:{edition}:{}:{fingerprint}", lang.code())
}

/// The booklet job of this state of the fiches, if one was enqueued.
async fn booklet_job(app: &App, key: &str) -> Result<Option<Job>> {
    // Booklet jobs are few (one per build asked for): the latest hundred hold any that is running.
    Ok(app
        .storage()
        .list_jobs(Some(BOOKLET), 100)
        .await?
        .into_iter()
        .find(|j| j.unique_key.as_deref() == Some(key)))
}

/// Where the booklet of `edition` in `lang` stands (organisers).
pub async fn booklet_status(
    app: &App,
    actor: &Actor,
    edition: EditionId,
    lang: Lang,
) -> Result<BookletStatus> {
    let ed = edition_of(app, edition).await?;
    manage(actor, &ed)?;
    let (booklet, _, fingerprint) = booklet_data(app, edition, lang).await?;
    let stored = app
        .storage()
        .document_sizes(BOOKLET, lang.code())
        .await?
        .into_iter()
        .find(|d| d.subject == edition.to_string());
    let job = booklet_job(app, &job_key(edition, lang, &fingerprint)).await?;
    let state = match (&stored, &job) {
        (Some(d), _) if d.fingerprint == fingerprint => BookletState::Ready {
            size: d.size as u64,
            built_at: d.built_at,
        },
        (_, Some(j)) if !j.status.is_final() => BookletState::Building {
            done: j.progress_done,
            total: j.progress_total.max(booklet.fiches.len() as i64),
        },
        (_, Some(j)) if j.status == JobStatus::Failed => BookletState::Failed {
            error: j.error.clone().unwrap_or_default(),
        },
        (Some(d), _) => BookletState::Outdated {
            size: d.size as u64,
            built_at: d.built_at,
        },
        (None, _) => BookletState::Missing,
    };
    Ok(BookletStatus {
        edition: ed,
        lang,
        fiches: booklet.fiches.len(),
        state,
    })
}

#[derive(Serialize, Deserialize)]
struct BookletParams {
    edition: EditionId,
    lang: String,
}

/// Builds the booklet of `edition` in `lang` from the fiches as they are (organisers): now when the
/// edition is small, by a job when it is large. Asking again while it is up to date or being built
/// does nothing more.
pub async fn build_booklet(
    app: &App,
    actor: &Actor,
    edition: EditionId,
    lang: Lang,
) -> Result<Build> {
    let ed = edition_of(app, edition).await?;
    manage(actor, &ed)?;
    let (booklet, labels, fingerprint) = booklet_data(app, edition, lang).await?;
    if booklet.fiches.is_empty() {
        return Ok(Build::Empty);
    }
    if booklet.fiches.len() <= INLINE_FICHES {
        stored_or_render(
            app,
            BOOKLET,
            &edition.to_string(),
            lang,
            &fingerprint,
            || pdf::booklet_pdf(&booklet, &labels),
        )
        .await?;
        return Ok(Build::Ready);
    }
    enqueue_booklet(app, actor, &ed, lang, &fingerprint).await?;
    Ok(Build::Queued)
}

/// Enqueues the job that builds the booklet of this state of the fiches (once per state).
async fn enqueue_booklet(
    app: &App,
    actor: &Actor,
    edition: &Edition,
    lang: Lang,
    fingerprint: &str,
) -> Result<()> {
    let mut tx = app.begin().await?;
    app.enqueue_job(
        &mut tx,
        JobRequest {
            unique_key: Some(job_key(edition.id, lang, fingerprint)),
            created_by: crate::user_id(actor),
            max_attempts: 2,
            ..JobRequest::new(
                BOOKLET,
                BookletParams {
                    edition: edition.id,
                    lang: lang.code().to_string(),
                },
            )
        },
    )
    .await?;
    app.audit(
        &mut tx,
        actor,
        "booklet-build",
        ("edition", edition.id.to_string()),
        serde_json::json!({ "lang": lang.code() }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(())
}

/// Builds a booklet by a job whatever its size (what `build_booklet` does for a large edition).
pub async fn queue_booklet(app: &App, actor: &Actor, edition: EditionId, lang: Lang) -> Result<()> {
    let ed = edition_of(app, edition).await?;
    manage(actor, &ed)?;
    let (_, _, fingerprint) = booklet_data(app, edition, lang).await?;
    enqueue_booklet(app, actor, &ed, lang, &fingerprint).await
}

async fn run_booklet_job(app: App, job: RunningJob) -> Result<Done> {
    let params: BookletParams = job.params()?;
    let lang = Lang::parse(&params.lang).unwrap_or_default();
    let (booklet, labels, fingerprint) = booklet_data(&app, params.edition, lang).await?;
    let total = booklet.fiches.len() as i64;
    job.progress(0, total).await?;
    // typst is synchronous and takes a while for a large booklet: off the async workers.
    let data = tokio::task::spawn_blocking(move || pdf::booklet_pdf(&booklet, &labels))
        .await
        .map_err(Error::internal)?
        .map_err(Error::internal)?;
    job.progress(total, total).await?;
    let mut tx = app.begin().await?;
    tx.put_document(
        BOOKLET,
        &params.edition.to_string(),
        lang.code(),
        &fingerprint,
        &data,
        app.now(),
    )
    .await?;
    let done = job
        .complete(&mut tx, &serde_json::json!({ "size": data.len() }))
        .await?;
    app.commit(tx).await?;
    Ok(done)
}

/// The booklet of `edition` in `lang` if it is up to date (organisers); `None` when it must be built
/// first.
pub async fn booklet(
    app: &App,
    actor: &Actor,
    edition: EditionId,
    lang: Lang,
) -> Result<Option<Pdf>> {
    let ed = edition_of(app, edition).await?;
    manage(actor, &ed)?;
    let (_, _, fingerprint) = booklet_data(app, edition, lang).await?;
    let doc = app
        .storage()
        .get_document(BOOKLET, &edition.to_string(), lang.code())
        .await?
        .filter(|d| d.fingerprint == fingerprint);
    Ok(doc.map(|d| Pdf {
        data: d.data,
        file_name: file_name(&format!("livret-{}", lang.code()), ed.title.as_str()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_letters_and_digits_only() {
        assert_eq!(
            file_name(
                "fiche-04",
                "Expérimenter le « Remote Process Automation » !"
            ),
            "fiche-04-experimenter-le-remote-process-automation.pdf"
        );
        assert_eq!(
            file_name("fiche", "../../etc/passwd\r\n"),
            "fiche-etc-passwd.pdf"
        );
        assert_eq!(file_name("fiche", "中文 😀"), "fiche.pdf");
        assert_eq!(
            file_name("livret-fr", "Œuvres 2021"),
            "livret-fr-oeuvres-2021.pdf"
        );
        assert!(file_name("fiche", &"a".repeat(500)).len() < 80);
    }

    #[test]
    fn sizes_round_up_to_whole_kilobytes() {
        assert_eq!(kilobytes(1), 1);
        assert_eq!(kilobytes(1024), 1);
        assert_eq!(kilobytes(38 * 1024 + 1), 39);
    }
}
