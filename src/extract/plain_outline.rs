//! Plain-text reports laid out as an outline: a short line ending in a
//! colon ("Issue Summary:", "Root Cause:", "Tasks:") and the lines it heads
//! indented under it with tabs or spaces, and no Markdown at all (course
//! postmortems and documents pasted from a word processor are written so).
//! Read as Markdown, lines without a blank between them were one paragraph,
//! and after a blank line the indented ones were code: the whole report
//! was one block, its cause, fix and follow-ups one text.
//!
//! Each such label becomes a heading (its depth by its indentation) and
//! each line under it a list item, a line continuing the sentence of the
//! one above staying in its item. Lines keep their numbers (a blank line
//! put before a line at the margin that follows an item is taken back at
//! the report's next blank line).

/// Labels a report needs, and at the outline's top level, to be read so.
const MIN_LABELS: usize = 3;
const MIN_TOP_LABELS: usize = 2;
/// A label is a short line: a section's name, not a sentence.
const MAX_LABEL_WORDS: usize = 8;

/// The body rewritten as headings and list items; `None` when it is not
/// such an outline.
pub fn repair(body: &str) -> Option<String> {
    // Most reports have Markdown structure (a heading on their first
    // line), or no label line or indented line at all.
    if body.lines().any(is_markdown_structure) {
        return None;
    }
    // A tab anywhere, or four spaces opening a line (a line may open on
    // spaces and then a tab).
    let indented = body.contains('\t') || body.contains("\n    ");
    if !indented || !body.contains(":\n") && !body.contains(":\r\n") {
        return None;
    }
    let lines: Vec<&str> = body.lines().collect();
    let indents: Vec<usize> = lines.iter().map(|l| indent_of(l)).collect();
    // The line right under a label is deeper: in Markdown that line would
    // run on in the label's paragraph, so no Markdown author writes code
    // so (code comes after a blank line).
    let next_deeper = |i: usize| {
        lines
            .get(i + 1)
            .is_some_and(|l| !l.trim().is_empty() && indents[i + 1] > indents[i])
    };
    let is_label: Vec<bool> = (0..lines.len())
        .map(|i| is_label_text(lines[i].trim()) && next_deeper(i))
        .collect();
    let labels = is_label.iter().filter(|&&l| l).count();
    let top = (0..lines.len())
        .filter(|&i| is_label[i] && indents[i] == 0)
        .count();
    // Something must be indented as Markdown would misread it.
    let misread = indents.iter().any(|&d| d >= 4);
    if labels < MIN_LABELS || top < MIN_TOP_LABELS || !misread {
        return None;
    }
    let mut depths: Vec<usize> = (0..lines.len())
        .filter(|&i| is_label[i])
        .map(|i| indents[i])
        .collect();
    depths.sort_unstable();
    depths.dedup();
    let mut out = String::with_capacity(body.len() + lines.len() * 3);
    // The indentation of the label the lines below belong to.
    let mut under: Option<usize> = None;
    let mut item_open = false;
    // A blank line was put in: the next blank line of the report is left
    // out, so the lines after it keep their numbers.
    let mut owed_blank = false;
    for (i, line) in lines.iter().enumerate() {
        let text = line.trim();
        if text.is_empty() {
            item_open = false;
            if owed_blank {
                owed_blank = false;
                continue;
            }
        } else if is_label[i] {
            let rank = depths.iter().position(|&d| d == indents[i]).unwrap_or(0);
            let level = (2 + rank).min(6);
            out.push_str(&"#".repeat(level));
            out.push(' ');
            out.push_str(text.trim_end_matches([':', '：']).trim_end());
            under = Some(indents[i]);
            item_open = false;
        } else if under.is_some_and(|d| indents[i] > d) {
            // A line that goes on with the sentence above stays in its item.
            let continues = item_open && continues_sentence(lines[i - 1].trim(), text);
            out.push_str(if continues { "  " } else { "- " });
            out.push_str(text);
            item_open = true;
        } else {
            // A line at the margin after an item would continue it: a
            // blank line ends the list (the one place a line is added).
            if item_open {
                out.push('\n');
                owed_blank = true;
            }
            out.push_str(text);
            under = None;
            item_open = false;
        }
        out.push('\n');
    }
    Some(out)
}

/// Headings, fences, setext underlines, tables and list markers at the
/// margin: the report is Markdown, whatever else it holds.
fn is_markdown_structure(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return false;
    }
    let numbered = {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
    };
    let underline = t.trim_end();
    t.starts_with('#')
        || t.starts_with("```")
        || t.starts_with("~~~")
        || t.starts_with('|')
        || t.starts_with('>')
        || t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("+ ")
        || t.starts_with("**")
        || numbered
        || (underline.len() >= 3 && underline.bytes().all(|b| b == b'=' || b == b'-'))
}

/// Columns of leading whitespace, a tab to the next multiple of four.
fn indent_of(line: &str) -> usize {
    let mut col = 0;
    for c in line.chars() {
        match c {
            ' ' => col += 1,
            '\t' => col = (col / 4 + 1) * 4,
            _ => break,
        }
    }
    col
}

