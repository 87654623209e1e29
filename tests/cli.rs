//! The command line as a user drives it: output, files written, exit codes.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

fn incidex() -> Command {
    Command::cargo_bin("incidex").expect("binary built")
}

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/reports/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn kb(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, bytes) in files {
        let p = dir.path().join(path);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        fs::write(p, bytes).expect("write");
    }
    dir
}

/// `incidex --root DIR export`, parsed; the exit code alongside.
fn export(dir: &Path) -> (Option<i32>, serde_json::Value) {
    let out = incidex()
        .arg("--root")
        .arg(dir)
        .arg("export")
        .output()
        .expect("run");
    (
        out.status.code(),
        serde_json::from_slice(&out.stdout).expect("json"),
    )
}

/// `incidex --root DIR check [args]`.
fn check(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    incidex()
        .arg("--root")
        .arg(dir)
        .arg("check")
        .args(args)
        .assert()
}

#[test]
fn show_json_prints_the_whole_schema() {
    let out = incidex()
        .args(["show", "--json", &fixture("emoji-fix-report.md")])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    for key in [
        "schema",
        "id",
        "source",
        "url",
        "title",
        "date",
        "status",
        "status_text",
        "severity",
        "services",
        "technologies",
        "tags",
        "summary",
        "errors",
        "root_causes",
        "fixes",
        "changes",
        "lessons",
        "action_items",
        "references",
        "impact",
        "timeline",
        "sections",
        "repaired_encoding",
        "warnings",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["title"], "Payment Webhook Retry Storm Fix");
    assert_eq!(v["date"], "2026-03-03");
    assert_eq!(v["status"], "resolved");
    assert_eq!(v["id"], "emoji-fix-report");
    assert_eq!(v["url"], "/incidents/emoji-fix-report/");
    assert_eq!(v["changes"][0]["file"], "billing/tasks.py");
    assert!(v["changes"][0]["before"]
        .as_str()
        .unwrap_or("")
        .contains("retry_backoff=False"));
    assert!(v["changes"][0]["after"]
        .as_str()
        .unwrap_or("")
        .contains("retry_jitter=True"));
    assert_eq!(
        v["action_items"][1],
        serde_json::json!({"text": "Ship the backoff change", "done": true})
    );
}

#[test]
fn show_human_is_a_readable_summary() {
    incidex()
        .args(["show", &fixture("emoji-fix-report.md")])
        .assert()
        .success()
        .stdout(predicate::str::contains("Payment Webhook Retry Storm Fix"))
        .stdout(predicate::str::contains("Errors"))
        .stdout(predicate::str::contains("billing/tasks.py (-3 +3 lines)"))
        .stdout(predicate::str::contains("[x] Ship the backoff change"));
}

#[test]
fn show_accepts_any_extension_and_an_id() {
    let text = fs::read(fixture("emoji-fix-report.md")).expect("fixture");
    let dir = kb(&[
        ("notes/report.txt", &text),
        ("content/2026/retry-storm.md", &text),
    ]);
    incidex()
        .args(["show", "--json"])
        .arg(dir.path().join("notes/report.txt"))
        .assert()
        .success();
    incidex()
        .current_dir(dir.path())
        .args(["show", "retry-storm"])
        .assert()
        .success()
        .stdout(predicate::str::contains("content/2026/retry-storm.md"));
    incidex()
        .current_dir(dir.path())
        .args(["show", "no-such-id"])
        .assert()
        .code(2);
}

#[test]
fn show_reads_a_report_whose_front_matter_breaks_and_says_so() {
    // The most common hand-written break: a title holding a second `: `.
    let dir = kb(&[(
        "content/outage.md",
        b"---\ntitle: Post-Mortem: Network Outage at Example Hosting\ndate: 2024-12-15\n---\n# Post-Mortem\n\n## Root Cause\n\nA failed line card dropped the uplink.\n",
    )]);
    let out = incidex()
        .args(["show", "--json"])
        .arg(dir.path().join("content/outage.md"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1), "an error is an error");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("outage.md:2:") && stderr.contains("invalid front matter"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["title"], "Post-Mortem: Network Outage at Example Hosting");
    assert_eq!(v["date"], "2024-12-15");
    assert_eq!(
        v["root_causes"][0]["text"],
        "A failed line card dropped the uplink."
    );
}

