//! The affected services: the systems a report is about ("crates.io",
//! "Rustup", "HR Command Center"), never a generic word ("API",
//! "Production", "Database").
//!
//! Sources, in order: front matter (`services`, `service`, `product`, …,
//! also under Zola `[extra]`/`[taxonomies]` and Hugo `params`, which the
//! reader lifts); the name the title makes the subject of an outage,
//! incident or failure ("docs.rs outage postmortem"); `Service:` /
//! `Affected Systems:` metadata; service names the title otherwise gives
//! ("… in hash-zig", "FACS System …"); when none of those name one, what
//! the summary says went down ("the online booking system is down", "in
//! the HR Command Center application", "pkg.example.io was unavailable");
//! and last the repository a report names.

use super::document::Document;
use super::markdown::Kind;
use super::metadata::{Entry, MetaKey};
use super::sections::Role;
use super::text;
use crate::extract::per_thread::PerThread;
use crate::source::FrontMatter;
use regex::Regex;

/// Front matter keys naming the affected system.
const FM_KEYS: &[&str] = &[
    "services",
    "service",
    "product",
    "component",
    "system",
    "app",
    "application",
    "project",
    // Status pages (cState and its kin) list what an incident touched.
    "affected",
    "affected_services",
    "affectedsystems",
    "components",
    "systems",
];

/// Nouns for what went wrong: a title "<name> … <word>" makes the name
/// its subject.
const INCIDENT_WORDS: &[&str] = &[
    "outage",
    "outages",
    "incident",
    "incidents",
    "failure",
    "failures",
    "postmortem",
    "postmortems",
    "post-mortem",
    "downtime",
    "disruption",
    "disruptions",
    "degradation",
    "breach",
    "crash",
    "crashes",
    "deadlock",
    "blackout",
    "corruption",
    "leak",
    "halt",
    "regression",
    "vulnerability",
    "compromise",
    // What a system does badly for a while ("Prow Flakiness", "Search
    // instability"), named as an outage is.
    "flakiness",
    "instability",
    "slowdown",
    "slowdowns",
    "interruption",
    "interruptions",
];

/// An incident word, or a compound ending in one ("near-outage",
/// "almost-outage", "mini-incident").
fn is_incident_word(token: &str) -> bool {
    let lower = token.to_lowercase();
    INCIDENT_WORDS.contains(&lower.as_str())
        || lower.rsplit_once('-').is_some_and(|(head, last)| {
            !matches!(head, "" | "post" | "pre") && INCIDENT_WORDS.contains(&last)
        })
}

/// A bug report's title names its product as an outage's does ("Repomix
/// Glob Pattern Issue"), but "SQLAlchemy Pool Bug" is about a library
/// the service uses: after these words, a known technology is no service.
const BUG_WORDS: &[&str] = &["issue", "issues", "bug", "bugs", "problem", "problems"];

/// Words that are never a service name on their own, and cannot start
/// one: kinds of system, environments, incident words and the adjectives
/// titles put before them.
const GENERIC: &[&str] = &[
    // kinds of system and parts of a stack
    "api",
    "apis",
    "app",
    "apps",
    "application",
    "applications",
    "backend",
    "frontend",
    "website",
    "site",
    "web",
    "platform",
    "infrastructure",
    "infra",
    "server",
    "servers",
    "service",
    "services",
    "system",
    "systems",
    "database",
    "databases",
    "db",
    "cluster",
    "node",
    "nodes",
    "pod",
    "pods",
    "container",
    "containers",
    "cloud",
    "storage",
    "disk",
    "memory",
    "cpu",
    "cache",
    "queue",
    "network",
    "networking",
    "dns",
    "cdn",
    "auth",
    "authentication",
    "authorization",
    "login",
    "email",
    "mail",
    "payment",
    "payments",
    "search",
    "upload",
    "uploads",
    "download",
    "downloads",
    "sync",
    "data",
    "config",
    "configuration",
    "code",
    "software",
    "hardware",
    "feature",
    "features",
    "dashboard",
    "pipeline",
    "portal",
    "gateway",
    "worker",
    "workers",
    "job",
    "jobs",
    "cron",
    "script",
    "scripts",
    "tool",
    "tools",
    "module",
    "library",
    "package",
    "packages",
    "dependency",
    "dependencies",
    "component",
    "components",
    "client",
    "clients",
    "user",
    "users",
    "customer",
    "customers",
    "account",
    "accounts",
    "session",
    "sessions",
    "token",
    "tokens",
    "certificate",
    "certificates",
    "ssl",
    "tls",
    "http",
    "https",
    "ssh",
    "vpn",
    // environments and activities
    "production",
    "prod",
    "staging",
    "development",
    "dev",
    "test",
    "testing",
    "environment",
    "env",
    "deployment",
    "deployments",
    "deploy",
    "build",
    "builds",
    "release",
    "releases",
    "ci",
    "cd",
    "migration",
    "maintenance",
    "update",
    "upgrade",
    "rollout",
    "rollback",
    "change",
    "security",
    "performance",
    "latency",
    "connectivity",
    "connection",
    "connections",
    "timeout",
    "timeouts",
    "capacity",
    "traffic",
    "load",
    // incident words
    "incident",
    "outage",
    "failure",
    "bug",
    "bugs",
    "issue",
    "issues",
    "error",
    "errors",
    "problem",
    "problems",
    "crash",
    "leak",
    "deadlock",
    "regression",
    "vulnerability",
    "report",
    "summary",
    "analysis",
    "root",
    "cause",
    "postmortem",
    "post-mortem",
    "review",
    "retrospective",
    // adjectives and determiners
    "critical",
    "major",
    "minor",
    "severe",
    "total",
    "partial",
    "complete",
    "full",
    "global",
    "regional",
    "widespread",
    "intermittent",
    "silent",
    "recurring",
    "persistent",
    "multiple",
    "unexpected",
    "extended",
    "brief",
    "scheduled",
    "emergency",
    "unplanned",
    "planned",
    "broken",
    "degraded",
    "slow",
    // what state a thing is in ("Invalid API key", "Expired Service token")
    "invalid",
    "missing",
    "expired",
    "wrong",
    "bad",
    "incorrect",
    "failed",
    "failing",
    "stale",
    "deprecated",
    "legacy",
    "unauthorized",
    "unauthenticated",
    "unavailable",
    "unresponsive",
    "inaccessible",
    "duplicate",
    "empty",
    "leaked",
    "exposed",
    "revoked",
    "misconfigured",
    "public",
    "private",
    "high",
    "low",
    "internal",
    "external",
    "main",
    "primary",
    "secondary",
    "backup",
    "new",
    "old",
    "first",
    "second",
    "final",
    "the",
    "a",
    "an",
    "our",
    "my",
    "this",
    "that",
    "all",
    "some",
    "several",
    "many",
    "few",
    "both",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "third",
    "another",
    "repeated",
    "unknown",
    "weekend",
    "daily",
    "nightly",
    // code review
    "pr",
    "mr",
    "pull",
    "request",
    "commit",
    "branch",
    "merge",
];

