//! Benchmark of the read + extract stage: generated knowledge bases of
//! 1,000 and 10,000 reports (~8 KB, 3–5 code blocks each), read, decoded
//! and extracted in parallel, beside plain pulldown-cmark parsing of the
//! same files on the same threads for scale. Prints reports/second and
//! peak memory. Run: `cargo bench --bench extract` (or with `-- 1000`).

mod common;

use incidex::config::Config;
use rayon::prelude::*;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--keep DIR`: generate into DIR and keep it (for profiling `incidex check`).
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1))
        .cloned();
    println!("threads: {}", rayon::current_num_threads());
    // `--dir DIR`: real reports instead (a folder of Markdown, e.g.
    // `../shared/corpus2`), read and extracted 20 times over for a stable
    // figure, per report and per byte.
    if let Some(dir) = args
        .iter()
        .position(|a| a == "--dir")
        .and_then(|i| args.get(i + 1))
    {
        real_reports(std::path::Path::new(dir));
        return;
    }
    let sizes = common::sizes_from_args();
    for n in sizes {
        let tmp = tempfile::tempdir().expect("temp dir");
        let path = keep.as_ref().map_or(tmp.path().to_path_buf(), |k| {
            std::path::PathBuf::from(format!("{k}-{n}"))
        });
        let bytes = common::write_reports(&path, n, 42).expect("generate");
        let dir = path.as_path();
        let config = Config::default();

        // Baseline: read every file and run pulldown-cmark over it, nothing else.
        let files = incidex::source::discover(&dir.join("content"), &config);
        let started = Instant::now();
        let events: usize = files
            .par_iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).unwrap_or_default();
                pulldown_cmark::Parser::new_ext(&text, incidex::extract::markdown::options())
                    .count()
            })
            .sum();
        let parse = started.elapsed();

        common::reset_peak_rss();
        let (user0, sys0) = common::cpu_seconds();
        let started = Instant::now();
        let loaded = incidex::load::load(dir, &config);
        let extract = started.elapsed();
        let (user1, sys1) = common::cpu_seconds();
        let peak = common::peak_rss_mib().unwrap_or(f64::NAN);

        assert_eq!(loaded.incidents.len(), n);
        let changes: usize = loaded.incidents.iter().map(|i| i.changes.len()).sum();
        let errors: usize = loaded.incidents.iter().map(|i| i.errors.len()).sum();
        println!(
            "{n:>6} reports ({:.1} MB): read+extract {:>7.3} s = {:>7.0} reports/s, peak {:>6.1} MiB | \
             CPU user {:.2} s, system {:.2} s | \
             plain pulldown-cmark {:.3} s ({events} events) | ratio {:.2}x | {changes} changes, {errors} errors found",
            bytes as f64 / 1e6,
            extract.as_secs_f64(),
            n as f64 / extract.as_secs_f64(),
            peak,
            user1 - user0,
            sys1 - sys0,
            parse.as_secs_f64(),
            extract.as_secs_f64() / parse.as_secs_f64(),
        );
    }
}

fn real_reports(dir: &std::path::Path) {
    let config = Config::default();
    let files = incidex::source::discover(dir, &config);
    let bytes: u64 = files
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let Some(first) = files.first() else {
        eprintln!(
            "no reports under {} (symbolic links are not followed)",
            dir.display()
        );
        std::process::exit(2);
    };
    // Once untimed: the rule tables are built on first use.
    let _ = incidex::load::load_file(first, dir, &config);
    const ROUNDS: usize = 20;
    let started = Instant::now();
    for _ in 0..ROUNDS {
        let n: usize = files
            .par_iter()
            .filter_map(|p| incidex::load::load_file(p, dir, &config).ok())
            .count();
        assert_eq!(n, files.len());
    }
    let secs = started.elapsed().as_secs_f64() / ROUNDS as f64;
    let threads = rayon::current_num_threads() as f64;
    println!(
        "{} reports ({:.2} MB) from {}: read+extract {:.1} ms = {:.0} reports/s, {:.0} ns/byte of CPU",
        files.len(),
        bytes as f64 / 1e6,
        dir.display(),
        secs * 1e3,
        files.len() as f64 / secs,
        secs * threads * 1e9 / bytes as f64,
    );
}
