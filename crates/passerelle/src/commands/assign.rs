//! `passerelle assign INPUT.json --company-max K --irritant-min m --irritant-max M`:
//! the optimal choice of meetings.
//!
//! Input: the JSON of `rank`, optionally with `wishes` on irritants (company
//! ids) and companies (irritant ids), and top-level `exclusions`
//! (`[{"irritant","company","reason"}]`: conflicts of interest, declined wishes).
//! Candidate pairs: each irritant's `--candidates` best companies plus every
//! pair one side asked for, minus the exclusions.
//!
//! stdout is pure CSV (`irritant,company,score`), so it can be piped; the
//! summary line (total affinity, optimal or not) and any shortfall go to
//! stderr. Exit status: 0 optimal, 1 bad input, 3 infeasible (the CSV then
//! holds the best assignment: most minimum meetings met, then mutual wishes,
//! then affinity).

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

use passerelle_matching::assign::{self, Candidate, Problem, ShortfallReason};

use super::rank::{EngineArgs, build_engine, read_input};

#[derive(clap::Args, Debug)]
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
    /// Best companies per irritant considered (wished pairs are always considered).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..))]
    pub candidates: u32,
    #[command(flatten)]
    pub engine: EngineArgs,
}

pub fn run(args: Args) -> ExitCode {
    match assign(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(3),
        Err(e) => {
            eprintln!("erreur / error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Returns whether the instance was feasible.
fn assign(args: &Args) -> Result<bool, String> {
    if args.irritant_min > args.irritant_max {
        return Err(format!(
            "--irritant-min ({}) > --irritant-max ({})",
            args.irritant_min, args.irritant_max
        ));
    }
    let input = read_input(&args.input)?;
    let engine = build_engine(&args.engine)?;
    let matcher = engine.matcher(&input, args.engine.fields.into());
    let excluded = input.excluded_pairs();
    let ni = input.irritants.len();
    let mut wanted_by_company: Vec<HashSet<usize>> = vec![HashSet::new(); ni];
    for (c, company) in input.companies.iter().enumerate() {
        for &i in &company.wishes {
            wanted_by_company[i].insert(c);
        }
    }
    let mut candidates = Vec::new();
    for (i, ranking) in matcher
        .rank(args.candidates as usize)
        .into_iter()
        .enumerate()
    {
        let mut pairs: Vec<(usize, f32)> =
            ranking.into_iter().map(|(c, s)| (c as usize, s)).collect();
        let listed: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
        let mut wished: Vec<usize> = input.irritants[i]
            .wishes
            .iter()
            .chain(&wanted_by_company[i])
            .copied()
            .filter(|c| !listed.contains(c))
            .collect();
        wished.sort_unstable();
        wished.dedup();
        pairs.extend(wished.into_iter().map(|c| (c, matcher.explain(i, c).score)));
        for (c, score) in pairs {
            if excluded.contains(&(i, c)) {
                continue;
            }
            let mutual =
                input.irritants[i].wishes.contains(&c) && wanted_by_company[i].contains(&c);
            candidates.push(Candidate {
                irritant: i as u32,
                company: c as u32,
                affinity: f64::from(score).clamp(0.0, 1.0),
                mutual,
            });
        }
    }
    let problem = Problem {
        irritant_min: vec![args.irritant_min; ni],
        irritant_max: vec![args.irritant_max; ni],
        company_max: vec![args.company_max; input.companies.len()],
        candidates,
        excluded: input
            .exclusions
            .iter()
            .map(|e| (e.irritant as u32, e.company as u32))
            .collect(),
    };
    let solution = assign::solve(&problem).map_err(|e| e.to_string())?;

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
        let why = match &s.reason {
            ShortfallReason::TooFewCandidates { eligible, excluded } => format!(
                "seulement {eligible} entreprise(s) éligible(s), {excluded} exclue(s) / only {eligible} eligible compan(y/ies), {excluded} excluded"
            ),
            ShortfallReason::CompaniesFull { companies } => {
                let names: Vec<&str> = companies
                    .iter()
                    .map(|&c| input.companies[c as usize].id.as_str())
                    .collect();
                format!(
                    "entreprises candidates complètes / candidate companies full: {}",
                    names.join(" ")
                )
            }
        };
        eprintln!(
            "irritant {id} : {} rencontre(s) sur {} minimum — {why} / irritant {id}: {} meeting(s) of minimum {}",
            s.got, s.min, s.got, s.min
        );
    }
    let status = match (solution.is_feasible(), solution.certified) {
        (true, true) => "optimal (certificat dual vérifié / dual certificate verified)".to_string(),
        (false, true) => format!(
            "infaisable / infeasible: {} irritant(s) sous le minimum / below minimum; affectation optimale au sens lexicographique / lexicographically optimal assignment",
            solution.shortfalls.len()
        ),
        (_, false) => "non prouvé optimal / not proven optimal".to_string(),
    };
    eprintln!(
        "affinité totale / total affinity: {:.6}; rencontres / meetings: {}; souhaits mutuels / mutual wishes: {}; {status}",
        solution.total_affinity,
        solution.chosen.len(),
        solution.mutual_meetings
    );
    Ok(solution.is_feasible() && solution.certified)
}
