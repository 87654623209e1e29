//! Benchmark of `incidex serve` on a generated knowledge base: save-to-
//! reload latency (a report written → the reload event on the live-reload
//! stream) for one-report edits, and requests per second on an incident
//! page from 8 concurrent clients.
//! Run: `cargo bench --bench serve` (or with `-- 1000`).

mod common;
#[path = "../tests/common/reloads.rs"]
mod reloads;

use incidex::serve::{Options, Server};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn get(addr: SocketAddr, path: &str) -> usize {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
        addr.port()
    )
    .expect("send");
    let mut body = Vec::new();
    s.read_to_end(&mut body).expect("read");
    body.len()
}

fn main() {
    // `RUST_LOG=incidex=debug` shows where each rebuild's time goes.
    if std::env::var_os("RUST_LOG").is_some() {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_writer(std::io::stderr)
            .init();
    }
    for n in common::sizes_from_args() {
        let dir = tempfile::tempdir().expect("temp dir");
        common::write_reports(dir.path(), n, 42).expect("generate");
        let started = Instant::now();
        let server = Server::start(
            dir.path(),
            incidex::config::Config::default(),
            &Options {
                bind: "127.0.0.1".into(),
                port: 0,
                poll: false,
                drafts: false,
                base_url: None,
                report: false,
            },
        )
        .expect("serve");
        let first = started.elapsed();
        let addr = server.addr;
        let rx = reloads::reloads(addr);
        std::thread::sleep(Duration::from_millis(300));
        while rx.try_recv().is_ok() {}

        // One report edited again and again: the time from its write to the reload event.
        let report = walkdir::WalkDir::new(dir.path().join("content"))
            .into_iter()
            .filter_map(Result::ok)
            .find(|e| e.file_type().is_file())
            .expect("a report")
            .into_path();
        let original = std::fs::read_to_string(&report).expect("read");
        // Two kinds of edit: a sentence added to the root cause (the
        // report's page and JSON change), and its title (its card changes
        // on the home page and listings).
        assert!(
            original.contains("\n## Investigation\n"),
            "a generated report"
        );
        let text_edit = |i: usize| {
            original.replacen(
                "\n## Investigation\n",
                &format!("Edited {i}: the lock was held twice.\n\n## Investigation\n"),
                1,
            )
        };
        let title_edit = |i: usize| {
            if let Some(rest) = original.strip_prefix("---\ntitle: \"") {
                format!("---\ntitle: \"Retitled {i}: {rest}")
            } else if let Some(rest) = original.strip_prefix("# ") {
                format!("# Retitled {i}: {rest}")
            } else {
                panic!("the generated report has no title to edit")
            }
        };
        let measure = |edit: &dyn Fn(usize) -> String| -> Vec<f64> {
            let mut latencies = Vec::new();
            for i in 0..10 {
                let text = edit(i);
                let t = Instant::now();
                std::fs::write(&report, text).expect("write");
                match rx.recv_timeout(Duration::from_secs(120)) {
                    Ok(at) => latencies.push(at.duration_since(t).as_secs_f64() * 1000.0),
                    Err(_) => panic!("no reload after edit {i}"),
                }
                // A writer's pace: a save, a look, the next save.
                std::thread::sleep(Duration::from_millis(500));
                while rx.try_recv().is_ok() {}
            }
            latencies.sort_by(f64::total_cmp);
            latencies
        };
        let text = measure(&text_edit);
        let title = measure(&title_edit);

        let id = server
            .state
            .current()
            .snapshot
            .files
            .keys()
            .find(|k| k.starts_with("incidents/"))
            .cloned()
            .expect("an incident page");
        let page = format!("/{}", id.trim_end_matches("index.html"));
        let until = Instant::now() + Duration::from_secs(3);
        let clients: Vec<_> = (0..8)
            .map(|_| {
                let page = page.clone();
                std::thread::spawn(move || {
                    let mut count = 0u64;
                    while Instant::now() < until {
                        get(addr, &page);
                        count += 1;
                    }
                    count
                })
            })
            .collect();
        let total: u64 = clients.into_iter().map(|c| c.join().expect("client")).sum();
        let figures = |l: &[f64]| {
            format!(
                "median {:.0} ms, p90 {:.0} ms, max {:.0} ms",
                percentile(l, 0.5),
                percentile(l, 0.9),
                l.last().copied().unwrap_or(0.0)
            )
        };
        println!(
            "{n:>6} reports | first build {:.2} s | save to reload, text edit: {} | title edit: {} | {:.0} requests/s on an incident page (8 clients, new connection each)",
            first.as_secs_f64(),
            figures(&text),
            figures(&title),
            total as f64 / 3.0
        );
        server.stop();
    }
}
