//! Splits front matter from the body and parses it into one representation
//! (a YAML mapping), whichever way the file writes it:
//!
//! - YAML between `---` fences (Jekyll, Hugo, most Markdown tools);
//! - TOML between `+++` fences (Zola, Hugo);
//! - a JSON object at the very start of the file (Hugo).
//!
//! Zola keeps custom keys under `[extra]` and taxonomies under
//! `[taxonomies]`; Hugo keeps custom keys under `params`. Those keys are
//! lifted to the top level (a top-level key of the same name wins), so the
//! rest of incidex reads `severity`, `tags`, … the same way for every tool.
//! Parse errors carry line and column in the file's own numbering.

use serde_yaml::{Mapping, Value};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub map: Mapping,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FrontMatterError {
    /// 1-based line of the file.
    pub line: usize,
    /// 1-based column (in characters) on that line.
    pub column: usize,
    pub message: String,
}

/// The syntax a front matter block is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
    Json,
}

/// A front matter block as written, before parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Raw<'a> {
    pub format: Format,
    pub text: &'a str,
    /// 1-based line of the file at which `text` starts.
    pub line: usize,
}

/// Front matter (if any), the body, and the 1-based line the body starts at.
pub struct Split<'a> {
    pub front: Option<Raw<'a>>,
    pub body: &'a str,
    pub body_line: usize,
}

pub fn split(text: &str) -> Split<'_> {
    let none = Split {
        front: None,
        body: text,
        body_line: 1,
    };
    let first_line = text.split_inclusive('\n').next().unwrap_or("");
    let (format, closers): (Format, &[&str]) = match first_line.trim_end() {
        "---" => (Format::Yaml, &["---", "..."]),
        "+++" => (Format::Toml, &["+++"]),
        _ if looks_like_json_object(text) => return split_json(text).unwrap_or(none),
        _ => return none,
    };
    if !first_line.ends_with('\n') {
        return none;
    }
    let rest = &text[first_line.len()..];
    // The closing fence is a line holding only the fence.
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if closers.contains(&line.trim_end()) {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Split {
                front: Some(Raw {
                    format,
                    text: front,
                    line: 2,
                }),
                body,
                body_line: 2 + front.matches('\n').count() + 1,
            };
        }
        offset += line.len();
    }
    // Unclosed: a thematic break or a line of pluses, not front matter.
    none
}

/// `{` then a key or `}`: a JSON object, not a `{{< shortcode >}}` or a
/// `{% liquid %}` tag that a body may start with.
fn looks_like_json_object(text: &str) -> bool {
    text.strip_prefix('{')
        .map(str::trim_start)
        .is_some_and(|r| r.starts_with('"') || r.starts_with('}'))
}

/// The JSON object at the start of `text`: where it ends is where the JSON
/// reader stops. An object that does not parse is still front matter (the
/// file plainly meant one), so its error can be reported with a position.
fn split_json(text: &str) -> Option<Split<'_>> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
    let end = match stream.next() {
        Some(Ok(_)) => stream.byte_offset(),
        // Nothing after the error can be trusted as body: treat all as front matter.
        Some(Err(_)) | None => text.len(),
    };
    let front = text.get(..end)?;
    let rest = text.get(end..)?;
    // The rest of the closing brace's line belongs to the front matter.
    let body = match rest.find('\n') {
        Some(i) if rest[..i].trim().is_empty() => &rest[i + 1..],
        _ => rest,
    };
    let consumed = text.len() - body.len();
    Some(Split {
        front: Some(Raw {
            format: Format::Json,
            text: front,
            line: 1,
        }),
        body,
        body_line: 1 + text[..consumed].matches('\n').count(),
    })
}

/// Parses a front matter block. Error positions count from the file's
/// first line.
pub fn parse(raw: Raw<'_>) -> Result<FrontMatter, FrontMatterError> {
    if raw.text.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    guard(raw)?;
    let value = match raw.format {
        Format::Yaml => parse_yaml(raw)?,
        Format::Toml => parse_toml(raw)?,
        Format::Json => parse_json(raw)?,
    };
    match value {
        Value::Mapping(map) => Ok(FrontMatter {
            map: lift_tool_keys(plain_symbol_keys(map)),
        }),
        Value::Null => Ok(FrontMatter::default()),
        _ => Err(FrontMatterError {
            line: raw.line,
            column: 1,
            message: "front matter must be a mapping of keys to values".into(),
        }),
    }
}

