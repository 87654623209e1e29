//! The static site's search (`/search/`), run under Node against built
//! sites: on the judged queries of `../shared` it ranks as well as `incidex
//! search` and agrees on the top hit (phrase proximity included: the
//! export holds word pairs with the terminal's phrase scores), a query
//! downloads little, its code tokenizer is the index's, and hostile
//! queries neither throw nor hang.
//!
//! Needs `node` (.ci/run installs it). Without it the tests say so and
//! pass, except under CI, where they fail.

use incidex::index::{Options, Searcher};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

fn have_node() -> bool {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install node for the static search tests"
        );
        eprintln!("note: node not installed; skipping the static search tests");
    }
    ok
}

fn build(kb: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_incidex"))
        .arg("--root")
        .arg(kb)
        .args(["build", "-q"])
        .status()
        .expect("run incidex build");
    assert!(status.success(), "build failed");
}

/// Runs the harness over `inputs` in `mode`; its JSON answer.
fn node(site: &Path, mode: &str, inputs: &[String]) -> Vec<Value> {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("inputs.json");
    std::fs::write(&file, serde_json::to_vec(inputs).expect("json")).expect("write inputs");
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/static_search.js");
    let out = Command::new("node")
        .arg(harness)
        .arg(site)
        .arg(&file)
        .arg(mode)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("harness JSON")
}

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("note: ../shared not found; skipping the judged-query test");
        None
    }
}

