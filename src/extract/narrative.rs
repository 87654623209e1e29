//! Prose by role: root causes and fixes (one entry per section, plus
//! labelled lines elsewhere), the summary and the impact. Reports with no
//! such sections fall back to sentences that say "the root cause was" or
//! "mitigated by", and fixes fall back to the action items.

use super::document::Document;
use super::markdown::Kind;
use super::sections::{LabelKind, Role};
use super::text::{fold_ws, strip_decorations, strip_numbering, unmark};
use crate::extract::per_thread::PerThread;
use crate::model::Narrative;
use regex::Regex;
use std::collections::BTreeMap;

/// Text of the blocks (or labelled lines) that have `role`, grouped by the
/// section they sit in, in document order.
/// Each with its Markdown as written: the same pieces, a block's own
/// Markdown where the whole block has the role.
fn by_section(doc: &Document, role: Role) -> Vec<(Option<usize>, String, String)> {
    let mut order: Vec<Option<usize>> = Vec::new();
    // Per section: each block's text, and its Markdown with whether that
    // is a list item.
    type Pieces = Vec<(String, (String, bool))>;
    let mut texts: BTreeMap<Option<usize>, Pieces> = BTreeMap::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        let ann = &doc.ann[i];
        // A block whose every line has the role, with no label incidex
        // reads apart (metadata, file names), reads the same as written.
        let whole = ann
            .lines
            .iter()
            .all(|l| l.role == role && (l.label.is_none() || l.kind == Some(LabelKind::Plain)));
        let piece = match &b.kind {
            Kind::Heading { .. } => continue,
            // Code stays fenced, so the text reads (and renders) as Markdown.
            Kind::Code { text, lang, .. } if ann.role == role => {
                format!(
                    "```{}\n{}\n```",
                    lang.as_deref().unwrap_or(""),
                    text.trim_end()
                )
            }
            Kind::Row { cells, .. } if ann.role == role => cells.join(" | "),
            Kind::Paragraph | Kind::Item { .. } => ann
                .lines
                .iter()
                .filter(|l| {
                    l.role == role && !matches!(l.kind, Some(LabelKind::Meta | LabelKind::File))
                })
                .map(|l| match (&l.label, l.kind) {
                    // "**Removed complex parsing**:" says something itself.
                    (Some(label), Some(LabelKind::Plain)) => format!("{label}: {}", l.value),
                    _ => l.value.clone(),
                })
                .filter(|v| !v.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
            _ => continue,
        };
        let piece = strip_decorations_keep_lines(&piece);
        if piece.trim().is_empty() {
            continue;
        }
        let written = match whole.then(|| doc.markdown_of(i)).flatten() {
            Some(md) => (md.to_string(), matches!(b.kind, Kind::Item { .. })),
            None => (piece.clone(), false),
        };
        if !texts.contains_key(&ann.section) {
            order.push(ann.section);
        }
        texts.entry(ann.section).or_default().push((piece, written));
    }
    order
        .into_iter()
        // Blocks are paragraphs: a blank line between them keeps them apart
        // when the text is read (or rendered) as Markdown.
        .map(|s| {
            let (text, written): (Vec<String>, Vec<(String, bool)>) =
                texts.remove(&s).unwrap_or_default().into_iter().unzip();
            (s, text.join("\n\n"), join_blocks(written))
        })
        .collect()
}

/// Blocks' Markdown as one text: a blank line between blocks, but list
/// items written as such (`item` true) follow each other on the next line,
/// so a list stays one tight list.
fn join_blocks(parts: Vec<(String, bool)>) -> String {
    let mut out = String::new();
    let mut last_item = false;
    for (md, item) in parts {
        if !out.is_empty() {
            out.push_str(if item && last_item { "\n" } else { "\n\n" });
        }
        out.push_str(&md);
        last_item = item;
    }
    out
}

