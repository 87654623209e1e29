//! Page contexts: what each template receives, computed from the `Site`.
//! URLs in contexts are complete (base URL included), so templates only
//! print them. The README's theming section lists these fields.

use super::diff::{self, DiffView};
use super::markdown::{self, TocEntry};
use super::paginate::{self, Pager};
use crate::model::{Incident, Site, Term};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct SiteCtx {
    pub title: String,
    pub description: String,
    /// Base URL with a trailing slash: `/`, `/kb/` or `https://x.example/kb/`.
    pub base: String,
    /// Where the built-in assets are: `{base}assets/`.
    pub assets: String,
    /// What makes a URL of the site absolute where a format requires it
    /// (the feed, the sitemap): `http://127.0.0.1:1111` under `serve` with
    /// a path-only base, else empty (the base is absolute, or nothing is
    /// known and the build warned).
    pub origin: String,
}

impl SiteCtx {
    pub fn new(config: &crate::config::Config) -> Self {
        let mut base = config.base_url.trim().to_string();
        if base.is_empty() {
            base.push('/');
        }
        if !base.ends_with('/') {
            base.push('/');
        }
        if !base.starts_with('/') && !base.contains("://") {
            base.insert(0, '/');
        }
        let origin = match &config.origin {
            Some(o) if !base.contains("://") => o.trim_end_matches('/').to_string(),
            _ => String::new(),
        };
        SiteCtx {
            title: config.title.clone(),
            description: config.description.clone(),
            assets: format!("{base}assets/"),
            base,
            origin,
        }
    }

    /// A site path as an absolute URL where one can be made.
    pub fn absolute_url(&self, path: &str) -> String {
        format!("{}{}", self.origin, self.url(path))
    }

    /// A site path (`/incidents/x/`) under the base URL.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_start_matches('/'))
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Link {
    pub name: String,
    pub slug: String,
    pub url: String,
}

/// An incident as a card in lists.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Card {
    pub id: String,
    pub title: String,
    pub url: String,
    pub date: Option<String>,
    /// RFC 3339 time for feeds (the date at midnight UTC).
    pub updated: String,
    pub status: String,
    pub status_text: Option<String>,
    pub severity: String,
    pub summary: Option<String>,
    pub technologies: Vec<Link>,
    pub services: Vec<Link>,
    pub tags: Vec<Link>,
    pub technology_slugs: String,
    pub service_slugs: String,
    pub errors: usize,
}

/// Cards repeat on every listing, so they stay short.
const CARD_SUMMARY_CHARS: usize = 200;

fn links(site: &SiteCtx, kind: &str, names: &[String]) -> Vec<Link> {
    names
        .iter()
        .map(|n| (n, crate::extract::text::slugify(n)))
        .filter(|(_, s)| !s.is_empty())
        .map(|(n, slug)| Link {
            name: n.clone(),
            url: site.url(&format!("{kind}/{slug}/")),
            slug,
        })
        .collect()
}

pub fn card(site: &SiteCtx, i: &Incident) -> Card {
    let technologies = links(site, "technologies", &i.technologies);
    let services = links(site, "services", &i.services);
    let tags = links(site, "tags", &i.tags);
    let summary = i.summary.as_ref().map(|s| {
        if s.chars().count() > CARD_SUMMARY_CHARS {
            let cut: String = s.chars().take(CARD_SUMMARY_CHARS - 1).collect();
            format!("{}…", cut.trim_end())
        } else {
            s.clone()
        }
    });
    Card {
        id: i.id.clone(),
        title: i.title.clone(),
        url: site.url(&i.url),
        updated: i
            .date
            .as_deref()
            .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), rfc3339),
        date: i.date.clone(),
        status: i.status.clone().unwrap_or_default(),
        status_text: i.status_text.clone(),
        severity: i.severity.clone().unwrap_or_default(),
        summary,
        technology_slugs: technologies
            .iter()
            .map(|l| l.slug.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        service_slugs: services
            .iter()
            .map(|l| l.slug.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        technologies,
        services,
        tags,
        errors: i.errors.len(),
    }
}

