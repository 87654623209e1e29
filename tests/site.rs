//! The static site as a user builds it: the page set, links and anchors
//! that resolve, snapshots of chosen pages, no executable markup from
//! hostile reports, byte-identical rebuilds and the output-folder rules.

use assert_cmd::Command;
use predicates::prelude::*;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

fn incidex() -> Command {
    Command::cargo_bin("incidex").expect("binary built")
}

mod common;

/// Copies a fixture knowledge base into a temp folder (builds write there).
fn kb(name: &str) -> tempfile::TempDir {
    common::fixture_kb(name)
}

fn build(root: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    incidex()
        .arg("--root")
        .arg(root)
        .arg("build")
        .args(extra)
        .assert()
}

fn files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(out)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read(e.path()).expect("read"))
        })
        .collect()
}

fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("has main");
    let end = html.find("</main>").expect("has /main") + "</main>".len();
    html[start..end].to_string()
}

#[test]
fn the_page_set() {
    let dir = kb("kb");
    build(dir.path(), &[])
        .success()
        .stdout(predicate::str::contains("built 3 incidents"));
    let out = files(&dir.path().join("public"));
    for page in [
        "index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "api/incidents.json",
        "lessons/index.html",
        "technologies/index.html",
        "technologies/redis/index.html",
        "services/index.html",
        "services/session-store/index.html",
        "tags/capacity/index.html",
        "incidents/2026-webhook-retry-storm/index.html",
        "incidents/cache-timeouts/index.html",
        "incidents/dns/index.html",
        "errors/webhook-delivery-failed-upstream-timed-out-after-attempt-id/index.html",
        "assets/incidex.css",
        "assets/incidex.js",
        "search/index.html",
        "search/index/meta.json",
        "search/index/t0.bin",
        "search/index/d0.json",
        "assets/incidex-search.js",
        "assets/incidex-stem.js",
    ] {
        assert!(
            out.contains_key(page),
            "missing {page}; have {:?}",
            out.keys().collect::<Vec<_>>()
        );
    }
    let error_page = String::from_utf8_lossy(
        &out["errors/webhook-delivery-failed-upstream-timed-out-after-attempt-id/index.html"],
    )
    .to_string();
    assert!(
        error_page.contains("seen in 2 incidents"),
        "one signature, two reports"
    );
    let json: serde_json::Value = serde_json::from_slice(&out["api/incidents.json"]).expect("json");
    assert_eq!(json.as_array().map(Vec::len), Some(3));
}

