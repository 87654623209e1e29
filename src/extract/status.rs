//! Status and severity words as written ("✅ FULLY OPERATIONAL", "SEV-2",
//! "Very High", "P1") → the normalized values of the SPEC.

use regex::Regex;
use std::sync::LazyLock;

/// Status vocabulary: the first phrase found (by position) decides.
const STATUS_WORDS: &[(&str, &str)] = &[
    (
        "resolved",
        r"resolved|fixed|complete(d)?|closed|done|fully operational|operational|production ready|live|success(ful)?|restored|recovered|permanent fix",
    ),
    (
        "mitigated",
        r"mitigated|workaround|partially (resolved|fixed)|contained",
    ),
    (
        "monitoring",
        r"monitoring|awaiting|pending deployment|observing|watching|verifying|deployment required",
    ),
    (
        "investigating",
        r"investigating|under investigation|in progress|ongoing|identified|triaging",
    ),
    ("open", r"open|unresolved|active|not fixed|todo|new"),
];

/// A vocabulary compiled once: each row's words as one case-insensitive
/// whole-word regex. The row whose words appear first in a text wins.
struct Vocabulary(Vec<(&'static str, Regex)>);

impl Vocabulary {
    fn new(rows: &[(&'static str, &str)]) -> Self {
        Vocabulary(
            rows.iter()
                .map(|(value, pat)| {
                    (
                        *value,
                        Regex::new(&format!(r"(?i)\b({pat})\b")).expect("vocabulary regex"),
                    )
                })
                .collect(),
        )
    }

    fn first(&self, text: &str) -> Option<&'static str> {
        self.0
            .iter()
            .filter_map(|(value, re)| re.find(text).map(|m| (m.start(), *value)))
            .min_by_key(|(pos, _)| *pos)
            .map(|(_, v)| v)
    }
}

static STATUS_TABLE: LazyLock<Vocabulary> = LazyLock::new(|| Vocabulary::new(STATUS_WORDS));

/// Normalizes a status as written; `None` when no known word is in it.
pub fn normalize_status(text: &str) -> Option<&'static str> {
    STATUS_TABLE.first(text)
}

static SEV_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:sev(?:erity)?|p|priority)[ -]?([0-5])\b").expect("sev regex")
});

const SEVERITY_WORDS: &[(&str, &str)] = &[
    (
        "critical",
        r"critical|blocker|very high|highest|urgent|emergency|catastrophic",
    ),
    ("high", r"high|major|severe|important"),
    ("medium", r"medium|moderate|normal|minor-major"),
    ("low", r"low|minor|trivial|lowest|cosmetic"),
];

static SEVERITY_TABLE: LazyLock<Vocabulary> = LazyLock::new(|| Vocabulary::new(SEVERITY_WORDS));

/// SEV0/SEV1/P0/P1 → critical, SEV2/P2 → high, SEV3/P3 → medium,
/// SEV4/P4 and below → low; words by the table above.
pub fn normalize_severity(text: &str) -> Option<&'static str> {
    if let Some(c) = SEV_LEVEL.captures(text) {
        return Some(match &c[1] {
            "0" | "1" => "critical",
            "2" => "high",
            "3" => "medium",
            _ => "low",
        });
    }
    SEVERITY_TABLE.first(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("✅ RESOLVED", Some("resolved")),
            ("FULLY OPERATIONAL", Some("resolved")),
            ("✅ PERMANENT FIX APPLIED", Some("resolved")),
            (
                "Resolved (mitigated) — root cause still open",
                Some("resolved"),
            ),
            (
                "✅ RESOLVED (Local Codebase) / ⚠️ DEPLOYMENT REQUIRED (Staging)",
                Some("resolved"),
            ),
            ("Mitigated", Some("mitigated")),
            ("✅ AWAITING DEPLOYMENT", Some("monitoring")),
            ("Investigating", Some("investigating")),
            ("Open", Some("open")),
            ("see below", None),
        ];
        for (text, want) in cases {
            assert_eq!(normalize_status(text), *want, "{text}");
        }
    }

    #[test]
    fn severity_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("SEV1", Some("critical")),
            ("SEV-2", Some("high")),
            ("Sev 3", Some("medium")),
            ("P1", Some("critical")),
            ("CRITICAL - System Authentication", Some("critical")),
            ("Very High", Some("critical")),
            ("High", Some("high")),
            ("Medium - accumulates over time", Some("medium")),
            ("Lab / Sev-2 analogue (split-brain pressure)", Some("high")),
            ("chain halt (liveness), no loss of funds", None),
        ];
        for (text, want) in cases {
            assert_eq!(normalize_severity(text), *want, "{text}");
        }
    }
}
