//! reStructuredText read as Markdown. Postmortems kept in Sphinx or
//! docutils handbooks are written in it, and two of its habits break a
//! Markdown reading:
//! - Section titles are a line with a line of one repeated punctuation
//!   character under it (and sometimes over it). `===` and `---` are
//!   Setext headings to CommonMark already; the other adornments are not,
//!   and `~~~~` is worse: it opens a fenced code block that swallows the
//!   rest of the report. Every adornment that underlines a title gets the
//!   Setext `-` (`=` stays), and an overline is blanked.
//! - Explicit markup lines (`.. _why-1:`, `.. raw:: html`, `.. |x| image::`)
//!   would be read as prose and end up in causes and fixes: they are
//!   blanked, and a directive's indented body stays as it is, except a
//!   code directive's (`.. code-block:: python`): docutils indents it by
//!   three spaces, which Markdown reads as prose, so the directive line
//!   becomes a fence and the blank line after the body closes it. A
//!   literal block (a paragraph ending in `::`, then a body indented less
//!   than Markdown's four spaces) is fenced on the blank lines around it.
//!
//! Lines keep their numbers, and every line with text keeps its length,
//! so lines and columns stay the file's own.

use super::loose_headings::track_fence;

/// Characters docutils accepts as adornments that CommonMark does not read
/// as a Setext underline (`=` and `-` already are).
/// (`:` and `.` are left out: admonition fences and elided log lines;
/// so is the backtick, Markdown's own fence.)
const ADORNMENTS: &[u8] = b"~^\"'+*#";

/// The body with every reStructuredText title adornment made a Setext
/// underline (or blanked, for an overline); `None` when there is none.
pub fn repair(body: &str) -> Option<String> {
    if !has_candidate(body) {
        return None;
    }
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<(char, usize)> = None;
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if fence.is_none() {
            // An overline: the same adornment over and under one title line.
            if let (Some(over), Some(title), Some(under)) =
                (adornment(line), lines.get(i + 1), lines.get(i + 2))
            {
                // A one-line code block between two fences has the same
                // shape: fences are three or four long, titles rarely so short.
                let fence_char = over.0 == b'~';
                let after_blank = i == 0 || lines[i - 1].trim().is_empty();
                if adornment(under) == Some(over)
                    && after_blank
                    && !(fence_char && over.1 < 5)
                    && fits(title, over.1)
                {
                    out.push_str(&" ".repeat(line.trim_end_matches(['\r', '\n']).len()));
                    out.push_str(&line[line.trim_end_matches(['\r', '\n']).len()..]);
                    out.push_str(title);
                    out.push_str(&underline(under, over.0));
                    changed = true;
                    i += 3;
                    continue;
                }
            }
            let code = code_directive(&lines, i).or_else(|| literal_block(&lines, i));
            if let Some(CodeDirective { head, body, close }) = code {
                out.push_str(&head);
                for code in &lines[body..close] {
                    out.push_str(code);
                }
                // The blank line after the body closes the fence (or a
                // closing line is added after the last line of the file).
                match lines.get(close) {
                    Some(blank) => {
                        out.push_str("```");
                        out.push_str(&blank[blank.trim_end_matches(['\r', '\n']).len()..]);
                    }
                    None => {
                        if !out.ends_with('\n') {
                            out.push('\n');
                        }
                        out.push_str("```\n");
                    }
                }
                changed = true;
                i = close + 1;
                continue;
            }
            if explicit_markup(line) {
                let text = line.trim_end_matches(['\r', '\n']);
                out.push_str(&" ".repeat(text.len()));
                out.push_str(&line[text.len()..]);
                changed = true;
                i += 1;
                continue;
            }
            if let Some((c, len)) = adornment(line) {
                // A tilde fence under a short label ("Logs:" then `~~~`)
                // has the same shape: a title ends in no colon, and a blank
                // line follows its underline where code follows a fence.
                let fence_like = c == b'~'
                    && (lines[i.saturating_sub(1)].trim_end().ends_with(':')
                        || lines.get(i + 1).is_some_and(|l| !l.trim().is_empty()));
                let opens_a_title = i > 0
                    && !fence_like
                    && fits(lines[i - 1], len)
                    && (i == 1 || lines[i - 2].trim().is_empty());
                if opens_a_title && !matches!(c, b'=' | b'-') {
                    out.push_str(&underline(line, c));
                    changed = true;
                    i += 1;
                    continue;
                }
            }
        }
        track_fence(line, &mut fence);
        out.push_str(line);
        i += 1;
    }
    changed.then_some(out)
}

