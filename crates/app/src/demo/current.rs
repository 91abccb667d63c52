//! The current edition: its dates follow the day of the seed, so that it is current whenever the demo is
//! started. Ten fiches written for the demonstration, the companies of the demo, both sides' wishes, and
//! (see `proposals`) a published matching run answered in part: some meetings accepted by both sides, one
//! declined, and proposals waiting for the demo institution and the demo company, so that every role has
//! something to do on first sign-in.

use std::cell::Cell;
use std::collections::HashMap;

use passerelle_domain::{
    DeclineReason, EditionDates, EditionId, Field, IrritantId, OrganisationId, Phase, PhaseWindow,
    Pitch, Role, ShortText, Side, Slug, Wish, WishLevel,
};
use passerelle_storage::{NewEdition, Result, Tx};
use time::{Date, Duration, OffsetDateTime};

use super::fiches::{self, Fiche};
use super::proposals::{Answers, Proposal, Reply};
use super::{World, bad_data};

const PAUL_VALERY: &str = "Université Paul-Valéry Montpellier 3";

/// The fiches of the current edition (all written for the demonstration).
const FICHES: &[Fiche] = &[
    Fiche {
        reference: "01",
        institution: PAUL_VALERY,
        title: "Orienter les nouveaux étudiants pendant la rentrée avec un assistant conversationnel",
        domains: &["chatbot", "vie-etudiante", "experience-utilisateur"],
        context: "Chaque rentrée, des milliers de nouveaux étudiants découvrent le campus, les services et les démarches à accomplir.",
        problem: "Les accueils sont saturés pendant trois semaines par des questions simples : où retirer sa carte, comment activer son compte, où trouver son emploi du temps.",
        expected: "Un assistant conversationnel disponible à toute heure, en français et en anglais, qui répond aux questions courantes et oriente vers le bon service.",
        budget: Some((20_000, 45_000)),
    },
    Fiche {
        reference: "02",
        institution: PAUL_VALERY,
        title: "Mesurer l'occupation réelle des salles pour mieux les attribuer",
        domains: &["reservation-ressources", "objets-connectes", "decisionnel"],
        context: "Les salles sont attribuées chaque semestre à partir des réservations, sans savoir si elles sont réellement utilisées.",
        problem: "Certaines salles réservées restent vides pendant que des cours manquent de place ; aucune donnée ne permet de le montrer.",
        expected: "Des capteurs de présence respectueux de la vie privée et un tableau de bord de l'occupation, salle par salle.",
        budget: Some((30_000, 60_000)),
    },
    Fiche {
        reference: "03",
        institution: "Université de Nîmes",
        title: "Vérifier automatiquement les pièces justificatives des dossiers d'inscription",
        domains: &["automatisation", "gestion-documentaire", "ia"],
        context: "Les dossiers d'inscription comportent de nombreuses pièces : diplômes, attestations, justificatifs de bourse.",
        problem: "Leur contrôle est entièrement manuel et retarde la validation des inscriptions de plusieurs semaines.",
        expected: "Une lecture automatique des pièces qui signale les dossiers incomplets ou incohérents, l'agent gardant la décision.",
        budget: Some((25_000, 50_000)),
    },
    Fiche {
        reference: "04",
        institution: "IRD",
        title: "Piloter la sobriété du parc informatique",
        domains: &["green-it", "decisionnel"],
        context: "L'institut gère plusieurs milliers de postes de travail répartis dans des implantations en France et à l'étranger.",
        problem: "Les durées de vie, les consommations et les renouvellements ne sont suivis nulle part de façon consolidée.",
        expected: "Un tableau de bord de l'empreinte du parc, avec des scénarios d'allongement de la durée de vie chiffrés.",
        budget: Some((15_000, 30_000)),
    },
    Fiche {
        reference: "05",
        institution: "Université de Toulon",
        title: "Proposer aux personnels des parcours d'autoformation au numérique",
        domains: &["formation-numerique", "contenus-interactifs"],
        context: "Les outils numériques de l'université changent souvent et les personnels administratifs doivent s'y former.",
        problem: "Les formations en présentiel sont rares et les supports existants sont des documents longs et peu engageants.",
        expected: "Des modules courts et interactifs, suivis à son rythme, avec une attestation de parcours.",
        budget: Some((10_000, 25_000)),
    },
    Fiche {
        reference: "06",
        institution: "Abes",
        title: "Rendre les catalogues des bibliothèques accessibles à tous les lecteurs",
        domains: &["accessibilite", "bibliotheques", "experience-utilisateur"],
        context: "Les catalogues en ligne des bibliothèques universitaires sont consultés par des lecteurs très divers.",
        problem: "Les lecteurs utilisant un lecteur d'écran ou une navigation au clavier peinent à chercher et à réserver un document.",
        expected: "Un audit d'accessibilité et une interface de recherche conforme au RGAA, testée avec des lecteurs concernés.",
        budget: Some((20_000, 40_000)),
    },
    Fiche {
        reference: "07",
        institution: "Université de Montpellier",
        title: "Partager les salles de réunion entre laboratoires en télétravail partiel",
        domains: &["travail-hybride", "reservation-ressources"],
        context: "Avec le télétravail partiel, les laboratoires d'un même bâtiment n'occupent plus leurs salles de réunion tous les jours.",
        problem: "Chaque laboratoire garde ses salles et ses propres agendas ; les salles libres ne profitent à personne.",
        expected: "Un outil commun de réservation des salles de réunion, intégré aux agendas existants.",
        budget: Some((10_000, 20_000)),
    },
    Fiche {
        reference: "08",
        institution: "DRANE Occitanie",
        title: "Mettre en relation les enseignants qui partagent des ressources pédagogiques",
        domains: &["reseaux-communautes", "gestion-connaissances"],
        context: "Les enseignants de la région produisent de nombreuses ressources pédagogiques numériques.",
        problem: "Elles restent sur des postes personnels ou dans des espaces dispersés ; personne ne sait qui a produit quoi.",
        expected: "Un espace d'échange où chacun dépose, cherche et commente des ressources, et trouve des collègues du même domaine.",
        budget: Some((15_000, 35_000)),
    },
    Fiche {
        reference: "09",
        institution: "Université Gustave Eiffel",
        title: "Planifier les soutenances de fin d'année sans conflits",
        domains: &["planification", "automatisation"],
        context: "En juin, des centaines de soutenances de stages et de mémoires mobilisent enseignants, jurys extérieurs et salles.",
        problem: "Le planning est fait à la main dans un tableur partagé et chaque indisponibilité oblige à tout reprendre.",
        expected: "Un outil qui propose un planning respectant les disponibilités des jurys et des salles, et le recalcule en cas de changement.",
        budget: Some((15_000, 30_000)),
    },
    Fiche {
        reference: "10",
        institution: "Université de Perpignan Via Domitia",
        title: "Recruter les enseignants vacataires avec un dossier unique en ligne",
        domains: &["recrutement", "interoperabilite", "gestion-documentaire"],
        context: "L'université recrute chaque année plusieurs centaines d'enseignants vacataires.",
        problem: "Les dossiers arrivent par courriel, incomplets, et sont ressaisis dans le système de gestion des ressources humaines.",
        expected: "Un dossier en ligne que le vacataire complète une fois, relié au système de gestion des ressources humaines.",
        budget: Some((20_000, 40_000)),
    },
];

