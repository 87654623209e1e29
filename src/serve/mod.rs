//! `incidex serve`: builds the site into memory, serves it, watches the
//! knowledge base and rebuilds what changed, publishing each complete build
//! with one swap and telling open pages to reload. The server only
//! orchestrates: reading, rendering and indexing are the pipeline's.

pub mod rebuild;
pub mod router;
pub mod state;
pub mod watch;

use anyhow::{bail, Context, Result};
use notify_debouncer_full::notify::{self, RecursiveMode};
use notify_debouncer_full::DebounceEventResult;
use rebuild::Engine;
use state::State;
use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::Duration;
use watch::{Change, Watched};

#[derive(Debug, Clone)]
pub struct Options {
    pub bind: String,
    pub port: u16,
    /// Poll the file system instead of waiting for its events.
    pub poll: bool,
    pub drafts: bool,
    pub base_url: Option<String>,
    /// Print a line per rebuild, and each error of a broken report, to
    /// stderr (the command line; tests and benches keep quiet).
    pub report: bool,
}

/// How long the watcher waits for a burst of events to end: short enough
/// to feel instant, long enough that a save's several events and a
/// checkout of many files arrive as one batch.
const DEBOUNCE: Duration = Duration::from_millis(15);
const POLL_INTERVAL: Duration = Duration::from_millis(300);
/// How long edits must pause before the static search files are made.
const EXPORT_AFTER: Duration = Duration::from_millis(400);
/// How long the worker waits for more batches before rebuilding.
const SETTLE: Duration = Duration::from_millis(10);

/// The path part of a base URL, with slashes around: `/`, `/kb/`.
pub fn base_path(base_url: &str) -> String {
    let rest = match base_url.split_once("://") {
        Some((_, after)) => after.find('/').map_or("/", |i| &after[i..]),
        None => base_url,
    };
    let trimmed = rest.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

/// Host header names a browser sends for this address besides IP
/// literals (which the router always accepts): anything else is another
/// site's name pointed at us (DNS rebinding).
pub fn allowed_hosts(bind: IpAddr, port: u16) -> Vec<String> {
    let mut hosts = vec![match bind {
        IpAddr::V4(a) => format!("{a}:{port}"),
        IpAddr::V6(a) => format!("[{a}]:{port}"),
    }];
    if bind.is_loopback() || bind.is_unspecified() {
        hosts.push(format!("localhost:{port}"));
    }
    hosts
}

/// A running server: its address and the worker that keeps it current.
pub struct Server {
    pub addr: SocketAddr,
    pub state: Arc<State>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    _watcher: Box<dyn std::any::Any + Send>,
}

impl Server {
    /// Builds the site, binds, starts watching and serving (on its own
    /// threads); returns once the first build is served.
    pub fn start(root: &Path, mut config: crate::config::Config, opts: &Options) -> Result<Server> {
        let root = root
            .canonicalize()
            .with_context(|| format!("cannot open {}", root.display()))?;
        let ip: IpAddr = opts
            .bind
            .parse()
            .with_context(|| format!("--bind {}: not an IP address", opts.bind))?;
        let std_listener = match std::net::TcpListener::bind((ip, opts.port)) {
            Ok(l) => l,
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => bail!(
                "port {} is already in use on {}; stop the other server or pass --port N",
                opts.port,
                opts.bind
            ),
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("cannot listen on {}:{}", opts.bind, opts.port))
            }
        };
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;

        let base_url = opts
            .base_url
            .clone()
            .unwrap_or_else(|| config.base_url.clone());
        let hosts = allowed_hosts(ip, addr.port());
        let state = Arc::new(State::new(base_path(&base_url), hosts));
        // The feed and the sitemap need absolute URLs: with a path for a
        // base, they are made from the address served.
        config.origin = Some(format!("http://{}", browsable(addr)));

        let mut engine = Engine::new(&root, config.clone(), opts.base_url.clone(), opts.drafts);
        let all: BTreeSet<PathBuf> = BTreeSet::new();
        let built = engine.build(&all)?;
        // The first index is made before serving, so the search API answers
        // from the start; later updates happen after each reload.
        if let Some((dir, site)) = engine.export_job() {
            if let Err(e) = refresh_index(&state, &dir, &site) {
                tracing::warn!("search index not updated: {e:#}");
            }
        }
        let report = opts.report;
        let line = format!(
            "built {} in {:.0} ms",
            crate::plural::count(built.incidents, "incident"),
            built.took.as_secs_f64() * 1000.0
        );
        let broken = !built.errors.is_empty();
        if report {
            for d in &built.errors {
                eprintln!("{d}");
            }
            eprintln!("{line}");
        }
        tracing::info!("{line}");
        let generation = state.publish_with(built.snapshot, built.errors);
        let exports = exporter(Arc::clone(&state));
        if let Some(job) = engine.export_job() {
            let _ = exports.send((generation, job));
        }

        let (tx, rx) = mpsc::channel::<BTreeSet<Change>>();
        let watched = Watched::new(&root, engine.config());
        let watcher = watch_paths(&root, &watched, opts.poll, tx)?;

        let worker_state = Arc::clone(&state);
        let (shutdown, shutdown_rx) = tokio::sync::oneshot::channel::<()>();
        let app = router::router(Arc::clone(&state));
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .context("cannot start the server runtime")?;
        let thread = std::thread::spawn(move || {
            let server = std::thread::spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(std_listener) else {
                        tracing::error!("cannot serve on the bound socket");
                        return;
                    };
                    let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                        let _ = shutdown_rx.await;
                    });
                    if let Err(e) = serve.await {
                        tracing::error!("server stopped: {e}");
                    }
                });
            });
            worker(engine, &worker_state, rx, exports, report, broken);
            let _ = server.join();
        });
        Ok(Server {
            addr,
            state,
            shutdown: Some(shutdown),
            thread: Some(thread),
            _watcher: watcher,
        })
    }

    /// Stops serving and watching. Deletes nothing.
    pub fn stop(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        // Live-reload streams end first, or a graceful shutdown waits on them.
        self.state.close();
        if let Some(s) = self.shutdown.take() {
            let _ = s.send(());
        }
        // Dropping the watcher closes the change channel, which ends the worker.
        self._watcher = Box::new(());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.halt();
    }
}

