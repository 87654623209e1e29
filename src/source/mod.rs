//! Which files are reports, and turning each one's bytes into text plus
//! front matter. Knows nothing of Markdown structure.

pub mod decode;
pub mod email;
pub mod front_matter;
pub mod front_matter_lint;
pub mod front_matter_recover;
pub mod mdx_esm;
pub mod mojibake;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
pub use front_matter::FrontMatter;
use std::path::{Path, PathBuf};

/// One report, read and decoded, ready for extraction.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to users (relative to the knowledge base root when inside it).
    pub display: String,
    pub path: PathBuf,
    /// Markdown body without the front matter.
    pub body: String,
    /// 1-based line of the file at which `body` starts.
    pub body_line: usize,
    pub front_matter: FrontMatter,
    pub repaired_encoding: bool,
    /// Problems that did not stop reading (lossy decoding, repaired mojibake).
    pub warnings: Vec<Diagnostic>,
}

/// Reads and decodes one report. An `Err` means the report cannot be used at
/// all; everything milder becomes a warning on the `SourceFile`.
pub fn read(path: &Path, display: &str, max_bytes: u64) -> Result<SourceFile, Diagnostic> {
    use std::io::Read;
    let cannot = |e: std::io::Error| Diagnostic::error(display, 1, 1, format!("cannot read: {e}"));
    // One open, and the size asked of the open file: a second lookup of
    // the path cost as much as a fifth of reading it.
    let file = std::fs::File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if meta.is_dir() {
        return Err(Diagnostic::error(
            display,
            1,
            1,
            "is a folder, not a report",
        ));
    }
    if meta.len() > max_bytes {
        return Err(Diagnostic::error(
            display,
            1,
            1,
            format!(
                "file is {} bytes, over max_file_bytes ({max_bytes}); skipped",
                meta.len()
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    // A file that grew past the limit since it was measured is cut there.
    file.take(max_bytes)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    from_bytes(&bytes, path, display)
}

/// Decodes bytes already in memory (tests, and the server's change sets).
pub fn from_bytes(bytes: &[u8], path: &Path, display: &str) -> Result<SourceFile, Diagnostic> {
    let decoded =
        decode::decode(bytes).map_err(|e| Diagnostic::error(display, 1, 1, e.to_string()))?;
    let mut warnings: Vec<Diagnostic> = decoded
        .notes
        .iter()
        .map(|n| Diagnostic::warning(display, 1, 1, n.clone()))
        .collect();
    let mut text = decoded.text;
    let mut repaired_encoding = false;
    if let Some((fixed, from)) = mojibake::repair(&text) {
        let line = first_difference_line(&text, &fixed);
        warnings.push(Diagnostic::warning(
            display,
            line,
            1,
            format!("repaired encoding: text was UTF-8 read as {from} (mojibake)"),
        ));
        text = fixed;
        repaired_encoding = true;
    }
    if text.trim().is_empty() {
        warnings.push(Diagnostic::warning(display, 1, 1, "empty report"));
    }
    let split = front_matter::split(&text);
    // An MDX file's leading `import`/`export` lines, blanked.
    let mut esm_body = None;
    let front_matter = match split.front {
        Some(raw) => {
            let fm = match front_matter::parse(raw) {
                Ok(fm) => fm,
                // Refused before parsing (a bomb, far too large): nothing
                // of it is read.
                Err(e) if front_matter::refused(raw) => {
                    return Err(Diagnostic::error(
                        display,
                        e.line,
                        e.column,
                        format!("invalid front matter: {}", e.message),
                    ))
                }
                // A syntax error is still an error, but one bad line does
                // not cost the report: the lines that read alone are kept.
                Err(e) => {
                    let fm = front_matter_recover::recover(raw);
                    let kept = front_matter_recover::kept_keys(&fm);
                    let kept = if kept.is_empty() {
                        "no key could be kept".to_string()
                    } else {
                        format!("kept {}", kept.join(", "))
                    };
                    warnings.push(Diagnostic::error(
                        display,
                        e.line,
                        e.column,
                        format!(
                            "invalid front matter: {}; the report is read with the lines that parse alone ({kept})",
                            e.message
                        ),
                    ));
                    fm
                }
            };
            for f in front_matter_lint::lint(&raw, &fm) {
                warnings.push(if f.error {
                    Diagnostic::error(display, f.line, f.column, f.message)
                } else {
                    Diagnostic::warning(display, f.line, f.column, f.message)
                });
            }
            fm
        }
        None => match mdx_esm::split(split.body).or_else(|| email::split(split.body)) {
            Some((body, map)) => {
                esm_body = Some(body);
                FrontMatter { map }
            }
            None => FrontMatter::default(),
        },
    };
    Ok(SourceFile {
        display: display.to_string(),
        path: path.to_path_buf(),
        body: esm_body.unwrap_or_else(|| split.body.to_string()),
        body_line: split.body_line,
        front_matter,
        repaired_encoding,
        warnings,
    })
}

fn first_difference_line(a: &str, b: &str) -> usize {
    a.lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .map_or(1, |i| i + 1)
}

/// Every report under the content folder, sorted by path. Hidden files and
/// folders and editor leftovers are skipped, and so are Hugo and Zola
/// section pages (`_index.md`), which describe a folder, not an incident.
pub fn discover(content_dir: &Path, config: &Config) -> Vec<PathBuf> {
    walk(content_dir, config).files
}

/// What a walk of the content folder found: the reports to read, and the
/// report-named entries it would not read, each with why.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<(PathBuf, String)>,
}

/// As `discover`, also naming what was not read: symlinks that lead
/// outside the content folder, dangle or loop; FIFOs, devices and sockets;
/// entries the walk could not read. A symlink to a regular file inside the
/// content folder is read as that file. Nothing outside is ever opened.
pub fn walk(content_dir: &Path, config: &Config) -> Walk {
    let mut out = Walk::default();
    let root = content_dir.canonicalize().ok();
    let wanted = |p: &Path| {
        !is_section_page(p)
            && p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                config
                    .extensions
                    .iter()
                    .any(|want| want.eq_ignore_ascii_case(x))
            })
    };
    let walker = walkdir::WalkDir::new(content_dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_default();
                out.skipped.push((path, format!("not read: {e}")));
                continue;
            }
        };
        let ft = entry.file_type();
        let path = entry.path();
        if ft.is_dir() {
            continue;
        }
        if ft.is_file() {
            if wanted(path) {
                out.files.push(entry.into_path());
            }
            continue;
        }
        if ft.is_symlink() {
            match std::fs::canonicalize(path) {
                Err(_) => out
                    .skipped
                    .push((path.to_path_buf(), "symlink leads nowhere (dangling or a loop); not read".into())),
                Ok(target) if !root.as_ref().is_some_and(|r| target.starts_with(r)) => {
                    if wanted(path) || target.is_dir() {
                        out.skipped.push((
                            path.to_path_buf(),
                            "symlink leads outside the content folder; not followed".into(),
                        ));
                    }
                }
                Ok(target) if target.is_dir() => out.skipped.push((
                    path.to_path_buf(),
                    "symlinked folder inside the content folder; not followed (its reports are read where they are)".into(),
                )),
                Ok(target) if target.is_file() => {
                    if wanted(path) {
                        out.files.push(entry.into_path());
                    }
                }
                Ok(_) => {
                    if wanted(path) {
                        out.skipped.push((
                            path.to_path_buf(),
                            "symlink to something that is not a regular file; not read".into(),
                        ));
                    }
                }
            }
            continue;
        }
        // A FIFO, socket or device: reading it could block or never end.
        if wanted(path) {
            out.skipped.push((
                path.to_path_buf(),
                "not a regular file (a pipe, socket or device); not read".into(),
            ));
        }
    }
    out.files.sort();
    out.skipped.sort();
    out
}

