//! Keeping the index up to date. Documents are keyed by incident id and
//! carry a hash of what was indexed: an update adds new incidents, replaces
//! the ones whose hash changed, deletes the ones gone, and commits once.
//! An index of another schema version is recreated.
//!
//! One process updates at a time: `incidex.lock` in the index folder is
//! held for the whole update (tantivy's own writer lock covers only the
//! writer, not the recreation before it or the stamp after it). A build
//! waits for another update to finish; a search does not wait. Readers
//! take no lock: tantivy's files are immutable once committed, so a
//! `Searcher` keeps answering from the commit it opened while another
//! process writes.

use super::{content_hash, document, parse_key, register, schema, SCHEMA_VERSION};
use crate::model::Incident;
use anyhow::{bail, Context, Result};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tantivy::directory::error::LockError;
use tantivy::indexer::LogMergePolicy;
use tantivy::schema::Schema;
use tantivy::{Index, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

/// Where a knowledge base keeps its index.
pub fn index_dir(root: &Path) -> PathBuf {
    root.join(".incidex").join("index")
}

/// What the index was last updated from (see `stamp`).
const STAMP: &str = "incidex-stamp";
/// The `SCHEMA_VERSION` of the index in the folder.
const VERSION: &str = "incidex-version";
const LOCK: &str = "incidex.lock";

/// Writer memory for a large update, shared by tantivy's indexing threads.
const BUDGET: usize = 100_000_000;
/// Updates of fewer documents use one indexing thread: each thread writes
/// its own segment, and a one-report edit should add one segment, not one
/// per core.
const ONE_THREAD_BELOW: usize = 1000;
const ONE_THREAD_BUDGET: usize = 50_000_000;

/// What an update did, counted in incidents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateReport {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// The index was made from scratch: there was none, or one of another
    /// schema version.
    pub created: bool,
}

impl UpdateReport {
    /// Whether the update committed anything.
    pub fn changed(&self) -> bool {
        self.added + self.updated + self.removed > 0
    }
}

/// The index is being updated by another process.
#[derive(Debug, thiserror::Error)]
#[error("another incidex is updating the index at {}; try again when it is done", .0.display())]
pub struct Busy(pub PathBuf);

/// Brings the index in `dir` in line with `incidents` (ids must be unique,
/// as `Site` makes them). Creates the index when there is none, or when it
/// was made by another schema version.
pub fn update(dir: &Path, incidents: &[std::sync::Arc<Incident>]) -> Result<UpdateReport> {
    update_stamped(dir, incidents, None)
}

/// How long an update waits for another process's update to finish
/// before giving up with `Busy`: a build started while `serve` rebuilds
/// should wait, not fail.
const PATIENCE: Duration = Duration::from_secs(120);
const POLL: Duration = Duration::from_millis(25);

/// `update`, then records `stamp` (see `stamp`) as what the index now
/// reflects, for `is_fresh`. Without a stamp the recorded one is dropped
/// when anything changes: the index may no longer match it.
pub fn update_stamped(
    dir: &Path,
    incidents: &[std::sync::Arc<Incident>],
    stamp: Option<&str>,
) -> Result<UpdateReport> {
    update_waiting(dir, incidents, stamp, PATIENCE)
}

/// `update_stamped`, waiting at most `patience` for another process's
/// update to finish before failing with `Busy`.
pub fn update_waiting(
    dir: &Path,
    incidents: &[std::sync::Arc<Incident>],
    stamp: Option<&str>,
    patience: Duration,
) -> Result<UpdateReport> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let deadline = Instant::now() + patience;
    let _lock = lock(dir, deadline)?;
    let (schema, f) = schema();
    let (index, created) = open_or_create(dir, schema)?;
    let existing = if created {
        HashMap::new()
    } else {
        keys(&index)?
    };

    let mut report = UpdateReport {
        created,
        ..UpdateReport::default()
    };
    let mut ids: HashSet<&str> = HashSet::with_capacity(incidents.len());
    let mut writes: Vec<(&Incident, u64)> = Vec::new();
    for i in incidents {
        if !ids.insert(&i.id) {
            bail!(
                "two incidents have the id {:?}; the index keys them by id",
                i.id
            );
        }
        let hash = content_hash(&f, i);
        match existing.get(i.id.as_str()) {
            Some(Some(old)) if *old == hash => report.unchanged += 1,
            Some(_) => {
                report.updated += 1;
                writes.push((i, hash));
            }
            None => {
                report.added += 1;
                writes.push((i, hash));
            }
        }
    }
    let gone: Vec<&str> = existing
        .keys()
        .map(String::as_str)
        .filter(|id| !ids.contains(id))
        .collect();
    report.removed = gone.len();

    if report.changed() {
        // Dropped before the commit: if the process dies after it, the next
        // search sees no stamp and checks every report again.
        remove(&dir.join(STAMP))?;
        let mut writer = writer(&index, dir, writes.len(), deadline)?;
        writer.set_merge_policy(Box::new(merge_policy()));
        for id in gone {
            writer.delete_term(Term::from_field_text(f.id, id));
        }
        for (i, hash) in writes {
            if existing.contains_key(i.id.as_str()) {
                writer.delete_term(Term::from_field_text(f.id, &i.id));
            }
            writer.add_document(document(&f, i, hash))?;
        }
        writer
            .commit()
            .with_context(|| format!("cannot commit the index in {}", dir.display()))?;
        // Merges run in the background; a command that exits without
        // waiting abandons them, and segments would pile up.
        writer
            .wait_merging_threads()
            .with_context(|| format!("cannot merge the index in {}", dir.display()))?;
    }
    if let Some(stamp) = stamp {
        write_atomic(&dir.join(STAMP), stamp)?;
    }
    Ok(report)
}

