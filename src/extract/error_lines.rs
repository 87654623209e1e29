//! Error lines: how much one line of text looks like an error message.
//!
//! A line is scored against a table of evidence rules, one row per shape of
//! error text an ecosystem prints (exception heads, panics, compiler codes,
//! package-manager and CI failures, HTTP and database errors, cloud error
//! codes, Kubernetes states, shell and kernel failures, log lines at level
//! ERROR). The best row gives the score; code that builds errors (`raise`,
//! `throw new`, `fmt.Errorf`, `except X:`), log lines at INFO/DEBUG, and
//! success lines take it away. A new ecosystem is a new row, not a branch.
//!
//! `errors.rs` decides where to look and how much context a line needs;
//! this module only says what a line is.

use super::text::is_decoration;
use crate::extract::per_thread::PerThread;
use regex::bytes::{RegexSet, RegexSetBuilder};
use regex::Regex;
use std::sync::LazyLock;

/// Regexes of this module run on every line of a report: ASCII classes and
/// word boundaries keep them on the fast engines.
type Ascii = regex::bytes::Regex;

fn ascii(pattern: &str) -> Result<Ascii, regex::Error> {
    regex::bytes::RegexBuilder::new(pattern)
        .unicode(false)
        .build()
}

/// A line scoring this much is an error on its own (in log output, in
/// inline code, at the start of a paragraph line for `prose` rules).
pub const ALONE: i32 = 60;
/// A line scoring this much is an error when its context says so (log
/// output that holds a real error, an error section, a cue word).
pub const WEAK: i32 = 35;
/// In a block of source code, only lines this certain are errors.
pub const IN_CODE: i32 = 88;

/// Which kind of evidence a line matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Exception,
    Panic,
    LogLevel,
    Compiler,
    BuildTool,
    Ci,
    Http,
    Database,
    Cloud,
    Kubernetes,
    Shell,
    Kernel,
    WebServer,
    Network,
    Code,
    Warning,
    Weak,
}

/// What one line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub score: i32,
    pub family: Option<Family>,
    /// The match is a shape prose never takes ("x.FooError: y" at the start,
    /// "panic: ", "npm ERR!", a timestamped ERROR line), so a paragraph or
    /// list-item line that starts with it is the error itself.
    pub prose: bool,
}

impl Verdict {
    const NONE: Verdict = Verdict {
        score: 0,
        family: None,
        prose: false,
    };
}

struct Rule {
    family: Family,
    score: i32,
    prose: bool,
    pattern: &'static str,
}

const fn r(family: Family, score: i32, prose: bool, pattern: &'static str) -> Rule {
    Rule {
        family,
        score,
        prose,
        pattern,
    }
}

use Family::*;

