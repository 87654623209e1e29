//! Reads every report of a knowledge base in parallel into a `Site`, with
//! the diagnostics of each. One bad report never hides the others.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::extract;
use crate::model::{self, Incident};
use crate::source;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

pub struct Loaded {
    /// Every report read, newest first (ids as written; `Site::new` makes
    /// them unique).
    pub incidents: Vec<Incident>,
    pub diagnostics: Vec<Diagnostic>,
    /// Report files found, read or not.
    pub files: usize,
}

/// Reads and extracts one file (any path, any extension).
pub fn load_file(
    path: &Path,
    root: &Path,
    config: &Config,
) -> Result<(Incident, Vec<Diagnostic>), Diagnostic> {
    let display = source::display_path(path, root);
    let src = source::read(path, &display, config.max_file_bytes)?;
    let out = extract::extract(&src, config);
    Ok((out.incident, out.diagnostics))
}

/// Every report under the content folder.
pub fn load(root: &Path, config: &Config) -> Loaded {
    let content = root.join(&config.content_dir);
    let walk = source::walk(&content, config);
    let files: Vec<PathBuf> = walk.files;
    if files.len() > 1 {
        extract::warm_up();
    }
    let results: Vec<Result<(Incident, Vec<Diagnostic>), Diagnostic>> = files
        .par_iter()
        .map(|p| load_file(p, root, config))
        .collect();
    let mut incidents = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = walk
        .skipped
        .into_iter()
        .map(|(path, why)| Diagnostic::warning(source::display_path(&path, root), 1, 1, why))
        .collect();
    for r in results {
        match r {
            Ok((inc, diags)) => {
                incidents.push(inc);
                diagnostics.extend(diags);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    model::sort_newest_first(&mut incidents);
    for (id, sources) in model::duplicate_ids(&incidents) {
        // Every report sharing the id is told, and names the others: none
        // of them keeps the contested URL (see `model::make_ids_unique`).
        for s in &sources {
            let others: Vec<&str> = sources
                .iter()
                .filter(|o| *o != s)
                .map(String::as_str)
                .collect();
            diagnostics.push(Diagnostic::error(
                s.clone(),
                1,
                1,
                format!(
                    "duplicate id `{id}` (also used by {}); each is published under `{id}-` and a hash of its path until one sets a unique `id:` in front matter",
                    others.join(", ")
                ),
            ));
        }
    }
    diagnostics.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    Loaded {
        incidents,
        diagnostics,
        files: files.len(),
    }
}
