//! Error messages: every place a report shows an error (fenced and indented
//! code blocks, blockquotes, list items, table cells, inline code, headings,
//! quoted text after a cue word, `**Error Message:**` lines, symptom lists)
//! gives candidates; `error_lines` scores each line, the place adds context
//! (an error section, an error label, a cue word, log output that already
//! holds a real error), and the best candidates are kept, verbatim, with
//! their signatures. A stack trace stays one candidate with its head line.

use super::document::Document;
use super::error_lines::{self as lines, Family, Verdict, ALONE, IN_CODE, WEAK};
use super::markdown::Kind;
use super::sections::{LabelKind, Role};
use super::signature::signature;
use super::text::unmark;
use crate::extract::per_thread::PerThread;
use crate::model::ErrorEntry;
use regex::Regex;
use std::collections::BTreeMap;

/// Most errors kept per report: a log-heavy report keeps its best ones.
/// (15 was tried: a 30-issue troubleshooting guide then lost errors that
/// search ranks it by, and two judged queries of ../shared flipped.)
pub const MAX_ERRORS: usize = 25;
/// Cap on one message: a pasted 10,000-line trace keeps its head.
const MAX_LINES: usize = 12;
const MAX_CHARS: usize = 2000;

/// What context adds to a line's own score.
const IN_ERRORS: i32 = 20;
const CUED: i32 = 20;
const HAS_ERROR: i32 = 20;
const OUTPUT: i32 = 10;
/// Context adds at most this much.
const MAX_CONTEXT: i32 = 40;
/// An error the section heading names ("### Issue: \"BASH_SOURCE[0]:
/// unbound variable\"", "## Infinite Recursion Errors") ranks higher.
const NAMED: i32 = 20;
/// Each further error of one topic ranks this much lower, so a report of
/// thirty issues keeps errors from many of them.
const SAME_TOPIC: i32 = 25;
/// What telling an error in a sentence costs it in rank.
const NARRATIVE: i32 = 30;

/// Headings that only say an error is near: a code block right under
/// one is error output ("### Error 2: Deprecated Parameter Warning").
static ERROR_HEADING: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)\b(errors?|exceptions?|failures?|crash(es)?|panics?|warnings?|stack ?traces?|tracebacks?|symptoms?)\b")
        .expect("error heading regex")
});

/// Words too common in headings to name an error.
const HEADING_NOISE: &[&str] = &[
    "issue",
    "issues",
    "error",
    "errors",
    "the",
    "and",
    "for",
    "with",
    "from",
    "not",
    "fix",
    "fixed",
    "failure",
    "failures",
    "failed",
    "fails",
    "problem",
    "when",
    "after",
    "before",
    "due",
    "into",
    "this",
    "that",
    "what",
    "how",
    "why",
    "bug",
    "incident",
    "resolved",
    "critical",
    "symptom",
    "symptoms",
    "exception",
    "exceptions",
    "cannot",
    "does",
    "exist",
];

/// Section headings that promise a list of what was seen.
static SYMPTOM_HEADING: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)^(symptoms?|errors?|error (messages?|logs?|output)|logs?|observed( errors| behaviou?r)?|what (we|users) saw)$")
        .expect("symptom heading regex")
});

/// Labels whose text is the error itself: "**Error:** x", "**Error Code**: x".
static MESSAGE_LABEL: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)^(?:the\s+)?(?:errors?|exceptions?|error\s+(?:codes?|messages?|text|output|thrown|returned|received|seen))$")
        .expect("message label regex")
});

/// Labels that are a log level: "ERROR: x" read as a label is still "ERROR: x".
static LEVEL_LABEL: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"^(?:ERROR|Error|error|FATAL|Fatal|fatal|CRITICAL|Critical|PANIC|panic|SEVERE|E)$")
        .expect("level label regex")
});

/// Labels that introduce an error: "**Error:**", "**Error Code**:",
/// "**Exception thrown**:", "**Stack trace**:" (not "**Error handling**:").
static ERROR_LABEL: PerThread<Regex> = PerThread::new(|| {
    Regex::new(
        r"(?i)^(?:the\s+)?(?:[\w-]+\s+){0,3}(?:errors?|exceptions?|failures?|stack\s*traces?|tracebacks?|panics?|crash(?:es)?|symptoms?|(?:log|console|build|error)\s+output|logs?)(?:\s+(?:codes?|messages?|text|output|logs?|seen|shown|thrown|returned|received|details?))?$",
    )
    .expect("error label regex")
});

static QUOTED: PerThread<Regex> =
    PerThread::new(|| Regex::new(r#""([^"\n]{8,300})"|“([^”\n]{8,300})”"#).expect("quoted regex"));

/// Words after which any quoted message is the error that was shown.
static CUE: PerThread<Regex> = PerThread::new(|| {
    // The word "error" in other languages leads a quoted message too
    // ("erreur \"no such service\"", "Fehler `…`", "ошибка «…»", "エラー「…」",
    // "hibaüzenet \"…\"", "שגיאה \"…\"").
    Regex::new(r"(?i)\b(errors?|exceptions?|fail(s|ed|ing|ure)?|fires?|fired|alerts?|crash(es|ed)?|showing|shows|logs?|logged|message|throws?|threw|raised?|errores|erreurs?|erros?|errore|fehler\w*|ошибк\w*|исключени\w*|lỗi|hib[aá]\w*|eroare|erori|virhe\w*|σφ[άα]λμα\w*)\b|\[(CRITICAL|ERROR|FATAL)\]|错误|報錯|报错|エラー|例外|오류|에러|خطأ|שגיאה|ข้อผิดพลาด")
        .expect("cue regex")
});

/// Words after which a quoted message or inline code that reads like an
/// error is the error ("returned `AccessDenied`", "got 401 \"Missing scope\"").
static WEAK_CUE: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)\b(returned|returns|returning|got|gets|getting|hit|hits|saw|see|seeing|seen|report(s|ed)?|results?|resulted|says|output|responded|responds|received|receive|emits?|emitted|prints?|printed|displays?|displayed|status|leading to|led to|caus(e|es|ed|ing)|with|panicked|rejected|denied|stderr|response|transition(s|ed)? from)\b|\b[45]\d\d\b")
        .expect("weak cue regex")
});

