//! `incidex serve` end to end, on port 0 in a temp knowledge base: edit,
//! create, rename and delete reports and see the reload event and the new
//! content; break a front matter and see the overlay while the old page is
//! still served; a burst of 100 files costs at most two rebuilds; clients
//! fetching during 100 rebuilds always get a complete page.

use incidex::serve::{Options, Server};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod common;
#[path = "common/reloads.rs"]
mod reloads;

fn start(kb: &Path) -> Server {
    let config = incidex::config::Config::load(kb).expect("config");
    Server::start(
        kb,
        config,
        &Options {
            bind: "127.0.0.1".into(),
            port: 0,
            poll: false,
            drafts: false,
            base_url: None,
            report: false,
        },
    )
    .expect("serve")
}

/// A GET over a fresh connection: status and body.
fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
        addr.port()
    )
    .expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw).to_string();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn wait_event(rx: &mpsc::Receiver<Instant>, what: &str) {
    match rx.recv_timeout(Duration::from_secs(10)) {
        Ok(_) => {}
        Err(_) => panic!("no reload event after {what}"),
    }
}

/// Waits until the server publishes a build after `generation`.
fn wait_rebuild(server: &Server, generation: u64, what: &str) {
    let started = Instant::now();
    while server.state.current().generation == generation {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{what}: no rebuild"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Waits until `check` holds for the page at `path`.
fn wait_page(addr: SocketAddr, path: &str, what: &str, check: impl Fn(u16, &str) -> bool) {
    let started = Instant::now();
    loop {
        let (status, body) = get(addr, path);
        if check(status, &body) {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{what}: {path} answered {status}: {:.300}",
            body
        );
        std::thread::sleep(Duration::from_millis(30));
    }
}

const REPORT: &str = "---\ntitle: \"TITLE\"\ndate: 2026-02-02\nstatus: resolved\n---\n\n## Summary\n\nThe queue stalled.\n\n## Errors\n\n```text\nERROR: queue consumer stalled after 30s\n```\n\n## Root Cause\n\nA lock was held.\n\n## Fix\n\nRelease it.\n";

#[test]
fn edit_create_rename_delete_and_a_broken_front_matter() {
    let kb = common::fixture_kb("kb");
    let server = start(kb.path());
    let addr = server.addr;
    let (status, home) = get(addr, "/");
    assert_eq!(status, 200);
    assert!(
        home.contains("__incidex/live.js"),
        "live reload script injected"
    );
    let rx = reloads::reloads(addr);
    std::thread::sleep(Duration::from_millis(200));

    let content = kb.path().join("content");
    let new = content.join("queue-stall.md");
    std::fs::write(&new, REPORT.replace("TITLE", "Queue stall")).expect("write");
    wait_event(&rx, "creating a report");
    wait_page(addr, "/incidents/queue-stall/", "created", |s, b| {
        s == 200 && b.contains("Queue stall")
    });

    std::fs::write(&new, REPORT.replace("TITLE", "Queue stall, edited")).expect("write");
    wait_event(&rx, "editing a report");
    wait_page(addr, "/incidents/queue-stall/", "edited", |s, b| {
        s == 200 && b.contains("Queue stall, edited")
    });

    // vim-style save: write a temp file, rename it over the report.
    let tmp = content.join("4913");
    std::fs::write(&tmp, REPORT.replace("TITLE", "Queue stall, atomic save")).expect("write");
    std::fs::rename(&tmp, &new).expect("rename over");
    wait_page(addr, "/incidents/queue-stall/", "atomic save", |s, b| {
        s == 200 && b.contains("Queue stall, atomic save")
    });

    let renamed = content.join("queue-stall-renamed.md");
    std::fs::rename(&new, &renamed).expect("rename");
    wait_page(
        addr,
        "/incidents/queue-stall-renamed/",
        "renamed",
        |s, _| s == 200,
    );
    wait_page(addr, "/incidents/queue-stall/", "old name gone", |s, _| {
        s == 404
    });

    // A broken front matter: the last good page stays, with the overlay.
    std::fs::write(&renamed, "---\ntitle: [unclosed\n---\n\nbody\n").expect("write");
    wait_page(
        addr,
        "/incidents/queue-stall-renamed/",
        "overlay",
        |s, b| s == 200 && b.contains("incidex-overlay") && b.contains("Queue stall, atomic save"),
    );
    let (_, page) = get(addr, "/");
    assert!(
        page.contains("queue-stall-renamed.md"),
        "the overlay names the file"
    );
    std::fs::write(
        &renamed,
        REPORT.replace("TITLE", "Queue stall, fixed by the zebrafinch patch"),
    )
    .expect("write");
    wait_page(addr, "/incidents/queue-stall-renamed/", "fixed", |s, b| {
        s == 200 && b.contains("Queue stall, fixed") && !b.contains("incidex-overlay")
    });
    // The JSON API has the edit, whole and valid.
    let (status, api) = get(addr, "/api/incidents.json");
    assert_eq!(status, 200);
    let api: serde_json::Value = serde_json::from_str(&api).expect("the API is JSON");
    assert!(
        api.as_array().is_some_and(|a| a.iter().any(|i| i["title"]
            .as_str()
            .is_some_and(|t| t.contains("zebrafinch")))),
        "the API lists the edited report"
    );
    // The live index follows edits (it is updated just after the reload).
    wait_page(
        addr,
        "/api/search?q=zebrafinch",
        "the edit searchable",
        |s, b| s == 200 && b.contains("queue-stall-renamed"),
    );

    std::fs::remove_file(&renamed).expect("delete");
    wait_page(
        addr,
        "/incidents/queue-stall-renamed/",
        "deleted",
        |s, _| s == 404,
    );

    // The static search page's files follow each build.
    wait_page(addr, "/search/index/meta.json", "search export", |s, _| {
        s == 200
    });
    // The search API answers from the live index.
    let (status, body) = get(addr, "/api/search?q=redis%20timeout");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"hits\""), "{body}");
    server.stop();
    assert!(
        kb.path().join("content").is_dir() && !kb.path().join("public").exists(),
        "serve writes no site to disk and deletes nothing"
    );
}

