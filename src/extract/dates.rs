//! Dates as reports write them → `YYYY-MM-DD`, or `YYYY-MM` when only a
//! month is given, and which of a report's dates is the incident's own.
//! Never invents a date.

use super::document::Document;
use super::markdown::Kind;
use super::metadata::{Entry, MetaKey};
use super::sections::{LabelKind, Role};
use crate::extract::per_thread::PerThread;
use crate::source::FrontMatter;
use regex::Regex;

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

static ISO: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?:^|[^\d])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[^\d]|$)").expect("iso date")
});
/// A day, or a range of days ("December 22-23"), then the year. ASCII word
/// boundaries keep these regexes on the fast engine over emoji text.
static MONTH_DAY_YEAR: PerThread<Regex> = PerThread::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)({MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–|to)\s*\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+(\d{{4}})(?-u:\b)"
    ))
    .expect("mdy")
});
static DAY_MONTH_YEAR: PerThread<Regex> = PerThread::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?({MONTH_ALT})\.?,?\s+(\d{{4}})(?-u:\b)"
    ))
    .expect("dmy")
});
/// The same two shapes with any word for the month, checked by
/// `month_number_tolerant` (so "Octuber 1, 2021" reads as a hurried author
/// meant it). Slower, so only run on text that holds a year but no date.
static ANY_WORD_DAY_YEAR: PerThread<Regex> = PerThread::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)([a-z]{5,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|to)\s*\d{1,2}(?:st|nd|rd|th)?)?,?\s+(\d{4})(?-u:\b)",
    )
    .expect("any word mdy")
});
static DAY_ANY_WORD_YEAR: PerThread<Regex> = PerThread::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–)\s*\d{1,2}(?:st|nd|rd|th)?)?\s+(?:of\s+)?([a-z]{5,10})\.?,?\s+(\d{4})(?-u:\b)",
    )
    .expect("dmy any word")
});
/// Year, month and day as Chinese, Japanese and Korean write them
/// ("2025年7月2日", "2025년 7월 2일").
static CJK_DATE: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]").expect("cjk date")
});
/// Day, month and year with dots, as most of Europe writes them
/// ("28.07.2026"; Czech and Slovak put a space after each: "28. 8. 2026"). With slashes the order is unknown (is 05/10 May or
/// October?): see `SLASHED_NUMERIC`.
static DOTTED_DMY: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?:^|[^\d.])(\d{1,2})\. ?(\d{1,2})\. ?(\d{4})(?:[^\d.]|\.(?:\D|$)|$)")
        .expect("dotted dmy")
});
/// Day, month and year, or month, day and year, with slashes or dashes
/// ("26/07/2026", "20-09-2026", "7/30/2026"): read only where the order
/// shows (a number above 12 is the day) or does not matter (05/05).
static SLASHED_NUMERIC: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?:^|[^\d./\-])(\d{1,2})([/\-])(\d{1,2})([/\-])(\d{4})(?:[^\d/\-]|$)")
        .expect("slashed numeric date")
});
/// A month name between numbers joined by dashes or slashes:
/// "2025-Feb-07", "07-Feb-2025", "07/Feb/2025".
static NUMBER_MONTH_NUMBER: PerThread<Regex> = PerThread::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(\d{{4}}|\d{{1,2}})[-/ ]({MONTH_ALT})[-/ ](\d{{4}}|\d{{1,2}})(?-u:\b)"
    ))
    .expect("number month number")
});
/// Month names as other languages write them in a date ("26 de febrero de
/// 2026", "1er février 2026", "26. März 2026", "22 Ocak 2026", "26 lutego
/// 2026", "26 февраля 2026"): Spanish, Portuguese, French, German, Italian,
/// Dutch, Turkish, Romanian, Arabic (the names Egypt and the Gulf use),
/// Hebrew (with and without "in": "בפברואר"), and Polish, Russian, Greek
/// and Finnish in the case a date takes ("12 Φεβρουαρίου", "12.
/// helmikuuta").
const FOREIGN_MONTHS: &[(&str, u32)] = &[
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    ("ocak", 1),
    ("şubat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("października", 10),
    ("listopada", 11),
    ("grudnia", 12),
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("ianuarie", 1),
    ("februarie", 2),
    ("martie", 3),
    ("aprilie", 4),
    ("iunie", 6),
    ("iulie", 7),
    ("septembrie", 9),
    ("octombrie", 10),
    ("noiembrie", 11),
    ("decembrie", 12),
    ("ιανουαρίου", 1),
    ("φεβρουαρίου", 2),
    ("μαρτίου", 3),
    ("απριλίου", 4),
    ("μαΐου", 5),
    ("ιουνίου", 6),
    ("ιουλίου", 7),
    ("αυγούστου", 8),
    ("σεπτεμβρίου", 9),
    ("οκτωβρίου", 10),
    ("νοεμβρίου", 11),
    ("δεκεμβρίου", 12),
    ("tammikuuta", 1),
    ("helmikuuta", 2),
    ("maaliskuuta", 3),
    ("huhtikuuta", 4),
    ("toukokuuta", 5),
    ("kesäkuuta", 6),
    ("heinäkuuta", 7),
    ("elokuuta", 8),
    ("syyskuuta", 9),
    ("lokakuuta", 10),
    ("marraskuuta", 11),
    ("joulukuuta", 12),
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يوليو", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    // Czech and Slovak (in a date's case), Ukrainian, Indonesian.
    ("ledna", 1),
    ("února", 2),
    ("března", 3),
    ("dubna", 4),
    ("května", 5),
    ("června", 6),
    ("července", 7),
    ("srpna", 8),
    ("září", 9),
    ("října", 10),
    ("listopadu", 11),
    ("prosince", 12),
    ("januára", 1),
    ("februára", 2),
    ("apríla", 4),
    ("mája", 5),
    ("júna", 6),
    ("júla", 7),
    ("augusta", 8),
    ("septembra", 9),
    ("októbra", 10),
    ("novembra", 11),
    ("decembra", 12),
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
    ("maret", 3),
    ("agustus", 8),
    ("desember", 12),
    ("ינואר", 1),
    ("בינואר", 1),
    ("פברואר", 2),
    ("בפברואר", 2),
    ("מרץ", 3),
    ("במרץ", 3),
    ("אפריל", 4),
    ("באפריל", 4),
    ("מאי", 5),
    ("במאי", 5),
    ("יוני", 6),
    ("ביוני", 6),
    ("יולי", 7),
    ("ביולי", 7),
    ("אוגוסט", 8),
    ("באוגוסט", 8),
    ("ספטמבר", 9),
    ("בספטמבר", 9),
    ("אוקטובר", 10),
    ("באוקטובר", 10),
    ("נובמבר", 11),
    ("בנובמבר", 11),
    ("דצמבר", 12),
    ("בדצמבר", 12),
];
/// A day, a month word and a year, as the languages above join them.
static FOREIGN_DMY: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)(?:^|[^\p{L}\d])(\d{1,2})(?:\.|er|º)?\s+(?:de\s+)?(\p{L}{3,12})\.?,?\s+(?:de\s+)?(\d{4})(?:\D|$)")
        .expect("foreign dmy")
});
/// Vietnamese: "26 tháng 2 năm 2026", "ngày 26 tháng 2, năm 2026".
static VIETNAMESE_DMY: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)(\d{1,2})\s+tháng\s+(\d{1,2}),?\s+năm\s+(\d{4})").expect("vietnamese dmy")
});