/// People telling of the failure in their words ("users report \"app is
/// broken\"", "a customer wrote"), right before the quote: what they said
/// is no program's message ("users report 401 \"Missing scope\"" quotes one).
static PEOPLE_SAY: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)(?-u:\b)(users?|customers?|people|visitors?|players?|someone|reporters?|support)( [a-z]+)? (report(s|ed)?|says?|said|complain(s|ed)?|wr(o|i)te|told( us)?|describ(e|es|ed))[^a-z0-9]*$")
        .expect("people say regex")
});

/// The prompt or comment that starts a shell line that is not output.
static COMMAND: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"^\s*(?:[$%❯➜λ]\s|#|//|--\s|PS [^>]*>|[A-Z]:\\[^>]*>|[\w.-]+@[\w.-]+:[^$#]*[$#]\s|>>>\s|\.\.\.\s)")
        .expect("command regex")
});

/// A command typed without a prompt: a lower-case word, then flags or a
/// pipe ("kubectl get pods -n x | grep CrashLoopBackOff").
static BARE_COMMAND: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"^\s*[a-z][\w.+-]*\s(?:[^:\n]*\s)?(?:--?[A-Za-z]|\|\s*[a-z])")
        .expect("bare command regex")
});

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    /// Log output, terminal output, text: every line may be an error.
    Output,
    /// Shell sessions: commands and output mixed.
    Shell,
    /// JSON and other data: API error bodies.
    Data,
    /// Source code and config: only lines no code could be.
    Program,
}

const OUTPUT_LANGS: &[&str] = &[
    "text",
    "txt",
    "log",
    "logs",
    "output",
    "plaintext",
    "plain",
    "stderr",
    "stdout",
    "error",
    "errors",
    "none",
    "http",
    "nohighlight",
    "ansi",
    "trace",
    "traceback",
    "pytb",
    "stacktrace",
];
const SHELL_LANGS: &[&str] = &[
    "bash",
    "sh",
    "shell",
    "zsh",
    "fish",
    "console",
    "terminal",
    "shell-session",
    "shellsession",
    "powershell",
    "ps1",
    "pwsh",
    "cmd",
    "bat",
    "batch",
    "sql",
    "psql",
    "mysql",
    "pycon",
];
const DATA_LANGS: &[&str] = &["json", "jsonc", "json5", "jsonl", "ndjson", "xml"];

fn class_of(lang: Option<&str>) -> Option<Class> {
    match lang {
        None => Some(Class::Output),
        Some("diff" | "patch") => None,
        Some(l) if OUTPUT_LANGS.contains(&l) => Some(Class::Output),
        Some(l) if SHELL_LANGS.contains(&l) => Some(Class::Shell),
        Some(l) if DATA_LANGS.contains(&l) => Some(Class::Data),
        Some(_) => Some(Class::Program),
    }
}

struct Candidate {
    message: String,
    language: Option<String>,
    score: i32,
    block: usize,
    order: usize,
    signature: String,
}

/// Gathers candidates, one per signature, and keeps the best.
#[derive(Default)]
struct Collector {
    out: Vec<Candidate>,
    by_sig: BTreeMap<String, usize>,
}

impl Collector {
    fn push(&mut self, message: &str, language: Option<&str>, score: i32, block: usize) {
        let message = truncate(message.trim());
        if message.is_empty() {
            return;
        }
        let sig = signature(&message);
        // "ERROR: x" then "pkg.SomeError: x (details)" is one error said twice.
        let first_line = message.lines().next().unwrap_or("");
        let head = if first_line.len() == message.len() {
            sig.clone()
        } else {
            signature(first_line)
        };
        if sig.is_empty() {
            return;
        }
        if let Some(&i) = self.by_sig.get(&sig).or_else(|| self.by_sig.get(&head)) {
            let c = &mut self.out[i];
            c.score = c.score.max(score);
            // The same error said in full later (a title, then the log
            // line with its path) keeps the full wording.
            if message.len() > c.message.len() && message.contains(c.message.as_str()) {
                c.message = message;
                c.language = language.map(str::to_string);
            }
            return;
        }
        let i = self.out.len();
        self.by_sig.insert(sig.clone(), i);
        self.by_sig.entry(head).or_insert(i);
        self.out.push(Candidate {
            message,
            language: language.map(str::to_string),
            score,
            block,
            order: i,
            signature: sig,
        });
    }

    /// Stack frames in a code block right after a block that gave an error
    /// (an exception heading or line, then its trace) belong to that error.
    fn attach_frames(&mut self, block: usize, frames: &str) -> bool {
        let Some(last) = self.out.last_mut() else {
            return false;
        };
        if last.block + 1 != block || last.message.lines().count() > 1 {
            return false;
        }
        last.message = truncate(&format!("{}\n{}", last.message, frames.trim_end()));
        true
    }

