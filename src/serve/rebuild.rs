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
use std::sync::Arc;
use std::time::{Duration, Instant};

type Read = Result<(Arc<Incident>, Vec<Diagnostic>), Diagnostic>;

fn read(path: &Path, root: &Path, config: &Config) -> Read {
    crate::load::load_file(path, root, config).map(|(i, d)| (Arc::new(i), d))
}

/// What a report's card, JSON and lessons were before an edit.
struct Before {
    /// Its place in the site (an edit that keeps the site's shape keeps it).
    n: usize,
    card: crate::render::pages::Card,
    json: bytes::Bytes,
    lessons: Vec<String>,
}

/// The last build: what the next one compares against and starts from.
struct Previous {
    site: Arc<Site>,
    snapshot: Snapshot,
    /// Taken by the next build that keeps templates and config.
    parts: Option<crate::render::Parts>,
}

pub struct Engine {
    root: PathBuf,
    config: Config,
    base_url: Option<String>,
    drafts: bool,
    reports: BTreeMap<PathBuf, Read>,
    /// Why the config file on disk is not the one in use.
    config_error: Option<Diagnostic>,
    previous: Option<Previous>,
    /// Templates, static files or the config changed since the last build:
    /// every page is rendered again.
    render_all: bool,
    /// Reports changed since the last published build: a failed build
    /// keeps them, so the next one renders everything they touched.
    dirty: BTreeSet<PathBuf>,
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
    /// Pages rendered again, when not the whole site.
    pub pages: Option<usize>,
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
            previous: None,
            render_all: true,
            dirty: BTreeSet::new(),
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
                let read = read(&p, root, config);
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
                    self.render_all = true;
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
                        let read = read(&p, &self.root, &self.config);
                        self.reports.insert(p.clone(), read);
                        touched.insert(p);
                    }
                }
                Change::Templates | Change::Static => self.render_all = true,
            }
        }
        touched
    }

    /// Models and renders the site as the reports are now. After a report
    /// changes, only the pages that show it are rendered; the rest come
    /// from the last build. The search index and the static search files
    /// are not part of it: they are brought up to date afterwards, off the
    /// path to the reload (`export_job`).
    pub fn build(&mut self, touched: &BTreeSet<PathBuf>) -> Result<Built> {
        let started = Instant::now();
        self.dirty.extend(touched.iter().cloned());
        let touched = self.dirty.clone();
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
                        incidents.push(Arc::clone(incident));
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
        if failed {
            // Nothing is published; the next change starts from the last good build.
            return Ok(Built {
                snapshot: Snapshot::default(),
                errors,
                failed,
                incidents: incidents.len(),
                pages: Some(0),
                took: started.elapsed(),
            });
        }
        let t_collect = started.elapsed();
        let touched_sources: BTreeSet<String> = touched
            .iter()
            .map(|p| crate::source::display_path(p, &self.root))
            .collect();
        // An edit that keeps its reports' groupings keeps the site's shape
        // (`Site::replacing`): then only their pages, and the pages that
        // show their cards, lessons or JSON if those changed, are rendered.
        let edited = match &self.previous {
            Some(prev) if !self.render_all => prev.parts.as_ref().and_then(|parts| {
                let changed: Vec<Arc<Incident>> = touched
                    .iter()
                    .map(|p| match self.reports.get(p) {
                        Some(Ok((i, _))) if self.drafts || !i.draft => Some(Arc::clone(i)),
                        _ => None,
                    })
                    .collect::<Option<_>>()?;
                let site = prev.site.replacing(&changed)?;
                let before: Vec<Before> = changed
                    .iter()
                    .filter_map(|i| {
                        let n = site.incidents.iter().position(|s| Arc::ptr_eq(s, i))?;
                        Some(Before {
                            n,
                            card: parts.card(n).clone(),
                            json: parts.json(n).clone(),
                            lessons: prev.site.incidents[n].lessons.clone(),
                        })
                    })
                    .collect();
                Some((site, before))
            }),
            _ => None,
        };
        let (site, before) = match edited {
            Some((site, before)) => (site, Some(before)),
            None => (
                Site::from_shared(incidents, self.previous.as_ref().map(|p| &*p.site)),
                None,
            ),
        };
        let t_site = started.elapsed();
        let reused = match self.previous.as_mut() {
            Some(prev) if !self.render_all => prev.parts.take(),
            _ => None,
        };
        let mut parts = match reused {
            Some(parts) => parts.reuse(&site)?,
            None => crate::render::Parts::new(&site, &config, &self.root)?.remembering(),
        };
        let scope = match (&self.previous, before) {
            (Some(_), Some(before)) => {
                let pages = edited_pages(&site, &parts, &before);
                // These pages show what changed: rendering them is not
                // worth checking whether they changed.
                parts.mark_changed(pages.iter().cloned());
                Some(pages)
            }
            (Some(prev), None) if !self.render_all => {
                affected(&prev.site, &site, &touched_sources, parts.per_page())
            }
            _ => None,
        };
        tracing::debug!(
            "rebuild: {} pages to render ({:?} in)",
            scope
                .as_ref()
                .map_or("all".to_string(), |s| s.len().to_string()),
            started.elapsed()
        );
        let t_parts = started.elapsed();
        let pages = scope.as_ref().map(|s| s.len());
        let snapshot = match (scope, &self.previous) {
            (Some(pages), Some(prev)) => {
                let mut snapshot = prev.snapshot.clone();
                let fresh = std::sync::Mutex::new(Vec::new());
                let unchanged: BTreeSet<String> = crate::render::render_parts(
                    &site,
                    &parts,
                    &self.root,
                    &|| {},
                    &|p| p != crate::render::API_JSON && pages.contains(p),
                    &|path, bytes| {
                        fresh
                            .lock()
                            .map_err(|_| anyhow::anyhow!("render lock poisoned"))?
                            .push((path, bytes));
                        Ok(())
                    },
                )?
                .into_iter()
                .collect();
                // What is not rendered again is kept if unchanged, else gone.
                for p in pages.iter().filter(|p| !unchanged.contains(*p)) {
                    snapshot.files.remove(p);
                }
                // A split sitemap's parts go with it; this rendering made them anew.
                if pages.contains("sitemap.xml") {
                    snapshot
                        .files
                        .retain(|p, _| !crate::render::is_sitemap_part(p));
                }
                for (path, bytes) in fresh
                    .into_inner()
                    .map_err(|_| anyhow::anyhow!("render lock poisoned"))?
                {
                    snapshot.insert(path, bytes);
                }
                if pages.contains(crate::render::API_JSON) {
                    snapshot
                        .pieced
                        .insert(crate::render::API_JSON.into(), parts.json_pieces());
                }
                snapshot
            }
            _ => {
                // Every file is made again: none may be skipped as unchanged.
                parts.forget_others(&|_| false);
                let snap = std::sync::Mutex::new(Snapshot::default());
                crate::render::render_parts(
                    &site,
                    &parts,
                    &self.root,
                    &|| {},
                    &|p| p != crate::render::API_JSON,
                    &|path, bytes| {
                        snap.lock()
                            .map_err(|_| anyhow::anyhow!("snapshot lock poisoned"))?
                            .insert(path, bytes);
                        Ok(())
                    },
                )?;
                let mut snapshot = snap
                    .into_inner()
                    .map_err(|_| anyhow::anyhow!("snapshot lock poisoned"))?;
                // Pieced: the next edit shares all but one incident's JSON.
                snapshot
                    .pieced
                    .insert(crate::render::API_JSON.into(), parts.json_pieces());
                snapshot
            }
        };
        let incidents = site.incidents.len();
        // Where a rebuild's time goes (`-vv` shows it): the next optimizations.
        tracing::debug!(
            "rebuild: reports {t_collect:?}, model {:?}, cards {:?}, pages {:?}",
            t_site - t_collect,
            t_parts - t_site,
            started.elapsed() - t_parts
        );
        parts.forget_others(&|p| snapshot.contains(p));
        self.render_all = false;
        self.dirty.clear();
        self.previous = Some(Previous {
            site: Arc::new(site),
            snapshot: snapshot.clone(),
            parts: Some(parts),
        });
        Ok(Built {
            snapshot,
            errors,
            failed,
            incidents,
            pages,
            took: started.elapsed(),
        })
    }

    /// What the static search export of the last build needs: the index
    /// folder and the site (made on another thread, after publishing).
    pub fn export_job(&self) -> Option<(PathBuf, std::sync::Arc<Site>)> {
        let prev = self.previous.as_ref()?;
        Some((
            crate::index::index_dir(&self.root),
            std::sync::Arc::clone(&prev.site),
        ))
    }
}

