//! The role of a heading or a label ("Root Cause", "🛠️ Implemented Fixes",
//! "**Problem**:") from vocabulary tables. Roles say what a section holds;
//! subsections without a role of their own inherit their parent's.

use crate::extract::per_thread::PerThread;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Summary,
    Impact,
    Timeline,
    Errors,
    RootCause,
    Fix,
    Change,
    Validation,
    Lessons,
    ActionItems,
    References,
    Other,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Summary => "summary",
            Role::Impact => "impact",
            Role::Timeline => "timeline",
            Role::Errors => "errors",
            Role::RootCause => "root_cause",
            Role::Fix => "fix",
            Role::Change => "change",
            Role::Validation => "validation",
            Role::Lessons => "lessons",
            Role::ActionItems => "action_items",
            Role::References => "references",
            Role::Other => "other",
        }
    }
}

/// Heading vocabulary, most specific first: the first row whose pattern
/// matches the cleaned, lower-cased heading gives its role.
const HEADING_ROLES: &[(Role, &str)] = &[
    // A heading that opens on the act of fixing something ("Resolving the
    // issue", "Fixing the root cause", "Solving") is the fix, whatever it
    // goes on to name; not "Mitigating factors", "Repairing trust".
    (
        Role::Fix,
        r"^(resolving|solving|fixing|mitigating|remediating|repairing)( (the|a|an|our|it|this|that|these|those)\b|$)|^how (we|i) (resolved|solved|mitigated|repaired)\b",
    ),
    // "Issue Summary" (a course's postmortem template, copied thousands of
    // times): a summary, though "issue" names the errors elsewhere.
    (
        Role::Summary,
        r"^(issue|incident|outage|bug|problem) summary$",
    ),
    // "Corrective and Preventative Measures" (the same template): what is
    // to be done, though "prevent" heads lessons elsewhere. "Preventive
    // measures" alone stays with the lessons: readers of such sections
    // take them as lessons as often as actions.
    (
        Role::ActionItems,
        r"\bcorrective and (preventive|preventative) (measures|actions)\b|\b(preventive|preventative) and corrective (measures|actions)\b|^tasks$",
    ),
    (
        Role::Lessons,
        r"\b(could|can|would|should) (this|it|that) (have )?(be|been) (avoided|prevented)\b|\bhow (could|can|would|should) (this|it|that|we) (have )?(be |been )?(avoided|prevented)\b|\bavoidable\b|\bhandled (\w+ ){0,2}better\b|\blessons?\b|\blearn(ed|ings?)\b|\btakeaways?\b|\bbest practices?\b|\bwhat went (well|wrong|poorly|badly|right)\b|\bwhat (helped|worked|didn'?t work|did not (help|work))\b|\bprevent(ion|ing|ive|ative)?\b|\bguidelines?\b|\binsights?\b|\bdo'?s and don'?ts\b|\bretrospective\b|\bwhere we got lucky\b|\bwhat we took (away|from it)\b|\bdo better\b|\bhow (do|can|will) we improve\b",
    ),
    (
        Role::ActionItems,
        r"\baction items?\b|\baction (points?|plan)\b|\bactions? required\b|\brequired actions?\b|\b(corrective|preventive|preventative|remedial) actions?\b|\brecommended (\w+ )?(actions?|steps|follow[- ]?ups?|tasks)\b|\bnext steps?\b|\bfollow[- ]?ups?\b|\bfollow[- ]?up actions?\b|\brecommendations?\b|\bto-?dos?\b|\bfuture work\b|\bopen items\b|^open (threads|points|tasks)$|\bchecklist\b|\bremaining work\b|\bhardening\b|\bstill open\b|^looking (forward|ahead)$|^going forward$|^actions?$|^(our |the )?actions? (planned|ahead)$|\b(future|planned|further|longer[- ]term) (mitigations?|improvements?|fixes|actions?|changes)\b|^improvements?$|^(planned|proposed) (changes|fixes)$|^(the )?future$|^in the future$|^what (we|you|the team|teams|the \w+ team) (should|must|need to|needs to|will) do( next| now)?$|^(guidance|advice|recommended steps) for (users|customers|operators|administrators|admins|maintainers)$|^what (users|customers|operators|administrators) (should|must|need to) do( next| now)?$",
    ),
    (
        Role::References,
        r"\breferences?\b|\brelated (\w+ )?(documentation|docs|documents?|links|resources|reading|articles|issues|tickets|pull requests|prs|incidents|postmortems|post-mortems)\b|\bresources\b|\bfurther reading\b|^links$|\bsee also\b|\bsources\b|^documentation$|\bmore information\b",
    ),
    (
        Role::Timeline,
        r"\btime ?line\b|\bchronology\b|\bsequence of events\b",
    ),
    (
        Role::Impact,
        r"\bimpact\b|\bblast radius\b|\baffected (services|users|systems|components)\b",
    ),
    (
        Role::Validation,
        r"\bvalidat(ion|ing|e)\b|\bverif(y|ication|ied|ying)\b|\btest(s|ing)?\b|\bsuccess (indicators|criteria)\b|\bexpected (behaviou?r|output|results?)\b|\bdeployment status\b|\bhow to confirm\b",
    ),
    (
        Role::RootCause,
        r"\broot[- ]?causes?\b|\bcauses?\b|^post[- ]?mortem$|\bwhy it (failed|happened|broke)\b|\bwhy (it|this|the \w+) (failed|happened|broke|leaked|crashed|occurred|hung|stalled)\b|\bwhat was wrong\b|\b(five|5) whys\b|\bdiagnos(is|ed|ing)\b|^(the )?problems?( identified)?$|\btechnical analysis\b|\bcontributing factors?\b|\bunderlying (issue|cause|problem)\b|\bfailure analysis\b|\bwhy we failed\b|^why\b|\bculprit\b|^(the |a )?bugs?$|\bwhat (went|was going) on\b|^how (did )?(this|it) happen(ed)?\??$",
    ),
    (
        Role::Errors,
        r"\berrors?\b|\bsymptoms?\b|\bissues?\b|\bproblem (description|statement)\b|\bwhat happened\b|\bfailures?\b|\bobserved\b|\bstack ?traces?\b|\bexceptions?\b|\bcrash(es)?\b|\balerts?\b",
    ),
    (
        Role::Fix,
        r"\bfix(es|ed)?\b|\bsolutions?\b|\bresolutions?\b|\bresolved\b|\bremediation\b|\bremed(y|ied|ies)\b|\bmitigation\b|\bworkaround\b|\bwhat we (changed|did)\b|\bchanges made\b|\bpatch\b|\brecovery\b|\bhow (we|i) fixed\b|\bwhat we'?re doing about it\b|\bwhat we are doing\b|\bwhy this works\b|\bcorrective\b|\bimplementation\b|^(our |the |incident )?response$|^((remediation|recovery|mitigation) )?(actions|steps|measures|work) (taken|completed|performed)$|^completed (actions|steps)$|^what was done$",
    ),
    (
        Role::Change,
        r"\bfiles? (modified|changed)\b|\bcode changes?\b|\bchanges?\b|\bdiff\b",
    ),
    (
        Role::Summary,
        r"\bsummary\b|\boverview\b|\btl;?dr\b|\bbackground\b|\babstract\b|\bdescription\b|\bintroduction\b|\bcontext\b|\bpurpose\b",
    ),
];