/// The evidence table. Patterns see the line with its indentation and
/// leading decorations (emoji, bullets, box drawing) removed.
const RULES: &[Rule] = &[
    // Exceptions and traces, every language that prints `Class: message`.
    r(Exception, 95, true, r"^Traceback \(most recent call last\)"),
    r(Exception, 95, true, r#"^Exception in thread "[^"]*"\s+\S"#),
    // SQLAlchemy wraps the driver's error in its class name in parentheses:
    // "(psycopg2.errors.UniqueViolation) duplicate key value…".
    r(
        Exception,
        90,
        true,
        r"^\((?:[a-z_]\w*\.)+(?:[A-Z]\w*)?(?:Error|Exception|Violation|Failure)\)\s+\S|^\((?:[a-z_]\w*\.)*(?:errors?|exc|exceptions)\.[A-Z]\w*\)\s+\S",
    ),
    r(
        Exception,
        90,
        true,
        r"^(?:Unhandled [Ee]xception[.:]?\s+|Uncaught (?:\(in promise\)\s*)?|(?:PHP )?Fatal error:\s+Uncaught\s+|Unhandled Rejection \()?(?:[A-Za-z_][\w$]*(?:\.|::))*_?[A-Z][\w$]*(?:Error|Exception|Fault|Failure|Rejection)(?:\s?\[[\w-]+\]|\s\(0x[0-9A-Fa-f]+\))?\s*:\s*\S",
    ),
    r(
        Exception,
        88,
        true,
        r"^(?:[a-z_][\w]*\.)+[A-Z][\w$]*(?:Error|Exception|Fault|Failure|Denied|NotFound|Violation|Timeout|Conflict|Exists|Refused)\b",
    ),
    r(
        Exception,
        72,
        true,
        r"^(?:[a-z_][\w]*\.){1,6}[A-Z]\w+:\s+\S",
    ),
    r(
        Exception,
        80,
        true,
        r"^(?:[A-Z]\w*::)+[A-Z]\w*(?::\s+\S|\s+\()",
    ),
    r(Exception, 75, false, r"^Caused by:\s"),
    // Crashlytics and Play Console print a crash's classes without the
    // colon a JVM trace has: "Fatal Exception: java.lang.X: msg",
    // "Caused by java.lang.NullPointerException" (no source line starts
    // so, even under a `java` tag).
    r(
        Exception,
        85,
        true,
        r"^Caused by\s+(?:[a-z_]\w*\.)+[A-Z][\w$]*(?:Error|Exception|Fault|Failure)\b",
    ),
    r(
        Exception,
        90,
        true,
        r"^Fatal Exception:\s+(?:[a-z_]\w*\.)*[A-Z][\w$]*(?:Error|Exception)\b",
    ),
    r(
        Exception,
        50,
        false,
        r"^(?:[A-Z][a-z0-9]+){2,}(?:Error|Exception)$",
    ),
    r(
        Exception,
        82,
        false,
        r"\((?:[A-Z]\w*::)*[A-Z]\w*(?:Error|Exception)\)\s*$",
    ),
    r(
        Exception,
        90,
        true,
        r"^terminate called after throwing an instance of",
    ),
    r(Exception, 70, false, r"\bUnhandledPromiseRejection"),
    r(
        Exception,
        90,
        true,
        r"^(?:PHP )?(?:Fatal error|Parse error|Catchable fatal error):\s",
    ),
    // Panics and fatal stops.
    r(Panic, 95, true, r"^panic:\s"),
    r(Panic, 95, true, r"^thread '[^']*' panicked at"),
    r(Panic, 92, true, r"^fatal error:\s"),
    r(
        Panic,
        88,
        true,
        r"^(?:fatal|FATAL|Fatal)(?:\s+error)?\s*[:!]\s*\S",
    ),
    r(Panic, 92, true, r"(?i)\bkernel panic\b"),
    // A level word that starts the line.
    r(
        LogLevel,
        85,
        true,
        r"^(?:ERROR|ERR|FATAL)\b\s*(?:\[[^\]]*\]\s*)?[:!\]~|>-]\s*\S",
    ),
    r(LogLevel, 80, true, r"^(?:ERROR|FATAL)\s+\S"),
    // Severity words also head prose ("CRITICAL - Service Down"): only
    // log output takes them as a level.
    r(
        LogLevel,
        80,
        false,
        r"^(?:CRITICAL|CRIT|PANIC|SEVERE|EMERG|ALERT)\b\s*(?:\[[^\]]*\]\s*)?[:!\]~|>-]?\s*\S",
    ),
    r(
        LogLevel,
        85,
        true,
        r"^(?:Error|error)(?:\[[A-Z]?\d+\])?\s*[:!]\s*\S",
    ),
    r(
        LogLevel,
        72,
        true,
        r"^(?:Error|ERROR)\s+(?:status\s+|code\s+)?\d+\b[^:]{0,60}:\s*\S",
    ),
    r(LogLevel, 82, true, r"^\((?:error|ERROR)\)\s"),
    r(LogLevel, 70, false, r"^(?:Error|error|ERROR)\s*:\s*$"),
    r(LogLevel, 80, false, r"^(?:fail|crit):\s+\S"),
    r(
        LogLevel,
        88,
        true,
        r"^\[?\d{4}[-/]\d{2}[-/]\d{2}[T ][\d:.,]+\S*\]?\s+(?:\S+\s+){0,4}?(?:\[[^\]]{1,24}\]\s*)*[\[|(<-]?\s*(?:ERROR|FATAL|CRITICAL|PANIC|SEVERE|EMERG)\b",
    ),
    // glog ("E0501 10:00:00.1 ...") and logcat ("E/Tag(12): ...", "05-01
    // 10:00:00.123 1 2 E Tag: ...") write the level as one letter.
    r(
        LogLevel,
        85,
        true,
        r"^[EF]\d{4}\s+\d{2}:\d{2}:\d{2}|^[EF]/[\w.$-]+\s*\(\s*\d+\):|^\d{2}-\d{2}\s+\d{2}:\d{2}:\d{2}\.\d+\s+\d+\s+\d+\s+[EF]\s",
    ),
    r(
        LogLevel,
        75,
        false,
        r"^error\s+(?:Command failed|An unexpected error|[A-Z])",
    ),
    r(
        LogLevel,
        88,
        false,
        r"(?:^|\s)-\s+(?:ERROR|CRITICAL|FATAL)\s+-\s|\|\s*(?:ERROR|CRITICAL|FATAL)\s*\|",
    ),
    r(
        LogLevel,
        85,
        false,
        r"\[(?:ERROR|FATAL|CRITICAL|CRIT|EMERG|ALERT|SEVERE|PANIC|error|crit|alert|emerg|fatal|critical)\]",
    ),
    r(LogLevel, 80, true, r"^\[(?:Error|ERROR)\b[^\]]{0,40}\]"),
    r(
        LogLevel,
        88,
        true,
        r#"(?i)(?:\b(?:level|severity|lvl|levelname)=["']?|"(?:level|severity|lvl|levelname|log\.level)"\s*:\s*")(?:error|err|fatal|critical|crit|panic|emerg|alert|severe)\b"#,
    ),
    // Compilers and type checkers.
    r(Compiler, 92, true, r"\berror\[E\d{4}\]"),
    r(
        Compiler,
        92,
        true,
        r"\b(?:error|fatal error)\s+(?:TS|FS|CS|BC|C|LNK|MSB|NU|NETSDK|CA|IDE|RC|CVT|PRJ|VCR|MIDL)\d{3,5}\s*:",
    ),
    r(
        Compiler,
        90,
        true,
        r"^[\w./\\@~+-]+\.\w+\(\d+(?:,\d+)*\)\s*:\s*(?:fatal\s+)?error\b",
    ),
    r(
        Compiler,
        90,
        true,
        r"^[\w./\\@~+-]+:\d+(?::\d+)?:?\s*(?:-\s+)?(?:fatal\s+)?error\b",
    ),
    r(
        Compiler,
        70,
        false,
        r"^[\w./\\@~+-]+\.\w+:\d+:\d+:\s+(?:.*\b)?(?:undefined|cannot|can't|not|invalid|unexpected|expected|missing|unknown|too many)",
    ),
    r(
        Compiler,
        85,
        false,
        r"^make(?:\[\d+\])?: \*\*\* .*(?:Error \d+|Stop\.)",
    ),
    r(Compiler, 85, false, r"\bundefined reference to\b"),
    r(
        Compiler,
        82,
        false,
        r"^collect2: error:|\bld: (?:library|symbol\(s\)) not found|\bld returned \d+ exit status",
    ),
    r(
        Compiler,
        90,
        true,
        r"==\d+==\s*ERROR: \w+Sanitizer|\b(?:Address|Thread|Memory|Leak|UndefinedBehavior)Sanitizer:",
    ),
    r(
        Compiler,
        80,
        false,
        r"\bAssertion [`'\x22].*[`'\x22] failed|\bassertion failed\b|\bassertion `.*' failed",
    ),
    r(Compiler, 62, false, r"\b(?:SyntaxError|syntax error)\b"),
    // Build tools, package managers.
    r(BuildTool, 88, true, r"^FAILURE: Build failed"),
    r(
        BuildTool,
        85,
        true,
        r"^BUILD (?:FAILED|FAILURE)\b|\[ERROR\] BUILD FAILURE",
    ),
    r(BuildTool, 75, false, r"^\* What went wrong:"),
    r(BuildTool, 82, true, r"^Execution failed for task\b"),
    r(BuildTool, 78, false, r"^> Task \S+ FAILED"),
    r(
        BuildTool,
        72,
        false,
        r"^>\s+(?:Could not|Cannot|Failed|Unable|A problem occurred|Execution failed|No matching|Unsupported|Plugin \S+ was not found|[\w.]+(?:Exception|Error)\b)",
    ),
    r(BuildTool, 88, true, r"^npm (?:ERR!|error)\s"),
    r(BuildTool, 88, true, r"\bERR_PNPM_\w+|^npm ERR! code\b"),
    r(BuildTool, 70, false, r"\bERR_[A-Z][A-Z0-9_]{3,}\b"),
    r(BuildTool, 88, true, r"^E:\s+\S"),
    r(BuildTool, 75, false, r"^Err:\d+\s"),
    r(
        BuildTool,
        75,
        false,
        r"^[a-z][\w.+-]*:\s+(?:\(\d+\)\s+)?(?:[\w.\[\]-]+:\s+)?(?i:error|fatal|panic|cannot|can't|could not|couldn't|unable to|failed|no such|permission denied|not found|invalid|unknown|unrecognized|unexpected|E\d{3,}|refusing|denied)\b",
    ),
    r(
        BuildTool,
        80,
        false,
        r"^ERROR: (?:Could not|Cannot|No matching distribution|Failed building|Command errored|pip's dependency resolver|ResolutionImpossible)",
    ),
    r(
        BuildTool,
        70,
        false,
        r"\bResolutionImpossible\b|\bsubprocess-exited-with-error\b",
    ),
    // Any component's own error line: "Postmark API error: ...".
    r(
        Code,
        65,
        false,
        r"^[A-Za-z][\w .\-/\[\]]{0,40}?\b(?:error|Error|ERROR|exception|Exception|failure|Failure|failed|FAILED)\s*:\s*\S",
    ),
    r(
        Code,
        72,
        false,
        r"\b[A-Z][A-Z0-9]*(?: [A-Z0-9]+)*\s(?:FAILURE|FAILED|ERROR|EXCEPTION)\s*:",
    ),
    r(
        Code,
        80,
        true,
        r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:ERROR|ERR|FAIL\w*|DENIED|EXISTS|NOT_FOUND|INVALID\w*|TIMEOUT|EXCEEDED|UNAVAILABLE|REFUSED|MISSING|CONFLICT|FORBIDDEN|UNAUTHORIZED|ABORTED|CORRUPT\w*|BUSY|LOCKED|EXHAUSTED|VIOLATION|EXPIRED|MISMATCH)\w*\s*:\s*\S",
    ),
    r(
        Code,
        50,
        false,
        r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:ERROR|ERR|FAIL|FAILED|FAILURE|DENIED|EXISTS|NOT_FOUND|NOTFOUND|INVALID|TIMEOUT|TIMED_OUT|EXCEEDED|UNAVAILABLE|REFUSED|MISSING|CONFLICT|FORBIDDEN|UNAUTHORIZED|ABORTED|CORRUPT|CORRUPTED|BUSY|LOCKED|EXHAUSTED|VIOLATION|EXPIRED|MISMATCH|UNREACHABLE|UNSUPPORTED|OVERFLOW)\b",
    ),
    r(
        Code,
        50,
        false,
        r"\b(?:ERR|E|ERROR|INVALID|UNKNOWN|ILLEGAL|MISSING|DUPLICATE)_[A-Z][A-Z0-9_]+\b",
    ),
    // What a browser console prints when it refuses a request or a
    // resource: CORS (Chrome, Firefox), mixed content, CSP.
    r(
        Network,
        86,
        true,
        r"^Access to (?:fetch|XMLHttpRequest|script|font|image|\w+) at '[^']*' from origin '[^']*' has been blocked by CORS policy\b|^Cross-Origin Request Blocked:|^Mixed Content: The page at\b|^Refused to (?:load|execute|connect to|apply|frame)\b.*\bbecause it violates the following Content Security Policy\b",
    ),
    // The same words where a console wrapped the line, or a sentence
    // tells of them: an error in output, not in prose.
    r(
        Network,
        80,
        false,
        r"\bfrom origin '[^']*' has been blocked by CORS policy\b",
    ),
    // HTTP and API error bodies.
    r(Http, 82, true, r"^HTTP/\d(?:\.\d)?\s+[45]\d\d\b"),
    r(Http, 70, false, r#"\bHTTP/\d(?:\.\d)?"?\s+5\d\d\b"#),
    r(Http, 45, false, r#"\bHTTP/\d(?:\.\d)?"?\s+4\d\d\b"#),
    r(
        Http,
        70,
        false,
        r"\b[45]\d\d:?\s+(?:Unauthorized|Forbidden|Not Found|Bad Request|Conflict|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out|Method Not Allowed|Payload Too Large|Request Entity Too Large|Unprocessable (?:Entity|Content)|Request Timeout|Precondition Failed|Gone|Not Acceptable|Unsupported Media Type|Insufficient Storage|Not Implemented)\b",
    ),
    r(
        Http,
        60,
        false,
        r"(?i)\bstatus(?:[ _]?code)?\s*[=:]\s*5\d\d\b",
    ),
    r(Http, 65, false, r"(?i)\bstatus code [45]\d\d\b"),
    r(
        Http,
        55,
        false,
        r"(?i)\bstatus(?:[ _]?code)?\s*[=:]\s*4\d\d\b",
    ),
    r(
        Http,
        78,
        false,
        r#""(?:error|errors|error_description|errorMessage|error_message|fault|err)"\s*:\s*(?:"[^"]|\{|\[\s*[{"])"#,
    ),
    r(
        Http,
        64,
        false,
        r#"(?i)"(?:message|detail|msg|reason|description|title)"\s*:\s*"[^"]*(?:not found|invalid|denied|failed|unauthori[sz]ed|forbidden|required|missing|expired|exceeded|error|not allowed|does not|cannot|unable|conflict|already exists|too many)"#,
    ),
    r(Http, 60, false, r#""(?:success|ok)"\s*:\s*false"#),
    r(
        Http,
        62,
        false,
        r#""status(?:Code|_code)?"\s*:\s*"?[45]\d\d\b"#,
    ),
    // Databases.
    r(Database, 92, true, r"\bSQLSTATE\[?\w{5}\]?"),
    r(Database, 92, true, r"^ERROR\s+\d{4}\s+\(\w{5}\)"),
    r(Database, 90, true, r"\bORA-\d{5}\b"),
    r(
        Database,
        82,
        false,
        r"\bduplicate key value violates unique constraint\b|\bviolates (?:foreign key|not-null|check|unique|exclusion) constraint\b",
    ),
    r(
        Database,
        75,
        false,
        r#"\b(?:relation|column|table|database|role|schema|function|type|index|extension) "[^"]+"(?: of relation "[^"]+")? (?:does not exist|already exists)"#,
    ),
    r(
        Database,
        80,
        false,
        r"\bdeadlock detected\b|\bDeadlock found when trying to get lock\b|\bLock wait timeout exceeded\b",
    ),
    r(
        Database,
        84,
        false,
        r"\bpassword authentication failed for user\b|\bAccess denied for user\b",
    ),
    r(
        Database,
        78,
        false,
        r"\b(?:too many (?:clients|connections)|remaining connection slots are reserved|server closed the connection unexpectedly|could not connect to server|MySQL server has gone away|database is locked|canceling statement due to|Too many connections)\b",
    ),
    r(Database, 86, false, r"\bE11000 duplicate key error\b"),
    r(
        Database,
        80,
        false,
        r"\bUnknown column '[^']+'|\bTable '[^']+' doesn't exist|\bDuplicate entry '[^']*' for key",
    ),
    r(Database, 70, false, r"\bSQLITE_[A-Z]+\b"),
    r(
        Database,
        82,
        true,
        r"^(?:WRONGTYPE|MISCONF|NOAUTH|READONLY|NOSCRIPT|CROSSSLOT|CLUSTERDOWN|BUSYGROUP|OOM command)\s+[A-Za-z]",
    ),
    // Cloud providers.
    r(
        Cloud,
        92,
        true,
        r"\bAn error occurred \(\w+\) when calling the \w+ operation",
    ),
    r(
        Cloud,
        76,
        false,
        r"\((?:[A-Z][a-z0-9]+)+(?:Exception|Error|Denied|Fault|NotFound|Failed|Failure|Throttled|Exceeded|Conflict)\)",
    ),
    r(Cloud, 80, true, r"^\((?:[A-Z][a-z0-9]+){2,}\)\s+\S"),
    r(Cloud, 86, false, r"\brpc error: code = \w+ desc ="),
    r(
        Cloud,
        70,
        false,
        r"\b(?:PERMISSION_DENIED|RESOURCE_EXHAUSTED|DEADLINE_EXCEEDED|UNAUTHENTICATED|FAILED_PRECONDITION|INVALID_ARGUMENT|ALREADY_EXISTS|NOT_FOUND|DATA_LOSS|OUT_OF_RANGE)\b",
    ),
    r(Cloud, 82, false, r"\bgoogleapi: Error \d{3}\b"),
    r(Cloud, 80, false, r"\bTask timed out after [\d.]+ seconds"),
    r(
        Cloud,
        70,
        false,
        r"\b(?:AccessDenied(?:Exception)?|UnauthorizedOperation|InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken(?:Exception)?|NoSuchBucket|NoSuchKey|NoSuchEntity|ThrottlingException|RequestLimitExceeded|ResourceNotFoundException|ValidationException|InsufficientInstanceCapacity|AuthorizationFailed|ResourceGroupNotFound|QuotaExceeded|SubscriptionNotFound|InvalidParameterValue|LimitExceededException|ServiceUnavailable|SlowDown|RequestTimeTooSkewed|InvalidAccessKeyId)\b",
    ),
    // Kubernetes.
    r(
        Kubernetes,
        88,
        true,
        r"^\S+\s+\d+/\d+\s+(?:CrashLoopBackOff|Error|OOMKilled|ImagePullBackOff|ErrImagePull|CreateContainerConfigError|CreateContainerError|RunContainerError|InvalidImageName|ContainerCannotRun|Evicted|Init:Error|Init:CrashLoopBackOff|DeadlineExceeded|ErrImageNeverPull|PostStartHookError|ContainerStatusUnknown)\s+\d+",
    ),
    r(
        Kubernetes,
        70,
        false,
        r"\b(?:CrashLoopBackOff|OOMKilled|ImagePullBackOff|ErrImagePull|CreateContainerConfigError|CreateContainerError|RunContainerError|InvalidImageName|ContainerCannotRun|ErrImageNeverPull|PostStartHookError|FailedScheduling|FailedMount|FailedAttachVolume|FailedCreatePodSandBox|NodeNotReady|ContainerStatusUnknown)\b",
    ),
    r(
        Kubernetes,
        84,
        true,
        r"^(?:\d+[smhd]\d*[smh]?\s+)?Warning\s+(?:Failed\w*|BackOff|Unhealthy|Evicted|OOMKilling|NodeNotReady|NetworkNotReady|FailedSync|Killing|ProbeWarning)\b",
    ),
    r(
        Kubernetes,
        76,
        false,
        r"\bBack-off (?:restarting failed container|pulling image)\b|\b0/\d+ nodes are available\b",
    ),
    r(
        Kubernetes,
        66,
        false,
        r"\bReason:\s*(?:OOMKilled|Error|CrashLoopBackOff|ContainerCannotRun|DeadlineExceeded|Evicted)\b",
    ),
    r(Kubernetes, 62, false, r"\bExit Code:\s*[1-9]\d*"),
    r(Kubernetes, 80, true, r"^Error from server(?: \(\w+\))?:"),
    // Shells and processes.
    r(
        Shell,
        86,
        true,
        r"^(?:[^\s:]+:\s+){1,4}(?:command not found|not found)\s*$",
    ),
    r(
        Shell,
        86,
        true,
        r"^(?:zsh|bash|sh|fish|ksh|dash|/bin/\w+|/usr/bin/env)\b[^\n]*:\s(?:.*\b)?(?:command not found|not found|No such file or directory|Permission denied|unbound variable|syntax error|bad substitution|cannot execute|ambiguous redirect|integer expression expected)",
    ),
    r(Shell, 75, false, r"\bcommand not found\b"),
    r(Shell, 80, false, r"\bunbound variable\b"),
    r(
        Shell,
        62,
        false,
        r"\b(?:Permission denied|No such file or directory|Operation not permitted|Read-only file system|No space left on device|Too many open files|Device or resource busy|Text file busy|Broken pipe|Resource temporarily unavailable|Address already in use|Cannot allocate memory|Input/output error|Argument list too long)\b",
    ),
    r(
        Shell,
        72,
        false,
        r"(?i)\bexit(?:ed|s)?\s+(?:with\s+)?(?:(?:exit\s+)?(?:code|status))\s*[:=]?\s*[1-9]\d*\b|\bnon-zero exit (?:status|code)\b|\bexit (?:code|status)\s*[:=]?\s*[1-9]\d*\b|\breturned non-zero exit status\b|\bexit status [1-9]\d*\b",
    ),
    r(
        Shell,
        86,
        true,
        r"^(?:Segmentation fault|Bus error|Illegal instruction|Floating point exception)\b",
    ),
    r(
        Shell,
        70,
        false,
        r"^(?:Aborted|Killed)(?:\s*\(core dumped\))?\s*$",
    ),
    r(
        Shell,
        80,
        false,
        r"\bSegmentation fault\b|\bcore dumped\b|\bSIGSEGV\b|\bSIGABRT\b|\bSIGBUS\b|\bEXC_BAD_ACCESS\b|\bEXC_CRASH\b|\bOutOfMemoryError\b",
    ),
    r(
        Shell,
        55,
        false,
        r"\bSIGKILL\b|\bSIGTERM\b|\bwas sent SIG\w+|\breceived signal \w+",
    ),
    r(
        Shell,
        60,
        false,
        r"(?i)^Reason:\s+.*\b(?:fail\w*|error|crash\w*|killed|timeout|timed out|exited|denied|refused)\b",
    ),
    // Kernels.
    r(
        Kernel,
        92,
        true,
        r"\bOut of memory: Kill(?:ed)? process\b|\bMemory cgroup out of memory\b",
    ),
    r(
        Kernel,
        86,
        false,
        r"\binvoked oom-killer\b|\boom-kill:|\boom_reaper:|\bOOM killer\b",
    ),
    r(
        Kernel,
        88,
        false,
        r"\bsegfault at [0-9a-f]+ ip\b|\bBUG: (?:unable to handle|soft lockup|kernel NULL|scheduling while atomic)|\bgeneral protection fault\b",
    ),
    r(
        Kernel,
        76,
        false,
        r"\bblocked for more than \d+ seconds\b|\bI/O error, dev\b|\bEXT4-fs error\b|\bhung_task\b|\bhung task\b",
    ),
    // Network drivers: a hung transmit unit, a dropped link, a watchdog.
    r(
        Kernel,
        76,
        false,
        r"\bDetected (?:Hardware|Tx) Unit Hang\b|\bNIC Link is Down\b|\bNETDEV WATCHDOG: .*\btimed out\b|\bReset adapter unexpectedly\b",
    ),
    // Python's type errors, printed without their class by a handler
    // ("Помилка: 'ProjectManager' object has no attribute 'remove'").
    r(
        Exception,
        80,
        false,
        r"'[\w.]+' object (?:has no attribute '\w+'|is not (?:subscriptable|callable|iterable|an iterator)|does not support item assignment)",
    ),
    // Browser consoles: a thrown value that is no Error ("Uncaught You
    // must pass your app key"), content blocked for mixing HTTP in HTTPS.
    r(Exception, 80, false, r"^Uncaught (?:\(in promise\)\s*)?\S"),
    r(Http, 78, false, r"^Mixed Content: The page at\b"),
    // Web servers and app servers.
    r(
        WebServer,
        90,
        true,
        r"\[(?:error|crit|alert|emerg)\]\s+\d+#\d+:",
    ),
    r(
        WebServer,
        76,
        false,
        r"\bupstream (?:timed out|prematurely closed|sent too big header)|\bno live upstreams\b|\b\w+\(\) (?:to \S+ )?failed \(\d+:",
    ),
    r(
        WebServer,
        72,
        false,
        r"\bWORKER TIMEOUT\b|\bWorker failed to boot\b|\bAH\d{5}: .*(?:error|fail)",
    ),
    // Networks and TLS.
    r(
        Network,
        62,
        false,
        r"(?i)\b(?:connection refused|connection reset(?: by peer)?|connection timed out|network is unreachable|no route to host|name or service not known|temporary failure in name resolution|could not resolve host|couldn't resolve host|nodename nor servname provided|getaddrinfo (?:ENOTFOUND|EAI_AGAIN)|context deadline exceeded|i/o timeout|TLS handshake timeout|handshake failure|certificate verify failed|certificate has expired|self[- ]signed certificate|unknown authority|SSL routines)\b",
    ),
    r(
        Network,
        78,
        false,
        r"\bdial (?:tcp|udp|unix) \S+: (?:connect: |i/o timeout|lookup)",
    ),
    r(Network, 72, false, r"\bx509: "),
    r(
        Network,
        66,
        false,
        r"\bE(?:CONNREFUSED|CONNRESET|NOENT|ACCES|TIMEDOUT|ADDRINUSE|PIPE|NOTFOUND|AI_AGAIN|HOSTUNREACH|PERM|MFILE|NOSPC|NETUNREACH|CONNABORTED|ISDIR|NOTDIR|ROFS)\b",
    ),
    // npm's own codes, which it prints alone ("npm error code ENEEDAUTH")
    // and reports quote alone ("failed with `ENEEDAUTH`").
    r(
        Shell,
        66,
        false,
        r"\bE(?:NEEDAUTH|401|403|404|RESOLVE|INTEGRITY|TARGET|LIFECYCLE|BADENGINE|JSONPARSE|OTP|NOVERSIONS|UNSUPPORTEDPROTOCOL|NOTSUP|PUBLISHCONFLICT)\b",
    ),
    // CI systems, containers, service managers.
    r(Ci, 95, true, r"^##\[error\]|^::error\b"),
    r(Ci, 86, true, r"\bProcess completed with exit code [1-9]"),
    r(Ci, 90, true, r"^Error executing process >"),
    r(
        Ci,
        80,
        false,
        r"\bJob failed\b|\bFinished: FAILURE\b|\bExited with code (?:exit status )?[1-9]|\bThe job (?:was canceled|exceeded the maximum)|\bTests? failed\b|\bFAILED \(failures=\d+",
    ),
    r(
        Ci,
        78,
        false,
        r"\bFAILED! =>|^fatal: \[[^\]]+\]: (?:FAILED|UNREACHABLE)!",
    ),
    r(
        Ci,
        80,
        false,
        r"\bFailed to start [\w@.-]+|\bMain process exited, code=\w+, status=[1-9]|\bFailed with result '[\w-]+'|\bStart request repeated too quickly",
    ),
    r(
        Ci,
        86,
        false,
        r"\bError response from daemon\b|\bOCI runtime (?:create|exec) failed\b|\bfailed to solve\b",
    ),
    r(
        Ci,
        72,
        false,
        r"\bmanifest (?:for \S+ )?(?:not found|unknown)\b|\bpull access denied\b|\bexec format error\b|\btoomanyrequests\b",
    ),
    // Warnings: evidence, not errors on their own.
    r(
        Warning,
        35,
        false,
        r"^(?:WARN|WARNING|Warning|warning)\b\s*(?:\[[^\]]*\]\s*)?[:!\]]|^npm (?:WARN|warn)\s|^W:\s|^##\[warning\]|^[\w./\\@~+-]+:\d+(?::\d+)?:\s*warning\b|\bwarning\s+(?:TS|CS|FS|C)\d{3,5}:|\bDeprecationWarning\b",
    ),
    // Words that say something went wrong.
    r(
        Weak,
        35,
        false,
        r"(?i)\b(?:fail(?:s|ed|ing|ure|ures)?|cannot|can't|could ?n[o']t|unable to|not found|no such|denied|refused|timed? ?out|leak(?:ed|s)?|deadlock(?:ed)?|out of memory|invalid|unexpected(?:ly)?|exceed(?:ed|s)|killed|missing|does(?: not|n't) exist|not (?:allowed|defined|supported|permitted|set|available|ready|recognized|found|installed|authorized)|undefined|unauthori[sz]ed|forbidden|rejected|crash(?:ed|es|ing)?|abort(?:ed|ing)?|corrupt(?:ed|ion)?|inconsistent|mismatch(?:ed)?|conflicts?|unreachable|violat(?:es|ed|ion)|unsupported|unknown|is required|no space|exhausted|too many|expired|incompatible|hang detected|stuck|panic(?:ked)?|fatal|unhealthy|unavailable|broken|lost)\b",
    ),
    // The bare nouns: prose about errors uses them as much as errors do.
    r(
        Weak,
        33,
        false,
        r"(?i)\b(?:errors?|exceptions?|warnings?)\b",
    ),
];

/// Words at least one of which is in every line a rule takes (checked by
/// a test over the tables here and the reports of ../shared): a line with
/// none of them skips the rules. Most lines of a report have none.
const TRIGGERS: &[&str] = &[
    // Errors, failures and their words.
    "err",
    "fail",
    "fatal",
    "exception",
    "panic",
    "traceback",
    "critical",
    "crit",
    "severe",
    "emerg",
    "alert",
    "warn",
    "fault",
    "abort",
    "kill",
    "denied",
    "refus",
    "not found",
    "notfound",
    "not_found",
    "no such",
    "cannot",
    "can't",
    "could not",
    "couldn",
    "unable",
    "invalid",
    "unexpected",
    "expected",
    "exceed",
    "missing",
    "exist",
    "not ",
    "undefined",
    "unauthori",
    "forbidden",
    "reject",
    "crash",
    "corrupt",
    "inconsistent",
    "mismatch",
    "conflict",
    "unreachable",
    "violat",
    "unsupported",
    "unknown",
    "required",
    "no space",
    "exhaust",
    "too many",
    "too long",
    "expired",
    "incompatible",
    "hang",
    "link is down",
    "no attribute",
    "uncaught",
    "mixed content",
    "stuck",
    "unhealthy",
    "unavailable",
    "broken",
    "lost",
    "leak",
    "deadlock",
    "timeout",
    "timed out",
    "time out",
    "timed_out",
    "memory",
    "oom",
    "segfault",
    "segmentation",
    "sig",
    "exc_",
    "illegal",
    "duplicate",
    "locked",
    "busy",
    "overflow",
    "deprecat",
    "unbound",
    "read-only",
    "already in use",
    "core dumped",
    "bug:",
    "blocked for",
    "hung",
    "upstream",
    "reset",
    "no route",
    "servname",
    "getaddrinfo",
    "handshake",
    "signed certificate",
    "ssl routines",
    "dial ",
    "x509",
    "unrecognized",
    "terminate called",
    "rejection",
    "resolutionimpossible",
    "assertion",
    "sanitizer",
    "what went wrong",
    "a problem occurred",
    "no matching",
    "was canceled",
    "repeated too quickly",
    "toomanyrequests",
    "gone",
    "illegal",
    // Status lines, codes and states.
    "http/",
    "status",
    "exit",
    "sqlstate",
    "ora-",
    "e11000",
    "sqlite_",
    "wrongtype",
    "misconf",
    "noauth",
    "readonly",
    "noscript",
    "crossslot",
    "clusterdown",
    "busygroup",
    "oom command",
    "backoff",
    "back-off",
    "oomkilled",
    "imagepull",
    "errimage",
    "createcontainer",
    "runcontainer",
    "invalidimage",
    "containercannotrun",
    "poststarthook",
    "evicted",
    "nodes are available",
    "nodenotready",
    "containerstatusunknown",
    "reason:",
    "throttl",
    "nosuch",
    "slowdown",
    "requesttimetooskewed",
    "invalidaccesskey",
    "quotaexceeded",
    "rpc error",
    "googleapi",
    "an error occurred",
    "unauthenticated",
    "precondition",
    "out_of_range",
    "data_loss",
    "already_exists",
    "connection slots",
    "closed the connection",
    "gone away",
    "canceling statement",
    "bad request",
    "bad gateway",
    "internal server",
    "method not allowed",
    "too large",
    "unprocessable",
    "not acceptable",
    "not implemented",
    "insufficient",
    "success",
    "\"ok\"",
    "e_",
    "econn",
    "enoent",
    "eacces",
    "etimedout",
    "eaddrinuse",
    "epipe",
    "enotfound",
    "eai_again",
    "ehostunreach",
    "eperm",
    "emfile",
    "enospc",
    "enetunreach",
    "eisdir",
    "enotdir",
    "erofs",
    // npm's codes (see the rule; E401 and its kin pass by "e4" below).
    "eneedauth",
    "eresolve",
    "eintegrity",
    "etarget",
    "elifecycle",
    "ebadengine",
    "ejsonparse",
    "eotp",
    "enoversions",
    "eunsupportedprotocol",
    "enotsup",
    "epublishconflict",
    // One-letter levels (glog "E0501 ...", logcat "E/Tag", "1 2 E Tag") and apt.
    "e0",
    "e1",
    "e2",
    "e3",
    "e4",
    "e5",
    "e6",
    "e7",
    "e8",
    "e9",
    "f0",
    "f1",
    "f2",
    "f3",
    "f4",
    "f5",
    "f6",
    "f7",
    "f8",
    "f9",
    "e/",
    "f/",
    " e ",
    " f ",
    "e:",
    "w:",
];

static TRIGGER: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(TRIGGERS)
        .expect("trigger words")
});

