//! Text analysis for short French (and English) texts: the same pipeline runs on
//! irritants, company profiles and thesaurus labels, so that whatever one side
//! writes is reduced to the same terms as the other side.
//!
//! Pipeline: lower-case → apostrophes unified → tokens on non-alphanumerics →
//! elisions removed (l', d', qu'…) → stop words dropped → language guessed per
//! text (French unless English stop words dominate) → Snowball stemming of the
//! accented word → accents folded (so "université" and "universite" meet).

use std::collections::HashSet;

use rust_stemmers::{Algorithm, Stemmer};

/// The language a text is stemmed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Fr,
    En,
}

/// French stop words. Kept out on purpose: "ai" (the English acronym; "j'ai"
/// is dropped at tokenisation) and "si" (in IT texts mostly "système
/// d'information", as in "connecter des SI").
const FR_STOP: &[&str] = &[
    "a",
    "à",
    "afin",
    "ainsi",
    "alors",
    "au",
    "aucun",
    "aucune",
    "aupres",
    "auprès",
    "aussi",
    "autre",
    "autres",
    "aux",
    "avant",
    "avec",
    "avoir",
    "bien",
    "c",
    "ca",
    "ça",
    "ce",
    "ceci",
    "cela",
    "celle",
    "celles",
    "celui",
    "cependant",
    "ces",
    "cet",
    "cette",
    "ceux",
    "chaque",
    "chez",
    "comme",
    "comment",
    "d",
    "dans",
    "de",
    "depuis",
    "des",
    "donc",
    "dont",
    "du",
    "elle",
    "elles",
    "en",
    "encore",
    "entre",
    "est",
    "et",
    "etc",
    "été",
    "être",
    "eu",
    "fait",
    "faire",
    "font",
    "ici",
    "il",
    "ils",
    "j",
    "je",
    "l",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "lors",
    "lui",
    "m",
    "ma",
    "mais",
    "me",
    "meme",
    "même",
    "mes",
    "moi",
    "mon",
    "n",
    "ne",
    "ni",
    "nos",
    "notre",
    "nous",
    "on",
    "ont",
    "ou",
    "où",
    "par",
    "parce",
    "pas",
    "peu",
    "peut",
    "peuvent",
    "plus",
    "pour",
    "pourquoi",
    "qu",
    "quand",
    "que",
    "quel",
    "quelle",
    "quelles",
    "quels",
    "qui",
    "quoi",
    "s",
    "sa",
    "sans",
    "se",
    "selon",
    "ses",
    "sinon",
    "son",
    "sont",
    "sous",
    "sur",
    "t",
    "ta",
    "tant",
    "te",
    "tes",
    "toi",
    "ton",
    "tous",
    "tout",
    "toute",
    "toutes",
    "tres",
    "très",
    "tu",
    "un",
    "une",
    "uns",
    "vers",
    "via",
    "vos",
    "votre",
    "vous",
    "y",
    "sera",
    "seront",
    "soit",
    "sommes",
    "etre",
    "deja",
    "déjà",
    "chacun",
    "chacune",
    "lequel",
    "laquelle",
    "lesquels",
];

const EN_STOP: &[&str] = &[
    "a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "being",
    "but", "by", "can", "do", "does", "each", "for", "from", "has", "have", "how", "if", "in",
    "into", "is", "it", "its", "more", "most", "no", "not", "of", "on", "or", "other", "our",
    "out", "over", "own", "so", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "up", "us", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "would",
    "you", "your",
];

/// French elided articles and conjunctions glued to the next word by an apostrophe.
const ELISIONS: &[&str] = &[
    "l", "d", "qu", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// Folds the accents and ligatures of Latin script; other characters pass through.
pub fn fold_accents(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            _ => out.push(ch),
        }
    }
    out
}

/// Splits a text into lower-case raw words, elisions removed, stop words kept
/// (language detection needs them). Hyphens and slashes separate words, so
/// "e-learning" gives "e" and "learning"; one-letter words are dropped later.
fn raw_words(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut words = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, words: &mut Vec<String>| {
        if !current.is_empty() {
            words.push(std::mem::take(current));
        }
    };
    for ch in lower.chars() {
        let ch = match ch {
            '’' | '‘' | '`' | '´' | 'ʼ' => '\'',
            c => c,
        };
        if ch.is_alphanumeric() {
            current.push(ch);
        } else if ch == '\'' {
            // "l'inscription" → "inscription"; "j'ai" is dropped whole: "ai"
            // alone would read as the English acronym for AI.
            if current == "j" {
                current.clear();
                current.push_str("j'");
            } else if ELISIONS.contains(&current.as_str()) {
                current.clear();
            } else {
                flush(&mut current, &mut words);
            }
        } else {
            flush(&mut current, &mut words);
        }
    }
    flush(&mut current, &mut words);
    words.retain(|w| !w.starts_with("j'"));
    words
}

