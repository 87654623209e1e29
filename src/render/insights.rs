//! The insights page (`/insights/`): what a team lead reads before a
//! quarterly review. Incidents per month by severity, time to resolve per
//! quarter (as the report's metadata gives it, else its timeline's span), the error signatures and technologies that recur, and open
//! action items by age. Charts are inline SVG drawn here at build time (no
//! script, no CDN); each comes with a table of its data for screen readers
//! and print. This module computes the figures and the charts' geometry;
//! the template only draws what it is given.

use super::pages::SiteCtx;
use crate::extract::per_thread::PerThread;
use crate::model::{Incident, Site};
use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;
use std::collections::BTreeMap;

/// Severities in the order bars stack (worst at the bottom) and the
/// legend reads.
const SEVERITIES: [(&str, &str); 5] = [
    ("critical", "Critical"),
    ("high", "High"),
    ("medium", "Medium"),
    ("low", "Low"),
    ("none", "Not given"),
];

/// How many recurring signatures and technologies the page lists.
const TOP: usize = 10;
/// How many of the oldest open action items the page lists.
const OLDEST: usize = 10;
/// A timeline longer than this tells a story that started long before the
/// incident (a deploy weeks earlier), not how long it took to resolve.
const LONGEST_SPAN_MINUTES: i64 = 90 * 24 * 60;

// The charts' drawing area, in SVG user units.
const WIDTH: f64 = 720.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 28.0;
const TOP_MARGIN: f64 = 12.0;
const BOTTOM: f64 = 36.0;

#[derive(Debug, Serialize)]
pub struct InsightsPage {
    pub incidents: usize,
    pub dated: usize,
    pub resolved: usize,
    pub median_resolve: Option<String>,
    pub open_actions: usize,
    pub per_period: PeriodChart,
    pub resolve: ResolveChart,
    pub signatures: Vec<Bar>,
    pub technologies: Vec<Bar>,
    pub action_ages: Vec<Bar>,
    pub oldest_actions: Vec<OpenAction>,
}

/// One severity in a chart's legend.
#[derive(Debug, Serialize)]
pub struct Legend {
    pub class: &'static str,
    pub label: &'static str,
}

/// Incidents per month (or quarter, or year, when the knowledge base
/// spans too many months to draw one bar each) by severity.
#[derive(Debug, Serialize)]
pub struct PeriodChart {
    /// "month", "quarter" or "year".
    pub unit: &'static str,
    #[serde(flatten)]
    pub frame: Frame,
    pub legend: Vec<Legend>,
    pub periods: Vec<Period>,
}

/// A chart's drawing area and its vertical axis, in SVG user units.
#[derive(Debug, Serialize)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub plot_left: f64,
    pub plot_right: f64,
    pub plot_bottom: f64,
    pub y_ticks: Vec<Tick>,
}

