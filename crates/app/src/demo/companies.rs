//! Fictitious companies (their names say so, their sites use the reserved `.example` domain), their
//! profiles, and their participation in the editions: most validated, some brought by the BIC or
//! Digital 113, one waiting for the organisers in the current edition.

use passerelle_domain::{
    CompanyProfile, CompanySize, EditionId, Field, LongText, MinimumBudget, OrganisationKind,
    OrganisationName, Region, Role, Slug, WebsiteUrl,
};
use passerelle_storage::{Result, Tx};

use super::World;
use super::people::{BIC, CLUSTER};

/// A fictitious company: name, specialties, size, region, description, who brought it (an incubator or cluster,
/// or nobody), and whether an organiser validated it already.
pub(super) struct DemoCompany {
    pub(super) name: &'static str,
    pub(super) specialties: &'static [&'static str],
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

pub(super) const COMPANIES: &[DemoCompany] = &[
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

/// The smallest project each company takes on, in euros (one says nothing: its budget reason stays silent).
const MINIMUM_BUDGETS: &[(&str, u64)] = &[
    ("Causette Robotique (fictive)", 10_000),
    ("Planifix (fictive)", 25_000),
    ("Robotine Process (fictive)", 30_000),
    ("Tableau Clair (fictive)", 8_000),
    ("Livret Vivant (fictive)", 12_000),
    ("Savoir Commun (fictive)", 15_000),
    ("Boussole Campus (fictive)", 20_000),
    ("Pont des Données (fictive)", 40_000),
    ("Octet Sobre (fictive)", 35_000),
    ("Bureau Flex (fictive)", 15_000),
    ("Recrutis (fictive)", 20_000),
    ("Académie Lumière (fictive)", 5_000),
];

/// The companies and their profiles.
pub(super) async fn organisations(tx: &mut Tx, world: &mut World) -> Result<()> {
    for c in COMPANIES {
        let org = tx
            .create_organisation(&OrganisationName::parse(c.name)?, OrganisationKind::Company)
            .await?;
        world.orgs.insert(c.name.to_owned(), org.id);
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
        )?
        .with_budget_min(
            MINIMUM_BUDGETS
                .iter()
                .find(|(n, _)| *n == c.name)
                .map(|(_, eur)| MinimumBudget::new(*eur))
                .transpose()?,
        );
        tx.save_company_profile(org.id, &profile).await?;
    }

    Ok(())
}

/// Their participation in `edition`: every company validated (a past edition), or all but those still
/// waiting for the organisers.
pub(super) async fn participations(
    tx: &mut Tx,
    world: &World,
    edition: EditionId,
    all_validated: bool,
) -> Result<()> {
    let organiser = world.users.get(&Role::Organiser).copied();
    for c in COMPANIES {
        let company = world.orgs[c.name];
        if let Some(inviter) = c.brought_by {
            let by_user = world
                .users
                .get(&Role::BusinessManager)
                .copied()
                .filter(|_| inviter == BIC);
            tx.invite_company(edition, company, Some(world.orgs[inviter]), by_user)
                .await?;
        }
        tx.register_participation(edition, company).await?;
        if c.validated || all_validated {
            tx.validate_participation(edition, company, organiser)
                .await?;
        }
    }

    Ok(())
}
