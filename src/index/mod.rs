//! The search index: tantivy, stored in `.incidex/index` (never in a
//! watched folder), and searching it. User text never goes through
//! tantivy's query parser: queries are built here from the same analyzers
//! the index uses, so any input (quotes, `field:value`, `a:(^`, NUL bytes,
//! a 10 KB stack trace) gives results or none.

pub mod export;
pub mod tokenize;

use crate::extract::signature::signature;
use crate::model::Incident;
use anyhow::{Context, Result};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{doc, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

/// Bumped whenever the schema or analysis changes: an index of another
/// version is rebuilt.
pub const SCHEMA_VERSION: u32 = 1;

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
    };
    (b.build(), f)
}

pub(crate) fn register(index: &Index) {
    index
        .tokenizers()
        .register(CODE, TextAnalyzer::builder(tokenize::CodeTokenizer).build());
}

/// Where a knowledge base keeps its index.
pub fn index_dir(root: &Path) -> PathBuf {
    root.join(".incidex").join("index")
}

const STAMP: &str = "incidex-stamp";

/// Opens the index of `root`, rebuilding it first when it is missing or
/// older than the reports (or was built by another schema version).
pub fn open_fresh(root: &Path, config: &crate::config::Config) -> Result<Searcher> {
    let dir = index_dir(root);
    let stamp = stamp(root, config);
    if !is_fresh(&dir, &stamp) {
        let loaded = crate::load::load(root, config);
        let site = crate::model::Site::new(loaded.incidents);
        build(&dir, &site.incidents, &stamp)?;
    }
    Searcher::open(&dir)
}

/// Rebuilds the index from scratch with every incident; `stamp` records
/// what it was built from, for `is_fresh`.
pub fn build(dir: &Path, incidents: &[Incident], stamp: &str) -> Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let (schema, f) = schema();
    let index = Index::create_in_dir(dir, schema).context("cannot create the search index")?;
    register(&index);
    let mut writer = index
        .writer(100_000_000)
        .context("cannot open the index writer")?;
    for i in incidents {
        writer.add_document(document(&f, i))?;
    }
    writer.commit().context("cannot commit the search index")?;
    std::fs::write(dir.join(STAMP), stamp)
        .with_context(|| format!("cannot write {}", dir.display()))?;
    Ok(())
}

/// Whether the index in `dir` was built from exactly `stamp`.
pub fn is_fresh(dir: &Path, stamp: &str) -> bool {
    std::fs::read_to_string(dir.join(STAMP)).is_ok_and(|s| s == stamp)
}

/// What an index is built from: the schema version, the config and every
/// report's path, size and modification time.
pub fn stamp(root: &Path, config: &crate::config::Config) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    SCHEMA_VERSION.hash(&mut h);
    format!("{config:?}").hash(&mut h);
    for p in crate::source::discover(&root.join(&config.content_dir), config) {
        p.hash(&mut h);
        if let Ok(m) = std::fs::metadata(&p) {
            m.len().hash(&mut h);
            if let Ok(t) = m.modified() {
                t.hash(&mut h);
            }
        }
    }
    format!("{SCHEMA_VERSION}:{:016x}", h.finish())
}

