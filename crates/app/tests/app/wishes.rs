//! Wishes both ways, explained recommendations and the thesaurus as data, through the use cases on the
//! demo: the phase and the deadline gate the sides' wishes, a company's "would like" needs its pitch, a
//! conflict of interest keeps the pair out of the matching run; recommendations rank every validated
//! company with reasons, show the other side's wish and follow the data (a wish, a thesaurus edit); a
//! large edition is recomputed by a job; concepts are checked field by field and nothing half-written.

use passerelle_app::jobs::{JobRequest, Runner, registry};
use passerelle_app::matching::{self, RunInput};
use passerelle_app::recommendations::{self, Freshness};
use passerelle_app::thesaurus::{self, ConceptInput};
use passerelle_app::wishes::{self, WishInput, WishOutcome};
use passerelle_app::{App, Error, TestClock, demo, editions};
use passerelle_domain::*;
use passerelle_storage::{Storage, storage_test};
use time::Duration;

use super::*;

const ORGANISER: &str = "organisatrice@passerelle.example";
const INSTITUTION: &str = "etablissement@passerelle.example";
const COMPANY: &str = "entreprise@passerelle.example";

async fn actor(storage: &Storage, email_address: &str) -> Actor {
    let user = storage
        .find_user_by_email(&email(email_address))
        .await
        .unwrap()
        .unwrap();
    storage.actor(user.id).await.unwrap()
}

struct Demo {
    app: App,
    edition: EditionId,
    organiser: Actor,
    institution: Actor,
    company: Actor,
    /// The demo institution's first irritant.
    irritant: IrritantId,
    /// The demo company member's company (Causette Robotique, chatbots).
    causette: OrganisationId,
    planifix: OrganisationId,
}

/// The demo, its edition in the preferences phase for a week from today.
async fn preferences(storage: &Storage, clock: &TestClock) -> Demo {
    let app = server(storage, clock, "a", broken_smtp());
    demo::seed_until(&app, demo::Stage::Registration)
        .await
        .unwrap()
        .unwrap();
    let organiser = actor(storage, ORGANISER).await;
    let edition = editions::current(&app).await.unwrap().unwrap();
    let today = app.now().date();
    editions::set_plan(
        &app,
        &organiser,
        edition.id,
        editions::PlanInput {
            phases: vec![(
                Phase::Preferences,
                passerelle_domain::edition::format_date(today),
                passerelle_domain::edition::format_date(today + Duration::days(7)),
            )],
        },
    )
    .await
    .unwrap();
    editions::move_phase(&app, &organiser, edition.id, Phase::Preferences)
        .await
        .unwrap();
    let member = storage
        .find_user_by_email(&email(INSTITUTION))
        .await
        .unwrap()
        .unwrap();
    let institution_org = storage.memberships(member.id).await.unwrap()[0].organisation;
    let irritant = storage
        .list_irritants(&passerelle_storage::IrritantFilter::public(edition.id))
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.institution.id == institution_org)
        .expect("a published irritant of the demo institution")
        .id;
    let company = |name: &'static str| async move {
        storage
            .find_organisation(OrganisationKind::Company, name)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    Demo {
        edition: edition.id,
        institution: actor(storage, INSTITUTION).await,
        company: actor(storage, COMPANY).await,
        organiser,
        irritant,
        causette: company("Causette Robotique (fictive)").await,
        planifix: company("Planifix (fictive)").await,
        app,
    }
}

fn wish(level: &str, pitch: &str, conflict: bool) -> WishInput {
    WishInput {
        level: level.into(),
        pitch: pitch.into(),
        conflict_of_interest: conflict,
    }
}

