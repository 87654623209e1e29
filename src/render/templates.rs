//! The tera templates: built into the binary, overridden by name (and
//! extended) by the files of the knowledge base's `templates/` folder.

use anyhow::{Context as _, Result};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use tera::{Tera, Value};

/// Every built-in template, by the name a knowledge base overrides it with.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("card.html", include_str!("../../templates/card.html")),
    ("index.html", include_str!("../../templates/index.html")),
    (
        "incident.html",
        include_str!("../../templates/incident.html"),
    ),
    ("term.html", include_str!("../../templates/term.html")),
    ("terms.html", include_str!("../../templates/terms.html")),
    ("error.html", include_str!("../../templates/error.html")),
    ("lessons.html", include_str!("../../templates/lessons.html")),
    (
        "insights.html",
        include_str!("../../templates/insights.html"),
    ),
    ("search.html", include_str!("../../templates/search.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("alias.html", include_str!("../../templates/alias.html")),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    (
        "sitemap_index.xml",
        include_str!("../../templates/sitemap_index.xml"),
    ),
];

/// Built-in assets, written under `assets/`.
pub const ASSETS: &[(&str, &str)] = &[
    (
        "assets/incidex.css",
        include_str!("../../static/assets/incidex.css"),
    ),
    (
        "assets/incidex.js",
        include_str!("../../static/assets/incidex.js"),
    ),
    (
        "assets/incidex-search.js",
        include_str!("../../static/assets/incidex-search.js"),
    ),
    (
        "assets/incidex-stem.js",
        include_str!("../../static/assets/incidex-stem.js"),
    ),
    (
        "assets/favicon.svg",
        include_str!("../../static/assets/favicon.svg"),
    ),
];

/// Template files read from a knowledge base's `templates/` folder.
const TEMPLATE_EXTENSIONS: &[&str] = &["html", "xml", "txt", "json"];

/// Loads the built-in templates, then the overrides in `dir` (if any).
pub fn load(dir: Option<&Path>) -> Result<Tera> {
    let mut sources: BTreeMap<String, String> = BUILTIN
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    if let Some(dir) = dir.filter(|d| d.is_dir()) {
        for entry in walkdir::WalkDir::new(dir)
            .follow_links(false)
            .into_iter()
            .filter_map(Result::ok)
        {
            let path = entry.path();
            let ext_ok = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| TEMPLATE_EXTENSIONS.contains(&e));
            if !entry.file_type().is_file() || !ext_ok {
                continue;
            }
            let name = crate::source::display_path(path, dir);
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read template {}", path.display()))?;
            sources.insert(name, text);
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape);
    tera.register_filter("truncate_chars", truncate_chars);
    tera.register_filter("safe_url", safe_url);
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        .map_err(|e| anyhow::anyhow!("{}", error_chain(&e)))?;
    Ok(tera)
}

/// Escapes the five characters that matter in HTML and XML text and quoted
/// attributes. (Tera's default also rewrites `/` as `&#x2F;`, which is
/// valid but makes every URL unreadable in the page source.)
fn escape(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    super::diff::escape_into(input, &mut out);
    out
}

/// Tera nests the useful message (file, line, what was expected) in its
/// error sources; show the whole chain on one line.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        parts.push(s.to_string());
        cur = s.source();
    }
    parts.join(": ")
}

/// `{{ text | truncate_chars(length=80) }}`: at most `length` characters, with `…`.
fn truncate_chars(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let s = value.as_str().unwrap_or_default();
    let length = args.get("length").and_then(Value::as_u64).unwrap_or(80) as usize;
    if s.chars().count() <= length {
        return Ok(Value::String(s.to_string()));
    }
    let cut: String = s.chars().take(length.saturating_sub(1)).collect();
    Ok(Value::String(format!("{}…", cut.trim_end())))
}

/// `href="{{ r.url | safe_url }}"`: the URL when the site's allow-list
/// accepts it, else `#`. Every URL a template writes into an attribute goes
/// through it, whoever built the value (a user's template override too).
fn safe_url(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let s = value.as_str().unwrap_or_default();
    Ok(Value::String(crate::url_policy::or(s, "#").to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse() {
        load(None).expect("built-in templates parse");
    }

    #[test]
    fn overrides_replace_by_name_and_errors_name_the_template() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::write(dir.path().join("404.html"), "custom {{ site.title }}").expect("write");
        let tera = load(Some(dir.path())).expect("load");
        let mut ctx = tera::Context::new();
        ctx.insert("site", &serde_json::json!({"title": "T"}));
        assert_eq!(tera.render("404.html", &ctx).expect("render"), "custom T");
        std::fs::write(dir.path().join("index.html"), "{% if %}").expect("write");
        let err = load(Some(dir.path())).unwrap_err().to_string();
        assert!(err.contains("index.html"), "{err}");
    }
}
