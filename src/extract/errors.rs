//! Error messages: log output in fenced blocks, error-looking inline code,
//! `**Error Message:**` lines, symptom lists and quoted messages, kept
//! verbatim, with their signatures.

use super::document::Document;
use super::markdown::Kind;
use super::sections::{LabelKind, Role};
use super::signature::signature;
use crate::model::ErrorEntry;
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// Lines that start like an error, wherever they appear.
static HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?x)
          ^\s*(?:ERROR|FATAL|CRITICAL|PANIC|SEVERE|Error|error|fatal|Fatal)(?:\[[A-Z]?\d+\])?\s*[:!\]]
        | ^\s*(?:[A-Za-z_][\w$]*\.)*[A-Za-z_][\w$]*(?:Error|Exception|Fault)\b\s*[:(]
        | ^\s*(?:[a-z_][\w]*\.)+[A-Z]\w+:\s
        | ^\s*Traceback\ \(most\ recent\ call\ last\)
        | ^\s*thread\ '[^']*'\ panicked\ at\b
        | ^\s*Caused\ by:
        | ^\s*Uncaught\s | ^\s*Unhandled\s
        | ^\s*npm\ ERR!
        | ^\s*\[?\d{4}-\d{2}-\d{2}[T\ ][\d:.,]+\S*\]?\s+(?:\[[^\]]{1,20}\]\s*)*\[?(?:ERROR|FATAL|CRITICAL|PANIC)\b
        "#,
    )
    .expect("error head regex")
});

/// Error words that can sit anywhere in a line of log output (or a line in
/// an error section), but that prose also uses ("the EXC_BAD_ACCESS crash").
static ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?x)
          \bpanicked\ at\b
        | \bEXC_BAD_ACCESS\b | \bSIGSEGV\b | \bSegmentation\ fault\b | \bcore\ dumped\b
        | \bOOMKilled\b | \bCrashLoopBackOff\b | \bOutOfMemoryError\b
        | \[(?:ERROR|CRITICAL|FATAL|EMERG)\]
        | \b[A-Z][A-Z\ ]*\b(?:FAILURE|FAILED|ERROR)\s*:
        | \b[A-Z]+_ERROR\b
        | \bHTTP/\d(?:\.\d)?"?\s+5\d\d\b
        | \b5\d\d\ (?:Internal\ Server\ Error|Bad\ Gateway|Service\ Unavailable|Gateway\ Time-?out)
        | \bstatus(?:\ code)?[=:\ ]+5\d\d\b
        "#,
    )
    .expect("error anywhere regex")
});

fn is_strong(line: &str) -> bool {
    HEAD.is_match(line) || ANYWHERE.is_match(line)
}

/// Section headings that promise a list of what was seen.
static SYMPTOM_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(symptoms?|errors?|error (messages?|logs?|output)|logs?|observed( errors| behaviou?r)?|what (we|users) saw)$")
        .expect("symptom heading regex")
});

/// Lines that are errors inside a block of log output.
static WEAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:failed\ to|failed|failure|cannot|can't|could\ not|couldn't|unable\ to|not\ found|no\ such\ file|permission\ denied|connection\ refused|refused|timed\ out|timeout|denied|leaked|deadlock(?:ed)?|out\ of\ memory|invalid|unexpected|exceeded|killed|sigterm|sigkill|hang\ detected|warn(?:ing)?:)",
    )
    .expect("weak error regex")
});

static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""([^"\n]{8,300})"|“([^”\n]{8,300})”"#).expect("quoted regex"));

static CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(errors?|exceptions?|fail(s|ed|ing|ure)?|fires?|fired|alerts?|crash(es|ed)?|showing|shows|logs?|logged|message|throws?|threw|raised?)\b|\[(CRITICAL|ERROR|FATAL)\]")
        .expect("cue regex")
});

const LOG_LANGS: &[&str] = &[
    "text",
    "txt",
    "log",
    "logs",
    "console",
    "output",
    "plaintext",
    "plain",
    "stderr",
    "terminal",
    "shell-session",
    "error",
    "none",
];

/// Cap on one message: a pasted 10,000-line trace keeps its head.
const MAX_LINES: usize = 12;
const MAX_CHARS: usize = 2000;

