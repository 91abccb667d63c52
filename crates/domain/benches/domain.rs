//! What the web layer pays on every request: the authorization decision, and parsing a submitted fiche.
//!
//! `cargo bench -p passerelle-domain --bench domain`

use divan::black_box;
use passerelle_domain::{
    Action, Actor, Context, Email, Field, IrritantContent, IrritantStatus, IrritantTitle, LongText,
    Membership, OrganisationId, OrganisationKind, Phase, Role, Slug, UserId, authorize,
};

fn main() {
    divan::main();
}

/// A user with one membership per role, half of them in the organisation owning the object.
fn busy_actor(owner: OrganisationId) -> Actor {
    let memberships = Role::ALL
        .iter()
        .enumerate()
        .map(|(i, role)| {
            let kind = *OrganisationKind::ALL
                .iter()
                .find(|k| role.allowed_in(**k))
                .expect("every role fits a kind");
            let organisation = if i % 2 == 0 {
                owner
            } else {
                OrganisationId::new()
            };
            Membership {
                organisation,
                kind,
                role: *role,
            }
        })
        .collect();
    Actor::User {
        id: UserId::new(),
        memberships,
    }
}

/// Every action × every phase × every irritant status for one actor (21 × 9 × 7 decisions).
#[divan::bench]
fn authorize_every_action_phase_and_status(bencher: divan::Bencher) {
    let owner = OrganisationId::new();
    let actor = busy_actor(owner);
    bencher.bench(|| {
        let mut allowed = 0usize;
        for action in Action::ALL {
            for phase in Phase::ALL {
                for status in IrritantStatus::ALL {
                    let ctx = Context {
                        phase: Some(*phase),
                        owner: Some(owner),
                        irritant_status: Some(*status),
                        ..Context::default()
                    };
                    allowed += usize::from(authorize(black_box(&actor), *action, &ctx).is_ok());
                }
            }
        }
        allowed
    });
}

/// Parsing and checking a full fiche as submitted from the editor (5,000-character texts).
#[divan::bench]
fn parse_a_full_fiche() -> IrritantContent {
    let text =
        "Les étudiants attendent des réponses à des questions simples et répétitives. ".repeat(60);
    let text = &text[..text
        .char_indices()
        .nth(LongText::MAX)
        .map_or(text.len(), |(i, _)| i)];
    let mut content = IrritantContent::new(
        IrritantTitle::parse(black_box("Améliorer l'inscription avec un chatbot")).unwrap(),
    )
    .with_domains(
        ["chatbot", "vie-etudiante", "experience-utilisateur"]
            .iter()
            .map(|s| Slug::parse(s).unwrap())
            .collect(),
    )
    .unwrap();
    content.context = Some(LongText::parse(Field::Context, black_box(text)).unwrap());
    content.problem = Some(LongText::parse(Field::Problem, black_box(text)).unwrap());
    content.expected_result =
        Some(LongText::parse(Field::ExpectedResult, black_box(text)).unwrap());
    content.contact_email =
        Some(Email::parse(black_box("Contact.Scolarite@Univ-Example.FR")).unwrap());
    assert!(content.missing_for_submission().is_empty());
    content
}
