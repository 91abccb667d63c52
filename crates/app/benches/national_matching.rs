//! The matching run of a national edition, from the database, on SQLite and on PostgreSQL (issue 8,
//! item 9): 1,000 published irritants, 10,000 validated companies, French fiches and profiles of
//! realistic length written from the demo's vocabulary and thesaurus, wishes on 5 % of the pairs.
//!
//! Measured: the whole use case as the organiser starts it (the job: load, score, force the musts,
//! choose under the capacities, save the proposals), its parts, the peak memory of the run (VmHWM, reset
//! before it), the recomputation of the recommendations, and the two pages that list them.
//!
//! Institutions have their regions (a few are national bodies) and most companies a minimum budget, so the
//! budget and region factors are scored as in the product.
//!
//! `cargo bench --workspace --bench national_matching` (PostgreSQL at `PASSERELLE_TEST_POSTGRES`, skipped
//! with a notice when unreachable). `NATIONAL_SCALE=0.1` builds a tenth of the edition (a quick check);
//! `NATIONAL_DB=sqlite` or `NATIONAL_DB=postgres` runs one database only, so that each one's peak memory
//! is its own process's.

mod support;

use std::time::{Duration, Instant};

use passerelle_app::App;
use passerelle_app::jobs::{Runner, registry};
use passerelle_app::matching::{self, RunInput};
use passerelle_app::recommendations;
use passerelle_domain::{EditionId, IrritantId, OrganisationId, Region};
use passerelle_storage::Storage;
use support::Rng;

const IRRITANTS: usize = 1_000;
const COMPANIES: usize = 10_000;
const INSTITUTIONS: usize = 120;
/// Wishes on 5 % of the pairs, half from each side.
const WISH_SHARE: f64 = 0.05;

/// A thesaurus concept as the texts use it: its label and its synonyms, under its domain.
struct Topic {
    domain: String,
    label: String,
    words: Vec<String>,
}

const SERVICES: &[&str] = &[
    "la direction des études",
    "la direction du numérique",
    "le service de la scolarité",
    "la direction des ressources humaines",
    "la bibliothèque universitaire",
    "le service financier",
    "la direction de la recherche",
    "le service de la vie étudiante",
    "la direction du patrimoine",
    "le service des relations internationales",
];
const TOOLS: &[&str] = &[
    "des tableurs partagés",
    "des formulaires papier",
    "un logiciel développé en interne il y a quinze ans",
    "des échanges de courriels",
    "plusieurs applications qui ne communiquent pas entre elles",
    "un outil national peu adapté à nos usages",
];
const PAINS: &[&str] = &[
    "les saisies sont faites deux fois et les erreurs se multiplient",
    "les délais de traitement dépassent trois semaines en période de rentrée",
    "personne n'a de vue d'ensemble fiable pour décider",
    "les usagers relancent les services faute de réponse",
    "les agents passent une part importante de leur temps à des tâches répétitives",
    "les données ne sont pas à jour au moment où l'on en a besoin",
];
const EXPECTS: &[&str] = &[
    "s'intègre à notre système d'information (annuaire LDAP, Apogée, SIFAC)",
    "respecte le RGPD et le référentiel général d'accessibilité",
    "puisse être prise en main par les agents sans formation longue",
    "soit hébergée en France et interopérable avec nos outils",
    "fournisse des indicateurs partagés entre les composantes",
];
const CITIES: &[&str] = &[
    "Lyon",
    "Lille",
    "Rennes",
    "Toulouse",
    "Bordeaux",
    "Nantes",
    "Strasbourg",
    "Grenoble",
    "Montpellier",
    "Dijon",
    "Caen",
    "Tours",
    "Nancy",
    "Clermont-Ferrand",
    "Poitiers",
    "Rouen",
];
const FORMS: &[&str] = &["SAS", "SARL", "SCOP", "SA"];

fn sentence_words(rng: &mut Rng, t: &Topic) -> String {
    if t.words.is_empty() {
        return t.label.to_lowercase();
    }
    let a = rng.pick(&t.words).clone();
    let b = rng.pick(&t.words).clone();
    if a == b { a } else { format!("{a} et {b}") }
}