fn invalid_fields(e: Error) -> Vec<String> {
    match e {
        Error::Invalid(i) => i.fields.into_iter().map(|(f, _)| f).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

storage_test!(wishes_follow_the_phase_the_sides_and_the_rules, |storage| {
    let clock = TestClock::at(START);
    let d = preferences(&storage, &clock).await;
    let (app, side_i, side_c) = (&d.app, Side::Institution, Side::Company);

    // The institution marks a company it must meet, with a note.
    let out = wishes::state(
        app,
        &d.institution,
        side_i,
        d.irritant,
        d.causette,
        &wish("must", "Votre agent conversationnel nous intéresse.", false),
    )
    .await
    .unwrap();
    assert!(matches!(out, WishOutcome::Stated(ref w) if w.level == WishLevel::Must));

    // A company's "would like" needs its pitch; a bad level and an overlong pitch are refused; nothing is
    // written by a refused wish.
    let e = wishes::state(
        app,
        &d.company,
        side_c,
        d.irritant,
        d.causette,
        &wish("would-like", "  ", false),
    )
    .await
    .unwrap_err();
    assert_eq!(invalid_fields(e), vec!["pitch"]);
    let e = wishes::state(
        app,
        &d.company,
        side_c,
        d.irritant,
        d.causette,
        &wish("maybe", &"x".repeat(1001), false),
    )
    .await
    .unwrap_err();
    assert_eq!(invalid_fields(e), vec!["level", "pitch"]);
    assert_eq!(
        storage.wishes_of_irritant(d.irritant).await.unwrap().len(),
        1
    );
    let pitch =
        "Nous avons équipé trois universités d'un agent conversationnel pour les inscriptions.";
    wishes::state(
        app,
        &d.company,
        side_c,
        d.irritant,
        d.causette,
        &wish("would-like", pitch, false),
    )
    .await
    .unwrap();
    let stored = storage.wishes_of_irritant(d.irritant).await.unwrap();
    assert_eq!(stored.len(), 2);
    let mine = stored.iter().find(|w| w.wish.side == side_c).unwrap();
    assert_eq!(mine.wish.pitch.as_ref().unwrap().as_str(), pitch);

    // Each side acts for its own organisation only.
    let e = wishes::state(
        app,
        &d.company,
        side_c,
        d.irritant,
        d.planifix,
        &wish("must", pitch, false),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, Error::Denied(Denied::Forbidden)), "{e:?}");
    let e = wishes::state(
        app,
        &d.company,
        side_i,
        d.irritant,
        d.causette,
        &wish("must", "", false),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, Error::Denied(Denied::Forbidden)), "{e:?}");

    // A conflict of interest (without a level) is a "no" that keeps the pair out of the matching run.
    let out = wishes::state(
        app,
        &d.institution,
        side_i,
        d.irritant,
        d.planifix,
        &wish("", "", true),
    )
    .await
    .unwrap();
    assert!(
        matches!(out, WishOutcome::Stated(ref w) if w.conflict_of_interest && !w.allows_meeting())
    );

    // Withdrawing a wish removes it.
    let out = wishes::state(
        app,
        &d.company,
        side_c,
        d.irritant,
        d.causette,
        &wish("", "", false),
    )
    .await
    .unwrap();
    assert_eq!(out, WishOutcome::Withdrawn);
    assert_eq!(
        storage.wishes_of_irritant(d.irritant).await.unwrap().len(),
        2
    );

    // After the preferences' last day the sides may no longer change their wishes; organisers still may.
    clock.advance(Duration::days(8));
    let e = wishes::state(
        app,
        &d.company,
        side_c,
        d.irritant,
        d.causette,
        &wish("would-like", pitch, false),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, Error::Denied(Denied::WrongPhase)), "{e:?}");
    wishes::state(
        app,
        &d.organiser,
        side_c,
        d.irritant,
        d.causette,
        &wish("would-like", pitch, false),
    )
    .await
    .unwrap();

    // The matching run reads both sides' wishes: the must-meet pair is forced, the conflict excluded.
    editions::move_phase(app, &d.organiser, d.edition, Phase::Matching)
        .await
        .unwrap();
    let e = wishes::state(
        app,
        &d.institution,
        side_i,
        d.irritant,
        d.causette,
        &wish("no", "", false),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, Error::Denied(Denied::WrongPhase)), "{e:?}");
    let run = matching::start(
        app,
        &d.organiser,
        d.edition,
        RunInput {
            company_max: "3".into(),
            irritant_min: "1".into(),
            irritant_max: "2".into(),
            ..RunInput::default()
        },
    )
    .await
    .unwrap();
    Runner::new(app.clone(), registry())
        .run_one()
        .await
        .unwrap()
        .expect("the run's job");
    let pairs = storage.run_pairs(run).await.unwrap();
    assert!(
        pairs
            .iter()
            .any(|p| p.irritant == d.irritant && p.company == d.causette && p.mutual)
    );
    assert!(
        !pairs
            .iter()
            .any(|p| p.irritant == d.irritant && p.company == d.planifix)
    );
});

