//! Before/after code: two blocks labelled by a heading, a bold label or the
//! paragraph before them; one block split by `BEFORE`/`AFTER` comment
//! markers in any comment syntax; single `# BEFORE: x` / `# AFTER: y`
//! lines; and `diff` blocks. Marker lines and ❌/✅ decorations are not code.

use super::document::Document;
use super::markdown::Kind;
use super::sections::{LabelKind, Role};
use super::text::{clean_heading, strip_decorations};
use crate::extract::per_thread::PerThread;
use crate::model::Change;
use regex::Regex;
use std::collections::VecDeque;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Before,
    After,
}

const BEFORE_WORDS: &[&str] = &[
    "before",
    "broken",
    "wrong",
    "incorrect",
    "old",
    "original",
    "bad",
    "don't",
    "dont",
    "problem",
    "problematic",
    "buggy",
    "deleted",
    "removed",
    "previously",
    "vulnerable",
];
const AFTER_WORDS: &[&str] = &[
    "after",
    "proposed",
    "suggested",
    "fixed",
    "fix",
    "correct",
    "corrected",
    "new",
    "current",
    "good",
    "do",
    "working",
];

/// Words that open a marker comment inside a block: stricter than labels,
/// since code comments say "new" and "fix" for other reasons.
const BEFORE_MARKERS: &[&str] = &[
    "before",
    "broken",
    "wrong",
    "incorrect",
    "old",
    "original",
    "bad",
    "don't",
    "dont",
    "problematic",
    "buggy",
    "faulty",
    "flawed",
    "deleted",
    "removed",
];
/// Side words that also open ordinary comments ("Faulty nodes are
/// skipped"): a marker only as a label or in a short comment.
const WEAK_MARKERS: &[&str] = &["buggy", "faulty", "flawed", "patched"];
const AFTER_MARKERS: &[&str] = &[
    "after",
    "fixed",
    "correct",
    "new",
    "good",
    "do",
    "fix",
    "working",
    "corrected",
    "patched",
];

/// Side words in other languages, for labels and markers alike: German,
/// French, Spanish, Portuguese, Italian, Russian, Korean, Nordic, Polish,
/// Czech, Turkish, Indonesian, Romanian, Hungarian, Greek, Finnish, Arabic
/// and Hebrew "before/after", "wrong/right", and the AS-IS/TO-BE of Korean
/// and Japanese teams.
const FOREIGN_BEFORE: &[&str] = &[
    "vorher",
    "fehlerhaft",
    "fehlerhafter",
    "fehlerhafte",
    "falsch",
    "avant",
    "incorrecte",
    "antes",
    "incorrecto",
    "incorreto",
    "errado",
    "до",
    "было",
    "неправильно",
    "prima",
    "errato",
    "sbagliato",
    "as-is",
    "було",
    "före",
    "før",
    "przed",
    "před",
    "önce",
    "sebelum",
    "înainte",
    "inainte",
    "greșit",
    "greşit",
    "gresit",
    "előtte",
    "előtt",
    "hibás",
    "πριν",
    "λάθος",
    "προβληματικός",
    "προβληματικό",
    "προβληματικος",
    "προβληματικο",
    "λαθος",
    "ennen",
    "väärin",
    "virheellinen",
    "قبل",
    "خاطئ",
    "לפני",
    "שגוי",
    // Vietnamese: "Trước khi sửa" (before fixing), "Code cũ" (old code).
    "trước",
    "cũ",
];
const FOREIGN_AFTER: &[&str] = &[
    "nachher",
    "korrigiert",
    "korrigierter",
    "korrigierte",
    "richtig",
    "après",
    "apres",
    "corrigé",
    "después",
    "despues",
    "depois",
    "correcto",
    "corregido",
    "corrigido",
    "после",
    "стало",
    "правильно",
    "исправлено",
    "dopo",
    "corretto",
    "to-be",
    "виправлено",
    "efter",
    "etter",
    "sonra",
    "sesudah",
    "setelah",
    "după",
    "dupa",
    "corect",
    "corectat",
    "utána",
    "után",
    "javított",
    "helyes",
    "μετά",
    "σωστό",
    "σωστός",
    "διορθωμένο",
    "διορθωμένος",
    "μετα",
    "σωστο",
    "σωστος",
    "διορθωμενο",
    "διορθωμενος",
    "jälkeen",
    "oikein",
    "korjattu",
    "بعد",
    "صحيح",
    "אחרי",
    "מתוקן",
    // Vietnamese: "Sau khi sửa" (after fixing), "Code mới" (new code).
    "sau",
    "mới",
];
/// The words that place code in time and may follow it ("Code avant
/// correction", "Config before the fix").
const POSTPOSITIVE_TIME: &[&str] = &[
    "before", "after", "avant", "après", "apres", "antes", "después", "depois", "vorher",
    "nachher", "prima", "dopo", "előtt", "után", "ennen", "jälkeen", "cũ", "mới",
];

/// The foreign side words that may follow the noun they judge.
const POSTPOSITIVE: &[&str] = &[
    "errato",
    "sbagliato",
    "corretto",
    "incorrecto",
    "incorreto",
    "incorrecte",
    "errado",
    "fehlerhaft",
    "correcto",
    "corregido",
    "corrigido",
    "corrigé",
    "korrigiert",
    "greșit",
    "greşit",
    "corect",
    "corectat",
    "hibás",
    "javított",
    "خاطئ",
    "صحيح",
    "שגוי",
    "מתוקן",
];
/// Chinese and Japanese side words lead a run of text with no spaces
/// ("修正前のコード"): matched as prefixes.
const CJK_BEFORE: &[&str] = &[
    "修正前",
    "変更前",
    "修改前",
    "修复前",
    "改修前",
    "対応前",
    "改善前",
    "수정전",
    "변경전",
    "개선전",
    "적용전",
];
const CJK_AFTER: &[&str] = &[
    "修正後",
    "変更後",
    "修改后",
    "修复后",
    "改修後",
    "対応後",
    "改善後",
    "수정후",
    "변경후",
    "개선후",
    "적용후",
];

fn side_of_word(word: &str, before: &[&str], after: &[&str]) -> Option<Side> {
    let w = word.to_lowercase();
    let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-');
    let w = w.trim_matches('-');
    if before.contains(&w) || FOREIGN_BEFORE.contains(&w) {
        Some(Side::Before)
    } else if after.contains(&w) || FOREIGN_AFTER.contains(&w) {
        Some(Side::After)
    } else if CJK_BEFORE.iter().any(|p| w.starts_with(p)) {
        Some(Side::Before)
    } else if CJK_AFTER.iter().any(|p| w.starts_with(p)) {
        Some(Side::After)
    } else {
        None
    }
}

/// Korean writes "before/after the change" as two words or one ("수정 전",
/// "수정전"): as one word, a side word like the Japanese ones.
fn join_korean_sides(s: &str) -> std::borrow::Cow<'_, str> {
    static SPACED: PerThread<Regex> = PerThread::new(|| {
        Regex::new(r"(수정|변경|개선|적용) ([전후])").expect("korean side regex")
    });
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    SPACED.replace_all(s, "$1$2")
}

/// "AS-IS" and "TO-BE" are one side word each, though words are split at
/// hyphens: the hyphenated word `s` starts with, if it is one of them.
fn hyphenated_side_word(s: &str) -> Option<&str> {
    let head = s.get(..5)?;
    let rest = &s[5..];
    (["as-is", "to-be"]
        .iter()
        .any(|w| head.eq_ignore_ascii_case(w))
        && !rest.starts_with(|c: char| c.is_alphanumeric()))
    .then_some(head)
}

/// The side a label names ("**Before:**", "### Broken Configuration",
/// "✅ DO:"), by its first marker word; `None` for other labels.
pub fn label_side(label: &str) -> Option<Side> {
    label_side_with(label, &[])
}

