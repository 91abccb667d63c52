//! The demonstration: the 2021 Rencontres Open Innovation (5–6 July 2021, BIC de Montpellier with Digital 113).
//!
//! The 19 irritants have the titles and institutions of the 2021 edition (`demo/rencontres-open-innovation-2021.csv`);
//! their descriptions were written for the demonstration and are marked so (`written_for_demo`). Companies are
//! fictitious (their names say so, their sites use the reserved `.example` domain), as are the people behind the
//! demo accounts. The phase dates are plausible, not historical.

use crate::companies::{insert_invited, register_in, save_profile_in, validate_in};
use crate::editions::{insert_edition, set_current_in};
use crate::irritants::{Provenance, apply_transition, insert_irritant};
use crate::organisations::insert_org;
use crate::users::{insert_membership, insert_user};
use crate::vocabulary::upsert_domain_in;
use crate::{Error, NewEdition, NewUser, Result, Storage};
use passerelle_domain::edition::parse_date;
use passerelle_domain::{
    CompanyProfile, CompanySize, DisplayName, DomainEntry, EditionDates, Email, Field,
    IrritantContent, IrritantTitle, IrritantTransition, Locale, LongText, OrganisationId,
    OrganisationKind, OrganisationName, Password, Phase, PhaseWindow, Region, Role, ShortText,
    Slug, UserId, WebsiteUrl,
};
use std::collections::HashMap;

/// A demo account, listed on the sign-in page in demo mode.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DemoAccount {
    pub role: Role,
    pub email: Email,
    pub password: &'static str,
    pub display_name: &'static str,
    pub organisation: &'static str,
}

/// The accounts the demo creates, one per role.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DemoAccounts {
    pub accounts: Vec<DemoAccount>,
}

/// The password of every demo account (public: it is shown on the sign-in page in demo mode).
pub const DEMO_PASSWORD: &str = "passerelle-demo";

/// (role, e-mail, name, organisation) of the demo accounts. The addresses use the reserved `.example` domain.
const ACCOUNTS: &[(Role, &str, &str, &str)] = &[
    (
        Role::Organiser,
        "organisatrice@passerelle.example",
        "Camille Organisatrice (démo)",
        AGENCY,
    ),
    (
        Role::InstitutionMember,
        "etablissement@passerelle.example",
        "Dominique Établissement (démo)",
        "Université Paul-Valéry Montpellier 3",
    ),
    (
        Role::CompanyMember,
        "entreprise@passerelle.example",
        "Alex Entreprise (démo)",
        "Causette Robotique (fictive)",
    ),
    (
        Role::BusinessManager,
        "charge-affaires@passerelle.example",
        "Sacha Chargé d'affaires (démo)",
        BIC,
    ),
    (
        Role::Admin,
        "admin@passerelle.example",
        "Morgan Admin (démo)",
        AGENCY,
    ),
    (
        Role::Funder,
        "financeur@passerelle.example",
        "Jules Financeur (démo)",
        FUNDER,
    ),
];

pub(crate) const AGENCY: &str = "Amue";
pub(crate) const FUNDER: &str = "Fonds de relance numérique (démo)";
const BIC: &str = "BIC de Montpellier";
const CLUSTER: &str = "Digital 113";

/// The demo accounts, without touching the database (for the sign-in page in demo mode).
pub fn accounts() -> DemoAccounts {
    DemoAccounts {
        accounts: ACCOUNTS
            .iter()
            .map(|(role, email, name, org)| DemoAccount {
                role: *role,
                email: Email::parse(email).expect("demo e-mails are valid"),
                password: DEMO_PASSWORD,
                display_name: name,
                organisation: org,
            })
            .collect(),
    }
}