/// An irritant's fiche: (title, context, problem, expected result), about 1,200 characters in all.
fn fiche(rng: &mut Rng, topics: &[&Topic], institution: &str) -> (String, String, String, String) {
    let main = topics[0];
    let title = format!(
        "{} : {} pour {}",
        main.label,
        rng.pick(&["mieux outiller", "simplifier", "fiabiliser", "automatiser"]),
        rng.pick(SERVICES)
            .trim_start_matches("la ")
            .trim_start_matches("le ")
    );
    let mut context = format!(
        "À {institution}, {} gère aujourd'hui {} avec {}. Près de {} agents et {} étudiants sont concernés chaque année.",
        rng.pick(SERVICES),
        sentence_words(rng, main),
        rng.pick(TOOLS),
        50 + rng.below(400),
        2_000 + rng.below(40_000),
    );
    for t in &topics[1..] {
        context.push_str(&format!(
            " Le sujet touche aussi {} ({}), suivi par {}.",
            t.label.to_lowercase(),
            sentence_words(rng, t),
            rng.pick(SERVICES)
        ));
    }
    let problem = format!(
        "Sans outil adapté pour {}, {}. {} Nous avons tenté {}, sans résultat durable : {}.",
        sentence_words(rng, main),
        rng.pick(PAINS),
        match topics.get(1) {
            Some(t) => format!(
                "Le lien avec {} n'est pas fait, et {}.",
                sentence_words(rng, t),
                rng.pick(PAINS)
            ),
            None => format!("De plus, {}.", rng.pick(PAINS)),
        },
        rng.pick(TOOLS),
        rng.pick(PAINS)
    );
    let expected = format!(
        "Une solution de {} qui {} et qui {}. Nous attendons une preuve de concept sur un périmètre restreint ({}), puis un déploiement à l'échelle de l'établissement si les résultats sont au rendez-vous.",
        main.label.to_lowercase(),
        rng.pick(EXPECTS),
        rng.pick(EXPECTS),
        sentence_words(rng, main)
    );
    (title, context, problem, expected)
}

/// A company's profile: (description, references), about 800 characters.
fn profile(rng: &mut Rng, topics: &[&Topic], name: &str) -> (String, String) {
    let main = topics[0];
    let mut description = format!(
        "{name} édite une solution de {} pour les établissements d'enseignement supérieur et les collectivités : {}. Notre équipe de {} personnes, basée à {}, accompagne chaque client du cadrage au déploiement.",
        main.label.to_lowercase(),
        sentence_words(rng, main),
        3 + rng.below(120),
        rng.pick(CITIES)
    );
    for t in &topics[1..] {
        description.push_str(&format!(
            " Nous intervenons aussi en {} ({}).",
            t.label.to_lowercase(),
            sentence_words(rng, t)
        ));
    }
    description.push_str(" La plateforme est hébergée en France, conforme au RGPD, et s'intègre aux annuaires et aux logiciels de gestion existants.");
    let references = format!(
        "Déployé à l'université de {} pour {}, et à l'école d'ingénieurs de {} ({} utilisateurs).",
        rng.pick(CITIES),
        sentence_words(rng, main),
        rng.pick(CITIES),
        100 + rng.below(20_000)
    );
    (description, references)
}

