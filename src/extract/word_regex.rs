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

use regex::Regex;

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

    /// The first match, as the Unicode pattern finds it.
    pub fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        if text.is_ascii() || text.contains(['\u{17f}', '\u{212a}']) || self.quick.is_match(text) {
            return self.full.find(text);
        }
        None
    }

    pub fn as_regex(&self) -> &Regex {
        &self.full
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_unicode_pattern_around_non_ascii_text() {
        let r = WordRegex::new(r"(?i)\b(?:was|is now)\s+(?:resolved|fixed)\b|\bback to normal\b")
            .expect("pattern");
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
            assert_eq!(r.is_match(text), r.as_regex().is_match(text), "{text}");
            assert_eq!(
                r.find(text).map(|m| m.range()),
                r.as_regex().find(text).map(|m| m.range()),
                "{text}"
            );
        }
    }
}