storage_test!(
    recommendations_are_explained_and_follow_the_data,
    |storage| {
        let clock = TestClock::at(START);
        let d = preferences(&storage, &clock).await;
        let app = &d.app;
        let listing = recommendations::for_irritant(app, &d.institution, d.irritant, 1)
            .await
            .unwrap();
        let validated = storage
            .participating_companies(d.edition, ParticipationStatus::Validated)
            .await
            .unwrap()
            .len() as i64;
        assert!(matches!(listing.freshness, Freshness::Current(_)));
        assert_eq!(
            listing.total, validated,
            "a small edition ranks every company"
        );
        assert!(listing.can_state);
        let ranks: Vec<i64> = listing.items.iter().map(|i| i.rank).collect();
        assert_eq!(ranks, (1..=ranks.len() as i64).collect::<Vec<_>>());
        assert!(listing.items.windows(2).all(|w| w[0].score >= w[1].score));
        let top = &listing.items[0];
        assert!(
            !top.reasons.terms.is_empty() || !top.reasons.concepts.is_empty(),
            "the best match says why: {:?}",
            top.reasons
        );
        assert!(!top.reasons.factors.is_empty());

        // Only the institution and the organisers see an irritant's recommendations; only the company and
        // the organisers a company's.
        let e = recommendations::for_irritant(app, &d.company, d.irritant, 1)
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Denied(Denied::Forbidden)), "{e:?}");
        recommendations::for_irritant(app, &d.organiser, d.irritant, 1)
            .await
            .unwrap();
        let e = recommendations::for_company(app, &d.institution, d.causette, None, 1)
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Denied(Denied::Forbidden)), "{e:?}");
        let mine = recommendations::for_company(app, &d.company, d.causette, None, 1)
            .await
            .unwrap();
        let published = storage
            .list_irritants(&passerelle_storage::IrritantFilter::public(d.edition))
            .await
            .unwrap()
            .len() as i64;
        assert_eq!(mine.total, published);
        assert!(mine.items.len() as i64 <= recommendations::PAGE);
        // The best irritant for a chatbot company is about a chatbot, and the reason says so.
        let best = &mine.items[0];
        assert!(
            best.reasons.concepts.iter().any(|c| c.key == "chatbot")
                || best.reasons.domains.iter().any(|d| d == "chatbot"),
            "{} — {:?}",
            best.irritant.content.title.as_str(),
            best.reasons
        );
        let chatbot_irritant = best.irritant.id;

        // The company's wish shows on the institution's page, from fresh scores.
        let before = storage
            .recommendation_set(d.edition)
            .await
            .unwrap()
            .unwrap();
        wishes::state(
            app,
            &d.company,
            Side::Company,
            d.irritant,
            d.causette,
            &WishInput {
                level: "must".into(),
                pitch: "Notre agent répond déjà aux étudiants de deux universités.".into(),
                conflict_of_interest: false,
            },
        )
        .await
        .unwrap();
        let all = recommendations::for_irritant(app, &d.institution, d.irritant, 1)
            .await
            .unwrap();
        let after = storage
            .recommendation_set(d.edition)
            .await
            .unwrap()
            .unwrap();
        assert_ne!(
            before.fingerprint, after.fingerprint,
            "recomputed after the wish"
        );
        let row = all
            .items
            .iter()
            .find(|i| i.company.id == d.causette)
            .expect("Causette is listed");
        assert_eq!(row.wishes.company.as_ref().unwrap().level, WishLevel::Must);
        assert!(
            row.reasons
                .factors
                .iter()
                .any(|f| f.factor == "wishes" && f.value > 0.0)
        );

        // The engine reads the stored thesaurus: without the chatbot concept, no reason names it.
        thesaurus::delete(app, &d.organiser, "chatbot")
            .await
            .unwrap();
        let again = recommendations::for_company(app, &d.company, d.causette, None, 1)
            .await
            .unwrap();
        for item in &again.items {
            assert!(!item.reasons.concepts.iter().any(|c| c.key == "chatbot"));
        }
        assert!(
            again
                .items
                .iter()
                .any(|i| i.irritant.id == chatbot_irritant)
        );

        // A large edition is recomputed by a job: here the job is run directly.
        let mut tx = app.begin().await.unwrap();
        app.enqueue_job(
            &mut tx,
            JobRequest::new(
                recommendations::KIND,
                serde_json::json!({ "edition": d.edition }),
            ),
        )
        .await
        .unwrap();
        app.commit(tx).await.unwrap();
        clock.advance(Duration::minutes(5));
        Runner::new(app.clone(), registry())
            .run_one()
            .await
            .unwrap()
            .expect("the recommendations job");
        let by_job = storage
            .recommendation_set(d.edition)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(by_job.computed_at, app.now());
        assert_eq!(
            by_job.fingerprint,
            storage
                .recommendation_fingerprint(d.edition)
                .await
                .unwrap()
                .0
        );
    }
);