    fn finish(self, doc: &Document) -> Vec<ErrorEntry> {
        // Rank: own score, a heading that names it, fewer of one topic.
        let mut headings = HeadingWords::default();
        let mut keyed: Vec<(i32, usize, Option<usize>)> = self
            .out
            .iter()
            .map(|c| {
                let section = doc.ann[c.block].section;
                let named =
                    section.is_some_and(|s| heading_names(doc, s, &c.message, &mut headings));
                let key = c.score + if named { NAMED } else { 0 };
                (key, c.order, topic(doc, section))
            })
            .collect();
        keyed.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut per_topic: BTreeMap<Option<usize>, i32> = BTreeMap::new();
        for k in &mut keyed {
            let n = per_topic.entry(k.2).or_insert(0);
            k.0 -= SAME_TOPIC * *n;
            *n += 1;
        }
        keyed.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        // "Missing required scope" said again as "Missing required scope:
        // orders:create" is one error: the fuller message stays, where the
        // better of the two ranked. Among the best few only: it compares
        // every pair.
        keyed.truncate(MAX_ERRORS * 4);
        let folded: BTreeMap<usize, String> = keyed
            .iter()
            .map(|k| {
                let m = &self.out[k.1].message;
                let f = m.split_whitespace().collect::<Vec<_>>().join(" ");
                (k.1, f.to_lowercase())
            })
            .collect();
        let mut kept: Vec<usize> = Vec::new();
        for k in &keyed {
            let mine = &folded[&k.1];
            let fullest = keyed
                .iter()
                .map(|o| o.1)
                .filter(|o| folded[o].len() > mine.len() && folded[o].contains(mine.as_str()))
                .max_by_key(|o| folded[o].len());
            let slot = fullest.unwrap_or(k.1);
            if kept.len() == MAX_ERRORS {
                break;
            }
            if !kept.contains(&slot) {
                kept.push(slot);
            }
        }
        let mut out: Vec<Candidate> = self.out;
        out.retain(|c| kept.contains(&c.order));
        out.into_iter()
            .map(|c| ErrorEntry {
                message: c.message,
                signature: c.signature,
                language: c.language,
            })
            .collect()
    }
}

/// The errors of `doc`, whose title (from front matter or its heading) is
/// `title`.
pub fn extract(doc: &Document, title: &str) -> Vec<ErrorEntry> {
    let mut c = Collector::default();
    // A status page's or a ticket's title may be the error itself
    // ("NoSuchMethodError: The getter 'x' was called on null."), given
    // only in front matter; it counts as a heading would.
    if !doc.blocks.is_empty() {
        if let Some((message, score)) = exception_heading(title) {
            c.push(message, Some("text"), score, doc.title_block.unwrap_or(0));
        }
    }
    for (i, block) in doc.blocks.iter().enumerate() {
        match &block.kind {
            Kind::Code { lang, text, .. } => code_block(doc, i, lang.as_deref(), text, &mut c),
            Kind::Heading { .. } => heading(doc, i, &mut c),
            Kind::Paragraph | Kind::Item { .. } | Kind::Row { .. } => inline(doc, i, &mut c),
            Kind::Rule => {}
        }
    }
    c.finish(doc)
}

/// The section an error belongs to for ranking: the nearest heading that
/// names a topic, above short structural ones ("Symptoms", "Evidence").
fn topic(doc: &Document, section: Option<usize>) -> Option<usize> {
    let mut s = section?;
    loop {
        let sec = &doc.sections[s];
        if sec.heading.split_whitespace().count() > 3 {
            return Some(s);
        }
        match sec.parent {
            Some(p) => s = p,
            None => return Some(s),
        }
    }
}

