//! Blocks → an annotated document: the section tree, and for every block
//! (and every line of a paragraph or list item) the role it has after
//! headings and `**Label**:` lines are applied.

use super::markdown::{Block, Kind};
use super::sections::{heading_role, label_kind, numbering_role, LabelKind, Role};
use super::text::{clean_heading, strip_decorations, strip_numbering, STRONG_CLOSE, STRONG_OPEN};
use crate::extract::per_thread::PerThread;
use regex::Regex;

#[derive(Debug, Clone)]
pub struct Section {
    /// Heading as people read it (emoji stripped, numbering kept).
    pub heading: String,
    pub level: u8,
    pub role: Role,
    pub parent: Option<usize>,
    pub block: usize,
}

/// One line of a paragraph, list item or heading, with its label if any.
#[derive(Debug, Clone)]
pub struct Line {
    pub label: Option<String>,
    pub kind: Option<LabelKind>,
    /// The text after the label (or the whole line), without sentinels.
    pub value: String,
    pub role: Role,
    /// The role came from a label (this line's or an earlier one's), not
    /// from the section heading.
    pub from_label: bool,
}

#[derive(Debug, Clone)]
pub struct Ann {
    pub section: Option<usize>,
    pub role: Role,
    pub lines: Vec<Line>,
}

pub struct Document {
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    pub ann: Vec<Ann>,
    /// Index of the block holding the title heading, if the title is an H1.
    pub title_block: Option<usize>,
    /// The Markdown the blocks were read from (their `range`s index it);
    /// empty when only the blocks were given.
    pub source: String,
}

static LABEL: PerThread<Regex> = PerThread::new(|| {
    let (o, c) = (STRONG_OPEN, STRONG_CLOSE);
    Regex::new(&format!(
        r"(?:^[^{o}{c}\w]{{0,8}}|\s[|·•]\s*|[.;]\s+){o}(?P<label>[^{o}{c}]{{1,60}}?)\s*(?P<c1>:)?\s*{c}\s*(?P<paren>\([^()]{{0,160}}\))?\s*(?P<c2>:)?"
    ))
    .expect("label regex")
});

/// The groups of one `LABEL` match.
#[derive(Debug, PartialEq)]
struct LabelParts<'a> {
    label: &'a str,
    /// A colon inside the strong span: `**Label:**`.
    c1: bool,
    paren: Option<&'a str>,
    /// A colon after it: `**Label**:` or `**Label** (UTC):`.
    c2: bool,
}

/// Reads the groups of a `LABEL` match from its text, as the regex's
/// captures would give them. Captures would send every match through a
/// backtracking engine, the costliest step of reading a report; a match's
/// shape is simple enough to read directly. The prefix holds no strong
/// sentinel, so the first one opens the label; the label cannot hold the
/// closing one, and is the shortest text before it that leaves only
/// spaces and a colon; after it, greedy spaces, an optional parenthesis,
/// spaces and an optional colon.
fn label_parts(m: &str) -> Option<LabelParts<'_>> {
    let open = m.find(STRONG_OPEN)? + STRONG_OPEN.len_utf8();
    let close = open + m[open..].find(STRONG_CLOSE)?;
    let inner = &m[open..close];
    let only_colon = |rest: &str| {
        let r = rest.trim_start();
        r.strip_prefix(':').unwrap_or(r).trim_start().is_empty()
    };
    let (cut, _) = inner
        .char_indices()
        .skip(1)
        .chain(std::iter::once((inner.len(), ' ')))
        .find(|(i, _)| only_colon(&inner[*i..]))?;
    let label = &inner[..cut];
    let c1 = inner[cut..].contains(':');
    let mut rest = m[close + STRONG_CLOSE.len_utf8()..].trim_start();
    let mut paren = None;
    if let Some(body) = rest.strip_prefix('(') {
        if let Some(end) = body.find(['(', ')']) {
            if body[end..].starts_with(')') && body[..end].chars().count() <= 160 {
                paren = Some(&rest[..end + 2]);
                rest = &body[end + 1..];
            }
        }
    }
    let c2 = rest.trim_start().starts_with(':');
    Some(LabelParts {
        label,
        c1,
        paren,
        c2,
    })
}

static PLAIN_LABEL: PerThread<Regex> = PerThread::new(|| {
    // The value is the rest of the line (see `split_labels`): leaving it out
    // of the pattern keeps the captures pass off long paragraphs.
    Regex::new(r"^\s*(?P<label>[A-Z][A-Za-z][A-Za-z /&-]{0,30}):\s+\S").expect("plain label regex")
});

