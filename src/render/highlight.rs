//! Server-side syntax highlighting: code → per-line segments with a small
//! set of CSS classes (`hl-k` keyword, `hl-s` string, `hl-c` comment, ...),
//! so one stylesheet colours every language in light and dark mode.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Segment {
    pub range: Range<usize>,
    pub class: Option<&'static str>,
}

/// Segments for each line of `code` (lines as `str::lines` splits them).
pub fn lines(code: &str, _lang: Option<&str>) -> Vec<Vec<Segment>> {
    code.lines().map(|_| Vec::new()).collect()
}