/// As `label_side`, ignoring `skip` words: a section heading "Fix" or
/// "Problem" names the section, not the code under it.
fn label_side_with(label: &str, skip: &[&str]) -> Option<Side> {
    let clean = strip_decorations(label);
    let clean = join_korean_sides(&clean);
    let (_, clean) = super::text::strip_numbering(&clean);
    if clean.split_whitespace().count() > 12 {
        return None;
    }
    // The first word names the side ("Broken configuration", "DO: x"), or a
    // word in parentheses does ("Configuration (Original)"); a marker word
    // inside a phrase ("Adding a new column") does not.
    let first = match hyphenated_side_word(clean.trim_start_matches(|c: char| !c.is_alphanumeric()))
    {
        Some(w) => w,
        None => clean
            .split(|c: char| c.is_whitespace() || "():*-–—,/".contains(c))
            .find(|w| !w.is_empty())?,
    };
    let in_parens = clean
        .split('(')
        .skip(1)
        .filter_map(|p| p.split(')').next())
        .flat_map(|p| p.split(|c: char| c.is_whitespace() || "-–—,/:".contains(c)));
    // "Código incorrecto", "Code corrigé": in these languages the judging
    // adjective follows the noun.
    // "Code avant correction", "Config before the fix": a word placing the
    // code in time may follow it too, in a short label only ("Prerequisites
    // before starting the migration" is about something else).
    let short = clean.split_whitespace().count() <= 4;
    let second = clean.split_whitespace().nth(1).filter(|w| {
        let w = w.to_lowercase();
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        POSTPOSITIVE.contains(&w) || short && POSTPOSITIVE_TIME.contains(&w)
    });
    // "غير صحيح", "לא נכון", "nem helyes", "Not working": not right is
    // wrong.
    if NEGATING.contains(&first.to_lowercase().as_str())
        && clean
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| side_of_word(w, BEFORE_WORDS, AFTER_WORDS) == Some(Side::After))
    {
        return Some(Side::Before);
    }
    let words: Vec<&str> = std::iter::once(first)
        .chain(second)
        .chain(in_parens)
        .filter(|w| !w.is_empty() && !skip.contains(&w.to_lowercase().as_str()))
        .collect();
    // A word that judges the code ("Current Code (Broken)") outranks one
    // that only places it in time: "current" is the fixed code in a
    // before/after report and the broken code in a bug report.
    words
        .iter()
        .filter(|w| {
            let w = w.to_lowercase();
            !TEMPORAL_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()))
        })
        .find_map(|w| side_of_word(w, BEFORE_WORDS, AFTER_WORDS))
        .or_else(|| {
            words
                .iter()
                .find_map(|w| side_of_word(w, BEFORE_WORDS, AFTER_WORDS))
        })
}

/// Words that turn the judging word after them around.
const NEGATING: &[&str] = &[
    "not", "غير", "לא", "nem", "nu", "δεν", "μη", "ei", "nicht", "non", "no",
];

/// Side words that say when, not whether the code is right.
const TEMPORAL_WORDS: &[&str] = &[
    "current",
    "new",
    "old",
    "original",
    "previously",
    "cũ",
    "mới",
];

/// A weak side: a label that is only ❌ or ✅ with no marker word.
fn emoji_side(label: &str) -> Option<Side> {
    let t = label.trim();
    if t.starts_with('❌') {
        Some(Side::Before)
    } else if t.starts_with('✅') {
        Some(Side::After)
    } else {
        None
    }
}

/// A heading that only names where the code lives ("File to Modify").
static FILE_HEADING: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"^(the )?(files?|location|path)( to (modify|change|edit|update)| (modified|changed|affected|involved))?$")
        .expect("file heading regex")
});

/// The text of a full-line comment (`# x`, `// x`, `-- x`, `/* x */`,
/// `<!-- x -->`, `; x`, `% x`, `{/* x */}`): the opener, at most one space
/// after it, and a closer with the spaces before it taken off. A
/// hand-written scan: as a regex with a lazy body this ran a backtracking
/// captures pass over every code line (~20,000 instructions a line).
fn comment_body(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let rest = if t.starts_with('#') {
        t.trim_start_matches('#')
    } else if t.starts_with("//") {
        t.trim_start_matches('/')
    } else if let Some(r) = t.strip_prefix("--") {
        r
    } else if let Some(r) = t.strip_prefix("/*") {
        r.trim_start_matches('*')
    } else if let Some(r) = t.strip_prefix("<!--") {
        r
    } else if t.starts_with(';') {
        t.trim_start_matches(';')
    } else if let Some(r) = t.strip_prefix('%') {
        r
    } else {
        t.strip_prefix("{/*")?
    };
    let rest = match rest.chars().next() {
        Some(c) if c.is_whitespace() => &rest[c.len_utf8()..],
        _ => rest,
    };
    let end = rest.trim_end();
    let body = if let Some(b) = end.strip_suffix("*/}") {
        b
    } else if let Some(b) = end.strip_suffix("-->") {
        b
    } else if let Some(b) = end.strip_suffix("*/") {
        b.trim_end_matches('*')
    } else {
        end
    };
    // The closer's own spaces: `x */` is `x`. A body that was only spaces
    // before the closer is empty.
    Some(body.trim_end())
}

static PATH: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"^(?P<path>(?:[\w.@~\[\]-]+/)*[\w@\[\]-][\w.@\[\]-]*\.[A-Za-z][A-Za-z0-9]{0,9})(?::\d+(?:[-:]\d+)?)?(?:\s+(?:line|lines)\s+\d+(?:-\d+)?)?$")
        .expect("path regex")
});
/// A quick test that a comment may hold a marker: any side word the
/// marker lists name (`side_of_word` decides), built from those lists.
static MARKER_HINT: PerThread<Regex> = PerThread::new(|| {
    let words: Vec<String> = [BEFORE_MARKERS, AFTER_MARKERS, FOREIGN_BEFORE, FOREIGN_AFTER]
        .concat()
        .iter()
        .map(|w| regex::escape(w))
        .collect();
    let cjk: Vec<String> = [CJK_BEFORE, CJK_AFTER]
        .concat()
        .iter()
        .map(|w| regex::escape(w))
        .collect();
    // Korean may write the side apart from its verb ("수정 전").
    Regex::new(&format!(
        r"(?i)\b({})\b|{}|(수정|변경|개선|적용) ?[전후]",
        words.join("|"),
        cjk.join("|")
    ))
    .expect("marker hint regex")
});
static LINE_PREFIX: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)^(?:line|lines|step)\s+\d+(?:-\d+)?\s*[-–—:]\s*").expect("line prefix regex")
});

