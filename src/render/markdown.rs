//! A report (or a piece of one) as HTML for display: headings get anchors
//! and a table of contents, code blocks are highlighted here, link targets
//! keep only safe schemes, and when the Markdown holds raw HTML the whole
//! result goes through ammonia (no script, event handler, `javascript:` or
//! `data:` URL, iframe or style survives).

use super::diff::{escape_into, line_html};
use super::highlight;
use crate::extract::per_thread::PerThread;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub text: String,
    pub id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
}

/// A highlighted code block.
pub fn code_block(code: &str, lang: Option<&str>) -> String {
    let segments = highlight::lines(code, lang);
    let mut html = String::with_capacity(code.len() * 2 + 64);
    // Focusable: a block wider than the page scrolls, and a keyboard
    // user scrolls only what takes focus.
    html.push_str("<pre class=\"code\" tabindex=\"0\"");
    if let Some(l) = lang {
        html.push_str(" data-lang=\"");
        escape_into(l, &mut html);
        html.push('"');
    }
    html.push_str("><code>");
    for (i, line) in code.lines().enumerate() {
        if i > 0 {
            html.push('\n');
        }
        html.push_str(&line_html(
            line,
            segments.get(i).map_or(&[][..], |s| &s[..]),
            &[],
        ));
    }
    html.push_str("</code></pre>\n");
    html
}

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tags(["mark", "input", "details", "summary"])
        .add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"])
        .add_tag_attributes("pre", ["data-lang", "tabindex"])
        .add_generic_attributes(["id"])
        .add_allowed_classes(
            "span",
            [
                "hl-k", "hl-s", "hl-c", "hl-n", "hl-f", "hl-t", "hl-b", "hl-v", "hl-p", "hl-o",
                "hl-a", "hl-tag", "hl-ins", "hl-del", "hl-h",
            ],
        )
        .add_allowed_classes("pre", ["code"])
        .add_allowed_classes("a", ["anchor"])
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(crate::url_policy::ALLOWED_SCHEMES.iter().copied().collect());
    b
});

/// Renders Markdown to HTML. `heading_offset` shifts heading levels (a
/// report's H1 is the page title, so the body starts at H2).
pub fn render(markdown: &str, heading_offset: u8) -> Rendered {
    let mut raw = RawHtml::default();
    let first = render_with(markdown, heading_offset, &mut raw);
    if raw.max_depth <= MAX_HTML_DEPTH {
        return first;
    }
    // Deeply nested raw HTML (100,000 unclosed `<div>`) makes the HTML5
    // tree builder quadratic; such markup is shown as text instead.
    let mut raw = RawHtml {
        as_text: true,
        ..RawHtml::default()
    };
    render_with(markdown, heading_offset, &mut raw)
}

/// Past this nesting depth of a report's raw HTML, it is shown as text.
const MAX_HTML_DEPTH: usize = 256;

/// What the report's raw HTML has done so far.
#[derive(Default)]
struct RawHtml {
    /// Some raw HTML was kept: the page goes through ammonia.
    seen: bool,
    depth: usize,
    max_depth: usize,
    /// Show raw HTML as escaped text.
    as_text: bool,
}

impl RawHtml {
    /// Follows open and close tags of a fragment to know how deep it nests.
    fn scan(&mut self, fragment: &str) {
        static TAG: PerThread<regex::Regex> = PerThread::new(|| {
            regex::Regex::new(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/?)>").expect("tag regex")
        });
        const VOID: &[&str] = &[
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
            "source", "track", "wbr",
        ];
        for t in TAG.captures_iter(fragment) {
            let name = t[2].to_ascii_lowercase();
            if VOID.contains(&name.as_str()) || !t[3].is_empty() {
                continue;
            }
            if t[1].is_empty() {
                self.depth += 1;
                self.max_depth = self.max_depth.max(self.depth);
            } else {
                self.depth = self.depth.saturating_sub(1);
            }
        }
    }
}

fn render_with(markdown: &str, heading_offset: u8, raw: &mut RawHtml) -> Rendered {
    let mut events: Vec<Event> = Vec::new();
    let mut toc = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    let mut code: Option<(Option<String>, String)> = None;
    let mut heading: Option<(u8, Vec<Event>)> = None;

    for event in pulldown_cmark::Parser::new_ext(markdown, crate::extract::markdown::options()) {
        if let Some((_, buf)) = code.as_mut() {
            match event {
                Event::Text(t) => buf.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    if let Some((lang, text)) = code.take() {
                        events.push(Event::Html(CowStr::from(code_block(
                            &text,
                            lang.as_deref(),
                        ))));
                    }
                }
                _ => {}
            }
            continue;
        }
        if let Some((level, buf)) = heading.as_mut() {
            if let Event::End(TagEnd::Heading(_)) = event {
                let text: String = buf
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let text = crate::extract::text::clean_heading(&text);
                let mut id = crate::extract::text::slugify(&text);
                if id.is_empty() {
                    id = "section".into();
                }
                // Each base id remembers its next number: 100,000 equal
                // headings take 100,000 steps, not 5 billion.
                let base = id.clone();
                let next = next_suffix.entry(base.clone()).or_insert(2);
                while !ids.insert(id.clone()) {
                    id = format!("{base}-{next}");
                    *next += 1;
                }
                let lvl = (*level + heading_offset).min(6);
                let mut open = format!("<h{lvl} id=\"");
                escape_into(&id, &mut open);
                open.push_str("\">");
                events.push(Event::Html(CowStr::from(open)));
                events.append(buf);
                let mut close = String::from("<a class=\"anchor\" href=\"#");
                escape_into(&id, &mut close);
                close.push_str(&format!(
                    "\" aria-label=\"Link to this section\">#</a></h{lvl}>\n"
                ));
                events.push(Event::Html(CowStr::from(close)));
                toc.push(TocEntry {
                    level: lvl,
                    text,
                    id,
                });
                heading = None;
            } else {
                let e = sanitize_event(event, raw);
                if let Some((_, buf)) = heading.as_mut() {
                    buf.push(e);
                }
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().map(|s| s.to_lowercase())
                    }
                    CodeBlockKind::Indented => None,
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level as u8, Vec::new())),
            // A checkbox names its state: a screen reader otherwise reads
            // "checkbox, checked" with no word of what it is.
            Event::TaskListMarker(done) => events.push(Event::Html(CowStr::from(if done {
                "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> "
            } else {
                "<input type=\"checkbox\" disabled aria-label=\"Not done\"> "
            }))),
            other => events.push(sanitize_event(other, raw)),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // Too deep: `render` throws this result away and renders again with
    // the raw HTML as text, so it must not reach the tree builder here.
    if raw.seen && raw.max_depth <= MAX_HTML_DEPTH {
        html = CLEANER.clean(&html).to_string();
    }
    Rendered { html, toc }
}