/// The rules in four automata, each with the rules' indexes: the `prose`
/// rules (a paragraph line is only asked those), then of the others those
/// that start at the line's start, the case-insensitive word lists, the
/// rest. One automaton of all of them runs several times slower (its
/// states multiply); ASCII classes and word boundaries keep each one fast.
static SETS: PerThread<Vec<(RegexSet, Vec<usize>)>> = PerThread::new(|| {
    let groups: [fn(&Rule) -> bool; 4] = [
        |r| r.prose,
        |r| !r.prose && r.pattern.starts_with('^'),
        |r| !r.prose && !r.pattern.starts_with('^') && r.pattern.starts_with("(?i)"),
        |r| !r.prose && !r.pattern.starts_with('^') && !r.pattern.starts_with("(?i)"),
    ];
    groups
        .iter()
        .map(|keep| {
            let idx: Vec<usize> = (0..RULES.len()).filter(|&i| keep(&RULES[i])).collect();
            let set = RegexSetBuilder::new(idx.iter().map(|&i| RULES[i].pattern))
                .unicode(false)
                .dfa_size_limit(32 << 20)
                .build()
                .expect("error rules");
            (set, idx)
        })
        .collect()
});

/// Builds the rule automata now (see `super::warm_up`).
pub fn warm_up() {
    LazyLock::force(&TRIGGER);
    PerThread::force(&SETS);
}

