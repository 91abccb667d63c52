//! The adapters against real identity providers on loopback (see `passerelle_federation::testing`).

mod proconnect;
mod renater;

/// The value of the first `<input name="{name}" value="…">` in an HTML page.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let tag_start = html[..at].rfind('<')?;
    let tag = &html[tag_start..tag_start + html[tag_start..].find('>')?];
    let value = tag.split("value=\"").nth(1)?.split('"').next()?;
    Some(
        value
            .replace("&#x2B;", "+")
            .replace("&#x3D;", "=")
            .replace("&#x2F;", "/")
            .replace("&amp;", "&")
            .replace("&#43;", "+")
            .replace("&#61;", "="),
    )
}

/// The `action` of the first form in an HTML page.
pub fn form_action(html: &str) -> Option<String> {
    let at = html.find("<form")?;
    let tag = &html[at..at + html[at..].find('>')?];
    Some(
        tag.split("action=\"")
            .nth(1)?
            .split('"')
            .next()?
            .replace("&amp;", "&"),
    )
}