/// "Test results after the fix", "Lifecycle before the fix": the rest of
/// the heading, when it names a role, says what the section is, the fix
/// word only when. (One that names none, "Code after the fix", stays the
/// fix, but under a cause it is more of the cause: see
/// [`says_when_of_fix`].)
static STATE_QUALIFIER: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"\s+(before|after) (the |this |our |a )?(fix|change|patch)(es)?$")
        .expect("state qualifier regex")
});

/// Headings that describe a state, not a role ("Before Fix", "After",
/// "Prima del Fix", "Antes da correção"): they inherit whatever their
/// parent is. "Prima", "voor" and "до" also mean "first", "for" and
/// "until": only before a word for the fix or the change.
static NEUTRAL_HEADING: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"^(before|after|dopo|antes|despu[ée]s|depois|avant|apr[èe]s|vorher|nachher|przed|[öo]nce|sonra|trước|после)\b|^(prima|voor|до)\s+(del(la|lo)?\s+|de\s+|il\s+|la\s+)?(fix|correzione|modifica|patch|wijziging|correctie|oplossing|исправлени[яй]|изменени[яй])|^(înainte|inainte|după|dupa|πριν|μετ[άα]|לפני|אחרי|قبل|بعد|ennen)\b|\s(előtt|után|jälkeen)$")
        .expect("neutral heading regex")
});