/// A timestamp at the start of a log line (ISO, syslog, Go's log, clock).
static TIMESTAMP: PerThread<Ascii> = PerThread::new(|| {
    ascii(
        r"(?x)^[\[(]?(?:
            \d{4}[-/.]\d{2}[-/.]\d{2}(?:[T\ ]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)?(?:\s?Z|\s?[+-]\d{2}:?\d{2}|\s?UTC)?
          | [A-Z][a-z]{2},?\s+(?:[A-Z][a-z]{2}\s+)?\d{1,2}(?:,?\s+\d{4})?\s+\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?
          | \d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?
          | \d{2}-\d{2}\s+\d{2}:\d{2}:\d{2}\.\d+
        )[\])]?",
    )
    .expect("timestamp regex")
});

/// An upper-case level word in a log position (after a timestamp or in a
/// bracket): "2024-01-01 10:00:00 ERROR x", "[1] [CRITICAL] x".
static LEVEL_UPPER: PerThread<Ascii> = PerThread::new(|| {
    ascii(
        r#"(?:^|[\s\[(<|:,=\x22'-])(ERROR|ERR|FATAL|CRITICAL|CRIT|PANIC|SEVERE|EMERG|EMERGENCY|ALERT|WARN|WARNING|INFO|DEBUG|TRACE|NOTICE|VERBOSE|SUCCESS)(?:$|[\s\])>|:,\x22'-])"#,
    )
    .expect("level regex")
});

/// A lower-case level word in a bracket or before a colon: "[error]",
/// "[proxy:error]", "sshd[1]: error: x".
static LEVEL_LOWER: PerThread<Ascii> = PerThread::new(|| {
    ascii(
        r"(?:[\[(<|:]\s*|\s)(error|fatal|critical|crit|alert|emerg|warn|warning|info|debug|trace|notice|Error|Fatal|Critical|Warning|Warn|Info|Debug|Notice)(?:\s*[\])>|]|:\s)",
    )
    .expect("level regex")
});

/// A one-letter level right after the timestamp (logcat: "1234 1234 E Tag").
static LEVEL_LETTER: PerThread<Ascii> =
    PerThread::new(|| ascii(r"^\s*(?:\d+\s+){0,2}([VDIWEF])\s").expect("level regex"));

static GLOG: PerThread<Ascii> = PerThread::new(|| {
    ascii(r"^([EFWIDV])(?:\d{4}\s+\d{2}:\d{2}:\d{2}|/[\w.$-]+\s*\(\s*\d+\):)").expect("glog regex")
});