/// `2025-10-26` → `2025-10-26T00:00:00Z`; `2025-10` → the first of the month.
fn rfc3339(date: &str) -> String {
    if date.len() == 7 {
        format!("{date}-01T00:00:00Z")
    } else {
        format!("{date}T00:00:00Z")
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorCtx {
    pub message: String,
    pub signature: String,
    pub url: String,
    pub seen_in: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct NarrativeCtx {
    pub title: Option<String>,
    pub html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangeCtx {
    pub title: Option<String>,
    pub file: Option<String>,
    pub language: Option<String>,
    pub view: DiffView,
}

#[derive(Debug, Clone, Serialize)]
pub struct IncidentPage<'a> {
    pub incident: &'a Incident,
    pub card: Card,
    pub errors: Vec<ErrorCtx>,
    pub impact: Option<String>,
    /// The summary and the impact rendered from the report's Markdown
    /// (sanitized); absent when the report has none.
    pub summary_html: Option<String>,
    pub impact_html: Option<String>,
    pub root_causes: Vec<NarrativeCtx>,
    pub fixes: Vec<NarrativeCtx>,
    pub changes: Vec<ChangeCtx>,
    /// Related incidents, most related first.
    pub related: Vec<&'a Card>,
    pub report_html: String,
    pub toc: Vec<TocEntry>,
}

/// A narrative's title, unless it only repeats the panel's name ("Root
/// Cause" under "Root cause").
fn narrative_title(title: Option<&str>) -> Option<String> {
    let t = title?;
    let generic =
        t.split_whitespace().count() <= 3 && crate::extract::sections::heading_role(t).is_some();
    (!generic).then(|| t.to_string())
}

/// Drops fenced blocks that the page already shows (as an error or a code
/// change), so the narrative panels hold the prose and only new code.
fn without_shown_code(text: &str, shown: &[&str]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("```") {
        let Some(body_start) = rest[start..].find('\n').map(|i| start + i + 1) else {
            break;
        };
        let Some(end) = rest[body_start..].find("\n```").map(|i| body_start + i) else {
            break;
        };
        let body = rest[body_start..end].trim();
        let close = end + 4;
        out.push_str(&rest[..start]);
        let dup = !body.is_empty()
            && shown
                .iter()
                .any(|s| s.contains(body) || body.contains(s.trim()) && s.trim().len() > 20);
        if dup {
            // A short label paragraph that introduced the block ("Before:",
            // "**After:**") goes with it.
            let trimmed = out.trim_end();
            let para_start = trimmed.rfind("\n\n").map_or(0, |i| i + 2);
            let para = trimmed[para_start..].trim_end_matches(['*', '_']);
            if para.ends_with(':') && para.split_whitespace().count() <= 4 {
                out.truncate(para_start);
            }
        } else {
            out.push_str(&rest[start..close]);
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// A text as the report wrote it, rendered and sanitized; the plain text
/// (escaped) when the Markdown is not known.
fn written_html(markdown: Option<&String>, plain: Option<&String>) -> Option<String> {
    match (markdown, plain) {
        (Some(md), _) if !md.trim().is_empty() => Some(markdown::render(md, 3).html),
        (_, Some(text)) => {
            let mut html = String::from("<p>");
            diff::escape_into(text, &mut html);
            html.push_str("</p>");
            Some(html)
        }
        _ => None,
    }
}

pub fn incident_page<'a>(
    site_ctx: &SiteCtx,
    site: &'a Site,
    n: usize,
    cards: &'a [Card],
) -> IncidentPage<'a> {
    let i = &site.incidents[n];
    let mut shown: Vec<&str> = i.errors.iter().map(|e| e.message.as_str()).collect();
    for c in &i.changes {
        shown.extend(c.before.as_deref());
        shown.extend(c.after.as_deref());
    }
    let narratives = |items: &[crate::model::Narrative]| {
        items
            .iter()
            .map(|r| NarrativeCtx {
                title: narrative_title(r.title.as_deref()),
                html: markdown::render(
                    &without_shown_code(r.markdown.as_deref().unwrap_or(&r.text), &shown),
                    3,
                )
                .html,
            })
            .filter(|r| !r.html.trim().is_empty())
            .collect::<Vec<_>>()
    };
    let mut report = markdown::render(&i.body, 2);
    // The page's own title heads the page; the table lists the sections.
    report.toc.retain(|t| t.text != i.title);
    IncidentPage {
        incident: i,
        card: cards[n].clone(),
        errors: i
            .errors
            .iter()
            .filter(|e| !e.signature.is_empty())
            .map(|e| ErrorCtx {
                message: e.message.clone(),
                signature: e.signature.clone(),
                url: site_ctx.url(&format!("errors/{}/", e.signature)),
                seen_in: site
                    .errors
                    .get(&e.signature)
                    .map_or(1, |g| g.incidents.len()),
            })
            .collect(),
        impact: i.impact.clone(),
        summary_html: written_html(i.summary_markdown.as_ref(), i.summary.as_ref()),
        impact_html: written_html(i.impact_markdown.as_ref(), i.impact.as_ref()),
        root_causes: narratives(&i.root_causes),
        fixes: narratives(&i.fixes),
        changes: i
            .changes
            .iter()
            .map(|c| ChangeCtx {
                title: c.title.clone(),
                file: c.file.clone(),
                language: c.language.clone(),
                view: diff::view(
                    c.before.as_deref(),
                    c.after.as_deref(),
                    c.language.as_deref(),
                ),
            })
            .collect(),
        related: site
            .related
            .get(n)
            .map(|r| r.iter().map(|&j| &cards[j]).collect())
            .unwrap_or_default(),
        report_html: report.html,
        toc: report.toc,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Facet {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub count: usize,
}

/// Terms in the order people look them up: by name, case aside.
fn by_name(terms: &std::collections::BTreeMap<String, Term>) -> Vec<&Term> {
    let mut v: Vec<&Term> = terms.values().collect();
    v.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.slug.cmp(&b.slug))
    });
    v
}

fn facets(
    site: &SiteCtx,
    kind: &str,
    terms: &std::collections::BTreeMap<String, Term>,
) -> Vec<Facet> {
    by_name(terms)
        .into_iter()
        .map(|t| Facet {
            name: t.name.clone(),
            slug: t.slug.clone(),
            url: site.url(&format!("{kind}/{}/", t.slug)),
            count: t.incidents.len(),
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct HomePage<'a> {
    /// This page's incidents as rendered cards (`card.html`), newest first.
    pub cards: Vec<&'a str>,
    /// Incidents on all pages.
    pub total: usize,
    pub pager: Option<Pager>,
    pub has_tags: bool,
}

/// The home page's pages: every incident, newest first, `per_page` a page.
pub fn home<'a>(
    site_ctx: &SiteCtx,
    site: &Site,
    html: &'a [String],
    per_page: usize,
) -> Vec<(String, HomePage<'a>)> {
    listing(site_ctx, "", html.len(), per_page, |range, pager| {
        HomePage {
            cards: html[range].iter().map(String::as_str).collect(),
            total: html.len(),
            pager,
            has_tags: !site.tags.is_empty(),
        }
    })
}

/// Any listing page's context, so that pages of every kind render side by
/// side; serialized as the page it holds.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Listing<'a> {
    Home(HomePage<'a>),
    Term(TermPage<'a>),
    Error(ErrorPage<'a>),
    Lessons(LessonsPage<'a>),
}

/// The pages of the listing at `dir` of `items` cards, each with its output
/// path, made by `page` from its range of cards and its pager.
fn listing<T>(
    site_ctx: &SiteCtx,
    dir: &str,
    items: usize,
    per_page: usize,
    mut page: impl FnMut(std::ops::Range<usize>, Option<Pager>) -> T,
) -> Vec<(String, T)> {
    let total = paginate::page_count(items, per_page);
    (1..=total)
        .map(|p| {
            (
                paginate::output_path(dir, p),
                page(
                    paginate::range(p, items, per_page),
                    paginate::pager(site_ctx, dir, p, total),
                ),
            )
        })
        .collect()
}

/// One value of a home page filter and the incidents (by site order) that
/// have it: `search/facets.json` lists the values, `search/facets/<kind>/<slug>.json`
/// the incidents of each, so filtering works at any number of reports
/// without the page carrying every card.
#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    pub name: String,
    pub slug: String,
    pub count: usize,
    #[serde(skip)]
    pub incidents: Vec<usize>,
}

/// Where the filter data lives in the site.
pub const FACETS_DIR: &str = "search/facets";

/// The home page filters' values by kind (`technology`, `service`,
/// `status`, `severity`), each sorted by name.
pub fn filter_facets(site: &Site) -> Vec<(&'static str, Vec<FacetValue>)> {
    let terms = |terms: &std::collections::BTreeMap<String, Term>| -> Vec<FacetValue> {
        by_name(terms)
            .into_iter()
            .map(|t| FacetValue {
                name: t.name.clone(),
                slug: t.slug.clone(),
                count: t.incidents.len(),
                incidents: t.incidents.clone(),
            })
            .collect()
    };
    let values = |order: &[&str], get: &dyn Fn(&Incident) -> Option<&String>| -> Vec<FacetValue> {
        order
            .iter()
            .map(|v| {
                let incidents: Vec<usize> = site
                    .incidents
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| get(i).is_some_and(|s| s == v))
                    .map(|(n, _)| n)
                    .collect();
                FacetValue {
                    name: v.to_string(),
                    slug: v.to_string(),
                    count: incidents.len(),
                    incidents,
                }
            })
            .filter(|f| f.count > 0)
            .collect()
    };
    vec![
        ("technology", terms(&site.technologies)),
        ("service", terms(&site.services)),
        (
            "status",
            values(
                &[
                    "resolved",
                    "mitigated",
                    "monitoring",
                    "investigating",
                    "open",
                ],
                &|i| i.status.as_ref(),
            ),
        ),
        (
            "severity",
            values(&["critical", "high", "medium", "low"], &|i| {
                i.severity.as_ref()
            }),
        ),
    ]
}

/// The output files of the filter data of `site`.
pub fn facet_paths(site: &Site) -> Vec<String> {
    let mut paths = vec![format!("{FACETS_DIR}.json")];
    for (kind, values) in filter_facets(site) {
        for v in values {
            paths.push(format!("{FACETS_DIR}/{kind}/{}.json", v.slug));
        }
    }
    paths
}

#[derive(Debug, Clone, Serialize)]
pub struct TermPage<'a> {
    pub kind: String,
    pub kind_title: String,
    pub index_url: String,
    pub name: String,
    pub slug: String,
    /// This page's incidents as rendered cards (`card.html`).
    pub cards: Vec<&'a str>,
    /// Incidents on all pages.
    pub total: usize,
    pub pager: Option<Pager>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermsPage {
    pub kind: String,
    pub kind_title: String,
    pub terms: Vec<Facet>,
}

/// The index of one kind of term and every page of every term's listing.
pub fn term_pages<'a>(
    site_ctx: &SiteCtx,
    kind: &str,
    title: &str,
    terms: &std::collections::BTreeMap<String, Term>,
    html: &'a [String],
    per_page: usize,
) -> (TermsPage, Vec<(String, TermPage<'a>)>) {
    let index = TermsPage {
        kind: kind.to_string(),
        kind_title: title.to_string(),
        terms: facets(site_ctx, kind, terms),
    };
    let pages = terms
        .values()
        .flat_map(|t| {
            let dir = format!("{kind}/{}/", t.slug);
            listing(
                site_ctx,
                &dir,
                t.incidents.len(),
                per_page,
                |range, pager| TermPage {
                    kind: kind.to_string(),
                    kind_title: title.to_string(),
                    index_url: site_ctx.url(&format!("{kind}/")),
                    name: t.name.clone(),
                    slug: t.slug.clone(),
                    cards: t.incidents[range]
                        .iter()
                        .map(|&n| html[n].as_str())
                        .collect(),
                    total: t.incidents.len(),
                    pager,
                },
            )
        })
        .collect();
    (index, pages)
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorPage<'a> {
    pub signature: String,
    pub message: String,
    /// This page's incidents that hit this error, as rendered cards (`card.html`).
    pub cards: Vec<&'a str>,
    /// Incidents on all pages.
    pub total: usize,
    pub pager: Option<Pager>,
}

/// Every page of the listing of the incidents that hit one error.
pub fn error_pages<'a>(
    site_ctx: &SiteCtx,
    group: &crate::model::ErrorGroup,
    html: &'a [String],
    per_page: usize,
) -> Vec<(String, ErrorPage<'a>)> {
    let dir = format!("errors/{}/", group.signature);
    listing(
        site_ctx,
        &dir,
        group.incidents.len(),
        per_page,
        |range, pager| ErrorPage {
            signature: group.signature.clone(),
            message: group.message.clone(),
            cards: group.incidents[range]
                .iter()
                .map(|&n| html[n].as_str())
                .collect(),
            total: group.incidents.len(),
            pager,
        },
    )
}

/// One incident's lessons in a group: its title and link once, then
/// every lesson it teaches.
#[derive(Debug, Clone, Serialize)]
pub struct LessonSource<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub lessons: &'a [String],
}

#[derive(Debug, Clone, Serialize)]
pub struct LessonGroup<'a> {
    pub name: String,
    pub id: String,
    pub url: Option<String>,
    /// The group began on an earlier page.
    pub continued: bool,
    pub incidents: Vec<LessonSource<'a>>,
}

/// A group in the lessons' table of contents: where it starts.
#[derive(Debug, Clone, Serialize)]
pub struct LessonToc {
    pub name: String,
    pub url: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct LessonsPage<'a> {
    pub groups: Vec<LessonGroup<'a>>,
    /// Every group with a link to where it starts (first page only).
    pub toc: Vec<LessonToc>,
    pub pager: Option<Pager>,
}

/// A lessons group's heading: a technology, or "Other" (`term` `None`).
struct LessonHead<'a> {
    term: Option<&'a Term>,
    lessons: usize,
}

/// The lessons' reading order: groups, and each incident with lessons as
/// (group, incident) in group order, then site order. Every lesson is
/// under the technology its incident is most about (a Redis failover's
/// lessons under Redis, not under the payment API it also names), so a
/// reader goes from a technology to all that was learned about it; the
/// most specific of its technologies when that is unknown, "Other" when
/// it names none.
fn lesson_order(site: &Site) -> (Vec<LessonHead<'_>>, Vec<(usize, usize)>) {
    // Technologies by name, then "Other": each with its incidents.
    type Groups<'a> = std::collections::BTreeMap<(u8, String), (Option<&'a Term>, Vec<usize>)>;
    let mut groups: Groups = Groups::new();
    for (n, inc) in site.incidents.iter().enumerate() {
        if inc.lessons.is_empty() {
            continue;
        }
        let term = |t: &String| site.technologies.get(&crate::extract::text::slugify(t));
        let primary = inc.central_technology.as_ref().and_then(term).or_else(|| {
            inc.technologies
                .iter()
                .filter_map(term)
                .min_by_key(|t| (t.incidents.len(), t.slug.as_str()))
        });
        let key = match primary {
            Some(t) => (0, t.name.to_lowercase()),
            None => (1, String::new()),
        };
        groups.entry(key).or_insert((primary, Vec::new())).1.push(n);
    }
    let mut heads = Vec::with_capacity(groups.len());
    let mut order = Vec::new();
    for (g, (term, incidents)) in groups.into_values().enumerate() {
        heads.push(LessonHead {
            term,
            lessons: incidents
                .iter()
                .map(|&n| site.incidents[n].lessons.len())
                .sum(),
        });
        order.extend(incidents.into_iter().map(|n| (g, n)));
    }
    (heads, order)
}

