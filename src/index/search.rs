//! Searching the index: the query built from the index's own analyzers, a
//! first pass over term clauses that picks a pool of candidates, then
//! phrase proximity and error signatures scored on that pool only, and
//! stored documents and snippets read for the returned hits only.

use super::{
    phrase_fields, ranking, register, schema, shorthand, snippet, update, Fields, CODE, CODE_SPACE,
    ERROR_SPACE, PROSE, PROSE_SPACE, RAW_SPACE, RELATED_SPACE, SYMPTOMS,
};
use crate::extract::signature::signature;
use anyhow::{Context, Result};
use serde::Serialize;
use std::ops::Bound;
use std::path::Path;
use std::time::Instant;
use tantivy::collector::TopDocs;
use tantivy::postings::Postings;
use tantivy::query::{Bm25Weight, BooleanQuery, BoostQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

/// Filters and size of a search.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub limit: usize,
    pub technology: Option<String>,
    pub service: Option<String>,
    pub status: Option<String>,
    pub severity: Option<String>,
    /// Only incidents dated on or after this (`YYYY-MM-DD` or `YYYY-MM`).
    pub since: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub source: String,
    pub url: String,
    pub score: f32,
    /// HTML: the text escaped, matched terms in `<mark>`.
    pub snippet: String,
    pub date: Option<String>,
    pub status: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchResults {
    pub query: String,
    pub total: usize,
    pub took_ms: f64,
    pub hits: Vec<SearchHit>,
}

/// An open index, ready for many searches. It sees the index as it was
/// when opened (another process may update it meanwhile); `reload` or a
/// new `Searcher` sees later commits.
pub struct Searcher {
    index: Index,
    reader: IndexReader,
    f: Fields,
}

/// Longest query text considered: a pasted 10 KB trace is identified by its start.
const MAX_QUERY_BYTES: usize = 4096;
/// Most distinct terms per analyzer a query keeps.
const MAX_TERMS: usize = 48;
/// Score added when a pasted error has the signature of an indexed one:
/// the same error ranks above any word match.
const SIGNATURE_BONUS: f32 = 1000.0;
/// Candidates ranked by words before phrases and signatures reorder them.
const MIN_POOL: usize = 50;
/// Share of the documents above which a term is common (see `split_common`).
const COMMON: f64 = 0.25;

impl Searcher {
    pub fn open(dir: &Path) -> Result<Searcher> {
        update::check_version(dir)?;
        let index = Index::open_in_dir(dir)
            .with_context(|| format!("cannot open the index in {}", dir.display()))?;
        register(&index);
        let (_, f) = schema();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .with_context(|| format!("cannot read the index in {}", dir.display()))?;
        Ok(Searcher { index, reader, f })
    }

    /// Sees what was committed since this searcher was opened.
    pub fn reload(&self) -> Result<()> {
        self.reader
            .reload()
            .context("cannot reload the search index")
    }

    fn analyze(&self, analyzer: &str, text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let Some(mut a) = self.index.tokenizers().get(analyzer) else {
            return out;
        };
        let mut stream = a.token_stream(text);
        while stream.advance() {
            let t = stream.token().text.clone();
            if !t.is_empty() && t.len() <= 64 {
                out.push(t);
            }
        }
        out
    }

    pub fn search(&self, query: &str, opts: &Options) -> Result<SearchResults> {
        let started = Instant::now();
        let mut text: String = query.chars().filter(|c| *c != '\0').collect();
        if text.len() > MAX_QUERY_BYTES {
            let mut cut = MAX_QUERY_BYTES;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
        }
        let f = &self.f;
        let prose_all = self.analyze(PROSE, &text);
        let prose = distinct(prose_all.iter().cloned());
        let code = distinct(self.analyze(CODE, &text));
        let raw = distinct(self.analyze("default", &text));

        // Each term in the fields `ranking` gives its space, at their weights.
        let table = ranking(f);
        let fields_of = |space: usize| -> Vec<(Field, f32)> {
            table
                .iter()
                .filter(|&&(_, s, w)| s == space && w > 0.0)
                .map(|&(field, _, w)| (field, w))
                .collect()
        };
        let mut clauses: Vec<Clause> = Vec::new();
        // A word the query says twice counts twice, as in BM25's sum over
        // the query's words.
        // Shorthand also asks for its full word ("config" for
        // "configuration"), at its own weight.
        let expanded = shorthand_expanded(&prose);
        for t in &prose {
            let times = prose_all.iter().filter(|p| *p == t).count() as f32;
            let full = shorthand::expand(t).filter(|f| !prose.iter().any(|p| p == f));
            for (field, boost) in fields_of(PROSE_SPACE) {
                clauses.push((field, t, boost * times));
                if let Some(full) = full {
                    clauses.push((field, full, boost * times));
                }
            }
        }
        // What someone saw, in the words reports use for it.
        let mut related: Vec<String> = Vec::new();
        for t in &prose {
            for group in SYMPTOMS
                .iter()
                .filter(|g| g.iter().any(|w| t.starts_with(w)))
            {
                for w in group.iter().filter(|w| !t.starts_with(*w)) {
                    if !prose.iter().any(|p| p == w) && !related.iter().any(|r| r == w) {
                        related.push(w.to_string());
                    }
                }
            }
        }
        add_clauses(&mut clauses, &related, &fields_of(RELATED_SPACE));
        // Unstemmed words over the whole report: exact wording.
        add_clauses(&mut clauses, &raw, &fields_of(RAW_SPACE));
        add_clauses(&mut clauses, &code, &fields_of(ERROR_SPACE));
        // Plain words are the prose fields' business; counting them again
        // in the code fields would favour long, identifier-heavy reports.
        let code_shaped: Vec<String> = code
            .iter()
            .filter(|t| !t.chars().all(char::is_alphabetic) || !prose_all.iter().any(|p| p == *t))
            .cloned()
            .collect();
        add_clauses(&mut clauses, &code_shaped, &fields_of(CODE_SPACE));
        let searcher = self.reader.searcher();
        let (first, mut deferred) = split_common(&searcher, &clauses)?;
        if first.is_empty() {
            return Ok(SearchResults {
                query: query.to_string(),
                total: 0,
                took_ms: ms(started),
                hits: vec![],
            });
        }
        let limit = opts.limit.clamp(1, 1000);
        let pool = (limit * 5).max(MIN_POOL);
        let mut scored = self.pool(&searcher, &first, opts, pool)?;
        // The rarer words did not fill the pool: a report with only the
        // common ones may still outrank some of it, so all words choose.
        if scored.len() < pool && !deferred.is_empty() {
            let all: Vec<Clause> = first.iter().chain(&deferred).copied().collect();
            scored = self.pool(&searcher, &all, opts, pool)?;
            deferred.clear();
        }
        add_term_scores(&searcher, &deferred, &mut scored)?;
        self.add_phrase_scores(&searcher, &phrase_fields(f), &prose_all, &mut scored)?;
        // The pasted error's signature: it ranks, and it picks the snippet.
        let query_sig = signature(&text);
        self.add_signature_bonus(&searcher, &query_sig, &mut scored)?;
        // Stable: equal scores keep the index's order.
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let total = scored.len();
        scored.truncate(limit);

        let marked: Vec<String> = prose.iter().chain(&expanded).cloned().collect();
        let snippets = snippet::Snippets::new(&searcher, &self.index, f.body, &marked)?;
        let mut seen = snippet::Seen::new();
        let mut hits = Vec::with_capacity(scored.len());
        for (score, address) in scored {
            let d: TantivyDocument = searcher
                .doc(address)
                .context("cannot read a document of the search index")?;
            let get = |field: Field| {
                d.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let body = d.get_first(f.body).and_then(|v| v.as_str()).unwrap_or("");
            // A pasted error shows the report's own line of it.
            let error = matching_error(&d, f, &query_sig);
            let snippet = match error {
                Some(message) => {
                    let html = snippets.html(message.trim(), &mut seen);
                    if html.is_empty() {
                        snippet::head(message.trim())
                    } else {
                        html
                    }
                }
                None => snippets.html(snippet::plain_text(body).trim(), &mut seen),
            };
            hits.push(SearchHit {
                id: get(f.id),
                title: get(f.title),
                source: get(f.source),
                url: get(f.url),
                score,
                snippet,
                date: Some(get(f.date)).filter(|s| !s.is_empty()),
                status: Some(get(f.status)).filter(|s| !s.is_empty()),
            });
        }
        Ok(SearchResults {
            query: query.to_string(),
            total,
            took_ms: ms(started),
            hits,
        })
    }

    /// The `size` best documents by `clauses`, with their scores. Only term
    /// clauses: phrases and common words are scored on the pool alone
    /// (`add_phrase_scores`, `add_term_scores`), instead of at every
    /// document that has any query word. tantivy scores this union
    /// exhaustively: block-WAND, which it uses for a union of terms at the
    /// top of a query, measured slower on these many-field queries, so the
    /// union is always nested.
    fn pool(
        &self,
        searcher: &tantivy::Searcher,
        clauses: &[Clause],
        opts: &Options,
        size: usize,
    ) -> Result<Vec<(f32, DocAddress)>> {
        let words: Vec<(Occur, Box<dyn Query>)> = clauses
            .iter()
            .map(|&(field, t, boost)| -> (Occur, Box<dyn Query>) {
                let q = TermQuery::new(
                    Term::from_field_text(field, t),
                    IndexRecordOption::WithFreqs,
                );
                (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)))
            })
            .collect();
        let mut must: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(words)))];
        must.extend(self.filters(opts).into_iter().map(|q| (Occur::Must, q)));
        searcher
            .search(
                &BooleanQuery::new(must),
                &TopDocs::with_limit(size).order_by_score(),
            )
            .context("search failed")
    }

    fn filters(&self, opts: &Options) -> Vec<Box<dyn Query>> {
        let f = &self.f;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        for (field, value) in [
            (f.technology, &opts.technology),
            (f.service, &opts.service),
            (f.status, &opts.status),
            (f.severity, &opts.severity),
        ] {
            if let Some(v) = value {
                let slug = if field == f.status || field == f.severity {
                    v.to_lowercase()
                } else {
                    crate::extract::text::slugify(v)
                };
                out.push(Box::new(TermQuery::new(
                    Term::from_field_text(field, &slug),
                    IndexRecordOption::Basic,
                )));
            }
        }
        // Dates are `YYYY-MM-DD` or `YYYY-MM`, so text order is date order
        // (a month-only date sorts before its month's first day).
        if let Some(since) = &opts.since {
            out.push(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_text(f.date, since)),
                Bound::Unbounded,
            )));
        }
        out
    }

    /// Words next to each other in the query rank documents that have them
    /// next to each other: each pair's phrase score in the title and the
    /// body (slop 1), computed as tantivy scores a `PhraseQuery`, added to
    /// the pool's scores. Reading the positions of the pool's documents
    /// only is what makes this cheap.
    fn add_phrase_scores(
        &self,
        searcher: &tantivy::Searcher,
        fields: &[(Field, f32)],
        prose_all: &[String],
        scored: &mut [(f32, DocAddress)],
    ) -> Result<()> {
        let pairs: Vec<(&str, &str)> = prose_all
            .windows(2)
            .take(MAX_TERMS)
            .filter(|p| p[0] != p[1])
            .map(|p| (p[0].as_str(), p[1].as_str()))
            .collect();
        if pairs.is_empty() || scored.is_empty() || fields.is_empty() {
            return Ok(());
        }
        let mut words: Vec<&str> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
        words.sort_unstable();
        words.dedup();
        // Postings move forward only: visit the pool in index order.
        let mut order: Vec<usize> = (0..scored.len()).collect();
        order.sort_by_key(|&n| scored[n].1);
        for &(field, boost) in fields {
            // positions[w][n]: where word `w` is in pool document `n`.
            let mut positions: Vec<Vec<Vec<u32>>> =
                vec![vec![Vec::new(); scored.len()]; words.len()];
            let mut norms: Vec<u8> = vec![0; scored.len()];
            for group in order.chunk_by(|&a, &b| scored[a].1.segment_ord == scored[b].1.segment_ord)
            {
                let segment = searcher.segment_reader(scored[group[0]].1.segment_ord);
                let inverted = segment.inverted_index(field)?;
                let fieldnorms = segment.get_fieldnorms_reader(field)?;
                for &n in group {
                    norms[n] = fieldnorms.fieldnorm_id(scored[n].1.doc_id);
                }
                for (w, word) in words.iter().enumerate() {
                    let term = Term::from_field_text(field, word);
                    let Some(mut postings) =
                        inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)?
                    else {
                        continue;
                    };
                    for &n in group {
                        let doc = scored[n].1.doc_id;
                        if postings.doc() < doc {
                            postings.seek(doc);
                        }
                        if postings.doc() == doc {
                            postings.positions(&mut positions[w][n]);
                        }
                    }
                }
            }
            let at = |word: &str| words.binary_search(&word).unwrap_or_default();
            for &(a, b) in &pairs {
                let (pa, pb) = (&positions[at(a)], &positions[at(b)]);
                let mut weight = None;
                for n in 0..scored.len() {
                    let count = phrase_count(&pa[n], &pb[n]);
                    if count == 0 {
                        continue;
                    }
                    if weight.is_none() {
                        let terms = [
                            Term::from_field_text(field, a),
                            Term::from_field_text(field, b),
                        ];
                        weight = Some(Bm25Weight::for_terms(searcher, &terms)?.boost_by(boost));
                    }
                    if let Some(w) = &weight {
                        scored[n].0 += w.score(norms[n], count);
                    }
                }
            }
        }
        Ok(())
    }

    /// A pasted error with the signature of an indexed one ranks that
    /// incident above any word match.
    fn add_signature_bonus(
        &self,
        searcher: &tantivy::Searcher,
        query_sig: &str,
        scored: &mut [(f32, DocAddress)],
    ) -> Result<()> {
        if !long_enough(query_sig) {
            return Ok(());
        }
        let mut sigs: Vec<Vec<String>> = vec![Vec::new(); scored.len()];
        let mut order: Vec<usize> = (0..scored.len()).collect();
        order.sort_by_key(|&n| scored[n].1);
        let groups: Vec<&[usize]> = order
            .chunk_by(|&a, &b| scored[a].1.segment_ord == scored[b].1.segment_ord)
            .collect();
        for group in groups {
            let Some(column) = searcher
                .segment_reader(scored[group[0]].1.segment_ord)
                .fast_fields()
                .str("signatures_fast")
                .context("cannot read the signatures of the search index")?
            else {
                continue;
            };
            // One pass over the dictionary for the whole pool, in ordinal
            // order: a lookup per ordinal decompresses a block each time.
            let mut wanted: Vec<(u64, usize)> = group
                .iter()
                .flat_map(|&n| column.term_ords(scored[n].1.doc_id).map(move |o| (o, n)))
                .collect();
            wanted.sort_unstable();
            let ords: Vec<u64> = wanted.iter().map(|&(o, _)| o).collect();
            let mut next = wanted.iter().map(|&(_, n)| n);
            column
                .dictionary()
                .sorted_ords_to_term_cb(&ords, |bytes| {
                    if let Some(n) = next.next() {
                        sigs[n].push(String::from_utf8_lossy(bytes).into_owned());
                    }
                })
                .context("cannot read the signatures of the search index")?;
        }
        for ((score, _), sigs) in scored.iter_mut().zip(&sigs) {
            if signature_match(query_sig, sigs) {
                *score += SIGNATURE_BONUS;
            }
        }
        Ok(())
    }
}

