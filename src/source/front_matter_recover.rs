//! Front matter a parser refused, read again one line at a time.
//!
//! Hand-written front matter breaks in a few ways over and over: a title
//! holding a second `: ` ("title: Post-Mortem: Network Outage"), a stray
//! quote, a list left unclosed. Jekyll warns and goes on; the report is
//! still worth reading. The error stays an error (see `super::from_bytes`),
//! and the keys whose own line reads on its own are kept: `key: value`
//! (YAML) or `key = value` (TOML) at the top level, a YAML list of `- item`
//! (or Markdown `* item`) lines under an empty key, and the keys of Zola's `[extra]` and
//! `[taxonomies]` and Hugo's `[params]`. A value that is itself broken
//! (an unclosed `[` or quote) is left out rather than guessed.

use super::front_matter::{Format, FrontMatter, Raw};
use serde_yaml::Value;

/// The keys of `raw` that read line by line. JSON is not read this way:
/// its lines do not stand alone.
pub fn recover(raw: Raw<'_>) -> FrontMatter {
    let mut fm = FrontMatter::default();
    match raw.format {
        Format::Yaml => yaml(raw.text, &mut fm),
        Format::Toml => toml(raw.text, &mut fm),
        Format::Json => {}
    }
    fm.map = super::front_matter::plain_symbol_keys(fm.map);
    fm
}

/// The names of the keys kept, for the diagnostic.
pub fn kept_keys(fm: &FrontMatter) -> Vec<String> {
    fm.map
        .keys()
        .filter_map(|k| k.as_str().map(str::to_string))
        .collect()
}

fn insert(fm: &mut FrontMatter, key: &str, value: Value) {
    let taken = fm
        .map
        .keys()
        .any(|k| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case(key)));
    if !taken {
        fm.map.insert(Value::String(key.to_string()), value);
    }
}

fn is_key(k: &str) -> bool {
    !k.is_empty()
        && k.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn yaml(text: &str, fm: &mut FrontMatter) {
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim();
        if !is_key(key) {
            continue;
        }
        let rest = rest.trim();
        if rest.is_empty() {
            // A block list below: `  - item` lines, or `* item` where a
            // Markdown formatter rewrote the list as bullets (and put a
            // blank line before it).
            let item_at = |j: usize| {
                lines.get(j).and_then(|l: &&str| {
                    let t = l.trim_start();
                    (l.starts_with([' ', '\t', '-', '*']))
                        .then(|| t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")))
                        .flatten()
                })
            };
            let mut first = i;
            while lines.get(first).is_some_and(|l| l.trim().is_empty()) {
                first += 1;
            }
            if item_at(first).is_some() {
                i = first;
            }
            let mut items = Vec::new();
            while let Some(item) = item_at(i) {
                if let Some(v) = plain_value(item.trim(), '#') {
                    items.push(Value::String(v));
                }
                i += 1;
            }
            if !items.is_empty() {
                insert(fm, key, Value::Sequence(items));
            }
            continue;
        }
        if let Some(v) = value(rest, '#') {
            insert(fm, key, v);
        }
    }
}

fn toml(text: &str, fm: &mut FrontMatter) {
    // Keys of the tables the strict reader lifts too (`lift_tool_keys`);
    // the top level's own keys come first and win.
    let mut table: Option<String> = None;
    let mut lifted: Vec<(String, Value)> = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        if let Some(name) = t.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            table = Some(name.trim().to_ascii_lowercase());
            continue;
        }
        let Some((key, rest)) = t.split_once('=') else {
            continue;
        };
        let key = key.trim().trim_matches('"');
        if !is_key(key) {
            continue;
        }
        let Some(v) = value(rest.trim(), '#') else {
            continue;
        };
        match table.as_deref() {
            None => insert(fm, key, v),
            Some("extra" | "taxonomies" | "params") => lifted.push((key.to_string(), v)),
            Some(_) => {}
        }
    }
    for (k, v) in lifted {
        insert(fm, &k, v);
    }
}