fn foreign_month(name: &str) -> Option<u32> {
    month_in(FOREIGN_MONTHS, name)
}

static YEAR: PerThread<Regex> =
    PerThread::new(|| Regex::new(r"(?-u:\b)(?:19|20)\d\d(?-u:\b)").expect("year"));
static MONTH_YEAR: PerThread<Regex> = PerThread::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)({MONTH_ALT})\.?,?\s+(\d{{4}})(?-u:\b)"
    ))
    .expect("my")
});
/// A month word of another language and a year ("Oktober 2025", "marzo
/// de 2026"), for a month-only date: ending its text or clause, as a
/// date does ("The Mars 2020 mission" is no March).
static FOREIGN_MONTH_YEAR: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)(?:^|[^\p{L}\d])(\p{L}{3,12})\.?,?\s+(?:de\s+)?(\d{4})\s*(?:[.,;:)\]]|$)")
        .expect("foreign month year")
});
static ISO_MONTH: PerThread<Regex> =
    PerThread::new(|| Regex::new(r"(?:^|[^\d-])(\d{4})-(\d{2})(?:[^\d-]|$)").expect("iso month"));

/// Whether `bytes` hold four ASCII digits in a row.
fn has_four_digits(bytes: &[u8]) -> bool {
    let mut run = 0;
    for &b in bytes {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

fn month_number(name: &str) -> Option<u32> {
    month_in(MONTHS, name)
}

/// The month `name` stands for in `table` (any case).
fn month_in(table: &[(&str, u32)], name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    if let Some(m) = table.iter().find(|(n, _)| *n == lower) {
        return Some(m.1);
    }
    // Greek capitals drop their accents ("5 ΜΑΪΟΥ" is "μαϊου" but
    // "ΜΑΙΟΥ" is "μαιου").
    let fold = super::status::fold_greek;
    let plain = fold(&lower);
    table
        .iter()
        .find(|(n, _)| !n.is_ascii() && fold(n) == plain)
        .map(|(_, m)| *m)
}

/// A month name as written, or one letter off a full month name of five
/// letters or more ("Octuber", "Febuary"). Only used where a day and a
/// year stand beside the word, so a stray word does not become a month.
fn month_number_tolerant(name: &str) -> Option<u32> {
    month_number(name).or_else(|| {
        let lower = name.to_lowercase();
        if lower.chars().count() < 5 {
            return None;
        }
        MONTHS
            .iter()
            .filter(|(n, _)| n.len() >= 5 && n.as_bytes()[..2] == lower.as_bytes()[..2])
            .find(|(n, _)| within_one_edit(n, &lower))
            .map(|(_, m)| *m)
    })
}

/// Whether `a` and `b` differ by at most one inserted, deleted or
/// replaced letter.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        // One letter replaced: the rest after it must agree.
        prefix == short.len() || short[prefix + 1..] == long[prefix + 1..]
    } else {
        // One letter inserted in the longer word.
        short[prefix..] == long[prefix + 1..]
    }
}

fn valid(y: i32, m: u32, d: u32) -> Option<String> {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .filter(|_| (1970..=2100).contains(&y))
        .map(|date| date.format("%Y-%m-%d").to_string())
}

/// The first date written in `text`, full dates preferred over month-only
/// ones at the same position.
pub fn find_date(text: &str) -> Option<String> {
    first_date(text).map(|(_, d)| d)
}

