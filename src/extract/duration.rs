//! How long an incident took to resolve, when the report says so in its
//! metadata: front matter (`duration: 3 hours`, `time_to_resolve: 45m`) or
//! a `**Duration**: 2h 15m` / `Time to resolve: 90 minutes` line. The
//! insights page prefers this to the span of the timeline.

use super::metadata::{Entry, MetaKey};
use crate::extract::per_thread::PerThread;
use crate::source::FrontMatter;
use regex::Regex;

/// Front matter keys and metadata labels that give the time to resolve.
pub const LABELS: &[&str] = &[
    "duration",
    "total duration",
    "incident duration",
    "outage duration",
    "impact duration",
    "downtime",
    "total downtime",
    "time to resolve",
    "time to resolution",
    "time to recovery",
    "time to recover",
    "time to restore",
    "resolution time",
    "ttr",
];

static PART: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)(\d+(?:[.,]\d+)?)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m)\b")
        .expect("duration regex")
});
static CLOCK: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"^\s*~?(\d{1,3}):([0-5]\d)(?::[0-5]\d)?\s*$").expect("clock regex")
});

/// Minutes in a written duration: "3 hours", "2h 15m", "~45 min",
/// "1.5 hours", "2 days", "01:30".
pub fn minutes(text: &str) -> Option<u32> {
    if let Some(c) = CLOCK.captures(text) {
        let h: u32 = c[1].parse().ok()?;
        let m: u32 = c[2].parse().ok()?;
        return Some(h * 60 + m).filter(|m| *m > 0);
    }
    let mut total = 0.0f64;
    for c in PART.captures_iter(text) {
        let n: f64 = c[1].replace(',', ".").parse().ok()?;
        let unit = c[2].to_ascii_lowercase();
        total += n * match unit.chars().next() {
            Some('d') => 1440.0,
            Some('h') => 60.0,
            _ => 1.0,
        };
    }
    (1.0..1e7).contains(&total).then_some(total.round() as u32)
}

/// The time to resolve the report gives in its front matter or metadata.
pub fn from_metadata(fm: &FrontMatter, meta: &[Entry]) -> Option<u32> {
    for key in LABELS {
        let spelled = key.replace(' ', "_");
        if let Some(m) = fm.string(&spelled).as_deref().and_then(minutes) {
            return Some(m);
        }
    }
    meta.iter()
        .filter(|e| matches!(e.key, MetaKey::Ignored | MetaKey::Resolution))
        .filter(|e| LABELS.contains(&e.label.trim().trim_end_matches(':').trim()))
        .find_map(|e| minutes(&e.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_durations_in_minutes() {
        for (text, want) in [
            ("3 hours", Some(180)),
            ("2h 15m", Some(135)),
            ("~45 min", Some(45)),
            ("1.5 hours", Some(90)),
            ("2 days", Some(2880)),
            ("01:30", Some(90)),
            ("about 20 minutes of errors", Some(20)),
            ("unknown", None),
            ("TBD", None),
            ("0 minutes", None),
        ] {
            assert_eq!(minutes(text), want, "{text}");
        }
    }

    fn incident(md: &str) -> crate::model::Incident {
        let path = std::path::Path::new("x.md");
        let src = crate::source::from_bytes(md.as_bytes(), path, "x.md").expect("read");
        crate::extract::extract(&src, &crate::config::Config::default()).incident
    }

    #[test]
    fn the_report_says_how_long_it_took() {
        let i = incident("---\ntitle: T\nduration: 3 hours\n---\n\nText.\n");
        assert_eq!(i.time_to_resolve, Some(180));
        let i = incident("# T\n\n**Duration**: 2h 15m\n\n## Root Cause\n\nX.\n");
        assert_eq!(i.time_to_resolve, Some(135));
        let i = incident("# T\n\n- **Time to resolve**: 90 minutes\n\n## Root Cause\n\nX.\n");
        assert_eq!(i.time_to_resolve, Some(90));
        let i = incident("# T\n\n**Version**: 2 hours\n\nNothing took long.\n");
        assert_eq!(i.time_to_resolve, None);
    }
}
