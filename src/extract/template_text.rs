//! The `incidex new` template, and the reports that still hold its
//! placeholder text.
//!
//! A report written from the template but never filled in ("Why it
//! broke.", "the code as it was") would otherwise read as a complete
//! report: the placeholders stand where a root cause, a fix and lessons
//! belong, so no "no root cause found" warning ever shows. `check` names
//! the first placeholder left, and how many there are.

use std::sync::LazyLock;

/// What `incidex new` writes, with `{{title}}`-style fields to fill.
pub const NEW_REPORT: &str = include_str!("../../templates/postmortem/new.md");

/// The template's placeholder lines: those of its body a writer is meant
/// to replace. Not placeholders: headings, fences, a table's header and
/// separator rows, bold labels alone on their line (`**Before:**`), and
/// lines with fields to fill.
static PLACEHOLDERS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
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

/// Placeholder text left in `body` (its first line is `first_line` of the
/// file): the line of the first, its text, and how many lines are left.
pub fn leftovers(body: &str, first_line: usize) -> Option<(usize, &'static str, usize)> {
    let mut first = None;
    let mut count = 0;
    for (n, line) in body.lines().enumerate() {
        if let Some(p) = PLACEHOLDERS.iter().find(|p| **p == line.trim()) {
            count += 1;
            first.get_or_insert((first_line + n, *p));
        }
    }
    first.map(|(line, text)| (line, text, count))
}

#[cfg(test)]
mod tests {
    use super::*;

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
