//! MDX files (Next.js, Nextra and Docusaurus blogs) open on ECMAScript
//! statements instead of front matter: `import` lines, then
//! `export const post = { title: '…', date: '…' }` holding what front
//! matter would. Read as Markdown, those lines were the report's first
//! paragraph: its title, its summary, its cause.
//!
//! The statements before the first line of Markdown are blanked (line
//! numbers kept), and the plain values of the objects they export (quoted
//! strings, lists of them, `true`/`false`, numbers) become the report's
//! front matter, the first object's value winning for a key written twice.

use serde_yaml::{Mapping, Value};

/// The body with its leading ECMAScript statements blanked, and the values
/// they export; `None` when the body does not open on one.
pub fn split(body: &str) -> Option<(String, Mapping)> {
    let first = body.lines().find(|l| !l.trim().is_empty())?;
    if !starts_statement(first) {
        return None;
    }
    let mut out = String::with_capacity(body.len());
    let mut map = Mapping::new();
    let mut depth: i32 = 0;
    let mut in_statement = false;
    let mut rest_from = body.len();
    let mut offset = 0;
    let mut after_blank = false;
    for line in body.split_inclusive('\n') {
        let text = line.trim_end_matches(['\r', '\n']);
        if text.trim().is_empty() {
            out.push_str(line);
            offset += line.len();
            after_blank = true;
            continue;
        }
        if !in_statement {
            if !starts_statement(text) {
                rest_from = offset;
                break;
            }
            in_statement = true;
            read_one_line(text, &mut map);
        } else if after_blank && looks_like_markdown(text) {
            // A statement still open where Markdown resumes: the counting
            // went wrong, and blanking on would hide the report.
            return None;
        }
        after_blank = false;
        // One level into an exported object: `key: 'value',`.
        if depth == 1 {
            if let Some((key, value)) = plain_pair(text) {
                map.entry(Value::String(key.to_string())).or_insert(value);
            }
        }
        depth += bracket_change(text);
        if depth <= 0 {
            depth = 0;
            in_statement = false;
        }
        out.push_str(&line[text.len()..]);
        offset += line.len();
    }
    // A statement never closed: not ECMAScript after all.
    if in_statement {
        return None;
    }
    out.push_str(&body[rest_from.min(body.len())..]);
    Some((out, map))
}

fn starts_statement(line: &str) -> bool {
    let t = line.trim_end();
    (t.starts_with("import ")
        && (t.contains(" from ") || t.contains('{') || t.ends_with(['\'', '"', ';'])))
        || t.starts_with("import '")
        || t.starts_with("import \"")
        || t.starts_with("export const ")
        || t.starts_with("export let ")
        || t.starts_with("export default ")
        || t.starts_with("export function ")
}

/// A statement on one line: `export const title = 'Relay down'`, or an
/// object opened and closed on it (`export const meta = { title: 'x' }`).
fn read_one_line(text: &str, map: &mut Mapping) {
    let Some(rest) = text
        .strip_prefix("export const ")
        .or_else(|| text.strip_prefix("export let "))
    else {
        return;
    };
    let Some((name, value)) = rest.split_once('=') else {
        return;
    };
    let value = value.trim().trim_end_matches(';');
    if let Some(inner) = value.strip_prefix('{').and_then(|v| v.strip_suffix('}')) {
        for pair in split_outside_quotes(inner) {
            if let Some((key, value)) = plain_pair(pair) {
                map.entry(Value::String(key.to_string())).or_insert(value);
            }
        }
    } else if let Some((key, value)) = plain_pair(&format!("{}: {value}", name.trim())) {
        map.entry(Value::String(key.to_string())).or_insert(value);
    }
}

/// `a: 'x, y', b: [1, 2]` split at the commas between pairs.
fn split_outside_quotes(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quote: Option<char> = None;
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`') => quote = Some(c),
            (None, '[' | '{' | '(') => depth += 1,
            (None, ']' | '}' | ')') => depth -= 1,
            (None, ',') if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// A Markdown heading or a line of prose at the left margin.
fn looks_like_markdown(text: &str) -> bool {
    let t = text.trim_end();
    t.starts_with("# ")
        || t.starts_with("## ")
        || t.starts_with("### ")
        || (!t.starts_with([' ', '\t', '}', ']', ')', '<', '/', '*'])
            && t.split_whitespace().count() >= 4
            && t.ends_with(['.', ':', '!', '?']))
}

/// How much deeper in brackets a line leaves the statement. Brackets in
/// quoted strings and `//` comments do not count, and an apostrophe inside
/// a word ("Don't" in JSX text) opens no string.
fn bracket_change(line: &str) -> i32 {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut prev: Option<char> = None;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            prev = Some(c);
            continue;
        }
        match c {
            '/' if chars.peek() == Some(&'/') => break,
            '\'' | '"' | '`' if !prev.is_some_and(char::is_alphanumeric) => quote = Some(c),
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => depth -= 1,
            _ => {}
        }
        prev = Some(c);
    }
    depth
}

