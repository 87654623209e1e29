//! Lessons, action items, references and timeline rows: the list-shaped
//! parts of a report, read from sections and labels with those roles.

use super::document::Document;
use super::markdown::Kind;
use super::sections::Role;
use super::text::{clean_heading, fold_ws, strip_decorations};
use crate::extract::per_thread::PerThread;
use crate::model::{ActionItem, Reference, TimelineEntry};
use regex::Regex;

fn plain(s: &str) -> String {
    let t = strip_decorations(s);
    t.trim_start_matches(['-', '*', '•', ' '])
        .trim()
        .to_string()
}

/// Lessons: leaf list items and bold-led paragraphs under lesson roles;
/// a lesson subsection made only of code gives its heading.
pub fn lessons(doc: &Document) -> Vec<String> {
    // (block index, lesson): sorted into document order at the end.
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut section_has_lesson: Vec<bool> = vec![false; doc.sections.len()];
    let has_child = sections_with_children(doc);
    let titled = titled_lessons(doc, &has_child);
    // A lessons table: its table and the column holding the lesson.
    let mut lesson_col: Option<(usize, usize)> = None;
    for (i, b) in doc.blocks.iter().enumerate() {
        let ann = &doc.ann[i];
        if let Some(title) = ann.section.and_then(|s| titled[s].as_deref()) {
            // "### 2. Normalize Early" then a paragraph: one lesson, titled.
            let first_block = ann.section.is_some_and(|s| doc.sections[s].block + 1 == i);
            if first_block
                && matches!(b.kind, Kind::Paragraph)
                && ann.lines.iter().all(|l| l.label.is_none())
            {
                out.push((i, format!("{title}: {}", plain(&fold_ws(b.text())))));
                if let Some(s) = ann.section {
                    section_has_lesson[s] = true;
                }
                continue;
            }
        }
        let text = match &b.kind {
            // "1. **Fallback Logic Masked the Bug**" over sub-items: the
            // bold title is a lesson; its sub-items are lessons too.
            Kind::Item {
                has_children: true,
                checked: None,
                ..
            } if ann.role == Role::Lessons
                && b.marked.trim_start().starts_with(super::text::STRONG_OPEN)
                && !b.text().trim_end().ends_with(':') =>
            {
                fold_ws(b.text())
            }
            Kind::Item {
                has_children: false,
                checked: None,
                ..
            } if ann.role == Role::Lessons => {
                let lines: Vec<String> = ann
                    .lines
                    .iter()
                    .filter(|l| l.role == Role::Lessons)
                    .map(|l| match &l.label {
                        Some(label)
                            if l.kind.is_none()
                                || matches!(l.kind, Some(super::sections::LabelKind::Plain)) =>
                        {
                            format!("{label}: {}", l.value)
                        }
                        _ => l.value.clone(),
                    })
                    .collect();
                fold_ws(&lines.join(" "))
            }
            // "| Lesson | Why |": the lesson column, else the first.
            Kind::Row {
                cells,
                header: true,
                table,
            } if ann.role == Role::Lessons => {
                let col = cells
                    .iter()
                    .position(|c| names_the_lesson(&clean_heading(c).to_lowercase()))
                    .unwrap_or(0);
                lesson_col = Some((*table, col));
                String::new()
            }
            Kind::Row {
                cells,
                header: false,
                table,
            } if ann.role == Role::Lessons => {
                let col = match lesson_col {
                    Some((t, c)) if t == *table => c,
                    _ => 0,
                };
                cells.get(col).map(|c| plain(c)).unwrap_or_default()
            }
            Kind::Paragraph if ann.role == Role::Lessons => {
                let starts_bold = b.marked.trim_start().starts_with(super::text::STRONG_OPEN);
                let labelled = ann.lines.iter().find(|l| {
                    l.kind == Some(super::sections::LabelKind::Role(Role::Lessons))
                        && !l.value.trim().is_empty()
                });
                match labelled {
                    Some(l) => l.value.clone(),
                    None if starts_bold && ann.lines.iter().all(|l| l.label.is_none()) => {
                        fold_ws(b.text())
                    }
                    _ => String::new(),
                }
            }
            _ => String::new(),
        };
        let text = plain(&text);
        if text.len() >= 3 {
            if let Some(s) = ann.section {
                section_has_lesson[s] = true;
            }
            out.push((i, text));
        }
    }
    // A lesson section written as plain prose: each paragraph is a lesson.
    for (i, b) in doc.blocks.iter().enumerate() {
        let ann = &doc.ann[i];
        let Some(si) = ann.section else { continue };
        let plain_prose = matches!(b.kind, Kind::Paragraph)
            && ann.role == Role::Lessons
            && doc.sections[si].role == Role::Lessons
            && ann.lines.iter().all(|l| l.label.is_none());
        if plain_prose && !section_has_lesson[si] {
            let text = plain(b.text());
            if text.split_whitespace().count() >= 4 {
                out.push((i, text));
            }
        }
    }
    // Lesson subsections that hold only code ("✅ DO: Proper init") teach by heading.
    for (si, s) in doc.sections.iter().enumerate() {
        if s.role != Role::Lessons
            || section_has_lesson[si]
            || titled[si].is_some()
            || has_child[si]
        {
            continue;
        }
        let parent_is_lessons = s
            .parent
            .is_some_and(|p| doc.sections[p].role == Role::Lessons);
        let has_code =
            doc.ann.iter().enumerate().any(|(i, a)| {
                a.section == Some(si) && matches!(doc.blocks[i].kind, Kind::Code { .. })
            });
        if parent_is_lessons && has_code {
            let h = clean_heading(&s.heading);
            if !h.is_empty() {
                out.push((s.block, h));
            }
        }
    }
    for (si, title) in titled.iter().enumerate() {
        let Some(title) = title else { continue };
        let block = doc.sections[si].block;
        let said = out
            .iter()
            .any(|(i, l)| doc.ann[*i].section == Some(si) && l.starts_with(title.as_str()));
        if !said {
            out.push((block, title.clone()));
        }
    }
    out.sort_by_key(|(i, _)| *i);
    let mut lessons: Vec<String> = Vec::with_capacity(out.len());
    for (_, l) in out {
        if !lessons.contains(&l) {
            lessons.push(l);
        }
    }
    lessons
}