static FOREIGN_PLAIN_LABEL: PerThread<Regex> = PerThread::new(|| {
    // Unbounded here and at most 31 characters in `split_labels`: a
    // bounded repeat of Unicode `\w` took 10 ms to build.
    Regex::new(r"^\s*(?P<label>[^\x00-\x7F][\w ]*?)(?::\s+|：\s*)\S")
        .expect("foreign plain label regex")
});

/// Splits one marked line into (label, value) segments: `**Label**: value`,
/// `**Label:** value`, several labels joined by `|` or `·`, and plain
/// `Date: value` for metadata keys. A line without a label gives one
/// segment with `None`.
pub fn split_labels(marked: &str) -> Vec<(Option<String>, String)> {
    let mut found: Vec<(usize, usize, String, String)> = Vec::new();
    // Labels need a strong span and a colon; most lines have neither.
    let may_label = marked.contains(STRONG_OPEN) && marked.contains(':');
    for whole in LABEL.find_iter(if may_label { marked } else { "" }) {
        // After a sentence, a label only continues a line of labels
        // ("**Status:** Resolved. **Date:** 2026-08-13."): a sentence
        // before the first would be lost.
        if found.is_empty() && whole.as_str().starts_with(['.', ';']) {
            continue;
        }
        let Some(parts) = label_parts(whole.as_str()) else {
            continue;
        };
        if !parts.c1 && !parts.c2 {
            continue;
        }
        let label = clean_heading(parts.label);
        if label.is_empty() || label.split_whitespace().count() > 7 {
            continue;
        }
        let paren = parts.paren.unwrap_or_default().to_string();
        found.push((whole.start(), whole.end(), label, paren));
    }
    if found.is_empty() {
        if let Some(label) = bold_heading(marked) {
            return vec![(Some(label), String::new())];
        }
        let plain = super::text::unmark(marked);
        // Chinese and Japanese write the full-width colon, often with no
        // space after it ("解决：重启 smbd").
        let may_plain = plain.contains(": ") || plain.contains('：');
        // A label in another script ("ความรุนแรง: minor", "Приоритет:
        // высокий", "解决: 重启") counts as a metadata key or a section
        // word of its language, as an English one does.
        let foreign = may_plain && !plain.trim_start().starts_with(|c: char| c.is_ascii());
        let shape: &Regex = if foreign {
            &FOREIGN_PLAIN_LABEL
        } else {
            &PLAIN_LABEL
        };
        let labelled = shape
            .captures(if may_plain { &plain } else { "" })
            .and_then(|c| {
                // The value starts at the first non-space character after
                // the colon and must end the line.
                let end = c.get(0)?.end();
                let start = plain[..end].char_indices().next_back()?.0;
                let value = &plain[start..];
                let short = !foreign || c["label"].chars().count() <= 31;
                (short && !value.contains('\n'))
                    .then(|| (c["label"].trim().to_string(), value.to_string()))
            });
        if let Some((label, value)) = labelled {
            // Plain "Date: x" and "Root cause: x" lines; not "Note: x".
            let known = super::metadata::meta_key(&label.to_lowercase(), &value).is_some()
                || label.split_whitespace().count() <= 3
                    && matches!(
                        label_kind(&label, &value),
                        LabelKind::Role(_) | LabelKind::File
                    );
            if known {
                return vec![(Some(label), value)];
            }
        }
        return vec![(None, plain)];
    }
    let mut out = Vec::new();
    for (i, (_, end, label, paren)) in found.iter().enumerate() {
        let stop = found.get(i + 1).map_or(marked.len(), |n| n.0);
        let mut value = super::text::unmark(&marked[*end..stop]).trim().to_string();
        if !paren.is_empty() {
            value = format!("{paren} {value}").trim().to_string();
        }
        out.push((
            Some(label.clone()),
            value.trim_end_matches(['|', '·']).trim().to_string(),
        ));
    }
    out
}

/// A line that is one bold span naming a section ("**Resolution**",
/// "**What went well**"): reports written in document editors make their
/// headings so. Read as a label with nothing after it, as `**Resolution:**`
/// is. Only role names count: a bold warning or sentence stays text.
fn bold_heading(marked: &str) -> Option<String> {
    use super::text::{STRONG_CLOSE, STRONG_OPEN};
    let inner = marked
        .trim()
        .strip_prefix(STRONG_OPEN)?
        .strip_suffix(STRONG_CLOSE)?;
    // "**Resolution Status: COMPLETE**" is a label with its value.
    if inner.contains([STRONG_OPEN, STRONG_CLOSE, ':']) {
        return None;
    }
    let label = clean_heading(inner);
    if label.is_empty() || label.split_whitespace().count() > 5 {
        return None;
    }
    matches!(label_kind(&label, ""), LabelKind::Role(_)).then_some(label)
}

