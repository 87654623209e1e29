//! Technologies a report is about. Names come from a dictionary kept as data
//! (`data/technologies.txt`: canonical names, aliases and code keys,
//! extendable in config) found in prose, and from evidence in the report
//! itself (`tech_evidence`): code-block languages, imports, manifests,
//! install commands, container images, Kubernetes objects, cloud services,
//! commands, hosts and paths. Every candidate is scored by where it appears
//! (title and root cause over a passing mention in a long list) and how
//! often, and only the central ones are kept.
//!
//! Names that are also ordinary words (Render, Go, Swift, Rust, Railway...)
//! count only when written as a name: capitalized and not opening a
//! sentence, in a metadata value, in code (`go build`, ```swift), or
//! confirmed by other evidence; titles and headings alone do not confirm.

use super::document::Document;
use super::markdown::{Block, Kind};
use super::sections::{LabelKind, Role};
use super::tech_evidence::{self as ev, Clue, Kind as Ev};
use crate::extract::per_thread::PerThread;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: the maps here take short keys by the thousand per report, where
/// the default hasher's resistance to flooding costs more than it gives.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A hash taking eight bytes a step (FxHash's mix): the spelling scan
/// hashes every word of a report, where FNV's multiply per byte is a
/// chain the processor cannot overlap.
#[derive(Default)]
struct Words(u64);

impl Words {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Words {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}
use std::sync::{Arc, LazyLock, Mutex};

/// The dictionary, one technology a line (the format is described at its top).
pub const DATA: &str = include_str!("../../data/technologies.txt");

/// At most this many technologies are kept for one report.
pub const MAX_TECHNOLOGIES: usize = 12;

/// A technology needs this score: one mention in running prose.
const MIN_SCORE: f32 = 1.0;

/// Below this share of the best-scored technology, a candidate is a passing
/// mention in a report that is about something else.
const MIN_SHARE: f32 = 0.03;

/// A name met only in lists (its share of a list's weight below this) is
/// dropped when others are central.
const MIN_LISTED: f32 = 0.6;

/// How a name is matched in prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// Any case.
    Plain,
    /// Exactly as written (acronyms: GAN, CVE).
    Exact,
    /// An ordinary word too: see the module doc.
    Word,
    /// Never in prose (C, R): only in code and through its aliases.
    Code,
}

/// Categories of the data file. Utilities, formats and shells are named in
/// passing by most reports: they weigh less.
pub const CATEGORIES: &[(&str, f32)] = &[
    ("language", 1.0),
    ("runtime", 1.0),
    ("framework", 1.0),
    ("library", 1.0),
    ("database", 1.0),
    ("data", 1.0),
    ("storage", 1.0),
    ("queue", 1.0),
    ("cloud", 1.0),
    ("hosting", 1.0),
    ("container", 1.0),
    ("infra", 1.0),
    ("ci", 1.0),
    ("build", 0.8),
    ("observability", 1.0),
    ("security", 1.0),
    ("web-server", 1.0),
    ("networking", 1.0),
    ("protocol", 1.0),
    ("os", 1.0),
    ("mobile", 1.0),
    ("embedded", 1.0),
    ("blockchain", 1.0),
    ("saas", 1.0),
    ("ml", 1.0),
    ("testing", 1.0),
    ("tool", 1.0),
    ("package-manager", 0.5),
    ("utility", 0.4),
    ("format", 0.4),
    ("shell", 0.4),
    ("custom", 1.0),
];

/// One line of the data file.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub name: String,
    pub rule: Match,
    pub category: String,
    /// Other spellings in prose: lower case in any case, else as written.
    pub aka: Vec<String>,
    /// Spellings that are ordinary words too (matched as `Match::Word`).
    pub word: Vec<String>,
    /// Keys seen in code (packages, modules, images, `ext:`, `aws:`...).
    pub pkg: Vec<String>,
    /// Technologies whose presence confirms a word-rule name.
    pub with: Vec<String>,
}

/// Reads the data file; an error names the line.
pub fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |msg: &str| format!("data/technologies.txt line {}: {msg}", i + 1);
        let fields: Vec<&str> = line.split('|').map(str::trim).collect();
        if fields.len() < 3 || fields[0].is_empty() {
            return Err(at("expected `name | rule | category`"));
        }
        let rule = match fields[1] {
            "plain" => Match::Plain,
            "exact" => Match::Exact,
            "word" => Match::Word,
            "code" => Match::Code,
            other => return Err(at(&format!("unknown rule `{other}`"))),
        };
        if !CATEGORIES.iter().any(|(c, _)| *c == fields[2]) {
            return Err(at(&format!("unknown category `{}`", fields[2])));
        }
        let mut e = Entry {
            name: fields[0].to_string(),
            rule,
            category: fields[2].to_string(),
            aka: Vec::new(),
            word: Vec::new(),
            pkg: Vec::new(),
            with: Vec::new(),
        };
        let mut seen: Vec<&str> = Vec::new();
        for f in &fields[3..] {
            let Some((key, values)) = f.split_once(':') else {
                return Err(at(&format!("expected `key: values`, got `{f}`")));
            };
            let key = key.trim();
            if seen.contains(&key) {
                return Err(at(&format!("`{key}` twice")));
            }
            seen.push(key);
            let values: Vec<String> = values.split(',').map(|v| v.trim().to_string()).collect();
            if values.iter().any(String::is_empty) {
                return Err(at(&format!("an empty value in `{key}`")));
            }
            match key {
                "aka" => e.aka = values,
                "word" => e.word = values,
                "pkg" => e.pkg = values,
                "with" => e.with = values,
                other => return Err(at(&format!("unknown key `{other}`"))),
            }
        }
        out.push(e);
    }
    Ok(out)
}

struct Tech {
    name: String,
    /// Weight of the category.
    weight: f32,
    /// Indexes of the technologies that confirm it.
    with: Vec<usize>,
}

/// One spelling of a technology in prose.
struct Alias {
    tech: usize,
    rule: Match,
    spelling: String,
}

struct Dict {
    techs: Vec<Tech>,
    /// Every prose spelling in ASCII lower case, looked up where a word
    /// starts (see `Spellings`).
    spellings: Spellings,
    /// Aliases of each spelling, by spelling index.
    aliases: Vec<Vec<Alias>>,
    /// Code keys → (technology, whether it is an ordinary word's bare name).
    keys: HashMap<String, (usize, bool)>,
    /// Lower-case spellings that match in any case: folder names in paths.
    names: HashMap<String, usize>,
}

fn build(extra: &BTreeMap<String, Vec<String>>) -> Dict {
    let entries = parse(DATA).expect("data/technologies.txt is well-formed");
    let mut techs: Vec<Tech> = Vec::with_capacity(entries.len() + extra.len());
    let mut by_spelling: BTreeMap<String, Vec<Alias>> = BTreeMap::new();
    let mut keys: HashMap<String, (usize, bool)> = HashMap::default();
    let mut names: HashMap<String, usize> = HashMap::default();
    let mut add = |tech: usize, spelling: &str, rule: Match| {
        let same = by_spelling
            .entry(spelling.to_ascii_lowercase())
            .or_default();
        // "PgBouncer" and its alias "pgbouncer": one spelling, the looser rule.
        if let Some(a) = same.iter_mut().find(|a| a.tech == tech) {
            if rule == Match::Plain {
                a.rule = Match::Plain;
            }
            return;
        }
        same.push(Alias {
            tech,
            rule,
            spelling: spelling.to_string(),
        });
    };
    for (i, e) in entries.iter().enumerate() {
        let weight = CATEGORIES
            .iter()
            .find(|(c, _)| *c == e.category)
            .map_or(1.0, |(_, w)| *w);
        techs.push(Tech {
            name: e.name.clone(),
            weight,
            with: Vec::new(),
        });
        if e.rule != Match::Code {
            add(i, &e.name, e.rule);
        }
        if e.rule == Match::Plain {
            names.insert(e.name.to_lowercase(), i);
        }
        keys.entry(ev::norm(&e.name))
            .or_insert((i, e.rule == Match::Word));
        for a in &e.aka {
            let lower = a.to_lowercase() == *a;
            add(i, a, if lower { Match::Plain } else { Match::Exact });
            if lower {
                names.entry(a.clone()).or_insert(i);
            }
            keys.entry(ev::norm(a)).or_insert((i, false));
        }
        for w in &e.word {
            add(i, w, Match::Word);
            keys.entry(ev::norm(w)).or_insert((i, true));
        }
        for p in &e.pkg {
            keys.entry(ev::norm(p)).or_insert((i, false));
        }
    }
    for (name, aliases) in extra {
        let i = techs.len();
        techs.push(Tech {
            name: name.clone(),
            weight: 1.0,
            with: Vec::new(),
        });
        for a in std::iter::once(name).chain(aliases) {
            add(i, a, Match::Plain);
            names.insert(a.to_lowercase(), i);
            keys.insert(ev::norm(a), (i, false));
        }
    }
    let index: HashMap<String, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.name.to_lowercase(), i))
        .collect();
    for (i, e) in entries.iter().enumerate() {
        techs[i].with = e
            .with
            .iter()
            .filter_map(|w| index.get(&w.to_lowercase()).copied())
            .collect();
    }
    let (patterns, aliases): (Vec<String>, Vec<Vec<Alias>>) = by_spelling.into_iter().unzip();
    Dict {
        techs,
        spellings: Spellings::new(patterns),
        aliases,
        keys,
        names,
    }
}