/// Generic nouns that may end a name the body writes as one phrase
/// ("Logic API", "Billing Service").
const NAME_HEADS: &[&str] = &[
    "api",
    "app",
    "service",
    "server",
    "portal",
    "platform",
    "gateway",
    "dashboard",
    "website",
    "site",
    "cluster",
    "backend",
    "frontend",
    "pipeline",
    "bot",
    "cli",
    "db",
];

/// A source or config file (`noetl/core/db/pool.py`, `deploy.sh`): where
/// the fault was, not the service that failed.
fn is_source_file(name: &str) -> bool {
    const EXTS: &[&str] = &[
        "py", "js", "ts", "tsx", "jsx", "go", "rs", "java", "kt", "rb", "php", "cs", "c", "h",
        "cpp", "swift", "sh", "yml", "yaml", "json", "toml", "ini", "conf", "sql", "md", "mjs",
        "cjs", "vue", "dart", "ex", "exs", "scala", "lua",
    ];
    // Endings that a bare name may carry as a product's domain (`docs.rs`,
    // `bun.sh`) or that are too short to tell a file by: only a folder
    // before them makes a file.
    const ALSO_DOMAINS: &[&str] = &["rs", "sh", "md", "ai", "io", "c", "h", "ex", "lua"];
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let in_folder = last.len() < name.len();
    !name.contains(' ')
        && last.rsplit_once('.').is_some_and(|(stem, ext)| {
            // A host name holds no underscore: `mcp_client.rs` is a file.
            !stem.is_empty()
                && EXTS.contains(&ext)
                && (in_folder || stem.contains('_') || !ALSO_DOMAINS.contains(&ext))
        })
}

/// The first folder of a source path that is no conventional layout
/// folder: `noetl/core/db/pool.py` → `noetl`, `src/babbla/x.py` →
/// `babbla`; none for `src/main.rs`.
fn project_folder(path: &str) -> Option<String> {
    const LAYOUT: &[&str] = &[
        "src",
        "lib",
        "app",
        "apps",
        "core",
        "pkg",
        "internal",
        "cmd",
        "services",
        "service",
        "packages",
        "scripts",
        "script",
        "tests",
        "test",
        "modules",
        "source",
        "backend",
        "frontend",
        "server",
        "client",
        "api",
        "web",
        "components",
        "utils",
        "config",
        ".",
        "..",
        "~",
    ];
    let mut folders: Vec<&str> = path.split(['/', '\\']).collect();
    folders.pop();
    folders
        .into_iter()
        .find(|f| !f.is_empty() && !LAYOUT.contains(&f.to_ascii_lowercase().as_str()))
        .map(str::to_string)
}

fn is_generic(word: &str) -> bool {
    let lower = word.to_lowercase();
    GENERIC.contains(&lower.as_str())
        || MONTH_OR_DAY.contains(&lower.as_str())
        || lower.starts_with(|c: char| c.is_ascii_digit())
        || ID_LIKE.is_match(word)
        || VERSION.is_match(word)
}

const MONTH_OR_DAY: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A word of a date: a number ("2019", "2025-03-12"), an ordinal day
/// ("30th") or a month or weekday name.
fn is_date_word(t: &str) -> bool {
    let ordinal = t.len() > 2
        && t.is_char_boundary(t.len() - 2)
        && t[..t.len() - 2].bytes().all(|b| b.is_ascii_digit())
        && ["st", "nd", "rd", "th"]
            .iter()
            .any(|e| t[t.len() - 2..].eq_ignore_ascii_case(e));
    !t.chars().any(char::is_alphabetic)
        || ordinal
        || MONTH_OR_DAY.contains(&t.to_lowercase().as_str())
}

/// Ticket and report ids ("FM-041", "INC-1234"), not names.
static ID_LIKE: PerThread<Regex> =
    PerThread::new(|| Regex::new(r"^[A-Za-z]{1,6}[-_]?\d+$").expect("id regex"));
static VERSION: PerThread<Regex> =
    PerThread::new(|| Regex::new(r"^v?\d+(\.\d+)*$").expect("version regex"));

pub fn find_services(fm: &FrontMatter, doc: &Document, meta: &[Entry], title: &str) -> Vec<String> {
    let from_fm: Vec<String> = FM_KEYS
        .iter()
        .flat_map(|k| fm.list(k).unwrap_or_default())
        .collect();
    if !from_fm.is_empty() {
        return finish(from_fm);
    }
    let mut out: Vec<String> = Vec::new();
    out.extend(title_subject(title, doc));
    for e in meta.iter().filter(|e| e.key == MetaKey::Services) {
        if let Some(code) = e.codes.iter().find(|c| !c.contains(' ')) {
            out.push(code.clone());
            continue;
        }
        let v = e.value.split(" (").next().unwrap_or(&e.value);
        out.extend(v.split([',', '+']).filter_map(|s| {
            let s = text::strip_decorations(s);
            let s = s.trim();
            // "Sign-in portal, photos, and everything behind the proxy":
            // the list's last item after its "and"; a clause is no name.
            let s = ["and ", "or ", "& "]
                .iter()
                .find_map(|c| s.strip_prefix(c))
                .unwrap_or(s)
                .trim();
            // A clause, not a name: "everything that goes through the WAF".
            let clause = s.split_whitespace().any(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "that"
                        | "which"
                        | "who"
                        | "whose"
                        | "where"
                        | "goes"
                        | "go"
                        | "is"
                        | "are"
                        | "was"
                        | "were"
                        | "everything"
                        | "anything"
                )
            });
            if clause {
                return None;
            }
            Some(host_named(s).unwrap_or_else(|| s.to_string()))
        }));
    }
    // A source file names where the fault was; its project folder
    // (`src/babbla/agent_runner.py`) may still name the service.
    out = out
        .into_iter()
        .filter_map(|s| {
            if is_source_file(s.trim()) {
                project_folder(s.trim())
            } else {
                Some(s)
            }
        })
        .collect();
    out.retain(|s| !s.trim().is_empty() && !is_generic(s.trim()));
    if out.is_empty() {
        out.extend(title_service_words(title));
    }
    if out.is_empty() {
        out.extend(title_host(title, doc));
    }
    if out.is_empty() {
        out.extend(title_versioned_name(title, doc));
    }
    if out.is_empty() {
        out.extend(title_topic(title, doc));
    }
    // An identifier the summary writes in code ("`thanos-compact` halted")
    // is the service's exact spelling: it replaces a title's spelling of
    // the same name, or stands alone when nothing else was found.
    if let Some(code) = summary_identifier(doc) {
        if let Some(same) = out.iter_mut().find(|s| spells_out(&code, s)) {
            *same = code;
        } else if out.is_empty() {
            out.push(code);
        }
    }
    if out.is_empty() {
        out.extend(prose_service(doc, title));
    }
    if out.is_empty() {
        out.extend(
            meta.iter()
                .filter(|e| e.key == MetaKey::Repository)
                .filter_map(repository_name),
        );
    }
    finish(out)
}