/// Like `find_date`, with the byte position where the date starts.
pub fn first_date(text: &str) -> Option<(usize, String)> {
    // Every pattern below holds a year of four digits; in ASCII text a
    // `\d` is an ASCII digit, so text without four in a row has no date.
    if text.is_ascii() && !has_four_digits(text.as_bytes()) {
        return None;
    }
    let mut found: Vec<(usize, String)> = Vec::new();
    // All-number dates: each pattern with the groups of its year, month
    // and day; a date starts at its first group.
    let numeric: [(&Regex, [usize; 3]); 3] = [
        (&ISO, [1, 2, 3]),
        (&CJK_DATE, [1, 2, 3]),
        (&DOTTED_DMY, [3, 2, 1]),
    ];
    for (re, [y, m, d]) in numeric {
        for c in re.captures_iter(text) {
            let (Ok(y), Ok(m), Ok(d)) = (c[y].parse(), c[m].parse(), c[d].parse()) else {
                continue;
            };
            if let Some(s) = valid(y, m, d) {
                found.push((c.get(1).map_or(0, |g| g.start()), s));
            }
        }
    }
    for c in SLASHED_NUMERIC.captures_iter(text) {
        let (Ok(a), Ok(b), Ok(y)) = (c[1].parse::<u32>(), c[3].parse::<u32>(), c[5].parse()) else {
            continue;
        };
        let (m, d) = match (a, b) {
            _ if c[2] != c[4] => continue,
            (a, b) if a == b => (a, b),
            (a, b) if a > 12 && b <= 12 => (b, a),
            (a, b) if b > 12 && a <= 12 => (a, b),
            _ => continue,
        };
        if let Some(s) = valid(y, m, d) {
            found.push((c.get(1).map_or(0, |g| g.start()), s));
        }
    }
    for c in NUMBER_MONTH_NUMBER.captures_iter(text) {
        let Some(m) = month_number(&c[2]) else {
            continue;
        };
        // The four-digit side is the year; the other the day.
        let (y, d) = match (c[1].len(), c[3].len()) {
            (4, 1 | 2) => (&c[1], &c[3]),
            (1 | 2, 4) => (&c[3], &c[1]),
            _ => continue,
        };
        if let (Ok(y), Ok(d)) = (y.parse(), d.parse()) {
            if let Some(s) = valid(y, m, d) {
                found.push((c.get(1).map_or(0, |g| g.start()), s));
            }
        }
    }
    month_day_year(&MONTH_DAY_YEAR, &DAY_MONTH_YEAR, text, &mut found);
    if found.is_empty() && YEAR.is_match(text) {
        month_day_year(&ANY_WORD_DAY_YEAR, &DAY_ANY_WORD_YEAR, text, &mut found);
        if found.is_empty() {
            other_languages(text, &mut found);
        }
    }
    if let Some(best) = found.into_iter().min_by_key(|(pos, _)| *pos) {
        return Some(best);
    }
    let mut months: Vec<(usize, String)> = Vec::new();
    for c in MONTH_YEAR.captures_iter(text) {
        if let (Some(m), Ok(y)) = (month_number(&c[1]), c[2].parse::<i32>()) {
            if valid(y, m, 1).is_some() {
                months.push((c.get(0).map_or(0, |g| g.start()), format!("{y:04}-{m:02}")));
            }
        }
    }
    if months.is_empty() && YEAR.is_match(text) {
        for c in FOREIGN_MONTH_YEAR.captures_iter(text) {
            if let (Some(m), Ok(y)) = (foreign_month(&c[1]), c[2].parse::<i32>()) {
                if valid(y, m, 1).is_some() {
                    months.push((c.get(1).map_or(0, |g| g.start()), format!("{y:04}-{m:02}")));
                }
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
    months.into_iter().min_by_key(|(pos, _)| *pos)
}

/// Dates with a month word of another language, or Vietnamese numbers.
fn other_languages(text: &str, found: &mut Vec<(usize, String)>) {
    for c in FOREIGN_DMY.captures_iter(text) {
        if let (Ok(d), Some(m), Ok(y)) = (c[1].parse(), foreign_month(&c[2]), c[3].parse()) {
            if let Some(s) = valid(y, m, d) {
                found.push((c.get(1).map_or(0, |g| g.start()), s));
            }
        }
    }
    for c in VIETNAMESE_DMY.captures_iter(text) {
        if let (Ok(d), Ok(m), Ok(y)) = (c[1].parse(), c[2].parse(), c[3].parse()) {
            if let Some(s) = valid(y, m, d) {
                found.push((c.get(1).map_or(0, |g| g.start()), s));
            }
        }
    }
}

/// Dates written with a month word, month first or day first.
fn month_day_year(mdy: &Regex, dmy: &Regex, text: &str, found: &mut Vec<(usize, String)>) {
    for c in mdy.captures_iter(text) {
        if let (Some(m), Ok(d), Ok(y)) = (month_number_tolerant(&c[1]), c[2].parse(), c[3].parse())
        {
            if let Some(s) = valid(y, m, d) {
                found.push((c.get(0).map_or(0, |g| g.start()), s));
            }
        }
    }
    for c in dmy.captures_iter(text) {
        if let (Ok(d), Some(m), Ok(y)) = (c[1].parse(), month_number_tolerant(&c[2]), c[3].parse())
        {
            if let Some(s) = valid(y, m, d) {
                found.push((c.get(0).map_or(0, |g| g.start()), s));
            }
        }
    }
}

/// Weekday and "the" that may stand between a preposition and its date.
/// "Monday, ", "the ", and the part of the day: "the morning of", "the
/// early hours of", "the night of Tuesday, ".
const WEEKDAY: &str = r"(?:the\s+(?:early\s+|late\s+)?(?:morning|afternoon|evening|night|hours|early\s+hours)\s+of\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:the\s+)?";

/// "On …", "At …", "Since …": a preposition that dates the sentence's event.
static TEMPORAL_PREP: PerThread<Regex> = PerThread::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:on|at|in|since|from|during|starting|beginning|began)\s+{WEEKDAY}"
    ))
    .expect("temporal preposition")
});
/// A day and month with no year, right at the start of the text.
static MONTH_DAY_START: PerThread<Regex> = PerThread::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:({MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_ALT})(?-u:\b))"
    ))
    .expect("month day")
});
static SENTENCE_END: PerThread<Regex> =
    PerThread::new(|| Regex::new(r"[.!?](?:\s|$)").expect("sentence end"));

/// The date the first sentence of `text` gives its event ("On 2019-10-21,
/// …", "At 2019-10-21 01:38 UTC the site went down", "On Monday, July
/// 20th, …"). A date without a year takes the year of `reference` (the
/// publication date), or the year before when it would fall after it.
pub fn event_date(text: &str, reference: Option<&str>) -> Option<String> {
    let sentence = match SENTENCE_END.find(text) {
        Some(m) => &text[..m.start()],
        None => text,
    };
    for prep in TEMPORAL_PREP.find_iter(sentence) {
        let rest = &sentence[prep.end()..];
        let window = &rest[..floor_char_boundary(rest, 48)];
        if let Some((0, date)) = first_date(window) {
            return Some(date);
        }
        if let Some(c) = MONTH_DAY_START.captures(rest) {
            let (m, d) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
                (Some(m), Some(d), _, _) => (month_number(m.as_str()), d.as_str().parse().ok()),
                (_, _, Some(d), Some(m)) => (month_number(m.as_str()), d.as_str().parse().ok()),
                _ => (None, None),
            };
            if let (Some(m), Some(d), Some(reference)) = (m, d, reference) {
                return with_inferred_year(m, d, reference);
            }
        }
    }
    None
}

fn with_inferred_year(month: u32, day: u32, reference: &str) -> Option<String> {
    let year: i32 = reference.get(..4)?.parse().ok()?;
    let ref_month: u32 = reference.get(5..7)?.parse().ok()?;
    let ref_day: u32 = reference
        .get(8..10)
        .and_then(|d| d.parse().ok())
        .unwrap_or(31);
    let year = if (month, day) > (ref_month, ref_day) {
        year - 1
    } else {
        year
    };
    valid(year, month, day)
}

static FILE_DATE: PerThread<Regex> =
    PerThread::new(|| Regex::new(r"^(\d{4})-(\d{2})-(\d{2})(?:[-_ .]|$)").expect("file date"));