/// A file path, if `s` is one ("src/db.py", "engine.rs:51-60", "x.swift line 4").
pub fn as_path(s: &str) -> Option<String> {
    // Every path `PATH` takes has an extension: no dot, no search.
    if !s.contains('.') {
        return None;
    }
    let s = s.trim().trim_matches('`');
    let c = PATH.captures(s)?;
    let p = c["path"].to_string();
    // "e.g." or "v1.2" are not files; a path has a slash or a known-looking extension.
    let ext = p.rsplit('.').next().unwrap_or("");
    if p.contains('/')
        || (!ext.is_empty()
            && ext.chars().any(|c| c.is_ascii_alphabetic())
            && !p.starts_with(['.', '-']))
    {
        if p.chars().filter(|c| *c == '.').count() > 3 {
            return None;
        }
        Some(p)
    } else {
        None
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Marker {
    /// A marker line opening a stretch of code on one side.
    Open(Side),
    /// `# BEFORE: code` — one line of code on one side.
    Inline(Side, String),
}

/// Reads a full-line comment as a marker, if it is one.
fn marker(line: &str, next_is_marker_or_end: bool) -> Option<Marker> {
    // Most code lines are not comments, and most comments name no side.
    if !line
        .trim_start()
        .starts_with(['#', '/', '-', '<', ';', '%', '{'])
        || !MARKER_HINT.is_match(line)
    {
        return None;
    }
    let body = comment_body(line)?;
    let mut body = strip_decorations(body);
    // "crates/x/engine.rs (before the fix)": a path may lead the marker.
    if let Some((head, tail)) = body.split_once(" (") {
        if as_path(head).is_some() {
            body = format!("({tail}");
        }
    }
    let body = body.trim_start_matches('(').to_string();
    let body = LINE_PREFIX.replace(&body, "").to_string();
    // Borrowed, not copied, for the comments most code has (no Korean).
    let joined = join_korean_sides(&body);
    let body: &str = &joined;
    let first = match hyphenated_side_word(body) {
        Some(w) => w,
        None => body
            .split(|c: char| c.is_whitespace() || c == ':' || c == '(' || c == '-')
            .next()?,
    };
    let side = side_of_word(first, BEFORE_MARKERS, AFTER_MARKERS)?;
    let upper = first.chars().any(|c| c.is_ascii_uppercase());
    let words = body.split_whitespace().count();
    // "Faulty nodes are skipped", "Patched upstream in 2.31": words that
    // also open ordinary comments mark a side only as a label ("Buggy:",
    // "Buggy — counts…") or alone in a short one.
    if WEAK_MARKERS.contains(&first.to_ascii_lowercase().as_str()) {
        let after = body[first.len()..].trim_start_matches(' ');
        let labelled = after.starts_with([':', '—', '–', '-', '(']) || after.is_empty();
        if !labelled && words > 3 {
            return None;
        }
    }
    // Lower-case markers only in short comments ("before the fix").
    if !upper && words > 4 {
        return None;
    }
    // Everything after the marker words and their parenthesis.
    let mut rest = body[first.len()..].trim_start();
    loop {
        let before = rest;
        if let Some(r) = rest.strip_prefix('(') {
            rest = r
                .split_once(')')
                .map_or("", |(_, after)| after)
                .trim_start();
        }
        let next = rest
            .split(|c: char| c.is_whitespace() || c == ':')
            .next()
            .unwrap_or("");
        if !next.is_empty()
            && side_of_word(next, BEFORE_MARKERS, AFTER_MARKERS).is_some()
            && next.chars().all(|c| !c.is_ascii_lowercase())
        {
            rest = rest[next.len()..].trim_start();
        }
        if rest == before {
            break;
        }
    }
    if let Some(code) = rest.strip_prefix(':') {
        let code = code.trim();
        if !code.is_empty() && next_is_marker_or_end {
            return Some(Marker::Inline(
                side,
                code.trim_end_matches(['❌', '✅']).trim().to_string(),
            ));
        }
    }
    Some(Marker::Open(side))
}

/// What one fenced block holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Analysis {
    /// Complete pairs found inside the block.
    Pairs(Vec<(Option<String>, Option<String>)>),
    /// The whole block (markers removed) is one side.
    Side(Side, String),
    Neutral,
}

pub fn analyze(code: &str, lang: Option<&str>) -> Analysis {
    if matches!(lang, Some("diff" | "patch")) {
        return diff(code);
    }
    let lines: Vec<&str> = super::text::lines(code).collect();
    let mut markers: Vec<Option<Marker>> = lines.iter().map(|l| marker(l, false)).collect();
    // A marker with code after its colon is a one-line side when the next
    // non-blank line is another marker or the block ends.
    for i in 0..lines.len() {
        if markers[i].is_none() {
            continue;
        }
        let next = (i + 1..lines.len()).find(|&j| !lines[j].trim().is_empty());
        if next.is_none_or(|j| markers[j].is_some()) {
            markers[i] = marker(lines[i], true);
        }
    }
    let has = |s: Side| {
        markers
            .iter()
            .flatten()
            .any(|m| matches!(m, Marker::Open(x) | Marker::Inline(x, _) if *x == s))
    };
    // The first line that is not blank and not a bare path comment; a path
    // comment that carries a marker ("engine.rs (before the fix)") counts.
    let first_code = (0..lines.len()).find(|&i| {
        !lines[i].trim().is_empty() && (as_path_comment(lines[i]).is_none() || markers[i].is_some())
    });

    if has(Side::Before) && has(Side::After) {
        let mut pairs = Vec::new();
        let mut pending: Option<String> = None;
        let mut current: Option<(Side, Vec<&str>)> = None;
        let close = |cur: &mut Option<(Side, Vec<&str>)>,
                     pending: &mut Option<String>,
                     pairs: &mut Vec<_>| {
            if let Some((side, body)) = cur.take() {
                let text = trim_block(&body);
                if text.is_empty() {
                    return;
                }
                match side {
                    Side::Before => *pending = Some(text),
                    Side::After => pairs.push((pending.take(), Some(text))),
                }
            }
        };
        for (i, line) in lines.iter().enumerate() {
            match &markers[i] {
                Some(Marker::Open(side)) => {
                    close(&mut current, &mut pending, &mut pairs);
                    current = Some((*side, Vec::new()));
                }
                Some(Marker::Inline(side, code)) => {
                    close(&mut current, &mut pending, &mut pairs);
                    match side {
                        Side::Before => pending = Some(code.clone()),
                        Side::After => pairs.push((pending.take(), Some(code.clone()))),
                    }
                }
                None => {
                    if let Some((_, body)) = current.as_mut() {
                        body.push(line);
                    }
                }
            }
        }
        close(&mut current, &mut pending, &mut pairs);
        if let Some(p) = pending {
            pairs.push((Some(p), None));
        }
        return Analysis::Pairs(
            pairs
                .into_iter()
                .filter(|(b, a)| b.is_some() || a.is_some())
                .collect(),
        );
    }
    // One side only: it counts when the marker opens the block.
    if let Some(i) = first_code {
        if let Some(Marker::Open(side)) = &markers[i] {
            return Analysis::Side(*side, trim_block(&lines[i + 1..]));
        }
    }
    Analysis::Neutral
}

fn as_path_comment(line: &str) -> Option<String> {
    if !line
        .trim_start()
        .starts_with(['#', '/', '-', '<', ';', '%', '{'])
        || !line.contains('.')
    {
        return None;
    }
    let body = comment_body(line)?.to_string();
    let head = body.split(" (").next().unwrap_or("").trim();
    as_path(head)
}

/// The path named by a leading comment line of a block.
pub fn leading_path(code: &str) -> Option<String> {
    code.lines()
        .find(|l| !l.trim().is_empty())
        .and_then(as_path_comment)
}

fn trim_block(lines: &[&str]) -> String {
    let start = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(start, |e| e + 1);
    lines[start..end.max(start)].join("\n")
}

fn diff(code: &str) -> Analysis {
    let mut before = Vec::new();
    let mut after = Vec::new();
    for line in super::text::lines(code) {
        if line.starts_with("+++")
            || line.starts_with("---")
            || line.starts_with("@@")
            || line.starts_with("diff ")
            || line.starts_with("index ")
        {
            continue;
        }
        match line.chars().next() {
            Some('-') => before.push(&line[1..]),
            Some('+') => after.push(&line[1..]),
            Some(' ') => {
                before.push(&line[1..]);
                after.push(&line[1..]);
            }
            None => {
                before.push("");
                after.push("");
            }
            _ => {
                before.push(line);
                after.push(line);
            }
        }
    }
    let b = trim_block(&before);
    let a = trim_block(&after);
    if b == a {
        return Analysis::Neutral;
    }
    Analysis::Pairs(vec![(
        Some(b).filter(|s| !s.is_empty()),
        Some(a).filter(|s| !s.is_empty()),
    )])
}

/// The file a diff names (`+++ b/path`).
fn diff_path(code: &str) -> Option<String> {
    code.lines()
        .find_map(|l| l.strip_prefix("+++ ").or_else(|| l.strip_prefix("--- ")))
        .map(|p| {
            p.trim()
                .trim_start_matches("a/")
                .trim_start_matches("b/")
                .to_string()
        })
        .filter(|p| p != "/dev/null")
}

struct Pending {
    code: String,
    file: Option<String>,
    lang: Option<String>,
    title: Option<String>,
    weak: bool,
}

/// Every change of the document, in order.
pub fn extract(doc: &Document) -> Vec<Change> {
    let listed = listed_files(doc);
    let only_file = match listed.as_slice() {
        [(one, _)] => Some(one.clone()),
        _ => None,
    };
    let mut out: Vec<Change> = Vec::new();
    let mut befores: VecDeque<Pending> = VecDeque::new();
    let mut last_after: Option<(Pending, usize)> = None;
    let mut code_seq = 0usize;
    let mut skip: Option<usize> = None;
    let mut file_ctx: Option<(Option<usize>, String)> = None;
    // "### File to Modify" + "`app/main.py`": the file of the sibling
    // sections that follow, until their parent section ends.
    let mut file_section: Option<(Option<usize>, String)> = None;
    let mut cause_blocks: Vec<Pending> = Vec::new();
    let mut inline_before: Option<(usize, String)> = None;
    // Where in `out` the inline pairs are.
    let mut inline_pairs: Vec<usize> = Vec::new();

    for (i, block) in doc.blocks.iter().enumerate() {
        let section = doc.ann[i].section;
        if let Some((sec, _)) = &file_ctx {
            if block.heading_level().is_some() || *sec != section && !is_within(doc, section, *sec)
            {
                file_ctx = None;
            }
        }
        if let Some((parent, _)) = &file_section {
            if !is_within(doc, section, *parent) || section == *parent {
                file_section = None;
            }
        }
        if let Kind::Heading { .. } = block.kind {
            // The section this heading opens already holds it cleaned.
            let h = doc.ann[i]
                .section
                .map(|s| &doc.sections[s])
                .filter(|s| s.block == i)
                .map_or_else(|| clean_heading(block.text()), |s| s.heading.clone());
            if FILE_HEADING.is_match(&h.to_lowercase()) {
                // One path in the paragraph under it; a list of files
                // names no single file.
                let named = doc
                    .blocks
                    .get(i + 1)
                    .filter(|b| matches!(b.kind, Kind::Paragraph))
                    .map(|b| {
                        b.codes
                            .iter()
                            .filter_map(|c| as_path(c))
                            .collect::<Vec<_>>()
                    })
                    .filter(|paths| paths.len() == 1)
                    .and_then(|mut paths| paths.pop());
                let parent = section.and_then(|s| doc.sections[s].parent);
                if let Some(p) = named {
                    file_section = Some((parent, p));
                }
                continue;
            }
            let named = block.codes.iter().find_map(|c| as_path(c)).or_else(|| {
                h.split_whitespace()
                    .rev()
                    .find_map(|w| as_path(w.trim_matches(|c: char| "():,".contains(c))))
            });
            if let Some(p) = named {
                file_ctx = Some((section, p));
            }
            continue;
        }
        for line in &doc.ann[i].lines {
            if line.kind == Some(LabelKind::File) {
                let named = block
                    .codes
                    .iter()
                    .find_map(|c| as_path(c))
                    .or_else(|| as_path(line.value.split_whitespace().next().unwrap_or("")));
                if let Some(p) = named {
                    file_ctx = Some((section, p));
                }
            }
        }
        let Kind::Code { lang, text, .. } = &block.kind else {
            // "- **Before:** `x = 1`" then "- **After:** `x = 2`": a pair of
            // inline code, each the whole of what its label says.
            for (side, code) in inline_sides(doc, i) {
                match (side, inline_before.take()) {
                    (Side::Before, _) => inline_before = Some((i, code)),
                    (Side::After, Some((j, before))) if i - j <= 2 && before != code => {
                        inline_pairs.push(out.len());
                        out.push(Change {
                            title: doc.section_heading(i).map(str::to_string),
                            file: file_ctx
                                .as_ref()
                                .map(|(_, p)| p.clone())
                                .or_else(|| only_file.clone()),
                            language: None,
                            before: Some(before),
                            after: Some(code),
                        })
                    }
                    (Side::After, _) => {}
                }
            }
            continue;
        };
        code_seq += 1;
        // Under "Verification", "Before Fix:"/"After Fix:" show command
        // output on each side of the fix, not the code that changed.
        if skip == Some(i) || doc.ann[i].role == Role::Validation {
            continue;
        }
        let label = doc.label_before(i);
        let label_file = if label.is_some() && i > 0 {
            doc.blocks[i - 1].codes.iter().find_map(|c| as_path(c))
        } else {
            None
        };
        let file = leading_path(text)
            .or_else(|| {
                if matches!(lang.as_deref(), Some("diff" | "patch")) {
                    diff_path(text)
                } else {
                    None
                }
            })
            .or(label_file)
            .or_else(|| file_ctx.as_ref().map(|(_, p)| p.clone()))
            .or_else(|| file_section.as_ref().map(|(_, p)| p.clone()));
        let title = doc.section_heading(i).map(str::to_string);
        let make = |before: Option<String>, after: Option<String>, file: Option<String>| Change {
            title: title.clone(),
            file: file.or_else(|| only_file.clone()),
            language: lang.clone(),
            before,
            after,
        };
        let (side, code, weak) = match analyze(text, lang.as_deref()) {
            Analysis::Pairs(pairs) => {
                for (b, a) in pairs {
                    out.push(make(b, a, file.clone()));
                }
                continue;
            }
            Analysis::Side(side, code) => (side, code, false),
            Analysis::Neutral => {
                let after_heading = i > 0 && doc.blocks[i - 1].heading_level().is_some();
                let skip_words: &[&str] = if after_heading {
                    &["fix", "problem"]
                } else {
                    &[]
                };
                let side = label
                    .as_deref()
                    .and_then(|l| label_side_with(l, skip_words))
                    .or_else(|| intro_side(doc, i))
                    .map(|s| (s, false));
                let side =
                    side.or_else(|| label.as_deref().and_then(emoji_side).map(|s| (s, true)));
                // "Current code:" then "Fixed code:" (or "Proposed:"): the
                // current code is what the fix replaces.
                if label.as_deref().is_some_and(says_current) {
                    if let Some((j, next)) = labelled_after(doc, i, lang.as_deref()) {
                        out.push(make(
                            Some(text.trim_end().to_string()),
                            Some(next),
                            file.clone(),
                        ));
                        skip = Some(j);
                        continue;
                    }
                }
                // Two blocks of one language with nothing between them, in a
                // fix or after a fix label, are the code before and after.
                let in_fix = matches!(doc.ann[i].role, Role::Fix | Role::Change);
                if side.is_none_or(|(s, _)| s == Side::After) && (in_fix || side.is_some()) {
                    if let Some(next) = adjacent_twin(doc, i, lang.as_deref()) {
                        out.push(make(
                            Some(text.trim_end().to_string()),
                            Some(next),
                            file.clone(),
                        ));
                        skip = Some(i + 1);
                        continue;
                    }
                }
                match side {
                    Some((s, weak)) => (s, text.trim_end().to_string(), weak),
                    None if matches!(doc.ann[i].role, Role::Fix | Role::Change) => {
                        // Unlabelled code in the fix, for the file (or the
                        // code) a waiting "BROKEN CODE:" block showed, is its
                        // "after".
                        let here = Pending {
                            code: text.trim_end().to_string(),
                            file,
                            lang: lang.clone(),
                            title,
                            weak: false,
                        };
                        let pos = befores.iter().position(|b| {
                            !b.weak
                                && b.lang == here.lang
                                && (b.file.is_some() && b.file == here.file
                                    || shares_code(&b.code, &here.code))
                        });
                        if let Some(b) = pos.and_then(|p| befores.remove(p)) {
                            out.push(Change {
                                title: b.title.or(here.title),
                                file: b.file.or(here.file).or_else(|| only_file.clone()),
                                language: b.lang.or(here.lang),
                                before: Some(b.code),
                                after: Some(here.code),
                            });
                        }
                        continue;
                    }
                    None => {
                        // Unlabelled code where the report explains the
                        // problem may be the "before" of a fix shown later.
                        if matches!(doc.ann[i].role, Role::RootCause | Role::Errors)
                            && cause_blocks.len() < MAX_CAUSE_BLOCKS
                        {
                            cause_blocks.push(Pending {
                                code: text.trim_end().to_string(),
                                file,
                                lang: lang.clone(),
                                title,
                                weak: false,
                            });
                        }
                        continue;
                    }
                }
            }
        };
        let item = Pending {
            code,
            file,
            lang: lang.clone(),
            title: title.clone(),
            weak,
        };
        match side {
            Side::After => {
                // The first waiting "before" in the same language, else the
                // first one: a shell listing marked "# Removed" must not take
                // the Kotlin "After:" meant for the Kotlin "Before:".
                let pos = befores
                    .iter()
                    .position(|b| b.weak == weak && b.lang == item.lang)
                    .or_else(|| befores.iter().position(|b| b.weak == weak));
                if let Some(pos) = pos {
                    if let Some(b) = befores.remove(pos) {
                        out.push(Change {
                            title: b.title.or(item.title),
                            file: b.file.or(item.file).or_else(|| only_file.clone()),
                            language: b.lang.or(item.lang),
                            before: Some(b.code),
                            after: Some(item.code),
                        });
                    }
                } else if let Some(b) = take_cause_twin(&mut cause_blocks, &item) {
                    out.push(Change {
                        title: item.title.or(b.title),
                        file: item.file.or(b.file).or_else(|| only_file.clone()),
                        language: item.lang.or(b.lang),
                        before: Some(b.code),
                        after: Some(item.code),
                    });
                } else {
                    if let Some((prev, _)) = last_after.take() {
                        out.push(single(prev, Side::After, &only_file));
                    }
                    last_after = Some((item, code_seq));
                }
            }
            Side::Before => {
                // "✅ DO" then "❌ DON'T": an after directly followed by its before.
                match last_after.take() {
                    Some((a, seq)) if seq + 1 == code_seq && a.weak == weak => {
                        out.push(Change {
                            title: item.title.or(a.title),
                            file: item.file.or(a.file).or_else(|| only_file.clone()),
                            language: item.lang.or(a.lang),
                            before: Some(item.code),
                            after: Some(a.code),
                        });
                    }
                    other => {
                        if let Some((a, _)) = other {
                            out.push(single(a, Side::After, &only_file));
                        }
                        befores.push_back(item);
                    }
                }
            }
        }
    }
    if let Some((a, _)) = last_after.take() {
        out.push(single(a, Side::After, &only_file));
    }
    for b in befores {
        out.push(single(b, Side::Before, &only_file));
    }
    // An inline pair told again ("**Before**: `x`" in the fix, "**Bad**:
    // `x`" in the lessons) is no new change; code blocks of one change
    // made in two places stay two.
    if !inline_pairs.is_empty() {
        let mut seen = std::collections::HashSet::new();
        let mut n = 0;
        out.retain(|c| {
            let inline = inline_pairs.contains(&n);
            n += 1;
            seen.insert((c.before.clone(), c.after.clone())) || !inline
        });
    }
    // Weak (emoji-only) sides that found no partner are decoration, not changes.
    out.retain(|c| !(c.before.is_none() && c.after.is_none()));
    if listed.len() > 1 {
        for c in out.iter_mut().filter(|c| c.file.is_none()) {
            c.file = likely_file(&listed, c);
        }
    }
    out
}

/// Of several files a "Files Changed" list names, the one a change
/// belongs to: its extension fits the code's language and its list entry
/// names identifiers the code uses; test files only when nothing else fits.
/// `None` unless one file scores best.
fn likely_file(listed: &[(String, String)], c: &Change) -> Option<String> {
    let code = format!(
        "{}\n{}",
        c.before.as_deref().unwrap_or(""),
        c.after.as_deref().unwrap_or("")
    );
    let used = identifiers(&code);
    let ext_fits = |path: &str| {
        let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        c.language.as_deref().is_some_and(|l| {
            let l = l.to_ascii_lowercase();
            l == ext
                || LANG_EXTENSIONS
                    .iter()
                    .any(|(lang, e)| *lang == l && e.contains(&ext.as_str()))
        })
    };
    let mut scored: Vec<(i32, &str)> = listed
        .iter()
        .map(|(path, about)| {
            let mut score = 0;
            if ext_fits(path) {
                score += 2;
            }
            score += identifiers(about).intersection(&used).count().min(3) as i32;
            if path.to_ascii_lowercase().contains("test") {
                score -= 2;
            }
            (score, path.as_str())
        })
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    match scored.as_slice() {
        [(best, path), rest @ ..] if *best > 0 && rest.first().is_none_or(|(s, _)| s < best) => {
            Some(path.to_string())
        }
        _ => None,
    }
}

/// Fence languages and the file extensions they are written in.
const LANG_EXTENSIONS: &[(&str, &[&str])] = &[
    ("python", &["py"]),
    ("rust", &["rs"]),
    ("javascript", &["js", "mjs", "cjs", "jsx"]),
    ("typescript", &["ts", "tsx"]),
    ("fsharp", &["fs", "fsx", "fsi"]),
    ("csharp", &["cs"]),
    ("kotlin", &["kt", "kts"]),
    ("golang", &["go"]),
    ("ruby", &["rb"]),
    ("yaml", &["yml", "yaml"]),
    ("bash", &["sh"]),
    ("shell", &["sh"]),
    ("cpp", &["cc", "cpp", "cxx", "hpp", "h"]),
    ("c++", &["cc", "cpp", "cxx", "hpp", "h"]),
    ("dockerfile", &["dockerfile"]),
    ("hcl", &["tf"]),
    ("terraform", &["tf"]),
];

/// Lines labelled with a side whose value is inline code, alone or with a
/// remark after a dash or in parentheses ("**Antes:** `const d =
/// \"05/08\";` — a hard-coded date"): each line's side and code, in order.
fn inline_sides(doc: &Document, i: usize) -> Vec<(Side, String)> {
    let b = &doc.blocks[i];
    if !matches!(b.kind, Kind::Paragraph | Kind::Item { .. }) || b.codes.is_empty() {
        return Vec::new();
    }
    doc.ann[i]
        .lines
        .iter()
        .filter_map(|line| {
            let label = line.label.as_deref()?;
            if label.split_whitespace().count() > 3 {
                return None;
            }
            let side = label_side(label)?;
            let value = line.value.trim_start();
            let code = b.codes.iter().find(|c| value.starts_with(c.as_str()))?;
            // What follows the code is a remark, not the sentence the code
            // is a word of ("`load()` ran twice").
            // ("`pool=25` with `idle=5`" goes on with more code).
            let rest = value[code.len()..].trim_start();
            let remark = rest.is_empty()
                || rest.starts_with(['—', '–', '-', '(', '#', '→', '|', ';', ','])
                || rest.starts_with("//")
                || b.codes
                    .iter()
                    .any(|c| c != code && rest.contains(c.as_str()));
            remark.then(|| (side, code.clone()))
        })
        .collect()
}

/// The side a sentence introducing the block names in parentheses:
/// "`client/js/login.js:22-48` (before the fix), in `checkSession()`:",
/// too long to be a label, says which code this is all the same. Only a
/// parenthesis that is a side word alone or with a word for the fix
/// ("(old)", "(trước khi sửa)"), not a remark that opens on one ("(do not
/// skip the primary)", "(before the OOM kill)").
fn intro_side(doc: &Document, i: usize) -> Option<Side> {
    const FIX_WORDS: &[&str] = &[
        "fix",
        "fixing",
        "fixed",
        "change",
        "changes",
        "patch",
        "the",
        "sửa",
        "khi",
        "修正",
        "修复",
        "수정",
        "corrección",
        "correção",
        "correction",
        "korrektur",
        "исправления",
    ];
    let prev = doc.blocks.get(i.checked_sub(1)?)?;
    if !matches!(prev.kind, Kind::Paragraph) {
        return None;
    }
    let text = prev.text().trim();
    if !text.ends_with([':', '：']) || text.split_whitespace().count() > 16 {
        return None;
    }
    text.split('(')
        .skip(1)
        .filter_map(|p| p.split(')').next())
        .find_map(|p| {
            let words: Vec<String> = p.split_whitespace().map(str::to_lowercase).collect();
            let (first, rest) = words.split_first()?;
            let plain = rest.iter().all(|w| FIX_WORDS.contains(&w.as_str()));
            let side = side_of_word(first, BEFORE_WORDS, AFTER_WORDS)?;
            let not_a_side = matches!(first.as_str(), "do" | "don't" | "dont" | "working");
            (plain && words.len() <= 4 && !not_a_side).then_some(side)
        })
}

/// Code blocks kept from problem sections, at most: a long log-heavy
/// report must not make every fix compare against hundreds of blocks.
const MAX_CAUSE_BLOCKS: usize = 16;

/// The problem-section block that an unpaired "after" rewrites: same
/// language, and most of the smaller block's identifiers (at least three)
/// appear in the other. Taken out of `blocks` when found.
fn take_cause_twin(blocks: &mut Vec<Pending>, after: &Pending) -> Option<Pending> {
    if after.weak || after.lang.is_none() {
        return None;
    }
    let pos = blocks
        .iter()
        .position(|b| b.lang == after.lang && shares_code(&b.code, &after.code))?;
    Some(blocks.remove(pos))
}

/// Whether two blocks are versions of one piece of code: most of the
/// smaller block's identifiers (at least three) appear in the other.
fn shares_code(a: &str, b: &str) -> bool {
    let (ours, theirs) = (identifiers(a), identifiers(b));
    let shared = ours.intersection(&theirs).count();
    shared >= 3 && shared * 2 >= ours.len().min(theirs.len())
}

fn identifiers(code: &str) -> std::collections::HashSet<&str> {
    static IDENT: PerThread<Regex> =
        PerThread::new(|| Regex::new(r"[A-Za-z_][A-Za-z0-9_]{2,}").expect("identifier regex"));
    IDENT.find_iter(code).map(|m| m.as_str()).collect()
}

/// The code of block `i + 1` when it is an unlabelled, unmarked block of
/// the same language right after block `i`.
fn adjacent_twin(doc: &Document, i: usize, lang: Option<&str>) -> Option<String> {
    let text = code_in(doc, i + 1, lang)?;
    if lang.is_some_and(|l| l == "diff" || l == "patch") {
        return None;
    }
    if doc.label_before(i + 1).is_some() || analyze(text, lang) != Analysis::Neutral {
        return None;
    }
    Some(text.trim_end().to_string())
}

/// The code of block `j` when it is a code block in language `lang`.
fn code_in<'a>(doc: &'a Document, j: usize, lang: Option<&str>) -> Option<&'a str> {
    match &doc.blocks.get(j)?.kind {
        Kind::Code {
            lang: code_lang,
            text,
            ..
        } if code_lang.as_deref() == lang => Some(text),
        _ => None,
    }
}