/// A fix that did not work or was not taken ("Solution (FAILED - See
/// Workaround)", "Attempted fixes", "Approaches that didn't work",
/// "Rejected solutions", "Alternatives considered"): a section of its
/// own, neither the fix nor a lesson. The failure must qualify the fix
/// word, alone after it: "Fix for failed deployments" and "Fix: failed
/// jobs are retried" are fixes. (ASCII word boundaries:
/// every one stands by an ASCII word, and the Unicode kind sends a
/// heading with an accent to the slow engine.)
static FAILED_ATTEMPT: PerThread<Regex> = PerThread::new(|| {
    Regex::new(
        r"(?x)
        (?-u:\b)(fix(es)?|solutions?|workarounds?|approach(es)?|attempts?)\s*(\#?\d+\s*)?(\(|[-–—:]\s)\s*(failed|did\ ?n[o']t\ work|not\ working|unsuccessful|rejected|abandoned|ineffective)\s*($|\)|[-–—,;])
      | (?-u:\b)(fix(es)?|solutions?|workarounds?|approach(es)?|attempts?)\s+(that|which)\s+(failed|did\ ?n[o']t\ work|(were|was)\ (rejected|abandoned|not\ (taken|used)))(?-u:\b)
      | (?-u:\b)(fix(es)?|solutions?|workarounds?|approach(es)?|attempts?)\s+(did\ ?n[o']t\ work|(were|was)\ (rejected|abandoned|not\ (taken|used)))(?-u:\b)
      | (?-u:\b)(fix(es)?|solutions?|workarounds?|approach(es)?|attempts?)\s+failed$
      | (?-u:\b)(failed|unsuccessful|rejected|abandoned|attempted)\s+(fix(es)?|solutions?|workarounds?|approach(es)?|attempts?)(?-u:\b)
      | (?-u:\b)(fix(es)?|solutions?|workarounds?|approach(es)?)\s+(tried|considered|attempted)(?-u:\b)
      | (?-u:\b)alternatives\s+(considered|evaluated|rejected)(?-u:\b)",
    )
    .expect("failed attempt regex")
});

static WHY_NOT_A_CAUSE: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"\b(matters?|works?|important|useful|helps?|chose|choose|fix(es)?|solution|workaround|approach)\b")
        .expect("why regex")
});
/// "Why X didn't work", "Why the job stopped working": a cause, though
/// its words are the fix's.
static WHY_IT_FAILED: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"\b(didn.?t|did not|doesn.?t|does not|don.?t|do not|wasn.?t|was not|isn.?t|is not|won.?t|stopped|no longer|never|failed to|couldn.?t|could not) (work|help)")
        .expect("why-failed regex")
});
/// "Why this works", "Why this fix is permanent": the fix explained.
static WHY_THE_FIX: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"\b(works?|fix(es)?|solution|workaround|approach)\b").expect("why-fix regex")
});

/// Builds the heading vocabulary's automaton now (see `super::warm_up`).
pub fn warm_up() {
    PerThread::force(&HEADING_SET);
}

/// All heading patterns in one automaton: the lowest matching row wins.
static HEADING_SET: PerThread<super::word_regex::WordSet> = PerThread::new(|| {
    super::word_regex::WordSet::new(HEADING_ROLES.iter().map(|(_, p)| *p))
        .expect("heading role set")
});

/// The role a heading gives its section, if its words name one. `heading`
/// is the cleaned heading text (no emoji), numbering included.
pub fn heading_role(heading: &str) -> Option<Role> {
    thread_local! {
        static ROLES: super::memo::Table<Option<Role>> = Default::default();
    }
    super::memo::cached(&ROLES, heading, || role_with_reproduction(heading))
}

fn role_with_reproduction(heading: &str) -> Option<Role> {
    // "00:00-03:00 UTC: Early Sync Recovery Attempts", "14:05 — Fix
    // deployed": a heading that opens with a clock time is a step of a
    // timeline, whatever its words say happened then.
    static CLOCK_LEAD: PerThread<Regex> = PerThread::new(|| {
        Regex::new(r"^\s*(?:\d{4}-\d{2}-\d{2}[ T,]*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[ap]m|utc|gmt|[a-z]{2,4}t)\b)?(?:\s*[-–—]\s*\d{1,2}:\d{2})?(?:\s|[-–—:|,]|$)")
            .expect("clock lead regex")
    });
    if CLOCK_LEAD.is_match(&heading.to_lowercase()) {
        return Some(Role::Timeline);
    }
    // "再発防止策 (Preventive Measures)": a heading in the report's language
    // glossed in English says what its own words say; the gloss is read
    // only when they name nothing.
    let role = bilingual_main(heading)
        .and_then(role_of_heading)
        .or_else(|| role_of_heading(heading));
    // "How to reproduce (before the fix)", "Como reproduzir (antes da
    // correção)": the steps that show the bug, whatever fix word says when.
    if role == Some(Role::Fix) && REPRODUCE.is_match(heading) {
        return None;
    }
    role
}