/// Every internal link and anchor on every page resolves to a built file.
fn check_links(out: &Path, base: &str) {
    let pages = files(out);
    let attr = Regex::new(r#"(?:href|src)="([^"]*)""#).expect("regex");
    let ids: BTreeMap<&String, BTreeSet<String>> = pages
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| {
            let html = String::from_utf8_lossy(b);
            let ids = Regex::new(r#"\sid="([^"]+)""#)
                .expect("regex")
                .captures_iter(&html)
                .map(|c| c[1].to_string())
                .collect();
            (p, ids)
        })
        .collect();
    let mut broken = Vec::new();
    for (page, bytes) in pages.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for c in attr.captures_iter(&html) {
            let link = c[1].replace("&amp;", "&");
            if link.starts_with("http") || link.starts_with("mailto:") || link.starts_with("//") {
                continue;
            }
            let (path, anchor) = link
                .split_once('#')
                .map_or((link.as_str(), None), |(p, a)| (p, Some(a)));
            let target = if path.is_empty() {
                page.clone()
            } else {
                let Some(rest) = path.strip_prefix(base) else {
                    broken.push(format!("{page}: {link} is outside the base {base}"));
                    continue;
                };
                let rest = rest.split('?').next().unwrap_or("");
                if rest.is_empty() || rest.ends_with('/') {
                    format!("{rest}index.html")
                } else {
                    rest.to_string()
                }
            };
            if !pages.contains_key(&target) {
                broken.push(format!("{page}: {link} → no {target}"));
                continue;
            }
            if let Some(a) = anchor.filter(|a| !a.is_empty()) {
                if !ids.get(&target).is_some_and(|s| s.contains(a)) {
                    broken.push(format!("{page}: {link} → no id {a} in {target}"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn links_and_anchors_resolve() {
    let dir = kb("kb");
    build(dir.path(), &[]).success();
    check_links(&dir.path().join("public"), "/");
}

#[test]
fn base_url_prefixes_every_link() {
    let dir = kb("kb");
    build(dir.path(), &["--base-url", "/kb/"]).success();
    let out = dir.path().join("public");
    check_links(&out, "/kb/");
    let feed = fs::read_to_string(out.join("atom.xml")).expect("feed");
    assert!(feed.contains("<link href=\"/kb/incidents/"), "{feed}");
    let home = fs::read_to_string(out.join("index.html")).expect("home");
    assert!(home.contains("href=\"/kb/assets/incidex.css\""));
}

#[test]
fn page_main_snapshots() {
    let dir = kb("kb");
    build(dir.path(), &[]).success();
    let out = dir.path().join("public");
    for (name, page) in [
        ("incident", "incidents/cache-timeouts/index.html"),
        ("home", "index.html"),
    ] {
        let html = fs::read_to_string(out.join(page)).expect("page");
        insta::assert_snapshot!(format!("main_{name}"), main_of(&html));
    }
}

/// Tags and attributes that would run code: script with inline content,
/// event handler attributes, script-capable URL schemes, and tags that
/// embed other documents or styles. Attribute values are parsed as values,
/// so escaped text inside them is not mistaken for markup.
fn executable_markup(html: &str) -> Vec<String> {
    let tag = Regex::new(r#"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*/?>"#).expect("regex");
    let attr = Regex::new(r#"([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?"#).expect("regex");
    let mut problems = Vec::new();
    for t in tag.captures_iter(html) {
        let name = t[1].to_ascii_lowercase();
        if [
            "iframe", "object", "embed", "style", "svg", "math", "base", "form",
        ]
        .contains(&name.as_str())
            && !(name == "form" && is_site_search_form(&t[2]))
            && !(name == "svg" && is_site_chart(&t[2]))
        {
            problems.push(format!("<{name}>"));
        }
        if name == "script" {
            let after = &html[t.get(0).map_or(0, |m| m.end())..];
            if !after.trim_start().starts_with("</script>") {
                problems.push("inline <script>".into());
            }
        }
        for a in attr.captures_iter(&t[2]) {
            let key = a[1].to_ascii_lowercase();
            let value = a
                .get(2)
                .map_or("", |v| v.as_str())
                .trim_matches(['"', '\''])
                .trim()
                .to_ascii_lowercase();
            if key.starts_with("on") {
                problems.push(format!("<{name} {key}=…>"));
            }
            let url_attr =
                ["href", "src", "action", "formaction", "xlink:href"].contains(&key.as_str());
            if url_attr
                && ["javascript:", "data:", "vbscript:"]
                    .iter()
                    .any(|s| value.starts_with(s))
            {
                problems.push(format!("<{name} {key}=\"{value}\">"));
            }
        }
    }
    problems
}

/// The templates' own search box: a GET form to the site's search page.
/// Any other form would come from a report.
fn is_site_search_form(attrs: &str) -> bool {
    attrs.contains(r#"role="search""#) && attrs.contains(r#"action="/search/""#)
}

/// The insights page's own charts: inline SVG the templates draw, of two
/// shapes. Reports' SVG never reaches a page (the sanitizer drops it).
fn is_site_chart(attrs: &str) -> bool {
    attrs.starts_with(r#" class="chart-svg" viewBox=""#)
        || attrs
            == r#" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false""#
}

#[test]
fn the_checker_finds_real_markup() {
    assert!(!executable_markup("<svg onload=\"alert(1)\">").is_empty());
    assert!(!executable_markup("<svg><script>alert(1)</script></svg>").is_empty());
    assert!(!executable_markup("<form action=\"https://evil.example/\">").is_empty());
    assert!(
        executable_markup("<form class=\"site-search\" role=\"search\" action=\"/search/\">")
            .is_empty()
    );
    assert!(!executable_markup("<img src=x onerror=alert(1)>").is_empty());
    assert!(!executable_markup("<a href=\"javascript:x\">").is_empty());
    assert!(!executable_markup("<script>alert(1)</script>").is_empty());
    assert!(executable_markup("<li data-text=\"&lt;b onmouseover=alert(4)&gt;\">").is_empty());
    assert!(executable_markup("<script src=\"/assets/incidex.js\" defer></script>").is_empty());
}

#[test]
fn hostile_reports_produce_no_executable_markup() {
    let dir = kb("hostile");
    build(dir.path(), &[]).success();
    let out = files(&dir.path().join("public"));
    for (path, bytes) in &out {
        if !(path.ends_with(".html") || path.ends_with(".xml")) {
            continue;
        }
        let problems = executable_markup(&String::from_utf8_lossy(bytes));
        assert!(problems.is_empty(), "{path}: {problems:#?}");
    }
    let page = String::from_utf8_lossy(&out["incidents/hostile/index.html"]);
    assert!(page.contains(
        "Evil &lt;/script&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; report"
    ));
    let json: serde_json::Value =
        serde_json::from_slice(&out["api/incidents.json"]).expect("json stays valid");
    assert!(
        json[0]["title"]
            .as_str()
            .unwrap_or("")
            .contains("</script>"),
        "JSON keeps the text, escaped by JSON"
    );
}

#[test]
fn builds_are_byte_identical_and_rebuilds_touch_only_changes() {
    let dir = kb("kb");
    let out = dir.path().join("public");
    build(dir.path(), &[]).success();
    let first = files(&out);
    build(dir.path(), &[])
        .success()
        .stdout(predicate::str::contains("0 written"));
    assert_eq!(files(&out), first);
    let other = dir.path().join("other-out");
    build(dir.path(), &["--out", other.to_str().expect("utf8")]).success();
    let mut second = files(&other);
    second.remove(".incidex-output");
    let mut first_no_manifest = first.clone();
    first_no_manifest.remove(".incidex-output");
    assert_eq!(
        second, first_no_manifest,
        "two builds of the same input are byte-identical"
    );

    fs::write(out.join("robots.txt"), "user file").expect("write");
    fs::remove_file(dir.path().join("content/2025/dns.md")).expect("rm");
    build(dir.path(), &[])
        .success()
        .stdout(predicate::str::contains("removed"));
    assert!(
        !out.join("incidents/dns").exists(),
        "the removed report's page is gone"
    );
    assert_eq!(
        fs::read_to_string(out.join("robots.txt")).expect("kept"),
        "user file"
    );
}

#[test]
fn output_folder_refusals() {
    let dir = kb("kb");
    let root = dir.path().to_str().expect("utf8").to_string();
    build(dir.path(), &["--out", &root])
        .code(2)
        .stderr(predicate::str::contains("knowledge base root"));
    build(dir.path(), &["--out", &format!("{root}/content")])
        .code(2)
        .stderr(predicate::str::contains("content"));
    fs::create_dir_all(dir.path().join("docs")).expect("mkdir");
    fs::write(dir.path().join("docs/notes.txt"), "mine").expect("write");
    build(dir.path(), &["--out", &format!("{root}/docs")])
        .code(2)
        .stderr(predicate::str::contains("did not create"));
    assert_eq!(
        fs::read_to_string(dir.path().join("docs/notes.txt")).expect("untouched"),
        "mine"
    );
}

#[test]
fn templates_and_static_files_override() {
    let dir = kb("kb");
    fs::create_dir_all(dir.path().join("templates")).expect("mkdir");
    fs::write(
        dir.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Lost?</h1>{% endblock main %}",
    )
    .expect("write");
    fs::create_dir_all(dir.path().join("static/img")).expect("mkdir");
    fs::write(dir.path().join("static/img/logo.svg"), "<svg/>").expect("write");
    build(dir.path(), &[]).success();
    let out = dir.path().join("public");
    assert!(fs::read_to_string(out.join("404.html"))
        .expect("404")
        .contains("<h1>Lost?</h1>"));
    assert_eq!(
        fs::read_to_string(out.join("img/logo.svg")).expect("static"),
        "<svg/>"
    );
    fs::write(dir.path().join("templates/index.html"), "{% if %}").expect("write");
    build(dir.path(), &[])
        .code(2)
        .stderr(predicate::str::contains("index.html"));
}

#[test]
fn drafts_are_left_out_unless_asked() {
    let dir = kb("kb");
    fs::write(
        dir.path().join("content/draft.md"),
        "---\ndraft: true\n---\n# Draft\n",
    )
    .expect("write");
    build(dir.path(), &[]).success();
    assert!(!dir.path().join("public/incidents/draft").exists());
    build(dir.path(), &["--drafts"]).success();
    assert!(dir
        .path()
        .join("public/incidents/draft/index.html")
        .exists());
}

#[test]
fn filter_data_names_each_incident_where_the_search_files_hold_it() {
    let dir = kb("kb");
    build(dir.path(), &[]).success();
    let out = dir.path().join("public");
    let read = |p: &str| -> serde_json::Value {
        serde_json::from_slice(&fs::read(out.join(p)).unwrap_or_else(|e| panic!("{p}: {e}")))
            .unwrap_or_else(|e| panic!("{p}: {e}"))
    };
    let incidents = read("api/incidents.json");
    let incidents = incidents.as_array().expect("array");
    let meta = read("search/index/meta.json");
    let per_chunk = meta["docs_per_chunk"].as_u64().expect("docs_per_chunk") as usize;
    let facets = read("search/facets.json");
    let mut checked = 0;
    for (kind, field) in [
        ("technology", "technologies"),
        ("service", "services"),
        ("status", "status"),
        ("severity", "severity"),
    ] {
        let values = facets[kind].as_array().expect("values");
        assert!(!values.is_empty(), "{kind}: the fixture has values");
        for v in values {
            let slug = v["slug"].as_str().expect("slug");
            let list = read(&format!("search/facets/{kind}/{slug}.json"));
            let list: Vec<usize> = serde_json::from_value(list).expect("numbers");
            assert_eq!(
                v["count"].as_u64(),
                Some(list.len() as u64),
                "{kind} {slug}"
            );
            assert!(list.windows(2).all(|w| w[0] < w[1]), "in site order");
            // Exactly the incidents with this value, by their place in
            // the site: the number the search files use.
            let expected: Vec<usize> = incidents
                .iter()
                .enumerate()
                .filter(|(_, i)| match &i[field] {
                    serde_json::Value::Array(names) => names
                        .iter()
                        .filter_map(|n| n.as_str())
                        .any(|n| n.to_lowercase().replace(' ', "-") == slug),
                    other => other.as_str() == Some(slug),
                })
                .map(|(n, _)| n)
                .collect();
            assert_eq!(list, expected, "{kind} {slug}");
            for n in list {
                let rows = read(&format!("search/index/d{}.json", n / per_chunk));
                assert_eq!(
                    rows[n % per_chunk][0],
                    incidents[n]["id"],
                    "incident {n} of {kind} {slug} is that row of the search files"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 5, "{checked}");
}

#[test]
fn the_incident_page_shows_its_whole_summary_and_cards_a_short_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).expect("content dir");
    let summary = format!(
        "{} and the last words of the summary.",
        "Checkout failed for one order in five while the pool was exhausted".repeat(5)
    );
    std::fs::write(
        content.join("long.md"),
        format!("---\ntitle: Long summary\nsummary: \"{summary}\"\n---\n\n## Root Cause\n\nA pool without a limit.\n"),
    )
    .expect("write report");
    build(dir.path(), &[]).success();
    let page = std::fs::read_to_string(dir.path().join("public/incidents/long/index.html"))
        .expect("incident page");
    assert!(
        page.contains("and the last words of the summary."),
        "{page}"
    );
    let home = std::fs::read_to_string(dir.path().join("public/index.html")).expect("home");
    assert!(
        !home.contains("the last words of the summary"),
        "the card is short"
    );
    assert!(home.contains('…'));
}

#[test]
fn a_technology_named_like_a_vague_link_says_what_it_is() {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).expect("content dir");
    std::fs::write(
        content.join("leak.md"),
        "---\ntitle: Goroutine leak\ntechnologies: [Go, Redis]\n---\n\n## Root Cause\n\nA leak.\n",
    )
    .expect("write report");
    build(dir.path(), &[]).success();
    let home = std::fs::read_to_string(dir.path().join("public/index.html")).expect("home");
    // "Go" read out of context is an order, not a language.
    assert!(
        home.contains("<span class=\"visually-hidden\">technology </span>Go</a>"),
        "{home}"
    );
    assert!(
        home.contains("data-technology-link=\"redis\">Redis</a>"),
        "{home}"
    );
}

#[test]
fn the_incident_page_says_what_it_holds_before_it() {
    let dir = kb("kb");
    build(dir.path(), &[]).success();
    let page = std::fs::read_to_string(
        dir.path()
            .join("public/incidents/cache-timeouts/index.html"),
    )
    .expect("incident page");
    let toc = page
        .find("aria-label=\"On this page\"")
        .expect("a table of contents");
    let first_panel = page.find("class=\"panel").expect("a panel");
    assert!(toc < first_panel, "the contents come before the parts");
    for part in ["#errors-title", "#root-cause-title", "#report-title"] {
        assert!(page[toc..first_panel].contains(part), "{part} listed");
    }
}

#[test]
fn lessons_sit_under_the_technology_their_incident_is_about() {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).expect("content dir");
    // Redis is what the failover is about; Stripe is named once in passing
    // and by no other report, so it is the more specific name.
    std::fs::write(
        content.join("failover.md"),
        "# Redis failover dropped sessions\n\n**Date**: 2026-02-01\n\n## Root Cause\n\nThe Redis \
         replica was promoted while Redis Sentinel still pointed clients at the old primary, so \
         Redis writes were lost. Checkout retried its Stripe calls meanwhile.\n\n\
         ## Lessons Learned\n\n- Test Redis failover every quarter\n- Alert on Sentinel flaps\n",
    )
    .expect("write report");
    for n in 0..2 {
        std::fs::write(
            content.join(format!("cache-{n}.md")),
            format!(
                "# Redis cache stampede {n}\n\n**Date**: 2026-01-0{}\n\n## Root Cause\n\n\
                 Redis keys expired together.\n\n## Lessons Learned\n\n- Jitter Redis expiries {n}\n",
                n + 1
            ),
        )
        .expect("write report");
    }
    build(dir.path(), &[]).success();
    let lessons =
        std::fs::read_to_string(dir.path().join("public/lessons/index.html")).expect("lessons");
    let redis = lessons
        .split("<section class=\"lesson-group\" aria-labelledby=\"redis\">")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap_or_default();
    assert!(
        redis.contains("Test Redis failover every quarter"),
        "{lessons}"
    );
    assert!(redis.contains("Jitter Redis expiries 0"), "{lessons}");
    assert!(!lessons.contains("aria-labelledby=\"stripe\""), "{lessons}");
    // The report is named once above its two lessons, not after each.
    assert_eq!(
        lessons
            .matches(">Redis failover dropped sessions</a>")
            .count(),
        1,
        "{lessons}"
    );
}

#[test]
fn structured_sections_keep_their_markdown_on_the_incident_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).expect("content dir");
    std::fs::write(
        content.join("pool.md"),
        "# Pool ran dry\n\n**Date**: 2026-01-02\n\n## Summary\n\nThe `orders` service ran out of \
         **connections**; see [the runbook](https://runbooks.example/pool).\n\n## Impact\n\n\
         - Checkout failed for *12 minutes*\n- `POST /orders` returned 503\n\n## Root Cause\n\n\
         The pool had `max=5`. <script>alert(1)</script>\n\n## Fix\n\nRaised `max` to 50 in \
         [PR 12](https://git.example/pr/12).\n",
    )
    .expect("write report");
    build(dir.path(), &[]).success();
    let page = std::fs::read_to_string(dir.path().join("public/incidents/pool/index.html"))
        .expect("incident page");
    for want in [
        "The <code>orders</code> service ran out of <strong>connections</strong>",
        "<a href=\"https://runbooks.example/pool\">the runbook</a>",
        "<li>Checkout failed for <em>12 minutes</em></li>\n<li><code>POST /orders</code> returned 503</li>",
        "The pool had <code>max=5</code>.",
        "Raised <code>max</code> to 50 in <a href=\"https://git.example/pr/12\">PR 12</a>",
    ] {
        assert!(page.contains(want), "{want}\n{page}");
    }
    assert!(!page.contains("<script>alert"), "{page}");
    // The JSON keeps plain text, as the schema says.
    let out = incidex()
        .args(["show", "--json"])
        .arg(content.join("pool.md"))
        .output()
        .expect("show");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        json["summary"],
        "The orders service ran out of connections; see the runbook."
    );
}

/// A report written here: a title, front matter, a timeline of clock
/// times, one error line and action items.
fn insight_report(
    title: &str,
    date: &str,
    severity: Option<&str>,
    status: &str,
    times: &[&str],
) -> String {
    let severity = severity.map_or(String::new(), |s| format!("severity: {s}\n"));
    let timeline: String = times
        .iter()
        .map(|t| format!("- {t} — something happened\n"))
        .collect();
    format!(
        "---\ntitle: {title}\ndate: {date}\n{severity}status: {status}\n---\n\n\
         ## Summary\n\nCheckout failed because the Redis connection pool was exhausted.\n\n\
         ## Timeline\n\n{timeline}\n\
         ## Errors\n\n```text\nERROR: redis connection pool exhausted (pid 4242)\n```\n\n\
         ## Root Cause\n\nThe Redis pool had no upper bound on waiters.\n\n\
         ## Fix\n\nBounded the Redis pool.\n\n\
         ## Action Items\n\n- [ ] Alert on Redis pool saturation\n- [x] Add a pool timeout\n"
    )
}

/// The rows of the data table captioned `caption`, as cell texts.
fn data_rows(html: &str, caption: &str) -> Vec<Vec<String>> {
    let doc = scraper::Html::parse_document(html);
    let table = scraper::Selector::parse("table").expect("selector");
    let row = scraper::Selector::parse("tbody tr").expect("selector");
    let cell = scraper::Selector::parse("th, td").expect("selector");
    let t = doc
        .select(&table)
        .find(|t| t.text().collect::<String>().contains(caption))
        .unwrap_or_else(|| panic!("no table {caption}"));
    t.select(&row)
        .map(|r| {
            r.select(&cell)
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn the_insights_page_counts_what_the_reports_say() {
    let dir = tempfile::tempdir().expect("tmp");
    let content = dir.path().join("content");
    fs::create_dir_all(&content).expect("mkdir");
    for (file, text) in [
        (
            "a.md",
            insight_report(
                "Pool A",
                "2025-01-10",
                Some("critical"),
                "resolved",
                &["10:00", "10:40", "11:30"],
            ),
        ),
        (
            "b.md",
            insight_report(
                "Pool B",
                "2025-01-20",
                Some("high"),
                "resolved",
                &["23:50", "00:20"],
            ),
        ),
        (
            "c.md",
            insight_report(
                "Pool C",
                "2025-03-05",
                None,
                "investigating",
                &["09:00", "15:00"],
            ),
        ),
        (
            "d.md",
            "---\ntitle: Pool D\ndate: 2025-04-01\nstatus: resolved\n---\n\n**Duration**: 3 hours\n\n## Root Cause\n\nA slow disk.\n".to_string(),
        ),
    ] {
        fs::write(content.join(file), text).expect("write");
    }
    incidex()
        .arg("--root")
        .arg(dir.path())
        .arg("build")
        .env("SOURCE_DATE_EPOCH", "1743465600") // 2025-04-01
        .assert()
        .success();
    let out = dir.path().join("public");
    let html = fs::read_to_string(out.join("insights/index.html")).expect("insights page");

    // Per month, by severity, with the empty month between drawn as such.
    assert_eq!(
        data_rows(&html, "Incidents per month by severity"),
        [
            ["2025-01", "1", "1", "0", "0", "0", "2"],
            ["2025-02", "0", "0", "0", "0", "0", "0"],
            ["2025-03", "0", "0", "0", "0", "1", "1"],
            ["2025-04", "0", "0", "0", "0", "1", "1"],
        ]
    );
    assert!(html.contains(r#"<rect class="sev-critical""#), "bars drawn");
    // Time to resolve: 90 and 30 minutes (past midnight) by the timeline,
    // 3 hours as the report writes it; the report still under
    // investigation is not resolved.
    assert_eq!(
        data_rows(&html, "Time to resolve per quarter"),
        [
            ["2025 Q1", "2", "1 h", "30 min", "1 h 30 min"],
            ["2025 Q2", "1", "3 h", "3 h", "3 h"],
        ]
    );
    // One error and one technology in all three reports.
    let errors = data_rows(&html, "Error");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0][1], "3");
    assert!(html.contains("href=\"/errors/redis-connection-pool-exhausted-pid/\""));
    assert!(data_rows(&html, "Technology")
        .iter()
        .any(|r| r[0] == "Redis" && r[1] == "3"));
    // Three open action items, 27 to 81 days old on 2025-04-01.
    let ages = data_rows(&html, "Age");
    let count = |label: &str| ages.iter().find(|r| r[0] == label).map(|r| r[1].clone());
    assert_eq!(count("Under 30 days").as_deref(), Some("1"));
    assert_eq!(count("30–90 days").as_deref(), Some("2"));
    // Reachable: the header links it, the sitemap lists it.
    let home = fs::read_to_string(out.join("index.html")).expect("home");
    assert!(home.contains(">Insights</a>"));
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).expect("sitemap");
    assert!(sitemap.contains("/insights/</loc>"));
    // No script on the page beyond the site's own.
    assert!(!main_of(&html).contains("<script"));
}

#[test]
fn aliases_redirect_to_their_incident_and_never_leave_the_site() {
    let dir = tempfile::tempdir().expect("tmp");
    let content = dir.path().join("content");
    fs::create_dir_all(&content).expect("mkdir");
    fs::write(
        content.join("pool.md"),
        "---\ntitle: Pool exhausted\ndate: 2025-01-10\naliases:\n  - /old/pool.html\n  - legacy/pool/\n  - ../escape/\n  - https://evil.example/\n  - /incidents/dns/\n  - /Incidents/DNS/\n  - /atom.xml/\n  - /incidents/dns/index.html/\n  - /assets/old/\n---\n\n## Root Cause\n\nThe pool was too small.\n",
    )
    .expect("write");
    fs::write(
        content.join("dns.md"),
        "---\ntitle: DNS lookups fail\ndate: 2025-01-09\n---\n\n## Root Cause\n\nA resolver was down.\n",
    )
    .expect("write");
    incidex()
        .arg("--root")
        .arg(dir.path())
        .arg("check")
        .assert()
        .stderr(
            predicate::str::contains(
                "content/pool.md:7:5: warning: alias `../escape/` leaves the site",
            )
            .and(predicate::str::contains(
                "alias `https://evil.example/` is a full URL",
            )),
        );
    build(dir.path(), &[]).success();
    let out = dir.path().join("public");
    for page in ["old/pool.html", "legacy/pool/index.html"] {
        let html = fs::read_to_string(out.join(page)).expect(page);
        assert!(
            html.contains(r#"<meta http-equiv="refresh" content="0; url=/incidents/pool/">"#)
                && html.contains(r#"<a href="/incidents/pool/">Pool exhausted</a>"#),
            "{page}: {html}"
        );
    }
    assert!(
        !dir.path().join("escape").exists(),
        "nothing outside the output folder"
    );
    // Never over a page, even in another case (macOS and Windows file
    // systems do not tell them apart), nor in a folder named like a file
    // of the site, nor among its assets.
    assert!(!out.join("atom.xml").is_dir() && !out.join("assets/old").exists());
    assert!(
        !out.join("Incidents").exists(),
        "a page in another case is still that page"
    );
    let dns = fs::read_to_string(out.join("incidents/dns/index.html")).expect("dns page");
    assert!(
        dns.contains("DNS lookups fail") && !dns.contains("http-equiv"),
        "a page is never replaced by an alias"
    );
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).expect("sitemap");
    assert!(
        !sitemap.contains("old/pool"),
        "redirects are not pages to index"
    );

    // An alias dropped from the report: its page goes on the next build.
    let text = fs::read_to_string(content.join("pool.md")).expect("read");
    fs::write(
        content.join("pool.md"),
        text.replace("  - /old/pool.html\n", ""),
    )
    .expect("write");
    build(dir.path(), &[]).success();
    assert!(!out.join("old/pool.html").exists());
    assert!(out.join("legacy/pool/index.html").exists());
}