impl Frame {
    fn new(height: f64, y_ticks: Vec<Tick>) -> Frame {
        Frame {
            width: WIDTH,
            height,
            plot_left: LEFT,
            plot_right: WIDTH - RIGHT,
            plot_bottom: height - BOTTOM,
            y_ticks,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Tick {
    pub y: f64,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct Period {
    pub label: String,
    /// Whether the axis prints the label (every k-th, so they never overlap).
    pub labelled: bool,
    pub total: usize,
    /// Counts in `SEVERITIES` order.
    pub counts: Vec<usize>,
    pub x: f64,
    pub bar_width: f64,
    pub label_x: f64,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Serialize)]
pub struct Segment {
    pub class: &'static str,
    pub y: f64,
    pub height: f64,
    pub title: String,
}

/// Time to resolve per quarter: the spread from fastest to slowest and
/// the median, on a logarithmic axis (minutes to weeks on one chart).
#[derive(Debug, Serialize)]
pub struct ResolveChart {
    #[serde(flatten)]
    pub frame: Frame,
    pub quarters: Vec<Quarter>,
}

#[derive(Debug, Serialize)]
pub struct Quarter {
    pub label: String,
    /// Whether the axis prints the label (every k-th, so they never overlap).
    pub labelled: bool,
    pub incidents: usize,
    pub median: String,
    pub fastest: String,
    pub slowest: String,
    pub x: f64,
    pub y_median: f64,
    pub y_fastest: f64,
    pub y_slowest: f64,
}

/// One row of a horizontal bar chart: a name, its count, the bar's share
/// of the longest one (percent), and where the name links.
#[derive(Debug, Serialize)]
pub struct Bar {
    pub label: String,
    pub url: Option<String>,
    pub count: usize,
    pub percent: f64,
}

#[derive(Debug, Serialize)]
pub struct OpenAction {
    pub text: String,
    pub incident: String,
    pub url: String,
    pub days: i64,
    pub age: String,
}

/// The insights of `site`; ages of action items are counted to `today`.
pub fn page(sc: &SiteCtx, site: &Site, today: NaiveDate) -> InsightsPage {
    let spans: Vec<(Option<(i32, u32)>, i64)> = site
        .incidents
        .iter()
        .filter(|i| !matches!(i.status.as_deref(), Some("open" | "investigating")))
        .filter_map(|i| {
            let written = i.time_to_resolve.map(i64::from);
            Some((month_of(i), written.or_else(|| timeline_span(i))?))
        })
        .collect();
    let mut all: Vec<i64> = spans.iter().map(|(_, m)| *m).collect();
    all.sort_unstable();
    let (action_ages, oldest_actions, open_actions) = open_actions(sc, site, today);
    InsightsPage {
        incidents: site.incidents.len(),
        dated: site
            .incidents
            .iter()
            .filter(|i| month_of(i).is_some())
            .count(),
        resolved: site
            .incidents
            .iter()
            .filter(|i| i.status.as_deref() == Some("resolved"))
            .count(),
        median_resolve: median(&all).map(duration),
        open_actions,
        per_period: per_period(site),
        resolve: resolve_chart(&spans),
        signatures: signatures(sc, site),
        technologies: technologies(sc, site),
        action_ages,
        oldest_actions,
    }
}

/// The year and month an incident happened, from its date.
fn month_of(i: &Incident) -> Option<(i32, u32)> {
    let d = i.date.as_deref()?;
    let year = d.get(..4)?.parse().ok()?;
    let month = d.get(5..7)?.parse().ok()?;
    (1..=12).contains(&month).then_some((year, month))
}

/// The day an incident happened; a month-only date counts from its first day.
fn day_of(i: &Incident) -> Option<NaiveDate> {
    let d = i.date.as_deref()?;
    NaiveDate::parse_from_str(d, "%Y-%m-%d").ok().or_else(|| {
        let (y, m) = month_of(i)?;
        NaiveDate::from_ymd_opt(y, m, 1)
    })
}

fn severity_index(i: &Incident) -> usize {
    SEVERITIES
        .iter()
        .position(|(s, _)| i.severity.as_deref() == Some(*s))
        .unwrap_or(SEVERITIES.len() - 1)
}

fn per_period(site: &Site) -> PeriodChart {
    let months: Vec<((i32, u32), usize)> = site
        .incidents
        .iter()
        .filter_map(|i| Some((month_of(i)?, severity_index(i))))
        .collect();
    let index = |(y, m): (i32, u32)| i64::from(y) * 12 + i64::from(m) - 1;
    let (first, last) = match (
        months.iter().map(|(m, _)| index(*m)).min(),
        months.iter().map(|(m, _)| index(*m)).max(),
    ) {
        (Some(a), Some(b)) => (a, b),
        _ => (0, -1),
    };
    let span = last - first + 1;
    // One bar a month for up to three years, else a quarter, else a year.
    let (unit, size) = if span <= 36 {
        ("month", 1)
    } else if span <= 120 {
        ("quarter", 3)
    } else {
        ("year", 12)
    };
    let bucket = |month_index: i64| month_index.div_euclid(size);
    let mut counts: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    if span > 0 {
        for b in bucket(first)..=bucket(last) {
            counts.insert(b, vec![0; SEVERITIES.len()]);
        }
    }
    for (m, sev) in &months {
        if let Some(c) = counts.get_mut(&bucket(index(*m))) {
            c[*sev] += 1;
        }
    }
    let height = 240.0;
    let plot_bottom = height - BOTTOM;
    let plot_h = plot_bottom - TOP_MARGIN;
    let max = counts
        .values()
        .map(|c| c.iter().sum::<usize>())
        .max()
        .unwrap_or(0);
    let (step, top) = axis(max);
    let n = counts.len().max(1) as f64;
    let slot = (WIDTH - LEFT - RIGHT) / n;
    let every = label_every(counts.len(), if unit == "year" { 4 } else { 7 });
    let y = |v: f64| round(plot_bottom - v / top as f64 * plot_h);
    let periods = counts
        .into_iter()
        .enumerate()
        .map(|(k, (b, c))| {
            let label = match unit {
                "month" => format!("{}-{:02}", b.div_euclid(12), b.rem_euclid(12) + 1),
                "quarter" => format!("{} Q{}", b.div_euclid(4), b.rem_euclid(4) + 1),
                _ => b.to_string(),
            };
            let x = LEFT + slot * k as f64;
            let mut base = 0usize;
            let segments = c
                .iter()
                .zip(SEVERITIES)
                .filter(|(n, _)| **n > 0)
                .map(|(&n, (class, name))| {
                    let seg = Segment {
                        class,
                        y: y((base + n) as f64),
                        height: round(n as f64 / top as f64 * plot_h),
                        title: format!("{label}: {n} {}", name.to_lowercase()),
                    };
                    base += n;
                    seg
                })
                .collect();
            Period {
                labelled: k % every == 0,
                total: c.iter().sum(),
                counts: c,
                x: round(x + slot * 0.15),
                bar_width: round(slot * 0.7),
                label_x: round(x + slot / 2.0),
                segments,
                label,
            }
        })
        .collect();
    let y_ticks = (0..=4)
        .map(|k| Tick {
            y: y((k * step) as f64),
            label: (k * step).to_string(),
        })
        .collect();
    PeriodChart {
        unit,
        frame: Frame::new(height, y_ticks),
        legend: SEVERITIES
            .iter()
            .map(|(class, label)| Legend { class, label })
            .collect(),
        periods,
    }
}

/// A step of 1, 2 or 5 × 10ⁿ such that four steps reach `max`.
fn axis(max: usize) -> (usize, usize) {
    let mut unit = 1;
    loop {
        for s in [1, 2, 5] {
            if s * unit * 4 >= max {
                return (s * unit, s * unit * 4);
            }
        }
        unit *= 10;
    }
}

static CLOCK: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)\b([01]?\d|2[0-3])[:h]([0-5]\d)\b(?:\s*([ap])\.?m\b\.?)?")
        .expect("clock regex")
});
static DAY: PerThread<Regex> =
    PerThread::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("day regex"));