/// Writes rows `chunk` at a time in multi-row inserts (one statement per chunk, in one transaction).
async fn insert_rows(storage: &Storage, table: &str, columns: &[&str], rows: Vec<Vec<V>>) {
    let per = (4_000 / columns.len()).max(1);
    let mut tx = storage.pool().begin().await.unwrap();
    for chunk in rows.chunks(per) {
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        let mut n = 0;
        for (r, _) in chunk.iter().enumerate() {
            if r > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for c in 0..columns.len() {
                if c > 0 {
                    sql.push_str(", ");
                }
                n += 1;
                sql.push_str(&format!("${n}"));
            }
            sql.push(')');
        }
        let mut q = sqlx::query(&sql);
        for row in chunk {
            for v in row {
                q = match v {
                    V::T(t) => q.bind(t.clone()),
                    V::I(i) => q.bind(*i),
                    V::N => q.bind(None::<i64>),
                };
            }
        }
        q.execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
}

/// A column's value: text (or a text NULL), an integer, or an integer NULL.
enum V {
    T(Option<String>),
    I(i64),
    N,
}

fn text(s: impl Into<String>) -> V {
    V::T(Some(s.into()))
}

/// Builds the national edition; returns it with the number of wishes.
async fn national_edition(app: &App, scale: f64) -> (EditionId, usize) {
    let storage = app.storage();
    passerelle_app::thesaurus::ensure_seeded(app).await.unwrap();
    let topics: Vec<Topic> = storage
        .thesaurus()
        .await
        .unwrap()
        .into_iter()
        .filter_map(|c| {
            Some(Topic {
                domain: c.domain?.as_str().to_string(),
                label: c.label_fr.as_str().to_string(),
                words: c.synonyms.iter().map(|s| s.as_str().to_string()).collect(),
            })
        })
        .collect();
    assert!(topics.len() > 20, "the demo's thesaurus is seeded");
    let mut rng = Rng(2026);
    let n_irritants = ((IRRITANTS as f64 * scale) as usize).max(10);
    let n_companies = ((COMPANIES as f64 * scale) as usize).max(100);
    let n_institutions = ((INSTITUTIONS as f64 * scale) as usize).max(5);
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let edition = EditionId::new();
    insert_rows(
        storage,
        "editions",
        &[
            "id",
            "slug",
            "title",
            "venue",
            "first_day",
            "last_day",
            "phase",
            "created_at",
        ],
        vec![vec![
            text(edition.to_string()),
            text("nationale-2027"),
            text("Rencontres nationales Open Innovation 2027"),
            text("Paris, Cité des sciences"),
            text("2027-06-10"),
            text("2027-06-10"),
            text("matching"),
            V::I(now),
        ]],
    )
    .await;

    let mut orgs = Vec::new();
    let institutions: Vec<OrganisationId> =
        (0..n_institutions).map(|_| OrganisationId::new()).collect();
    let regions = Region::ALL;
    for (n, id) in institutions.iter().enumerate() {
        let name = format!("Université nationale {} (fictive)", n + 1);
        // One institution in twenty is a national body; the others are spread over the regions.
        let region = if n % 20 == 0 {
            Region::National
        } else {
            *rng.pick(regions)
        };
        orgs.push(vec![
            text(id.to_string()),
            text(&name),
            text(name.to_lowercase()),
            text("institution"),
            V::I(now),
            text(region.as_str()),
        ]);
    }
    let companies: Vec<OrganisationId> = (0..n_companies).map(|_| OrganisationId::new()).collect();
    let mut company_topics: Vec<Vec<usize>> = Vec::new();
    let mut profiles = Vec::new();
    let mut specialties = Vec::new();
    let mut participations = Vec::new();
    for (n, id) in companies.iter().enumerate() {
        let name = format!(
            "{} {} {} (fictive)",
            rng.pick(&[
                "Numeria", "Campus", "Data", "Agora", "Nova", "Sigma", "Pixel", "Lumen"
            ]),
            n + 1,
            rng.pick(FORMS)
        );
        orgs.push(vec![
            text(id.to_string()),
            text(&name),
            text(name.to_lowercase()),
            text("company"),
            V::I(now),
            V::T(None),
        ]);
        let mine: Vec<usize> = (0..1 + rng.below(3))
            .map(|_| rng.below(topics.len()))
            .collect();
        let refs: Vec<&Topic> = mine.iter().map(|&t| &topics[t]).collect();
        let (description, references) = profile(&mut rng, &refs, &name);
        profiles.push(vec![
            text(id.to_string()),
            text(description),
            text(references),
            text(*rng.pick(&["1-9", "10-49", "50-249"])),
            text(rng.pick(regions).as_str()),
            V::T(None),
            V::I(now),
            // Four companies in five give the smallest project they take on (5 000 € to 80 000 €).
            if rng.chance(0.8) {
                V::I(5_000 * (1 + rng.below(16)) as i64)
            } else {
                V::N
            },
        ]);
        let mut domains: Vec<&str> = refs.iter().map(|t| t.domain.as_str()).collect();
        domains.sort_unstable();
        domains.dedup();
        for d in domains {
            specialties.push(vec![text(id.to_string()), text(d)]);
        }
        participations.push(vec![
            text(edition.to_string()),
            text(id.to_string()),
            text("validated"),
            V::I(now),
            V::I(now),
        ]);
        company_topics.push(mine);
    }
    insert_rows(
        storage,
        "organisations",
        &["id", "name", "name_key", "kind", "created_at", "region"],
        orgs,
    )
    .await;
    insert_rows(
        storage,
        "company_profiles",
        &[
            "organisation_id",
            "description",
            "references_text",
            "size",
            "region",
            "website",
            "updated_at",
            "budget_min",
        ],
        profiles,
    )
    .await;
    insert_rows(
        storage,
        "company_specialties",
        &["organisation_id", "domain_slug"],
        specialties,
    )
    .await;
    insert_rows(
        storage,
        "participations",
        &[
            "edition_id",
            "company_id",
            "status",
            "created_at",
            "updated_at",
        ],
        participations,
    )
    .await;

    let irritants: Vec<IrritantId> = (0..n_irritants).map(|_| IrritantId::new()).collect();
    let mut rows = Vec::new();
    let mut domains_rows = Vec::new();
    let mut irritant_topics: Vec<Vec<usize>> = Vec::new();
    for (n, id) in irritants.iter().enumerate() {
        let institution = n % n_institutions;
        let mine: Vec<usize> = (0..1 + rng.below(3))
            .map(|_| rng.below(topics.len()))
            .collect();
        let refs: Vec<&Topic> = mine.iter().map(|&t| &topics[t]).collect();
        let (title, context, problem, expected) = fiche(
            &mut rng,
            &refs,
            &format!("l'Université nationale {}", institution + 1),
        );
        let budget = 10_000 * (1 + rng.below(20)) as i64;
        rows.push(vec![
            text(id.to_string()),
            text(edition.to_string()),
            text(institutions[institution].to_string()),
            V::T(None),
            text(format!("{:04}", n + 1)),
            text("published"),
            text(title),
            text(context),
            text(problem),
            text(expected),
            V::I(budget / 2),
            V::I(budget),
            text("Preuve de concept sur six mois"),
            V::T(None),
            V::T(None),
            V::I(0),
            V::I(now),
            V::I(now),
        ]);
        let mut domains: Vec<&str> = refs.iter().map(|t| t.domain.as_str()).collect();
        domains.sort_unstable();
        domains.dedup();
        for d in domains {
            domains_rows.push(vec![text(id.to_string()), text(d)]);
        }
        irritant_topics.push(mine);
    }
    insert_rows(
        storage,
        "irritants",
        &[
            "id",
            "edition_id",
            "institution_id",
            "author_id",
            "reference",
            "status",
            "title",
            "context",
            "problem",
            "expected_result",
            "budget_min",
            "budget_max",
            "timeline",
            "contact_name",
            "contact_email",
            "written_for_demo",
            "created_at",
            "updated_at",
        ],
        rows,
    )
    .await;
    insert_rows(
        storage,
        "irritant_domains",
        &["irritant_id", "domain_slug"],
        domains_rows,
    )
    .await;

    // Wishes on 5 % of the pairs, half from each side, mostly on pairs that share a topic (as people
    // wish after reading the recommendations); two "must meet" per irritant, one for a company in ten, some "no".
    let mut by_topic: Vec<Vec<usize>> = vec![Vec::new(); topics.len()];
    for (c, ts) in company_topics.iter().enumerate() {
        for &t in ts {
            by_topic[t].push(c);
        }
    }
    let mut irritants_by_topic: Vec<Vec<usize>> = vec![Vec::new(); topics.len()];
    for (i, ts) in irritant_topics.iter().enumerate() {
        for &t in ts {
            irritants_by_topic[t].push(i);
        }
    }
    let per_irritant = ((n_companies as f64 * WISH_SHARE / 2.0) as usize).max(1);
    let per_company = ((n_irritants as f64 * WISH_SHARE / 2.0) as usize).max(1);
    let mut wishes = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, ts) in irritant_topics.iter().enumerate() {
        let mut n = 0;
        while n < per_irritant {
            let pool = &by_topic[*rng.pick(ts)];
            let c = if !pool.is_empty() && rng.chance(0.6) {
                *rng.pick(pool)
            } else {
                rng.below(n_companies)
            };
            if !seen.insert((i, c, 0u8)) {
                continue;
            }
            let level = if n < 2 {
                "must"
            } else if rng.chance(0.15) {
                "no"
            } else {
                "would-like"
            };
            wishes.push(vec![
                text(edition.to_string()),
                text(irritants[i].to_string()),
                text(companies[c].to_string()),
                text("institution"),
                text(level),
                V::T(None),
                V::I(i64::from(rng.chance(0.002))),
                V::T(None),
                V::I(now),
            ]);
            n += 1;
        }
    }
    for (c, ts) in company_topics.iter().enumerate() {
        let mut n = 0;
        while n < per_company {
            let pool = &irritants_by_topic[*rng.pick(ts)];
            let i = if !pool.is_empty() && rng.chance(0.6) {
                *rng.pick(pool)
            } else {
                rng.below(n_irritants)
            };
            if !seen.insert((i, c, 1u8)) {
                continue;
            }
            let level = if n == 0 && c % 10 == 0 {
                "must"
            } else if rng.chance(0.1) {
                "no"
            } else {
                "would-like"
            };
            let pitch = (level != "no").then(|| {
                format!(
                    "Notre solution de {} répond exactement à ce besoin ; nous l'avons déployée à {}.",
                    topics[company_topics[c][0]].label.to_lowercase(),
                    rng.pick(CITIES)
                )
            });
            wishes.push(vec![
                text(edition.to_string()),
                text(irritants[i].to_string()),
                text(companies[c].to_string()),
                text("company"),
                text(level),
                V::T(pitch),
                V::I(0),
                V::T(None),
                V::I(now),
            ]);
            n += 1;
        }
    }
    let count = wishes.len();
    insert_rows(
        storage,
        "wishes",
        &[
            "edition_id",
            "irritant_id",
            "company_id",
            "side",
            "level",
            "pitch",
            "conflict_of_interest",
            "author_id",
            "updated_at",
        ],
        wishes,
    )
    .await;
    (edition, count)
}