#[test]
fn the_feed_and_the_sitemap_are_absolute_at_the_address_served() {
    let kb = common::fixture_kb("kb");
    let server = start(kb.path());
    let origin = format!("http://{}/", server.addr);
    let (status, atom) = get(server.addr, "/atom.xml");
    assert_eq!(status, 200);
    assert!(atom.contains(&format!("<id>{origin}</id>")), "{atom}");
    assert!(atom.contains(&format!("<id>{origin}incidents/")), "{atom}");
    let (_, sitemap) = get(server.addr, "/sitemap.xml");
    for loc in sitemap.split("<loc>").skip(1) {
        assert!(loc.starts_with(&origin), "{loc:.80}");
    }
    // Pages keep their links relative: the site works at any address.
    let (_, home) = get(server.addr, "/");
    assert!(!home.contains(&origin), "absolute link in the home page");
}

#[test]
fn a_burst_of_files_costs_at_most_two_rebuilds() {
    let kb = common::fixture_kb("kb");
    let server = start(kb.path());
    let before = server.state.current().generation;
    let dir = kb.path().join("content").join("burst");
    std::fs::create_dir_all(&dir).expect("mkdir");
    for i in 0..100 {
        std::fs::write(
            dir.join(format!("r{i}.md")),
            REPORT.replace("TITLE", &format!("Burst {i}")),
        )
        .expect("write");
    }
    wait_page(
        server.addr,
        "/incidents/r99/",
        "the burst is built",
        |s, _| s == 200,
    );
    // Let any trailing batch land before counting.
    std::thread::sleep(Duration::from_millis(500));
    let rebuilds = server.state.current().generation - before;
    assert!(
        (1..=2).contains(&rebuilds),
        "{rebuilds} rebuilds for 100 files"
    );
    // All of the burst is in: its first report and the home page's count.
    let (status, _) = get(server.addr, "/incidents/r0/");
    assert_eq!(status, 200);
    let (_, home) = get(server.addr, "/");
    assert!(home.contains("103 postmortems"), "{home}");
}