/// Whether `body` may hold anything this module rewrites, in one pass
/// over its line starts: three adornment characters (or `===`, for an
/// overlined title) or `..` opening a line, or a line ending in `::`.
/// Most reports hold none.
fn has_candidate(body: &str) -> bool {
    let bytes = body.as_bytes();
    // An adornment is a whole line of one character: a Markdown `###`
    // heading or `***` rule opens the same way, and most reports have one.
    let adorned = |at: usize, a: u8| {
        let line = &bytes[at..];
        let line = &line[..memchr::memchr(b'\n', line).unwrap_or(line.len())];
        line.trim_ascii_end().iter().all(|&b| b == a)
    };
    let opens = |at: usize| match bytes.get(at..at + 3) {
        Some([a, b, c]) => {
            (a == b && b == c && (ADORNMENTS.contains(a) || *a == b'=') && adorned(at, *a))
                || (*a == b'.' && *b == b'.')
        }
        _ => bytes.get(at..) == Some(b"..".as_slice()),
    };
    opens(0)
        || memchr::memchr_iter(b'\n', bytes).any(|n| {
            let line = &bytes[..n];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            line.ends_with(b"::") || opens(n + 1)
        })
}

/// The adornment character and length when `line` is three or more of one
/// adornment character and nothing else.
fn adornment(line: &str) -> Option<(u8, usize)> {
    let line = line.trim_end_matches(['\r', '\n']);
    let first = *line.as_bytes().first()?;
    let known = ADORNMENTS.contains(&first) || first == b'=' || first == b'-';
    (known && line.len() >= 3 && line.bytes().all(|b| b == first)).then_some((first, line.len()))
}

/// A code directive at line `i` (`.. code-block:: python`, `.. code::`,
/// `.. sourcecode::`) whose indented body ends at a blank line or at the
/// end of the file: the directive line as an opening fence of the same
/// length, with the option lines (`:linenos:`) right under it blanked.
fn code_directive(lines: &[&str], i: usize) -> Option<CodeDirective> {
    let line = lines[i];
    let text = line.trim_end_matches(['\r', '\n']);
    let rest = text.trim_end().strip_prefix(".. ")?;
    let (name, lang) = rest.split_once("::")?;
    if !matches!(name, "code-block" | "code" | "sourcecode") {
        return None;
    }
    let lang = lang.trim();
    let close = indented_body(lines, i + 1)?;
    let mut fenced = format!("```{lang}");
    if fenced.len() > text.len() {
        return None;
    }
    fenced.push_str(&" ".repeat(text.len() - fenced.len()));
    fenced.push_str(&line[text.len()..]);
    // Options under the directive are no code.
    let mut body = i + 1;
    while body < close && lines[body].trim_start().starts_with(':') {
        body += 1;
    }
    let mut head = fenced;
    for l in &lines[i + 1..body] {
        let t = l.trim_end_matches(['\r', '\n']);
        head.push_str(&" ".repeat(t.len()));
        head.push_str(&l[t.len()..]);
    }
    Some(CodeDirective { head, body, close })
}

/// A literal block: a paragraph line ending in `::`, a blank line, and a
/// body indented one to three spaces (four or more is code to Markdown
/// already). The blank line opens the fence.
fn literal_block(lines: &[&str], i: usize) -> Option<CodeDirective> {
    let line = lines[i];
    let text = line.trim_end();
    // A list item's text continues indented under it: no literal block.
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let list_item =
        text.starts_with(['-', '*', '+']) || (digits > 0 && text[digits..].starts_with(['.', ')']));
    let opens = text.ends_with("::")
        && !list_item
        && !line.starts_with([' ', '\t'])
        && !text.starts_with(".. ")
        && text.chars().any(char::is_alphanumeric);
    let gap = lines.get(i + 1)?;
    let first = lines.get(i + 2)?;
    let indent = first.len() - first.trim_start_matches(' ').len();
    if !opens || !gap.trim().is_empty() || !(1..=3).contains(&indent) || first.trim().is_empty() {
        return None;
    }
    let close = indented_body(lines, i + 2)?;
    let mut head = line.to_string();
    head.push_str("```");
    head.push_str(&gap[gap.trim_end_matches(['\r', '\n']).len()..]);
    Some(CodeDirective {
        head,
        body: i + 2,
        close,
    })
}

