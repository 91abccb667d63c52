//! iCalendar (RFC 5545) agendas: the subscribable feed of a person's meetings and the `.ics` attached to
//! the mails about them. Events are written by the `icalendar` crate (escaping, line folding); times are
//! the venue's wall clock with `TZID=Europe/Paris`, whose VTIMEZONE we state ourselves (the crate would add
//! a UID and a DTSTAMP to it, which RFC 5545 does not allow there).
//!
//! Each meeting keeps one UID for its whole life; its SEQUENCE rises on every change, and a cancelled
//! meeting stays in the feed with `STATUS:CANCELLED`, so that subscribed calendars update the entry rather
//! than keep a stale one.

use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, EventStatus, Property};
use time::{OffsetDateTime, PrimitiveDateTime};

/// The time zone of the events' times.
pub const TZID: &str = "Europe/Paris";

/// Europe/Paris since 1996: summer time from the last Sunday of March to the last Sunday of October.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\n\
TZID:Europe/Paris\r\n\
BEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
TZNAME:CEST\r\n\
DTSTART:19700329T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
TZNAME:CET\r\n\
DTSTART:19701025T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// One meeting as a calendar shows it. Strings are already in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEvent {
    /// Stable for the meeting's whole life (e.g. `meeting-<id>@<host>`).
    pub uid: String,
    /// Raised on every change of time, place or status.
    pub sequence: u32,
    /// Wall-clock times at the venue (Europe/Paris).
    pub start: PrimitiveDateTime,
    pub end: PrimitiveDateTime,
    pub summary: String,
    pub description: String,
    /// The table or room.
    pub location: String,
    pub cancelled: bool,
    /// The agenda page.
    pub url: Option<String>,
    /// When the meeting's entry last changed (DTSTAMP and LAST-MODIFIED).
    pub updated: OffsetDateTime,
}

/// A calendar of meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// The calendar's name in calendar apps ("Mes rencontres — Rencontres Open Innovation 2027").
    pub name: String,
    /// ISO 639-1 code of the texts' language.
    pub lang: String,
    pub events: Vec<FeedEvent>,
}

/// How the calendar is meant to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// A feed to subscribe to (no METHOD).
    Subscription,
    /// A file attached to a mail, to add or update the entries (METHOD:PUBLISH).
    Attachment,
}

fn chrono_of(t: PrimitiveDateTime) -> chrono::NaiveDateTime {
    let date =
        chrono::NaiveDate::from_ymd_opt(t.year(), u8::from(t.month()).into(), t.day().into())
            .expect("a valid date stays valid");
    date.and_hms_opt(t.hour().into(), t.minute().into(), t.second().into())
        .expect("a valid time stays valid")
}

fn utc_of(t: OffsetDateTime) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(t.unix_timestamp(), 0).expect("a valid instant")
}

fn local(t: PrimitiveDateTime) -> CalendarDateTime {
    CalendarDateTime::WithTimezone {
        date_time: chrono_of(t),
        tzid: TZID.to_string(),
    }
}

