//! Benchmark of a whole site build from scratch (read, extract, model,
//! render, write) on generated knowledge bases of 1,000 and 10,000
//! reports. Prints the time of each phase and the peak memory.
//! Run: `cargo bench --bench build` (or with `-- 1000`).

mod common;

use incidex::config::Config;

fn main() {
    let sizes = common::sizes_from_args();
    println!("threads: {}", rayon::current_num_threads());
    for n in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let bytes = common::write_reports(dir.path(), n, 42).expect("generate");
        common::reset_peak_rss();
        let opts = incidex::build::Options::default();
        let (report, _) =
            incidex::build::build(dir.path(), &Config::default(), &opts).expect("build");
        let peak = common::peak_rss_mib().unwrap_or(f64::NAN);
        let out_bytes = common::folder_bytes(&dir.path().join("public"));
        let phases: Vec<String> = report
            .phases
            .iter()
            .map(|(p, d)| format!("{p} {:.2}s", d.as_secs_f64()))
            .collect();
        println!(
            "{n:>6} reports ({:.1} MB in): total {:>6.2} s, peak {:>6.0} MiB | {} | {} files, {:.0} MB out",
            bytes as f64 / 1e6,
            report.total.as_secs_f64(),
            peak,
            phases.join(", "),
            report.files,
            out_bytes as f64 / 1e6,
        );
    }
}