/// A Hugo or Zola section page (`_index.md`): a folder's own page.
pub fn is_section_page(path: &Path) -> bool {
    path.file_stem()
        .is_some_and(|s| s.eq_ignore_ascii_case("_index"))
}

/// How a path is shown: relative to `root` when inside it, with `/` separators.
pub fn display_path(path: &Path, root: &Path) -> String {
    let shown = path.strip_prefix(root).unwrap_or(path);
    let s = shown.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(bytes: &[u8]) -> Result<SourceFile, Diagnostic> {
        from_bytes(bytes, Path::new("x.md"), "x.md")
    }

    #[test]
    fn mojibake_is_repaired_and_reported() {
        let s = load("# Fix\n\n**Status**: ‚úÖ **RESOLVED**\n".as_bytes()).unwrap();
        assert!(s.repaired_encoding);
        assert!(s.body.contains("✅"));
        assert!(s
            .warnings
            .iter()
            .any(|w| w.message.contains("repaired encoding") && w.line == 3));
    }

    #[test]
    fn bad_front_matter_is_an_error_with_position_and_the_rest_is_read() {
        let s = load(b"---\ntitle: [unclosed\nseverity: high\n---\n# Body\n").unwrap();
        let err = s
            .warnings
            .iter()
            .find(|d| d.level == crate::diagnostic::Level::Error)
            .expect("an error");
        assert!(err.message.starts_with("invalid front matter"), "{err}");
        assert!(err.message.ends_with("(kept severity)"), "{err}");
        assert!(err.line >= 2, "{err}");
        assert_eq!(s.front_matter.string("severity").as_deref(), Some("high"));
        assert_eq!(s.front_matter.string("title"), None);
        assert_eq!(s.body, "# Body\n");
    }

    #[test]
    fn front_matter_refused_as_a_bomb_is_not_read_at_all() {
        let mut yaml = String::from("---\na: &a [x]\n");
        for i in 0..40 {
            yaml.push_str(&format!("b{i}: *a\n"));
        }
        yaml.push_str("title: Bomb\n---\n# Body\n");
        let Err(err) = load(yaml.as_bytes()) else {
            panic!("a bomb must be refused");
        };
        assert!(err.message.contains("YAML aliases"), "{err}");
    }

    #[test]
    fn toml_and_json_front_matter_load_with_body_lines() {
        let s = load(b"+++\ntitle = \"Cache outage\"\ndate = 2021-04-28\ndraft = true\n+++\n\nOn 2021-04-27 it broke.\n").unwrap();
        assert_eq!(
            s.front_matter.string("title").as_deref(),
            Some("Cache outage")
        );
        assert!(s.front_matter.is_draft());
        assert_eq!(
            (s.body.as_str(), s.body_line),
            ("\nOn 2021-04-27 it broke.\n", 6)
        );
        let s = load(b"{\"title\": \"Queue backlog\"}\n# Body\n").unwrap();
        assert_eq!(
            s.front_matter.string("title").as_deref(),
            Some("Queue backlog")
        );
        assert_eq!((s.body.as_str(), s.body_line), ("# Body\n", 2));
    }

    #[test]
    fn front_matter_errors_name_the_files_line_and_column() {
        let first_error = |s: SourceFile| {
            s.warnings
                .into_iter()
                .find(|d| d.level == crate::diagnostic::Level::Error)
                .expect("an error")
        };
        let err = first_error(load(b"+++\ntitle = \"ok\"\ntags = [\"a\",\n+++\n# Body\n").unwrap());
        assert!(err.message.starts_with("invalid front matter"), "{err}");
        assert!(err.line >= 3, "{err}");
        let err = first_error(load(b"{\n\"title\": \"ok\",\n\"tags\": [1,}\n# Body\n").unwrap());
        // Line 3 of the file, at the `}` where a value should be.
        assert_eq!((err.line, err.column), (3, 12), "{err}");
    }

    #[test]
    fn section_pages_are_not_reports() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("_index.md"),
            "+++\ntitle = \"Postmortems\"\n+++\n",
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("outage")).unwrap();
        std::fs::write(dir.path().join("outage/index.md"), "# Outage\n").unwrap();
        std::fs::write(dir.path().join("db.md"), "# DB\n").unwrap();
        let found = discover(dir.path(), &Config::default());
        let names: Vec<String> = found.iter().map(|p| display_path(p, dir.path())).collect();
        assert_eq!(names, vec!["db.md", "outage/index.md"]);
    }

    #[test]
    fn only_front_matter_and_empty_files_load() {
        let s = load(b"---\ntitle: Only meta\n---\n").unwrap();
        assert_eq!(s.front_matter.string("title").as_deref(), Some("Only meta"));
        assert_eq!(s.body, "");
        let s = load(b"").unwrap();
        assert!(s.warnings.iter().any(|w| w.message == "empty report"));
    }
}
