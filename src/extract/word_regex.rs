//! Regexes of English words (`\bback to normal\b`) that stay fast on prose
//! written with curly quotes, dashes and emoji.
//!
//! The regex crate's fast engine (the lazy DFA) handles a Unicode `\b` only
//! on ASCII text; at the first non-ASCII byte it gives up and the search
//! starts again on a slow one (PikeVM), tens of times slower. Real reports
//! are full of `’`, `—` and `✅`, so a Unicode-`\b` regex run over every
//! paragraph costs more than the rest of extraction together.
//!
//! A [`WordRegex`] asks a quick twin first: the same pattern with ASCII
//! word boundaries, which the lazy DFA runs on any text. When every `\b`
//! stands next to an ASCII letter or digit of the pattern, the twin matches
//! wherever the pattern does (an ASCII boundary is a boundary whenever a
//! Unicode one is, next to an ASCII word character), so "the twin does not
//! match" proves "no match" and most text is answered by the fast engine
//! alone. Two Unicode case folds map ASCII letters to non-ASCII word
//! characters (`ſ` for `s`, the Kelvin sign for `k`); text holding them
//! skips the twin.

use regex::{Regex, RegexSet};

#[derive(Clone)]
pub struct WordRegex {
    full: Regex,
    quick: Regex,
}

impl WordRegex {
    /// `pattern` must put each `\b` next to an ASCII letter or digit of its
    /// own (a word of the pattern), never next to `\w`, `.` or a class.
    pub fn new(pattern: &str) -> Result<WordRegex, regex::Error> {
        Ok(WordRegex {
            full: Regex::new(pattern)?,
            quick: Regex::new(&pattern.replace(r"\b", r"(?-u:\b)"))?,
        })
    }

    pub fn is_match(&self, text: &str) -> bool {
        if text.is_ascii() || text.contains(['\u{17f}', '\u{212a}']) {
            return self.full.is_match(text);
        }
        self.quick.is_match(text) && self.full.is_match(text)
    }
}

/// A set of word patterns asked which match, on the same plan. On ASCII
/// text a twin set with ASCII word boundaries answers alone: the two kinds
/// of boundary agree there. Other text is first made ASCII where that
/// changes no answer: a non-ASCII character that is not a word character
/// (a dash, an arrow, a curly quote) becomes an ASCII one of the same
/// kind (`\x0b` for white space, `\x00` otherwise), since the patterns
/// name no such character. Only text that keeps a non-ASCII letter ("café",
/// "причина") goes to the Unicode set, built the first time it is needed.
#[derive(Clone)]
pub struct WordSet {
    patterns: Vec<String>,
    /// Built on first need, once for every copy (see `per_thread`).
    full: std::sync::Arc<std::sync::OnceLock<RegexSet>>,
    quick: RegexSet,
}

impl WordSet {
    /// `patterns` use no property classes (`\p{..}`) and name no non-ASCII
    /// character that is not a word character (see [`as_ascii`]).
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Result<WordSet, regex::Error> {
        let patterns: Vec<String> = patterns.into_iter().map(str::to_string).collect();
        debug_assert!(
            patterns.iter().all(|p| !p.contains(r"\p")
                && !p.contains(r"\P")
                && p.chars().all(|c| (c.is_ascii() && c != '\0' && c != '\x0b')
                    || regex_syntax::try_is_word_character(c).unwrap_or(false))),
            "a WordSet pattern names a character `as_ascii` replaces"
        );
        Ok(WordSet {
            quick: RegexSet::new(patterns.iter().map(|p| p.replace(r"\b", r"(?-u:\b)")))?,
            full: std::sync::Arc::new(std::sync::OnceLock::new()),
            patterns,
        })
    }

    /// The index of the first pattern that matches.
    pub fn first_match(&self, text: &str) -> Option<usize> {
        // Most texts match no pattern: a forward search says so and can
        // stop early, where the search for every match cannot.
        let first = |text: &str| {
            if self.quick.is_match(text) {
                self.quick.matches(text).iter().next()
            } else {
                None
            }
        };
        if text.is_ascii() {
            return first(text);
        }
        if let Some(ascii) = as_ascii(text) {
            return first(&ascii);
        }
        let full = self
            .full
            .get_or_init(|| RegexSet::new(&self.patterns).expect("patterns compiled once already"));
        full.matches(text).iter().next()
    }
}

/// `text` with each non-ASCII character that is not a word character
/// replaced by an ASCII one of the same kind, or `None` when a non-ASCII
/// word character (a letter, a mark) is left.
pub fn as_ascii(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if regex_syntax::try_is_word_character(c).unwrap_or(true) {
            return None;
        } else if c.is_whitespace() {
            out.push('\x0b');
        } else {
            out.push('\x00');
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_answers_as_its_unicode_patterns() {
        let english = [
            r"\bwhy (it|this) failed\b|^why\b",
            r"\broot[- ]?causes?\b|\bcauses?\b",
            r"\bfix(es)?\b",
        ];
        let other = [r"\bуроки\b|\bcausas?\b", r"\bbài học\b|\bimpacto\b"];
        for patterns in [&english[..], &other[..]] {
            let set = WordSet::new(patterns.iter().copied()).expect("set");
            let unicode = RegexSet::new(patterns).expect("set");
            for word in [
                "why it failed",
                "why",
                "root causes",
                "cause",
                "fixes",
                "уроки",
                "causas",
                "bài học",
                "impacto",
                "nothing",
            ] {
                for l in [
                    "", " ", "é", "п", "—", "’", "✅", "a", "ſ", "\u{a0}", "\u{301}",
                ] {
                    for r in [
                        "", " ", "é", "п", "—", "’", "1", "ſ", "\u{a0}", "→", "\u{301}",
                    ] {
                        let text = format!("{l}{word}{r} and more");
                        assert_eq!(
                            set.first_match(&text),
                            unicode.matches(&text).iter().next(),
                            "{text:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn agrees_with_the_unicode_pattern_around_non_ascii_text() {
        let pattern = r"(?i)\b(?:was|is now)\s+(?:resolved|fixed)\b|\bback to normal\b";
        let r = WordRegex::new(pattern).expect("pattern");
        let unicode = Regex::new(pattern).expect("pattern");
        let cases = [
            ("It’s back to normal — finally ✅", true),
            ("“Back to normal”", true),
            ("the bug was resolved…", true),
            ("éwas resolved", false),
            ("was resolvedé", false),
            ("was fixedness — no", false),
            ("Ünicode text, nothing to see — here", false),
            ("ſervice back to normal", true),
            ("was reſolved ✅", true),
            ("plain ascii back to normal", true),
            ("plain ascii nothing", false),
        ];
        for (text, want) in cases {
            assert_eq!(r.is_match(text), want, "{text}");
            assert_eq!(r.is_match(text), unicode.is_match(text), "{text}");
        }
    }
}
