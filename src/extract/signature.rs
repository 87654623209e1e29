//! Error signatures: an error message normalized so the same error seen on
//! two machines (other numbers, ids, hashes, paths, ports, pids, timestamps)
//! gets the same slug. Search normalizes pasted errors with the same code.

use super::error_lines::{clean, is_frame};
use crate::extract::per_thread::PerThread;
use regex::Regex;

static LEVEL_PREFIX: PerThread<Regex> = PerThread::new(|| {
    Regex::new(
        r"(?x)^\s*
        (?: \[? \d{4}-\d{2}-\d{2} [T\s] \d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)? \s* (?:Z|UTC|GMT|[+-]\d{2}:?\d{2}|[A-Z]{3,4})? \]? \s* )?
        (?: \[[^\]]{1,24}\] \s* )*
        (?: [\w./\\@~+-]+\.\w+ (?: \(\d+(?:,\d+)*\) | :\d+(?::\d+)? ) :? \s* (?:-\s+)? )?
        (?: (?:npm|yarn|pnpm) \s+ (?:ERR!|error|WARN|warn) \s+ | \#\#\[error\] \s* | \(error\) \s+ | E: \s+ )?
        (?: (?:ERROR|FATAL|CRITICAL|CRIT|PANIC|SEVERE|WARN|WARNING|Error|Fatal|error|fatal|warning) (?:\[[A-Z]?\d+\])? (?: \s* [:!\]~] | \s ) \s* )?",
    )
    .expect("level prefix regex")
});

/// The message without its leading timestamp and log level ("ERROR: x" → "x").
pub fn strip_log_prefix(line: &str) -> &str {
    match LEVEL_PREFIX.find(line) {
        Some(m) if m.end() < line.len() => &line[m.end()..],
        _ => line,
    }
}

static EXCEPTION_PREFIX: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"^\s*(?:[A-Za-z_][\w$]*\.)*[A-Za-z_][\w$]*(?:Error|Exception|Fault|Warning|Failure)\s*:\s*")
        .expect("exception prefix regex")
});

/// SQLAlchemy's wrapper of a driver error: `(psycopg2.errors.UniqueViolation) `
/// or `(sqlalchemy.dialects.postgresql.asyncpg.Error) <class '…'>: `. The
/// same database error reads alike through any driver.
static WRAPPER_PREFIX: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"^\s*\((?:[a-z_]\w*\.)+[A-Za-z_]\w*\)\s*(?:<class '[^']+'>\s*:?\s*)?")
        .expect("wrapper prefix regex")
});