/// For each section, whether any section is nested in it (one pass: a
/// report of 100,000 headings must not compare every pair).
fn sections_with_children(doc: &Document) -> Vec<bool> {
    let mut out = vec![false; doc.sections.len()];
    for s in &doc.sections {
        if let Some(p) = s.parent {
            out[p] = true;
        }
    }
    out
}

/// Lesson subsections titled by their lesson ("### 1. Always Normalize
/// Case", "### Test Edge Cases"): leaves under a lessons section whose
/// heading is not a grouping ("What Went Well", "For New Hires",
/// "Technical").
fn titled_lessons(doc: &Document, has_child: &[bool]) -> Vec<Option<String>> {
    static GROUPING: PerThread<Regex> = PerThread::new(|| {
        Regex::new(r"(?i)^(for|from|by|on|in|as|about)\b|^(technical|process|organi[sz]ational|operational|team|engineering|communication|people|tooling|product|general|other|misc(ellaneous)?|good|bad|positive|negative|summary|overview)(\s+(lessons?|learnings?|takeaways?|insights?|side|things|items))?$")
            .expect("grouping regex")
    });
    doc.sections
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let leaf = !has_child[si];
            let under_lessons = s
                .parent
                .is_some_and(|p| doc.sections[p].role == Role::Lessons);
            if s.role != Role::Lessons || !leaf || !under_lessons {
                return None;
            }
            let (_, title) = super::text::strip_numbering(&clean_heading(&s.heading));
            let title = plain(&title);
            let words = title.split_whitespace().count();
            let grouping = GROUPING.is_match(&title)
                || super::sections::heading_role(&title) == Some(Role::Lessons);
            ((2..=14).contains(&words) && !grouping).then_some(title)
        })
        .collect()
}

static DONE: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)^\s*(?:✅|✔|☑|\[x\])|\b(done|complete|completed|fixed|closed|resolved|shipped|merged|yes)\b").expect("done regex")
});

