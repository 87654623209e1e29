//! The incident model: what one postmortem becomes once read, and the set of
//! all of them (`Site`). These types are the JSON schema of SPEC.md (schema
//! version 1): every key is always present, absent values are `null` or `[]`.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

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
    /// The technology the report is most about (its title and cause over
    /// a passing mention): where the lessons page files its lessons. Not
    /// part of the JSON schema, whose list is by name.
    #[serde(skip)]
    pub central_technology: Option<String>,
    /// The summary and the impact as the report wrote them (inline code,
    /// emphasis, links and lists kept), for the incident page. Not part of
    /// the JSON schema, whose texts are plain.
    #[serde(skip)]
    pub summary_markdown: Option<String>,
    #[serde(skip)]
    pub impact_markdown: Option<String>,
    /// Old addresses of the report (front matter `aliases`, as Hugo and
    /// Zola write them): each gets a page that redirects here. Not part of
    /// the JSON schema.
    #[serde(skip)]
    pub aliases: Vec<String>,
    /// Minutes to resolve, when the report's metadata says (`duration:`,
    /// `**Time to resolve**:`), for the insights page. Not part of the
    /// JSON schema.
    #[serde(skip)]
    pub time_to_resolve: Option<u32>,
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
    /// The same as the report wrote it, inline code, emphasis, links and
    /// lists kept, for the page to render. Not part of the JSON schema,
    /// whose text is plain; `None` when only the text is known.
    #[serde(skip)]
    pub markdown: Option<String>,
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
/// Incidents are shared (`Arc`): the dev server keeps every report between
/// rebuilds and a new site reuses the unchanged ones without copying them.
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub incidents: Vec<Arc<Incident>>,
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
    pub fn new(incidents: Vec<Incident>) -> Self {
        Site::from_shared(incidents.into_iter().map(Arc::new).collect(), None)
    }

    /// `new` for shared incidents. With the `previous` site of a rebuild,
    /// related lists are computed again only for the incidents a change can
    /// reach (see `reach`); the others are carried over.
    pub fn from_shared(mut incidents: Vec<Arc<Incident>>, previous: Option<&Site>) -> Self {
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
        let mut site = Site {
            incidents,
            technologies,
            services,
            tags,
            errors,
            related: Vec::new(),
            duplicates,
        };
        site.related = match previous.and_then(|p| site.reach(p)) {
            Some((carried, redo)) => {
                let mut related = carried;
                let mut scratch = Scratch::new(site.incidents.len());
                for n in redo {
                    related[n] = site.related_of(n, &mut scratch);
                }
                related
            }
            None => site.all_related(),
        };
        site
    }

    /// This site with the `changed` incidents in place of the ones from
    /// the same sources, when that changes nothing but their content: the
    /// same id, date, status, severity, technologies, services, tags and
    /// errors keep every grouping, order and related list as they are (and
    /// the same aliases, every redirect page).
    /// `None` when it would (then use `from_shared`).
    pub fn replacing(&self, changed: &[Arc<Incident>]) -> Option<Site> {
        let at: HashMap<&str, usize> = if changed.len() > 8 {
            self.incidents
                .iter()
                .enumerate()
                .map(|(n, i)| (i.source.as_str(), n))
                .collect()
        } else {
            HashMap::new()
        };
        let find = |source: &str| -> Option<usize> {
            if at.is_empty() {
                self.incidents.iter().position(|i| i.source == source)
            } else {
                at.get(source).copied()
            }
        };
        let mut site = self.clone();
        for new in changed {
            let n = find(&new.source)?;
            let old = &self.incidents[n];
            let same = old.id == new.id
                && old.date == new.date
                && old.status == new.status
                && old.severity == new.severity
                && old.technologies == new.technologies
                && old.services == new.services
                && old.tags == new.tags
                && old.errors == new.errors
                && old.aliases == new.aliases;
            if !same {
                return None;
            }
            site.incidents[n] = Arc::clone(new);
        }
        Some(site)
    }

    pub fn find(&self, id: &str) -> Option<&Incident> {
        self.incidents.iter().find(|i| i.id == id).map(|i| &**i)
    }

    /// What a rebuild can keep of `previous`'s related lists: those lists
    /// moved to the new positions, and the incidents whose lists must be
    /// computed again. An incident's related list depends only on the error
    /// groups and technologies it is in (their members, in site order, and
    /// their sizes) and on the number of incidents; so when that number is
    /// the same, only members of a group that a changed incident left or
    /// joined can see a different list. `None` when everything must be
    /// computed (incidents were added or removed).
    fn reach(&self, previous: &Site) -> Option<(Vec<Vec<usize>>, BTreeSet<usize>)> {
        if previous.incidents.len() != self.incidents.len()
            || previous.related.len() != previous.incidents.len()
        {
            return None;
        }
        let old_at: HashMap<&str, usize> = previous
            .incidents
            .iter()
            .enumerate()
            .map(|(n, i)| (i.source.as_str(), n))
            .collect();
        // Old position → new position, for every incident still there.
        let mut new_at = vec![usize::MAX; previous.incidents.len()];
        let mut changed: Vec<(usize, usize)> = Vec::new();
        for (n, inc) in self.incidents.iter().enumerate() {
            match old_at.get(inc.source.as_str()) {
                Some(&o) => {
                    new_at[o] = n;
                    let was = &previous.incidents[o];
                    // Incidents that are the same keep their order among
                    // themselves: only a new date or id moves one.
                    if !Arc::ptr_eq(was, inc)
                        && (was.id != inc.id
                            || was.date != inc.date
                            || was.technologies != inc.technologies
                            || was
                                .errors
                                .iter()
                                .map(|e| &e.signature)
                                .ne(inc.errors.iter().map(|e| &e.signature)))
                    {
                        changed.push((o, n));
                    }
                }
                None => return None,
            }
        }
        let mut redo: BTreeSet<usize> = BTreeSet::new();
        for (old, new) in changed {
            redo.insert(new);
            let mut members = |site: &Site, n: usize, map: &dyn Fn(usize) -> usize| {
                let inc = &site.incidents[n];
                for e in &inc.errors {
                    if let Some(g) = site.errors.get(&e.signature) {
                        redo.extend(g.incidents.iter().map(|&m| map(m)));
                    }
                }
                for t in &inc.technologies {
                    if let Some(term) = site.technologies.get(&crate::extract::text::slugify(t)) {
                        redo.extend(term.incidents.iter().map(|&m| map(m)));
                    }
                }
            };
            members(self, new, &|m| m);
            members(previous, old, &|m| new_at[m]);
        }
        let mut carried = vec![Vec::new(); self.incidents.len()];
        for (o, list) in previous.related.iter().enumerate() {
            let n = new_at[o];
            if n != usize::MAX && !redo.contains(&n) {
                carried[n] = list.iter().map(|&j| new_at[j]).collect();
            }
        }
        Some((carried, redo))
    }

    fn all_related(&self) -> Vec<Vec<usize>> {
        use rayon::prelude::*;
        (0..self.incidents.len())
            .into_par_iter()
            .map_init(
                || Scratch::new(self.incidents.len()),
                |scratch, n| self.related_of(n, scratch),
            )
            .collect()
    }

    /// Related incidents of incident `i`: a shared error signature counts
    /// far more than a shared technology, and rare technologies more than
    /// common ones.
    fn related_of(&self, i: usize, scratch: &mut Scratch) -> Vec<usize> {
        let n = self.incidents.len();
        let total = n.max(1) as f64;
        let Scratch { score, touched } = scratch;
        let mut add = |others: &[usize], weight: f64| {
            for &j in others.iter().take(CANDIDATES_PER_GROUP) {
                if j != i {
                    if score[j] == 0.0 {
                        touched.push(j);
                    }
                    score[j] += weight;
                }
            }
        };
        for e in &self.incidents[i].errors {
            if let Some(g) = self.errors.get(&e.signature) {
                add(&g.incidents, 100.0);
            }
        }
        for t in &self.incidents[i].technologies {
            if let Some(term) = self.technologies.get(&crate::extract::text::slugify(t)) {
                // Technologies named by most of the site say little.
                if (term.incidents.len() as f64) < total * 0.5 || n < 20 {
                    add(
                        &term.incidents,
                        (total / term.incidents.len() as f64).ln().max(0.1),
                    );
                }
            }
        }
        let candidates = std::mem::take(touched);
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
        *touched = candidates;
        touched.clear();
        best
    }
}

