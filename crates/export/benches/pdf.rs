//! Render time of the printed documents: one fiche, and the 19-fiche booklet of the 2021 edition.

#[path = "../tests/support/mod.rs"]
mod support;

fn main() {
    divan::main();
}

#[divan::bench]
fn fiche() -> Vec<u8> {
    passerelle_export::pdf::fiche_pdf(&support::fiche(), &support::labels_fr()).unwrap()
}

#[divan::bench(sample_count = 10)]
fn booklet_of_19() -> Vec<u8> {
    let (booklet, labels) = support::booklet();
    passerelle_export::pdf::booklet_pdf(&booklet, &labels).unwrap()
}