/// Action items: every task-list item, leaf items under action roles, and
/// the rows of an action table (done from a status column).
pub fn action_items(doc: &Document) -> Vec<ActionItem> {
    let mut out: Vec<ActionItem> = Vec::new();
    let mut taken_parents: Vec<usize> = Vec::new();
    // Items told as a sentence of their own: their sub-items are details.
    let mut told: Vec<usize> = Vec::new();
    let mut table_cols: Option<(usize, usize, Option<usize>)> = None; // table, action col, status col
    for (i, b) in doc.blocks.iter().enumerate() {
        let ann = &doc.ann[i];
        match &b.kind {
            Kind::Item {
                checked: Some(done),
                ..
            } => {
                out.push(ActionItem {
                    text: plain(b.text()),
                    done: *done,
                });
            }
            Kind::Item {
                has_children: false,
                ..
            } if ann.role == Role::ActionItems
                && !b.parent_item.is_some_and(|p| told.contains(&p)) =>
            {
                // A step's details may be bare code under it ("Always use
                // the fixed script:" over "✅ `ingest_fixed.py`"): the
                // step is the item, its code no item of its own.
                let (b, i) = match b.parent_item {
                    // A parent with a check box is an item of its own.
                    Some(p) if only_code(b) => match doc.blocks[p].kind {
                        Kind::Item {
                            checked: Some(_), ..
                        } => continue,
                        _ => (&doc.blocks[p], p),
                    },
                    _ => (b, i),
                };
                if taken_parents.contains(&i) {
                    continue;
                }
                if matches!(
                    b.kind,
                    Kind::Item {
                        has_children: true,
                        ..
                    }
                ) {
                    taken_parents.push(i);
                }
                let (text, done) = marked_done(b.text());
                let text = plain(text.trim_end().trim_end_matches([':', '：']));
                if !text.is_empty() {
                    out.push(ActionItem { text, done });
                }
            }
            // An action told as a sentence, its sub-items examples or
            // details ("Encoding explicit: always write UTF-8." over
            // "- PowerShell: ...", "- Python: ..."): the item is the action,
            // not its sub-items. A parent that ends on a colon ("Monitoring:")
            // only groups its sub-items, which are the actions.
            Kind::Item {
                has_children: true,
                checked: None,
                ..
            } if ann.role == Role::ActionItems
                && b.text().trim_end().ends_with(['.', '。', '!', '！'])
                && !taken_parents.contains(&i) =>
            {
                taken_parents.push(i);
                let (text, done) = marked_done(b.text());
                let text = plain(text.trim_end());
                if !text.is_empty() {
                    out.push(ActionItem { text, done });
                }
                told.push(i);
            }
            // "Action point: add alerts" in prose, wherever it stands.
            Kind::Paragraph | Kind::Item { .. } => {
                for l in &ann.lines {
                    let labelled = matches!(
                        l.kind,
                        Some(super::sections::LabelKind::Role(Role::ActionItems))
                    );
                    if !labelled {
                        continue;
                    }
                    let text = plain(&l.value);
                    if text.split_whitespace().nth(1).is_some() {
                        out.push(ActionItem { text, done: false });
                    }
                }
            }
            Kind::Row {
                cells,
                header: true,
                table,
            } if ann.role == Role::ActionItems => {
                let lower: Vec<String> = cells
                    .iter()
                    .map(|c| clean_heading(c).to_lowercase())
                    .collect();
                let action = lower
                    .iter()
                    .position(|c| {
                        [
                            "action",
                            "task",
                            "item",
                            "action item",
                            "description",
                            "what",
                            "follow-up",
                        ]
                        .contains(&c.as_str())
                    })
                    // A column named for the measure ("Countermeasure",
                    // "対策", "Maßnahme"), not the cause it answers.
                    .or_else(|| lower.iter().position(|c| names_the_measure(c)))
                    .or_else(|| {
                        lower.iter().position(|c| {
                            !["#", "priority", "owner", "status", "due", "id", "assignee"]
                                .contains(&c.as_str())
                                && !CAUSE_COLUMN_WORDS.iter().any(|w| c.contains(w))
                        })
                    })
                    .unwrap_or(0);
                let status = lower
                    .iter()
                    .position(|c| c == "status" || c == "state" || c == "done");
                table_cols = Some((*table, action, status));
            }
            Kind::Row {
                cells,
                header: false,
                table,
            } if ann.role == Role::ActionItems => {
                let (action, status) = match table_cols {
                    Some((t, a, s)) if t == *table => (a, s),
                    _ => (0, None),
                };
                let text = cells.get(action).map(|c| plain(c)).unwrap_or_default();
                let done = status
                    .and_then(|s| cells.get(s))
                    .is_some_and(|s| DONE.is_match(s));
                if !text.is_empty() {
                    out.push(ActionItem { text, done });
                }
            }
            _ => {}
        }
    }
    // Some reports write each follow-up as a paragraph of its own ("The
    // monitoring should page more people (filed #1335)."): with no list,
    // table or label giving any, those paragraphs are the items. An
    // introduction ("We will:") is none.
    if out.is_empty() {
        let paragraphs = doc.blocks.iter().zip(&doc.ann).filter(|(b, a)| {
            a.role == Role::ActionItems && matches!(b.kind, Kind::Paragraph) && !b.quote
        });
        out.extend(paragraphs.filter_map(|(b, _)| {
            let text = fold_ws(&plain(b.text()));
            let words = text.split_whitespace().count();
            (words >= 4
                && text.chars().count() <= 500
                && !text.ends_with([':', '：'])
                && !NONE_NEEDED.is_match(&text))
            .then_some(ActionItem { text, done: false })
        }));
    }
    out
}