/// Whether a label places its code in time as the code now ("Current
/// code", "Existing config") without judging it.
fn says_current(label: &str) -> bool {
    let lower = label.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| matches!(*w, "current" | "existing"))
        && label_side(label) != Some(Side::Before)
        && !words
            .iter()
            .any(|w| side_of_word(w, &[], AFTER_WORDS).is_some() && !TEMPORAL_WORDS.contains(w))
}

/// The next code block of the same language, one label after block `i`,
/// when its label judges it the code after ("Fixed code", "Proposed").
fn labelled_after(doc: &Document, i: usize, lang: Option<&str>) -> Option<(usize, String)> {
    let j = i + 2;
    let text = code_in(doc, j, lang)?;
    let label = doc.label_before(j)?;
    (label_side(&label) == Some(Side::After) && !says_current(&label))
        .then(|| (j, text.trim_end().to_string()))
}

fn single(p: Pending, side: Side, only_file: &Option<String>) -> Change {
    let (before, after) = match side {
        Side::Before => (Some(p.code), None),
        Side::After => (None, Some(p.code)),
    };
    let keep = !p.weak;
    Change {
        title: p.title,
        file: p.file.or_else(|| only_file.clone()),
        language: p.lang,
        before: before.filter(|_| keep),
        after: after.filter(|_| keep),
    }
}