/// One value written on its key's line: a quoted string, a flow list
/// (`[a, "b"]`), `true`/`false`, or plain text up to a comment.
fn value(text: &str, comment: char) -> Option<Value> {
    if let Some(inner) = text.strip_prefix('[') {
        let inner = inner.trim_end().strip_suffix(']')?;
        if inner.contains(['[', ']', '{', '}']) {
            return None;
        }
        let items: Vec<Value> = inner
            .split(',')
            .filter_map(|p| plain_value(p.trim(), comment))
            .map(Value::String)
            .collect();
        return Some(Value::Sequence(items));
    }
    if text.starts_with('{') {
        return None;
    }
    match text {
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    plain_value(text, comment).map(Value::String)
}

/// A scalar: a string in matching quotes (the quotes dropped), or plain
/// text with any ` #comment` cut. An unclosed quote gives nothing.
fn plain_value(text: &str, comment: char) -> Option<String> {
    for q in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(q) {
            let end = inner.rfind(q)?;
            let inner = &inner[..end];
            return Some(if q == '"' {
                inner.replace("\\\"", "\"").replace("\\\\", "\\")
            } else {
                inner.replace("''", "'")
            })
            .filter(|s| !s.is_empty());
        }
    }
    let cut = text
        .match_indices(comment)
        .find(|(i, _)| text[..*i].ends_with([' ', '\t']))
        .map_or(text, |(i, _)| &text[..i]);
    Some(cut.trim().to_string()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::front_matter::{parse, split};

    fn recovered(text: &str) -> FrontMatter {
        let raw = split(text).front.expect("front matter found");
        assert!(
            parse(raw).is_err(),
            "the strict parser must refuse {text:?}"
        );
        recover(raw)
    }

    #[test]
    fn lists_a_markdown_formatter_rewrote_as_bullets_are_kept() {
        let fm = recovered(
            "---\ntitle: \"Search outage\"\nseverity: \"P3\"   # staging\nservices:\n\n* \"Search service (staging)\"\n* \"Elasticsearch (staging)\"\nauthor: \"Phú\"\ntags:\n* \"tls\"\n---\n# Body\n",
        );
        assert_eq!(
            fm.list("services"),
            Some(vec![
                "Search service (staging)".to_string(),
                "Elasticsearch (staging)".to_string()
            ])
        );
        assert_eq!(fm.list("tags"), Some(vec!["tls".to_string()]));
        assert_eq!(fm.string("author").as_deref(), Some("Phú"));
        assert_eq!(fm.string("severity").as_deref(), Some("P3"));
    }

    #[test]
    fn a_title_with_a_second_colon_is_kept_whole() {
        let fm = recovered(
            "---\nlayout: post\ntitle: Post-Mortem: Network Outage Affecting Example.org - 15 December 2024\ndate: 2024-12-20\ntags:\n  - outage\n  - network\ndraft: false\n---\n# Body\n",
        );
        assert_eq!(
            fm.string("title").as_deref(),
            Some("Post-Mortem: Network Outage Affecting Example.org - 15 December 2024")
        );
        assert_eq!(fm.string("date").as_deref(), Some("2024-12-20"));
        assert_eq!(
            fm.list("tags"),
            Some(vec!["outage".to_string(), "network".to_string()])
        );
        assert!(!fm.is_draft());
    }

    #[test]
    fn broken_values_are_left_out_and_the_rest_kept() {
        let fm = recovered(
            "---\ntitle: \"Disk full on db-1\nseverity: high # paged\ntags: [a, b\nservices: [api, 'billing']\ndraft: true\n---\n",
        );
        assert_eq!(fm.string("title"), None, "unclosed quote");
        assert_eq!(fm.list("tags"), None, "unclosed list");
        assert_eq!(fm.string("severity").as_deref(), Some("high"));
        assert_eq!(
            fm.list("services"),
            Some(vec!["api".to_string(), "billing".to_string()])
        );
        // A draft stays a draft however broken the rest is.
        assert!(fm.is_draft());
    }

    #[test]
    fn toml_keeps_top_level_and_lifted_keys() {
        let fm = recovered(
            "+++\ntitle = \"Cache stampede: the story\"\ndate = 2024-03-01\nbroken = \"unclosed\n[extra]\nseverity = \"SEV2\"\ntitle = \"not this one\"\n[other]\nstatus = \"ignored\"\n+++\n",
        );
        assert_eq!(
            fm.string("title").as_deref(),
            Some("Cache stampede: the story")
        );
        assert_eq!(fm.string("date").as_deref(), Some("2024-03-01"));
        assert_eq!(fm.string("severity").as_deref(), Some("SEV2"));
        assert_eq!(fm.string("status"), None);
        assert_eq!(fm.string("broken"), None);
    }

    #[test]
    fn nested_and_comment_lines_are_not_keys() {
        let fm = recovered(
            "---\n# a comment: with a colon\nauthor:\n  name: A\n  site: x\nextra: {a: 1\ntitle: T: U\n---\n",
        );
        assert_eq!(kept_keys(&fm), vec!["title".to_string()]);
        assert_eq!(fm.string("title").as_deref(), Some("T: U"));
    }
}
