//! The built site as a map of relative path → bytes (`Snapshot`), and
//! writing it: only files whose bytes changed are written, files an earlier
//! build produced and this one does not are removed, and nothing outside the
//! output folder, or inside it but not ours, is ever touched.

use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Name of the file, inside the output folder, that lists what incidex
/// wrote there. Its presence is how incidex knows it created the folder.
pub const MANIFEST: &str = ".incidex-output";

/// Files are `Bytes`: a rebuild that changes a few pages shares the rest
/// with the previous snapshot, and the server sends them without copying.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    pub files: BTreeMap<String, bytes::Bytes>,
    /// Files that are the concatenation of their pieces: the dev server's
    /// JSON API, where an edit changes one incident's piece and shares the
    /// others (tens of megabytes at 10,000 incidents) with the last build.
    pub pieced: BTreeMap<String, std::sync::Arc<[bytes::Bytes]>>,
}

impl Snapshot {
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<bytes::Bytes>) {
        self.files.insert(path.into(), bytes.into());
    }

    /// The bytes of the file at `path`, whole or pieced.
    pub fn get(&self, path: &str) -> Option<std::borrow::Cow<'_, [u8]>> {
        if let Some(b) = self.files.get(path) {
            return Some(std::borrow::Cow::Borrowed(&b[..]));
        }
        self.pieced
            .get(path)
            .map(|pieces| std::borrow::Cow::Owned(pieces.concat()))
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.pieced.contains_key(path)
    }

    /// Every file's path, in order.
    pub fn paths(&self) -> Vec<&str> {
        let mut paths: Vec<&str> = self
            .files
            .keys()
            .chain(self.pieced.keys())
            .map(String::as_str)
            .collect();
        paths.sort_unstable();
        paths
    }

    pub fn len(&self) -> usize {
        self.files.len() + self.pieced.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.pieced.is_empty()
    }
}

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// A snapshot path is relative, uses `/`, and never climbs out.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    if path.is_empty() || path.contains('\\') || path.contains('\0') {
        return None;
    }
    p.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| p.to_path_buf())
}

/// Refuses output folders that could hold anything but a site we built:
/// the knowledge base root, a folder holding `content/` (or the content
/// folder itself, or one inside it), or a non-empty folder without our manifest.
pub fn check_output_dir(out: &Path, root: &Path, content: &Path) -> Result<()> {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| absolute(p));
    let out_c = canon(out);
    let root_c = canon(root);
    let content_c = canon(content);
    if out_c == root_c {
        bail!(
            "refusing to build into {}: it is the knowledge base root",
            out.display()
        );
    }
    if content_c.starts_with(&out_c) || out_c.starts_with(&content_c) {
        bail!(
            "refusing to build into {}: it holds or is inside the content folder",
            out.display()
        );
    }
    if out.join("content").exists() {
        bail!(
            "refusing to build into {}: it contains a content/ folder",
            out.display()
        );
    }
    if out.exists() {
        if !out.is_dir() {
            bail!(
                "refusing to build into {}: it is not a folder",
                out.display()
            );
        }
        let non_empty = std::fs::read_dir(out)
            .with_context(|| format!("cannot read {}", out.display()))?
            .next()
            .is_some();
        if non_empty && !out.join(MANIFEST).is_file() {
            bail!(
                "refusing to build into {}: it is not empty and incidex did not create it (no {MANIFEST})",
                out.display()
            );
        }
    }
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    std::env::current_dir()
        .map(|d| d.join(p))
        .unwrap_or_else(|_| p.to_path_buf())
}

