//! `incidex.toml`: every key optional, defaults here, validation and the
//! paths the rest of the program reads from and writes to.

use crate::diagnostic::Diagnostic;
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "incidex.toml";

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Site title shown in the header and the feed.
    pub title: String,
    /// One-line description of the knowledge base.
    pub description: String,
    /// Absolute URL or path prefix (`/kb/`) that every link honours.
    pub base_url: String,
    /// Folder of postmortems, relative to the root.
    pub content_dir: PathBuf,
    /// Build output folder, relative to the root.
    pub output_dir: PathBuf,
    /// File extensions read as postmortems.
    pub extensions: Vec<String>,
    /// Reports larger than this are refused with a diagnostic.
    pub max_file_bytes: u64,
    /// Cards per listing page (home, technology, service, tag, error and
    /// lessons pages); later cards go to `page/2/`, `page/3/`…
    pub paginate: usize,
    /// Extra technology names: canonical name → aliases.
    pub technologies: BTreeMap<String, Vec<String>>,
    /// Development server settings.
    pub serve: ServeConfig,
    /// Where a path-only `base_url` is being served from
    /// (`http://127.0.0.1:1111`), set by `serve`: the feed and the sitemap
    /// need absolute URLs. Not a file setting.
    #[serde(skip)]
    pub origin: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ServeConfig {
    /// Address to bind; loopback unless told otherwise.
    pub bind: String,
    /// Port to listen on.
    pub port: u16,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            bind: "127.0.0.1".into(),
            port: 1111,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Incident knowledge base".into(),
            description: "Postmortems: what broke, why, and what fixed it".into(),
            base_url: "/".into(),
            content_dir: PathBuf::from("content"),
            output_dir: PathBuf::from("public"),
            extensions: vec!["md".into(), "markdown".into()],
            max_file_bytes: 10 * 1024 * 1024,
            paginate: 50,
            technologies: BTreeMap::new(),
            serve: ServeConfig::default(),
            origin: None,
        }
    }
}

impl Config {
    /// Reads `incidex.toml` in `root`, or the defaults when there is none.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        let config = match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&text).with_context(|| format!("{}", path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Config::default(),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        config.validate()?;
        Ok(config)
    }

    pub fn parse(text: &str) -> Result<Config> {
        let config: Config =
            toml::from_str(text).map_err(|e| anyhow::anyhow!("{}", e.to_string().trim_end()))?;
        Ok(config)
    }

    /// Whether the feed and the sitemap can hold absolute URLs: the base
    /// URL names its host, or the site is served from a known origin.
    pub fn has_absolute_urls(&self) -> bool {
        let lower = self.base_url.trim().to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://") || self.origin.is_some()
    }

    /// The warning a build gives when `base_url` is a path: Atom and the
    /// sitemap protocol require absolute URLs, and with a path alone every
    /// link in `atom.xml` and `sitemap.xml` is relative. Located at the
    /// `base_url` line of `incidex.toml` when there is one.
    pub fn absolute_url_warning(&self, root: &Path, from_flag: bool) -> Option<Diagnostic> {
        if self.has_absolute_urls() {
            return None;
        }
        let message = format!(
            "base_url `{}` is a path, so atom.xml and sitemap.xml hold relative links, which both \
             formats forbid; set base_url to the address the site is published at, \
             such as \"https://kb.example.com/\"",
            self.base_url.trim()
        );
        if from_flag {
            // The value is the command line's, not the file's.
            return Some(Diagnostic::warning("--base-url", 0, 0, message));
        }
        let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
        let (line, column) = text
            .lines()
            .enumerate()
            .find_map(|(n, l)| {
                let key = l.trim_start();
                let rest = key.strip_prefix("base_url")?;
                rest.trim_start().starts_with('=').then(|| {
                    let value = l.find('=').map_or(0, |i| i + 1);
                    let value = value + l[value..].len() - l[value..].trim_start().len();
                    (n + 1, l[..value].chars().count() + 1)
                })
            })
            .unwrap_or((1, 1));
        Some(Diagnostic::warning(CONFIG_FILE, line, column, message))
    }

    fn validate(&self) -> Result<()> {
        if self.extensions.is_empty() {
            bail!("`extensions` must name at least one file extension");
        }
        if self.max_file_bytes == 0 {
            bail!("`max_file_bytes` must be greater than 0");
        }
        if self.paginate == 0 {
            bail!("`paginate` must be greater than 0");
        }
        base_url(&self.base_url).map_err(|e| anyhow::anyhow!("`base_url`: {e}"))?;
        Ok(())
    }
}

