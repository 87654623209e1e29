//! Container fences of markdown-it, VuePress, Docusaurus and the status
//! pages built on them (`::: tip`, `:::warning Title`, statusfy's
//! `::: update Resolved | 2021-04-20T21:32Z`, each closed by `:::`).
//! CommonMark knows no such thing: the marker lines would join the
//! paragraphs beside them ("::: update Resolved | … The error stemmed
//! from…") and split nothing. Outside fenced code, each marker line
//! becomes an empty line, so the text inside reads as the paragraphs it
//! is and every line keeps its number.

use super::loose_headings::track_fence;

/// The body with its container marker lines blanked; `None` when it has
/// none. A body needs at least one closing `:::` line outside fenced code
/// to have containers.
pub fn strip(body: &str) -> Option<String> {
    // Most reports have no `:::` at a line start: one byte search says so.
    let may_close =
        super::text::at_line_starts(body, ":::").any(|at| is_closing(line_at(body, at)));
    if !may_close {
        return None;
    }
    let mut markers: Vec<bool> = Vec::new();
    let mut closed = false;
    let mut fence: Option<(char, usize)> = None;
    for line in body.split_inclusive('\n') {
        let in_code = track_fence(line, &mut fence) || fence.is_some();
        let marker = !in_code && is_marker(line);
        closed |= marker && is_closing(line.trim_start_matches(' '));
        markers.push(marker);
    }
    if !closed {
        return None;
    }
    let mut out = String::with_capacity(body.len());
    for (line, marker) in body.split_inclusive('\n').zip(markers) {
        if !marker {
            out.push_str(line);
        } else if line.ends_with('\n') {
            out.push('\n');
        }
    }
    Some(out)
}

fn line_at(body: &str, at: usize) -> &str {
    let rest = &body[at..];
    rest.split('\n').next().unwrap_or(rest)
}

/// `:::` (three colons or more) alone on its line.
fn is_closing(line: &str) -> bool {
    let t = line.trim_end();
    t.len() >= 3 && t.bytes().all(|b| b == b':')
}

/// A closing line, or an opening one: colons then a container name
/// (`::: tip`, `:::note Title`, `::: update Resolved | date`), with at
/// most three spaces before them, as a fence may have.
fn is_marker(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return false;
    }
    let t = line[indent..].trim_end();
    let colons = t.bytes().take_while(|b| *b == b':').count();
    if colons < 3 {
        return false;
    }
    let rest = t[colons..].trim_start();
    rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_markers_become_empty_lines_outside_code() {
        let body = "Intro.\n\n::: update Resolved | 2021-04-20T21:32:36.549Z\nThe error stemmed from old credentials.\n:::\n\n:::tip Pro tip\nRestart it.\n::::\n```\n::: kept in code\n:::\n```\n";
        let got = strip(body).expect("containers");
        assert_eq!(
            got,
            "Intro.\n\n\nThe error stemmed from old credentials.\n\n\n\nRestart it.\n\n```\n::: kept in code\n:::\n```\n"
        );
        assert_eq!(got.lines().count(), body.lines().count());
    }

    #[test]
    fn colons_that_close_nothing_are_text() {
        for body in [
            "No containers here.\n",
            "::: an opening with no closing line\ntext\n",
            "Ratio 1:::2 in prose\n:::\n",
            "```\n:::\n```\n",
            // A closing line only inside code closes nothing outside it.
            "::: note\nText\n\n```\n:::\n```\n",
        ] {
            let got = strip(body);
            if body.starts_with("Ratio") {
                // The closing line goes; the prose keeps its colons.
                assert_eq!(got.as_deref(), Some("Ratio 1:::2 in prose\n\n"));
            } else {
                assert_eq!(got, None, "{body:?}");
            }
        }
    }
}