/// A sentence that announces a list of remedies ("To prevent this, we've
/// made a few changes:", "We took the following steps:") or of planned
/// work ("Next, we will:"): the role of the list that follows it.
fn leadin_role(text: &str) -> Option<Role> {
    static DONE: PerThread<Regex> = PerThread::new(|| {
        Regex::new(r"(?i)\b(?:we(?:'ve| have)?|were|was|been|has been|have been)\s+(?:\w+\s+){0,2}(?:made|taken|implemented|added|applied|deployed|put in place|shipped|introduced|changed|fixed|rolled out)\b|\bthe following (?:changes|fixes|steps|measures|mitigations|remediations)\b|\bto (?:prevent|avoid|mitigate|fix|resolve|remediate)\b|\bremediation\b")
            .expect("lead-in regex")
    });
    static PLANNED: PerThread<Regex> = PerThread::new(|| {
        Regex::new(r"(?i)\b(?:we (?:will|plan to|are going to|intend to)|next steps?|going forward|follow-?ups?|future (?:work|improvements))\b")
            .expect("planned regex")
    });
    let t = text.trim_end();
    if !t.ends_with(':') || t.len() > 400 {
        return None;
    }
    if DONE.is_match(t) {
        Some(Role::Fix)
    } else if PLANNED.is_match(t) {
        Some(Role::ActionItems)
    } else {
        None
    }
}