/// "Root Cause and Resolution:", "Improvements/Fixes:": a short name and
/// a colon, no sentence, no value, no code.
fn is_label_text(text: &str) -> bool {
    let Some(name) = text.strip_suffix(':').or_else(|| text.strip_suffix('：')) else {
        return false;
    };
    let words = name.split_whitespace().count();
    // A section's name is written as one: "Root Cause", not `spec:`.
    (1..=MAX_LABEL_WORDS).contains(&words)
        && name.chars().any(char::is_alphabetic)
        && !name.starts_with(char::is_lowercase)
        && !name.contains('_')
        && !name.contains("://")
        && !name.contains(['=', '{', '}', '(', ')', '"', '`', ';', '.', '!', '?'])
}

/// Whether `next` continues the sentence `prev` left open (a hard-wrapped
/// line): `prev` ends without a sentence's end and `next` opens in lower
/// case.
fn continues_sentence(prev: &str, next: &str) -> bool {
    !prev.ends_with(['.', '!', '?', ':', '。', '！', '？', '：'])
        && next.starts_with(|c: char| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTLINE: &str = "Postmortem: The Great Outage of 2024.\n\
Issue Summary:\n\
\tDuration:\n\
\t\tStart Time: February 10, 2024, 15:00 UTC\n\
\tImpact:\n\
\t\tThe messaging service was down for all users.\n\
Root Cause and Resolution:\n\
\tRoot Cause:\n\
\t\tA misconfigured rendering module looped on\n\
\t\tmessages with emojis.\n\
\tResolutions:\n\
\t\tEngineers limited the recursion depth.\n\
\t\tAdditional monitoring was added.\n\
Corrective and Preventative Measures:\n\
\tTasks:\n\
\t\tAdd tests for emoji-heavy messages.\n";

    #[test]
    fn an_indented_outline_becomes_headings_and_items() {
        let out = repair(OUTLINE).expect("an outline");
        assert_eq!(out.lines().count(), OUTLINE.lines().count());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "Postmortem: The Great Outage of 2024.");
        assert_eq!(lines[1], "## Issue Summary");
        assert_eq!(lines[2], "### Duration");
        assert_eq!(lines[3], "- Start Time: February 10, 2024, 15:00 UTC");
        assert_eq!(lines[6], "## Root Cause and Resolution");
        // A wrapped sentence stays in its item.
        assert_eq!(lines[8], "- A misconfigured rendering module looped on");
        assert_eq!(lines[9], "  messages with emojis.");
        assert_eq!(lines[10], "### Resolutions");
        assert_eq!(lines[12], "- Additional monitoring was added.");
        // A closing line at the margin is no part of the last item.
        let closing = format!("{OUTLINE}The Great Outage of 2024 is over.\n\nSigned: ops\n");
        let out = repair(&closing).expect("an outline");
        assert!(out.ends_with("- Add tests for emoji-heavy messages.\n\nThe Great Outage of 2024 is over.\nSigned: ops\n"), "{out}");
        assert_eq!(out.lines().count(), closing.lines().count());
        // A line of tabs alone is no setext underline.
        let tabbed = OUTLINE.replace(
            "Root Cause and Resolution:\n",
            "\t\t\t\nRoot Cause and Resolution:\n",
        );
        assert!(repair(&tabbed).is_some());
    }

    #[test]
    fn markdown_and_flat_label_lists_are_left_alone() {
        // A Markdown report with an indented code block of YAML.
        let md = "# Outage\n\nConfig:\n\n    server:\n        port: 80\n    client:\n        retries: 3\n";
        assert_eq!(repair(md), None);
        // Labels with their values on the same line, nothing indented.
        let flat = "Title: Disk full\nDate: 2024-05-01\nRoot cause: the log volume filled.\n";
        assert_eq!(repair(flat), None);
        // One label over indented lines is a quotation, not an outline.
        let one = "We saw:\n\n    ERROR disk full\n    ERROR disk full\n\nThen it recovered.\n";
        assert_eq!(repair(one), None);
        // A list at the margin is Markdown.
        let list = "Summary:\n\tx\nCause:\n\ty\nFix:\n\tz\n- item\n";
        assert_eq!(repair(list), None);
        // A bug report of labels over code blocks (after a blank line),
        // or over YAML pasted as it is.
        let bug = "Steps to reproduce:\n\n    curl -X POST /api\n\nExpected:\n\n    200 OK\n\nActual:\n\n    panic: nil map\n    goroutine 1 [running]:\n";
        assert_eq!(repair(bug), None);
        let yaml = "Deployment before:\nspec:\n    containers:\n        image: app:1\nmetadata:\n    name: app\nstatus:\n    ready: 0\n";
        assert_eq!(repair(yaml), None);
    }

    #[test]
    fn an_outline_report_reads_its_sections() {
        let src =
            crate::source::from_bytes(OUTLINE.as_bytes(), std::path::Path::new("10.md"), "10.md")
                .expect("read");
        let inc = crate::extract::extract(&src, &crate::config::Config::default()).incident;
        assert_eq!(inc.title, "Postmortem: The Great Outage of 2024.");
        assert!(
            inc.root_causes
                .iter()
                .any(|r| r.text.contains("misconfigured rendering module")),
            "{:?}",
            inc.root_causes
        );
        assert!(
            inc.fixes
                .iter()
                .any(|f| f.text.contains("limited the recursion depth")),
            "{:?}",
            inc.fixes
        );
        assert!(
            !inc.root_causes
                .iter()
                .any(|r| r.text.contains("limited the recursion depth")),
            "the fix is no cause: {:?}",
            inc.root_causes
        );
    }
}