/// A paragraph saying no action is needed ("No further action is
/// required.", "None at this time.").
static NONE_NEEDED: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)^(none|nothing|n/a)\b|\bno (further |other |additional )?(actions?|follow[- ]?ups?|steps|changes|work) (is |are )?(required|needed|necessary|planned)\b")
        .expect("none needed regex")
});

/// Whether a list item is only code (`ingest.py`, `free -h`), with at
/// most a mark, a tick or a parenthesis beside it.
fn only_code(b: &crate::extract::markdown::Block) -> bool {
    if b.codes.is_empty() {
        return false;
    }
    let mut rest = b.text().to_string();
    for c in &b.codes {
        rest = rest.replacen(c.as_str(), "", 1);
    }
    let rest = rest.split('(').next().unwrap_or("");
    !rest.chars().any(char::is_alphanumeric)
}

/// An item marked done without a check box: a leading ✅, ✔️, ☑️ or ✓,
/// a ballot box (☒ done, ☐ open),
/// a leading `[DONE]`/`DONE:`, or a trailing `(done)`. The text without
/// the word-mark, and whether one was there.
fn marked_done(text: &str) -> (&str, bool) {
    let t = text.trim();
    // Ballot boxes are check boxes written as characters (documents
    // converted from word processors and wikis): ☒ ticked, ☐ open.
    if let Some(rest) = t.strip_prefix('☒') {
        return (rest.trim_start(), true);
    }
    if let Some(rest) = t.strip_prefix('☐') {
        return (rest.trim_start(), false);
    }
    for prefix in [
        "[DONE]", "[done]", "[Done]", "DONE:", "Done:", "DONE -", "DONE –",
    ] {
        if let Some(rest) = t.strip_prefix(prefix) {
            return (rest.trim_start(), true);
        }
    }
    for suffix in [
        "(done)",
        "(DONE)",
        "(Done)",
        "— done",
        "- done",
        "(completed)",
        "(fixed)",
        // Japanese and Chinese "done", in full-width and ASCII brackets.
        "（完了）",
        "(完了)",
        "（済）",
        "（対応済み）",
        "（已完成）",
        "(已完成)",
    ] {
        if let Some(rest) = t.strip_suffix(suffix) {
            return (rest.trim_end(), true);
        }
    }
    let Some(rest) = t.strip_prefix(['✅', '✔', '☑', '✓']) else {
        return (t, false);
    };
    // Some lists tick what is still to do or advised ("✅ **Verify all
    // tests pass**", "✅ **Always run** the checks"): in English, a tick
    // is a thing done when the item says it in the past ("Fixes
    // committed", "Root cause identified").
    let rest = super::text::strip_decorations(rest);
    if !rest.is_ascii() {
        return (t, true);
    }
    let past = rest.split_whitespace().take(4).any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_ascii_alphabetic())
            .to_ascii_lowercase();
        (w.len() > 3 && w.ends_with("ed")) || PAST_FORMS.contains(&w.as_str())
    });
    (t, past)
}

/// English past participles that do not end in "-ed".
const PAST_FORMS: &[&str] = &[
    "done",
    "built",
    "rebuilt",
    "made",
    "written",
    "rewritten",
    "sent",
    "found",
    "taken",
    "given",
    "kept",
    "shipped",
    "complete",
    "merged",
    "fixed",
];

