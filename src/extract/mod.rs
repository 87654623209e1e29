//! Markdown → `Incident`. One pulldown-cmark pass gives located blocks
//! (`markdown`), headings and labels give each block a role (`document`),
//! and one module per rule reads what it needs from the annotated blocks.

pub mod before_after;
pub mod dates;
pub mod document;
pub mod errors;
pub mod lists;
pub mod markdown;
pub mod metadata;
pub mod narrative;
pub mod overrides;
pub mod sections;
pub mod signature;
pub mod status;
pub mod tech_evidence;
pub mod technologies;
pub mod text;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::{Incident, SectionInfo, SCHEMA_VERSION};
use crate::source::SourceFile;
use document::Document;
use metadata::{pick, MetaKey};
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;
use text::{clean_heading, slugify};

/// An incident and the diagnostics met while reading it.
pub struct Extracted {
    pub incident: Incident,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn extract(src: &SourceFile, config: &Config) -> Extracted {
    let doc = document::annotate(markdown::blocks(&src.body, src.body_line));
    let fm = &src.front_matter;
    let meta = metadata::entries(&doc);
    let mut diagnostics: Vec<Diagnostic> = src.warnings.clone();

    let stem = Path::new(&src.display)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let h1 = doc.title_block.map(|b| clean_heading(doc.blocks[b].text()));
    let first_heading = doc
        .blocks
        .iter()
        .find(|b| b.heading_level().is_some())
        .map(|b| clean_heading(b.text()));
    let title = fm
        .string("title")
        .map(|t| clean_heading(&t))
        .or_else(|| pick(&meta, MetaKey::Title).map(|e| clean_heading(&e.value)))
        .or(h1)
        .or(first_heading)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| stem.clone());

    let id = fm
        .string("id")
        .or_else(|| fm.string("slug"))
        .map(|s| slugify(&s))
        .filter(|s| !s.is_empty());
    let id = id.unwrap_or_else(|| {
        let s = slugify(&stem);
        if s.is_empty() {
            "incident".to_string()
        } else {
            s
        }
    });

    let date = find_incident_date(src, &doc, &meta, &title);

    let status_entry = fm
        .string("status")
        .or_else(|| pick(&meta, MetaKey::Status).map(|e| e.value.clone()));
    let status_text = status_entry
        .as_deref()
        .map(clean_heading)
        .filter(|s| !s.is_empty());
    let mut status = status_text
        .as_deref()
        .and_then(status::normalize_status)
        .map(str::to_string);
    if status.is_none() && status_text.is_none() && TITLE_RESOLVED.is_match(&title) {
        // "Crash Fix: X Resolution" reports a fix that was made.
        status = Some("resolved".to_string());
    }
    let severity = fm
        .string("severity")
        .or_else(|| pick(&meta, MetaKey::Severity).map(|e| e.value.clone()))
        .as_deref()
        .and_then(status::normalize_severity)
        .map(str::to_string);

    let mut fm_tech: Vec<String> = fm.list("technologies").unwrap_or_default();
    fm_tech.extend(fm.list("tech").unwrap_or_default());
    for key in ["product", "platform", "stack", "keywords"] {
        fm_tech.extend(fm.list(key).unwrap_or_default());
    }
    let technologies = technologies::extract(&doc, &title, &fm_tech, &config.technologies);
    let services = find_services(src, &doc, &meta, &title);
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

    let errors = errors::extract(&doc);
    let changes = before_after::extract(&doc);
    let lessons = lists::lessons(&doc);
    let action_items = lists::action_items(&doc);
    let references = lists::references(&doc);
    let timeline = lists::timeline(&doc);
    let root_causes = narrative::root_causes(&doc);
    let fixes = narrative::fixes(&doc, &action_items);
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
                date.is_none(),
                "no date found (add `date:` front matter or a **Date**: line)",
            ),
        ];
        for (_, message) in missing.iter().filter(|(is_missing, _)| *is_missing) {
            diagnostics.push(at(src.body_line, message));
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
        body: src.body.clone(),
        draft: fm
            .string("draft")
            .is_some_and(|d| d == "true" || d == "yes"),
    };
    overrides::apply(fm, &mut incident);
    Extracted {
        incident,
        diagnostics,
    }
}

static TITLE_RESOLVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(fix|fixed|resolution|resolved)\b").expect("title resolved regex")
});

fn find_incident_date(
    src: &SourceFile,
    doc: &Document,
    meta: &[metadata::Entry],
    title: &str,
) -> Option<String> {
    let fm = &src.front_matter;
    for key in [
        "date",
        "start_time",
        "started",
        "incident_date",
        "created",
        "published",
    ] {
        if let Some(d) = fm.string(key).as_deref().and_then(dates::find_date) {
            return Some(d);
        }
    }
    if let Some(d) = pick(meta, MetaKey::Date).and_then(|e| dates::find_date(&e.value)) {
        return Some(d);
    }
    if let Some(d) = dates::find_date(title) {
        return Some(d);
    }
    // "On 18th April 2021, ..." in the opening paragraphs.
    let opening = doc
        .blocks
        .iter()
        .take_while(|b| b.heading_level().is_none_or(|l| l == 1))
        .filter(|b| matches!(b.kind, markdown::Kind::Paragraph))
        .take(2);
    for b in opening {
        if let Some(d) = dates::find_date(b.text()) {
            return Some(d);
        }
    }
    pick(meta, MetaKey::LaterDate).and_then(|e| dates::find_date(&e.value))
}

static SERVICE_IN_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:in|for|of)\s+([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\b|\b([A-Z][A-Za-z0-9-]*(?:\s+[A-Z][A-Za-z0-9-]*)*)\s+(?:System|Service|API|App|Platform)\b")
        .expect("service title regex")
});

fn find_services(
    src: &SourceFile,
    doc: &Document,
    meta: &[metadata::Entry],
    title: &str,
) -> Vec<String> {
    let fm = &src.front_matter;
    let mut out: Vec<String> = Vec::new();
    for key in [
        "services",
        "service",
        "product",
        "component",
        "system",
        "app",
        "application",
        "project",
    ] {
        out.extend(fm.list(key).unwrap_or_default());
    }
    for e in meta.iter().filter(|e| e.key == MetaKey::Services) {
        if let Some(code) = e.codes.iter().find(|c| !c.contains(' ')) {
            out.push(code.clone());
            continue;
        }
        let v = e.value.split(" (").next().unwrap_or(&e.value);
        out.extend(
            v.split([',', '+'])
                .map(|s| text::strip_decorations(s).trim().to_string()),
        );
    }
    if out.is_empty() {
        for c in SERVICE_IN_TITLE.captures_iter(title) {
            if let Some(m) = c.get(1).or_else(|| c.get(2)) {
                out.push(m.as_str().to_string());
            }
        }
        // Hyphenated names in the summary's inline code ("`thanos-compact` halted").
        let summary_codes = doc.blocks.iter().enumerate().find(|(i, b)| {
            matches!(b.kind, markdown::Kind::Paragraph)
                && (doc.ann[*i].role == sections::Role::Summary || doc.ann[*i].section.is_none())
        });
        if let Some((_, b)) = summary_codes {
            if let Some(c) = b.codes.iter().find(|c| {
                Regex::new(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$").is_ok_and(|re| re.is_match(c))
            }) {
                out.push(c.clone());
            }
        }
    }
    dedup(
        out.into_iter()
            .filter(|s| !s.is_empty() && s.len() <= 80)
            .collect(),
    )
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
