//! The English stemmer of the prose field, remembering the words it has
//! stemmed. Prose repeats its words (a report says "timeout" a dozen
//! times, a knowledge base a million), and the Snowball algorithm costs
//! more than a lookup: on 10,000 reports stemming was a third of the
//! index's CPU. The tokens are exactly tantivy's own `en_stem`'s: misses
//! go through tantivy's stemmer, and a test compares the two.

use std::cell::RefCell;
use std::collections::HashMap;
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer,
};

/// Words remembered per thread before the memory is given back: 10 to
/// 15 MB, far more than the distinct words of most knowledge bases.
const MAX_WORDS: usize = 100_000;

thread_local! {
    static STEMS: RefCell<Stems> = RefCell::new(Stems::default());
}

/// One thread's memory, and the stemmer its misses go to.
struct Stems {
    known: HashMap<String, String>,
    stemmer: TextAnalyzer,
}

impl Default for Stems {
    fn default() -> Self {
        Stems {
            known: HashMap::new(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }
}

impl Stems {
    /// Replaces `word` by its stem.
    fn stem(&mut self, word: &mut String) {
        if let Some(stem) = self.known.get(word.as_str()) {
            word.clone_from(stem);
            return;
        }
        let stem = {
            let mut stream = self.stemmer.token_stream(word);
            if stream.advance() {
                stream.token().text.clone()
            } else {
                word.clone()
            }
        };
        if self.known.len() >= MAX_WORDS {
            self.known.clear();
        }
        self.known
            .insert(std::mem::replace(word, stem.clone()), stem);
    }
}

/// tantivy's `en_stem` analyzer, with the remembering stemmer.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(CachedStemmer)
        .build()
}

/// The token filter (lower-cased tokens in, stems out).
#[derive(Clone)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
        }
    }
}

pub struct CachedStemmerStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        STEMS.with(|cell| match cell.try_borrow_mut() {
            Ok(mut stems) => stems.stem(&mut token.text),
            // Re-entered on this thread (cannot happen through tantivy):
            // stem without the memory.
            Err(_) => Stems::default().stem(&mut token.text),
        });
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn same_tokens_as_tantivys_en_stem() {
        let tantivy = tantivy::tokenizer::TokenizerManager::default()
            .get("en_stem")
            .expect("en_stem");
        let text = "Connections timed out; the connection pool was exhausted while \
                    retrying. Retries, retried, RETRYING: généralement les connexions \
                    échouent. Running runners ran. a_very_long_identifier_that_goes_past_forty_characters_x \
                    k8s OOMKilled CrashLoopBackOff";
        // Twice: the second pass answers from memory.
        for _ in 0..2 {
            assert_eq!(tokens(analyzer(), text), tokens(tantivy.clone(), text));
        }
    }

    #[test]
    fn memory_is_bounded() {
        let mut stems = Stems::default();
        for i in 0..MAX_WORDS + 10 {
            let mut w = format!("word{i}s");
            stems.stem(&mut w);
        }
        assert!(stems.known.len() <= MAX_WORDS);
        let mut w = "connections".to_string();
        stems.stem(&mut w);
        assert_eq!(w, "connect");
    }
}