fn finish(v: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in v {
        let s = s.trim().to_string();
        if s.is_empty() || s.len() > 80 {
            continue;
        }
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&s)) {
            out.push(s);
        }
    }
    out
}

/// Whether identifier `code` is the exact spelling of `name` or of a part
/// of it: "thanos-compact" for "Thanos Compact" or "Thanos".
fn spells_out(code: &str, name: &str) -> bool {
    let parts: Vec<String> = code.split(['-', '_', '.']).map(str::to_lowercase).collect();
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    !words.is_empty() && parts.starts_with(&words)
}

/// The report's prose (no title, no code blocks), where a name must also
/// appear to be taken from the title.
struct BodyText {
    text: String,
}

impl BodyText {
    fn new(doc: &Document) -> Self {
        let mut text = String::new();
        for (i, b) in doc.blocks.iter().enumerate() {
            if Some(i) == doc.title_block || matches!(b.kind, Kind::Code { .. }) {
                continue;
            }
            text.push_str(b.text());
            text.push('\n');
        }
        BodyText { text }
    }

    /// How often `word` stands as a whole word, and how often of those in
    /// the middle of a sentence (where capitals mark a name, not a start).
    fn occurrences(&self, word: &str) -> (usize, usize) {
        let (mut all, mut mid) = (0, 0);
        for (at, _) in self.text.match_indices(word).take(500) {
            let before = self.text[..at].chars().next_back();
            let after = self.text[at + word.len()..].chars().next();
            let bounded = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '_');
            let after_ok = bounded(after) || after == Some('\'');
            if !bounded(before) || !after_ok {
                continue;
            }
            all += 1;
            let prev = self.text[..at]
                .trim_end_matches([' ', '\t', '*', '_', '`', '"', '\'', '(', '['])
                .chars()
                .next_back();
            // A word inside a link's address is no capital in a sentence
            // (a page slug: `notion.so/Cascading-node-failures-…`).
            let token_start = self.text[..at]
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let in_url = self.text[token_start..at].contains("://");
            if !in_url && prev.is_some_and(|c| c.is_alphanumeric() || ",;/&—–".contains(c)) {
                mid += 1;
            }
        }
        (all, mid)
    }

    fn contains_phrase(&self, phrase: &str) -> bool {
        self.occurrences(phrase).0 > 0
    }
}