/// The calendar's text (CRLF lines, folded at 75 octets).
pub fn calendar(feed: &Feed, usage: Use) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new("PRODID", "-//Passerelle//Agenda//FR"));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    if usage == Use::Attachment {
        cal.append_property(Property::new("METHOD", "PUBLISH"));
    }
    cal.append_property(Property::new("X-WR-CALNAME", &feed.name));
    cal.append_property(Property::new("X-WR-TIMEZONE", TZID));
    for e in &feed.events {
        let mut event = Event::with_uid(&e.uid);
        event
            .timestamp(utc_of(e.updated))
            .last_modified(utc_of(e.updated))
            .sequence(e.sequence)
            .starts(local(e.start))
            .ends(local(e.end))
            .summary(&e.summary)
            .description(&e.description)
            .location(&e.location)
            .status(if e.cancelled {
                EventStatus::Cancelled
            } else {
                EventStatus::Confirmed
            });
        if let Some(url) = &e.url {
            event.url(url);
        }
        event.add_property("TRANSP", "OPAQUE");
        event.append_property(Property::new("LANGUAGE", &feed.lang));
        cal.push(event.done());
    }
    let text = cal.to_string();
    // The time zone goes right after the calendar's own properties, before the first event.
    match text.find("BEGIN:VEVENT") {
        Some(at) => format!("{}{VTIMEZONE}{}", &text[..at], &text[at..]),
        None => text.replace("END:VCALENDAR", &format!("{VTIMEZONE}END:VCALENDAR")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufReader;
    use time::macros::datetime;

    fn event(uid: &str, sequence: u32, cancelled: bool) -> FeedEvent {
        FeedEvent {
            uid: uid.into(),
            sequence,
            start: datetime!(2027-03-02 09:30),
            end: datetime!(2027-03-02 09:50),
            summary: "Rencontre : Causette Robotique (fictive) ; « Réserver les salles », table 4".into(),
            description: "Fiche : Réserver les salles de travaux pratiques\nContact : Alex Entreprise, alex@example.org — un texte assez long pour être replié sur plusieurs lignes par l’écrivain".into(),
            location: "Table 4 (accès de plain-pied)".into(),
            cancelled,
            url: Some("https://passerelle.example/journee/agenda".into()),
            updated: datetime!(2027-03-01 10:00 UTC),
        }
    }

    fn parse(text: &str) -> ical::parser::ical::component::IcalCalendar {
        let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
        let cal = parser.next().expect("one calendar").expect("parsed");
        assert!(parser.next().is_none());
        cal
    }

    fn prop<'a>(
        props: &'a [ical::property::Property],
        name: &str,
    ) -> Option<&'a ical::property::Property> {
        props.iter().find(|p| p.name == name)
    }

    #[test]
    fn an_independent_parser_reads_uid_sequence_status_timezone_and_texts_back() {
        let feed = Feed {
            name: "Mes rencontres".into(),
            lang: "fr".into(),
            events: vec![
                event("meeting-1@passerelle.example", 0, false),
                event("meeting-2@passerelle.example", 3, true),
            ],
        };
        let text = calendar(&feed, Use::Subscription);
        assert!(text.lines().all(|l| l.len() <= 75), "folded at 75 octets");
        assert!(text.contains("\r\n"));
        let cal = parse(&text);
        assert_eq!(
            prop(&cal.properties, "METHOD").map(|p| p.value.clone()),
            None
        );
        assert_eq!(cal.timezones.len(), 1);
        let tz = &cal.timezones[0];
        assert_eq!(
            prop(&tz.properties, "TZID").unwrap().value.as_deref(),
            Some(TZID)
        );
        assert!(prop(&tz.properties, "UID").is_none() && prop(&tz.properties, "DTSTAMP").is_none());
        assert_eq!(cal.events.len(), 2);
        let first = &cal.events[0].properties;
        assert_eq!(
            prop(first, "UID").unwrap().value.as_deref(),
            Some("meeting-1@passerelle.example")
        );
        assert_eq!(prop(first, "SEQUENCE").unwrap().value.as_deref(), Some("0"));
        assert_eq!(
            prop(first, "STATUS").unwrap().value.as_deref(),
            Some("CONFIRMED")
        );
        let start = prop(first, "DTSTART").unwrap();
        assert_eq!(start.value.as_deref(), Some("20270302T093000"));
        assert_eq!(
            start
                .params
                .as_ref()
                .unwrap()
                .iter()
                .find(|(k, _)| k == "TZID")
                .unwrap()
                .1,
            vec![TZID.to_string()]
        );
        assert_eq!(
            prop(first, "DTSTAMP").unwrap().value.as_deref(),
            Some("20270301T100000Z")
        );
        // Escaped by the writer: the parser gives the escaped text back.
        assert_eq!(
            prop(first, "SUMMARY").unwrap().value.as_deref(),
            Some("Rencontre : Causette Robotique (fictive) \\; « Réserver les salles »\\, table 4")
        );
        assert_eq!(
            prop(first, "LOCATION").unwrap().value.as_deref(),
            Some("Table 4 (accès de plain-pied)")
        );
        let second = &cal.events[1].properties;
        assert_eq!(
            prop(second, "STATUS").unwrap().value.as_deref(),
            Some("CANCELLED")
        );
        assert_eq!(
            prop(second, "SEQUENCE").unwrap().value.as_deref(),
            Some("3")
        );
    }

    #[test]
    fn an_attachment_says_publish_and_an_empty_feed_still_names_its_time_zone() {
        let attached = calendar(
            &Feed {
                name: "x".into(),
                lang: "en".into(),
                events: vec![event("u@x", 1, false)],
            },
            Use::Attachment,
        );
        assert_eq!(
            prop(&parse(&attached).properties, "METHOD")
                .unwrap()
                .value
                .as_deref(),
            Some("PUBLISH")
        );
        let empty = calendar(
            &Feed {
                name: "x".into(),
                lang: "en".into(),
                events: vec![],
            },
            Use::Subscription,
        );
        let cal = parse(&empty);
        assert!(cal.events.is_empty());
        assert_eq!(cal.timezones.len(), 1);
    }
}
