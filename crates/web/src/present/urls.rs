//! The site's URLs, in one place: handlers redirect to these and templates link to them, so that a
//! path changes here only. (Routes are registered with the same paths in each feature's `routes()`.)

use std::fmt::Display;

pub const HOME: &str = "/";
pub const CATALOGUE: &str = "/irritants";
/// Search over what the reader may read (`?q=` and facet filters).
pub const SEARCH: &str = "/recherche";
pub const SIGN_IN: &str = "/connexion";
pub const CONSOLE: &str = "/console";
pub const CONSOLE_INVITATIONS: &str = "/console/invitations";
pub const CONSOLE_DOMAINS: &str = "/console/domaines";
pub const CONSOLE_EDITIONS: &str = "/console/editions";
pub const PIPELINE: &str = "/pipeline";
pub const PIPELINE_INVITATIONS: &str = "/pipeline/invitations";
pub const MY_IRRITANTS: &str = "/mes-irritants";
pub const COMPANY_PROFILE: &str = "/entreprise/profil";
/// The directory of an edition's validated companies.
pub const DIRECTORY: &str = "/entreprises";
/// A participant's meetings (proposals to answer, confirmed meetings).
pub const MEETINGS: &str = "/rencontres";
/// Single sign-on: registered with ProConnect (callback, post-logout return) and published to the
/// RENATER federation (SP metadata, whose URL is also the default entity ID; assertion consumer).
pub const PROCONNECT_START: &str = "/connexion/proconnect";
pub const PROCONNECT_CALLBACK: &str = "/connexion/proconnect/retour";
pub const PROCONNECT_SIGNED_OUT: &str = "/connexion/proconnect/deconnexion";
pub const RENATER_DISCOVERY: &str = "/connexion/renater";
pub const RENATER_CHOSEN: &str = "/connexion/renater/choix";
pub const RENATER_BACK: &str = "/connexion/renater/retour";
pub const RENATER_METADATA: &str = "/sso/renater/metadata";
pub const RENATER_ACS: &str = "/sso/renater/acs";
/// After a ProConnect sign-in: the organisation its `siret` claim proposes.
pub const SSO_AFFILIATION: &str = "/connexion/organisation";
/// A company's members (or the organisers) answer requests to join it.
pub const JOIN_REQUESTS: &str = "/entreprise/adhesions";
/// The signed-in person's ways to sign in (linked identities).
pub const MY_SIGN_IN_METHODS: &str = "/compte/connexions";
/// The signed-in person's account: name, address, password, sessions, their data.
pub const ACCOUNT: &str = "/compte";
pub const ACCOUNT_NAME: &str = "/compte/nom";
pub const ACCOUNT_EMAIL: &str = "/compte/adresse";
pub const ACCOUNT_PASSWORD: &str = "/compte/mot-de-passe";
pub const ACCOUNT_SESSIONS_END: &str = "/compte/sessions/fin";
/// Everything held about the signed-in person: readable page and JSON file.
pub const MY_DATA: &str = "/compte/donnees";
pub const MY_DATA_JSON: &str = "/compte/donnees.json";
/// Erasing one's account: the confirmation page, and the link mailed to accounts without a password.
pub const ERASE_MINE: &str = "/compte/suppression";
pub const ERASURE_LINK: &str = "/compte/suppression/lien";
/// Organisers: the accounts, to answer a person's request about their data.
pub const CONSOLE_ACCOUNTS: &str = "/console/comptes";
/// What is kept about people, why, for how long, and whom to ask (public).
pub const PERSONAL_DATA_NOTICE: &str = "/donnees-personnelles";
/// Organisers: how each member signs in.
pub const CONSOLE_SIGN_IN_METHODS: &str = "/console/connexions";
/// Organisers: the institutions and the identifiers single sign-on matches them by.
pub const CONSOLE_INSTITUTIONS: &str = "/console/etablissements";
/// Each member's entry to their wishes and recommendations.
pub const WISHES: &str = "/souhaits";
/// The thesaurus (the vocabulary's domains and their concepts) in the console.
pub const CONSOLE_THESAURUS: &str = "/console/thesaurus";
/// A participant's agenda of the day (printable; the feed's address and its reset).
pub const AGENDA: &str = "/journee/agenda";
/// A participant's current and next meeting, for the phone.
pub const NOW_NEXT: &str = "/journee/maintenant";
/// The participant's agenda as a PDF.
pub const AGENDA_PDF: &str = "/journee/agenda.pdf";