/// Small segments from edits merge among themselves, eight at a time, and
/// leave the large ones of a first build alone (tantivy's default groups
/// every segment under 10,000 documents together, so an edit could merge
/// the whole index); a segment that has lost a third of its documents to
/// edits is rewritten.
fn merge_policy() -> LogMergePolicy {
    let mut p = LogMergePolicy::default();
    p.set_min_layer_size(100);
    p.set_del_docs_ratio_before_merge(0.3);
    p
}

/// Tantivy's writer lock can be busy while `incidex.lock` is free: an
/// older incidex holds only the former, and a process another thread is
/// just spawning holds a copy of every open lock until it starts.
fn writer(
    index: &Index,
    dir: &Path,
    docs: usize,
    deadline: Instant,
) -> Result<IndexWriter<TantivyDocument>> {
    loop {
        let writer = if docs < ONE_THREAD_BELOW {
            index.writer_with_num_threads(1, ONE_THREAD_BUDGET)
        } else {
            index.writer(BUDGET)
        };
        match writer {
            Ok(w) => return Ok(w),
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                if Instant::now() >= deadline {
                    return Err(Busy(dir.into()).into());
                }
                std::thread::sleep(POLL);
            }
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("cannot write the index in {}", dir.display()))
            }
        }
    }
}

/// Holds the update lock of `dir` until dropped, waiting until `deadline`
/// for another process to release it.
fn lock(dir: &Path, deadline: Instant) -> Result<std::fs::File> {
    let path = dir.join(LOCK);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) => {
                if Instant::now() >= deadline {
                    return Err(Busy(dir.into()).into());
                }
                if !told && deadline > Instant::now() + Duration::from_secs(1) {
                    tracing::info!(
                        "another incidex is updating the index at {}; waiting for it",
                        dir.display()
                    );
                    told = true;
                }
                std::thread::sleep(POLL);
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", path.display()))
            }
        }
    }
}

/// The index in `dir`, or a new one when there is none or it is of
/// another version; `true` when new.
fn open_or_create(dir: &Path, schema: Schema) -> Result<(Index, bool)> {
    if version(dir).as_deref() == Some(SCHEMA_VERSION.to_string().as_str()) {
        match Index::open_in_dir(dir) {
            Ok(index) if index.schema() == schema => {
                register(&index);
                return Ok((index, false));
            }
            Ok(_) => tracing::warn!(
                "the index in {} has another schema; recreating it",
                dir.display()
            ),
            Err(e) => tracing::warn!(
                "cannot open the index in {} ({e}); recreating it",
                dir.display()
            ),
        }
    }
    clear(dir)?;
    let index = Index::create_in_dir(dir, schema)
        .with_context(|| format!("cannot create the index in {}", dir.display()))?;
    register(&index);
    write_atomic(&dir.join(VERSION), &SCHEMA_VERSION.to_string())?;
    Ok((index, true))
}

fn version(dir: &Path) -> Option<String> {
    std::fs::read_to_string(dir.join(VERSION))
        .ok()
        .map(|v| v.trim().to_string())
}

/// An error unless `dir` holds an index of this schema version.
pub(crate) fn check_version(dir: &Path) -> Result<()> {
    match version(dir) {
        Some(v) if v == SCHEMA_VERSION.to_string() => Ok(()),
        _ if !dir.join("meta.json").exists() => bail!(
            "no search index in {}: `incidex build` or `incidex search` makes it",
            dir.display()
        ),
        _ => bail!(
            "the search index in {} was made by another version of incidex: \
             `incidex build` or `incidex search` remakes it",
            dir.display()
        ),
    }
}

