//! The one pulldown-cmark pass: Markdown → a flat, document-ordered list of
//! blocks (headings, paragraphs, list items, code blocks, table rows), each
//! with its line and the inline facts the rules need (strong labels, inline
//! code, links). Everything else in `extract/` reads these blocks.
//!
//! The walk keeps explicit stacks and never recurses, so deeply nested input
//! cannot overflow the stack.

use super::text::{STRONG_CLOSE, STRONG_OPEN};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Heading {
        level: u8,
    },
    Paragraph,
    Item {
        depth: usize,
        checked: Option<bool>,
        has_children: bool,
        has_code: bool,
    },
    Code {
        lang: Option<String>,
        text: String,
        closed: bool,
    },
    Row {
        cells: Vec<String>,
        header: bool,
        table: usize,
    },
    Rule,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: Kind,
    /// Inline text with strong spans wrapped in the sentinels of `text.rs`
    /// and soft/hard breaks as `\n`.
    pub marked: String,
    /// `marked` without the sentinels.
    pub plain: String,
    pub codes: Vec<String>,
    pub links: Vec<(String, String)>,
    /// 1-based line in the file.
    pub line: usize,
    /// Where a paragraph or list item is in the body, for its Markdown
    /// as written (empty for other blocks).
    pub range: std::ops::Range<usize>,
    /// Index of the list item this block sits in, if any.
    pub parent_item: Option<usize>,
    pub quote: bool,
}

impl Block {
    fn new(kind: Kind, line: usize, parent_item: Option<usize>, quote: bool) -> Self {
        Block {
            kind,
            marked: String::new(),
            plain: String::new(),
            codes: Vec::new(),
            links: Vec::new(),
            line,
            range: 0..0,
            parent_item,
            quote,
        }
    }

    /// The inline text without sentinels.
    pub fn text(&self) -> &str {
        &self.plain
    }

    pub fn heading_level(&self) -> Option<u8> {
        match self.kind {
            Kind::Heading { level } => Some(level),
            _ => None,
        }
    }
}

/// Byte offset → 1-based line, for a body that starts at `first_line`.
pub struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    pub fn new(text: &str, first_line: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts, first_line }
    }

    pub fn line(&self, offset: usize) -> usize {
        let i = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        i + self.first_line
    }
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
}

