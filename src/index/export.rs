//! The static site's search index: exported at build time from the tantivy
//! index (same tokenization, same field weights), split into prefix-range
//! chunks so that a browser downloads only the parts a query needs.
//!
//! Layout under `search/index/`:
//! - `meta.json`: format version, number of incidents, the first term of
//!   every term chunk, the symptom groups, and a hash of the export used to
//!   make chunk URLs change when their content does.
//! - `t<N>.bin`: term chunks, terms in UTF-8 byte order. Each entry is
//!   `varint len, term bytes, u8 mask of term spaces`, then per space in
//!   the mask `varint count, count × (varint doc delta, u8 weight)`. A
//!   weight is the incident's BM25 score for the term summed over the
//!   space's fields with the fields' boosts, on a log scale (`2^(w/32) -
//!   1`), so the browser only adds numbers. Word pairs are terms too:
//!   `"stemA stemB"` (prose stems never hold a space), in the pair space
//!   only, weighted with the phrase score `incidex search` adds for two
//!   adjacent query words (see `pair_weights`).
//! - `d<N>.json`: incidents `N*DOCS_PER_CHUNK ..`, newest first, as
//!   `[id, title, url, date, status, summary, [signatures], [messages]]`
//!   (each signature's error line, shown for a pasted error), fetched only
//!   for the best hits.
//!
//! Statistics come from the live documents alone and postings are ordered
//! by the site's incident order, so the export is byte-identical whatever
//! the index's segment layout.

use super::{phrase_fields, ranking, schema, Fields, PAIR_SPACE, RELATED_SPACE};
use crate::model::Incident;
use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Index, TERMINATED};

/// Bumped when the files' layout changes; the script refuses other versions.
pub const FORMAT: u32 = 4;
/// Where the export lives in the site.
pub const DIR: &str = "search/index";
/// Target size of a term chunk: a query fetches one chunk per distinct term.
const CHUNK_BYTES: usize = 6 * 1024;
/// Incidents per metadata file.
pub const DOCS_PER_CHUNK: usize = 4;
/// Postings kept per term, best weights first: ranking a top ten never
/// needs the 501st incident that mentions a word once.
const MAX_POSTINGS: usize = 500;
/// Characters of summary shown under a result.
const SUMMARY_CHARS: usize = 160;
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Term spaces, one posting list each (see `super::ranking`).
pub const SPACES: usize = 6;
/// Pairs are made of words in at most this many incidents. What a pair
/// costs the build is reading where its words stand, and the words in
/// most reports ("the", "to", "error") stand everywhere: reading them all
/// took ten times the rest of the export at 10,000 reports. It matches
/// `MAX_POSTINGS`: past it, a word's own postings are cut too. Up to that
/// many reports, every pair is exported.
const MAX_PAIR_WORD_DOCS: usize = MAX_POSTINGS;
#[derive(Serialize)]
struct Meta<'a> {
    format: u32,
    docs: usize,
    docs_per_chunk: usize,
    version: String,
    chunks: Vec<String>,
    symptoms: &'a [&'a [&'a str]],
    /// Stem of a shorthand → stem of its full word, as the prose analyzer
    /// reads it (`super::shorthand`): the page asks the index's terms.
    shorthand: BTreeMap<&'a str, &'a str>,
}

/// What the export wrote, for the build summary and the size benchmark.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub terms: usize,
    pub term_chunks: usize,
    pub doc_chunks: usize,
    pub bytes: usize,
}

