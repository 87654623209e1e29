//! Plain-text helpers shared by the extraction rules: emoji and decoration
//! stripping, white-space folding, slugs, heading numbering.

use crate::extract::per_thread::PerThread;
use regex::Regex;
use unicode_general_category::{get_general_category, GeneralCategory as G};

/// Sentinels the Markdown pass puts around strong text, so rules can find
/// `**Label**:` lines without re-parsing. Never present in user text.
pub const STRONG_OPEN: char = '\u{1}';
pub const STRONG_CLOSE: char = '\u{2}';

/// True for pictographs, dingbats, variation selectors, joiners, private-use
/// characters (Mac Roman's Apple logo) and other non-text symbols. The
/// symbols of Latin-1 and the letter-like block are text ("40 °C", "©",
/// "№ 5", "™", a quoted "Ã¦"): emoji and dingbats start after them.
pub fn is_decoration(c: char) -> bool {
    if (c as u32) < 0x2190 && !matches!(c, '\u{fe0e}' | '\u{fe0f}' | '\u{200d}' | '\u{20e3}') {
        // Below the arrows, only format characters and private use are
        // decoration (a soft hyphen, a joiner, Mac Roman's Apple logo).
        return !c.is_ascii()
            && matches!(
                get_general_category(c),
                G::Surrogate | G::PrivateUse | G::Format
            );
    }
    matches!(
        c,
        '\u{fe0e}' | '\u{fe0f}' | '\u{200d}' | '\u{20e3}' | '\u{fffd}'
    ) || matches!(
        get_general_category(c),
        G::OtherSymbol | G::Surrogate | G::PrivateUse | G::Format
    ) || (get_general_category(c) == G::ModifierSymbol && ('\u{1f3fb}'..='\u{1f3ff}').contains(&c))
}

/// Removes decorations and folds white space.
pub fn strip_decorations(s: &str) -> String {
    if s.is_ascii() {
        // ASCII has no decoration; only the strong sentinels may go.
        if memchr::memchr2(STRONG_OPEN as u8, STRONG_CLOSE as u8, s.as_bytes()).is_none() {
            return fold_ws(s);
        }
        return fold_ws(&unmark(s));
    }
    let kept: String = s
        .chars()
        .filter(|c| !is_decoration(*c) && *c != STRONG_OPEN && *c != STRONG_CLOSE)
        .collect();
    fold_ws(&kept)
}

/// Whether `s` is already folded: ASCII, no control characters, single
/// spaces between words and none at either end. Most text is, so this is
/// checked eight bytes at a time; it may say no to some folded text (with
/// control characters that are not white space), which `fold_ws` then
/// rebuilds unchanged.
fn is_folded(s: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // Whether the byte before the current word was a space.
    let mut space_before = false;
    let mut words = b.chunks_exact(8);
    for w in words.by_ref() {
        let mut a = [0u8; 8];
        a.copy_from_slice(w);
        let x = u64::from_le_bytes(a);
        // Any byte >= 0x80, or < 0x20 (tab, newline, other controls).
        if x & HIGH != 0 || x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0 {
            return false;
        }
        // The high bit of every byte that is a space, exactly.
        let y = x ^ (ONES * 0x20);
        let spaces = !(((y & LOW7) + LOW7) | y) & HIGH;
        if spaces & (spaces << 8) != 0 || space_before && spaces & 0x80 != 0 {
            return false;
        }
        space_before = spaces >> 63 != 0;
    }
    for &c in words.remainder() {
        if c == b' ' {
            if space_before {
                return false;
            }
            space_before = true;
        } else if !(0x21..0x80).contains(&c) {
            return false;
        } else {
            space_before = false;
        }
    }
    true
}

/// Collapses runs of white space to one space and trims.
pub fn fold_ws(s: &str) -> String {
    if is_folded(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A heading or title as people read it: no emoji, no Markdown leftovers,
/// no dangling separators or arrows at either end.
pub fn clean_heading(s: &str) -> String {
    let s = strip_decorations(s);
    let s = s.replace(['*', '`'], "");
    let trim: &[char] = &[' ', ':', '-', '–', '—', '#', '|', '→', '←', '>', '=', '_'];
    fold_ws(s.trim_matches(trim))
}

static NUMBERING: PerThread<Regex> = PerThread::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?P<word>[a-z]+)\s+\#?\d+[a-z]?\s*(?:[:)\-–—]|\.\s)\s*   # Fix 1:  Issue 3 -  Step 2)
          | \#?\d+(?:\.\d+)*[.)]\s+                       # 1.  2)  1.2.
          | \#?\d+\s*[:\-–—]\s+                            # 1:  #2 -
        )",
    )
    .expect("numbering regex")
});

