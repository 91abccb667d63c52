//! French typography for text people typed (labels from Fluent are written correctly already): the
//! non-breaking spaces of the French public sector's style, and the typographic apostrophe.

/// No-break space, before the colon.
const NBSP: char = '\u{A0}';
/// Narrow no-break space, before ; ! ? and inside « ».
const NNBSP: char = '\u{202F}';

fn is_space(c: char) -> bool {
    c == ' ' || c == NBSP || c == NNBSP
}

fn high(c: char) -> Option<char> {
    match c {
        ':' => Some(NBSP),
        ';' | '!' | '?' | '»' => Some(NNBSP),
        _ => None,
    }
}

/// Puts the right no-break space before : ; ! ? » and after «, replacing a plain space or adding one
/// where the writer left none, and turns ' into ’. A mark glued to what follows it is left alone, so
/// that `14:30`, `https://…` and `?page=2` stay as they are.
pub fn french(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            out.push('’');
            i += 1;
            continue;
        }
        if c == '«' {
            out.push('«');
            let mut j = i + 1;
            while j < chars.len() && is_space(chars[j]) {
                j += 1;
            }
            if j < chars.len() {
                out.push(NNBSP);
            }
            i = j;
            continue;
        }
        if let Some(space) = high(c) {
            // A run such as "?!" takes one space, the one its first mark asks for.
            let end = (i..chars.len())
                .find(|&j| high(chars[j]).is_none())
                .unwrap_or(chars.len());
            let ends_word = c == '»' || end == chars.len() || chars[end].is_whitespace();
            let trimmed = out.trim_end_matches(is_space).len();
            let spaced = trimmed < out.len();
            // A space the writer typed becomes unbreakable; one is added only after a word.
            if spaced || (ends_word && trimmed > 0) {
                out.truncate(trimmed);
                out.push(space);
            }
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn spaces_before_high_punctuation_and_inside_guillemets() {
        assert_eq!(
            french("Objectif : réduire ; vite ! Pourquoi? «Simple»"),
            "Objectif\u{A0}: réduire\u{202F}; vite\u{202F}! Pourquoi\u{202F}? «\u{202F}Simple\u{202F}»"
        );
        assert_eq!(french("« déjà »"), "«\u{202F}déjà\u{202F}»");
        assert_eq!(french("l'université"), "l’université");
        assert_eq!(french("Vraiment ?!"), "Vraiment\u{202F}?!");
    }

    #[test]
    fn leaves_times_links_and_queries_alone() {
        for s in ["14:30", "https://exemple.fr/?page=2", "a?b", "ratio 3:2"] {
            assert_eq!(french(s), s);
        }
    }

    proptest! {
        #[test]
        fn idempotent(s in "[a-zé '«»:;!?\u{A0}\u{202F}.]{0,40}") {
            let once = french(&s);
            prop_assert_eq!(french(&once), once);
        }

        #[test]
        fn only_spaces_and_apostrophes_change(s in "[a-zé '«»:;!?.0-9/]{0,40}") {
            let keep = |t: &str| t.chars().filter(|c| !is_space(*c)).map(|c| if c == '\'' { '’' } else { c }).collect::<String>();
            prop_assert_eq!(keep(&french(&s)), keep(&s));
        }

        #[test]
        fn no_breakable_space_before_a_high_mark(s in "[a-z '«»:;!?]{0,40}") {
            let out: Vec<char> = french(&s).chars().collect();
            for w in out.windows(2) {
                prop_assert!(!(w[0] == ' ' && high(w[1]).is_some()), "{:?}", out);
                prop_assert!(!(w[0] == '«' && w[1] == ' '), "{:?}", out);
            }
        }
    }
}
