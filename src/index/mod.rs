//! The search index: tantivy, stored in `.incidex/index` (never in a
//! watched folder), kept up to date incrementally (`update`), and searching
//! it (`Searcher`). User text never goes through tantivy's query parser:
//! queries are built here from the same analyzers the index uses, so any
//! input (quotes, `field:value`, `a:(^`, NUL bytes, a 10 KB stack trace)
//! gives results or none.

pub mod export;
mod search;
pub mod shorthand;
mod snippet;
mod stem_cache;
pub mod tokenize;
mod update;

pub use search::{Options, SearchHit, SearchResults, Searcher};
pub use update::{
    index_dir, is_fresh, open_fresh, stamp, update, update_stamped, update_waiting, Busy,
    UpdateReport,
};

use crate::model::Incident;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED, STRING,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, TantivyDocument};

/// Bumped whenever the schema, the analysis or what `document` puts in a
/// field changes: an index of another version is recreated.
pub const SCHEMA_VERSION: u32 = 5;

pub(crate) const CODE: &str = "incidex_code";
pub(crate) const PROSE: &str = "en_stem";

/// Term spaces: a query word is looked up as a prose stem, as a raw word,
/// as an error token, as a code token and as a related symptom word, each
/// in its own fields (see `ranking`). The static export keeps one posting
/// list per space and term, the page adds them up.
pub(crate) const PROSE_SPACE: usize = 0;
pub(crate) const RAW_SPACE: usize = 1;
pub(crate) const ERROR_SPACE: usize = 2;
pub(crate) const CODE_SPACE: usize = 3;
/// Symptom words looked up for a symptom typed (`SYMPTOMS`).
pub(crate) const RELATED_SPACE: usize = 4;
/// Two prose stems next to each other (slop 1): phrase scores.
pub(crate) const PAIR_SPACE: usize = 5;

/// The ranking: how much a query term counts in each field it is found
/// in, by term space, as (field, space, weight). `Searcher::search` and
/// the static export both read this one table, so the page ranks as the
/// terminal does.
///
/// Plain BM25 over the stemmed body. Measured on every judged set (the
/// README's ranking table), each other signal tried on top of it (the
/// title, summary, cause, fix and lessons fields, the unstemmed words, the
/// code tokens, the symptom words, the phrase scores) tied or lowered the
/// MRR of at least one set, and the mix of all of them lost to this alone
/// by 0.01 to 0.015. A field comes back only when it helps on every set;
/// those fields are no longer indexed (they took two thirds of the index
/// time), so bringing one back means adding it to `schema` again.
/// Pasted errors keep their own signal: an exact signature match
/// (`Searcher::add_signature_bonus`).
pub(crate) fn ranking(f: &Fields) -> Vec<(Field, usize, f32)> {
    vec![(f.body, PROSE_SPACE, 1.0)]
}

/// The fields where two query words side by side add a phrase score, with
/// their weights: none, for the reason `ranking` gives. Search and export
/// keep the scoring (tested) for a field that earns its place; a field
/// named here needs its word positions indexed (`POSITIONS`).
pub(crate) fn phrase_fields(_f: &Fields) -> Vec<(Field, f32)> {
    Vec::new()
}

/// Whether text fields keep word positions. Only phrase scores read them,
/// and they cost a third of the index time and of its size.
const POSITIONS: bool = false;

/// Field handles, typed once.
#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub(crate) id: Field,
    pub(crate) source: Field,
    pub(crate) url: Field,
    pub(crate) date: Field,
    pub(crate) status: Field,
    pub(crate) title: Field,
    pub(crate) signatures: Field,
    pub(crate) body: Field,
    pub(crate) technology: Field,
    pub(crate) service: Field,
    pub(crate) tag: Field,
    pub(crate) severity: Field,
    /// Content hash and id (`KEY_HASH_LEN` hex digits, then the id), as a
    /// fast field: an update reads every document's key without touching
    /// the document store.
    pub(crate) key: Field,
    /// Each signed error's message, stored in the order of `signatures`:
    /// the snippet of a hit found by a pasted error.
    pub(crate) error_messages: Field,
    /// The error signatures again, as a fast field: ranking reads them for
    /// a pool of candidates without loading their stored bodies.
    pub(crate) signatures_fast: Field,
}

pub(crate) fn schema() -> (Schema, Fields) {
    schema_with(POSITIONS)
}

