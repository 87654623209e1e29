//! What a reviewer catches in front matter that parses: a date no calendar
//! has (`date: 2026-13-45` would otherwise read as "no date found"), and a
//! key one slip away from a key incidex reads (`titel:`), which is
//! otherwise ignored without a word.
//!
//! Keys nobody here reads are left alone: Hugo, Zola and Jekyll reports
//! carry many (`layout`, `weight`, `permalink`), and each is fine.

use super::front_matter::{Format, FrontMatter, Raw};

/// One finding, located in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub line: usize,
    pub column: usize,
    pub error: bool,
    pub message: String,
}

/// Keys incidex reads, and those of Hugo and Zola it knows: a key near one
/// of these is most likely a typo of it.
const KNOWN: &[&str] = &[
    "title",
    "date",
    "updated",
    "lastmod",
    "published",
    "publishdate",
    "incident_date",
    "draft",
    "slug",
    "id",
    "aliases",
    "authors",
    "author",
    "tags",
    "categories",
    "taxonomies",
    "extra",
    "summary",
    "description",
    "impact",
    "status",
    "severity",
    "services",
    "service",
    "technologies",
    "tech",
    "product",
    "platform",
    "stack",
    "keywords",
    "errors",
    "root_cause",
    "root_causes",
    "fix",
    "fixes",
    "lessons",
    "action_items",
    "references",
    "timeline",
    "resolved",
    "affected",
];

/// How a date no calendar has is reported (extraction leaves out its own
/// "no date found" when it sees this).
pub const IMPOSSIBLE_DATE: &str = "is not a calendar date";

pub fn lint(raw: &Raw<'_>, fm: &FrontMatter) -> Vec<Finding> {
    let mut out = Vec::new();
    for (key, value) in &fm.map {
        let Some(key) = key.as_str() else { continue };
        // Only a finding is located: looking up every key would scan the
        // block once per key.
        let mut at_value = |error: bool, message: String| {
            let (line, _, column) = position(raw, key);
            out.push(Finding {
                line,
                column,
                error,
                message,
            });
        };
        if is_date_key(key) {
            if let Some(reason) = value.as_str().and_then(impossible_date) {
                at_value(
                    true,
                    format!(
                        "`{key}` {IMPOSSIBLE_DATE}: {} ({reason})",
                        value.as_str().unwrap_or_default().trim()
                    ),
                );
            }
        }
        let lower = key.to_ascii_lowercase();
        if let Some(message) = value.as_str().and_then(|v| unknown_value(&lower, v)) {
            at_value(false, message);
        }
        if lower == "aliases" {
            for alias in fm.list(key).unwrap_or_default() {
                if let Err(why) = crate::alias::output_path(&alias) {
                    let (key_line, _, _) = position(raw, key);
                    let (line, column) = text_position(raw, &alias, key_line);
                    out.push(Finding {
                        line,
                        column,
                        error: false,
                        message: format!(
                            "alias `{alias}` {why}; no redirect page is written for it"
                        ),
                    });
                }
            }
        }
        if KNOWN.contains(&lower.as_str()) {
            continue;
        }
        if let Some(near) = KNOWN.iter().find(|k| close(&lower, k)) {
            let (line, key_column, _) = position(raw, key);
            out.push(Finding {
                line,
                column: key_column,
                error: false,
                message: format!("unknown front matter key `{key}`: did you mean `{near}`?"),
            });
        }
    }
    out
}

/// A status or severity no word of which incidex knows (`fixed-ish`,
/// `parked`): shown as written, never guessed, and worth a word in `check`.
/// The vocabularies are extraction's own, so the two never disagree.
fn unknown_value(key: &str, value: &str) -> Option<String> {
    use crate::extract::status;
    if !status::is_a_value(value) {
        return None;
    }
    match key {
        "status" if status::normalize_status(value).is_none() => {
            Some(status::unknown_status_message(value))
        }
        "severity" if status::normalize_severity(value).is_none() => {
            Some(status::unknown_severity_message(value))
        }
        _ => None,
    }
}

fn is_date_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.contains("date") || matches!(k.as_str(), "updated" | "lastmod" | "published")
}

/// Why `value`, written as a numeric year-month-day, is no date; `None`
/// when it is one or is written some other way.
fn impossible_date(value: &str) -> Option<String> {
    let v = value.trim();
    let head: String = v
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    let rest = &v[head.len()..];
    if !(rest.is_empty() || rest.starts_with(['T', ' ', 't'])) {
        return None;
    }
    let parts: Vec<&str> = head.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return None;
    }
    let (year, month, day): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(1..=12).contains(&month) {
        return Some(format!("there is no month {month}"));
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day == 0 || day > days {
        return Some(format!("month {month} of {year} has {days} days"));
    }
    None
}

/// Whether `key` is one slip from `known`: one letter added, dropped,
/// changed or two swapped; two slips for longer words.
fn close(key: &str, known: &str) -> bool {
    let allowed = if known.len() >= 7 { 2 } else { 1 };
    strsim::damerau_levenshtein(key, known) <= allowed
}