/// How a token is written.
fn is_strong_name(tok: &str) -> bool {
    let letters = tok.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 {
        return false;
    }
    // docs.rs, crates.io, pkg.example.io
    let dotted = tok.split('.').filter(|p| !p.is_empty()).count() >= 2
        && tok.split('.').all(|p| p.chars().any(char::is_alphabetic));
    // raft-kv, Pi-hole (not ids: those are `is_generic`)
    let joined = tok
        .split(['-', '_'])
        .filter(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count()
        >= 2;
    // GitHub, TagCache, RuCTF
    let chars: Vec<char> = tok.chars().collect();
    let camel = chars
        .windows(2)
        .any(|w| w[0].is_lowercase() && w[1].is_uppercase());
    dotted || joined || camel
}

/// Whether a title token reads as a name, judged by how the body writes it.
fn is_name(tok: &str, body: &BodyText) -> bool {
    if is_generic(tok) || !tok.chars().next().is_some_and(char::is_alphanumeric) {
        return false;
    }
    let (all, mid) = body.occurrences(tok);
    if is_strong_name(tok) {
        return all >= 1;
    }
    let first = tok.chars().next().is_some_and(char::is_uppercase);
    if first {
        // A capital in mid-sentence marks a proper name ("Rustup", "Touchpoints").
        mid >= 1
    } else {
        // A title starting with a lower-case word names something spelled so.
        all >= 2
    }
}

static CLAUSE_SPLIT: PerThread<Regex> =
    PerThread::new(|| Regex::new(r":\s|\s[-–—|]\s|[|()\[\]]").expect("clause regex"));

/// The name a title makes the subject of an incident word: "docs.rs outage
/// postmortem", "Rustup 1.24.0 release incident", "toshi silent cleanup
/// failure", "Logic API Infrastructure Outage". The name opens its clause
/// and the incident word follows within three words.
fn title_subject(title: &str, doc: &Document) -> Option<String> {
    // The body's text is gathered only for a title that has an incident word.
    let mut body: Option<BodyText> = None;
    for clause in CLAUSE_SPLIT.split(title) {
        // A date or a number may lead the clause ("2025-03-12 Matsnet
        // halt", "May 30th, 2019 Prow Flakiness"): the name is the first
        // word that is not part of it.
        let tokens: Vec<&str> = clause
            .split_whitespace()
            .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
            // "git.sr.ht's almost-outage": the name without its "'s".
            .map(|t| {
                t.strip_suffix("'s")
                    .or_else(|| t.strip_suffix("’s"))
                    .unwrap_or(t)
            })
            .filter(|t| !t.is_empty())
            .skip_while(|t| is_date_word(t))
            .collect();
        let Some(k) = tokens.iter().position(|t| is_incident_word(t)).or_else(|| {
            tokens
                .iter()
                .position(|t| BUG_WORDS.contains(&t.to_lowercase().as_str()))
        }) else {
            continue;
        };
        let bug = BUG_WORDS.contains(&tokens[k].to_lowercase().as_str());
        let body = body.get_or_insert_with(|| BodyText::new(doc));
        if k > 0 && is_name(tokens[0], body) {
            let end = name_end(&tokens, 0, k.min(4), body);
            let name = tokens[..end].join(" ");
            if k - end <= 3 && !(bug && super::technologies::is_known(&name)) {
                return Some(name);
            }
        }
        if bug {
            continue;
        }
        // The other order: "Outage of wire.com", "Degraded performance of
        // the Payments API", "Postmortem for the Grafana Cloud incident".
        // Not "in" or "on": those bring places and times ("in the EU").
        let of = tokens[k + 1..]
            .iter()
            .position(|t| matches!(t.to_lowercase().as_str(), "of" | "for" | "affecting"))
            .map(|i| k + 1 + i)
            .filter(|&i| i <= k + 2);
        if let Some(of) = of {
            let mut start = of + 1;
            if tokens
                .get(start)
                .is_some_and(|t| matches!(t.to_lowercase().as_str(), "the" | "our"))
            {
                start += 1;
            }
            if tokens.get(start).is_some_and(|t| is_name(t, body)) {
                let limit = tokens[start..]
                    .iter()
                    .position(|t| is_incident_word(t))
                    .map_or(tokens.len(), |i| start + i)
                    .min(start + 4);
                let end = name_end(&tokens, start, limit, body);
                return Some(tokens[start..end].join(" "));
            }
        }
    }
    None
}

/// "Shrync v0.63 — Release notes", "Quillpen 2.4.1 known issues": a name
/// and its version opening a release's title are the product the report
/// is about (not "Phase 2.1 rollout", "Sprint 14.2 retrospective"), when the body writes the name as a name and it is no known
/// technology (a library's version is what the service runs on).
fn title_versioned_name(title: &str, doc: &Document) -> Option<String> {
    static RELEASE: PerThread<Regex> = PerThread::new(|| {
        Regex::new(r"(?i)\b(releases?|release notes|changelog|hotfix|patch notes|known issues)\b")
            .expect("release regex")
    });
    if !RELEASE.is_match(title) {
        return None;
    }
    let clause = CLAUSE_SPLIT.split(title).next()?;
    let tokens: Vec<&str> = clause.split_whitespace().collect();
    let at = tokens
        .iter()
        .position(|t| VERSION.is_match(t) && (t.starts_with(['v', 'V']) || t.contains('.')))?;
    if !(1..=3).contains(&at) {
        return None;
    }
    let name = &tokens[..at];
    let capitalized = |t: &&str| t.chars().next().is_some_and(char::is_uppercase);
    if !name.iter().all(capitalized) || name.iter().any(|t| is_generic(t)) {
        return None;
    }
    let name = name.join(" ");
    let body = BodyText::new(doc);
    (is_name(tokens[0], &body) && !super::technologies::is_known(&name)).then_some(name)
}

/// Words that head a title's first clause without naming a system, beyond
/// the incident, bug and generic words (checked too): kinds of document,
/// commit prefixes, stages.
const TOPIC_WORDS: &[&str] = &[
    "rca",
    "fix",
    "fixed",
    "hotfix",
    "feat",
    "chore",
    "docs",
    "refactor",
    "note",
    "notes",
    "draft",
    "wip",
    "rfc",
    "advisory",
    "urgent",
    "resolved",
    "closed",
    "phase",
    "step",
    "part",
    "day",
    "week",
    "sprint",
    "round",
    "stage",
    "case",
    "study",
    "lesson",
    "lessons",
    "retro",
    "investigation",
];

/// "WhatsApp: historial perdido ...", "Landlock: ... bypass via io_uring",
/// "DermaClinic — ETL Proposals Activation Report": a title whose first
/// clause is only a name, then a colon or a dash and what happened, is
/// about that name, when the body writes it as a name. Not a kind of
/// document, a stage or a section word ("Postmortem:", "Phase 2:",
/// "Root cause:").
fn title_topic(title: &str, doc: &Document) -> Option<String> {
    // A ticket number or a date may lead, as a clause of its own ("#119 —
    // Tessera: ...") or before the name ("0022, Logo ...").
    let mut from = 0;
    let tokens = loop {
        let sep = CLAUSE_SPLIT.find_at(title, from)?;
        if !matches!(title[sep.start()..].chars().next(), Some(':' | ' ')) {
            return None;
        }
        let (head, rest) = (&title[from..sep.start()], &title[sep.end()..]);
        if rest.trim().is_empty() {
            return None;
        }
        let tokens: Vec<&str> = head
            .split_whitespace()
            .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|t| !t.is_empty())
            .skip_while(|t| is_date_word(t) || ID_LIKE.is_match(t))
            .collect();
        if !tokens.is_empty() || from > 0 {
            break tokens;
        }
        from = sep.end();
    };
    if !(1..=3).contains(&tokens.len()) {
        return None;
    }
    let lower = |t: &&str| t.to_lowercase();
    if tokens.iter().any(|t| {
        let l = lower(t);
        TOPIC_WORDS.contains(&l.as_str())
            || is_incident_word(t)
            || BUG_WORDS.contains(&l.as_str())
            || is_generic(t)
    }) || super::sections::heading_role(&tokens.join(" ")).is_some()
    {
        return None;
    }
    // Written as a name (a capital, or a spelling like "crates.io"), not a
    // ticket id ("CL-DEPLOY-001"), and the whole clause: in "Terraform
    // Region Mismatch - FIXED" the clause, not its first word, is the topic.
    let first = tokens[0];
    let id = first.contains('-') && first.ends_with(|c: char| c.is_ascii_digit());
    if id || !(first.starts_with(char::is_uppercase) || is_strong_name(first)) {
        return None;
    }
    let body = BodyText::new(doc);
    if !is_name(first, &body) {
        return None;
    }
    let end = name_end(&tokens, 0, tokens.len(), &body);
    (end == tokens.len()).then(|| tokens.join(" "))
}

/// Where a name that starts at `tokens[start]` ends (exclusive, at most
/// `limit`): longer names only as the body writes them ("Logic API").
fn name_end(tokens: &[&str], start: usize, limit: usize, body: &BodyText) -> usize {
    let mut end = start + 1;
    while end < limit {
        let next = tokens[end];
        let head = NAME_HEADS.contains(&next.to_lowercase().as_str());
        let capital = next.chars().next().is_some_and(char::is_uppercase);
        if !(head || capital && !is_generic(next) || is_strong_name(next)) {
            break;
        }
        let phrase = tokens[start..=end].join(" ");
        if !body.contains_phrase(&phrase) {
            break;
        }
        end += 1;
    }
    end
}

static SERVICE_IN_TITLE: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"\b(?:in|for|of)\s+([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\b|\b([A-Z][A-Za-z0-9-]*(?:\s+[A-Z][A-Za-z0-9-]*)*)\s+(?:System|Service|API|App|Platform|(?i:cluster|homeserver|hub|portal|website|web site|backend|gateway))\b")
        .expect("service title regex")
});

/// "Memory Leak Fix in hash-zig", "FACS System Worker …", "Memory
/// overload on WER cluster". A product's own cluster or gateway ("Redis
/// Cluster", "Kong Gateway") is a technology the service runs on.
fn title_service_words(title: &str) -> Vec<String> {
    SERVICE_IN_TITLE
        .captures_iter(title)
        .filter_map(|c| {
            c.get(1)
                .map(|m| m.as_str().to_string())
                .or_else(|| c.get(2).and_then(|m| name_before_kind(m.as_str())))
        })
        .filter(|s| !s.split_whitespace().all(is_generic))
        .filter(|s| !super::technologies::is_known(s))
        .collect()
}

