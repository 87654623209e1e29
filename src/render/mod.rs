//! Site rendering: incidents → pages (tera templates), feeds, the JSON API
//! and assets, as a `Snapshot` of path → bytes. Writes nothing itself.

pub mod diff;
pub mod highlight;
pub mod insights;
pub mod markdown;
pub mod pages;
pub mod paginate;
pub mod templates;

use crate::config::Config;
use crate::model::{Incident, Site};
use crate::output::Snapshot;
use anyhow::{Context as _, Result};
use pages::{Card, SiteCtx};
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;
use tera::Tera;

fn page<T: Serialize>(tera: &Tera, template: &str, site: &SiteCtx, page: &T) -> Result<Vec<u8>> {
    let mut ctx = tera::Context::new();
    ctx.insert("site", site);
    ctx.insert("page", page);
    tera.render(template, &ctx)
        .map(String::into_bytes)
        .map_err(|e| anyhow::anyhow!("template {template}: {}", templates::error_chain(&e)))
}

/// The insights page, which every change to any report may touch.
pub const INSIGHTS: &str = "insights/index.html";

/// The JSON API: every incident, in site order.
pub const API_JSON: &str = "api/incidents.json";

/// Where rendered files go: written to disk as they come (`build`) or
/// collected in memory (`render`, the dev server).
pub type Emit<'a> = dyn Fn(String, Vec<u8>) -> Result<()> + Sync + 'a;

/// Which files to render: a rebuild after one report changed renders only
/// the pages that show it.
pub type Wanted<'a> = dyn Fn(&str) -> bool + Sync + 'a;

/// Renders the whole site into an in-memory snapshot.
pub fn render(
    site: &Site,
    config: &Config,
    root: &Path,
    progress: &(dyn Fn() + Sync),
) -> Result<Snapshot> {
    let snap = std::sync::Mutex::new(Snapshot::default());
    let emit = |path: String, bytes: Vec<u8>| -> Result<()> {
        snap.lock()
            .map_err(|_| anyhow::anyhow!("snapshot lock poisoned"))?
            .insert(path, bytes);
        Ok(())
    };
    render_to(site, config, root, progress, &emit)?;
    snap.into_inner()
        .map_err(|_| anyhow::anyhow!("snapshot lock poisoned"))
}

/// Renders the whole site, handing each file to `emit` as soon as it is
/// ready, so a large site never has to fit in memory at once. `root` is the
/// knowledge base (for `templates/` and `static/`); `progress` is called
/// once per incident page.
pub fn render_to(
    site: &Site,
    config: &Config,
    root: &Path,
    progress: &(dyn Fn() + Sync),
    emit: &Emit,
) -> Result<()> {
    render_some(site, config, root, progress, &|_| true, emit)
}

/// `render_to` for the files `wanted` accepts only (by output path).
pub fn render_some(
    site: &Site,
    config: &Config,
    root: &Path,
    progress: &(dyn Fn() + Sync),
    wanted: &Wanted,
    emit: &Emit,
) -> Result<()> {
    let parts = Parts::new(site, config, root)?;
    render_parts(site, &parts, root, progress, wanted, emit)?;
    Ok(())
}

/// What every page of one build shares: the templates, the site context,
/// and each incident's card, rendered card and JSON (in site order). A
/// rebuild after a few reports changed keeps the rest (`Parts::reuse`),
/// and, with `remembering`, skips pages whose context did not change.
pub struct Parts {
    tera: Tera,
    sc: SiteCtx,
    /// Cards per listing page (`paginate`).
    per_page: usize,
    cards: Vec<Card>,
    card_html: Vec<String>,
    json: Vec<bytes::Bytes>,
    /// What each page was last rendered from (a hash of its template
    /// name and context), by output path; `None` when not remembering.
    memo: Option<std::sync::Mutex<std::collections::HashMap<String, u64>>>,
    /// Pages the caller knows will change: rendered without the check.
    changed: std::collections::HashSet<String>,
    /// The incidents these were made from: a new site's incident that is
    /// the same `Arc` gets the same parts.
    made_from: Vec<Arc<Incident>>,
}

