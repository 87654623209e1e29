//! Search as users type it: pasted errors with other ids find the report;
//! hostile input (unbalanced quotes, field syntax, NUL bytes, 10 KB traces,
//! emoji) gives results or none, never an error, a panic or a hang. And the
//! index kept up to date: edits, removals, schema versions, one writer at a
//! time, readers unaffected by a writer.

use incidex::config::Config;
use incidex::index::{self, Options, Searcher, UpdateReport};
use incidex::model::Incident;
use std::path::Path;
use std::sync::Arc;
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
    // Its snippet is the report's own line of that error, from its start,
    // words marked (not a window of the text around it).
    let snippet = &r.hits[0].snippet;
    assert!(
        ["2026-03-03T09:14:02Z", "2025-04-02T10:00:01Z"]
            .iter()
            .any(|t| snippet.starts_with(&format!("{t} <mark>ERROR</mark> <mark>webhook</mark>"))),
        "{snippet}"
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
fn snippets_read_as_text_and_mark_the_words_that_matter() {
    let (_kb, s) = searcher();
    for q in [
        "what can you do when the redis socket times out",
        "the webhook delivery failed",
        "how do we fix the pool",
    ] {
        let r = s.search(q, &opts()).expect("search");
        assert!(!r.hits.is_empty(), "{q}");
        for h in &r.hits {
            for markup in ["```", "## ", "**", "](http"] {
                assert!(!h.snippet.contains(markup), "{markup} in {:?}", h.snippet);
            }
            for stop in ["the", "you", "can", "do", "when", "what", "we", "how"] {
                let marked = format!("<mark>{stop}</mark>").to_lowercase();
                assert!(
                    !h.snippet.to_lowercase().contains(&marked),
                    "{stop} marked for {q:?}: {:?}",
                    h.snippet
                );
            }
        }
        assert!(r.hits[0].snippet.contains("<mark>"), "{q}: {:?}", r.hits[0]);
    }
    // A query of nothing but common words still shows where they are.
    let r = s.search("what was the", &opts()).expect("search");
    assert!(r.hits.iter().any(|h| h.snippet.contains("<mark>")), "{r:?}");
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

/// The incidents of the knowledge base at `root`, as `build` reads them.
fn incidents(root: &Path) -> Vec<Arc<Incident>> {
    let loaded = incidex::load::load(root, &Config::default());
    incidex::model::Site::new(loaded.incidents).incidents
}

fn ids(s: &Searcher, q: &str) -> Vec<String> {
    s.search(q, &opts())
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

fn segments(dir: &Path) -> usize {
    tantivy::Index::open_in_dir(dir)
        .expect("index")
        .searchable_segment_ids()
        .expect("segments")
        .len()
}

/// Every file of the index folder with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("index dir")
        .map(|e| {
            let e = e.expect("entry");
            let bytes = std::fs::read(e.path()).expect("read");
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn editing_one_report_replaces_only_its_document() {
    let kb = common::fixture_kb("kb");
    let dir = index::index_dir(kb.path());
    let first = index::update(&dir, &incidents(kb.path())).expect("first update");
    assert_eq!(
        first,
        UpdateReport {
            added: 3,
            created: true,
            ..UpdateReport::default()
        }
    );
    let dns = kb.path().join("content/2025/dns.md");
    let mut text = std::fs::read_to_string(&dns).expect("read");
    text.push_str("\n- Keep a quokkaberry runbook for resolver upgrades.\n");
    std::fs::write(&dns, text).expect("write");
    let second = index::update(&dir, &incidents(kb.path())).expect("second update");
    assert_eq!(
        second,
        UpdateReport {
            updated: 1,
            unchanged: 2,
            ..UpdateReport::default()
        }
    );
    let s = Searcher::open(&dir).expect("open");
    assert_eq!(ids(&s, "quokkaberry"), ["dns"]);
    // Replaced, not added: one document per incident.
    assert_eq!(
        ids(&s, "CoreDNS autopath")
            .iter()
            .filter(|i| *i == "dns")
            .count(),
        1
    );
}

#[test]
fn a_deleted_report_disappears_from_results() {
    let kb = common::fixture_kb("kb");
    let dir = index::index_dir(kb.path());
    index::update(&dir, &incidents(kb.path())).expect("first update");
    assert!(
        ids(&Searcher::open(&dir).expect("open"), "CoreDNS autopath").contains(&"dns".to_string())
    );
    std::fs::remove_file(kb.path().join("content/2025/dns.md")).expect("remove");
    let r = index::update(&dir, &incidents(kb.path())).expect("update");
    assert_eq!((r.removed, r.unchanged, r.added, r.updated), (1, 2, 0, 0));
    let s = Searcher::open(&dir).expect("open");
    assert!(!ids(&s, "CoreDNS autopath").contains(&"dns".to_string()));
    assert!(!ids(&s, "dns").contains(&"dns".to_string()));
}

#[test]
fn an_index_of_another_schema_version_is_recreated() {
    let kb = common::fixture_kb("kb");
    let dir = index::index_dir(kb.path());
    index::update(&dir, &incidents(kb.path())).expect("first update");
    std::fs::write(dir.join("incidex-version"), "1").expect("write version");
    let err = Searcher::open(&dir).err().expect("an old index is refused");
    assert!(
        format!("{err:#}").contains("another version of incidex"),
        "{err:#}"
    );
    let r = index::update(&dir, &incidents(kb.path())).expect("update");
    assert!(r.created, "{r:?}");
    assert_eq!(r.added, 3, "{r:?}");
    let s = Searcher::open(&dir).expect("open");
    assert_eq!(
        ids(&s, "CoreDNS autopath").first().map(String::as_str),
        Some("dns")
    );
    // Recreated, not added to: every incident once.
    let all = s
        .search(
            "the",
            &Options {
                limit: 100,
                ..opts()
            },
        )
        .expect("search");
    let mut found: Vec<String> = all.hits.into_iter().map(|h| h.id).collect();
    found.sort();
    let before = found.len();
    found.dedup();
    assert_eq!(before, found.len(), "{found:?}");
}

#[test]
fn an_index_made_before_version_files_is_recreated() {
    let kb = common::fixture_kb("kb");
    let dir = index::index_dir(kb.path());
    index::update(&dir, &incidents(kb.path())).expect("first update");
    std::fs::remove_file(dir.join("incidex-version")).expect("remove version");
    let r = index::update(&dir, &incidents(kb.path())).expect("update");
    assert!(r.created && r.added == 3, "{r:?}");
}

#[test]
fn a_folder_that_is_not_an_index_is_never_cleared() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("notes.txt"), "mine").expect("write");
    let err = index::update(dir.path(), &[]).expect_err("refused");
    assert!(
        format!("{err:#}").contains("holds no incidex index"),
        "{err:#}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).expect("kept"),
        "mine"
    );
}

#[test]
fn unchanged_reports_write_nothing() {
    let kb = common::fixture_kb("kb");
    let dir = index::index_dir(kb.path());
    let all = incidents(kb.path());
    index::update(&dir, &all).expect("first update");
    let before = snapshot(&dir);
    let r = index::update(&dir, &all).expect("second update");
    assert_eq!(
        r,
        UpdateReport {
            unchanged: 3,
            ..UpdateReport::default()
        }
    );
    assert!(!r.changed());
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn an_open_searcher_keeps_answering_while_another_updates() {
    let kb = common::fixture_kb("kb");
    let dir = index::index_dir(kb.path());
    index::update(&dir, &incidents(kb.path())).expect("first update");
    let old = Searcher::open(&dir).expect("open");
    assert!(ids(&old, "CoreDNS autopath").contains(&"dns".to_string()));

    // What a second process does: remove a report, edit another, update.
    std::fs::remove_file(kb.path().join("content/2025/dns.md")).expect("remove");
    let cache = kb.path().join("content/2025/cache-timeouts.md");
    let text = std::fs::read_to_string(&cache).expect("read") + "\nA wombatfeather note.\n";
    std::fs::write(&cache, text).expect("write");
    let r = index::update(&dir, &incidents(kb.path())).expect("update");
    assert_eq!((r.removed, r.updated), (1, 1), "{r:?}");

    // The open searcher answers from what it opened, deleted files and all.
    assert!(ids(&old, "CoreDNS autopath").contains(&"dns".to_string()));
    assert!(ids(&old, "wombatfeather").is_empty());
    let fresh = Searcher::open(&dir).expect("reopen");
    assert!(!ids(&fresh, "CoreDNS autopath").contains(&"dns".to_string()));
    assert_eq!(ids(&fresh, "wombatfeather"), ["cache-timeouts"]);
    old.reload().expect("reload");
    assert_eq!(ids(&old, "wombatfeather"), ["cache-timeouts"]);
}

#[test]
fn a_second_writer_waits_then_gets_a_clear_error() {
    let kb = common::fixture_kb("kb");
    let dir = index::index_dir(kb.path());
    let mut all = incidents(kb.path());
    index::update(&dir, &all).expect("first update");
    Arc::make_mut(&mut all[0]).title.push_str(" (edited)");
    let patience = std::time::Duration::from_millis(200);

    // Another incidex in the middle of an update holds the update lock.
    let lock = std::fs::File::open(dir.join("incidex.lock")).expect("lock file");
    lock.try_lock().expect("lock");
    let err = index::update_waiting(&dir, &all, None, patience).expect_err("busy");
    assert!(err.downcast_ref::<index::Busy>().is_some(), "{err:#}");
    assert!(
        format!("{err:#}").contains("another incidex is updating the index at"),
        "{err:#}"
    );

    // An update started meanwhile goes ahead once the other one is done.
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(lock);
    });
    let r = index::update(&dir, &all).expect("waited");
    assert_eq!(r.updated, 1);
    releaser.join().expect("thread");
    Arc::make_mut(&mut all[0]).title.push_str(" again");

    // Any other program holding tantivy's writer lock gets the same answer.
    let index = tantivy::Index::open_in_dir(&dir).expect("index");
    let writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
    let err = index::update_waiting(&dir, &all, None, patience).expect_err("busy");
    assert!(err.downcast_ref::<index::Busy>().is_some(), "{err:#}");
    drop(writer);

    let r = index::update(&dir, &all).expect("free again");
    assert_eq!(r.updated, 1);
}

#[test]
fn search_refreshes_a_stale_index_and_leaves_drafts_out() {
    let kb = common::fixture_kb("kb");
    let config = Config::default();
    let s = index::open_fresh(kb.path(), &config).expect("index");
    assert!(ids(&s, "platypusquill").is_empty());
    std::fs::write(
        kb.path().join("content/2025/platypus.md"),
        "# Platypusquill outage\n\n**Date**: 2025-03-01\n\n## Root Cause\n\nThe platypusquill queue filled up.\n",
    )
    .expect("write");
    std::fs::write(
        kb.path().join("content/2025/draft.md"),
        "---\ntitle: Echidnaspine draft\ndraft: true\n---\n\n## Root Cause\n\nEchidnaspine.\n",
    )
    .expect("write");
    let s = index::open_fresh(kb.path(), &config).expect("refreshed");
    assert_eq!(ids(&s, "platypusquill").len(), 1);
    assert!(ids(&s, "echidnaspine").is_empty());
    // Nothing changed since: the index is used as it is.
    let before = snapshot(&index::index_dir(kb.path()));
    index::open_fresh(kb.path(), &config).expect("fresh");
    assert_eq!(snapshot(&index::index_dir(kb.path())), before);
}

#[test]
fn search_uses_the_index_as_it_is_while_another_process_updates_it() {
    let kb = common::fixture_kb("kb");
    let config = Config::default();
    index::open_fresh(kb.path(), &config).expect("index");
    let dir = index::index_dir(kb.path());
    let lock = std::fs::File::open(dir.join("incidex.lock")).expect("lock file");
    lock.try_lock().expect("lock");
    std::fs::remove_file(kb.path().join("content/2025/dns.md")).expect("remove");
    let s = index::open_fresh(kb.path(), &config).expect("searchable while busy");
    assert!(ids(&s, "CoreDNS autopath").contains(&"dns".to_string()));
    drop(lock);
    let s = index::open_fresh(kb.path(), &config).expect("refreshed");
    assert!(!ids(&s, "CoreDNS autopath").contains(&"dns".to_string()));
}

#[test]
fn many_small_updates_do_not_pile_up_segments() {
    let kb = common::fixture_kb("kb");
    let dir = index::index_dir(kb.path());
    let base = incidents(kb.path()).remove(0);
    let mut all: Vec<Arc<Incident>> = (0..40)
        .map(|n| {
            Arc::new(Incident {
                id: format!("copy-{n}"),
                ..(*base).clone()
            })
        })
        .collect();
    index::update(&dir, &all).expect("first update");
    // Each edit leaves one live document in a segment of its own.
    for n in 0..30 {
        Arc::make_mut(&mut all[n]).summary = Some(format!("edit number {n}"));
        let r = index::update(&dir, &all).expect("update");
        assert_eq!((r.updated, r.unchanged), (1, 39), "{r:?}");
    }
    let count = segments(&dir);
    assert!(count <= 8, "{count} segments after 30 one-report edits");
    let s = Searcher::open(&dir).expect("open");
    let r = s
        .search(
            "edit number 29",
            &Options {
                limit: 100,
                ..opts()
            },
        )
        .expect("search");
    assert_eq!(r.hits[0].id, "copy-29", "the last edit is searched: {r:?}");
    // "edit" and "number" are in most documents, "29" in one: the common
    // words still bring in the other edited incidents.
    let mut found: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
    found.sort_unstable();
    let hits = found.len();
    found.dedup();
    assert_eq!(hits, found.len(), "one document per incident: {found:?}");
    assert!(hits >= 30, "every edited incident: {found:?}");
}

#[test]
fn build_prints_what_it_did_to_the_index() {
    let kb = common::fixture_kb("kb");
    let build = || {
        assert_cmd::Command::cargo_bin("incidex")
            .expect("binary")
            .args(["--root", &kb.path().display().to_string(), "build"])
            .output()
            .expect("build")
    };
    let first = String::from_utf8_lossy(&build().stdout).into_owned();
    assert!(
        first.contains("search index 3 added, 0 updated, 0 removed, 0 unchanged"),
        "{first}"
    );
    let second = String::from_utf8_lossy(&build().stdout).into_owned();
    assert!(
        second.contains("search index 0 added, 0 updated, 0 removed, 3 unchanged"),
        "{second}"
    );
}

#[test]
fn shorthand_in_a_query_finds_the_words_spelled_out_and_not_the_reverse() {
    let kb = tempfile::tempdir().expect("temp dir");
    let content = kb.path().join("content");
    std::fs::create_dir_all(&content).expect("content dir");
    let reports = [
        (
            "spelled-out",
            "# Login outage\n\nA configuration change pointed the authentication servers \
             at a wrong address, and every login hung for an hour.\n",
        ),
        (
            "shorthand-only",
            "# Typo in the config\n\nA config typo broke auth for the staging env.\n",
        ),
        (
            "unrelated",
            "# Slow checkout\n\nA change to the basket made checkout slow for an hour.\n",
        ),
    ];
    for (name, text) in reports {
        std::fs::write(content.join(format!("{name}.md")), text).expect("write report");
    }
    let s = index::open_fresh(kb.path(), &Config::default()).expect("index");
    // "config" and "auth" also ask for "configuration" and "authentication".
    let found = ids(&s, "config change made login hang, auth broken");
    assert_eq!(
        found.first().map(String::as_str),
        Some("spelled-out"),
        "{found:?}"
    );
    // Words spelled out stay themselves: shorthand would make a rare word
    // as common as its short form.
    let found = ids(&s, "configuration authentication");
    assert_eq!(found, vec!["spelled-out".to_string()]);
    // Shorthand not in the table is a word like any other.
    assert!(ids(&s, "cfgx authx").is_empty());
}