/// Empties `dir` for a new index, keeping the lock. Refuses a folder that
/// holds anything but an index: a wrong path must not lose someone's files.
fn clear(dir: &Path) -> Result<()> {
    let entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .collect::<std::io::Result<_>>()
        .with_context(|| format!("cannot read {}", dir.display()))?;
    let ours = |name: &str| name == LOCK || name == VERSION || name == STAMP || name == "meta.json";
    let names: Vec<String> = entries
        .iter()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if !names.iter().any(|n| ours(n) && n != LOCK) && names.iter().any(|n| n != LOCK) {
        bail!(
            "{} is not empty and holds no incidex index; not touching it",
            dir.display()
        );
    }
    for e in entries {
        if e.file_name() == LOCK {
            continue;
        }
        let path = e.path();
        let removed = if e.file_type().is_ok_and(|t| t.is_dir()) {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.with_context(|| format!("cannot remove {}", path.display()))?;
    }
    Ok(())
}

/// Every live document's id and content hash; `None` for an id found
/// twice or a key that does not parse, so that the update rewrites it.
fn keys(index: &Index) -> Result<HashMap<String, Option<u64>>> {
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .context("cannot read the search index")?;
    let searcher = reader.searcher();
    let mut out: HashMap<String, Option<u64>> = HashMap::new();
    for segment in searcher.segment_readers() {
        let Some(column) = segment
            .fast_fields()
            .str("key")
            .context("cannot read the keys of the search index")?
        else {
            continue;
        };
        // The keys in one pass over the dictionary: looking each one up by
        // its ordinal decompresses a dictionary block per document.
        let dictionary = column.dictionary();
        let mut keys: Vec<Option<(u64, String)>> = Vec::with_capacity(dictionary.num_terms());
        let mut stream = dictionary
            .stream()
            .context("cannot read the keys of the search index")?;
        while stream.advance() {
            let key = std::str::from_utf8(stream.key()).ok().and_then(parse_key);
            keys.push(key.map(|(hash, id)| (hash, id.to_string())));
        }
        for doc in segment.doc_ids_alive() {
            for ord in column.term_ords(doc) {
                let Some(Some((hash, id))) = usize::try_from(ord).ok().and_then(|o| keys.get(o))
                else {
                    continue;
                };
                out.entry(id.clone())
                    .and_modify(|h| *h = None)
                    .or_insert(Some(*hash));
            }
        }
    }
    Ok(out)
}

fn remove(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// Readers see the old content or the new, never half of it.
fn write_atomic(path: &Path, content: &str) -> Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, content).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
}

/// Opens the index of `root` for searching, first updating it when the
/// reports changed since it was last updated from them (drafts left out,
/// as `build` leaves them out). When another process is updating it, the
/// index is searched as it is.
pub fn open_fresh(root: &Path, config: &crate::config::Config) -> Result<super::Searcher> {
    let dir = index_dir(root);
    let stamp = stamp(root, config, false);
    if !is_fresh(&dir, &stamp) {
        let loaded = crate::load::load(root, config);
        let mut incidents = loaded.incidents;
        incidents.retain(|i| !i.draft);
        let site = crate::model::Site::new(incidents);
        if let Err(e) = update_waiting(&dir, &site.incidents, Some(&stamp), Duration::ZERO) {
            if e.downcast_ref::<Busy>().is_none() || check_version(&dir).is_err() {
                return Err(e);
            }
            tracing::warn!("{e:#}; searching the index as it is");
        }
    }
    super::Searcher::open(&dir)
}

/// Whether the index in `dir` was last updated from exactly `stamp`.
pub fn is_fresh(dir: &Path, stamp: &str) -> bool {
    std::fs::read_to_string(dir.join(STAMP)).is_ok_and(|s| s == stamp)
}

/// A cheap fingerprint of what an index is made from: the schema version,
/// the config, whether drafts are in, and every report's path, size and
/// modification time. Equal stamps spare reading and extracting every
/// report to find that nothing changed.
pub fn stamp(root: &Path, config: &crate::config::Config, drafts: bool) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    SCHEMA_VERSION.hash(&mut h);
    format!("{config:?}").hash(&mut h);
    drafts.hash(&mut h);
    for p in crate::source::discover(&root.join(&config.content_dir), config) {
        p.hash(&mut h);
        if let Ok(m) = std::fs::metadata(&p) {
            m.len().hash(&mut h);
            if let Ok(t) = m.modified() {
                t.hash(&mut h);
            }
        }
    }
    format!("{SCHEMA_VERSION}:{:016x}", h.finish())
}