/// Per-thread buffers of `related_of`: scores by incident, and which are set.
struct Scratch {
    score: Vec<f64>,
    touched: Vec<usize>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            score: vec![0.0; n],
            touched: Vec::new(),
        }
    }
}

/// Newest first; undated last; then by id and source, so order is stable.
pub fn sort_newest_first<I: std::borrow::Borrow<Incident>>(incidents: &mut [I]) {
    incidents.sort_by(|a, b| {
        let (a, b): (&Incident, &Incident) = (a.borrow(), b.borrow());
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

/// Gives every report that shares an id a suffix made from its own path
/// (`a-1f3c9e2b`) and returns what was shared. No report keeps the bare id:
/// a new file must not take over an existing page's URL by choosing its id,
/// and the suffix does not change when other reports come or go.
fn make_ids_unique(incidents: &mut [Arc<Incident>]) -> BTreeMap<String, Vec<String>> {
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
        for n in &users {
            let hash = crc32fast::hash(incidents[*n].source.as_bytes());
            let mut new_id = format!("{id}-{hash:08x}");
            let mut more = 2;
            while taken.contains(&new_id) {
                new_id = format!("{id}-{hash:08x}-{more}");
                more += 1;
            }
            taken.insert(new_id.clone());
            let renamed = Arc::make_mut(&mut incidents[*n]);
            renamed.url = Incident::url_for(&new_id);
            renamed.id = new_id;
        }
    }
    duplicates
}

fn terms(
    incidents: &[Arc<Incident>],
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
            central_technology: techs.first().map(|t| t.to_string()),
            summary_markdown: None,
            impact_markdown: None,
            aliases: vec![],
            time_to_resolve: None,
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
        let hash = |s: &str| format!("a-{:08x}", crc32fast::hash(s.as_bytes()));
        assert_eq!(
            ids,
            vec![hash("y/a.md").as_str(), hash("x/a.md").as_str(), "b"],
            "newest first; neither report keeps the contested id"
        );
        assert_eq!(
            site.incidents[0].url,
            format!("/incidents/{}/", hash("y/a.md"))
        );
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

    /// A small deterministic generator: the same sequence on every run.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n
        }

        fn some<'a>(&mut self, pool: &[&'a str]) -> Vec<&'a str> {
            let mut picked: Vec<&str> = (0..self.below(3))
                .map(|_| pool[self.below(pool.len())])
                .collect();
            picked.dedup();
            picked
        }
    }

    const TECHS: &[&str] = &[
        "Redis", "Go", "Python", "Kafka", "Postgres", "Rust", "Nginx",
    ];
    const ERRORS: &[&str] = &["e-pool", "e-timeout", "e-oom", "e-dns", "e-tls"];
    const DATES: &[&str] = &["2024-01-01", "2024-06-01", "2025-01-01", "2025-03-01"];

    fn random(rng: &mut Lcg, k: usize) -> Incident {
        let date = (rng.below(5) > 0).then(|| DATES[rng.below(DATES.len())]);
        let (techs, errors) = (rng.some(TECHS), rng.some(ERRORS));
        inc(&format!("i{k}"), &format!("{k}.md"), date, &techs, &errors)
    }

    /// Ids in order, related lists, and each group's members.
    type Shape = (Vec<String>, Vec<Vec<usize>>, Vec<(String, Vec<usize>)>);

    fn shape(site: &Site) -> Shape {
        (
            site.incidents.iter().map(|i| i.id.clone()).collect(),
            site.related.clone(),
            site.technologies
                .values()
                .map(|t| (t.slug.clone(), t.incidents.clone()))
                .chain(
                    site.errors
                        .values()
                        .map(|g| (g.signature.clone(), g.incidents.clone())),
                )
                .collect(),
        )
    }

    #[test]
    fn a_rebuild_computes_what_a_fresh_site_computes() {
        let mut rng = Lcg(7);
        let mut reports: Vec<Arc<Incident>> =
            (0..60).map(|k| Arc::new(random(&mut rng, k))).collect();
        let mut site = Site::from_shared(reports.clone(), None);
        let mut next = 60;
        for step in 0..200 {
            let k = rng.below(reports.len());
            match rng.below(6) {
                // An edit of the text alone: same groupings.
                0 => {
                    let mut edited = (*reports[k]).clone();
                    edited.summary = Some(format!("edit {step}"));
                    reports[k] = Arc::new(edited);
                }
                1 => {
                    reports.push(Arc::new(random(&mut rng, next)));
                    next += 1;
                }
                2 if reports.len() > 2 => {
                    reports.remove(k);
                }
                // New technologies, errors or date for one report.
                _ => {
                    let mut edited = random(&mut rng, 0);
                    edited.id = reports[k].id.clone();
                    edited.source = reports[k].source.clone();
                    edited.url = reports[k].url.clone();
                    reports[k] = Arc::new(edited);
                }
            }
            let fresh = Site::from_shared(reports.clone(), None);
            let rebuilt = Site::from_shared(reports.clone(), Some(&site));
            assert_eq!(shape(&rebuilt), shape(&fresh), "step {step}");
            site = rebuilt;
        }
    }

    #[test]
    fn replacing_keeps_the_site_only_when_groupings_stay() {
        let mut rng = Lcg(11);
        let reports: Vec<Arc<Incident>> = (0..30).map(|k| Arc::new(random(&mut rng, k))).collect();
        let site = Site::from_shared(reports.clone(), None);
        let mut edited = (*reports[4]).clone();
        edited.summary = Some("new words".into());
        let edited = Arc::new(edited);
        let replaced = site
            .replacing(&[Arc::clone(&edited)])
            .expect("text-only edit");
        let mut all = reports.clone();
        all[4] = Arc::clone(&edited);
        assert_eq!(shape(&replaced), shape(&Site::from_shared(all, None)));
        assert!(replaced.incidents.iter().any(|i| Arc::ptr_eq(i, &edited)));

        let mut moved = (*reports[4]).clone();
        moved.technologies.push("Erlang".into());
        assert!(
            site.replacing(&[Arc::new(moved)]).is_none(),
            "a new technology regroups"
        );
        let mut other = (*reports[4]).clone();
        other.source = "elsewhere.md".into();
        assert!(
            site.replacing(&[Arc::new(other)]).is_none(),
            "a new report is added"
        );
    }
}
