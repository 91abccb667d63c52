//! `passerelle rank INPUT.json [--top K] [--fields all|title]`: the top K
//! companies of every irritant, one JSON object per line on stdout:
//! `{"irritant":"i01","ranking":["c14",…],"scores":[0.91,…]}`.
//! Warnings (texts cut) and errors go to stderr; bad input exits with 1.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use passerelle_matching::text::Analyzer;
use passerelle_matching::thesaurus::Thesaurus;
use passerelle_matching::{Engine, Fields, Input, Params};

/// Largest input file read, in bytes: far above a national edition's needs,
/// low enough that a wrong file cannot exhaust memory.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum FieldsArg {
    /// Title and text of each irritant.
    All,
    /// Titles only.
    Title,
}

impl From<FieldsArg> for Fields {
    fn from(f: FieldsArg) -> Self {
        match f {
            FieldsArg::All => Fields::All,
            FieldsArg::Title => Fields::Title,
        }
    }
}

/// Options shared by `rank` and `assign`: what to read and how to score.
#[derive(clap::Args, Debug)]
pub struct EngineArgs {
    /// Irritant fields used for the affinity.
    #[arg(long, value_enum, default_value = "all")]
    pub fields: FieldsArg,
    /// Organiser-edited thesaurus (TOML) replacing the built-in one.
    #[arg(long, value_name = "FILE")]
    pub thesaurus: Option<PathBuf>,
    /// Engine parameters (TOML: weights, BM25 constants, concept boost).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// JSON input: {"irritants":[{"id","title","text"}],"companies":[{"id","name","text","tags"}]}.
    pub input: PathBuf,
    /// Number of companies listed per irritant.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub top: u32,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Add each listed pair's explanation (shared words and concepts, factors).
    #[arg(long)]
    pub explain: bool,
}

/// Reads a file as text, refusing huge (pipes and devices included) and non-UTF-8 files with a clear
/// message.
fn read_text(path: &Path) -> Result<String, String> {
    let bytes = super::input::read_bounded(path, MAX_INPUT_BYTES)?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!(
            "{0} n'est pas en UTF-8 (octet {at}) / {0} is not UTF-8 (byte {at})",
            path.display()
        )
    })
}

/// Reads and validates the input, printing its warnings to stderr.
pub(crate) fn read_input(path: &Path) -> Result<Input, String> {
    let input = Input::from_json(&read_text(path)?).map_err(|e| e.to_string())?;
    for w in &input.warnings {
        eprintln!("avertissement / warning: {w}");
    }
    Ok(input)
}

/// Builds the engine from the built-in or given thesaurus and parameters.
pub(crate) fn build_engine(args: &EngineArgs) -> Result<Engine, String> {
    let params = match &args.config {
        Some(p) => Params::from_toml(&read_text(p)?)
            .map_err(|e| format!("configuration {} : {e}", p.display()))?,
        None => Params::default(),
    };
    let analyzer = Analyzer::new();
    let thesaurus = match &args.thesaurus {
        Some(p) => Thesaurus::from_toml(&read_text(p)?, &analyzer).map_err(|e| e.to_string())?,
        None => Thesaurus::builtin(&analyzer),
    };
    Ok(Engine::new(thesaurus, params))
}

/// Scores are printed rounded: more digits would only show float noise.
fn round(x: f32) -> f64 {
    (x as f64 * 10_000.0).round() / 10_000.0
}

pub fn run(args: Args) -> ExitCode {
    match rank(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("erreur / error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn rank(args: &Args) -> Result<(), String> {
    let input = read_input(&args.input)?;
    let engine = build_engine(&args.engine)?;
    let matcher = engine.matcher(&input, args.engine.fields.into());
    let rankings = matcher.rank(args.top as usize);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (i, ranking) in rankings.iter().enumerate() {
        let mut line = serde_json::json!({
            "irritant": input.irritants[i].id,
            "ranking": ranking.iter().map(|&(c, _)| &input.companies[c as usize].id).collect::<Vec<_>>(),
            "scores": ranking.iter().map(|&(_, s)| round(s)).collect::<Vec<_>>(),
        });
        if args.explain {
            line["explanations"] = serde_json::to_value(
                ranking
                    .iter()
                    .map(|&(c, _)| matcher.explain(i, c as usize))
                    .collect::<Vec<_>>(),
            )
            .map_err(|e| e.to_string())?;
        }
        use std::io::Write;
        writeln!(out, "{line}").map_err(|e| format!("écriture / write: {e}"))?;
    }
    use std::io::Write;
    out.flush().map_err(|e| format!("écriture / write: {e}"))
}