fn document(f: &Fields, i: &Incident) -> TantivyDocument {
    let join = |items: &[crate::model::Narrative]| {
        items
            .iter()
            .map(|n| format!("{} {}", n.title.as_deref().unwrap_or(""), n.text))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut d = doc!(
        f.id => i.id.clone(),
        f.source => i.source.clone(),
        f.url => i.url.clone(),
        f.status => i.status.clone().unwrap_or_default(),
        f.severity => i.severity.clone().unwrap_or_default(),
        f.title => i.title.clone(),
        f.title_code => i.title.clone(),
        f.summary => i.summary.clone().unwrap_or_default(),
        f.root_cause => join(&i.root_causes),
        f.fix => join(&i.fixes),
        f.lessons => i.lessons.join("\n"),
        f.body => i.body.clone(),
        f.body_raw => i.body.clone(),
        f.body_code => code_of(&i.body),
    );
    if let Some(date) = &i.date {
        d.add_text(f.date, date);
    }
    for e in &i.errors {
        d.add_text(f.errors, &e.message);
        if !e.signature.is_empty() {
            d.add_text(f.signatures, &e.signature);
        }
    }
    let mut code = String::new();
    for c in &i.changes {
        for side in [&c.before, &c.after].into_iter().flatten() {
            code.push_str(side);
            code.push('\n');
        }
    }
    d.add_text(f.code, code);
    for t in &i.technologies {
        d.add_text(f.technology, crate::extract::text::slugify(t));
    }
    for s in &i.services {
        d.add_text(f.service, crate::extract::text::slugify(s));
    }
    for t in &i.tags {
        d.add_text(f.tag, crate::extract::text::slugify(t));
    }
    d
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

/// An open index, ready for many searches.
pub struct Searcher {
    index: Index,
    reader: IndexReader,
    f: Fields,
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

/// Longest query text considered: a pasted 10 KB trace is identified by its start.
const MAX_QUERY_BYTES: usize = 4096;
/// Most distinct terms per analyzer a query keeps.
const MAX_TERMS: usize = 48;
/// Score added when a pasted error has the signature of an indexed one:
/// the same error ranks above any word match.
const SIGNATURE_BONUS: f32 = 1000.0;

impl Searcher {
    pub fn open(dir: &Path) -> Result<Searcher> {
        let index = Index::open_in_dir(dir)
            .with_context(|| format!("cannot open the index in {}", dir.display()))?;
        register(&index);
        let (_, f) = schema();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Searcher { index, reader, f })
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
        let mut prose: Vec<String> = Vec::new();
        for t in &prose_all {
            if !prose.contains(t) && prose.len() < MAX_TERMS {
                prose.push(t.clone());
            }
        }
        let mut code: Vec<String> = Vec::new();
        for t in self.analyze(CODE, &text) {
            if !code.contains(&t) && code.len() < MAX_TERMS {
                code.push(t);
            }
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let term = |field: Field, t: &str, boost: f32| -> (Occur, Box<dyn Query>) {
            let q = TermQuery::new(
                Term::from_field_text(field, t),
                IndexRecordOption::WithFreqs,
            );
            (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)))
        };
        for t in &prose {
            for (field, boost) in [
                (f.title, 2.0),
                (f.summary, 1.0),
                (f.root_cause, 1.0),
                (f.fix, 1.0),
                (f.lessons, 0.5),
                (f.body, 0.6),
            ] {
                clauses.push(term(field, t, boost));
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
        for t in &related {
            for (field, boost) in [(f.title, 0.6), (f.body, 0.3), (f.root_cause, 0.3)] {
                clauses.push(term(field, t, boost));
            }
        }
        // Unstemmed words over the whole report: exact wording ranks first.
        let mut raw: Vec<String> = Vec::new();
        for t in self.analyze("default", &text) {
            if !raw.contains(&t) && raw.len() < MAX_TERMS {
                raw.push(t);
            }
        }
        for t in &raw {
            clauses.push(term(f.body_raw, t, 1.0));
        }
        for t in &code {
            // Plain words are the prose fields' business; counting them again
            // in the code fields would favour long, identifier-heavy reports.
            let code_shaped =
                !t.chars().all(char::is_alphabetic) || !prose_all.iter().any(|p| p == t);
            clauses.push(term(f.errors, t, 1.5));
            if code_shaped {
                for (field, boost) in [(f.title_code, 1.5), (f.code, 1.0), (f.body_code, 0.7)] {
                    clauses.push(term(field, t, boost));
                }
            }
        }
        // Words next to each other in the query rank documents that have them next to each other.
        for pair in prose_all.windows(2).take(MAX_TERMS) {
            if pair[0] == pair[1] {
                continue;
            }
            for (field, boost) in [(f.body, 1.0), (f.title, 2.0)] {
                let terms = vec![
                    Term::from_field_text(field, &pair[0]),
                    Term::from_field_text(field, &pair[1]),
                ];
                let mut phrase = PhraseQuery::new(terms);
                phrase.set_slop(1);
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(phrase), boost)),
                ));
            }
        }
        if clauses.is_empty() {
            return Ok(SearchResults {
                query: query.to_string(),
                total: 0,
                took_ms: ms(started),
                hits: vec![],
            });
        }
        let words = BooleanQuery::new(clauses);
        let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(words))];
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
                must.push((
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, &slug),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
        }
        let full = BooleanQuery::new(must);

        let searcher = self.reader.searcher();
        let limit = opts.limit.clamp(1, 1000);
        let pool = (limit * 5).max(50);
        let top = searcher.search(&full, &TopDocs::with_limit(pool).order_by_score())?;
        let query_sig = signature(&text);
        let mut scored: Vec<(f32, TantivyDocument)> = Vec::new();
        for (score, address) in top {
            let d: TantivyDocument = searcher.doc(address)?;
            let mut score = score;
            let sigs: Vec<String> = d
                .get_all(f.signatures)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            if signature_match(&query_sig, &sigs) {
                score += SIGNATURE_BONUS;
            }
            if let Some(since) = &opts.since {
                let date = d.get_first(f.date).and_then(|v| v.as_str()).unwrap_or("");
                if date.is_empty() || date < since.as_str() {
                    continue;
                }
            }
            scored.push((score, d));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let total = scored.len();
        scored.truncate(limit);

        let body_terms: Vec<(Occur, Box<dyn Query>)> = prose
            .iter()
            .map(|t| -> (Occur, Box<dyn Query>) {
                (
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.body, t),
                        IndexRecordOption::WithFreqs,
                    )),
                )
            })
            .collect();
        let snippet_query = BooleanQuery::new(body_terms);
        let mut snippets = SnippetGenerator::create(&searcher, &snippet_query, f.body)?;
        snippets.set_max_num_chars(220);
        let hits = scored
            .into_iter()
            .map(|(score, d)| {
                let get = |field: Field| {
                    d.get_first(field)
                        .and_then(|v| v.as_str())
                        .unwrap_or("")
                        .to_string()
                };
                let snippet = snippets.snippet_from_doc(&d);
                SearchHit {
                    id: get(f.id),
                    title: get(f.title),
                    source: get(f.source),
                    url: get(f.url),
                    score,
                    snippet: mark(snippet.fragment(), snippet.highlighted()),
                    date: Some(get(f.date)).filter(|s| !s.is_empty()),
                    status: Some(get(f.status)).filter(|s| !s.is_empty()),
                }
            })
            .collect();
        Ok(SearchResults {
            query: query.to_string(),
            total,
            took_ms: ms(started),
            hits,
        })
    }
}

fn ms(started: Instant) -> f64 {
    (started.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0
}

/// A pasted error matches an indexed one when one signature holds the
/// other as a run of whole words (the paste often adds a prefix or a tail).
fn signature_match(query_sig: &str, sigs: &[String]) -> bool {
    if query_sig.split('-').count() < 3 {
        return false;
    }
    let q = format!("-{query_sig}-");
    sigs.iter().any(|s| {
        s.split('-').count() >= 3
            && (q.contains(&format!("-{s}-")) || format!("-{s}-").contains(&q))
    })
}

/// The fragment with matched ranges in `<mark>`, everything escaped.
fn mark(fragment: &str, ranges: &[std::ops::Range<usize>]) -> String {
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