static BUILTIN: LazyLock<Dict> = LazyLock::new(|| build(&BTreeMap::new()));

/// Whether `name` is a technology of the built-in dictionary, by its
/// name or an alias ("SQLAlchemy", "postgres").
pub fn is_known(name: &str) -> bool {
    BUILTIN.names.contains_key(name.to_lowercase().as_str())
}

/// Builds the built-in dictionary's automaton now (see `super::warm_up`).
pub fn warm_up() {
    LazyLock::force(&BUILTIN);
}

type Extra = BTreeMap<String, Vec<String>>;

/// The dictionary with the config's names, built once per distinct config.
static CUSTOM: Mutex<Option<(Extra, Arc<Dict>)>> = Mutex::new(None);

fn custom(extra: &BTreeMap<String, Vec<String>>) -> Arc<Dict> {
    let mut slot = CUSTOM.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((k, d)) = slot.as_ref() {
        if k == extra {
            return Arc::clone(d);
        }
    }
    let d = Arc::new(build(extra));
    *slot = Some((extra.clone(), Arc::clone(&d)));
    d
}

/// The dictionary's spellings by their first word, for a scan that only
/// looks where a word starts. A name counts only as a whole word (see
/// `whole_word_in`), so the places inside a word need no look: the scan
/// hashes each word of the text once. An automaton over all spellings was
/// a 5.7 MB table, a quarter of every run's start-up to build, walked
/// byte by byte with cache misses; this takes a few more instructions a
/// report and about the same time.
struct Spellings {
    /// Lower-case spellings, by index.
    patterns: Vec<String>,
    /// First key (see `key_end`) → spellings starting with it, longest first.
    by_key: std::collections::HashMap<Vec<u8>, Vec<u32>, BuildHasherDefault<Words>>,
    /// Whether any spelling starts with this byte: most spaces and
    /// punctuation need no look-up.
    first: [bool; 256],
}

/// Where the key starting at `i` ends: a run of ASCII letters and digits,
/// or else one character (one byte inside a character: no spelling's key).
fn key_end(b: &[u8], i: usize) -> usize {
    match b[i] {
        c if c.is_ascii_alphanumeric() => {
            i + b[i..]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .unwrap_or(b.len() - i)
        }
        c if !(0x80..0xC0).contains(&c) => {
            let len = match c {
                0..=0x7F => 1,
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            (i + len).min(b.len())
        }
        _ => i + 1,
    }
}

impl Spellings {
    fn new(patterns: Vec<String>) -> Self {
        let mut by_key: std::collections::HashMap<Vec<u8>, Vec<u32>, BuildHasherDefault<Words>> =
            Default::default();
        let mut first = [false; 256];
        for (i, p) in patterns.iter().enumerate() {
            if p.is_empty() {
                continue;
            }
            let b = p.as_bytes();
            first[usize::from(b[0])] = true;
            let index = u32::try_from(i).expect("fewer than 2^32 spellings");
            by_key
                .entry(b[..key_end(b, 0)].to_vec())
                .or_default()
                .push(index);
        }
        for list in by_key.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(patterns[i as usize].len()));
        }
        Spellings {
            patterns,
            by_key,
            first,
        }
    }

    /// Spellings in `lower` (ASCII lower case), leftmost first, the longest
    /// at each place, none overlapping: (start, end, spelling index). Only
    /// where no ASCII letter or digit comes before: where a word may start.
    fn find_iter<'t>(&'t self, lower: &'t str) -> impl Iterator<Item = (usize, usize, usize)> + 't {
        let b = lower.as_bytes();
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < b.len() {
                if i > 0 && b[i - 1].is_ascii_alphanumeric() {
                    // Inside a word, or right after one: on past its end.
                    let run = b[i..]
                        .iter()
                        .position(|c| !c.is_ascii_alphanumeric())
                        .unwrap_or(b.len() - i);
                    i += run.max(1);
                    continue;
                }
                let start = i;
                if !self.first[usize::from(b[i])] {
                    i += 1;
                    continue;
                }
                let end = key_end(b, i);
                i = end;
                let Some(list) = self.by_key.get(&b[start..end]) else {
                    continue;
                };
                for &p in list {
                    let p = p as usize;
                    let spelling = self.patterns[p].as_bytes();
                    if b[start..].starts_with(spelling) {
                        i = start + spelling.len();
                        return Some((start, i, p));
                    }
                }
            }
            None
        })
    }
}

/// Characters that continue a word: a name must not sit inside a longer
/// word ("go" in "google", "rust" in "rusty").
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '+' | '#' | '_')
}

/// Whether a match at `start..end` stands as a whole word. Dots, dashes and
/// apostrophes join words ("go-ethereum", "let's") unless they end a
/// sentence; a name that is no ordinary word may lead a compound
/// ("EKS-managed", "Redis-backed", "pydantic-settings").
fn whole_word(text: &str, start: usize, end: usize, compound: bool) -> bool {
    whole_word_in(text, start, end, compound, compound)
}

/// As `whole_word`; `script_edge`: a kana, Han or Hangul letter next to
/// the name's ASCII edge is a boundary. Not for names that are also
/// ordinary words ("Vector検索", "Goサイン" are no products).
fn whole_word_in(text: &str, start: usize, end: usize, compound: bool, script_edge: bool) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joined = |c: char| matches!(c, '.' | '-' | '\'');
    // Japanese, Chinese and Korean write a Latin name straight against
    // their own text ("ProseMirrorで", "Redis를"): there the script change
    // is the word's edge.
    let first_ascii = script_edge && text[start..].starts_with(|c: char| c.is_ascii_alphanumeric());
    let last_ascii = script_edge && text[..end].ends_with(|c: char| c.is_ascii_alphanumeric());
    let word_char = |c: char, ascii_edge: bool| {
        is_word_char(c) && !(ascii_edge && super::text::is_spaceless_script(c))
    };
    let ok_before = match before {
        None => true,
        Some(c) if word_char(c, first_ascii) => false,
        // Hebrew joins its one-letter prepositions and article to a Latin
        // name with a hyphen ("ל-PostgreSQL", "ה-Redis"): there the
        // hyphen is the word's edge.
        Some('-') if first_ascii_letter(text, start) && after_hebrew(text, start - 1) => true,
        Some(c) if joined(c) => text[..start - c.len_utf8()]
            .chars()
            .next_back()
            .is_none_or(|p| !is_word_char(p)),
        Some(_) => true,
    };
    let ok_after = match after {
        None => true,
        Some(c) if word_char(c, last_ascii) => false,
        Some(c) if joined(c) => {
            let rest = &text[end + c.len_utf8()..];
            let possessive =
                c == '\'' && rest.starts_with('s') && !rest[1..].starts_with(is_word_char);
            possessive
                || compound && c != '\''
                || rest.chars().next().is_none_or(|n| !is_word_char(n))
        }
        Some(_) => true,
    };
    ok_before && ok_after
}