/// Whether a table's column header names the lesson ("Lesson",
/// "Takeaway", "Lección", "教訓"), in English and the languages of
/// `languages`.
fn names_the_lesson(header: &str) -> bool {
    const WORDS: &[&str] = &[
        "lesson",
        "lessons",
        "lesson learned",
        "lessons learned",
        "takeaway",
        "takeaways",
        "learning",
        "learnings",
        "what we learned",
        "insight",
        "lección",
        "lecciones",
        "lição",
        "lições",
        "leçon",
        "leçons",
        "lektion",
        "lehre",
        "erkenntnis",
        "lezione",
        "lezioni",
        "lezione appresa",
        "урок",
        "уроки",
        "bài học",
        "les",
        "lekcja",
        "ders",
        "pelajaran",
        "lärdom",
        "教訓",
        "教训",
        "经验",
        "교훈",
    ];
    WORDS.contains(&header)
}

/// Words of an action-item table's column that holds the action: in
/// English and the languages of `languages`.
const ACTION_COLUMN_WORDS: &[&str] = &[
    "action",
    "actions",
    "measure",
    "measures",
    "countermeasure",
    "countermeasures",
    "mitigation",
    "mitigations",
    "remediation",
    "improvement",
    "improvements",
    "medidas",
    "mesures",
    "azioni",
    "misure",
    "maßnahmen",
    "massnahmen",
    "maatregelen",
    "działania",
    "önlemler",
    "acción",
    "acciones",
    "medida",
    "ação",
    "ações",
    "maßnahme",
    "massnahme",
    "mesure",
    "azione",
    "misura",
    "мера",
    "меры",
    "действие",
    "hành động",
    "biện pháp",
    "maatregel",
    "actie",
    "działanie",
    "önlem",
    "aksiyon",
    "tindakan",
    "対策",
    "対応",
    "措施",
    "对策",
    "대책",
    "조치",
];

/// Whether an action table's column header names the measure: one of
/// `ACTION_COLUMN_WORDS` as a whole word ("Воздействие", impact, holds
/// "действие" but is not it), or, in scripts written without spaces,
/// heading the header; never a header naming a person, a date or a state
/// ("Action owner", "対応者", "対応期限").
fn names_the_measure(header: &str) -> bool {
    const NOT_THE_MEASURE: &[&str] = &[
        "owner",
        "who",
        "due",
        "deadline",
        "date",
        "status",
        "state",
        "assignee",
        "responsible",
        "者",
        "期限",
        "状況",
        "状態",
        "担当",
        "负责",
        "状态",
        "日期",
        "담당",
        "기한",
        "상태",
    ];
    if NOT_THE_MEASURE.iter().any(|w| {
        header
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word == *w)
            || !w.is_ascii() && header.contains(w)
    }) {
        return false;
    }
    ACTION_COLUMN_WORDS.iter().any(|w| {
        header
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word == *w)
            || w.starts_with(super::text::is_spaceless_script) && header.starts_with(w)
    })
}

/// Words of a column that holds what the action answers (the cause or
/// problem), which is not the action.
const CAUSE_COLUMN_WORDS: &[&str] = &[
    "cause",
    "problem",
    "finding",
    "causa",
    "ursache",
    "причина",
    "nguyên nhân",
    "oorzaak",
    "przyczyna",
    "neden",
    "penyebab",
    "原因",
    "问题",
    "問題",
    "원인",
    "문제",
];

static BARE_URL: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r#"https?://[^\s<>()\[\]"'`]+[^\s<>()\[\]"'`.,;:!?]"#).expect("url regex")
});

/// References: links and bare URLs under reference roles.
pub fn references(doc: &Document) -> Vec<Reference> {
    let mut out: Vec<Reference> = Vec::new();
    let push = |title: Option<String>, url: String, out: &mut Vec<Reference>| {
        if !out.iter().any(|r| r.url == url) {
            out.push(Reference {
                title: title.filter(|t| !t.is_empty() && *t != url),
                url,
            });
        }
    };
    for (i, b) in doc.blocks.iter().enumerate() {
        if doc.ann[i].role != Role::References
            || matches!(b.kind, Kind::Code { .. } | Kind::Heading { .. })
        {
            continue;
        }
        for (title, url) in &b.links {
            // Web links and links to other documents; not in-page anchors,
            // mail addresses, or anything the site's URL allow-list refuses.
            let lower = url.trim().to_ascii_lowercase();
            if !url.starts_with('#')
                && !lower.starts_with("mailto:")
                && crate::url_policy::is_allowed(url)
            {
                push(Some(plain(title)), url.clone(), &mut out);
            }
        }
        let text = b.text();
        for m in BARE_URL.find_iter(text) {
            let before = text[..m.start()]
                .trim_end()
                .trim_end_matches([':', '-', '–'])
                .trim();
            let title = before
                .rsplit('\n')
                .next()
                .map(plain)
                .filter(|t| t.split_whitespace().count() <= 10);
            push(title, m.as_str().to_string(), &mut out);
        }
    }
    out
}