/// Exports the index in `dir` for the incidents of the site, in site order,
/// handing each file to `emit`.
pub fn export(
    dir: &Path,
    incidents: &[std::sync::Arc<Incident>],
    emit: &crate::render::Emit,
) -> Result<Stats> {
    let index = Index::open_in_dir(dir)
        .with_context(|| format!("cannot open the index in {}", dir.display()))?;
    super::register(&index);
    let (_, f) = schema();
    let reader = index.reader().context("cannot read the search index")?;
    let searcher = reader.searcher();
    let numbers = incident_numbers(&searcher, &f, incidents)?;
    let live = incidents.len();
    // Pairs read positions, terms frequencies: separate work, both cores.
    let (postings, pairs) = rayon::join(
        || weights(&searcher, &f, &numbers, live),
        || pair_weights(&searcher, &phrase_fields(&f), &numbers, live),
    );
    let mut postings = postings?;
    for (pair, list) in pairs? {
        postings.entry(pair).or_default()[PAIR_SPACE] = list;
    }

    let mut stats = Stats::default();
    let mut chunks: Vec<String> = Vec::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut chunk: Vec<u8> = Vec::new();
    let mut first: Option<&str> = None;
    for (term, spaces) in &postings {
        if first.is_none() {
            first = Some(term);
        }
        varint(term.len() as u64, &mut chunk);
        chunk.extend_from_slice(term.as_bytes());
        let mask = spaces
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.is_empty())
            .fold(0u8, |m, (n, _)| m | (1 << n));
        chunk.push(mask);
        for list in spaces.iter().filter(|l| !l.is_empty()) {
            varint(list.len() as u64, &mut chunk);
            let mut prev = 0u32;
            for &(doc, w) in list {
                varint(u64::from(doc - prev), &mut chunk);
                chunk.push(w);
                prev = doc;
            }
        }
        stats.terms += 1;
        if chunk.len() >= CHUNK_BYTES {
            chunks.push(first.take().unwrap_or_default().to_string());
            files.push((
                format!("{DIR}/t{}.bin", chunks.len() - 1),
                std::mem::take(&mut chunk),
            ));
        }
    }
    if let Some(first) = first {
        chunks.push(first.to_string());
        files.push((format!("{DIR}/t{}.bin", chunks.len() - 1), chunk));
    }
    stats.term_chunks = chunks.len();

    for (n, group) in incidents.chunks(DOCS_PER_CHUNK).enumerate() {
        let rows: Vec<DocRow> = group.iter().map(|i| doc_row(i)).collect();
        files.push((format!("{DIR}/d{n}.json"), serde_json::to_vec(&rows)?));
        stats.doc_chunks += 1;
    }

    let version = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for (path, bytes) in &files {
            path.hash(&mut h);
            bytes.hash(&mut h);
        }
        format!("{:016x}", h.finish())
    };
    let meta = Meta {
        format: FORMAT,
        docs: incidents.len(),
        docs_per_chunk: DOCS_PER_CHUNK,
        version,
        chunks,
        symptoms: super::SYMPTOMS,
        shorthand: super::shorthand::STEMS.iter().copied().collect(),
    };
    files.push((format!("{DIR}/meta.json"), serde_json::to_vec(&meta)?));
    for (path, bytes) in files {
        stats.bytes += bytes.len();
        emit(path, bytes)?;
    }
    Ok(stats)
}

/// Signatures kept per incident for the browser's exact-error check.
const MAX_SIGNATURES: usize = 4;

/// `[id, title, url, date, status, summary, [signatures], [messages]]`:
/// each signature's error message (its first line, cut like the summary)
/// is what the page shows for a pasted error that matches it.
#[derive(Serialize)]
struct DocRow(
    String,
    String,
    String,
    String,
    String,
    String,
    Vec<String>,
    Vec<String>,
);

/// `text` folded to one line and cut to `SUMMARY_CHARS` characters.
fn cut(text: &str) -> String {
    let text = crate::extract::text::fold_ws(text);
    if text.chars().count() > SUMMARY_CHARS {
        let mut s: String = text.chars().take(SUMMARY_CHARS - 1).collect();
        s.push('…');
        s
    } else {
        text
    }
}

fn doc_row(i: &Incident) -> DocRow {
    let summary = cut(&strip_fences(i.summary.as_deref().unwrap_or("")));
    let mut signatures: Vec<String> = Vec::new();
    let mut messages: Vec<String> = Vec::new();
    for e in &i.errors {
        if !e.signature.is_empty()
            && !signatures.contains(&e.signature)
            && signatures.len() < MAX_SIGNATURES
        {
            signatures.push(e.signature.clone());
            messages.push(cut(e.message.lines().next().unwrap_or("")));
        }
    }
    DocRow(
        i.id.clone(),
        i.title.clone(),
        i.url.clone(),
        i.date.clone().unwrap_or_default(),
        i.status.clone().unwrap_or_default(),
        summary,
        signatures,
        messages,
    )
}