fn first_ascii_letter(text: &str, at: usize) -> bool {
    text.as_bytes().get(at).is_some_and(u8::is_ascii_alphabetic)
}

/// Whether a Hebrew letter ends `text[..at]`.
fn after_hebrew(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| ('\u{05D0}'..='\u{05EA}').contains(&c))
}

/// Whether `text[start..end]` is all a quotation holds: `"Go"`, `“Go”`,
/// `'Go'`, `«Go»`.
fn quoted(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    matches!(
        (before, after),
        (Some('"'), Some('"'))
            | (Some('“'), Some('”'))
            | (Some('\''), Some('\''))
            | (Some('‘'), Some('’'))
            | (Some('«'), Some('»'))
            | (Some('„'), Some('“'))
    )
}

fn sentence_start(text: &str, at: usize) -> bool {
    let mut before = &text[..at];
    loop {
        before = before.trim_end_matches([' ', '\t', '*', '_', '`', '"', '(', '[']);
        match before.chars().last() {
            None => return true,
            // An emoji or a bullet opens a sentence where it opens the
            // line ("✅ Rust works"), not inside one ("(😱 Rust's memory").
            Some(c) if super::text::is_decoration(c) => {
                before = &before[..before.len() - c.len_utf8()];
            }
            Some(c) => {
                return matches!(
                    c,
                    '.' | '!' | '?' | ':' | '\n' | '|' | '#' | '>' | '-' | '•'
                )
            }
        }
    }
}

/// Where a piece of text sits decides how much an ordinary word counts.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    /// Running prose: capitalized, mid-sentence names count.
    Prose,
    /// Titles and headings are title-cased: ordinary words need confirmation.
    Title,
    /// Metadata values: a name is a name.
    Named,
    /// Code: names that are no ordinary words, weighed little.
    Code,
}

/// What a report says of one technology.
#[derive(Default, Clone)]
struct Tally {
    /// Confirmed mentions in prose, weighted by place, a list's shared
    /// among its names.
    prose: f32,
    /// The same, a list's not shared.
    prose_raw: f32,
    /// Ordinary-word mentions awaiting confirmation (titles, sentence starts).
    unconfirmed: f32,
    unconfirmed_raw: f32,
    /// Evidence by source (`Source::index`), before caps.
    evidence: [f32; SOURCES],
    /// Named in front matter: always kept.
    front_matter: bool,
}

/// Evidence sources beyond prose, each with a weight per clue and a cap.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Source {
    Clue(Ev),
    /// A name in the text of a code block (a comment, a log line).
    CodeName,
}

/// The kinds of clue and names in code.
const SOURCES: usize = Ev::ALL.len() + 1;

impl Source {
    fn index(self) -> usize {
        match self {
            Source::Clue(k) => k as usize,
            Source::CodeName => SOURCES - 1,
        }
    }

    fn of(index: usize) -> Source {
        Ev::ALL
            .get(index)
            .map_or(Source::CodeName, |k| Source::Clue(*k))
    }
}

fn weight_and_cap(s: Source) -> (f32, f32) {
    match s {
        Source::Clue(k) => match k {
            Ev::Fence => (1.0, 2.0),
            Ev::Import | Ev::Install | Ev::Image | Ev::K8s | Ev::Cloud | Ev::Dsn => (1.5, 3.0),
            Ev::Manifest => (1.2, 2.4),
            Ev::Command | Ev::Inline => (0.8, 2.4),
            Ev::Member => (0.5, 1.5),
            Ev::Path => (0.4, 1.6),
            Ev::Host | Ev::Ext => (0.3, 0.9),
        },
        Source::CodeName => (0.5, 1.5),
    }
}

impl Tally {
    fn confirmed(&self) -> bool {
        self.front_matter || self.prose > 0.0 || self.evidence.iter().any(|v| *v > 0.0)
    }

    /// Evidence, each kind capped (caps scaled like the weights by the
    /// category: a dozen `git` commands are still a utility).
    fn evidence_score(&self, category: f32) -> f32 {
        self.evidence
            .iter()
            .enumerate()
            .map(|(i, v)| v.min(weight_and_cap(Source::of(i)).1 * category))
            .sum()
    }
}

/// Weight of a line by the role of its section.
fn role_weight(role: Role) -> f32 {
    match role {
        Role::Summary | Role::RootCause | Role::Fix => 2.0,
        Role::Errors | Role::Change | Role::Impact => 1.3,
        Role::Validation | Role::Timeline | Role::Other => 1.0,
        Role::Lessons | Role::ActionItems => 0.8,
        Role::References => 0.3,
    }
}

const TITLE_WEIGHT: f32 = 5.0;
/// A unit of text naming more technologies than this is a list.
const LIST_NAMES: f32 = 4.0;
/// List items and table rows up to this many words may be a list of names.
const SHORT_ITEM_WORDS: usize = 8;
const HEADING_WEIGHT: f32 = 2.0;
const META_WEIGHT: f32 = 3.0;

struct Scan<'a> {
    dict: &'a Dict,
    tallies: HashMap<usize, Tally>,
    /// Packages that installs and manifests name but the dictionary lacks.
    unknown: BTreeMap<String, f32>,
    /// Mentions of the current unit (a paragraph, a whole list, a table):
    /// (technology, confirmed, weight).
    pending: Vec<(usize, bool, f32)>,
    /// Matches of the text being scanned (a buffer kept between calls).
    hits: Vec<(usize, bool)>,
    /// The text being scanned in ASCII lower case (a buffer too).
    lower: String,
}

impl<'a> Scan<'a> {
    fn new(dict: &'a Dict) -> Self {
        Scan {
            dict,
            tallies: HashMap::default(),
            unknown: BTreeMap::new(),
            pending: Vec::new(),
            hits: Vec::new(),
            lower: String::new(),
        }
    }

    /// Names in one piece of text.
    fn text(&mut self, text: &str, ctx: Context, weight: f32) {
        if ctx != Context::Code && is_sign_off(text) {
            return;
        }
        let mut hits = std::mem::take(&mut self.hits);
        hits.clear();
        let mut lower = std::mem::take(&mut self.lower);
        lower.clear();
        lower.push_str(text);
        lower.make_ascii_lowercase();
        for (start, end, pattern) in self.dict.spellings.find_iter(&lower) {
            // `ws://` in a list of protocols is a scheme, not the `ws`
            // library; `postgres://` still names its database.
            if text[end..].starts_with("://") && ev::is_plain_scheme(&lower[start..end]) {
                continue;
            }
            let raw = &text[start..end];
            for a in &self.dict.aliases[pattern] {
                let word = a.rule == Match::Word;
                if !whole_word_in(text, start, end, !word, true) {
                    continue;
                }
                // A name that is also a word, written against Japanese,
                // Chinese or Korean text ("Reactで", but "Goサイン"),
                // counts only beside other evidence of it.
                let script_joined = word && !whole_word_in(text, start, end, false, false);
                let confirmed = match a.rule {
                    Match::Plain => true,
                    Match::Exact if raw == a.spelling => true,
                    // A word alone in quotes is a button or a string
                    // ('click "Go"', 'the "Render" tab'), not the product.
                    Match::Word if quoted(text, start, end) => continue,
                    Match::Word if raw == a.spelling && ctx != Context::Code => match ctx {
                        Context::Named => true,
                        Context::Prose => !sentence_start(text, start),
                        _ => false,
                    },
                    _ => continue,
                } && !script_joined;
                if ctx == Context::Code && a.rule == Match::Word {
                    continue;
                }
                hits.push((a.tech, confirmed));
            }
        }
        for &(t, confirmed) in &hits {
            if ctx == Context::Code {
                self.evidence(t, Source::CodeName, 1.0);
            } else {
                let w = weight * self.dict.techs[t].weight;
                self.pending.push((t, confirmed, w));
            }
        }
        self.hits = hits;
        self.lower = lower;
    }

