//! The choice of language for a request (the messages and formats are in `passerelle-i18n`):
//! the `lang` cookie set by the language switch wins, then `Accept-Language`, then French.

use axum::http::{HeaderMap, header};

pub use passerelle_i18n::{Lang, format};

/// Name of the cookie written by the language switch.
pub const LANG_COOKIE: &str = "lang";

/// Chooses the language of a request: cookie, then `Accept-Language`, then French.
pub fn from_headers(headers: &HeaderMap) -> Lang {
    if let Some(lang) = cookie(headers, LANG_COOKIE).and_then(|v| Lang::parse(&v)) {
        return lang;
    }
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(from_accept_language)
        .unwrap_or_default()
}

/// The best of our languages in an `Accept-Language` header, by quality then order.
fn from_accept_language(value: &str) -> Option<Lang> {
    let mut best: Option<(f32, Lang)> = None;
    for part in value.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("").trim();
        let primary = tag.split('-').next().unwrap_or("");
        let Some(lang) = Lang::parse(primary) else {
            continue;
        };
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
            best = Some((q, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

/// The value of cookie `name`, if the request carries it.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_highest_quality() {
        assert_eq!(
            from_accept_language("en-GB,en;q=0.9,fr;q=0.8"),
            Some(Lang::En)
        );
        assert_eq!(
            from_accept_language("de, fr-FR;q=0.5, en;q=0.4"),
            Some(Lang::Fr)
        );
        assert_eq!(from_accept_language("de"), None);
        assert_eq!(from_accept_language("en;q=0, fr;q=0.1"), Some(Lang::Fr));
    }

    #[test]
    fn cookie_wins_over_accept_language() {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_LANGUAGE, "en".parse().unwrap());
        assert_eq!(from_headers(&h), Lang::En);
        h.insert(header::COOKIE, "a=b; lang=fr".parse().unwrap());
        assert_eq!(from_headers(&h), Lang::Fr);
    }
}