#[test]
fn clients_see_only_complete_pages_while_the_site_rebuilds() {
    let kb = common::fixture_kb("kb");
    let server = start(kb.path());
    let addr = server.addr;
    let report = kb.path().join("content").join("churn.md");
    std::fs::write(&report, REPORT.replace("TITLE", "Churn 0")).expect("write");
    wait_page(addr, "/incidents/churn/", "first build", |s, _| s == 200);

    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let pages = [
        "/",
        "/incidents/churn/",
        "/incidents/cache-timeouts/",
        "/technologies/",
        "/lessons/",
        "/assets/incidex.css",
    ];
    let clients: Vec<_> = (0..32)
        .map(|c| {
            let stop = std::sync::Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut seen = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let path = pages[(c + seen) % pages.len()];
                    let (status, body) = get(addr, path);
                    assert_eq!(status, 200, "{path} during rebuilds");
                    if path.ends_with('/') {
                        assert!(
                            body.trim_end().ends_with("</html>"),
                            "{path}: incomplete page"
                        );
                    }
                    seen += 1;
                }
                seen
            })
        })
        .collect();
    let start_gen = server.state.current().generation;
    for n in 1..=100 {
        let g = server.state.current().generation;
        std::fs::write(&report, REPORT.replace("TITLE", &format!("Churn {n}"))).expect("write");
        wait_rebuild(&server, g, &format!("edit {n}"));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let fetched: usize = clients.into_iter().map(|c| c.join().expect("client")).sum();
    assert!(server.state.current().generation - start_gen >= 100);
    assert!(fetched > 100, "clients fetched {fetched} pages");
}

/// Replaces `from` by `to` in the report at `path` (under `content`).
fn edit(content: &Path, path: &str, from: &str, to: &str) {
    let path = content.join(path);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(&path, text.replace(from, to)).expect("write");
}

#[test]
fn rebuilding_only_what_changed_gives_the_site_a_full_build_gives() {
    same_as_a_full_build("");
}

/// With one card a page, every listing runs over pages: an edit moves
/// cards between them, adds pages and removes them.
#[test]
fn rebuilding_paginated_listings_gives_the_site_a_full_build_gives() {
    same_as_a_full_build("paginate = 1\n");
}