/// The vocabulary of domains: slug, French label, English label.
const DOMAINS: &[(&str, &str, &str)] = &[
    (
        "formation-numerique",
        "Formation au numérique",
        "Digital skills training",
    ),
    (
        "planification",
        "Planification et agendas",
        "Planning and scheduling",
    ),
    (
        "reservation-ressources",
        "Réservation de salles et de ressources",
        "Room and resource booking",
    ),
    (
        "automatisation",
        "Automatisation des processus (RPA)",
        "Process automation (RPA)",
    ),
    (
        "decisionnel",
        "Décisionnel et tableaux de bord",
        "Business intelligence and reporting",
    ),
    (
        "recrutement",
        "Recrutement et ressources humaines",
        "Recruitment and human resources",
    ),
    ("chatbot", "Agents conversationnels", "Chatbots"),
    ("ia", "Intelligence artificielle", "Artificial intelligence"),
    ("data-science", "Science des données", "Data science"),
    (
        "accessibilite",
        "Accessibilité et handicap",
        "Accessibility and disability",
    ),
    (
        "experience-utilisateur",
        "Expérience utilisateur",
        "User experience",
    ),
    (
        "gestion-connaissances",
        "Gestion des connaissances",
        "Knowledge management",
    ),
    (
        "interoperabilite",
        "Interopérabilité des systèmes d'information",
        "Information systems interoperability",
    ),
    ("green-it", "Numérique responsable", "Sustainable IT"),
    ("vie-etudiante", "Vie étudiante", "Student life"),
    (
        "reseaux-communautes",
        "Réseaux et communautés",
        "Networks and communities",
    ),
    (
        "gestion-documentaire",
        "Gestion documentaire",
        "Document management",
    ),
    (
        "bibliotheques",
        "Bibliothèques et documentation",
        "Libraries and documentation",
    ),
    (
        "contenus-interactifs",
        "Contenus interactifs",
        "Interactive content",
    ),
    (
        "orientation-guidage",
        "Orientation et guidage sur les campus",
        "Campus wayfinding",
    ),
    ("objets-connectes", "Objets connectés", "Internet of things"),
    ("travail-hybride", "Travail hybride", "Hybrid work"),
];