/// Splits "Fix 1: Async pool" into (Some("fix"), "Async pool") and
/// "1. Title" into (None, "Title"). Text without numbering comes back whole.
pub fn strip_numbering(s: &str) -> (Option<String>, String) {
    // Every numbering holds a digit: ASCII text without one has none (the
    // captures would run the backtracking engine on every heading).
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_digit()) {
        return (None, s.to_string());
    }
    match NUMBERING.captures(s) {
        Some(c) => {
            let word = c.name("word").map(|w| w.as_str().to_lowercase());
            let rest = s[c.get(0).map_or(0, |m| m.end())..].trim().to_string();
            if rest.is_empty() {
                (None, s.to_string())
            } else {
                (word, rest)
            }
        }
        None => (None, s.to_string()),
    }
}

/// Lower-case ASCII slug: letters and digits joined by single hyphens.
pub fn slugify(s: &str) -> String {
    shorten(full_slug(s))
}

/// Whether `slugify(s)` had to be cut (see `MAX_SLUG_BYTES`).
pub fn slug_is_shortened(s: &str) -> bool {
    full_slug(s).len() > MAX_SLUG_BYTES
}

fn full_slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_dash = false;
    for l in s.chars().flat_map(char::to_lowercase) {
        if l.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(l);
        } else {
            pending_dash = true;
        }
    }
    out
}

/// Slugs longer than this are cut and given a hash of the whole: a slug is
/// a path component of the site (most file systems refuse names over 255
/// bytes) and a URL people read.
pub const MAX_SLUG_BYTES: usize = 96;

/// `slug` when short enough, else its first 80 bytes and an 8-hex-digit
/// CRC-32 of the whole, so two long slugs that share a start stay apart.
fn shorten(slug: String) -> String {
    if slug.len() <= MAX_SLUG_BYTES {
        return slug;
    }
    // The slug is ASCII: any byte index is a character boundary.
    let head = slug[..80].trim_end_matches('-');
    format!("{head}-{:08x}", crc32fast::hash(slug.as_bytes()))
}

/// Byte offsets where `needle` starts a line of `text`: one vectorised
/// search, for the pre-passes that rule most reports out at once.
pub fn at_line_starts<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, needle.as_bytes())
        .filter(move |&at| at == 0 || bytes[at - 1] == b'\n')
}

/// `s` in lower case, as the word tables write it. Turkish capitals
/// need more than `to_lowercase`: `İ` becomes `i` and a combining dot
/// (U+0307), so "SONRAKİ ADIMLAR" would not read "sonraki adımlar".
pub fn lower(s: &str) -> String {
    let l = s.to_lowercase();
    if l.contains('\u{307}') {
        l.replace('\u{307}', "")
    } else {
        l
    }
}

/// Letters of scripts written without spaces between words: kana, Han
/// ideographs and Hangul (whose particles join the word before them).
pub fn is_spaceless_script(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF66}'..='\u{FF9F}'
        | '\u{1100}'..='\u{11FF}'
        | '\u{AC00}'..='\u{D7AF}')
}

/// The lines of `s` as `str::lines` gives them (`\r\n` ends a line too,
/// no empty line after a final `\n`), each found with a vectorised byte
/// search: code blocks are split line by line several times a report,
/// and most of their lines are short.
pub fn lines(s: &str) -> Lines<'_> {
    Lines { rest: s }
}

/// See `lines`.
pub struct Lines<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        // As `str::lines`: a `\r` goes only before the `\n` ending a line.
        match memchr::memchr(b'\n', self.rest.as_bytes()) {
            Some(i) => {
                let line = &self.rest[..i];
                self.rest = &self.rest[i + 1..];
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => Some(std::mem::take(&mut self.rest)),
        }
    }
}

