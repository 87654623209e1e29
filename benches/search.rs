//! Benchmark of search on a generated knowledge base of 10,000 reports:
//! index build time and size, and in-process query latency (p50, p99) for
//! pasted error lines and short keyword queries.
//! Run: `cargo bench --bench search` (or with `-- 1000`).

mod common;

use incidex::config::Config;
use std::time::Instant;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let sizes = common::sizes_from_args();
    for n in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        common::write_reports(dir.path(), n, 42).expect("generate");
        let config = Config::default();
        let loaded = incidex::load::load(dir.path(), &config);
        let site = incidex::model::Site::new(loaded.incidents);
        let index_dir = incidex::index::index_dir(dir.path());
        common::reset_peak_rss();
        let started = Instant::now();
        incidex::index::update(&index_dir, &site.incidents).expect("index");
        let build = started.elapsed();
        let peak = common::peak_rss_mib().unwrap_or(f64::NAN);
        let size: u64 = common::folder_bytes(&index_dir);
        let searcher = incidex::index::Searcher::open(&index_dir).expect("open");
        let opts = incidex::index::Options {
            limit: 10,
            ..Default::default()
        };
        let errors = common::error_pastes(200);
        let keywords = common::keyword_queries(200);
        for (kind, queries) in [("error paste", &errors), ("keywords", &keywords)] {
            let mut times: Vec<f64> = queries
                .iter()
                .map(|q| {
                    let t = Instant::now();
                    let r = searcher.search(q, &opts).expect("search");
                    std::hint::black_box(r);
                    t.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            times.sort_by(f64::total_cmp);
            println!(
                "{n:>6} reports | index build {:.2} s, {:.0} MB, peak {:.0} MiB | {kind:<11}: p50 {:.2} ms, p99 {:.2} ms",
                build.as_secs_f64(),
                size as f64 / 1e6,
                peak,
                percentile(&times, 0.5),
                percentile(&times, 0.99)
            );
        }
    }
}