fn strip_decorations_keep_lines(s: &str) -> String {
    if s.is_ascii() {
        // No decoration is ASCII, but the strong sentinels are (table
        // cells keep theirs until here).
        return unmark(s).trim().to_string();
    }
    s.lines()
        .map(|l| {
            let lead = l.len() - l.trim_start().len();
            format!("{}{}", &l[..lead], strip_decorations(l))
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

fn entries(doc: &Document, role: Role) -> Vec<Narrative> {
    by_section(doc, role)
        .into_iter()
        .map(|(section, text, written)| {
            let title = section
                .map(|s| strip_numbering(&doc.sections[s].heading).1)
                .filter(|t| !t.is_empty());
            Narrative {
                title,
                text,
                markdown: Some(written),
            }
        })
        .collect()
}

static CAUSE_CUE: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)\broot cause\b|\bcaused by\b|\bdue to\b|\bstemmed from\b|\bthe cause\b|\bwas triggered by\b|\bbecause of\b|\bthe reason\b|\bbecause\b|\bthe problem was\b|\bturned out\b").expect("cause cue")
});
/// A sentence that states the cause as such: "the root cause of this
/// problem: …", "The root cause was …", "The real cause was …".
static NAMES_THE_CAUSE: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)\broot[- ]cause (of [^.:]{1,60} )?(is|was|turned out to be)\b|\broot[- ]cause( of [^.:]{1,60})?:\s*\S|\bthe (real |actual |underlying |exact )?cause (of [^.:]{1,60} )?(is|was)\b")
        .expect("names-the-cause regex")
});
/// "The first assumption regarding the root cause was…": a guess.
static GUESSED: PerThread<Regex> = PerThread::new(|| {
    Regex::new(
        r"(?i)\b(assum\w*|hypothes\w*|suspect\w*|initially|at first|we thought|first thought)\b",
    )
    .expect("guessed regex")
});
/// A sentence that says the cause is not known yet: "Root cause analysis
/// is still underway", "We are investigating the root cause", "to
/// determine its cause", "will update this entry with a report on the
/// cause". Status-page updates write these.
static CAUSE_UNKNOWN: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)\b(?-i:will|we'll|shall)\b[^.!?]{0,60}\b(update|report|publish|share|post|provide|follow up|send)\b[^.!?]{0,60}\bthe (root )?cause\b|\b(root )?cause( analysis)? (is |remains )?(still |currently )?(underway|ongoing|in progress|unknown|unclear|under investigation|being investigated|not (yet )?(known|clear|determined|identified))\b|\b(rca|root cause analysis|investigation into the (root )?cause) (is )?(still )?(underway|ongoing|in progress|pending)\b|\binvestigating (the|its) (root )?cause\b|\b(looking into|investigating) (the issue|this|it) to (determine|identify|find) (the|its) (root )?cause\b").expect("cause unknown")
});
/// The status word a status-page update opens with ("Resolved - …",
/// "Update: …", "[Monitoring] …"): not part of what it says.
static UPDATE_LEAD: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)^\W*(resolved|monitoring|investigating|identified|mitigated|update|postmortem)\W*\s*[-–—:]\s*").expect("update lead")
});
static FIX_CUE: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)^after (manually |we |engineers )?(restarting|redeploying|recreating|re-creating|deleting and recreating|rebooting|reverting|rolling back|replacing|re-?attaching|clearing|flushing|rotating|renewing|scaling up|increasing)\b[^.!?]*,[^.!?]*\b(recovered|(was|were) (restored|able to)|came back|started (up )?again|returned to normal|resumed|worked again|back (up|online|to normal))\b|\bthe fix (was|is)\b|\bfixed by\b|\bresolved by\b|\bmitigated (by|the \w+ by|this \w+ by)\b|\bremediated by\b|\bwe (have |had )?(fixed|mitigated|resolved|remediated|reverted|rolled back|patched|upgraded|disabled|restarted|revoked|rotated|invalidated|replaced|redeployed|renewed|recreated)\b|\bwe\b[^.!?]{0,80}\band (then )?(fixed|reverted|rolled back|patched|restarted|revoked|rotated|replaced|redeployed|renewed|recreated) the\b|\bfirst step of remediation\b|\bthe (solution|resolution|workaround) (was|is)\b").expect("fix cue")
});

/// A fix told as done: an action that is the fix itself ("changes were
/// rolled back"), or an outcome ("service was restored", "the bug is
/// fixed"), which `says_nothing` may rule out.
static FIX_STATE: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)\b(was|were|been|got|are|is) (?:(rolled back|reverted|patched|redeployed|hot-?fixed)|(restored|fixed|mitigated|resolved|remediated))\b").expect("fix state")
});
/// A sentence of what will or may be: "Once service has been restored, we
/// will…", "Repls which have not yet been restored".
static NOT_DONE: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)^(once|if|when|until|as soon as)\b|\b(will|won't|we'll|going to|plan to|not yet|until)\b").expect("not done")
});
/// An outcome said of the incident as a whole, with nothing after it:
/// "The issue has been resolved", "Full service has been restored".
static BARE_OUTCOME: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)^(the|this|that|our|all|full|normal)?\s*(\w+\s+){0,2}?(issue|problem|incident|outage|bug|service|services|operations?|matter|situation|everything|it)\s+((has|have|had)\s+)?$").expect("bare outcome")
});

/// Whether a sentence tells a fix: an active cue ("we rolled back",
/// "fixed by"), an action done, or an outcome that is neither a plan nor
/// bare of all content.
fn tells_a_fix(sentence: &str) -> bool {
    let sentence = UPDATE_LEAD
        .find(sentence)
        .map_or(sentence, |m| &sentence[m.end()..]);
    if FIX_CUE.is_match(sentence) {
        return true;
    }
    FIX_STATE.captures_iter(sentence).any(|c| {
        if c.get(2).is_some() {
            return true;
        }
        let (Some(whole), Some(aux)) = (c.get(0), c.get(1)) else {
            return false;
        };
        let after = sentence[whole.end()..].trim_start();
        let nothing_after = after.is_empty() || after.starts_with(['.', ',', ';', '!']);
        let bare = nothing_after && BARE_OUTCOME.is_match(&sentence[..aux.start()]);
        !bare && !NOT_DONE.is_match(sentence)
    })
}

