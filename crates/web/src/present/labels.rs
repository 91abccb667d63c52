//! Labels of the domain's codes in the reader's language (the Fluent keys are `<kind>-<code>`).

use passerelle_domain::{
    CompanySize, IrritantStatus, Locale, MeetingStatus, OrganisationKind, ParticipationStatus,
    Phase, Region, Role,
};

use crate::i18n::Lang;

pub fn phase_label(lang: Lang, phase: Phase) -> String {
    lang.t(&format!("phase-{}", phase.as_str()))
}

pub fn status_label(lang: Lang, status: IrritantStatus) -> String {
    lang.t(&format!("status-{}", status.as_str()))
}

pub fn participation_label(lang: Lang, status: ParticipationStatus) -> String {
    lang.t(&format!("participation-{}", status.as_str()))
}

pub fn meeting_label(lang: Lang, status: MeetingStatus) -> String {
    lang.t(&format!("meeting-status-{}", status.as_str()))
}

pub fn region_label(lang: Lang, region: Region) -> String {
    lang.t(&format!("region-{}", region.as_str()))
}

pub fn role_label(lang: Lang, role: Role) -> String {
    lang.t(&format!("role-{}", role.as_str()))
}

pub fn size_label(lang: Lang, size: CompanySize) -> String {
    lang.t(match size {
        CompanySize::Micro => "size-micro",
        CompanySize::Small => "size-small",
        CompanySize::Medium => "size-medium",
        CompanySize::Large => "size-large",
    })
}

/// The kind of contact an invitation is for.
pub fn contact_kind_label(lang: Lang, kind: OrganisationKind) -> String {
    match kind {
        OrganisationKind::Institution => lang.t("invite-kind-institution"),
        _ => lang.t("invite-kind-company"),
    }
}

/// The domain's stored locale for a language (vocabulary labels are stored per locale).
pub fn locale(lang: Lang) -> Locale {
    lang.locale()
}
