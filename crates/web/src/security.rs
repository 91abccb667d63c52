//! Security headers on every response: a strict CSP (no inline script, nothing from outside),
//! no framing, no MIME sniffing, no referrer leaks.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// Forms post to the site only. A single sign-on form hands the browser over to an identity
/// provider by a redirection after its POST, and browsers apply `form-action` to that redirection:
/// pages with such forms name the providers' origins ([`csp_with_form_targets`]).
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The CSP with `form-action` widened to `'self'` and `origins` (scheme, host and port each).
pub fn csp_with_form_targets<S: AsRef<str>>(origins: &[S]) -> String {
    let mut targets = String::from("form-action 'self'");
    // An origin is scheme://host[:port]; anything else (an opaque "null") is left out.
    let origins = origins.iter().map(AsRef::as_ref).filter(|o| {
        (o.starts_with("https://") || o.starts_with("http://"))
            && !o.contains(|c: char| c.is_whitespace() || c == ';' || c == ',' || c == '\'')
    });
    for origin in origins {
        targets.push(' ');
        targets.push_str(origin);
    }
    CSP.replace("form-action 'self'", &targets)
}

pub async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name, value: &'static str| {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    };
    set(h, header::CONTENT_SECURITY_POLICY, CSP);
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::REFERRER_POLICY, "same-origin");
    set(
        h,
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    );
    set(
        h,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    response
}

/// `Strict-Transport-Security` for a site served over HTTPS (a year, subdomains included): browsers
/// then never try plain HTTP again, where a network attacker could answer instead.
pub fn hsts(base_url: &str) -> Option<HeaderValue> {
    base_url
        .starts_with("https://")
        .then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains"))
}

/// Pages shown to a signed-in person hold their data: `Cache-Control: no-store`, so that neither a
/// shared cache nor the browser's back button after signing out shows them again. The static style
/// sheet and icon stay cacheable; a handler's own `Cache-Control` (a feed, a document) is kept.
pub async fn private_pages(request: Request, next: Next) -> Response {
    let session = request
        .extensions()
        .get::<tower_sessions::Session>()
        .cloned();
    let shared = {
        let path = request.uri().path();
        path.starts_with("/static/") || path == "/favicon.ico"
    };
    let mut response = next.run(request).await;
    if shared {
        return response;
    }
    let signed_in = match session {
        Some(session) => session
            .get::<String>(crate::ctx::USER_KEY)
            .await
            .ok()
            .flatten()
            .is_some(),
        None => false,
    };
    if signed_in {
        response
            .headers_mut()
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn hsts_only_for_a_site_served_over_https() {
        assert_eq!(
            super::hsts("https://passerelle.example.fr").unwrap(),
            "max-age=31536000; includeSubDomains"
        );
        assert!(super::hsts("http://127.0.0.1:8080").is_none());
    }
}
