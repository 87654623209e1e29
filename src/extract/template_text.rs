//! The `incidex new` template, and the reports that still hold its
//! placeholder text or any template's bracketed instructions.
//!
//! A report written from the template but never filled in ("Why it
//! broke.", "the code as it was") would otherwise read as a complete
//! report: the placeholders stand where a root cause, a fix and lessons
//! belong, so no "no root cause found" warning ever shows. `check` names
//! the first placeholder left, and how many there are.

use super::markdown::{Block, Kind};
use std::collections::HashSet;
use std::sync::LazyLock;

/// What `incidex new` writes, with `{{title}}`-style fields to fill.
pub const NEW_REPORT: &str = include_str!("../../templates/postmortem/new.md");

/// The template's placeholder lines: those of its body a writer is meant
/// to replace. Not placeholders: headings, fences, a table's header and
/// separator rows, bold labels alone on their line (`**Before:**`), and
/// lines with fields to fill.
static PLACEHOLDERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let body = NEW_REPORT.splitn(3, "---\n").nth(2).unwrap_or(NEW_REPORT);
    let lines: Vec<&'static str> = body.lines().map(str::trim).collect();
    let separator = |l: &str| l.starts_with("|-") || l.starts_with("| -");
    lines
        .iter()
        .enumerate()
        .filter(|&(i, l)| {
            let table_header = l.starts_with('|') && lines.get(i + 1).is_some_and(|n| separator(n));
            !(l.is_empty()
                || l.starts_with('#')
                || l.starts_with("```")
                || separator(l)
                || table_header
                || (l.starts_with("**") && l.ends_with(":**"))
                || l.contains("{{"))
        })
        .map(|(_, l)| *l)
        .collect()
});

/// The first byte and the length of every placeholder: a line matching
/// neither is none, without hashing it (most short lines are code).
struct Shape {
    first: [bool; 256],
    lengths: Vec<bool>,
}

static SHAPE: LazyLock<Shape> = LazyLock::new(|| {
    let longest = PLACEHOLDERS.iter().map(|p| p.len()).max().unwrap_or(0);
    let mut shape = Shape {
        first: [false; 256],
        lengths: vec![false; longest + 1],
    };
    for p in PLACEHOLDERS.iter() {
        if let Some(&b) = p.as_bytes().first() {
            shape.first[usize::from(b)] = true;
        }
        shape.lengths[p.len()] = true;
    }
    shape
});

/// Placeholder text left in `body` (its first line is `first_line` of the
/// file): the line of the first, its text, and how many lines are left.
pub fn leftovers(body: &str, first_line: usize) -> Option<(usize, &'static str, usize)> {
    let mut first = None;
    let mut count = 0;
    let shape = &*SHAPE;
    // Every line of every report passes here: lines found with memchr,
    // and the first byte asked before the line is trimmed at its end.
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', body.as_bytes()).chain(std::iter::once(body.len()));
    for (n, end) in ends.enumerate() {
        let line = body[start..end].trim_start();
        start = end + 1;
        if !line
            .as_bytes()
            .first()
            .is_some_and(|&b| shape.first[usize::from(b)])
        {
            continue;
        }
        let line = line.trim_end();
        if !shape.lengths.get(line.len()).copied().unwrap_or(false) {
            continue;
        }
        if let Some(p) = PLACEHOLDERS.get(line) {
            count += 1;
            first.get_or_insert((first_line + n, *p));
        }
    }
    first.map(|(line, text)| (line, text, count))
}

/// Instructions in brackets that any report template leaves for its writer
/// ("[What went wrong and why]", "[Brief description of the incident]"):
/// a paragraph or list item that is nothing else. Three words at least,
/// so status tags ("[RESOLVED]") and short notes stay.
fn is_bracketed_instruction(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.');
    let Some(inner) = t.strip_prefix('[').and_then(|t| t.strip_suffix(']')) else {
        return false;
    };
    !inner.contains(['[', ']'])
        && inner.starts_with(char::is_alphabetic)
        && inner.split_whitespace().count() >= 3
        && inner.len() <= 200
}

/// Empties the blocks that only hold a template's bracketed instruction, so
/// that no root cause, fix or lesson is read from one, and gives each one's
/// line and text for the warning.
pub fn blank_instructions(blocks: &mut [Block]) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for b in blocks.iter_mut() {
        let leaf = matches!(b.kind, Kind::Paragraph)
            || matches!(
                b.kind,
                Kind::Item {
                    has_children: false,
                    checked: None,
                    ..
                }
            );
        if leaf && b.links.is_empty() && is_bracketed_instruction(b.text()) {
            found.push((b.line, b.text().trim().to_string()));
            b.marked.clear();
            b.plain.clear();
            b.codes.clear();
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_instructions_are_blanked_and_tags_and_links_stay() {
        let md = "## Root Cause\n\n[What went wrong and why]\n\n## Lessons\n\n- [What we learned and what changes we made]\n- Keep [RESOLVED] tags\n\n[RESOLVED]\n\n[See the runbook](https://x.example/run) for more.\n\n- [x] Done item here\n";
        let mut blocks = super::super::markdown::blocks(md, 1);
        let found = blank_instructions(&mut blocks);
        assert_eq!(
            found,
            vec![
                (3, "[What went wrong and why]".to_string()),
                (7, "[What we learned and what changes we made]".to_string()),
            ]
        );
        let texts: Vec<&str> = blocks.iter().map(|b| b.text()).collect();
        assert!(texts.contains(&"Keep [RESOLVED] tags"), "{texts:?}");
        assert!(texts.contains(&"[RESOLVED]"), "{texts:?}");
        assert!(
            texts.iter().any(|t| t.contains("See the runbook")),
            "{texts:?}"
        );
        assert!(texts.contains(&"Done item here"), "{texts:?}");
    }

    #[test]
    fn the_template_has_placeholders_and_its_structure_is_not_one() {
        let p = &*PLACEHOLDERS;
        assert!(p.len() >= 8, "{p:?}");
        for structure in [
            "## Root Cause",
            "```text",
            "**Before:**",
            "|------------|-------|",
        ] {
            assert!(!p.contains(&structure), "{structure} is structure");
        }
        assert!(!p.iter().any(|l| l.contains("{{")));
    }

    #[test]
    fn an_untouched_report_is_found_and_a_filled_one_is_not() {
        let untouched = NEW_REPORT
            .replace("{{title}}", "\"Disk full\"")
            .replace("{{heading}}", "Disk full");
        let body = untouched.splitn(3, "---\n").nth(2).unwrap_or_default();
        let (line, text, count) = leftovers(body, 9).expect("placeholders left");
        assert!(line > 9, "{line}");
        assert!(!text.is_empty());
        assert!(count >= 8, "{count}");

        let filled = "# Disk full\n\n## Root Cause\n\nLogs were never rotated.\n\n\
                      ## Timeline\n\n| Time (UTC) | Event |\n|------------|-------|\n\
                      | 09:12 | Disk at 100% |\n";
        assert_eq!(leftovers(filled, 1), None);
    }

    #[test]
    fn one_line_left_is_named_with_its_line() {
        let body = "# Disk full\n\n## Root Cause\n\nLogs were never rotated.\n\n## Lessons Learned\n\n- What we would tell the next person.\n";
        let (line, text, count) = leftovers(body, 5).expect("one placeholder");
        assert_eq!(
            (line, text, count),
            (13, "- What we would tell the next person.", 1)
        );
    }
}