pub fn annotate(blocks: Vec<Block>) -> Document {
    let mut sections: Vec<Section> = Vec::new();
    let mut ann: Vec<Ann> = Vec::with_capacity(blocks.len());
    let mut stack: Vec<usize> = Vec::new();
    let mut label_role: Option<Role> = None;
    // Whether the label that set `label_role` had text after it.
    let mut label_valued = false;
    // The role a lead-in sentence ending in ':' gives the list after it.
    let mut leadin: Option<Role> = None;
    let mut title_block = None;
    let first_heading = blocks.iter().position(|b| b.heading_level().is_some());

    for (i, block) in blocks.iter().enumerate() {
        let current = stack.last().copied();
        let section_role = current.map_or(Role::Other, |s| sections[s].role);
        match &block.kind {
            Kind::Heading { level } => {
                let level = *level;
                let heading = clean_heading(block.text());
                let is_title = level == 1 && Some(i) == first_heading;
                if is_title {
                    title_block = Some(i);
                }
                // What a subsection inherits: its parent's role as it stood
                // at this point, labels included.
                while let Some(&top) = stack.last() {
                    if sections[top].level >= level {
                        stack.pop();
                    } else {
                        break;
                    }
                }
                let parent = stack.last().copied();
                // A label with its value in the title's preamble ("**Fixed
                // by:** Alice") is the report's byline, not the role of its
                // sections; a label alone ("**Root Cause:**") still heads
                // what follows.
                let byline =
                    label_valued && parent.is_some_and(|p| Some(sections[p].block) == title_block);
                let inherited = if parent == current && !byline {
                    label_role.unwrap_or(section_role)
                } else if parent == current {
                    section_role
                } else {
                    parent.map_or(Role::Other, |p| sections[p].role)
                };
                let role = if is_title {
                    Role::Other
                } else {
                    match heading_role(&heading) {
                        // "Prevention > Already Implemented": measures
                        // taken, not lessons.
                        _ if inherited == Role::Lessons && reads_as_done(&heading) => Role::Other,
                        // Under lessons, action items or references, a
                        // subsection is one more item of that list, unless
                        // it names another list ("### Action Items" under
                        // "## Lessons Learned") or is the fix itself
                        // ("### Immediate Fix" under "## Corrective Actions").
                        Some(r)
                            if matches!(
                                inherited,
                                Role::Lessons | Role::ActionItems | Role::References
                            ) =>
                        {
                            let names_the_fix = r == Role::Fix
                                && inherited == Role::ActionItems
                                && super::sections::is_fix_heading(&heading);
                            if matches!(r, Role::ActionItems | Role::References) || names_the_fix {
                                r
                            } else {
                                inherited
                            }
                        }
                        // "Lifecycle before the fix" under a root cause
                        // is more of the cause.
                        Some(Role::Fix)
                            if matches!(inherited, Role::RootCause | Role::Errors)
                                && super::sections::says_when_of_fix(&heading) =>
                        {
                            inherited
                        }
                        // A "change" inside a fix is part of the fix.
                        Some(Role::Change) if inherited == Role::Fix => Role::Fix,
                        // "Primary Issue: …", "What Happened", "2. Silent
                        // error in x" under a root cause (or a fix) is one
                        // more cause (or fix); only a heading about the
                        // evidence ("Error Messages", "Logs") stays errors.
                        Some(Role::Errors)
                            if matches!(inherited, Role::RootCause | Role::Fix)
                                && !super::sections::names_evidence(&heading) =>
                        {
                            inherited
                        }
                        Some(r) => r,
                        None if inherited == Role::Other => strip_numbering(&heading)
                            .0
                            .as_deref()
                            .and_then(numbering_role)
                            .unwrap_or(Role::Other),
                        None => inherited,
                    }
                };
                sections.push(Section {
                    heading: heading.clone(),
                    level,
                    role,
                    parent,
                    block: i,
                });
                stack.push(sections.len() - 1);
                label_role = None;
                ann.push(Ann {
                    section: Some(sections.len() - 1),
                    role,
                    lines: vec![Line {
                        label: None,
                        kind: None,
                        value: heading,
                        role,
                        from_label: false,
                    }],
                });
            }
            Kind::Paragraph | Kind::Item { .. } => {
                let mut lines = Vec::new();
                for raw in block.marked.split('\n') {
                    for (label, value) in split_labels(raw) {
                        let kind = label.as_deref().map(|l| label_kind(l, &value));
                        // Other labels ("**Usage Update**:") keep the running role.
                        if let Some(LabelKind::Role(r)) = kind {
                            // "**What went wrong:**" under a root cause
                            // lists the cause, not lessons.
                            let the_cause = r == Role::Lessons
                                && section_role == Role::RootCause
                                && label
                                    .as_deref()
                                    .is_some_and(super::sections::says_what_went_wrong);
                            label_role = Some(if the_cause { section_role } else { r });
                            label_valued = !value.trim().is_empty();
                        }
                        let role = label_role.unwrap_or(section_role);
                        let from_label = label_role.is_some();
                        lines.push(Line {
                            label,
                            kind,
                            value,
                            role,
                            from_label,
                        });
                    }
                }
                let is_item = matches!(block.kind, Kind::Item { .. });
                if let (true, Some(r)) = (is_item, leadin) {
                    // "We've made the following changes:" then a list: the
                    // list is what the sentence announces.
                    for l in lines
                        .iter_mut()
                        .filter(|l| l.kind.is_none() && !l.from_label)
                    {
                        l.role = r;
                    }
                }
                if !is_item {
                    leadin = None;
                    let open_section = !matches!(
                        section_role,
                        Role::Lessons | Role::ActionItems | Role::References | Role::Timeline
                    );
                    if open_section
                        && label_role.is_none()
                        && lines.iter().all(|l| l.label.is_none())
                    {
                        leadin = leadin_role(block.text());
                    }
                }
                let role = lines.last().map_or(section_role, |l| l.role);
                ann.push(Ann {
                    section: current,
                    role,
                    lines,
                });
            }
            _ => {
                leadin = None;
                ann.push(Ann {
                    section: current,
                    role: label_role.unwrap_or(section_role),
                    lines: Vec::new(),
                });
            }
        }
    }
    wrong_tells_the_cause(&mut sections, &mut ann);
    Document {
        blocks,
        sections,
        ann,
        title_block,
        source: String::new(),
    }
}

