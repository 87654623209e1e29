//! `incidex check [--strict]`: lints every report.

use super::Outcome;
use crate::diagnostic::Level;
use crate::load;
use anyhow::Result;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,
}

pub fn run(root: Option<&Path>, args: Args, quiet: bool) -> Result<Outcome> {
    let (root, config) = super::open(root)?;
    let loaded = load::load(&root, &config);
    let errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.level == Level::Error || args.strict)
        .count();
    let warnings = loaded.diagnostics.len()
        - loaded
            .diagnostics
            .iter()
            .filter(|d| d.level == Level::Error)
            .count();
    for d in &loaded.diagnostics {
        if !quiet || d.level == Level::Error || args.strict {
            eprintln!("{d}");
        }
    }
    println!(
        "checked {} reports: {} errors, {} warnings{}",
        loaded.files,
        loaded
            .diagnostics
            .iter()
            .filter(|d| d.level == Level::Error)
            .count(),
        warnings,
        if args.strict {
            " (--strict: warnings count as errors)"
        } else {
            ""
        }
    );
    Ok(if errors > 0 {
        Outcome::ContentErrors
    } else {
        Outcome::Ok
    })
}