/// (fiche, company, side, level, pitch, conflict of interest): the wishes both sides stated in the
/// preferences phase.
const WISHES: &[(&str, &str, Side, WishLevel, &str, bool)] = &[
    (
        "01",
        "Causette Robotique (fictive)",
        Side::Institution,
        WishLevel::Must,
        "Votre agent répond déjà aux usagers d'un service public : nous voulons le voir à l'œuvre.",
        false,
    ),
    (
        "01",
        "Causette Robotique (fictive)",
        Side::Company,
        WishLevel::WouldLike,
        "Notre agent conversationnel répond en français clair et passe la main à un humain : exactement ce que demande la rentrée.",
        false,
    ),
    (
        "02",
        "Planifix (fictive)",
        Side::Institution,
        WishLevel::WouldLike,
        "",
        false,
    ),
    (
        "02",
        "Octet Sobre (fictive)",
        Side::Institution,
        WishLevel::No,
        "",
        false,
    ),
    (
        "03",
        "Causette Robotique (fictive)",
        Side::Company,
        WishLevel::WouldLike,
        "Nous lisons déjà des justificatifs pour orienter les demandes des usagers.",
        false,
    ),
    (
        "03",
        "Pont des Données (fictive)",
        Side::Company,
        WishLevel::WouldLike,
        "",
        true,
    ),
    (
        "04",
        "Octet Sobre (fictive)",
        Side::Company,
        WishLevel::Must,
        "Mesurer l'empreinte d'un parc informatique est notre métier depuis cinq ans.",
        false,
    ),
    (
        "06",
        "Boussole Campus (fictive)",
        Side::Company,
        WishLevel::WouldLike,
        "Nos interfaces sont testées avec des personnes aveugles et malvoyantes.",
        false,
    ),
    (
        "07",
        "Bureau Flex (fictive)",
        Side::Institution,
        WishLevel::WouldLike,
        "",
        false,
    ),
    (
        "07",
        "Bureau Flex (fictive)",
        Side::Company,
        WishLevel::WouldLike,
        "Notre outil de réservation se branche sur les agendas existants.",
        false,
    ),
    (
        "10",
        "Recrutis (fictive)",
        Side::Company,
        WishLevel::Must,
        "Nous rassemblons déjà les candidatures de plusieurs universités.",
        false,
    ),
];

/// Days between the proposals and the seed, when the demo goes as far as the published schedule.
pub(super) const PROPOSALS_AGO: i64 = 21;