/// Checks a base URL (`base_url`, `--base-url`) and gives it back: a path
/// prefix (`/kb/`, `kb`) or an absolute `http`/`https` URL. Every link of
/// the site starts with it, so anything else (another scheme such as
/// `javascript:`, a protocol-relative `//host`, spaces, quotes, a query or
/// fragment) is refused rather than written into every page.
pub fn base_url(value: &str) -> std::result::Result<String, String> {
    let v = value.trim();
    let lower = v.to_ascii_lowercase();
    let path = if let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        if rest.is_empty() || rest.starts_with('/') {
            return Err(format!("`{v}` names no host"));
        }
        rest
    } else if v.starts_with("//") {
        return Err(format!(
            "`{v}` has no scheme: write `https:{v}` or a path such as `/kb/`"
        ));
    } else if lower
        .split('/')
        .next()
        .is_some_and(|first| first.contains(':'))
    {
        return Err(format!(
            "`{v}` is neither a path such as `/kb/` nor an http(s) URL"
        ));
    } else {
        lower.as_str()
    };
    if let Some(c) = path
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`?#".contains(*c))
    {
        return Err(format!("`{v}` holds {c:?}, which a link prefix cannot"));
    }
    Ok(v.to_string())
}

/// The knowledge base root: `--root`, else the nearest folder upward holding
/// `incidex.toml` or `content/`, else the current folder.
pub fn find_root(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        if !dir.is_dir() {
            bail!("--root {}: not a folder", dir.display());
        }
        return Ok(dir.to_path_buf());
    }
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    for dir in cwd.ancestors() {
        if dir.join(CONFIG_FILE).is_file() || dir.join("content").is_dir() {
            return Ok(dir.to_path_buf());
        }
    }
    Ok(cwd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_paths_or_http_urls() {
        for ok in [
            "/",
            "",
            "/kb/",
            "kb",
            "/docs/incidents",
            "https://kb.example.com/",
            "http://10.0.0.2:8080/kb/",
        ] {
            assert!(base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "javascript://%0aalert(1)//",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "//evil.example/",
            "https://",
            "/kb/\"><script>",
            "/kb /",
            "/kb/?x=1",
            "/kb/#top",
        ] {
            assert!(base_url(bad).is_err(), "{bad}");
        }
        let err = Config::parse("base_url = \"javascript:alert(1)\"")
            .and_then(|c| c.validate().map(|_| c))
            .unwrap_err()
            .to_string();
        assert!(err.contains("base_url"), "{err}");
    }

    #[test]
    fn empty_config_gives_defaults() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
    }

    #[test]
    fn unknown_key_is_an_error_naming_it() {
        let err = Config::parse("titel = \"x\"").unwrap_err().to_string();
        assert!(err.contains("titel"), "{err}");
    }

    #[test]
    fn technologies_and_serve_tables() {
        let c = Config::parse(
            "[technologies]\nFooDB = [\"foodb\", \"foo-db\"]\n[serve]\nport = 8080\n",
        )
        .unwrap();
        assert_eq!(c.technologies["FooDB"], vec!["foodb", "foo-db"]);
        assert_eq!(c.serve.port, 8080);
        assert_eq!(c.serve.bind, "127.0.0.1");
    }
}
