use super::*;

pub const PAGES: &[PageCheck] = &[
    visitor("/"),
    visitor("/irritants"),
    visitor("/irritants?domaine=chatbot"),
    visitor("/irritants/{published}"),
    visitor("/editions/rencontres-2021/resultats"),
];