/// Parses `body` (which starts at file line `first_line`) into blocks.
pub fn blocks(body: &str, first_line: usize) -> Vec<Block> {
    let index = LineIndex::new(body, first_line);
    let mut out: Vec<Block> = Vec::new();
    // Where inline text goes right now.
    let mut target: Option<usize> = None;
    let mut items: Vec<usize> = Vec::new();
    let mut in_code: Option<usize> = None;
    let mut quote_depth = 0usize;
    let mut table = 0usize;
    let mut in_head = false;
    let mut row: Option<usize> = None;
    let mut cell = String::new();
    let mut link_starts: Vec<(usize, String)> = Vec::new();

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        // Only blocks need their line: most events are inline.
        let line = if matches!(event, Event::Start(_) | Event::Rule) {
            index.line(range.start)
        } else {
            0
        };
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    out.push(Block::new(
                        Kind::Heading { level: level as u8 },
                        line,
                        items.last().copied(),
                        quote_depth > 0,
                    ));
                    target = Some(out.len() - 1);
                }
                Tag::Paragraph => {
                    if let Some(&item) = items.last() {
                        let b = &mut out[item];
                        if !b.marked.is_empty() && !b.marked.ends_with('\n') {
                            b.marked.push('\n');
                        }
                        target = Some(item);
                    } else {
                        out.push(Block::new(Kind::Paragraph, line, None, quote_depth > 0));
                        if let Some(b) = out.last_mut() {
                            b.range = range.clone();
                        }
                        target = Some(out.len() - 1);
                    }
                }
                Tag::Item => {
                    let depth = items.len();
                    out.push(Block::new(
                        Kind::Item {
                            depth,
                            checked: None,
                            has_children: false,
                            has_code: false,
                        },
                        line,
                        items.last().copied(),
                        quote_depth > 0,
                    ));
                    if let Some(b) = out.last_mut() {
                        b.range = range.clone();
                    }
                    items.push(out.len() - 1);
                    target = Some(out.len() - 1);
                }
                Tag::List(_) => {
                    if let Some(&item) = items.last() {
                        if let Kind::Item { has_children, .. } = &mut out[item].kind {
                            *has_children = true;
                        }
                    }
                }
                Tag::CodeBlock(kind) => {
                    let fenced = matches!(kind, CodeBlockKind::Fenced(_));
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => info
                            .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                            .next()
                            .map(|s| s.trim().to_lowercase())
                            .filter(|s| !s.is_empty()),
                        CodeBlockKind::Indented => None,
                    };
                    // Only a fence can be left open: an indented block
                    // ends where its indentation does.
                    let closed = !fenced
                        || body[range.clone()].trim_end().ends_with(['`', '~'])
                            && body[range.clone()].trim_end().lines().count() > 1;
                    if let Some(&item) = items.last() {
                        if let Kind::Item { has_code, .. } = &mut out[item].kind {
                            *has_code = true;
                        }
                    }
                    out.push(Block::new(
                        Kind::Code {
                            lang,
                            text: String::new(),
                            closed,
                        },
                        line,
                        items.last().copied(),
                        quote_depth > 0,
                    ));
                    in_code = Some(out.len() - 1);
                }
                Tag::BlockQuote(_) => quote_depth += 1,
                Tag::Table(_) => table += 1,
                Tag::TableHead => {
                    in_head = true;
                    out.push(Block::new(
                        Kind::Row {
                            cells: Vec::new(),
                            header: true,
                            table,
                        },
                        line,
                        None,
                        quote_depth > 0,
                    ));
                    row = Some(out.len() - 1);
                }
                Tag::TableRow => {
                    out.push(Block::new(
                        Kind::Row {
                            cells: Vec::new(),
                            header: in_head,
                            table,
                        },
                        line,
                        None,
                        quote_depth > 0,
                    ));
                    row = Some(out.len() - 1);
                }
                Tag::TableCell => cell.clear(),
                Tag::Strong => push_text(
                    &mut out,
                    target,
                    row.is_some(),
                    &mut cell,
                    &STRONG_OPEN.to_string(),
                ),
                Tag::Link { dest_url, .. } => {
                    let at = current_len(&out, target, row.is_some(), &cell);
                    link_starts.push((at, dest_url.to_string()));
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) | TagEnd::Paragraph => {
                    target = items.last().copied();
                }
                TagEnd::Item => {
                    items.pop();
                    target = items.last().copied();
                }
                TagEnd::CodeBlock => in_code = None,
                TagEnd::BlockQuote(_) => quote_depth = quote_depth.saturating_sub(1),
                TagEnd::TableHead => {
                    in_head = false;
                    row = None;
                }
                TagEnd::TableRow => row = None,
                TagEnd::TableCell => {
                    if let Some(r) = row {
                        if let Kind::Row { cells, .. } = &mut out[r].kind {
                            cells.push(cell.trim().to_string());
                        }
                        let b = &mut out[r];
                        if !b.marked.is_empty() {
                            b.marked.push_str(" | ");
                        }
                        b.marked.push_str(cell.trim());
                    }
                    cell.clear();
                }
                TagEnd::Strong => push_text(
                    &mut out,
                    target,
                    row.is_some(),
                    &mut cell,
                    &STRONG_CLOSE.to_string(),
                ),
                TagEnd::Link => {
                    if let Some((start, url)) = link_starts.pop() {
                        let title = if row.is_some() {
                            cell.get(start..).unwrap_or("").to_string()
                        } else {
                            target
                                .and_then(|t| out[t].marked.get(start..))
                                .unwrap_or("")
                                .to_string()
                        };
                        let title = super::text::unmark(&title).trim().to_string();
                        let owner = row.or(target);
                        if let Some(t) = owner {
                            out[t].links.push((title, url));
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(c) = in_code {
                    if let Kind::Code { text, .. } = &mut out[c].kind {
                        text.push_str(&t);
                    }
                } else {
                    push_text(&mut out, target, row.is_some(), &mut cell, &t);
                }
            }
            Event::Code(t) => {
                push_text(&mut out, target, row.is_some(), &mut cell, &t);
                let owner = row.or(target);
                if let Some(o) = owner {
                    out[o].codes.push(t.to_string());
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                push_text(&mut out, target, row.is_some(), &mut cell, "\n")
            }
            // An HTML line break ends a line as a newline does (templates
            // exported from document editors write `Status: final<br>
            // Owners: …`); in a table cell it only separates words.
            Event::InlineHtml(h) if is_line_break(&h) => {
                let sep = if row.is_some() { " " } else { "\n" };
                push_text(&mut out, target, row.is_some(), &mut cell, sep)
            }
            Event::TaskListMarker(done) => {
                if let Some(&item) = items.last() {
                    if let Kind::Item { checked, .. } = &mut out[item].kind {
                        *checked = Some(done);
                    }
                }
            }
            Event::Rule => out.push(Block::new(Kind::Rule, line, None, quote_depth > 0)),
            _ => {}
        }
    }
    for b in &mut out {
        b.plain = super::text::unmark(&b.marked);
    }
    out
}

