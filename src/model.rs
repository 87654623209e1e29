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
    /// The report's Markdown body, for the page that shows it in full.
    /// Not part of the JSON schema.
    #[serde(skip)]
    pub body: String,
    /// `draft: true` in front matter: left out of builds unless `--drafts`.
    #[serde(skip)]
    pub draft: bool,
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

/// Every incident of a knowledge base, newest first, with ids made unique,
/// and what the site groups them by: technologies, services, tags, error
/// signatures and related incidents.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Site {
    pub incidents: Vec<Incident>,
    pub technologies: BTreeMap<String, Term>,
    pub services: BTreeMap<String, Term>,
    pub tags: BTreeMap<String, Term>,
    /// Error signature → the incidents that hit it.
    pub errors: BTreeMap<String, ErrorGroup>,
    /// For each incident (by index), related incidents, most related first.
    pub related: Vec<Vec<usize>>,
    /// Ids that more than one report used, with those reports' sources;
    /// the later reports were given `-2`, `-3`... so every page exists.
    pub duplicates: BTreeMap<String, Vec<String>>,
}

/// One technology, service or tag and the incidents (indexes) that name it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub incidents: Vec<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ErrorGroup {
    pub signature: String,
    /// The message as first seen (in site order).
    pub message: String,
    pub incidents: Vec<usize>,
}

/// How many related incidents each incident lists.
const RELATED: usize = 5;

/// Members of one error group or technology considered as related
/// candidates (the newest ones): keeps the cost linear on large sites where
/// one error or technology is shared by thousands of reports.
const CANDIDATES_PER_GROUP: usize = 300;

impl Site {
    /// Sorts newest first (undated last, then by id and source) so output is
    /// stable, makes ids unique, and builds the groupings.
    pub fn new(mut incidents: Vec<Incident>) -> Self {
        sort_newest_first(&mut incidents);
        let duplicates = make_ids_unique(&mut incidents);
        let technologies = terms(&incidents, |i| &i.technologies);
        let services = terms(&incidents, |i| &i.services);
        let tags = terms(&incidents, |i| &i.tags);
        let mut errors: BTreeMap<String, ErrorGroup> = BTreeMap::new();
        for (n, inc) in incidents.iter().enumerate() {
            for e in &inc.errors {
                let g = errors
                    .entry(e.signature.clone())
                    .or_insert_with(|| ErrorGroup {
                        signature: e.signature.clone(),
                        message: e.message.clone(),
                        incidents: Vec::new(),
                    });
                if g.incidents.last() != Some(&n) {
                    g.incidents.push(n);
                }
            }
        }
        let related = related(&incidents, &errors, &technologies);
        Site {
            incidents,
            technologies,
            services,
            tags,
            errors,
            related,
            duplicates,
        }
    }

    pub fn find(&self, id: &str) -> Option<&Incident> {
        self.incidents.iter().find(|i| i.id == id)
    }
}

/// Newest first; undated last; then by id and source, so order is stable.
pub fn sort_newest_first(incidents: &mut [Incident]) {
    incidents.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.id.cmp(&b.id))
            .then_with(|| a.source.cmp(&b.source))
    });
}

/// Ids used by more than one report, with those reports' sources.
pub fn duplicate_ids(incidents: &[Incident]) -> BTreeMap<String, Vec<String>> {
    let mut by_id: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for inc in incidents {
        by_id.entry(&inc.id).or_default().push(inc.source.clone());
    }
    by_id
        .into_iter()
        .filter(|(_, s)| s.len() > 1)
        .map(|(id, mut s)| {
            s.sort();
            (id.to_string(), s)
        })
        .collect()
}

/// Gives repeated ids a `-2`, `-3`... suffix (in source order) and returns
/// what was repeated.
fn make_ids_unique(incidents: &mut [Incident]) -> BTreeMap<String, Vec<String>> {
    let mut by_id: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (n, inc) in incidents.iter().enumerate() {
        by_id.entry(inc.id.clone()).or_default().push(n);
    }
    let mut taken: std::collections::BTreeSet<String> = by_id.keys().cloned().collect();
    let mut duplicates = BTreeMap::new();
    for (id, mut users) in by_id.into_iter().filter(|(_, u)| u.len() > 1) {
        users.sort_by(|a, b| incidents[*a].source.cmp(&incidents[*b].source));
        duplicates.insert(
            id.clone(),
            users.iter().map(|n| incidents[*n].source.clone()).collect(),
        );
        for (k, n) in users.iter().enumerate().skip(1) {
            let mut suffix = k + 1;
            let mut new_id = format!("{id}-{suffix}");
            while taken.contains(&new_id) {
                suffix += 1;
                new_id = format!("{id}-{suffix}");
            }
            taken.insert(new_id.clone());
            incidents[*n].url = Incident::url_for(&new_id);
            incidents[*n].id = new_id;
        }
    }
    duplicates
}

