//! The incident model: what one postmortem becomes once read, and the set of
//! all of them (`Site`). These types are the JSON schema of SPEC.md (schema
//! version 1): every key is always present, absent values are `null` or `[]`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the incident JSON schema printed by `show --json` and `export`.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Incident {
    pub schema: u32,
    pub id: String,
    pub source: String,
    pub url: String,
    pub title: String,
    pub date: Option<String>,
    pub status: Option<String>,
    pub status_text: Option<String>,
    pub severity: Option<String>,
    pub services: Vec<String>,
    pub technologies: Vec<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub errors: Vec<ErrorEntry>,
    pub root_causes: Vec<Narrative>,
    pub fixes: Vec<Narrative>,
    pub changes: Vec<Change>,
    pub lessons: Vec<String>,
    pub action_items: Vec<ActionItem>,
    pub references: Vec<Reference>,
    pub impact: Option<String>,
    pub timeline: Vec<TimelineEntry>,
    pub sections: Vec<SectionInfo>,
    pub repaired_encoding: bool,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ErrorEntry {
    /// The message as written (log-level prefix removed, lines kept).
    pub message: String,
    /// The message normalized so that the same error from two machines
    /// (other numbers, ids, paths, timestamps) shares it.
    pub signature: String,
    pub language: Option<String>,
}

/// A titled piece of prose: one root cause or one fix.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Narrative {
    pub title: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Change {
    pub title: Option<String>,
    pub file: Option<String>,
    pub language: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ActionItem {
    pub text: String,
    pub done: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Reference {
    pub title: Option<String>,
    pub url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TimelineEntry {
    pub time: Option<String>,
    pub event: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SectionInfo {
    pub heading: String,
    pub level: u8,
    pub role: String,
}

impl Incident {
    /// The site URL of an incident, relative to the site root.
    pub fn url_for(id: &str) -> String {
        format!("/incidents/{id}/")
    }
}

/// Every incident of a knowledge base, newest first, with ids made unique.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Site {
    pub incidents: Vec<Incident>,
}

impl Site {
    /// Sorts newest first (undated last, then by id) so output is stable.
    pub fn new(mut incidents: Vec<Incident>) -> Self {
        incidents.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.id.cmp(&b.id))
                .then_with(|| a.source.cmp(&b.source))
        });
        Site { incidents }
    }

    /// Ids used by more than one report, with the sources that use them.
    pub fn duplicate_ids(&self) -> BTreeMap<String, Vec<String>> {
        let mut by_id: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for inc in &self.incidents {
            by_id
                .entry(inc.id.clone())
                .or_default()
                .push(inc.source.clone());
        }
        by_id.retain(|_, sources| sources.len() > 1);
        by_id
    }

    pub fn find(&self, id: &str) -> Option<&Incident> {
        self.incidents.iter().find(|i| i.id == id)
    }
}