/// Per fiche number: domains, then context, problem and expected result, written for the demonstration.
const FICHES: &[(&str, &[&str], &str, &str, &str)] = &[
    (
        "01",
        &["formation-numerique", "experience-utilisateur"],
        "Les enseignants d'Occitanie trouvent les offres de formation au numérique dispersées entre plusieurs plateformes.",
        "Aucun point d'entrée unique ne permet de connaître les formations disponibles, de s'y inscrire et de suivre son parcours.",
        "Un guichet en ligne unique qui recense les offres, oriente selon le profil de l'enseignant et suit les inscriptions.",
    ),
    (
        "02",
        &["planification", "automatisation"],
        "Les universités organisent chaque année de nombreuses rencontres, colloques et conférences.",
        "Trouver des créneaux compatibles entre intervenants, salles et participants se fait à la main, par courriels successifs.",
        "Un outil qui propose automatiquement des programmes respectant les disponibilités et les contraintes de salles.",
    ),
    (
        "03",
        &["planification", "reservation-ressources"],
        "Les emplois du temps de milliers d'étudiants sont construits chaque semestre par les composantes.",
        "Les contraintes (salles, enseignants, groupes) sont suivies dans des tableurs et chaque changement provoque des conflits.",
        "Une gestion des plannings qui détecte les conflits et propose des solutions de remplacement.",
    ),
    (
        "04",
        &["automatisation", "ia"],
        "De nombreuses tâches administratives répétitives mobilisent les agents des établissements.",
        "Les saisies en double entre applications prennent du temps et causent des erreurs.",
        "Une expérimentation de robots logiciels (RPA) sur deux ou trois processus, avec une mesure du temps gagné.",
    ),
    (
        "05",
        &["decisionnel", "data-science"],
        "Un outil de gestion de la formation continue et de l'alternance est utilisé par de nombreux établissements.",
        "Ses tableaux de bord sont figés et chaque extraction demande l'aide d'un informaticien.",
        "Un reporting rénové, avec des indicateurs que les gestionnaires paramètrent eux-mêmes.",
    ),
    (
        "06",
        &["contenus-interactifs", "vie-etudiante"],
        "Les formations sont présentées aux futurs étudiants par des plaquettes au format PDF.",
        "Ces documents sont longs à mettre à jour et peu lisibles sur un téléphone.",
        "Des plaquettes interactives, produites à partir de l'offre de formation et lisibles sur tous les écrans.",
    ),
    (
        "07",
        &["gestion-connaissances", "chatbot"],
        "Les services d'assistance reçoivent souvent les mêmes questions des personnels et des étudiants.",
        "Les réponses existent mais sont éparpillées dans des pages et des documents difficiles à trouver.",
        "Une base de connaissances unique, avec une recherche simple, alimentée par les services eux-mêmes.",
    ),
    (
        "08",
        &["reservation-ressources", "experience-utilisateur"],
        "Salles de cours, salles de réunion et amphithéâtres sont réservés par différents services.",
        "L'outil actuel ne montre pas les disponibilités en temps réel et ignore les équipements des salles.",
        "Un outil de réservation simple, qui affiche les disponibilités et les équipements de chaque salle.",
    ),
    (
        "09",
        &["recrutement", "interoperabilite"],
        "Une université publie chaque année des centaines d'offres d'emploi sur plusieurs sites.",
        "Les candidatures arrivent par des canaux différents et leur suivi se fait à la main.",
        "Un outil qui rassemble les candidatures de tous les canaux et suit chaque dossier jusqu'à la décision.",
    ),
    (
        "10",
        &["chatbot", "experience-utilisateur", "vie-etudiante"],
        "Pendant les inscriptions, le service de scolarité reçoit des milliers de questions en quelques semaines.",
        "Les étudiants attendent longtemps des réponses à des questions souvent simples et répétitives.",
        "Un agent conversationnel qui répond aux questions courantes à toute heure et passe la main à un agent si besoin.",
    ),
    (
        "11",
        &["accessibilite", "orientation-guidage", "objets-connectes"],
        "Les campus sont vastes et leurs bâtiments mal signalés.",
        "Les étudiants, en particulier en situation de handicap, peinent à trouver les salles et les accès adaptés.",
        "Un guidage sur téléphone qui indique l'itinéraire accessible jusqu'à la salle de cours.",
    ),
    (
        "12",
        &["chatbot", "gestion-connaissances"],
        "Les informations utiles aux étudiants sont réparties entre le site web, l'espace numérique de travail et les courriels.",
        "Les étudiants ne savent pas où chercher et sollicitent les services pour des informations déjà publiées.",
        "Un agent conversationnel qui trouve l'information dans les sources de l'université et cite sa source.",
    ),
    (
        "13",
        &["interoperabilite", "accessibilite"],
        "L'accompagnement des étudiants handicapés implique la scolarité, la médecine préventive et les enseignants.",
        "Chaque service a son propre outil et les aménagements doivent être saisis plusieurs fois.",
        "Des échanges automatiques entre les systèmes, dans le respect de la confidentialité des données de santé.",
    ),
    (
        "14",
        &["formation-numerique", "ia", "bibliotheques"],
        "Les métiers des bibliothèques évoluent avec l'intelligence artificielle et la science des données.",
        "Les bibliothécaires manquent de formations adaptées à leurs données et à leurs usages.",
        "Un parcours de formation pratique, fondé sur des cas réels de données bibliographiques.",
    ),
    (
        "15",
        &["bibliotheques", "experience-utilisateur"],
        "Les bibliothécaires interrogent chaque jour de grandes bases de données bibliographiques.",
        "Les interfaces actuelles sont anciennes, peu ergonomiques et longues à prendre en main.",
        "Des interfaces modernisées, testées avec leurs utilisateurs, qui accélèrent les tâches courantes.",
    ),
    (
        "16",
        &["green-it", "decisionnel"],
        "L'institut s'est engagé à réduire son empreinte environnementale.",
        "Il ne sait pas mesurer la part du numérique : équipements, réseaux, centres de données et usages.",
        "Un outil de mesure et de suivi de l'impact du numérique, avec des pistes de réduction chiffrées.",
    ),
    (
        "17",
        &["reservation-ressources", "travail-hybride"],
        "Avec le télétravail, une partie des bureaux reste inoccupée chaque jour.",
        "Les agents ne savent pas quels bureaux sont libres et les espaces sont mal utilisés.",
        "Un outil de partage et de réservation de bureaux, simple à utiliser depuis un téléphone.",
    ),
    (
        "18",
        &["gestion-documentaire", "automatisation"],
        "Certains documents officiels rassemblent des informations issues de nombreux documents sources.",
        "Leur assemblage est manuel et chaque mise à jour d'une source oblige à tout reprendre.",
        "La production automatique du document unique, tenue à jour quand une source change.",
    ),
    (
        "19",
        &["reseaux-communautes", "vie-etudiante"],
        "Les anciens étudiants sont une ressource pour l'insertion professionnelle des étudiants actuels.",
        "L'université n'a pas de moyen simple de garder le contact avec eux ni de les mettre en relation.",
        "Une plateforme d'échanges entre alumni et étudiants : annuaire, offres et parrainage.",
    ),
];