/// The schema, with or without word positions in its text fields.
pub(crate) fn schema_with(positions: bool) -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str, stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(if positions {
                IndexRecordOption::WithFreqsAndPositions
            } else {
                IndexRecordOption::WithFreqs
            });
        let opts = TextOptions::default().set_indexing_options(indexing);
        if stored {
            opts.set_stored()
        } else {
            opts
        }
    };
    let f = Fields {
        id: b.add_text_field("id", STRING | STORED),
        source: b.add_text_field("source", STORED),
        url: b.add_text_field("url", STORED),
        date: b.add_text_field("date", STRING | STORED),
        status: b.add_text_field("status", STRING | STORED),
        title: b.add_text_field("title", text(PROSE, true)),
        signatures: b.add_text_field("signatures", STRING | STORED),
        error_messages: b.add_text_field("error_messages", STORED),
        body: b.add_text_field("body", text(PROSE, true)),
        technology: b.add_text_field("technology", STRING),
        service: b.add_text_field("service", STRING),
        tag: b.add_text_field("tag", STRING),
        severity: b.add_text_field("severity", STRING),
        key: b.add_text_field("key", TextOptions::default().set_fast("raw")),
        signatures_fast: b
            .add_text_field("signatures_fast", TextOptions::default().set_fast("raw")),
    };
    (b.build(), f)
}

pub(crate) fn register(index: &Index) {
    index
        .tokenizers()
        .register(CODE, TextAnalyzer::builder(tokenize::CodeTokenizer).build());
    index.tokenizers().register(PROSE, stem_cache::analyzer());
}

/// Hex digits of the content hash at the start of a document's key.
const KEY_HASH_LEN: usize = 16;

/// Receives what `document_into` indexes: a tantivy document, or a hash of
/// the same values, so that the hash covers exactly what is indexed.
trait Sink {
    /// One value of `field`: `parts` joined. The hash reads the parts as
    /// they are; joining them is the document's business.
    fn text(&mut self, field: Field, parts: &[&str]);
    /// A value made from `source` alone (a slug from a name): the hash
    /// reads the source.
    fn made_from(&mut self, field: Field, source: &str, make: impl FnOnce(&str) -> String);
    /// A value computed from values already given (a signature again, as
    /// a fast field): indexed, and left out of the hash, which has its source.
    fn derived(&mut self, field: Field, value: impl FnOnce() -> String);
}

impl Sink for TantivyDocument {
    fn text(&mut self, field: Field, parts: &[&str]) {
        match parts {
            [one] => self.add_text(field, one),
            _ => self.add_text(field, parts.concat()),
        }
    }
    fn made_from(&mut self, field: Field, source: &str, make: impl FnOnce(&str) -> String) {
        self.add_text(field, make(source));
    }
    fn derived(&mut self, field: Field, value: impl FnOnce() -> String) {
        self.add_text(field, value());
    }
}

/// A 64-bit hash of the values: each value's bytes go, eight at a time,
/// to four lanes in turn, folded together at the end. A step (xor, multiply
/// by an odd constant, rotate) is a bijection of its lane for a given word,
/// so values of one length that differ in one word always hash differently.
/// Fixed, unlike std's `DefaultHasher`, and about ten times faster than its
/// SipHash, which took a tenth of an update that changed nothing: every
/// report is hashed on every update. Four lanes run side by side on the CPU
/// where one chain of multiplies would wait on itself.
struct ContentHash([u64; 4]);

fn mix(state: u64, word: u64) -> u64 {
    (state ^ word)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(29)
}

fn word(bytes: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w[..bytes.len()].copy_from_slice(bytes);
    u64::from_le_bytes(w)
}

impl ContentHash {
    fn new() -> ContentHash {
        ContentHash([
            0x243F_6A88_85A3_08D3,
            0x1319_8A2E_0370_7344,
            0xA409_3822_299F_31D0,
            0x082E_FA98_EC4E_6C89,
        ])
    }

    fn finish(&self) -> u64 {
        let [a, b, c, d] = self.0;
        mix(mix(mix(a, b), c), d)
    }
}

impl ContentHash {
    fn bytes(&mut self, bytes: &[u8]) {
        let lanes = &mut self.0;
        // The length makes the zero padding of the last word unambiguous.
        lanes[0] = mix(lanes[0], bytes.len() as u64);
        let mut blocks = bytes.chunks_exact(32);
        for block in &mut blocks {
            for (lane, bytes) in lanes.iter_mut().zip(block.as_chunks::<8>().0) {
                *lane = mix(*lane, u64::from_le_bytes(*bytes));
            }
        }
        for (lane, bytes) in lanes.iter_mut().zip(blocks.remainder().chunks(8)) {
            *lane = mix(*lane, word(bytes));
        }
    }
}

