//! Benchmark of a whole site build from scratch (read, extract, model,
//! index, render, write, search export) on generated knowledge bases of
//! 1,000 and 10,000 reports, from both generators: this repository's
//! (`benches/common/generate.rs`) and `../shared/tools/gen_corpus.py`,
//! which writes longer reports naming more technologies. Prints the time of
//! each phase, the peak memory, the output's size and its largest page.
//! Run: `cargo bench --bench build` (or with `-- 1000`, `-- 100000`, and
//! `--generator incidex` or `--generator shared` for one of them).

mod common;

use incidex::config::Config;
use std::path::{Path, PathBuf};

/// The shared generator, beside the repository.
fn shared_generator() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/gen_corpus.py")
}

/// Writes `n` reports with `generator` into `dir`; the config that reads them.
fn generate(generator: &str, dir: &Path, n: usize) -> Option<(u64, Config)> {
    match generator {
        "incidex" => {
            let bytes = common::write_reports(dir, n, 42).expect("generate");
            Some((bytes, Config::default()))
        }
        _ => {
            let script = shared_generator();
            if !script.is_file() {
                println!("(no {}: shared generator skipped)", script.display());
                return None;
            }
            let status = std::process::Command::new("python3")
                .arg(&script)
                .args(["--n", &n.to_string(), "--seed", "42", "--out"])
                .arg(dir)
                .stdout(std::process::Stdio::null())
                .status()
                .expect("python3");
            assert!(status.success(), "gen_corpus.py failed");
            let config = Config {
                content_dir: "incidents".into(),
                ..Config::default()
            };
            Some((common::folder_bytes(&dir.join("incidents")), config))
        }
    }
}

/// The largest HTML page under `out`: (path, bytes).
fn largest_page(out: &Path) -> (String, u64) {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| {
            let len = e.metadata().ok()?.len();
            let rel = e.path().strip_prefix(out).ok()?.display().to_string();
            Some((rel, len))
        })
        .max_by_key(|(_, len)| *len)
        .unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let generators: Vec<&str> = match args
        .iter()
        .position(|a| a == "--generator")
        .and_then(|i| args.get(i + 1))
    {
        Some(g) => vec![g.as_str()],
        None => vec!["incidex", "shared"],
    };
    let sizes = common::sizes_from_args();
    println!("threads: {}", rayon::current_num_threads());
    // Every run's folder is removed at the end, not before the next run:
    // on ext4 without a journal (this machine's disk), a new file's inode
    // is never one freed in the last minute or more, and finding a free one
    // walks past every inode just freed. Removing a 10,000-report site
    // before building the next made that build's writes up to 5 s slower.
    let mut done: Vec<tempfile::TempDir> = Vec::new();
    for generator in generators {
        for &n in &sizes {
            let dir = tempfile::tempdir().expect("temp dir");
            let Some((bytes, config)) = generate(generator, dir.path(), n) else {
                continue;
            };
            common::reset_peak_rss();
            let opts = incidex::build::Options::default();
            let (report, _) = incidex::build::build(dir.path(), &config, &opts).expect("build");
            let peak = common::peak_rss_mib().unwrap_or(f64::NAN);
            let out = dir.path().join("public");
            let out_bytes = common::folder_bytes(&out);
            let (page, page_bytes) = largest_page(&out);
            let phases: Vec<String> = report
                .phases
                .iter()
                .map(|(p, d)| format!("{p} {:.2}s", d.as_secs_f64()))
                .collect();
            println!(
                "{generator:>7} {n:>6} reports ({:.1} MB in): total {:>6.2} s, peak {:>6.0} MiB | {} | {} files, {:.0} MB out, largest page {page} {:.0} KB",
                bytes as f64 / 1e6,
                report.total.as_secs_f64(),
                peak,
                phases.join(", "),
                report.files,
                out_bytes as f64 / 1e6,
                page_bytes as f64 / 1024.0,
            );
            done.push(dir);
        }
    }
}