/// Removes the strong sentinels.
pub fn unmark(s: &str) -> String {
    // The sentinels are the one-byte characters 0x01 and 0x02: a vectorised
    // byte search finds them, and the text between is copied whole (every
    // block's text passes here once, so a character loop was 4% of a
    // report's extraction).
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    for at in memchr::memchr2_iter(STRONG_OPEN as u8, STRONG_CLOSE as u8, s.as_bytes()) {
        out.push_str(&s[from..at]);
        from = at + 1;
    }
    out.push_str(&s[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_those_of_str_lines() {
        let parts = ["", "a", "\n", "\r", "\r\n", "bc", " ", "é", "\n\n"];
        // Every string of up to four parts.
        let mut cases: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            cases = cases
                .iter()
                .flat_map(|c| parts.iter().map(move |p| format!("{c}{p}")))
                .collect();
        }
        for s in &cases {
            assert_eq!(
                lines(s).collect::<Vec<_>>(),
                s.lines().collect::<Vec<_>>(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn fold_ws_folds_every_kind_of_white_space() {
        for s in [
            "",
            " ",
            "a",
            "a b",
            " a b",
            "a b ",
            "a  b",
            "a\tb",
            "a\nb",
            "a\r\nb",
            "a\u{b}b",
            "a\u{a0}b",
            "a\u{2003} b",
            "café  au lait",
            "x ",
        ] {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(fold_ws(s), want, "{s:?}");
        }
    }

    #[test]
    fn fold_ws_agrees_with_split_whitespace_at_every_offset() {
        // Words, single and double spaces, and now and then a tab, newline,
        // control or non-ASCII character, at every position of strings
        // longer than the eight-byte words the quick check reads.
        let rare = ['\t', '\n', 'é', '\u{1}', '\u{7f}', '\u{a0}', '\u{2003}'];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut long_and_folded = 0;
        for _ in 0..20_000 {
            let len = (next() % 40) as usize;
            let s: String = (0..len)
                .map(|_| match next() % 200 {
                    0..=139 => 'a',
                    140..=196 => ' ',
                    r => rare[(r as usize) % rare.len()],
                })
                .collect();
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            if s.len() > 16 && want == s {
                long_and_folded += 1;
            }
            assert_eq!(fold_ws(&s), want, "{s:?}");
        }
        assert!(long_and_folded > 100, "{long_and_folded}");
    }

    #[test]
    fn unmark_drops_only_the_strong_sentinels() {
        let o = STRONG_OPEN;
        let c = STRONG_CLOSE;
        for (marked, want) in [
            (String::new(), ""),
            ("plain".to_string(), "plain"),
            (format!("{o}Root cause{c}: café"), "Root cause: café"),
            (format!("{o}{c}{o}"), ""),
            (format!("日本{o}語{c}テキスト{o}"), "日本語テキスト"),
        ] {
            assert_eq!(unmark(&marked), want, "{marked:?}");
        }
    }

    #[test]
    fn long_slugs_are_cut_with_a_hash_of_the_whole() {
        let a = slugify(&"word ".repeat(100));
        let b = slugify(&format!("{} other", "word ".repeat(100)));
        assert!(a.len() <= MAX_SLUG_BYTES, "{}", a.len());
        assert!(a.starts_with("word-word-"));
        assert_ne!(a, b, "two long names that share a start stay apart");
        assert_eq!(
            a,
            slugify(&"word ".repeat(100)),
            "the same name, the same slug"
        );
        assert_eq!(slugify("Checkout API"), "checkout-api");
    }

    #[test]
    fn clean_heading_table() {
        for (raw, want) in [
            ("🔍 Root Cause Analysis", "Root Cause Analysis"),
            (
                "Issue 1: QueuePool Async Incompatibility ❌ → ✅",
                "Issue 1: QueuePool Async Incompatibility",
            ),
            (
                "🎯 PRODUCTION FASTAPI FIX - COMPLETE",
                "PRODUCTION FASTAPI FIX - COMPLETE",
            ),
            ("**Bold** `code` heading:", "Bold code heading"),
            ("Größe café 日本語", "Größe café 日本語"),
            ("⚠️ Contributing Factor", "Contributing Factor"),
            // Symbols of text stay: degrees, marks, a quoted mojibake.
            (
                "Disk at 90 °C — © Acme™ № 5 `Ã¦`",
                "Disk at 90 °C — © Acme™ № 5 Ã¦",
            ),
        ] {
            assert_eq!(clean_heading(raw), want, "{raw}");
        }
    }

    #[test]
    fn numbering_table() {
        for (raw, word, rest) in [
            (
                "Fix 1: Async Pool Configuration",
                Some("fix"),
                "Async Pool Configuration",
            ),
            ("Issue 3 - Broken pool", Some("issue"), "Broken pool"),
            ("1. Async SQLAlchemy", None, "Async SQLAlchemy"),
            ("Phase 2: Database", Some("phase"), "Database"),
            (
                "Python 3.14 Incompatibility",
                None,
                "Python 3.14 Incompatibility",
            ),
            ("5 Whys", None, "5 Whys"),
            ("Fix #1: Remove access", Some("fix"), "Remove access"),
        ] {
            let (w, r) = strip_numbering(raw);
            assert_eq!((w.as_deref(), r.as_str()), (word, rest), "{raw}");
        }
    }

    #[test]
    fn slug_table() {
        for (raw, want) in [
            ("Render Deployment Fix", "render-deployment-fix"),
            ("  --Hello,  World!-- ", "hello-world"),
            ("Größe café", "gr-e-caf"),
            ("2025_10_26 postmortem", "2025-10-26-postmortem"),
        ] {
            assert_eq!(slugify(raw), want, "{raw}");
        }
    }
}