impl Sink for ContentHash {
    fn text(&mut self, field: Field, parts: &[&str]) {
        self.0[0] = mix(
            mix(self.0[0], u64::from(field.field_id())),
            parts.len() as u64,
        );
        for part in parts {
            self.bytes(part.as_bytes());
        }
    }
    fn made_from(&mut self, field: Field, source: &str, _: impl FnOnce(&str) -> String) {
        self.text(field, &[source]);
    }
    fn derived(&mut self, _: Field, _: impl FnOnce() -> String) {}
}

/// The hash of everything `document` indexes for `i`.
pub(crate) fn content_hash(f: &Fields, i: &Incident) -> u64 {
    let mut h = ContentHash::new();
    document_into(f, i, &mut h);
    h.finish()
}

/// The key stored with a document: its content hash, then its id.
pub(crate) fn key(hash: u64, id: &str) -> String {
    format!("{hash:0width$x}{id}", width = KEY_HASH_LEN)
}

/// The hash and id of a stored key.
pub(crate) fn parse_key(key: &str) -> Option<(u64, &str)> {
    let hash = u64::from_str_radix(key.get(..KEY_HASH_LEN)?, 16).ok()?;
    Some((hash, &key[KEY_HASH_LEN..]))
}

/// The document of `i`, with its key.
pub(crate) fn document(f: &Fields, i: &Incident, hash: u64) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    document_into(f, i, &mut d);
    d.add_text(f.key, key(hash, &i.id));
    d
}

fn document_into(f: &Fields, i: &Incident, d: &mut impl Sink) {
    d.text(f.id, &[&i.id]);
    d.text(f.source, &[&i.source]);
    d.text(f.url, &[&i.url]);
    d.text(f.status, &[i.status.as_deref().unwrap_or_default()]);
    d.text(f.severity, &[i.severity.as_deref().unwrap_or_default()]);
    d.text(f.title, &[&i.title]);
    // The report's whole text, once: a title or summary that front matter
    // holds and the Markdown does not say is part of it too.
    let mut text: Vec<&str> = Vec::with_capacity(5);
    for extra in [Some(i.title.as_str()), i.summary.as_deref()]
        .into_iter()
        .flatten()
    {
        if !extra.trim().is_empty() && !i.body.contains(extra) {
            text.extend([extra, "\n\n"]);
        }
    }
    text.push(&i.body);
    d.text(f.body, &text);
    if let Some(date) = &i.date {
        d.text(f.date, &[date]);
    }
    for e in &i.errors {
        if !e.signature.is_empty() {
            d.text(f.signatures, &[&e.signature]);
            d.text(f.error_messages, &[&e.message]);
            d.derived(f.signatures_fast, || e.signature.clone());
        }
    }
    let slug = crate::extract::text::slugify;
    for t in &i.technologies {
        d.made_from(f.technology, t, slug);
    }
    for s in &i.services {
        d.made_from(f.service, s, slug);
    }
    for t in &i.tags {
        d.made_from(f.tag, t, slug);
    }
}

/// Words people use for what they saw, and the words reports use for it.
/// Each group is searched when any member is typed (at a lower weight).
pub(crate) const SYMPTOMS: &[&[&str]] = &[
    &[
        "freez",
        "hang",
        "unrespons",
        "stuck",
        "stall",
        "block",
        "lag",
    ],
    &[
        "crash",
        "segfault",
        "panic",
        "abort",
        "exc_bad_access",
        "sigsegv",
        "killed",
    ],
    &["slow", "latenc", "sluggish", "timeout", "delay"],
    &["down", "outag", "unavail", "503", "502"],
    &["leak", "oom", "outofmemoryerror", "oomkil"],
    &["deploy", "releas", "rollout", "ship"],
    &["login", "authent", "auth", "signin"],
    &["fail", "error", "broken", "break"],
];

#[cfg(test)]
mod tests {
    use super::*;

