//! Benchmark of the static site's search on a generated knowledge base
//! (10,000 reports by default): builds the site, serves it with a plain
//! static file server (Python's `http.server`) on loopback and runs the
//! page's script under Node against it, as a first visit would: a fresh
//! engine per query. Prints the export's size and, per query kind, the
//! bytes downloaded (script included) and the time to first results.
//! Run: `cargo bench --bench static_search` (or with `-- 1000`).
//! Needs `node` and `python3`.

mod common;

use incidex::config::Config;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// A plain static file server on a free loopback port; killed on drop.
/// Its listen backlog is raised from Python's 5: a page fetches several
/// chunks at once, and dropped connections would measure TCP's 1 s retry.
struct Server(std::process::Child, u16);

impl Server {
    fn start(dir: &Path) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let child = Command::new("python3")
            .args([
                "-c",
                "import sys, http.server as h; h.ThreadingHTTPServer.request_queue_size = 128; \
                 h.test(HandlerClass=h.SimpleHTTPRequestHandler, ServerClass=h.ThreadingHTTPServer, \
                 port=int(sys.argv[1]), bind='127.0.0.1')",
            ])
            .arg(port.to_string())
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start python3 -m http.server");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "server did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Server(child, port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("node is not installed; nothing to measure");
        return;
    }
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/static_search.js");
    for n in common::sizes_from_args() {
        let dir = tempfile::tempdir().expect("temp dir");
        common::write_reports(dir.path(), n, 42).expect("generate");
        let (report, _) = incidex::build::build(
            dir.path(),
            &Config::default(),
            &incidex::build::Options::default(),
        )
        .expect("build");
        let export = dir.path().join("public/search/index");
        let files = std::fs::read_dir(&export).expect("export").count();
        let export_time = report
            .phases
            .iter()
            .find(|(p, _)| *p == "search export")
            .map_or(0.0, |(_, d)| d.as_secs_f64());
        println!(
            "{n:>6} reports | search export {export_time:.2} s, {files} files, {:.1} MB",
            common::folder_bytes(&export) as f64 / 1e6
        );
        let server = Server::start(&dir.path().join("public"));
        let trace: String = (0..400)
            .map(|i| format!("  File \"/srv/app/module_{i}.py\", line {i}, in handler_{i}\n"))
            .collect();
        let traces = vec![format!(
            "Traceback (most recent call last):\n{trace}TimeoutError: boom"
        )];
        for (kind, queries) in [
            ("error paste", common::error_pastes(40)),
            ("keywords", common::keyword_queries(40)),
            ("10 KB trace", traces),
        ] {
            let inputs = dir.path().join("queries.json");
            std::fs::write(&inputs, serde_json::to_vec(&queries).expect("json")).expect("write");
            let out = Command::new("node")
                .arg(&harness)
                .arg(format!("http://127.0.0.1:{}/", server.1))
                .arg(&inputs)
                .output()
                .expect("run node");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let results: Vec<serde_json::Value> =
                serde_json::from_slice(&out.stdout).expect("harness JSON");
            let mut bytes: Vec<f64> = results.iter().filter_map(|r| r["bytes"].as_f64()).collect();
            let mut ms: Vec<f64> = results.iter().filter_map(|r| r["ms"].as_f64()).collect();
            bytes.sort_by(f64::total_cmp);
            ms.sort_by(f64::total_cmp);
            println!(
                "{n:>6} reports | {kind:<11}: downloaded p50 {:.0} KB, max {:.0} KB (script included) | first results p50 {:.0} ms, p99 {:.0} ms",
                percentile(&bytes, 0.5) / 1e3,
                bytes.last().copied().unwrap_or(0.0) / 1e3,
                percentile(&ms, 0.5),
                percentile(&ms, 0.99),
            );
        }
    }
}
