//! The code-aware tokenizer: `MyClass.doSomething()`, `snake_case_name`,
//! `camelCase`, `a::b::c`, `--flag` and `os error 30` are findable by the
//! whole token and by each part. Lower-cased, not stemmed: code and error
//! text keep their exact words.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Characters that join the parts of one code token.
fn is_joiner(c: char) -> bool {
    matches!(c, '_' | '.' | ':' | '-' | '/' | '$' | '@' | '#')
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || is_joiner(c)
}

/// Splits a lower/upper/digit run: `doSomething` → do, something;
/// `HTTPServer2` → http, server, 2.
fn camel_parts(word: &str, base: usize, out: &mut Vec<(usize, usize)>) {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut start = 0;
    for i in 1..chars.len() {
        let (prev, cur) = (chars[i - 1].1, chars[i].1);
        let next_lower = chars.get(i + 1).is_some_and(|(_, n)| n.is_lowercase());
        let boundary = (prev.is_lowercase() && cur.is_uppercase())
            || (prev.is_uppercase() && cur.is_uppercase() && next_lower)
            || (prev.is_alphabetic() != cur.is_alphabetic()
                && (prev.is_ascii_digit() || cur.is_ascii_digit()));
        if boundary {
            out.push((base + chars[start].0, base + chars[i].0));
            start = i;
        }
    }
    if start < chars.len() {
        out.push((base + chars[start].0, base + word.len()));
    }
}

/// Byte ranges of the tokens of `text`: each whole code word, then its
/// parts when it has more than one.
pub fn spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if !is_word(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = iter.peek() {
            if !is_word(c) {
                break;
            }
            end = i + c.len_utf8();
            iter.next();
        }
        // Joiners at the edges are punctuation ("end." or "--flag").
        let word = &text[start..end];
        let trimmed_start = start + (word.len() - word.trim_start_matches(is_joiner).len());
        let trimmed = word.trim_matches(is_joiner);
        if trimmed.is_empty() {
            continue;
        }
        let whole = (trimmed_start, trimmed_start + trimmed.len());
        let mut parts = Vec::new();
        let mut part_start = 0;
        for (i, c) in trimmed
            .char_indices()
            .chain(std::iter::once((trimmed.len(), ' ')))
        {
            if i == trimmed.len() || is_joiner(c) {
                if i > part_start {
                    camel_parts(&trimmed[part_start..i], whole.0 + part_start, &mut parts);
                }
                part_start = i + c.len_utf8();
            }
        }
        out.push(whole);
        if parts.len() > 1 {
            out.extend(parts);
        }
    }
    out
}

/// Longest token kept: a 10 KB base64 blob is not a word.
const MAX_TOKEN: usize = 64;

#[derive(Clone, Default)]
pub struct CodeTokenizer;

pub struct CodeTokenStream {
    tokens: Vec<Token>,
    index: usize,
}

impl Tokenizer for CodeTokenizer {
    type TokenStream<'a> = CodeTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CodeTokenStream {
        let tokens = spans(text)
            .into_iter()
            .filter(|(a, b)| b - a <= MAX_TOKEN)
            .enumerate()
            .map(|(position, (a, b))| Token {
                offset_from: a,
                offset_to: b,
                position,
                text: text[a..b].to_lowercase(),
                position_length: 1,
            })
            .collect();
        CodeTokenStream { tokens, index: 0 }
    }
}

impl TokenStream for CodeTokenStream {
    fn advance(&mut self) -> bool {
        self.index += 1;
        self.index <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.index - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.index - 1]
    }
}

/// The tokens of `text` as the index sees them.
pub fn tokens(text: &str) -> Vec<String> {
    spans(text)
        .into_iter()
        .filter(|(a, b)| b - a <= MAX_TOKEN)
        .map(|(a, b)| text[a..b].to_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "MyClass.doSomething()",
                &["myclass.dosomething", "my", "class", "do", "something"],
            ),
            (
                "snake_case_name",
                &["snake_case_name", "snake", "case", "name"],
            ),
            ("camelCase", &["camelcase", "camel", "case"]),
            ("a::b::c", &["a::b::c", "a", "b", "c"]),
            ("--flag", &["flag"]),
            ("os error 30", &["os", "error", "30"]),
            (
                "HTTPServer2 fails.",
                &["httpserver2", "http", "server", "2", "fails"],
            ),
            ("plain words here", &["plain", "words", "here"]),
            ("QueuePool", &["queuepool", "queue", "pool"]),
        ];
        for (text, want) in cases {
            assert_eq!(
                tokens(text),
                want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                "{text}"
            );
        }
    }

    #[test]
    fn long_tokens_and_odd_input_are_safe() {
        assert!(tokens(&"a".repeat(10_000)).is_empty());
        assert!(tokens("").is_empty());
        assert!(tokens("\0\0 ✅ 🎉 :: -- ..").is_empty());
        assert_eq!(tokens("日本語"), vec!["日本語"]);
    }
}
