//! Numbers, money, dates and times as each language writes them.
//!
//! French follows the typography of the French public sector: thousands separated by a narrow
//! no-break space (U+202F), a no-break space (U+00A0) before "€" and inside "14 h 30", "1er" for the
//! first day of a month, "de 15 000 € à 40 000 €", "le 1er mars 2027". English writes "€15,000",
//! "1 March 2027" and 24-hour "14:30" (the product is used in France, on French time).

use time::{Date, Month, Time};

use crate::Lang;

/// Narrow no-break space: thousands separator in French.
pub const NNBSP: char = '\u{202f}';
/// No-break space: before "€", around "h" in times, between a day and its month.
pub const NBSP: char = '\u{a0}';

/// An integer with its thousands separated: "15 000" / "15,000".
pub fn number(lang: Lang, value: u64) -> String {
    let digits = value.to_string();
    let sep = match lang {
        Lang::Fr => NNBSP,
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// An amount in euros: "15 000 €" / "€15,000".
pub fn money(lang: Lang, euros: u64) -> String {
    match lang {
        Lang::Fr => format!("{}{NBSP}€", number(lang, euros)),
        Lang::En => format!("€{}", number(lang, euros)),
    }
}

/// A budget with optional bounds: "de 15 000 € à 40 000 €", "à partir de 15 000 €",
/// "jusqu'à 40 000 €" / "€15,000 to €40,000", "from €15,000", "up to €40,000"; `None` when both
/// bounds are unknown.
pub fn money_range(lang: Lang, min: Option<u64>, max: Option<u64>) -> Option<String> {
    let m = |v| money(lang, v);
    Some(match (lang, min, max) {
        (_, Some(a), Some(b)) if a == b => m(a),
        (Lang::Fr, Some(a), Some(b)) => format!("de {} à {}", m(a), m(b)),
        (Lang::En, Some(a), Some(b)) => format!("{} to {}", m(a), m(b)),
        (Lang::Fr, Some(a), None) => format!("à partir de {}", m(a)),
        (Lang::En, Some(a), None) => format!("from {}", m(a)),
        (Lang::Fr, None, Some(b)) => format!("jusqu’à {}", m(b)),
        (Lang::En, None, Some(b)) => format!("up to {}", m(b)),
        (_, None, None) => return None,
    })
}

fn month_name(lang: Lang, month: Month) -> &'static str {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = u8::from(month) as usize - 1;
    match lang {
        Lang::Fr => FR[i],
        Lang::En => EN[i],
    }
}

/// The day of the month: "1er", "2" / "1", "2".
fn day(lang: Lang, date: Date) -> String {
    match (lang, date.day()) {
        (Lang::Fr, 1) => "1er".to_string(),
        (_, d) => d.to_string(),
    }
}

/// A date: "1er mars 2027" / "1 March 2027".
pub fn date(lang: Lang, date: Date) -> String {
    format!(
        "{}{NBSP}{} {}",
        day(lang, date),
        month_name(lang, date.month()),
        date.year()
    )
}

/// A date in a sentence: "le 1er mars 2027" / "on 1 March 2027".
pub fn on_date(lang: Lang, d: Date) -> String {
    match lang {
        Lang::Fr => format!("le {}", date(lang, d)),
        Lang::En => format!("on {}", date(lang, d)),
    }
}

/// A span of days, the shared month and year written once: "du 5 au 6 juillet 2021",
/// "du 1er mars au 30 avril 2021" / "5 to 6 July 2021", "1 March to 30 April 2021".
pub fn date_range(lang: Lang, from: Date, to: Date) -> String {
    if from == to {
        return date(lang, from);
    }
    let start = if from.year() != to.year() {
        date(lang, from)
    } else if from.month() != to.month() {
        format!(
            "{}{NBSP}{}",
            day(lang, from),
            month_name(lang, from.month())
        )
    } else {
        day(lang, from)
    };
    match lang {
        Lang::Fr => format!("du {start} au {}", date(lang, to)),
        Lang::En => format!("{start} to {}", date(lang, to)),
    }
}

/// A period with optional bounds (phase dates): a range, "à partir du 1er mars 2027",
/// "jusqu'au 30 avril 2027" / "from 1 March 2027", "until 30 April 2027"; `None` without dates.
pub fn period(lang: Lang, from: Option<Date>, to: Option<Date>) -> Option<String> {
    Some(match (lang, from, to) {
        (_, Some(a), Some(b)) => date_range(lang, a, b),
        (Lang::Fr, Some(a), None) => format!("à partir du {}", date(lang, a)),
        (Lang::En, Some(a), None) => format!("from {}", date(lang, a)),
        (Lang::Fr, None, Some(b)) => format!("jusqu’au {}", date(lang, b)),
        (Lang::En, None, Some(b)) => format!("until {}", date(lang, b)),
        (_, None, None) => return None,
    })
}

/// A time of day, 24-hour: "14 h 30", "9 h" / "14:30", "09:00".
pub fn time(lang: Lang, t: Time) -> String {
    match lang {
        Lang::Fr if t.minute() == 0 => format!("{}{NBSP}h", t.hour()),
        Lang::Fr => format!("{}{NBSP}h{NBSP}{:02}", t.hour(), t.minute()),
        Lang::En => format!("{:02}:{:02}", t.hour(), t.minute()),
    }
}

/// A date and time after a label: "1er mars 2027 à 14 h 30" / "1 March 2027 at 14:30".
pub fn date_at(lang: Lang, d: Date, t: Time) -> String {
    match lang {
        Lang::Fr => format!("{} à {}", date(lang, d), time(lang, t)),
        Lang::En => format!("{} at {}", date(lang, d), time(lang, t)),
    }
}

/// A date and time in a sentence: "le 1er mars 2027 à 14 h 30" / "on 1 March 2027 at 14:30".
pub fn on_date_at(lang: Lang, d: Date, t: Time) -> String {
    match lang {
        Lang::Fr => format!("le {}", date_at(lang, d, t)),
        Lang::En => format!("on {}", date_at(lang, d, t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, time};

    /// Spaces shown visibly, to read the expectations.
    fn visible(s: String) -> String {
        s.replace(NNBSP, "⍽").replace(NBSP, "_")
    }

    #[test]
    fn money_in_french_typography() {
        assert_eq!(visible(money(Lang::Fr, 15_000)), "15⍽000_€");
        assert_eq!(visible(money(Lang::Fr, 999)), "999_€");
        assert_eq!(visible(money(Lang::Fr, 1_234_567)), "1⍽234⍽567_€");
        assert_eq!(money(Lang::En, 1_234_567), "€1,234,567");
        assert_eq!(
            visible(money_range(Lang::Fr, Some(15_000), Some(40_000)).unwrap()),
            "de 15⍽000_€ à 40⍽000_€"
        );
        assert_eq!(
            money_range(Lang::En, Some(15_000), Some(40_000)).unwrap(),
            "€15,000 to €40,000"
        );
        assert_eq!(
            visible(money_range(Lang::Fr, None, Some(5_000)).unwrap()),
            "jusqu’à 5⍽000_€"
        );
        assert_eq!(
            money_range(Lang::En, Some(5_000), None).unwrap(),
            "from €5,000"
        );
        assert_eq!(money_range(Lang::Fr, None, None), None);
    }

    #[test]
    fn dates_and_times_in_each_language() {
        assert_eq!(
            visible(on_date(Lang::Fr, date!(2027 - 03 - 01))),
            "le 1er_mars 2027"
        );
        assert_eq!(
            visible(on_date(Lang::En, date!(2027 - 03 - 01))),
            "on 1_March 2027"
        );
        assert_eq!(
            visible(date_range(
                Lang::Fr,
                date!(2021 - 07 - 05),
                date!(2021 - 07 - 06)
            )),
            "du 5 au 6_juillet 2021"
        );
        assert_eq!(
            visible(date_range(
                Lang::Fr,
                date!(2021 - 03 - 01),
                date!(2021 - 04 - 30)
            )),
            "du 1er_mars au 30_avril 2021"
        );
        assert_eq!(
            visible(date_range(
                Lang::En,
                date!(2021 - 12 - 20),
                date!(2022 - 01 - 07)
            )),
            "20_December 2021 to 7_January 2022"
        );
        assert_eq!(visible(time(Lang::Fr, time!(14:30))), "14_h_30");
        assert_eq!(visible(time(Lang::Fr, time!(9:00))), "9_h");
        assert_eq!(time(Lang::En, time!(9:05)), "09:05");
        assert_eq!(
            visible(on_date_at(Lang::Fr, date!(2027 - 03 - 01), time!(14:30))),
            "le 1er_mars 2027 à 14_h_30"
        );
        assert_eq!(
            visible(date_at(Lang::Fr, date!(2027 - 03 - 01), time!(14:30))),
            "1er_mars 2027 à 14_h_30"
        );
        assert_eq!(
            visible(date_at(Lang::En, date!(2027 - 03 - 01), time!(9:00))),
            "1_March 2027 at 09:00"
        );
        assert_eq!(
            visible(period(Lang::Fr, Some(date!(2027 - 03 - 01)), None).unwrap()),
            "à partir du 1er_mars 2027"
        );
    }
}
