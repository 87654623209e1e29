//! Helpers of the tests that read a built site as a browser would: every
//! page the build wrote, and a URL as a browser reads its scheme.
// Each test binary compiles this module on its own and uses a part of it.
#![allow(dead_code)]

use std::path::Path;

/// Every HTML and XML file under `out`, as (path relative to `out`, text).
pub fn site_pages(out: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| x == "html" || x == "xml")
        })
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(out)
                .unwrap_or(e.path())
                .display()
                .to_string();
            (
                rel,
                std::fs::read_to_string(e.path()).expect("page is UTF-8"),
            )
        })
        .collect()
}

/// What a browser does to a URL before it looks for a scheme: strip leading
/// and trailing C0 controls and spaces, remove tabs and newlines; schemes
/// are ASCII case-insensitive.
pub fn browser_normalized(url: &str) -> String {
    url.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase()
}
