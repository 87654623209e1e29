//! Markdown → `Incident`. One pulldown-cmark pass gives located blocks
//! (`markdown`), headings and labels give each block a role (`document`),
//! and one module per rule reads what it needs from the annotated blocks.

pub mod asciidoc_markup;
pub mod before_after;
pub mod code_tags;
pub mod containers;
pub mod dates;
pub mod document;
pub mod duration;
pub mod error_lines;
pub mod errors;
pub mod languages;
pub mod lists;
pub mod loose_headings;
pub mod markdown;
pub mod memo;
pub mod metadata;
pub mod narrative;
pub mod overrides;
pub mod per_thread;
pub mod plain_outline;
pub mod rst_markup;
pub mod sections;
pub mod services;
pub mod signature;
pub mod status;
pub mod tech_evidence;
pub mod technologies;
pub mod template_text;
pub mod text;
pub mod word_regex;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::{Incident, SectionInfo, SCHEMA_VERSION};
use crate::source::SourceFile;
use metadata::{pick, MetaKey};
use std::path::Path;
use text::{clean_heading, slugify};

/// An incident and the diagnostics met while reading it.
pub struct Extracted {
    pub incident: Incident,
    pub diagnostics: Vec<Diagnostic>,
}

/// Builds the largest rule tables side by side, before a batch of reports:
/// built on first use instead, each would be built by one thread while the
/// others wait for it (about a tenth of a second in all).
pub fn warm_up() {
    rayon::join(technologies::warm_up, || {
        error_lines::warm_up();
        sections::warm_up();
    });
}

/// A report that opens on a line of plain text, with no heading for a
/// title ("[Bug] OOM Crash - MemoryGuard killed the agent", as issue
/// trackers and chat exports write it): that line, when it reads as a
/// title (one short line, no sentence or label ending, not a label).
fn first_line_title(doc: &document::Document, body_line: usize) -> Option<String> {
    let first = doc.blocks.first()?;
    if !matches!(first.kind, markdown::Kind::Paragraph) || first.quote {
        return None;
    }
    let labelled = doc
        .ann
        .first()
        .is_some_and(|a| a.lines.iter().any(|l| l.label.is_some()));
    // Not a link, an image, a table of contents macro, an emphasized
    // byline ("*Last updated March 5*") or a URL: preambles, not titles.
    let source_line = doc
        .source
        .lines()
        .nth(first.line.saturating_sub(body_line))
        .unwrap_or("")
        .trim();
    // A plain-text report runs on without a blank line under its title
    // ("Postmortem: The Great Outage of 2024." then "Issue Summary:"): its
    // first line is the title when it names what it is.
    if let Some(title) = kind_titled_line(source_line) {
        return Some(title);
    }
    let preamble = !first.links.is_empty()
        || source_line.starts_with(['!', '*', '_', '<'])
        || source_line.starts_with("[[")
        || source_line.contains("://");
    if preamble {
        return None;
    }
    let raw = first.text().trim();
    let text = clean_heading(raw);
    let words = text.split_whitespace().count();
    let reads_as_title = !labelled
        && !raw.contains('\n')
        && (1..=16).contains(&words)
        && text.chars().count() <= 120
        && !raw.ends_with(['.', ':', ',', ';', '。', '：'])
        && text.chars().any(char::is_alphabetic)
        // A section word alone ("Summary", "Root cause") opens a section.
        && !(words <= 3 && sections::heading_role(&text).is_some());
    reads_as_title.then_some(text)
}

