//! `passerelle assign INPUT.json --company-max K --irritant-min m --irritant-max M`:
//! the optimal choice of meetings.
//!
//! Input: the JSON of `rank`, optionally with `wishes` on irritants (company
//! ids) and companies (irritant ids), and top-level `exclusions`
//! (`[{"irritant","company","reason"}]`: conflicts of interest, declined wishes).
//! Candidate pairs: each irritant's `--candidates` best companies plus every
//! pair one side asked for, minus the exclusions; the optimum's dual prices
//! then prove that no pair left out could do better, or the irritants are
//! widened until they do.
//!
//! stdout is pure CSV (`irritant,company,score`), so it can be piped; the
//! summary line (total affinity, optimal or not) and any shortfall go to
//! stderr. Exit status: 0 optimal, 1 bad input, 3 infeasible (the CSV then
//! holds the best assignment: most minimum meetings met, then mutual wishes,
//! then affinity), 4 optimality not proven (never expected; reported rather
//! than hidden).

use std::path::PathBuf;
use std::process::ExitCode;

use passerelle_matching::assign::{self, Candidate, Capacities, Choice, ShortfallReason};

use super::rank::{EngineArgs, build_engine, read_input};

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Priorités / priorities: 1. le minimum de chaque irritant / each irritant's minimum; \
2. les souhaits mutuels / meetings both sides asked for; 3. l'affinité totale / total affinity.
Entrée / input: \"wishes\" (irritant → company ids, company → irritant ids), \
\"exclusions\": [{\"irritant\", \"company\", \"reason\"}].
Sortie / exit: 0 optimal, 1 entrée invalide / bad input, 3 minimum impossible / infeasible \
(meilleure affectation imprimée / best assignment printed), 4 optimum non prouvé / not proven.")]
pub struct Args {
    /// JSON input (as for `rank`, plus optional wishes and exclusions).
    pub input: PathBuf,
    /// Most meetings per company.
    #[arg(long)]
    pub company_max: u32,
    /// Fewest meetings per irritant.
    #[arg(long, default_value_t = 0)]
    pub irritant_min: u32,
    /// Most meetings per irritant.
    #[arg(long)]
    pub irritant_max: u32,
    /// Best companies per irritant considered first (wished pairs always are); widened
    /// automatically until the plan is proved optimal over all pairs.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..))]
    pub candidates: u32,
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// How a run ended, beyond bad input.
enum Outcome {
    Optimal,
    /// Some irritant is below its minimum; the best assignment was printed.
    Infeasible,
    /// The optimality certificate failed (a bug): say so rather than claim it.
    Unproven,
}

pub fn run(args: Args) -> ExitCode {
    match assign(&args) {
        Ok(Outcome::Optimal) => ExitCode::SUCCESS,
        Ok(Outcome::Infeasible) => ExitCode::from(3),
        Ok(Outcome::Unproven) => ExitCode::from(4),
        Err(e) => {
            eprintln!("erreur / error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn assign(args: &Args) -> Result<Outcome, String> {
    if args.irritant_min > args.irritant_max {
        return Err(format!(
            "--irritant-min ({}) > --irritant-max ({})",
            args.irritant_min, args.irritant_max
        ));
    }
    let input = read_input(&args.input)?;
    let engine = build_engine(&args.engine)?;
    let matcher = engine.matcher(&input, args.engine.fields.into());
    let caps = Capacities {
        company_max: args.company_max,
        irritant_min: args.irritant_min,
        irritant_max: args.irritant_max,
        candidates: args.candidates as usize,
    };
    let Choice {
        problem,
        solution,
        proven,
        ..
    } = assign::choose(&input, &matcher, caps).map_err(|e| e.to_string())?;

    let mut rows: Vec<&Candidate> = solution
        .chosen
        .iter()
        .map(|&k| &problem.candidates[k])
        .collect();
    rows.sort_by(|a, b| {
        a.irritant
            .cmp(&b.irritant)
            .then(b.affinity.total_cmp(&a.affinity))
    });
    let mut out = csv::Writer::from_writer(std::io::stdout().lock());
    let io = |e: csv::Error| format!("écriture / write: {e}");
    out.write_record(["irritant", "company", "score"])
        .map_err(io)?;
    for c in rows {
        out.write_record([
            input.irritants[c.irritant as usize].id.as_str(),
            input.companies[c.company as usize].id.as_str(),
            &format!("{:.4}", c.affinity),
        ])
        .map_err(io)?;
    }
    out.flush().map_err(|e| format!("écriture / write: {e}"))?;

    for s in &solution.shortfalls {
        let id = &input.irritants[s.irritant as usize].id;
        let (fr, en) = match &s.reason {
            ShortfallReason::TooFewCandidates { eligible, excluded } => (
                format!("seulement {eligible} entreprise(s) éligible(s), {excluded} exclue(s)"),
                format!("only {eligible} eligible compan(y/ies), {excluded} excluded"),
            ),
            ShortfallReason::CompaniesFull { companies } => {
                let names: Vec<&str> = companies
                    .iter()
                    .map(|&c| input.companies[c as usize].id.as_str())
                    .collect();
                let names = names.join(" ");
                (
                    format!("les autres entreprises éligibles sont complètes : {names}"),
                    format!("the other eligible companies are full: {names}"),
                )
            }
        };
        eprintln!(
            "irritant {id} : {got} rencontre(s) pour un minimum de {min} — {fr} / irritant {id}: {got} meeting(s) of minimum {min} — {en}",
            got = s.got,
            min = s.min,
        );
    }
    if !solution.shortfalls.is_empty() {
        eprintln!(
            "piste : augmenter --company-max, baisser --irritant-min ou revoir les exclusions / hint: raise --company-max, lower --irritant-min or review the exclusions"
        );
    }
    let status = match (solution.is_feasible(), proven) {
        (true, true) => "optimal sur toutes les paires (certificat dual vérifié) / optimal over all pairs (dual certificate verified)".to_string(),
        (false, true) => format!(
            "infaisable / infeasible: {} irritant(s) sous le minimum / below minimum; affectation optimale au sens lexicographique / lexicographically optimal assignment",
            solution.shortfalls.len()
        ),
        (_, false) => "non prouvé optimal / not proven optimal".to_string(),
    };
    eprintln!(
        "affinité totale / total affinity: {:.6}; rencontres / meetings: {}; souhaits mutuels / mutual wishes: {}; paires examinées / pairs considered: {}; {status}",
        solution.total_affinity,
        solution.chosen.len(),
        solution.mutual_meetings,
        problem.candidates.len(),
    );
    Ok(match (proven, solution.is_feasible()) {
        (false, _) => Outcome::Unproven,
        (true, false) => Outcome::Infeasible,
        (true, true) => Outcome::Optimal,
    })
}