/// From the first sentence that carries the cue to the end of its
/// paragraph ("The root cause was X. It did Y."), in prose paragraphs.
fn cue_sentences(doc: &Document, cue: impl Fn(&str) -> bool) -> Vec<Narrative> {
    let mut out = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        let prose_role = matches!(
            doc.ann[i].role,
            Role::Summary | Role::Other | Role::Impact | Role::Errors
        );
        if !matches!(b.kind, Kind::Paragraph) || !prose_role {
            continue;
        }
        let prose: Vec<&str> = doc.ann[i]
            .lines
            .iter()
            .filter(|l| l.kind.is_none())
            .map(|l| l.value.as_str())
            .collect();
        let text = fold_ws(&prose.join(" "));
        let sentences = split_sentences(&text);
        if let Some(first) = sentences.iter().position(|s| cue(s)) {
            let mut text = sentences[first..].join(" ");
            // "This was resolved by:" then a list: the list is what it says,
            // when the cue sentence itself introduces it, or a last
            // sentence that names the cause or the fix ("The exact cause
            // was:"), not any list after ("The timeline below shows:").
            let last = sentences.last().copied().unwrap_or("");
            let introduces = first + 1 == sentences.len() || cue(last) || NAMES_ROLE.is_match(last);
            if introduces && text.ends_with(':') {
                for item in lead_in_list(doc, i) {
                    text.push('\n');
                    text.push_str(&item);
                }
            }
            out.push(Narrative {
                title: doc.section_heading(i).map(str::to_string),
                text,
                markdown: None,
            });
        }
    }
    out
}

/// A word for a cause or a fix.
static NAMES_ROLE: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)\b(causes?|reasons?|fix(es|ed)?|resolved|solutions?|remedies|remediation|mitigations?)\b")
        .expect("role words")
});

/// The items of the list right after block `i` (a paragraph ending in a
/// colon), in its section: each item's text, nested items with their parent.
fn lead_in_list(doc: &Document, i: usize) -> Vec<String> {
    let section = doc.ann[i].section;
    doc.blocks
        .iter()
        .zip(&doc.ann)
        .skip(i + 1)
        .take_while(|(b, a)| matches!(b.kind, Kind::Item { .. }) && a.section == section)
        .map(|(b, _)| fold_ws(&strip_decorations(b.text())))
        .filter(|t| !t.is_empty())
        .collect()
}

fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') && bytes.get(i + 1).is_some_and(|n| *n == b' ') {
            out.push(text[start..=i].trim());
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(text[start..].trim());
    }
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

pub fn root_causes(doc: &Document) -> Vec<Narrative> {
    let found = entries(doc, Role::RootCause);
    if states_the_cause(doc) {
        return found;
    }
    // No section or label names the cause: SRE-style reports list
    // "contributing factors" and tell what broke in their summary, short
    // disclosures in their opening paragraph. That account comes first,
    // then any sentence elsewhere that gives a reason.
    let mut account = Vec::new();
    // A summary that says the cause is not known yet tells none.
    if let Some(text) = summary(doc).filter(|t| !CAUSE_UNKNOWN.is_match(t)) {
        account.push(Narrative {
            title: Some("Summary".into()),
            text,
            markdown: None,
        });
    }
    // Compared with white space folded: a list is joined by spaces in one
    // account and by new lines in another.
    let known = |t: &str, have: &[Narrative]| {
        let t = fold_ws(t);
        have.iter().any(|n| fold_ws(&n.text).contains(&t))
    };
    // A sentence that names the cause as such ("This leads me to the root
    // cause of this problem: the server needs more RAM") says it better
    // than the summary, which tells what happened.
    let (named, cued): (Vec<Narrative>, Vec<Narrative>) =
        cue_sentences(doc, |s| CAUSE_CUE.is_match(s) && !CAUSE_UNKNOWN.is_match(s))
            .into_iter()
            .partition(|n| NAMES_THE_CAUSE.is_match(&n.text) && !GUESSED.is_match(&n.text));
    if !named.is_empty() {
        let summary = std::mem::take(&mut account);
        account = named;
        let fresh: Vec<Narrative> = summary
            .into_iter()
            .filter(|s| !known(&s.text, &account))
            .collect();
        account.extend(fresh);
    }
    for n in cued {
        if !known(&n.text, &account) && !known(&n.text, &found) {
            account.push(n);
        }
    }
    account.extend(found);
    account
}

/// Whether a heading or label names the cause itself ("Root Cause", "Why
/// It Failed", "**Problem**:"), not only factors that contributed to it.
fn states_the_cause(doc: &Document) -> bool {
    static FACTORS: PerThread<Regex> =
        PerThread::new(|| Regex::new(r"(?i)\bcontributing\b|\bfactors?\b").expect("factors regex"));
    let by_heading = doc.sections.iter().any(|s| {
        s.role == Role::RootCause
            && super::sections::heading_role(&s.heading) == Some(Role::RootCause)
            && !FACTORS.is_match(&s.heading)
    });
    by_heading
        || doc.ann.iter().flat_map(|a| &a.lines).any(|l| {
            matches!(l.kind, Some(LabelKind::Role(Role::RootCause)))
                && l.label.as_deref().is_some_and(|t| !FACTORS.is_match(t))
        })
}

pub fn fixes(doc: &Document, action_items: &[crate::model::ActionItem]) -> Vec<Narrative> {
    let mut found = entries(doc, Role::Fix);
    if found.is_empty() {
        found = cue_sentences(doc, tells_a_fix);
    }
    if found.is_empty() {
        // A bug-fix note's "Changes" section is its fix when it says in
        // words what changed; code and file tables alone are left to
        // `changes`.
        found = entries(doc, Role::Change)
            .into_iter()
            .filter(|n| says_in_words(&n.text))
            .collect();
    }
    if !found.is_empty() {
        return found;
    }
    // Nothing says the fix where fixes are told: what the timeline says
    // resolved it, and the items ticked done. Items still open ("Next
    // steps: verify the endpoints") are no fix.
    found = timeline_fixes(doc);
    let done: Vec<&str> = action_items
        .iter()
        .filter(|a| a.done)
        .map(|a| a.text.as_str())
        .collect();
    if !done.is_empty() {
        let text = done.join("\n");
        found.push(Narrative {
            title: Some("Action items".into()),
            text,
            markdown: None,
        });
    }
    found
}