fn terms(
    incidents: &[Incident],
    names: impl Fn(&Incident) -> &Vec<String>,
) -> BTreeMap<String, Term> {
    let mut out: BTreeMap<String, Term> = BTreeMap::new();
    for (n, inc) in incidents.iter().enumerate() {
        for name in names(inc) {
            let slug = crate::extract::text::slugify(name);
            if slug.is_empty() {
                continue;
            }
            let t = out.entry(slug.clone()).or_insert_with(|| Term {
                name: name.clone(),
                slug,
                incidents: Vec::new(),
            });
            if t.incidents.last() != Some(&n) {
                t.incidents.push(n);
            }
        }
    }
    out
}

/// Related incidents: a shared error signature counts far more than a
/// shared technology, and rare technologies more than common ones.
fn related(
    incidents: &[Incident],
    errors: &BTreeMap<String, ErrorGroup>,
    techs: &BTreeMap<String, Term>,
) -> Vec<Vec<usize>> {
    let n = incidents.len();
    let mut score = vec![0f64; n];
    let mut touched: Vec<usize> = Vec::new();
    let total = n.max(1) as f64;
    (0..n)
        .map(|i| {
            let mut add = |others: &[usize], weight: f64, score: &mut Vec<f64>| {
                for &j in others.iter().take(CANDIDATES_PER_GROUP) {
                    if j != i {
                        if score[j] == 0.0 {
                            touched.push(j);
                        }
                        score[j] += weight;
                    }
                }
            };
            for e in &incidents[i].errors {
                if let Some(g) = errors.get(&e.signature) {
                    add(&g.incidents, 100.0, &mut score);
                }
            }
            for t in &incidents[i].technologies {
                if let Some(term) = techs.get(&crate::extract::text::slugify(t)) {
                    // Technologies named by most of the site say little.
                    if (term.incidents.len() as f64) < total * 0.5 || n < 20 {
                        add(
                            &term.incidents,
                            (total / term.incidents.len() as f64).ln().max(0.1),
                            &mut score,
                        );
                    }
                }
            }
            let candidates = std::mem::take(&mut touched);
            let mut best = candidates.clone();
            let order = |a: &usize, b: &usize| score[*b].total_cmp(&score[*a]).then(a.cmp(b));
            // The best few of possibly thousands of candidates: select, then sort those.
            if best.len() > RELATED {
                best.select_nth_unstable_by(RELATED - 1, order);
                best.truncate(RELATED);
            }
            best.sort_by(order);
            for &j in &candidates {
                score[j] = 0.0;
            }
            best
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inc(
        id: &str,
        source: &str,
        date: Option<&str>,
        techs: &[&str],
        errors: &[&str],
    ) -> Incident {
        Incident {
            schema: SCHEMA_VERSION,
            id: id.into(),
            source: source.into(),
            url: Incident::url_for(id),
            title: id.into(),
            date: date.map(str::to_string),
            status: None,
            status_text: None,
            severity: None,
            services: vec![],
            technologies: techs.iter().map(|t| t.to_string()).collect(),
            tags: vec![],
            summary: None,
            errors: errors
                .iter()
                .map(|e| ErrorEntry {
                    message: e.to_string(),
                    signature: e.to_string(),
                    language: None,
                })
                .collect(),
            root_causes: vec![],
            fixes: vec![],
            changes: vec![],
            lessons: vec![],
            action_items: vec![],
            references: vec![],
            impact: None,
            timeline: vec![],
            sections: vec![],
            repaired_encoding: false,
            warnings: vec![],
            body: String::new(),
            draft: false,
        }
    }

    #[test]
    fn newest_first_and_unique_ids() {
        let site = Site::new(vec![
            inc("a", "x/a.md", Some("2024-01-01"), &[], &[]),
            inc("a", "y/a.md", Some("2025-01-01"), &[], &[]),
            inc("b", "b.md", None, &[], &[]),
        ]);
        let ids: Vec<&str> = site.incidents.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(
            ids,
            vec!["a-2", "a", "b"],
            "newest first; the later source gets -2"
        );
        assert_eq!(site.incidents[0].url, "/incidents/a-2/");
        assert_eq!(site.duplicates["a"], vec!["x/a.md", "y/a.md"]);
    }

    #[test]
    fn shared_errors_relate_before_shared_technologies() {
        let site = Site::new(vec![
            inc(
                "one",
                "1.md",
                Some("2025-01-03"),
                &["Redis", "Go"],
                &["pool-exhausted"],
            ),
            inc("two", "2.md", Some("2025-01-02"), &["Redis", "Go"], &[]),
            inc(
                "three",
                "3.md",
                Some("2025-01-01"),
                &["Python"],
                &["pool-exhausted"],
            ),
            inc("four", "4.md", None, &["Rust"], &[]),
        ]);
        assert_eq!(site.related[0], vec![2, 1]);
        assert!(site.related[3].is_empty());
        assert_eq!(site.technologies["redis"].incidents, vec![0, 1]);
        assert_eq!(site.errors["pool-exhausted"].incidents, vec![0, 2]);
    }
}