fn concept(key: &str, fr: &str, en: &str) -> ConceptInput {
    ConceptInput {
        key: key.into(),
        domain: "chatbot".into(),
        label_fr: fr.into(),
        label_en: en.into(),
        synonyms: "assistant d'inscription\nenrolment assistant".into(),
        related: "chatbot, faq".into(),
    }
}

storage_test!(the_thesaurus_is_data_that_organisers_edit, |storage| {
    let clock = TestClock::at(START);
    let d = preferences(&storage, &clock).await;
    let app = &d.app;
    let (domains, concepts) = thesaurus::vocabulary(app, &d.organiser).await.unwrap();
    assert!(concepts.len() >= 80, "seeded from the built-in file");
    assert!(
        concepts.iter().all(|c| c
            .domain
            .as_ref()
            .is_some_and(|s| domains.iter().any(|d| &d.slug == s))),
        "every seeded concept is under a domain of the vocabulary"
    );
    let e = thesaurus::vocabulary(app, &d.institution)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Denied(Denied::Forbidden)));

    // Every field is checked; nothing is written when one is wrong.
    let bad = ConceptInput {
        key: "Pas Un Identifiant".into(),
        domain: "atlantis".into(),
        label_fr: "…".into(),
        label_en: "x".repeat(201),
        synonyms: "!!!\n".into(),
        related: "inconnu".into(),
    };
    let e = thesaurus::save(app, &d.organiser, None, &bad)
        .await
        .unwrap_err();
    assert_eq!(
        invalid_fields(e),
        vec![
            "key", "domain", "label_fr", "label_en", "synonyms", "related"
        ]
    );
    let e = thesaurus::save(
        app,
        &d.organiser,
        None,
        &concept("chatbot", "Agent", "Agent"),
    )
    .await
    .unwrap_err();
    assert_eq!(invalid_fields(e), vec!["key"]);
    assert_eq!(storage.thesaurus().await.unwrap().len(), concepts.len());

    // A new concept, related both ways; hostile text is kept as text.
    let key = thesaurus::save(
        app,
        &d.organiser,
        None,
        &concept(
            "assistant-inscription",
            "Assistant <script>d'inscription</script>",
            "Enrolment assistant",
        ),
    )
    .await
    .unwrap();
    let stored = storage.thesaurus().await.unwrap();
    let new = stored.iter().find(|c| c.key == key).unwrap();
    assert_eq!(
        new.label_fr.as_str(),
        "Assistant <script>d'inscription</script>"
    );
    assert_eq!(new.synonyms.len(), 2);
    let chatbot = stored.iter().find(|c| c.key.as_str() == "chatbot").unwrap();
    assert!(chatbot.related.contains(&key), "related is symmetric");

    // Changing it replaces its relations; the key stays.
    let mut changed = concept("ignored", "Assistant d'inscription", "Enrolment assistant");
    changed.related = "faq".into();
    thesaurus::save(app, &d.organiser, Some(key.as_str()), &changed)
        .await
        .unwrap();
    let stored = storage.thesaurus().await.unwrap();
    assert!(stored.iter().any(|c| c.key == key));
    assert!(!stored.iter().any(|c| c.key.as_str() == "ignored"));
    let chatbot = stored.iter().find(|c| c.key.as_str() == "chatbot").unwrap();
    assert!(!chatbot.related.contains(&key));

    // The engine built from the stored copy recognises the new synonym.
    let specs = thesaurus::specs(app).await.unwrap();
    let analyzer = passerelle_matching::text::Analyzer::new();
    let t = passerelle_matching::thesaurus::Thesaurus::from_concepts(specs, &analyzer).unwrap();
    let found: Vec<String> = t
        .annotate(&analyzer.analyze("un assistant d'inscription pour les étudiants"))
        .concepts
        .iter()
        .map(|&c| t.concept(c).key.clone())
        .collect();
    assert!(found.contains(&key.as_str().to_string()), "{found:?}");

    // Removed, with its relations.
    thesaurus::delete(app, &d.organiser, key.as_str())
        .await
        .unwrap();
    assert!(matches!(
        thesaurus::delete(app, &d.organiser, key.as_str()).await,
        Err(Error::NotFound)
    ));
    let stored = storage.thesaurus().await.unwrap();
    assert_eq!(stored.len(), concepts.len());
    assert!(stored.iter().all(|c| !c.related.contains(&key)));
});