/// The edition, the day in four weeks. At the matching phase today (`scheduled` false): the call, the
/// registration and the preferences are over, the answers to the proposals are due in ten days. With
/// `scheduled`: the proposals were made three weeks ago, answered by yesterday, and the schedule is
/// published today.
pub(super) async fn seed(
    tx: &mut Tx,
    world: &World,
    today: Date,
    scheduled: bool,
) -> Result<Seeded> {
    let day = |n: i64| today + Duration::days(n);
    let window =
        |phase, from: i64, to: i64| PhaseWindow::new(phase, Some(day(from)), Some(day(to)));
    let first_day = day(28);
    let edition = tx
        .create_edition(&NewEdition {
            slug: Slug::parse(&format!("rencontres-{}", first_day.year()))?,
            title: ShortText::parse(
                Field::Title,
                &format!("Rencontres Open Innovation {}", first_day.year()),
            )?,
            venue: ShortText::parse(
                Field::Venue,
                "Campus Saint-Charles, Montpellier (édition de démonstration)",
            )?,
            dates: EditionDates::new(first_day, day(29))?,
            phase: Phase::Matching,
            phases: if scheduled {
                vec![
                    window(Phase::CallForIrritants, -140, -90)?,
                    window(Phase::CompanyRegistration, -104, -56)?,
                    window(Phase::Preferences, -55, -PROPOSALS_AGO - 1)?,
                    window(Phase::Matching, -PROPOSALS_AGO, -1)?,
                    window(Phase::SchedulePublished, 0, 27)?,
                    window(Phase::EventDay, 28, 29)?,
                    window(Phase::FollowUp, 30, 210)?,
                ]
            } else {
                vec![
                    window(Phase::CallForIrritants, -120, -70)?,
                    window(Phase::CompanyRegistration, -84, -36)?,
                    window(Phase::Preferences, -35, -15)?,
                    window(Phase::Matching, -14, 9)?,
                    window(Phase::SchedulePublished, 10, 27)?,
                    window(Phase::EventDay, 28, 29)?,
                    window(Phase::FollowUp, 30, 210)?,
                ]
            },
        })
        .await?;
    let mut irritants = HashMap::new();
    for fiche in FICHES {
        irritants.insert(
            fiche.reference,
            fiches::publish(tx, world, edition, fiche).await?,
        );
    }
    Ok(Seeded { edition, irritants })
}

/// The current edition and its fiches (by reference, with their institution).
pub(super) struct Seeded {
    pub edition: EditionId,
    irritants: HashMap<&'static str, (IrritantId, OrganisationId)>,
}

/// Both sides' wishes (after the companies' participations).
pub(super) async fn wishes(
    tx: &mut Tx,
    world: &World,
    seeded: &Seeded,
    now: OffsetDateTime,
) -> Result<()> {
    for (fiche, company, side, level, pitch, conflict) in WISHES {
        let (irritant, institution) = *seeded
            .irritants
            .get(fiche)
            .ok_or_else(|| bad_data(format!("no fiche {fiche}")))?;
        let company = *world
            .orgs
            .get(*company)
            .ok_or_else(|| bad_data(format!("no company {company}")))?;
        let wish = Wish {
            side: *side,
            level: *level,
            pitch: (!pitch.is_empty())
                .then(|| Pitch::parse(pitch))
                .transpose()?,
            conflict_of_interest: *conflict,
        };
        // The demo account of the side states its organisation's wishes; others have no account behind them.
        let (role, org) = match side {
            Side::Institution => (Role::InstitutionMember, institution),
            Side::Company => (Role::CompanyMember, company),
        };
        let author = world
            .users
            .get(&role)
            .copied()
            .filter(|_| world.org_of(role) == Some(org));
        tx.set_wish(seeded.edition, irritant, company, &wish, author, now)
            .await?;
    }
    Ok(())
}

/// How the current edition's proposals were answered so far: the demo institution's proposals wait for
/// it (one already accepted by the company), the demo company's wait for it (accepted by the
/// institution), and among the others most are accepted by both, some by one side, and one (the first
/// that comes to it) declined by the company: the slot the organiser refills.
pub(super) fn answer(world: &World, declined: &Cell<bool>, p: &Proposal) -> Answers {
    let pending = Reply::Pending;
    if Some(p.institution) == world.org_of(Role::InstitutionMember) {
        return Answers {
            institution: pending,
            company: if p.index.is_multiple_of(2) {
                Reply::Accept
            } else {
                pending
            },
        };
    }
    if Some(p.company) == world.org_of(Role::CompanyMember) {
        return Answers {
            institution: Reply::Accept,
            company: pending,
        };
    }
    match p.index % 6 {
        0..=2 => Answers::BOTH,
        3 => Answers {
            institution: Reply::Accept,
            company: pending,
        },
        4 if !declined.replace(true) => Answers {
            institution: Reply::Accept,
            company: Reply::Decline(
                DeclineReason::NotAvailable,
                "Notre équipe est mobilisée sur un autre déploiement à ces dates ; nous serions ravis d'échanger à la prochaine édition.",
            ),
        },
        _ => Answers {
            institution: pending,
            company: Reply::Accept,
        },
    }
}
