//! The rebuild worker's memory: every report as last read, so a change
//! re-reads only the files it names; then the site is modelled, the index
//! updated and the site rendered into a new in-memory snapshot.

use super::watch::Change;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Level};
use crate::model::{Incident, Site};
use crate::output::Snapshot;
use anyhow::Result;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

type Read = Result<(Incident, Vec<Diagnostic>), Diagnostic>;

pub struct Engine {
    root: PathBuf,
    config: Config,
    base_url: Option<String>,
    drafts: bool,
    reports: BTreeMap<PathBuf, Read>,
    /// Why the config file on disk is not the one in use.
    config_error: Option<Diagnostic>,
}

/// A finished rebuild.
pub struct Built {
    pub snapshot: Snapshot,
    /// Every error diagnostic of the knowledge base now.
    pub errors: Vec<Diagnostic>,
    /// Whether a file this change touched has errors: then the last good
    /// site stays up, with the overlay.
    pub failed: bool,
    pub incidents: usize,
    pub took: Duration,
}

impl Engine {
    pub fn new(root: &Path, config: Config, base_url: Option<String>, drafts: bool) -> Engine {
        let mut engine = Engine {
            root: root.to_path_buf(),
            config,
            base_url,
            drafts,
            reports: BTreeMap::new(),
            config_error: None,
        };
        engine.read_all();
        engine
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    fn content(&self) -> PathBuf {
        self.root.join(&self.config.content_dir)
    }

    fn read_all(&mut self) {
        let files = crate::source::discover(&self.content(), &self.config);
        let (root, config) = (&self.root, &self.config);
        self.reports = files
            .into_par_iter()
            .map(|p| {
                let read = crate::load::load_file(&p, root, config);
                (p, read)
            })
            .collect();
    }

    /// Re-reads what `changes` name; returns the reports they touched.
    pub fn apply(&mut self, changes: &BTreeSet<Change>) -> BTreeSet<PathBuf> {
        let mut touched = BTreeSet::new();
        for change in changes {
            match change {
                Change::Config => {
                    // A broken config keeps the one in use and shows why.
                    match Config::load(&self.root) {
                        Ok(c) => {
                            self.config = c;
                            self.config_error = None;
                        }
                        Err(e) => {
                            self.config_error = Some(Diagnostic::error(
                                crate::config::CONFIG_FILE,
                                1,
                                1,
                                format!("{e:#}"),
                            ));
                        }
                    }
                    self.read_all();
                    touched.extend(self.reports.keys().cloned());
                }
                Change::Content(path) => {
                    // What is on disk now decides: a rename is a removal and a
                    // creation, a folder is read again whole.
                    let gone: Vec<PathBuf> = self
                        .reports
                        .keys()
                        .filter(|p| p.starts_with(path))
                        .cloned()
                        .collect();
                    for p in gone {
                        self.reports.remove(&p);
                        touched.insert(p);
                    }
                    let present = if path.is_dir() {
                        crate::source::discover(path, &self.config)
                    } else if path.is_file() {
                        vec![path.clone()]
                    } else {
                        Vec::new()
                    };
                    for p in present {
                        let read = crate::load::load_file(&p, &self.root, &self.config);
                        self.reports.insert(p.clone(), read);
                        touched.insert(p);
                    }
                }
                Change::Templates | Change::Static => {}
            }
        }
        touched
    }

    /// Models, indexes and renders the site as the reports are now.
    pub fn build(&self, touched: &BTreeSet<PathBuf>) -> Result<Built> {
        let started = Instant::now();
        let mut config = self.config.clone();
        if let Some(b) = &self.base_url {
            config.base_url = b.clone();
        }
        let mut incidents = Vec::with_capacity(self.reports.len());
        let mut errors: Vec<Diagnostic> = self.config_error.iter().cloned().collect();
        let mut failed = self.config_error.is_some();
        for (path, read) in &self.reports {
            let bad: Vec<&Diagnostic> = match read {
                Ok((incident, diags)) => {
                    if self.drafts || !incident.draft {
                        incidents.push(incident.clone());
                    }
                    diags.iter().filter(|d| d.level == Level::Error).collect()
                }
                Err(d) => vec![d],
            };
            if !bad.is_empty() && touched.contains(path) {
                failed = true;
            }
            errors.extend(bad.into_iter().cloned());
        }
        crate::model::sort_newest_first(&mut incidents);
        let site = Site::new(incidents);
        let dir = crate::index::index_dir(&self.root);
        crate::index::update(&dir, &site.incidents)?;
        let mut snapshot = crate::render::render(&site, &config, &self.root, &|| {})?;
        let collect = std::sync::Mutex::new(Vec::new());
        crate::index::export::export(&dir, &site.incidents, &|path, bytes| {
            collect
                .lock()
                .map_err(|_| anyhow::anyhow!("export lock poisoned"))?
                .push((path, bytes));
            Ok(())
        })?;
        for (path, bytes) in collect
            .into_inner()
            .map_err(|_| anyhow::anyhow!("export lock poisoned"))?
        {
            snapshot.insert(path, bytes);
        }
        Ok(Built {
            snapshot,
            errors,
            failed,
            incidents: site.incidents.len(),
            took: started.elapsed(),
        })
    }
}