/// Front matter past this size is refused: real front matter is a few
/// hundred bytes, and the parsers' cost on crafted input grows with it.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;
/// YAML aliases (`*name`) allowed: each may expand a whole anchored value,
/// and aliases of aliases grow exponentially ("billion laughs").
pub const MAX_ALIASES: usize = 32;
/// Nesting of `[` and `{` allowed before a parser recurses that deep.
pub const MAX_NESTING: usize = 64;

/// Whether `raw` is refused before any parser reads it (see `guard`).
pub fn refused(raw: Raw<'_>) -> bool {
    guard(raw).is_err()
}

/// Refuses front matter that would make a parser allocate or recurse
/// without bound, before any parser sees it: too large, too many YAML
/// aliases, or nested too deep. One linear pass over the characters.
fn guard(raw: Raw<'_>) -> Result<(), FrontMatterError> {
    let refuse = |at: usize, message: String| {
        let (line, column) = line_column(raw.text, at);
        Err(FrontMatterError {
            line: raw.line + line - 1,
            column,
            message,
        })
    };
    if raw.text.len() > MAX_FRONT_MATTER_BYTES {
        return refuse(
            0,
            format!(
                "front matter is {} KB; at most {} KB is read",
                raw.text.len() / 1024,
                MAX_FRONT_MATTER_BYTES / 1024
            ),
        );
    }
    // Quotes and comments are not skipped: a quote the scanner took for an
    // opening one (YAML's plain scalars may hold `'`) would hide the rest
    // from it. Counting brackets and stars inside strings too only errs on
    // the side of refusing, and real front matter is far from the limits.
    let yaml = raw.format == Format::Yaml;
    let (mut depth, mut aliases) = (0usize, 0usize);
    let mut prev = '\n';
    let mut chars = raw.text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '[' | '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return refuse(
                        at,
                        format!("front matter nests deeper than {MAX_NESTING} levels"),
                    );
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            '*' if yaml
                && (prev.is_whitespace() || "[{,:-".contains(prev))
                && chars
                    .peek()
                    .is_some_and(|(_, n)| !n.is_whitespace() && !",[]{}*".contains(*n)) =>
            {
                aliases += 1;
                if aliases > MAX_ALIASES {
                    return refuse(
                        at,
                        format!("front matter uses more than {MAX_ALIASES} YAML aliases"),
                    );
                }
            }
            _ => {}
        }
        prev = c;
    }
    Ok(())
}

fn parse_yaml(raw: Raw<'_>) -> Result<Value, FrontMatterError> {
    serde_yaml::from_str::<Value>(raw.text).map_err(|e| {
        // serde_yaml counts lines from 1 within the block.
        let (line, column) = e
            .location()
            .map(|l| (raw.line + l.line().saturating_sub(1), l.column().max(1)))
            .unwrap_or((raw.line, 1));
        FrontMatterError {
            line,
            column,
            message: strip_position(e.to_string()),
        }
    })
}

fn parse_toml(raw: Raw<'_>) -> Result<Value, FrontMatterError> {
    match toml::from_str::<toml::Table>(raw.text) {
        Ok(table) => Ok(from_toml(toml::Value::Table(table))),
        Err(e) => {
            let (line, column) = e
                .span()
                .map(|s| line_column(raw.text, s.start))
                .unwrap_or((1, 1));
            Err(FrontMatterError {
                line: raw.line + line - 1,
                column,
                // One line: a diagnostic is `file:line:column: message`.
                message: e.message().trim().replace('\n', "; "),
            })
        }
    }
}

fn parse_json(raw: Raw<'_>) -> Result<Value, FrontMatterError> {
    serde_json::from_str::<serde_json::Value>(raw.text)
        .map(from_json)
        .map_err(|e| FrontMatterError {
            // serde_json counts from 1; the block starts the file.
            line: raw.line + e.line().saturating_sub(1),
            column: e.column().max(1),
            message: strip_position(e.to_string()),
        })
}

/// 1-based line and character column of byte `at` in `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let at = (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// serde_yaml and serde_json append " at line X column Y" in their own
/// numbering; the diagnostic gives the file's instead.
fn strip_position(message: String) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    }
}

fn from_toml(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        // `date = 2021-04-28` (unquoted) is a TOML date: keep it as the
        // text it was written as, the way YAML gives dates.
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Sequence(items.into_iter().map(from_toml).collect()),
        toml::Value::Table(t) => Value::Mapping(
            t.into_iter()
                .map(|(k, v)| (Value::String(k), from_toml(v)))
                .collect(),
        ),
    }
}