/// A term in a field, and the field's weight.
type Clause<'a> = (Field, &'a str, f32);

/// Each of `terms` in each of `fields`, at the field's weight.
fn add_clauses<'a>(clauses: &mut Vec<Clause<'a>>, terms: &'a [String], fields: &[(Field, f32)]) {
    for t in terms {
        for &(field, boost) in fields {
            clauses.push((field, t, boost));
        }
    }
}

/// The clauses worth a first pass over the index, and the common ones:
/// a term in more than `COMMON` of the documents has a low weight (BM25
/// idf under ln 4) and a long posting list, most of a long query's cost.
/// Common clauses only complete the scores of the pool the others pick,
/// unless every clause is common. Terms in no document are dropped.
fn split_common<'a>(
    searcher: &tantivy::Searcher,
    clauses: &[Clause<'a>],
) -> Result<(Vec<Clause<'a>>, Vec<Clause<'a>>)> {
    let docs = searcher.num_docs();
    let (mut first, mut common) = (Vec::new(), Vec::new());
    for &(field, t, boost) in clauses {
        let df = searcher.doc_freq(&Term::from_field_text(field, t))?;
        if df == 0 {
            continue;
        }
        if df as f64 > COMMON * docs as f64 {
            common.push((field, t, boost));
        } else {
            first.push((field, t, boost));
        }
    }
    if first.is_empty() {
        return Ok((common, Vec::new()));
    }
    Ok((first, common))
}