impl Parts {
    /// Loads the templates (the built-in ones, overridden by `templates/`)
    /// and makes every incident's parts.
    pub fn new(site: &Site, config: &Config, root: &Path) -> Result<Parts> {
        let tera = templates::load(Some(&root.join("templates")))?;
        let sc = SiteCtx::new(config);
        Parts::make(site, tera, sc, config.paginate, None)
    }

    /// Cards per listing page.
    pub fn per_page(&self) -> usize {
        self.per_page
    }

    /// The card of incident `n` (in site order).
    pub fn card(&self, n: usize) -> &Card {
        &self.cards[n]
    }

    /// The JSON of incident `n` in `api/incidents.json`.
    pub fn json(&self, n: usize) -> &bytes::Bytes {
        &self.json[n]
    }

    /// Remembers what each page is rendered from, so that rendering it
    /// again from the same context is skipped (the dev server's rebuilds).
    pub fn remembering(mut self) -> Parts {
        self.memo.get_or_insert_with(Default::default);
        self
    }

    /// Forgets what the pages `keep` rejects were rendered from: they are
    /// no longer in the site, so the next rendering must not be skipped.
    pub fn forget_others(&mut self, keep: &dyn Fn(&str) -> bool) {
        if let Some(memo) = self.memo.as_mut() {
            match memo.get_mut() {
                Ok(m) => m.retain(|p, _| keep(p)),
                Err(poisoned) => poisoned.into_inner().clear(),
            }
        }
    }

    /// Says that the pages at `paths` will change in the next rendering,
    /// which then skips checking them against what they were made from.
    pub fn mark_changed(&mut self, paths: impl IntoIterator<Item = String>) {
        self.changed = paths.into_iter().collect();
    }

    /// Renders `template` with `ctx` as the page at `path`; `None` when
    /// the last rendering of `path` had the same template and context.
    fn page<T: Serialize>(&self, path: &str, template: &str, ctx: &T) -> Result<Option<Vec<u8>>> {
        let Some(memo) = &self.memo else {
            return page(&self.tera, template, &self.sc, ctx).map(Some);
        };
        if self.changed.contains(path) {
            self.forget(memo, path)?;
            return page(&self.tera, template, &self.sc, ctx).map(Some);
        }
        let mut hasher = HashWriter(std::collections::hash_map::DefaultHasher::new());
        std::hash::Hash::hash(template, &mut hasher.0);
        serde_json::to_writer(&mut hasher, ctx)?;
        self.remembered(memo, path, std::hash::Hasher::finish(&hasher.0), &|| {
            page(&self.tera, template, &self.sc, ctx)
        })
    }

    fn forget(
        &self,
        memo: &std::sync::Mutex<std::collections::HashMap<String, u64>>,
        path: &str,
    ) -> Result<()> {
        memo.lock()
            .map_err(|_| anyhow::anyhow!("page memo poisoned"))?
            .remove(path);
        Ok(())
    }

    fn remembered(
        &self,
        memo: &std::sync::Mutex<std::collections::HashMap<String, u64>>,
        path: &str,
        hash: u64,
        render: &dyn Fn() -> Result<Vec<u8>>,
    ) -> Result<Option<Vec<u8>>> {
        let lock = || {
            memo.lock()
                .map_err(|_| anyhow::anyhow!("page memo poisoned"))
        };
        if lock()?.get(path) == Some(&hash) {
            return Ok(None);
        }
        let bytes = render()?;
        lock()?.insert(path.to_string(), hash);
        Ok(Some(bytes))
    }