/// A fix named in a timeline and nowhere else: terse entries ("Rolled back
/// deploy 4512", "block 2 resolved via `deletion-mark`") or sentences that
/// tell one. The first few, each as its own entry.
fn timeline_fixes(doc: &Document) -> Vec<Narrative> {
    static FAILED: PerThread<Regex> = PerThread::new(|| {
        Regex::new(r"(?i)\b(failed|fails|could not|couldn't|cannot|can't|did not|didn't|unsuccessful|continued?|continues|still|no effect|not help)\b")
            .expect("failed attempt")
    });
    static TERSE_FIX: PerThread<Regex> = PerThread::new(|| {
        Regex::new(r"(?i)\b(we (fixed|mitigated|resolved|remediated|reverted|rolled back|patched)|the fix (was|is)|rolled back|reverted|hot-?fix(ed)? deployed|fix (deployed|applied|merged|released|shipped)|deployed (a |the )?fix|applied (a |the )?(fix|patch|workaround)|(resolved|mitigated|fixed) (via|by|with)|submit(s|ted)? a (hot-?)?fix|push(es|ed)? (a |the )?(hot-?)?fix|(hot-?fix|fix|patch) is (pushed|deployed|merged|released|applied|rolled out)|merge[sd]?,? fixing|found and fixed|(are|were|was|is|been) revoked|(feature )?flags? (was |were |is )?(disabled|turned off|switched off|flipped off|set to (off|false))|restored ([a-z0-9_]+ ){0,3}from (the |a |an )?([a-z0-9_.:-]+ ){0,2}backups?)\b|\bflags?( [a-z]+)? (was |were |is )?(set|dialed|turned) (back )?(down )?to 0\s?%|(^|[|:–—]\s*|\bwe\s+|\d\s+)(disabled|turned off|switched off|flipped off) (the )?([a-z0-9_.-]+ ){0,2}(feature )?flags?\b")
            .expect("terse fix")
    });
    let mut out = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        if doc.ann[i].role != Role::Timeline
            || !matches!(
                b.kind,
                Kind::Paragraph | Kind::Item { .. } | Kind::Row { .. }
            )
        {
            continue;
        }
        let text = fold_ws(&strip_decorations(b.text()));
        // One entry of a list or table is one event: what follows its fix
        // says what the fix did ("A hotfix is pushed. It fails functions
        // on invalid expressions at once."). A paragraph may hold several.
        let one_event = !matches!(b.kind, Kind::Paragraph);
        let sentences = split_sentences(&text);
        for (n, sentence) in sentences.iter().enumerate() {
            // Actions that fix, done and taking: a timeline's outcomes
            // ("14:30 Service was restored") say that it ended, not how;
            // its upgrades and restarts are as often what set it off or
            // what did not help.
            let action = TERSE_FIX.is_match(sentence)
                || FIX_STATE
                    .captures_iter(sentence)
                    .any(|c| c.get(2).is_some());
            if action && !NOT_DONE.is_match(sentence) && !FAILED.is_match(sentence) {
                let text = if one_event {
                    sentences[n..].join(" ")
                } else {
                    sentence.to_string()
                };
                out.push(Narrative {
                    title: doc.section_heading(i).map(str::to_string),
                    text,
                    markdown: None,
                });
                if one_event {
                    break;
                }
            }
        }
        if out.len() >= 3 {
            break;
        }
    }
    out.truncate(3);
    out
}

/// Whether `text` holds a line of prose outside code and tables: four
/// words or more that do not just label what follows ("Before (broken):").
fn says_in_words(text: &str) -> bool {
    let mut in_code = false;
    text.lines().any(|l| {
        let l = l.trim();
        if l.starts_with("```") || l.starts_with("~~~") {
            in_code = !in_code;
            return false;
        }
        !in_code && !l.contains('|') && !l.ends_with(':') && l.split_whitespace().count() >= 4
    })
}

/// Text of the first section (or label) with `role`, prose only.
/// The blocks of the first section that has `role`, each with the values
/// of its lines that have it (metadata and file labels left out).
fn first_section_lines(doc: &Document, role: Role) -> Vec<(usize, Vec<&str>)> {
    let mut section: Option<Option<usize>> = None;
    let mut out = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        let ann = &doc.ann[i];
        if !matches!(b.kind, Kind::Paragraph | Kind::Item { .. }) {
            continue;
        }
        let lines: Vec<&str> = ann
            .lines
            .iter()
            .filter(|l| {
                l.role == role
                    && !matches!(l.kind, Some(LabelKind::Meta | LabelKind::File))
                    && !l.value.trim().is_empty()
            })
            .map(|l| l.value.as_str())
            .collect();
        if lines.is_empty() {
            continue;
        }
        match section {
            None => section = Some(ann.section),
            Some(s) if s != ann.section => break,
            _ => {}
        }
        out.push((i, lines));
    }
    out
}