/// Summaries are Markdown; a result line shows their words, not fences.
fn strip_fences(text: &str) -> String {
    text.lines()
        .filter(|l| {
            let t = l.trim_start();
            !t.starts_with("```") && !t.starts_with("~~~")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One term space's postings of a term: (incident number, quantized weight).
type Quantized = Vec<(u32, u8)>;
/// A term's postings per term space.
type TermPostings = [Quantized; SPACES];

/// Each live document's incident number (its place in the site's
/// order), per segment: what makes the export independent of the layout.
fn incident_numbers(
    searcher: &tantivy::Searcher,
    f: &Fields,
    incidents: &[std::sync::Arc<Incident>],
) -> Result<Vec<Vec<Option<u32>>>> {
    let order: HashMap<&str, u32> = incidents
        .iter()
        .enumerate()
        .map(|(n, i)| (i.id.as_str(), n as u32))
        .collect();
    let mut numbers: Vec<Vec<Option<u32>>> = Vec::new();
    for seg in searcher.segment_readers() {
        let mut map = vec![None; seg.max_doc() as usize];
        let ids = seg.inverted_index(f.id)?;
        let mut stream = ids.terms().stream()?;
        while stream.advance() {
            let Some(&n) = std::str::from_utf8(stream.key())
                .ok()
                .and_then(|id| order.get(id))
            else {
                continue;
            };
            let mut p =
                ids.read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)?;
            while p.doc() != TERMINATED {
                if !seg.is_deleted(p.doc()) {
                    map[p.doc() as usize] = Some(n);
                }
                p.advance();
            }
        }
        numbers.push(map);
    }
    Ok(numbers)
}

/// Every term of the weighted fields with its quantized weight per
/// incident (incident numbers in site order), terms sorted by bytes.
fn weights(
    searcher: &tantivy::Searcher,
    f: &Fields,
    numbers: &[Vec<Option<u32>>],
    live: usize,
) -> Result<BTreeMap<String, TermPostings>> {
    let live = live.max(1) as f32;
    let symptoms: std::collections::HashSet<&str> = super::SYMPTOMS
        .iter()
        .flat_map(|g| g.iter().copied())
        .collect();

    // Segments whose documents are all live incidents: their term
    // frequencies can be read from the dictionary instead of counted.
    let whole: Vec<bool> = numbers
        .iter()
        .map(|m| m.iter().all(Option::is_some))
        .collect();
    let fields = ranking(f);
    let per_field: Vec<BTreeMap<String, Vec<(u32, f32)>>> = fields
        .par_iter()
        .map(|&(field, space, boost)| -> Result<_> {
            let mut scores: BTreeMap<String, Vec<(u32, f32)>> = BTreeMap::new();
            // Pass 1: document frequencies and the average length over live documents.
            let mut df: HashMap<Vec<u8>, u32> = HashMap::new();
            let mut total_len = 0f64;
            for (s, seg) in searcher.segment_readers().iter().enumerate() {
                let inv = seg.inverted_index(field)?;
                let norms = seg.get_fieldnorms_reader(field)?;
                for (doc, n) in numbers[s].iter().enumerate() {
                    if n.is_some() {
                        total_len += f64::from(norms.fieldnorm(doc as u32));
                    }
                }
                let mut stream = inv.terms().stream()?;
                while stream.advance() {
                    let count = if whole[s] {
                        stream.value().doc_freq
                    } else {
                        let mut p = inv.read_postings_from_terminfo(
                            stream.value(),
                            IndexRecordOption::Basic,
                        )?;
                        let mut count = 0;
                        while p.doc() != TERMINATED {
                            count += u32::from(numbers[s][p.doc() as usize].is_some());
                            p.advance();
                        }
                        count
                    };
                    if count > 0 {
                        *df.entry(stream.key().to_vec()).or_default() += count;
                    }
                }
            }
            let avg = (total_len / f64::from(live as u32).max(1.0)).max(1.0) as f32;
            // Pass 2: BM25 of each posting, as tantivy scores a term query.
            for (s, seg) in searcher.segment_readers().iter().enumerate() {
                let inv = seg.inverted_index(field)?;
                let norms = seg.get_fieldnorms_reader(field)?;
                let mut stream = inv.terms().stream()?;
                while stream.advance() {
                    let Some(&d) = df.get(stream.key()) else {
                        continue;
                    };
                    let Ok(term) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    if space == RELATED_SPACE && !symptoms.contains(term) {
                        continue;
                    }
                    let idf = (1.0 + (live - d as f32 + 0.5) / (d as f32 + 0.5)).ln();
                    let list = scores.entry(term.to_string()).or_default();
                    let mut p = inv.read_postings_from_terminfo(
                        stream.value(),
                        IndexRecordOption::WithFreqs,
                    )?;
                    while p.doc() != TERMINATED {
                        if let Some(n) = numbers[s][p.doc() as usize] {
                            let tf = p.term_freq() as f32;
                            let len = norms.fieldnorm(p.doc()) as f32;
                            let w = idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg));
                            list.push((n, boost * w));
                        }
                        p.advance();
                    }
                }
            }
            Ok(scores)
        })
        .collect::<Result<_>>()?;

    // Fields in their fixed order, so each sum adds up the same way every build.
    let mut spaces: BTreeMap<String, [Vec<(u32, f32)>; SPACES]> = BTreeMap::new();
    for (scores, &(_, space, _)) in per_field.into_iter().zip(fields.iter()) {
        for (term, list) in scores {
            spaces.entry(term).or_default()[space].extend(list);
        }
    }
    let finished: Vec<(String, TermPostings)> = spaces
        .into_par_iter()
        .map(|(term, lists)| (term, lists.map(finish)))
        .collect();
    Ok(finished
        .into_iter()
        .filter(|(_, lists)| lists.iter().any(|l| !l.is_empty()))
        .collect())
}

