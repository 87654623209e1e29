//! `incidex check [--strict]`: lints every report.

use super::Outcome;
use crate::diagnostic::Level;
use crate::load;
use crate::plural::count;
use anyhow::Result;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,
}

pub fn run(root: Option<&Path>, args: Args, quiet: bool) -> Result<Outcome> {
    let (root, config) = super::open_kb(root)?;
    let mut loaded = load::load(&root, &config);
    loaded
        .diagnostics
        .extend(config.absolute_url_warning(&root, false));
    let errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.level == Level::Error || args.strict)
        .count();
    let written_errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .count();
    let warnings = loaded.diagnostics.len() - written_errors;
    for d in &loaded.diagnostics {
        if !quiet || d.level == Level::Error || args.strict {
            eprintln!("{d}");
        }
    }
    println!(
        "checked {}: {}, {}{}",
        count(loaded.files, "report"),
        count(written_errors, "error"),
        count(warnings, "warning"),
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