fn first_prose(doc: &Document, role: Role) -> Option<String> {
    let parts: Vec<String> = first_section_lines(doc, role)
        .into_iter()
        .flat_map(|(_, lines)| lines.into_iter().map(strip_decorations))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The blocks `first_prose` reads, as the report wrote them (a block's own
/// Markdown where all of it has the role, else its text), for the page.
fn first_prose_written(doc: &Document, role: Role) -> Option<String> {
    let parts: Vec<(String, bool)> = first_section_lines(doc, role)
        .into_iter()
        .map(|(i, lines)| {
            let ann = &doc.ann[i];
            let whole =
                lines.len() == ann.lines.len() && ann.lines.iter().all(|l| l.label.is_none());
            match doc.markdown_of(i).filter(|_| whole) {
                Some(md) => (
                    md.to_string(),
                    matches!(doc.blocks[i].kind, Kind::Item { .. }),
                ),
                None => (lines.join(" "), false),
            }
        })
        .collect();
    (!parts.is_empty()).then(|| join_blocks(parts))
}

const SUMMARY_CHARS: usize = 1200;

/// The summary as the report wrote it, for the page (the JSON's is plain
/// and capped).
pub fn summary_written(doc: &Document) -> Option<String> {
    first_prose_written(doc, Role::Summary).or_else(|| {
        let text = summary(doc)?;
        // The opening paragraph the summary came from, if it is one.
        doc.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b.kind, Kind::Paragraph))
            .find(|(_, b)| strip_decorations(&b.text().replace('\n', " ")) == text)
            .and_then(|(i, _)| doc.markdown_of(i))
            .map(str::to_string)
    })
}

/// The impact as the report wrote it, for the page.
pub fn impact_written(doc: &Document) -> Option<String> {
    first_prose_written(doc, Role::Impact)
}

pub fn summary(doc: &Document) -> Option<String> {
    let text = first_prose(doc, Role::Summary).or_else(|| {
        // Else the first paragraph of plain prose (no labels: a wrapped
        // "**Problem**: ..." line is not a summary) outside the list-like
        // sections: reports open with what happened.
        doc.blocks.iter().enumerate().find_map(|(i, b)| {
            let ann = &doc.ann[i];
            if !matches!(b.kind, Kind::Paragraph)
                || b.quote
                || matches!(
                    ann.role,
                    Role::Lessons
                        | Role::ActionItems
                        | Role::References
                        | Role::Validation
                        | Role::Timeline
                        | Role::Change
                )
                || ann.lines.iter().any(|l| l.label.is_some() || l.from_label)
            {
                return None;
            }
            let lines: Vec<&str> = ann.lines.iter().map(|l| l.value.as_str()).collect();
            let text = strip_decorations(&lines.join(" "));
            (text.split_whitespace().count() >= 6 && !is_dateline(&text, !b.links.is_empty()))
                .then_some(text)
        })
    })?;
    Some(cap(&text, SUMMARY_CHARS))
}

/// A dateline under a title, not what happened: a short line with a
/// date and a link or a publishing word ("Project curl Security Advisory,
/// October 11 2023 - Permalink", "Posted on March 3, 2024 by Jane").
fn is_dateline(text: &str, linked: bool) -> bool {
    const PUBLISHING: &[&str] = &[
        "posted",
        "published",
        "updated",
        "written",
        "by",
        "permalink",
    ];
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    words.len() < 12
        && (linked || words.iter().any(|w| PUBLISHING.contains(&w.as_str())))
        && super::dates::find_date(text).is_some()
}

pub fn impact(doc: &Document) -> Option<String> {
    first_prose(doc, Role::Impact).map(|t| cap(&t, SUMMARY_CHARS))
}

