//! `incidex export [--format json|ndjson|opensearch-bulk|opensearch-mapping]`:
//! every incident for other tools. The OpenSearch formats feed a search
//! engine that serves many knowledge bases: `_bulk` API lines, ids made
//! unique as on the site, and the index mapping of the incident schema.

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
    /// OpenSearch / Elasticsearch `_bulk` lines: an `index` action, then
    /// the incident, for each incident.
    OpensearchBulk,
    /// The index mapping for the incident schema (create the index with it
    /// before the first bulk load).
    OpensearchMapping,
}

/// The mapping of `data/opensearch-mapping.json`, shipped in the binary.
pub const OPENSEARCH_MAPPING: &str = include_str!("../../data/opensearch-mapping.json");

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output format: one JSON array, one JSON object a line, `_bulk`
    /// API lines, or the index mapping for them
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// The index the `_bulk` lines write to
    #[arg(long, default_value = "incidents")]
    pub index: String,
}

pub fn run(root: Option<&Path>, args: Args) -> Result<Outcome> {
    if let Format::OpensearchMapping = args.format {
        print!("{OPENSEARCH_MAPPING}");
        return Ok(Outcome::Ok);
    }
    let (root, config) = super::open_kb(root)?;
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
        Format::OpensearchBulk => {
            // The site's ids: unique, so no document overwrites another.
            let site = crate::model::Site::new(loaded.incidents);
            for i in &site.incidents {
                let action = serde_json::json!({ "index": { "_index": args.index, "_id": i.id } });
                writeln!(out, "{action}")?;
                writeln!(out, "{}", serde_json::to_string(i.as_ref())?)?;
            }
        }
        Format::OpensearchMapping => {}
    }
    Ok(if has_errors {
        Outcome::ContentErrors
    } else {
        Outcome::Ok
    })
}