/// A line opening on the kind of document it is and a colon
/// ("Postmortem: Login outage", "Incident report: DNS failure"), short
/// enough to be a title: the line, cleaned.
fn kind_titled_line(line: &str) -> Option<String> {
    let (kind, rest) = line.split_once(':')?;
    let kind = kind.trim().to_lowercase();
    let is_kind = matches!(
        kind.as_str(),
        "postmortem"
            | "post-mortem"
            | "post mortem"
            | "incident"
            | "incident report"
            | "incident postmortem"
            | "outage report"
            | "rca"
            | "root cause analysis"
            | "retrospective"
    );
    let rest = rest.trim();
    let words = rest.split_whitespace().count();
    // Two words at least: "RCA: pending", "Incident: INC0012345" are a
    // label's value, not a title.
    let worded = rest
        .split_whitespace()
        .filter(|w| w.chars().all(char::is_alphabetic))
        .count()
        >= 2;
    let title = is_kind
        && worded
        && (2..=16).contains(&words)
        && line.chars().count() <= 120
        && !rest.contains("://")
        && rest.chars().any(char::is_alphabetic);
    title
        .then(|| clean_heading(line.trim()))
        .filter(|t| !t.is_empty())
}

pub fn extract(src: &SourceFile, config: &Config) -> Extracted {
    let repaired = loose_headings::repair(&src.body);
    let body: &str = repaired.as_ref().map_or(&src.body, |(b, _)| b);
    let unfenced = containers::strip(body);
    let body: &str = unfenced.as_deref().unwrap_or(body);
    let titled = rst_markup::repair(body);
    let body: &str = titled.as_deref().unwrap_or(body);
    let asciidoc = asciidoc_markup::repair(body);
    let body: &str = asciidoc.as_deref().unwrap_or(body);
    let tagged = code_tags::repair(body);
    let body: &str = tagged.as_deref().unwrap_or(body);
    let outlined = plain_outline::repair(body);
    let body: &str = outlined.as_deref().unwrap_or(body);
    let mut blocks = markdown::blocks(body, src.body_line);
    let instructions = template_text::blank_instructions(&mut blocks);
    let mut doc = document::annotate(blocks);
    doc.source = body.to_string();
    let fm = &src.front_matter;
    let mut meta = metadata::front_matter_entries(&src.front_matter);
    meta.extend(metadata::entries(&doc));
    let mut diagnostics: Vec<Diagnostic> = src.warnings.clone();
    if let Some((_, line)) = &repaired {
        diagnostics.push(Diagnostic::warning(
            &src.display,
            src.body_line + line,
            1,
            "a heading has no space after its `#`s (`##Root cause`); it is read as a heading, write `## Root cause`",
        ));
    }

    let stem = report_stem(Path::new(&src.display));
    let h1 = doc.title_block.map(|b| clean_heading(doc.blocks[b].text()));
    // A report with no title heading may open on a section ("## Summary")
    // or a day of its timeline ("### 2023-08-25"): it then has no title
    // heading at all, and its file names it.
    let first_heading = || {
        doc.blocks
            .iter()
            .find(|b| b.heading_level().is_some())
            .map(|b| clean_heading(b.text()))
            .filter(|h| sections::heading_role(h).is_none() && h.chars().any(char::is_alphabetic))
    };
    // Blog engines name the title otherwise too (`headline`, schema.org's
    // word; `heading`, some Next.js and Gatsby themes).
    let title = fm
        .string("title")
        .or_else(|| fm.string("headline"))
        .or_else(|| fm.string("heading"))
        .map(|t| clean_heading(&t))
        // A title label of the preamble names the report; one further down
        // ("Titel:" of an action item's ticket) only when nothing else does.
        .or_else(|| {
            meta.iter()
                .find(|e| e.key == MetaKey::Title && e.in_header)
                .map(|e| clean_heading(&e.value))
        })
        .or(h1)
        .or_else(first_heading)
        .or_else(|| first_line_title(&doc, src.body_line))
        .or_else(|| pick(&meta, MetaKey::Title).map(|e| clean_heading(&e.value)))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| stem.clone());

    let id_source = fm.string("id").or_else(|| fm.string("slug"));
    let id = id_source.as_deref().map(slugify).filter(|s| !s.is_empty());
    let id = id.unwrap_or_else(|| {
        let s = slugify(&stem);
        if s.is_empty() {
            "incident".to_string()
        } else {
            s
        }
    });

    if text::slug_is_shortened(id_source.as_deref().unwrap_or(&stem)) {
        // The build would otherwise publish it under a name nobody wrote.
        diagnostics.push(Diagnostic::warning(
            &src.display,
            1,
            1,
            format!(
                "id is longer than {} bytes; it is published as `{id}`",
                text::MAX_SLUG_BYTES
            ),
        ));
    }

    let date = dates::incident_date(fm, &doc, &meta, &title, &stem);
    let (status, status_text) = status::find_status(fm, &meta, &title);
    // A written status word that is unknown is kept as text, never guessed
    // over; with none written at all, the prose may tell.
    let status_written = status.is_some() || status_text.is_some();
    let severity = status::find_severity(fm, &meta, &doc, &title).map(str::to_string);

    let mut fm_tech: Vec<String> = fm.list("technologies").unwrap_or_default();
    fm_tech.extend(fm.list("tech").unwrap_or_default());
    for key in ["product", "platform", "stack", "keywords"] {
        fm_tech.extend(fm.list(key).unwrap_or_default());
    }
    // Most central first; listed by name, the first kept aside.
    let mut technologies = technologies::extract(&doc, &title, &fm_tech, &config.technologies);
    let central_technology = technologies.first().cloned();
    technologies.sort();
    let services = services::find_services(fm, &doc, &meta, &title);
    let tags = {
        let mut t: Vec<String> = fm.list("tags").unwrap_or_default();
        t.extend(fm.list("categories").unwrap_or_default());
        if t.is_empty() {
            if let Some(e) = pick(&meta, MetaKey::Tags) {
                t = e
                    .value
                    .split(',')
                    .map(|s| s.trim().trim_matches('`').to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
            }
        }
        dedup(t)
    };

    let errors = errors::extract(&doc, &title);
    let changes = before_after::extract(&doc);
    let lessons = lists::lessons(&doc);
    let action_items = lists::action_items(&doc);
    let references = lists::references(&doc);
    let timeline = lists::timeline(&doc);
    let root_causes = narrative::root_causes(&doc);
    let fixes = narrative::fixes(&doc, &action_items);
    let status = if status_written {
        status
    } else {
        // A retrospective (a fix section, and lessons, follow-ups or a
        // timeline written after the fact) is about an incident that is
        // over, unless its prose says it goes on.
        // Fixes only recommended, or causes only possible, are an
        // analysis of an incident still going on.
        let secs = &doc.sections;
        let offered = |mut s: usize| loop {
            if sections::proposes(&secs[s].heading) {
                break true;
            }
            // Up through the headings that gave it its role only: the
            // title above names the incident, not what is offered.
            match secs[s].parent.filter(|&p| secs[p].role == secs[s].role) {
                Some(p) => s = p,
                None => break false,
            }
        };
        let of_role = |role| {
            secs.iter()
                .enumerate()
                .filter(move |(_, s)| s.role == role)
                .map(|(i, _)| i)
        };
        let has_fix_section = of_role(sections::Role::Fix).any(|s| !offered(s));
        let causes_possible = of_role(sections::Role::RootCause).next().is_some()
            && of_role(sections::Role::RootCause).all(offered);
        let retrospective = has_fix_section
            && !causes_possible
            && !(lessons.is_empty() && action_items.is_empty() && timeline.is_empty());
        let says = status::prose_says(&doc);
        let found = status::status_page_updates(&doc)
            .or_else(|| says.status())
            .or_else(|| (retrospective && !says.goes_on).then_some("resolved"));
        if status::still_open(fm) {
            found.filter(|s| *s != "resolved").or(Some("open"))
        } else {
            found
        }
    };
    let status = status.map(str::to_string);
    let summary = fm.string("summary").or_else(|| narrative::summary(&doc));
    let impact = fm.string("impact").or_else(|| narrative::impact(&doc));
    let sections = doc
        .sections
        .iter()
        .map(|s| SectionInfo {
            heading: s.heading.clone(),
            level: s.level,
            role: s.role.as_str().to_string(),
        })
        .collect();

    let at = |line: usize, msg: &str| Diagnostic::warning(&src.display, line, 1, msg);
    if src.body.trim().is_empty() && fm.map.is_empty() {
        // Already reported as an empty report.
    } else {
        // What a useful report holds, and what to add when it is missing.
        let missing = [
            (
                root_causes.is_empty(),
                "no root cause found (add a \"Root Cause\" section)",
            ),
            (
                fixes.is_empty(),
                "no fix found (add a \"Fix\" or \"Resolution\" section)",
            ),
            (
                lessons.is_empty(),
                "no lessons found (add a \"Lessons Learned\" list)",
            ),
            (
                // A date written but impossible (`2026-13-45`) is an error
                // of its own, at its place; "no date" would only repeat it.
                date.is_none()
                    && !src.warnings.iter().any(|d| {
                        d.message
                            .contains(crate::source::front_matter_lint::IMPOSSIBLE_DATE)
                    }),
                "no date found (add `date:` front matter or a **Date**: line)",
            ),
        ];
        for (_, message) in missing.iter().filter(|(is_missing, _)| *is_missing) {
            diagnostics.push(at(src.body_line, message));
        }
        if let Some((line, text, count)) = template_text::leftovers(&src.body, src.body_line) {
            let more = match count {
                1 => String::new(),
                n => format!(" ({} more further down)", n - 1),
            };
            diagnostics.push(at(
                line,
                &format!("text of the `incidex new` template left in place: \"{text}\"{more}; replace it or remove it"),
            ));
        }
        if let Some((line, text)) = instructions.first() {
            let more = match instructions.len() {
                1 => String::new(),
                n => format!(" ({} more further down)", n - 1),
            };
            diagnostics.push(at(
                *line,
                &format!("a template's instruction left in place: \"{text}\"{more}; replace it with what happened, or remove it"),
            ));
        }
    }
    // A status or severity written in the body with no word incidex
    // knows is shown as written and never guessed: say so, and what
    // would be read. Front matter values are checked where they are
    // located, with the front matter.
    if status.is_none() && fm.string("status").is_none() {
        if let Some(e) = meta
            .iter()
            .find(|e| e.key == MetaKey::Status && Some(clean_heading(&e.value)) == status_text)
        {
            let line = line_holding(src, e.line, &e.value);
            diagnostics.push(at(line, &status::unknown_status_message(&e.value)));
        }
    }
    if severity.is_none() && fm.string("severity").is_none() {
        if let Some(e) = meta
            .iter()
            .find(|e| e.key == MetaKey::Severity && (e.in_header || e.in_trailer))
            .filter(|e| status::is_a_value(&e.value))
        {
            let line = line_holding(src, e.line, &e.value);
            diagnostics.push(at(line, &status::unknown_severity_message(&e.value)));
        }
    }
    for b in &doc.blocks {
        if let markdown::Kind::Code { closed: false, .. } = b.kind {
            diagnostics.push(at(
                b.line,
                "code block is never closed; it runs to the end of the file",
            ));
        }
    }

    let mut incident = Incident {
        schema: SCHEMA_VERSION,
        url: Incident::url_for(&id),
        id,
        source: src.display.clone(),
        title,
        date,
        status,
        status_text,
        severity,
        services,
        technologies,
        tags,
        summary,
        errors,
        root_causes,
        fixes,
        changes,
        lessons,
        action_items,
        references,
        impact,
        timeline,
        sections,
        repaired_encoding: src.repaired_encoding,
        warnings: diagnostics
            .iter()
            .map(|d| format!("line {}: {}", d.line, d.message))
            .collect(),
        body: body.to_string(),
        draft: fm.is_draft(),
        central_technology,
        // Front matter's own texts are what the page shows when given.
        summary_markdown: if fm.string("summary").is_some() {
            None
        } else {
            narrative::summary_written(&doc)
        },
        impact_markdown: if fm.string("impact").is_some() {
            None
        } else {
            narrative::impact_written(&doc)
        },
        aliases: fm.list("aliases").unwrap_or_default(),
        time_to_resolve: duration::from_metadata(fm, &meta),
    };
    overrides::apply(fm, &mut incident);
    Extracted {
        incident,
        diagnostics,
    }
}

