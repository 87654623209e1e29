//! Which files are reports, and turning each one's bytes into text plus
//! front matter. Knows nothing of Markdown structure.

pub mod decode;
pub mod front_matter;
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
    let meta = std::fs::metadata(path)
        .map_err(|e| Diagnostic::error(display, 1, 1, format!("cannot read: {e}")))?;
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
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(display, 1, 1, format!("cannot read: {e}")))?;
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
    let front_matter = match split.yaml {
        Some(yaml) => front_matter::parse(yaml).map_err(|e| {
            Diagnostic::error(
                display,
                e.line,
                e.column,
                format!("invalid front matter: {}", e.message),
            )
        })?,
        None => FrontMatter {
            map: Default::default(),
        },
    };
    Ok(SourceFile {
        display: display.to_string(),
        path: path.to_path_buf(),
        body: split.body.to_string(),
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
/// folders and editor leftovers are skipped.
pub fn discover(content_dir: &Path, config: &Config) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(content_dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                config
                    .extensions
                    .iter()
                    .any(|want| want.eq_ignore_ascii_case(x))
            })
        })
        .collect();
    files.sort();
    files
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
    fn bad_front_matter_is_an_error_with_position() {
        let err = load(b"---\ntitle: [unclosed\n---\n# Body\n").unwrap_err();
        assert!(err.message.starts_with("invalid front matter"), "{err}");
        assert!(err.line >= 2, "{err}");
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