/// The URL when its scheme is safe (no `javascript:`, `data:`...), else `fallback`.
fn safe_or<'a>(url: CowStr<'a>, fallback: &'static str) -> CowStr<'a> {
    if crate::url_policy::is_allowed(&url) {
        url
    } else {
        CowStr::from(fallback)
    }
}

fn sanitize_event<'a>(event: Event<'a>, raw: &mut RawHtml) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = safe_or(dest_url, "#");
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = safe_or(dest_url, "");
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Html(h) | Event::InlineHtml(h) if raw.as_text => Event::Text(h),
        Event::Html(h) | Event::InlineHtml(h) => {
            raw.seen = true;
            raw.scan(&h);
            Event::Html(h)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn code_blocks_take_keyboard_focus() {
        for md in ["```sh\nls\n```\n", "<div>raw</div>\n\n```sh\nls\n```\n"] {
            let html = render(md, 1).html;
            assert!(
                html.contains("<pre class=\"code\" tabindex=\"0\""),
                "{html}"
            );
        }
    }

    #[test]
    fn task_list_checkboxes_name_their_state() {
        for md in [
            "- [x] Rotate the logs\n- [ ] Alert at 80%\n",
            "<div>raw HTML sends the page through the cleaner</div>\n\n- [x] Rotate the logs\n- [ ] Alert at 80%\n",
        ] {
            let html = render(md, 1).html;
            assert_eq!(html.matches("<input").count(), 2, "{html}");
            assert!(html.contains("aria-label=\"Done\""), "{html}");
            assert!(html.contains("aria-label=\"Not done\""), "{html}");
        }
    }

    use super::*;

    #[test]
    fn deeply_nested_raw_html_is_shown_as_text() {
        let md = format!(
            "# D\n\n{}",
            "<div onclick=\"x()\">\n".repeat(MAX_HTML_DEPTH + 1)
        );
        let r = render(&md, 1);
        assert!(r.html.contains("&lt;div onclick="), "{}", &r.html[..120]);
        assert!(!r.html.contains("<div"));
        // Balanced markup of any length stays markup.
        let md = "<div>x</div>\n".repeat(MAX_HTML_DEPTH * 4);
        assert!(render(&md, 1).html.contains("<div>x</div>"));
    }

    #[test]
    fn many_equal_headings_get_numbered_ids() {
        let md = "## Step\n\n".repeat(5);
        let r = render(&md, 1);
        let ids: Vec<&str> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["step", "step-2", "step-3", "step-4", "step-5"]);
    }

    #[test]
    fn headings_get_unique_anchors_and_a_toc() {
        let r = render("# Title\n\n## 🔍 Root Cause\n\ntext\n\n## Root Cause\n", 1);
        assert_eq!(
            r.toc.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
            vec!["title", "root-cause", "root-cause-2"]
        );
        assert!(r.html.contains("<h3 id=\"root-cause\">"));
        assert!(r.html.contains("href=\"#root-cause-2\""));
    }

    #[test]
    fn hostile_markdown_produces_no_executable_markup() {
        let cases = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "![x](data:text/html;base64,PHNjcmlwdD4=)",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<style>body{display:none}</style>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<div onclick=\"alert(1)\">x</div>",
            "<svg onload=alert(1)>",
        ];
        for md in cases {
            let html = render(md, 1).html.to_lowercase();
            for bad in [
                "<script",
                "onerror",
                "javascript:",
                "data:text",
                "<iframe",
                "<style",
                "onclick",
                "onload",
            ] {
                assert!(!html.contains(bad), "{md} → {html}");
            }
        }
    }

    #[test]
    fn safe_links_survive() {
        let html = render(
            "[a](https://x.example/p) [b](../docs/x.md) [c](#sec) [d](mailto:a@b.c)",
            1,
        )
        .html;
        for want in [
            "https://x.example/p",
            "../docs/x.md",
            "#sec",
            "mailto:a@b.c",
        ] {
            assert!(html.contains(want), "{want} in {html}");
        }
    }

    #[test]
    fn code_blocks_are_escaped() {
        let html = render("```html\n<b>x</b>\n```\n", 1).html;
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;"), "{html}");
        assert!(html.contains("data-lang=\"html\""));
    }
}
