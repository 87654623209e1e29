//! Site rendering: incidents → pages (tera templates), feeds, the JSON API
//! and assets, as a `Snapshot` of path → bytes. Writes nothing itself.

pub mod diff;
pub mod highlight;
pub mod markdown;
pub mod pages;
pub mod templates;

use crate::config::Config;
use crate::model::Site;
use crate::output::Snapshot;
use anyhow::{Context as _, Result};
use pages::{Card, SiteCtx};
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;
use tera::Tera;

fn page<T: Serialize>(tera: &Tera, template: &str, site: &SiteCtx, page: &T) -> Result<Vec<u8>> {
    let mut ctx = tera::Context::new();
    ctx.insert("site", site);
    ctx.insert("page", page);
    tera.render(template, &ctx)
        .map(String::into_bytes)
        .map_err(|e| anyhow::anyhow!("template {template}: {}", templates::error_chain(&e)))
}

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
    let tera = templates::load(Some(&root.join("templates")))?;
    let sc = SiteCtx::new(config);
    let cards: Vec<Card> = site.incidents.iter().map(|i| pages::card(&sc, i)).collect();
    // Each card is rendered once and reused by every listing it appears on.
    let card_html: Vec<String> = cards
        .par_iter()
        .map(|c| {
            let mut ctx = tera::Context::new();
            ctx.insert("site", &sc);
            ctx.insert("c", c);
            tera.render("card.html", &ctx)
                .map_err(|e| anyhow::anyhow!("template card.html: {}", templates::error_chain(&e)))
        })
        .collect::<Result<_>>()?;

    // Pages the site has, for the sitemap, whether rendered now or not.
    let page_paths = std::sync::Mutex::new(Vec::<String>::new());
    let emit_page = |path: String, render: &dyn Fn() -> Result<Vec<u8>>| -> Result<()> {
        page_paths
            .lock()
            .map_err(|_| anyhow::anyhow!("page list lock poisoned"))?
            .push(path.clone());
        if wanted(&path) {
            emit(path, render()?)
        } else {
            Ok(())
        }
    };
    let emit_file = |path: &str, render: &dyn Fn() -> Result<Vec<u8>>| -> Result<()> {
        if wanted(path) {
            emit(path.to_string(), render()?)
        } else {
            Ok(())
        }
    };

    (0..site.incidents.len())
        .into_par_iter()
        .try_for_each(|n| -> Result<()> {
            let path = format!("incidents/{}/index.html", site.incidents[n].id);
            emit_page(path, &|| {
                let ctx = pages::incident_page(&sc, site, n, &cards);
                let bytes = page(&tera, "incident.html", &sc, &ctx)
                    .with_context(|| format!("rendering {}", site.incidents[n].source))?;
                progress();
                Ok(bytes)
            })
        })?;

    emit_page("index.html".into(), &|| {
        page(
            &tera,
            "index.html",
            &sc,
            &pages::home(&sc, site, &card_html),
        )
    })?;
    // Listing pages: contexts first, then rendered in parallel.
    let mut listings: Vec<(String, &'static str, serde_json::Value)> = Vec::new();
    for (kind, title, terms) in [
        ("technologies", "Technologies", &site.technologies),
        ("services", "Services", &site.services),
        ("tags", "Tags", &site.tags),
    ] {
        let (index, term_pages) = pages::term_pages(&sc, kind, title, terms, &card_html);
        emit_page(format!("{kind}/index.html"), &|| {
            page(&tera, "terms.html", &sc, &index)
        })?;
        for t in term_pages {
            let path = format!("{kind}/{}/index.html", t.slug);
            if wanted(&path) {
                listings.push((path, "term.html", serde_json::to_value(&t)?));
            } else {
                emit_page(path, &|| Ok(Vec::new()))?;
            }
        }
    }
    for g in site.errors.values().filter(|g| !g.signature.is_empty()) {
        let path = format!("errors/{}/index.html", g.signature);
        if !wanted(&path) {
            emit_page(path, &|| Ok(Vec::new()))?;
            continue;
        }
        let ctx = pages::ErrorPage {
            signature: g.signature.clone(),
            message: g.message.clone(),
            cards: g.incidents.iter().map(|&n| card_html[n].as_str()).collect(),
        };
        listings.push((path, "error.html", serde_json::to_value(&ctx)?));
    }
    listings
        .into_par_iter()
        .try_for_each(|(path, template, ctx)| {
            emit_page(path, &|| page(&tera, template, &sc, &ctx))
        })?;
    emit_page("lessons/index.html".into(), &|| {
        page(
            &tera,
            "lessons.html",
            &sc,
            &pages::lessons(&sc, site, &cards),
        )
    })?;
    emit_page("search/index.html".into(), &|| {
        page(&tera, "search.html", &sc, &())
    })?;
    emit_file("404.html", &|| page(&tera, "404.html", &sc, &()))?;

    emit_file("atom.xml", &|| {
        let feed = pages::FeedPage {
            updated: cards
                .iter()
                .find(|c| c.date.is_some())
                .map_or_else(|| "1970-01-01T00:00:00Z".into(), |c| c.updated.clone()),
            incidents: cards.iter().take(pages::FEED_ENTRIES).cloned().collect(),
        };
        page(&tera, "atom.xml", &sc, &feed)
    })?;
    let mut paths = page_paths
        .into_inner()
        .map_err(|_| anyhow::anyhow!("page list lock poisoned"))?;
    paths.sort();
    emit_file("sitemap.xml", &|| {
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
                let loc = sc.url(p.trim_end_matches("index.html"));
                let lastmod = dates.get(loc.as_str()).map(|d| d.to_string());
                pages::SitemapUrl { loc, lastmod }
            })
            .collect();
        page(&tera, "sitemap.xml", &sc, &pages::SitemapPage { urls })
    })?;
    emit_file("api/incidents.json", &|| {
        Ok(serde_json::to_vec(&site.incidents)?)
    })?;

    // Built-in assets, unless the knowledge base's static/ has a file of that path.
    let statics = static_files(&root.join("static"))?;
    for (path, text) in templates::ASSETS {
        if !statics.iter().any(|(p, _)| p == path) {
            emit_file(path, &|| Ok(text.as_bytes().to_vec()))?;
        }
    }
    for (path, bytes) in statics {
        emit_file(&path, &|| Ok(bytes.clone()))?;
    }
    Ok(())
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