/// The process's peak resident memory since the last reset, in MiB.
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Resets the peak to the current resident memory (Linux: `5` to clear_refs).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    format!(
        "median {:.1} ms, max {:.1} ms over {}",
        millis(times[times.len() / 2]),
        millis(*times.last().unwrap()),
        times.len()
    )
}

async fn bench(label: &str, storage: Storage, scale: f64) {
    let app = support::app(label, storage.clone()).await;
    let built = Instant::now();
    let (edition, wishes) = national_edition(&app, scale).await;
    eprintln!(
        "[{label}] edition built in {:.1} s ({wishes} wishes)",
        built.elapsed().as_secs_f64()
    );
    let organiser = support::organiser(&app).await;

    // Its parts, one by one (the same code as the job's).
    let t = Instant::now();
    let data = matching::load(&app, edition).await.unwrap();
    let load = t.elapsed();
    let (ni, nc) = (data.irritants.len(), data.companies.len());
    let input = RunInput {
        company_max: "3".into(),
        irritant_min: "3".into(),
        irritant_max: "10".into(),
        ..RunInput::default()
    };
    let params = matching::RunParams {
        company_max: 3,
        irritant_min: 3,
        irritant_max: 10,
        ..matching::RunParams::default()
    };
    // The scorer alone (the texts analysed, the companies indexed), the first step of the computation.
    let t = Instant::now();
    {
        let engine = data.engine().unwrap();
        let (institution_wants, company_wants) = matching::wants(&data);
        let input = matching::engine_input(&data, &institution_wants, &company_wants);
        drop(engine.matcher(&input, passerelle_matching::Fields::All));
    }
    let analysis = t.elapsed();
    let t = Instant::now();
    let (pairs, result) = tokio::task::spawn_blocking(move || matching::compute(&data, &params))
        .await
        .unwrap()
        .unwrap();
    let compute = t.elapsed();
    // The proposals saved, as the job saves them (rolled back: the job below saves its own).
    let t = Instant::now();
    {
        let mut tx = app.begin().await.unwrap();
        let (run, _) = tx
            .create_run(edition, &serde_json::json!({}), None, app.now())
            .await
            .unwrap();
        tx.finish_run(
            run,
            &pairs,
            &serde_json::to_value(&result).unwrap(),
            app.now(),
        )
        .await
        .unwrap();
    }
    let save = t.elapsed();
    drop(pairs);

    // The whole use case as the organiser runs it: the job, from the database to the saved proposals.
    reset_peak();
    let before = peak_mib();
    let t = Instant::now();
    let run = matching::start(&app, &organiser, edition, input)
        .await
        .unwrap();
    Runner::new(app.clone(), registry())
        .run_one()
        .await
        .unwrap()
        .expect("the run's job");
    let end_to_end = t.elapsed();
    let peak = peak_mib();
    let saved = storage.run_pairs(run).await.unwrap().len();
    println!(
        "[{label}] national matching run: {ni} irritants × {nc} companies, {wishes} wishes → {saved} meetings \
         ({} mutual, {} forced, {} candidates, certified {}, proven {}, {} short of the minimum)",
        result.mutual,
        result.forced,
        result.candidates,
        result.certified,
        result.proven,
        result.shortfalls.len()
    );
    println!(
        "[{label}]   end to end (job) {:.2} s; parts: load {:.2} s, compute {:.2} s (texts analysed {:.2} s, \
         scoring and choice {:.2} s), save {:.2} s; peak memory {:.0} MiB (resident before {:.0} MiB)",
        end_to_end.as_secs_f64(),
        load.as_secs_f64(),
        compute.as_secs_f64(),
        analysis.as_secs_f64(),
        compute.saturating_sub(analysis).as_secs_f64(),
        save.as_secs_f64(),
        peak,
        before
    );

    // The recommendations at that size (a job in the product), then the two pages that list them.
    let t = Instant::now();
    recommendations::recompute(&app, edition).await.unwrap();
    println!(
        "[{label}]   recommendations recomputed in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let institution_member = {
        let irritant = storage
            .list_irritants(&passerelle_storage::IrritantFilter::public(edition))
            .await
            .unwrap()[0]
            .clone();
        (irritant.id, irritant.content.title.as_str().to_string())
    };
    let company = storage
        .participating_companies(edition, passerelle_domain::ParticipationStatus::Validated)
        .await
        .unwrap()[0]
        .0
        .id;
    let mut irritant_pages = Vec::new();
    let mut company_pages = Vec::new();
    for n in 0..20 {
        let t = Instant::now();
        let page = recommendations::for_irritant(&app, &organiser, institution_member.0, 1 + n % 3)
            .await
            .unwrap();
        irritant_pages.push(t.elapsed());
        assert!(matches!(
            page.freshness,
            recommendations::Freshness::Current(_)
        ));
        assert!(!page.items.is_empty());
        let t = Instant::now();
        let page = recommendations::for_company(&app, &organiser, company, Some(edition), 1)
            .await
            .unwrap();
        company_pages.push(t.elapsed());
        assert!(!page.items.is_empty());
    }
    println!(
        "[{label}]   an irritant's recommendations page: {}",
        summary(irritant_pages)
    );
    println!(
        "[{label}]   a company's recommendations page: {}",
        summary(company_pages)
    );
}

fn main() {
    let scale = support::scale("NATIONAL");
    support::on_each_database("national matching bench", "NATIONAL", |label, storage| {
        bench(label, storage, scale)
    });
}