/// One rebuild at a time; changes that arrive meanwhile are merged into
/// the next one, so a burst of saves costs one or two rebuilds. The static
/// search export is made on its own thread after the pages are published.
fn worker(
    mut engine: Engine,
    state: &Arc<State>,
    rx: mpsc::Receiver<BTreeSet<Change>>,
    exports: mpsc::Sender<ExportJob>,
    report: bool,
    // Whether the last build had errors: the next good one says so.
    mut broken: bool,
) {
    loop {
        let Ok(mut changes) = rx.recv() else {
            return;
        };
        // The debouncer hands over files as each settles: a checkout of
        // many files arrives as batches a few milliseconds apart, which
        // are one change until a short quiet gap.
        while let Ok(more) = rx.recv_timeout(SETTLE) {
            changes.extend(more);
        }
        if changes.contains(&Change::Config) {
            changes.retain(|c| *c == Change::Config);
        }
        let touched = engine.apply(&changes);
        match engine.build(&touched) {
            Ok(built) if built.failed => {
                if report {
                    for d in &built.errors {
                        eprintln!("{d}");
                    }
                    eprintln!("rebuild has errors; still serving the last good site");
                }
                tracing::info!("rebuild has errors; still serving the last good site");
                broken = true;
                state.fail(built.errors);
            }
            Ok(built) => {
                let what = match built.pages {
                    Some(n) => crate::plural::count(n, "page"),
                    None => format!(
                        "the whole site ({})",
                        crate::plural::count(built.incidents, "incident")
                    ),
                };
                let line = format!(
                    "rebuilt {what} in {:.0} ms",
                    built.took.as_secs_f64() * 1000.0
                );
                if report {
                    if broken {
                        eprintln!("fixed: the site builds again");
                    }
                    eprintln!("{line}");
                }
                broken = false;
                tracing::info!("{line}");
                let generation = state.publish_with(built.snapshot, built.errors);
                if let Some(job) = engine.export_job() {
                    let _ = exports.send((generation, job));
                }
            }
            Err(e) => {
                if report {
                    eprintln!("error: rebuild failed: {e:#}");
                }
                broken = true;
                tracing::info!("rebuild failed: {e:#}");
                state.fail(vec![crate::diagnostic::Diagnostic::error(
                    "templates",
                    1,
                    1,
                    format!("{e:#}"),
                )]);
            }
        }
    }
}