/// The words of "<words> (<English gloss>)" when the words are in another
/// script or language (any letter not ASCII) and the gloss is ASCII.
fn bilingual_main(heading: &str) -> Option<&str> {
    let inner = heading.trim_end().strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let (main, gloss) = (inner[..open].trim_end(), &inner[open + 1..]);
    let foreign = main.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
    (foreign && gloss.is_ascii() && gloss.chars().any(|c| c.is_ascii_alphabetic()))
        .then_some(main)
        .filter(|m| !m.is_empty())
}

/// Words for reproducing a bug, in the languages incidex reads.
static REPRODUCE: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)\b(reproduc\w*|repro|reproduz\w*|reproduir\w*|reproduzier\w*|riprodur\w*|воспроизвед\w*|воспроизвест\w*|odtworz\w*)\b|재현|再現|复现|重现")
        .expect("reproduce regex")
});

fn role_of_heading(heading: &str) -> Option<Role> {
    let (_, rest) = super::text::strip_numbering(heading);
    let lower = super::text::lower(&rest);
    // "¿Por qué ocurrió?", "Warum?": the question marks name no role.
    let lower =
        lower.trim_matches(|c: char| c.is_whitespace() || matches!(c, '?' | '¿' | '!' | '¡'));
    if NEUTRAL_HEADING.is_match(lower) {
        return None;
    }
    if let Some(m) = STATE_QUALIFIER.find(lower) {
        if let Some(role) = role_of_heading(&lower[..m.start()]) {
            return Some(role);
        }
    }
    if FAILED_ATTEMPT.is_match(lower) {
        return Some(Role::Other);
    }
    // "Why it happens" explains a cause; "Why this matters" or "Why this
    // works" do not, but "Why arm64 didn't work" does.
    // ("Why this works when retries didn't help" is about the fix.)
    let failed = WHY_IT_FAILED.is_match(lower) && !lower.contains(" works");
    if lower.starts_with("why") && WHY_NOT_A_CAUSE.is_match(lower) && !failed {
        return WHY_THE_FIX.is_match(lower).then_some(Role::Fix);
    }
    HEADING_SET
        .first_match(lower)
        .map(|i| HEADING_ROLES[i].0)
        .or_else(|| super::languages::role(lower))
}

/// Whether the heading's fix word only says when ("Lifecycle before the
/// fix").
pub fn says_when_of_fix(heading: &str) -> bool {
    STATE_QUALIFIER.is_match(&super::text::lower(heading.trim()))
}

/// Whether an error-role heading is about the evidence itself (messages,
/// logs, traces, what was observed) rather than naming a problem.
pub fn names_evidence(heading: &str) -> bool {
    static EVIDENCE: PerThread<Regex> = PerThread::new(|| {
        Regex::new(r"(?i)\b(messages?|logs?|output|traces?|stack ?traces?|symptoms?|observed|observations?|alerts?|screenshots?|what (we|users|you) (saw|see))\b")
            .expect("evidence regex")
    });
    EVIDENCE.is_match(heading)
}

/// A label that says what went wrong ("What went wrong:", "Wat ging mis:",
/// "Lo que salió mal:"): a lesson in a review of the response, the cause
/// itself inside a root-cause section.
pub fn says_what_went_wrong(label: &str) -> bool {
    static WRONG: PerThread<Regex> = PerThread::new(|| {
        Regex::new(r"(?i)what went (wrong|badly|poorly)|what (didn'?t|did not) work|wat ging (er )?(fout|mis)|wat is er (mis|fout)gegaan|(lo )?que sali[óo] mal|o que (deu errado|correu mal)|was (lief )?schief|was lief schlecht|ce qui a mal|что пошло не так|cosa (è|e) andato (storto|male)|co posz[łl]o ([źz]le|nie tak)|neler kötü gitti")
            .expect("went wrong regex")
    });
    WRONG.is_match(label)
}