/// `title: 'Relay down',` or `tags: ["a", "b"],` or `draft: false,`.
fn plain_pair(line: &str) -> Option<(&str, Value)> {
    let (key, value) = line.trim().split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let value = value.trim().trim_end_matches(',').trim();
    if let Some(s) = quoted(value) {
        return Some((key, Value::String(s)));
    }
    if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        let items: Option<Vec<Value>> = inner
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| quoted(s).map(Value::String))
            .collect();
        return items.map(|v| (key, Value::Sequence(v)));
    }
    match value {
        "true" => Some((key, Value::Bool(true))),
        "false" => Some((key, Value::Bool(false))),
        _ => value
            .parse::<i64>()
            .ok()
            .map(|n| (key, Value::Number(n.into()))),
    }
}

fn quoted(value: &str) -> Option<String> {
    let q = value
        .chars()
        .next()
        .filter(|c| matches!(c, '\'' | '"' | '`'))?;
    let inner = value.strip_prefix(q)?.strip_suffix(q)?;
    (!inner.contains(q) || inner.contains('\\'))
        .then(|| inner.replace(&format!("\\{q}"), &q.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "import { Layout } from '@/components/Layout'\nimport Image from 'next/image'\n\nexport const post = {\n  draft: false,\n  date: '2024-11-19',\n  title: 'Relay down: A post-mortem',\n  tags: ['outage', \"relay\"],\n}\n\nexport const metadata = {\n  title: post.title,\n  description: 'Second',\n}\n\nexport default (props) => <Layout article={post} {...props} />\n\n## What happened\n\nThe relay ran out of disk.\n";

    #[test]
    fn leading_statements_become_front_matter_and_blank_lines() {
        let (body, map) = split(POST).expect("mdx");
        assert_eq!(body.lines().count(), POST.lines().count());
        let first = body.lines().position(|l| !l.trim().is_empty());
        assert_eq!(
            body.lines().nth(first.unwrap_or(0)),
            Some("## What happened")
        );
        let get = |k: &str| map.get(Value::String(k.into())).cloned();
        assert_eq!(
            get("title"),
            Some(Value::String("Relay down: A post-mortem".into()))
        );
        assert_eq!(get("date"), Some(Value::String("2024-11-19".into())));
        assert_eq!(get("draft"), Some(Value::Bool(false)));
        assert_eq!(get("description"), Some(Value::String("Second".into())));
        assert_eq!(
            get("tags"),
            Some(Value::Sequence(vec![
                Value::String("outage".into()),
                Value::String("relay".into())
            ]))
        );
    }

    #[test]
    fn one_line_exports_and_apostrophes_in_jsx() {
        let src = "export const meta = { title: 'Relay down, again', date: '2024-11-19' }\nexport default () => (<p>Don't panic</p>) // it's fine (really\n\n# Relay down\n\nThe relay ran out of disk.\n\n1) Cleared the disk\n";
        let (body, map) = split(src).expect("mdx");
        assert!(body.contains("# Relay down"), "{body}");
        assert!(body.contains("1) Cleared the disk"), "{body}");
        let get = |k: &str| map.get(Value::String(k.into())).cloned();
        assert_eq!(
            get("title"),
            Some(Value::String("Relay down, again".into()))
        );
        assert_eq!(get("date"), Some(Value::String("2024-11-19".into())));
        let (_, map) = split("export const title = 'Relay down'\n\n# X\n").expect("mdx");
        assert_eq!(
            map.get(Value::String("title".into())).cloned(),
            Some(Value::String("Relay down".into()))
        );
    }

    #[test]
    fn a_statement_left_open_where_markdown_resumes_blanks_nothing() {
        // A bracket the counter cannot see closed: the report is kept.
        assert!(split("export const x = {\n  a: 1,\n\n# Relay down\n\nText.\n").is_none());
    }

    #[test]
    fn markdown_that_mentions_import_is_left_alone() {
        assert!(split("# Import failures\n\nimport of the CSV failed\n").is_none());
        assert!(split("Import failures happened.\n").is_none());
        // An object never closed is no statement.
        assert!(split("export const post = {\n  title: 'x',\n\n# Heading\n").is_none());
    }
}