/// A knowledge base of the seed and corpus reports, one `content/<stem>.md`
/// per report, as the search checker makes it.
fn shared_kb(shared: &Path) -> tempfile::TempDir {
    let kb = tempfile::tempdir().expect("temp dir");
    let content = kb.path().join("content");
    std::fs::create_dir_all(&content).expect("mkdir");
    for folder in ["seeds", "corpus"] {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(shared.join(folder))
            .expect("read shared folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .filter(|p| !matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "tsv")))
            .collect();
        entries.sort();
        for p in entries {
            let stem = p.file_stem().and_then(|s| s.to_str()).expect("stem");
            std::fs::copy(&p, content.join(format!("{stem}.md"))).expect("copy report");
        }
    }
    kb
}

/// Judged queries: the text and the file stems of the reports that answer it.
fn judged_queries(shared: &Path) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for file in ["seeds/queries.yaml", "corpus/queries.yaml"] {
        let text = std::fs::read_to_string(shared.join(file)).expect("read queries");
        let items: Vec<serde_yaml::Value> = serde_yaml::from_str(&text).expect("queries YAML");
        for q in &items {
            let Some(query) = q.get("query").and_then(|v| v.as_str()) else {
                continue;
            };
            let relevant = q
                .get("relevant")
                .and_then(|v| v.as_sequence())
                .map(|s| {
                    s.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            out.push((query.to_string(), relevant));
        }
    }
    out
}

/// Mean reciprocal rank of the first relevant hit in the top ten.
fn mrr(rankings: &[(Vec<String>, &Vec<String>)]) -> f64 {
    let sum: f64 = rankings
        .iter()
        .map(|(hits, relevant)| {
            hits.iter()
                .take(10)
                .position(|h| relevant.contains(h))
                .map_or(0.0, |p| 1.0 / (p + 1) as f64)
        })
        .sum();
    sum / rankings.len().max(1) as f64
}

fn ids(v: &Value) -> Vec<String> {
    v["ids"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// One step of the export's weight quantization, as a share of a score.
const QUANTIZATION_STEP: f32 = 0.022;

#[test]
fn top_hit_agrees_with_incidex_search_on_the_judged_queries() {
    let Some(shared) = shared() else { return };
    if !have_node() {
        return;
    }
    let kb = shared_kb(&shared);
    build(kb.path());
    let judged = judged_queries(&shared);
    assert!(judged.len() >= 50, "judged queries found: {}", judged.len());
    let queries: Vec<String> = judged.iter().map(|(q, _)| q.clone()).collect();
    // Incident id -> the file stem judgements name.
    let api: Value = serde_json::from_slice(
        &std::fs::read(kb.path().join("public/api/incidents.json")).expect("read api"),
    )
    .expect("api JSON");
    let stem_of: std::collections::HashMap<String, String> = api
        .as_array()
        .expect("incidents")
        .iter()
        .filter_map(|i| {
            let id = i["id"].as_str()?;
            let stem = Path::new(i["source"].as_str()?).file_stem()?.to_str()?;
            Some((id.to_string(), stem.to_string()))
        })
        .collect();
    let stems = |ids: Vec<String>| -> Vec<String> {
        ids.into_iter()
            .map(|id| stem_of.get(&id).cloned().unwrap_or(id))
            .collect()
    };

    let searcher = Searcher::open(&incidex::index::index_dir(kb.path())).expect("open index");
    let static_results = node(&kb.path().join("public"), "search", &queries);
    let mut disagree = Vec::new();
    let mut ties = Vec::new();
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for ((q, relevant), got) in judged.iter().zip(&static_results) {
        let want = searcher
            .search(
                q,
                &Options {
                    limit: 10,
                    ..Options::default()
                },
            )
            .expect("search");
        let want_ids: Vec<String> = want.hits.iter().map(|h| h.id.clone()).collect();
        let got_ids = ids(got);
        // The page's weights are quantized in steps of ~2 % (32 per
        // doubling): when the terminal's first two hits are closer than one
        // step, the page may order them either way, and that is a tie, not
        // a disagreement.
        let tie = match want.hits.as_slice() {
            [a, b, ..] => {
                b.score >= a.score * (1.0 - QUANTIZATION_STEP)
                    && got_ids.first() == Some(&b.id)
                    && got_ids.get(1) == Some(&a.id)
            }
            _ => false,
        };
        if tie {
            ties.push(format!("{q:.60}"));
        }
        if want_ids.first() != got_ids.first() && !tie {
            disagree.push(format!(
                "{q:.80}\n    incidex search: {:?}\n    static page:    {:?}",
                want_ids.get(..2),
                got_ids.get(..2),
            ));
        }
        let bytes = got["bytes"].as_u64().unwrap_or(u64::MAX);
        assert!(bytes < 300_000, "{q:.60}: downloaded {bytes} bytes");
        ours.push((stems(got_ids), relevant));
        theirs.push((stems(want_ids), relevant));
    }
    let (static_mrr, cli_mrr) = (mrr(&ours), mrr(&theirs));
    eprintln!(
        "static page MRR@10 {static_mrr:.3}, incidex search {cli_mrr:.3}; top hits differ on {} of {} queries:\n{}\nties within one quantization step ({}): {:?}",
        disagree.len(),
        queries.len(),
        disagree.join("\n"),
        ties.len(),
        ties
    );
    assert!(
        ties.len() <= 2,
        "too many near-ties to trust the page: {ties:?}"
    );
    // The page adds the terminal's phrase scores, so it ranks as well, and
    // puts the same incident first on every judged query. Its weights are
    // quantized (~1 %): the closest call here is a 0.1 % tie, decided the
    // same way once the page may fetch the 19 chunks its words are in.
    assert!(
        static_mrr >= 0.98 && static_mrr >= cli_mrr - 0.005,
        "static page MRR@10 {static_mrr:.3} (incidex search {cli_mrr:.3})"
    );
    assert!(
        disagree.is_empty(),
        "{} of {} judged queries rank another incident first:\n{}",
        disagree.len(),
        queries.len(),
        disagree.join("\n")
    );
}

#[test]
fn the_code_tokenizer_is_the_index_tokenizer() {
    if !have_node() {
        return;
    }
    let kb = common::fixture_kb("kb");
    build(kb.path());
    let mut inputs: Vec<String> = vec![
        "MyClass.doSomething()".into(),
        "snake_case_name camelCase a::b::c --flag os error 30".into(),
        "HTTPServer2 fails. QueuePool ÉtéCafé naïveString 日本語 😀 x".into(),
        "ends.with.joiners... __init__ $var @scope/pkg #tag".into(),
        format!("{} long", "a".repeat(70)),
        "ΣΊΣΥΦΟΣ straße İstanbul ǅungla".into(),
    ];
    for entry in walkdir::WalkDir::new(kb.path().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let text = std::fs::read_to_string(entry.path()).expect("read report");
        inputs.extend(text.lines().map(str::to_string));
    }
    let got = node(&kb.path().join("public"), "code-tokens", &inputs);
    let mut wrong = Vec::new();
    for (text, got) in inputs.iter().zip(&got) {
        let want: Vec<Value> = incidex::index::tokenize::tokens(text)
            .into_iter()
            .map(Value::String)
            .collect();
        if got.as_array() != Some(&want) {
            wrong.push(format!("{text:.80}\n    rust: {want:?}\n    js:   {got}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn shorthand_finds_the_spelled_out_report_on_the_page_as_in_the_terminal() {
    if !have_node() {
        return;
    }
    let kb = common::fixture_kb("kb");
    build(kb.path());
    // The report says "connections"; the query only "conns".
    let query = "too many conns".to_string();
    let page = node(
        &kb.path().join("public"),
        "search",
        std::slice::from_ref(&query),
    );
    let searcher = Searcher::open(&incidex::index::index_dir(kb.path())).expect("open index");
    let terminal = searcher
        .search(
            &query,
            &Options {
                limit: 10,
                ..Options::default()
            },
        )
        .expect("search");
    assert_eq!(
        ids(&page[0]).first().map(String::as_str),
        Some("cache-timeouts"),
        "{}",
        page[0]
    );
    assert_eq!(
        terminal.hits.first().map(|h| h.id.as_str()),
        Some("cache-timeouts")
    );
}

#[test]
fn a_pasted_error_finds_its_report_and_hostile_queries_are_harmless() {
    if !have_node() {
        return;
    }
    let kb = common::fixture_kb("kb");
    build(kb.path());
    let pasted = "redis.exceptions.TimeoutError: Timeout reading from socket 10.0.3.7:6380";
    let found = node(&kb.path().join("public"), "search", &[pasted.to_string()]);
    assert_eq!(
        ids(&found[0]).first().map(String::as_str),
        Some("cache-timeouts"),
        "{}",
        found[0]
    );
    // The hit shows the report's own line of that error, as the terminal does.
    let shown = found[0]["summaries"][0].as_str().unwrap_or_default();
    assert!(
        shown.contains("TimeoutError: Timeout reading from socket"),
        "{}",
        found[0]
    );
    let mut queries: Vec<String> = [
        "\"unbalanced (",
        "a:(^",
        "- *",
        "title:x AND (",
        "\0",
        "😀",
        "<script>alert(1)</script>",
        "",
        "   ",
        "../../etc/passwd",
        "\u{202e}evil",
        "__proto__ constructor prototype",
        "hasOwnProperty toString valueOf",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    queries.push("x ".repeat(5000));
    queries.push(
        (0..400)
            .map(|i| format!("  File \"/srv/app/module_{i}.py\", line {i}, in handler_{i}\n"))
            .collect(),
    );
    let results = node(&kb.path().join("public"), "search", &queries);
    assert_eq!(results.len(), queries.len());
    for r in &results {
        assert!(r["total"].as_u64().is_some(), "{r}");
        assert!(r["bytes"].as_u64().is_some_and(|b| b < 300_000), "{r}");
    }
}
