//! The search index: tantivy, stored in `.incidex/index` (never in a
//! watched folder), kept up to date incrementally (`update`), and searching
//! it (`Searcher`). User text never goes through tantivy's query parser:
//! queries are built here from the same analyzers the index uses, so any
//! input (quotes, `field:value`, `a:(^`, NUL bytes, a 10 KB stack trace)
//! gives results or none.

pub mod export;
mod search;
mod snippet;
pub mod tokenize;
mod update;

pub use search::{Options, SearchHit, SearchResults, Searcher};
pub use update::{
    index_dir, is_fresh, open_fresh, stamp, update, update_stamped, Busy, UpdateReport,
};

use crate::model::Incident;
use std::hash::Hasher;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED, STRING,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, TantivyDocument};

/// Bumped whenever the schema, the analysis or what `document` puts in a
/// field changes: an index of another version is recreated.
pub const SCHEMA_VERSION: u32 = 2;

pub(crate) const CODE: &str = "incidex_code";
pub(crate) const PROSE: &str = "en_stem";

/// Field handles, typed once.
#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub(crate) id: Field,
    pub(crate) source: Field,
    pub(crate) url: Field,
    pub(crate) date: Field,
    pub(crate) status: Field,
    pub(crate) title: Field,
    pub(crate) title_code: Field,
    pub(crate) summary: Field,
    pub(crate) errors: Field,
    pub(crate) signatures: Field,
    pub(crate) root_cause: Field,
    pub(crate) fix: Field,
    pub(crate) lessons: Field,
    pub(crate) code: Field,
    pub(crate) body: Field,
    pub(crate) body_raw: Field,
    pub(crate) body_code: Field,
    pub(crate) technology: Field,
    pub(crate) service: Field,
    pub(crate) tag: Field,
    pub(crate) severity: Field,
    /// Content hash and id (`KEY_HASH_LEN` hex digits, then the id), as a
    /// fast field: an update reads every document's key without touching
    /// the document store.
    pub(crate) key: Field,
    /// The error signatures again, as a fast field: ranking reads them for
    /// a pool of candidates without loading their stored bodies.
    pub(crate) signatures_fast: Field,
}

pub(crate) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str, stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
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
        title_code: b.add_text_field("title_code", text(CODE, false)),
        summary: b.add_text_field("summary", text(PROSE, false)),
        errors: b.add_text_field("errors", text(CODE, false)),
        signatures: b.add_text_field("signatures", STRING | STORED),
        root_cause: b.add_text_field("root_cause", text(PROSE, false)),
        fix: b.add_text_field("fix", text(PROSE, false)),
        lessons: b.add_text_field("lessons", text(PROSE, false)),
        code: b.add_text_field("code", text(CODE, false)),
        body: b.add_text_field("body", text(PROSE, true)),
        body_raw: b.add_text_field("body_raw", text("default", false)),
        body_code: b.add_text_field("body_code", text(CODE, false)),
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
}

/// Hex digits of the content hash at the start of a document's key.
const KEY_HASH_LEN: usize = 16;

/// Receives what `document_into` indexes: a tantivy document, or a hash of
/// the same values, so that the hash covers exactly what is indexed.
trait Sink {
    fn text(&mut self, field: Field, value: &str);
    /// A value computed from values already given (the body's code):
    /// indexed, and left out of the hash, which has its source.
    fn derived(&mut self, field: Field, value: impl FnOnce() -> String);
}

impl Sink for TantivyDocument {
    fn text(&mut self, field: Field, value: &str) {
        self.add_text(field, value);
    }
    fn derived(&mut self, field: Field, value: impl FnOnce() -> String) {
        self.add_text(field, value());
    }
}

/// SipHash with fixed keys: the same input gives the same hash in every
/// process. A toolchain that changed the algorithm would only make every
/// report look changed once.
struct ContentHash(std::hash::DefaultHasher);

impl Sink for ContentHash {
    fn text(&mut self, field: Field, value: &str) {
        self.0.write_u32(field.field_id());
        self.0.write_usize(value.len());
        self.0.write(value.as_bytes());
    }
    fn derived(&mut self, _: Field, _: impl FnOnce() -> String) {}
}

/// The hash of everything `document` indexes for `i`.
pub(crate) fn content_hash(f: &Fields, i: &Incident) -> u64 {
    let mut h = ContentHash(std::hash::DefaultHasher::new());
    document_into(f, i, &mut h);
    h.0.finish()
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
    let join = |items: &[crate::model::Narrative]| {
        items
            .iter()
            .map(|n| format!("{} {}", n.title.as_deref().unwrap_or(""), n.text))
            .collect::<Vec<_>>()
            .join("\n")
    };
    d.text(f.id, &i.id);
    d.text(f.source, &i.source);
    d.text(f.url, &i.url);
    d.text(f.status, i.status.as_deref().unwrap_or_default());
    d.text(f.severity, i.severity.as_deref().unwrap_or_default());
    d.text(f.title, &i.title);
    d.text(f.title_code, &i.title);
    d.text(f.summary, i.summary.as_deref().unwrap_or_default());
    d.text(f.root_cause, &join(&i.root_causes));
    d.text(f.fix, &join(&i.fixes));
    d.text(f.lessons, &i.lessons.join("\n"));
    d.text(f.body, &i.body);
    d.derived(f.body_raw, || i.body.clone());
    d.derived(f.body_code, || code_of(&i.body));
    if let Some(date) = &i.date {
        d.text(f.date, date);
    }
    for e in &i.errors {
        d.text(f.errors, &e.message);
        if !e.signature.is_empty() {
            d.text(f.signatures, &e.signature);
            d.derived(f.signatures_fast, || e.signature.clone());
        }
    }
    let mut code = String::new();
    for c in &i.changes {
        for side in [&c.before, &c.after].into_iter().flatten() {
            code.push_str(side);
            code.push('\n');
        }
    }
    d.text(f.code, &code);
    for t in &i.technologies {
        d.text(f.technology, &crate::extract::text::slugify(t));
    }
    for s in &i.services {
        d.text(f.service, &crate::extract::text::slugify(s));
    }
    for t in &i.tags {
        d.text(f.tag, &crate::extract::text::slugify(t));
    }
}

/// The code of a report: fenced blocks and inline code spans. Prose words
/// are already in the prose fields; running the code tokenizer over them
/// again would cost index time and favour wordy reports.
fn code_of(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push_str(line);
            out.push('\n');
        } else {
            let mut parts = line.split('`');
            parts.next();
            for (n, part) in parts.enumerate() {
                if n % 2 == 0 {
                    out.push_str(part);
                    out.push(' ');
                }
            }
        }
    }
    out
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
            ("summary", |i| i.summary = None),
            ("error", |i| i.errors[0].message.push('!')),
            ("signature", |i| i.errors[0].signature.push('x')),
            ("root cause", |i| i.root_causes[0].text.push('!')),
            ("fix", |i| i.fixes[0].title = Some("t".into())),
            ("lesson", |i| i.lessons.push("More.".into())),
            ("change", |i| i.changes[0].after = None),
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
        i.summary = Some(String::new());
        i.lessons = vec!["Reads timed out.".into(), "Size pools.".into()];
        assert_ne!(content_hash(&f, &i), h);
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