/// Whether `value` fits the OpenSearch mapping `field` (a `type`, or an
/// object's `properties`); arrays fit when each element does.
fn fits(field: &serde_json::Value, value: &serde_json::Value, path: &str) -> Result<(), String> {
    use serde_json::Value;
    match value {
        Value::Null => return Ok(()),
        Value::Array(items) => {
            return items
                .iter()
                .try_for_each(|v| fits(field, v, &format!("{path}[]")))
        }
        _ => {}
    }
    if let Some(props) = field.get("properties") {
        let Value::Object(obj) = value else {
            return Err(format!("{path}: an object is mapped, found {value}"));
        };
        for (k, v) in obj {
            let sub = props
                .get(k)
                .ok_or_else(|| format!("{path}.{k}: not in the mapping"))?;
            fits(sub, v, &format!("{path}.{k}"))?;
        }
        return Ok(());
    }
    let ty = field["type"].as_str().unwrap_or("");
    let ok = match ty {
        "keyword" | "text" => value.is_string(),
        "integer" => value.as_i64().is_some(),
        "boolean" => value.is_boolean(),
        "date" => value.as_str().is_some_and(|d| {
            let b = d.as_bytes();
            (d.len() == 10 || d.len() == 7)
                && b.iter().enumerate().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        *c == b'-'
                    } else {
                        c.is_ascii_digit()
                    }
                })
        }),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{path}: {value} does not fit type {ty:?}"))
    }
}

#[test]
fn opensearch_bulk_lines_fit_the_shipped_mapping() {
    let text = fs::read(fixture("emoji-fix-report.md")).expect("fixture");
    let dir = kb(&[
        ("content/a.md", &text),
        // Two reports that choose the same id: both must be loaded.
        (
            "content/b.md",
            b"---\nid: same\ndate: 2025-05\n---\n# One\n\nError: it broke\n",
        ),
        (
            "content/c.md",
            b"---\nid: same\n---\n# Two\n\n## Lessons\n\n- check first\n",
        ),
    ]);
    let run = |args: &[&str]| {
        let out = incidex()
            .arg("--root")
            .arg(dir.path())
            .args(args)
            .output()
            .expect("run");
        String::from_utf8(out.stdout).expect("utf8")
    };
    let mapping: serde_json::Value =
        serde_json::from_str(&run(&["export", "--format", "opensearch-mapping"]))
            .expect("mapping is JSON");
    let root = &mapping["mappings"];
    assert!(root["properties"].is_object(), "{mapping}");

    let bulk = run(&["export", "--format", "opensearch-bulk", "--index", "kb-one"]);
    assert!(bulk.ends_with('\n'), "the _bulk API needs a final newline");
    let lines: Vec<serde_json::Value> = bulk
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is one JSON object"))
        .collect();
    assert_eq!(lines.len(), 6, "an action and a document per report");
    let mut ids = std::collections::BTreeSet::new();
    for pair in lines.chunks(2) {
        let (action, doc) = (&pair[0], &pair[1]);
        assert_eq!(action["index"]["_index"], "kb-one");
        assert_eq!(
            action["index"]["_id"], doc["id"],
            "the document is stored under its id"
        );
        assert!(
            ids.insert(doc["id"].to_string()),
            "ids are unique: {}",
            doc["id"]
        );
        if let Err(e) = fits(root, doc, "") {
            panic!("{e}");
        }
    }
    // Every field of the schema is mapped, not only those these reports fill.
    let v: serde_json::Value = serde_json::from_str(&run(&["export"])).expect("json");
    for key in v[0].as_object().expect("object").keys() {
        assert!(root["properties"].get(key).is_some(), "{key} is not mapped");
    }
}