/// The static search files of `site` from the index in `dir`.
pub fn export_files(dir: &Path, site: &Site) -> Result<Vec<(String, Vec<u8>)>> {
    let files = std::sync::Mutex::new(Vec::new());
    crate::index::export::export(dir, &site.incidents, &|path, bytes| {
        files
            .lock()
            .map_err(|_| anyhow::anyhow!("export lock poisoned"))?
            .push((path, bytes));
        Ok(())
    })?;
    files
        .into_inner()
        .map_err(|_| anyhow::anyhow!("export lock poisoned"))
}

/// The pages an edit that kept the site's shape changes (see
/// `Site::replacing`): each report's page; if its card changed, every page
/// that shows the card (home, its listings and error pages, the feed, the
/// pages that list it as related); the lessons page if its lessons or its
/// card's title changed; the JSON API if its JSON changed.
fn edited_pages(site: &Site, parts: &crate::render::Parts, before: &[Before]) -> BTreeSet<String> {
    use crate::render::{pages, paginate};
    let per_page = parts.per_page();
    // Any report's edit may move a figure; the page is skipped when none moved.
    let mut out = BTreeSet::from([crate::render::INSIGHTS.to_string()]);
    for b in before {
        let inc = &site.incidents[b.n];
        out.insert(format!("incidents/{}/index.html", inc.id));
        // Same aliases (else the site's shape changed), perhaps a new title.
        out.extend(crate::render::alias_paths(inc));
        if *parts.json(b.n) != b.json {
            out.insert("api/incidents.json".to_string());
        }
        let card_changed = *parts.card(b.n) != b.card;
        if inc.lessons.is_empty() != b.lessons.is_empty() {
            // The lessons' order moved: every page, and the one that may be gone.
            let mut paths = pages::lessons_paths(site, per_page);
            let gone = paginate::output_path("lessons/", paths.len() + 1);
            paths.push(gone);
            out.extend(paths);
        } else if inc.lessons != b.lessons || (card_changed && !inc.lessons.is_empty()) {
            out.extend(pages::lessons_page_of(site, b.n, per_page));
            if inc.lessons.len() != b.lessons.len() {
                // The first page's contents count each group's lessons.
                out.insert(paginate::output_path("lessons/", 1));
            }
        }
        if !card_changed {
            continue;
        }
        out.insert(paginate::output_path("", paginate::page_of(b.n, per_page)));
        if b.n < pages::FEED_ENTRIES {
            out.insert("atom.xml".to_string());
        }
        for (kind, names, terms) in [
            ("technologies", &inc.technologies, &site.technologies),
            ("services", &inc.services, &site.services),
            ("tags", &inc.tags, &site.tags),
        ] {
            for name in names {
                let slug = crate::extract::text::slugify(name);
                if let Some(t) = terms.get(&slug) {
                    let dir = format!("{kind}/{slug}/");
                    out.extend(paginate::path_of(&dir, &t.incidents, b.n, per_page));
                }
            }
        }
        for e in inc.errors.iter().filter(|e| !e.signature.is_empty()) {
            if let Some(g) = site.errors.get(&e.signature) {
                let dir = format!("errors/{}/", e.signature);
                out.extend(paginate::path_of(&dir, &g.incidents, b.n, per_page));
            }
        }
        for (m, related) in site.related.iter().enumerate() {
            if related.contains(&b.n) {
                out.insert(format!("incidents/{}/index.html", site.incidents[m].id));
            }
        }
    }
    out
}