static TIME: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"^\s*(?P<time>(?:\d{4}-\d{2}-\d{2}[ T]?)?~?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:UTC|Z|[AP]M|PDT|PST|EST|EDT|CET))?(?:\s*[-–]\s*~?\d{1,2}:\d{2})?)\s*[-–—:|]?\s*(?P<event>.+)$")
        .expect("time regex")
});

/// Timeline rows: tables and `HH:MM - event` items under timeline roles.
pub fn timeline(doc: &Document) -> Vec<TimelineEntry> {
    let mut out = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        if doc.ann[i].role != Role::Timeline {
            continue;
        }
        match &b.kind {
            Kind::Row {
                cells,
                header: false,
                ..
            } if cells.len() >= 2 => {
                let event = cells[1..]
                    .iter()
                    .map(|c| plain(c))
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join(" — ");
                out.push(TimelineEntry {
                    time: Some(plain(&cells[0])).filter(|t| !t.is_empty()),
                    event,
                });
            }
            Kind::Item {
                has_children: false,
                ..
            }
            | Kind::Paragraph => {
                let text = plain(b.text());
                if let Some(c) = TIME.captures(&text) {
                    out.push(TimelineEntry {
                        time: Some(c["time"].trim().to_string()),
                        event: c["event"].trim().to_string(),
                    });
                } else if matches!(b.kind, Kind::Item { .. }) && !text.is_empty() {
                    out.push(TimelineEntry {
                        time: None,
                        event: text,
                    });
                }
            }
            _ => {}
        }
    }
    out
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
    fn action_items_from_labels_nested_lists_and_corrective_actions() {
        let d = doc("## Lessons Learned\n\n- Keep runbooks current\n\n### Action Items\n\n| Action | Owner | Status |\n|---|---|---|\n| Add a canary | SRE | ✅ Complete |\n| Page on queue age | SRE | Pending |\n\n### Monitoring\n\nThe monitor lagged.\n\nAction point: alert from the monitor itself.\n\n## Corrective actions\n\n- **HIGH** Smoke-test downloads in staging\n\n### Immediate Fix\n\n- Pinned the client library\n\n## Related Documents\n\n- [Design](https://example.com/design)\n");
        let items: Vec<(String, bool)> = action_items(&d)
            .into_iter()
            .map(|a| (a.text, a.done))
            .collect();
        assert_eq!(
            items,
            vec![
                ("Add a canary".to_string(), true),
                ("Page on queue age".to_string(), false),
                ("alert from the monitor itself.".to_string(), false),
                ("HIGH Smoke-test downloads in staging".to_string(), false),
            ]
        );
        let fix = d.sections.iter().find(|s| s.heading == "Immediate Fix");
        assert_eq!(fix.map(|s| s.role), Some(Role::Fix));
        assert_eq!(references(&d)[0].url, "https://example.com/design");
    }

    #[test]
    fn an_action_told_as_a_sentence_keeps_its_examples_under_it() {
        let d = doc("## Action items\n\n1. **Explicit encoding** Always write files as UTF-8.\n   - PowerShell: `UTF8Encoding($false)`\n   - Python: `open(f, encoding='utf-8')`\n2. **Diff check** Read the diff before each commit.\n3. Monitoring:\n   - alert on error rate\n   - alert on queue age\n");
        let items: Vec<String> = action_items(&d).into_iter().map(|a| a.text).collect();
        assert_eq!(
            items,
            vec![
                "Explicit encoding Always write files as UTF-8.",
                "Diff check Read the diff before each commit.",
                "alert on error rate",
                "alert on queue age",
            ]
        );
    }

    #[test]
    fn lessons_titled_by_their_heading_or_a_bold_parent_item() {
        let d = doc("## Lessons Learned\n\n### 1. Retry With Jitter\nBackoff without jitter synchronised every client.\n\n### 2. Alert On Queue Age\n- Depth alone hid the stall\n\n### What Went Well\n- Rollback took two minutes\n\n### Where we got lucky\n\n1. The on-call was awake\n\n## Takeaways\n\n1. **Own The Channel**\n   - Only the sender closes it\n2. **Process:**\n   - Review config diffs\n");
        assert_eq!(
            lessons(&d),
            vec![
                "Retry With Jitter: Backoff without jitter synchronised every client.",
                "Alert On Queue Age",
                "Depth alone hid the stall",
                "Rollback took two minutes",
                "The on-call was awake",
                "Own The Channel",
                "Only the sender closes it",
                "Review config diffs",
            ]
        );
    }

    #[test]
    fn lessons_from_nested_lists_paragraphs_and_code_sections() {
        let d = doc("## Lessons Learned\n\n### 1. **Pools**\n- ❌ **Never use `QueuePool` with async engines**\n- ✅ Pin versions\n\n**Stagger schedules.** Always.\n\n## Prevention Guidelines\n\n### ✅ DO: Proper init\n```swift\nx\n```\n\n## Next Steps\n\n- ship it\n");
        assert_eq!(
            lessons(&d),
            vec![
                "Never use QueuePool with async engines",
                "Pin versions",
                "Stagger schedules. Always.",
                "DO: Proper init"
            ]
        );
    }

    #[test]
    fn prose_only_lesson_sections_give_paragraphs() {
        let d = doc("## What we took from it\n\nEvery network call needs a timeout.\n\nHealth checks must not share the worker pool.\n\n## Lessons\n\n- A list item\n\nA paragraph beside a list is not a lesson.\n");
        assert_eq!(
            lessons(&d),
            vec![
                "Every network call needs a timeout.",
                "Health checks must not share the worker pool.",
                "A list item"
            ]
        );
    }

    #[test]
    fn action_items_from_tasks_lists_and_tables() {
        let d = doc("## Next Steps\n\n1. Monitor\n2. Verify\n\n## Action Items\n\n| Action | Owner | Status |\n|---|---|---|\n| Fix it | me | ✅ Done |\n| Alert | me | Todo |\n\n## Checks\n\n- [x] pushed\n- [ ] deployed\n");
        let got: Vec<(String, bool)> = action_items(&d)
            .into_iter()
            .map(|a| (a.text, a.done))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Monitor".into(), false),
                ("Verify".into(), false),
                ("Fix it".into(), true),
                ("Alert".into(), false),
                ("pushed".into(), true),
                ("deployed".into(), false)
            ]
        );
    }

    #[test]
    fn references_links_and_bare_urls() {
        let d = doc("## References\n\n- [Docs](https://a.example/docs)\n- **Vercel Docs**: https://vercel.com/docs\n\n## Other\n\n[not](https://b.example)\n");
        let got: Vec<(Option<String>, String)> = references(&d)
            .into_iter()
            .map(|r| (r.title, r.url))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("Docs".into()), "https://a.example/docs".into()),
                (Some("Vercel Docs".into()), "https://vercel.com/docs".into())
            ]
        );
    }

    #[test]
    fn a_step_is_the_item_and_its_bare_code_details_are_not() {
        // A step with a check box is one item, with its box.
        let d = doc(
            "# T\n\n## Action items\n\n- [x] Switch to the fixed script:\n  - `ingest_fixed.py`\n",
        );
        let items: Vec<(String, bool)> = action_items(&d)
            .into_iter()
            .map(|a| (a.text, a.done))
            .collect();
        assert_eq!(items, [("Switch to the fixed script:".to_string(), true)]);
        let d = doc("# T\n\n## Recommendations\n\n1. **Always use the fixed script:**\n   - ✅ `ingest_fixed.py`\n   - ❌ `ingest.py` (DEPRECATED)\n2. **Before big jobs:**\n   - Check free RAM: `free -h`\n   - Run a small test first\n3. Read the logs:\n   - `/var/log/alerts.log`\n");
        let items: Vec<String> = action_items(&d).into_iter().map(|a| a.text).collect();
        assert_eq!(
            items,
            [
                "Always use the fixed script",
                "Check free RAM: free -h",
                "Run a small test first",
                "Read the logs"
            ]
        );
    }

    #[test]
    fn follow_ups_written_as_paragraphs_are_items_when_no_list_gives_any() {
        let d = doc("# T\n\n## Follow-up\n\nWe will:\n\nThe monitoring system should notify\nmore people (filed #1335).\n\nAdd a DNS check to the release list.\n\nThanks.\n");
        let items: Vec<String> = action_items(&d).into_iter().map(|a| a.text).collect();
        assert_eq!(
            items,
            [
                "The monitoring system should notify more people (filed #1335).",
                "Add a DNS check to the release list."
            ]
        );
        let d = doc("# T\n\n## Action items\n\nNo further action is required.\n");
        assert!(action_items(&d).is_empty());
        // A list wins: the paragraph around it is its introduction.
        let d =
            doc("# T\n\n## Follow-up\n\nThese are tracked in Jira as well.\n\n- Add a DNS check\n");
        let items: Vec<String> = action_items(&d).into_iter().map(|a| a.text).collect();
        assert_eq!(items, ["Add a DNS check"]);
    }

    #[test]
    fn items_marked_done_without_a_box_are_done() {
        let d = doc("## Action items\n\n- ✅ Canary added\n- ✔️ Paging on queue age in place (done)\n- [DONE] Rotate keys\n- Add alerts (done)\n- Write the runbook\n- Check the ✅ icon renders\n- ✅ **Verify all tests pass** in CI\n- ✅ **Always run** the pre-PR script\n- ✅ Backup tested before the restore\n- ✅ 回滚脚本已上线\n- 報告書の作成（完了）\n- チェックリストの作成（次のステップ）\n- ☒ Ticket filed upstream\n- ☐ Investigate the surge\n");
        let items: Vec<(String, bool)> = action_items(&d)
            .into_iter()
            .map(|a| (a.text, a.done))
            .collect();
        let want: Vec<(String, bool)> = [
            ("Canary added", true),
            ("Paging on queue age in place", true),
            ("Rotate keys", true),
            ("Add alerts", true),
            ("Write the runbook", false),
            ("Check the icon renders", false),
            ("Verify all tests pass in CI", false),
            ("Always run the pre-PR script", false),
            ("Backup tested before the restore", true),
            ("回滚脚本已上线", true),
            ("報告書の作成", true),
            ("チェックリストの作成（次のステップ）", false),
            ("Ticket filed upstream", true),
            ("Investigate the surge", false),
        ]
        .iter()
        .map(|(t, d)| (t.to_string(), *d))
        .collect();
        assert_eq!(items, want);
    }

    #[test]
    fn lessons_tables_are_read_from_the_lesson_column() {
        let d = doc("# T\n\n## Lessons learned\n\n| Lesson | Why |\n|---|---|\n| **Never deploy to the main domain** | It hosts the shop |\n| Alert on process counts | Memory was never the limit |\n\n## Lezioni apprese\n\n| Problema | Lezione |\n|---|---|\n| Nessun monitoraggio | Un controllo esterno ogni minuto |\n");
        assert_eq!(
            lessons(&d),
            vec![
                "Never deploy to the main domain",
                "Alert on process counts",
                "Un controllo esterno ogni minuto",
            ]
        );
    }

    #[test]
    fn action_tables_are_read_from_the_measure_column_not_the_cause() {
        for md in [
            "## 再発防止策\n\n| 間接原因 | 対策 |\n|---|---|\n| 検証なし | 自動検証を追加 |\n",
            "## Action Items\n\n| Root cause | Countermeasure | Owner |\n|---|---|---|\n| no check | add a check | me |\n",
            "## Action Items\n\n| Problem | Fix | Owner |\n|---|---|---|\n| no check | add a check | me |\n",
            // Columns that name who, when or the impact are not the measure.
            "## Action Items\n\n| Recommendation | Action owner | Due |\n|---|---|---|\n| add a check | me | May |\n",
            "## 再発防止策\n\n| 再発防止策 | 対応者 | 対応期限 |\n|---|---|---|\n| 自動検証を追加 | 田中 | 5月 |\n",
        ] {
            let got: Vec<String> = action_items(&doc(md)).into_iter().map(|a| a.text).collect();
            assert_eq!(got.len(), 1, "{md}");
            assert!(
                got[0].contains("自動検証") || got[0] == "add a check",
                "{md}: {got:?}"
            );
        }
    }

    #[test]
    fn timeline_tables_and_items() {
        let d = doc("## Timeline\n\n| Time | Event |\n|---|---|\n| 15:02 | Alert fires |\n\n- 16:50 - Deploy\n");
        let got: Vec<(Option<String>, String)> = timeline(&d)
            .into_iter()
            .map(|t| (t.time, t.event))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("15:02".into()), "Alert fires".into()),
                (Some("16:50".into()), "Deploy".into())
            ]
        );
    }
}