/// Every pair of prose stems that stand next to each other (the second at
/// most one word after the first, as a two-term phrase with slop 1
/// matches) in an incident's title or body, with the phrase score
/// `Searcher::add_phrase_scores` gives the incident when a query has the
/// two words side by side: `boost × (idf(a) + idf(b))` times BM25's
/// saturation of the phrase's count, summed over the two fields. The
/// counts are `phrase_count`'s own, so the page adds what the terminal
/// adds. Keys are `"a b"`, postings as `finish` leaves them.
/// Word pairs exported per incident and field, at most: the best by
/// weight. A report of ordinary length has a few thousand; one of 40,000
/// distinct links has 200,000, and every one is a key in the export's
/// sorted map (its cost grew faster than the report). Past the cap the
/// page may score a phrase lower than the terminal does for that report.
const MAX_PAIRS_PER_DOC: usize = 20_000;

fn pair_weights(
    searcher: &tantivy::Searcher,
    fields: &[(Field, f32)],
    numbers: &[Vec<Option<u32>>],
    live: usize,
) -> Result<Vec<(String, Quantized)>> {
    // One numbering of the words of both fields, so pairs key by numbers.
    let mut ids: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut per_doc: Vec<Vec<(u64, f32)>> = vec![Vec::new(); live];
    let mut positions: Vec<u32> = Vec::new();
    for &(field, boost) in fields {
        // Each incident's words as (position, word), and its field length.
        let mut tokens: Vec<Vec<(u32, u32)>> = vec![Vec::new(); live];
        let mut lengths: Vec<u32> = vec![0; live];
        let mut df: Vec<u32> = vec![0; words.len()];
        let mut total_len = 0f64;
        // Pass 1: every word's number and its document frequency over live
        // incidents, whatever segments hold them.
        for (s, seg) in searcher.segment_readers().iter().enumerate() {
            let inv = seg.inverted_index(field)?;
            let norms = seg.get_fieldnorms_reader(field)?;
            for (doc, n) in numbers[s].iter().enumerate() {
                if let Some(n) = n {
                    let len = norms.fieldnorm(doc as u32);
                    lengths[*n as usize] = len;
                    total_len += f64::from(len);
                }
            }
            let whole = numbers[s].iter().all(Option::is_some);
            let mut stream = inv.terms().stream()?;
            while stream.advance() {
                let id = match ids.get(stream.key()) {
                    Some(&id) => id,
                    None => {
                        let Ok(word) = std::str::from_utf8(stream.key()) else {
                            continue;
                        };
                        let id = words.len() as u32;
                        ids.insert(stream.key().to_vec(), id);
                        words.push(word.to_string());
                        id
                    }
                };
                if df.len() < words.len() {
                    df.resize(words.len(), 0);
                }
                df[id as usize] += if whole {
                    stream.value().doc_freq
                } else {
                    let mut p =
                        inv.read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)?;
                    let mut count = 0;
                    while p.doc() != TERMINATED {
                        count += u32::from(numbers[s][p.doc() as usize].is_some());
                        p.advance();
                    }
                    count
                };
            }
        }
        // Pass 2: where the words that pairs are made of stand.
        for (s, seg) in searcher.segment_readers().iter().enumerate() {
            let inv = seg.inverted_index(field)?;
            let mut stream = inv.terms().stream()?;
            while stream.advance() {
                let Some(&id) = ids.get(stream.key()) else {
                    continue;
                };
                if df[id as usize] as usize > MAX_PAIR_WORD_DOCS {
                    continue;
                }
                let mut p = inv.read_postings_from_terminfo(
                    stream.value(),
                    IndexRecordOption::WithFreqsAndPositions,
                )?;
                while p.doc() != TERMINATED {
                    if let Some(n) = numbers[s][p.doc() as usize] {
                        p.positions(&mut positions);
                        tokens[n as usize].extend(positions.iter().map(|&pos| (pos, id)));
                    }
                    p.advance();
                }
            }
        }
        let docs = live.max(1) as f32;
        let avg = (total_len / live.max(1) as f64).max(1.0) as f32;
        // As tantivy's `Bm25Weight::for_terms`: a phrase's idf is its words' summed.
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| (1.0 + (docs - d as f32 + 0.5) / (d as f32 + 0.5)).ln())
            .collect();
        let found: Vec<Vec<(u64, f32)>> = tokens
            .into_par_iter()
            .zip(lengths)
            .map(|(tokens, len)| {
                let norm = K1 * (1.0 - B + B * len as f32 / avg);
                let mut pairs: Vec<(u64, f32)> = doc_pairs(tokens)
                    .into_iter()
                    .map(|(key, count)| {
                        let (a, b) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
                        let tf = count as f32;
                        let w = boost * (idf[a] + idf[b]) * tf * (K1 + 1.0) / (tf + norm);
                        (key, w)
                    })
                    .collect();
                if pairs.len() > MAX_PAIRS_PER_DOC {
                    // Keep the pairs worth most; ties by key, so builds agree.
                    pairs.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
                    pairs.truncate(MAX_PAIRS_PER_DOC);
                    pairs.sort_unstable_by_key(|&(key, _)| key);
                }
                pairs
            })
            .collect();
        for (all, more) in per_doc.iter_mut().zip(found) {
            all.extend(more);
        }
    }
    // Incidents in order, so each pair's postings come in order and its two
    // fields' scores add up body first, as `add_phrase_scores` adds them.
    let mut lists: HashMap<u64, Vec<(u32, f32)>> = HashMap::new();
    for (n, pairs) in per_doc.into_iter().enumerate() {
        for (key, w) in pairs {
            lists.entry(key).or_default().push((n as u32, w));
        }
    }
    Ok(lists
        .into_par_iter()
        .map(|(key, list)| {
            let (a, b) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
            (format!("{} {}", words[a], words[b]), finish(list))
        })
        .collect())
}