/// A heading that offers rather than reports: "Recommended Solutions",
/// "Possible causes", "Proposed fix", "Mulige årsager", "Soluciones
/// propuestas": the word opens the heading or follows its first word, so a
/// fix that names an option or a candidate is no offer. A report whose
/// fixes are all offered, or whose causes are all possible, tells of an
/// incident that is not over.
pub fn proposes(heading: &str) -> bool {
    static PROPOSES: PerThread<Regex> = PerThread::new(|| {
        Regex::new(r"(?i)^(\S+\s+)?(recommended|proposed|proposals?|possible|suggested|potential|hypothes[ie]s|mulige|anbefalede|anbefalte|m[öo]gliche|empfohlene|vorgeschlagene|posibles|propuestas?|recomendad[oa]s|poss[íi]veis|propostas?|possibles|propos[ée]es?|recommand[ée]es?|possibili|proposte|consigliate|mogelijke|aanbevolen|mo[żz]liwe|proponowane|zalecane|m[öo]jliga|rekommenderade|mo[žz]n[éá]|doporu[čc]en[éá])\b")
            .expect("proposes regex")
    });
    PROPOSES.is_match(heading)
}

/// A heading that is the fix itself ("Immediate Fix", "The Solution"), not
/// a step that mentions fixing something.
pub fn is_fix_heading(heading: &str) -> bool {
    static FIX: PerThread<Regex> = PerThread::new(|| {
        Regex::new(r"(?i)^(the |our )?((immediate|permanent|quick|final|short[- ]term|temporary|actual|applied) )?(fix(es)?|solutions?|resolution|workaround|mitigation|remediation)( applied| implemented| deployed)?$")
            .expect("fix heading regex")
    });
    FIX.is_match(super::text::strip_numbering(heading).1.trim())
}

/// What a `**Label**:` does to the text after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// Following text has this role until the next label or heading.
    Role(Role),
    /// Names the file the following code belongs to.
    File,
    /// A metadata key (Date, Status, ...): changes no role.
    Meta,
    /// Any other label: its text is content; the running role goes on.
    Plain,
}

const LABEL_ROLES: &[(Role, &str)] = &[
    (
        Role::RootCause,
        r"^(the )?(root[- ]?causes?|causes?|problems?|bugs?|culprit|why|diagnosis|underlying (issue|cause|problem)|what was wrong|reason|technical (cause|reason)|contributing factors?|problem identification|why (this|it) happened|why it (failed|broke)|direct|design)$",
    ),
    (
        Role::Fix,
        r"^(the )?(fix(es)?( applied)?|fixed by|solutions?|resolution|resolved by|workaround|mitigation|remediation|remed(y|ied|ies)|changed|changes( made)?|key (changes|improvements?)|actions?( taken)?|what we (changed|did)|immediate fix|recovery|code|how it was fixed|fix implemented|solution implemented|implementation|files? (fixed|updated|patched))$",
    ),
    (
        Role::Errors,
        r"^(errors?|error (message|messages|generated|output|log|text)|symptoms?|issues?|additional issues|observed|what happened|logs?|stack ?trace|exception|failure|alert|observations?)$",
    ),
    (
        Role::Impact,
        r"^(impact|business impact|user impact|customer impact|blast radius)$",
    ),
    (
        Role::Lessons,
        r"^(lessons?( learned)?|prevention( pattern| tips)?|best practices?|takeaways?|key (learnings?|takeaways?|insights?)|learnings?|guidelines?|insight|what went (well|wrong|right|badly|poorly)|where we got lucky)$",
    ),
    (
        Role::ActionItems,
        r"^(next steps?|action (items?|points?)|follow[- ]?ups?( actions?)?|recommendations?|to-?dos?|future( work| improvements?| actions?| fixes| changes)?|in the future|what (we|you|the team|teams|the \w+ team) (should|must|need to|needs to|will) do( next| now)?)$",
    ),
    (
        Role::Validation,
        r"^(validation|verification|results?|testing|tests?|verified|test results)$",
    ),
    (
        Role::Summary,
        r"^(summary|tl;?dr|overview|executive summary)$",
    ),
    (
        Role::References,
        r"^(references?|related (documentation|docs|links|resources|reading)|see also|resources|links|documentation|more information|further reading)$",
    ),
];

static LABEL_TABLE: LazyLock<Vec<(Role, Regex)>> = LazyLock::new(|| {
    LABEL_ROLES
        .iter()
        .map(|(role, pat)| (*role, Regex::new(pat).expect("label role regex")))
        .collect()
});

static FILE_LABEL: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"^(files?|location|path|file (modified|changed)|modified file|source file)$")
        .expect("file label")
});

