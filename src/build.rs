//! `build`: read and extract every report, render the site, write it.
//! Owns the stage order, per-phase timings and the progress bar.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Level};
use crate::load;
use crate::model::Site;
use crate::output::{self, WriteReport};
use crate::render;
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Output folder (default: the config's `output_dir` under the root).
    pub out: Option<PathBuf>,
    /// Overrides the config's `base_url`.
    pub base_url: Option<String>,
    /// Include reports marked `draft: true`.
    pub drafts: bool,
    /// Show a progress bar (when stderr is a terminal).
    pub progress: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub incidents: usize,
    pub pages: usize,
    pub files: usize,
    pub write: WriteReport,
    pub index: crate::index::UpdateReport,
    pub warnings: usize,
    pub errors: usize,
    pub phases: Vec<(&'static str, Duration)>,
    pub total: Duration,
    pub out: PathBuf,
}

impl Report {
    /// The one-line summary `build` prints.
    pub fn summary(&self) -> String {
        let phases: Vec<String> = self
            .phases
            .iter()
            .map(|(n, d)| format!("{n} {:.2}s", d.as_secs_f64()))
            .collect();
        use crate::plural::count;
        format!(
            "built {}, {} ({}: {} written, {} unchanged, {} removed) into {}, search index {} added, {} updated, {} removed, {} unchanged, with {}{} in {:.2}s ({})",
            count(self.incidents, "incident"),
            count(self.pages, "page"),
            count(self.files, "file"),
            self.write.written,
            self.write.unchanged,
            self.write.removed,
            self.out.display(),
            self.index.added,
            self.index.updated,
            self.index.removed,
            self.index.unchanged,
            count(self.warnings, "warning"),
            if self.errors > 0 { format!(" and {}", count(self.errors, "error")) } else { String::new() },
            self.total.as_secs_f64(),
            phases.join(", ")
        )
    }
}

/// Builds the site of the knowledge base at `root`.
pub fn build(root: &Path, config: &Config, opts: &Options) -> Result<(Report, Vec<Diagnostic>)> {
    let started = Instant::now();
    let mut config = config.clone();
    if let Some(b) = &opts.base_url {
        config.base_url = b.clone();
    }
    let out = opts
        .out
        .clone()
        .unwrap_or_else(|| root.join(&config.output_dir));
    output::check_output_dir(&out, root, &root.join(&config.content_dir))?;

    // Taken before reading: a report edited during the build makes the
    // stamp stale, never the index.
    let stamp = crate::index::stamp(root, &config, opts.drafts);
    let t = Instant::now();
    let loaded = load::load(root, &config);
    let read = t.elapsed();

    let t = Instant::now();
    let mut incidents = loaded.incidents;
    if !opts.drafts {
        incidents.retain(|i| !i.draft);
    }
    let site = Site::new(incidents);
    let model = t.elapsed();

    let t = Instant::now();
    let index = crate::index::update_stamped(
        &crate::index::index_dir(root),
        &site.incidents,
        Some(&stamp),
    )?;
    let index_time = t.elapsed();

    let bar = opts.progress.then(|| {
        let bar = indicatif::ProgressBar::new(site.incidents.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} rendering {pos}/{len} incidents [{bar:30}] {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar
    });
    let t = Instant::now();
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    // Pages go to disk as they are rendered: a large site never sits in memory whole.
    let writer = output::Writer::new(&out)?;
    let files = std::sync::atomic::AtomicUsize::new(0);
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let emit = |path: String, bytes: Vec<u8>| -> Result<()> {
        files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if path.ends_with(".html") {
            pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        writer.put(&path, &bytes)
    };
    render::render_to(&site, &config, root, &tick, &emit)?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let render_time = t.elapsed();

    let t = Instant::now();
    crate::index::export::export(&crate::index::index_dir(root), &site.incidents, &emit)?;
    let export_time = t.elapsed();

    let t = Instant::now();
    let write = writer.finish()?;
    let write_time = t.elapsed();

    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(config.absolute_url_warning(root, opts.base_url.is_some()));
    let report = Report {
        incidents: site.incidents.len(),
        pages: pages.into_inner(),
        files: files.into_inner(),
        write,
        index,
        warnings: diagnostics
            .iter()
            .filter(|d| d.level == Level::Warning)
            .count(),
        errors: diagnostics
            .iter()
            .filter(|d| d.level == Level::Error)
            .count(),
        phases: vec![
            ("read+extract", read),
            ("model", model),
            ("index", index_time),
            ("render+write", render_time),
            ("search export", export_time),
            ("cleanup", write_time),
        ],
        total: started.elapsed(),
        out,
    };
    Ok((report, diagnostics))
}