pub fn extract(doc: &Document) -> Vec<ErrorEntry> {
    let mut out: Vec<ErrorEntry> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut push = |message: &str, language: Option<&str>, out: &mut Vec<ErrorEntry>| {
        let message = truncate(message.trim());
        if message.split_whitespace().count() < 2 && !message.contains('_') {
            return;
        }
        let sig = signature(&message);
        // "ERROR: x" then "pkg.SomeError: x (details)" is one error said twice.
        let head = signature(message.lines().next().unwrap_or(""));
        if sig.is_empty() || seen.contains(&sig) || seen.contains(&head) {
            return;
        }
        seen.insert(sig.clone());
        seen.insert(head);
        out.push(ErrorEntry {
            message,
            signature: sig,
            language: language.map(str::to_string),
        });
    };

    for (i, block) in doc.blocks.iter().enumerate() {
        let ann = &doc.ann[i];
        match &block.kind {
            Kind::Code { lang, text, .. } => {
                let lang_s = lang.as_deref().unwrap_or("text");
                if lang_s == "diff" || lang_s == "patch" {
                    continue;
                }
                let log_like = LOG_LANGS.contains(&lang_s);
                let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                // A trace pasted under a language tag still starts like one.
                let pasted_log = HEAD.is_match(first);
                if !(log_like
                    || pasted_log
                    || ann.role == Role::Errors && lang_s != "python" && lang_s != "javascript")
                {
                    continue;
                }
                // Weak words ("failed", "timeout") count only in output that
                // has a real error line, or under an error heading or label.
                let weak_ok = log_like && (ann.role == Role::Errors || text.lines().any(is_strong));
                for message in log_entries(text, weak_ok) {
                    push(
                        &message,
                        Some(if log_like { "text" } else { lang_s }),
                        &mut out,
                    );
                }
            }
            Kind::Heading { .. } if ann.role == Role::Errors => {
                for q in quoted(block.text()) {
                    push(&q, Some("text"), &mut out);
                }
            }
            Kind::Paragraph | Kind::Item { .. } | Kind::Row { .. } => {
                let lines: Vec<(String, bool, bool)> = if ann.lines.is_empty() {
                    vec![(block.text().to_string(), false, ann.role == Role::Errors)]
                } else {
                    ann.lines
                        .iter()
                        .map(|l| {
                            let error_label = l.kind == Some(LabelKind::Role(Role::Errors))
                                || l.from_label && l.role == Role::Errors;
                            (l.value.clone(), error_label, l.role == Role::Errors)
                        })
                        .collect()
                };
                let symptom_list = matches!(block.kind, Kind::Item { .. })
                    && doc
                        .section_heading(i)
                        .is_some_and(|h| SYMPTOM_HEADING.is_match(h.trim()));
                let item_share = |code: &str, text: &str| code.len() * 10 >= text.trim().len() * 6;
                for (text, error_label, in_errors) in &lines {
                    let listed = *error_label || symptom_list;
                    let mut took_code = false;
                    for code in block.codes.iter().filter(|c| text.contains(c.as_str())) {
                        let strong = HEAD.is_match(code) || *in_errors && ANYWHERE.is_match(code);
                        let named = listed
                            && looks_like_message(code)
                            && (*error_label || item_share(code, text));
                        if strong || named {
                            push(code, Some("text"), &mut out);
                            took_code = true;
                        }
                    }
                    if took_code {
                        continue;
                    }
                    if HEAD.is_match(text) || *in_errors && ANYWHERE.is_match(text) {
                        push(text, Some("text"), &mut out);
                        continue;
                    }
                    if listed
                        && matches!(block.kind, Kind::Item { .. })
                        && looks_like_log_line(text)
                    {
                        push(text, Some("text"), &mut out);
                        continue;
                    }
                    for q in quoted_after_cue(text) {
                        push(&q, Some("text"), &mut out);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn truncate(s: &str) -> String {
    let lines: Vec<&str> = s.lines().take(MAX_LINES).collect();
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
fn quoted_at(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    QUOTED.captures_iter(text).filter_map(|c| {
        let start = c.get(0).map_or(0, |m| m.start());
        let inner = c.get(1).or_else(|| c.get(2))?.as_str().trim();
        (inner.split_whitespace().count() >= 3).then(|| (start, inner.to_string()))
    })
}

/// Quoted messages of three words or more.
fn quoted(text: &str) -> Vec<String> {
    quoted_at(text).map(|(_, q)| q).collect()
}

/// Quoted messages right after a word that says an error was shown
/// ("fails with", "fires:", "showing").
fn quoted_after_cue(text: &str) -> Vec<String> {
    quoted_at(text)
        .filter(|(start, _)| {
            let mut from = start.saturating_sub(40);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            CUE.is_match(&text[from..*start])
        })
        .map(|(_, q)| q)
        .collect()
}

/// Splits a block of log output into messages: a head line (an error line)
/// plus the continuation lines under it, up to a blank line or the next head.
fn log_entries(text: &str, log_like: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in text.lines() {
        if line.trim().is_empty() {
            if let Some(c) = current.take() {
                out.push(c.join("\n"));
            }
            continue;
        }
        let continuation = line.trim_start().starts_with("Caused by") && current.is_some();
        let head = !continuation && (is_strong(line) || log_like && WEAK.is_match(line));
        if head {
            if let Some(c) = current.take() {
                out.push(c.join("\n"));
            }
            current = Some(vec![line.trim().to_string()]);
        } else if let Some(c) = current.as_mut() {
            if c.len() < MAX_LINES {
                c.push(line.trim_end().to_string());
            }
        }
    }
    if let Some(c) = current.take() {
        out.push(c.join("\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::document::annotate;
    use crate::extract::markdown::blocks;

    fn messages(md: &str) -> Vec<String> {
        extract(&annotate(blocks(md, 1)))
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
            ("```python\nTraceback (most recent call last):\n  File \"x.py\", line 1\nKeyError: 'a'\n```\n", "Traceback (most recent call last):\n  File \"x.py\", line 1"),
            ("```\nthread 'main' panicked at src/main.rs:42:10:\ncalled `Option::unwrap()` on a `None` value\n```\n", "thread 'main' panicked at src/main.rs:42:10:\ncalled `Option::unwrap()` on a `None` value"),
            ("```\n10.0.0.1 - - \"GET / HTTP/1.1\" 503 0\n```\n", "10.0.0.1 - - \"GET / HTTP/1.1\" 503 0"),
        ];
        for (md, want) in cases {
            let got = messages(md);
            assert!(got.iter().any(|m| m == want), "{md}\n got {got:?}");
        }
    }

    #[test]
    fn code_and_prose_are_not_errors() {
        for md in [
            "```python\ntry:\n    run()\nexcept Exception as e:\n    logger.error(f\"failed: {e}\")\n```\n",
            "Error handling was improved in the retry loop.\n",
            "```\nINFO: Application startup complete.\n```\n",
            "We said \"this is fine\" and moved on.\n",
        ] {
            assert_eq!(messages(md), Vec::<String>::new(), "{md}");
        }
    }
}
