//! File-system events → the small change vocabulary the rebuild acts on.
//! The watcher reports paths; what a change means is decided here, by
//! where the path is, not by the event's kind, so a vim rename-save, a
//! JetBrains safe-write, a `git checkout` and a plain write all end the
//! same way: the rebuild looks at what is on disk now.

use notify_debouncer_full::notify::EventKind;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What changed, as far as the site is concerned.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// A report, or a folder of reports, under the content folder: read
    /// again what is there now (a missing path means removed).
    Content(PathBuf),
    /// A template: render again, without reading the reports.
    Templates,
    /// A file under `static/`: copy again.
    Static,
    /// The config file: rebuild everything.
    Config,
}

/// The places a knowledge base is watched in, and what is never watched.
#[derive(Debug, Clone)]
pub struct Watched {
    pub content: PathBuf,
    pub templates: PathBuf,
    pub statics: PathBuf,
    pub config: PathBuf,
    /// Output and caches: never a source of changes (a build writing them
    /// must not trigger another build).
    pub ignored: Vec<PathBuf>,
    pub extensions: Vec<String>,
}

impl Watched {
    pub fn new(root: &Path, config: &crate::config::Config) -> Watched {
        Watched {
            content: root.join(&config.content_dir),
            templates: root.join("templates"),
            statics: root.join("static"),
            config: root.join(crate::config::CONFIG_FILE),
            ignored: vec![root.join(&config.output_dir), root.join(".incidex")],
            extensions: config.extensions.clone(),
        }
    }

    /// The change `path` makes, if any.
    pub fn classify(&self, kind: &EventKind, path: &Path) -> Option<Change> {
        if matches!(kind, EventKind::Access(_)) || is_editor_temp(path) {
            return None;
        }
        if self.ignored.iter().any(|i| path.starts_with(i)) {
            return None;
        }
        if path == self.config {
            return Some(Change::Config);
        }
        if path.starts_with(&self.templates) {
            return Some(Change::Templates);
        }
        if path.starts_with(&self.statics) {
            return Some(Change::Static);
        }
        let inside = path.strip_prefix(&self.content).ok()?;
        if inside
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        {
            return None;
        }
        match path.extension().and_then(|e| e.to_str()) {
            // A Zola/Hugo section page (`_index.md`) is not a report, as in
            // a build.
            Some(_) if crate::source::is_section_page(path) => None,
            Some(ext) if self.extensions.iter().any(|x| x.eq_ignore_ascii_case(ext)) => {
                Some(Change::Content(path.to_path_buf()))
            }
            // A folder created, renamed or deleted: its reports are read again.
            // (A file with another extension is not a report.)
            _ if path.is_dir() || !path.exists() && path.extension().is_none() => {
                Some(Change::Content(path.to_path_buf()))
            }
            _ => None,
        }
    }

    /// The changes of a batch of events, deduplicated and ordered; a config
    /// change makes every other change moot.
    pub fn changes<'a>(
        &self,
        events: impl IntoIterator<Item = (&'a EventKind, &'a Path)>,
    ) -> BTreeSet<Change> {
        let mut out: BTreeSet<Change> = events
            .into_iter()
            .filter_map(|(k, p)| self.classify(k, p))
            .collect();
        if out.contains(&Change::Config) {
            out.retain(|c| *c == Change::Config);
        }
        out
    }
}

/// Files editors write beside the real one while saving or as backups:
/// vim's `.swp`/`.swx`/`4913`/`file~`, emacs' `#file#` and `.#file`,
/// JetBrains' `___jb_tmp___`/`___jb_old___`, and `*.tmp`.
pub fn is_editor_temp(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    name == "4913"
        || name == ".DS_Store"
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.starts_with(".#")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || [".swp", ".swx", ".swo", ".tmp", ".crdownload"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify_debouncer_full::notify::event::{
        AccessKind, CreateKind, ModifyKind, RemoveKind, RenameMode,
    };

    fn watched() -> Watched {
        Watched {
            content: "/kb/content".into(),
            templates: "/kb/templates".into(),
            statics: "/kb/static".into(),
            config: "/kb/incidex.toml".into(),
            ignored: vec!["/kb/public".into(), "/kb/.incidex".into()],
            extensions: vec!["md".into(), "markdown".into()],
        }
    }

    #[test]
    fn change_table() {
        let w = watched();
        let modify = EventKind::Modify(ModifyKind::Any);
        let create = EventKind::Create(CreateKind::File);
        let remove = EventKind::Remove(RemoveKind::File);
        let rename = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let content = |p: &str| Some(Change::Content(PathBuf::from(p)));
        let cases: &[(&EventKind, &str, Option<Change>)] = &[
            (
                &modify,
                "/kb/content/2026/a.md",
                content("/kb/content/2026/a.md"),
            ),
            (
                &create,
                "/kb/content/b.markdown",
                content("/kb/content/b.markdown"),
            ),
            (&remove, "/kb/content/c.MD", content("/kb/content/c.MD")),
            (&rename, "/kb/content/d.md", content("/kb/content/d.md")),
            // A removed or renamed-away folder (gone from disk, no extension).
            (&remove, "/kb/content/2024", content("/kb/content/2024")),
            (&modify, "/kb/content/notes.txt", None),
            (&modify, "/kb/content/posts/_index.md", None),
            (&modify, "/kb/content/image.png", None),
            (&modify, "/kb/content/.hidden/a.md", None),
            (&modify, "/kb/content/.a.md.swp", None),
            (&create, "/kb/content/4913", None),
            (&modify, "/kb/content/a.md~", None),
            (&modify, "/kb/content/#a.md#", None),
            (&modify, "/kb/content/.#a.md", None),
            (&modify, "/kb/content/a.md___jb_tmp___", None),
            (&modify, "/kb/content/a.md___jb_old___", None),
            (
                &EventKind::Access(AccessKind::Any),
                "/kb/content/a.md",
                None,
            ),
            (&modify, "/kb/templates/base.html", Some(Change::Templates)),
            (
                &create,
                "/kb/templates/partials/x.html",
                Some(Change::Templates),
            ),
            (&modify, "/kb/static/logo.svg", Some(Change::Static)),
            (&modify, "/kb/incidex.toml", Some(Change::Config)),
            (&modify, "/kb/README.md", None),
            (&modify, "/kb/public/index.html", None),
            (&modify, "/kb/.incidex/index/meta.json", None),
            (&modify, "/elsewhere/a.md", None),
        ];
        for (kind, path, want) in cases {
            assert_eq!(&w.classify(kind, Path::new(path)), want, "{kind:?} {path}");
        }
    }

    #[test]
    fn a_burst_becomes_one_set_and_config_wins() {
        let w = watched();
        let modify = EventKind::Modify(ModifyKind::Any);
        let paths: Vec<PathBuf> = (0..100)
            .map(|i| PathBuf::from(format!("/kb/content/r{i}.md")))
            .chain([
                PathBuf::from("/kb/content/r1.md"),
                PathBuf::from("/kb/content/r1.md.swp"),
            ])
            .collect();
        let changes = w.changes(paths.iter().map(|p| (&modify, p.as_path())));
        assert_eq!(changes.len(), 100);
        let with_config = w.changes(
            paths
                .iter()
                .map(|p| (&modify, p.as_path()))
                .chain([(&modify, Path::new("/kb/incidex.toml"))]),
        );
        assert_eq!(
            with_config.into_iter().collect::<Vec<_>>(),
            vec![Change::Config]
        );
    }
}