/// The name a run of capitalized title words ends on, before its kind
/// word: in Title Case every word is capitalized ("Database Outage
/// Affecting Customer Portal"), so only the last one or two words that are
/// neither incident words, generic words nor small words ("On", "The").
fn name_before_kind(run: &str) -> Option<String> {
    let words: Vec<&str> = run.split_whitespace().collect();
    let mut start = words.len();
    while start > 0 && words.len() - start < 2 {
        let w = words[start - 1];
        let lower = w.to_lowercase();
        let small = matches!(
            lower.as_str(),
            "on" | "in"
                | "of"
                | "the"
                | "at"
                | "for"
                | "to"
                | "with"
                | "and"
                | "a"
                | "an"
                | "our"
                | "affecting"
                | "from"
                | "by"
        );
        if small || is_generic(w) || INCIDENT_WORDS.contains(&lower.as_str()) {
            break;
        }
        start -= 1;
    }
    (start < words.len()).then(|| words[start..].join(" "))
}

static HOST: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?-u:\b)((?:[a-z0-9][a-z0-9-]*\.)+([a-z]{2,7}))(?-u:\b)").expect("host regex")
});

/// Whether `host` (a `HOST` match, top-level domain `tld`) is a site's
/// name: a domain people run sites under, two dots or a bare domain of
/// one of those, and no technology's name ("Next.js", "ASP.NET").
fn is_site_host(host: &str, tld: &str) -> bool {
    const TLDS: &[&str] = &[
        "com", "org", "net", "io", "dev", "app", "co", "ai", "cloud", "me", "de", "fr", "uk", "jp",
        "cn", "kr", "ru", "br", "in", "eu", "gov", "edu", "info", "tech", "social", "page", "site",
        "online", "xyz", "it", "nl", "pl", "se", "es", "ch", "at", "be", "cz",
    ];
    // Country domains too: a business's own site is often one
    // ("dddigital.net", "schullogin.de").
    const BARE: &[&str] = &[
        "com", "io", "org", "net", "dev", "app", "cloud", "de", "fr", "it", "nl", "pl", "se", "es",
        "ch", "at", "be", "cz", "eu",
    ];
    let first_label = host.split('.').next().unwrap_or("");
    let dots = host.matches('.').count();
    TLDS.contains(&tld)
        && (dots >= 2 || BARE.contains(&tld))
        && !TLDS.contains(&first_label)
        && !super::technologies::is_known(host)
}

/// A host the title names ("TLS Expires: media.hachyderm.io", "crates.io
/// download outage") that the report's prose names too: a subdomain of a
/// common top-level domain, or a bare domain of one products are named by.
/// Not a file (`config.local.yaml`, `deploy.sh`), a library (`socket.io`,
/// `Next.js`), a package or class path (`com.acme.app`, `java.io.File`) or
/// a mail address.
fn title_host(title: &str, doc: &Document) -> Option<String> {
    let candidate = HOST.captures_iter(title).find_map(|c| {
        let whole = c.get(1)?;
        let host = whole.as_str();
        let after = title[whole.end()..].chars().next();
        let before = title[..whole.start()].chars().next_back();
        let standalone = !after.is_some_and(|a| a == '/' || a == '.' || a.is_alphanumeric())
            && !before.is_some_and(|b| matches!(b, '/' | '@' | '.'));
        (standalone && is_site_host(host, c.get(2)?.as_str())).then(|| host.to_string())
    })?;
    // The prose (not the code) names it as well.
    doc.blocks
        .iter()
        .enumerate()
        .filter(|(i, b)| Some(*i) != doc.title_block && !matches!(b.kind, Kind::Code { .. }))
        .any(|(_, b)| {
            b.text().contains(&candidate) || b.links.iter().any(|(_, u)| u.contains(&candidate))
        })
        .then_some(candidate)
}

static KEBAB: PerThread<Regex> =
    PerThread::new(|| Regex::new(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$").expect("kebab regex"));

/// A hyphenated name in the summary's inline code ("`thanos-compact` halted").
fn summary_identifier(doc: &Document) -> Option<String> {
    let (_, b) = doc.blocks.iter().enumerate().find(|(i, b)| {
        matches!(b.kind, Kind::Paragraph)
            && (doc.ann[*i].role == Role::Summary || doc.ann[*i].section.is_none())
    })?;
    b.codes.iter().find(|c| KEBAB.is_match(c)).cloned()
}

/// "the HR Command Center application", "the Logic API": a capitalized
/// name before a kind of system; or one identifier as services are named
/// in code and configuration ("the invoice-renderer service", "our
/// billing_worker app").
static THE_NAMED_SYSTEM: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?-u:\b)(?:the|The|our|Our)\s+((?:[A-Z][\w.-]*\s+){1,4}?|[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+\s+)(application|app|service|system|platform|portal|website|site|API|dashboard|backend|frontend)(?-u:\b)")
        .expect("named system regex")
});

/// Hyphenated words that describe a system rather than name one ("the
/// third-party service", "our on-call system").
const DESCRIPTIVE_COMPOUNDS: &[&str] = &[
    "third-party",
    "read-only",
    "on-call",
    "e-commerce",
    "long-running",
    "front-end",
    "back-end",
    "real-time",
    "built-in",
    "open-source",
    "self-hosted",
    "multi-tenant",
    "end-to-end",
    "user-facing",
    "customer-facing",
    "high-availability",
    "low-latency",
    "legacy-style",
    "in-house",
    "out-of-band",
];

/// Whether a lower-case identifier before a kind of system ("the
/// invoice-renderer service") is a name: written as code elsewhere in the
/// report, or in its title, or shaped only as names are (an underscore or
/// a digit), and no describing compound.
fn names_an_identifier(name: &str, doc: &Document, title: &str) -> bool {
    let lower = name.to_lowercase();
    if DESCRIPTIVE_COMPOUNDS.contains(&lower.as_str()) {
        return false;
    }
    name.contains(|c: char| c == '_' || c.is_ascii_digit())
        || title.to_lowercase().contains(&lower)
        || doc.blocks.iter().any(|b| b.codes.iter().any(|c| c == name))
}

/// "the online booking system is down", "causing the Okta authentication
/// workflow to break", "pkg.example.io was unavailable".
static WENT_DOWN: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:the|our)\s+((?:[\w.-]+[ \t]+){0,3}?(?:system|service|site|website|app|application|api|portal|platform|workflow|server|cluster|database|dashboard|pipeline|backend|frontend|gateway))\s+(?:is|was|were|went|became|to|had)\s+(?:down|unavailable|offline|broken|break|unreachable|degraded|failing|fail|an outage)(?-u:\b)|(?-u:\b)([a-z0-9-]+(?:\.[a-z0-9-]+)+)\s+(?:is|was|were|went|became)\s+(?:down|unavailable|offline|unreachable|degraded)(?-u:\b)")
        .expect("went down regex")
});

