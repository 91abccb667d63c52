//! Turns the domain's validation errors (stable codes) into French or English messages.

use passerelle_domain::ValidationError;

use crate::i18n::Lang;
use crate::views::Errors;

/// The message for `error`: a specific one for its code if there is one (`invalid-email-malformed`),
/// else the generic one for its kind (`invalid-too-long`), with the limit when there is one.
pub fn message(lang: Lang, error: &ValidationError) -> String {
    let specific = format!("invalid-{}", error.code());
    let key = if lang.has(&specific) {
        specific
    } else {
        format!("invalid-{}", error.kind())
    };
    match error.limit() {
        Some(limit) => lang.t_count(&key, limit as i64),
        None => lang.t(&key),
    }
}

/// Records `error` against form field `field`.
pub fn record(errors: &mut Errors, lang: Lang, field: &str, error: &ValidationError) {
    errors.add(field, message(lang, error));
}