fn same_as_a_full_build(config: &str) {
    let kb = common::fixture_kb("kb");
    if !config.is_empty() {
        std::fs::write(kb.path().join("incidex.toml"), config).expect("config");
    }
    let server = start(kb.path());
    let content = kb.path().join("content");
    let edits: Vec<Box<dyn Fn()>> = vec![
        // A new report that shares an error with cache-timeouts and names Kafka.
        Box::new(|| {
            let text = REPORT
                .replace("TITLE", "Kafka consumers time out")
                .replace(
                    "ERROR: queue consumer stalled after 30s",
                    "redis.exceptions.TimeoutError: Timeout reading from socket\nKafka consumer lag grew",
                );
            std::fs::write(content.join("kafka.md"), text).expect("write");
        }),
        // Another report's title, services and tags change.
        Box::new(|| {
            let path = content.join("2025/cache-timeouts.md");
            let text = std::fs::read_to_string(&path).expect("read");
            let text = text
                .replace(
                    "Session cache timeouts during the spring sale",
                    "Session store timeouts",
                )
                .replace(
                    "services: [session-store]",
                    "services: [session-store, login]",
                )
                .replace("tags: [capacity]", "tags: [capacity, redis]");
            std::fs::write(&path, text).expect("write");
        }),
        // Words of the text alone: only the report's page changes.
        Box::new(|| {
            edit(
                &content,
                "2025/cache-timeouts.md",
                "thousands of open connections",
                "thousands of open connections, all waiting",
            )
        }),
        // The title alone: its card changes wherever it is listed.
        Box::new(|| {
            edit(
                &content,
                "2025/cache-timeouts.md",
                "title: Session store timeouts",
                "title: Session store slowdowns",
            )
        }),
        // A lesson added.
        Box::new(|| {
            edit(
                &content,
                "2025/cache-timeouts.md",
                "- Size connection pools explicitly.",
                "- Size connection pools explicitly.\n- Alert on client timeouts.",
            )
        }),
        // Old addresses: a redirect page appears, moves, and goes.
        Box::new(|| {
            edit(
                &content,
                "2025/cache-timeouts.md",
                "tags: [capacity, redis]",
                "tags: [capacity, redis]\naliases: [/old/cache.html]",
            )
        }),
        Box::new(|| {
            edit(
                &content,
                "2025/cache-timeouts.md",
                "aliases: [/old/cache.html]",
                "aliases: [/old/sessions/]",
            )
        }),
        Box::new(|| {
            edit(
                &content,
                "2025/cache-timeouts.md",
                "aliases: [/old/sessions/]\n",
                "",
            )
        }),
        // A tag's only report drops it, then takes it back: its page goes and
        // returns the same as before.
        Box::new(|| {
            edit(
                &content,
                "2025/cache-timeouts.md",
                "tags: [capacity, redis]",
                "tags: [redis]",
            )
        }),
        Box::new(|| {
            edit(
                &content,
                "2025/cache-timeouts.md",
                "tags: [redis]",
                "tags: [capacity, redis]",
            )
        }),
        // A report removed, put back as it was (its pages return the same
        // as before they went), and removed again.
        Box::new(|| {
            std::fs::rename(content.join("2025/dns.md"), kb.path().join("dns.md"))
                .expect("move out")
        }),
        Box::new(|| {
            std::fs::rename(kb.path().join("dns.md"), content.join("2025/dns.md"))
                .expect("move back")
        }),
        Box::new(|| std::fs::remove_file(content.join("2025/dns.md")).expect("delete")),
    ];
    // After each edit, not only the last: a later full re-render must not
    // hide a page an earlier one left stale.
    for (n, edit) in edits.iter().enumerate() {
        let g = server.state.current().generation;
        edit();
        wait_rebuild(&server, g, "edit");
        let served = server.state.current().snapshot.clone();
        let mut config = incidex::config::Config::load(kb.path()).expect("config");
        // As served: the feed and the sitemap are absolute at its address.
        config.origin = Some(format!("http://{}", server.addr));
        let loaded = incidex::load::load(kb.path(), &config);
        let site = incidex::model::Site::new(loaded.incidents);
        let full = incidex::render::render(&site, &config, kb.path(), &|| {}).expect("render");
        let pages = |s: &incidex::output::Snapshot| -> Vec<String> {
            s.paths()
                .into_iter()
                .filter(|p| !p.starts_with("search/index/"))
                .map(str::to_string)
                .collect()
        };
        assert_eq!(pages(&served), pages(&full), "edit {n}: the same files");
        for path in pages(&full) {
            assert!(
                served.get(&path) == full.get(&path),
                "edit {n}: {path} differs from a full build"
            );
        }
    }
    server.stop();
}

/// `incidex serve` as a process, with `args`: the child, and its stdout
/// and stderr lines as they come.
fn serve_process(kb: &Path, args: &[&str]) -> (std::process::Child, mpsc::Receiver<String>) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_incidex"))
        .arg("--root")
        .arg(kb)
        .arg("serve")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start incidex serve");
    let (tx, rx) = mpsc::channel::<String>();
    let out = child.stdout.take().expect("stdout");
    let err = child.stderr.take().expect("stderr");
    for pipe in [Box::new(out) as Box<dyn Read + Send>, Box::new(err)] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
    }
    (child, rx)
}

