//! Search: the payloads as the query and as every facet's value, shown inert.

use super::*;

/// Search has no form route that writes.
pub const POSTS: &[&str] = &[];

web_test!(search_renders_hostile_input_inert, |app| {
    let visitor = Browser::as_(&app, Who::Anonymous).await;
    for payload in HOSTILE {
        let p = urlencode(payload);
        check(
            &visitor,
            visitor
                .get(&format!(
                    "/recherche?q={p}&type={p}&edition={p}&domaine={p}&etablissement={p}&region={p}&etat={p}&budget={p}"
                ))
                .await,
            "search",
        )
        .await;
        check(
            &visitor,
            visitor
                .get(&format!("/recherche?q=salle&domaine={p}"))
                .await,
            "search filtered",
        )
        .await;
    }
});
