//! Search as users type it: pasted errors with other ids find the report;
//! hostile input (unbalanced quotes, field syntax, NUL bytes, 10 KB traces,
//! emoji) gives results or none, never an error, a panic or a hang.

use incidex::config::Config;
use incidex::index::{self, Options, Searcher};
use std::time::{Duration, Instant};

mod common;

fn searcher() -> (tempfile::TempDir, Searcher) {
    let kb = common::fixture_kb("kb");
    let s = index::open_fresh(kb.path(), &Config::default()).expect("index");
    (kb, s)
}

fn opts() -> Options {
    Options {
        limit: 10,
        ..Options::default()
    }
}

#[test]
fn a_pasted_error_with_other_ids_finds_its_report_first() {
    let (_kb, s) = searcher();
    let r = s
        .search("2027-11-30T23:59:59Z ERROR webhook delivery failed: upstream timed out after 5000ms (attempt 9, id ffee0011)", &opts())
        .expect("search");
    assert!(r.hits.len() >= 2, "{r:?}");
    assert!(
        r.hits[0].score >= 1000.0,
        "a signature match ranks first: {r:?}"
    );
    let r = s
        .search(
            "redis.exceptions.TimeoutError: Timeout reading from socket",
            &opts(),
        )
        .expect("search");
    assert_eq!(r.hits[0].id, "cache-timeouts");
    assert!(
        r.hits[0].snippet.contains("<mark>"),
        "{}",
        r.hits[0].snippet
    );
}

#[test]
fn identifiers_are_found_by_their_parts() {
    let (_kb, s) = searcher();
    for q in [
        "max_connections",
        "connections",
        "socket_timeout",
        "retry_jitter",
        "jitter",
    ] {
        let r = s.search(q, &opts()).expect("search");
        assert!(!r.hits.is_empty(), "{q}");
    }
}

#[test]
fn filters() {
    let (_kb, s) = searcher();
    let with = |o: Options| s.search("timeout", &o).expect("search").hits.len();
    assert!(with(opts()) >= 2);
    assert_eq!(
        with(Options {
            severity: Some("critical".into()),
            ..opts()
        }),
        1
    );
    assert_eq!(
        with(Options {
            technology: Some("Redis".into()),
            ..opts()
        }),
        1
    );
    assert_eq!(
        with(Options {
            since: Some("2026-01-01".into()),
            ..opts()
        }),
        1
    );
    assert_eq!(
        with(Options {
            status: Some("open".into()),
            ..opts()
        }),
        0
    );
}

#[test]
fn hostile_queries_never_fail_or_hang() {
    let (_kb, s) = searcher();
    let mut queries: Vec<String> = [
        "\"",
        "\"unbalanced",
        "(",
        ")",
        "((((",
        "a:(^",
        "- *",
        "*",
        "?",
        "title:x",
        "field:value AND (",
        "NOT",
        "OR OR OR",
        "AND",
        "+",
        "-",
        "~",
        "^2",
        "\\",
        "\\\\",
        "[",
        "]",
        "{",
        "}",
        "[1 TO",
        "a~2",
        "\"a b\"~",
        "\0",
        "a\0b",
        "😀",
        "🔥 crash",
        "‚úÖ",
        "日本語",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%00",
        "%",
        "&&",
        "||",
        "!",
        ":",
        "::",
        "a::",
        "::b",
        "..",
        "/",
        "//",
        "/etc/passwd",
        "../../..",
        "$(rm -rf /)",
        "`id`",
        "\t",
        "\n\n",
        " ",
        "",
        "\u{feff}",
        "\u{202e}evil",
        "ＡＢＣ",
        "a".repeat(10_000).as_str(),
        "timeout\0timeout",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let trace: String = (0..400)
        .map(|i| format!("  File \"/srv/app/module_{i}.py\", line {i}, in handler_{i}\n"))
        .collect();
    queries.push(format!(
        "Traceback (most recent call last):\n{trace}TimeoutError: boom"
    ));
    queries.push("x ".repeat(5000));
    queries.push("(".repeat(3000));
    queries.push("\"".repeat(3000));
    queries.push("a:".repeat(3000));
    queries.push(
        (0..2000)
            .map(|i| char::from_u32(0x1F600 + (i % 80)).unwrap_or('x'))
            .collect(),
    );
    for i in 0..40 {
        queries.push(format!("field{i}:value{i} AND (x OR \"y"));
    }
    assert!(queries.len() >= 100, "{}", queries.len());
    for q in &queries {
        let started = Instant::now();
        let r = s.search(q, &opts());
        let took = started.elapsed();
        assert!(r.is_ok(), "{q:.40?}: {r:?}");
        assert!(took < Duration::from_millis(200), "{q:.40?} took {took:?}");
    }
}
