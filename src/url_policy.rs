//! The one allow-list every URL the site writes goes through: links in the
//! report body, images, references from the body or front matter, and any
//! URL a template puts in an attribute.
//!
//! A URL is judged the way a browser will read it, not as written: the URL
//! standard drops leading and trailing C0 controls and spaces and removes
//! every tab and newline before it looks for a scheme, so `java\tscript:`
//! and `\u{1}javascript:` are `javascript:` to a browser. HTML character
//! references have already been decoded by the time a URL gets here
//! (pulldown-cmark decodes them in link destinations; front matter has
//! none), and what is written back is escaped again by the writer.

/// Schemes a link may carry. Relative URLs (no scheme) are always allowed.
pub const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// True when a browser following `url` would use an allowed scheme or
/// none at all (a path, a fragment, a protocol-relative `//host/`).
pub fn is_allowed(url: &str) -> bool {
    match scheme(url) {
        Some(s) => ALLOWED_SCHEMES.iter().any(|a| s.eq_ignore_ascii_case(a)),
        None => true,
    }
}

/// `url` when allowed, else `fallback`.
pub fn or<'a>(url: &'a str, fallback: &'a str) -> &'a str {
    if is_allowed(url) {
        url
    } else {
        fallback
    }
}

/// The scheme a browser would find in `url`, as the URL standard's basic
/// parser finds it: after trimming C0 controls and spaces and removing tabs
/// and newlines, an ASCII letter followed by letters, digits, `+`, `-` or
/// `.`, ended by `:`. Anything else before the first `:` makes the URL
/// relative.
fn scheme(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let mut s = String::new();
    for c in trimmed.chars() {
        match c {
            '\t' | '\n' | '\r' => continue,
            ':' => return (!s.is_empty()).then_some(s),
            c if s.is_empty() && c.is_ascii_alphabetic() => s.push(c),
            c if !s.is_empty() && (c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) => {
                s.push(c)
            }
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_schemes_are_refused_however_they_are_disguised() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\rscript:alert(1)",
            " \u{1}javascript:alert(1)",
            "\u{0}javascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd",
            "jar:http://x!/y",
            "livescript:x",
            "x-custom+scheme.v1:payload",
        ] {
            assert!(!is_allowed(url), "{url:?} must be refused");
        }
    }

    #[test]
    fn web_links_and_relative_urls_pass() {
        for url in [
            "https://example.com/a?b=c#d",
            "HTTP://example.com",
            " https://example.com ",
            "mailto:oncall@example.com",
            "/incidents/x/",
            "../x",
            "#root-cause",
            "//cdn.example.com/x.js",
            "docs/runbook.md",
            "?q=a:b",
            "path/with:colon",
            "",
        ] {
            assert!(is_allowed(url), "{url:?} must pass");
        }
    }

    #[test]
    fn a_refused_url_is_replaced() {
        assert_eq!(or("javascript:x", "#"), "#");
        assert_eq!(or("/a/", "#"), "/a/");
    }
}