/// The analysis pipeline, holding both stemmers and the stop words as sets
/// (every token of every profile is looked up).
pub struct Analyzer {
    fr: Stemmer,
    en: Stemmer,
    fr_stop: HashSet<&'static str>,
    en_stop: HashSet<&'static str>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer")
    }
}

impl Analyzer {
    pub fn new() -> Self {
        Self {
            fr: Stemmer::create(Algorithm::French),
            en: Stemmer::create(Algorithm::English),
            fr_stop: FR_STOP.iter().copied().collect(),
            en_stop: EN_STOP.iter().copied().collect(),
        }
    }

    /// Guesses the language from stop words: short titles without any stop word
    /// are taken as French, the working language of the meetings.
    pub fn detect(&self, words: &[String]) -> Lang {
        let fr = words
            .iter()
            .filter(|w| self.fr_stop.contains(w.as_str()))
            .count();
        let en = words
            .iter()
            .filter(|w| self.en_stop.contains(w.as_str()))
            .count();
        if en > fr { Lang::En } else { Lang::Fr }
    }

    /// Analyses a text in the language it is guessed to be in.
    pub fn analyze(&self, text: &str) -> Vec<String> {
        self.analyze_with_words(text)
            .into_iter()
            .map(|(stem, _)| stem)
            .collect()
    }

    /// Like [`Analyzer::analyze`], keeping each stem's original word, so that an
    /// explanation can show "réservation" rather than "reserv".
    pub fn analyze_with_words(&self, text: &str) -> Vec<(String, String)> {
        let words = raw_words(text);
        let lang = self.detect(&words);
        self.stem_pairs(&words, lang)
    }

    /// Analyses a text in a known language (thesaurus labels).
    pub fn analyze_in(&self, text: &str, lang: Lang) -> Vec<String> {
        self.stem_words(&raw_words(text), lang)
    }

    fn stem_words(&self, words: &[String], lang: Lang) -> Vec<String> {
        self.stem_pairs(words, lang)
            .into_iter()
            .map(|(stem, _)| stem)
            .collect()
    }

    fn stem_pairs(&self, words: &[String], lang: Lang) -> Vec<(String, String)> {
        words
            .iter()
            .filter_map(|w| self.stem_word(w, lang).map(|stem| (stem, w.clone())))
            .collect()
    }

    /// One lower-case word reduced as the pipeline does in `lang`, or `None` for a stop word or a single
    /// letter: the search index splits texts itself (it keeps each word's offsets for its snippets) and
    /// stems every word here, so that search and matching read words alike.
    pub fn stem_word(&self, word: &str, lang: Lang) -> Option<String> {
        let (stop, stemmer) = match lang {
            Lang::Fr => (&self.fr_stop, &self.fr),
            Lang::En => (&self.en_stop, &self.en),
        };
        (word.chars().count() > 1 && !stop.contains(word))
            .then(|| fold_accents(&stemmer.stem(word)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elisions_accents_and_stop_words_are_removed() {
        let a = Analyzer::new();
        assert_eq!(
            a.analyze("L'inscription des étudiants"),
            a.analyze("inscription etudiant")
        );
        assert_eq!(
            a.analyze("qu’il réserve d’une salle"),
            a.analyze("il reserver salle")
        );
    }

    #[test]
    fn plural_and_singular_share_a_stem() {
        let a = Analyzer::new();
        assert_eq!(
            a.analyze("réservation de salles"),
            a.analyze("Réservation salle")
        );
        assert_eq!(
            a.analyze("bases de connaissances"),
            a.analyze("base de connaissance")
        );
    }

    #[test]
    fn english_text_is_stemmed_as_english() {
        let a = Analyzer::new();
        assert_eq!(
            a.analyze("booking of the rooms"),
            a.analyze("the bookings of rooms")
        );
    }

    #[test]
    fn first_person_avoir_is_not_the_ai_acronym() {
        let a = Analyzer::new();
        assert!(a.analyze("j'ai besoin").iter().all(|t| t != "ai"));
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let a = Analyzer::new();
        for s in ["", "''''", "l'", "\u{0}\u{FFFF}", "ß🎓 ﬁ", "d'l'qu'"] {
            let _ = a.analyze(s);
        }
    }
}
