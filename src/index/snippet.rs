//! Snippets: the best window of a hit's body with the query's words marked,
//! chosen as tantivy's `SnippetGenerator` chooses it (windows of at most
//! `MAX_CHARS` bytes, each matched word worth `1 / (1 + document
//! frequency)`, the best window first), but cheaper: tantivy stems every
//! word of the body, while only the few words that can share a stem with a
//! query word need stemming here.
//!
//! A snippet is read by a person: it is cut from the report's text as
//! Markdown renders it (no fences, `##` or `**`), and the words marked are
//! those that carry the query, not "the" or "you" (unless the query has
//! nothing else).

use anyhow::Result;
use std::collections::HashMap;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, Term};

/// Words a query is full of that say nothing about the incident: not
/// marked, and not what picks the window, unless the query has only them.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "to", "in", "on", "at", "by",
    "for", "from", "with", "without", "into", "about", "as", "is", "are", "was", "were", "be",
    "been", "being", "it", "its", "this", "that", "these", "those", "there", "here", "i", "me",
    "my", "we", "our", "us", "you", "your", "he", "she", "they", "them", "their", "do", "does",
    "did", "can", "could", "would", "should", "will", "may", "might", "must", "have", "has", "had",
    "not", "no", "what", "when", "where", "which", "who", "why", "how", "all", "any", "some",
    "just", "only", "also", "too", "very", "get", "got",
];

/// The text of a Markdown report as it reads rendered: paragraphs, list
/// items, headings, table cells and code blocks on lines of their own,
/// links by their text, no markup and no raw HTML.
pub(crate) fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, crate::extract::markdown::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::BlockQuote(_),
            ) => out.push('\n'),
            Event::End(TagEnd::TableCell) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Longest snippet, in bytes of the report.
const MAX_CHARS: usize = 220;
/// The prose analyzer drops words this long or longer.
const MAX_WORD: usize = 40;

pub(crate) struct Snippets {
    /// Query stems found in the field, with their weight.
    terms: HashMap<String, f32>,
    /// The first two characters of each stem (see `prefix`).
    prefixes: Vec<(char, char)>,
    /// The same for ASCII prefixes, as a bit per pair: checked for every
    /// word of every hit.
    ascii: Vec<u64>,
    stemmer: Option<TextAnalyzer>,
}

/// A word's first character and its second with `y` read as `i`: the
/// English stemmer keeps both, except that it turns `dying`, `lying` and
/// `tying` into `die`, `lie` and `tie`. A word whose prefix is no stem's
/// prefix cannot stem to a query word and is never stemmed.
fn prefix(word: &str) -> (char, char) {
    let mut chars = word.chars();
    let first = chars.next().unwrap_or('\0');
    prefix_of(first, chars.next().unwrap_or('\0'))
}

fn prefix_of(first: char, second: char) -> (char, char) {
    (first, if second == 'y' { 'i' } else { second })
}

/// Words already stemmed for this query, with the weight they matched:
/// reports repeat their words, and stemming is the snippets' main cost.
pub(crate) type Seen = HashMap<String, Option<f32>>;

impl Snippets {
    /// Snippets of `field` for the query's prose `terms` (already stemmed).
    pub(crate) fn new(
        searcher: &tantivy::Searcher,
        index: &Index,
        field: Field,
        terms: &[String],
    ) -> Result<Snippets> {
        let stemmer = index.tokenizers().get(super::PROSE);
        let stop: Vec<String> = match stemmer.clone() {
            Some(mut analyzer) => STOP_WORDS
                .iter()
                .filter_map(|w| {
                    let mut stream = analyzer.token_stream(w);
                    stream.advance().then(|| stream.token().text.clone())
                })
                .collect(),
            None => Vec::new(),
        };
        let meaningful: Vec<&String> = terms.iter().filter(|t| !stop.contains(t)).collect();
        let kept: Vec<&String> = if meaningful.is_empty() {
            terms.iter().collect()
        } else {
            meaningful
        };
        let mut weighted = HashMap::new();
        for t in kept {
            let df = searcher.doc_freq(&Term::from_field_text(field, t))?;
            if df > 0 {
                weighted.insert(t.clone(), 1.0 / (1.0 + df as f32));
            }
        }
        let mut prefixes: Vec<(char, char)> = weighted.keys().map(|t| prefix(t)).collect();
        prefixes.sort_unstable();
        prefixes.dedup();
        let mut ascii = vec![0u64; 128 * 128 / 64];
        for &(a, b) in &prefixes {
            if a.is_ascii() && b.is_ascii() {
                let bit = usize::from(a as u8) * 128 + usize::from(b as u8);
                ascii[bit / 64] |= 1 << (bit % 64);
            }
        }
        Ok(Snippets {
            terms: weighted,
            prefixes,
            ascii,
            stemmer,
        })
    }

    /// The weight of the query stem `word` analyzes to, if any.
    fn matches(&self, word: &str, stemmer: &mut TextAnalyzer, seen: &mut Seen) -> Option<f32> {
        let ascii = |a: &u8, b: u8| {
            let b = match b.to_ascii_lowercase() {
                b'y' => b'i',
                b => b,
            };
            let bit = usize::from(a.to_ascii_lowercase()) * 128 + usize::from(b);
            self.ascii[bit / 64] & (1 << (bit % 64)) != 0
        };
        let candidate = match word.as_bytes() {
            [a, b, ..] if a.is_ascii() && b.is_ascii() => ascii(a, *b),
            [a] if a.is_ascii() => ascii(a, 0),
            _ => {
                let mut chars = word.chars().flat_map(char::to_lowercase);
                let first = chars.next().unwrap_or('\0');
                let key = prefix_of(first, chars.next().unwrap_or('\0'));
                self.prefixes.binary_search(&key).is_ok()
            }
        };
        if !candidate {
            return None;
        }
        if let Some(known) = seen.get(word) {
            return *known;
        }
        let mut stream = stemmer.token_stream(word);
        let found = if stream.advance() {
            self.terms.get(stream.token().text.as_str()).copied()
        } else {
            None
        };
        seen.insert(word.to_string(), found);
        found
    }