fn lesson_group_id(head: &LessonHead) -> String {
    head.term.map_or_else(|| "other".into(), |t| t.slug.clone())
}

/// The lessons pages: every lesson once, grouped by technology, the
/// lessons of `per_page` incidents a page (an incident's lessons stay on
/// one page; a group may go on over the next).
pub fn lessons<'a>(
    site_ctx: &SiteCtx,
    site: &'a Site,
    cards: &'a [Card],
    per_page: usize,
) -> Vec<(String, LessonsPage<'a>)> {
    let (heads, order) = lesson_order(site);
    let mut toc: Vec<LessonToc> = Vec::with_capacity(heads.len());
    for (k, &(g, _)) in order.iter().enumerate() {
        if toc.len() == g {
            let head = &heads[g];
            toc.push(LessonToc {
                name: head.term.map_or_else(|| "Other".into(), |t| t.name.clone()),
                url: format!(
                    "{}#{}",
                    site_ctx.url(&paginate::url_path(
                        "lessons/",
                        paginate::page_of(k, per_page)
                    )),
                    lesson_group_id(head)
                ),
                count: head.lessons,
            });
        }
    }
    let mut toc = Some(toc);
    listing(
        site_ctx,
        "lessons/",
        order.len(),
        per_page,
        |range, pager| {
            let first = range.start;
            let mut groups: Vec<LessonGroup> = Vec::new();
            let mut current = None;
            for k in range {
                let (g, n) = order[k];
                if current != Some(g) {
                    current = Some(g);
                    let head = &heads[g];
                    groups.push(LessonGroup {
                        name: head.term.map_or_else(|| "Other".into(), |t| t.name.clone()),
                        id: lesson_group_id(head),
                        url: head
                            .term
                            .map(|t| site_ctx.url(&format!("technologies/{}/", t.slug))),
                        continued: k == first && k > 0 && order[k - 1].0 == g,
                        incidents: Vec::new(),
                    });
                }
                if let Some(group) = groups.last_mut() {
                    group.incidents.push(LessonSource {
                        title: &cards[n].title,
                        url: &cards[n].url,
                        lessons: &site.incidents[n].lessons,
                    });
                }
            }
            LessonsPage {
                groups,
                // Only the first page lists every group.
                toc: toc.take().unwrap_or_default(),
                pager,
            }
        },
    )
}