/// The date a file name starts with (`2025-01-09-queue-outage`), the way
/// Jekyll, Hugo and Zola name posts.
pub fn file_name_date(stem: &str) -> Option<String> {
    let c = FILE_DATE.captures(stem)?;
    valid(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
}

/// The largest char boundary of `s` at or below `at` (what
/// `str::floor_char_boundary` gives on newer Rust).
fn floor_char_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}

/// Front matter keys that name when the incident happened.
const FM_INCIDENT_KEYS: &[&str] = &[
    "incident_date",
    "incident-date",
    "incidentdate",
    "date_of_incident",
    "incident_start",
    "start_time",
    "started",
    "started_at",
    "occurred",
    "occurred_at",
    "detected",
    "detected_at",
    "discovered",
];
/// Front matter keys for when the page was written or published (Hugo,
/// Zola and Jekyll `date` is the publication date).
const FM_PUBLICATION_KEYS: &[&str] = &[
    "date",
    // `date` in Spanish, Portuguese and Italian, German and Dutch, Russian,
    // Vietnamese, Chinese, Japanese, Korean, Turkish.
    "fecha",
    "data",
    "datum",
    "дата",
    "ngày",
    "日期",
    "日付",
    "날짜",
    "tarih",
    "published",
    "publishdate",
    "publish_date",
    "pubdate",
    "created",
    "created_at",
];
/// Front matter keys for dates after the incident: they stand in only when
/// the report gives no other date.
const FM_LATER_KEYS: &[&str] = &[
    "resolved",
    "resolved_at",
    "end_time",
    "updated",
    "lastmod",
    "last_modified",
    "modified",
];

/// Words of a metadata label that say the date is the incident's own
/// wherever the line stands ("Incident Date", "Outage start", "Occurred").
fn names_the_incident(label: &str) -> bool {
    label.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w,
            "incident"
                | "outage"
                | "occurred"
                | "started"
                | "start"
                | "began"
                | "discovered"
                | "detected"
        )
    })
}

/// The incident's date. Sources, strongest first:
///
/// 1. an explicit incident date: front matter `incident_date` and the like,
///    a `Date:` line of the report's header or closing block, or a line
///    whose label names the incident anywhere ("Incident Date");
/// 2. a date in the title ("… incident report for 2021-04-27");
/// 3. the date the opening sentences give the event ("On 2019-10-21, …");
/// 4. the timeline's first event, when it falls in the weeks before the
///    front matter `date`;
/// 5. the front matter `date` (in Hugo, Zola and Jekyll the day the post
///    was published, often days after the incident);
/// 6. any other `Date:` line; 7. the file name (`2025-01-09-slug.md`);
/// 8. any date in the opening paragraphs; 9. the first dated timeline entry;
/// 10. only then dates written after the incident ("Resolved", "Updated",
///     "Published", front matter `updated`/`lastmod`).
///
/// A month-only date ("February 2023") is made precise by a full date of
/// the same month from a weaker source, and stays month-only otherwise.
pub fn incident_date(
    fm: &FrontMatter,
    doc: &Document,
    meta: &[Entry],
    title: &str,
    stem: &str,
) -> Option<String> {
    let fm_date = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| fm.string(k).as_deref().and_then(find_date))
    };
    let meta_date = |e: &Entry| find_date(&e.value);
    let dates = meta.iter().filter(|e| e.key == MetaKey::Date);
    let first_date_entry = |want: &dyn Fn(&Entry) -> bool| dates.clone().find(|e| want(e));
    let explicit = fm_date(FM_INCIDENT_KEYS).or_else(|| {
        first_date_entry(&|e| e.in_header)
            .or_else(|| first_date_entry(&|e| names_the_incident(&e.label)))
            .or_else(|| first_date_entry(&|e| e.in_trailer))
            .and_then(meta_date)
    });
    let publication = fm_date(FM_PUBLICATION_KEYS);
    let file = file_name_date(stem);
    let reference = publication.clone().or_else(|| file.clone());
    // Each source only when the stronger ones gave no full date.
    let sources: [&dyn Fn() -> Option<String>; 13] = [
        &|| explicit.clone(),
        &|| find_date(title),
        &|| opening_event_date(doc, reference.as_deref()),
        &|| {
            publication
                .as_deref()
                .and_then(|p| timeline_event_before(doc, p))
        },
        &|| {
            publication
                .as_deref()
                .and_then(|p| story_event_before(doc, p))
        },
        &|| publication.clone(),
        &|| dates.clone().find_map(meta_date),
        &|| file.clone(),
        &|| opening_paragraphs(doc).find_map(|p| find_date(&p)),
        &|| timeline_date(doc),
        &|| heading_date(doc, MetaKey::Date),
        &|| {
            let later = meta.iter().filter(|e| e.key == MetaKey::LaterDate);
            later
                .clone()
                .find(|e| e.in_header)
                .or_else(|| later.clone().find(|e| e.in_trailer))
                .or_else(|| later.clone().next())
                .and_then(meta_date)
                .or_else(|| fm_date(FM_LATER_KEYS))
        },
        // "## Fix date" over "20 October 2025": when it was fixed, as a
        // label of that name says.
        &|| heading_date(doc, MetaKey::LaterDate),
    ];
    let mut month_only: Option<String> = None;
    for source in sources {
        let Some(d) = source() else { continue };
        match &month_only {
            None if d.len() == 7 => month_only = Some(d),
            None => return Some(d),
            Some(m) if d.len() > 7 && d.starts_with(m.as_str()) => return Some(d),
            Some(_) => {}
        }
    }
    month_only.or_else(|| day_first_by_language(doc, title))
}

/// A numeric date whose order its numbers leave open ("06/07/2026"), read
/// day first when the report is written in a language that writes dates
/// so: from the title, a date label, or the opening.
fn day_first_by_language(doc: &Document, title: &str) -> Option<String> {
    let prose: String = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, Kind::Paragraph | Kind::Item { .. }))
        .map(|b| b.text())
        .take(40)
        .collect::<Vec<_>>()
        .join(" ");
    if !super::languages::writes_dates_day_first(&format!("{title} {prose}")) {
        return None;
    }
    // A date label's value: holding such a date, it is no metadata entry
    // (`metadata` keeps only dates it can read). Those of the preamble
    // come before the opening's prose, those of later sections after it.
    let opening = doc.title_block.and_then(|b| doc.ann[b].section);
    let labelled = |preamble: bool| {
        doc.ann
            .iter()
            .filter(move |a| (a.section.is_none() || a.section == opening) == preamble)
            .flat_map(|a| &a.lines)
            .filter(|l| {
                l.label
                    .as_deref()
                    .is_some_and(|k| super::metadata::names_the_date(&k.to_lowercase()))
            })
            .map(|l| l.value.clone())
    };
    std::iter::once(title.to_string())
        .chain(labelled(true))
        .chain(opening_paragraphs(doc))
        .chain(labelled(false))
        .find_map(|t| ambiguous_day_first(&t))
}