#[test]
fn export_json_and_ndjson() {
    let text = fs::read(fixture("emoji-fix-report.md")).expect("fixture");
    let dir = kb(&[
        ("content/a.md", &text),
        ("content/sub/b.markdown", b"# Second\n\nError: it broke\n"),
    ]);
    let (code, v) = export(dir.path());
    assert_eq!(code, Some(0));
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    assert_eq!(v[0]["date"], "2026-03-03", "newest first");
    let out = incidex()
        .arg("--root")
        .arg(dir.path())
        .args(["export", "--format", "ndjson"])
        .output()
        .expect("run");
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout)
        .expect("utf8")
        .lines()
        .collect();
    assert_eq!(lines.len(), 2);
    for l in lines {
        serde_json::from_str::<serde_json::Value>(l).expect("one object a line");
    }
}

#[test]
fn check_names_file_line_and_column_and_goes_on() {
    let dir = kb(&[
        (
            "content/good.md",
            fs::read(fixture("emoji-fix-report.md"))
                .expect("fixture")
                .as_slice(),
        ),
        (
            "content/bad.md",
            b"---\ntitle: Broken\ntags: [a, b\n---\n# Body\n",
        ),
    ]);
    check(dir.path(), &[])
        .code(1)
        .stderr(
            predicate::str::is_match(r"content/bad\.md:\d+:\d+: error: invalid front matter")
                .expect("regex"),
        )
        .stderr(predicate::str::contains("(kept title)"))
        .stdout(predicate::str::contains("1 error,"));
    // The good report is still exported, and so is the broken one, from
    // the front matter lines that read alone: its title, not its tags.
    let (code, v) = export(dir.path());
    assert_eq!(code, Some(1));
    let incidents = v.as_array().expect("an array");
    assert_eq!(incidents.len(), 2);
    let broken = incidents
        .iter()
        .find(|i| i["source"] == "content/bad.md")
        .expect("the broken report");
    assert_eq!(broken["title"], "Broken");
    assert_eq!(broken["tags"], serde_json::json!([]));
}

#[test]
fn check_strict_turns_warnings_into_errors() {
    let dir = kb(&[("content/thin.md", b"# Thin report\n\nSomething happened.\n")]);
    check(dir.path(), &[]).success();
    check(dir.path(), &["--strict"])
        .code(1)
        .stderr(predicate::str::contains(
            "content/thin.md:1:1: warning: no root cause found",
        ));
}

#[test]
fn duplicate_ids_are_errors() {
    let dir = kb(&[
        ("content/a.md", b"---\nid: same\n---\n# A\n"),
        ("content/b.md", b"---\nid: same\n---\n# B\n"),
    ]);
    check(dir.path(), &[])
        .code(1)
        .stderr(predicate::str::contains(
            "content/a.md:1:1: error: duplicate id `same` (also used by content/b.md)",
        ))
        .stderr(predicate::str::contains(
            "content/b.md:1:1: error: duplicate id `same` (also used by content/a.md)",
        ));
    // Neither report takes the contested URL; both are still published.
    Command::cargo_bin("incidex")
        .expect("binary")
        .arg("--root")
        .arg(dir.path())
        .args(["build", "-q"])
        .assert()
        .code(1);
    let incidents = dir.path().join("public/incidents");
    assert!(!incidents.join("same").exists());
    let pages: Vec<String> = std::fs::read_dir(&incidents)
        .expect("incidents")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("same-"))
        .collect();
    assert_eq!(pages.len(), 2, "{pages:?}");
}

