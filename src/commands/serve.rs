//! `incidex serve`: the site from memory, rebuilt and reloaded as files change.

use super::Outcome;
use anyhow::Result;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Address to listen on (default: [serve] bind in incidex.toml, else 127.0.0.1)
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<String>,
    /// Port (default: [serve] port in incidex.toml, else 1111; 0 picks a free one)
    #[arg(long, value_name = "N")]
    pub port: Option<u16>,
    /// Poll for changes instead of waiting for file-system events (network
    /// drives, containers, WSL, or when the inotify limit is reached)
    #[arg(long)]
    pub poll: bool,
    /// Include reports whose front matter says draft: true
    #[arg(long)]
    pub drafts: bool,
    /// Base URL or path prefix for every link (overrides base_url)
    #[arg(long, value_name = "URL", value_parser = crate::config::base_url)]
    pub base_url: Option<String>,
}

pub fn run(root: Option<&Path>, args: Args) -> Result<Outcome> {
    let (root, config) = super::open_kb(root)?;
    let opts = crate::serve::Options {
        bind: args.bind.unwrap_or_else(|| config.serve.bind.clone()),
        port: args.port.unwrap_or(config.serve.port),
        poll: args.poll,
        drafts: args.drafts,
        base_url: args.base_url,
        report: true,
    };
    crate::serve::run(&root, config, &opts)?;
    Ok(Outcome::Ok)
}
