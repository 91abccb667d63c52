//! Search: anyone may search; each reader finds only what they may read (tests/it/search.rs).

use super::*;

pub const CASES: &[Case] = &[get("/recherche?q=salle", PUBLIC)];