/// Minutes from the first to the last timed event of the incident's
/// timeline. Events without a date are on the day of the event before,
/// or the next day when their clock time is earlier ("23:40", "00:15").
fn timeline_span(i: &Incident) -> Option<i64> {
    let mut first: Option<i64> = None;
    let mut last: Option<i64> = None;
    let mut origin: Option<NaiveDate> = None;
    let mut day = 0i64;
    let mut previous: Option<i64> = None;
    for e in &i.timeline {
        let Some(when) = e.time.as_deref() else {
            continue;
        };
        let clocks: Vec<i64> = CLOCK
            .captures_iter(when)
            .map(|c| {
                let mut h: i64 = c[1].parse().unwrap_or(0);
                let m: i64 = c[2].parse().unwrap_or(0);
                match c.get(3).map(|p| p.as_str().to_ascii_lowercase()) {
                    Some(p) if p == "p" && h < 12 => h += 12,
                    Some(p) if p == "a" && h == 12 => h = 0,
                    _ => {}
                }
                h * 60 + m
            })
            .collect();
        let date = DAY.captures(when).and_then(|c| {
            NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
        });
        let (Some(&start), Some(&end)) = (clocks.first(), clocks.last()) else {
            continue;
        };
        match (date, origin) {
            (Some(d), Some(o)) => day = (d - o).num_days(),
            (Some(d), None) => {
                // Undated events before it ("22:10", "23:45", then
                // "2025-01-10 02:30"): its day follows theirs.
                if previous.is_some_and(|p| start < p) {
                    day += 1;
                }
                origin = Some(d - chrono::Duration::days(day));
            }
            (None, _) => {
                if previous.is_some_and(|p| start < p) {
                    day += 1;
                }
            }
        }
        let at = day * 1440 + start;
        // "23:50 - 00:10" runs past midnight.
        let until = day * 1440 + if end < start { end + 1440 } else { end };
        first.get_or_insert(at);
        last = Some(last.map_or(until, |l: i64| l.max(until)));
        previous = Some(if end < start { end } else { end.max(start) });
        if end < start {
            day += 1;
        }
    }
    let span = last? - first?;
    (span > 0 && span <= LONGEST_SPAN_MINUTES).then_some(span)
}

