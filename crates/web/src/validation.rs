//! Turns the domain's validation errors and the use cases' field problems (stable codes) into French
//! or English messages.

use passerelle_app::{Invalid, Problem};
use passerelle_domain::ValidationError;

use crate::i18n::Lang;
use crate::views::Errors;

/// The message for `error` (see `passerelle_i18n::Lang::validation`).
pub fn message(lang: Lang, error: &ValidationError) -> String {
    lang.validation(error)
}

/// Records `error` against form field `field`.
pub fn record(errors: &mut Errors, lang: Lang, field: &str, error: &ValidationError) {
    errors.add(field, message(lang, error));
}

/// A use case's field problems as the form's messages.
pub fn errors(lang: Lang, invalid: &Invalid) -> Errors {
    let mut errors = Errors::default();
    for (field, problem) in &invalid.fields {
        let text = match problem {
            Problem::Validation(e) => message(lang, e),
            Problem::Code(code) => lang.t_args(code.key, &code.args),
        };
        errors.add(field, text);
    }
    errors
}
