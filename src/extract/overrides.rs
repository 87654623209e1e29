//! Front matter keys named like incident fields override what extraction
//! found (SPEC: "Front matter keys with these names override what is
//! extracted from the text"). Lists may be given as YAML lists or, for
//! plain strings, as one comma-free string.

use super::signature::signature;
use crate::model::{ActionItem, ErrorEntry, Incident, Narrative, Reference};
use crate::source::FrontMatter;
use serde_yaml::Value;

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Sequence(items) => items.iter().flat_map(strings).collect(),
        Value::String(s) => vec![s.trim().to_string()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect(),
        Value::Number(n) => vec![n.to_string()],
        Value::Mapping(m) => m
            .iter()
            .filter_map(|(k, v)| match (k.as_str(), v.as_str()) {
                (Some("text" | "message" | "url"), Some(s)) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn field<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.as_mapping()?
        .iter()
        .find(|(k, _)| k.as_str() == Some(key))?
        .1
        .as_str()
}

fn narratives(v: &Value) -> Vec<Narrative> {
    match v {
        Value::Sequence(items) => items.iter().flat_map(narratives).collect(),
        Value::Mapping(_) => field(v, "text")
            .map(|t| Narrative {
                title: field(v, "title").map(str::to_string),
                text: t.to_string(),
                markdown: None,
            })
            .into_iter()
            .collect(),
        other => strings(other)
            .into_iter()
            .map(|text| Narrative {
                title: None,
                text,
                markdown: None,
            })
            .collect(),
    }
}

pub fn apply(fm: &FrontMatter, inc: &mut Incident) {
    if let Some(v) = fm.get("lessons") {
        inc.lessons = strings(v);
    }
    if let Some(v) = fm.get("root_causes").or_else(|| fm.get("root_cause")) {
        inc.root_causes = narratives(v);
    }
    if let Some(v) = fm.get("fixes").or_else(|| fm.get("fix")) {
        inc.fixes = narratives(v);
    }
    if let Some(v) = fm.get("errors") {
        inc.errors = strings(v)
            .into_iter()
            .map(|message| ErrorEntry {
                signature: signature(&message),
                message,
                language: Some("text".into()),
            })
            .collect();
    }
    if let Some(v) = fm.get("action_items") {
        inc.action_items = match v {
            Value::Sequence(items) => items
                .iter()
                .filter_map(|item| match item {
                    Value::Mapping(_) => field(item, "text").map(|t| ActionItem {
                        text: t.to_string(),
                        done: item.get("done").and_then(Value::as_bool).unwrap_or(false),
                    }),
                    other => other.as_str().map(|t| ActionItem {
                        text: t.to_string(),
                        done: false,
                    }),
                })
                .collect(),
            other => strings(other)
                .into_iter()
                .map(|text| ActionItem { text, done: false })
                .collect(),
        };
    }
    if let Some(v) = fm.get("references") {
        inc.references = match v {
            Value::Sequence(items) => items
                .iter()
                .filter_map(|item| match item {
                    Value::Mapping(_) => field(item, "url").map(|u| Reference {
                        title: field(item, "title").map(str::to_string),
                        url: u.to_string(),
                    }),
                    other => other.as_str().map(|u| Reference {
                        title: None,
                        url: u.to_string(),
                    }),
                })
                .collect(),
            other => strings(other)
                .into_iter()
                .map(|url| Reference { title: None, url })
                .collect(),
        };
        // Front matter may name any scheme; keep only what a page may link.
        inc.references
            .retain(|r| crate::url_policy::is_allowed(&r.url));
    }
    if let Some(list) = fm.list("technologies") {
        inc.technologies = list;
    }
    if let Some(list) = fm.list("services") {
        inc.services = list;
    }
    if let Some(s) = fm.string("status_text") {
        inc.status_text = Some(s);
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::source::from_bytes;
    use std::path::Path;

    fn incident(md: &str) -> crate::model::Incident {
        let src = from_bytes(md.as_bytes(), Path::new("x.md"), "x.md").expect("read");
        crate::extract::extract(&src, &Config::default()).incident
    }

    #[test]
    fn front_matter_fields_override_extraction() {
        let inc = incident(
            "---\nlessons: [Cap the pool]\nroot_cause: The pool was unbounded\nerrors: [\"ERROR: pool exhausted (pid 42)\"]\naction_items:\n  - {text: Add alert, done: true}\nreferences: [\"https://example.com/a\"]\ntechnologies: [FooDB]\n---\n# T\n\n## Lessons Learned\n\n- Something else\n",
        );
        assert_eq!(inc.lessons, vec!["Cap the pool"]);
        assert_eq!(inc.root_causes[0].text, "The pool was unbounded");
        assert_eq!(inc.errors[0].signature, "pool-exhausted-pid");
        assert!(inc.action_items[0].done);
        assert_eq!(inc.references[0].url, "https://example.com/a");
        assert_eq!(inc.technologies, vec!["FooDB"]);
    }
}