/// What the summary, impact or timeline says went down: the text before
/// the first section, and the first section of each of those roles.
fn prose_service(doc: &Document, title: &str) -> Option<String> {
    let first_of = |role: Role| {
        doc.ann
            .iter()
            .find(|a| a.role == role)
            .and_then(|a| a.section)
    };
    // The text under the title heading, before any section, is the
    // report's opening as much as text above it.
    let opening = doc.title_block.and_then(|b| doc.ann[b].section);
    let sections = [
        first_of(Role::Summary),
        first_of(Role::Impact),
        first_of(Role::Timeline),
        opening,
    ];
    let texts = || {
        doc.blocks
            .iter()
            .zip(&doc.ann)
            .filter(|(b, a)| {
                !matches!(b.kind, Kind::Code { .. } | Kind::Heading { .. })
                    && (a.section.is_none() || sections.contains(&a.section))
            })
            .map(|(b, _)| b.text())
    };
    let named = texts().find_map(|t| {
        THE_NAMED_SYSTEM.captures_iter(t).find_map(|c| {
            let name = c[1].trim();
            let identifier = name.starts_with(|c: char| c.is_ascii_lowercase());
            let named = if identifier {
                names_an_identifier(name, doc, title)
            } else {
                !name.split_whitespace().all(is_generic)
            };
            named.then(|| name.to_string())
        })
    });
    named.or_else(|| {
        texts().find_map(|t| {
            WENT_DOWN.captures_iter(t).find_map(|c| {
                let m = c.get(1).or_else(|| c.get(2))?;
                let words: Vec<&str> = m.as_str().split_whitespace().collect();
                // The words before the kind of system must name something.
                let naming = &words[..words.len().saturating_sub(1).max(1).min(words.len())];
                let named =
                    words.len() == 1 && c.get(2).is_some() || !naming.iter().all(|w| is_generic(w));
                named.then(|| m.as_str().to_string())
            })
        })
    })
}

/// The host a service value names with only kind words around it
/// ("www.example.dev web site", "api.example.com service"): the host,
/// without `www.`.
fn host_named(value: &str) -> Option<String> {
    let words: Vec<&str> = value.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    // The whole word a site's host, as a title's would be ("Next.js
    // frontend", "Node.js API": a technology, not a host).
    let is_host = |w: &str| {
        HOST.captures(w).is_some_and(|c| {
            c.get(1).is_some_and(|m| m.as_str() == w)
                && c.get(2).is_some_and(|tld| is_site_host(w, tld.as_str()))
        }) && !is_source_file(w)
    };
    let mut hosts = words.iter().filter(|w| is_host(w));
    let host = hosts.next()?;
    let rest_generic = words.iter().filter(|w| *w != host).all(|w| {
        is_generic(w)
            || matches!(
                w.to_lowercase().as_str(),
                "web" | "site" | "website" | "the" | "our"
            )
    });
    (hosts.next().is_none() && rest_generic)
        .then(|| host.strip_prefix("www.").unwrap_or(host).to_string())
}

