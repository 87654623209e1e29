//! What the HTTP side and the rebuild worker share: the site being served
//! (replaced whole, only by a complete successful build), the errors of the
//! last failed rebuild, the search index, and the reload broadcast.

use crate::diagnostic::Diagnostic;
use crate::index::Searcher;
use crate::output::Snapshot;
use std::sync::{Arc, RwLock};
use tokio::sync::{broadcast, watch};

/// Where the static search files are: made after a build is published.
pub const SEARCH_FILES: &str = "search/index/";

/// One published build, and what went wrong since (if anything).
#[derive(Default)]
pub struct Live {
    pub snapshot: Arc<Snapshot>,
    /// Counts published builds; a page of build N is complete in build N.
    pub generation: u64,
    /// Errors of the last rebuild when it failed: the overlay shows them
    /// over the last good site. Empty after a good build.
    pub errors: Vec<Diagnostic>,
}

/// What the live-reload stream tells open pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A new build was published: reload.
    Reload { generation: u64 },
    /// A rebuild failed (or was fixed): reload to show (or drop) the overlay.
    Errors { generation: u64 },
}

pub struct State {
    live: RwLock<Arc<Live>>,
    searcher: RwLock<Option<Arc<Searcher>>>,
    pub events: broadcast::Sender<Event>,
    /// The path part of the base URL, with slashes around: `/` or `/kb/`.
    pub base_path: String,
    /// Host header values accepted (DNS rebinding defence), e.g.
    /// `127.0.0.1:1111`, `localhost:1111`.
    pub allowed_hosts: Vec<String>,
    /// Set once on shutdown: live-reload streams never end by themselves,
    /// and a graceful shutdown would wait for every open tab otherwise.
    closing: watch::Sender<bool>,
}

impl State {
    pub fn new(base_path: String, allowed_hosts: Vec<String>) -> State {
        let (events, _) = broadcast::channel(64);
        State {
            live: RwLock::new(Arc::new(Live::default())),
            searcher: RwLock::new(None),
            events,
            base_path,
            allowed_hosts,
            closing: watch::Sender::new(false),
        }
    }

    /// Ends every open live-reload stream (and any opened later), so that
    /// a graceful shutdown is not held up by browser tabs. Call it when
    /// shutdown starts.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Whether `close` was called, as a receiver the HTTP side waits on.
    pub fn closing(&self) -> watch::Receiver<bool> {
        self.closing.subscribe()
    }

    /// The site being served now.
    pub fn current(&self) -> Arc<Live> {
        match self.live.read() {
            Ok(l) => Arc::clone(&l),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Publishes a complete new build and tells open pages to reload.
    pub fn publish(&self, snapshot: Snapshot) -> u64 {
        let generation = self.swap(|old| Live {
            snapshot: Arc::new(snapshot),
            generation: old.generation + 1,
            errors: Vec::new(),
        });
        let _ = self.events.send(Event::Reload { generation });
        generation
    }

    /// Publishes a complete new build that still has `errors` elsewhere in
    /// the knowledge base (shown in the overlay), and tells pages to reload.
    /// The static search files of the last build stay until the new
    /// build's own are made (`replace_files`).
    pub fn publish_with(&self, mut snapshot: Snapshot, errors: Vec<Diagnostic>) -> u64 {
        let generation = self.swap(|old| {
            for (path, bytes) in old.snapshot.files.range(SEARCH_FILES.to_string()..) {
                if !path.starts_with(SEARCH_FILES) {
                    break;
                }
                snapshot.files.insert(path.clone(), bytes.clone());
            }
            Live {
                snapshot: Arc::new(snapshot),
                generation: old.generation + 1,
                errors,
            }
        });
        let _ = self.events.send(Event::Reload { generation });
        generation
    }

    /// Puts the static search files made for build `generation` in place
    /// of the ones under `prefix`, without a reload; does nothing when a
    /// newer build was published meanwhile (its own files will follow).
    pub fn replace_files(
        &self,
        generation: u64,
        prefix: &str,
        files: Vec<(String, Vec<u8>)>,
    ) -> bool {
        let mut done = false;
        self.swap(|old| {
            let mut snapshot = (*old.snapshot).clone();
            if old.generation == generation {
                snapshot.files.retain(|p, _| !p.starts_with(prefix));
                for (path, bytes) in files {
                    snapshot.insert(path, bytes);
                }
                done = true;
            }
            Live {
                snapshot: Arc::new(snapshot),
                generation: old.generation,
                errors: old.errors.clone(),
            }
        });
        done
    }

    /// Keeps the last good site and shows `errors` over it.
    pub fn fail(&self, errors: Vec<Diagnostic>) {
        let generation = self.swap(|old| Live {
            snapshot: Arc::clone(&old.snapshot),
            generation: old.generation,
            errors,
        });
        let _ = self.events.send(Event::Errors { generation });
    }

    fn swap(&self, next: impl FnOnce(&Live) -> Live) -> u64 {
        let mut guard = match self.live.write() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        let live = next(&guard);
        let generation = live.generation;
        *guard = Arc::new(live);
        generation
    }

    pub fn searcher(&self) -> Option<Arc<Searcher>> {
        match self.searcher.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn set_searcher(&self, searcher: Searcher) {
        let mut guard = match self.searcher.write() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        *guard = Some(Arc::new(searcher));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_files_are_where_the_export_writes() {
        assert_eq!(SEARCH_FILES, format!("{}/", crate::index::export::DIR));
    }
}
