//! A dossier as a PDF: the dossier's JSON as filed (the irritant fiche, the company, the meeting and its
//! ratings, the budget, the plan) worded in the reader's language, with the funder's decision. The same
//! people read it as the JSON (`funding::dossier` decides); it holds nothing the JSON does not.

use passerelle_domain::{Actor, CompanySize, DomainEntry, DossierId};
use passerelle_export::pdf::{self, DossierDocument, DossierSection};
use passerelle_i18n::{Lang, format};
use serde_json::Value;

use crate::documents::{Pdf, file_name, fingerprint, stored_or_render};
use crate::funding::{DossierView, dossier};
use crate::{Error, Result};

const DOSSIER: &str = "dossier";

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter()
        .try_fold(v, |v, k| v.get(k))
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

fn u64_at(v: &Value, path: &[&str]) -> Option<u64> {
    path.iter()
        .try_fold(v, |v, k| v.get(k))
        .and_then(Value::as_u64)
}

/// A coded value named in the reader's language (`prefix-code`), or as stored when unknown.
fn coded(lang: Lang, prefix: &str, code: &str) -> String {
    let key = format!("{prefix}-{code}");
    if lang.has(&key) {
        lang.t(&key)
    } else {
        code.to_string()
    }
}

/// A head-count bracket in words (the JSON holds its code, « 1-9 »).
fn size(lang: Lang, code: &str) -> String {
    match CompanySize::parse(code) {
        Ok(CompanySize::Micro) => lang.t("size-micro"),
        Ok(CompanySize::Small) => lang.t("size-small"),
        Ok(CompanySize::Medium) => lang.t("size-medium"),
        Ok(CompanySize::Large) => lang.t("size-large"),
        Err(_) => code.to_string(),
    }
}