/// `owner/name` (or its URL) → `name`.
fn repository_name(e: &Entry) -> Option<String> {
    let v = e
        .codes
        .iter()
        .find(|c| !c.contains(' '))
        .cloned()
        .unwrap_or_else(|| text::strip_decorations(&e.value));
    let v = v.trim().trim_end_matches('/').trim_end_matches(".git");
    let name = v.rsplit('/').next()?.trim();
    (!name.is_empty() && !name.contains(' ')).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    fn services(path: &str, md: &str) -> Vec<String> {
        let src = crate::source::from_bytes(md.as_bytes(), std::path::Path::new(path), path)
            .expect("read");
        crate::extract::extract(&src, &crate::config::Config::default())
            .incident
            .services
    }

    fn of(md: &str) -> Vec<String> {
        services("x.md", md)
    }

    #[test]
    fn the_name_a_title_makes_the_subject_of_an_incident() {
        // A dotted name, lower case as its owners write it.
        let md = "+++\ntitle = \"pkgs.example.dev outage postmortem\"\n+++\n\nAt 01:38 UTC pkgs.example.dev went down.\n";
        assert_eq!(of(md), vec!["pkgs.example.dev"]);
        // A capitalized name the body also capitalizes mid-sentence; the
        // version is not part of it.
        let md = "# Quillpen 2.4.0 release incident report\n\nWe released a new Quillpen today.\n";
        assert_eq!(of(md), vec!["Quillpen"]);
        // A title opening with a lower-case word names something spelled so.
        let md = "# 2026-06-19 — vortex silent cleanup failure\n\nThe vortex sync stopped. vortex exports were fine.\n";
        assert_eq!(of(md), vec!["vortex"]);
        // A longer name only as the body writes it.
        let md = "# Ledger API Infrastructure Outage Report\n\nFrom 8:15 UTC, Ledger API requests failed.\n";
        assert_eq!(of(md), vec!["Ledger API"]);
        let md = "# Post-Mortem: Beacon Production Outages\n\n## Summary\n\nThe Beacon app crashed twice.\n";
        assert_eq!(of(md), vec!["Beacon"]);
        // The other order: the incident word, then "of", "for" or
        // "affecting" and the name.
        let md = "# Outage of quill.example.org\n\nUsers could not reach quill.example.org for an hour.\n";
        assert_eq!(of(md), vec!["quill.example.org"]);
        let md = "# Incident affecting Ledger API\n\nOn Monday Ledger API calls failed.\n";
        assert_eq!(of(md), vec!["Ledger API"]);
        // A date may lead the clause, before the name.
        let md = "# Incident report: 2025-03-12 Tessnet halt\n\nNo block was produced on Tessnet for two hours.\n";
        assert_eq!(of(md), vec!["Tessnet"]);
        // A compound incident word, after a possessive name.
        let md = "---\ntitle: \"Post-mortem: git.example.org's almost-outage today\"\n---\n\ngit.example.org almost went down today.\n";
        assert_eq!(of(md), vec!["git.example.org"]);
        // A name and its version open release notes.
        let md = "# Quillpen v0.63 — Release notes\n\nThis release of Quillpen fixes data loss.\n";
        assert_eq!(of(md), vec!["Quillpen"]);
        // Not a library's version, nor a name the body does not write, nor
        // a title that is no release's.
        for md in [
            "# Phase 2.1 rollout report\n\nDuring the Phase 2.1 rollout the API failed.\n",
            "# Redis 7.2 upgrade notes\n\nWe moved to Redis 7.2 last week.\n",
            "# Quillpen v0.63 — Release notes\n\nThis release fixes data loss.\n",
            "# Release v0.63\n\nThis Release fixes data loss.\n",
        ] {
            assert!(of(md).is_empty(), "{md}: {:?}", of(md));
        }
        // A count is no name, however often the body repeats it.
        let md = "# Post-mortem: two proxy outages in one morning\n\nThe two outages had two causes; two alerts fired.\n";
        assert!(of(md).is_empty(), "{:?}", of(md));
        // A host the title names, with no incident word next to it.
        let md =
            "# TLS Expires: media.hachyderm.io\n\nImages on media.hachyderm.io failed to load.\n";
        assert_eq!(of(md), vec!["media.hachyderm.io"]);
        // Known names under a country or .net domain stay technologies.
        for name in ["asp.net", "vb.net", "ado.net"] {
            let md = format!(
                "# Upgrading {name} broke logins\n\nAfter the {name} upgrade logins failed.\n"
            );
            assert_eq!(of(&md), Vec::<String>::new(), "{name}");
        }
        // A business's bare domain, written again with `www.` in the prose.
        let md = "# POST-MORTEM — Incidente del 28/09/2026: outage di dddigital.net\n\nSito principale `www.dddigital.net` offline per 12 ore.\n";
        assert_eq!(of(md), vec!["dddigital.net"]);
        for title in [
            "Upgrading Next.js broke builds",
            "ASP.NET session loss",
            "Bad value in config.local.yaml",
            "Mail to ops@example.com bounced",
            "java.io.IOException in uploader",
            "deploy.sh wiped prod",
            "socket.io reconnect storm",
            "Crash in com.acme.app after 4.2",
            "Stale page at status.example.com",
        ] {
            // The last names a host its report never writes again.
            let md =
                format!("# {title}\n\nIt broke: java.io, deploy.sh, socket.io, com.acme.app.\n");
            assert_eq!(of(&md), Vec::<String>::new(), "{title}");
        }
        // Places, times and generic words after it are no name.
        for title in [
            "Outage in the EU region",
            "Report of the incident on Friday",
            "Outage for all users",
            "Failure of the Production database",
        ] {
            let md = format!("# {title}\n\nOn Friday users in the EU region saw errors; the Production database was slow.\n");
            assert_eq!(of(&md), Vec::<String>::new(), "{title}");
        }
        // Wide and non-breaking spaces before a name.
        let md = "# Quillpen outage\n\nWe restarted Quillpen. The cache\u{a0}Quillpen ran dry; 本日\u{3000}Quillpen が停止.\n";
        assert_eq!(of(md), vec!["Quillpen"]);
        // A title word written again only in a link's page slug.
        let md = "# 2021-07-11: Cascading node failures

Nodes failed one after another.

- Ticket: <https://wiki.example.com/Cascading-node-failures-1c6c>
";
        assert_eq!(of(md), Vec::<String>::new());
    }

    #[test]
    fn a_file_is_where_the_fault_was_its_project_may_be_the_service() {
        for (md, want) in [
            ("# Pool exhaustion\n\n**Component**: `noetl/core/db/pool.py`\n\nThe pool ran dry.\n", vec!["noetl"]),
            ("# Pool exhaustion\n\n**Component**: `src/lib/db.py`\n\nThe pool ran dry.\n", vec![]),
            ("# Pool exhaustion\n\n**Component**: deploy.py\n\nThe pool ran dry.\n", vec![]),
            ("# Outage\n\n**Service**: docs.rs\n\nBuilds stopped.\n", vec!["docs.rs"]),
            ("# Outage\n\nStatus: final<br> Component: www.quill.dev web site<br> Date: 2023-08-26\n\nText.\n", vec!["quill.dev"]),
            ("# Outage\n\n**Service**: api.quill.dev gateway for partners\n\nText.\n", vec!["api.quill.dev gateway for partners"]),
            ("# Outage\n\n**Service**: Next.js frontend\n\nText.\n", vec!["Next.js frontend"]),
            ("# Outage\n\n**Component**: `mcp_client.rs`\n\nLogins failed.\n", vec![]),
            ("# Outage\n\n**Proje adı**: hooksniff-dash\n\nBuild kırıldı.\n", vec!["hooksniff-dash"]),
            ("# Panne\n\n**Service affecté** : API de paiement\n\nTexte.\n", vec!["API de paiement"]),
            ("# Výpadek\n\n**Systém:** Vega Box (Jetson AGX) - 192.168.10.200\n\nText.\n", vec!["Vega Box"]),
            ("# Outage\n\n**Services affected**: Sign-in portal, photos and drive, and everything that goes through the proxy\n\nText.\n", vec!["Sign-in portal", "photos and drive"]),
            ("# Outage\n\n**Services affected**: wiki, or the status page\n\nText.\n", vec!["wiki", "the status page"]),
            ("# Outage\n\n**Services affected**: AWS Identity and Access Management Console, billing\n\nText.\n", vec!["AWS Identity and Access Management Console", "billing"]),
        ] {
            assert_eq!(of(md), want, "{md}");
        }
    }

    #[test]
    fn a_bug_reports_title_names_its_product() {
        let md = "# Repomix Glob Pattern Issue: Files Collected But Not Output\n\nWhen using Repomix v1.9.1 some files were dropped.\n";
        assert_eq!(of(md), vec!["Repomix".to_string()]);
        // A library the service uses is no service.
        let md = "# SQLAlchemy AsyncIO Pool Configuration Bug\n\nThe app uses SQLAlchemy with asyncpg.\n";
        assert!(of(md).is_empty(), "{:?}", of(md));
        // Nor is a word the body does not write as a name.
        let md = "# Login Issue\n\nThe login page hung.\n";
        assert!(of(md).is_empty(), "{:?}", of(md));
    }

    #[test]
    fn a_title_opening_on_a_name_and_a_colon_is_about_it() {
        let md = "# WhatsApp: historial perdido y ventas citadas\n\nEl webhook de WhatsApp perdió el historial.\n";
        assert_eq!(of(md), vec!["WhatsApp".to_string()]);
        let md = "# DermaClinic — ETL Proposals Activation Report\n\nThe DermaClinic workflow stopped in September.\n";
        assert_eq!(of(md), vec!["DermaClinic".to_string()]);
        let md =
            "# #119 — Tessera: guest cannot open the sign-up form\n\nIn Tessera a guest bounced.\n";
        assert_eq!(of(md), vec!["Tessera".to_string()]);
        // Kinds of document, stages, sections and commit prefixes name
        // nothing; nor does a word the body does not write as a name.
        for md in [
            "# Postmortem: login failures\n\nLogins failed for an hour.\n",
            "# Phase 2: the migration\n\nIn Phase 2 we moved tables.\n",
            "# Root cause: a stale cache\n\nThe cache was stale.\n",
            "# fix: dashboard filter\n\nThe fix corrects the filter.\n",
            "# Kafka Lag: consumers stalled\n\nConsumers stalled for an hour.\n",
            "# Checkout: payments failed\n\nCheckout failed.\n",
            "# CL-DEPLOY-001: Deployment Cascade Failure\n\nSee CL-DEPLOY-001 for details.\n",
            "# Terraform Region Mismatch - FIXED\n\nWe ran Terraform in the wrong region.\n",
            "# 장애 보고서 — API Gateway 응답 지연\n\n장애 보고서 입니다. 장애 원인.\n",
        ] {
            assert!(of(md).is_empty(), "{md}: {:?}", of(md));
        }
    }

    #[test]
    fn a_title_names_its_own_cluster_or_hub() {
        let md = "# 2020-08-28 - Memory overload on WER cluster\n\nStudents saw stuck pages.\n";
        assert_eq!(of(md), vec!["WER".to_string()]);
        let md = "# Slow logins on Acme portal\n\nLogins took a minute.\n";
        assert_eq!(of(md), vec!["Acme".to_string()]);
        // A product's own cluster is the technology, not the service.
        let md = "# Failover on Redis Cluster\n\nReplicas lagged.\n";
        assert!(of(md).is_empty(), "{:?}", of(md));
        // Title Case: only the words that name, not the whole run.
        let md = "# Failover On Redis Cluster\n\nReplicas lagged.\n";
        assert!(of(md).is_empty(), "{:?}", of(md));
        let md = "# Elevated Errors In The Hub\n\nPages failed.\n";
        assert!(of(md).is_empty(), "{:?}", of(md));
        let md = "# Database Outage Affecting Billing Service\n\nInvoices failed.\n";
        assert_eq!(of(md), vec!["Billing".to_string()]);
    }

    #[test]
    fn generic_words_are_never_services() {
        for title in [
            "Production Database Outage",
            "API outage",
            "Login broken (Invalid API key)",
            "Expired Service token",
            "Total node failure",
            "Security Incident Disclosure",
            "Deployment Failure Analysis",
            "PR #280 Post-Mortem: review cycle",
            "FM-041 Render Deployment Update Failure",
        ] {
            let md = format!("# {title}\n\nThe Production API and the Database were down. Total loss. PR merged.\n");
            assert_eq!(of(&md), Vec::<String>::new(), "{title}");
        }
        // A month, abbreviated as dates write it ("Sep 29 Incident Update").
        assert!(
            of("# Sep 29 Incident Update\n\nOn Sep 29 we broke. Sep 30 was fine.\n").is_empty()
        );
        // A capitalized first word the body never writes as a name.
        assert!(of("# Widespread cache failure\n\nWidespread errors.\n").is_empty());
        // Metadata naming only a generic word.
        assert!(of("# Outage\n\n**Service**: Production\n").is_empty());
    }

    #[test]
    fn metadata_and_front_matter() {
        let md = "# Event mismatch\n\n**Affected Systems**: `capture/pr.comments`, `capture/issues` jobs\n\n## Summary\n\nx\n";
        assert_eq!(of(md), vec!["capture/pr.comments"]);
        let md = "+++\ntitle = \"Checkout outage\"\n[taxonomies]\nservices = [\"checkout\", \"payments-api\"]\n+++\n\nThe Checkout page failed.\n";
        assert_eq!(of(md), vec!["checkout", "payments-api"]);
        let md = "---\ntitle: Outage\nparams:\n  service: billing\n---\n\nText.\n";
        assert_eq!(of(md), vec!["billing"]);
    }

    #[test]
    fn what_the_summary_says_went_down() {
        let md = "# Deployment Failure Analysis\n\n## Executive Summary\n\nThis document covers deployment failures in the Staff Portal Hub application.\n";
        assert_eq!(of(md), vec!["Staff Portal Hub"]);
        let md = "# Ingress configuration caused outage\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 09:32 | We are told the online booking system is down. |\n";
        assert_eq!(of(md), vec!["online booking system"]);
        let md = "# Mirror trouble\n\n## Summary\n\nFor two hours mirror.example.org was unavailable to users.\n";
        assert_eq!(of(md), vec!["mirror.example.org"]);
        // The main application is no name.
        // A name stays on one line: "the underlying reasons\nthe site was
        // down" names no "underlying reasons the site".
        let md = "# Turkey day\n\nWe set aside an hour to dig into the underlying reasons\nthe site was down.\n";
        assert_eq!(of(md), Vec::<String>::new());
        let md = "# Crash\n\n## Summary\n\nThe main application is down.\n";
        assert!(of(md).is_empty());
        // A service named as code names it: one hyphenated or underscored
        // identifier before the kind of system, in any case the title has.
        let md = "# Quote-engine timed out after the font bump\n\nThe quote-engine service (our PDF maker) timed out on every request.\n";
        assert_eq!(of(md), vec!["quote-engine"]);
        let md = "# Slow nights\n\n## Summary\n\nOur nightly_ledger app stalled twice.\n";
        assert_eq!(of(md), vec!["nightly_ledger"]);
        // A plain word before the kind is no name, nor a compound that
        // describes the system, nor an identifier nothing else names.
        let md = "# Slow nights\n\n## Summary\n\nThe billing service stalled twice.\n";
        assert!(of(md).is_empty());
        let md = "# Slow nights\n\n## Summary\n\nThe third-party service and our on-call system timed out.\n";
        assert!(of(md).is_empty());
        let md = "# Slow nights\n\nThe long-lived service stalled twice.\n";
        assert!(of(md).is_empty());
        // Written as code elsewhere, it names the service.
        let md = "# Slow nights\n\nThe quote-engine service stalled twice.\n\n## Fix\n\nRestarted `quote-engine`.\n";
        assert_eq!(of(md), vec!["quote-engine"]);
    }

    #[test]
    fn a_system_that_is_flaky_or_slow_is_the_subject_of_the_title() {
        let md = "# June 3rd, 2024 Quarry Flakiness\n\nFor a day, Quarry jobs failed at random.\n";
        assert_eq!(of(md), vec!["Quarry"]);
        let md = "# Ledgerly instability after the upgrade\n\nAfter the upgrade, Ledgerly restarted every hour.\n";
        assert_eq!(of(md), vec!["Ledgerly"]);
    }

    #[test]
    fn a_code_identifier_spells_the_title_name_and_a_repository_comes_last() {
        let md = "# Postmortem: Thanos Compact Corruption\n\n## Summary\n\n`thanos-compact` halted. Thanos restarted.\n";
        assert_eq!(of(md), vec!["thanos-compact"]);
        let md = "# Deployment Failure Analysis\n\n**Repository**: someone/hr-portal\n\n## Summary\n\nBuilds failed.\n";
        assert_eq!(of(md), vec!["hr-portal"]);
        // A better name wins over the repository.
        let md = "# Deployment Failure Analysis\n\n**Repository**: someone/hr-portal\n\n## Summary\n\nBuilds of the Staff Portal application failed.\n";
        assert_eq!(of(md), vec!["Staff Portal"]);
    }
}
