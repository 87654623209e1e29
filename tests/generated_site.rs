//! A knowledge base larger than any listing's page, built as a user builds
//! it: no HTML page may outgrow its budget, and a reader who starts at the
//! home page and follows links reaches every page the build wrote (every
//! report, every page of every paginated listing).

use std::collections::{BTreeSet, VecDeque};
use std::path::Path;

#[path = "../benches/common/generate.rs"]
mod generate;

/// The most an HTML page may weigh, whatever the number of reports.
const PAGE_BUDGET: u64 = 500 * 1024;
/// More reports than a home page of full cards could hold in the budget.
const REPORTS: usize = 700;

/// Site paths an HTML page links to (`href` and form `action`), as output
/// files: `/a/b/` → `a/b/index.html`. Only links inside the site.
fn links(page: &str, re: &regex::Regex) -> Vec<String> {
    re.captures_iter(page)
        .filter_map(|c| {
            let url = c[1].split(['#', '?']).next().unwrap_or("");
            let path = url.strip_prefix('/')?;
            if url.starts_with("//") {
                return None;
            }
            Some(if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_string()
            })
        })
        .collect()
}

#[test]
fn every_page_is_small_and_reachable_from_the_home_page() {
    let kb = tempfile::tempdir().expect("temp dir");
    generate::write_reports(kb.path(), REPORTS, 11).expect("generate");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_incidex"))
        .arg("--root")
        .arg(kb.path())
        .args(["build", "-q"])
        .status()
        .expect("build");
    assert!(status.success(), "build failed");
    let out = kb.path().join("public");

    let mut html: BTreeSet<String> = BTreeSet::new();
    for e in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e
            .path()
            .strip_prefix(&out)
            .expect("inside the output")
            .display()
            .to_string();
        if e.file_type().is_file() && rel.ends_with(".html") {
            let size = e.metadata().expect("metadata").len();
            assert!(
                size <= PAGE_BUDGET,
                "{rel} is {size} bytes, over the {PAGE_BUDGET}-byte budget"
            );
            html.insert(rel);
        }
    }
    // The listings did need more than one page at this size.
    for listing in ["", "lessons/"] {
        assert!(
            html.contains(&format!("{listing}page/2/index.html")),
            "/{listing} has a second page"
        );
    }
    assert!(
        html.iter()
            .any(|p| p.starts_with("technologies/") && p.contains("/page/2/")),
        "a technology's listing has a second page"
    );

    // Follow links from the home page, as a reader (or a crawler) would.
    let re = regex::Regex::new(r#"(?:href|action)="([^"]*)""#).expect("regex");
    let mut reached: BTreeSet<String> = BTreeSet::new();
    let mut queue = VecDeque::from(["index.html".to_string()]);
    while let Some(path) = queue.pop_front() {
        if !reached.insert(path.clone()) || !path.ends_with(".html") {
            continue;
        }
        let Ok(page) = std::fs::read_to_string(out.join(&path)) else {
            continue;
        };
        for link in links(&page, &re) {
            if !reached.contains(&link) {
                queue.push_back(link);
            }
        }
    }
    let unreached: Vec<&String> = html
        .iter()
        .filter(|p| *p != "404.html" && !reached.contains(*p))
        .collect();
    assert!(
        unreached.is_empty(),
        "{} of {} pages cannot be reached by links from the home page, e.g. {:?}",
        unreached.len(),
        html.len(),
        &unreached[..unreached.len().min(5)]
    );
    let broken: Vec<&String> = reached
        .iter()
        .filter(|p| !Path::new(&out).join(p).exists())
        .collect();
    assert!(broken.is_empty(), "links to missing files: {broken:?}");
}