    /// Ends a unit of text. A unit naming many technologies is a list (an
    /// appendix of tools, "we also use A, B, C..."): its names share the
    /// weight of a few.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut distinct: Vec<usize> = self.pending.iter().map(|(t, _, _)| *t).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let share = (LIST_NAMES / distinct.len() as f32).min(1.0);
        for (t, confirmed, w) in self.pending.drain(..) {
            let tally = self.tallies.entry(t).or_default();
            if confirmed {
                tally.prose += w * share;
                tally.prose_raw += w;
            } else {
                tally.unconfirmed += w * share;
                tally.unconfirmed_raw += w;
            }
        }
    }

    fn evidence(&mut self, tech: usize, source: Source, factor: f32) {
        let w = weight_and_cap(source).0 * factor * self.dict.techs[tech].weight;
        self.tallies.entry(tech).or_default().evidence[source.index()] += w;
    }

    fn clues(&mut self, clues: &[Clue], factor: f32) {
        for c in clues {
            match self.resolve(c) {
                Some(t) => self.evidence(t, Source::Clue(c.kind), factor),
                None => {
                    if let Some(p) = &c.package {
                        if matches!(c.kind, Ev::Install | Ev::Manifest) && p.len() > 2 {
                            *self.unknown.entry(p.clone()).or_default() +=
                                weight_and_cap(Source::Clue(c.kind)).0 * factor;
                        }
                    }
                }
            }
        }
    }

    fn resolve(&self, c: &Clue) -> Option<usize> {
        for k in &c.keys {
            if c.kind == Ev::Path {
                if let Some(&t) = self.dict.names.get(k.as_str()) {
                    return Some(t);
                }
                if !k.contains('/') {
                    continue;
                }
            }
            if let Some(&(t, word)) = self.dict.keys.get(k.as_str()) {
                if word && !c.kind.takes_word_keys() {
                    continue;
                }
                return Some(t);
            }
        }
        None
    }
}

/// The technologies of a report, cut to `MAX_TECHNOLOGIES`, most central
/// first (front matter's, then by score).
pub fn extract(
    doc: &Document,
    title: &str,
    front_matter: &[String],
    extra: &BTreeMap<String, Vec<String>>,
) -> Vec<String> {
    let custom_dict;
    let dict: &Dict = if extra.is_empty() {
        &BUILTIN
    } else {
        custom_dict = custom(extra);
        &custom_dict
    };
    let mut scan = Scan::new(dict);
    for v in front_matter {
        scan.text(v, Context::Named, META_WEIGHT);
        scan.flush();
    }
    // Nothing else is scanned yet: whatever is named is front matter's.
    for tally in scan.tallies.values_mut() {
        tally.front_matter = true;
    }
    scan.text(title, Context::Title, TITLE_WEIGHT);
    scan.flush();
    let mut clues: Vec<Clue> = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    // A report names the same span again and again (`checkout-api`): its
    // clues are worked out once, kept here by where they start and end.
    let mut span_clues: Vec<Clue> = Vec::new();
    let mut spans: HashMap<&str, (usize, usize)> = HashMap::default();
    // The unit of text a block belongs to: a list's items, a table's rows.
    let mut unit = usize::MAX;
    // Where the run of list items `b` belongs to starts.
    let mut items_from = 0;
    for (i, b) in doc.blocks.iter().enumerate() {
        if !matches!(b.kind, Kind::Item { .. }) {
            items_from = i + 1;
        }
        // Short list items and table rows ("- Redis", "| Kafka | queue |")
        // make one unit with their neighbours: a list of names. Longer ones
        // are sentences of their own (a timeline, a table of events).
        let short = || b.text().split_whitespace().nth(SHORT_ITEM_WORDS).is_none();
        let this_unit = match &b.kind {
            Kind::Item { .. } if short() => items_from,
            Kind::Row { table, .. } if short() => usize::MAX - 1 - table,
            _ => i,
        };
        if this_unit != unit {
            scan.flush();
            unit = this_unit;
        }
        let role = doc.ann[i].role;
        let factor = if role == Role::References { 0.5 } else { 1.0 };
        clues.clear();
        match &b.kind {
            Kind::Code { lang, text, .. } => {
                names.clear();
                ev::code_block(lang.as_deref(), text, &mut clues, &mut names);
                scan.clues(&clues, factor);
                for n in &names {
                    scan.text(n, Context::Code, 1.0);
                }
                continue;
            }
            Kind::Heading { .. } => {
                if Some(i) != doc.title_block {
                    scan.text(b.text(), Context::Title, HEADING_WEIGHT);
                }
            }
            _ => {
                for l in &doc.ann[i].lines {
                    if let Some(label) = l.label.as_deref() {
                        if is_byline(label) {
                            continue;
                        }
                        // "**Grafana Dashboard**: CPU at 90%": title-cased.
                        scan.text(label, Context::Title, 1.0);
                    }
                    if matches!(l.kind, Some(LabelKind::Meta)) {
                        scan.text(&l.value, Context::Named, META_WEIGHT);
                    } else {
                        scan.text(&l.value, Context::Prose, role_weight(l.role));
                    }
                }
                if doc.ann[i].lines.is_empty() {
                    scan.text(b.text(), Context::Prose, role_weight(role));
                }
            }
        }
        ev::prose(b.text(), &mut clues);
        scan.clues(&clues, factor);
        for c in &b.codes {
            let (from, to) = *spans.entry(c.as_str()).or_insert_with(|| {
                let from = span_clues.len();
                ev::inline_code(c, &mut span_clues);
                (from, span_clues.len())
            });
            scan.clues(&span_clues[from..to], factor);
        }
        clues.clear();
        for (_, url) in &b.links {
            ev::link(url, &mut clues);
        }
        scan.clues(&clues, factor);
    }
    scan.flush();
    let products = product_names(doc, title, dict);
    rank(&scan, doc, &products)
}

static CAMEL: PerThread<regex::Regex> = PerThread::new(|| {
    regex::Regex::new(r"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b").expect("camel-case regex")
});

/// Endings of class and type names, not products (`QueuePool` is a name a
/// product would not take; `TimelineProvider` is the report's own code).
const CODE_SUFFIXES: &[&str] = &[
    "Error",
    "Exception",
    "Handler",
    "Manager",
    "Service",
    "Provider",
    "Controller",
    "Client",
    "Config",
    "Configuration",
    "Factory",
    "Builder",
    "Helper",
    "Util",
    "Utils",
    "Impl",
    "Interface",
    "Type",
    "Event",
    "Request",
    "Response",
    "Component",
    "Screen",
    "Page",
    "View",
    "Model",
    "Store",
    "State",
    "Context",
    "Hook",
    "Module",
    "Pool",
    "Lock",
    "Queue",
    "Map",
    "List",
    "Set",
    "Array",
    "Buffer",
    "Stream",
    "Reader",
    "Writer",
    "Worker",
    "Job",
    "Task",
    "Test",
    "Tests",
    "Spec",
    "Mock",
    "Fixture",
    "Id",
    "Key",
    "Value",
    "Result",
    "Option",
    "Status",
    "Info",
    "Data",
    "Dto",
    "Entity",
    "Repository",
    "Router",
    "Route",
    "Middleware",
    "Listener",
    "Callback",
    "Adapter",
    "Wrapper",
    "Proxy",
    "Cache",
    "Session",
    "Token",
    "Field",
    "Form",
    "Button",
    "Modal",
    "Dialog",
    "Card",
    "Panel",
    "Table",
    "Row",
    "Item",
    "Node",
];