/// An incident's distinct word pairs in one field (the second word at
/// most one position after the first, two words apart at most) with their
/// phrase counts, from its (position, word) tokens. Keys are `a << 32 | b`.
fn doc_pairs(mut tokens: Vec<(u32, u32)>) -> Vec<(u64, u32)> {
    tokens.sort_unstable();
    let mut keys: Vec<u64> = Vec::new();
    for (i, &(pos, a)) in tokens.iter().enumerate() {
        for &(_, b) in tokens[i + 1..]
            .iter()
            .take_while(|&&(next, _)| next <= pos + 2)
        {
            // A query pair of one word twice is never scored.
            if a != b {
                keys.push(u64::from(a) << 32 | u64::from(b));
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    // Each word's positions, for counting as the terminal counts: one
    // sorted list, each word a slice of it (no copy per pair).
    let mut by_word: Vec<(u32, u32)> = tokens.iter().map(|&(pos, w)| (w, pos)).collect();
    by_word.sort_unstable();
    let word_of: Vec<u32> = by_word.iter().map(|&(w, _)| w).collect();
    let positions: Vec<u32> = by_word.iter().map(|&(_, pos)| pos).collect();
    let at = |w: u32| -> &[u32] {
        let start = word_of.partition_point(|&x| x < w);
        let end = word_of.partition_point(|&x| x <= w);
        &positions[start..end]
    };
    keys.into_iter()
        .map(|key| {
            let (a, b) = ((key >> 32) as u32, key as u32);
            (key, super::search::phrase_count(at(a), at(b)))
        })
        .filter(|&(_, count)| count > 0)
        .collect()
}

/// One term space's postings: an incident's weights from several fields
/// summed, the best `MAX_POSTINGS` kept, quantized, in incident order.
fn finish(mut list: Vec<(u32, f32)>) -> Quantized {
    // Stable: weights of one incident stay in field order.
    list.sort_by_key(|&(n, _)| n);
    let mut merged: Vec<(u32, f32)> = Vec::with_capacity(list.len());
    for (n, w) in list {
        match merged.last_mut() {
            Some(last) if last.0 == n => last.1 += w,
            _ => merged.push((n, w)),
        }
    }
    if merged.len() > MAX_POSTINGS {
        merged.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        merged.truncate(MAX_POSTINGS);
        merged.sort_by_key(|&(n, _)| n);
    }
    merged.into_iter().map(|(n, w)| (n, quantize(w))).collect()
}

/// A weight on a log scale: 1 % steps where scores are small, 255 at ~250.
fn quantize(w: f32) -> u8 {
    ((1.0 + w.max(0.0)).log2() * 32.0).round().clamp(1.0, 255.0) as u8
}

fn varint(mut v: u64, out: &mut Vec<u8>) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page adds a pair's exported weight where the terminal adds the
    /// phrase score of the two words in the title and the body: both must
    /// be tantivy's `PhraseQuery` scores (slop 1), up to quantizing.
    #[test]
    fn pair_weights_are_phrase_query_scores() {
        use tantivy::collector::TopDocs;
        use tantivy::query::{BoostQuery, PhraseQuery};
        use tantivy::{TantivyDocument, Term};
        // With positions: the scoring a phrase field would get.
        let (schema, f) = super::super::schema_with(true);
        let index = Index::create_in_ram(schema);
        super::super::register(&index);
        let mut writer: tantivy::IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let texts = [
            (
                "connection pool exhausted",
                "the connection pool was exhausted twice",
            ),
            (
                "pool connection",
                "connection to the pool, then the pool connection",
            ),
            (
                "a connection a pool",
                "connection a pool; connection pool pool",
            ),
            ("nothing here", "connection refused by the main pool"),
        ];
        for (title, body) in texts {
            let mut d = TantivyDocument::default();
            d.add_text(f.title, title);
            d.add_text(f.body, body);
            writer.add_document(d).expect("add");
        }
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let numbers: Vec<Vec<Option<u32>>> = searcher
            .segment_readers()
            .iter()
            .map(|seg| (0..seg.max_doc()).map(Some).collect())
            .collect();
        // The scoring itself, in the fields it would run in.
        let fields = [(f.body, 1.0), (f.title, 2.0)];
        let pairs: HashMap<String, Quantized> =
            pair_weights(&searcher, &fields, &numbers, texts.len())
                .expect("pairs")
                .into_iter()
                .collect();
        for (a, b) in [("connect", "pool"), ("pool", "connect"), ("the", "pool")] {
            let mut want = vec![0.0f32; texts.len()];
            for (field, boost) in fields {
                let mut phrase = PhraseQuery::new(vec![
                    Term::from_field_text(field, a),
                    Term::from_field_text(field, b),
                ]);
                phrase.set_slop(1);
                let query = BoostQuery::new(Box::new(phrase), boost);
                for (score, address) in searcher
                    .search(&query, &TopDocs::with_limit(10).order_by_score())
                    .expect("search")
                {
                    want[address.doc_id as usize] += score;
                }
            }
            let mut got = vec![0.0f32; texts.len()];
            for &(n, w) in pairs.get(&format!("{a} {b}")).into_iter().flatten() {
                got[n as usize] = 2f32.powf(f32::from(w) / 32.0) - 1.0;
            }
            assert!(want.iter().any(|&w| w > 0.0), "{a} {b}");
            for (g, w) in got.iter().zip(&want) {
                assert!(
                    (g - w).abs() <= 0.012 * (1.0 + w),
                    "{a} {b}: {got:?} vs {want:?}"
                );
            }
        }
    }

    #[test]
    fn varints_round_trip_at_their_boundaries() {
        for v in [0u64, 1, 127, 128, 300, 16_383, 16_384, u64::from(u32::MAX)] {
            let mut bytes = Vec::new();
            varint(v, &mut bytes);
            let (mut got, mut shift) = (0u64, 0);
            for b in &bytes {
                got |= u64::from(b & 0x7f) << shift;
                shift += 7;
            }
            assert_eq!(got, v);
            let bits = 64 - v.leading_zeros() as usize;
            assert_eq!(bytes.len(), bits.div_ceil(7).max(1), "{v}");
        }
    }

    #[test]
    fn weights_keep_their_order_after_quantizing() {
        let ws = [0.01f32, 0.3, 1.0, 2.5, 7.0, 20.0, 80.0];
        let q: Vec<u8> = ws.iter().map(|&w| quantize(w)).collect();
        assert!(q.windows(2).all(|p| p[0] < p[1]), "{q:?}");
        assert_eq!(quantize(-3.0), 1);
        assert_eq!(quantize(1e9), 255);
    }
}