static VOLATILE: PerThread<Regex> = PerThread::new(|| {
    Regex::new(
        r#"(?xi)
          https?://\S+
        | \b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b      # uuid
        | \b\d{4}-\d{2}-\d{2}(?:[T\s]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?  # timestamps
        | \b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b
        | \b0x[0-9a-f]+\b
        | (?:^|[\s'"`(=\[])(?:[a-z]:\\|~/|\./|\.\./|/)[^\s'"`)\]]*                   # absolute or relative paths
        | \b[\w.-]+(?:/[\w.@\[\]-]+){2,}                                                # a/b/c paths
        | \b[\w.-]+:\d{2,5}\b                                                           # host:port
        | \b(?:\d{1,3}\.){3}\d{1,3}\b                                                   # ipv4
        "#,
    )
    .expect("volatile regex")
});

/// Tokens that are ids rather than words: long runs mixing letters and
/// digits (hashes, instance ids, build ids) and pure numbers.
fn is_volatile_token(t: &str) -> bool {
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    // Numbers and numbers with units (30s, 512mb, 3xx).
    if digits == t.len() || t.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    if digits == 0 {
        return false;
    }
    let hexish = t.chars().all(|c| c.is_ascii_hexdigit());
    (hexish && t.len() >= 6) || t.len() >= 10 || digits * 2 >= t.len() && t.len() >= 5
}

/// Longest signature kept; long messages are identified by their start.
const MAX_WORDS: usize = 16;

/// The signature of an error message (see the module doc). Stack frames
/// do not count (the same error is raised from other lines of other
/// files); a Python trace is named by the error it ends with.
pub fn signature(message: &str) -> String {
    let lines: Vec<&str> = message.lines().filter(|l| !l.trim().is_empty()).collect();
    let Some(&top) = lines.first() else {
        return String::new();
    };
    let (first, rest): (&str, Vec<&str>) = if clean(top).starts_with("Traceback") {
        let last = lines
            .iter()
            .rev()
            .find(|l| !l.starts_with(char::is_whitespace) && !is_frame(l) && l.trim() != "...");
        (last.copied().unwrap_or(top), Vec::new())
    } else {
        (
            top,
            lines[1..]
                .iter()
                .copied()
                .filter(|l| !is_frame(l))
                .collect(),
        )
    };
    let head = strip_log_prefix(clean(first));
    // The wrapper may stand alone or after SQLAlchemy's own class
    // ("sqlalchemy.exc.IntegrityError: (psycopg2.errors.UniqueViolation) …").
    let head = WRAPPER_PREFIX.replace(head, "");
    let head = EXCEPTION_PREFIX.replace(&head, "");
    let head = WRAPPER_PREFIX.replace(&head, "");
    let mut text = head.into_owned();
    for l in rest {
        text.push(' ');
        text.push_str(strip_log_prefix(l));
    }
    let text = VOLATILE.replace_all(&text, " ");
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty() && !is_volatile_token(t))
        .take(MAX_WORDS)
        .collect();
    words.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_one_error_share_a_signature() {
        let groups: &[&[&str]] = &[
            &[
                "(psycopg2.errors.UniqueViolation) duplicate key value violates unique constraint \"users_email_key\"",
                "(asyncpg.exceptions.UniqueViolationError) <class 'asyncpg.exceptions.UniqueViolationError'>: duplicate key value violates unique constraint \"users_email_key\"",
                "duplicate key value violates unique constraint \"users_email_key\"",
                "sqlalchemy.exc.IntegrityError: (psycopg2.errors.UniqueViolation) duplicate key value violates unique constraint \"users_email_key\"",
            ],
            &[
                "Pool class QueuePool cannot be used with asyncio engine",
                "ERROR: Pool class QueuePool cannot be used with asyncio engine",
                "sqlalchemy.exc.ArgumentError: Pool class QueuePool cannot be used with asyncio engine",
                "ArgumentError: Pool class QueuePool cannot be used with asyncio engine",
            ],
            &[
                "[2026-01-04 03:12:55 +0000] [17] [CRITICAL] WORKER TIMEOUT (pid:42)",
                "[2025-12-01 11:00:01 +0000] [9] [CRITICAL] WORKER TIMEOUT (pid:1234)",
            ],
            &[
                "error: failed to create directory `/usr/local/cargo/registry/cache/index.crates.io-1949cf8c6b5b557f`",
                "error: failed to create directory `/opt/render/.cargo/registry/cache/index.crates.io-6f17d22bba15001f`",
            ],
            &[
                "Error 111 connecting to localhost:6379. Connection refused.",
                "Error 111 connecting to redis-host:6380. Connection refused.",
            ],
            &[
                "npm error Missing: yaml@2.8.2 from lock file",
                "npm ERR! Missing: yaml@2.8.1 from lock file",
                "Missing: yaml@2.8.2 from lock file",
            ],
            &[
                "❌ ERROR: Backend 'hr-portal' does not exist!",
                "ERROR: Backend 'hr-portal' does not exist!",
            ],
            &[
                "Traceback (most recent call last):\n  File \"/app/a.py\", line 3, in <module>\n    run()\nKeyError: 'user_id'",
                "Traceback (most recent call last):\n  File \"/srv/b.py\", line 90, in handler\n    x = d[k]\nKeyError: 'user_id'",
                "KeyError: 'user_id'",
            ],
            &[
                "TypeError: x is not a function\n    at run (/app/index.js:3:9)\n    at main (/app/index.js:9:1)",
                "TypeError: x is not a function\n    at go (/srv/main.js:30:2)",
            ],
            &[
                "src/examples/a.ts(1,36): error TS2307: Cannot find module",
                "src/b.ts:3:5 - error TS2307: Cannot find module",
                "error TS2307: Cannot find module",
                "TS2307: Cannot find module",
            ],
            &[
                "memory address 0x109661800 leaked",
                "memory address 0x7ffd5a2b leaked",
            ],
            &[
                "request 3f2a9c1e-1b2c-4d5e-8f90-a1b2c3d4e5f6 failed after 30s",
                "request 0b6c7d8e-9f01-4a2b-8c3d-e4f5a6b7c8d9 failed after 12s",
            ],
        ];
        for group in groups {
            let first = signature(group[0]);
            assert!(!first.is_empty());
            for other in &group[1..] {
                assert_eq!(signature(other), first, "{other}");
            }
        }
    }

    #[test]
    fn different_errors_differ() {
        let all = [
            "Pool class QueuePool cannot be used with asyncio engine",
            "'async_generator' object does not support the asynchronous context manager protocol",
            "'AsyncSession' object has no attribute 'model_class'",
            "This result object does not return rows. It has been closed automatically.",
            "Read-only file system (os error 30)",
            "Connection refused",
        ];
        let sigs: std::collections::BTreeSet<String> = all.iter().map(|m| signature(m)).collect();
        assert_eq!(sigs.len(), all.len());
    }

    #[test]
    fn spec_example() {
        assert_eq!(
            signature("Pool class QueuePool cannot be used with asyncio engine"),
            "pool-class-queuepool-cannot-be-used-with-asyncio-engine"
        );
    }
}