fn from_json(v: serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::Number(i.into())
            } else if let Some(u) = n.as_u64() {
                Value::Number(u.into())
            } else {
                Value::Number(n.as_f64().unwrap_or(0.0).into())
            }
        }
        serde_json::Value::String(s) => Value::String(s),
        serde_json::Value::Array(items) => {
            Value::Sequence(items.into_iter().map(from_json).collect())
        }
        serde_json::Value::Object(o) => Value::Mapping(
            o.into_iter()
                .map(|(k, v)| (Value::String(k), from_json(v)))
                .collect(),
        ),
    }
}

/// Keys written as Ruby symbols (`:title:`, `:tags:`), as Awestruct and
/// older Jekyll sites write front matter: YAML reads the key as `:title`.
/// Each is the plain key, unless that is written too.
pub fn plain_symbol_keys(map: Mapping) -> Mapping {
    let symbol = |k: &Value| {
        k.as_str()
            .and_then(|s| s.strip_prefix(':'))
            .filter(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic()))
            .map(str::to_string)
    };
    if !map.keys().any(|k| symbol(k).is_some()) {
        return map;
    }
    let plain: std::collections::HashSet<String> = map
        .keys()
        .filter_map(|k| k.as_str().filter(|s| !s.starts_with(':')))
        .map(str::to_ascii_lowercase)
        .collect();
    map.into_iter()
        .map(|(k, v)| match symbol(&k) {
            Some(name) if !plain.contains(&name.to_ascii_lowercase()) => (Value::String(name), v),
            _ => (k, v),
        })
        .collect()
}

/// Tables whose keys are the page's own keys in a static site generator:
/// Zola `[taxonomies]` and `[extra]`, Hugo `params`.
const NESTED_KEY_TABLES: &[&str] = &["taxonomies", "extra", "params"];

