//! `incidex search QUERY`: ranked hits from the tantivy index (refreshed
//! first when stale), with the matched terms highlighted.

use super::Outcome;
use anyhow::Result;
use std::io::IsTerminal;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// What to look for: words, an error message, a stack trace, an identifier
    pub query: String,
    /// Most hits to show
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Print the JSON of the SPEC (query, total, took_ms, hits)
    #[arg(long)]
    pub json: bool,
    /// Only incidents naming this technology
    #[arg(long)]
    pub tech: Option<String>,
    /// Only incidents of this service
    #[arg(long)]
    pub service: Option<String>,
    /// Only incidents with this status (resolved, mitigated, ...)
    #[arg(long)]
    pub status: Option<String>,
    /// Only incidents with this severity (critical, high, medium, low)
    #[arg(long)]
    pub severity: Option<String>,
    /// Only incidents dated on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
}

pub fn run(root: Option<&Path>, args: Args) -> Result<Outcome> {
    let (root, config) = super::open_kb(root)?;
    let searcher = crate::index::open_fresh(&root, &config)?;
    let opts = crate::index::Options {
        limit: args.limit,
        technology: args.tech,
        service: args.service,
        status: args.status,
        severity: args.severity,
        since: args.since,
    };
    let results = searcher.search(&args.query, &opts)?;
    if args.json {
        println!("{}", serde_json::to_string(&results)?);
        return Ok(Outcome::Ok);
    }
    let color = std::io::stdout().is_terminal();
    if results.hits.is_empty() {
        println!("no incident matches ({:.1} ms)", results.took_ms);
    }
    for (n, h) in results.hits.iter().enumerate() {
        let meta: Vec<&str> = [h.date.as_deref(), h.status.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        println!(
            "{}. {}  [{}]  {}",
            n + 1,
            h.title,
            meta.join(" · "),
            h.source
        );
        println!("   {}", terminal_snippet(&h.snippet, color));
    }
    Ok(Outcome::Ok)
}

/// The HTML snippet for a terminal: marks in bold yellow (or `[...]`
/// without colour), entities decoded.
fn terminal_snippet(html: &str, color: bool) -> String {
    let (open, close) = if color {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    html.replace("<mark>", open)
        .replace("</mark>", close)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