/// Adds to the pool's scores what `clauses` would have added in the
/// query: each term's BM25 score in its field, times the field's weight,
/// as tantivy's `TermQuery` scores it.
fn add_term_scores(
    searcher: &tantivy::Searcher,
    clauses: &[Clause],
    scored: &mut [(f32, DocAddress)],
) -> Result<()> {
    if clauses.is_empty() || scored.is_empty() {
        return Ok(());
    }
    // Postings move forward only: visit the pool in index order.
    let mut order: Vec<usize> = (0..scored.len()).collect();
    order.sort_by_key(|&n| scored[n].1);
    let groups: Vec<&[usize]> = order
        .chunk_by(|&a, &b| scored[a].1.segment_ord == scored[b].1.segment_ord)
        .collect();
    for &(field, t, boost) in clauses {
        let term = Term::from_field_text(field, t);
        let weight = Bm25Weight::for_terms(searcher, std::slice::from_ref(&term))?.boost_by(boost);
        for &group in &groups {
            let segment = searcher.segment_reader(scored[group[0]].1.segment_ord);
            let Some(mut postings) = segment
                .inverted_index(field)?
                .read_postings(&term, IndexRecordOption::WithFreqs)?
            else {
                continue;
            };
            let norms = segment.get_fieldnorms_reader(field)?;
            for &n in group {
                let doc = scored[n].1.doc_id;
                if postings.doc() < doc {
                    postings.seek(doc);
                }
                if postings.doc() == doc {
                    scored[n].0 += weight.score(norms.fieldnorm_id(doc), postings.term_freq());
                }
            }
        }
    }
    Ok(())
}