/// The name a report goes by: its file stem, or for a page bundle
/// (Hugo `post/index.md`, Zola `post/index.md`) its folder's name.
fn report_stem(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem.eq_ignore_ascii_case("index") {
        if let Some(folder) = path.parent().and_then(Path::file_name) {
            return folder.to_string_lossy().into_owned();
        }
    }
    stem
}

fn dedup(v: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in v {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&s)) {
            out.push(s);
        }
    }
    out
}

/// The file line, from a block's first line on, that holds `value` as
/// written: entries know their block, and a block of `**Key**: value`
/// lines is many lines. The block's line when none does.
fn line_holding(src: &SourceFile, block_line: usize, value: &str) -> usize {
    let needle = clean_heading(value);
    if needle.is_empty() {
        return block_line;
    }
    src.body
        .lines()
        .enumerate()
        .skip(block_line.saturating_sub(src.body_line))
        .take(50)
        .find(|(_, l)| l.contains(needle.as_str()))
        .map_or(block_line, |(n, _)| src.body_line + n)
}

#[cfg(test)]
mod tests {
    fn title_of(name: &str, md: &str) -> String {
        let src = crate::source::from_bytes(md.as_bytes(), std::path::Path::new(name), name)
            .expect("read");
        super::extract(&src, &crate::config::Config::default())
            .incident
            .title
    }

