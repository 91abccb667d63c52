//! The 2021 edition (5–6 July 2021, BIC de Montpellier with Digital 113), closed, and its 19 irritants.
//!
//! Titles and institutions are those of the 2021 edition (`demo/rencontres-open-innovation-2021.csv`); the
//! descriptions were written for the demonstration and are marked so (`written_for_demo`). The phase dates are
//! plausible, not historical.

use passerelle_domain::edition::parse_date;
use passerelle_domain::{EditionDates, EditionId, Field, Phase, PhaseWindow, ShortText, Slug};
use passerelle_storage::{NewEdition, Result, Tx};

use super::fiches::{self, Fiche};
use super::{World, bad_data};

/// Per fiche number: domains, then context, problem and expected result, written for the demonstration.
pub(super) const FICHES: &[(&str, &[&str], &str, &str, &str)] = &[
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

pub(super) fn fiches_from_csv() -> Result<Vec<IrritantLine>> {
    let data = include_str!("../../demo/rencontres-open-innovation-2021.csv");
    csv::Reader::from_reader(data.as_bytes())
        .deserialize()
        .map(|r| r.map_err(bad_data))
        .collect()
}

/// When the 2021 proposals were published and answered (in its matching phase).
pub(super) fn proposals_published() -> time::OffsetDateTime {
    let day = parse_date("2021-06-22").expect("a demo date");
    day.with_time(time::Time::from_hms(9, 30, 0).expect("a time"))
        .assume_utc()
}

/// The edition, closed (or, for the tests of the earlier steps, still at company registration), with its
/// 19 fiches submitted then published by the demo organiser.
pub(super) async fn seed(
    tx: &mut Tx,
    world: &World,
    fiches: &[IrritantLine],
    open: bool,
) -> Result<EditionId> {
    let date = |s: &str| parse_date(s).expect("demo dates are valid");
    let window =
        |phase, from: &str, to: &str| PhaseWindow::new(phase, Some(date(from)), Some(date(to)));
    let edition = tx
        .create_edition(&NewEdition {
            slug: Slug::parse("rencontres-2021")?,
            title: ShortText::parse(Field::Title, "Rencontres Open Innovation 2021")?,
            venue: ShortText::parse(Field::Venue, "BIC de Montpellier, avec Digital 113")?,
            dates: EditionDates::new(date("2021-07-05"), date("2021-07-06"))?,
            phase: if open {
                Phase::CompanyRegistration
            } else {
                Phase::Closed
            },
            phases: vec![
                window(Phase::CallForIrritants, "2021-03-01", "2021-04-30")?,
                window(Phase::CompanyRegistration, "2021-05-03", "2021-06-04")?,
                window(Phase::Preferences, "2021-06-07", "2021-06-18")?,
                window(Phase::Matching, "2021-06-21", "2021-06-25")?,
                window(Phase::SchedulePublished, "2021-06-28", "2021-07-02")?,
                window(Phase::EventDay, "2021-07-05", "2021-07-06")?,
                window(Phase::FollowUp, "2021-07-07", "2021-12-17")?,
            ],
        })
        .await?;

    for line in fiches {
        let (_, domains, context, problem, expected) = FICHES
            .iter()
            .find(|f| f.0 == line.fiche)
            .ok_or_else(|| bad_data(format!("no description for fiche {}", line.fiche)))?;
        let fiche = Fiche {
            reference: &line.fiche,
            institution: &line.institution,
            title: &line.title_fr,
            domains,
            context,
            problem,
            expected,
            budget: None,
        };
        fiches::publish(tx, world, edition, &fiche).await?;
    }

    Ok(edition)
}