/// The lessons page that shows incident `n`'s lessons, if it has any.
pub fn lessons_page_of(site: &Site, n: usize, per_page: usize) -> Option<String> {
    let (_, order) = lesson_order(site);
    let k = order.iter().position(|&(_, m)| m == n)?;
    Some(paginate::output_path(
        "lessons/",
        paginate::page_of(k, per_page),
    ))
}

/// Every lessons page of `site`.
pub fn lessons_paths(site: &Site, per_page: usize) -> Vec<String> {
    let (_, order) = lesson_order(site);
    paginate::output_paths("lessons/", order.len(), per_page)
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedPage {
    pub updated: String,
    pub incidents: Vec<Card>,
}

/// Entries in the Atom feed.
pub const FEED_ENTRIES: usize = 50;

#[derive(Debug, Clone, Serialize)]
pub struct SitemapUrl {
    pub loc: String,
    pub lastmod: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SitemapPage {
    pub urls: Vec<SitemapUrl>,
}

/// URLs a sitemap file may list (the sitemaps protocol's limit).
pub const SITEMAP_URLS: usize = 50_000;

/// The site's URLs cut into sitemap files of at most `max` each (one file,
/// maybe empty, when they fit).
pub fn sitemap_parts(urls: Vec<SitemapUrl>, max: usize) -> Vec<Vec<SitemapUrl>> {
    if urls.len() <= max {
        return vec![urls];
    }
    urls.chunks(max.max(1))
        .map(<[SitemapUrl]>::to_vec)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_already_shown_leaves_the_narrative_with_its_label() {
        let text = "Raise the timeout.\n\nBefore:\n\n```python\nx = 1\n```\n\nAfter:\n\n```python\nx = 2\n```\n\nAlso run:\n\n```bash\nmake deploy\n```";
        let got = without_shown_code(text, &["x = 1", "x = 2"]);
        assert_eq!(
            got.split_whitespace().collect::<Vec<_>>().join(" "),
            "Raise the timeout. Also run: ```bash make deploy ```"
        );
    }

    #[test]
    fn long_sitemaps_split_at_the_limit_and_keep_every_url() {
        let urls = |n: usize| -> Vec<SitemapUrl> {
            (0..n)
                .map(|i| SitemapUrl {
                    loc: format!("/p{i}/"),
                    lastmod: None,
                })
                .collect()
        };
        let locs = |u: &[SitemapUrl]| u.iter().map(|u| u.loc.clone()).collect::<Vec<_>>();
        assert_eq!(sitemap_parts(urls(0), 3).len(), 1);
        assert_eq!(sitemap_parts(urls(3), 3).len(), 1);
        let parts = sitemap_parts(urls(7), 3);
        assert_eq!(parts.iter().map(Vec::len).collect::<Vec<_>>(), [3, 3, 1]);
        assert_eq!(locs(&parts.concat()), locs(&urls(7)));
        assert!(super::super::is_sitemap_part(&super::super::sitemap_part(
            12
        )));
        for other in [
            "sitemap.xml",
            "sitemap-.xml",
            "sitemap-1a.xml",
            "x/sitemap-1.xml",
        ] {
            assert!(!super::super::is_sitemap_part(other), "{other}");
        }
    }

    #[test]
    fn a_sitemap_index_is_well_formed_xml() {
        let tera = super::super::templates::load(None).expect("templates");
        let page = SitemapPage {
            urls: vec![SitemapUrl {
                loc: "https://kb.example/a&b/sitemap-1.xml".into(),
                lastmod: None,
            }],
        };
        let site = SiteCtx::new(&crate::config::Config::default());
        let xml = super::super::page(&tera, "sitemap_index.xml", &site, &page).expect("render");
        let xml = String::from_utf8(xml).expect("UTF-8");
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "sitemapindex");
        let locs: Vec<&str> = root
            .descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(locs, ["https://kb.example/a&b/sitemap-1.xml"]);
    }

    #[test]
    fn base_urls_normalize() {
        let ctx = |b: &str| {
            SiteCtx::new(&crate::config::Config {
                base_url: b.into(),
                ..Default::default()
            })
            .base
        };
        assert_eq!(ctx("/"), "/");
        assert_eq!(ctx(""), "/");
        assert_eq!(ctx("/kb"), "/kb/");
        assert_eq!(ctx("kb/"), "/kb/");
        assert_eq!(ctx("https://x.example/kb"), "https://x.example/kb/");
    }
}
