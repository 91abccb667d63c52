//! The vocabulary of domains (the thesaurus's top level), French and English labels.

use passerelle_domain::DomainEntry;
use passerelle_storage::{Result, Tx};

/// The vocabulary of domains: slug, French label, English label.
pub(super) const DOMAINS: &[(&str, &str, &str)] = &[
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

pub(super) async fn seed(tx: &mut Tx) -> Result<()> {
    for (slug, fr, en) in DOMAINS {
        tx.upsert_domain(&DomainEntry::parse(slug, fr, en)?).await?;
    }
    Ok(())
}