/// A fictitious company: name, specialties, size, region, description, who brought it (an incubator or cluster,
/// or nobody), and whether an organiser validated it already.
struct DemoCompany {
    name: &'static str,
    specialties: &'static [&'static str],
    size: CompanySize,
    region: Region,
    description: &'static str,
    brought_by: Option<&'static str>,
    validated: bool,
}

const fn company(
    name: &'static str,
    specialties: &'static [&'static str],
    size: CompanySize,
    region: Region,
    description: &'static str,
    brought_by: Option<&'static str>,
) -> DemoCompany {
    DemoCompany {
        name,
        specialties,
        size,
        region,
        description,
        brought_by,
        validated: true,
    }
}

const COMPANIES: &[DemoCompany] = &[
    company(
        "Causette Robotique (fictive)",
        &["chatbot", "ia", "experience-utilisateur"],
        CompanySize::Micro,
        Region::Occitanie,
        "Agents conversationnels pour les services aux usagers, qui répondent en français clair et passent la main à un humain.",
        Some(BIC),
    ),
    company(
        "Planifix (fictive)",
        &["planification", "reservation-ressources"],
        CompanySize::Small,
        Region::IleDeFrance,
        "Moteur d'optimisation de plannings : emplois du temps, salles et événements sous contraintes.",
        None,
    ),
    company(
        "Robotine Process (fictive)",
        &["automatisation", "interoperabilite"],
        CompanySize::Small,
        Region::AuvergneRhoneAlpes,
        "Robots logiciels qui automatisent les saisies répétitives entre applications de gestion.",
        None,
    ),
    company(
        "Tableau Clair (fictive)",
        &["decisionnel", "data-science"],
        CompanySize::Micro,
        Region::Occitanie,
        "Tableaux de bord que les équipes métier construisent elles-mêmes, sans écrire de requêtes.",
        Some(CLUSTER),
    ),
    company(
        "Livret Vivant (fictive)",
        &["contenus-interactifs", "experience-utilisateur"],
        CompanySize::Micro,
        Region::NouvelleAquitaine,
        "Documents interactifs et responsives produits à partir de données structurées.",
        None,
    ),
    company(
        "Savoir Commun (fictive)",
        &["gestion-connaissances", "chatbot"],
        CompanySize::Micro,
        Region::Occitanie,
        "Bases de connaissances collaboratives avec une recherche en langage naturel.",
        Some(BIC),
    ),
    company(
        "Boussole Campus (fictive)",
        &["orientation-guidage", "accessibilite", "objets-connectes"],
        CompanySize::Micro,
        Region::Occitanie,
        "Guidage intérieur sur téléphone, avec des itinéraires adaptés aux personnes à mobilité réduite.",
        Some(CLUSTER),
    ),
    company(
        "Pont des Données (fictive)",
        &["interoperabilite", "gestion-documentaire"],
        CompanySize::Medium,
        Region::PaysDeLaLoire,
        "Connecteurs entre systèmes d'information et génération automatique de documents.",
        None,
    ),
    company(
        "Octet Sobre (fictive)",
        &["green-it", "decisionnel"],
        CompanySize::Small,
        Region::Bretagne,
        "Mesure de l'empreinte environnementale du numérique et plans de réduction.",
        None,
    ),
    company(
        "Bureau Flex (fictive)",
        &[
            "reservation-ressources",
            "travail-hybride",
            "objets-connectes",
        ],
        CompanySize::Micro,
        Region::ProvenceAlpesCoteDAzur,
        "Réservation de postes de travail et capteurs d'occupation pour les organisations en travail hybride.",
        Some(BIC),
    ),
    company(
        "Recrutis (fictive)",
        &["recrutement", "ia"],
        CompanySize::Small,
        Region::HautsDeFrance,
        "Suivi des candidatures multicanal pour les employeurs publics.",
        None,
    ),
    company(
        "Réseau Alumni Plus (fictive)",
        &["reseaux-communautes", "vie-etudiante"],
        CompanySize::Micro,
        Region::Occitanie,
        "Plateformes de réseau d'anciens élèves : annuaire, offres d'emploi et mentorat.",
        Some(CLUSTER),
    ),
    // Registered but not validated yet: something waiting in the organisers' console.
    DemoCompany {
        validated: false,
        ..company(
            "Académie Lumière (fictive)",
            &["formation-numerique", "ia", "bibliotheques"],
            CompanySize::Micro,
            Region::Occitanie,
            "Parcours de formation en intelligence artificielle et science des données pour les professionnels.",
            Some(CLUSTER),
        )
    },
];