/// Waits for a line `want` accepts, keeping every line in `seen`.
fn wait_line(
    rx: &mpsc::Receiver<String>,
    seen: &mut Vec<String>,
    want: &dyn Fn(&str) -> bool,
    what: &str,
) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(100)) {
            seen.push(line.clone());
            if want(&line) {
                return;
            }
        }
    }
    panic!("no line for {what}; output so far: {seen:#?}");
}

/// The terminal of `incidex serve` as a person sees it: each rebuild a
/// line, a broken report's error with its place, a line when it is fixed,
/// and no colour codes when stderr is not a terminal.
#[test]
fn the_terminal_says_what_each_rebuild_did() {
    let kb = common::fixture_kb("kb");
    let (mut child, rx) = serve_process(kb.path(), &["--port", "0"]);
    let mut seen: Vec<String> = Vec::new();
    // The build line goes to stderr and the address (printed once the
    // watcher is in place) to stdout: two pipes, read in either order.
    let built = |l: &str| l.starts_with("built ") && l.contains(" incidents in ");
    let address = |l: &str| l.starts_with("serving http://");
    wait_line(&rx, &mut seen, &built, "the first build");
    if !seen.iter().any(|l| address(l)) {
        wait_line(&rx, &mut seen, &address, "the address");
    }
    let mut wait_for =
        |want: &dyn Fn(&str) -> bool, what: &str| wait_line(&rx, &mut seen, want, what);
    let content = kb.path().join("content");
    let report = content.join("2025/dns.md");
    let text = std::fs::read_to_string(&report).expect("read report");
    std::fs::write(&report, format!("{text}\nOne more line.\n")).expect("edit");
    wait_for(
        &|l| l.starts_with("rebuilt ") && l.contains(" in "),
        "the edit",
    );
    std::fs::write(content.join("broken.md"), "---\ntitle: [oops\n---\nText\n").expect("write");
    wait_for(
        &|l| l.starts_with("content/broken.md:3:1: error: invalid front matter"),
        "the broken report",
    );
    std::fs::remove_file(content.join("broken.md")).expect("remove");
    wait_for(&|l| l == "fixed: the site builds again", "the fix");
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        seen.iter().all(|l| !l.contains('\u{1b}')),
        "colour codes in a pipe: {seen:#?}"
    );
}

#[test]
fn listening_everywhere_prints_an_address_a_browser_opens_and_a_warning() {
    let kb = common::fixture_kb("kb");
    let (mut child, rx) = serve_process(kb.path(), &["--bind", "0.0.0.0", "--port", "0"]);
    let mut seen: Vec<String> = Vec::new();
    // Two pipes: the lines may come in either order.
    let warning = |l: &str| l.starts_with("warning: listening on every network interface");
    let address = |l: &str| l.starts_with("serving http://127.0.0.1:");
    if !seen.iter().any(|l| warning(l)) {
        wait_line(&rx, &mut seen, &warning, "the warning");
    }
    if !seen.iter().any(|l| address(l)) {
        wait_line(&rx, &mut seen, &address, "the address");
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        !seen.iter().any(|l| l.contains("http://0.0.0.0")),
        "{seen:#?}"
    );
    // The warning names the address other machines open: this machine's
    // on its route out (the placeholder only where there is no route).
    let line = seen.iter().find(|l| warning(l)).expect("warning");
    let url = line
        .split("open http://")
        .nth(1)
        .expect("an address to open");
    let host = url
        .split(['/', ']'])
        .next()
        .unwrap_or("")
        .trim_start_matches('[');
    let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
    let routed = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").map(|_| s))
        .is_ok();
    if routed {
        let ip: std::net::IpAddr = host.parse().unwrap_or_else(|_| panic!("{line}"));
        assert!(!ip.is_unspecified() && !ip.is_loopback(), "{line}");
    }
}