/// An edition's live board of the day, at the slot starting at `slot` (unix seconds), else the current one.
pub fn day_board(edition: impl Display, slot: Option<i64>) -> String {
    match slot {
        Some(t) => format!("{CONSOLE_EDITIONS}/{edition}/journee/tableau?creneau={t}"),
        None => format!("{CONSOLE_EDITIONS}/{edition}/journee/tableau"),
    }
}

/// A person's subscribable iCalendar feed behind its secret.
pub fn feed(token: &str) -> String {
    format!("/journee/flux/{token}.ics")
}

/// An institution's identifiers and the requests to join it, in the console.
pub fn console_institution(id: impl Display) -> String {
    format!("{CONSOLE_INSTITUTIONS}/{id}")
}

/// An irritant's fiche.
pub fn irritant(id: impl Display) -> String {
    format!("/irritants/{id}")
}

/// The companies recommended for an irritant, where its institution states its wishes.
pub fn irritant_recommendations(id: impl Display) -> String {
    format!("/irritants/{id}/recommandations")
}

/// A company's page in the directory (organisers and institution members).
pub fn company(id: impl Display) -> String {
    format!("{DIRECTORY}/{id}")
}

/// The irritants recommended for a company, where it states its wishes.
pub fn company_recommendations(id: impl Display) -> String {
    format!("/entreprises/{id}/recommandations")
}

/// A concept's form in the console.
pub fn concept(key: impl Display) -> String {
    format!("{CONSOLE_THESAURUS}/{key}")
}

/// An edition's page in the console.
pub fn console_edition(id: impl Display) -> String {
    format!("{CONSOLE_EDITIONS}/{id}")
}

/// A matching run's page.
pub fn run(id: impl Display) -> String {
    format!("/console/mise-en-relation/{id}")
}

/// An edition's meetings in the console.
pub fn console_meetings(edition: impl Display) -> String {
    format!("{CONSOLE_EDITIONS}/{edition}/rencontres")
}

/// A company's profile editor.
pub fn company_profile(company: impl Display) -> String {
    format!("{COMPANY_PROFILE}?company={company}")
}

/// The sign-in page, coming back to `next` (a local path, percent-encoded here).
pub fn sign_in_then(next: &str) -> String {
    format!("{SIGN_IN}?next={}", crate::views::encode(next))
}

/// A rescheduling change (its preview, its application) in the console.
pub fn schedule_change(id: impl Display) -> String {
    format!("/console/journee/changements/{id}")
}

/// An edition's rescheduling page (live schedule, locks, changes, history).
pub fn day_changes(edition: impl Display) -> String {
    format!("{CONSOLE_EDITIONS}/{edition}/journee/changements")
}

/// A person's check-in: what the QR code of their agenda opens.
pub fn check_in(person: passerelle_domain::UserId) -> String {
    passerelle_app::day::check_in_path(person)
}

/// An edition's check-in desk (staff check people in by name).
pub fn day_desk(edition: impl Display) -> String {
    format!("{CONSOLE_EDITIONS}/{edition}/journee/accueil")
}

/// The participants' slots they cannot attend.
pub const AVAILABILITY: &str = "/journee/disponibilites";

/// Each side's (and a business manager's) opportunities, after the day.
pub const FOLLOW_UP: &str = "/suivi";

/// Opening an opportunity by hand from a held meeting.
pub const FOLLOW_UP_OPEN: &str = "/suivi/ouvrir";

/// An opportunity's page.
pub fn opportunity(id: impl Display) -> String {
    format!("{FOLLOW_UP}/{id}")
}

/// An edition's pipeline board of opportunities (organisers).
pub fn follow_up_board(edition: impl Display) -> String {
    format!("{CONSOLE_EDITIONS}/{edition}/suivi")
}

/// The catalogue of funding schemes (signed-in users; the organisers add and change them).
pub const FUNDING_SCHEMES: &str = "/financements";

/// The form of a new funding scheme (organisers).
pub const FUNDING_SCHEME_NEW: &str = "/console/financements/nouveau";

/// A funding scheme's form (organisers).
pub fn funding_scheme(id: impl Display) -> String {
    format!("/console/financements/{id}")
}

/// An opportunity's routing to the funding schemes.
pub fn funding_routing(id: impl Display) -> String {
    format!("{FOLLOW_UP}/{id}/financements")
}

/// The dossiers routed to a funder's schemes (every dossier for the organisers).
pub const DOSSIERS: &str = "/dossiers";

/// A dossier's page.
pub fn dossier(id: impl Display) -> String {
    format!("{DOSSIERS}/{id}")
}

/// An edition's public results (by its slug).
pub fn edition_results(slug: impl Display) -> String {
    format!("/editions/{slug}/resultats")
}