    /// The HTML snippet of `text`: escaped, matched words in `<mark>`;
    /// empty when no query word is in it.
    pub(crate) fn html(&self, text: &str, seen: &mut Seen) -> String {
        let Some(mut stemmer) = self.stemmer.clone().filter(|_| !self.terms.is_empty()) else {
            return String::new();
        };
        struct Window {
            score: f32,
            start: usize,
            stop: usize,
            marks: Vec<std::ops::Range<usize>>,
        }
        let new = |start: usize| Window {
            score: 0.0,
            start,
            stop: start,
            marks: Vec::new(),
        };
        let mut best: Option<Window> = None;
        let mut window = new(0);
        let keep = |w: Window, best: &mut Option<Window>| {
            // The first of equally good windows wins.
            if w.score > 0.0 && best.as_ref().is_none_or(|b| w.score > b.score) {
                *best = Some(w);
            }
        };
        for (from, to) in words(text) {
            if to - window.start > MAX_CHARS {
                keep(std::mem::replace(&mut window, new(from)), &mut best);
            }
            window.stop = to;
            if let Some(score) = self.matches(&text[from..to], &mut stemmer, seen) {
                window.score += score;
                window.marks.push(from..to);
            }
        }
        keep(window, &mut best);
        let Some(w) = best else {
            return String::new();
        };
        let marks: Vec<_> = w
            .marks
            .iter()
            .map(|r| r.start - w.start..r.end - w.start)
            .collect();
        mark(&text[w.start..w.stop], &marks)
    }
}

/// Byte ranges of the words of `text` as tantivy's simple tokenizer splits
/// it (runs of letters and digits), without the ones the analyzer drops.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    // The character at `i` and its length, if it is a letter or a digit.
    let word_char = move |i: usize| -> (bool, usize) {
        match bytes[i] {
            b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
            _ => text[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
        }
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let (is_word, len) = word_char(at);
            if !is_word {
                at += len;
                continue;
            }
            let start = at;
            at += len;
            while at < bytes.len() {
                let (is_word, len) = word_char(at);
                if !is_word {
                    break;
                }
                at += len;
            }
            if at - start < MAX_WORD {
                return Some((start, at));
            }
        }
        None
    })
}

/// The start of `text`, escaped, cut at a word within `MAX_CHARS` bytes:
/// a snippet when no query word is in the text to center it on.
pub(crate) fn head(text: &str) -> String {
    let mut end = text.len().min(MAX_CHARS);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end < text.len() {
        if let Some(space) = text[..end].rfind(char::is_whitespace) {
            end = space;
        }
    }
    mark(&text[..end], &[])
}

/// The fragment with matched ranges in `<mark>`, everything escaped.
pub(crate) fn mark(fragment: &str, ranges: &[std::ops::Range<usize>]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in ranges {
        if r.start < at
            || r.end > fragment.len()
            || !fragment.is_char_boundary(r.start)
            || !fragment.is_char_boundary(r.end)
        {
            continue;
        }
        crate::render::diff::escape_into(&fragment[at..r.start], &mut out);
        out.push_str("<mark>");
        crate::render::diff::escape_into(&fragment[r.start..r.end], &mut out);
        out.push_str("</mark>");
        at = r.end;
    }
    crate::render::diff::escape_into(&fragment[at..], &mut out);
    crate::extract::text::fold_ws(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_reads_as_rendered() {
        let md = "## Root *cause*\n\nThe **pool** was [closed](https://x.example).\n\n```python\nraise PoolClosed()\n```\n\n| a | b |\n|---|---|\n| `x` | y |\n\n<div>raw</div>\n";
        let text = plain_text(md);
        for markup in ["##", "**", "```", "https://", "|", "<div>", "*cause*"] {
            assert!(!text.contains(markup), "{markup} in {text:?}");
        }
        for words in [
            "Root cause",
            "The pool was closed.",
            "raise PoolClosed()",
            "x y",
        ] {
            assert!(text.contains(words), "{words} not in {text:?}");
        }
    }

    #[test]
    fn words_split_like_the_simple_tokenizer() {
        let text = "Pool=main, waiting 0; naïve 日本語 ".to_string() + &"x".repeat(40) + " end";
        let got: Vec<&str> = words(&text).map(|(a, b)| &text[a..b]).collect();
        assert_eq!(
            got,
            ["Pool", "main", "waiting", "0", "naïve", "日本語", "end"]
        );
    }

    #[test]
    fn the_stemmer_keeps_the_prefix_this_relies_on() {
        let index = Index::create_in_ram(super::super::schema().0);
        let mut stemmer = index
            .tokenizers()
            .get(super::super::PROSE)
            .expect("en_stem");
        for word in [
            "dying",
            "lying",
            "tying",
            "skies",
            "connections",
            "latency",
            "generously",
            "yelling",
            "cry",
            "by",
            "ies",
            "exhausted",
            "ugly",
            "early",
            "news",
            "atlas",
            "cosmos",
            "bias",
            "andes",
            "howe",
        ] {
            let mut stream = stemmer.token_stream(word);
            assert!(stream.advance());
            let stem = stream.token().text.clone();
            assert_eq!(prefix(&stem), prefix(word), "{word} → {stem}");
        }
    }
}