fn read_manifest(out: &Path) -> Vec<String> {
    std::fs::read_to_string(out.join(MANIFEST))
        .map(|s| {
            s.lines()
                .map(str::to_string)
                .filter(|l| !l.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Refuses to follow a symbolic link anywhere between the output folder and
/// a file, so a link planted in the output cannot redirect a write outside.
fn no_symlink_between(out: &Path, rel: &Path) -> Result<()> {
    let mut cur = out.to_path_buf();
    for c in rel.components() {
        cur.push(c);
        if let Ok(meta) = std::fs::symlink_metadata(&cur) {
            if meta.file_type().is_symlink() {
                bail!(
                    "refusing to write through the symbolic link {}",
                    cur.display()
                );
            }
        }
    }
    Ok(())
}

/// Writes files into the output folder as they come (from several threads
/// at once), then removes what an earlier build left and this one did not
/// produce. Call `check_output_dir` first.
pub struct Writer {
    out: PathBuf,
    previous: Vec<String>,
    /// Folders already checked for symbolic links and created.
    ready: Mutex<HashSet<PathBuf>>,
    produced: Mutex<Vec<String>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
}

impl Writer {
    pub fn new(out: &Path) -> Result<Writer> {
        std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
        // The marker goes in before any page: a build killed half-way (or
        // failing) leaves a folder the next build knows as its own, not one
        // it must refuse as "not created by incidex".
        let marker = out.join(MANIFEST);
        if !marker.exists() {
            std::fs::write(&marker, "")
                .with_context(|| format!("cannot write the manifest in {}", out.display()))?;
        }
        Ok(Writer {
            out: out.to_path_buf(),
            previous: read_manifest(out),
            ready: Mutex::new(HashSet::new()),
            produced: Mutex::new(Vec::new()),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
        })
    }

    /// Writes one file unless it already holds these bytes.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let Some(rel) = safe_relative(path) else {
            bail!("internal error: unsafe output path {path:?}");
        };
        let out = &self.out;
        let parent_rel = rel.parent().map(Path::to_path_buf).unwrap_or_default();
        let known = self
            .ready
            .lock()
            .map_err(|_| anyhow::anyhow!("writer lock poisoned"))?
            .contains(&parent_rel);
        if !known {
            no_symlink_between(out, &parent_rel)?;
            let parent = out.join(&parent_rel);
            std::fs::create_dir_all(&parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
            self.ready
                .lock()
                .map_err(|_| anyhow::anyhow!("writer lock poisoned"))?
                .insert(parent_rel);
        }
        // The whole path again, not only the file's own name: a folder
        // checked earlier in this build may have been replaced by a link.
        no_symlink_between(out, &rel)?;
        let target = out.join(&rel);
        self.produced
            .lock()
            .map_err(|_| anyhow::anyhow!("writer lock poisoned"))?
            .push(path.to_string());
        match std::fs::read(&target) {
            Ok(old) if old == bytes => {
                self.unchanged.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
            Ok(_) => {
                // Replace beside, then rename: a reader never sees half a file.
                let tmp = target.with_file_name(format!(
                    ".{}.incidex-tmp",
                    target
                        .file_name()
                        .and_then(|n| n.to_str())
                        .unwrap_or("file")
                ));
                // A leftover (or a link planted there) goes first, and the
                // file is created anew: a link is never followed.
                let _ = std::fs::remove_file(&tmp);
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&tmp)
                    .and_then(|mut f| std::io::Write::write_all(&mut f, bytes))
                    .with_context(|| format!("cannot write {}", tmp.display()))?;
                std::fs::rename(&tmp, &target)
                    .with_context(|| format!("cannot write {}", target.display()))?;
            }
            Err(_) => std::fs::write(&target, bytes)
                .with_context(|| format!("cannot write {}", target.display()))?,
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Removes files of earlier builds that this one did not produce, and
    /// records what it did produce.
    pub fn finish(self) -> Result<WriteReport> {
        let mut produced = self
            .produced
            .into_inner()
            .map_err(|_| anyhow::anyhow!("writer lock poisoned"))?;
        produced.sort();
        produced.dedup();
        let keep: HashSet<&str> = produced.iter().map(String::as_str).collect();
        let mut removed = 0;
        for old in &self.previous {
            if keep.contains(old.as_str()) {
                continue;
            }
            let Some(rel) = safe_relative(old) else {
                continue;
            };
            if no_symlink_between(&self.out, &rel).is_err() {
                continue;
            }
            let target = self.out.join(&rel);
            if std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_file()) {
                std::fs::remove_file(&target)
                    .with_context(|| format!("cannot remove {}", target.display()))?;
                removed += 1;
                remove_empty_parents(&self.out, &target);
            }
        }
        let manifest: String = produced.iter().map(|k| format!("{k}\n")).collect();
        std::fs::write(self.out.join(MANIFEST), manifest)
            .with_context(|| format!("cannot write the manifest in {}", self.out.display()))?;
        Ok(WriteReport {
            written: self.written.into_inner(),
            unchanged: self.unchanged.into_inner(),
            removed,
        })
    }
}

/// Writes a whole snapshot (see `Writer`).
pub fn write(snap: &Snapshot, out: &Path) -> Result<WriteReport> {
    let writer = Writer::new(out)?;
    for (path, bytes) in &snap.files {
        writer.put(path, bytes)?;
    }
    for (path, pieces) in &snap.pieced {
        writer.put(path, &pieces.concat())?;
    }
    writer.finish()
}

fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out || !d.starts_with(out) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieced_files_are_read_and_written_whole() {
        let mut s = snap(&[("a.html", "A")]);
        let pieces: Vec<bytes::Bytes> = ["[", "1", ",", "2", "]"]
            .iter()
            .map(|p| bytes::Bytes::from_static(p.as_bytes()))
            .collect();
        s.pieced.insert("api/x.json".into(), pieces.into());
        assert_eq!(s.get("api/x.json").as_deref(), Some(&b"[1,2]"[..]));
        assert_eq!(s.paths(), vec!["a.html", "api/x.json"]);
        assert!(s.contains("api/x.json") && !s.contains("b.html"));
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        write(&s, &out).expect("write");
        assert_eq!(
            std::fs::read(out.join("api/x.json")).expect("read"),
            b"[1,2]"
        );
    }

    fn snap(files: &[(&str, &str)]) -> Snapshot {
        let mut s = Snapshot::default();
        for (p, b) in files {
            s.insert(*p, b.as_bytes().to_vec());
        }
        s
    }

    #[test]
    fn writes_only_changes_and_removes_only_its_own_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let r = write(
            &snap(&[("index.html", "a"), ("incidents/x/index.html", "x")]),
            &out,
        )
        .unwrap();
        assert_eq!(
            r,
            WriteReport {
                written: 2,
                unchanged: 0,
                removed: 0
            }
        );
        std::fs::write(out.join("user-file.txt"), "keep me").unwrap();
        let r = write(&snap(&[("index.html", "b")]), &out).unwrap();
        assert_eq!(
            r,
            WriteReport {
                written: 1,
                unchanged: 0,
                removed: 1
            }
        );
        assert!(
            !out.join("incidents").exists(),
            "empty folders left by removed pages go too"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("user-file.txt")).unwrap(),
            "keep me"
        );
        let r = write(&snap(&[("index.html", "b")]), &out).unwrap();
        assert_eq!(
            r,
            WriteReport {
                written: 0,
                unchanged: 1,
                removed: 0
            }
        );
    }

    #[test]
    fn a_build_that_never_finished_leaves_a_folder_the_next_one_accepts() {
        let root = tempfile::tempdir().expect("tmp");
        let out = root.path().join("public");
        let content = root.path().join("content");
        std::fs::create_dir_all(&content).expect("mkdir");
        {
            let w = Writer::new(&out).expect("writer");
            w.put("index.html", b"half a site").expect("put");
            // Dropped without finish(): the process was killed here.
        }
        check_output_dir(&out, root.path(), &content).expect("a rerun may use it");
        let w = Writer::new(&out).expect("writer");
        w.put("index.html", b"whole site").expect("put");
        w.finish().expect("finish");
        assert_eq!(
            std::fs::read(out.join("index.html")).expect("read"),
            b"whole site"
        );
    }

    #[test]
    fn refusals() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        let content = root.join("content");
        assert!(check_output_dir(root, root, &content)
            .unwrap_err()
            .to_string()
            .contains("root"));
        assert!(check_output_dir(&content, root, &content).is_err());
        assert!(check_output_dir(&content.join("site"), root, &content).is_err());
        let other = root.join("docs");
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(other.join("mine.txt"), "x").unwrap();
        assert!(check_output_dir(&other, root, &content)
            .unwrap_err()
            .to_string()
            .contains("did not create"));
        assert!(check_output_dir(&root.join("public"), root, &content).is_ok());
        let empty = root.join("empty");
        std::fs::create_dir_all(&empty).unwrap();
        assert!(check_output_dir(&empty, root, &content).is_ok());
    }

    #[test]
    fn unsafe_paths_and_symlinks_are_refused() {
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("a/../../b").is_none());
        assert!(safe_relative("a\\b").is_none());
        assert!(safe_relative("incidents/x/index.html").is_some());
        #[cfg(unix)]
        {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("public");
            let outside = dir.path().join("outside");
            std::fs::create_dir_all(&out).unwrap();
            std::fs::create_dir_all(&outside).unwrap();
            std::os::unix::fs::symlink(&outside, out.join("incidents")).unwrap();
            assert!(write(&snap(&[("incidents/x.html", "x")]), &out).is_err());
            assert!(std::fs::read_dir(&outside).unwrap().next().is_none());
            // A link in place of the file itself, in a folder already
            // written to in this build.
            let secret = outside.join("secret.txt");
            std::fs::write(&secret, "keep").unwrap();
            std::fs::create_dir_all(out.join("tags")).unwrap();
            std::os::unix::fs::symlink(&secret, out.join("tags/b.html")).unwrap();
            let files = [("tags/a.html", "a"), ("tags/b.html", "b")];
            assert!(write(&snap(&files), &out).is_err());
            assert_eq!(std::fs::read_to_string(&secret).unwrap(), "keep");
            // A link planted at the name a changed page is written under
            // before it replaces the old one.
            std::fs::remove_file(out.join("tags/b.html")).unwrap();
            std::fs::write(out.join("tags/a.html"), "old").unwrap();
            std::os::unix::fs::symlink(&secret, out.join("tags/.a.html.incidex-tmp")).unwrap();
            assert!(write(&snap(&[("tags/a.html", "new")]), &out).is_ok());
            assert_eq!(std::fs::read_to_string(&secret).unwrap(), "keep");
            assert_eq!(
                std::fs::read_to_string(out.join("tags/a.html")).unwrap(),
                "new"
            );
        }
    }
}