storage_test!(
    recommendations_go_stale_in_the_transaction_of_each_change,
    |storage| {
        // The clock stands still: every change below happens in the second the scores were computed in,
        // which a fingerprint of counts and latest times could not tell apart.
        let clock = TestClock::at(START);
        let d = preferences(&storage, &clock).await;
        let app = &d.app;
        let fingerprint = || async {
            storage
                .recommendation_fingerprint(d.edition)
                .await
                .unwrap()
                .0
        };
        let stored = || async {
            storage
                .recommendation_set(d.edition)
                .await
                .unwrap()
                .unwrap()
                .fingerprint
        };
        recommendations::for_irritant(app, &d.institution, d.irritant, 1)
            .await
            .unwrap();
        assert_eq!(stored().await, fingerprint().await);

        // A change rolled back leaves them current.
        let mut tx = app.begin().await.unwrap();
        tx.set_wish(
            d.edition,
            d.irritant,
            d.planifix,
            &Wish {
                side: Side::Institution,
                level: WishLevel::WouldLike,
                pitch: None,
                conflict_of_interest: false,
            },
            None,
            app.now(),
        )
        .await
        .unwrap();
        tx.rollback().await.unwrap();
        assert_eq!(stored().await, fingerprint().await);

        // A wish, a company's profile and the thesaurus each make them stale at once.
        wishes::state(
            app,
            &d.institution,
            Side::Institution,
            d.irritant,
            d.planifix,
            &wish("would-like", "", false),
        )
        .await
        .unwrap();
        assert_ne!(stored().await, fingerprint().await, "after a wish");
        recommendations::recompute(app, d.edition).await.unwrap();
        assert_eq!(stored().await, fingerprint().await);

        let profile = storage
            .get_company_profile(d.causette)
            .await
            .unwrap()
            .unwrap();
        let mut tx = app.begin().await.unwrap();
        tx.save_company_profile(d.causette, &profile).await.unwrap();
        tx.commit().await.unwrap();
        assert_ne!(stored().await, fingerprint().await, "after a profile");
        recommendations::recompute(app, d.edition).await.unwrap();

        thesaurus::save(
            app,
            &d.organiser,
            None,
            &concept(
                "agent-conversationnel",
                "Agent conversationnel",
                "Conversational agent",
            ),
        )
        .await
        .unwrap();
        assert_ne!(stored().await, fingerprint().await, "after the thesaurus");

        // A computation that read the data before a change committed keeps the older revision: the next
        // page recomputes rather than showing scores that miss the change.
        let before = fingerprint().await;
        let data = matching::load(app, d.edition).await.unwrap();
        wishes::state(
            app,
            &d.company,
            Side::Company,
            d.irritant,
            d.causette,
            &wish("must", "Notre agent répond déjà aux étudiants.", false),
        )
        .await
        .unwrap();
        assert!(
            !data
                .wishes
                .iter()
                .any(|w| w.company == d.causette && w.wish.side == Side::Company)
        );
        assert_ne!(before, fingerprint().await);
        let listing = recommendations::for_irritant(app, &d.institution, d.irritant, 1)
            .await
            .unwrap();
        let causette = listing
            .items
            .iter()
            .find(|i| i.company.id == d.causette)
            .unwrap();
        assert_eq!(
            causette.wishes.company.as_ref().unwrap().level,
            WishLevel::Must
        );
        assert_eq!(stored().await, fingerprint().await);
    }
);

