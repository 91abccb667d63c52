//! Word synonyms for expanding short queries (titles): "téléphone" also looks
//! for "smartphone", "recrutement" for "embauche". Unlike thesaurus concepts,
//! which name a field's notions, these are plain words of the language that
//! institutions and companies use for the same thing.
//!
//! The built-in list is `data/synonyms.toml` (curated). A thesaurus in
//! LibreOffice's MyThes format (Debian's `mythes-fr`,
//! `/usr/share/mythes/th_fr_FR_v2.dat`) can be loaded instead with
//! [`Synonyms::from_mythes`]: it is optional, never needed at build time.

use std::collections::HashMap;

use serde::Deserialize;

use crate::text::{Analyzer, Lang};

/// The synonym list shipped with Passerelle.
pub const BUILTIN_TOML: &str = include_str!("../data/synonyms.toml");

/// Stem → stems of its synonyms (single words only), with the original word.
#[derive(Debug, Default)]
pub struct Synonyms {
    of: HashMap<String, Vec<(String, String)>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSynonyms {
    groups: Vec<Vec<String>>,
}

impl Synonyms {
    /// The built-in list; it is tested, so it always loads.
    pub fn builtin(analyzer: &Analyzer) -> Self {
        Self::from_toml(BUILTIN_TOML, analyzer).expect("built-in synonyms are valid")
    }

    /// No expansion at all.
    pub fn none() -> Self {
        Self::default()
    }

    /// Groups of interchangeable words: `groups = [["téléphone", "smartphone"], …]`.
    pub fn from_toml(content: &str, analyzer: &Analyzer) -> Result<Self, String> {
        let raw: RawSynonyms = toml::from_str(content).map_err(|e| e.to_string())?;
        let mut s = Self::default();
        for g in &raw.groups {
            s.add_group(analyzer, g.iter().map(String::as_str));
        }
        Ok(s)
    }

    /// Reads a MyThes thesaurus (`word|count`, then `count` lines of
    /// `(category)|synonym|synonym…`); multi-word synonyms are skipped.
    pub fn from_mythes(content: &str, analyzer: &Analyzer) -> Self {
        let mut s = Self::default();
        let mut lines = content.lines().skip(1);
        while let Some(head) = lines.next() {
            let Some((word, count)) = head.split_once('|') else {
                continue;
            };
            let count: usize = count.trim().parse().unwrap_or(0);
            for line in lines.by_ref().take(count) {
                let words = std::iter::once(word).chain(line.split('|').skip(1).map(|w| w.trim()));
                s.add_pairs(analyzer, word, words);
            }
        }
        s
    }

    fn add_group<'a>(&mut self, analyzer: &Analyzer, words: impl Iterator<Item = &'a str> + Clone) {
        for w in words.clone() {
            self.add_pairs(analyzer, w, words.clone());
        }
    }

    /// Registers `others` as synonyms of `word`.
    fn add_pairs<'a>(
        &mut self,
        analyzer: &Analyzer,
        word: &str,
        others: impl Iterator<Item = &'a str>,
    ) {
        let Some(stem) = single_stem(analyzer, word) else {
            return;
        };
        for o in others {
            // Parenthesised notes ("(familier)") are MyThes usage labels.
            if o.contains('(') {
                continue;
            }
            if let Some(os) = single_stem(analyzer, o)
                && os != stem
            {
                let list = self.of.entry(stem.clone()).or_default();
                if !list.iter().any(|(s, _)| *s == os) {
                    list.push((os, o.trim().to_lowercase()));
                }
            }
        }
    }

    /// The synonyms of a stem, as (stem, word).
    pub fn of(&self, stem: &str) -> &[(String, String)] {
        self.of.get(stem).map_or(&[], Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.of.is_empty()
    }
}

/// The French stem of a one-word entry; `None` for phrases and stop words.
fn single_stem(analyzer: &Analyzer, word: &str) -> Option<String> {
    let stems = analyzer.analyze_in(word, Lang::Fr);
    match stems.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_groups_are_symmetric_and_stemmed() {
        let a = Analyzer::new();
        let s = Synonyms::builtin(&a);
        assert!(s.len() >= 100, "only {} words", s.len());
        let tel = &a.analyze("téléphones")[0];
        let smart = &a.analyze("smartphone")[0];
        assert!(s.of(tel).iter().any(|(x, _)| x == smart));
        assert!(s.of(smart).iter().any(|(x, _)| x == tel));
    }

    #[test]
    fn mythes_format_is_read_and_phrases_skipped() {
        let a = Analyzer::new();
        let dat = "UTF-8\nembauche|1\n(nom)|recrutement|engagement|mise au travail\nvoiture|2\n(nom)|automobile\n(nom)|wagon (chemin de fer)\n";
        let s = Synonyms::from_mythes(dat, &a);
        let emb = &a.analyze("embauche")[0];
        let words: Vec<&str> = s.of(emb).iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(words, ["recrutement", "engagement"]);
        let car = &a.analyze("voiture")[0];
        assert_eq!(s.of(car).len(), 1, "annotated entries skipped");
    }

    #[test]
    fn bad_lists_do_not_panic() {
        let a = Analyzer::new();
        assert!(Synonyms::from_toml("groups = 3", &a).is_err());
        let s = Synonyms::from_mythes("UTF-8\n|\nx|9999\n(a)|\n\u{0}|1\n", &a);
        assert!(s.len() <= 1);
    }
}