/// The role a numbering word gives a top-level heading with no other role
/// ("Fix 1:" → fix). Under a parent with a role, the parent's role wins.
pub fn numbering_role(word: &str) -> Option<Role> {
    match word {
        "fix" | "solution" | "resolution" => Some(Role::Fix),
        "error" | "issue" | "symptom" | "bug" | "incident" => Some(Role::Errors),
        "lesson" => Some(Role::Lessons),
        _ => None,
    }
}

/// Classifies a label (already cleaned of emoji and trailing colon) given
/// the text that follows it on its line.
pub fn label_kind(label: &str, value: &str) -> LabelKind {
    let lower = label.trim().to_lowercase();
    if FILE_LABEL.is_match(&lower) {
        return LabelKind::File;
    }
    if super::metadata::meta_key(&lower, value).is_some() {
        return LabelKind::Meta;
    }
    // "**Time to Resolution:** ~10 minutes" says how long, not how.
    if super::duration::LABELS.contains(&lower.trim_end_matches(':').trim()) {
        return LabelKind::Meta;
    }
    let find = |l: &str| {
        LABEL_TABLE
            .iter()
            .find(|(_, re)| re.is_match(l))
            .map(|(role, _)| LabelKind::Role(*role))
    };
    // "**FINAL FIX**:", "**Actual Root Cause**:", "**Solution Options**:"
    // say what the bare word says.
    find(&lower)
        .or_else(|| {
            let rest = LABEL_QUALIFIER.replace(&lower, "");
            let rest = LABEL_TRAILER.replace(&rest, "");
            // "Primary Issue: …" names a cause or a symptom; leave it plain.
            (rest.len() < lower.len())
                .then(|| find(&rest))
                .flatten()
                .filter(|k| *k != LabelKind::Role(Role::Errors))
        })
        .or_else(|| {
            // "**Causa raíz:**": a short label in another language.
            (lower.split_whitespace().count() <= 4)
                .then(|| super::languages::role(&lower))
                .flatten()
                .map(LabelKind::Role)
        })
        .unwrap_or(LabelKind::Plain)
}

static LABEL_TRAILER: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"\s+(options?|steps|plan|approach|details|overview|analysis|notes|explained)$")
        .expect("label trailer regex")
});