storage_test!(
    budget_and_region_reasons_follow_the_profiles_and_the_institutions,
    |storage| {
        let clock = TestClock::at(START);
        let d = preferences(&storage, &clock).await;
        let app = &d.app;
        // An irritant of the demo institution (Occitanie) whose budget goes up to 20 000 €.
        let institution = storage
            .get_irritant(d.irritant)
            .await
            .unwrap()
            .unwrap()
            .institution
            .id;
        assert_eq!(
            storage.organisation_region(institution).await.unwrap(),
            Some(Region::Occitanie)
        );
        let mut content = IrritantContent::new(
            IrritantTitle::parse("Un assistant conversationnel pour la rentrée").unwrap(),
        );
        content.problem = Some(
            LongText::parse(
                Field::Problem,
                "Les étudiants posent les mêmes questions : un chatbot y répondrait.",
            )
            .unwrap(),
        );
        content.context =
            Some(LongText::parse(Field::Context, "Le guichet de la rentrée.").unwrap());
        content.expected_result =
            Some(LongText::parse(Field::ExpectedResult, "Un assistant en ligne.").unwrap());
        content.budget = Some(BudgetRange::new(Some(10_000), Some(20_000)).unwrap());
        let content = content
            .with_domains(vec![Slug::parse("chatbot").unwrap()])
            .unwrap();
        let irritant = storage
            .create_irritant(d.edition, institution, None, &content)
            .await
            .unwrap()
            .id;
        for step in [IrritantTransition::Submit, IrritantTransition::Publish] {
            storage
                .transition_irritant(irritant, step, None, None)
                .await
                .unwrap();
        }
        let alumni = storage
            .find_organisation(OrganisationKind::Company, "Réseau Alumni Plus (fictive)")
            .await
            .unwrap()
            .unwrap()
            .id;
        let items = || async {
            recommendations::for_irritant(app, &d.institution, irritant, 1)
                .await
                .unwrap()
                .items
        };
        let of = |items: &[recommendations::Item], company: OrganisationId| {
            items
                .iter()
                .find(|i| i.company.id == company)
                .expect("every company is ranked")
                .clone()
        };
        let factor = |item: &recommendations::Item, name: &str| {
            item.reasons
                .factors
                .iter()
                .find(|f| f.factor == name)
                .map(|f| f.value)
        };
        use recommendations::{BudgetReason, RegionReason};
        let first = items().await;
        // Causette (Occitanie, from 10 000 €) fits both ways; Planifix (Île-de-France, from 25 000 €)
        // neither; a company without a minimum is neutral on the budget and says nothing about it.
        let causette = of(&first, d.causette);
        assert_eq!(
            causette.reasons.budget,
            Some(BudgetReason {
                irritant_max: 20_000,
                company_min: 10_000
            })
        );
        assert_eq!(
            causette.reasons.region,
            Some(RegionReason {
                institution: Region::Occitanie,
                company: Region::Occitanie
            })
        );
        assert_eq!(factor(&causette, "budget"), Some(1.0));
        assert_eq!(factor(&causette, "region"), Some(1.0));
        let planifix = of(&first, d.planifix);
        assert!(!planifix.reasons.budget.unwrap().fits());
        assert!(!planifix.reasons.region.unwrap().fits());
        assert!((factor(&planifix, "budget").unwrap() - 0.8).abs() < 1e-6);
        assert_eq!(factor(&planifix, "region"), Some(0.0));
        let neutral = of(&first, alumni);
        assert_eq!(neutral.reasons.budget, None);
        assert_eq!(factor(&neutral, "budget"), Some(1.0));

        // The institution moves to Île-de-France (the organisers' page): recomputed at once, Planifix's
        // region now fits, Causette's no longer does and its score falls. Planifix has nothing in common
        // with a chatbot fiche: budget and region adjust pairs that share something, so its score stays
        // nil (no meeting is worth having for a region alone).
        let mut tx = app.begin().await.unwrap();
        tx.set_organisation_region(institution, Some(Region::IleDeFrance))
            .await
            .unwrap();
        app.commit(tx).await.unwrap();
        let moved = items().await;
        let planifix_moved = of(&moved, d.planifix);
        assert!(planifix_moved.reasons.region.unwrap().fits());
        assert_eq!(planifix.score, 0.0);
        assert_eq!(planifix_moved.score, 0.0);
        assert!(!of(&moved, d.causette).reasons.region.unwrap().fits());
        assert!(of(&moved, d.causette).score < causette.score);

        // Planifix drops its minimum: its budget reason goes, and the matching run reads the same data.
        let profile = storage
            .get_company_profile(d.planifix)
            .await
            .unwrap()
            .unwrap()
            .with_budget_min(None);
        storage
            .save_company_profile(d.planifix, &profile)
            .await
            .unwrap();
        assert_eq!(of(&items().await, d.planifix).reasons.budget, None);
        let data = matching::load(app, d.edition).await.unwrap();
        let (institution_wants, company_wants) = matching::wants(&data);
        let input = matching::engine_input(&data, &institution_wants, &company_wants);
        let n = data
            .irritants
            .iter()
            .position(|i| i.id == irritant)
            .unwrap();
        assert_eq!(input.irritants[n].region.as_deref(), Some("ile-de-france"));
        assert_eq!(input.irritants[n].budget_max, Some(20_000.0));
        let company = |id: OrganisationId| {
            let n = data.companies.iter().position(|(o, _)| o.id == id).unwrap();
            input.companies[n].budget_min
        };
        assert_eq!(company(d.causette), Some(10_000.0));
        assert_eq!(company(d.planifix), None);
    }
);