/// The first all-number date of `text` whose day and month could be either
/// way round, read day first.
fn ambiguous_day_first(text: &str) -> Option<String> {
    SLASHED_NUMERIC.captures_iter(text).find_map(|c| {
        let (a, b, y) = (
            c[1].parse::<u32>().ok()?,
            c[3].parse::<u32>().ok()?,
            c[5].parse().ok()?,
        );
        (c[2] == c[4] && a <= 12 && b <= 12)
            .then(|| valid(y, b, a))
            .flatten()
    })
}

/// Paragraphs before the first section, then those opening a summary
/// section: where a report says what happened and when. Yields each
/// paragraph without its `Key: value` metadata lines (whose dates are
/// read by their keys).
fn opening_paragraphs(doc: &Document) -> impl Iterator<Item = String> + '_ {
    let before_sections = doc
        .blocks
        .iter()
        .enumerate()
        .take_while(|(_, b)| b.heading_level().is_none_or(|l| l == 1))
        .filter(|(_, b)| matches!(b.kind, Kind::Paragraph))
        .take(2);
    let summary = doc
        .blocks
        .iter()
        .enumerate()
        .skip_while(|(i, b)| !(b.heading_level().is_some() && doc.ann[*i].role == Role::Summary))
        .skip(1)
        .take_while(|(_, b)| b.heading_level().is_none())
        .filter(|(_, b)| matches!(b.kind, Kind::Paragraph))
        .take(2);
    before_sections.chain(summary).map(|(i, _)| {
        let prose: Vec<&str> = doc.ann[i]
            .lines
            .iter()
            .filter(|l| l.kind != Some(LabelKind::Meta))
            .map(|l| l.value.as_str())
            .collect();
        prose.join("\n")
    })
}

fn opening_event_date(doc: &Document, reference: Option<&str>) -> Option<String> {
    opening_paragraphs(doc).find_map(|p| event_date(&p, reference))
}

/// The first date of the timeline section: its first event is the
/// incident's start (or the change that led to it). Only a full date: a
/// timeline by months is a history of changes, not of the incident.
/// How long before its publication a post about an incident is written:
/// a timeline's first event in this window is the incident's date.
const WRITTEN_WITHIN_DAYS: i64 = 60;

/// The first dated event of the timeline ("On September 5th, a researcher
/// reported…", "2025-09-05 14:00 alerts fired"), when it falls in the
/// weeks before `publication`: a post's date is when it was written, its
/// timeline says when it happened. A year left out is the publication's.
/// Events long before are background ("In 2019 we adopted…"), not the
/// incident.
fn timeline_event_before(doc: &Document, publication: &str) -> Option<String> {
    event_before(doc, publication, |a, _| a.role == Role::Timeline)
}

/// The same for a blog post that tells its background first and the day
/// further on ("On April 30th at 5:05pm UTC while offboarding an
/// employee, we removed…"): an event told with its clock time (what
/// happened then, not "on September 18th, I noticed a trend"), in the
/// prose before the first section or in the summary or impact, within
/// the same weeks.
fn story_event_before(doc: &Document, publication: &str) -> Option<String> {
    static CLOCK: PerThread<Regex> = PerThread::new(|| {
        Regex::new(r"(?i)(?-u:\b)\d{1,2}(?::\d{2}\s?(?:[ap]\.?m\.?)?|\s?[ap]\.?m\.?)(?-u:\b)")
            .expect("clock regex")
    });
    event_before(doc, publication, |a, b| {
        (a.section.is_none() || matches!(a.role, Role::Summary | Role::Impact))
            && CLOCK.is_match(b.text())
    })
}

fn event_before(
    doc: &Document,
    publication: &str,
    keep: impl Fn(&super::document::Ann, &super::markdown::Block) -> bool,
) -> Option<String> {
    let published = chrono::NaiveDate::parse_from_str(publication, "%Y-%m-%d").ok()?;
    let first = doc
        .blocks
        .iter()
        .zip(&doc.ann)
        .filter(|(b, a)| keep(a, b) && !matches!(b.kind, Kind::Code { .. } | Kind::Heading { .. }))
        .find_map(|(b, _)| {
            event_date(b.text(), Some(publication)).or_else(|| find_date(b.text()))
        })?;
    let day = chrono::NaiveDate::parse_from_str(&first, "%Y-%m-%d").ok()?;
    let before = (published - day).num_days();
    (0..=WRITTEN_WITHIN_DAYS).contains(&before).then_some(first)
}

/// A date a heading gives: a log's entry headed by its day ("## 2026-02-20:
/// npm publish blocked"), or a heading that names the date ("## 発生日時",
/// "## Date of incident") over the line that holds it.
fn heading_date(doc: &Document, want: MetaKey) -> Option<String> {
    doc.blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.heading_level().is_some())
        .find_map(|(i, b)| {
            let text = super::text::clean_heading(b.text());
            if let Some((at, d)) = first_date(&text) {
                if want == MetaKey::Date && (at == 0 || names_an_incident(&text[..at])) {
                    return Some(d);
                }
                // "## Fix applied (2026-08-14)", "## Resolution — 2024-03-05":
                // the day of the fix, set apart from the heading's words
                // (in "Fixed in release 2026-03-01" it names the release).
                let set_apart = text[..at]
                    .trim_end()
                    .ends_with(['(', '[', '—', '–', '-', ':', ',', '|']);
                if want == MetaKey::LaterDate
                    && set_apart
                    && doc.ann[i].role == super::sections::Role::Fix
                {
                    return Some(d);
                }
            }
            let next = doc
                .blocks
                .get(i + 1)
                .filter(|n| n.heading_level().is_none())?;
            let key = super::metadata::meta_key(&text.to_lowercase(), next.text());
            (key == Some(want))
                .then(|| find_date(next.text()))
                .flatten()
        })
}