fn cap(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut cut = max;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}…", s[..cut].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::document::annotate;
    use crate::extract::markdown::blocks;

    fn doc(md: &str) -> Document {
        annotate(blocks(md, 1))
    }

    #[test]
    fn a_dateline_under_the_title_is_no_summary() {
        let d = doc("# Heap overflow\n\nProject widget Security Advisory, October 11 2023 - [Permalink](https://example.com/a.html)\n\n## Vulnerability\n\nThe parser copied a long hostname into a short buffer.\n");
        assert_eq!(
            summary(&d).as_deref(),
            Some("The parser copied a long hostname into a short buffer.")
        );
        let d = doc("# Heap overflow\n\nPosted on March 3, 2024 by Jane Doe and the team\n\nThe parser copied a long hostname into a short buffer on March 2.\n");
        assert_eq!(
            summary(&d).as_deref(),
            Some("The parser copied a long hostname into a short buffer on March 2.")
        );
        // A short opening that says what happened, with its date, stays.
        let d = doc("# Heap overflow\n\nOn March 2, 2024 the parser crashed twice.\n");
        assert_eq!(
            summary(&d).as_deref(),
            Some("On March 2, 2024 the parser crashed twice.")
        );
    }

    #[test]
    fn a_lead_in_sentence_brings_the_list_it_introduces() {
        let d = doc("# Outage\n\n## Summary\n\nThe pods were starved of memory. This was resolved by:\n\n1. Giving core pods resource guarantees\n2. Removing memory overcommit\n\n## Timeline\n\n- 10:00 paged\n");
        let found = fixes(&d, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].text,
            "This was resolved by:\nGiving core pods resource guarantees\nRemoving memory overcommit"
        );
        // A sentence that ends otherwise keeps to itself; the list after
        // it is not its own.
        let d = doc("# Outage\n\n## Summary\n\nWe rolled back the deploy.\n\n- unrelated note\n");
        assert_eq!(fixes(&d, &[])[0].text, "We rolled back the deploy.");
        // The colon ends another sentence than the cue's: its list is a
        // timeline, not the fix.
        let d = doc("# Outage\n\n## Summary\n\nWe rolled back the deploy at 10:05. The timeline below shows what happened:\n\n- 09:50 deploy started\n- 10:05 rollback\n");
        assert!(
            !fixes(&d, &[])[0].text.contains("09:50"),
            "{:?}",
            fixes(&d, &[])
        );
    }

    #[test]
    fn a_last_sentence_naming_the_cause_brings_its_list() {
        let d = doc("# Outage\n\n## Details\n\nThe root cause was deeper than it looked. The exact sequence of causes was:\n\n- load increased\n- the disk filled\n");
        let got = root_causes(&d);
        assert!(
            got.iter()
                .any(|n| n.text.ends_with("load increased\nthe disk filled")),
            "{got:?}"
        );
    }

    #[test]
    fn a_cause_told_in_the_summary_and_by_a_lead_in_is_told_once() {
        let d = doc("# Outage\n\n## Summary\n\nThe outage was caused by:\n\n- a bad config push\n- a missing alert\n");
        assert_eq!(root_causes(&d).len(), 1, "{:?}", root_causes(&d));
    }

    #[test]
    fn an_outcome_alone_or_to_come_is_no_fix() {
        for s in [
            "Changes were rolled back and started working again.",
            "We rolled back the deploy.",
            "The root cause was fixed quickly: a bad plan around an index.",
            "Normal operation was restored without intervention.",
            "Traffic recovered immediately when the DNS issue was fixed.",
            "Full service has been restored to all services except builds.",
            "The database was restored from the 02:00 snapshot.",
        ] {
            assert!(tells_a_fix(s), "{s}");
        }
        for s in [
            "The issue has been resolved, and this post-mortem explains what happened.",
            "This incident has been resolved.",
            "Full service has been restored.",
            "Once internet service has been restored, we will begin looking through logs.",
            "If your project is among those which have not yet been restored, email us.",
            "The bug is fixed.",
        ] {
            assert!(!tells_a_fix(s), "{s}");
        }
    }

    #[test]
    fn bold_table_cells_reach_the_text_without_their_markers() {
        // ASCII and not: both paths must drop the bold markers of cells.
        for extra in ["", " — déployé"] {
            let md = format!("# T\n\n## Fix\n\nWe added guards:\n\n| Measure | File |\n|---|---|\n| **Destination preflight**{extra} | `preflight.mjs` |\n| Boot guard | refuses **public_html** |\n");
            let fx = fixes(&doc(&md), &[]);
            assert_eq!(fx.len(), 1, "{fx:?}");
            assert!(
                fx[0]
                    .text
                    .contains(&format!("Destination preflight{extra} | preflight.mjs"))
                    && fx[0].text.contains("refuses public_html")
                    && !fx[0].text.contains(['\u{1}', '\u{2}']),
                "{:?}",
                fx[0].text
            );
        }
    }

    #[test]
    fn with_no_fix_told_the_timeline_and_the_items_done_are_the_fix() {
        use crate::model::ActionItem;
        let item = |text: &str, done: bool| ActionItem {
            text: text.into(),
            done,
        };
        let md = "# Checkout errors\n\n## Root Cause\n\nA bad config push.\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 14:02 | Alerts fire |\n| 14:10 | Rolled back config push 4512 |\n| 14:30 | Resolved |\n";
        let items = [
            item("Add a config canary", false),
            item("Pin the config schema", true),
        ];
        let fx = fixes(&doc(md), &items);
        assert_eq!(fx.len(), 2, "{fx:?}");
        assert!(
            fx[0].text.contains("Rolled back config push 4512"),
            "{fx:?}"
        );
        assert_eq!(fx[1].text, "Pin the config schema");
        // Steps still to take are no fix.
        let md = "# URL mismatch\n\n## Root Cause\n\nThe frontend calls an old deployment.\n\n## Next Steps\n\n- Verify the endpoints\n";
        assert!(fixes(&doc(md), &[item("Verify the endpoints", false)]).is_empty());
        // Nor is a plan or a bare outcome in the timeline.
        let md = "# T\n\n## Timeline\n\n- 14:10 Will be fixed by the 15:00 release\n- 14:30 Service was restored.\n";
        assert!(fixes(&doc(md), &[]).is_empty());
        // Nor a step that turned a flag off and set it off.
        let md = "# T\n\n## Timeline\n\n- 14:02 A config push disabled the rate_limit feature flag\n- 14:10 Traffic floods the API\n";
        assert!(fixes(&doc(md), &[]).is_empty());
        // Nor what set it off, or an attempt that did not take.
        let md = "# T\n\n## Timeline\n\n- 09:00 We upgraded ingress-nginx to 1.9\n- 09:20 Fix deployed, errors continue\n- 09:30 The deploy could not be rolled back\n";
        assert!(fixes(&doc(md), &[]).is_empty());
        // Timelines told in the present tense, and credentials revoked.
        for entry in [
            "07:28 PDT: A hotfix is pushed and the rollout begins",
            "05:07 - jonasfj and Hixie submit a fix to the DNS configuration",
            "infra#237 merges, fixing the B2-to-archive failover",
            "Both keys are revoked so they are no longer valid",
            "Actual root cause found and fixed, and a test written",
            // A feature flag turned down, a database restored.
            "09:02 Flag percentage set to 0 % – errors drop",
            "Disabled the orders.newProcessor feature flag",
            "Restored the products table from the 4am backup",
        ] {
            let md = format!("# T\n\n## Timeline\n\n- 04:00 Alerts fire\n- {entry}\n");
            let fx = fixes(&doc(&md), &[]);
            assert_eq!(fx.len(), 1, "{entry}");
        }
        // The rest of the entry says what the fix did.
        let md = "# T\n\n## Timeline\n\n- 07:28 A hotfix is pushed. It fails functions on invalid expressions at once.\n";
        assert_eq!(
            fixes(&doc(md), &[])[0].text,
            "07:28 A hotfix is pushed. It fails functions on invalid expressions at once."
        );
    }

    #[test]
    fn a_changes_section_in_words_is_the_fix_when_nothing_else_is() {
        // Bug-fix notes in several languages: cause, then what changed.
        for (cause, changes) in [
            ("Cause", "Changes"),
            ("Przyczyna", "Zmiany"),
            ("Ursache", "Änderungen"),
        ] {
            let md = format!("# Calendar crash\n\n## {cause}\n\nparseISO ran on entries without a start date.\n\n## {changes}\n\n- added a guard that skips entries without a start date\n- the calendar checks the list before it renders\n");
            let fx = fixes(&doc(&md), &[]);
            assert_eq!(fx.len(), 1, "{changes}");
            assert!(fx[0].text.starts_with("added a guard"), "{changes}: {fx:?}");
        }
        // Code and a table of files alone say nothing in words.
        let d = doc("# T\n\n## Cause\n\nA null date.\n\n## Changes\n\n**Before:**\n\n```js\nparse(x)\n```\n\n| File | Change |\n|---|---|\n| a.ts | guard added for null dates |\n");
        assert!(fixes(&d, &[]).is_empty());
        // A fix stated anywhere else comes first.
        let d = doc("# T\n\nThe fix was a guard on null dates.\n\n## Changes\n\n- added a guard that skips entries without a start date\n");
        assert!(fixes(&d, &[])[0].text.starts_with("The fix was"));
    }

    #[test]
    fn what_went_wrong_under_a_root_cause_is_the_cause() {
        for label in ["What went wrong", "Wat ging mis", "Lo que salió mal"] {
            let md = format!("# T\n\n## Root Cause\n\n**{label}:**\n\n1. the update used the id before it was declared\n2. the earlier fix kept the old order\n\n## Lessons\n\n- declare before use\n");
            let d = doc(&md);
            let rc = root_causes(&d);
            assert!(
                rc.iter().any(|n| n.text.contains("before it was declared")),
                "{label}: {rc:?}"
            );
            assert_eq!(
                crate::extract::lists::lessons(&d),
                vec!["declare before use"],
                "{label}"
            );
        }
    }

    #[test]
    fn root_causes_per_section_and_label() {
        let d = doc("# T\n\n## 🔍 Root Cause Analysis\n\n### Error 1: QueuePool Incompatibility ❌\n\nPool is sync.\n\n## Fix\n\n**Problem**: the cache was cold.\n**Solution**: warm it.\n");
        let rc = root_causes(&d);
        assert_eq!(rc[0].title.as_deref(), Some("QueuePool Incompatibility"));
        assert_eq!(rc[0].text, "Pool is sync.");
        assert_eq!(rc[1].text, "the cache was cold.");
        let fx = fixes(&d, &[]);
        assert_eq!(fx[0].text, "warm it.");
    }

    #[test]
    fn a_summary_tells_the_cause_when_only_factors_are_listed() {
        let d = doc("# Outage\n\n## Summary\n\nA proxy upgrade stripped the forwarded headers, so logins broke. Changes were rolled back.\n\n## Contributing Factors\n\n- Review missed the header change\n");
        let rc = root_causes(&d);
        assert!(
            rc[0].text.contains("stripped the forwarded headers"),
            "{rc:?}"
        );
        assert!(rc.iter().any(|n| n.text.contains("Review missed")));
        assert!(fixes(&d, &[])[0].text.contains("rolled back"));
        // A sentence that names the root cause as such comes before the
        // summary's account of what happened.
        let d = doc("# Down\n\n## The site is down\n\nOn June 4 the site went down and stayed down for hours.\n\n## Digging in\n\nThis leads me to the root cause of this problem: the server needs more RAM.\n");
        let rc = root_causes(&d);
        assert!(rc[0].text.contains("needs more RAM"), "{rc:?}");
        assert!(rc.iter().any(|n| n.text.contains("went down")), "{rc:?}");
        // A guess about the cause, or a fix that mentions it, does not.
        for said in [
            "The first assumption regarding the root cause was a checker.",
            "This alleviated the root cause.",
        ] {
            let d = doc(&format!("# Down\n\n## The site is down\n\nOn June 4 the site went down and stayed down for hours.\n\n## Digging in\n\n{said}\n"));
            assert!(root_causes(&d)[0].text.contains("went down"), "{said}");
        }
        // A section naming the cause itself keeps the summary out.
        let d = doc("## Summary\n\nLogins broke for an hour.\n\n## Root Cause\n\nThe proxy stripped headers.\n");
        let rc = root_causes(&d);
        assert_eq!(rc.len(), 1);
        assert_eq!(rc[0].text, "The proxy stripped headers.");
    }

    #[test]
    fn containment_told_in_the_first_person_is_the_fix() {
        for said in [
            "As a first step of remediation, we have revoked a number of tokens present in those secrets.",
            "We rotated every key the next morning.",
        ] {
            let d = doc(&format!("# Leak\n\nSecrets were exposed in a public log.\n\n{said}\n"));
            assert!(
                fixes(&d, &[]).iter().any(|n| n.text.contains(said)),
                "{said}"
            );
        }
        // What is still to do is no fix.
        let d =
            doc("# Leak\n\nSecrets were exposed.\n\nWe will have rotated every key by Friday.\n");
        assert!(fixes(&d, &[]).is_empty(), "{:?}", fixes(&d, &[]));
    }

    #[test]
    fn status_updates_that_say_the_cause_is_unknown_give_no_cause_and_no_fix() {
        // Something else unknown, or a cause found after a while, is read.
        let d = doc(
            "On 3 May a bad config push caused 502s. How many orders were lost is still unknown.\n",
        );
        assert!(root_causes(&d)[0].text.contains("bad config push"));
        let d =
            doc("It took two hours to identify the root cause, a connection pool capped at 10.\n");
        assert!(root_causes(&d)
            .iter()
            .any(|n| n.text.contains("capped at 10")));
        // A key rotated may be what set it off: no fix.
        let d = doc("The JWT signing key was rotated without a grace period, so every session token was rejected.\n");
        assert!(fixes(&d, &[]).is_empty(), "{:?}", fixes(&d, &[]));
        let d = doc("*Resolved* - This incident has been resolved. Root cause analysis is still underway.\n\n*Monitoring* - Systems are available except HSPC. We are investigating the root cause of this incident.\n\n*Investigating* - We are aware of an outage. We are looking into the issue to determine its cause.\n");
        assert!(root_causes(&d).is_empty(), "{:?}", root_causes(&d));
        assert!(fixes(&d, &[]).is_empty(), "{:?}", fixes(&d, &[]));
        // A promise of a report on the cause is none either.
        let d = doc("Incident has been resolved. We're monitoring the system and will shortly update this entry with a detailed report on the cause of the problem.\n");
        assert!(root_causes(&d).is_empty(), "{:?}", root_causes(&d));
        // But a cause told with a habitual "will", or by Will, is one.
        for said in [
            "Under heavy load the pool will exhaust its slots when a query hangs, and this was the root cause of the outage.",
            "Will found the root cause within minutes: the replica lagged.",
        ] {
            assert!(!root_causes(&doc(&format!("{said}\n"))).is_empty(), "{said}");
        }
        // An update that tells the cause and the fix is read.
        let d = doc("*Resolved* - The outage was caused by an expired certificate. We renewed the certificate and restarted the proxy.\n");
        assert!(root_causes(&d)[0].text.contains("expired certificate"));
        let d = doc("*Update* - We rolled back the deploy.\n");
        assert!(fixes(&d, &[])[0].text.contains("rolled back"));
    }

    #[test]
    fn an_opening_paragraph_is_the_account_of_a_report_without_sections() {
        let d = doc("On 3 May a deploy key with write access was leaked from the build server logs.\n\n### What we changed\n\n- Rotated every key\n");
        assert!(root_causes(&d)[0]
            .text
            .contains("deploy key with write access"));
    }

    #[test]
    fn what_we_did_last_in_a_run_of_verbs_is_a_fix() {
        let d = doc("Over the next hour, we raised an alert internally, identified the issue and replaced the credentials.\n");
        assert!(fixes(&d, &[])[0].text.contains("replaced the credentials"));
        let d = doc("We replaced the failed disk on the primary.\n");
        assert!(!fixes(&d, &[]).is_empty());
        // Only what was done to put it right.
        let d = doc("We raised an alert, paged the on-call and waited for the vendor.\n");
        assert!(fixes(&d, &[]).is_empty(), "{:?}", fixes(&d, &[]));
    }

    #[test]
    fn after_redoing_something_the_system_recovered_is_a_fix() {
        let d = doc("Visiting the Hub gives a `502 Error`.\n\nDue to a lost connection with the data store, the Hub restarted.\n\nAfter manually deleting and recreating the storage service, the Hub started up again.\n");
        let found = fixes(&d, &[]);
        assert!(
            found[0].text.starts_with("After manually deleting"),
            "{found:?}"
        );
        // "After" telling when, or what set it off, is no fix.
        for said in [
            "After the deploy at 10:00, errors rose.",
            "After rotating the TLS certificate, the API started returning 502 errors.",
            "After increasing traffic from the campaign, the database fell over.",
        ] {
            let d = doc(&format!("{said}\n"));
            assert!(fixes(&d, &[]).is_empty(), "{said}: {:?}", fixes(&d, &[]));
        }
    }

    #[test]
    fn cue_fallbacks() {
        let d = doc("The root cause was a bad cell. Other text.\n\nEngineers mitigated the issue by shedding load.\n");
        assert_eq!(
            root_causes(&d)[0].text,
            "The root cause was a bad cell. Other text."
        );
        assert_eq!(
            fixes(&d, &[])[0].text,
            "Engineers mitigated the issue by shedding load."
        );
    }
}
