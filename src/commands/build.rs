//! `incidex build`: the static site.

use super::Outcome;
use crate::diagnostic::Level;
use anyhow::Result;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output folder (default: output_dir from incidex.toml, else public/)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Base URL or path prefix for every link (overrides base_url)
    #[arg(long, value_name = "URL", value_parser = crate::config::base_url)]
    pub base_url: Option<String>,
    /// Include reports whose front matter says draft: true
    #[arg(long)]
    pub drafts: bool,
}

pub fn run(root: Option<&Path>, args: Args, quiet: bool) -> Result<Outcome> {
    let (root, config) = super::open_kb(root)?;
    let opts = crate::build::Options {
        out: args.out,
        base_url: args.base_url,
        drafts: args.drafts,
        progress: !quiet && std::io::stderr().is_terminal(),
    };
    let (report, diagnostics) = crate::build::build(&root, &config, &opts)?;
    for d in &diagnostics {
        if d.level == Level::Error || !quiet {
            eprintln!("{d}");
        }
    }
    if !quiet {
        println!("{}", report.summary());
    }
    Ok(if report.errors > 0 {
        Outcome::ContentErrors
    } else {
        Outcome::Ok
    })
}