/// "What went wrong?" is a lesson in a retrospective that also asks what
/// went well (or where it got lucky). Alone, in a report with no section
/// on the cause, it is where the report tells the cause: its section and
/// the subsections under it become the root cause.
fn wrong_tells_the_cause(sections: &mut [Section], ann: &mut [Ann]) {
    // Most reports have no such section: looked for first.
    let Some(wrong) = sections
        .iter()
        .position(|s| s.role == Role::Lessons && super::sections::says_what_went_wrong(&s.heading))
    else {
        return;
    };
    if sections.iter().any(|s| s.role == Role::RootCause) {
        return;
    }
    let cause_labelled = ann
        .iter()
        .flat_map(|a| &a.lines)
        .any(|l| matches!(l.kind, Some(LabelKind::Role(Role::RootCause))));
    if cause_labelled {
        return;
    }
    // The other half of a retrospective, in the languages whose "went
    // wrong" `says_what_went_wrong` reads.
    const WENT_WELL: &[&str] = &[
        "went well",
        "went right",
        "got lucky",
        "what worked",
        "what helped",
        "salió bien",
        "salio bien",
        "funcionó",
        "deu certo",
        "correu bem",
        "lief gut",
        "a bien fonctionné",
        "a fonctionné",
        "ging goed",
        "ging er goed",
        "andato bene",
        "ha funzionato",
        "poszło dobrze",
        "что прошло хорошо",
        "neler iyi gitti",
    ];
    let retrospective = sections.iter().any(|s| {
        let h = s.heading.to_lowercase();
        WENT_WELL.iter().any(|w| h.contains(w))
    });
    if retrospective {
        return;
    }
    // The section and those under it, which follow it in order.
    let mut inside = vec![false; sections.len()];
    for i in wrong..sections.len() {
        inside[i] = i == wrong || sections[i].parent.is_some_and(|p| inside[p]);
        if inside[i] && sections[i].role == Role::Lessons {
            sections[i].role = Role::RootCause;
        }
    }
    for a in ann
        .iter_mut()
        .filter(|a| a.section.is_some_and(|s| inside[s]))
    {
        if a.role == Role::Lessons {
            a.role = Role::RootCause;
        }
        for l in a
            .lines
            .iter_mut()
            .filter(|l| l.role == Role::Lessons && !l.from_label)
        {
            l.role = Role::RootCause;
        }
    }
}

impl Document {
    /// Block `i`'s Markdown as written, when it is a paragraph or a list
    /// item with no list or code inside it, outside a quote (whose lines
    /// carry `>` marks of the quote around it).
    pub fn markdown_of(&self, i: usize) -> Option<&str> {
        let b = self.blocks.get(i)?;
        let simple = match b.kind {
            Kind::Paragraph => true,
            Kind::Item {
                has_children,
                has_code,
                ..
            } => !has_children && !has_code,
            _ => false,
        };
        if !simple || b.quote || b.range.is_empty() {
            return None;
        }
        self.source.get(b.range.clone()).map(str::trim)
    }

    /// The section heading a block sits under, cleaned, if any.
    pub fn section_heading(&self, block: usize) -> Option<&str> {
        self.ann[block]
            .section
            .map(|s| self.sections[s].heading.as_str())
    }

    /// The label of a code block: the heading right before it, the label of
    /// the paragraph right before it (with a parenthesis that follows it),
    /// or that paragraph's last line when it is a few words ("Before:").
    /// Sentences are not labels.
    pub fn label_before(&self, block: usize) -> Option<String> {
        let prev = block.checked_sub(1)?;
        let b = &self.blocks[prev];
        let from_lines = |lines: &[Line]| -> Option<String> {
            let last = lines.last()?;
            match &last.label {
                Some(label) if last.value.starts_with('(') => {
                    let paren = last.value.split(')').next().unwrap_or("");
                    Some(format!("{label} {paren})"))
                }
                Some(label) => Some(label.clone()),
                None => {
                    let text = strip_decorations(&last.value);
                    (text.split_whitespace().count() <= 4).then_some(last.value.clone())
                }
            }
        };
        match &b.kind {
            Kind::Heading { .. } => Some(b.text().to_string()),
            Kind::Paragraph => from_lines(&self.ann[prev].lines),
            Kind::Item { has_code: true, .. } if self.blocks[block].parent_item == Some(prev) => {
                from_lines(&self.ann[prev].lines)
            }
            _ => None,
        }
    }
}