    #[test]
    fn a_status_page_grades_an_incident_by_its_worst_moment() {
        let md = "---\ntitle: Software problem\nstatus: resolved\nmax_severity: down\ncurrent_severity: ok\n---\n\nThe API was down.\n";
        let src = crate::source::from_bytes(md.as_bytes(), std::path::Path::new("a.md"), "a.md")
            .expect("read");
        let inc = super::extract(&src, &crate::config::Config::default()).incident;
        assert_eq!(inc.severity.as_deref(), Some("critical"));
    }

    #[test]
    fn a_priority_level_at_the_end_grades_the_incident() {
        let md = "# Activists page crash\n\n## Problem\n\nThe page throws on load.\n\n---\n\n**Priority Level:** 🔴 P0 - CRITICAL\n";
        let src = crate::source::from_bytes(md.as_bytes(), std::path::Path::new("a.md"), "a.md")
            .expect("read");
        let inc = super::extract(&src, &crate::config::Config::default()).incident;
        assert_eq!(inc.severity.as_deref(), Some("critical"));
    }

    #[test]
    fn a_title_label_titles_a_report_of_labelled_lines() {
        // A plain-text RCA: one "Key: value" line after another.
        let md = "Incident Title: Checkout down after the certificate expired\nSeverity: P1\nRoot Cause: The certificate expired.\nResolution: Renewed it.\n";
        assert_eq!(
            title_of("rca.txt", md),
            "Checkout down after the certificate expired"
        );
        let md = "**Título:** Pagos caídos por el certificado\n**Fecha:** 2026-03-02\n\n## Causa\n\nEl certificado caducó.\n";
        assert_eq!(title_of("x.md", md), "Pagos caídos por el certificado");
        // Further down, a ticket's title label does not retitle the report.
        let md = "# Checkout outage\n\n## Summary\n\nCheckout failed.\n\n## Action items\n\n- **Incident title:** needs a better name\n";
        assert_eq!(title_of("x.md", md), "Checkout outage");
    }