type ExportJob = (u64, (PathBuf, Arc<crate::model::Site>));

/// Makes the calling thread, and the threads it starts, yield to others.
fn lower_priority() {
    // On Linux a thread is a task with its own nice value, inherited by
    // the threads it creates; `who = 0` names the calling thread.
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only changes the scheduling weight of this thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// Brings the search index in `dir` up to date with `site`, and the live
/// searcher with it.
fn refresh_index(state: &State, dir: &Path, site: &crate::model::Site) -> Result<()> {
    crate::index::update(dir, &site.incidents)?;
    match state.searcher() {
        Some(s) => s.reload()?,
        None => state.set_searcher(crate::index::Searcher::open(dir)?),
    }
    Ok(())
}

/// The thread that makes the static search files of the latest published
/// build (older requests waiting behind it are skipped) and puts them in
/// place without a reload.
fn exporter(state: Arc<State>) -> mpsc::Sender<ExportJob> {
    let (tx, rx) = mpsc::channel::<ExportJob>();
    std::thread::spawn(move || {
        // Index updates and exports yield the processor to rebuilds: this
        // thread runs at a lower priority, and so do the threads it starts
        // (tantivy's writers, its own pool, not the rebuilds' shared one).
        lower_priority();
        let pool = rayon::ThreadPoolBuilder::new()
            .thread_name(|n| format!("incidex-export-{n}"))
            .build();
        let run = |f: &mut (dyn FnMut() + Send)| match &pool {
            Ok(pool) => pool.install(f),
            Err(_) => f(),
        };
        let mut pending: Option<ExportJob> = None;
        loop {
            let Some(mut job) = pending.take().or_else(|| rx.recv().ok()) else {
                return;
            };
            while let Ok(newer) = rx.try_recv() {
                job = newer;
            }
            let (generation, (dir, site)) = job;
            let mut refreshed = Ok(());
            run(&mut || refreshed = refresh_index(&state, &dir, &site));
            if let Err(e) = refreshed {
                tracing::warn!("search index not updated: {e:#}");
                continue;
            }
            // The export is the slowest part of a rebuild and only the
            // static /search/ page reads it: made once edits pause, it
            // does not slow the next rebuild down.
            if let Ok(newer) = rx.recv_timeout(EXPORT_AFTER) {
                pending = Some(newer);
                continue;
            }
            let mut exported = Ok(Vec::new());
            run(&mut || exported = rebuild::export_files(&dir, &site));
            match exported {
                Ok(files) => {
                    state.replace_files(generation, state::SEARCH_FILES, files);
                }
                Err(e) => tracing::warn!("search export failed: {e:#}"),
            }
        }
    });
    tx
}

/// Starts the watcher over content/, templates/, static/ (recursive) and
/// the root (not recursive, for the config file); never the output or
/// `.incidex/`. Sends each debounced batch's changes.
fn watch_paths(
    root: &Path,
    watched: &Watched,
    poll: bool,
    tx: mpsc::Sender<BTreeSet<Change>>,
) -> Result<Box<dyn std::any::Any + Send>> {
    let w = watched.clone();
    let handler = move |result: DebounceEventResult| match result {
        Ok(events) => {
            let changes = w.changes(
                events
                    .iter()
                    .flat_map(|e| e.paths.iter().map(move |p| (&e.kind, p.as_path()))),
            );
            if !changes.is_empty() {
                let _ = tx.send(changes);
            }
        }
        Err(errors) => {
            for e in errors {
                tracing::warn!("watch error: {e}");
            }
        }
    };
    let targets: Vec<(PathBuf, RecursiveMode)> = [
        (watched.content.clone(), RecursiveMode::Recursive),
        (watched.templates.clone(), RecursiveMode::Recursive),
        (watched.statics.clone(), RecursiveMode::Recursive),
        (root.to_path_buf(), RecursiveMode::NonRecursive),
    ]
    .into_iter()
    .filter(|(p, _)| p.is_dir())
    .collect();
    let explain = |e: notify::Error| -> anyhow::Error {
        match e.kind {
            notify::ErrorKind::MaxFilesWatch => anyhow::anyhow!(
                "the system's limit on watched folders is reached (inotify max_user_watches); \
                 run with --poll, or raise the limit: sudo sysctl fs.inotify.max_user_watches=524288"
            ),
            _ => anyhow::anyhow!("cannot watch the knowledge base: {e}"),
        }
    };
    if poll {
        let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
        let mut debouncer = notify_debouncer_full::new_debouncer_opt::<_, notify::PollWatcher, _>(
            DEBOUNCE,
            None,
            handler,
            notify_debouncer_full::RecommendedCache::new(),
            config,
        )
        .map_err(explain)?;
        for (p, mode) in targets {
            debouncer.watch(&p, mode).map_err(explain)?;
        }
        Ok(Box::new(debouncer))
    } else {
        let mut debouncer =
            notify_debouncer_full::new_debouncer(DEBOUNCE, None, handler).map_err(explain)?;
        for (p, mode) in targets {
            debouncer.watch(&p, mode).map_err(explain)?;
        }
        Ok(Box::new(debouncer))
    }
}

/// The address a browser on this machine opens for `addr`: 0.0.0.0 is
/// none, so loopback stands in for it.
fn browsable(addr: SocketAddr) -> String {
    match addr.ip() {
        ip if !ip.is_unspecified() => addr.to_string(),
        IpAddr::V4(_) => format!("127.0.0.1:{}", addr.port()),
        IpAddr::V6(_) => format!("[::1]:{}", addr.port()),
    }
}

/// The address other machines reach this one at: the source address of
/// the route out (a UDP "connect" sends nothing). `None` without a route.
fn lan_address(v6: bool) -> Option<IpAddr> {
    let (bind, probe) = if v6 {
        ("[::]:0", "[2001:db8::1]:9")
    } else {
        ("0.0.0.0:0", "192.0.2.1:9")
    };
    let socket = std::net::UdpSocket::bind(bind).ok()?;
    socket.connect(probe).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
}

/// `incidex serve` in the foreground until Ctrl-C.
pub fn run(root: &Path, config: crate::config::Config, opts: &Options) -> Result<()> {
    let server = Server::start(root, config, opts)?;
    let base = server.state.base_path.clone();
    if server.addr.ip().is_unspecified() {
        // 0.0.0.0 is no address a browser can open: show the one this
        // machine can, and say what listening everywhere means.
        println!(
            "serving http://{}{} (Ctrl-C to stop)",
            browsable(server.addr),
            base
        );
        let elsewhere = match lan_address(server.addr.is_ipv6()) {
            Some(IpAddr::V6(ip)) => format!("http://[{ip}]:{}{}", server.addr.port(), base),
            Some(ip) => format!("http://{ip}:{}{}", server.addr.port(), base),
            None => format!(
                "http://<this machine's address>:{}{}",
                server.addr.port(),
                base
            ),
        };
        eprintln!(
            "warning: listening on every network interface ({}): anyone who can reach this machine \
             on port {} can read the site; from elsewhere, open {elsewhere}",
            server.addr.ip(),
            server.addr.port(),
        );
    } else {
        println!("serving http://{}{} (Ctrl-C to stop)", server.addr, base);
    }
    let (tx, rx) = mpsc::channel::<()>();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the signal handler")?;
    std::thread::spawn(move || {
        runtime.block_on(async {
            let _ = tokio::signal::ctrl_c().await;
        });
        let _ = tx.send(());
    });
    let _ = rx.recv();
    println!("stopping");
    // Open live-reload streams would hold a graceful shutdown forever.
    std::process::exit(0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        for (url, want) in [
            ("/", "/"),
            ("", "/"),
            ("/kb", "/kb/"),
            ("/kb/", "/kb/"),
            ("kb", "/kb/"),
            ("https://x.example/kb/", "/kb/"),
            ("https://x.example", "/"),
            ("https://x.example/a/b", "/a/b/"),
        ] {
            assert_eq!(base_path(url), want, "{url}");
        }
    }

    #[test]
    fn hosts_for_loopback_and_any() {
        let v4: IpAddr = "127.0.0.1".parse().expect("ip");
        assert_eq!(
            allowed_hosts(v4, 1111),
            vec!["127.0.0.1:1111".to_string(), "localhost:1111".into()]
        );
        let any: IpAddr = "0.0.0.0".parse().expect("ip");
        assert!(allowed_hosts(any, 1111).contains(&"localhost:1111".to_string()));
    }
}
