//! AsciiDoc and Typst read as Markdown. Both write section titles as a
//! run of `=` and a space (`= Title`, `== Root Cause`), which Markdown
//! reads as a line of prose: such a report had no sections, and its
//! heading lines became its cause. In a report written that way (no
//! Markdown heading, and two `=` titles or one on its first line) each
//! `=` title becomes the ATX heading of the same level. AsciiDoc's
//! listing and literal blocks (`----`, `....`, under an optional
//! `[source,python]` line) become fenced code, which Markdown would read
//! as rules and prose.
//!
//! Lines keep their numbers and their lengths, so lines and columns stay
//! the file's own.

use super::loose_headings::track_fence;

/// The body with every `=` section title made a `#` heading and every
/// listing block fenced; `None` when the report is not written that way.
pub fn repair(body: &str) -> Option<String> {
    // Most reports have neither: a title on the first line or a `== ` at
    // a line start, found without splitting lines.
    // (Typst may open on `#set` lines and use only level-one titles.)
    if !(body.starts_with("= ")
        || body.starts_with("==")
        || body.contains("\n==")
        || body.contains("\n= "))
    {
        return None;
    }
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let mut fence = None;
    let mut titles = 0;
    let mut first_is_title = None;
    let mut listing: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        let text = line.trim_end_matches(['\r', '\n']);
        if let Some(open) = listing {
            if text == open {
                listing = None;
            }
            continue;
        }
        // In the order the rewrite below reads them: fences, then listings.
        if track_fence(line, &mut fence) || fence.is_some() {
            continue;
        }
        if is_delimiter(text) && closes_later(&lines[i + 1..], text) {
            listing = Some(text);
            continue;
        }
        if atx_heading(line) {
            return None;
        }
        let title = equals_title(line).is_some();
        if first_is_title.is_none() && !line.trim().is_empty() {
            first_is_title = Some(title);
        }
        titles += usize::from(title);
    }
    if titles < 2 && first_is_title != Some(true) {
        return None;
    }
    let mut out = String::with_capacity(body.len());
    let mut fence = None;
    // The delimiter of the listing block open, if any.
    let mut listing: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        let text = line.trim_end_matches(['\r', '\n']);
        let end = &line[text.len()..];
        if let Some(open) = listing {
            if text == open {
                out.push_str(&fence_line(text.len()));
                out.push_str(end);
                listing = None;
            } else {
                out.push_str(line);
            }
            continue;
        }
        if track_fence(line, &mut fence) || fence.is_some() {
            out.push_str(line);
            continue;
        }
        if let Some(level) = equals_title(line) {
            out.push_str(&"#".repeat(level));
            out.push_str(&line[level..]);
        } else if is_delimiter(text) && closes_later(&lines[i + 1..], text) {
            out.push_str(&fence_line(text.len()));
            out.push_str(end);
            listing = Some(text);
        } else if is_block_attribute(text)
            && lines
                .get(i + 1)
                .is_some_and(|n| is_delimiter(n.trim_end_matches(['\r', '\n'])))
        {
            out.push_str(&" ".repeat(text.len()));
            out.push_str(end);
        } else {
            out.push_str(line);
        }
    }
    Some(out)
}

/// The level of a `=` section title (`== Root Cause` is 2).
fn equals_title(line: &str) -> Option<usize> {
    let level = line.bytes().take_while(|&b| b == b'=').count();
    let rest = &line[level..];
    ((1..=6).contains(&level) && rest.starts_with(' ') && !rest.trim().is_empty()).then_some(level)
}

fn atx_heading(line: &str) -> bool {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&level) && line[level..].starts_with([' ', '\t'])
}

/// A listing (`----`) or literal (`....`) block delimiter.
fn is_delimiter(text: &str) -> bool {
    text.len() >= 4 && (text.bytes().all(|b| b == b'-') || text.bytes().all(|b| b == b'.'))
}

fn closes_later(rest: &[&str], delimiter: &str) -> bool {
    rest.iter()
        .any(|l| l.trim_end_matches(['\r', '\n']) == delimiter)
}

/// `[source,python]`, `[source]`, `[listing]`: the style line over a block.
fn is_block_attribute(text: &str) -> bool {
    text.starts_with('[')
        && text.ends_with(']')
        && text[1..].starts_with(|c: char| c.is_ascii_alphabetic())
}

/// A fence as long as the delimiter it replaces, of tildes: a listing may
/// show Markdown, whose backtick fences (and shorter tilde ones) must not
/// close it.
fn fence_line(len: usize) -> String {
    "~".repeat(len.max(4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equals_titles_become_headings_of_their_level() {
        let src = "= Stack pointer fix\n\n*Date*: 2026-02-03\n\n== Problem\n\nThe board hung.\n\n=== Detail\n\nx\n";
        let out = repair(src).expect("asciidoc");
        assert_eq!(
            out,
            "# Stack pointer fix\n\n*Date*: 2026-02-03\n\n## Problem\n\nThe board hung.\n\n### Detail\n\nx\n"
        );
        assert_eq!(out.lines().count(), src.lines().count());
    }

    #[test]
    fn listing_blocks_are_fenced_with_lines_kept() {
        let src =
            "= T\n\n== Fix\n\n[source,python]\n----\nx = 1\n\n# not a heading\n----\n\nDone.\n";
        let out = repair(src).expect("asciidoc");
        assert_eq!(
            out,
            "# T\n\n## Fix\n\n               \n~~~~\nx = 1\n\n# not a heading\n~~~~\n\nDone.\n"
        );
    }

    #[test]
    fn a_comment_in_a_listing_block_is_no_markdown_heading() {
        let src = "= T\n\n----\n# shell comment\n----\n\n== Cause\n\nx\n";
        assert!(repair(src).is_some_and(|o| o.contains("## Cause")));
    }

    #[test]
    fn a_markdown_fence_shown_in_a_listing_stays_inside_it() {
        let src = "= T\n\n== Fix\n\n----\n```bash\nmake all\n```\n----\n\n== Lessons learned\n\nTest first.\n";
        let out = repair(src).expect("asciidoc");
        let md = crate::extract::markdown::blocks(&out, 1);
        let headings: Vec<String> = md
            .iter()
            .filter(|b| matches!(b.kind, crate::extract::markdown::Kind::Heading { .. }))
            .map(|b| b.text().to_string())
            .collect();
        assert_eq!(headings, ["T", "Fix", "Lessons learned"]);
    }

    #[test]
    fn typst_with_a_preamble_and_level_one_titles() {
        let src = "#set page(width: 10cm)\n\n= Summary\n\nThe board hung.\n\n= Root cause\n\nA bad pointer.\n";
        let out = repair(src).expect("typst");
        assert!(out.contains("\n# Root cause\n"), "{out}");
    }

    #[test]
    fn markdown_reports_are_left_alone() {
        // A Markdown heading anywhere: the report is Markdown.
        assert!(repair("# T\n\n== not a title\n\n== nor this\n").is_none());
        // One `==` line in prose, not on the first line.
        assert!(repair("Some text\n== equals\n\nmore\n").is_none());
        // `=` lines inside a fence are code.
        assert!(repair("Intro\n\n```\n== a\n== b\n```\n").is_none());
        assert!(repair("Plain report\n\nNo titles here.\n").is_none());
    }
}