    #[test]
    fn a_first_line_of_plain_text_titles_a_report_without_a_title_heading() {
        let md = "[Bug] OOM Crash - MemoryGuard killed the agent\n\n## Cause\n\nA leak.\n";
        assert_eq!(
            title_of("15-oom.md", md),
            "[Bug] OOM Crash - MemoryGuard killed the agent"
        );
        // A sentence, a label or a paragraph is not a title: the file names it.
        for md in [
            "The worker ran out of memory after the deploy.\n\n## Cause\n\nA leak.\n",
            "Date: 2026-01-05\n\n## Cause\n\nA leak.\n",
            "The worker ran out of memory\nafter the deploy\n\n## Cause\n\nA leak.\n",
            "```\nlog line\n```\n\n## Cause\n\nA leak.\n",
            // Preambles: an emphasized byline, a link, an image, a macro, a
            // section word.
            "*Last updated March 5, 2024*\n\n## Cause\n\nA leak.\n",
            "[← Back to incidents](../README.md)\n\n## Cause\n\nA leak.\n",
            "![Acme logo](logo.png)\n\n## Cause\n\nA leak.\n",
            "[[_TOC_]]\n\n## Cause\n\nA leak.\n",
            "Summary\n\n## Cause\n\nA leak.\n",
        ] {
            assert_eq!(title_of("15-oom.md", md), "15-oom", "{md}");
        }
        // After front matter too.
        let md = "---\ntags: [oom]\n---\n[Bug] OOM Crash - MemoryGuard\n\n## Cause\n\nA leak.\n";
        assert_eq!(title_of("15-oom.md", md), "[Bug] OOM Crash - MemoryGuard");
        // A title heading still wins.
        let md = "Quick notes\n\n# Worker OOM\n\n## Cause\n\nA leak.\n";
        assert_eq!(title_of("x.md", md), "Worker OOM");
    }