#[test]
fn init_creates_a_knowledge_base_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("kb");
    incidex()
        .arg("init")
        .arg(&target)
        .args(["--base-url", "https://kb.example.com/"])
        .assert()
        .success();
    assert!(target.join("incidex.toml").is_file());
    assert!(target
        .join("content/example-database-pool-exhaustion.md")
        .is_file());
    // The example report and the configuration pass the strictest check.
    check(&target, &["--strict"]).success();
    incidex()
        .arg("init")
        .arg(&target)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn new_writes_the_template_and_prints_its_path() {
    let dir = kb(&[("incidex.toml", b"")]);
    let out = incidex()
        .current_dir(dir.path())
        .args([
            "new",
            "Cache stampede on login",
            "--service",
            "auth",
            "--tag",
            "redis",
            "--severity",
            "high",
        ])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8(out.stdout).expect("utf8");
    let path = dir.path().join(printed.trim());
    assert!(
        printed.trim().starts_with("content/")
            && printed.trim().ends_with("/cache-stampede-on-login.md"),
        "{printed}"
    );
    let shown = incidex()
        .args(["show", "--json"])
        .arg(&path)
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("json");
    assert_eq!(v["title"], "Cache stampede on login");
    assert_eq!(v["severity"], "high");
    assert_eq!(v["services"], serde_json::json!(["auth"]));
    assert_eq!(v["tags"], serde_json::json!(["redis"]));
    incidex()
        .current_dir(dir.path())
        .args(["new", "Cache stampede on login"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn usage_and_config_errors_exit_2() {
    incidex().arg("frobnicate").assert().code(2);
    incidex().args(["show"]).assert().code(2);
    let dir = kb(&[("incidex.toml", b"titel = \"typo\"\n")]);
    check(dir.path(), &[])
        .code(2)
        .stderr(predicate::str::contains("titel"));
    incidex()
        .args(["--root", "/no/such/folder", "check"])
        .assert()
        .code(2);
}

#[test]
fn every_command_has_help() {
    for cmd in ["init", "new", "show", "check", "export"] {
        incidex()
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
}

#[test]
fn config_technologies_extend_the_dictionary() {
    let dir = kb(&[
        (
            "incidex.toml",
            b"[technologies]\n\"Orbit Queue\" = [\"orbitq\"]\n",
        ),
        (
            "content/a.md",
            b"# Queue stall\n\nThe orbitq consumers stalled.\n",
        ),
    ]);
    let (_, v) = export(dir.path());
    assert!(v[0]["technologies"]
        .as_array()
        .expect("array")
        .contains(&serde_json::json!("Orbit Queue")));
}

#[test]
fn root_is_found_upward() {
    let dir = kb(&[("content/x.md", b"# X\n"), ("content/deep/y.md", b"# Y\n")]);
    let deep: &Path = &dir.path().join("content/deep");
    let out = incidex()
        .current_dir(deep)
        .arg("export")
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(2));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    let kb = common::fixture_kb("kb");
    // More output than a pipe buffers, so the writer meets the closed pipe.
    let report = std::fs::read_to_string(kb.path().join("content/2025/cache-timeouts.md"))
        .expect("read fixture");
    for i in 0..200 {
        std::fs::write(
            kb.path().join(format!("content/copy-{i}.md")),
            report.replace("title: Session", &format!("id: copy-{i}\ntitle: Session")),
        )
        .expect("write");
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_incidex"))
        .arg("--root")
        .arg(kb.path())
        .args(["search", "--json", "--limit", "1000", "redis timeout"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("read");
    // The reader is gone, as when `| head -c 16` exits.
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_folder_that_is_no_knowledge_base_is_named_and_init_suggested() {
    let empty = tempfile::tempdir().expect("temp dir");
    for command in [
        &["build"][..],
        &["check"],
        &["export"],
        &["search", "redis"],
    ] {
        incidex()
            .arg("--root")
            .arg(empty.path())
            .args(command)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("no knowledge base in"))
            .stderr(predicate::str::contains("incidex init"));
    }
    // Nothing was made there: no empty site, no index.
    assert_eq!(fs::read_dir(empty.path()).expect("read").count(), 0);
    // A folder holding only content/ is a knowledge base.
    let only_content = kb(&[("content/a.md", b"# A\n\nText.\n")]);
    incidex()
        .arg("--root")
        .arg(only_content.path())
        .arg("build")
        .assert()
        .success();
}

#[test]
fn summaries_count_in_words() {
    let dir = kb(&[
        ("incidex.toml", b"base_url = \"https://kb.example.com/\"\n"),
        (
        "content/one.md",
        b"---\ntitle: One\ndate: 2025-01-02\n---\n\n## Root Cause\n\nA bug.\n\n## Fix\n\nFixed it.\n\n## Lessons Learned\n\n- Test more.\n",
        ),
    ]);
    incidex()
        .arg("--root")
        .arg(dir.path())
        .arg("build")
        .assert()
        .success()
        .stdout(predicate::str::contains("built 1 incident, "))
        .stdout(predicate::str::contains("with 0 warnings"));
    check(dir.path(), &[])
        .success()
        .stdout(predicate::str::contains(
            "checked 1 report: 0 errors, 0 warnings",
        ));
}

#[test]
fn check_finds_a_report_left_as_the_template_wrote_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    incidex().arg("init").arg(dir.path()).assert().success();
    let out = incidex()
        .arg("--root")
        .arg(dir.path())
        .args(["new", "Disk full on the build runner"])
        .output()
        .expect("run new");
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let file = dir.path().join(&path);
    check(dir.path(), &[])
        .success()
        .stderr(
            predicate::str::is_match(
                r"disk-full-on-the-build-runner\.md:\d+:1: warning: text of the `incidex new` template left in place: .+ \(\d+ more further down\)",
            )
            .expect("regex"),
        );
    // Filled in, the warning goes.
    let written = fs::read_to_string(&file).expect("read report");
    let head = written
        .split("## Summary")
        .next()
        .unwrap_or_default()
        .to_string();
    fs::write(
        &file,
        format!(
            "{head}## Summary\n\nThe runner's disk filled with logs.\n\n## Root Cause\n\n\
             Logs were never rotated.\n\n## Fix\n\nRotate logs daily.\n\n\
             ## Lessons Learned\n\n- Alert at 80% disk.\n"
        ),
    )
    .expect("write report");
    check(dir.path(), &[])
        .success()
        .stderr(predicate::str::contains("template").not());
}

#[test]
fn check_names_impossible_dates_and_misspelt_keys_where_they_are() {
    let dir = kb(&[(
        "content/a.md",
        b"---\ntitel: Disk full\ndate: 2026-13-45\n---\n\n## Root Cause\n\nLogs were never rotated.\n",
    )]);
    check(dir.path(), &[])
        .code(1)
        .stderr(predicate::str::contains(
            "content/a.md:3:7: error: `date` is not a calendar date: 2026-13-45 (there is no month 13)",
        ))
        .stderr(predicate::str::contains(
            "content/a.md:2:1: warning: unknown front matter key `titel`: did you mean `title`?",
        ))
        // The error says it; "no date found" would only repeat it.
        .stderr(predicate::str::contains("no date found").not());
}

#[test]
fn feeds_and_sitemaps_get_absolute_urls_or_a_warning_saying_why_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Given the address, init writes it and every feed and sitemap URL is absolute.
    let published = dir.path().join("published");
    incidex()
        .arg("init")
        .arg(&published)
        .args(["--base-url", "https://kb.example.com/docs/"])
        .assert()
        .success();
    let toml = fs::read_to_string(published.join("incidex.toml")).expect("config");
    assert!(
        toml.contains("base_url = \"https://kb.example.com/docs/\""),
        "{toml}"
    );
    incidex()
        .arg("--root")
        .arg(&published)
        .arg("build")
        .assert()
        .success()
        .stderr(predicate::str::contains("base_url").not());
    let atom = fs::read_to_string(published.join("public/atom.xml")).expect("atom");
    let sitemap = fs::read_to_string(published.join("public/sitemap.xml")).expect("sitemap");
    for link in atom
        .split("href=\"")
        .skip(1)
        .chain(sitemap.split("<loc>").skip(1))
    {
        assert!(
            link.starts_with("https://kb.example.com/docs/"),
            "{link:.80}"
        );
    }
    assert!(
        atom.contains("<id>https://kb.example.com/docs/incidents/"),
        "{atom}"
    );
    // Without one (no terminal to ask on), init says what base_url is for;
    // build warns where it is set, and check --strict fails on it.
    let later = dir.path().join("later");
    incidex().arg("init").arg(&later).assert().success();
    let toml = fs::read_to_string(later.join("incidex.toml")).expect("config");
    assert!(
        toml.contains("the Atom feed and the sitemap need it"),
        "{toml}"
    );
    let line = toml
        .lines()
        .position(|l| l.starts_with("base_url"))
        .map_or(0, |n| n + 1);
    let warning = format!(
        "incidex.toml:{line}:12: warning: base_url `/` is a path, so atom.xml and sitemap.xml hold relative links"
    );
    incidex()
        .arg("--root")
        .arg(&later)
        .arg("build")
        .assert()
        .success()
        .stderr(predicate::str::contains(warning.as_str()))
        .stdout(predicate::str::contains("with 1 warning"));
    check(&later, &[]).success();
    check(&later, &["--strict"])
        .code(1)
        .stderr(predicate::str::contains(warning.as_str()));
}

#[test]
fn check_names_status_and_severity_words_it_does_not_know() {
    let dir = kb(&[
        (
            "content/fm.md",
            b"---\ntitle: Disk full\ndate: 2026-01-02\nstatus: fixed-ish\n---\n\n## Root Cause\n\nLogs.\n",
        ),
        (
            "content/body.md",
            b"# Disk full\n\n**Date**: 2026-01-02\n**Severity**: spicy\n**Status**: Parked\n\n## Root Cause\n\nLogs.\n",
        ),
    ]);
    check(dir.path(), &[])
        .success()
        .stderr(predicate::str::contains(
            "content/fm.md:4:9: warning: status `fixed-ish` is not one incidex knows, so the incident has none; write resolved, mitigated, monitoring, investigating or open",
        ))
        .stderr(predicate::str::contains(
            "content/body.md:4:1: warning: severity `spicy` is not one incidex knows",
        ))
        .stderr(predicate::str::contains(
            "content/body.md:5:1: warning: status `Parked` is not one incidex knows",
        ));
    // Never guessed: the hedged word does not make the incident resolved.
    let out = incidex()
        .args(["show", "--json"])
        .arg(dir.path().join("content/fm.md"))
        .output()
        .expect("run show");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["status"], serde_json::Value::Null, "{json}");
    assert_eq!(json["status_text"], "fixed-ish", "{json}");
}

#[test]
fn an_indented_code_block_is_not_reported_unclosed() {
    let dir = kb(&[(
        "content/a.md",
        b"# Fetch failed\n\n**Date**: 2026-01-02\n\nWe ran:\n\n    git fetch origin\n    git reset --hard\n\n## Root Cause\n\nA stale ref.\n",
    )]);
    check(dir.path(), &[])
        .success()
        .stderr(predicate::str::contains("never closed").not());
    let dir = kb(&[(
        "content/a.md",
        b"# Fetch failed\n\n**Date**: 2026-01-02\n\n```sh\ngit fetch origin\n",
    )]);
    check(dir.path(), &[])
        .success()
        .stderr(predicate::str::contains(
            "content/a.md:5:1: warning: code block is never closed",
        ));
}

#[test]
fn show_prints_the_whole_root_cause_and_fix_without_their_code() {
    let dir = kb(&[(
        "content/pool.md",
        b"# Pool exhaustion\n\n## Root Cause\n\nThe pool was opened without a limit,\nso every busy goroutine opened another connection.\n\nThe autoscaler then quadrupled the pods. Nobody had multiplied the two.\n\n## Fix\n\n**Before:**\n\n```go\ndb, _ := sql.Open(\"postgres\", dsn)\n```\n\n**After:**\n\n```go\ndb.SetMaxOpenConns(10)\n```\n\nEvery pod now opens at most ten connections.\n",
    )]);
    let out = incidex()
        .arg("show")
        .arg(dir.path().join("content/pool.md"))
        .output()
        .expect("run show");
    let text = String::from_utf8_lossy(&out.stdout);
    let root_cause = text
        .split("Root cause\n")
        .nth(1)
        .and_then(|r| r.split("\nFix\n").next())
        .unwrap_or_default();
    // Both paragraphs, the first rejoined across its line break.
    assert!(
        root_cause.contains("without a limit, so every busy goroutine"),
        "{text}"
    );
    assert!(
        root_cause.contains("Nobody had multiplied the two."),
        "{text}"
    );
    let fix = text.split("\nFix\n").nth(1).unwrap_or_default();
    assert!(
        fix.contains("Every pod now opens at most ten connections."),
        "{text}"
    );
    // The code is the changes' to show, and so are its labels.
    assert!(!fix.contains("```") && !fix.contains("Before"), "{text}");
}

#[test]
fn a_fix_that_is_only_code_leaves_no_empty_bullet() {
    let dir = kb(&[(
        "content/pool.md",
        b"# Pool exhaustion

## Root Cause

No limit.

## Fix

**Before:**

```go
open()
```

**After:**

```go
open(10)
```
",
    )]);
    let out = incidex()
        .arg("show")
        .arg(dir.path().join("content/pool.md"))
        .output()
        .expect("run show");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("\u{2022} \n"), "an empty bullet: {text}");
    assert!(text.contains("Changes\n"), "{text}");
}

#[test]
fn the_example_init_writes_reads_whole_in_show() {
    let dir = tempfile::tempdir().expect("tmp");
    let kb = dir.path().join("kb");
    incidex().arg("init").arg(&kb).arg("-q").assert().success();
    let example = kb.join("content/example-database-pool-exhaustion.md");
    let out = incidex()
        .arg("--root")
        .arg(&kb)
        .arg("show")
        .arg(&example)
        .output()
        .expect("run show");
    let text = String::from_utf8_lossy(&out.stdout);
    let fix = text.split("\nFix\n").nth(1).unwrap_or_default();
    assert!(
        fix.contains("Moved the payment call out of the transaction"),
        "{text}"
    );
    assert!(!text.contains("\u{2022} \n"), "an empty bullet: {text}");
}

#[test]
fn a_base_url_that_is_no_path_or_http_url_is_refused() {
    let dir = kb(&[("content/a.md", b"# A\n\nText.\n")]);
    for bad in [
        "javascript://%0aalert(1)//",
        "//evil.example/",
        "/kb/\"><b>",
    ] {
        for command in ["build", "serve"] {
            incidex()
                .arg("--root")
                .arg(dir.path())
                .args([command, "--base-url", bad])
                .assert()
                .code(2)
                .stderr(predicate::str::contains("--base-url"));
        }
    }
    fs::write(
        dir.path().join("incidex.toml"),
        "base_url = \"data:text/html,x\"\n",
    )
    .expect("write");
    incidex()
        .arg("--root")
        .arg(dir.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("base_url"));
    assert!(!dir.path().join("public").exists(), "nothing built");
}

#[test]
fn init_quiet_prints_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    incidex()
        .args(["-q", "init"])
        .arg(dir.path().join("kb"))
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    assert!(dir.path().join("kb/incidex.toml").is_file());
}

#[test]
fn completions_man_page_and_help_that_puts_a_commands_own_options_first() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = incidex()
            .args(["completions", shell])
            .output()
            .expect("run");
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(
            script.contains("incidex") && script.contains("base-url"),
            "{shell}: {script}"
        );
    }
    incidex().args(["completions", "tcsh"]).assert().code(2);
    let man = incidex().arg("man").output().expect("run");
    let man = String::from_utf8_lossy(&man.stdout);
    assert!(man.contains(".TH incidex 1"), "{man}");
    assert!(man.contains("build") && man.contains("search"), "{man}");
    // The pages the main page refers to (incidex-build(1), …), each with
    // its command's own options.
    let pages = tempfile::tempdir().expect("tmp");
    incidex()
        .args(["man", "--dir"])
        .arg(pages.path())
        .assert()
        .success();
    for command in [
        "build", "check", "search", "serve", "show", "export", "init", "new",
    ] {
        let page = fs::read_to_string(pages.path().join(format!("incidex-{command}.1")))
            .unwrap_or_else(|_| panic!("incidex-{command}.1"));
        assert!(
            man.contains(&format!("incidex\\-{command}(1)")),
            "the main page names it"
        );
        assert!(page.contains(".SH OPTIONS"), "{command}: {page}");
    }
    let build = fs::read_to_string(pages.path().join("incidex-build.1")).expect("page");
    assert!(build.contains("base\\-url"), "{build}");
    let help = incidex().args(["build", "--help"]).output().expect("run");
    let help = String::from_utf8_lossy(&help.stdout);
    let own = help.find("--out").expect("--out listed");
    let global = help.find("Global options").expect("global heading");
    let root = help.find("--root").expect("--root listed");
    assert!(own < global && global < root, "{help}");
}

