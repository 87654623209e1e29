//! `incidex export [--format json|ndjson]`.

use super::Outcome;
use crate::load;
use anyhow::Result;
use std::io::Write;
use std::path::Path;

#[derive(clap::ValueEnum, Clone, Copy, Debug, Default)]
pub enum Format {
    #[default]
    Json,
    Ndjson,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output format: one JSON array, or one JSON object a line
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

pub fn run(root: Option<&Path>, args: Args) -> Result<Outcome> {
    let (root, config) = super::open(root)?;
    let loaded = load::load(&root, &config);
    let has_errors = loaded
        .diagnostics
        .iter()
        .any(|d| d.level == crate::diagnostic::Level::Error);
    for d in loaded
        .diagnostics
        .iter()
        .filter(|d| d.level == crate::diagnostic::Level::Error)
    {
        eprintln!("{d}");
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&loaded.incidents)?)?,
        Format::Ndjson => {
            for i in &loaded.incidents {
                writeln!(out, "{}", serde_json::to_string(i)?)?;
            }
        }
    }
    Ok(if has_errors {
        Outcome::ContentErrors
    } else {
        Outcome::Ok
    })
}