/// Whether an inline HTML tag is a line break: `<br>`, `<br/>`, `<BR />`.
fn is_line_break(tag: &str) -> bool {
    let inner = tag.trim().trim_start_matches('<').trim_end_matches('>');
    inner
        .trim_end_matches('/')
        .trim()
        .eq_ignore_ascii_case("br")
}

fn current_len(out: &[Block], target: Option<usize>, in_row: bool, cell: &str) -> usize {
    if in_row {
        cell.len()
    } else {
        target.map_or(0, |t| out[t].marked.len())
    }
}

/// Hyphens other than the ASCII one, as word processors and some editors
/// write them (`2025‑05‑20`, `SEV‑1` with U+2011): in the text the rules
/// read they are `-`, so dates, severities and ids read as typed. Code and
/// the rendered report keep them.
const HYPHENS: [char; 4] = ['\u{2010}', '\u{2011}', '\u{2012}', '\u{2212}'];

fn push_text(out: &mut [Block], target: Option<usize>, in_row: bool, cell: &mut String, s: &str) {
    // All four start with the byte 0xE2: most text has none.
    if memchr::memchr(0xE2, s.as_bytes()).is_some() && s.contains(HYPHENS) {
        return push_text(out, target, in_row, cell, &s.replace(HYPHENS, "-"));
    }
    if in_row {
        cell.push_str(s);
    } else if let Some(t) = target {
        out[t].marked.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_carry_lines_labels_and_nesting() {
        let md = "# Title\n\n**Date**: today\n\n- one\n  - nested `code`\n- [x] done\n\n```python\nx = 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let b = blocks(md, 1);
        assert_eq!(b[0].kind, Kind::Heading { level: 1 });
        assert_eq!(b[0].text(), "Title");
        assert_eq!(b[1].line, 3);
        assert!(b[1].marked.starts_with(STRONG_OPEN));
        assert!(matches!(
            b[2].kind,
            Kind::Item {
                depth: 0,
                has_children: true,
                ..
            }
        ));
        assert_eq!(b[3].text(), "nested code");
        assert_eq!(b[3].codes, vec!["code"]);
        assert_eq!(b[3].parent_item, Some(2));
        assert!(matches!(
            b[4].kind,
            Kind::Item {
                checked: Some(true),
                ..
            }
        ));
        assert!(
            matches!(&b[5].kind, Kind::Code { lang: Some(l), text, closed: true } if l == "python" && text == "x = 1\n")
        );
        assert_eq!(b[5].line, 9);
        assert!(
            matches!(&b[7].kind, Kind::Row { cells, header: false, .. } if cells == &vec!["1".to_string(), "2".to_string()])
        );
    }

    #[test]
    fn html_line_breaks_end_lines() {
        let b = blocks("Status: final<br> Owners: @ops<BR/>Date: 2023-08-26\n\n| a | b<br />c |\n|---|---|\n| x | y |\n", 1);
        assert_eq!(
            b[0].text(),
            "Status: final\n Owners: @ops\nDate: 2023-08-26"
        );
        assert!(matches!(&b[1].kind, Kind::Row { cells, .. } if cells[1] == "b c"));
    }

    #[test]
    fn links_keep_their_text() {
        let b = blocks("See [the docs](https://example.com/x) now.\n", 1);
        assert_eq!(
            b[0].links,
            vec![("the docs".to_string(), "https://example.com/x".to_string())]
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut md = String::new();
        for i in 0..10_000 {
            md.push_str(&" ".repeat(i * 2));
            md.push_str("- x\n");
        }
        let b = blocks(&md, 1);
        assert!(!b.is_empty());
    }
}