    #[test]
    fn plain_text_opening_on_what_it_is_titles_the_report() {
        // No blank line under the title, an image and labels after it.
        let md = "Postmortem: The Great Emoji Outage of 2024.\n![chart](https://x.example/a.png)\nIssue Summary:\n\tDuration: 3 hours\n";
        assert_eq!(
            title_of("10.md", md),
            "Postmortem: The Great Emoji Outage of 2024."
        );
        let md =
            "Incident report: DNS failure in eu-west\nDate: 2024-03-01\nThe resolvers timed out.\n";
        assert_eq!(
            title_of("x.md", md),
            "Incident report: DNS failure in eu-west"
        );
        // A label of another kind, or a sentence after the kind, is not.
        for md in [
            "Status: resolved after the DNS failure in eu-west\nDate: 2024-03-01\n",
            "Incident: at 10:05 we saw https://status.example.com go red\nmore\n",
            "Postmortem: this document describes what happened on Monday, why the login service failed for all of our customers in Europe and Asia, and what we changed\n",
            "RCA: pending\nDate: 2024-03-01\nSeverity: SEV2\n",
            "Incident: INC0012345\nDate: 2024-03-01\n",
        ] {
            assert_eq!(title_of("x.md", md), "x", "{md}");
        }
    }

    #[test]
    fn blog_front_matter_may_call_the_title_a_heading_or_headline() {
        for key in ["heading", "headline"] {
            let md = format!("---\n{key}: \"Post-mortem: step backlogs\"\nsubtitle: \"\"\n---\n\nOn Thursday steps queued up.\n");
            assert_eq!(
                title_of("2023-09-08.md", &md),
                "Post-mortem: step backlogs",
                "{key}"
            );
        }
        let md = "---\ntitle: Queue backlog\nheading: Other\n---\n\nText.\n";
        assert_eq!(title_of("x.md", md), "Queue backlog");
    }
}
