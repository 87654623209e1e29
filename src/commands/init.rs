//! `incidex init [DIR]`: a new knowledge base with one example postmortem.

use super::Outcome;
use anyhow::{bail, Context, Result};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder to create the knowledge base in (default: current folder)
    pub dir: Option<PathBuf>,
    /// Address the site will be published at, such as
    /// https://kb.example.com/ (the feed and the sitemap need it); asked
    /// for when the terminal is interactive
    #[arg(long, value_name = "URL", value_parser = crate::config::base_url)]
    pub base_url: Option<String>,
}

const CONFIG: &str = r#"# incidex configuration: every key is optional.
title = "Incident knowledge base"
description = "Postmortems: what broke, why, and what fixed it"
{{base_url}}
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
    let base_url = match args.base_url {
        Some(url) => Some(url),
        None if !quiet && std::io::stdin().is_terminal() && std::io::stderr().is_terminal() => {
            ask_base_url()?
        }
        None => None,
    };
    let base_line = match &base_url {
        // Checked by `config::base_url`: no quote or backslash to escape.
        Some(url) => format!("base_url = \"{url}\""),
        None => "# The address the site is published at, such as \"https://kb.example.com/\":\n\
                 # the Atom feed and the sitemap need it for their absolute links.\n\
                 base_url = \"/\""
            .to_string(),
    };
    std::fs::write(&config, CONFIG.replace("{{base_url}}", &base_line))
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

/// Asks on the terminal where the site will be published; Enter leaves it
/// for later. A value that is no path or http(s) URL is asked again.
fn ask_base_url() -> Result<Option<String>> {
    let stdin = std::io::stdin();
    loop {
        eprint!(
            "Address the site will be published at (such as https://kb.example.com/; Enter to set it later): "
        );
        std::io::stderr().flush().ok();
        let mut line = String::new();
        if stdin.lock().read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let answer = line.trim();
        if answer.is_empty() {
            return Ok(None);
        }
        match crate::config::base_url(answer) {
            Ok(url) => return Ok(Some(url)),
            Err(e) => eprintln!("{e}"),
        }
    }
}
