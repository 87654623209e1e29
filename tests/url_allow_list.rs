//! Every URL the site writes, read as a browser reads it: reports put
//! disguised script URLs in References links, autolinks, link definitions,
//! images, raw HTML and front-matter `references`; the built pages are
//! parsed with an HTML5 parser and no `href`, `src` or `action` may lead
//! to a script-running scheme.

mod pages;

use assert_cmd::Command;
use pages::{browser_normalized, site_pages};
use std::fs;

/// Scheme disguises a browser still reads as script, written as Markdown
/// link destinations (character references are decoded by the Markdown
/// parser, exactly as a browser decodes them in an attribute).
const MARKDOWN_PAYLOADS: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java&#x09;script:alert(1)",
    "java&#x0A;script:alert(1)",
    "java&#x0D;script:alert(1)",
    "&#x01;javascript:alert(1)",
    "&#x20;javascript:alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:image/svg+xml,%3Csvg%20onload=alert(1)%3E",
    "livescript:alert(1)",
];

/// The same, as front matter can write them (raw characters, any scheme).
const FRONT_MATTER_PAYLOADS: &[&str] = &[
    "javascript:alert(1)",
    "java\\tscript:alert(1)",
    "\\u0001javascript:alert(1)",
    " javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "chrome://settings",
];

fn report(i: usize, payload: &str) -> String {
    format!(
        "---\ntitle: Report {i}\ndate: 2025-01-{day:02}\nreferences:\n  - \"{fm}\"\n  - {{title: Mapped, url: \"{fm}\"}}\n---\n\n\
# Report {i}\n\n## Root Cause\n\nA [body link]({payload}) and ![img]({payload}).\n\n\
## References\n\n- [Runbook]({payload})\n- <{payload}>\n- [Defined][d{i}]\n- <a href=\"{payload}\">raw</a>\n\n[d{i}]: {payload}\n",
        day = i % 28 + 1,
        fm = FRONT_MATTER_PAYLOADS[i % FRONT_MATTER_PAYLOADS.len()],
    )
}

/// What a browser does to an attribute's URL before it looks for a scheme
/// (URL standard: strip leading/trailing C0 controls and spaces, remove tabs
/// and newlines), then whether that scheme can run script or read local data.
fn runs_script(url: &str) -> bool {
    let cleaned = browser_normalized(url);
    ["javascript:", "vbscript:", "data:", "livescript:", "file:"]
        .iter()
        .any(|s| cleaned.starts_with(s))
}

#[test]
fn the_checker_reads_urls_as_a_browser_does() {
    assert!(runs_script("java\tscript:x"));
    assert!(runs_script("\u{1} JAVASCRIPT:x"));
    assert!(!runs_script("https://example.com/javascript:x"));
    assert!(!runs_script("/incidents/a/"));
}

#[test]
fn no_page_links_to_a_script_url() {
    let dir = tempfile::tempdir().expect("tmp");
    let content = dir.path().join("content");
    fs::create_dir_all(&content).expect("mkdir");
    let n = MARKDOWN_PAYLOADS.len().max(FRONT_MATTER_PAYLOADS.len());
    for i in 0..n {
        let payload = MARKDOWN_PAYLOADS[i % MARKDOWN_PAYLOADS.len()];
        fs::write(content.join(format!("r{i}.md")), report(i, payload)).expect("write");
    }
    // A legitimate reference must survive the filter.
    fs::write(
        content.join("good.md"),
        "# Good\n\n## References\n\n- [Docs](https://example.com/docs)\n",
    )
    .expect("write");
    Command::cargo_bin("incidex")
        .expect("binary")
        .arg("--root")
        .arg(dir.path())
        .args(["build", "-q"])
        .assert()
        .success();

    let selector = scraper::Selector::parse("[href], [src], [action], [formaction]").expect("css");
    let mut checked = 0;
    let mut good_link = false;
    for (path, html) in site_pages(&dir.path().join("public")) {
        let doc = scraper::Html::parse_document(&html);
        for el in doc.select(&selector) {
            for attr in ["href", "src", "action", "formaction"] {
                if let Some(url) = el.value().attr(attr) {
                    checked += 1;
                    good_link |= url == "https://example.com/docs";
                    assert!(
                        !runs_script(url),
                        "{path}: <{} {attr}={url:?}>",
                        el.value().name()
                    );
                }
            }
        }
    }
    assert!(checked > 100, "the pages hold links ({checked})");
    assert!(good_link, "an https reference is still linked");

    // The JSON keeps no refused reference either: another tool may link it.
    let json = fs::read_to_string(dir.path().join("public/api/incidents.json")).expect("json");
    let incidents: serde_json::Value = serde_json::from_str(&json).expect("valid json");
    for inc in incidents.as_array().expect("array") {
        for r in inc["references"].as_array().expect("references") {
            let url = r["url"].as_str().expect("url");
            assert!(!runs_script(url), "{}: reference {url:?}", inc["source"]);
        }
    }
}
