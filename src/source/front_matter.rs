//! Splits YAML front matter (`---` … `---`) from the body and parses it,
//! with line and column of any YAML error in the file's own numbering.

use serde_yaml::{Mapping, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    pub map: Mapping,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FrontMatterError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Front matter (if any), the body, and the 1-based line the body starts at.
pub struct Split<'a> {
    pub yaml: Option<&'a str>,
    pub body: &'a str,
    pub body_line: usize,
}

pub fn split(text: &str) -> Split<'_> {
    let none = Split {
        yaml: None,
        body: text,
        body_line: 1,
    };
    let Some(rest) = text.strip_prefix("---\n") else {
        return none;
    };
    // The closing fence is a line holding only `---` or `...`.
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + yaml.lines().count() + 1;
            return Split {
                yaml: Some(yaml),
                body,
                body_line,
            };
        }
        offset += line.len();
    }
    none
}

/// Parses front matter YAML. Line numbers count from the file's first line.
pub fn parse(yaml: &str) -> Result<FrontMatter, FrontMatterError> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter {
            map: Mapping::new(),
        });
    }
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(map)) => Ok(FrontMatter { map }),
        Ok(Value::Null) => Ok(FrontMatter {
            map: Mapping::new(),
        }),
        Ok(_) => Err(FrontMatterError {
            line: 2,
            column: 1,
            message: "front matter must be a mapping of keys to values".into(),
        }),
        Err(e) => {
            let (line, column) = e
                .location()
                .map(|l| (l.line() + 1, l.column()))
                .unwrap_or((2, 1));
            let message = e.to_string();
            // serde_yaml appends " at line X column Y" in its own numbering.
            let message = match message.find(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message,
            };
            Err(FrontMatterError {
                line,
                column,
                message,
            })
        }
    }
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
    fn split_table() {
        let s = split("---\ntitle: X\n---\n# Body\n");
        assert_eq!(s.yaml, Some("title: X\n"));
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 4);
        let s = split("# No front matter\n---\n");
        assert!(s.yaml.is_none());
        let s = split("---\nunclosed: yes\n# Body\n");
        assert!(
            s.yaml.is_none(),
            "an unclosed fence is a thematic break, not front matter"
        );
    }

    #[test]
    fn yaml_error_has_file_line_and_column() {
        let text = "---\ntitle: ok\ntags: [a, b\n---\n";
        let s = split(text);
        let err = parse(s.yaml.unwrap()).unwrap_err();
        assert!(err.line >= 3, "{err:?}");
        assert!(!err.message.contains(" at line "), "{err:?}");
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
        assert!(parse(&y).is_err());
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn values_as_strings_and_lists() {
        let fm = parse("title: T\ndate: 2025-10-26\ntags: [a, b]\nservices: x, y\nn: 3\n").unwrap();
        assert_eq!(fm.string("TITLE").as_deref(), Some("T"));
        assert_eq!(fm.string("date").as_deref(), Some("2025-10-26"));
        assert_eq!(fm.list("tags").unwrap(), vec!["a", "b"]);
        assert_eq!(fm.list("services").unwrap(), vec!["x", "y"]);
        assert_eq!(fm.string("n").as_deref(), Some("3"));
    }
}
