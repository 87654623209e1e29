//! Before/after code as a diff view: rows for a side-by-side table and for a
//! unified one, changed lines marked, and within a changed pair of lines the
//! changed words marked. The diff is computed by `similar` (Patience); syntax
//! classes come from `highlight`, merged with the word marks per line.

use super::highlight::{self, Segment};
use serde::Serialize;
use similar::{Algorithm, ChangeTag, DiffTag, TextDiff};
use std::ops::Range;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SplitRow {
    /// `equal`, `change`, `delete` or `insert`.
    pub kind: &'static str,
    pub old_no: Option<usize>,
    pub old_html: Option<String>,
    pub new_no: Option<usize>,
    pub new_html: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct UnifiedRow {
    /// `equal`, `delete` or `insert`.
    pub kind: &'static str,
    pub old_no: Option<usize>,
    pub new_no: Option<usize>,
    pub html: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct DiffView {
    pub split: Vec<SplitRow>,
    pub unified: Vec<UnifiedRow>,
    pub added: usize,
    pub removed: usize,
}

/// Above this share of a line changed, word marks add nothing to the
/// line's own colour.
const MAX_MARKED_SHARE: f64 = 0.6;

pub fn view(before: Option<&str>, after: Option<&str>, lang: Option<&str>) -> DiffView {
    let old = before.unwrap_or("");
    let new = after.unwrap_or("");
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let old_hl = highlight::lines(old, lang);
    let new_hl = highlight::lines(new, lang);
    let seg = |hl: &Vec<Vec<Segment>>, i: usize| hl.get(i).cloned().unwrap_or_default();
    let mut v = DiffView::default();

    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_lines(old, new);
    for op in diff.ops() {
        let (o, n) = (op.old_range(), op.new_range());
        match op.tag() {
            DiffTag::Equal => {
                for (i, j) in o.zip(n) {
                    let html = line_html(old_lines[i], &seg(&old_hl, i), &[]);
                    v.split.push(SplitRow {
                        kind: "equal",
                        old_no: Some(i + 1),
                        old_html: Some(html.clone()),
                        new_no: Some(j + 1),
                        new_html: Some(html.clone()),
                    });
                    v.unified.push(UnifiedRow {
                        kind: "equal",
                        old_no: Some(i + 1),
                        new_no: Some(j + 1),
                        html,
                    });
                }
            }
            DiffTag::Delete | DiffTag::Insert | DiffTag::Replace => {
                let pairs = o.len().max(n.len());
                let mut old_html = Vec::new();
                let mut new_html = Vec::new();
                for k in 0..pairs {
                    let oi = (k < o.len()).then(|| o.start + k);
                    let ni = (k < n.len()).then(|| n.start + k);
                    let (om, nm) = match (oi, ni) {
                        (Some(a), Some(b)) => word_marks(old_lines[a], new_lines[b]),
                        _ => (Vec::new(), Vec::new()),
                    };
                    let oh = oi.map(|a| line_html(old_lines[a], &seg(&old_hl, a), &om));
                    let nh = ni.map(|b| line_html(new_lines[b], &seg(&new_hl, b), &nm));
                    let kind = match (oi, ni) {
                        (Some(_), Some(_)) => "change",
                        (Some(_), None) => "delete",
                        _ => "insert",
                    };
                    v.split.push(SplitRow {
                        kind,
                        old_no: oi.map(|a| a + 1),
                        old_html: oh.clone(),
                        new_no: ni.map(|b| b + 1),
                        new_html: nh.clone(),
                    });
                    if let (Some(a), Some(h)) = (oi, oh) {
                        old_html.push((a, h));
                    }
                    if let (Some(b), Some(h)) = (ni, nh) {
                        new_html.push((b, h));
                    }
                }
                v.removed += old_html.len();
                v.added += new_html.len();
                for (a, html) in old_html {
                    v.unified.push(UnifiedRow {
                        kind: "delete",
                        old_no: Some(a + 1),
                        new_no: None,
                        html,
                    });
                }
                for (b, html) in new_html {
                    v.unified.push(UnifiedRow {
                        kind: "insert",
                        old_no: None,
                        new_no: Some(b + 1),
                        html,
                    });
                }
            }
        }
    }
    v
}

/// Byte ranges of the words that differ between two versions of a line.
fn word_marks(old: &str, new: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let diff = TextDiff::from_words(old, new);
    let (mut om, mut nm) = (Vec::new(), Vec::new());
    let (mut op, mut np) = (0usize, 0usize);
    for change in diff.iter_all_changes() {
        let len = change.value().len();
        match change.tag() {
            ChangeTag::Equal => {
                op += len;
                np += len;
            }
            ChangeTag::Delete => {
                if !change.value().trim().is_empty() {
                    om.push(op..op + len);
                }
                op += len;
            }
            ChangeTag::Insert => {
                if !change.value().trim().is_empty() {
                    nm.push(np..np + len);
                }
                np += len;
            }
        }
    }
    let share = |marks: &[Range<usize>], line: &str| {
        marks.iter().map(|r| r.len()).sum::<usize>() as f64 / line.len().max(1) as f64
    };
    if share(&om, old) > MAX_MARKED_SHARE || share(&nm, new) > MAX_MARKED_SHARE {
        return (Vec::new(), Vec::new());
    }
    (merge(om), merge(nm))
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end + 1 => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// One line as HTML: syntax spans, with changed words wrapped in `<mark>`.
pub fn line_html(line: &str, segments: &[Segment], marks: &[Range<usize>]) -> String {
    let mut cuts: Vec<usize> = vec![0, line.len()];
    for s in segments {
        cuts.push(s.range.start.min(line.len()));
        cuts.push(s.range.end.min(line.len()));
    }
    for m in marks {
        cuts.push(m.start.min(line.len()));
        cuts.push(m.end.min(line.len()));
    }
    cuts.retain(|c| line.is_char_boundary(*c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut html = String::with_capacity(line.len() * 2);
    let mut in_mark = false;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a == b {
            continue;
        }
        let class = segments
            .iter()
            .find(|s| s.range.start <= a && b <= s.range.end)
            .and_then(|s| s.class);
        // One <mark> over a run of changed pieces, not one per piece.
        let marked = marks.iter().any(|m| m.start <= a && b <= m.end);
        if marked != in_mark {
            html.push_str(if marked { "<mark>" } else { "</mark>" });
            in_mark = marked;
        }
        match class {
            Some(c) => {
                html.push_str("<span class=\"");
                html.push_str(c);
                html.push_str("\">");
                escape_into(&line[a..b], &mut html);
                html.push_str("</span>");
            }
            None => escape_into(&line[a..b], &mut html),
        }
    }
    if in_mark {
        html.push_str("</mark>");
    }
    html
}

/// Escapes text for HTML and XML text and quoted attributes.
///
/// Characters XML 1.0 forbids (C0 controls other than tab, newline and
/// carriage return; U+FFFE and U+FFFF) are dropped: one BEL in a title would
/// make the Atom feed unreadable for every subscriber, and HTML treats them
/// as parse errors too.
pub fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(v: &DiffView) -> Vec<(&'static str, Option<usize>, Option<usize>)> {
        v.split
            .iter()
            .map(|r| (r.kind, r.old_no, r.new_no))
            .collect()
    }

    #[test]
    fn rows_for_a_changed_line_between_equal_ones() {
        let v = view(
            Some("a = 1\nb = 2\nc = 3\n"),
            Some("a = 1\nb = 20\nc = 3\nd = 4\n"),
            None,
        );
        assert_eq!(
            plain(&v),
            vec![
                ("equal", Some(1), Some(1)),
                ("change", Some(2), Some(2)),
                ("equal", Some(3), Some(3)),
                ("insert", None, Some(4))
            ]
        );
        assert_eq!((v.added, v.removed), (2, 1));
        assert_eq!(v.split[1].old_html.as_deref(), Some("b = <mark>2</mark>"));
        assert_eq!(v.split[1].new_html.as_deref(), Some("b = <mark>20</mark>"));
        let kinds: Vec<&str> = v.unified.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, vec!["equal", "delete", "insert", "equal", "insert"]);
    }

    #[test]
    fn one_sided_changes() {
        let v = view(None, Some("new()\n"), None);
        assert_eq!(plain(&v), vec![("insert", None, Some(1))]);
        let v = view(Some("old()\n"), None, None);
        assert_eq!(plain(&v), vec![("delete", Some(1), None)]);
    }

    #[test]
    fn html_is_escaped() {
        let v = view(
            Some("<script>alert(1)</script>\n"),
            Some("x & \"y\"\n"),
            None,
        );
        let all: String = v.unified.iter().map(|r| r.html.clone()).collect();
        assert!(!all.contains("<script>"));
        assert!(all.contains("&lt;script&gt;") && all.contains("&amp;") && all.contains("&quot;"));
    }
}
