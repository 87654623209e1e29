//! Dates as reports write them → `YYYY-MM-DD`, or `YYYY-MM` when only a
//! month is given. Never invents a date.

use regex::Regex;
use std::sync::LazyLock;

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const MONTH_ALT: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[^\d]|$)").expect("iso date")
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b({MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
    .expect("mdy")
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_ALT})\.?,?\s+(\d{{4}})\b"
    ))
    .expect("dmy")
});
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b({MONTH_ALT})\.?,?\s+(\d{{4}})\b")).expect("my"));
static ISO_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d-])(\d{4})-(\d{2})(?:[^\d-]|$)").expect("iso month"));

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == lower).map(|(_, m)| *m)
}

fn valid(y: i32, m: u32, d: u32) -> Option<String> {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .filter(|_| (1970..=2100).contains(&y))
        .map(|date| date.format("%Y-%m-%d").to_string())
}

/// The first date written in `text`, full dates preferred over month-only
/// ones at the same position.
pub fn find_date(text: &str) -> Option<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for c in ISO.captures_iter(text) {
        let (y, m, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        if let Some(s) = valid(y, m, d) {
            found.push((c.get(1).map_or(0, |g| g.start()), s));
        }
    }
    for c in MONTH_DAY_YEAR.captures_iter(text) {
        if let (Some(m), Ok(d), Ok(y)) = (month_number(&c[1]), c[2].parse(), c[3].parse()) {
            if let Some(s) = valid(y, m, d) {
                found.push((c.get(0).map_or(0, |g| g.start()), s));
            }
        }
    }
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        if let (Ok(d), Some(m), Ok(y)) = (c[1].parse(), month_number(&c[2]), c[3].parse()) {
            if let Some(s) = valid(y, m, d) {
                found.push((c.get(0).map_or(0, |g| g.start()), s));
            }
        }
    }
    if let Some(best) = found.into_iter().min_by_key(|(pos, _)| *pos) {
        return Some(best.1);
    }
    let mut months: Vec<(usize, String)> = Vec::new();
    for c in MONTH_YEAR.captures_iter(text) {
        if let (Some(m), Ok(y)) = (month_number(&c[1]), c[2].parse::<i32>()) {
            if valid(y, m, 1).is_some() {
                months.push((c.get(0).map_or(0, |g| g.start()), format!("{y:04}-{m:02}")));
            }
        }
    }
    for c in ISO_MONTH.captures_iter(text) {
        if let (Ok(y), Ok(m)) = (c[1].parse::<i32>(), c[2].parse::<u32>()) {
            if valid(y, m, 1).is_some() {
                months.push((c.get(1).map_or(0, |g| g.start()), format!("{y:04}-{m:02}")));
            }
        }
    }
    months
        .into_iter()
        .min_by_key(|(pos, _)| *pos)
        .map(|(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2025-10-26", Some("2025-10-26")),
            ("October 26, 2025", Some("2025-10-26")),
            ("Oct 26 2025", Some("2025-10-26")),
            ("26 Oct 2025", Some("2025-10-26")),
            ("On 18th April 2021, a researcher", Some("2021-04-18")),
            ("2025/10/26", Some("2025-10-26")),
            ("December 2025", Some("2025-12")),
            ("2024-07-30T21:45:00Z", Some("2024-07-30")),
            ("2025-09-08 16:50:06.224 PDT", Some("2025-09-08")),
            ("2026-07-29 to 2026-07-30 | SEV-2", Some("2026-07-29")),
            ("Report (2026-07-28)", Some("2026-07-28")),
            (
                "Deployment Fix Summary - December 28, 2025",
                Some("2025-12-28"),
            ),
            ("2026-03", Some("2026-03")),
            ("CVE-2021-38467", None),
            ("version 3.11.10", None),
            ("pydantic==2.9.2", None),
            ("2025-13-40", None),
            ("port 5432", None),
            ("may cause errors in 2024", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(find_date(text).as_deref(), *want, "{text}");
        }
    }
}