/// Where an indented body starting at line `start` ends: the blank line
/// after its last indented line (or `lines.len()` at the end of the
/// file); `None` when it has no text or an unindented line follows it
/// with no blank line between.
fn indented_body(lines: &[&str], start: usize) -> Option<usize> {
    let mut end = start;
    let mut last_text = None;
    while let Some(l) = lines.get(end) {
        let blank = l.trim().is_empty();
        if !blank && !l.starts_with([' ', '\t']) {
            break;
        }
        if !blank {
            last_text = Some(end);
        }
        end += 1;
    }
    let close = last_text? + 1;
    (close >= lines.len() || lines[close].trim().is_empty()).then_some(close)
}

/// A code directive made a fence: its fence line (and blanked options),
/// where its code starts, and the line that closes it.
struct CodeDirective {
    head: String,
    body: usize,
    close: usize,
}

/// Whether `line` is reStructuredText explicit markup that is not prose:
/// a comment marker alone (`..`), a hyperlink target (`.. _name:`, with
/// or without its address), a
/// substitution (`.. |name| …`), a footnote or citation (`.. [1] …`), or
/// a directive (`.. name::`). A free comment (`.. text`) is left alone:
/// a Markdown line may start so.
fn explicit_markup(line: &str) -> bool {
    let text = line.trim_end_matches(['\r', '\n']).trim_end();
    if text == ".." {
        return true;
    }
    let Some(rest) = text.strip_prefix(".. ") else {
        return false;
    };
    let directive = rest.split_once("::").is_some_and(|(name, _)| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    (rest.starts_with('_') && rest.contains(':'))
        || rest.starts_with('|')
        || rest.starts_with('[')
        || directive
}

/// Whether `line` can be a title of an adornment `width` long: plain text,
/// not longer than the adornment (emoji and other non-ASCII characters may
/// count as more characters than the columns docutils measures: two of
/// slack for those).
fn fits(line: &str, width: usize) -> bool {
    let text = line.trim_end_matches(['\r', '\n']);
    let trimmed = text.trim();
    let slack = if trimmed.is_ascii() { 0 } else { 2 };
    !trimmed.is_empty()
        && !text.starts_with("    ")
        && !text.starts_with('\t')
        && !trimmed.starts_with(['#', '>', '|', '`', '~'])
        && adornment(text).is_none()
        && trimmed.chars().count() <= width + slack
}

/// `line` with its adornment characters replaced by the Setext ones.
fn underline(line: &str, c: u8) -> String {
    let setext = if c == b'=' { '=' } else { '-' };
    let body = line.trim_end_matches(['\r', '\n']);
    let mut out: String = std::iter::repeat_n(setext, body.len()).collect();
    out.push_str(&line[body.len()..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::markdown::{blocks, Kind};

    fn headings(body: &str) -> Vec<(u8, String)> {
        let fixed = repair(body);
        blocks(fixed.as_deref().unwrap_or(body), 1)
            .iter()
            .filter_map(|b| b.heading_level().map(|l| (l, b.text().trim().to_string())))
            .collect()
    }

    #[test]
    fn tilde_and_caret_underlines_are_headings_not_fences() {
        let body = "Outage of the queue\n===================\n\nLeadup\n======\n\nWe deployed.\n\n**What?**\n~~~~~~~~~\n\nThe volume broke.\n\nWhy?\n~~~~\n\nNo limits.\n\nLessons learned\n^^^^^^^^^^^^^^^\n\n- Alert on disk.\n";
        assert_eq!(
            headings(body),
            vec![
                (1, "Outage of the queue".to_string()),
                (1, "Leadup".to_string()),
                (2, "What?".to_string()),
                (2, "Why?".to_string()),
                (2, "Lessons learned".to_string()),
            ]
        );
        let fixed = repair(body).expect("repaired");
        assert_eq!(
            fixed.len(),
            body.len(),
            "lengths kept, so lines and columns are"
        );
        assert!(!blocks(&fixed, 1)
            .iter()
            .any(|b| matches!(b.kind, Kind::Code { .. })));
    }

    #[test]
    fn an_overlined_title_loses_its_overline() {
        let body = "==================\n Database failover\n==================\n\nText.\n\n~~~~~~~~~~\nResolution\n~~~~~~~~~~\n\nRestarted.\n";
        assert_eq!(
            headings(body),
            vec![
                (1, "Database failover".to_string()),
                (2, "Resolution".to_string())
            ]
        );
    }

    #[test]
    fn explicit_markup_is_blanked_and_other_directive_bodies_kept() {
        let body = "Why?\n^^^^\n\nThe pool ran dry.\n\n.. _why-2:\n\n.. _docs: https://example.com/docs\n\n.. raw:: html\n\n   <details>\n\n.. code-block:: python\n\n    pool.get()\n\n.. |logo| image:: logo.png\n..\n.. a free comment stays\n";
        let fixed = repair(body).expect("repaired");
        assert_eq!(fixed.lines().count(), body.lines().count());
        let prose: Vec<String> = blocks(&fixed, 1)
            .iter()
            .filter(|b| matches!(b.kind, Kind::Paragraph))
            .map(|b| b.text().trim().to_string())
            .collect();
        assert_eq!(prose, ["The pool ran dry.", ".. a free comment stays"]);
        assert!(blocks(&fixed, 1)
            .iter()
            .any(|b| matches!(&b.kind, Kind::Code { text, .. } if text.contains("pool.get()"))));
    }

    #[test]
    fn code_directives_are_code() {
        let body = "Why?\n^^^^\n\n.. code-block:: python\n   :linenos:\n\n   import os\n\n   os.remove(p)\n\nThe pool ran dry.\n\n.. code:: text\n\n   Traceback (most recent call last)\n";
        let fixed = repair(body).expect("repaired");
        assert_eq!(fixed.lines().count(), body.lines().count() + 1, "{fixed}");
        let b = blocks(&fixed, 1);
        let code: Vec<(Option<String>, String)> = b
            .iter()
            .filter_map(|b| match &b.kind {
                Kind::Code { lang, text, .. } => Some((lang.clone(), text.trim().to_string())),
                _ => None,
            })
            .collect();
        assert_eq!(
            code,
            [
                (
                    Some("python".to_string()),
                    "import os\n\n   os.remove(p)".to_string()
                ),
                (
                    Some("text".to_string()),
                    "Traceback (most recent call last)".to_string()
                ),
            ]
        );
        // Lines keep their numbers: the paragraph after the first block.
        let para = b
            .iter()
            .find(|b| b.text().contains("pool ran dry"))
            .expect("para");
        assert_eq!(para.line, 11);
    }

    #[test]
    fn literal_blocks_are_code() {
        let body = "Why?\n^^^^\n\nThe kubelet logged::\n\n   Warning  FailedMount  kubelet  MountVolume failed\n   Unable to attach volumes\n\nThe volume was stuck.\n";
        let fixed = repair(body).expect("repaired");
        assert_eq!(fixed.lines().count(), body.lines().count(), "{fixed}");
        let b = blocks(&fixed, 1);
        assert!(b.iter().any(|b| matches!(&b.kind, Kind::Code { text, .. } if text.contains("FailedMount") && text.contains("Unable to attach"))), "{fixed}");
        let para = b
            .iter()
            .find(|b| b.text().contains("volume was stuck"))
            .expect("para");
        assert_eq!(para.line, 9);
        // Markdown's own: four spaces are code already, and `::` in prose
        // with no indented block after it is prose.
        for body in [
            "Run this::\n\n    ls -la\n\nDone.\n",
            "The enum is Error::\n\nNext paragraph.\n",
            "- a list item::\n\n  continued item text\n",
            "1. a step::\n\n   continued step text\n",
        ] {
            let fixed = repair(body);
            assert!(fixed.is_none(), "{body:?} became {fixed:?}");
        }
    }

    #[test]
    fn markdown_fences_and_rules_are_left_alone() {
        for body in [
            // A fence after an introducing line is shorter than the line.
            "We ran:\n~~~\nls\n~~~\n",
            "Steps to reproduce\n\n~~~~\nls\n~~~~\n",
            // A closing fence under a short code line is still the close.
            "~~~\nls\n~~~\n",
            "~~~~\nls -la\n~~~~\n",
            // A short label over a fence: code follows, or the label ends
            // in a colon.
            "## Impact\n\nLogs:\n```\npanic: nil map\n```\n\n## Root cause\n\nA nil map.\n",
            "Fix:\n~~~~\nx = 1\n~~~~\n",
            "Run\n~~~\nls\n~~~\n",
            "Logs:\n~~~~~\n\nline\n~~~~~\n",
            // A paragraph and a rule.
            "Note\n***\n\nText.\n",
            "```\nab\n~~~~\n```\n",
            // A line in the middle of a paragraph is not a title.
            "The queue filled\nup fast\n~~~~~~~~~~\nrest\n",
            "## Heading\n~~~~~~~~~~\n",
            "no adornment here\n",
            ".. and then it failed again\n",
            "...\n",
        ] {
            let fixed = repair(body);
            assert!(fixed.is_none(), "{body:?} became {fixed:?}");
        }
    }
}
