//! Render time of the printed documents: one fiche, and the 19-fiche booklet of the 2021 edition.
//! Each run renders different data (typst memoises: the same input twice would measure a cache hit);
//! the templates stay cached across runs, as they do in a server.

use std::sync::atomic::{AtomicUsize, Ordering};

use divan::Bencher;

#[path = "../tests/support/mod.rs"]
mod support;

fn main() {
    divan::main();
}

static RUN: AtomicUsize = AtomicUsize::new(0);

fn fresh(fiche: passerelle_export::pdf::Fiche) -> passerelle_export::pdf::Fiche {
    let run = RUN.fetch_add(1, Ordering::Relaxed);
    passerelle_export::pdf::Fiche {
        title: format!("{} ({run})", fiche.title),
        problem: fiche.problem.map(|p| format!("{p} Essai {run}.")),
        ..fiche
    }
}

#[divan::bench]
fn fiche(bencher: Bencher) {
    let labels = support::labels_fr();
    bencher
        .with_inputs(|| fresh(support::fiche()))
        .bench_local_values(|fiche| passerelle_export::pdf::fiche_pdf(&fiche, &labels).unwrap());
}

#[divan::bench(sample_count = 10)]
fn booklet_of_19(bencher: Bencher) {
    bencher
        .with_inputs(|| {
            let (mut booklet, labels) = support::booklet();
            booklet.fiches = booklet.fiches.into_iter().map(fresh).collect();
            (booklet, labels)
        })
        .bench_local_values(|(booklet, labels)| {
            passerelle_export::pdf::booklet_pdf(&booklet, &labels).unwrap()
        });
}