/// The distinct words of `s` that can tie an error to a heading, sorted.
fn words(s: &str) -> Vec<String> {
    let mut out: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !HEADING_NOISE.contains(&w.as_str()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How many words two sorted, distinct word lists share.
fn shared_words(a: &[String], b: &[String]) -> usize {
    a.iter().filter(|w| b.binary_search(w).is_ok()).count()
}

/// Each section heading's words and quotes (lower case), worked out once
/// for all the candidates of a report.
#[derive(Default)]
struct HeadingWords(BTreeMap<usize, (Vec<String>, Vec<String>)>);

impl HeadingWords {
    fn of(&mut self, doc: &Document, section: usize) -> &(Vec<String>, Vec<String>) {
        self.0.entry(section).or_insert_with(|| {
            let heading = &doc.sections[section].heading;
            let quotes = quoted_at(heading).map(|(q, _)| q.to_lowercase()).collect();
            (words(heading), quotes)
        })
    }
}

/// Whether the heading of `section` or of its topic names this error: it
/// quotes it, or two of its words are in it.
fn heading_names(
    doc: &Document,
    section: usize,
    message: &str,
    headings: &mut HeadingWords,
) -> bool {
    let lower = message.to_lowercase();
    let have = words(message);
    let mut s = Some(section);
    let top = topic(doc, Some(section));
    while let Some(i) = s {
        let (heading_words, quotes) = headings.of(doc, i);
        let quoted = quotes.iter().any(|q| lower.contains(q.as_str()));
        let shared = shared_words(heading_words, &have);
        if quoted || shared >= 2 {
            return true;
        }
        if Some(i) == top {
            break;
        }
        s = doc.sections[i].parent;
    }
    false
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// True when `line` carries on the sentence of `prev` ("... within the" /
/// "allocated timeout.").
fn wrapped(prev: &str, line: &str) -> bool {
    let prev = prev.trim_end();
    let first = line.trim_start().chars().next();
    !prev.ends_with(['.', '!', '?', ':', ';', ')', ']', '}'])
        && first.is_some_and(|c| c.is_lowercase() || "'\"(".contains(c))
}

/// Whether a sentence of prose that `prev` starts goes on in `line`: a
/// line of words (not a table header, not a log line) and a line opening
/// on a plain lower-case word ("from origin …"), not an identifier.
fn wraps_into(prev: &str, line: &str) -> bool {
    let word = line.split_whitespace().next().unwrap_or("");
    wrapped(prev, line)
        && prev.split_whitespace().count() >= 3
        && prev.chars().any(char::is_lowercase)
        && !word.is_empty()
        && word.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
}

/// Whether the paragraph right before a code block introduces an error
/// ("The error logs show:", "crashed with:", "**Error Output**:").
fn cued_block(doc: &Document, i: usize) -> bool {
    if doc.label_before(i).is_some_and(|l| is_error_label(&l)) {
        return true;
    }
    if i > 0
        && matches!(doc.blocks[i - 1].kind, Kind::Heading { .. })
        && ERROR_HEADING.is_match(doc.blocks[i - 1].text())
    {
        return true;
    }
    let Some(prev) = i.checked_sub(1) else {
        return false;
    };
    let b = &doc.blocks[prev];
    if !matches!(b.kind, Kind::Paragraph | Kind::Item { .. }) {
        return false;
    }
    let last = b.text().lines().last().unwrap_or("").trim();
    if !last.ends_with(':') {
        return false;
    }
    let tail: String = last
        .chars()
        .rev()
        .take(60)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    CUE.is_match(&tail) || WEAK_CUE.is_match(&tail)
}

fn is_error_label(label: &str) -> bool {
    ERROR_LABEL.is_match(super::text::clean_heading(label).trim())
}

struct Group {
    lines: Vec<String>,
    score: i32,
    indent: usize,
    traceback: bool,
}

fn code_block(doc: &Document, i: usize, lang: Option<&str>, text: &str, c: &mut Collector) {
    let Some(mut class) = class_of(lang) else {
        return;
    };
    let ann = &doc.ann[i];
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if lines::is_frame(first) && c.attach_frames(i, text) {
        return;
    }
    // A trace pasted under a language tag still starts like one.
    let v_first = lines::score_prose(first);
    if class == Class::Program && v_first.prose && v_first.score >= ALONE {
        class = Class::Output;
    }
    let language = match class {
        Class::Output => Some("text"),
        _ => lang,
    };
    // Source code is asked only what it could be taken for.
    let verdicts: Vec<Verdict> = if class == Class::Program {
        super::text::lines(text).map(lines::score_prose).collect()
    } else {
        super::text::lines(text).map(lines::score).collect()
    };
    let mut bonus: i32 = 0;
    if ann.role == Role::Errors {
        bonus += IN_ERRORS;
    }
    if cued_block(doc, i) {
        bonus += CUED;
    }
    let threshold = match class {
        Class::Output | Class::Shell => ALONE,
        Class::Data => 70,
        Class::Program => IN_CODE,
    };
    if matches!(class, Class::Output | Class::Shell) {
        if class == Class::Output {
            bonus += OUTPUT;
        }
        if verdicts.iter().any(|v| v.score >= ALONE) {
            bonus += HAS_ERROR;
        }
    }
    let bonus = bonus.min(MAX_CONTEXT);
    let is_head = |v: &Verdict| {
        v.score >= threshold
            || matches!(class, Class::Output | Class::Shell)
                && v.score >= WEAK
                && v.score + bonus >= ALONE
    };

    let mut groups: Vec<Group> = Vec::new();
    let mut cur: Option<Group> = None;
    let mut prev = "";
    // The line before, when no group took it: the start of a message a
    // terminal or an editor wrapped ("Access to fetch at '…'" / "from
    // origin '…' has been blocked by CORS policy:").
    let mut loose: Option<&str> = None;
    for (line, v) in super::text::lines(text).zip(&verdicts) {
        let was_loose = loose.take();
        if line.trim().is_empty() {
            groups.extend(cur.take());
            prev = line;
            continue;
        }
        let command = class != Class::Output && COMMAND.is_match(line)
            || class == Class::Shell && BARE_COMMAND.is_match(line);
        if command && !lines::is_frame(line) {
            groups.extend(cur.take());
            // A comment is prose: "# RESULT: \"Invalid diagram type\"".
            let t = line.trim_start();
            if let Some(comment) = t.strip_prefix('#').or_else(|| t.strip_prefix("//")) {
                for q in cued_quotes(comment, "", false) {
                    c.push(&q.0, Some("text"), q.1, i);
                }
            }
            prev = line;
            continue;
        }
        if let Some(g) = cur.as_mut().filter(|g| g.traceback) {
            g.lines.push(line.trim_end().to_string());
            // A trace keeps its head and its end (see `truncate`).
            if g.lines.len() > 2 * MAX_LINES {
                g.lines.drain(1..g.lines.len() - MAX_LINES);
            }
            let t = line.trim_start();
            if indent(line) <= g.indent
                && !lines::is_frame(line)
                && !t.starts_with("Traceback")
                && !t.starts_with("During handling")
                && !t.starts_with("The above exception")
            {
                g.score = g.score.max(v.score + bonus);
                groups.extend(cur.take());
            }
            prev = line;
            continue;
        }
        let head = is_head(v) && !lines::is_frame(line);
        if let Some(g) = cur.as_mut() {
            let deeper = indent(line) > g.indent;
            let caused = line.trim_start().starts_with("Caused by");
            let frame = lines::is_frame(line);
            // "... - ERROR - " or "failed for job 42:" goes on below.
            let opened = prev.trim_end().ends_with([':', '-', ',', '>']);
            let cont = frame
                || caused
                || opened && v.score < 80
                || deeper && v.score < 80
                || v.score < ALONE && wrapped(prev, line)
                || !head
                    && match class {
                        Class::Output => true,
                        Class::Shell => v.score >= WEAK,
                        Class::Data | Class::Program => false,
                    };
            if cont {
                if g.lines.len() < MAX_LINES {
                    g.lines.push(line.trim_end().to_string());
                }
                prev = line;
                continue;
            }
        }
        groups.extend(cur.take());
        if head {
            let mut lines = vec![line.trim().to_string()];
            if let Some(start) = was_loose.filter(|p| class == Class::Output && wraps_into(p, line))
            {
                lines.insert(0, start.trim().to_string());
            }
            cur = Some(Group {
                lines,
                score: v.score + bonus,
                indent: indent(line),
                traceback: lines::clean(line).starts_with("Traceback"),
            });
        } else {
            loose = Some(line);
        }
        prev = line;
    }
    groups.extend(cur.take());
    for g in groups {
        let message = if g.lines.len() > 1 {
            g.lines.join("\n")
        } else {
            lines::clean(&g.lines[0]).to_string()
        };
        c.push(&message, language, g.score, i);
    }
}

fn heading(doc: &Document, i: usize, c: &mut Collector) {
    let text = doc.blocks[i].text();
    let role = doc.ann[i].role;
    if role == Role::Errors {
        for (q, _) in quoted_at(text) {
            c.push(
                &q,
                Some("text"),
                lines::score(&q).score.max(ALONE) + IN_ERRORS,
                i,
            );
        }
    }
    if let Some((message, score)) = exception_heading(text) {
        c.push(message, Some("text"), score, i);
    }
}

/// A heading that is an exception line ("System.NullReferenceException:
/// 'Object reference ...' Stack Trace"): its message and score.
fn exception_heading(text: &str) -> Option<(&str, i32)> {
    let v = lines::score(text);
    if v.family == Some(Family::Exception) && v.prose && v.score >= 85 {
        let t = lines::clean(text);
        let t = t
            .strip_suffix("Stack Trace")
            .or_else(|| t.strip_suffix("Stacktrace"))
            .unwrap_or(t);
        return Some((t, v.score));
    }
    None
}

/// One line of a paragraph, list item, blockquote or table cell.
struct Line {
    label: Option<String>,
    /// This line's own label says its text is the error.
    message_label: bool,
    text: String,
    error_label: bool,
    in_errors: bool,
}

fn inline(doc: &Document, i: usize, c: &mut Collector) {
    let block = &doc.blocks[i];
    let ann = &doc.ann[i];
    let rows: Vec<Line> = match &block.kind {
        Kind::Row { cells, .. } => cells
            .iter()
            .map(|cell| Line {
                label: None,
                message_label: false,
                text: unmark(cell),
                error_label: false,
                in_errors: ann.role == Role::Errors,
            })
            .collect(),
        _ if ann.lines.is_empty() => vec![Line {
            label: None,
            message_label: false,
            text: block.text().to_string(),
            error_label: false,
            in_errors: ann.role == Role::Errors,
        }],
        _ => ann
            .lines
            .iter()
            .map(|l| Line {
                label: l.label.clone(),
                message_label: l
                    .label
                    .as_deref()
                    .is_some_and(|x| MESSAGE_LABEL.is_match(&super::text::clean_heading(x))),
                text: match &l.label {
                    Some(label) if LEVEL_LABEL.is_match(label) => {
                        format!("{label}: {}", l.value)
                    }
                    _ => l.value.clone(),
                },
                error_label: l.kind == Some(LabelKind::Role(Role::Errors))
                    || l.label.as_deref().is_some_and(is_error_label)
                    || l.from_label && l.role == Role::Errors,
                in_errors: l.role == Role::Errors,
            })
            .collect(),
    };
    let symptom_list = matches!(block.kind, Kind::Item { .. })
        && doc
            .section_heading(i)
            .is_some_and(|h| SYMPTOM_HEADING.is_match(h.trim()));
    let is_item = matches!(block.kind, Kind::Item { .. });
    let item_share = |code: &str, text: &str| code.len() * 10 >= text.trim().len() * 6;
    // Each inline code span once, though a span may sit on several lines
    // of a labelled paragraph: its verdict.
    let spans: Vec<(&str, Verdict)> = block
        .codes
        .iter()
        .map(|c| (c.as_str(), lines::score(c)))
        .collect();
    let mut prev_tail = String::new();
    for line in &rows {
        let text = line.text.as_str();
        let listed = line.error_label || symptom_list;
        // What comes before a span on this line: the label, and the end of
        // the line before when the span starts this one.
        let lead = match &line.label {
            Some(l) => format!("{prev_tail} \u{0}{l}: "),
            None => format!("{prev_tail} \u{0}"),
        };
        let context =
            if line.in_errors { IN_ERRORS } else { 0 } + if line.error_label { 10 } else { 0 };
        let mut took = false;
        for &(code, v) in spans.iter().filter(|s| text.contains(s.0)) {
            let single = !code.trim().contains(char::is_whitespace);
            let named_code = !single
                || code.contains('_')
                || v.score >= 50
                    && matches!(
                        v.family,
                        Some(
                            Family::Exception
                                | Family::Kubernetes
                                | Family::Cloud
                                | Family::Code
                                | Family::Database
                                | Family::Network
                                | Family::Shell
                        )
                    );
            // Most spans are names (`redis`, `config.yaml`): nothing below
            // could take them, and the words before them are not read.
            let could = named_code
                && (v.score >= WEAK || line.error_label && looks_like_message(code))
                && (v.prose || !lines::is_expression(code));
            if !could {
                continue;
            }
            let at = text.find(code).unwrap_or(0);
            let before = tail(&format!("{}{}", lead_at(&lead, at), &text[..at]), 60);
            let cue = CUE.is_match(&before) || WEAK_CUE.is_match(&before);
            let take = v.score >= ALONE
                || v.score >= WEAK && (cue || line.error_label)
                || line.error_label && looks_like_message(code)
                || listed && v.score >= WEAK && looks_like_message(code) && item_share(code, text);
            if take {
                let bonus = if cue { 5 } else { 0 };
                c.push(code, Some("text"), v.score.max(WEAK) + context + bonus, i);
                took = true;
            }
        }
        if !took {
            // A paragraph line is an error by itself only by a `prose` rule,
            // unless an error section or label vouches for it.
            let v = if line.in_errors || line.message_label {
                lines::score(text)
            } else {
                lines::score_prose(text)
            };
            // Quotes inside code that builds an error (`logger.error("x")`)
            // are code. A line without a quote mark has no quotes to read.
            let quotes = if text.contains(['"', '“']) {
                let mut prose = text.to_string();
                for &(code, _) in &spans {
                    if prose.contains(code) && lines::is_code(code) {
                        prose = prose.replace(code, &" ".repeat(code.len()));
                    }
                }
                cued_quotes(&prose, &lead, line.error_label)
            } else {
                Vec::new()
            };
            // A line that starts with a code span it talks about ("`[ERROR]`
            // log lines are needed") is prose.
            let about_code = block
                .codes
                .iter()
                .any(|c| text.trim_start().starts_with(c.as_str()));
            if v.prose && v.score >= ALONE && !about_code {
                c.push(lines::clean(text), Some("text"), v.score + context, i);
            } else if !quotes.is_empty() {
                for (q, s) in quotes {
                    c.push(&q, Some("text"), s + context, i);
                }
            } else if line.in_errors && v.score >= ALONE && text.len() <= 300 {
                // A line of an error section that holds an error: told as a
                // sentence ("Storage returns 400 Bad Request when ...") it
                // ranks below the error lines themselves.
                let told = if narrative(text) { NARRATIVE } else { 0 };
                c.push(
                    lines::clean(text),
                    Some("text"),
                    v.score + context - told,
                    i,
                );
            } else if listed && is_item && looks_like_log_line(text) && !lines::says_success(text) {
                c.push(text, Some("text"), v.score.max(WEAK) + context, i);
            } else if line.message_label
                && block.codes.is_empty()
                && v.score >= WEAK
                && text.len() <= 300
                && !text.trim_end_matches('.').contains(". ")
            {
                c.push(text, Some("text"), v.score + context, i);
            }
        }
        prev_tail = if text.trim_end().ends_with(['.', '!', '?']) {
            String::new()
        } else {
            tail(text, 40)
        };
    }
}

/// A sentence about an error rather than an error line: six words or
/// more, and no "head: " in its first words.
fn narrative(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() >= 6 && !words.iter().take(5).any(|w| w.ends_with(':'))
}

/// The lead of a line as seen from a span at byte `at`: the line before
/// counts only for a span that starts the line (after the `\0` mark).
fn lead_at(lead: &str, at: usize) -> &str {
    if at <= 2 {
        return lead;
    }
    lead.split_once('\u{0}').map_or(lead, |(_, label)| label)
}

/// The last `n` characters of `s`.
fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}

fn truncate(s: &str) -> String {
    let all: Vec<&str> = s.lines().collect();
    let lines: Vec<&str> = if all.len() > MAX_LINES && all[0].trim_start().starts_with("Traceback")
    {
        // A Python trace ends with its error: keep the head and the tail.
        let mut v = vec![all[0], "  ..."];
        v.extend(&all[all.len() - (MAX_LINES - 2)..]);
        v
    } else {
        all.into_iter().take(MAX_LINES).collect()
    };
    let mut joined = lines.join("\n");
    if joined.len() > MAX_CHARS {
        let mut cut = MAX_CHARS;
        while !joined.is_char_boundary(cut) {
            cut -= 1;
        }
        joined.truncate(cut);
    }
    joined
}

fn looks_like_message(code: &str) -> bool {
    code.split_whitespace().count() >= 3 || code.contains(": ")
}

/// "Hang detected: 0.25s (...)", "Result accumulator timeout: 0.25, exceeded":
/// a short head, a colon, and a tail with numbers, quotes or brackets.
fn looks_like_log_line(text: &str) -> bool {
    match text.split_once(": ") {
        Some((head, tail)) => {
            head.split_whitespace().count() <= 5
                && tail.contains(|c: char| c.is_ascii_digit() || "'\"([{".contains(c))
                && text.len() < 300
        }
        None => false,
    }
}

/// Quoted messages of three words or more, with where each quote starts.
fn quoted_at(text: &str) -> impl Iterator<Item = (String, usize)> + '_ {
    QUOTED.captures_iter(text).filter_map(|c| {
        let start = c.get(0).map_or(0, |m| m.start());
        let inner = c.get(1).or_else(|| c.get(2))?.as_str().trim();
        (inner.split_whitespace().count() >= 3).then(|| (inner.to_string(), start))
    })
}

/// Quoted messages that are errors, with their scores: any quote right
/// after a word that says an error was shown ("fails with", "fires:"),
/// a quote that reads like an error after a weaker cue ("returned",
/// "got 401"), and a quote that is an error line on its own.
fn cued_quotes(text: &str, lead: &str, error_label: bool) -> Vec<(String, i32)> {
    quoted_at(text)
        .filter_map(|(q, start)| {
            let v = lines::score(&q);
            if lines::says_success(&q) {
                return None;
            }
            let cued = || {
                let before = tail(&format!("{}{}", lead_at(lead, start), &text[..start]), 40);
                CUE.is_match(&before)
                    || v.score >= WEAK
                        && WEAK_CUE.is_match(&before)
                        && !PEOPLE_SAY.is_match(&before)
            };
            let take = error_label || v.score >= ALONE || cued();
            take.then(|| (q, v.score.max(WEAK) + 5))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::document::annotate;
    use crate::extract::markdown::blocks;

    fn messages(md: &str) -> Vec<String> {
        extract(&annotate(blocks(md, 1)), "")
            .into_iter()
            .map(|e| e.message)
            .collect()
    }

    #[test]
    fn log_blocks_split_into_messages() {
        let md = "```\nERROR: Pool class QueuePool cannot be used with asyncio engine\nsqlalchemy.exc.ArgumentError: Pool class QueuePool cannot be used with asyncio engine\n(Background on this error at: https://sqlalche.me/e/20/pcls)\n```\n";
        assert_eq!(
            messages(md),
            vec!["ERROR: Pool class QueuePool cannot be used with asyncio engine"]
        );
        let md = "```\nerror: failed to create directory `/x/y`\nCaused by: Read-only file system (os error 30)\n```\n";
        assert_eq!(
            messages(md),
            vec![
                "error: failed to create directory `/x/y`\nCaused by: Read-only file system (os error 30)"
            ]
        );
    }

    #[test]
    fn error_forms_table() {
        let cases: &[(&str, &str)] = &[
            ("Application fails with `ConnectionError: Error 111 connecting to localhost:6379. Connection refused` because", "ConnectionError: Error 111 connecting to localhost:6379. Connection refused"),
            ("**Error Message:** `Invalid OpenGraph type: restaurant`\n", "Invalid OpenGraph type: restaurant"),
            ("## Symptoms\n\n- Hang detected: 0.25s (debugger attached, not reporting)\n- UI is slow\n", "Hang detected: 0.25s (debugger attached, not reporting)"),
            ("| 06:33 | Alert fires: \"Thanos Compactor has hit StartLimitBurst and stopped restarting.\" |\n|---|---|\n", "Thanos Compactor has hit StartLimitBurst and stopped restarting."),
            ("```python\nTraceback (most recent call last):\n  File \"x.py\", line 1\nKeyError: 'a'\n```\n", "Traceback (most recent call last):\n  File \"x.py\", line 1\nKeyError: 'a'"),
            ("```\nthread 'main' panicked at src/main.rs:42:10:\ncalled `Option::unwrap()` on a `None` value\n```\n", "thread 'main' panicked at src/main.rs:42:10:\ncalled `Option::unwrap()` on a `None` value"),
            ("```\n10.0.0.1 - - \"GET / HTTP/1.1\" 503 0\n```\n", "10.0.0.1 - - \"GET / HTTP/1.1\" 503 0"),
            // A .NET exception in a list item, its message in quotes.
            ("Exceptions Produced\n----------\n-System.NullReferenceException: 'Object reference not set to an instance of an object.'\n", "System.NullReferenceException: 'Object reference not set to an instance of an object.'"),
            ("- **Error:** `Cannot add a PluginDeclaration with name 'x' as a PluginDeclaration with that name already exists`\n", "Cannot add a PluginDeclaration with name 'x' as a PluginDeclaration with that name already exists"),
            ("- **Error Code**: `Cannot add a PluginDeclaration with name 'x'`\n", "Cannot add a PluginDeclaration with name 'x'"),
            ("The next UNLOAD failed at submission with\n`HIVE_PATH_ALREADY_EXISTS`. The handler caught it.\n", "HIVE_PATH_ALREADY_EXISTS"),
            ("- **Impact**: this caused binding failures, leading to `CreateContainerConfigError`\n", "CreateContainerConfigError"),
            ("Trusted publishing failed at `npm publish` with `ENEEDAUTH`.\n", "ENEEDAUTH"),
            ("| 14:25 | Investigation begins, logs show `WidgetRenderer native library not found` |\n|---|---|\n", "WidgetRenderer native library not found"),
            ("- ❌ **Production login fails:** \"Invalid email or password\"\n", "Invalid email or password"),
            ("- **Initial detection**: Users report 401 \"Missing required scope: orders:create\"\n", "Missing required scope: orders:create"),
            // The word for "error" in another language cues the quote.
            ("- Causait erreur \"no such service: billing_production\"\n", "no such service: billing_production"),
            ("- Der Aufruf brach mit dem Fehler `relation \"users\" does not exist` ab.\n", "relation \"users\" does not exist"),
            ("- Indításkor a hibaüzenet: \"No tickers from Phase 2\"\n", "No tickers from Phase 2"),
            ("- Η εφαρμογή έδειξε σφάλμα \"Cannot read properties of undefined\"\n", "Cannot read properties of undefined"),
            ("- השרת החזיר שגיאה \"Connection refused by upstream\" בכל בקשה\n", "Connection refused by upstream"),
            ("> ERROR: relation \"orders\" does not exist\n", "ERROR: relation \"orders\" does not exist"),
            ("    panic: close of closed channel\n\n    goroutine 7 [running]:\n", "panic: close of closed channel"),
            ("```bash\ndeno run scripts/check.ts\n# RESULT: \"Invalid diagram type\" - missing graph declaration\n```\n", "Invalid diagram type"),
            ("The error logs show:\n```\nWorker (pid:29) exited with code 3\nWorker (pid:28) was sent SIGTERM!\nShutting down: Master\nReason: Worker failed to boot.\n```\n", "Reason: Worker failed to boot."),
            ("```\nNAME       READY   STATUS                       RESTARTS   AGE\norder-db-0 0/1     CreateContainerConfigError   0          2m\n```\n", "order-db-0 0/1     CreateContainerConfigError   0          2m"),
            ("```json\n{\n  \"error\": \"invalid_grant\",\n  \"error_description\": \"Bad credentials\"\n}\n```\n", "\"error\": \"invalid_grant\",\n  \"error_description\": \"Bad credentials\""),
            ("```python\n>>> pytz.timezone(\"IST\")\npytz.exceptions.UnknownTimeZoneError: 'IST'\n```\n", "pytz.exceptions.UnknownTimeZoneError: 'IST'"),
            ("```bash\n# API log\n2025-09-16 16:21:13,477 - api.webhooks - ERROR - \nWebhook processing failed for job 42: \nname 'StorageManager' is not defined\n```\n", "2025-09-16 16:21:13,477 - api.webhooks - ERROR -\nWebhook processing failed for job 42:\nname 'StorageManager' is not defined"),
        ];
        for (md, want) in cases {
            let got = messages(md);
            assert!(got.iter().any(|m| m == want), "{md}\n got {got:?}");
        }
    }

    #[test]
    fn a_wrapped_message_keeps_the_line_it_starts_on() {
        let md = "```\nAccess to fetch at 'https://api.example.com/login' \nfrom origin 'http://localhost:5173' has been blocked by CORS policy: \nNo 'Access-Control-Allow-Origin' header is present on the requested resource.\n```\n";
        let got = messages(md);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("Access to fetch at"), "{got:?}");
        assert!(got[0].ends_with("requested resource."), "{got:?}");
        // A line that ends its sentence is not the start of the next.
        let md = "```\nStarting worker.\nfatal: unable to access 'https://git.example.com/': SSL certificate problem\n```\n";
        let got = messages(md);
        assert!(
            got.iter().all(|m| !m.contains("Starting worker")),
            "{got:?}"
        );
    }

    #[test]
    fn a_trace_stays_with_its_head() {
        let md = "```\njava.lang.IllegalStateException: pool closed\n\tat com.x.Pool.get(Pool.java:12)\n\tat com.x.App.main(App.java:5)\nCaused by: java.io.IOException: broken pipe\n\t... 3 more\n```\n";
        assert_eq!(messages(md).len(), 1, "{:?}", messages(md));
        assert!(messages(md)[0].starts_with("java.lang.IllegalStateException: pool closed\n\tat"));

        let md = "```\nTypeError: x is not a function\n    at run (/app/index.js:3:9)\n    at main (/app/index.js:9:1)\n```\n";
        assert_eq!(messages(md).len(), 1);

        // An exception heading, then a code block of its frames.
        let md = "System.NullReferenceException: 'Object reference not set to an instance of an object.' Stack Trace\n----------------\n```\n   at Foo.Bar() in C:\\x\\Foo.cs:line 3\n   at Foo.Main()\n```\n";
        let got = messages(md);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].contains("at Foo.Bar()"), "{got:?}");

        // A long Python trace keeps its head and the error it ends with.
        let mut md = String::from("```\nTraceback (most recent call last):\n");
        for n in 0..30 {
            md.push_str(&format!(
                "  File \"/app/m{n}.py\", line {n}, in f{n}\n    f{}()\n",
                n + 1
            ));
        }
        md.push_str("RecursionError: maximum recursion depth exceeded\n```\n");
        let got = messages(&md);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("Traceback"));
        assert!(got[0].ends_with("RecursionError: maximum recursion depth exceeded"));
        assert!(got[0].lines().count() <= MAX_LINES);
    }

    #[test]
    fn a_title_that_is_an_error_is_one() {
        let doc = annotate(blocks(
            "A bug presents the above mentioned error when a user enters scores.\n",
            1,
        ));
        let title = "NoSuchMethodError: The getter 'alwaysShowFrameScores' was called on null.";
        let got: Vec<String> = extract(&doc, title)
            .into_iter()
            .map(|e| e.message)
            .collect();
        assert_eq!(got, vec![title.to_string()]);
        // A title about an error is not one.
        let got = extract(&doc, "Fixing the NullPointerException in checkout");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn the_same_error_is_kept_once() {
        let md = "```\nWorker (pid:28) was sent SIGTERM!\nWorker (pid:27) was sent SIGTERM!\nWorker (pid:26) was sent SIGTERM!\n```\n\nThen `Worker (pid:11) was sent SIGTERM!` again.\n\n```\nERROR: Pool class QueuePool cannot be used\n```\n\n- ❌ ERROR: Pool class QueuePool cannot be used\n";
        assert_eq!(
            messages(md),
            vec![
                "Worker (pid:28) was sent SIGTERM!",
                "ERROR: Pool class QueuePool cannot be used"
            ]
        );
    }

    #[test]
    fn code_and_prose_are_not_errors() {
        for md in [
            "```python\ntry:\n    run()\nexcept Exception as e:\n    logger.error(f\"failed: {e}\")\n```\n",
            "```python\ndef check(x):\n    if not x:\n        raise ValueError(\"x is required\")\n```\n",
            "```go\nif err != nil {\n    return fmt.Errorf(\"open config: %w\", err)\n}\n```\n",
            "```js\nif (!res.ok) {\n  throw new Error(`Request failed: ${res.status}`);\n}\n```\n",
            "```bash\nif ! az webapp show --name x; then\n  echo \"❌ ERROR: Backend 'x' does not exist!\"\n  exit 1\nfi\n```\n",
            "Error handling was improved in the retry loop.\n",
            "## Error Handling\n\nWe saw many errors during the rollout, and the error handling was wrong.\n",
            "```\nINFO: Application startup complete.\n```\n",
            "```\n2024-05-01 10:00:00,123 - app - INFO - Retrying after connection error\n2024-05-01 10:00:01,000 - app - DEBUG - pool errors=0\n```\n",
            "We said \"this is fine\" and moved on.\n",
            "Wrap the call in `try`/`except KeyError:` and use `raise ValueError(...)` for bad input.\n",
            "- **Error Handling**: retries now back off\n",
            "```yaml\nrestartPolicy: OnFailure\nerror_log: /var/log/app/error.log\n```\n",
            // People's words, quoted.
            "**Reputation Impact:** HIGH (users report \"app is broken\")\n",
            "A customer wrote \"the checkout page is broken again\" to support.\n",
        ] {
            assert_eq!(messages(md), Vec::<String>::new(), "{md}");
        }
        // A program's message after a weak cue is still one, and a client
        // or "they" is as often a program as a person.
        for md in [
            "The API returned \"permission denied for table users\" on every call.\n",
            "The client reported \"permission denied for table users\" on every call.\n",
            "We restarted the pods and they reported \"permission denied for table users\" again.\n",
        ] {
            assert_eq!(messages(md), vec!["permission denied for table users"], "{md}");
        }
    }

    #[test]
    fn a_log_heavy_report_keeps_its_best_errors() {
        let mut md = String::from("# Report\n\n```\n");
        // Names made of letters, so every line has its own signature.
        let name = |n: usize| -> String {
            [n / 676, n / 26 % 26, n % 26]
                .iter()
                .map(|d| char::from(b'a' + *d as u8))
                .collect()
        };
        for n in 0..300 {
            md.push_str(&format!("WARN request {} slow\n", name(n)));
            md.push_str(&format!(
                "step {} failed: queue {} missing\n",
                name(n),
                name(n + 1)
            ));
        }
        md.push_str("```\n\n```\npanic: close of closed channel\n```\n");
        let got = messages(&md);
        assert!(got.len() <= MAX_ERRORS, "{}", got.len());
        assert!(
            got.iter().any(|m| m == "panic: close of closed channel"),
            "{got:?}"
        );
    }
}