/// Lifts the keys of `NESTED_KEY_TABLES` to the top level, without
/// overwriting a key the top level already has. The tables stay too.
fn lift_tool_keys(mut map: Mapping) -> Mapping {
    for table in NESTED_KEY_TABLES {
        let nested = map.iter().find_map(|(k, v)| match (k, v) {
            (Value::String(s), Value::Mapping(m)) if s.eq_ignore_ascii_case(table) => {
                Some(m.clone())
            }
            _ => None,
        });
        for (k, v) in nested.into_iter().flatten() {
            let Value::String(name) = &k else { continue };
            let taken = map
                .keys()
                .any(|have| have.as_str().is_some_and(|h| h.eq_ignore_ascii_case(name)));
            if !taken {
                map.insert(k, v);
            }
        }
    }
    map
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.map.iter().find_map(|(k, v)| match k {
            Value::String(s) if s.eq_ignore_ascii_case(key) => Some(v),
            _ => None,
        })
    }

    /// A scalar value as text (strings, numbers, booleans, dates).
    pub fn string(&self, key: &str) -> Option<String> {
        scalar(self.get(key)?)
    }

    /// A list of strings, from a YAML list or a comma-separated string.
    pub fn list(&self, key: &str) -> Option<Vec<String>> {
        match self.get(key)? {
            Value::Sequence(items) => Some(items.iter().filter_map(scalar).collect()),
            other => scalar(other).map(|s| {
                s.split(',')
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect()
            }),
        }
    }

    /// `draft: true` (or `"yes"`): Hugo and Zola leave such pages out.
    pub fn is_draft(&self) -> bool {
        self.string("draft")
            .is_some_and(|d| d.eq_ignore_ascii_case("true") || d.eq_ignore_ascii_case("yes"))
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar(&t.value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ruby_symbol_keys_are_the_plain_keys() {
        let fm =
            load("---\n:layout: post\n:title: \"Log4j response\"\n:tags:\n- security\n---\nBody\n")
                .unwrap();
        assert_eq!(fm.string("title").as_deref(), Some("Log4j response"));
        assert_eq!(fm.list("tags"), Some(vec!["security".to_string()]));
        // The plain key, when written too, is the one read.
        let fm = load("---\ntitle: Plain\n:title: Symbol\n---\nBody\n").unwrap();
        assert_eq!(fm.string("title").as_deref(), Some("Plain"));
        // A key that only opens with a colon and no letter stays as written.
        let fm = load("---\n\":-)\": smile\n---\nBody\n").unwrap();
        assert_eq!(fm.string(":-)").as_deref(), Some("smile"));
    }

    fn load(text: &str) -> Result<FrontMatter, FrontMatterError> {
        let raw = split(text).front.expect("front matter found");
        parse(raw)
    }

    #[test]
    fn bombs_are_refused_before_parsing_with_their_position() {
        // Billion laughs: each level aliases the one before ten times.
        let mut yaml = String::from("---\na: &a [\"lol\"]\n");
        for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
            let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
            yaml.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 10].join(",")
            ));
        }
        yaml.push_str("---\n");
        let e = load(&yaml).expect_err("refused");
        assert!(e.message.contains("aliases"), "{}", e.message);
        assert_eq!(e.line, 6, "the 33rd alias is on the file's line 6");

        let deep = format!("---\ntitle: x\nnest: {}\n---\n", "[".repeat(10_000));
        let e = load(&deep).expect_err("refused");
        assert!(e.message.contains("nests deeper"), "{}", e.message);
        assert_eq!((e.line, e.column), (3, 7 + MAX_NESTING));

        let deep_json = format!("{{\"a\": {}}}\n# T\n", "{\"a\": ".repeat(1000));
        let raw = split(&deep_json).front.expect("json front matter");
        assert!(parse(raw).is_err());

        let big = format!("---\ntitle: x\nsummary: \"{}\"\n---\n", "a".repeat(70_000));
        let e = load(&big).expect_err("refused");
        assert!(e.message.contains("at most 64 KB"), "{}", e.message);

        // Ordinary front matter, stars and brackets included, still reads.
        let ok = load("---\ntitle: \"[RESOLVED] *Cache* stampede\"\ntags: [a, b]\nbase: &b {x: 1}\nother: *b\n---\n")
            .expect("reads");
        assert_eq!(
            ok.string("title").as_deref(),
            Some("[RESOLVED] *Cache* stampede")
        );
    }

    #[test]
    fn split_yaml() {
        let s = split("---\ntitle: X\n---\n# Body\n");
        let raw = s.front.unwrap();
        assert_eq!(
            (raw.format, raw.text, raw.line),
            (Format::Yaml, "title: X\n", 2)
        );
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 4);
        let s = split("# No front matter\n---\n");
        assert!(s.front.is_none());
        let s = split("---\nunclosed: yes\n# Body\n");
        assert!(
            s.front.is_none(),
            "an unclosed fence is a thematic break, not front matter"
        );
    }

    #[test]
    fn split_toml_and_json() {
        let s = split("+++\ntitle = \"X\"\n+++\n\n# Body\n");
        let raw = s.front.unwrap();
        assert_eq!((raw.format, raw.text), (Format::Toml, "title = \"X\"\n"));
        assert_eq!((s.body, s.body_line), ("\n# Body\n", 4));

        let s = split("{\n  \"title\": \"X\",\n  \"tags\": [\"a\"]\n}\n# Body\n");
        let raw = s.front.unwrap();
        assert_eq!(raw.format, Format::Json);
        assert!(raw.text.ends_with('}'), "{:?}", raw.text);
        assert_eq!((s.body, s.body_line), ("# Body\n", 5));

        // A body may open with a template tag; that is not JSON.
        assert!(split("{{< note >}}\nHi\n").front.is_none());
        assert!(split("{% raw %}\nHi\n").front.is_none());
        // A lone `+++` line is text.
        assert!(split("+++\nno closing fence\n").front.is_none());
    }

    #[test]
    fn zola_toml_front_matter() {
        let fm = load(
            "+++\ntitle = \"Cache outage report\"\ndate = 2021-04-28\nupdated = 2021-05-02T10:00:00Z\n\
             draft = true\nslug = \"cache-outage\"\naliases = [\"/old/cache.html\"]\nauthors = [\"Ann\", \"Bo\"]\n\n\
             [taxonomies]\ntags = [\"cache\", \"redis\"]\ncategories = [\"outage\"]\n\n\
             [extra]\nseverity = \"SEV2\"\nservices = [\"checkout\"]\n+++\n# Body\n",
        )
        .unwrap();
        assert_eq!(fm.string("title").as_deref(), Some("Cache outage report"));
        // An unquoted TOML date converts to the text it was written as.
        assert_eq!(fm.string("date").as_deref(), Some("2021-04-28"));
        assert_eq!(
            fm.string("updated").as_deref(),
            Some("2021-05-02T10:00:00Z")
        );
        assert!(fm.is_draft());
        assert_eq!(fm.string("slug").as_deref(), Some("cache-outage"));
        assert_eq!(fm.list("authors").unwrap(), vec!["Ann", "Bo"]);
        assert_eq!(fm.list("aliases").unwrap(), vec!["/old/cache.html"]);
        assert_eq!(fm.list("tags").unwrap(), vec!["cache", "redis"]);
        assert_eq!(fm.list("categories").unwrap(), vec!["outage"]);
        assert_eq!(fm.string("severity").as_deref(), Some("SEV2"));
        assert_eq!(fm.list("services").unwrap(), vec!["checkout"]);
    }

    #[test]
    fn top_level_keys_win_over_nested_ones() {
        let fm = load("+++\ntitle = \"Top\"\ntags = [\"top\"]\n[taxonomies]\ntags = [\"nested\"]\n[extra]\ntitle = \"Not this\"\n+++\n").unwrap();
        assert_eq!(fm.list("tags").unwrap(), vec!["top"]);
        assert_eq!(fm.string("title").as_deref(), Some("Top"));
    }

    #[test]
    fn hugo_json_and_yaml_front_matter() {
        let fm = load(
            "{\n  \"title\": \"Queue backlog\",\n  \"date\": \"2023-03-01T08:00:00Z\",\n  \"lastmod\": \"2023-03-09\",\n  \
             \"draft\": false,\n  \"tags\": [\"queue\"],\n  \"params\": {\"status\": \"resolved\", \"services\": [\"billing\"]}\n}\n\nText\n",
        )
        .unwrap();
        assert_eq!(fm.string("title").as_deref(), Some("Queue backlog"));
        assert_eq!(fm.string("date").as_deref(), Some("2023-03-01T08:00:00Z"));
        assert_eq!(fm.string("lastmod").as_deref(), Some("2023-03-09"));
        assert!(!fm.is_draft());
        assert_eq!(fm.list("tags").unwrap(), vec!["queue"]);
        assert_eq!(fm.string("status").as_deref(), Some("resolved"));
        assert_eq!(fm.list("services").unwrap(), vec!["billing"]);

        let fm = load("---\ntitle: T\ndraft: true\nparams:\n  severity: high\n---\n").unwrap();
        assert!(fm.is_draft());
        assert_eq!(fm.string("severity").as_deref(), Some("high"));
    }

    #[test]
    fn yaml_error_has_file_line_and_column() {
        // Line 3 of the file, the value's second character is the stray quote.
        let err = load("---\ntitle: ok\nkey: a\"b: c: d\n---\n").unwrap_err();
        assert_eq!(err.line, 3, "{err:?}");
        assert!(err.column > 1, "{err:?}");
        assert!(!err.message.contains(" at line "), "{err:?}");
        let err = load("---\ntitle: ok\ntags: [a, b\n---\n").unwrap_err();
        assert!(err.line >= 3, "{err:?}");
    }

    #[test]
    fn toml_error_has_file_line_and_column() {
        // `date = 2021-13-01` is on line 3 of the file; the bad month is at column 13.
        let err = load("+++\ntitle = \"ok\"\ndate = 2021-13-01\n+++\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 13), "{err:?}");
        assert!(
            !err.message.is_empty() && !err.message.contains('\n'),
            "{err:?}"
        );
        let err = load("+++\ntitle = \"ok\"\n\nbroken line\n+++\n").unwrap_err();
        assert_eq!(err.line, 4, "{err:?}");
    }

    #[test]
    fn json_error_has_file_line_and_column() {
        // The missing comma shows at line 3, column 3 (the next key's quote).
        let err =
            load("{\n  \"title\": \"ok\"\n  \"date\": \"2021-01-01\"\n}\nBody\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 3), "{err:?}");
        assert!(!err.message.contains(" at line "), "{err:?}");
    }

    #[test]
    fn non_mapping_front_matter_is_an_error() {
        assert!(load("---\n- a\n- b\n---\n").is_err());
    }

    #[test]
    fn alias_bomb_is_refused_not_expanded() {
        let mut y = String::from("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        let mut prev = 'a';
        for name in 'b'..='j' {
            y.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
            prev = name;
        }
        let started = std::time::Instant::now();
        let raw = Raw {
            format: Format::Yaml,
            text: &y,
            line: 2,
        };
        assert!(parse(raw).is_err());
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn values_as_strings_and_lists() {
        let fm = load("---\ntitle: T\ndate: 2025-10-26\ntags: [a, b]\nservices: x, y\nn: 3\n---\n")
            .unwrap();
        assert_eq!(fm.string("TITLE").as_deref(), Some("T"));
        assert_eq!(fm.string("date").as_deref(), Some("2025-10-26"));
        assert_eq!(fm.list("tags").unwrap(), vec!["a", "b"]);
        assert_eq!(fm.list("services").unwrap(), vec!["x", "y"]);
        assert_eq!(fm.string("n").as_deref(), Some("3"));
    }
}
