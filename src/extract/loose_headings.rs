//! Headings written without the space CommonMark wants after the hashes
//! (`##Root cause`, `####What we did`): older Markdown renderers took them
//! as headings and so did their authors, so a whole report's sections can
//! hang on them. A line of two to six `#` followed directly by a letter,
//! a digit or a symbol, outside fenced code, gets its space back. A single
//! `#` is left alone: `#123` and `#hashtag` are not headings.

/// The body with a space put after the hashes of every such heading, and
/// the 0-based line of the first one; `None` when there is none.
pub fn repair(body: &str) -> Option<(String, usize)> {
    // Most reports have none. A candidate line starts with `##`, so a
    // byte search for `##` at a line start rules a report out without
    // walking its lines (fences are only followed when one is there).
    if !super::text::at_line_starts(body, "##").any(|at| hashes_then_text(&body[at..]).is_some()) {
        return None;
    }
    let candidate = |line: &str| hashes_then_text(line).is_some();
    let mut fence: Option<(char, usize)> = None;
    let mut first = None;
    for (n, line) in body.lines().enumerate() {
        if track_fence(line, &mut fence) || fence.is_some() {
            continue;
        }
        if candidate(line) {
            first = Some(n);
            break;
        }
    }
    let first = first?;
    let mut out = String::with_capacity(body.len() + 16);
    let mut fence: Option<(char, usize)> = None;
    for line in body.split_inclusive('\n') {
        let in_code = track_fence(line, &mut fence) || fence.is_some();
        match hashes_then_text(line).filter(|_| !in_code) {
            Some(hashes) => {
                out.push_str(&line[..hashes]);
                out.push(' ');
                out.push_str(&line[hashes..]);
            }
            None => out.push_str(line),
        }
    }
    Some((out, first))
}

/// The number of leading hashes when `line` is `##…` (two to six) followed
/// directly by heading text.
fn hashes_then_text(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    if !(2..=6).contains(&hashes) {
        return None;
    }
    let next = line[hashes..].chars().next()?;
    (next.is_alphanumeric() || next as u32 >= 0x2000).then_some(hashes)
}

/// Follows fenced code blocks: `true` when `line` opens or closes one
/// (`fence` holds the open fence's character and length).
pub(super) fn track_fence(line: &str, fence: &mut Option<(char, usize)>) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return false;
    }
    let rest = &line[indent..];
    let Some(c) = rest.chars().next().filter(|c| *c == '`' || *c == '~') else {
        return false;
    };
    let run = rest.chars().take_while(|x| *x == c).count();
    if run < 3 {
        return false;
    }
    match *fence {
        None => {
            *fence = Some((c, run));
            true
        }
        Some((open, len)) if open == c && run >= len && rest[run..].trim().is_empty() => {
            *fence = None;
            true
        }
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_without_a_space_are_headings_outside_code() {
        let body = "Intro\n\n####What we did\n\n1. Restarted\n\n##Root cause\n```sh\n##not a heading\n#!/bin/sh\n```\n##🔥 Impact\n";
        let (fixed, first) = repair(body).expect("repaired");
        assert_eq!(first, 2);
        assert_eq!(
            fixed,
            "Intro\n\n#### What we did\n\n1. Restarted\n\n## Root cause\n```sh\n##not a heading\n#!/bin/sh\n```\n## 🔥 Impact\n"
        );
    }

    #[test]
    fn other_hash_lines_are_left_alone() {
        for body in [
            "#123 is the issue\n",
            "#hashtag\n",
            "## Proper heading\n",
            "########\n",
            "####### seven is not a heading\n",
            "##\n",
            "    ##indented code\n",
            "~~~\n##in code\n~~~\n",
        ] {
            assert_eq!(repair(body), None, "{body:?}");
        }
    }
}