/// Names the report spells like a product (`LlamaParse`, `TigerBeetle`)
/// that the dictionary lacks: camel case, met at least three times in
/// prose, in the title or twice in the summary, root cause or fix, and in
/// no code under any case (camel-case names in code are classes and fields:
/// on real reports they are nearly all such names, so the bar is high).
fn product_names(doc: &Document, title: &str, dict: &Dict) -> Vec<(String, f32)> {
    // name → (mentions, central mentions, in the title)
    type Tally<'t> = BTreeMap<&'t str, (usize, usize, bool)>;
    fn note<'t>(tally: &mut Tally<'t>, text: &'t str, central: bool, in_title: bool) {
        for m in CAMEL.find_iter(text) {
            let after = text[m.end()..].chars().next();
            let before = text[..m.start()].chars().next_back();
            let code_like = matches!(after, Some('(' | '<' | ':' | '_'))
                || after == Some('.') && !text[m.end()..].starts_with(". ")
                || matches!(before, Some('.' | '_' | '/' | '$' | '@'));
            if !code_like {
                let e = tally.entry(m.as_str()).or_default();
                e.0 += 1;
                e.1 += usize::from(central);
                e.2 |= in_title;
            }
        }
    }
    // Candidates come from the title and the central sections, a small
    // part of most reports; the rest is read only when there are some.
    let central = |i: usize| matches!(doc.ann[i].role, Role::Summary | Role::RootCause | Role::Fix);
    let prose =
        |i: usize, b: &Block| !matches!(b.kind, Kind::Code { .. }) && Some(i) != doc.title_block;
    let mut tally: Tally = BTreeMap::new();
    note(&mut tally, title, true, true);
    for (i, b) in doc.blocks.iter().enumerate() {
        if prose(i, b) && central(i) {
            note(&mut tally, b.text(), true, false);
        }
    }
    let mut candidates: Vec<(&str, usize)> = tally
        .into_iter()
        .filter(|(name, (_, central, in_title))| {
            (*in_title || *central >= 2)
                && !CODE_SUFFIXES.iter().any(|s| name.ends_with(s))
                && !dict.keys.contains_key(&ev::norm(name))
        })
        .map(|(name, (n, _, _))| (name, n))
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    let mut rest: Tally = BTreeMap::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        if prose(i, b) && !central(i) {
            note(&mut rest, b.text(), false, false);
        }
    }
    for (name, n) in candidates.iter_mut() {
        *n += rest.get(name).map_or(0, |e| e.0);
    }
    candidates.retain(|(_, n)| *n >= 3);
    if candidates.is_empty() {
        return Vec::new();
    }
    let code: String = doc
        .blocks
        .iter()
        .flat_map(|b| match &b.kind {
            Kind::Code { text, .. } => vec![text.as_str()],
            _ => b.codes.iter().map(String::as_str).collect(),
        })
        .collect::<Vec<&str>>()
        .join("\n")
        .to_lowercase();
    candidates
        .into_iter()
        .filter(|(name, _)| !code.contains(&name.to_lowercase()))
        .map(|(name, n)| (name.to_string(), 0.5 + 0.4 * n.min(5) as f32))
        .collect()
}

fn rank(scan: &Scan, doc: &Document, products: &[(String, f32)]) -> Vec<String> {
    let dict = scan.dict;
    // (shared score, raw score) of the confirmed ones.
    let base: HashMap<usize, (f32, f32)> = scan
        .tallies
        .iter()
        .filter(|(_, t)| t.confirmed())
        .map(|(i, t)| {
            let e = t.evidence_score(dict.techs[*i].weight);
            (
                *i,
                (
                    t.prose + t.unconfirmed + e,
                    t.prose_raw + t.unconfirmed_raw + e,
                ),
            )
        })
        .collect();
    // (shared score, raw score, name, from front matter)
    let mut scored: Vec<(f32, f32, String, bool)> = Vec::new();
    for (i, t) in &scan.tallies {
        let (score, raw) = match base.get(i) {
            Some(s) => *s,
            // A title-cased ordinary word, confirmed by a companion (Foundry
            // with Solidity, Windows with PowerShell).
            None if dict.techs[*i]
                .with
                .iter()
                .any(|w| base.get(w).is_some_and(|s| s.1 >= MIN_SCORE)) =>
            {
                (t.unconfirmed, t.unconfirmed_raw)
            }
            None => continue,
        };
        scored.push((score, raw, dict.techs[*i].name.clone(), t.front_matter));
    }
    // Packages the dictionary lacks, when the prose names them too.
    let prose = if scan.unknown.is_empty() {
        String::new()
    } else {
        prose_text(doc)
    };
    for (name, w) in &scan.unknown {
        let lower = name.to_lowercase();
        let mentions = count_words(&prose, &lower);
        if mentions > 0 && !scored.iter().any(|s| s.2.eq_ignore_ascii_case(name)) {
            let s = w.min(3.0) + 0.5 * mentions.min(4) as f32;
            scored.push((s, s, name.clone(), false));
        }
    }
    for (name, s) in products {
        if !scored.iter().any(|x| x.2.eq_ignore_ascii_case(name)) {
            scored.push((*s, *s, name.clone(), false));
        }
    }
    scored.sort_by(|a, b| {
        b.3.cmp(&a.3)
            .then(b.0.total_cmp(&a.0))
            .then_with(|| a.2.cmp(&b.2))
    });
    let top = scored.iter().find(|s| !s.3).map_or(0.0, |s| s.0);
    for s in &scored {
        tracing::trace!(
            score = s.0,
            raw = s.1,
            front_matter = s.3,
            "technology candidate {}",
            s.2
        );
    }
    // Once some name is central, names only met in long lists are dropped.
    let floor = if top >= MIN_SCORE { MIN_LISTED } else { 0.0 };
    let mut seen: BTreeSet<String> = BTreeSet::new();
    scored
        .into_iter()
        .filter(|(score, raw, _, fm)| {
            *fm || (*raw >= MIN_SCORE && *score >= floor && *score >= top * MIN_SHARE)
        })
        .take(MAX_TECHNOLOGIES)
        .map(|(_, _, name, _)| name)
        .filter(|name| seen.insert(name.clone()))
        .collect()
}

