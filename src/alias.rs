//! Where an `aliases` entry of a report's front matter puts its redirect
//! page, as Hugo and Zola do: `/old/cache.html` becomes that file,
//! `/old/cache/` (or `old/cache`) becomes `old/cache/index.html`. An alias
//! that would leave the output folder, or is not a plain site path, has no
//! page; `check` says why.

/// Why an alias has no redirect page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AliasError {
    #[error("is empty")]
    Empty,
    #[error("is a full URL; an alias is a path on this site, such as /old/page/")]
    NotAPath,
    #[error("leaves the site (`..`, a backslash or a control character)")]
    OutsideTheSite,
    #[error("holds a query or a fragment (`?`, `#`), which no file on a static host answers")]
    QueryOrFragment,
    #[error("names a file that is not a page; end it with `/` or `.html`")]
    NotAPage,
}

/// The output path (relative to the output folder) of the redirect page
/// for `alias`.
pub fn output_path(alias: &str) -> Result<String, AliasError> {
    let alias = alias.trim();
    if alias.is_empty() {
        return Err(AliasError::Empty);
    }
    if alias.contains("://") || alias.starts_with("//") || alias.contains(':') {
        return Err(AliasError::NotAPath);
    }
    if alias.chars().any(|c| c.is_control() || c == '\\') {
        return Err(AliasError::OutsideTheSite);
    }
    if alias.contains(['?', '#']) {
        return Err(AliasError::QueryOrFragment);
    }
    let path = alias.trim_start_matches('/');
    if path.split('/').any(|part| part == ".." || part == ".") {
        return Err(AliasError::OutsideTheSite);
    }
    if path.is_empty() {
        // "/" is the home page, never a redirect.
        return Err(AliasError::NotAPage);
    }
    let last = path.rsplit('/').next().unwrap_or("");
    if path.ends_with('/') {
        return Ok(format!("{path}index.html"));
    }
    match last.rsplit_once('.') {
        Some((_, ext)) if ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm") => {
            Ok(path.to_string())
        }
        Some(_) => Err(AliasError::NotAPage),
        None => Ok(format!("{path}/index.html")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_become_pages_inside_the_output_folder() {
        for (alias, want) in [
            ("/old/cache.html", "old/cache.html"),
            ("/old/cache/", "old/cache/index.html"),
            ("old/cache", "old/cache/index.html"),
            ("2019/03/redis-outage.htm", "2019/03/redis-outage.htm"),
            ("/posts/v1.2-rollout/", "posts/v1.2-rollout/index.html"),
        ] {
            assert_eq!(output_path(alias).as_deref(), Ok(want), "{alias}");
        }
        for (alias, why) in [
            ("", AliasError::Empty),
            ("../../etc/passwd", AliasError::OutsideTheSite),
            ("/a/../../b/", AliasError::OutsideTheSite),
            ("a\\..\\b", AliasError::OutsideTheSite),
            ("https://evil.example/", AliasError::NotAPath),
            ("//evil.example/x", AliasError::NotAPath),
            ("javascript:alert(1)", AliasError::NotAPath),
            ("/old?id=3", AliasError::QueryOrFragment),
            ("/old/feed.xml", AliasError::NotAPage),
            ("/", AliasError::NotAPage),
        ] {
            assert_eq!(output_path(alias), Err(why), "{alias}");
        }
    }
}