    /// The parts of `site` after a rebuild with the same templates and
    /// config: only the incidents that changed are made again.
    pub fn reuse(self, site: &Site) -> Result<Parts> {
        let previous: std::collections::HashMap<usize, usize> = self
            .made_from
            .iter()
            .enumerate()
            .map(|(n, i)| (Arc::as_ptr(i) as usize, n))
            .collect();
        let Parts {
            tera,
            sc,
            per_page,
            cards,
            card_html,
            json,
            made_from,
            memo,
            ..
        } = self;
        let old = Old {
            at: previous,
            _alive: made_from,
            cards: cards.into_iter().map(Some).collect(),
            card_html,
            json,
        };
        let mut parts = Parts::make(site, tera, sc, per_page, Some(old))?;
        parts.memo = memo;
        Ok(parts)
    }

    fn make(
        site: &Site,
        tera: Tera,
        sc: SiteCtx,
        per_page: usize,
        old: Option<Old>,
    ) -> Result<Parts> {
        // Kept parts are moved, not copied: a rebuild after one edit keeps
        // thousands of them.
        let mut kept: Vec<Option<Made>> = match old {
            Some(mut o) => site
                .incidents
                .iter()
                .map(|i| {
                    // Taken once: an incident listed twice is made again.
                    let n = o.at.remove(&(Arc::as_ptr(i) as usize))?;
                    Some(Made {
                        card: std::mem::take(&mut o.cards[n])?,
                        html: std::mem::take(&mut o.card_html[n]),
                        json: std::mem::take(&mut o.json[n]),
                    })
                })
                .collect(),
            None => site.incidents.iter().map(|_| None).collect(),
        };
        let made: Vec<Made> = site
            .incidents
            .par_iter()
            .zip(kept.par_iter_mut())
            .map(|(i, kept)| -> Result<Made> {
                if let Some(made) = kept.take() {
                    return Ok(made);
                }
                let card = pages::card(&sc, i);
                let mut ctx = tera::Context::new();
                ctx.insert("site", &sc);
                ctx.insert("c", &card);
                let html = tera.render("card.html", &ctx).map_err(|e| {
                    anyhow::anyhow!("template card.html: {}", templates::error_chain(&e))
                })?;
                let json = bytes::Bytes::from(serde_json::to_vec(&**i)?);
                Ok(Made { card, html, json })
            })
            .collect::<Result<_>>()?;
        let mut parts = Parts {
            tera,
            sc,
            per_page,
            cards: Vec::with_capacity(made.len()),
            card_html: Vec::with_capacity(made.len()),
            json: Vec::with_capacity(made.len()),
            made_from: site.incidents.clone(),
            memo: None,
            changed: Default::default(),
        };
        for m in made {
            parts.cards.push(m.card);
            parts.card_html.push(m.html);
            parts.json.push(m.json);
        }
        Ok(parts)
    }

    /// `api/incidents.json` as pieces: the incidents' JSON, between the
    /// brackets and commas of one array (see `Snapshot::pieced`).
    pub fn json_pieces(&self) -> std::sync::Arc<[bytes::Bytes]> {
        let mut pieces = Vec::with_capacity(self.json.len() * 2 + 1);
        for (n, j) in self.json.iter().enumerate() {
            pieces.push(bytes::Bytes::from_static(if n == 0 { b"[" } else { b"," }));
            pieces.push(j.clone());
        }
        if self.json.is_empty() {
            pieces.push(bytes::Bytes::from_static(b"["));
        }
        pieces.push(bytes::Bytes::from_static(b"]"));
        pieces.into()
    }

    /// The incidents' JSON as one array.
    fn joined_json(&self) -> Vec<u8> {
        let len = self.json.iter().map(|j| j.len() + 1).sum::<usize>() + 2;
        let mut out = Vec::with_capacity(len);
        out.push(b'[');
        for (n, j) in self.json.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            out.extend_from_slice(j);
        }
        out.push(b']');
        out
    }
}