/// Whether the words just before a heading's date name the incident
/// ("Incident du 26/07/2026", "Outage on March 3, 2024", "障害 2024-01-05"),
/// in English and the languages of `languages`: the last word, or the one
/// before a short preposition. Not a review or drill held that day.
fn names_an_incident(before: &str) -> bool {
    const WORDS: &[&str] = &[
        "incident",
        "outage",
        "incidente",
        "vorfall",
        "störung",
        "ausfall",
        "panne",
        "инцидент",
        "сбой",
        "awaria",
        "storing",
        "kesinti",
        "insiden",
        "gangguan",
    ];
    const CJK: &[&str] = &["事故", "障害", "故障", "事件", "장애", "사고", "sự cố"];
    let lower = before.to_lowercase();
    let lower = lower.trim_end_matches(|c: char| !c.is_alphanumeric());
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let last_is = |n: usize| words.len() >= n && WORDS.contains(&words[words.len() - n]);
    let short_preposition = words.last().is_some_and(|w| w.chars().count() <= 3);
    last_is(1) || short_preposition && last_is(2) || CJK.iter().any(|w| lower.ends_with(w))
}

fn timeline_date(doc: &Document) -> Option<String> {
    doc.blocks
        .iter()
        .zip(&doc.ann)
        .filter(|(b, a)| a.role == Role::Timeline && !matches!(b.kind, Kind::Code { .. }))
        .find_map(|(b, _)| find_date(b.text()))
        .filter(|d| d.len() == 10)
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
            // A range of days is dated by its first day.
            ("**Date:** December 22-23, 2025", Some("2025-12-22")),
            ("Incident Date: November 2-12, 2025", Some("2025-11-02")),
            ("22-23 December 2025", Some("2025-12-22")),
            // A month name one letter off, beside a day and a year.
            ("Friday, Octuber 1, 2021", Some("2021-10-01")),
            ("3 Febuary 2024", Some("2024-02-03")),
            // ... but not any word that happens to stand there.
            ("Marketing 5, 2021", None),
            ("version 12, 2024", None),
            // Other ways of writing the day: CJK, dotted European, a month
            // name between numbers.
            ("2025年7月2日 14:00", Some("2025-07-02")),
            ("2025년 7월 2일", Some("2025-07-02")),
            ("Stand: 28.07.2026", Some("2026-07-28")),
            ("am 3.1.2024 um 10 Uhr", Some("2024-01-03")),
            ("- Date: 2025-Feb-07", Some("2025-02-07")),
            ("07-Feb-2025 11:02", Some("2025-02-07")),
            ("31.02.2024", None),
            ("version 1.2.2024.1", None),
            ("05/10/2026", None),
            // Slashes and dashes where the order shows: a number above 12
            // is the day, on either side; the same number twice is both.
            ("Incident du 26/07/2026", Some("2026-07-26")),
            ("**Дата:** 20-09-2026 00:52:00", Some("2026-09-20")),
            ("7/30/2026 outage", Some("2026-07-30")),
            ("05/05/2026", Some("2026-05-05")),
            ("20/09-2026", None),
            ("31/02/2026", None),
            ("build 1.26/07/2026", None),
            ("13/13/2026", None),
        ];
        for (text, want) in cases {
            assert_eq!(find_date(text).as_deref(), *want, "{text}");
        }
    }

    #[test]
    fn event_date_of_the_first_sentence() {
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            (
                "On 2019-10-21, the disk filled up.",
                None,
                Some("2019-10-21"),
            ),
            // The part of the day before the date.
            (
                "On the morning of July 10, 2020 we lost several services.",
                Some("2020-07-14"),
                Some("2020-07-10"),
            ),
            (
                "In the early hours of Tuesday, March 3rd the queue stalled.",
                Some("2026-03-20"),
                Some("2026-03-03"),
            ),
            (
                "At 2019-10-21 01:38 UTC the site went down.",
                None,
                Some("2019-10-21"),
            ),
            (
                "Between 12:17 and 12:30 UTC on 2023-07-20 downloads failed.",
                None,
                Some("2023-07-20"),
            ),
            (
                "On 31st July 2018 a researcher wrote to us.",
                None,
                Some("2018-07-31"),
            ),
            (
                "In February 2023, builds slowed down.",
                None,
                Some("2023-02"),
            ),
            // No year: the publication date's, or the year before it.
            (
                "On Monday, July 20th, the queue stalled.",
                Some("2020-07-23"),
                Some("2020-07-20"),
            ),
            (
                "On December 30 the certificate expired.",
                Some("2021-01-04"),
                Some("2020-12-30"),
            ),
            ("On Monday, July 20th, the queue stalled.", None, None),
            // Only the first sentence, and only a date the event is given.
            ("The queue stalled. On 2020-07-20 we fixed it.", None, None),
            ("Version 2021-04-28 was released.", None, None),
        ];
        for (text, reference, want) in cases {
            assert_eq!(event_date(text, *reference).as_deref(), *want, "{text}");
        }
    }

    #[test]
    fn file_names_that_start_with_a_date() {
        assert_eq!(
            file_name_date("2025-01-09-queue-outage").as_deref(),
            Some("2025-01-09")
        );
        assert_eq!(file_name_date("2025-01-09").as_deref(), Some("2025-01-09"));
        assert_eq!(file_name_date("PM2021-008 - outage"), None);
        assert_eq!(file_name_date("outage-2025-01-09"), None);
        assert_eq!(file_name_date("2025-13-09-x"), None);
    }

    fn date_of(path: &str, md: &str) -> Option<String> {
        let src = crate::source::from_bytes(md.as_bytes(), std::path::Path::new(path), path)
            .expect("read");
        crate::extract::extract(&src, &crate::config::Config::default())
            .incident
            .date
    }

    #[test]
    fn a_numeric_date_either_way_round_is_read_as_the_reports_language_writes_it() {
        // Spanish, Portuguese, French, Russian: day first.
        let md = "# Fix: el módulo no abría el script — 06/07/2026\n\nEl módulo leía solo el pid y no la ruta del script que se envía por la red.\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2026-07-06"));
        let md = "# Correção do login\n\n## Problema\n\n**Data:** 05/02/2026\n\nO serviço não aceitava o token e foi corrigido com uma nova chave para os clientes.\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2026-02-05"));
        let md = "# Сбой входа 03/04/2026\n\nСервис не принимал токен, исправлено новым ключом.\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2026-04-03"));
        // English leaves it open: American and British order differ.
        let md = "# Login fix — 06/07/2026\n\nThe service did not accept the token and we fixed it with a new key.\n";
        assert_eq!(date_of("x.md", md), None);
        // English with host names, flags and acronyms that spell small
        // words of other languages ("shop.com", "non-root", "OS", "DoS").
        let md = "# Checkout outage 06/07/2026\n\n- api.shop.com and es-proxy.shop.com answered 502 to the OS update check.\n- A DoS filter on the non-root e.g. path blocked it.\n- The y axis of the dashboard showed it at 10:02.\n";
        assert_eq!(date_of("x.md", md), None);
        // Only a date label's value: an action's due date is no incident date.
        let md = "# Fallo del pago\n\nEl pago falló el 05/02/2026 por un certificado caducado y se corrigió con una nueva clave.\n\n## Acciones\n\n**Responsable:** Ana\n**Fecha:** 01/03/2027\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2026-02-05"));
        // Where the numbers show the order, the language does not matter.
        let md = "# Fix: el módulo no abría el script — 07/25/2026\n\nEl módulo leía solo el pid y no la ruta del script.\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2026-07-25"));
    }

    #[test]
    fn the_incidents_own_date_wins_over_a_publication_date() {
        // Title date beats the later front matter (publication) date.
        let md = "+++\ntitle = \"Proxy release incident report for 2021-04-27\"\ndate = 2021-04-28\n+++\n\nWe released a new version.\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2021-04-27"));
        // The opening sentence's date beats it too.
        let md = "---\ntitle: Disk outage\ndate: 2019-10-24\n---\n\nAt 2019-10-21 01:38 UTC the site went down.\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2019-10-21"));
        // ... also when the summary section opens with it.
        let md = "---\ntitle: Broken downloads\ndate: 2023-07-21\n---\n\n## Summary\n\nOn 2023-07-20 between 12:17 and 12:30 UTC downloads failed.\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2023-07-20"));
        // An explicit incident date line beats the title's date.
        let md = "# Report - 2025-11-12\n\n**Incident Date**: November 2-12, 2025\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2025-11-02"));
        // With nothing else, the publication date is the date.
        let md = "---\ntitle: Cache outage\ndate: 2024-05-02\n---\n\nThe cache failed.\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2024-05-02"));
        // `date` in another language is the same key.
        for key in ["fecha", "Datum", "дата", "日付"] {
            let md = format!("---\ntitle: Fallo\n{key}: 2026-09-06\n---\n\nTexto.\n");
            assert_eq!(date_of("x.md", &md).as_deref(), Some("2026-09-06"), "{key}");
        }
    }

    #[test]
    fn dates_in_headings() {
        // A log whose entries are headed by their day.
        let md = "# Release incident log\n\n## 2026-02-20: publish blocked\n\nThe check failed.\n\n## 2026-02-21: parser failure\n\nIt broke.\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2026-02-20"));
        // A heading that names the date, over the line holding it.
        for heading in ["発生日時", "발생 일시", "Date of incident", "Fecha"] {
            let md = format!(
                "# DB reset\n\n## {heading}\n2025-11-05\n\n## Summary\n\nThe database was reset.\n"
            );
            assert_eq!(
                date_of("x.md", &md).as_deref(),
                Some("2025-11-05"),
                "{heading}"
            );
        }
        // A heading naming when it was fixed, in a report with no other
        // date: that day.
        for heading in ["Fix date", "Date de résolution"] {
            let md = format!("# Crash\n\nText.\n\n## {heading}\n\n20 octobre 2025\n");
            assert_eq!(
                date_of("x.md", &md).as_deref(),
                Some("2025-10-20"),
                "{heading}"
            );
        }
        // Or the Chinese label of when the fix was done, or a fix
        // heading dated that day.
        let md = "# 卡牌校验\n\n## 总结\n\n修复了校验。\n\n**修复完成时间**：2026-02-26 22:45\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2026-02-26"));
        let md = "# Guest cannot sign up\n\n## Nguồn\n\nA user report.\n\n## Sửa đã áp dụng (2026-08-14, branch fix/guest)\n\nThe modal now closes first.\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2026-08-14"));
        let md = "# Crash\n\nOn 2025-10-01 it broke.\n\n## Fix date\n\n2025-10-20\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2025-10-01"));
        // A heading that only holds a date later on names no day; a
        // dated line in the body still wins over a heading.
        let md = "# Outage\n\n## Fixed in release 2026-03-01\n\nText.\n";
        assert_eq!(date_of("x.md", md), None);
        // A heading naming the incident, then its date.
        for (heading, want) in [
            ("Incident du 26/07/2026 — connexions admin", "2026-07-26"),
            ("Outage on March 3, 2024", "2024-03-03"),
            ("障害 2024-01-05", "2024-01-05"),
        ] {
            let md = format!("# Admin\n\n## {heading}\n\nText.\n");
            assert_eq!(date_of("x.md", &md).as_deref(), Some(want), "{heading}");
        }
        // A meeting or a drill about incidents is not one.
        for heading in [
            "Post-incident review meeting 2024-03-12",
            "障害対応訓練 2024-02-01",
        ] {
            let md = format!("# Admin\n\n## {heading}\n\nText.\n");
            assert_eq!(date_of("x.md", &md), None, "{heading}");
        }
        let md = "# Outage\n\n**Date**: 2026-01-05\n\n## 2026-02-20: follow-up\n\nText.\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2026-01-05"));
    }

    #[test]
    fn date_labels_in_other_languages() {
        for (label, date) in [
            ("Fecha", "2026-05-08"),
            ("Datum", "08.05.2026"),
            ("Date de l'incident", "8 May 2026"),
            ("Дата", "08.05.2026"),
            ("发生日期", "2026年5月8日"),
            ("発生日時", "2026年5月8日 10:00"),
            ("Fecha", "8 de mayo de 2026"),
            ("Data", "8 de maio de 2026"),
            ("Date de l'incident", "8 mai 2026"),
            ("Datum", "8. Mai 2026"),
            ("Data", "8 maggio 2026"),
            ("Datum", "8 mei 2026"),
            ("Tarih", "8 Mayıs 2026"),
            ("Data incydentu", "8 maja 2026"),
            ("Дата", "8 мая 2026 г."),
            ("Ngày", "8 tháng 5 năm 2026"),
        ] {
            let md = format!("# Fallo\n\nTexto 2019.\n\n- **{label}**: {date}\n");
            assert_eq!(date_of("x.md", &md).as_deref(), Some("2026-05-08"), "{md}");
        }
        // A footer saying when the report was created, with no other date.
        for label in [
            "Oprettet",
            "Erstellt am",
            "Vytvořeno",
            "Utworzono",
            "Aangemaakt",
        ] {
            let md = format!("# Data forsvinder\n\nTekst.\n\n---\n\n**{label}:** 2026-01-04\n**Prioritet:** KRITISK\n");
            assert_eq!(date_of("x.md", &md).as_deref(), Some("2026-01-04"), "{md}");
        }
        // "Stand" (as of) is when it was written: the incident's date wins.
        let md = "# Ausfall\n\n**Stand**: 28.07.2026\n**Datum**: 27.07.2026\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2026-07-27"));
    }

    #[test]
    fn month_words_of_other_languages() {
        for (text, want) in [
            ("26 de febrero de 2026", Some("2026-02-26")),
            ("1er février 2026", Some("2026-02-01")),
            ("22 Ocak 2026 tarihinde", Some("2026-01-22")),
            ("26 lutego 2026", Some("2026-02-26")),
            ("26 февраля 2026", Some("2026-02-26")),
            ("17 Octombrie 2025, 23:09", Some("2025-10-17")),
            ("12 فبراير 2026", Some("2026-02-12")),
            ("3 בנובמבר 2025", Some("2025-11-03")),
            ("5 Μαΐου 2024", Some("2024-05-05")),
            ("5 ΜΑΙΟΥ 2024", Some("2024-05-05")),
            ("12. helmikuuta 2026", Some("2026-02-12")),
            ("3 mart 2025", Some("2025-03-03")),
            ("28. srpna 2026", Some("2026-08-28")),
            ("5. júna 2025", Some("2025-06-05")),
            ("12 березня 2026", Some("2026-03-12")),
            ("17 Agustus 2025", Some("2025-08-17")),
            // Czech and Slovak dots with spaces.
            ("Datum: 28. 8. 2026", Some("2026-08-28")),
            // No day: the month, as "May 2026" reads.
            ("mayo de 2026", Some("2026-05")),
            ("Dibuat: Oktober 2025", Some("2025-10")),
            ("El fallo ocurrió en marzo de 2026.", Some("2026-03")),
            ("The Mars 2020 mission dashboard failed", None),
            // Not a month: nothing.
            ("12 servers 2026", None),
            ("Servers 2026", None),
            // An impossible day: the month still stands.
            ("31 de febrero de 2026", Some("2026-02")),
        ] {
            assert_eq!(find_date(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn a_timeline_event_weeks_before_publication_dates_the_incident() {
        let md = "---\ntitle: Token theft\ndate: 2025-09-16\n---\n\n## Summary\n\nWe responded to an attack.\n\n## Timeline\n\nOn September 5th, a researcher reported it.\n\nOn September 10th we revoked tokens.\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2025-09-05"));
        let md = "---\ntitle: Disk outage\ndate: 2024-03-20\n---\n\nThe disk filled.\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 2024-03-14 09:00 | Alerts fired |\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2024-03-14"));
        // Background long before, or an event after publication: the
        // publication date stands.
        let md = "---\ntitle: Queue stall\ndate: 2024-05-02\n---\n\nThe queue stalled.\n\n## Timeline\n\n- 2019-01-10: we adopted the queue\n- May 1: it stalled\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2024-05-02"));
        // A blog post's story, after its background, tells the day.
        let md = "---\ntitle: Blob outage\npubDate: May 2, 2024\n---\n\nWe offer blob storage.\n\nIt runs on R2.\n\nOn April 30th at 5:05pm UTC we removed a user, and the keys stopped working.\n\n### Cause\n\nKeys tied to a user.\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2024-04-30"));
        // Nor a day the story only noticed something on, with no time.
        let md = "---\ntitle: Disk nearly full\ndate: 2020-10-08\n---\n\nWe nearly ran out of disk today.\n\nA plot.\n\nDuring an audit on September 18th, I saw the disk growing.\n\nLast night at 23:10 an alarm went off.\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2020-10-08"));
        // Not a day long before it was written.
        let md = "---\ntitle: Blob outage\npubDate: May 2, 2024\n---\n\nWe offer blob storage.\n\nIt runs on R2.\n\nOn January 3rd we launched blob storage.\n\n### Cause\n\nKeys tied to a user.\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2024-05-02"));
    }

    #[test]
    fn later_dates_never_win_but_stand_in() {
        let md = "# Cache outage\n\n**Last Updated**: 2025-03-09\n**Date**: 2025-03-01\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2025-03-01"));
        let md = "---\ntitle: T\nupdated: 2025-03-09\n---\n\n**Resolved**: 2025-03-08\n\n## Timeline\n\n- 2025-03-01 10:00 alerts fired\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2025-03-01"));
        // Only a fix date: it stands in rather than leaving no date.
        let md = "# Region mismatch fixed\n\n## Fix\n\nChanged the region.\n\n**Date Fixed:** December 4, 2024\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2024-12-04"));
    }

    #[test]
    fn file_name_metadata_table_and_timeline_dates() {
        let md = "# Step isolation bug\n\nJobs failed.\n";
        assert_eq!(
            date_of("2025-01-09-step-isolation.md", md).as_deref(),
            Some("2025-01-09")
        );
        assert_eq!(
            date_of("posts/2025-01-09-step/index.md", md).as_deref(),
            Some("2025-01-09")
        );
        let md = "# Ingress outage\n\n| Field | Value |\n|---|---|\n| Discovered | 2026-06-20, during testing |\n\n## Summary\n\nx\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2026-06-20"));
        let md = "# Ingress outage\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 2021-08-26 08:22 | Traffic moved |\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2021-08-26"));
        // A timeline by months is a history of changes: no incident date.
        let md = "# Regression\n\n## Timeline\n\n- Jul 2024: pickling changed\n";
        assert_eq!(date_of("x.md", md), None);
    }

    #[test]
    fn month_only_stays_month_only_and_no_date_stays_null() {
        let md = "# Node IPC incident\n\nIn March 2022, a package we use was compromised.\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2022-03"));
        // A full date of the same month from elsewhere makes it precise.
        let md = "# Node IPC incident\n\nIn March 2022, a package was compromised.\n\n## Timeline\n\n- 2022-03-18 08:37 we were told\n";
        assert_eq!(date_of("x.md", md).as_deref(), Some("2022-03-18"));
        let md = "# Deadlock fix\n\nThe crash handler took the same lock twice; version 3.11.10 fixes it.\n";
        assert_eq!(date_of("x.md", md), None);
    }
}