/// How often the second word follows the first with at most one word
/// between them, counted as tantivy counts a two-term phrase with slop 1.
/// The static export counts with it too, so the page adds the same scores.
pub(super) fn phrase_count(first: &[u32], second: &[u32]) -> u32 {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < first.len() && j < second.len() {
        // Where the second word would be right after the first.
        let expected = first[i] + 1;
        if expected.abs_diff(second[j]) <= 1 {
            // A later occurrence of the first word may fit better.
            while i + 1 < first.len() && first[i + 1] < second[j] {
                i += 1;
            }
            count += 1;
            i += 1;
            j += 1;
        } else if expected < second[j] {
            // Skip every occurrence of the first word too early for this
            // one of the second, by binary search: one frequent word beside
            // many rare ones must not cost its whole list per pair.
            let target = second[j].saturating_sub(2);
            i += 1 + first[i + 1..].partition_point(|&p| p < target);
        } else {
            let target = expected.saturating_sub(1);
            j += 1 + second[j + 1..].partition_point(|&p| p < target);
        }
    }
    count
}

/// The distinct values of `items`, in order, at most `MAX_TERMS`.
/// The full words' stems a query's shorthand adds: those it does not
/// already say.
fn shorthand_expanded(prose: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for full in prose.iter().filter_map(|t| shorthand::expand(t)) {
        if !prose.iter().any(|p| p == full) && !out.iter().any(|o| o == full) {
            out.push(full.to_string());
        }
    }
    out
}