/// The output paths that show anything of the reports `touched` (by
/// source), in the old site or the new: their pages, the pages of
/// incidents that share an error with them or list them as related (or
/// whose related list changed), the listings and error pages they are on,
/// and the site-wide pages. `None` when ids moved (a duplicate id
/// resolved differently): then everything is rendered.
/// A site's technologies, services or tags.
fn terms_of<'a>(
    site: &'a Site,
    kind: &str,
) -> &'a std::collections::BTreeMap<String, crate::model::Term> {
    match kind {
        "technologies" => &site.technologies,
        "services" => &site.services,
        _ => &site.tags,
    }
}

fn affected(
    old: &Site,
    new: &Site,
    touched: &BTreeSet<String>,
    per_page: usize,
) -> Option<BTreeSet<String>> {
    use crate::render::{pages as site_pages, paginate};
    let ids = |site: &Site| -> std::collections::HashMap<String, String> {
        site.incidents
            .iter()
            .map(|i| (i.source.clone(), i.id.clone()))
            .collect()
    };
    let (old_ids, new_ids) = (ids(old), ids(new));
    for (source, id) in &new_ids {
        if !touched.contains(source) && old_ids.get(source).is_some_and(|o| o != id) {
            return None;
        }
    }
    let mut pages: BTreeSet<String> = [
        "technologies/index.html",
        "services/index.html",
        "tags/index.html",
        "atom.xml",
        "sitemap.xml",
        "api/incidents.json",
        crate::render::INSIGHTS,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Listings that run over pages: every page either site has (pages the
    // new one no longer has are dropped, unchanged ones are skipped).
    let longest = |items: &dyn Fn(&Site) -> usize| items(old).max(items(new));
    pages.extend(paginate::output_paths(
        "",
        longest(&|s| s.incidents.len()),
        per_page,
    ));
    for site in [old, new] {
        pages.extend(site_pages::lessons_paths(site, per_page));
        pages.extend(site_pages::facet_paths(site));
    }
    let mut changed: BTreeSet<&str> = BTreeSet::new();
    let mut signatures: BTreeSet<&str> = BTreeSet::new();
    for site in [old, new] {
        for i in site
            .incidents
            .iter()
            .filter(|i| touched.contains(&i.source))
        {
            changed.insert(&i.id);
            pages.insert(format!("incidents/{}/index.html", i.id));
            pages.extend(crate::render::alias_paths(i));
            for (kind, names) in [
                ("technologies", &i.technologies),
                ("services", &i.services),
                ("tags", &i.tags),
            ] {
                for name in names {
                    let slug = crate::extract::text::slugify(name);
                    let size = |s: &Site| {
                        terms_of(s, kind)
                            .get(&slug)
                            .map_or(0, |t| t.incidents.len())
                    };
                    pages.extend(paginate::output_paths(
                        &format!("{kind}/{slug}/"),
                        longest(&size),
                        per_page,
                    ));
                }
            }
            for e in i.errors.iter().filter(|e| !e.signature.is_empty()) {
                let size = |s: &Site| s.errors.get(&e.signature).map_or(0, |g| g.incidents.len());
                pages.extend(paginate::output_paths(
                    &format!("errors/{}/", e.signature),
                    longest(&size),
                    per_page,
                ));
                // Other pages say "seen in N incidents": only a new N matters to them.
                let count = |site: &Site| site.errors.get(&e.signature).map(|g| g.incidents.len());
                if count(old) != count(new) {
                    signatures.insert(&e.signature);
                }
            }
        }
    }
    fn related_ids(site: &Site, n: usize) -> Vec<&str> {
        site.related
            .get(n)
            .map(|r| r.iter().map(|&j| site.incidents[j].id.as_str()).collect())
            .unwrap_or_default()
    }
    let old_related: std::collections::HashMap<&str, Vec<&str>> = (0..old.incidents.len())
        .map(|n| (old.incidents[n].id.as_str(), related_ids(old, n)))
        .collect();
    for (n, i) in new.incidents.iter().enumerate() {
        let related = related_ids(new, n);
        let shows_changed = related.iter().any(|r| changed.contains(r))
            || old_related.get(i.id.as_str()) != Some(&related)
            || i.errors
                .iter()
                .any(|e| signatures.contains(e.signature.as_str()));
        if shows_changed {
            pages.insert(format!("incidents/{}/index.html", i.id));
        }
    }
    Some(pages)
}
