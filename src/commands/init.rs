//! `incidex init [DIR]`: a new knowledge base with one example postmortem.

use super::Outcome;
use anyhow::{bail, Context, Result};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder to create the knowledge base in (default: current folder)
    pub dir: Option<PathBuf>,
}

const CONFIG: &str = r#"# incidex configuration: every key is optional.
title = "Incident knowledge base"
description = "Postmortems: what broke, why, and what fixed it"
base_url = "/"
# content_dir = "content"
# output_dir = "public"

# [technologies]
# "Internal Queue" = ["iq", "internal-queue"]
"#;

pub const EXAMPLE: &str = include_str!("../../templates/postmortem/example.md");

pub fn run(args: Args, quiet: bool) -> Result<Outcome> {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let config = dir.join(crate::config::CONFIG_FILE);
    if config.exists() {
        bail!("{} already exists; not overwriting it", config.display());
    }
    let example = dir
        .join("content")
        .join("example-database-pool-exhaustion.md");
    if example.exists() {
        bail!("{} already exists; not overwriting it", example.display());
    }
    std::fs::write(&config, CONFIG)
        .with_context(|| format!("cannot write {}", config.display()))?;
    if let Some(parent) = example.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(&example, EXAMPLE)
        .with_context(|| format!("cannot write {}", example.display()))?;
    if !quiet {
        println!("created {} and {}", config.display(), example.display());
    }
    Ok(Outcome::Ok)
}