fn distinct(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in items {
        if out.len() == MAX_TERMS {
            break;
        }
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

fn ms(started: Instant) -> f64 {
    (started.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0
}

/// Signatures of fewer than three words are too common to identify an error.
fn long_enough(sig: &str) -> bool {
    sig.split('-').count() >= 3
}

/// A pasted error matches an indexed one when one signature holds the
/// other as a run of whole words (the paste often adds a prefix or a tail).
/// The stored message of the hit's error that a pasted error matches.
fn matching_error<'d>(d: &'d TantivyDocument, f: &Fields, query_sig: &str) -> Option<&'d str> {
    if !long_enough(query_sig) {
        return None;
    }
    let sigs = d.get_all(f.signatures).filter_map(|v| v.as_str());
    let messages = d.get_all(f.error_messages).filter_map(|v| v.as_str());
    sigs.zip(messages)
        .find(|(sig, _)| signature_match(query_sig, &[sig.to_string()]))
        .map(|(_, message)| message)
}

fn signature_match(query_sig: &str, sigs: &[String]) -> bool {
    if !long_enough(query_sig) {
        return false;
    }
    let q = format!("-{query_sig}-");
    sigs.iter()
        .any(|s| long_enough(s) && (q.contains(&format!("-{s}-")) || format!("-{s}-").contains(&q)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The merge as first written, one step at a time: the skipping one
    /// must count exactly as it does.
    fn phrase_count_stepwise(first: &[u32], second: &[u32]) -> u32 {
        let (mut i, mut j, mut count) = (0, 0, 0);
        while i < first.len() && j < second.len() {
            let expected = first[i] + 1;
            if expected.abs_diff(second[j]) <= 1 {
                while i + 1 < first.len() && first[i + 1] < second[j] {
                    i += 1;
                }
                count += 1;
                i += 1;
                j += 1;
            } else if expected < second[j] {
                i += 1;
            } else {
                j += 1;
            }
        }
        count
    }

    #[test]
    fn skipping_merge_counts_as_the_stepwise_one() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..5_000 {
            // Two words on distinct positions of a short document.
            let len = 2 + next(60) as u32;
            let (mut a, mut b) = (Vec::new(), Vec::new());
            for pos in 0..len {
                match next(4) {
                    0 => a.push(pos),
                    1 => b.push(pos),
                    _ => {}
                }
            }
            assert_eq!(
                phrase_count(&a, &b),
                phrase_count_stepwise(&a, &b),
                "{a:?} {b:?}"
            );
        }
        // One frequent word beside a rare one costs a search, not a scan.
        let frequent: Vec<u32> = (0..200_000).map(|i| i * 3).collect();
        assert_eq!(phrase_count(&frequent, &[600_010]), 0);
        assert_eq!(phrase_count(&frequent, &[300_001]), 1);
    }
    use tantivy::collector::TopDocs;
    use tantivy::query::PhraseQuery;

    #[test]
    fn phrase_scores_are_tantivy_phrase_query_scores() {
        // With positions: the scoring a phrase field would get.
        let (schema, f) = super::super::schema_with(true);
        let index = Index::create_in_ram(schema);
        register(&index);
        let mut writer: tantivy::IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let texts = [
            "connection pool exhausted",
            "pool connection",
            "connection to the pool",
            "connection a pool",
            "connection to the main pool",
            "connection connection pool pool connection pool",
            "pool",
            "connection pool, then a connection and the pool",
        ];
        for text in texts {
            let mut d = TantivyDocument::default();
            d.add_text(f.body, text);
            d.add_text(f.title, text);
            writer.add_document(d).expect("add");
        }
        writer.commit().expect("commit");
        let reader = index.reader().expect("reader");
        let s = Searcher { index, reader, f };
        let searcher = s.reader.searcher();

        let mut scored: Vec<(f32, DocAddress)> = (0..texts.len() as u32)
            .map(|d| (0.0, DocAddress::new(0, d)))
            .collect();
        let words = s.analyze(PROSE, "connection pool");
        s.add_phrase_scores(
            &searcher,
            &[(f.body, 1.0), (f.title, 2.0)],
            &words,
            &mut scored,
        )
        .expect("phrase scores");

        let mut want = vec![0.0f32; texts.len()];
        for (field, boost) in [(f.body, 1.0), (f.title, 2.0)] {
            let mut phrase = PhraseQuery::new(
                words
                    .iter()
                    .map(|w| Term::from_field_text(field, w))
                    .collect(),
            );
            phrase.set_slop(1);
            let query = BoostQuery::new(Box::new(phrase), boost);
            let top = searcher
                .search(&query, &TopDocs::with_limit(100).order_by_score())
                .expect("search");
            for (score, address) in top {
                want[address.doc_id as usize] += score;
            }
        }
        assert!(want.iter().filter(|w| **w > 0.0).count() >= 4, "{want:?}");
        for (n, (got, _)) in scored.iter().enumerate() {
            assert!(
                (got - want[n]).abs() < 1e-4,
                "{:?}: {got} vs {}",
                texts[n],
                want[n]
            );
        }
    }
}