/// A heading that only says its items are done ("Already implemented",
/// "Completed").
fn reads_as_done(heading: &str) -> bool {
    let lower = super::text::strip_numbering(heading)
        .1
        .trim()
        .trim_end_matches(':')
        .to_lowercase();
    let lower = lower.strip_prefix("already ").unwrap_or(&lower);
    matches!(
        lower,
        "implemented" | "in place" | "done" | "completed" | "complete" | "shipped" | "deployed"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::markdown::blocks;

    fn doc(md: &str) -> Document {
        annotate(blocks(md, 1))
    }

    #[test]
    fn measures_already_taken_are_no_lessons() {
        let d = doc("# T\n\n## Prevention\n\n### Already Implemented\n\n- Guard test\n\n### Review every flag\n\nx\n");
        assert_eq!(d.sections[1].role, Role::Lessons);
        assert_eq!(d.sections[2].role, Role::Other);
        assert_eq!(d.sections[3].role, Role::Lessons);
    }

    #[test]
    fn plain_labels_in_other_scripts_name_their_section_word() {
        let first = |line: &str| split_labels(line).remove(0);
        assert_eq!(
            first("解决：重启 smbd"),
            (Some("解决".to_string()), "重启 smbd".to_string())
        );
        assert_eq!(first("Причина: старый кэш").0.as_deref(), Some("Причина"));
        // A word that names no section is prose.
        assert_eq!(first("Примечание: см. ниже").0, None);
    }

    #[test]
    fn a_label_under_the_title_gives_the_sections_no_role() {
        let d = doc("# Fix notes\n\n**Fixed by:** Alice\n\n## What the bug was\n\nThe query ignored deleted rows.\n");
        assert_eq!(d.sections[1].heading, "What the bug was");
        assert_eq!(d.sections[1].role, Role::Other);
        // Under any other section, a label still leads its subsections.
        let d = doc("# T\n\n## Notes\n\n**Root cause:**\n\n### Detail\n\nA stale cache.\n");
        assert_eq!(d.sections[2].role, Role::RootCause);
        // A label alone under the title heads the sections after it.
        let d = doc(
            "# Payments outage\n\n**Root Cause:**\n\n### Connection pool exhausted\n\nToo few.\n",
        );
        assert_eq!(d.sections[1].role, Role::RootCause);
    }

    #[test]
    fn a_fix_word_that_says_when_leaves_a_cause_a_cause() {
        let d = doc("# T\n\n## Root cause\n\n### Lifecycle before the fix\n\nThe pointer dangled.\n\n## Fix\n\n### Code after the fix\n\nx\n");
        assert_eq!(d.sections[2].role, Role::RootCause);
        assert_eq!(d.sections[4].role, Role::Fix);
    }

    #[test]
    fn what_went_wrong_alone_tells_the_cause() {
        let roles = |md: &str| -> Vec<(String, Role)> {
            doc(md)
                .sections
                .iter()
                .map(|s| (s.heading.clone(), s.role))
                .collect()
        };
        let md = "# Down\n\n## What Went Wrong?\n\nA setting was missing.\n\n### Details\n\nThe file was old.\n\n## How Did We Fix It?\n\nDefaults.\n";
        let d = doc(md);
        assert_eq!(
            roles(md)[1..],
            [
                ("What Went Wrong?".to_string(), Role::RootCause),
                ("Details".to_string(), Role::RootCause),
                ("How Did We Fix It?".to_string(), Role::Fix),
            ]
        );
        assert_eq!(d.ann[2].role, Role::RootCause);
        // Dutch says it with "er" too, under the fix it led to.
        let md = "# Release 0.6\n\n## Kritieke fix: data verlies\n\nBestanden verdwenen.\n\n### Wat ging er mis\n\nDe cleanup wiste de map.\n";
        assert_eq!(roles(md).last().map(|r| r.1), Some(Role::RootCause), "{md}");
        // Beside "What went well", or with a cause section, it is a lesson.
        for md in [
            "# Down\n\n## What went well\n\nPaging.\n\n## What went wrong\n\nSlow rollback.\n",
            "# Down\n\n## Root cause\n\nA setting.\n\n## What went wrong\n\nSlow rollback.\n",
            "# Down\n\n## What worked\n\nPaging.\n\n## What didn't work\n\nSlow rollback.\n",
            "# Caída\n\n## Lo que salió bien\n\nAlertas.\n\n## Lo que salió mal\n\nRollback lento.\n",
            "# Storing\n\n## Wat ging er goed\n\nAlerts.\n\n## Wat ging er mis\n\nTrage rollback.\n",
            "# Down\n\n**Root cause:** a setting.\n\n## What went wrong\n\nSlow rollback.\n",
        ] {
            assert_eq!(roles(md).last().map(|r| r.1), Some(Role::Lessons), "{md}");
        }
    }

    #[test]
    fn labels_table() {
        let o = STRONG_OPEN;
        let c = STRONG_CLOSE;
        type Segments<'a> = Vec<(Option<&'a str>, &'a str)>;
        let cases: Vec<(String, Segments)> = vec![
            (
                format!("{o}Date{c}: October 26, 2025"),
                vec![(Some("Date"), "October 26, 2025")],
            ),
            (
                format!("{o}Date:{c} 2025-09-08"),
                vec![(Some("Date"), "2025-09-08")],
            ),
            (
                format!("{o}Fix Applied{c} (src/x.py):"),
                vec![(Some("Fix Applied"), "(src/x.py)")],
            ),
            (
                format!("{o}Date:{c} 2026-07-29 | {o}Severity:{c} SEV-2"),
                vec![(Some("Date"), "2026-07-29"), (Some("Severity"), "SEV-2")],
            ),
            (
                format!("✅ {o}Status{c}: done"),
                vec![(Some("Status"), "done")],
            ),
            // Labels written one after another as sentences.
            (
                format!(
                    "{o}Status:{c} Resolved. {o}Date:{c} 2026-08-13. {o}Component:{c} `api.rs`"
                ),
                vec![
                    (Some("Status"), "Resolved"),
                    (Some("Date"), "2026-08-13"),
                    (Some("Component"), "`api.rs`"),
                ],
            ),
            // A sentence first: no label line.
            (
                format!("We fixed it. {o}Note:{c} later"),
                vec![(None, "We fixed it. Note: later")],
            ),
            (
                format!("We saw {o}bad{c} things: a lot"),
                vec![(None, "We saw bad things: a lot")],
            ),
            (
                "Date: 2025-01-01".to_string(),
                vec![(Some("Date"), "2025-01-01")],
            ),
            (
                "Note: plain prose here".to_string(),
                vec![(None, "Note: plain prose here")],
            ),
            (
                "Root cause: a cold cache".to_string(),
                vec![(Some("Root cause"), "a cold cache")],
            ),
            // Labels in other scripts: metadata keys only.
            (
                "ความรุนแรง: minor".to_string(),
                vec![(Some("ความรุนแรง"), "minor")],
            ),
            (
                "Приоритет: высокий".to_string(),
                vec![(Some("Приоритет"), "высокий")],
            ),
            (
                "Примечание: это проза".to_string(),
                vec![(None, "Примечание: это проза")],
            ),
            (
                "Root cause:   ünïcode first".to_string(),
                vec![(Some("Root cause"), "ünïcode first")],
            ),
            // A plain label's value is the rest of its line: a paragraph
            // that goes on below it is prose.
            (
                "Root cause: a cold cache\nand more".to_string(),
                vec![(None, "Root cause: a cold cache\nand more")],
            ),
        ];
        for (marked, want) in cases {
            let got = split_labels(&marked);
            let got: Vec<(Option<&str>, &str)> = got
                .iter()
                .map(|(l, v)| (l.as_deref(), v.as_str()))
                .collect();
            assert_eq!(got, want, "{marked:?}");
        }
    }

    /// The hand reading of a label match gives what the regex's capture
    /// groups give, on every string of a small alphabet of the pieces that
    /// matter (sentinels, colons, parentheses, spaces, separators).
    #[test]
    fn label_parts_agree_with_the_capture_groups() {
        let (o, c) = (STRONG_OPEN.to_string(), STRONG_CLOSE.to_string());
        let pieces: Vec<&str> = vec![&o, &c, ":", " ", "(", ")", "Date", "é", "|", "\n", "x y"];
        let mut strings: Vec<String> = vec![String::new()];
        let mut all: Vec<String> = Vec::new();
        for _ in 0..5 {
            let mut next = Vec::new();
            for s in &strings {
                for p in &pieces {
                    next.push(format!("{s}{p}"));
                }
            }
            all.extend(next.iter().cloned());
            strings = next;
        }
        // Longer strings of the same pieces, drawn at random (xorshift).
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..6 + seed % 10 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            all.push(text);
        }
        // Long labels and parentheses, near the regex's limits.
        for n in [58, 59, 60, 61, 159, 160, 161] {
            let long = "a".repeat(n);
            all.push(format!("{o}{long}{c}: v"));
            all.push(format!("{o}L{c} ({long}): v"));
            all.push(format!("x | {o}L:{c} ({long}) v"));
        }
        let mut matched = 0;
        for text in &all {
            for caps in LABEL.captures_iter(text) {
                let whole = caps.get(0).expect("match");
                let want = LabelParts {
                    label: caps.name("label").expect("label").as_str(),
                    c1: caps.name("c1").is_some(),
                    paren: caps.name("paren").map(|p| p.as_str()),
                    c2: caps.name("c2").is_some(),
                };
                assert_eq!(label_parts(whole.as_str()), Some(want), "{text:?}");
                matched += 1;
            }
            let spans: Vec<_> = LABEL.find_iter(text).map(|m| m.range()).collect();
            let by_captures: Vec<_> = LABEL
                .captures_iter(text)
                .filter_map(|c| c.get(0).map(|m| m.range()))
                .collect();
            assert_eq!(spans, by_captures, "{text:?}");
        }
        assert!(matched > 2_000, "{matched}");
    }

    #[test]
    fn subsections_inherit_and_labels_override() {
        let d = doc("# T\n\n## Root Cause\n\n### Detail\n\ntext\n\n**Fix**: do it\n\n```py\nx\n```\n\n## Other Things\n\nplain\n");
        let roles: Vec<Role> = d.ann.iter().map(|a| a.role).collect();
        assert_eq!(
            roles,
            vec![
                Role::Other,
                Role::RootCause,
                Role::RootCause,
                Role::RootCause,
                Role::Fix,
                Role::Fix,
                Role::Other,
                Role::Other
            ]
        );
    }

    #[test]
    fn a_bold_line_naming_a_section_is_its_heading() {
        let d = doc("# T\n\n**Root causes**\n\nA build step was skipped.\n\n**Resolution**\n\nWe unpublished it.\n\n**What went well**\n\n- Fast rollback\n\n**Do not run this twice**\n\nplain\n\n**Resolution Status: COMPLETE**\n**System Status: OPERATIONAL**\n");
        let roles: Vec<Role> = d.ann.iter().map(|a| a.role).collect();
        assert_eq!(
            roles,
            vec![
                Role::Other,
                Role::RootCause,
                Role::RootCause,
                Role::Fix,
                Role::Fix,
                Role::Lessons,
                Role::Lessons,
                // A bold sentence is no heading: the lessons go on.
                Role::Lessons,
                Role::Lessons,
                // Nor is a bold label with its value.
                Role::Lessons,
            ]
        );
    }

    #[test]
    fn lesson_subsections_stay_lessons_and_changes_in_fixes_are_fixes() {
        let d = doc("## Lessons Learned\n\n### Test in Production Build\n\n- x\n\n## Solution\n\n### Import Pattern Change\n\ny\n");
        let roles: Vec<Role> = d.sections.iter().map(|s| s.role).collect();
        assert_eq!(
            roles,
            vec![Role::Lessons, Role::Lessons, Role::Fix, Role::Fix]
        );
    }

    #[test]
    fn a_lead_in_sentence_gives_its_list_a_role() {
        let d = doc("Certificates expired overnight.\n\nTo prevent this, we've made a few changes:\n\n1. A job renews them\n2. A check alerts early\n\nNext, we will:\n\n- Add a second on-call\n\nThese are the options:\n\n- Plain item\n\nWe apologize.\n");
        let roles: Vec<(String, Role)> = d
            .blocks
            .iter()
            .zip(&d.ann)
            .filter(|(b, _)| matches!(b.kind, Kind::Item { .. }))
            .map(|(b, a)| (b.text().to_string(), a.role))
            .collect();
        assert_eq!(
            roles,
            vec![
                ("A job renews them".to_string(), Role::Fix),
                ("A check alerts early".to_string(), Role::Fix),
                ("Add a second on-call".to_string(), Role::ActionItems),
                ("Plain item".to_string(), Role::Other),
            ]
        );
        let last = d.ann.last().map(|a| a.role);
        assert_eq!(
            last,
            Some(Role::Other),
            "the list's role ends with the list"
        );
    }

    #[test]
    fn problems_named_under_a_cause_or_fix_are_causes_or_fixes() {
        let d = doc("## Root Cause Analysis\n\n### Primary Issue: config drift\n\nx\n\n### What Happened\n\ny\n\n### Error Messages\n\nz\n\n## Problems Found and Fixed\n\n### 1. Volume namespace issue ✅ FIXED\n\nw\n\n## Symptoms\n\n### Timeout issue\n\nv\n");
        let roles: Vec<Role> = d.sections.iter().map(|s| s.role).collect();
        assert_eq!(
            roles,
            vec![
                Role::RootCause,
                Role::RootCause,
                Role::RootCause,
                Role::Errors,
                Role::Fix,
                Role::Fix,
                Role::Errors,
                Role::Errors
            ]
        );
    }

    #[test]
    fn subsection_started_after_a_label_inherits_the_label_role() {
        let d = doc(
            "## Issue: it broke\n\n**Solutions**:\n\n#### Option 1: Import the module\n\ntext\n",
        );
        assert_eq!(d.sections[1].role, Role::Fix);
    }
}