#[test]
fn a_relative_base_url_from_the_command_line_is_blamed_on_the_flag() {
    let dir = tempfile::tempdir().expect("tmp");
    let kb = dir.path().join("kb");
    incidex()
        .arg("init")
        .arg(&kb)
        .args(["-q", "--base-url", "https://kb.example.com/"])
        .assert()
        .success();
    incidex()
        .arg("--root")
        .arg(&kb)
        .args(["build", "--base-url", "/docs/"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "--base-url: warning: base_url `/docs/` is a path",
        ))
        .stderr(predicate::str::contains("incidex.toml:").not());
}

/// `init` on a terminal asks for the address the site is published at
/// (driven through `script`, which gives it a terminal; skipped without).
#[test]
fn init_on_a_terminal_asks_for_the_address() {
    let Ok(script) = which_script() else {
        eprintln!("note: no `script` command; skipping the terminal prompt test");
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let kb = dir.path().join("kb");
    let command = format!("{} init {}", env!("CARGO_BIN_EXE_incidex"), kb.display());
    let mut child = std::process::Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("script");
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(b"https://kb.example.com/\n")
            .expect("answer");
    }
    let out = child.wait_with_output().expect("init");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("Address the site will be published at"),
        "{shown}"
    );
    let toml = fs::read_to_string(kb.join("incidex.toml")).expect("config");
    assert!(
        toml.contains("base_url = \"https://kb.example.com/\""),
        "{toml}"
    );
}

fn which_script() -> Result<&'static str, ()> {
    ["/usr/bin/script", "/bin/script"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .ok_or(())
}

#[test]
fn a_report_opening_on_a_section_is_titled_by_its_file_not_the_section() {
    let dir = kb(&[(
        "content/2021-03-04-dns-outage.md",
        b"Status: final\n\n## Summary\n\nThe site was offline for most users.\n\n## Timeline\n\n### 2021-03-04\n\n- 05:07 DNS fixed\n\n## Root Cause\n\nA record was deleted.\n",
    )]);
    let out = incidex()
        .args(["show", "--json"])
        .arg(dir.path().join("content/2021-03-04-dns-outage.md"))
        .output()
        .expect("run show");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["title"], "2021-03-04-dns-outage");
}