/// "Generated with Claude Code", "Co-Authored-By: ...": the tool that wrote
/// the report, not one it is about.
fn is_sign_off(text: &str) -> bool {
    // Only the start is compared: no lower-case copy of the whole text.
    let t = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    [
        "generated with",
        "generated by",
        "co-authored-by",
        "written with",
    ]
    .iter()
    .any(|p| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
}

/// "Author:", "Resolved By:", "Report Generated By:", "Analysis Tool:":
/// who (or which assistant) wrote or handled the report, not what it is
/// about; in English and the languages reports here are written in
/// ("Implementato da", "Rapor Hazırlayan", "Erstellt von").
fn is_byline(label: &str) -> bool {
    let l = super::text::lower(label);
    let l = l.trim();
    // Whole words: "autor" is in "Autorización", "owner" in nothing else.
    const WORDS: &[&str] = &[
        "author",
        "authors",
        "autor",
        "autores",
        "auteur",
        "auteurs",
        "autore",
        "autori",
        "автор",
        "verfasser",
        "forfatter",
        "yazar",
        "hazırlayan",
        "reviewer",
        "reviewers",
        "assignee",
        "assignees",
        "owner",
        "owners",
        "contact",
        "assistant",
        "analyst",
        "investigator",
        "نویسنده",
    ];
    // Phrases and unspaced scripts, as substrings.
    const PHRASES: &[&str] = &[
        "analysis tool",
        "prepared with",
        "written with",
        "generated with",
        "작성자",
        "作成者",
        "担当者",
        "作者",
        "负责人",
    ];
    // "… by" and its translations: Italian da/di, German von, French
    // par, Spanish and Portuguese por, Dutch door, Danish af, Swedish and
    // Norwegian av, Polish przez.
    const BY: &[&str] = &[
        "by", "da", "di", "von", "par", "por", "door", "af", "av", "przez",
    ];
    let last = l.rsplit(' ').next().unwrap_or("");
    l.split(|c: char| !c.is_alphanumeric())
        .any(|w| WORDS.contains(&w))
        || PHRASES.iter().any(|p| l.contains(p))
        || (BY.contains(&last) && (l.contains(' ') || last == "by"))
}

/// The report's prose (not its code blocks), lower case.
fn prose_text(doc: &Document) -> String {
    let mut out = String::new();
    for b in &doc.blocks {
        if !matches!(b.kind, Kind::Code { .. }) {
            out.push_str(&b.text().to_lowercase());
            out.push('\n');
        }
    }
    out
}

/// How often `word` stands as a whole word in `text` (both lower case).
fn count_words(text: &str, word: &str) -> usize {
    text.match_indices(word)
        .filter(|(i, _)| whole_word(text, *i, i + word.len(), false))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::document::annotate;
    use crate::extract::markdown::blocks;

    fn techs(md: &str) -> Vec<String> {
        let doc = annotate(blocks(md, 1));
        let title = doc
            .title_block
            .map(|b| doc.blocks[b].text().to_string())
            .unwrap_or_default();
        extract(&doc, &title, &[], &BTreeMap::new())
    }

    fn has(got: &[String], want: &str) -> bool {
        got.iter().any(|g| g == want)
    }

    // ---- the data file

    #[test]
    fn data_file_loads_and_is_large() {
        let entries = parse(DATA).unwrap();
        assert!(entries.len() >= 1000, "{} names", entries.len());
        assert!(BUILTIN.techs.len() >= 1000);
    }

    /// Rival products are names of their own, never one's aliases.
    #[test]
    fn competing_products_are_not_each_others_aliases() {
        let got = techs(
            "# Bot wave\n\nThe form runs Turnstile; Turnstile was never called by the page.\n",
        );
        assert_eq!(got, ["Cloudflare Turnstile"], "{got:?}");
        let got = techs(
            "# Leaked key\n\nWe ran trufflehog over the history; trufflehog found the key.\n",
        );
        assert_eq!(got, ["TruffleHog"], "{got:?}");
        let got = techs("# jq and yq drift\n\nWe ran `jq` over the JSON and `yq` over the YAML; jq passed, yq failed.\n");
        assert_eq!(got, ["jq", "yq"], "{got:?}");
        // A framework on a framework is its own name.
        let got = techs("# PyTorch Lightning training hang\n\nPyTorch Lightning hangs while it counts batches.\n");
        assert_eq!(got, ["PyTorch Lightning"], "{got:?}");
        let got = techs("# Filament 4 migration bug\n\nAfter moving the Laravel panel to Filament 4, the Filament tables broke.\n");
        assert!(has(&got, "Filament") && has(&got, "Laravel"), "{got:?}");
        // An ordinary turnstile is no product.
        let got = techs("# Gate outage\n\nthe turnstile at the door jammed.\n");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn the_assistant_credited_for_the_report_is_no_technology() {
        for line in [
            "**Rapor Hazırlayan:** Auto (Claude 4.1 Opus)",
            "**Implementato da**: GitHub Copilot",
            "**Analysis Tool**: Claude Code",
            "**Erstellt von**: Claude",
            "**Prepared with**: ChatGPT",
        ] {
            let md = format!("# Redis timeouts\n\nRedis timed out under load; Redis was restarted.\n\n---\n\n{line}\n");
            let got = techs(&md);
            assert_eq!(got, ["Redis"], "{line}");
        }
        // A stack line is read, and words that only contain a byline word.
        for line in [
            "**Platform**: Kubernetes",
            "**Written in**: Kubernetes",
            "**Prepared statements**: Kubernetes",
            "**Autorización**: Kubernetes",
        ] {
            let md = format!("# Redis timeouts\n\nRedis timed out.\n\n{line}\n");
            let got = techs(&md);
            assert!(has(&got, "Kubernetes"), "{line}: {got:?}");
        }
    }

    #[test]
    fn a_latin_name_after_a_hebrew_prefix_is_a_whole_word() {
        let got =
            techs("# תקלה\n\nפעולה שמתחברת מיד ל-PostgreSQL בזמן העלייה, ושירות ה-Redis נפל.\n");
        assert!(has(&got, "PostgreSQL") && has(&got, "Redis"), "{got:?}");
        // Not after a Latin letter: "x-redis" is some other name.
        let got = techs("# Outage\n\nThe chart x-redis failed.\n");
        assert!(!has(&got, "Redis"), "{got:?}");
    }

    #[test]
    fn a_latin_name_against_japanese_chinese_or_korean_text_is_a_whole_word() {
        for md in [
            "# カーソル問題\n\nMeta+ArrowDownがProseMirrorで信頼できない。\n",
            "# 缓存故障\n\n缓存使用Redis时出现超时。\n",
            "# 캐시 장애\n\nRedis를 재시작했다.\n",
        ] {
            let got = techs(md);
            assert!(
                got.iter().any(|t| t == "ProseMirror" || t == "Redis"),
                "{md}: {got:?}"
            );
        }
        // Names that are also words stay strict: no Go in "Goサイン".
        assert!(!techs("# リリース\n\nリリースのGoサインが出た。\n").contains(&"Go".to_string()));
        // Latin letters still join: no Redis in "Redisson", in any script.
        assert!(!techs("# 缓存\n\n使用Redissonで接続。\n").contains(&"Redis".to_string()));
    }

    #[test]
    fn a_stack_trace_names_its_runtime() {
        let md = "# Sync broke\n\nThe log said `Traceback (most recent call last): File \"app/ui/picker.py\", line 282` and stopped.\n";
        assert!(has(&techs(md), "Python"), "{:?}", techs(md));
        let md = "# Hang\n\n```\ngoroutine 1 [running]:\nmain.main()\n```\n";
        assert!(has(&techs(md), "Go"), "{:?}", techs(md));
        // Words about tracebacks are no trace.
        assert!(!has(
            &techs("# Logs\n\nWe read the traceback twice.\n"),
            "Python"
        ));
    }

    #[test]
    fn data_file_lines_are_well_formed() {
        // parse() names the first bad line; check what it cannot.
        let entries = parse(DATA).unwrap();
        let names: BTreeSet<String> = entries.iter().map(|e| e.name.to_lowercase()).collect();
        assert_eq!(names.len(), entries.len(), "a name is listed twice");
        for e in &entries {
            assert_eq!(e.name.trim(), e.name);
            for w in &e.with {
                assert!(names.contains(&w.to_lowercase()), "{}: with {w}?", e.name);
            }
            for k in &e.pkg {
                assert!(!k.contains(char::is_whitespace), "{}: key `{k}`", e.name);
            }
            if e.rule == Match::Word {
                assert!(e.name.starts_with(char::is_uppercase), "{}", e.name);
            }
        }
        for bad in [
            "X | plainish | language",
            "X | plain | nowhere",
            "X | plain",
            "X | plain | tool | aka: a, , b",
            "X | plain | tool | aka: a | aka: b",
            "X | plain | tool | size: 3",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn no_alias_or_key_points_at_two_names() {
        let entries = parse(DATA).unwrap();
        let mut spelled: HashMap<String, &str> = HashMap::default();
        let mut keyed: HashMap<String, &str> = HashMap::default();
        let mut clashes = Vec::new();
        for e in &entries {
            let prose = std::iter::once(&e.name).chain(&e.aka).chain(&e.word);
            for a in prose.clone() {
                if let Some(other) = spelled.insert(a.to_lowercase(), &e.name) {
                    if other != e.name {
                        clashes.push(format!("{a}: {other} and {}", e.name));
                    }
                }
            }
            for k in prose.chain(&e.pkg) {
                if let Some(other) = keyed.insert(ev::norm(k), &e.name) {
                    if other != e.name {
                        clashes.push(format!("key {k}: {other} and {}", e.name));
                    }
                }
            }
        }
        assert!(clashes.is_empty(), "{clashes:#?}");
    }

    // ---- names in prose

    #[test]
    fn gpu_stacks_gui_toolkits_and_mobile_modules_are_named() {
        let got = techs("# hipBLAS crash on ROCm 6.3\n\nThe rocBLAS kernel for this shape crashed; hipBLAS passed it through.\n");
        for want in ["ROCm", "hipBLAS", "rocBLAS"] {
            assert!(has(&got, want), "{want} in {got:?}");
        }
        let got = techs("# Window froze\n\nThe Tkinter main loop blocked.\n\n```python\nimport tkinter as tk\n```\n");
        assert!(has(&got, "Tkinter"), "{got:?}");
        let got = techs("# Startup crash\n\nExpo Go no longer ships expo-av, so the React Native app crashed.\n");
        assert!(has(&got, "expo-av"), "{got:?}");
        let got = techs("# Reconnect panic\n\nThe whatsmeow client panicked on reconnect.\n\n```go\nimport \"go.mau.fi/whatsmeow\"\n```\n");
        assert!(has(&got, "whatsmeow"), "{got:?}");
    }

    #[test]
    fn spellings_are_looked_up_where_words_start() {
        let s = Spellings::new(
            [
                "c",
                "c++",
                "node",
                "node.js",
                "redis",
                ".net",
                "ruby on rails",
                "é-tool",
            ]
            .map(String::from)
            .to_vec(),
        );
        fn all<'a>(s: &'a Spellings, text: &'a str) -> Vec<&'a str> {
            s.find_iter(text)
                .map(|(a, b, i)| {
                    assert_eq!(&text[a..b], s.patterns[i]);
                    &text[a..b]
                })
                .collect()
        }
        let found = |text: &'static str| all(&s, text);
        // The longest spelling at a place, then on past it.
        assert_eq!(found("node.js and c++ or c"), ["node.js", "c++", "c"]);
        assert_eq!(found("ruby on rails, ruby"), ["ruby on rails"]);
        // Never inside a word or right after one.
        assert!(found("mynode abcredis nodejs").is_empty());
        assert_eq!(found("asp.net (.net)"), [".net"]);
        // Against other scripts, and spellings that start outside ASCII.
        assert_eq!(found("redisを使う、é-tool"), ["redis", "é-tool"]);
        // The end of the text, inside a word or just after one.
        assert_eq!(found("redis"), ["redis"]);
        assert!(found("x.").is_empty());
        assert!(found("").is_empty());
    }

    #[test]
    fn names_and_aliases() {
        let got = techs("We run Postgres behind PgBouncer on Render.com with Next.js and Pi-hole, k8s and GitHub Action runners.\n");
        for want in [
            "PostgreSQL",
            "PgBouncer",
            "Render",
            "Next.js",
            "Pi-hole",
            "Kubernetes",
            "GitHub Actions",
        ] {
            assert!(has(&got, want), "{want} in {got:?}");
        }
        // A tool is not the library it drives; a generic phrase is no alias.
        let got = techs(
            "We build the module with wasm-pack.\n\n```bash\nwasm-pack build --target web\n```\n",
        );
        assert!(
            has(&got, "wasm-pack") && !has(&got, "wasm-bindgen"),
            "{got:?}"
        );
        let got = techs("The Windows Session Manager subsystem hung at boot.\n");
        assert!(!has(&got, "AWS Systems Manager"), "{got:?}");
        assert!(has(
            &techs("We opened an AWS Session Manager shell.\n"),
            "AWS Systems Manager"
        ));
    }

    #[test]
    fn common_variable_names_are_no_code_keys() {
        // `res`, an HTTP handler's response, is no ReScript module.
        let md = "# Checkout returns 500\n\n## Root cause\n\nThe handler sent the body twice.\n\n```javascript\napp.post(\"/pay\", async (req, res) => {\n  const body = await res.json();\n  res.status(500).json({ error: body });\n});\n```\n";
        let t = techs(md);
        assert!(!t.contains(&"ReScript".to_string()), "{t:?}");
        assert!(t.contains(&"JavaScript".to_string()), "{t:?}");
        // Its own package still names it.
        let md = "# Build broke\n\n## Fix\n\nPinned the compiler.\n\n```bash\nnpm install rescript@11\n```\n";
        assert!(techs(md).contains(&"ReScript".to_string()));
    }

    #[test]
    fn ambiguous_words_need_to_be_names() {
        for md in [
            "We render the page on the server.\n",
            "Go to the dashboard and click deploy.\n",
            "A swift response from the team.\n",
            "The pipes showed rust after years.\n",
            "The neon sign flickered.\n",
            "A spark of insight.\n",
            "Render the template again.\n",
            "React quickly to alerts.\n",
            "# Render Deployment Fix\n\nWe deployed it.\n",
            "The railway crossing was closed; a foundry cast the parts.\n",
            "Open the windows. A mermaid swam by.\n",
            "# Maintenance Windows\n\nWe scheduled two.\n",
            "Call `render()` again, then `go()`.\n",
            "Lambda calculus and a lambda expression.\n",
            "Anyhow, the team ably handled the discord; laptops hibernate and output got prettier.\n",
            "An influx of requests; a drizzle of errors; the supervisor paged us.\n",
            // Ordinary words of other languages: "the platform" in French.
            "La plateforme x64 fonctionne, la plateforme ARM non.\n",
            // A list of URL schemes.
            "Accepts any prefix (mqtt://, mqtts://, wss://, ws://, https://).\n",
            // "from the" in Italian.
            "Fault Nproc ininterrotti dalle 01:34 del 29/09; dalle 9 tutto ok.\n",
            // "Log" in Finnish.
            "Mitattu 1.10.2026 (`--dump-dom` + palvelimen loki).\n",
            // An emoji opening the line opens the sentence too.
            "✅ Render the template again.\n",
            // A static site's page metadata, title-cased.
            "Add `related_posts: false` to the post's Front Matter.\n",
            "No Matter what we tried, the build failed.\n",
        ] {
            let got = techs(md);
            for bad in [
                "Render",
                "Go",
                "Swift",
                "Rust",
                "Neon",
                "Apache Spark",
                "React",
                "Railway",
                "Foundry",
                "Windows",
                "Mermaid",
                "AWS Lambda",
                "anyhow",
                "Ably",
                "Discord",
                "Hibernate",
                "Prettier",
                "InfluxDB",
                "Drizzle ORM",
                "supervisord",
                "Mistral AI",
                "DALL-E",
                "ws",
                "Matter",
            ] {
                assert!(!has(&got, bad), "{bad} in {md:?}: {got:?}");
            }
        }
    }

    #[test]
    fn kernel_interfaces_are_each_their_own() {
        let got = techs("# Landlock bypass via io_uring\n\nA confined task reaches the device through io_uring IORING_OP_URING_CMD.\n");
        assert!(has(&got, "io_uring"), "{got:?}");
        assert!(!has(&got, "epoll"), "{got:?}");
        let got = techs("# Smart plugs offline\n\nOur Matter controller lost its fabric; the Matter devices dropped off Thread.\n");
        assert!(has(&got, "Matter"), "{got:?}");
        let got = techs("# Migration broke products\n\nThe script ran outside Drizzle migrations, so the env was wrong.\n");
        assert!(has(&got, "Drizzle ORM"), "{got:?}");
    }

    #[test]
    fn ambiguous_names_count_in_context() {
        let got = techs("The Render build used the Rust toolchain; we moved to Neon pooled connections.\n\n**Platform**: Render\n\n```swift\nlet x = 1\n```\n");
        for want in ["Render", "Rust", "Neon", "Swift"] {
            assert!(has(&got, want), "{want} in {got:?}");
        }
        // An emoji inside a sentence does not start one.
        let got = techs("The relays leaked memory (😱 Rust's memory safety did not cover it).\n");
        assert!(has(&got, "Rust"), "{got:?}");
        // Loki, "log" in Finnish, is the log store written as a name.
        let got = techs("Logs stopped reaching Loki after the upgrade; Grafana showed gaps.\n");
        assert!(has(&got, "Loki"), "{got:?}");
        // A title alone is confirmed by code or by a companion technology.
        let got = techs("# DeFi Hacks Reproduce - Foundry\n\n```bash\nforge test --contracts src/x.sol -vvv\n```\n");
        assert!(has(&got, "Foundry"), "{got:?}");
        let got = techs("# Crash (x64 Windows)\n\nThe handler hung.\n\n```powershell\n.\\Runner.exe crash\n```\n\nWe verified it with PowerShell twice, and PowerShell logs.\n");
        assert!(has(&got, "Windows"), "{got:?}");
        let got = techs("# Fixing MongoDB Connection Errors on Railway\n\nWhitelist the Railway IPs in MongoDB Atlas.\n");
        assert!(
            has(&got, "Railway") && has(&got, "MongoDB Atlas"),
            "{got:?}"
        );
        // A word alone in quotes is a button or a string.
        for text in [
            "5. Klik \"Go\" untuk menjalankan query.\n",
            "Open the \u{201c}Render\u{201d} tab and press 'Swift' mode.\n",
        ] {
            let got = techs(text);
            assert!(
                !has(&got, "Go") && !has(&got, "Render") && !has(&got, "Swift"),
                "{got:?}"
            );
        }
        let got = techs("The Lambda returned 500, so the Athena UNLOAD left files behind.\n");
        assert!(
            has(&got, "AWS Lambda") && has(&got, "Amazon Athena"),
            "{got:?}"
        );
    }

    #[test]
    fn acronyms_are_case_sensitive() {
        assert!(has(
            &techs("A GAN trained on VITS data; see CVE-2021-1 in NVD.\n"),
            "GAN"
        ));
        assert!(!has(&techs("The gan of them.\n"), "GAN"));
        // An acronym may lead a compound word.
        assert!(has(
            &techs("The EKS-Pipeline rolled the nodes.\n"),
            "Amazon EKS"
        ));
    }

    #[test]
    fn config_adds_names() {
        let mut extra = BTreeMap::new();
        extra.insert("FooDB".to_string(), vec!["foo-db".to_string()]);
        let doc = annotate(blocks("We use foo-db here.\n", 1));
        assert_eq!(extract(&doc, "", &[], &extra), vec!["FooDB"]);
        // Built once per config, still right for another document.
        let doc = annotate(blocks("FooDB and Redis.\n", 1));
        assert_eq!(extract(&doc, "", &[], &extra), vec!["FooDB", "Redis"]);
    }

    // ---- evidence beyond the dictionary's names in prose

    #[test]
    fn evidence_fence_language() {
        let got = techs("It crashed.\n\n```fsharp\nlet x = 1\n```\n");
        assert_eq!(got, vec!["F#"]);
    }

    #[test]
    fn evidence_imports() {
        let got = techs("The job failed.\n\n```python\nimport boto3\nfrom pytz import timezone\n```\n\n```rust\nuse dashmap::DashMap;\n```\n");
        for want in ["boto3", "pytz", "DashMap", "Python", "Rust"] {
            assert!(has(&got, want), "{want} in {got:?}");
        }
    }

    #[test]
    fn evidence_manifests() {
        let got = techs("Versions:\n\n```\nfastapi==0.110\ngevent==25.9.1\n```\n\n```json\n{\"dependencies\": {\n  \"inngest\": \"^3\"\n}}\n```\n");
        for want in ["FastAPI", "gevent", "Inngest"] {
            assert!(has(&got, want), "{want} in {got:?}");
        }
    }

    #[test]
    fn evidence_install_commands() {
        let got = techs("Install it:\n\n```bash\npip install llama-parse\nnpm i node-ipc\n```\n");
        assert!(has(&got, "LlamaParse") && has(&got, "node-ipc"), "{got:?}");
        // A package the dictionary lacks counts when the prose names it.
        let got = techs("The zorblax client timed out.\n\n```bash\npip install zorblax\n```\n");
        assert!(has(&got, "zorblax"), "{got:?}");
        let got = techs("It timed out.\n\n```bash\npip install zorblax\n```\n");
        assert!(!has(&got, "zorblax"), "{got:?}");
        // A framework's command run by its language names the framework.
        let got = techs("Images were missing.\n\n```bash\nphp artisan storage:link\nphp artisan config:clear\n```\n");
        assert!(has(&got, "Laravel"), "{got:?}");
        let got = techs("Tables were missing.\n\n```bash\npython manage.py migrate\npython manage.py showmigrations\n```\n");
        assert!(has(&got, "Django"), "{got:?}");
    }

    #[test]
    fn evidence_container_images() {
        let got = techs("The stack:\n\n```yaml\nservices:\n  db:\n    image: postgres:15\n  q:\n    image: rabbitmq:3-management\n```\n");
        assert!(has(&got, "PostgreSQL") && has(&got, "RabbitMQ"), "{got:?}");
    }

    #[test]
    fn evidence_kubernetes_kinds() {
        let got = techs("The manifest:\n\n```yaml\napiVersion: apps/v1\nkind: StatefulSet\n---\napiVersion: traefik.io/v1alpha1\nkind: IngressRoute\n```\n");
        assert!(has(&got, "Kubernetes") && has(&got, "Traefik"), "{got:?}");
    }

    #[test]
    fn evidence_cloud_services() {
        let got = techs("Deploys failed.\n\n```bash\ngcloud run deploy api\naws athena start-query-execution --q x\n```\n\nThe role `arn:aws:lambda:us-east-1:1:function:f` lacked s3:DeleteObject.\n");
        for want in ["Cloud Run", "Amazon Athena", "AWS Lambda"] {
            assert!(has(&got, want), "{want} in {got:?}");
        }
    }

    #[test]
    fn evidence_paths_and_hosts() {
        let got = techs("| File | Role |\n|---|---|\n| `flutter_app/lib/a.dart` | UI |\n| `flutter_app/lib/b.dart` | state |\n| `flutter_app/lib/c.dart` | API |\n\nThe API at https://api-x.run.app answered 503, see https://api-x.run.app/health.\n");
        assert!(has(&got, "Flutter"), "{got:?}");
    }

    #[test]
    fn evidence_product_names() {
        let got = techs("# TigerBeetle cluster stalled\n\n## Summary\n\nThe TigerBeetle replicas stopped; TigerBeetle logs showed a view change.\n");
        assert!(has(&got, "TigerBeetle"), "{got:?}");
        // Class names are no products: in code, or named like a class.
        for md in [
            "# QueuePool misuse\n\n## Root cause\n\nQueuePool with async; QueuePool again.\n\n```python\nx = QueuePool\n```\n",
            "# AuditRepository bug\n\n## Root cause\n\nAuditRepository and AuditRepository.\n",
            "# The DeFi list\n\nOnce FlashLoan, twice FlashLoan, thrice FlashLoan.\n",
        ] {
            let got = techs(md);
            for bad in ["QueuePool", "AuditRepository", "FlashLoan", "DeFi"] {
                assert!(!has(&got, bad), "{md:?}: {got:?}");
            }
        }
    }

    // ---- ranking

    #[test]
    fn title_and_cause_outrank_a_passing_mention() {
        let mut md = String::from("# Kafka consumer lag\n\n## Root cause\n\nKafka rebalanced on every deploy.\n\n## Appendix\n\n");
        // Forty tools in an appendix list.
        let tools = [
            "Redis",
            "MySQL",
            "Nginx",
            "Grafana",
            "Prometheus",
            "Jenkins",
            "Terraform",
            "Ansible",
            "Docker",
            "Kubernetes",
            "Helm",
            "Consul",
            "Vault",
            "Datadog",
            "Sentry",
            "Splunk",
            "Kibana",
            "Logstash",
            "Fluentd",
            "Jaeger",
            "Zipkin",
            "RabbitMQ",
            "Cassandra",
            "MongoDB",
            "Elasticsearch",
            "ClickHouse",
            "Airflow",
            "Spark",
            "Flink",
            "Hadoop",
            "Snowflake",
            "BigQuery",
            "Looker",
            "dbt",
            "Fivetran",
            "Airbyte",
            "Superset",
            "Metabase",
            "Tableau",
            "PagerDuty",
        ];
        for t in tools {
            md.push_str(&format!("- {t}\n"));
        }
        let got = techs(&md);
        assert!(has(&got, "Kafka"), "{got:?}");
        assert!(got.len() <= MAX_TECHNOLOGIES, "{} kept: {got:?}", got.len());
    }

    #[test]
    fn a_list_on_one_line_weighs_less_than_the_cause() {
        let got = techs("# Outage\n\n## Root cause\n\nThe Redis primary ran out of memory; Redis evicted sessions.\n\n## Tooling\n\nWe also use Nginx, Grafana, Prometheus, Jenkins, Terraform, Ansible, Datadog and Sentry.\n");
        assert!(has(&got, "Redis"), "{got:?}");
        assert!(!has(&got, "Jenkins"), "a passing mention kept: {got:?}");
    }

    #[test]
    fn utilities_need_more_than_a_passing_mention() {
        let got = techs("The Celery worker died.\n\n```bash\ncurl -s http://x/health\n```\n");
        assert!(has(&got, "Celery") && !has(&got, "curl"), "{got:?}");
    }
}