static LABEL_QUALIFIER: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"^(the |a |our )?(final|actual|real|true|main|primary|secondary|immediate|permanent|proposed|quick|temporary|short[- ]term|long[- ]term|core|key|likely|probable|suspected|confirmed|suggested|recommended|applied|implemented)\s+")
        .expect("label qualifier regex")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fix_that_failed_is_not_the_fix() {
        for heading in [
            "Solution (FAILED - See Workaround)",
            "Fix attempt 1 (did not work)",
            "Workaround — ineffective",
            "Attempted fixes",
            "Failed attempts",
            "Approaches that didn't work",
            "Rejected solutions",
            "Solutions considered",
            "Alternatives considered",
        ] {
            assert_eq!(heading_role(heading), Some(Role::Other), "{heading}");
        }
        for heading in [
            "Fix for failed deployments",
            "Fix failed builds",
            "Fix: failed jobs are retried",
            "Workaround: rejected uploads re-queued",
            "Solution - failed payments requeued",
            "Workaround",
            "Solution: retry with backoff",
        ] {
            assert_eq!(heading_role(heading), Some(Role::Fix), "{heading}");
        }
    }

    #[test]
    fn before_and_after_headings_inherit_in_any_language() {
        for heading in [
            "Before Fix",
            "After",
            "Prima del Fix ❌",
            "Dopo il Fix",
            "Antes da correção",
            "Después del cambio",
            "Avant le correctif",
            "Vorher",
            "До исправления",
            "Voor de wijziging",
        ] {
            assert_eq!(heading_role(&heading.to_lowercase()), None, "{heading}");
        }
        // The same words meaning "first", "for", "until" keep their role.
        assert_eq!(
            heading_role("Prima analisi delle cause"),
            Some(Role::RootCause)
        );
        assert_eq!(
            heading_role("Voor de toekomst: lessen"),
            Some(Role::Lessons)
        );
        assert_eq!(
            heading_role("До конца недели: дальнейшие шаги"),
            Some(Role::ActionItems)
        );
    }

    #[test]
    fn heading_roles_table() {
        let cases: &[(&str, Option<Role>)] = &[
            ("Root Cause Analysis", Some(Role::RootCause)),
            ("Resolving the issue", Some(Role::Fix)),
            ("Fixing the root cause", Some(Role::Fix)),
            ("How we resolved it", Some(Role::Fix)),
            ("Solving", Some(Role::Fix)),
            ("Remedy", Some(Role::Fix)),
            ("Actions Completed", Some(Role::Fix)),
            ("Open threads", Some(Role::ActionItems)),
            ("Open points", Some(Role::ActionItems)),
            // Words of a cause, not a list of what is left to do.
            ("Too many open threads", None),
            ("Open tasks piled up", None),
            ("Steps taken", Some(Role::Fix)),
            ("Investigation steps taken", None),
            ("How to reproduce (before the fix)", None),
            ("Como reproduzir (antes da correção)", None),
            ("Steps to reproduce after the fix", None),
            ("Mitigating factors", None),
            ("Repairing trust with customers", None),
            ("How could this be avoided?", Some(Role::Lessons)),
            ("Could this have been prevented?", Some(Role::Lessons)),
            (
                "Could we have handled the issue better?",
                Some(Role::Lessons),
            ),
            ("Lessons from fixing the cache", Some(Role::Lessons)),
            ("Root Causes Identified & Fixed", Some(Role::RootCause)),
            ("Why It Failed", Some(Role::RootCause)),
            ("What Was Wrong", Some(Role::RootCause)),
            ("Five Whys Root Cause Analysis", Some(Role::RootCause)),
            ("5 Whys", Some(Role::RootCause)),
            // A status page's section after its updates: what went wrong.
            ("Postmortem", Some(Role::RootCause)),
            ("Post-mortem", Some(Role::RootCause)),
            ("Postmortem template", None),
            ("Diagnosis", Some(Role::RootCause)),
            ("Problem", Some(Role::RootCause)),
            ("Technical Analysis", Some(Role::RootCause)),
            ("Implemented Fixes", Some(Role::Fix)),
            ("Fix Applied", Some(Role::Fix)),
            ("Solution", Some(Role::Fix)),
            ("Resolution", Some(Role::Fix)),
            ("What We Changed", Some(Role::Fix)),
            ("THE FIX - WHAT WE CHANGED", Some(Role::Fix)),
            ("Lessons Learned & Best Practices", Some(Role::Lessons)),
            ("Takeaways", Some(Role::Lessons)),
            ("Key Learnings", Some(Role::Lessons)),
            ("What went well", Some(Role::Lessons)),
            ("What Did Not Help", Some(Role::Lessons)),
            ("Next Steps", Some(Role::ActionItems)),
            ("Follow-ups", Some(Role::ActionItems)),
            ("Action Items", Some(Role::ActionItems)),
            ("Recommendations", Some(Role::ActionItems)),
            // A step of a timeline, by the clock time it opens with.
            (
                "00:00-03:00 UTC: Early Sync Recovery Attempts",
                Some(Role::Timeline),
            ),
            ("14:05 — Fix deployed", Some(Role::Timeline)),
            (
                "2026-03-01 09:12 UTC: root cause identified",
                Some(Role::Timeline),
            ),
            ("3:00 PM - Rollback", Some(Role::Timeline)),
            ("2026-02-20: publish blocked", None),
            ("1.2 Fix for the parser", Some(Role::Fix)),
            // A security advisory's steps for its readers.
            ("Guidance For Users", Some(Role::ActionItems)),
            ("What users should do", Some(Role::ActionItems)),
            ("Guidance", None),
            ("Still open", Some(Role::ActionItems)),
            ("Looking Forward", Some(Role::ActionItems)),
            ("Actions", Some(Role::ActionItems)),
            (
                "Future mitigations and product improvements",
                Some(Role::ActionItems),
            ),
            ("Planned improvements", Some(Role::ActionItems)),
            ("Improvements", Some(Role::ActionItems)),
            ("Mitigation", Some(Role::Fix)),
            ("How did this happen?", Some(Role::RootCause)),
            ("How it happened", Some(Role::RootCause)),
            // Code before or after the fix is in no section of its own.
            ("Javítás előtt", None),
            ("Înainte de corectare", None),
            ("Πριν τη διόρθωση", None),
            ("לפני התיקון", None),
            ("بعد الإصلاح", None),
            ("Korjauksen jälkeen", None),
            ("What we took from it", Some(Role::Lessons)),
            ("How Do We Do Better in the Future?", Some(Role::Lessons)),
            ("Impact Assessment", Some(Role::Impact)),
            ("UTC timeline", Some(Role::Timeline)),
            ("Error Summary", Some(Role::Errors)),
            ("Symptoms", Some(Role::Errors)),
            ("Validation & Testing", Some(Role::Validation)),
            ("References", Some(Role::References)),
            ("Related Documentation", Some(Role::References)),
            ("Executive Summary", Some(Role::Summary)),
            ("Problem Summary", Some(Role::Summary)),
            ("Issue Summary", Some(Role::Summary)),
            ("ISSUE SUMMARY", Some(Role::Summary)),
            (
                "Corrective and Preventative Measures",
                Some(Role::ActionItems),
            ),
            ("Preventive Measures", Some(Role::Lessons)),
            ("Tasks", Some(Role::ActionItems)),
            ("Resolutions", Some(Role::Fix)),
            ("Files Modified", Some(Role::Change)),
            ("Fix 1: Async Pool Configuration", None),
            // Numbering words give no role: the rest of the heading decides.
            ("Error 1: QueuePool + Async Engine Incompatibility", None),
            (
                "Issue 2: Async Context Manager Protocol Error",
                Some(Role::Errors),
            ),
            ("Why it happens", Some(Role::RootCause)),
            ("Why did the cache miss?", Some(Role::RootCause)),
            ("Why This Matters", None),
            ("Why this fix is permanent", Some(Role::Fix)),
            ("Why arm64 didn't work", Some(Role::RootCause)),
            ("Why the retry did not help", Some(Role::RootCause)),
            ("Why the workaround works", Some(Role::Fix)),
            ("Why we don't fix this in the client", Some(Role::Fix)),
            ("Why this works when retries didn't help", Some(Role::Fix)),
            ("Step 2: Found the Culprit", Some(Role::RootCause)),
            ("The Bug", Some(Role::RootCause)),
            ("Before Fix", None),
            ("After Fixes", None),
            ("Lifecycle before the fix", Some(Role::Fix)),
            ("Code after the fix", Some(Role::Fix)),
            ("Test Results After Fix", Some(Role::Validation)),
            ("Deployment Statistics", None),
            ("Acknowledgments", None),
        ];
        for (heading, want) in cases {
            assert_eq!(heading_role(heading), *want, "{heading}");
        }
    }

    #[test]
    fn fix_applied_is_a_date_only_when_followed_by_one() {
        assert_eq!(label_kind("Fix Applied", "January 2025"), LabelKind::Meta);
        assert_eq!(
            label_kind("Fix Applied", "(`src/db.py`)"),
            LabelKind::Role(Role::Fix)
        );
    }

    #[test]
    fn label_kinds_table() {
        let cases: &[(&str, LabelKind)] = &[
            ("Root Cause", LabelKind::Role(Role::RootCause)),
            ("Problem", LabelKind::Role(Role::RootCause)),
            ("Resolution", LabelKind::Role(Role::Fix)),
            ("Fixed by", LabelKind::Role(Role::Fix)),
            ("Remedied", LabelKind::Role(Role::Fix)),
            ("Future", LabelKind::Role(Role::ActionItems)),
            (
                "What the team should do",
                LabelKind::Role(Role::ActionItems),
            ),
            ("Solution", LabelKind::Role(Role::Fix)),
            ("Error Message", LabelKind::Role(Role::Errors)),
            ("Symptoms", LabelKind::Role(Role::Errors)),
            ("Prevention", LabelKind::Role(Role::Lessons)),
            ("File", LabelKind::File),
            ("Location", LabelKind::File),
            ("Date", LabelKind::Meta),
            ("Status", LabelKind::Meta),
            ("Technical Details", LabelKind::Plain),
            ("Why This Matters", LabelKind::Plain),
            ("FINAL FIX", LabelKind::Role(Role::Fix)),
            ("Actual Root Cause", LabelKind::Role(Role::RootCause)),
            ("Permanent Solution", LabelKind::Role(Role::Fix)),
            ("The Bug", LabelKind::Role(Role::RootCause)),
            // A qualified "issue" may be a cause or a symptom: no role.
            ("Primary Issue", LabelKind::Plain),
            ("Solution Options", LabelKind::Role(Role::Fix)),
            ("Root Cause Details", LabelKind::Role(Role::RootCause)),
            ("Final Thoughts", LabelKind::Plain),
            // How long it took, not how it was fixed.
            ("Time to Resolution", LabelKind::Meta),
            ("Resolution time", LabelKind::Meta),
            ("Time to resolve", LabelKind::Meta),
        ];
        for (label, want) in cases {
            assert_eq!(
                label_kind(label, "✅ RESOLVED on 2025-01-02"),
                *want,
                "{label}"
            );
        }
    }
}