/// Feeds what is written to a hasher.
struct HashWriter(std::collections::hash_map::DefaultHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        std::hash::Hasher::write(&mut self.0, buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The parts of the last build, by incident (`Arc` address).
struct Old {
    at: std::collections::HashMap<usize, usize>,
    /// Holds the old incidents so no address is reused while `at` is read.
    _alive: Vec<Arc<Incident>>,
    cards: Vec<Option<Card>>,
    card_html: Vec<String>,
    json: Vec<bytes::Bytes>,
}

/// One incident's parts.
struct Made {
    card: Card,
    html: String,
    json: bytes::Bytes,
}

/// Renders the files `wanted` accepts from a site and its `parts`.
/// Returns the wanted files that were not emitted because they are as
/// last rendered (see `Parts::remembering`).
pub fn render_parts<'a>(
    site: &'a Site,
    parts: &'a Parts,
    root: &Path,
    progress: &(dyn Fn() + Sync),
    wanted: &Wanted,
    emit: &Emit,
) -> Result<Vec<String>> {
    let (sc, cards, card_html) = (&parts.sc, &parts.cards, &parts.card_html);

    // Pages the site has, for the sitemap, whether rendered now or not.
    let page_paths = std::sync::Mutex::new(Vec::<String>::new());
    let unchanged = std::sync::Mutex::new(Vec::<String>::new());
    let emit_file = |path: &str, render: &dyn Fn() -> Result<Option<Vec<u8>>>| -> Result<()> {
        if !wanted(path) {
            return Ok(());
        }
        match render()? {
            Some(bytes) => emit(path.to_string(), bytes),
            None => {
                unchanged
                    .lock()
                    .map_err(|_| anyhow::anyhow!("page list lock poisoned"))?
                    .push(path.to_string());
                Ok(())
            }
        }
    };
    let emit_page = |path: String, render: &dyn Fn() -> Result<Option<Vec<u8>>>| -> Result<()> {
        page_paths
            .lock()
            .map_err(|_| anyhow::anyhow!("page list lock poisoned"))?
            .push(path.clone());
        emit_file(&path, render)
    };

    (0..site.incidents.len())
        .into_par_iter()
        .try_for_each(|n| -> Result<()> {
            let path = format!("incidents/{}/index.html", site.incidents[n].id);
            emit_page(path.clone(), &|| {
                let ctx = pages::incident_page(sc, site, n, cards);
                let bytes = parts
                    .page(&path, "incident.html", &ctx)
                    .with_context(|| format!("rendering {}", site.incidents[n].source))?;
                progress();
                Ok(bytes)
            })
        })?;

    let per_page = parts.per_page;
    // Listing pages: contexts first (cards borrowed, not copied: every
    // listing of a large site holds hundreds of megabytes of cards), then
    // rendered in parallel.
    let mut listings: Vec<(String, &'static str, pages::Listing)> = Vec::new();
    let mut listed = |path: String, template: &'static str, ctx: pages::Listing<'a>| {
        if wanted(&path) {
            listings.push((path, template, ctx));
            Ok(())
        } else {
            // Still a page of the site, for the sitemap.
            emit_page(path, &|| Ok(None))
        }
    };
    for (path, ctx) in pages::home(sc, site, card_html, per_page) {
        listed(path, "index.html", pages::Listing::Home(ctx))?;
    }
    let mut indexes = Vec::new();
    for (kind, title, terms) in [
        ("technologies", "Technologies", &site.technologies),
        ("services", "Services", &site.services),
        ("tags", "Tags", &site.tags),
    ] {
        let (index, term_pages) = pages::term_pages(sc, kind, title, terms, card_html, per_page);
        indexes.push((format!("{kind}/index.html"), index));
        for (path, ctx) in term_pages {
            listed(path, "term.html", pages::Listing::Term(ctx))?;
        }
    }
    for g in site.errors.values().filter(|g| !g.signature.is_empty()) {
        for (path, ctx) in pages::error_pages(sc, g, card_html, per_page) {
            listed(path, "error.html", pages::Listing::Error(ctx))?;
        }
    }
    for (path, ctx) in pages::lessons(sc, site, cards, per_page) {
        listed(path, "lessons.html", pages::Listing::Lessons(ctx))?;
    }
    for (path, index) in &indexes {
        emit_page(path.clone(), &|| parts.page(path, "terms.html", index))?;
    }
    listings
        .into_par_iter()
        .try_for_each(|(path, template, ctx)| {
            emit_page(path.clone(), &|| parts.page(&path, template, &ctx))
        })?;
    // The home page filters' data (see `pages::filter_facets`).
    let facets = pages::filter_facets(site);
    emit_file(&format!("{}.json", pages::FACETS_DIR), &|| {
        let index: std::collections::BTreeMap<&str, &Vec<pages::FacetValue>> =
            facets.iter().map(|(k, v)| (*k, v)).collect();
        Ok(Some(serde_json::to_vec(&index)?))
    })?;
    for (kind, values) in &facets {
        for v in values {
            emit_file(
                &format!("{}/{kind}/{}.json", pages::FACETS_DIR, v.slug),
                &|| Ok(Some(serde_json::to_vec(&v.incidents)?)),
            )?;
        }
    }
    emit_page(INSIGHTS.into(), &|| {
        let ctx = insights::page(sc, site, insights::today());
        parts.page(INSIGHTS, "insights.html", &ctx)
    })?;
    emit_page("search/index.html".into(), &|| {
        parts.page("search/index.html", "search.html", &())
    })?;
    emit_file("404.html", &|| parts.page("404.html", "404.html", &()))?;

    emit_file("atom.xml", &|| {
        let feed = pages::FeedPage {
            updated: cards
                .iter()
                .find(|c| c.date.is_some())
                .map_or_else(|| "1970-01-01T00:00:00Z".into(), |c| c.updated.clone()),
            incidents: cards.iter().take(pages::FEED_ENTRIES).cloned().collect(),
        };
        parts.page("atom.xml", "atom.xml", &feed)
    })?;
    let mut paths = page_paths
        .into_inner()
        .map_err(|_| anyhow::anyhow!("page list lock poisoned"))?;
    paths.sort();
    // Redirect pages for `aliases`, never over a page of the site or an
    // earlier incident's alias, and not in the sitemap.
    let mut taken = AliasRoom::new(&paths);
    for (path, ctx) in alias_pages(site, sc) {
        if taken.claim(&path) {
            emit_file(&path, &|| parts.page(&path, "alias.html", &ctx))?;
        }
    }
    let wants_sitemap = wanted("sitemap.xml");
    if wants_sitemap {
        let dates: std::collections::HashMap<&str, &str> = cards
            .iter()
            .filter_map(|c| {
                c.date
                    .as_deref()
                    .filter(|d| d.len() == 10)
                    .map(|d| (c.url.as_str(), d))
            })
            .collect();
        let urls: Vec<pages::SitemapUrl> = paths
            .iter()
            .map(|p| {
                let path = p.trim_end_matches("index.html");
                let lastmod = dates.get(sc.url(path).as_str()).map(|d| d.to_string());
                let loc = sc.absolute_url(path);
                pages::SitemapUrl { loc, lastmod }
            })
            .collect();
        let parts_of = pages::sitemap_parts(urls, pages::SITEMAP_URLS);
        if let [only] = parts_of.as_slice() {
            emit_file("sitemap.xml", &|| {
                parts.page(
                    "sitemap.xml",
                    "sitemap.xml",
                    &pages::SitemapPage { urls: only.clone() },
                )
            })?;
        } else {
            // Past the protocol's 50,000 URLs a file: an index of sitemaps.
            let mut index = Vec::with_capacity(parts_of.len());
            for (k, urls) in parts_of.into_iter().enumerate() {
                let path = sitemap_part(k + 1);
                index.push(pages::SitemapUrl {
                    loc: sc.absolute_url(&path),
                    lastmod: None,
                });
                let page = pages::SitemapPage { urls };
                emit(
                    path.clone(),
                    page_bytes(parts, &path, "sitemap.xml", &page)?,
                )?;
            }
            emit_file("sitemap.xml", &|| {
                parts.page(
                    "sitemap.xml",
                    "sitemap_index.xml",
                    &pages::SitemapPage {
                        urls: index.clone(),
                    },
                )
            })?;
        }
    }
    emit_file(API_JSON, &|| Ok(Some(parts.joined_json())))?;

    // Built-in assets, unless the knowledge base's static/ has a file of that path.
    let statics = static_files(&root.join("static"))?;
    for (path, text) in templates::ASSETS {
        if !statics.iter().any(|(p, _)| p == path) {
            emit_file(path, &|| Ok(Some(text.as_bytes().to_vec())))?;
        }
    }
    for (path, bytes) in statics {
        emit_file(&path, &|| Ok(Some(bytes.clone())))?;
    }
    unchanged
        .into_inner()
        .map_err(|_| anyhow::anyhow!("page list lock poisoned"))
}

/// Where redirect pages may go: not over a page or file of the site, not
/// in a folder that is one of its files (`atom.xml/`), not among its
/// assets, search files or API, and compared without case, since macOS
/// and Windows file systems do not tell `Incidents/` from `incidents/`.
struct AliasRoom {
    taken: std::collections::HashSet<String>,
}

impl AliasRoom {
    fn new(pages: &[String]) -> AliasRoom {
        let mut taken: std::collections::HashSet<String> =
            pages.iter().map(|p| p.to_lowercase()).collect();
        for file in ["404.html", "atom.xml", "sitemap.xml", API_JSON] {
            taken.insert(file.to_string());
        }
        AliasRoom { taken }
    }

    /// Whether a redirect page may be written at `path`; it is then taken.
    fn claim(&mut self, path: &str) -> bool {
        let lower = path.to_lowercase();
        let reserved = ["assets/", "search/", "api/"]
            .iter()
            .any(|dir| lower.starts_with(dir));
        let under_a_file = lower
            .match_indices('/')
            .any(|(i, _)| self.taken.contains(&lower[..i]) || is_sitemap_part(&lower[..i]));
        !reserved && !under_a_file && self.taken.insert(lower)
    }
}

/// A redirect page's context: where the report is now.
#[derive(Serialize)]
struct AliasPage {
    url: String,
    title: String,
}

/// Every alias's redirect page, in site order (output path, context).
fn alias_pages(site: &Site, sc: &SiteCtx) -> Vec<(String, AliasPage)> {
    site.incidents
        .iter()
        .flat_map(|i| {
            i.aliases.iter().filter_map(|a| {
                let path = crate::alias::output_path(a).ok()?;
                let page = AliasPage {
                    url: sc.url(&format!("incidents/{}/", i.id)),
                    title: i.title.clone(),
                };
                Some((path, page))
            })
        })
        .collect()
}

/// The output paths of `incident`'s redirect pages.
pub fn alias_paths(incident: &Incident) -> impl Iterator<Item = String> + '_ {
    incident
        .aliases
        .iter()
        .filter_map(|a| crate::alias::output_path(a).ok())
}

/// The `k`-th part (from 1) of a sitemap too long for one file.
pub fn sitemap_part(k: usize) -> String {
    format!("sitemap-{k}.xml")
}

/// Whether `path` is a part of a split sitemap (`sitemap-3.xml`): such
/// parts come and go with `sitemap.xml`.
pub fn is_sitemap_part(path: &str) -> bool {
    path.strip_prefix("sitemap-")
        .and_then(|p| p.strip_suffix(".xml"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A page's bytes, rendered even when the last rendering had the same
/// context (a sitemap part is written with its index, or not at all).
fn page_bytes<T: Serialize>(parts: &Parts, path: &str, template: &str, ctx: &T) -> Result<Vec<u8>> {
    match parts.page(path, template, ctx)? {
        Some(bytes) => Ok(bytes),
        None => page(&parts.tera, template, &parts.sc, ctx),
    }
}

/// Files of the knowledge base's `static/` folder, as they are.
fn static_files(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = crate::source::display_path(entry.path(), dir);
        let bytes = std::fs::read(entry.path())
            .with_context(|| format!("cannot read {}", entry.path().display()))?;
        files.push((rel, bytes));
    }
    Ok(files)
}
