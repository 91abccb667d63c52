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

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

use passerelle_matching::assign::{self, Candidate, Problem, ShortfallReason};
use passerelle_matching::{Input, Matcher};

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
    let excluded = input.excluded_pairs();
    let ni = input.irritants.len();
    let mut wanted_by_company: Vec<HashSet<usize>> = vec![HashSet::new(); ni];
    for (c, company) in input.companies.iter().enumerate() {
        for &i in &company.wishes {
            wanted_by_company[i].insert(c);
        }
    }
    // Pairs are pruned to each irritant's best companies, then the optimum's
    // dual prices decide whether a pruned pair could do better; if one could,
    // the irritants are widened and the problem solved again. So the summary's
    // "optimal" holds over all pairs, not only over the ones kept.
    let nc = input.companies.len();
    let mut keep = vec![(args.candidates as usize).min(nc); ni];
    let (problem, solution, proven) = loop {
        // One scoring pass serves every width: top-k selection is cheap next
        // to scoring all pairs.
        let mut rankings = matcher.rank(keep.iter().copied().max().unwrap_or(0));
        for (ranking, &k) in rankings.iter_mut().zip(&keep) {
            ranking.truncate(k);
        }
        let problem = Problem {
            irritant_min: vec![args.irritant_min; ni],
            irritant_max: vec![args.irritant_max; ni],
            company_max: vec![args.company_max; nc],
            candidates: candidates(&input, &matcher, &rankings, &wanted_by_company, &excluded),
            excluded: input
                .exclusions
                .iter()
                .map(|e| (e.irritant as u32, e.company as u32))
                .collect(),
        };
        let solution = assign::solve(&problem).map_err(|e| e.to_string())?;
        if !solution.certified {
            break (problem, solution, false);
        }
        let widen = irritants_to_widen(&problem, &solution, &rankings, &keep, &excluded);
        if widen.is_empty() {
            break (problem, solution, true);
        }
        for i in widen {
            keep[i] = keep[i].saturating_mul(4).min(nc);
        }
    };

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

/// Each irritant's ranked companies plus every pair one side asked for, minus
/// the exclusions; a pair is mutual when both sides asked for it.
fn candidates(
    input: &Input,
    matcher: &Matcher<'_>,
    rankings: &[Vec<(u32, f32)>],
    wanted_by_company: &[HashSet<usize>],
    excluded: &HashSet<(usize, usize)>,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (i, ranking) in rankings.iter().enumerate() {
        let mut pairs: Vec<(usize, f32)> = ranking.iter().map(|&(c, s)| (c as usize, s)).collect();
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
            out.push(Candidate {
                irritant: i as u32,
                company: c as u32,
                affinity: f64::from(score).clamp(0.0, 1.0),
                mutual,
            });
        }
    }
    out
}

/// The irritants for which a pair left out of the ranking could improve the
/// solution. Such a pair is wished by neither side (those are always
/// candidates) and scores at most the irritant's last kept one.
fn irritants_to_widen(
    problem: &Problem,
    solution: &assign::Solution,
    rankings: &[Vec<(u32, f32)>],
    keep: &[usize],
    excluded: &HashSet<(usize, usize)>,
) -> Vec<usize> {
    let nc = problem.company_max.len();
    let mut kept = vec![u32::MAX; nc];
    let mut by_irritant: Vec<Vec<u32>> = vec![Vec::new(); rankings.len()];
    for c in &problem.candidates {
        by_irritant[c.irritant as usize].push(c.company);
    }
    let mut widen = Vec::new();
    for (i, ranking) in rankings.iter().enumerate() {
        let floor = match ranking.last() {
            Some(&(_, floor)) if keep[i] < nc => f64::from(floor).clamp(0.0, 1.0),
            _ => continue, // the whole pool was ranked: nothing left out
        };
        for &c in &by_irritant[i] {
            kept[c as usize] = i as u32;
        }
        let improvable = (0..nc as u32).any(|c| {
            kept[c as usize] != i as u32
                && !excluded.contains(&(i, c as usize))
                && solution.prices.could_improve(i as u32, c, floor, false)
        });
        if improvable {
            widen.push(i);
        }
    }
    widen
}