fn domain_names(lang: Lang, domains: &[DomainEntry], slugs: Option<&Value>) -> Option<String> {
    let names: Vec<String> = slugs
        .and_then(Value::as_array)?
        .iter()
        .filter_map(Value::as_str)
        .map(|slug| {
            domains.iter().find(|d| d.slug.as_str() == slug).map_or(
                slug.to_string(),
                |d| match lang {
                    Lang::Fr => d.label_fr.as_str().to_string(),
                    Lang::En => d.label_en.as_str().to_string(),
                },
            )
        })
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// Facts whose value is known.
fn facts(pairs: Vec<(String, Option<String>)>) -> Vec<(String, String)> {
    pairs
        .into_iter()
        .filter_map(|(label, value)| value.map(|v| (label, v)))
        .collect()
}

/// Texts that were written.
fn texts(pairs: Vec<(Option<String>, Option<&str>)>) -> Vec<(Option<String>, String)> {
    pairs
        .into_iter()
        .filter_map(|(label, text)| text.map(|t| (label, t.to_string())))
        .collect()
}

/// The printed dossier, from the view `funding::dossier` gives.
fn document(lang: Lang, view: &DossierView) -> Result<DossierDocument> {
    let d = &view.dossier;
    let doc: Value = serde_json::from_str(&d.snapshot).map_err(Error::internal)?;
    let money = |v: Option<u64>| v.map(|v| format::money(lang, v));
    let irritant = &doc["irritant"];
    let company = &doc["company"];
    let profile = &company["profile"];
    let amounts = &doc["opportunity"]["amounts"];
    let decision = d.decision.map(|c| {
        let mut words = lang.t(&format!("dossier-decision-{}", c.as_str()));
        if let Some(a) = d.decision_amount {
            words = format!("{words} — {}", format::money(lang, a.value()));
        }
        if let Some(at) = d.decided_at {
            words = format!("{words} ({})", format::date(lang, at.date()));
        }
        words
    });
    let dossier = DossierSection {
        heading: lang.t("dossier-pdf-dossier"),
        facts: facts(vec![
            (
                lang.t("dossier-field-scheme"),
                Some(d.scheme_name.as_str().to_string()),
            ),
            (
                lang.t("dossier-field-funder"),
                Some(d.funder_name.as_str().to_string()),
            ),
            (
                lang.t("dossier-field-routed"),
                Some(format::date(lang, d.routed_at.date())),
            ),
            (
                lang.t("opportunity-field-status"),
                str_at(&doc, &["opportunity", "status"])
                    .map(|s| coded(lang, "opportunity-status", s)),
            ),
            (
                lang.t("dossier-field-decision"),
                Some(decision.unwrap_or_else(|| lang.t("dossier-pdf-undecided"))),
            ),
        ]),
        texts: texts(vec![(
            Some(lang.t("dossier-field-comment")),
            d.decision_comment.as_ref().map(|c| c.as_str()),
        )]),
    };
    let fiche = DossierSection {
        heading: lang.t("dossier-pdf-irritant"),
        facts: facts(vec![
            (
                lang.t("field-institution"),
                str_at(irritant, &["institution"]).map(str::to_string),
            ),
            (
                lang.t("documents-fiche"),
                str_at(irritant, &["reference"]).map(str::to_string),
            ),
            (
                lang.t("field-budget"),
                format::money_range(
                    lang,
                    u64_at(irritant, &["budget", "min_eur"]),
                    u64_at(irritant, &["budget", "max_eur"]),
                ),
            ),
            (
                lang.t("field-timeline"),
                str_at(irritant, &["timeline"]).map(str::to_string),
            ),
            (
                lang.t("field-domains"),
                domain_names(lang, &view.domains, irritant.get("domains")),
            ),
        ]),
        texts: texts(vec![
            (
                Some(lang.t("field-context")),
                str_at(irritant, &["context"]),
            ),
            (
                Some(lang.t("field-problem")),
                str_at(irritant, &["problem"]),
            ),
            (
                Some(lang.t("field-expected-result")),
                str_at(irritant, &["expected_result"]),
            ),
        ]),
    };
    let company_section = DossierSection {
        heading: lang.t("dossier-pdf-company"),
        facts: facts(vec![
            (
                lang.t("field-company"),
                str_at(company, &["name"]).map(str::to_string),
            ),
            (
                lang.t("field-size"),
                str_at(profile, &["size"]).map(|s| size(lang, s)),
            ),
            (
                lang.t("field-region"),
                str_at(profile, &["region"]).map(|s| coded(lang, "region", s)),
            ),
            (
                lang.t("field-specialties"),
                domain_names(lang, &view.domains, profile.get("specialties")),
            ),
            (
                lang.t("field-website"),
                str_at(profile, &["website"]).map(str::to_string),
            ),
        ]),
        texts: texts(vec![
            (
                Some(lang.t("field-description")),
                str_at(profile, &["description"]),
            ),
            (
                Some(lang.t("field-references")),
                str_at(profile, &["references"]),
            ),
        ]),
    };
    let ratings: Vec<&Value> = doc["ratings"]
        .as_array()
        .map(|r| r.iter().collect())
        .unwrap_or_default();
    let side = |r: &Value| coded(lang, "side", str_at(r, &["side"]).unwrap_or_default());
    let meeting = DossierSection {
        heading: lang.t("dossier-pdf-meeting"),
        facts: facts(
            std::iter::once((
                lang.t("field-status"),
                str_at(&doc, &["meeting", "status"]).map(|s| coded(lang, "meeting-status", s)),
            ))
            .chain(ratings.iter().map(|r| {
                let given = u64_at(r, &["rating", "score"]).map(|score| {
                    lang.t_args(
                        "day-results-given",
                        &[
                            ("score", score.to_string()),
                            (
                                "follow_up",
                                coded(
                                    lang,
                                    "day-follow-up",
                                    str_at(r, &["rating", "follow_up"]).unwrap_or_default(),
                                ),
                            ),
                        ],
                    )
                });
                (side(r), given)
            }))
            .collect(),
        ),
        texts: texts(
            ratings
                .iter()
                .map(|r| (Some(side(r)), str_at(r, &["rating", "comment"])))
                .collect(),
        ),
    };
    let budget = DossierSection {
        heading: lang.t("opportunity-amounts-heading"),
        facts: [
            ("opportunity-field-estimated-cost", "estimated_cost"),
            ("opportunity-field-requested", "requested"),
            ("opportunity-field-granted", "granted"),
            ("opportunity-field-co-funding", "co_funding"),
        ]
        .iter()
        .map(|(label, key)| {
            (
                lang.t(label),
                money(u64_at(amounts, &[key]))
                    .unwrap_or_else(|| lang.t("opportunity-amount-unknown")),
            )
        })
        .collect(),
        texts: Vec::new(),
    };
    let plan = DossierSection {
        heading: lang.t("routing-field-plan"),
        facts: Vec::new(),
        texts: texts(vec![(None, str_at(&doc, &["plan"]))]),
    };
    Ok(DossierDocument {
        lang: lang.code().to_string(),
        // The sides write in French, as the fiches.
        text_lang: "fr".into(),
        kind: lang.t("dossier-pdf-kind"),
        reference: d.scheme_name.as_str().to_string(),
        title: view.opportunity.irritant_title.as_str().to_string(),
        subtitle: format!(
            "{} · {}",
            view.opportunity.institution_name.as_str(),
            view.opportunity.company_name.as_str()
        ),
        sections: vec![dossier, fiche, company_section, meeting, budget, plan],
    })
}

/// The dossier's PDF in `lang`, for whoever may read its JSON.
pub async fn pdf(app: &crate::App, actor: &Actor, id: DossierId, lang: Lang) -> Result<Pdf> {
    let view = dossier(app, actor, id).await?;
    let document = document(lang, &view)?;
    let printed = fingerprint(&document);
    let data = stored_or_render(app, DOSSIER, &id.to_string(), lang, &printed, || {
        pdf::dossier_pdf(&document)
    })
    .await?;
    Ok(Pdf {
        data,
        file_name: file_name("dossier", view.opportunity.irritant_title.as_str()),
    })
}