fn is_within(doc: &Document, section: Option<usize>, ancestor: Option<usize>) -> bool {
    let mut cur = section;
    while let Some(s) = cur {
        if Some(s) == ancestor {
            return true;
        }
        cur = doc.sections[s].parent;
    }
    ancestor.is_none()
}

/// The files a "Files Modified" / "Files Changed" list names, each with
/// the text of its entry ("`src/db.py` — pool size from config").
fn listed_files(doc: &Document) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = Vec::new();
    // Asked once a section, not once a block.
    let listing: Vec<bool> = doc
        .sections
        .iter()
        .map(|s| {
            let heading = s.heading.to_lowercase();
            heading.contains("files modified")
                || heading.contains("files changed")
                || heading.contains("modified files")
                || heading.contains("changed files")
        })
        .collect();
    for (i, b) in doc.blocks.iter().enumerate() {
        if !doc.ann[i].section.is_some_and(|sec| listing[sec]) {
            continue;
        }
        if let Kind::Item { depth: 0, .. } = b.kind {
            if let Some(p) = b.codes.first().and_then(|c| as_path(c)) {
                if !files.iter().any(|(f, _)| *f == p) {
                    files.push((p, b.text().to_string()));
                }
            }
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_body_reads_comments_as_the_old_pattern_did() {
        // The regex `comment_body` replaced, kept here as the reference.
        let reference = Regex::new(
            r"^\s*(?:#+|//+|--|/\*+|<!--|;+|%|\{/\*)\s?(?P<body>.*?)\s*(?:\*+/|-->|\*/\})?\s*$",
        )
        .expect("reference regex");
        let lines = [
            "# BEFORE (BROKEN):",
            "   ## x ##",
            "// AFTER - Proper initialization",
            "/// doc comment  ",
            "-- OLD",
            "--- a/file.py",
            "--->",
            "/* AFTER */",
            "/** x **/",
            "/*/",
            "/**/",
            "/* */",
            "<!-- BEFORE -->",
            "<!---->",
            "; ini comment",
            ";;; lisp",
            "% tex",
            "{/* jsx */}",
            "{/* jsx */} ",
            "x */ */",
            "// x */ */",
            "#",
            "#  two spaces",
            "#\tTab",
            "// café ✅ */",
            "\u{a0}# nbsp lead",
            "#\u{a0}nbsp after",
            "not a comment",
            "{ not jsx",
            "",
        ];
        for line in lines {
            let want = reference
                .captures(line)
                .and_then(|c| c.name("body"))
                .map(|m| m.as_str());
            assert_eq!(comment_body(line), want, "{line:?}");
        }
    }
    use crate::extract::document::annotate;
    use crate::extract::markdown::blocks;

    fn changes(md: &str) -> Vec<(Option<String>, Option<String>, Option<String>)> {
        extract(&annotate(blocks(md, 1)))
            .into_iter()
            .map(|c| (c.before, c.after, c.file))
            .collect()
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn a_judging_word_outranks_a_word_of_time() {
        assert_eq!(label_side("Current Code (Broken)"), Some(Side::Before));
        assert_eq!(label_side("Current Configuration"), Some(Side::After));
        assert_eq!(label_side("New Version (Buggy)"), Some(Side::Before));
        assert_eq!(label_side("Original (Correct) order"), Some(Side::After));
    }

    #[test]
    fn current_code_then_fixed_or_proposed_code_is_a_pair() {
        let md = "# T\n\n## Fix 1\n\n**Current Code**:\n```go\nreturn s.Write(d)\n```\n\n**Fixed Code**:\n```go\nif s == nil { return nil }\nreturn s.Write(d)\n```\n";
        assert_eq!(
            changes(md),
            vec![(
                s("return s.Write(d)"),
                s("if s == nil { return nil }\nreturn s.Write(d)"),
                None
            )]
        );
        let md = "# T\n\n## Current vs proposed\n\n**Current**:\n```yaml\nreplicas: 1\n```\n\n**Proposed**:\n```yaml\nreplicas: 3\n```\n";
        assert_eq!(
            changes(md),
            vec![(s("replicas: 1"), s("replicas: 3"), None)]
        );
        // Alone, the current code of a before/after report is the fixed code.
        let md = "# T\n\n## Fix\n\n**Current configuration**:\n```yaml\nreplicas: 3\n```\n";
        assert_eq!(changes(md), vec![(None, s("replicas: 3"), None)]);
    }

    #[test]
    fn problem_code_pairs_with_the_fix_that_rewrites_it() {
        let md = "## The Problem\n\n```rust\nlet guard = map.read(key);\nmap.remove(key); // deadlock\n```\n\n## Solution\n\n### Fixed lookup\n\n```rust\nlet expired = map.read(key).is_expired();\nif expired { map.remove(key); }\n```\n";
        let got = changes(md);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].0.as_deref().is_some_and(|b| b.contains("deadlock")));
        assert!(got[0].1.as_deref().is_some_and(|a| a.contains("expired")));
        // Unrelated code in the problem section stays out.
        let md = "## The Problem\n\n```rust\nfn parse_header(buf: &[u8]) {}\n```\n\n## Solution\n\n### Fixed lookup\n\n```rust\nlet expired = map.read(key).is_expired();\n```\n";
        assert!(changes(md).iter().all(|c| c.0.is_none()));
    }

    #[test]
    fn broken_code_pairs_with_unlabelled_fix_code_for_the_same_file() {
        let md = "## Root Cause\n\n**File**: `app/loop.py`\n\n**BROKEN CODE**:\n```python\nif wfn.jk is None:\n    wfn.init()\n```\n\n## Solution\n\n**File**: `app/loop.py`\n\n```python\nwfn.init()  # always\n```\n";
        assert_eq!(
            changes(md),
            vec![(
                s("if wfn.jk is None:\n    wfn.init()"),
                s("wfn.init()  # always"),
                s("app/loop.py")
            )]
        );
    }

    #[test]
    fn a_sentence_naming_the_side_in_parentheses_labels_its_block() {
        let md = "## Nguyên nhân gốc\n\n`client/js/login.js:22-48` (trước khi sửa), IIFE `checkExistingSession()`:\n\n```js\nif (window.GvnSession.hasBelievedSession() && !hasOAuthError) {\n  window.location.replace('index.html');\n}\n```\n\n## Sửa đã áp dụng\n\n`client/js/login.js:22-53` — đọc thêm `getUser()`:\n\n```js\nconst isGuest = !!(window.GvnSession.getUser() || {}).isGuest;\nif (window.GvnSession.hasBelievedSession() && !isGuest && !hasOAuthError) {\n  window.location.replace('index.html');\n}\n```\n";
        let got = changes(md);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].0.as_deref().is_some_and(|b| !b.contains("isGuest")));
        assert!(got[0].1.as_deref().is_some_and(|a| a.contains("isGuest")));
        // A sentence without a side in parentheses labels nothing, nor
        // does a remark that opens on a side word.
        for md in [
            "## Root cause\n\nThe handler in `client/js/login.js` (around line 22) reads the session:\n\n```js\nif (s) { go(); }\n```\n",
            "## Fix\n\nRestart the agent on each node (do not skip the primary):\n\n```bash\nsystemctl restart agent\n```\n",
            "## Root cause\n\nThe service config (working directory `/srv/app`):\n\n```yaml\nport: 8080\n```\n",
            "## Root cause\n\nThe log showed the heap growing (before the OOM kill):\n\n```\nheap=1.9G gc=long\n```\n",
        ] {
            assert!(changes(md).is_empty(), "{md}");
        }
    }

    #[test]
    fn inline_code_under_side_labels_is_a_pair() {
        for md in [
            "## Fix\n\n- **Before:** `const input_date = \"05/08\";` — hardcoded test date\n- **After:** `const input_date = \"\";` — automatic mode\n",
            "## Correção\n\n- **Antes:** `const input_date = \"05/08\";` — data de teste\n- **Depois:** `const input_date = \"\";` — modo automático\n",
            "## Fix\n\n**Before:** `retries = 0`\n\n**After:** `retries = 3`\n",
        ] {
            let got = changes(md);
            assert_eq!(got.len(), 1, "{md}: {got:?}");
            assert!(got[0].0.is_some() && got[0].1.is_some(), "{got:?}");
        }
        // Both sides on two lines of one paragraph; more code after the
        // code; the same pair told twice is one.
        let got = changes("## Fix\n\n**Before:** `retries = 0`\n**After:** `retries = 3` with `backoff = 2s`\n\n## Lessons\n\n**Bad:** `retries = 0`\n**Good:** `retries = 3`\n");
        assert_eq!(got.len(), 1, "{got:?}");
        // Prose after a side label, the code a word of a sentence, the same
        // code on both sides, or an "after" with no "before", is no pair.
        for md in [
            "## Fix\n\n- **Before:** we called `load()` twice\n- **After:** `load()` runs once\n",
            "## Fix\n\n- **Before:** `load()` ran twice per request\n- **After:** `load()` runs once\n",
            "## Fix\n\n- **Before:** `load()`\n- **After:** `load()`\n",
            "## Fix\n\n- **After:** `retries = 3`\n",
        ] {
            assert!(changes(md).is_empty(), "{md}");
        }
    }

    #[test]
    fn an_after_takes_the_waiting_before_in_its_own_language() {
        let md = "## Fix\n\n```bash\n# Removed duplicate files:\n- a.kts\n```\n\n**Before:**\n```kotlin\nimplementation(\"x:1\")\n```\n\n**After:**\n```kotlin\nimplementation(\"x:2\")\n```\n";
        let got = changes(md);
        assert!(
            got.contains(&(
                s("implementation(\"x:1\")"),
                s("implementation(\"x:2\")"),
                None
            )),
            "{got:?}"
        );
    }

    #[test]
    fn outputs_under_verification_are_not_changes() {
        let md = "## Verification\n\n### Before Fix:\n```bash\ncurl /health # 500\n```\n\n### After Fix:\n```bash\ncurl /health # 200\n```\n";
        assert!(changes(md).is_empty());
    }

    #[test]
    fn a_file_heading_names_the_file_of_the_sections_after_it() {
        let md = "## Fix\n\n### File to Modify\n`app/main.py` lines 10-12\n\n### Current Code (Broken)\n```python\nx = 1\n```\n\n### Fixed Code\n```python\nx = 2\n```\n\n## Other\n\n**Before:**\n```python\ny = 1\n```\n\n**After:**\n```python\ny = 2\n```\n";
        assert_eq!(
            changes(md),
            vec![
                (s("x = 1"), s("x = 2"), s("app/main.py")),
                (s("y = 1"), s("y = 2"), None)
            ]
        );
    }

    #[test]
    fn a_change_belongs_to_the_listed_file_that_fits_it() {
        let md = "## Fix\n\n**Before:**\n```fsharp\nlet p_ty2 x = write x\n```\n\n**After:**\n```fsharp\nlet p_ty2 x = write x; p_byte 0\n```\n\n## Files Changed\n\n- `src/Pickle.fs`: `p_ty2` writes its byte\n- `tests/PickleTests.fs`: regression tests\n- `docs/notes.md`: notes\n";
        assert_eq!(changes(md)[0].2, s("src/Pickle.fs"));
    }

    #[test]
    fn marker_table() {
        let cases: &[(&str, bool, Option<Marker>)] = &[
            (
                "# BEFORE (BROKEN):",
                false,
                Some(Marker::Open(Side::Before)),
            ),
            (
                "// AFTER - Proper initialization",
                false,
                Some(Marker::Open(Side::After)),
            ),
            ("-- OLD", false, Some(Marker::Open(Side::Before))),
            (
                "// Buggy — counts the wrong thing:",
                false,
                Some(Marker::Open(Side::Before)),
            ),
            ("# Patched:", false, Some(Marker::Open(Side::After))),
            ("# Faulty nodes are skipped until they recover", false, None),
            ("# Patched upstream in requests 2.31", false, None),
            ("/* AFTER */", false, Some(Marker::Open(Side::After))),
            ("<!-- BEFORE -->", false, Some(Marker::Open(Side::Before))),
            (
                "# ❌ WRONG - Nested conditionals",
                false,
                Some(Marker::Open(Side::Before)),
            ),
            (
                "// Line 5117 - BEFORE FIX",
                false,
                Some(Marker::Open(Side::Before)),
            ),
            (
                "// crates/x/src/engine.rs (before the fix)",
                false,
                Some(Marker::Open(Side::Before)),
            ),
            ("# Before (broken)", false, Some(Marker::Open(Side::Before))),
            (
                "# BEFORE: PYTHON_VERSION=3.11  ❌",
                true,
                Some(Marker::Inline(Side::Before, "PYTHON_VERSION=3.11".into())),
            ),
            (
                "# ✅ CORRECT: data[''key'']",
                true,
                Some(Marker::Inline(Side::After, "data[''key'']".into())),
            ),
            (
                "# ✅ GOOD: Minimal connect_args",
                false,
                Some(Marker::Open(Side::After)),
            ),
            ("# before we start the server, warm the cache", false, None),
            ("# ❌ NEVER use create_all() in production", false, None),
            ("self.pool = QueuePool  # ❌ INCOMPATIBLE", false, None),
            ("# Import async-compatible pool", false, None),
        ];
        for (line, end, want) in cases {
            assert_eq!(marker(line, *end), *want, "{line}");
        }
    }

    #[test]
    fn markers_and_labels_in_other_languages() {
        let blocks = [
            (
                "// AS-IS\nlet a = 1;\n// TO-BE\nlet a = 2;\n",
                Some("kotlin"),
            ),
            (
                "<!-- 修正前 -->\n<a/>\n<!-- 修正後 -->\n<b/>\n",
                Some("xml"),
            ),
            (
                "# 変更前のコード\nx = 1\n# 変更後のコード\nx = 2\n",
                Some("python"),
            ),
            ("# AVANT\n$x = 1\n# APRÈS\n$x = 2\n", Some("powershell")),
            ("// До:\nlet x = 1;\n// После:\nlet x = 2;\n", Some("rust")),
            ("// Vorher\nx := 1\n// Nachher\nx := 2\n", Some("go")),
            ("# Antes\nx = 1\n# Depois\nx = 2\n", Some("python")),
            ("-- Antes\nSELECT 1;\n-- Después\nSELECT 2;\n", Some("sql")),
            (
                "# 수정 전 (버그)\nx = 1\n# 수정 후\nx = 2\n",
                Some("python"),
            ),
            ("// Prima\n$x = 1;\n// Dopo\n$x = 2;\n", Some("php")),
        ];
        for (code, lang) in blocks {
            let Analysis::Pairs(pairs) = analyze(code, lang) else {
                panic!("no pair in {code:?}");
            };
            assert_eq!(pairs.len(), 1, "{code:?}");
        }
        for (label, side) in [
            ("Aktueller Code (FEHLERHAFT)", Side::Before),
            ("Korrigierter Code", Side::After),
            ("Código incorrecto", Side::Before),
            ("Código corregido", Side::After),
            ("AS-IS 코드", Side::Before),
            ("TO-BE", Side::After),
            ("修正後のコード", Side::After),
            ("Code avant correction", Side::Before),
            ("📋 Code après correction", Side::After),
            ("Prima:", Side::Before),
            ("Dopo:", Side::After),
            ("Codice errato", Side::Before),
            ("Codice corretto", Side::After),
            ("변경 전", Side::Before),
            ("수정 후 코드", Side::After),
            ("Config before the fix", Side::Before),
            ("Було:", Side::Before),
            ("Стало:", Side::After),
            ("Före", Side::Before),
            ("Efter:", Side::After),
            ("Før", Side::Before),
            ("Etter", Side::After),
            ("Sebelum", Side::Before),
            ("Sesudah", Side::After),
            ("Setelah perbaikan", Side::After),
            ("Önce", Side::Before),
            ("Sonra", Side::After),
            ("Przed", Side::Before),
            ("**Înainte**:", Side::Before),
            ("**După**:", Side::After),
            ("Cod greșit", Side::Before),
            ("Javítás előtt", Side::Before),
            ("Javítás után", Side::After),
            ("Προβληματικός Κώδικας", Side::Before),
            ("Διορθωμένος Κώδικας", Side::After),
            ("Ennen korjausta", Side::Before),
            ("Korjauksen jälkeen", Side::After),
            ("قبل (❌ خاطئ)", Side::Before),
            ("بعد (✅ صحيح)", Side::After),
            ("לפני התיקון", Side::Before),
            ("קוד מתוקן", Side::After),
            ("غير صحيح", Side::Before),
            ("ΜΕΤΑ", Side::After),
            ("nem helyes", Side::Before),
            ("Trước khi sửa:", Side::Before),
            ("Sau khi sửa:", Side::After),
            ("Code cũ:", Side::Before),
            ("Code mới:", Side::After),
            ("**Trước:**", Side::Before),
        ] {
            assert_eq!(label_side(label), Some(side), "{label}");
        }
        // Words that only look like markers.
        for label in [
            "Ask is this right",
            "Tobermory",
            "Asis and Africa",
            "Prerequisites before starting the migration script",
            "Primary database",
        ] {
            assert_eq!(label_side(label), None, "{label}");
        }
        assert_eq!(marker("# as-isbn lookup table", false), None);
    }

    #[test]
    fn one_block_with_both_markers() {
        let md = "```yaml\n# Before (broken)\n- uses: a@v1\n\n# After (working)\n- run: b\n```\n";
        assert_eq!(changes(md), vec![(s("- uses: a@v1"), s("- run: b"), None)]);
    }

    #[test]
    fn single_line_markers() {
        let md = "```bash\n# BEFORE: PYTHON_VERSION=3.11  ❌\n# AFTER:  PYTHON_VERSION=3.11.10  ✅\n```\n";
        assert_eq!(
            changes(md),
            vec![(s("PYTHON_VERSION=3.11"), s("PYTHON_VERSION=3.11.10"), None)]
        );
    }

    #[test]
    fn two_blocks_labelled_by_paragraph_heading_or_marker() {
        let md = "**File**: `src/db.py`\n\n**Before:**\n```python\nx = 1\n```\n\n**After:**\n```python\nx = 2\n```\n";
        assert_eq!(changes(md), vec![(s("x = 1"), s("x = 2"), s("src/db.py"))]);
        let md = "### Broken Configuration (Original)\n```python\n# app/db/__init__.py:50-53\nx = 1\n```\n\n### Fixed Configuration (Current)\n```python\nx = 2\n```\n";
        assert_eq!(
            changes(md),
            vec![(
                s("# app/db/__init__.py:50-53\nx = 1"),
                s("x = 2"),
                s("app/db/__init__.py")
            )]
        );
        let md = "**Changed**:\n```python\n# BEFORE (BROKEN):\nx = 1\n```\n\n**After (FIXED)**:\n```python\nx = 2\n```\n";
        assert_eq!(changes(md), vec![(s("x = 1"), s("x = 2"), None)]);
    }

    #[test]
    fn do_then_dont_pairs_in_reverse() {
        let md =
            "### ✅ DO: Init\n```swift\nok()\n```\n\n### ❌ DON'T: Zero\n```swift\nbad()\n```\n";
        assert_eq!(changes(md), vec![(s("bad()"), s("ok()"), None)]);
    }

    #[test]
    fn adjacent_blocks_after_a_fix_label_pair_up() {
        let md = "Fix: report the error instead.\n\n```rust\nx.unwrap()\n```\n\n```rust\nx?\n```\n";
        assert_eq!(changes(md), vec![(s("x.unwrap()"), s("x?"), None)]);
        let md = "## Fix\n\n```toml\na = 1\n```\n\n```bash\nrun\n```\n";
        assert_eq!(changes(md), vec![]);
        let md = "## Setup\n\n```bash\nmake\n```\n\n```bash\nmake test\n```\n";
        assert_eq!(changes(md), vec![]);
    }

    #[test]
    fn diff_block() {
        let md = "```diff\n--- a/nginx.conf\n+++ b/nginx.conf\n@@ -1,2 +1,2 @@\n keepalive on;\n-timeout 5;\n+timeout 65;\n```\n";
        assert_eq!(
            changes(md),
            vec![(
                s("keepalive on;\ntimeout 5;"),
                s("keepalive on;\ntimeout 65;"),
                s("nginx.conf")
            )]
        );
    }

    #[test]
    fn plain_code_is_no_change() {
        let md = "Run this:\n```bash\npip install -r requirements.txt\n```\n\n```python\n# ✅ CRITICAL: validate\nmake_url(x)\n```\n";
        assert_eq!(changes(md), vec![]);
    }

    #[test]
    fn paths() {
        for (s, want) in [
            ("src/database/session.py", Some("src/database/session.py")),
            (
                "src/signature/native/scheme.zig:5117",
                Some("src/signature/native/scheme.zig"),
            ),
            ("EventDetailedView.swift", Some("EventDetailedView.swift")),
            ("src/app/[slug]/page.tsx", Some("src/app/[slug]/page.tsx")),
            ("e.g.", None),
            ("3.11.10", None),
            ("hello world", None),
        ] {
            assert_eq!(as_path(s).as_deref(), want, "{s}");
        }
    }
}