static LOGFMT_LEVEL: PerThread<Ascii> = PerThread::new(|| {
    ascii(r#"(?i)(?:\b(?:level|severity|lvl|levelname)=["']?|"(?:level|severity|lvl|levelname|log\.level)"\s*:\s*")(\w+)"#)
        .expect("logfmt level regex")
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Error,
    Warn,
    Quiet,
}

fn level_of(word: &str) -> Option<Level> {
    match word.to_ascii_lowercase().as_str() {
        "error" | "err" | "fatal" | "critical" | "crit" | "panic" | "severe" | "emerg"
        | "emergency" | "alert" | "fail" | "e" | "f" => Some(Level::Error),
        "warn" | "warning" | "w" => Some(Level::Warn),
        "info" | "debug" | "dbug" | "trace" | "trce" | "notice" | "verbose" | "success" | "i"
        | "d" | "v" => Some(Level::Quiet),
        _ => None,
    }
}

/// The level a log line was written at, and whether the line is surely a
/// log line (a timestamp, a `level=` field, or the word ERROR or FATAL,
/// where a severity word like CRITICAL may head a sentence).
fn log_level(clean: &str) -> Option<(Level, bool)> {
    if let Some(c) = LOGFMT_LEVEL.captures(clean.as_bytes()) {
        if let Some(l) = level_of(std::str::from_utf8(&c[1]).unwrap_or("")) {
            return Some((l, true));
        }
    }
    if let Some(c) = GLOG.captures(clean.as_bytes()) {
        return level_of(std::str::from_utf8(&c[1]).unwrap_or("")).map(|l| (l, true));
    }
    let sure = |word: &str| {
        matches!(
            word.to_ascii_lowercase().as_str(),
            "error" | "err" | "fatal" | "fail" | "e" | "f"
        )
    };
    let stamped = TIMESTAMP.find(clean.as_bytes()).map(|m| m.end());
    let bracketed = clean.starts_with('[');
    // A leading level word: "INFO: x", "DEBUG x", "[WARN] x".
    let head: String = clean
        .trim_start_matches(['[', '(', '<'])
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let after = clean
        .trim_start_matches(['[', '(', '<'])
        .chars()
        .nth(head.chars().count());
    let one_case = head.chars().all(|c| c.is_ascii_uppercase())
        || head.chars().all(|c| c.is_ascii_lowercase());
    let alone = clean
        .trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .len()
        == head.len();
    let upper = head.len() >= 4 && head.chars().all(|c| c.is_ascii_uppercase());
    if one_case && !alone && (upper || matches!(after, Some(':' | ']' | '>' | '|'))) {
        if let Some(l) = level_of(&head) {
            return Some((l, sure(&head)));
        }
    }
    let start = stamped.or(bracketed.then_some(0))?;
    let window_end = (start + 80).min(clean.len());
    let mut end = window_end;
    while !clean.is_char_boundary(end) {
        end -= 1;
    }
    let window = &clean[start..end];
    let stamped = stamped.is_some();
    if let Some(c) = LEVEL_LETTER.captures(window.as_bytes()) {
        return level_of(std::str::from_utf8(&c[1]).unwrap_or("")).map(|l| (l, stamped));
    }
    let upper = LEVEL_UPPER
        .captures(window.as_bytes())
        .and_then(|c| c.get(1));
    let lower = LEVEL_LOWER
        .captures(window.as_bytes())
        .and_then(|c| c.get(1));
    let first = match (upper, lower) {
        (Some(u), Some(l)) => Some(if u.start() <= l.start() { u } else { l }),
        (u, l) => u.or(l),
    };
    let word = first.map_or("", |m| std::str::from_utf8(m.as_bytes()).unwrap_or(""));
    level_of(word).map(|l| (l, stamped || sure(word)))
}

/// Code that builds, raises, logs or catches errors rather than an error
/// that happened: `raise ValueError(...)`, `throw new Error(...)`,
/// `return fmt.Errorf(...)`, `except KeyError:`, `logger.error(...)`.
static CODE: PerThread<Ascii> = PerThread::new(|| {
    ascii(
        r#"(?x)
          ^(?:raise|throw|except|catch|rescue|return|yield|assert|def|fn|func|function|class|struct|enum|impl|interface|import|using|package|require|include|if|elif|else|for|foreach|while|switch|case|try|finally|let|const|var|val|new|await|async|pub|public|private|protected|static|void|echo|printf|print|puts|println|console|logger|logging|panic!|bail!|Err|errors\.New|fmt\.\w+|Write-(?:Error|Host|Output|Warning|Verbose|Debug|Information)|t\.Fatal\w*|t\.Error\w*|export|defer|go)\b(?:[^:!\]]|$)
        | ^from\s+[\w.]+\s+import\b
        | ^@\w+
        | \b(?:raise|throw)\s+(?:new\s+)?[\w.]+\s*(?:\(|$)
        | \b(?:logger|logging|log|console|slog|zap|logrus|Log|LOG|Logger|self\.log(?:ger)?|this\.log(?:ger)?|app\.logger|current_app\.logger)\.(?:error|err|warn|warning|fatal|critical|exception|crit|e|w|Error|Errorf|Fatal|Fatalf|Warn|Warnf|Panic|Panicf|log)\s*\(
        | \bfmt\.Errorf\s*\( | \berrors\.(?:New|Wrap|Wrapf|Errorf)\s*\( | \bnew\s+[\w.]*(?:Error|Exception)\s*\(
        | \bexcept\s+\(?[\w., ]*(?:Error|Exception)\b[^:]*:\s*$ | \bexcept\s*:\s*$ | \bcatch\s*\(
        | \bif\s+err\s*!=\s*nil | \bErr\s*\( | \banyhow!\s*\( | \bbail!\s*\( | \bpanic!\s*\( | \bassert\w*!?\s*\(
        | \b(?:echo|printf|print|puts|println!?|eprintln!?|console\.\w+|Write-(?:Host|Error|Output|Warning|Verbose|Debug|Information))\s*[(\x22'$`]
        | \b(?:Console(?:\.Error)?\.Write(?:Line)?|System\.(?:out|err)\.print(?:ln|f)?|sys\.std(?:err|out)\.write|log\.(?:Print|Fatal|Panic)\w*)\s*\(
        | ^(?://|/\*|<!--)
        | ^[\w.\[\]\x22']+\s+=\s | ^[a-z_][\w.]*\s*:\s*[\w\[\], .|]+\s+=\s
        | ^\.\w+\s*\( | \.(?:expect|unwrap_or_else|map_err|context|with_context|LogError|LogCritical|LogWarning|error|fatal|exception|critical|warn|warning|Error|Errorf|Fatal|Fatalf)\s*\(
        | =>\s*\{\s*$ | \)\s*\{\s*$ | ^\}
        | \|\|\s*(?:exit|echo|true)\b
        "#,
    )
    .expect("code regex")
});

/// Lines that say something worked.
static SUCCESS: PerThread<Ascii> = PerThread::new(|| {
    ascii(
        r"(?i)^\s*(?:\[OK\]|\[PASS\]|PASS(?:ED)?\b|SUCCESS\b|OK\b)|\b(?:succeeded|successful(?:ly)?|passed|no errors?(?: found)?|0 errors?|zero errors|without errors?|all (?:tests|checks) pass(?:ed)?|resolved|works now|is working|fixed)\b",
    )
    .expect("success regex")
});

/// "did not complete successfully" is no success.
static NOT_SUCCESS: PerThread<Ascii> = PerThread::new(|| {
    ascii(r"(?i)\b(?:not|never|un)\s*(?:\w+\s+)?success|\bwithout success|\bcould not be resolved|\bnot (?:been )?(?:fixed|resolved)")
        .expect("not success regex")
});

/// A line that starts by saying it worked ("✅ ...", "PASS ...").
static SUCCESS_MARK: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"^\s*(?:✅|✓|✔|☑|\[OK\]|\[PASS\]|PASS(?:ED)?\b|SUCCESS\b|OK\b)")
        .expect("success mark regex")
});

/// Words of people telling a story, which log lines do not use, and
/// numbered steps ("2. Metal context creation fails").
static PEOPLE: PerThread<Ascii> = PerThread::new(|| {
    ascii(r"(?i:\b(?:we|our|we're|we've)\b)|\bI(?:'m|'ve)?\b|^\d{1,2}[.)]\s+[A-Z]")
        .expect("people regex")
});

/// "X: will only be thrown if ..." talks about an exception.
static ABOUT: PerThread<Ascii> = PerThread::new(|| {
    ascii(r"^(?:[\w$.]+)\s*:\s*(?:will|would|is|are|was|were|can|could|may|might|should|occurs?|happens?|means?|gets?|when|if)\b")
        .expect("about regex")
});

/// Stack frames and trace furniture: they belong to the error above them.
static FRAME: PerThread<Ascii> = PerThread::new(|| {
    ascii(
        r#"(?x)^\s*(?:
            at\s+\S.*(?:\(.*\)|:\d+(?::\d+)?\)?|\bin\s.*:line\s\d+)\s*$
          | at\s+\.{0,2}/[\w./-]+(?::\d+)+\s*$
          | File\s+"[^"]+",\s+line\s+\d+
          | \.\.\.\s*\d+\s+(?:more|common\ frames\ omitted)
          | ---\s*End\ of\ (?:inner\ exception\ )?stack\ trace
          | \d+:\s+(?:0x[0-9a-f]+\s+-\s+)?[\w:<>$.{}\ ]+$
          | \#\d+\s+(?:0x[0-9a-f]+\s+in\s+|\S+\(\d+\):|/|\{main\})
          | goroutine\s+\d+\s+\[[^\]]+\]:
          | [\w./-]+\.go:\d+(?:\s+\+0x[0-9a-f]+)?\s*$
          | from\s+\S+:\d+:in\s
          | \S+\.rb:\d+:in\s+[`'][^'`]*'\s*$
          | (?:Stack\ trace|stack\ backtrace|Call\ Trace|Backtrace|Traceback):?\s*$
          | note:\ (?:run\ with\ `RUST_BACKTRACE|Some\ details\ are\ omitted)
        )"#,
    )
    .expect("frame regex")
});

/// True for a stack frame or trace furniture line.
pub fn is_frame(line: &str) -> bool {
    FRAME.is_match(line.as_bytes())
}

/// True for a line that says something worked.
pub fn says_success(line: &str) -> bool {
    (SUCCESS.is_match(line.as_bytes()) || SUCCESS_MARK.is_match(line))
        && !NOT_SUCCESS.is_match(line.as_bytes())
}

/// An expression or query rather than a message: `rate(x{a="b"}[5m]) > 3`,
/// `a == b && c`.
static EXPRESSION: PerThread<Ascii> = PerThread::new(|| {
    ascii(r"\|=|&&|\|\||[!=]==?|>=|<=|\)\s*[<>]\s*\d|\w\(\{|\$\{|\?\.").expect("expression regex")
});

/// True for an expression or query (see `EXPRESSION`).
pub fn is_expression(text: &str) -> bool {
    EXPRESSION.is_match(text.as_bytes())
}

/// True for code that builds, raises, logs or catches an error.
pub fn is_code(line: &str) -> bool {
    CODE.is_match(clean(line).as_bytes())
}

/// The line without indentation and leading decorations: emoji, bullets,
/// box drawing, list dashes ("-System.NullReferenceException: ...",
/// "❌ ERROR: ...", "│ Error: ...").
pub fn clean(line: &str) -> &str {
    let mut s = line.trim();
    // Most lines open with a letter or a symbol of ASCII: nothing to strip
    // (every mark taken off below is white space, `-` or not ASCII).
    if s.as_bytes()
        .first()
        .is_none_or(|&b| b.is_ascii() && b != b'-')
    {
        return s;
    }
    loop {
        let before = s.len();
        s = s.trim_start_matches(|c: char| {
            c.is_whitespace()
                || is_decoration(c)
                || matches!(c, '•' | '·' | '→' | '↳' | '⇒' | '✗' | '✘' | '×' | '–' | '—')
        });
        // A list dash or star, but not "--- End of stack trace" or "* What went wrong".
        if let Some(rest) = s.strip_prefix('-') {
            if !rest.starts_with('-') {
                s = rest;
            }
        }
        if s.len() == before {
            break;
        }
    }
    s.trim_end()
}

/// Scores a line only if a `prose` rule matches it (else nothing): what a
/// paragraph line needs to be an error by itself, at a fraction of the cost.
/// The prose rules' own automaton is the filter here: every line it takes
/// holds a trigger word, so the trigger scan would only repeat its work.
pub fn score_prose(line: &str) -> Verdict {
    let c = clean(line);
    if SETS[0].0.is_match(c.as_bytes()) {
        rules(c, line)
    } else {
        Verdict::NONE
    }
}

/// Scores one line (see the module doc).
pub fn score(line: &str) -> Verdict {
    let c = clean(line);
    if !TRIGGER.is_match(c) {
        return Verdict::NONE;
    }
    rules(c, line)
}

/// The rules' verdict on a line (`c` is the line cleaned).
fn rules(c: &str, line: &str) -> Verdict {
    if c.is_empty() || c.len() > 2000 {
        return Verdict::NONE;
    }
    let bytes = c.as_bytes();
    // Most lines match no rule: ask each automaton yes or no first.
    let matched = SETS
        .iter()
        .filter(|(set, _)| set.is_match(bytes))
        .flat_map(|(set, idx)| set.matches(bytes).into_iter().map(|i| idx[i]));
    let mut best = Verdict::NONE;
    for i in matched {
        let rule = &RULES[i];
        if rule.score > best.score || rule.score == best.score && rule.prose && !best.prose {
            best = Verdict {
                score: rule.score,
                family: Some(rule.family),
                prose: rule.prose,
            };
        }
    }
    // Every level word an error line is written at matches a rule, so a
    // line no rule took has no level worth reading.
    if best.score == 0 {
        return best;
    }
    let level = log_level(c);
    match level {
        Some((Level::Quiet, _)) => return Verdict::NONE,
        Some((Level::Error, sure)) if best.score < 88 => {
            best = Verdict {
                score: if TIMESTAMP.is_match(c.as_bytes()) {
                    88
                } else {
                    85
                },
                family: Some(LogLevel),
                prose: sure || best.prose,
            };
        }
        Some((Level::Warn, _)) if best.score < ALONE => {
            best = Verdict {
                score: best.score.max(WEAK),
                family: Some(Warning),
                prose: false,
            };
        }
        _ => {}
    }
    if CODE.is_match(c.as_bytes()) || is_frame(line) {
        return Verdict::NONE;
    }
    if SUCCESS_MARK.is_match(line) {
        best.score -= 30;
    }
    if best.score < ALONE
        && SUCCESS.is_match(line.as_bytes())
        && !NOT_SUCCESS.is_match(line.as_bytes())
    {
        best.score = 0;
    }
    // "we understood the problem is exhausted CPU": people, not programs.
    if best.family == Some(Weak) && PEOPLE.is_match(c.as_bytes()) {
        return Verdict::NONE;
    }
    if best.family == Some(Exception) && ABOUT.is_match(c.as_bytes()) {
        best.score = best.score.min(WEAK);
        best.prose = false;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (ecosystem, line): real-shaped error lines, written here.
    const ERRORS: &[(&str, &str)] = &[
        // Browser consoles
        ("browser", "Access to fetch at 'https://api.example.com/auth/login' from origin 'http://localhost:5173' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource."),
        ("browser", "Access to XMLHttpRequest at 'https://api.example.com/v1/items' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check"),
        ("browser", "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/data. (Reason: CORS header 'Access-Control-Allow-Origin' missing)."),
        ("browser", "Mixed Content: The page at 'https://shop.example.com/' was loaded over HTTPS, but requested an insecure resource 'http://cdn.example.com/app.js'. This request has been blocked"),
        ("browser", "Refused to load the script 'https://evil.example/x.js' because it violates the following Content Security Policy directive: \"script-src 'self'\"."),
        // Python
        ("python", "Traceback (most recent call last):"),
        ("python", "KeyError: 'user_id'"),
        ("python", "ValueError: invalid literal for int() with base 10: 'abc'"),
        ("python", "ModuleNotFoundError: No module named 'requests'"),
        ("python", "AttributeError: 'NoneType' object has no attribute 'group'"),
        ("python", "sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not connect to server: Connection refused"),
        ("python", "pytz.exceptions.UnknownTimeZoneError: 'IST'"),
        ("python", "(psycopg2.errors.UniqueViolation) duplicate key value violates unique constraint \"users_email_key\""),
        ("python", "(sqlalchemy.dialects.postgresql.asyncpg.Error) <class 'asyncpg.exceptions.DataError'>: invalid input for query argument $2"),
        ("python", "(sqlalchemy.exc.Error) <class 'asyncpg.exceptions.DataError'>: invalid input"),
        ("python", "(pymysql.err.OperationalError) (2003, \"Can't connect to MySQL server on 'db' (timed out)\")"),
        ("python", "django.core.exceptions.ImproperlyConfigured: SECRET_KEY must not be empty"),
        ("python", "asyncpg.exceptions._base.InternalClientError: unexpected error while performing authentication"),
        ("python", "RuntimeError: Event loop is closed"),
        ("python", "TypeError: 'coroutine' object is not subscriptable"),
        ("python", "ImportError: cannot import name 'with_config' from 'pydantic'"),
        ("python", "pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings"),
        ("python", "FileNotFoundError: [Errno 2] No such file or directory: '/data/config.yaml'"),
        ("python", "RecursionError: maximum recursion depth exceeded while calling a Python object"),
        ("python", "ERROR:root:Failed to process batch 42"),
        ("python", "2024-03-01 12:00:01,123 - worker.tasks - ERROR - Task failed after 3 retries"),
        ("python", "2025-09-16 16:21:13,477 - api.upload_pipeline.webhooks - ERROR -"),
        ("python", "socket.gaierror: [Errno -2] Name or service not known"),
        ("python", "psycopg2.errors.UniqueViolation: duplicate key value violates unique constraint \"users_email_key\""),
        // Java / Kotlin / JVM
        ("java", "Exception in thread \"main\" java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"s\" is null"),
        ("java", "java.lang.IllegalStateException"),
        ("java", "java.lang.OutOfMemoryError: Java heap space"),
        ("java", "Caused by: java.net.ConnectException: Connection refused (Connection refused)"),
        ("android", "Caused by java.lang.NullPointerException"),
        ("android", "Fatal Exception: java.lang.IllegalStateException: Fragment not attached to a context."),
        ("java", "org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'dataSource'"),
        ("java", "java.sql.SQLException: Access denied for user 'app'@'10.0.0.5' (using password: YES)"),
        ("java", "com.fasterxml.jackson.databind.exc.MismatchedInputException: Cannot deserialize value of type `java.util.ArrayList`"),
        ("java", "kotlin.UninitializedPropertyAccessException: lateinit property adapter has not been initialized"),
        ("java", "java.util.concurrent.TimeoutException: Futures timed out after [30 seconds]"),
        ("java", "SEVERE: Servlet.service() for servlet [dispatcher] threw exception"),
        // .NET
        ("dotnet", "System.NullReferenceException: 'Object reference not set to an instance of an object.'"),
        ("dotnet", "-System.InvalidOperationException: 'BeginExecuteReader requires an open and available Connection.'"),
        ("dotnet", "Unhandled exception. System.IO.FileNotFoundException: Could not find file '/app/appsettings.json'."),
        ("dotnet", "System.AggregateException: One or more errors occurred. (A task was canceled.)"),
        ("dotnet", "Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred"),
        ("dotnet", "Program.cs(12,17): error CS1061: 'string' does not contain a definition for 'Foo'"),
        ("dotnet", "error CS0246: The type or namespace name 'Newtonsoft' could not be found"),
        ("dotnet", "error NU1101: Unable to find package Contoso.Utils. No packages exist with this id in source(s): nuget.org"),
        ("dotnet", "error MSB4018: The \"GenerateResource\" task failed unexpectedly."),
        ("dotnet", "fail: Microsoft.AspNetCore.Server.Kestrel[13] Connection id \"0HM\" failed: An unhandled exception was thrown"),
        // F#
        ("fsharp", "error FS0229: Error reading/writing metadata for assembly 'MyLib': The data read from the stream is inconsistent"),
        ("fsharp", "Library.fs(3,5): error FS0039: The value or constructor 'foo' is not defined."),
        ("fsharp", "error FS0001: This expression was expected to have type 'int' but here has type 'string'"),
        // Go
        ("go", "panic: close of closed channel"),
        ("go", "panic: runtime error: invalid memory address or nil pointer dereference"),
        ("go", "fatal error: all goroutines are asleep - deadlock!"),
        ("go", "fatal error: concurrent map writes"),
        ("go", "2024/05/01 10:00:00 dial tcp 127.0.0.1:5432: connect: connection refused"),
        ("go", "http: panic serving 10.0.0.1:51234: runtime error: index out of range [3] with length 3"),
        ("go", "./main.go:14:2: undefined: fooBar"),
        ("go", "go: cannot find main module, but found .git/config in /src"),
        ("go", "rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while dialing\""),
        ("go", "Error: context deadline exceeded"),
        // Rust
        ("rust", "error[E0382]: borrow of moved value: `config`"),
        ("rust", "thread 'main' panicked at src/main.rs:42:10:"),
        ("rust", "thread 'tokio-runtime-worker' panicked at 'internal error: entered unreachable code'"),
        ("rust", "error: could not compile `incidex` (lib) due to 2 previous errors"),
        ("rust", "error: failed to create directory `/usr/local/cargo/registry/cache/index.crates.io-1949cf8c6b5b557f`"),
        ("rust", "Caused by: Read-only file system (os error 30)"),
        ("rust", "error[E0599]: no method named `foo` found for struct `Bar` in the current scope"),
        ("rust", "error: linker `cc` not found"),
        // Node / npm / yarn / pnpm
        ("node", "npm ERR! code ERESOLVE"),
        ("node", "npm error code ENEEDAUTH"),
        ("node", "ENEEDAUTH"),
        ("node", "E401"),
        ("node", "npm ERR! code EINTEGRITY"),
        ("node", "npm ERR! ERESOLVE unable to resolve dependency tree"),
        ("node", "npm error `npm ci` can only install packages when your package.json and package-lock.json are in sync."),
        ("node", "npm error Missing: yaml@2.8.2 from lock file"),
        ("node", "Error: Cannot find module 'express'"),
        ("node", "TypeError: Cannot read properties of undefined (reading 'map')"),
        ("node", "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'dotenv' imported from /app/index.js"),
        ("node", "Error: connect ECONNREFUSED 127.0.0.1:6379"),
        ("node", "UnhandledPromiseRejectionWarning: Error: Request failed with status code 500"),
        ("node", "Uncaught ReferenceError: process is not defined"),
        ("node", "error Command failed with exit code 1."),
        ("node", " ERR_PNPM_OUTDATED_LOCKFILE  Cannot install with \"frozen-lockfile\" because pnpm-lock.yaml is not up to date"),
        ("node", "NonRetriableError: Resource not found: /repos/undefined/undefined/issues"),
        ("node", "RangeError: Maximum call stack size exceeded"),
        ("node", "SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON"),
        // TypeScript
        ("typescript", "src/examples/modules/amenBreak64Step.ts(1,36): error TS2307: Cannot find module '@8f4e/editor-state' or its corresponding type declarations"),
        ("typescript", "error TS2307: Cannot find module './styles.css' or its corresponding type declarations."),
        ("typescript", "src/x.ts(3,5): error TS2322: Type 'string' is not assignable to type 'number'."),
        ("typescript", "src/app.ts:10:3 - error TS2339: Property 'foo' does not exist on type 'Bar'."),
        ("typescript", "error TS5023: Unknown compiler option 'verbatimModuleSyntax'."),
        // C / C++
        ("c", "main.c:12:5: error: implicit declaration of function 'foo' [-Werror=implicit-function-declaration]"),
        ("c", "src/server.cpp:88:10: fatal error: boost/asio.hpp: No such file or directory"),
        ("c", "/usr/bin/ld: main.o: in function `main': undefined reference to `pthread_create'"),
        ("c", "collect2: error: ld returned 1 exit status"),
        ("c", "make: *** [Makefile:23: all] Error 2"),
        ("c", "Segmentation fault (core dumped)"),
        ("c", "terminate called after throwing an instance of 'std::bad_alloc'"),
        ("c", "==4211==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010"),
        ("c", "a.out: main.c:9: main: Assertion `x > 0' failed."),
        ("c", "widget.cpp(41): error C2065: 'foo': undeclared identifier"),
        // Ruby
        ("ruby", "app/models/user.rb:12:in `full_name': undefined method `upcase' for nil:NilClass (NoMethodError)"),
        ("ruby", "ActiveRecord::RecordNotFound: Couldn't find User with 'id'=42"),
        ("ruby", "PG::ConnectionBad: could not connect to server: No such file or directory"),
        ("ruby", "Bundler::GemNotFound: Could not find rake-13.0.6 in any of the sources"),
        ("ruby", "ActionView::Template::Error (undefined local variable or method `current_user'):"),
        // PHP
        ("php", "PHP Fatal error:  Uncaught Error: Call to undefined function mysql_connect() in /var/www/db.php:4"),
        ("php", "Fatal error: Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes)"),
        ("php", "SQLSTATE[23000]: Integrity constraint violation: 1062 Duplicate entry 'a@b.c' for key 'users_email_unique'"),
        ("php", "Illuminate\\Database\\QueryException: SQLSTATE[HY000] [2002] Connection refused"),
        ("php", "Parse error: syntax error, unexpected '}' in /var/www/index.php on line 10"),
        // PostgreSQL
        ("postgres", "ERROR:  duplicate key value violates unique constraint \"users_pkey\""),
        ("postgres", "ERROR: 42703: column \"repository_full_name\" of relation \"issues\" does not exist"),
        ("postgres", "FATAL:  password authentication failed for user \"postgres\""),
        ("postgres", "FATAL:  sorry, too many clients already"),
        ("postgres", "psql: error: connection to server at \"localhost\" (::1), port 5432 failed: Connection refused"),
        ("postgres", "ERROR:  deadlock detected"),
        ("postgres", "2024-02-02 10:11:12.345 UTC [1234] ERROR:  relation \"orders\" does not exist at character 15"),
        ("postgres", "FATAL:  remaining connection slots are reserved for non-replication superuser connections"),
        ("postgres", "ERROR:  canceling statement due to statement timeout"),
        ("postgres", "ERROR:  invalid input syntax for type uuid: \"abc\""),
        // MySQL / other databases
        ("mysql", "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)"),
        ("mysql", "ERROR 1213 (40001): Deadlock found when trying to get lock; try restarting transaction"),
        ("mysql", "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)"),
        ("mysql", "[ERROR] [MY-010262] [Server] Can't start server: Bind on TCP/IP port: Address already in use"),
        ("sqlite", "sqlite3.OperationalError: database is locked"),
        ("sqlite", "Error: SQLITE_BUSY: database is locked"),
        ("mongodb", "MongoServerError: E11000 duplicate key error collection: app.users index: email_1 dup key"),
        ("redis", "(error) WRONGTYPE Operation against a key holding the wrong kind of value"),
        ("redis", "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk"),
        ("oracle", "ORA-01017: invalid username/password; logon denied"),
        // Kubernetes
        ("kubernetes", "order-db-5f6d7c8b9-x2x4z   0/1     CreateContainerConfigError   0          2m"),
        ("kubernetes", "api-7c9f8d6b5-abcde        0/1     CrashLoopBackOff             7          14m"),
        ("kubernetes", "worker-0                   0/1     OOMKilled                    3          5m"),
        ("kubernetes", "web-6d4b9c7f8-zzz11        0/1     ImagePullBackOff             0          1m"),
        ("kubernetes", "migrate-job-abc12          0/1     Error                        0          30s"),
        ("kubernetes", "  Warning  FailedScheduling  3m   default-scheduler  0/3 nodes are available: 3 Insufficient memory."),
        ("kubernetes", "  Warning  BackOff    2m (x10 over 5m)  kubelet  Back-off restarting failed container"),
        ("kubernetes", "  Warning  FailedMount  1m  kubelet  MountVolume.SetUp failed for volume \"secrets\" : secret \"db\" not found"),
        ("kubernetes", "Error from server (NotFound): pods \"web-0\" not found"),
        ("kubernetes", "      Reason:       OOMKilled"),
        ("kubernetes", "5m  Warning  Unhealthy  pod/api-0  Readiness probe failed: HTTP probe failed with statuscode: 503"),
        ("kubernetes", "Error: INSTALLATION FAILED: cannot re-use a name that is still in use"),
        // Docker
        ("docker", "docker: Error response from daemon: manifest for quay.io/biocontainers/pbsv:2.9.0 not found"),
        ("docker", "ERROR: failed to solve: process \"/bin/sh -c npm ci\" did not complete successfully: exit code: 1"),
        ("docker", "Error response from daemon: driver failed programming external connectivity: Bind for 0.0.0.0:80 failed: port is already allocated"),
        ("docker", "OCI runtime create failed: container_linux.go:380: starting container process caused: exec: \"./start.sh\": permission denied"),
        ("docker", "exec /usr/local/bin/docker-entrypoint.sh: exec format error"),
        ("docker", "Error response from daemon: pull access denied for myapp, repository does not exist"),
        ("docker", "ERROR [build 4/6] RUN pip install -r requirements.txt"),
        // AWS
        ("aws", "An error occurred (AccessDenied) when calling the PutObject operation: Access Denied"),
        ("aws", "An error occurred (ThrottlingException) when calling the DescribeStacks operation (reached max retries: 4): Rate exceeded"),
        ("aws", "botocore.exceptions.NoCredentialsError: Unable to locate credentials"),
        ("aws", "HIVE_PATH_ALREADY_EXISTS: Target directory for table 'db.t' already exists: s3://bucket/prefix"),
        ("aws", "Task timed out after 30.03 seconds"),
        ("aws", "ResourceNotFoundException: Requested resource not found"),
        ("aws", "[ERROR] Backup failed for nzshm22-toshi-api-prod: AccessDenied"),
        ("aws", "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: s3:GetObject (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied)"),
        // GCP
        ("gcp", "googleapi: Error 403: The caller does not have permission, forbidden"),
        ("gcp", "ERROR: (gcloud.run.deploy) The user-provided container failed to start and listen on the port defined by the PORT=8080 environment variable."),
        ("gcp", "google.api_core.exceptions.PermissionDenied: 403 Request had insufficient authentication scopes."),
        ("gcp", "grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with: status = StatusCode.UNAVAILABLE>"),
        ("gcp", "google.api_core.exceptions.ServiceUnavailable: 503 failed to connect to all addresses"),
        // Azure
        ("azure", "ERROR: (ResourceGroupNotFound) Resource group 'rg-prod' could not be found."),
        ("azure", "(AuthorizationFailed) The client 'x' with object id 'y' does not have authorization to perform action"),
        ("azure", "ERROR: Unable to retrieve details of the existing app 'baynunah-hr-portal'."),
        ("azure", "Code: SubscriptionNotFound"),
        // Terraform
        ("terraform", "Error: Failed to get existing workspaces: Unable to list objects in S3 bucket \"tf-state\""),
        ("terraform", "│ Error: creating EC2 Instance: UnauthorizedOperation: You are not authorized to perform this operation."),
        ("terraform", "Error: Error acquiring the state lock"),
        ("terraform", "│ Error: Unsupported argument"),
        // nginx / web servers
        ("nginx", "2024/01/15 10:22:33 [error] 1234#1234: *56 connect() failed (111: Connection refused) while connecting to upstream"),
        ("nginx", "2024/01/15 10:22:34 [crit] 31#31: *1 SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number)"),
        ("nginx", "upstream timed out (110: Connection timed out) while reading response header from upstream"),
        ("nginx", "[emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)"),
        ("apache", "[Sun Jan 14 10:00:00.123 2024] [proxy:error] [pid 123] AH00957: HTTP: attempt to connect to 127.0.0.1:8080 (localhost) failed"),
        ("gunicorn", "[2026-01-04 03:12:55 +0000] [17] [CRITICAL] WORKER TIMEOUT (pid:42)"),
        ("gunicorn", "[2024-03-01 10:00:00 +0000] [9] [ERROR] Exception in worker process"),
        ("gunicorn", "Worker (pid:29) exited with code 3"),
        ("gunicorn", "Reason: Worker failed to boot."),
        ("uvicorn", "ERROR:    Exception in ASGI application"),
        // Shell
        ("shell", "bash: tsc: command not found"),
        ("shell", "tsc: command not found"),
        ("shell", "sh: 1: jest: not found"),
        ("shell", "zsh: command not found: kubectl"),
        ("shell", "bash: line 158: BASH_SOURCE[0]: unbound variable"),
        ("shell", "./deploy.sh: line 12: /opt/app/run.sh: Permission denied"),
        ("shell", "cp: cannot stat 'dist/index.html': No such file or directory"),
        ("shell", "mkdir: cannot create directory '/var/lib/app': Permission denied"),
        ("shell", "Killed"),
        ("shell", "Process exited with exit code 137"),
        ("shell", "curl: (6) Could not resolve host: api.example.com"),
        ("shell", "ssh: connect to host 10.0.0.5 port 22: Connection timed out"),
        ("shell", "tar: Unexpected EOF in archive"),
        // Git
        ("git", "fatal: Could not read from remote repository."),
        ("git", "fatal: Authentication failed for 'https://github.com/org/repo.git/'"),
        ("git", "error: failed to push some refs to 'github.com:org/repo.git'"),
        ("git", "fatal: refusing to merge unrelated histories"),
        ("git", "Permission denied (publickey)."),
        // CI
        ("ci", "##[error]Process completed with exit code 1."),
        ("ci", "Error: Process completed with exit code 1."),
        ("ci", "::error file=app.js,line=10,col=15::Missing semicolon"),
        ("ci", "ERROR: Job failed: exit code 1"),
        ("ci", "Finished: FAILURE"),
        ("ci", "Error: Unable to resolve action cachix/devenv-action, repository not found"),
        ("nextflow", "ERROR ~ Error executing process > 'PBSV_DISCOVER (PacBio)'"),
        ("nextflow", "Error executing process > 'FASTQC (sample1)'"),
        ("ansible", "fatal: [web01]: FAILED! => {\"changed\": false, \"msg\": \"No package matching 'nginx' found\"}"),
        ("systemd", "systemd[1]: Failed to start PostgreSQL database server."),
        ("systemd", "app.service: Main process exited, code=exited, status=1/FAILURE"),
        // Gradle / Maven
        ("gradle", "FAILURE: Build failed with an exception."),
        ("gradle", "* What went wrong:"),
        ("gradle", "Execution failed for task ':app:compileDebugKotlin'."),
        ("gradle", "> Cannot add a PluginDeclaration with name 'common-conventions' as a PluginDeclaration with that name already exists."),
        ("gradle", "> Could not resolve all files for configuration ':app:debugRuntimeClasspath'."),
        ("gradle", "BUILD FAILED in 12s"),
        ("maven", "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.8.1:compile (default-compile) on project api: Compilation failure"),
        ("maven", "[ERROR] BUILD FAILURE"),
        // pip / Python packaging
        ("pip", "ERROR: Could not find a version that satisfies the requirement torch==2.9.9 (from versions: 2.1.0)"),
        ("pip", "ERROR: No matching distribution found for torch==2.9.9"),
        ("pip", "error: subprocess-exited-with-error"),
        ("pip", "ERROR: ResolutionImpossible: pydantic 2.9.0 depends on pydantic-core==2.23.2"),
        ("pip", "ERROR: Failed building wheel for psycopg2"),
        // apt / dpkg
        ("apt", "E: Unable to locate package libssl1.1"),
        ("apt", "E: Could not get lock /var/lib/dpkg/lock-frontend - open (11: Resource temporarily unavailable)"),
        ("apt", "Err:1 http://deb.debian.org/debian bookworm InRelease Temporary failure resolving 'deb.debian.org'"),
        ("apt", "dpkg: error processing package nginx (--configure):"),
        // Kernel
        ("kernel", "Out of memory: Killed process 4242 (java) total-vm:8123456kB, anon-rss:4012345kB"),
        ("kernel", "[12345.678901] python3 invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0"),
        ("kernel", "[ 1234.5678] app[4321]: segfault at 0 ip 00007f1234 sp 00007ffd error 4 in libc.so.6"),
        ("kernel", "EXT4-fs error (device sda1): ext4_find_entry:1455: inode #2: comm ls: reading directory lblock 0"),
        ("kernel", "Memory cgroup out of memory: Killed process 999 (node)"),
        ("kernel", "Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)"),
        ("kernel", "blk_update_request: I/O error, dev sda, sector 123456"),
        ("kernel", "e1000e 0000:00:19.0 eno1: Detected Hardware Unit Hang:"),
        ("kernel", "[ 812.331] e1000e 0000:00:1f.6 enp0s31f6: NIC Link is Down"),
        ("kernel", "NETDEV WATCHDOG: eth0 (e1000e): transmit queue 0 timed out"),
        ("python", "❌ Помилка видалення проекту: 'ProjectManager' object has no attribute 'remove_project'"),
        ("python", "'NoneType' object is not subscriptable"),
        ("python", "Failed to send digest: 'int' object is not callable"),
        // Browser consoles
        ("browser", "Uncaught You must pass your app key when you instantiate Pusher."),
        ("browser", "Uncaught (in promise) undefined"),
        ("browser", "Mixed Content: The page at 'https://shop.example.org/' was loaded over HTTPS, but requested an insecure script 'http://cdn.example.org/a.js'. This request has been blocked; the content must be served over HTTPS."),
        // HTTP / APIs
        ("http", "HTTP/1.1 401 Unauthorized"),
        ("http", "HTTP/2 503"),
        ("http", "HTTP/1.1 500 Internal Server Error"),
        ("http", "{\"error\": \"invalid_grant\", \"error_description\": \"Token has been expired or revoked.\"}"),
        ("http", "{\"message\": \"Resource not found: /repos/x/y/pulls\", \"status\": 404}"),
        ("http", "10.0.0.1 - - [01/Jan/2024:10:00:00 +0000] \"GET /api/orders HTTP/1.1\" 502 157"),
        ("http", "Request failed with status code 429"),
        ("http", "502 Bad Gateway"),
        ("http", "{\"errors\":[{\"message\":\"Bad credentials\"}]}"),
        ("http", "Error status 502: An invalid response was received from the upstream server"),
        // Log layouts
        ("logs", "{\"level\":\"error\",\"ts\":1714550400.1,\"msg\":\"failed to flush batch\",\"error\":\"context deadline exceeded\"}"),
        ("logs", "time=\"2024-05-01T10:00:00Z\" level=error msg=\"failed to sync\" err=\"timeout\""),
        ("logs", "2024-05-01T10:00:00.123Z ERROR [main] c.e.App - Unable to start embedded Tomcat"),
        ("logs", "E0501 10:00:00.123456    1234 reflector.go:138] Failed to watch *v1.Pod: unknown"),
        ("logs", "2024-05-01 10:00:00 | ERROR    | app.main:run:42 - Unhandled failure in job"),
        ("logs", "[Error, maps-core]: Invalid size is used for setting the map view, fall back to the default size {64, 64}"),
        ("logs", "May  1 10:00:00 host sshd[123]: error: kex_exchange_identification: Connection closed by remote host"),
        ("logs", "CRITICAL: disk /dev/sda1 is 98% full"),
        ("logs", "Postmark API error: Request does not contain a valid Server token"),
        ("logs", "Firebase error: Invalid service account credentials"),
        ("logs", "PSIO_ERROR: unit = 64, errval = 18 (Incorrect block end address)"),
        ("logs", "SYSTEM USER AUTHENTICATION FAILURE: User 'system' failed authentication."),
        ("logs", "EXC_BAD_ACCESS (code=1, address=0x10)"),
        ("logs", "RAGTool retrieval error: invalid input syntax for type vector"),
        // Swift / iOS / Android
        ("swift", "Fatal error: Unexpectedly found nil while unwrapping an Optional value"),
        ("swift", "Thread 1: EXC_BAD_ACCESS (code=1, address=0x0)"),
        ("android", "E/AndroidRuntime(12345): FATAL EXCEPTION: main"),
        ("android", "java.lang.RuntimeException: Unable to start activity ComponentInfo{com.x/com.x.Main}"),
        // Nix
        ("nix", "error: infinite recursion encountered"),
        ("nix", "error: function 'mkOption' called with unexpected argument 'check'"),
        ("nix", "error: attribute 'features' missing"),
    ];

    /// (ecosystem, line): lines that are not errors, written here.
    const NOT_ERRORS: &[(&str, &str)] = &[
        ("prose", "We explain how CORS policy works and why preflight requests exist."),
        ("prose", "Every login request has been blocked by CORS policy since the domain move, so users could not sign in."),
        ("prose", "Refused to load? Check the Content Security Policy section of the docs."),
        ("kernel", "e1000e 0000:00:1f.6 enp0s31f6: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: None"),
        ("code", "// Uncaught errors are reported to Sentry by the global handler"),
        ("prose", "(e.g. PostgreSQL) keeps the rows until the job ends"),
        ("python", "(models.User) the class the query maps rows to"),
        ("python", "if not hasattr(obj, 'remove_project'):  # object may lack the attribute"),
        // Code that builds or handles errors.
        ("python", "raise ValueError(\"bad input\")"),
        ("python", "except KeyError:"),
        ("python", "except (ValueError, TypeError) as e:"),
        ("python", "logger.error(f\"failed to process {item}: {e}\")"),
        ("python", "logging.exception(\"Unhandled error\")"),
        ("python", "class PaymentError(Exception):"),
        ("python", "from sqlalchemy.exc import OperationalError"),
        ("python", "error: str = \"\""),
        ("python", "self.last_error = None"),
        ("python", "return {\"error\": \"not found\"}, 404"),
        ("python", "assert response.status_code == 500"),
        ("python", "def handle_error(self, exc):"),
        ("javascript", "throw new Error(`Missing config: ${key}`);"),
        ("javascript", "console.error('Request failed', err);"),
        // Code that prints an error message it may one day show.
        ("powershell", "Write-Output \"Failed to delete: $($file.FullName)\""),
        ("powershell", "Write-Warning \"Could not reach $server\""),
        ("csharp", "Console.WriteLine(\"Error: connection refused\");"),
        ("java", "System.err.println(\"Failed to open file: \" + path);"),
        ("go", "log.Printf(\"failed to connect: %v\", err)"),
        ("python", "sys.stderr.write(\"fatal: could not read config\\n\")"),
        ("javascript", "catch (error) {"),
        ("javascript", "if (!res.ok) throw new Error(res.statusText);"),
        ("javascript", "const error = new TypeError('expected a string');"),
        ("javascript", "res.status(500).json({ error: 'Internal Server Error' });"),
        ("javascript", "process.on('unhandledRejection', (reason) => {"),
        ("typescript", "export class NotFoundError extends Error {}"),
        ("go", "return fmt.Errorf(\"open %s: %w\", path, err)"),
        ("go", "if err != nil {"),
        ("go", "log.Fatalf(\"failed to listen: %v\", err)"),
        ("go", "var ErrNotFound = errors.New(\"not found\")"),
        ("go", "t.Fatalf(\"expected error, got nil\")"),
        ("rust", "return Err(anyhow!(\"config missing\"));"),
        ("rust", "bail!(\"unexpected token\");"),
        ("rust", "let err = io::Error::new(ErrorKind::Other, \"boom\");"),
        ("rust", "panic!(\"unreachable state\");"),
        ("rust", ".expect(\"failed to read config\");"),
        ("java", "throw new IllegalStateException(\"not started\");"),
        ("java", "} catch (IOException e) {"),
        ("java", "log.error(\"Failed to send\", e);"),
        ("java", "@ExceptionHandler(ResourceNotFoundException.class)"),
        ("dotnet", "catch (NullReferenceException ex)"),
        ("dotnet", "_logger.LogError(ex, \"Request failed\");"),
        ("ruby", "rescue ActiveRecord::RecordNotFound => e"),
        ("ruby", "raise ArgumentError, \"bad\""),
        ("php", "throw new \\RuntimeException('nope');"),
        ("shell", "echo \"❌ ERROR: Backend does not exist!\""),
        ("shell", "set -euo pipefail"),
        ("shell", "kubectl get pods -n ecommerce"),
        ("shell", "npm ci || exit 1"),
        ("shell", "if [ $? -ne 0 ]; then echo \"failed\"; exit 1; fi"),
        // Config.
        ("yaml", "restartPolicy: OnFailure"),
        ("yaml", "error_log: /var/log/nginx/error.log"),
        ("yaml", "failureThreshold: 3"),
        ("yaml", "onError: continue"),
        ("toml", "panic = \"abort\""),
        ("terraform", "dynamodb_table = \"terraform-lock\""),
        ("nginx", "error_page 500 502 503 504 /50x.html;"),
        ("nginx", "proxy_read_timeout 300s;"),
        ("json", "\"scripts\": { \"build\": \"tsc\" },"),
        ("env", "LOG_LEVEL=error"),
        ("env", "SENTRY_DSN=https://abc@o1.ingest.sentry.io/2"),
        ("ini", "[error_handling]"),
        // Quiet log lines.
        ("logs", "INFO: Application startup complete."),
        ("logs", "2024-05-01 10:00:00,123 - app - INFO - Retrying after connection error"),
        ("logs", "2024-05-01T10:00:00Z DEBUG [db] pool stats: errors=0 idle=5"),
        ("logs", "[2024-05-01 10:00:00 +0000] [1] [INFO] Booting worker with pid: 29"),
        ("logs", "{\"level\":\"info\",\"msg\":\"request completed\",\"status\":200}"),
        ("logs", "time=\"2024-05-01T10:00:00Z\" level=debug msg=\"retry policy: 3 attempts on failure\""),
        ("logs", "I0501 10:00:00.000000    1 main.go:42] Starting controller"),
        ("logs", "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)"),
        ("logs", "2024/01/15 10:22:33 [notice] 1#1: start worker processes"),
        ("logs", "Listening on port 8080"),
        ("logs", "Server started in 1.2s"),
        ("logs", "✅ Build succeeded"),
        ("logs", "✓ 63/63 tests passed"),
        ("logs", "Compiled successfully in 3.1s"),
        ("logs", "0 errors, 0 warnings"),
        ("kubernetes", "NAME                      READY   STATUS    RESTARTS   AGE"),
        ("kubernetes", "api-7c9f8d6b5-abcde       1/1     Running   0          14m"),
        ("kubernetes", "  Normal   Scheduled  2m  default-scheduler  Successfully assigned default/api-0 to node-1"),
        ("kubernetes", "migrate-job-abc12         0/1     Completed 0          30s"),
        ("http", "HTTP/1.1 200 OK"),
        ("http", "HTTP/1.1 301 Moved Permanently"),
        ("http", "10.0.0.1 - - [01/Jan/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 512"),
        ("shell", "Process exited with code 0"),
        ("shell", "$ npm run build"),
        // Prose about errors.
        ("prose", "We saw many errors during the rollout."),
        ("prose", "The error handling was wrong in the retry loop."),
        ("prose", "Error handling"),
        ("prose", "Improve error messages for invalid input"),
        ("prose", "Errors were logged but nobody looked at the dashboard."),
        ("prose", "Add an alert on the error rate of the checkout service"),
        ("prose", "The exception was caught and swallowed by the middleware."),
        ("prose", "Root cause: a missing index on orders.created_at"),
        ("prose", "Lessons learned from the outage"),
        ("prose", "Make sure failures are surfaced to the on-call engineer"),
        ("prose", "This guide explains how to read a Python traceback."),
        ("prose", "Timeline of the incident"),
        ("prose", "Deployed the fix at 14:05 and monitored for an hour."),
        ("prose", "What went well"),
        ("prose", "Action items: add retries, add a circuit breaker"),
        ("prose", "The team reviewed the error budget policy."),
        ("prose", "Retry with exponential backoff on transient errors"),
        ("prose", "Use `Result` instead of exceptions for control flow"),
        ("prose", "The service returned to normal after the restart."),
        ("prose", "Customers could still browse; only checkout was affected."),
        ("prose", "Note: this runbook applies to the staging cluster too."),
        ("prose", "See the error page at /errors/ for related incidents."),
        ("prose", "System.NullReferenceException: will only be thrown if it is the first test run."),
        ("prose", "TypeScript: the compiler we use for the frontend"),
        ("prose", "Status: Resolved"),
        ("prose", "Severity: High"),
        // Plain code.
        ("python", "for item in items:"),
        ("python", "result = await session.execute(query)"),
        ("javascript", "import { render } from 'react-dom';"),
        ("go", "func (s *Server) Start() error {"),
        ("sql", "SELECT id, email FROM users WHERE deleted_at IS NULL;"),
        ("sql", "CREATE UNIQUE INDEX users_email_key ON users (email);"),
        ("dockerfile", "RUN apt-get update && apt-get install -y curl"),
        ("yaml", "image: postgres:16"),
        ("rust", "fn main() -> Result<(), Box<dyn std::error::Error>> {"),
        ("rust", "    at ./src/services/dag_builder.rs:44"),
        ("java", "\tat com.example.App.main(App.java:12)"),
        ("python", "  File \"/app/main.py\", line 12, in <module>"),
    ];

    #[test]
    fn error_lines_precision_and_recall() {
        let ecosystems: std::collections::BTreeSet<&str> = ERRORS.iter().map(|(e, _)| *e).collect();
        assert!(ERRORS.len() >= 200, "{} error lines", ERRORS.len());
        assert!(
            NOT_ERRORS.len() >= 100,
            "{} non-error lines",
            NOT_ERRORS.len()
        );
        assert!(ecosystems.len() >= 20, "{} ecosystems", ecosystems.len());

        let missed: Vec<&(&str, &str)> = ERRORS
            .iter()
            .filter(|(_, l)| score(l).score < ALONE)
            .collect();
        let taken: Vec<&(&str, &str)> = NOT_ERRORS
            .iter()
            .filter(|(_, l)| score(l).score >= ALONE)
            .collect();
        let tp = (ERRORS.len() - missed.len()) as f64;
        let recall = tp / ERRORS.len() as f64;
        let precision = tp / (tp + taken.len() as f64);
        println!(
            "error lines: recall {recall:.3} ({}/{}), precision {precision:.3} ({} false of {} non-errors), {} ecosystems",
            ERRORS.len() - missed.len(),
            ERRORS.len(),
            taken.len(),
            NOT_ERRORS.len(),
            ecosystems.len()
        );
        for (eco, l) in &missed {
            println!("  missed [{eco}] {l}  ({:?})", score(l));
        }
        for (eco, l) in &taken {
            println!("  taken  [{eco}] {l}  ({:?})", score(l));
        }
        assert!(recall >= 0.97, "recall {recall:.3}");
        assert!(precision >= 0.98, "precision {precision:.3}");
    }

    /// Every line a rule takes holds a trigger word, so the trigger check
    /// never hides an error: over the tables here and ../shared's reports.
    #[test]
    fn triggers_hide_no_error() {
        let mut lines: Vec<String> = ERRORS
            .iter()
            .chain(NOT_ERRORS)
            .map(|(_, l)| l.to_string())
            .collect();
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
        for dir in ["seeds", "corpus", "corpus2"] {
            for entry in std::fs::read_dir(shared.join(dir))
                .into_iter()
                .flatten()
                .flatten()
            {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                lines.extend(text.lines().map(str::to_string));
            }
        }
        let hidden: Vec<&String> = lines
            .iter()
            .filter(|l| !TRIGGER.is_match(clean(l)) && rules(clean(l), l).score > 0)
            .collect();
        assert!(hidden.is_empty(), "{} lines: {hidden:#?}", hidden.len());
    }

    #[test]
    fn frames_and_code_are_told_apart() {
        for f in [
            "    at githubRequest (file:///var/tmp/index.ts:53:11)",
            "\tat com.example.App.main(App.java:12)",
            "   at MyApp.Tests.Run() in C:\\src\\Test.cs:line 32",
            "  File \"/app/main.py\", line 12, in <module>",
            "--- End of stack trace from previous location where exception was thrown ---",
            "\t... 12 more",
            "   0: DagBuilder::collect_nodes",
            "goroutine 167 [running]:",
            "#0 /var/www/index.php(10): foo()",
        ] {
            assert!(is_frame(f), "{f}");
        }
        assert!(!is_frame("Error at line 3: unexpected token"));
        assert!(is_code("raise ValueError('x')"));
        assert!(!is_code("ValueError: x"));
    }

    #[test]
    fn clean_drops_decorations_only() {
        assert_eq!(clean("  ❌ ERROR: x"), "ERROR: x");
        assert_eq!(clean("-System.Foo: x"), "System.Foo: x");
        assert_eq!(clean("│ Error: x"), "Error: x");
        assert_eq!(clean("--- End"), "--- End");
        assert_eq!(clean("> Cannot add"), "> Cannot add");
    }
}