fn median(sorted: &[i64]) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let n = sorted.len();
    Some(if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    })
}

/// "45 min", "3 h 20 min", "2 d 4 h".
fn duration(minutes: i64) -> String {
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    match (d, h, m) {
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

/// Ticks of the time axis, in minutes: at least a factor of four apart,
/// so that their labels never touch on the logarithmic axis.
const TIME_TICKS: [(i64, &str); 8] = [
    (1, "1 min"),
    (15, "15 min"),
    (60, "1 h"),
    (240, "4 h"),
    (1440, "1 d"),
    (10080, "1 wk"),
    (43200, "30 d"),
    (129600, "90 d"),
];

/// Every how many bars the axis can print a label of `chars` characters
/// without two touching.
fn label_every(bars: usize, chars: usize) -> usize {
    let room = (WIDTH - LEFT - RIGHT) / (chars as f64 * 7.0 + 12.0);
    ((bars as f64 / room).ceil() as usize).max(1)
}

fn resolve_chart(spans: &[(Option<(i32, u32)>, i64)]) -> ResolveChart {
    let mut by_quarter: BTreeMap<(i32, u32), Vec<i64>> = BTreeMap::new();
    for (month, minutes) in spans {
        if let Some((y, m)) = month {
            by_quarter
                .entry((*y, (m - 1) / 3 + 1))
                .or_default()
                .push(*minutes);
        }
    }
    let height = 220.0;
    let plot_bottom = height - BOTTOM;
    let plot_h = plot_bottom - TOP_MARGIN;
    let lo_data = by_quarter.values().flatten().min().copied().unwrap_or(1);
    let hi_data = by_quarter.values().flatten().max().copied().unwrap_or(60);
    let lo = TIME_TICKS
        .iter()
        .rev()
        .find(|(m, _)| *m <= lo_data)
        .map_or(1, |(m, _)| *m);
    let hi = TIME_TICKS
        .iter()
        .find(|(m, _)| *m >= hi_data.max(lo + 1))
        .map_or(hi_data, |(m, _)| *m);
    let (ln_lo, ln_hi) = ((lo as f64).ln(), (hi as f64).ln());
    let y = |minutes: i64| {
        let v = (minutes.max(1) as f64).ln();
        round(plot_bottom - (v - ln_lo) / (ln_hi - ln_lo).max(f64::EPSILON) * plot_h)
    };
    let n = by_quarter.len().max(1) as f64;
    let slot = (WIDTH - LEFT - RIGHT) / n;
    let every = label_every(by_quarter.len(), 7);
    let quarters = by_quarter
        .into_iter()
        .enumerate()
        .map(|(k, ((year, q), mut v))| {
            v.sort_unstable();
            let mid = median(&v).unwrap_or(0);
            let (fast, slow) = (v[0], v[v.len() - 1]);
            Quarter {
                label: format!("{year} Q{q}"),
                labelled: k % every == 0,
                incidents: v.len(),
                median: duration(mid),
                fastest: duration(fast),
                slowest: duration(slow),
                x: round(LEFT + slot * (k as f64 + 0.5)),
                y_median: y(mid),
                y_fastest: y(fast),
                y_slowest: y(slow),
            }
        })
        .collect();
    let y_ticks = TIME_TICKS
        .iter()
        .filter(|(m, _)| (lo..=hi).contains(m))
        .map(|(m, label)| Tick {
            y: y(*m),
            label: label.to_string(),
        })
        .collect();
    ResolveChart {
        frame: Frame::new(height, y_ticks),
        quarters,
    }
}

/// Bars for `(label, url, count)` rows, longest first, at most `TOP`.
fn bars(mut rows: Vec<(String, Option<String>, usize)>) -> Vec<Bar> {
    rows.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    rows.truncate(TOP);
    let max = rows.first().map_or(1, |r| r.2.max(1)) as f64;
    rows.into_iter()
        .map(|(label, url, count)| Bar {
            label,
            url,
            count,
            percent: round(count as f64 / max * 100.0),
        })
        .collect()
}

/// Error signatures more than one incident hit.
fn signatures(sc: &SiteCtx, site: &Site) -> Vec<Bar> {
    bars(
        site.errors
            .values()
            .filter(|g| !g.signature.is_empty() && g.incidents.len() > 1)
            .map(|g| {
                (
                    g.message.lines().next().unwrap_or("").to_string(),
                    Some(sc.url(&format!("errors/{}/", g.signature))),
                    g.incidents.len(),
                )
            })
            .collect(),
    )
}

/// Technologies more than one incident is mostly about (its title and
/// cause, not a passing mention).
fn technologies(sc: &SiteCtx, site: &Site) -> Vec<Bar> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for i in &site.incidents {
        if let Some(t) = i.central_technology.as_deref() {
            *counts.entry(t).or_default() += 1;
        }
    }
    bars(
        counts
            .into_iter()
            .filter(|(_, n)| *n > 1)
            .map(|(name, n)| {
                let slug = crate::extract::text::slugify(name);
                let url = site
                    .technologies
                    .contains_key(&slug)
                    .then(|| sc.url(&format!("technologies/{slug}/")));
                (name.to_string(), url, n)
            })
            .collect(),
    )
}

/// Age groups of open action items (counted from their incident's date).
const AGES: [(i64, &str); 5] = [
    (30, "Under 30 days"),
    (90, "30–90 days"),
    (182, "3–6 months"),
    (365, "6–12 months"),
    (i64::MAX, "Over a year"),
];

fn open_actions(sc: &SiteCtx, site: &Site, today: NaiveDate) -> (Vec<Bar>, Vec<OpenAction>, usize) {
    let mut groups = vec![0usize; AGES.len() + 1];
    let mut open = Vec::new();
    for i in &site.incidents {
        let day = day_of(i);
        for a in i.action_items.iter().filter(|a| !a.done) {
            match day {
                Some(d) => {
                    let days = (today - d).num_days().max(0);
                    let k = AGES.iter().position(|(max, _)| days < *max).unwrap_or(0);
                    groups[k] += 1;
                    open.push(OpenAction {
                        text: a.text.clone(),
                        incident: i.title.clone(),
                        url: i.url.clone(),
                        days,
                        age: age(days),
                    });
                }
                None => groups[AGES.len()] += 1,
            }
        }
    }
    let total = groups.iter().sum();
    let max = groups.iter().copied().max().unwrap_or(0).max(1) as f64;
    let rows = AGES
        .iter()
        .map(|(_, label)| *label)
        .chain(std::iter::once("Incident not dated"))
        .zip(&groups)
        .filter(|(label, n)| **n > 0 || *label != "Incident not dated")
        .map(|(label, &count)| Bar {
            label: label.to_string(),
            url: None,
            count,
            percent: round(count as f64 / max * 100.0),
        })
        .collect();
    open.sort_by(|a, b| {
        b.days
            .cmp(&a.days)
            .then_with(|| a.incident.cmp(&b.incident))
    });
    open.truncate(OLDEST);
    for a in &mut open {
        a.url = sc.url(a.url.trim_start_matches('/'));
    }
    (rows, open, total)
}

/// "12 days", "5 months", "2 years".
fn age(days: i64) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if days < 60 {
        plural(days, "day")
    } else if days < 730 {
        plural(days / 30, "month")
    } else {
        plural(days / 365, "year")
    }
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The day insights count ages to: `SOURCE_DATE_EPOCH` when set (for
/// builds that must come out the same), else today.
pub fn today() -> NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|t| t.date_naive())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActionItem, TimelineEntry};

    fn incident(date: Option<&str>, times: &[&str]) -> Incident {
        let path = std::path::Path::new("x.md");
        let src = crate::source::from_bytes(b"# T\n", path, "x.md").expect("read");
        let config = crate::config::Config::default();
        let mut i = crate::extract::extract(&src, &config).incident;
        i.date = date.map(str::to_string);
        i.timeline = times
            .iter()
            .map(|t| TimelineEntry {
                time: Some(t.to_string()),
                event: "e".into(),
            })
            .collect();
        i
    }

    #[test]
    fn a_timeline_gives_the_time_to_resolve() {
        let span = |times: &[&str]| timeline_span(&incident(Some("2025-01-09"), times));
        assert_eq!(span(&["20:25", "20:29", "~20:40"]), Some(15));
        // Clock times that go back are the next day.
        assert_eq!(
            span(&["12:32 UTC", "17:41 UTC", "10:00 UTC"]),
            Some(21 * 60 + 28)
        );
        // Dates on the events count; a range ends at its last time.
        assert_eq!(
            span(&[
                "2025-01-09 ~16:00 UTC",
                "2025-01-10 05:00 UTC",
                "05:30 - 06:45"
            ]),
            Some(14 * 60 + 45)
        );
        assert_eq!(span(&["3:45 PM", "4:15 pm"]), Some(30));
        // The date written only when the day changes.
        assert_eq!(span(&["22:10", "23:45", "2025-01-10 02:30"]), Some(260));
        assert_eq!(
            span(&["23:00", "2025-01-10 02:00", "2025-01-10 03:00"]),
            Some(240)
        );
        assert_eq!(span(&["23:50 - 00:10"]), Some(20));
        // One event, no clock, or a story months long: no figure.
        assert_eq!(span(&["14:00"]), None);
        assert_eq!(span(&["Jul 2024", "Aug 2024"]), None);
        assert_eq!(span(&["2024-01-01 10:00", "2024-06-01 10:00"]), None);
    }

    #[test]
    fn durations_and_ages_read_as_people_say_them() {
        assert_eq!(duration(45), "45 min");
        assert_eq!(duration(200), "3 h 20 min");
        assert_eq!(duration(120), "2 h");
        assert_eq!(duration(3 * 1440 + 250), "3 d 4 h");
        assert_eq!(age(1), "1 day");
        assert_eq!(age(200), "6 months");
        assert_eq!(age(800), "2 years");
    }

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(axis(0), (1, 4));
        assert_eq!(axis(7), (2, 8));
        assert_eq!(axis(9), (5, 20));
        assert_eq!(axis(37), (10, 40));
    }

    #[test]
    fn long_histories_are_drawn_by_quarter_or_year() {
        let site = |dates: &[&str]| {
            Site::new(
                dates
                    .iter()
                    .enumerate()
                    .map(|(n, d)| {
                        let mut i = incident(Some(d), &[]);
                        i.id = format!("i{n}");
                        i
                    })
                    .collect(),
            )
        };
        let chart = per_period(&site(&["2024-01-05", "2024-03-01", "2024-03-20"]));
        assert_eq!(chart.unit, "month");
        let counts: Vec<usize> = chart.periods.iter().map(|p| p.total).collect();
        assert_eq!(counts, [1, 0, 2], "empty months are drawn as such");
        assert_eq!(
            per_period(&site(&["2020-01-05", "2024-03-01"])).unit,
            "quarter"
        );
        assert_eq!(
            per_period(&site(&["2010-01-05", "2024-03-01"])).unit,
            "year"
        );
        assert!(per_period(&site(&[])).periods.is_empty());
    }

    #[test]
    fn open_action_items_are_grouped_by_age() {
        let mut old = incident(Some("2024-01-01"), &[]);
        old.id = "old".into();
        old.action_items = vec![
            ActionItem {
                text: "Add an alert".into(),
                done: false,
            },
            ActionItem {
                text: "Done already".into(),
                done: true,
            },
        ];
        let mut new = incident(Some("2025-06-20"), &[]);
        new.id = "new".into();
        new.action_items = vec![ActionItem {
            text: "Write a runbook".into(),
            done: false,
        }];
        let site = Site::new(vec![old, new]);
        let sc = SiteCtx::new(&crate::config::Config::default());
        let today = NaiveDate::from_ymd_opt(2025, 7, 1).expect("date");
        let (rows, oldest, total) = open_actions(&sc, &site, today);
        assert_eq!(total, 2);
        let count = |label: &str| rows.iter().find(|r| r.label == label).map(|r| r.count);
        assert_eq!(count("Under 30 days"), Some(1));
        assert_eq!(count("Over a year"), Some(1));
        assert_eq!(count("Incident not dated"), None);
        assert_eq!(oldest[0].text, "Add an alert");
        assert_eq!(oldest[0].age, "18 months");
    }
}
