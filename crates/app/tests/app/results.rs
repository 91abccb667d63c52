//! Each edition's public results on both databases: the demo's closed 2021 edition tells its story
//! (19 irritants published, 13 companies, 37 meetings held, 12 follow-ups, two delivered)
//! and the one query's counts agree with the lists the other pages show.

use super::*;
use passerelle_app::demo;
use passerelle_app::results;
use passerelle_storage::{IrritantFilter, storage_test};

storage_test!(the_demo_2021_results_count_every_step_once, |storage| {
    let app = demo_app(&storage);
    demo::seed(&app).await.unwrap().expect("a fresh database");
    let r = results::of_edition(&app, &Actor::Anonymous, "rencontres-2021")
        .await
        .expect("public");
    let edition = r.edition.id;
    let f = r.figures;

    // The same counts, from the plain lists.
    let published = storage
        .list_irritants(&IrritantFilter::public(edition))
        .await
        .unwrap()
        .len() as i64;
    let validated = storage
        .list_participations(edition, Some(ParticipationStatus::Validated))
        .await
        .unwrap()
        .len() as i64;
    let opportunities = storage.opportunities_of_edition(edition).await.unwrap();
    let in_state = |states: &[OpportunityStatus]| {
        opportunities
            .iter()
            .filter(|o| states.contains(&o.status))
            .count() as i64
    };
    use OpportunityStatus as S;
    assert_eq!(f.irritants, published);
    assert_eq!(f.companies, validated);
    assert_eq!(f.follow_ups, opportunities.len() as i64);
    assert_eq!(
        f.pocs,
        in_state(&[
            S::Proposal,
            S::FundingRequested,
            S::Funded,
            S::PocRunning,
            S::Delivered,
            S::Shared
        ])
    );
    assert_eq!(f.delivered, in_state(&[S::Delivered, S::Shared]));
    assert_eq!(
        f.funded,
        opportunities
            .iter()
            .filter(|o| o.amounts.granted.is_some_and(|g| g.value() > 0))
            .count() as i64
    );
    let sum = |get: fn(&Amounts) -> Option<Euros>| {
        opportunities
            .iter()
            .map(|o| get(&o.amounts).map_or(0, |e| e.value() as i64))
            .sum::<i64>()
    };
    assert_eq!(f.requested, sum(|a| a.requested));
    assert_eq!(f.granted, sum(|a| a.granted));
    assert_eq!(f.co_funding, sum(|a| a.co_funding));

    // The demo's story, in figures.
    assert_eq!(
        (f.irritants, f.companies, f.meetings_held),
        (19, 13, 37),
        "{f:?}"
    );
    assert_eq!(
        (f.follow_ups, f.pocs, f.funded, f.delivered),
        (12, 8, 4, 2),
        "{f:?}"
    );
    assert_eq!(
        (f.requested, f.granted, f.co_funding),
        (210_000, 112_000, 74_000),
        "{f:?}"
    );
});

storage_test!(an_unknown_edition_has_no_results, |storage| {
    let app = demo_app(&storage);
    demo::seed(&app).await.unwrap().expect("a fresh database");
    for slug in [
        "rencontres-1999",
        "",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
    ] {
        assert!(
            matches!(
                results::of_edition(&app, &Actor::Anonymous, slug).await,
                Err(passerelle_app::Error::NotFound)
            ),
            "{slug}"
        );
    }
});