/// One irritant of the 2021 edition as given in `demo/rencontres-open-innovation-2021.csv`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct IrritantLine {
    /// The fiche's number ("01"…).
    pub fiche: String,
    pub institution: String,
    pub title_fr: String,
}

/// The 19 irritants of the 2021 edition, in fiche order, as the CSV gives them (without touching the database).
pub fn irritant_lines() -> Vec<IrritantLine> {
    fiches_from_csv().expect("the embedded CSV is well-formed (checked by a unit test)")
}

fn bad_data(what: impl std::fmt::Display) -> Error {
    Error::Corrupt(format!("demo data: {what}"))
}

fn fiches_from_csv() -> Result<Vec<IrritantLine>> {
    let data = include_str!("../demo/rencontres-open-innovation-2021.csv");
    csv::Reader::from_reader(data.as_bytes())
        .deserialize()
        .map(|r| r.map_err(bad_data))
        .collect()
}

/// Seeds the 2021 edition into an empty database, in one transaction, and returns the demo accounts. Returns
/// `None` and writes nothing when the database already holds organisations, accounts or editions, so seeding
/// twice never duplicates anything.
pub async fn seed(storage: &Storage) -> Result<Option<DemoAccounts>> {
    // Hashed once for the six accounts: the password is public anyway, and hashing is slow.
    let hash = tokio::task::spawn_blocking(|| {
        crate::hash_password(
            &Password::parse(DEMO_PASSWORD).expect("the demo password fits the policy"),
        )
    })
    .await
    .map_err(|e| Error::Config(format!("hashing interrupted: {e}")))?;

    let mut tx = storage.begin_raw().await?;
    let used: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM organisations) + (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM editions)",
    )
    .fetch_one(&mut *tx)
    .await?;
    if used > 0 {
        return Ok(None);
    }

    for (slug, fr, en) in DOMAINS {
        upsert_domain_in(&mut tx, &DomainEntry::parse(slug, fr, en)?).await?;
    }

    let fiches = fiches_from_csv()?;
    let mut orgs: HashMap<String, OrganisationId> = HashMap::new();
    let kinds = [
        (AGENCY, OrganisationKind::Agency),
        (BIC, OrganisationKind::Incubator),
        (CLUSTER, OrganisationKind::Incubator),
        (FUNDER, OrganisationKind::Funder),
    ];
    let institutions = fiches
        .iter()
        .map(|f| (f.institution.as_str(), OrganisationKind::Institution));
    for (name, kind) in kinds.into_iter().chain(institutions) {
        if !orgs.contains_key(name) {
            let org = insert_org(&mut tx, &OrganisationName::parse(name)?, kind).await?;
            orgs.insert(name.to_owned(), org.id);
        }
    }
    for c in COMPANIES {
        let org = insert_org(
            &mut tx,
            &OrganisationName::parse(c.name)?,
            OrganisationKind::Company,
        )
        .await?;
        orgs.insert(c.name.to_owned(), org.id);
        let slug: String = c
            .name
            .trim_end_matches(" (fictive)")
            .to_lowercase()
            .chars()
            .map(|ch| match ch {
                'é' | 'è' | 'ê' => 'e',
                ch if ch.is_ascii_alphanumeric() => ch,
                _ => '-',
            })
            .collect();
        let profile = CompanyProfile::new(
            Some(LongText::parse(Field::Description, c.description)?),
            c.specialties
                .iter()
                .map(|s| Slug::parse(s))
                .collect::<std::result::Result<_, _>>()?,
            Some(LongText::parse(
                Field::References,
                "Entreprise fictive, créée pour la démonstration.",
            )?),
            Some(c.size),
            Some(c.region),
            Some(WebsiteUrl::parse(&format!("https://{slug}.example"))?),
        )?;
        save_profile_in(&mut tx, org.id, &profile).await?;
    }

    let mut users: HashMap<Role, UserId> = HashMap::new();
    for (role, email, name, org) in ACCOUNTS {
        let new = NewUser {
            email: Email::parse(email)?,
            display_name: DisplayName::parse(name)?,
            password_hash: hash.clone(),
            locale: Locale::Fr,
        };
        let user = insert_user(&mut tx, &new).await?;
        let org = *orgs
            .get(*org)
            .ok_or_else(|| bad_data(format!("no organisation {org}")))?;
        insert_membership(&mut tx, user.id, org, *role).await?;
        users.insert(*role, user.id);
    }
    let organiser = users.get(&Role::Organiser).copied();

    let date = |s: &str| parse_date(s).expect("demo dates are valid");
    let window =
        |phase, from: &str, to: &str| PhaseWindow::new(phase, Some(date(from)), Some(date(to)));
    let edition = insert_edition(
        &mut tx,
        &NewEdition {
            slug: Slug::parse("rencontres-2021")?,
            title: ShortText::parse(Field::Title, "Rencontres Open Innovation 2021")?,
            venue: ShortText::parse(Field::Venue, "BIC de Montpellier, avec Digital 113")?,
            dates: EditionDates::new(date("2021-07-05"), date("2021-07-06"))?,
            phase: Phase::CompanyRegistration,
            phases: vec![
                window(Phase::CallForIrritants, "2021-03-01", "2021-04-30")?,
                window(Phase::CompanyRegistration, "2021-05-03", "2021-06-04")?,
                window(Phase::Preferences, "2021-06-07", "2021-06-18")?,
                window(Phase::Matching, "2021-06-21", "2021-06-25")?,
                window(Phase::SchedulePublished, "2021-06-28", "2021-07-02")?,
                window(Phase::EventDay, "2021-07-05", "2021-07-06")?,
                window(Phase::FollowUp, "2021-07-07", "2021-12-17")?,
            ],
        },
    )
    .await?;
    set_current_in(&mut tx, edition).await?;

    for fiche in &fiches {
        let (_, domains, context, problem, expected) =
            FICHES
                .iter()
                .find(|f| f.0 == fiche.fiche)
                .ok_or_else(|| bad_data(format!("no description for fiche {}", fiche.fiche)))?;
        let mut content = IrritantContent::new(IrritantTitle::parse(&fiche.title_fr)?)
            .with_domains(
                domains
                    .iter()
                    .map(|s| Slug::parse(s))
                    .collect::<std::result::Result<_, _>>()?,
            )?;
        content.context = Some(LongText::parse(Field::Context, context)?);
        content.problem = Some(LongText::parse(Field::Problem, problem)?);
        content.expected_result = Some(LongText::parse(Field::ExpectedResult, expected)?);
        let institution = orgs[fiche.institution.as_str()];
        let provenance = Provenance {
            reference: Some(&fiche.fiche),
            written_for_demo: true,
        };
        let id = insert_irritant(&mut tx, edition, institution, None, &content, provenance).await?;
        apply_transition(&mut tx, id, IrritantTransition::Submit, None, None).await?;
        apply_transition(&mut tx, id, IrritantTransition::Publish, organiser, None).await?;
    }

    for c in COMPANIES {
        let company = orgs[c.name];
        if let Some(inviter) = c.brought_by {
            let by_user = users
                .get(&Role::BusinessManager)
                .copied()
                .filter(|_| inviter == BIC);
            insert_invited(&mut tx, edition, company, Some(orgs[inviter]), by_user).await?;
        }
        register_in(&mut tx, edition, company).await?;
        if c.validated {
            validate_in(&mut tx, edition, company, organiser).await?;
        }
    }

    tx.commit().await?;
    Ok(Some(accounts()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fiche_of_the_csv_has_a_description_and_known_domains() {
        let fiches = fiches_from_csv().unwrap();
        assert_eq!(fiches.len(), 19);
        assert_eq!(FICHES.len(), 19);
        for (f, d) in fiches.iter().zip(FICHES) {
            assert_eq!(f.fiche, d.0, "same order");
            assert!(IrritantTitle::parse(&f.title_fr).is_ok(), "{}", f.title_fr);
            for slug in d.1 {
                assert!(
                    DOMAINS.iter().any(|(s, _, _)| s == slug),
                    "{slug} is in the vocabulary"
                );
            }
        }
        for c in COMPANIES {
            assert!(
                c.name.ends_with("(fictive)"),
                "{} says it is fictitious",
                c.name
            );
            for slug in c.specialties {
                assert!(DOMAINS.iter().any(|(s, _, _)| s == slug), "{slug}");
            }
        }
        for (slug, fr, en) in DOMAINS {
            assert!(DomainEntry::parse(slug, fr, en).is_ok(), "{slug}");
        }
    }
}