/// Where `key` is written: (line, column of the key, column of its value),
/// 1-based in the file; the block's first line when it cannot be found.
/// Where `text` is first written in the front matter at or after file line
/// `from` (a list item below its key); the key's line when it is not found
/// as written (an empty or quoted-away value).
fn text_position(raw: &Raw<'_>, text: &str, from: usize) -> (usize, usize) {
    let skip = from.saturating_sub(raw.line);
    raw.text
        .lines()
        .enumerate()
        .skip(skip)
        .find_map(|(n, line)| {
            let at = line.find(text).filter(|_| !text.is_empty())?;
            Some((raw.line + n, line[..at].chars().count() + 1))
        })
        .unwrap_or((from, 1))
}

fn position(raw: &Raw<'_>, key: &str) -> (usize, usize, usize) {
    for (n, line) in raw.text.lines().enumerate() {
        let found = match raw.format {
            // Written as a Ruby symbol (`:date:`) the key reads as `date`.
            Format::Yaml => {
                let at = usize::from(line.starts_with(':') && !key.starts_with(':'));
                line[at..]
                    .strip_prefix(key)
                    .and_then(|r| r.trim_start().strip_prefix(':'))
                    .map(|r| (at, line.len() - r.trim_start().len()))
            }
            Format::Toml => line
                .strip_prefix(key)
                .and_then(|r| r.trim_start().strip_prefix('='))
                .map(|r| (0, line.len() - r.trim_start().len())),
            Format::Json => line.find(&format!("\"{key}\"")).and_then(|at| {
                let r = line[at + key.len() + 2..].trim_start().strip_prefix(':')?;
                Some((at, line.len() - r.trim_start().len()))
            }),
        };
        if let Some((key_at, value_at)) = found {
            let col = |byte: usize| line[..byte].chars().count() + 1;
            return (raw.line + n, col(key_at), col(value_at));
        }
    }
    (raw.line, 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::front_matter::{parse, split};

    fn findings(text: &str) -> Vec<Finding> {
        let s = split(text);
        let raw = s.front.expect("front matter");
        let fm = parse(raw).expect("parses");
        lint(&raw, &fm)
    }

    #[test]
    fn impossible_dates_are_errors_at_their_value() {
        let f = findings("---\ntitle: x\ndate: 2026-13-45\n---\nbody\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].error);
        assert_eq!((f[0].line, f[0].column), (3, 7));
        assert!(f[0].message.contains("no month 13"), "{}", f[0].message);

        let f = findings("---\nupdated: \"2023-02-29T10:00:00Z\"\n---\n");
        assert!(
            f[0].message.contains("month 2 of 2023 has 28 days"),
            "{f:?}"
        );
        let f = findings("+++\ntitle = \"x\"\nincident_date = \"2024-04-31\"\n+++\n");
        assert_eq!((f[0].line, f[0].column), (3, 17), "{f:?}");
        let f = findings("{\n  \"title\": \"x\",\n  \"date\": \"2024-00-10\"\n}\n");
        assert_eq!((f[0].line, f[0].column), (3, 11), "{f:?}");
        // A key written as a Ruby symbol is found where it is written.
        let f = findings("---\n:layout: post\n:title: Outage\n:date: 2024-13-45\n---\n");
        assert_eq!((f[0].line, f[0].column), (4, 8), "{f:?}");
    }

    #[test]
    fn real_dates_and_other_spellings_pass() {
        for date in [
            "2024-02-29",
            "2026-12-06T08:15:00Z",
            "2021-10-01 09:50",
            "October 1, 2021",
            "2023-10",
            "01/02/2023",
        ] {
            assert_eq!(
                findings(&format!("---\ndate: {date}\n---\n")),
                vec![],
                "{date}"
            );
        }
    }

    #[test]
    fn unknown_status_and_severity_words_are_named_not_guessed() {
        let f = findings("---\ntitle: x\nstatus: fixed-ish\nseverity: spicy\n---\n");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!((f[0].line, f[0].column, f[0].error), (3, 9, false));
        assert!(f[0].message.contains("`fixed-ish`"), "{}", f[0].message);
        assert!(
            f[0].message.contains("resolved, mitigated"),
            "{}",
            f[0].message
        );
        assert_eq!((f[1].line, f[1].column), (4, 11));
        assert!(f[1].message.contains("critical, high"), "{}", f[1].message);
        // Known words, in any case and dress, and placeholders pass.
        for (status, severity) in [
            ("Resolved ✅", "SEV2"),
            ("MITIGATED", "Major"),
            ("TBD", "n/a"),
        ] {
            let text = format!("---\nstatus: {status}\nseverity: {severity}\n---\n");
            assert_eq!(findings(&text), vec![], "{text}");
        }
    }

    #[test]
    fn a_key_one_slip_from_a_known_one_gets_a_suggestion() {
        let f = findings("---\ntitel: Disk full\nseverty: high\ntechnolgies: [Redis]\n---\n");
        let messages: Vec<&str> = f.iter().map(|x| x.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "unknown front matter key `titel`: did you mean `title`?",
                "unknown front matter key `severty`: did you mean `severity`?",
                "unknown front matter key `technolgies`: did you mean `technologies`?",
            ]
        );
        assert!(f.iter().all(|x| !x.error && x.column == 1));
        assert_eq!(f[1].line, 3);
    }

    #[test]
    fn keys_of_other_tools_are_left_alone() {
        let text = "---\nlayout: post\nweight: 3\npermalink: /x/\ntoc: true\nimage: a.png\nTitle: Upper case is the same key\n---\n";
        assert_eq!(findings(text), vec![]);
    }
}