    fn incident() -> Incident {
        let mut i: Incident = serde_json::from_value(serde_json::json!({
            "schema": 1, "id": "cache-timeouts", "source": "content/cache.md",
            "url": "/incidents/cache-timeouts/", "title": "Cache timeouts",
            "date": "2025-01-02", "status": "resolved", "status_text": null,
            "severity": "high", "services": ["api"], "technologies": ["Redis"],
            "tags": ["cache"], "summary": "Reads timed out.",
            "errors": [{"message": "TimeoutError: read", "signature": "timeouterror-read", "language": null}],
            "root_causes": [{"title": null, "text": "Pool too small."}],
            "fixes": [{"title": null, "text": "Raised the pool."}],
            "changes": [{"title": null, "file": null, "language": null, "before": "max=1", "after": "max=9"}],
            "lessons": ["Size pools."], "action_items": [], "references": [],
            "impact": null, "timeline": [], "sections": [],
            "repaired_encoding": false, "warnings": []
        }))
        .expect("incident JSON");
        i.body = "Reads `timed out`.\n```\nmax=1\n```\n".into();
        i
    }

    /// What changes, and the change.
    type Edit = (&'static str, fn(&mut Incident));

    #[test]
    fn the_content_hash_follows_every_indexed_value() {
        let (_, f) = schema();
        let base = incident();
        let h = content_hash(&f, &base);
        assert_eq!(h, content_hash(&f, &base.clone()), "deterministic");
        let edits: Vec<Edit> = vec![
            ("title", |i| i.title.push('!')),
            ("body", |i| i.body.push('!')),
            ("date", |i| i.date = None),
            ("status", |i| i.status = Some("open".into())),
            ("severity", |i| i.severity = None),
            // Not in the body: indexed with it.
            ("summary", |i| i.summary = None),
            ("error", |i| i.errors[0].message.push('!')),
            ("signature", |i| i.errors[0].signature.push('x')),
            ("technology", |i| i.technologies.clear()),
            ("service", |i| i.services.push("web".into())),
            ("tag", |i| i.tags[0] = "db".into()),
            ("source", |i| i.source = "content/other.md".into()),
            ("url", |i| i.url = "/x/".into()),
        ];
        for (what, edit) in edits {
            let mut i = base.clone();
            edit(&mut i);
            assert_ne!(content_hash(&f, &i), h, "{what}");
        }
        // Values moved from one field to another are another document.
        let mut i = base.clone();
        i.title = "Cache timeouts Reads timed out.".into();
        i.summary = Some(String::new());
        assert_ne!(content_hash(&f, &i), h);
        // Any one character of a body, wherever it is in its word of eight
        // bytes, and a body one byte longer.
        let mut seen = std::collections::HashSet::from([h]);
        for at in 0..base.body.len() {
            let mut i = base.clone();
            let mut bytes = i.body.into_bytes();
            bytes[at] = if bytes[at] == b'#' { b'%' } else { b'#' };
            i.body = String::from_utf8(bytes).expect("ASCII body");
            assert!(seen.insert(content_hash(&f, &i)), "byte {at}");
        }
        let mut i = base.clone();
        i.body.push('\0');
        assert!(seen.insert(content_hash(&f, &i)), "trailing NUL");
    }

    #[test]
    fn documents_join_what_the_hash_reads_in_parts() {
        use tantivy::schema::Value;
        let (_, f) = schema();
        let mut i = incident();
        i.technologies = vec!["Amazon S3".into()];
        let d = document(&f, &i, 7);
        let get = |field| {
            d.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        // The title and summary, said nowhere in the body, are searched with it.
        assert_eq!(
            get(f.body).as_deref(),
            Some("Cache timeouts\n\nReads timed out.\n\nReads `timed out`.\n```\nmax=1\n```\n")
        );
        assert_eq!(get(f.technology).as_deref(), Some("amazon-s3"));
        assert_eq!(get(f.key), Some(key(7, "cache-timeouts")));
    }

    #[test]
    fn phrase_fields_have_their_positions() {
        let (schema, f) = schema();
        for (field, _) in phrase_fields(&f) {
            let entry = schema.get_field_entry(field);
            let has = match entry.field_type() {
                tantivy::schema::FieldType::Str(o) => o
                    .get_indexing_options()
                    .is_some_and(|i| i.index_option().has_positions()),
                _ => false,
            };
            assert!(has, "{} is scored as phrases", entry.name());
        }
    }

    #[test]
    fn keys_round_trip() {
        for (hash, id) in [(0, "a"), (u64::MAX, "x-y"), (42, "ünïcode id"), (7, "")] {
            assert_eq!(parse_key(&key(hash, id)), Some((hash, id)));
        }
        assert_eq!(parse_key("short"), None);
        assert_eq!(parse_key("zzzzzzzzzzzzzzzzid"), None);
    }
}
