//! Evidence of technologies beyond names in prose: code-block languages,
//! import lines, manifests, install commands, container images, Kubernetes
//! objects, cloud service identifiers, commands, connection strings, hosts
//! and file paths. Every reader goes line by line and gives `Clue`s: keys to
//! look up in the dictionary of `technologies.rs`, most specific first.

use crate::extract::per_thread::PerThread;
use regex::Regex;
use std::sync::LazyLock;

/// Where a clue was found; it decides how much the clue weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A code block's language (```python).
    Fence,
    /// `import x`, `from x import`, `use x::`, `require('x')`, `#include <x/..>`.
    Import,
    /// A dependency in package.json, requirements.txt, Cargo.toml, go.mod,
    /// pom.xml, build.gradle, Gemfile, pubspec.yaml or a .csproj.
    Manifest,
    /// `pip install x`, `npm i x`, `cargo add x`, `brew install x`...
    Install,
    /// `FROM postgres:15`, `image: redis:7`, `docker pull x`.
    Image,
    /// A Kubernetes object: `apiVersion:` with a known `kind:` or API group.
    K8s,
    /// A cloud service: an ARN, `aws s3 ...`, `gcloud run ...`, a boto3
    /// client, a Terraform resource, an `*.amazonaws.com` endpoint.
    Cloud,
    /// The program a shell line runs (`terraform apply`, `nextflow run`).
    Command,
    /// Inline code that is a package or module name (`boto3`, `pytz.timezone()`).
    Inline,
    /// A client object in code: `supabase.from(...)`, `redis.get(...)`.
    Member,
    /// A connection string's scheme (`postgres://`, `s3://`).
    Dsn,
    /// A URL's host (`xyz.supabase.co`, `app.vercel.app`).
    Host,
    /// A folder name in a file path (`flutter_app/lib/main.dart`).
    Path,
    /// A file's extension (`.dart`, `.tf`).
    Ext,
}

impl Kind {
    /// Every kind, in declaration order (`kind as usize` indexes it).
    pub const ALL: [Kind; 14] = [
        Kind::Fence,
        Kind::Import,
        Kind::Manifest,
        Kind::Install,
        Kind::Image,
        Kind::K8s,
        Kind::Cloud,
        Kind::Command,
        Kind::Inline,
        Kind::Member,
        Kind::Dsn,
        Kind::Host,
        Kind::Path,
        Kind::Ext,
    ];

    /// Whether an ordinary-word name's bare key counts here: `go build` is
    /// Go, but inline `render()` is not Render.
    pub fn takes_word_keys(self) -> bool {
        !matches!(self, Kind::Inline | Kind::Member | Kind::Path | Kind::Ext)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Clue {
    pub kind: Kind,
    /// Keys to try in order, normalized by `norm`.
    pub keys: Vec<String>,
    /// The package as written when the clue names one (installs and
    /// manifests): kept as a name of its own if the dictionary lacks it.
    pub package: Option<String>,
}

impl Clue {
    fn new(kind: Kind, keys: Vec<String>) -> Clue {
        Clue {
            kind,
            keys,
            package: None,
        }
    }
}

/// A key as the dictionary stores it: lower case, `_` written `-`.
pub fn norm(s: &str) -> String {
    s.trim()
        .trim_matches(|c| matches!(c, '"' | '\'' | '`' | ',' | ';'))
        .to_lowercase()
        .replace('_', "-")
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("technology evidence regex")
}

// ---- package names → keys

/// Which registry a package name comes from; it decides the spellings tried.
#[derive(Clone, Copy, PartialEq)]
enum Eco {
    Python,
    Npm,
    Rust,
    Go,
    Ruby,
    NuGet,
    Composer,
    Dart,
    /// apt, brew, apk, yum...: `postgresql-client` is PostgreSQL.
    System,
    Any,
}

const STRIP_PREFIXES: &[&str] = &["python-", "py-", "go-", "node-", "lib"];
const STRIP_SUFFIXES: &[&str] = &[
    "-python", "-py", "-js", ".js", "-sdk", "-client", "-go", "-rs", "-node", "-api", "-cli",
    "-core", "-binary", "-server", "-dev", "-common", "-utils", "-tools", "-devel",
];

/// Spellings of a package name to look up, most specific first.
fn package_keys(name: &str, eco: Eco) -> Vec<String> {
    let n = norm(name);
    let mut out = vec![n.clone()];
    if eco == Eco::Go {
        return go_keys(name);
    }
    if let Some(rest) = n.strip_prefix('@') {
        // @aws-sdk/client-s3 names its service; @types/x is no technology.
        if let Some((scope, pkg)) = rest.split_once('/') {
            if scope == "types" {
                return Vec::new();
            }
            if scope == "aws-sdk" {
                if let Some(svc) = pkg.strip_prefix("client-") {
                    out.push(format!("aws:{svc}"));
                }
                out.push("aws".into());
                return out;
            }
            out.push(pkg.to_string());
            out.push(scope.to_string());
        }
    } else if let Some((first, last)) = n.split_once('/') {
        out.push(first.to_string());
        out.push(last.rsplit('/').next().unwrap_or(last).to_string());
    }
    if eco == Eco::Python && n.contains('.') {
        // google.cloud.firestore → google-cloud-firestore
        out.push(n.replace('.', "-"));
    }
    let base = out.clone();
    for b in &base {
        for p in STRIP_PREFIXES {
            if let Some(s) = b.strip_prefix(p) {
                if s.len() > 1 {
                    out.push(s.to_string());
                }
            }
        }
        for suf in STRIP_SUFFIXES {
            if let Some(s) = b.strip_suffix(suf) {
                if s.len() > 1 {
                    out.push(s.to_string());
                }
            }
        }
        if eco == Eco::System {
            // python3.11, postgresql-16, openjdk-17-jdk
            let t = b.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '-');
            if t.len() > 1 && t != b {
                out.push(t.to_string());
            }
            if let Some((head, _)) = b.split_once('-') {
                if head.len() > 2 {
                    out.push(
                        head.trim_end_matches(|c: char| c.is_ascii_digit())
                            .to_string(),
                    );
                }
            }
        }
    }
    if eco == Eco::Python {
        if let Some(s) = n.strip_prefix("py") {
            if s.len() > 2 {
                out.push(s.to_string());
            }
        }
    }
    dedup(out)
}

fn dedup(v: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(v.len());
    for s in v {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// `github.com/jackc/pgx/v5` → the path, the repository, its name, its owner.
fn go_keys(path: &str) -> Vec<String> {
    let p = norm(path);
    let p = p.split('@').next().unwrap_or(&p).to_string();
    let segs: Vec<&str> = p.split('/').filter(|s| !s.is_empty()).collect();
    let mut out = vec![p.clone()];
    if segs.len() >= 3 {
        out.push(segs[..3].join("/"));
    }
    if segs.len() >= 2 {
        let host_like = segs[0].contains('.');
        if host_like && matches!(segs[0], "github.com" | "gitlab.com" | "bitbucket.org") {
            if let Some(repo) = segs.get(2) {
                out.push(repo.to_string());
                out.push(
                    repo.trim_start_matches("go-")
                        .trim_end_matches("-go")
                        .to_string(),
                );
            }
            out.push(segs[1].to_string());
        } else if host_like {
            out.push(segs[1].to_string());
            out.push(segs[0].split('.').next().unwrap_or("").to_string());
        }
    }
    dedup(out)
}

/// `Microsoft.EntityFrameworkCore.Query` → its prefixes, longest first (two
/// segments at least: `org` or `com` alone names nothing).
fn dotted_keys(path: &str, first_alone: bool) -> Vec<String> {
    let n = norm(path);
    let segs: Vec<&str> = n.split('.').filter(|s| !s.is_empty()).collect();
    let mut out = Vec::new();
    for len in (2..=segs.len().min(4)).rev() {
        out.push(segs[..len].join("."));
        out.push(segs[..len].join("-"));
    }
    if first_alone {
        if let Some(f) = segs.first() {
            out.push(f.to_string());
        }
    }
    dedup(out)
}

/// `docker.io/bitnami/postgresql:15-alpine` → with and without the registry,
/// and the image's own name.
fn image_keys(image: &str) -> Vec<String> {
    let mut s = norm(image);
    if let Some(i) = s.find('@') {
        s.truncate(i);
    }
    let name_start = s.rfind('/').map_or(0, |i| i + 1);
    if let Some(i) = s[name_start..].find(':') {
        s.truncate(name_start + i);
    }
    if s.is_empty() || s.contains('$') || s.contains('{') {
        return Vec::new();
    }
    let mut out = vec![s.clone()];
    let segs: Vec<&str> = s.split('/').collect();
    if segs.len() > 1 && (segs[0].contains('.') || segs[0].contains(':') || segs[0] == "localhost")
    {
        out.push(segs[1..].join("/"));
    }
    if let Some(last) = segs.last() {
        out.push(last.to_string());
    }
    dedup(out)
}

// ---- shell lines

/// The commands of one shell line: prompts, `sudo`, `RUN`, variable
/// assignments and list markers taken off, split at `&&`, `||`, `;`, `|`.
fn commands(line: &str) -> Vec<Vec<&str>> {
    let mut t = line.trim();
    for p in ["$ ", "> ", "PS> ", "% ", "- run:", "run:", "RUN ", "- "] {
        if let Some(rest) = t.strip_prefix(p) {
            t = rest.trim_start();
        }
    }
    if t.starts_with('#') || t.starts_with("//") {
        return Vec::new();
    }
    let t = t.split(" #").next().unwrap_or(t);
    t.split(['&', '|', ';', '(', '`'])
        .map(|part| {
            part.split_whitespace()
                .skip_while(|w| {
                    matches!(
                        *w,
                        "sudo" | "env" | "exec" | "time" | "nohup" | "!" | "(" | "{"
                    ) || (w.contains('=') && !w.starts_with('-'))
                })
                .collect::<Vec<&str>>()
        })
        .filter(|c| !c.is_empty())
        .collect()
}

/// Shell builtins and core utilities: they name no technology, even when a
/// technology has their name (`echo` is no Echo, `less` no Less).
const SHELL_WORDS: &[&str] = &[
    "echo", "cd", "ls", "cat", "less", "more", "source", "export", "set", "unset", "test", "true",
    "false", "read", "exit", "open", "start", "type", "watch", "time", "wait", "sleep", "kill",
    "alias", "which", "date", "find", "sort", "head", "tail", "touch", "tee", "then", "do", "done",
    "fi", "if", "else", "for", "while", "case", "local", "eval", "return", "print", "printf",
    "call", "cp", "mv", "rm", "mkdir", "chmod", "chown", "grep", "sed", "awk", "xargs", "ln",
    "pwd", "env", "history", "clear", "diff", "tar", "unzip", "zip", "du", "df", "ps", "top",
    "free", "file", "stat", "wc", "cut", "tr", "uniq", "base64", "yes", "select",
];

/// Options that take a value of their own (`-r requirements.txt`).
fn takes_value(flag: &str) -> bool {
    matches!(
        flag,
        "-r" | "-c"
            | "-e"
            | "-i"
            | "-t"
            | "-n"
            | "-f"
            | "-o"
            | "--index-url"
            | "--extra-index-url"
            | "--target"
            | "--registry"
            | "--namespace"
            | "--values"
            | "--version"
            | "--set"
            | "--channel"
            | "--name"
            | "--prefix"
            | "--repo"
            | "--requirement"
            | "--constraint"
            | "--project"
            | "--source"
            | "--manifest-path"
            | "--features"
            | "-p"
    )
}

/// Packages named by one install command, with their registry.
fn installed<'a>(cmd: &[&'a str]) -> Option<(Eco, Vec<&'a str>)> {
    let first = cmd.first()?.rsplit('/').next()?.trim_end_matches(".exe");
    let second = cmd.get(1).copied().unwrap_or("");
    let (eco, skip) = match (first, second) {
        ("pip" | "pip3" | "pipx", "install") => (Eco::Python, 2),
        ("python" | "python3" | "py", "-m") if cmd.get(2) == Some(&"pip") => {
            if cmd.get(3) != Some(&"install") {
                return None;
            }
            (Eco::Python, 4)
        }
        ("uv", "add")
        | ("poetry" | "pdm" | "rye", "add")
        | ("pipenv" | "conda" | "mamba", "install") => (Eco::Python, 2),
        ("uv", "pip") if cmd.get(2) == Some(&"install") => (Eco::Python, 3),
        ("npm" | "pnpm" | "cnpm", "install" | "i" | "add") | ("yarn" | "bun", "add") => {
            (Eco::Npm, 2)
        }
        ("bun", "install" | "i") => (Eco::Npm, 2),
        ("yarn", "global") if cmd.get(2) == Some(&"add") => (Eco::Npm, 3),
        ("cargo", "add" | "install") => (Eco::Rust, 2),
        ("go", "get" | "install") => (Eco::Go, 2),
        ("gem", "install") | ("bundle", "add") => (Eco::Ruby, 2),
        ("composer", "require") => (Eco::Composer, 2),
        ("flutter" | "dart", "pub") if cmd.get(2) == Some(&"add") => (Eco::Dart, 3),
        ("dotnet", "add") => {
            let i = cmd.iter().position(|w| *w == "package")?;
            return Some((Eco::NuGet, cmd.get(i + 1).copied().into_iter().collect()));
        }
        ("Install-Package", _) => (Eco::NuGet, 1),
        ("brew", "install" | "reinstall")
        | ("apt" | "apt-get" | "aptitude" | "yum" | "dnf" | "microdnf" | "zypper", "install")
        | ("apk", "add")
        | ("choco" | "winget" | "scoop" | "snap", "install") => (Eco::System, 2),
        ("pacman", s) if s.starts_with("-S") => (Eco::System, 2),
        _ => return None,
    };
    let mut out = Vec::new();
    let mut args = cmd[skip.min(cmd.len())..].iter();
    while let Some(a) = args.next() {
        if a.starts_with('-') {
            if takes_value(a) {
                args.next();
            }
            continue;
        }
        if matches!(*a, ">" | "<" | "2>&1" | "\\") || a.starts_with('>') {
            break;
        }
        out.push(*a);
    }
    Some((eco, out))
}

/// A package argument without its version, extras or quotes:
/// `"fastapi[all]>=0.100"` → `fastapi`, `@scope/x@^1` → `@scope/x`.
fn package_name(arg: &str, eco: Eco) -> Option<String> {
    let a = arg.trim_matches(|c| matches!(c, '"' | '\'' | '`' | ','));
    if a.is_empty() || a == "." || a.starts_with("./") || a.starts_with("git+") || a.contains("://")
    {
        return None;
    }
    let a = match eco {
        Eco::Npm | Eco::Rust | Eco::Go => {
            let cut = a[1..].find('@').map_or(a.len(), |i| i + 1);
            &a[..cut]
        }
        _ => a,
    };
    let end = a
        .find(['=', '<', '>', '!', '~', '[', ';', ' ', '^'])
        .unwrap_or(a.len());
    let a = &a[..end];
    let a = if eco == Eco::Ruby {
        a.split(':').next().unwrap_or(a)
    } else {
        a
    };
    let ok = a
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '@' | '+'));
    if a.is_empty() || !ok || !a.chars().any(|c| c.is_alphabetic()) {
        return None;
    }
    if a.contains('/') && matches!(eco, Eco::Python | Eco::System | Eco::Ruby | Eco::Dart) {
        return None;
    }
    Some(a.to_string())
}

fn push_package(out: &mut Vec<Clue>, kind: Kind, name: &str, eco: Eco) {
    let keys = package_keys(name, eco);
    if keys.is_empty() {
        return;
    }
    out.push(Clue {
        kind,
        keys,
        package: Some(name.to_string()),
    });
}

/// Installs, cloud CLIs and the program each command of a shell line runs.
/// `program` is the kind a program's name counts as: `Command` in shell
/// code, `Inline` (no ordinary words) where the line may be prose or output.
fn shell_line(line: &str, program: Kind, out: &mut Vec<Clue>) {
    for cmd in commands(line) {
        if let Some((eco, pkgs)) = installed(&cmd) {
            for p in pkgs {
                if let Some(name) = package_name(p, eco) {
                    if eco == Eco::System {
                        // build-essential, libssl-dev: known names only.
                        push_keys(out, Kind::Install, package_keys(&name, eco));
                    } else {
                        push_package(out, Kind::Install, &name, eco);
                    }
                }
            }
        }
        let prog = cmd[0].rsplit(['/', '\\']).next().unwrap_or(cmd[0]);
        let prog = prog.strip_suffix(".exe").unwrap_or(prog);
        let sub = cmd.get(1).copied().unwrap_or("");
        match prog {
            "docker" | "podman" | "nerdctl" if sub == "pull" => {
                if let Some(img) = cmd.get(2) {
                    push_keys(out, Kind::Image, image_keys(img));
                }
            }
            "helm" if matches!(sub, "install" | "upgrade" | "template") => {
                let chart = cmd[2..]
                    .iter()
                    .filter(|a| !a.starts_with('-'))
                    .nth(1)
                    .copied();
                if let Some(c) = chart {
                    push_keys(out, Kind::Install, package_keys(c, Eco::Any));
                }
            }
            // A framework's own command run by its language: `php artisan
            // migrate` (Laravel), `python manage.py migrate` (Django).
            "php" | "python" | "python3" if matches!(sub, "artisan" | "manage.py") => {
                out.push(Clue::new(Kind::Command, vec![norm(sub)]));
            }
            "npx" | "pnpx" | "bunx" => {
                if let Some(p) = cmd[1..].iter().find(|a| !a.starts_with('-')) {
                    if let Some(name) = package_name(p, Eco::Npm) {
                        push_keys(out, Kind::Command, package_keys(&name, Eco::Npm));
                    }
                }
            }
            _ => {}
        }
        cloud_cli(prog, &cmd[1..], out);
        let plain = prog
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'));
        if plain && prog.len() > 1 && !SHELL_WORDS.contains(&prog) {
            out.push(Clue::new(program, vec![norm(prog)]));
        }
    }
}

/// `aws s3 cp`, `gcloud run deploy`, `az webapp up`.
fn cloud_cli(prog: &str, args: &[&str], out: &mut Vec<Clue>) {
    let (prefix, base) = match prog {
        "aws" | "awslocal" => ("aws", "aws"),
        "gcloud" => ("gcp", "gcloud"),
        "az" => ("az", "az"),
        _ => return,
    };
    let group = args
        .iter()
        .find(|a| !a.starts_with('-') && !matches!(**a, "alpha" | "beta"))
        .copied();
    let mut keys = Vec::new();
    if let Some(g) = group {
        if g.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            keys.push(format!("{prefix}:{g}"));
        }
    }
    keys.push(base.to_string());
    out.push(Clue::new(Kind::Cloud, keys));
}

fn push_keys(out: &mut Vec<Clue>, kind: Kind, keys: Vec<String>) {
    if !keys.is_empty() {
        out.push(Clue::new(kind, keys));
    }
}

// ---- code blocks

/// Searchers built once: `str::contains` builds one on every call, and
/// these run on every code block or line of code.
static DEPENDENC: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("ependenc"));
static REQUIRE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("require"));
static API_VERSION_KEY: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("apiVersion:"));
static KIND_KEY: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("kind:"));
static BOTO: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("boto"));

static FROM_IMPORT: PerThread<Regex> =
    PerThread::new(|| re(r"^\s*from\s+([A-Za-z_][\w.]*)\s+import\s+\(?\s*([A-Za-z_]\w*)?"));
static IMPORT: PerThread<Regex> = PerThread::new(|| {
    re(
        r"^\s*import\s+(?:static\s+)?([A-Za-z_][\w.]*(?:\s+as\s+\w+)?(?:\s*,\s*[A-Za-z_][\w.]*(?:\s+as\s+\w+)?)*)\s*;?\s*$",
    )
});
static JS_IMPORT: PerThread<Regex> = PerThread::new(|| {
    re(
        r#"(?:\bfrom\s+|\bimport\s*\(?\s*|\brequire\s*\(?\s*|\brequire_relative\s+)['"]([^'"\s]+)['"]"#,
    )
});
static RUST_USE: PerThread<Regex> = PerThread::new(|| {
    re(r"^\s*(?:pub(?:\([\w ]+\))?\s+)?(?:use\s+(?:::)?|extern\s+crate\s+)([a-z_][a-z0-9_]*)")
});
static PATH_SEP: PerThread<Regex> =
    PerThread::new(|| re(r"(?:^|[^\w:])([a-z_][a-z0-9_]*)::[A-Za-z_<{*]"));
static USING: PerThread<Regex> =
    PerThread::new(|| re(r"^\s*(?:global\s+)?using\s+(?:static\s+)?([A-Z][\w.]*)\s*;"));
static PHP_USE: PerThread<Regex> = PerThread::new(|| re(r"^\s*use\s+([A-Z]\w*)\\"));
static INCLUDE: PerThread<Regex> = PerThread::new(|| re(r#"^\s*#\s*include\s*[<"]([^>"]+)[>"]"#));
static FRAME: PerThread<Regex> =
    PerThread::new(|| re(r"\bat\s+([A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*){2,})"));
static BARE_FRAME: PerThread<Regex> = PerThread::new(|| {
    re(r"^([A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*){2,})\s?\([\w$]+\.(?:java|kt):\d+\)$")
});
static SITE_PACKAGES: PerThread<Regex> =
    PerThread::new(|| re(r"(?:site-packages|dist-packages|node_modules)/((?:@[\w.-]+/)?[\w.-]+)"));
static GO_REQUIRE: PerThread<Regex> =
    PerThread::new(|| re(r"^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]{2,}/[\w./-]+)\s+v\d"));
static GO_IMPORT_LINE: PerThread<Regex> =
    PerThread::new(|| re(r#"^\s*(?:[\w.]+\s+)?"([a-z0-9.-]+\.[a-z]{2,}/[^"]+)"\s*$"#));
static JSON_DEP: PerThread<Regex> =
    PerThread::new(|| re(r#"^\s*"([^"\s]+)"\s*:\s*"[^"]*"\s*,?\s*$"#));
static JSON_DEPS_OPEN: PerThread<Regex> = PerThread::new(|| {
    re(
        r#""(?:dependencies|devDependencies|peerDependencies|optionalDependencies|require|require-dev)"\s*:\s*\{"#,
    )
});
static REQUIREMENT: PerThread<Regex> = PerThread::new(|| {
    re(
        r"^\s*([A-Za-z][\w.-]*)(?:\[[\w,\s-]+\])?\s*(?:==|>=|<=|~=|!=|===)\s*v?\d[\w.*+-]*\s*(?:;.*)?(?:#.*)?$",
    )
});
static TOML_DEPS: PerThread<Regex> =
    PerThread::new(|| re(r"^\s*\[(?:[\w.-]+\.)?(?:dev-|build-)?dependencies(?:\.([\w-]+))?\]\s*$"));
static TOML_DEP: PerThread<Regex> =
    PerThread::new(|| re(r#"^\s*([A-Za-z][\w-]*)\s*=\s*(?:"[^"]*"|\{|'[^']*')"#));
static PY_DEP_LIST: PerThread<Regex> = PerThread::new(|| {
    re(r#"^\s*"([A-Za-z][\w.-]*)(?:\[[^\]]*\])?\s*(?:[<>=!~^]=?[^"]*)?"\s*,?\s*$"#)
});
static MAVEN: PerThread<Regex> =
    PerThread::new(|| re(r"<(groupId|artifactId)>\s*([\w.-]+)\s*</(?:groupId|artifactId)>"));
static GRADLE: PerThread<Regex> = PerThread::new(|| {
    re(
        r#"^\s*(?:implementation|api|compileOnly|runtimeOnly|testImplementation|testRuntimeOnly|kapt|ksp|annotationProcessor|classpath|developmentOnly|compile|testCompile)\s*\(?\s*(?:platform\()?\s*['"]([\w.-]+):([\w.-]+)"#,
    )
});
static GRADLE_PLUGIN: PerThread<Regex> = PerThread::new(|| {
    re(r#"^\s*(?:id\s*\(?\s*['"]([\w.-]+)['"]|kotlin\s*\(\s*"(jvm|android|multiplatform)"\))"#)
});
static GEM: PerThread<Regex> = PerThread::new(|| re(r#"^\s*gem\s+['"]([\w.-]+)['"]"#));
static CSPROJ: PerThread<Regex> =
    PerThread::new(|| re(r#"<PackageReference\s+Include\s*=\s*"([\w.-]+)""#));
static PUB_DEPS_OPEN: PerThread<Regex> =
    PerThread::new(|| re(r"^(?:dependencies|dev_dependencies|dependency_overrides):\s*$"));
static PUB_DEP: PerThread<Regex> = PerThread::new(|| re(r"^ {2}([a-z][a-z0-9_]*):"));
static DOCKER_FROM: PerThread<Regex> =
    PerThread::new(|| re(r"^\s*FROM\s+(?:--platform=\S+\s+)?([\w./:@${}-]+)"));
static YAML_IMAGE: PerThread<Regex> =
    PerThread::new(|| re(r#"^\s*-?\s*(?:image|container):\s*['"]?([\w./:@-]+)"#));
static USES: PerThread<Regex> = PerThread::new(|| re(r"^\s*-?\s*uses:\s*([\w.-]+/[\w./-]+)"));
static API_VERSION: PerThread<Regex> =
    PerThread::new(|| re(r"^\s*apiVersion:\s*['\x22]?([\w./-]+)"));
static KIND: PerThread<Regex> = PerThread::new(|| re(r"^\s*kind:\s*([A-Z]\w+)\s*$"));
static TF_RESOURCE: PerThread<Regex> =
    PerThread::new(|| re(r#"^\s*(?:resource|data)\s+"(aws|google|azurerm)_([a-z0-9_]+)""#));
static TF_PROVIDER: PerThread<Regex> =
    PerThread::new(|| re(r#"^\s*(?:provider\s+|source\s*=\s*)"(?:hashicorp/)?([\w-]+)""#));
static BOTO_CLIENT: PerThread<Regex> =
    PerThread::new(|| re(r#"\.(?:client|resource)\(\s*['"]([a-z0-9-]+)['"]"#));
static ARN: PerThread<Regex> = PerThread::new(|| re(r"\barn:aws[a-z-]*:([a-z0-9-]+):"));
static URL: PerThread<Regex> = PerThread::new(|| {
    // An ASCII word boundary: the Unicode one stops the fast engine at the
    // first emoji or dash of a line, and a URL right after a CJK word
    // ("参见https://…") is still a URL.
    re(r"(?-u:\b)([a-z][a-z0-9+.-]{1,20})://(?:[^@/\s]*@)?([A-Za-z0-9.-]+\.[A-Za-z]{2,})?")
});
static PATH: PerThread<Regex> =
    PerThread::new(|| re(r#"(?:^|[\s(`'"\[|])((?:[\w@~.-]+/)+[\w@.-]+)"#));

/// Kubernetes kinds that need no API group to be recognized.
const K8S_KINDS: &[&str] = &[
    "Deployment",
    "Service",
    "Pod",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "ConfigMap",
    "Secret",
    "Ingress",
    "IngressClass",
    "CronJob",
    "Job",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "StorageClass",
    "Namespace",
    "ServiceAccount",
    "Role",
    "ClusterRole",
    "RoleBinding",
    "ClusterRoleBinding",
    "HorizontalPodAutoscaler",
    "NetworkPolicy",
    "PodDisruptionBudget",
    "CustomResourceDefinition",
    "LimitRange",
    "ResourceQuota",
    "PriorityClass",
    "EndpointSlice",
];

/// Rust and C++ path roots that name no package.
const STD_ROOTS: &[&str] = &["std", "core", "alloc", "crate", "self", "super"];

/// Python's standard library (top-level modules, sorted), less the few
/// that are technologies of their own (asyncio, sqlite3, tkinter,
/// unittest): `import signal` is not the Signal messenger, `import cmd`
/// not a batch file. Such an import is the language, which the fence or
/// the file already says.
const PYTHON_STDLIB: &[&str] = &[
    "abc",
    "aifc",
    "argparse",
    "array",
    "ast",
    "asynchat",
    "asyncore",
    "atexit",
    "audioop",
    "base64",
    "bdb",
    "binascii",
    "bisect",
    "builtins",
    "bz2",
    "cProfile",
    "calendar",
    "cgi",
    "cgitb",
    "chunk",
    "cmath",
    "cmd",
    "code",
    "codecs",
    "codeop",
    "collections",
    "colorsys",
    "compileall",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "crypt",
    "csv",
    "ctypes",
    "curses",
    "dataclasses",
    "datetime",
    "dbm",
    "decimal",
    "difflib",
    "dis",
    "distutils",
    "doctest",
    "email",
    "encodings",
    "ensurepip",
    "enum",
    "errno",
    "faulthandler",
    "fcntl",
    "filecmp",
    "fileinput",
    "fnmatch",
    "fractions",
    "ftplib",
    "functools",
    "gc",
    "genericpath",
    "getopt",
    "getpass",
    "gettext",
    "glob",
    "graphlib",
    "grp",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "idlelib",
    "imaplib",
    "imghdr",
    "imp",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "lib2to3",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "mailbox",
    "mailcap",
    "marshal",
    "math",
    "mimetypes",
    "mmap",
    "modulefinder",
    "msilib",
    "msvcrt",
    "multiprocessing",
    "netrc",
    "nis",
    "nntplib",
    "nt",
    "ntpath",
    "nturl2path",
    "numbers",
    "opcode",
    "operator",
    "optparse",
    "os",
    "ossaudiodev",
    "pathlib",
    "pdb",
    "pickle",
    "pickletools",
    "pipes",
    "pkgutil",
    "platform",
    "plistlib",
    "poplib",
    "posix",
    "posixpath",
    "pprint",
    "profile",
    "pstats",
    "pty",
    "pwd",
    "py_compile",
    "pyclbr",
    "pydoc",
    "pydoc_data",
    "pyexpat",
    "queue",
    "quopri",
    "random",
    "re",
    "readline",
    "reprlib",
    "resource",
    "rlcompleter",
    "runpy",
    "sched",
    "secrets",
    "select",
    "selectors",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "smtpd",
    "smtplib",
    "sndhdr",
    "socket",
    "socketserver",
    "spwd",
    "sre_compile",
    "sre_constants",
    "sre_parse",
    "ssl",
    "stat",
    "statistics",
    "string",
    "stringprep",
    "struct",
    "subprocess",
    "sunau",
    "symtable",
    "sys",
    "sysconfig",
    "syslog",
    "tabnanny",
    "tarfile",
    "telnetlib",
    "tempfile",
    "termios",
    "textwrap",
    "threading",
    "time",
    "timeit",
    "token",
    "tokenize",
    "tomllib",
    "trace",
    "traceback",
    "tracemalloc",
    "tty",
    "turtle",
    "turtledemo",
    "types",
    "typing",
    "unicodedata",
    "urllib",
    "uu",
    "uuid",
    "venv",
    "warnings",
    "wave",
    "weakref",
    "webbrowser",
    "winreg",
    "winsound",
    "wsgiref",
    "xdrlib",
    "xml",
    "xmlrpc",
    "zipapp",
    "zipfile",
    "zipimport",
    "zlib",
    "zoneinfo",
];

/// Node's built-in modules (sorted): `require("fs")` is not F#.
const NODE_BUILTINS: &[&str] = &[
    "assert",
    "async_hooks",
    "buffer",
    "child_process",
    "cluster",
    "console",
    "constants",
    "crypto",
    "dgram",
    "diagnostics_channel",
    "dns",
    "domain",
    "events",
    "fs",
    "http",
    "http2",
    "https",
    "inspector",
    "module",
    "net",
    "os",
    "path",
    "perf_hooks",
    "process",
    "punycode",
    "querystring",
    "readline",
    "repl",
    "stream",
    "string_decoder",
    "sys",
    "timers",
    "tls",
    "trace_events",
    "tty",
    "url",
    "util",
    "v8",
    "vm",
    "wasi",
    "worker_threads",
    "zlib",
];

/// Whether `module` (dotted), imported on line `t` of code in `lang`, is
/// in Python's standard library. Java's `import io.quarkus.X;` and
/// Kotlin's `import io.ktor.server.*` are not Python's `io`: a Python
/// fence, or unmarked code whose import has no `;`, no `*` and at most
/// two parts (`os.path`, `logging.handlers`).
fn python_stdlib(module: &str, t: &str, lang: Option<&str>) -> bool {
    let python = match lang {
        Some(l) => l.starts_with("py") || l == "ipython",
        None => module.split('.').count() <= 2 && !module.contains('*') && !t.ends_with(';'),
    };
    let root = module.split('.').next().unwrap_or(module).trim();
    python && PYTHON_STDLIB.binary_search(&root).is_ok()
}

/// Shell code: commands count; other languages run no programs.
fn is_shell(lang: Option<&str>) -> bool {
    matches!(
        lang,
        None | Some(
            "bash"
                | "sh"
                | "shell"
                | "zsh"
                | "console"
                | "terminal"
                | "shell-session"
                | "sh-session"
                | "shellsession"
                | "powershell"
                | "ps1"
                | "pwsh"
                | "cmd"
                | "bat"
                | "batch"
                | "fish"
                | "text"
                | "txt"
                | "plaintext"
                | "dockerfile"
                | "docker"
                | "makefile"
                | "make"
                | "yaml"
                | "yml"
        )
    )
}

#[derive(PartialEq)]
enum State {
    Plain,
    /// Inside `"dependencies": {` of a package.json or composer.json.
    JsonDeps,
    /// Inside a TOML `[dependencies]` table.
    TomlDeps,
    /// Inside `dependencies = [` of a pyproject.toml.
    PyList,
    /// Inside Go's `require (` or `import (`.
    GoBlock,
    /// Inside pubspec.yaml's `dependencies:`.
    PubDeps,
}

/// Blocks whose lines are output or logs, not code: names in them are
/// prose-like ("LlamaParse call failed").
fn is_output(lang: Option<&str>) -> bool {
    matches!(
        lang,
        None | Some(
            "text"
                | "txt"
                | "plaintext"
                | "log"
                | "logs"
                | "output"
                | "console"
                | "terminal"
                | "shell-session"
                | "sh-session"
        )
    )
}

/// The comment of a line of code, if any: `// sent to Supabase`, `# Redis`.
fn comment(t: &str) -> Option<&str> {
    if t.starts_with('#')
        || t.starts_with("--")
        || t.starts_with("/*")
        || t.starts_with('*')
        || t.starts_with("<!--")
    {
        return Some(t);
    }
    let slashes = t.match_indices("//").find(|(i, _)| !t[..*i].ends_with(':'));
    if let Some((i, _)) = slashes {
        return Some(&t[i..]);
    }
    t.find(" # ").map(|i| &t[i + 1..])
}

/// Every clue of one code block. `names` receives the parts of it where
/// technologies may be named as in prose: comments, and whole lines of
/// output and logs.
pub fn code_block<'a>(
    lang: Option<&str>,
    text: &'a str,
    out: &mut Vec<Clue>,
    names: &mut Vec<&'a str>,
) {
    let lang = lang
        .and_then(|l| l.split([' ', ',', '{']).next())
        .map(|l| l.trim().to_lowercase())
        .filter(|l| !l.is_empty());
    let lang = lang.as_deref();
    if let Some(l) = lang {
        out.push(Clue::new(Kind::Fence, vec![norm(l)]));
    }
    let shell = is_shell(lang);
    let output = is_output(lang);
    let k8s =
        API_VERSION_KEY.find(text.as_bytes()).is_some() && KIND_KEY.find(text.as_bytes()).is_some();
    let boto = BOTO.find(text.as_bytes()).is_some();
    let mut state = State::Plain;
    for line in super::text::lines(text) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if output {
            names.push(t);
        } else if let Some(c) = comment(t) {
            names.push(c);
        }
        // Manifests: a few line states, nothing kept across blocks.
        match state {
            State::JsonDeps => {
                if t.starts_with('}') {
                    state = State::Plain;
                } else if let Some(c) = JSON_DEP.captures(t) {
                    let eco = if c[1].contains('/') && !c[1].starts_with('@') {
                        Eco::Composer
                    } else {
                        Eco::Npm
                    };
                    if c[1] != *"php" {
                        push_package(out, Kind::Manifest, &c[1], eco);
                    }
                }
                continue;
            }
            State::TomlDeps => {
                if t.starts_with('[') {
                    state = State::Plain;
                } else {
                    if let Some(c) = TOML_DEP.captures(t) {
                        push_package(out, Kind::Manifest, &c[1], Eco::Rust);
                    }
                    continue;
                }
            }
            State::PyList => {
                if t.starts_with(']') {
                    state = State::Plain;
                } else if let Some(c) = PY_DEP_LIST.captures(t) {
                    push_package(out, Kind::Manifest, &c[1], Eco::Python);
                }
                continue;
            }
            State::GoBlock => {
                if t.starts_with(')') {
                    state = State::Plain;
                } else if let Some(c) = GO_REQUIRE
                    .captures(t)
                    .or_else(|| GO_IMPORT_LINE.captures(t))
                {
                    push_keys(out, Kind::Manifest, go_keys(&c[1]));
                }
                continue;
            }
            State::PubDeps => {
                if !line.starts_with(' ') {
                    state = State::Plain;
                } else {
                    if let Some(c) = PUB_DEP.captures(line) {
                        push_package(out, Kind::Manifest, &c[1], Eco::Dart);
                    } else if t == "sdk: flutter" {
                        push_keys(out, Kind::Manifest, vec!["flutter".into()]);
                    }
                    continue;
                }
            }
            State::Plain => {}
        }
        // Every manifest's dependency-section opener names "(D|d)ependenc…"
        // or "require": one substring search spares three regexes on
        // nearly every line.
        let deps = DEPENDENC.find(t.as_bytes()).is_some();
        if (deps || REQUIRE.find(t.as_bytes()).is_some()) && JSON_DEPS_OPEN.is_match(t) {
            state = State::JsonDeps;
            continue;
        }
        if let Some(c) = TOML_DEPS.captures(if deps { t } else { "" }) {
            if let Some(name) = c.get(1) {
                push_package(out, Kind::Manifest, name.as_str(), Eco::Rust);
            } else {
                state = State::TomlDeps;
            }
            continue;
        }
        if t.starts_with("dependencies = [") || t.starts_with("dependencies=[") {
            state = State::PyList;
            continue;
        }
        if t == "require (" || t == "import (" {
            state = State::GoBlock;
            continue;
        }
        if deps && PUB_DEPS_OPEN.is_match(line) {
            state = State::PubDeps;
            continue;
        }
        line_clues(t, lang, shell, out);
        if !output && t.contains('.') {
            members(t, out);
        }
        if k8s {
            if let Some(c) = API_VERSION.captures(t) {
                let v = &c[1];
                let group = v.rsplit_once('/').map_or("core", |(g, _)| g);
                let mut keys = vec![format!("k8s:{group}")];
                if group.ends_with(".k8s.io") || !group.contains('.') {
                    keys.push("kubernetes".into());
                }
                out.push(Clue::new(Kind::K8s, keys));
            } else if let Some(c) = KIND.captures(t) {
                if K8S_KINDS.contains(&&c[1]) {
                    out.push(Clue::new(Kind::K8s, vec!["kubernetes".into()]));
                }
            }
        }
        if boto {
            for c in BOTO_CLIENT.captures_iter(t) {
                out.push(Clue::new(Kind::Cloud, vec![format!("aws:{}", &c[1])]));
            }
        }
    }
}

/// Which of a few bytes a line holds: most readers need one of them, so a
/// line without it is passed over without a search.
struct Bytes {
    quote: bool,
    colon: bool,
    lt: bool,
    eq: bool,
    slash: bool,
}

impl Bytes {
    fn of(t: &str) -> Bytes {
        let mut b = Bytes {
            quote: false,
            colon: false,
            lt: false,
            eq: false,
            slash: false,
        };
        for c in t.bytes() {
            match c {
                b'"' | b'\'' => b.quote = true,
                b':' => b.colon = true,
                b'<' => b.lt = true,
                b'=' => b.eq = true,
                b'/' => b.slash = true,
                _ => {}
            }
        }
        b
    }
}

/// The clues one line of code can give on its own.
fn line_clues(t: &str, lang: Option<&str>, shell: bool, out: &mut Vec<Clue>) {
    let has = Bytes::of(t);
    // Imports: cheap tests first, most lines have no keyword.
    if t.starts_with("from ") {
        if let Some(c) = FROM_IMPORT
            .captures(t)
            .filter(|c| !python_stdlib(&c[1], t, lang))
        {
            // from google.cloud import firestore: the module and the name.
            let mut keys = match c.get(2) {
                Some(name) => dotted_keys(&format!("{}.{}", &c[1], name.as_str()), false),
                None => Vec::new(),
            };
            keys.extend(dotted_keys(&c[1], true));
            out.push(Clue::new(Kind::Import, dedup(keys)));
        }
    }
    if t.starts_with("import ") {
        if let Some(c) = IMPORT.captures(t) {
            for m in c[1].split(',') {
                let module = m.split_whitespace().next().unwrap_or("");
                if !python_stdlib(module, t, lang) {
                    out.push(Clue::new(Kind::Import, dotted_keys(module, true)));
                }
            }
        }
    }
    if has.quote && (t.contains("import") || t.contains("require") || t.contains("from ")) {
        for c in JS_IMPORT.captures_iter(t) {
            js_import(&c[1], out);
        }
    }
    let mut used = false;
    if t.starts_with("use ") || t.starts_with("pub") || t.starts_with("extern crate") {
        if let Some(c) = RUST_USE.captures(t) {
            used = true;
            if !STD_ROOTS.contains(&&c[1]) {
                out.push(Clue::new(Kind::Import, vec![norm(&c[1])]));
            }
        }
        if let Some(c) = PHP_USE.captures(t) {
            used = true;
            out.push(Clue::new(Kind::Import, vec![norm(&c[1])]));
        }
    }
    if !used
        && has.colon
        && t.contains("::")
        && lang.is_none_or(|l| !matches!(l, "cpp" | "c++" | "php" | "ruby"))
    {
        let mut seen: Vec<&str> = Vec::new();
        for c in PATH_SEP.captures_iter(t) {
            let root = c.get(1).map_or("", |m| m.as_str());
            if !STD_ROOTS.contains(&root) && !seen.contains(&root) {
                seen.push(root);
                out.push(Clue::new(Kind::Import, vec![norm(root)]));
            }
        }
    }
    if t.starts_with("using ") || t.starts_with("global using") {
        if let Some(c) = USING.captures(t) {
            out.push(Clue::new(Kind::Import, dotted_keys(&c[1], false)));
        }
    }
    if t.starts_with('#') && t.contains("include") {
        if let Some(c) = INCLUDE.captures(t) {
            let inc = norm(&c[1]);
            let mut keys = vec![inc.clone()];
            if let Some((first, _)) = inc.split_once('/') {
                keys.push(first.to_string());
            }
            let base = inc.rsplit('/').next().unwrap_or(&inc);
            keys.push(base.split('.').next().unwrap_or(base).to_string());
            out.push(Clue::new(Kind::Import, dedup(keys)));
        }
    }
    if t.starts_with("at ") {
        for c in FRAME.captures_iter(t) {
            out.push(Clue::new(Kind::Import, dotted_keys(&c[1], false)));
        }
    } else if t.ends_with(')') && (t.contains(".java:") || t.contains(".kt:")) {
        // Crashlytics and Play Console write frames without the `at`:
        // "android.widget.ListView.setAdapter (ListView.java:486)".
        if let Some(c) = BARE_FRAME.captures(t) {
            // A root that is a platform ("android.", "kotlinx.") names it;
            // a reverse domain's ("com.", "org.") does not.
            let root = c[1].split('.').next().unwrap_or("");
            out.push(Clue::new(Kind::Import, dotted_keys(&c[1], root.len() > 3)));
        }
    }
    if has.slash && (t.contains("packages/") || t.contains("node_modules/")) {
        for c in SITE_PACKAGES.captures_iter(t) {
            out.push(Clue::new(Kind::Import, package_keys(&c[1], Eco::Any)));
        }
    }
    // Manifests that need no state.
    let requirement_like =
        t.starts_with(|c: char| c.is_ascii_alphabetic()) && t.split_whitespace().count() <= 3;
    if has.eq && requirement_like && (t.contains("==") || t.contains(">=") || t.contains("~=")) {
        if let Some(c) = REQUIREMENT.captures(t) {
            push_package(out, Kind::Manifest, &c[1], Eco::Python);
        }
    }
    if t.starts_with("require ") {
        if let Some(c) = GO_REQUIRE.captures(t) {
            push_keys(out, Kind::Manifest, go_keys(&c[1]));
        }
    }
    if has.lt && (t.contains("<groupId>") || t.contains("<artifactId>")) {
        for c in MAVEN.captures_iter(t) {
            let keys = if &c[1] == "groupId" {
                dotted_keys(&c[2], false)
            } else {
                package_keys(&c[2], Eco::Any)
            };
            push_keys(out, Kind::Manifest, keys);
        }
    }
    if has.colon && has.quote {
        gradle(t, out);
    }
    if t.starts_with("id") || t.starts_with("kotlin(") {
        if let Some(c) = GRADLE_PLUGIN.captures(t) {
            let keys = match (c.get(1), c.get(2)) {
                (Some(id), _) => dotted_keys(id.as_str(), false),
                _ => vec!["kotlin".into()],
            };
            push_keys(out, Kind::Manifest, keys);
        }
    }
    if t.starts_with("gem ") {
        if let Some(c) = GEM.captures(t) {
            push_package(out, Kind::Manifest, &c[1], Eco::Ruby);
        }
    }
    if has.lt && t.contains("<PackageReference") {
        if let Some(c) = CSPROJ.captures(t) {
            let mut keys = dotted_keys(&c[1], false);
            keys.push(norm(&c[1]));
            push_keys(out, Kind::Manifest, dedup(keys));
        }
    }
    // Container images and CI actions.
    if t.starts_with("FROM ") && lang != Some("sql") {
        if let Some(c) = DOCKER_FROM.captures(t) {
            push_keys(out, Kind::Image, image_keys(&c[1]));
        }
    }
    if has.colon && (t.contains("image:") || t.contains("container:")) {
        if let Some(c) = YAML_IMAGE.captures(t) {
            push_keys(out, Kind::Image, image_keys(&c[1]));
        }
    }
    if has.colon && t.contains("uses:") {
        if let Some(c) = USES.captures(t) {
            let u = norm(&c[1]);
            let u = u.split('@').next().unwrap_or(&u).to_string();
            let owner = u.split('/').next().unwrap_or("").to_string();
            out.push(Clue::new(Kind::Import, dedup(vec![u, owner])));
        }
    }
    // Terraform.
    if t.starts_with("resource") || t.starts_with("data") {
        if let Some(c) = TF_RESOURCE.captures(t) {
            out.push(Clue::new(Kind::Cloud, terraform_keys(&c[1], &c[2])));
        }
    }
    if t.starts_with("provider") || t.starts_with("source") {
        if let Some(c) = TF_PROVIDER.captures(t) {
            let p = norm(&c[1]);
            out.push(Clue::new(Kind::Cloud, vec![format!("provider:{p}"), p]));
        }
    }
    if shell {
        let declared = lang.is_some_and(|l| !matches!(l, "text" | "txt" | "plaintext"));
        let program = if declared {
            Kind::Command
        } else {
            Kind::Inline
        };
        shell_line(t, program, out);
    }
    if has.colon {
        text_clues(t, out);
    }
}

/// `implementation("io.quarkus:quarkus-core:3.2")` in build.gradle.
fn gradle(t: &str, out: &mut Vec<Clue>) {
    if let Some(c) = GRADLE.captures(t) {
        let mut keys = dotted_keys(&c[1], false);
        keys.extend(package_keys(&c[2], Eco::Any));
        push_keys(out, Kind::Manifest, dedup(keys));
    }
}

/// Objects whose methods a line calls: `supabase.from(`, `self.redis.get(`.
fn members(t: &str, out: &mut Vec<Clue>) {
    let b = t.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    for (dot, _) in t.match_indices('.') {
        let start = t[..dot]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        let mut end = dot + 1;
        while end < b.len() && ident(b[end]) {
            end += 1;
        }
        let call = end > dot + 1 && b.get(end) == Some(&b'(');
        if call && dot - start >= 3 && b[start].is_ascii_alphabetic() {
            out.push(Clue::new(Kind::Member, vec![norm(&t[start..dot])]));
        }
    }
}

/// `resource "aws_s3_bucket"` → aws:s3; `google_cloud_run_service` → gcp:run;
/// `azurerm_key_vault` → az:keyvault.
fn terraform_keys(provider: &str, rest: &str) -> Vec<String> {
    let (prefix, base) = match provider {
        "aws" => ("aws", "aws"),
        "google" => ("gcp", "gcloud"),
        _ => ("az", "az"),
    };
    let rest = if provider == "google" {
        rest.strip_prefix("cloud_").unwrap_or(rest)
    } else {
        rest
    };
    let parts: Vec<&str> = rest.split('_').collect();
    let mut keys = Vec::new();
    for n in (1..=parts.len().min(3)).rev() {
        keys.push(format!("{prefix}:{}", parts[..n].concat()));
    }
    keys.push(format!("{prefix}:{}", parts[0]));
    keys.push(base.to_string());
    dedup(keys)
}

/// `import x from 'y'`, `require("y")`, `import 'package:flutter/x.dart'`,
/// `import "github.com/x/y"`.
fn js_import(spec: &str, out: &mut Vec<Clue>) {
    if spec.starts_with('.')
        || spec.starts_with('/')
        || spec.starts_with("@/")
        || spec.starts_with('~')
        || spec.starts_with('#')
    {
        return;
    }
    if let Some(rest) = spec.strip_prefix("package:") {
        let pkg = rest.split('/').next().unwrap_or(rest);
        out.push(Clue::new(Kind::Import, package_keys(pkg, Eco::Dart)));
        out.push(Clue::new(Kind::Import, vec!["dart".into()]));
        return;
    }
    if spec.starts_with("dart:") {
        out.push(Clue::new(Kind::Import, vec!["dart".into()]));
        return;
    }
    if spec.contains("://") {
        host_clues(spec, Kind::Import, out);
        return;
    }
    let first = spec.split('/').next().unwrap_or(spec);
    if spec.starts_with("node:") || NODE_BUILTINS.binary_search(&first).is_ok() {
        return;
    }
    if first.contains('.') && spec.contains('/') {
        out.push(Clue::new(Kind::Import, go_keys(spec)));
        return;
    }
    let pkg = if spec.starts_with('@') {
        spec.splitn(3, '/').take(2).collect::<Vec<_>>().join("/")
    } else {
        first.to_string()
    };
    let mut keys = vec![norm(spec)];
    keys.extend(package_keys(&pkg, Eco::Npm));
    push_keys(out, Kind::Import, dedup(keys));
}

/// Clues any text can hold: ARNs, connection strings and hosts of URLs.
fn text_clues(t: &str, out: &mut Vec<Clue>) {
    // Every shape read here holds a colon: each is told by what stands
    // beside one, without a substring search per shape and line.
    let b = t.as_bytes();
    let (mut arn, mut url, mut traceback, mut running) = (false, false, false, false);
    for i in memchr::memchr_iter(b':', b) {
        let (head, tail) = (&b[..i], &b[i + 1..]);
        arn |= head.ends_with(b"arn") && tail.starts_with(b"aws");
        url |= tail.starts_with(b"//");
        traceback |= head.ends_with(b"Traceback (most recent call last)");
        running |= head.ends_with(b" [running]");
    }
    if arn {
        for c in ARN.captures_iter(t) {
            out.push(Clue::new(
                Kind::Cloud,
                vec![format!("aws:{}", &c[1]), "aws".into()],
            ));
        }
    }
    if url {
        host_clues(t, Kind::Host, out);
    }
    // A stack trace's head names its runtime as surely as an import.
    if traceback {
        out.push(Clue::new(Kind::Import, vec!["python".into()]));
    }
    if running && t.contains("goroutine ") {
        out.push(Clue::new(Kind::Import, vec!["go".into()]));
    }
}

/// URL schemes that name no technology.
/// Whether `scheme` (lower case) is a URL scheme that names no technology.
pub fn is_plain_scheme(scheme: &str) -> bool {
    PLAIN_SCHEMES.contains(&scheme)
}

const PLAIN_SCHEMES: &[&str] = &[
    "http",
    "https",
    "ftp",
    "ftps",
    "file",
    "ws",
    "wss",
    "mailto",
    "data",
    "chrome",
    "about",
    "git",
    "tcp",
    "udp",
    "unix",
    "blob",
    "javascript",
    "vscode",
    "app",
    "capacitor",
];

fn host_clues(t: &str, kind: Kind, out: &mut Vec<Clue>) {
    for c in URL.captures_iter(t) {
        let scheme = c[1].to_lowercase();
        if !PLAIN_SCHEMES.contains(&scheme.as_str()) {
            let s = scheme.split('+').next().unwrap_or(&scheme);
            let key = match s {
                "amqp" | "amqps" => "rabbitmq",
                "rediss" => "redis",
                "gs" => "gcs",
                "bolt" | "neo4j+s" => "neo4j",
                "postgresql" | "postgres" | "pg" => "postgresql",
                "sqlserver" => "mssql",
                "sqlite" => "sqlite",
                "libsql" => "libsql",
                other => other,
            };
            out.push(Clue::new(Kind::Dsn, vec![key.to_string()]));
        }
        if let Some(h) = c.get(2) {
            let host = h.as_str().to_lowercase();
            let host = host.trim_end_matches('.');
            if host == "localhost" || host.ends_with("example.com") || host.ends_with(".local") {
                continue;
            }
            out.push(Clue::new(kind, domain_keys(host)));
        }
    }
}

/// `abc.execute-api.us-east-1.amazonaws.com` → aws:execute-api, then
/// host:... for the host and each parent domain.
fn domain_keys(host: &str) -> Vec<String> {
    let labels: Vec<&str> = host.split('.').collect();
    let mut keys = Vec::new();
    if let Some(i) = labels.iter().position(|l| *l == "amazonaws") {
        let region = |l: &str| {
            let parts: Vec<&str> = l.split('-').collect();
            parts.len() >= 3
                && parts[0].len() == 2
                && parts
                    .last()
                    .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()))
        };
        if i > 0 && !region(labels[i - 1]) {
            keys.push(format!("aws:{}", labels[i - 1]));
        }
        if let Some(r) = labels[..i].iter().position(|l| region(l)) {
            if r > 0 {
                keys.push(format!("aws:{}", labels[r - 1]));
            }
        }
    }
    for start in 0..labels.len().saturating_sub(1) {
        keys.push(format!("host:{}", labels[start..].join(".")));
    }
    dedup(keys)
}

// ---- prose and inline code

/// Clues of a line of prose: ARNs, URLs and the folders and extensions of
/// file paths (`flutter_app/lib/main.dart`).
pub fn prose(text: &str, out: &mut Vec<Clue>) {
    text_clues(text, out);
    if memchr::memchr(b'/', text.as_bytes()).is_none() {
        return;
    }
    for c in PATH.captures_iter(text) {
        path_clues(&c[1], out);
    }
}

/// Link targets: their hosts.
pub fn link(url: &str, out: &mut Vec<Clue>) {
    if url.contains("://") {
        host_clues(url, Kind::Host, out);
    }
}

fn path_clues(path: &str, out: &mut Vec<Clue>) {
    if path.contains("//") || path.starts_with("http") {
        return;
    }
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segs.len() < 2 {
        return;
    }
    let lower = path.to_lowercase();
    if lower.contains(".github/workflows") {
        out.push(Clue::new(Kind::Path, vec![".github/workflows".into()]));
    }
    if let Some(last) = segs.last() {
        ext_clue(last, out);
    }
    for s in &segs[..segs.len() - 1] {
        if s.starts_with('.') || s.starts_with('@') || s.len() < 2 {
            continue;
        }
        let n = norm(s);
        let mut keys = vec![n.clone()];
        keys.extend(
            n.split(['-', '.'])
                .filter(|p| p.len() > 1)
                .map(str::to_string),
        );
        out.push(Clue::new(Kind::Path, dedup(keys)));
    }
}

fn ext_clue(file: &str, out: &mut Vec<Clue>) {
    if let Some((stem, ext)) = file.rsplit_once('.') {
        let ext = ext.to_lowercase();
        let ok = !stem.is_empty()
            && (1..=10).contains(&ext.len())
            && ext.starts_with(|c: char| c.is_ascii_lowercase())
            && ext.chars().all(|c| c.is_ascii_alphanumeric());
        if ok {
            out.push(Clue::new(Kind::Ext, vec![format!("ext:{ext}")]));
        }
    } else if file == "Dockerfile" || file == "Containerfile" {
        out.push(Clue::new(Kind::Ext, vec!["ext:dockerfile".into()]));
    }
}

static FILE_NAME: PerThread<Regex> = PerThread::new(|| re(r"^[\w.-]+\.[A-Za-z][A-Za-z0-9]{0,9}$"));
static PINNED: PerThread<Regex> = PerThread::new(|| re(r"^([A-Za-z][\w.-]*)(?:==|>=|~=|@\^?)v?\d"));

/// Clues of one inline code span: a command line (installs, programs), a
/// package or module name (`boto3`, `pytz.timezone()`, `gevent==25.9.1`), a
/// path or a file name.
pub fn inline_code(span: &str, out: &mut Vec<Clue>) {
    let s = span.trim();
    if s.is_empty() || s.len() > 300 {
        return;
    }
    text_clues(s, out);
    if s.contains(char::is_whitespace) {
        shell_line(s, Kind::Command, out);
        return;
    }
    // A bare scheme (`ws://`, `mqtts://`) in a list of protocols names
    // no library of that name.
    if s.ends_with("://") {
        return;
    }
    if s.contains('/') {
        path_clues(s, out);
        if !s.contains("://") {
            out.push(Clue::new(Kind::Inline, vec![norm(s)]));
        }
        return;
    }
    // A pin names its version after `==`, `>=`, `~=` or `@`.
    if let Some(c) = PINNED.captures(if s.contains(['=', '@']) { s } else { "" }) {
        push_keys(out, Kind::Inline, package_keys(&c[1], Eco::Any));
        return;
    }
    let head = s.split(['(', '<', '[', '{']).next().unwrap_or(s);
    let whole = norm(s);
    let mut keys = if head.len() == s.len() {
        vec![whole]
    } else {
        vec![whole, norm(head)]
    };
    let root = head.split("::").next().unwrap_or(head);
    if root.len() < head.len() {
        keys.push(norm(root));
    } else if let Some((first, _)) = head.split_once('.') {
        keys.extend(dotted_keys(head, false));
        keys.push(norm(first));
    }
    push_keys(out, Kind::Inline, dedup(keys));
    if s.contains('.') && FILE_NAME.is_match(s) {
        ext_clue(s, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(clues: &[Clue], kind: Kind) -> Vec<String> {
        clues
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| c.keys[0].clone())
            .collect()
    }

    fn block(lang: Option<&str>, text: &str) -> Vec<Clue> {
        let mut out = Vec::new();
        code_block(lang, text, &mut out, &mut Vec::new());
        out
    }

    #[test]
    fn comments_logs_and_client_objects() {
        let text = "const x = redisPool; // sent to Supabase\nawait supabase.from('t').update(x);\nimport os  # Redis next\n";
        let mut out = Vec::new();
        let mut names = Vec::new();
        code_block(Some("js"), text, &mut out, &mut names);
        assert_eq!(names, vec!["// sent to Supabase", "# Redis next"]);
        assert!(has(&out, Kind::Member, "supabase"));
        let mut names = Vec::new();
        code_block(
            None,
            "LlamaParse call failed\n",
            &mut Vec::new(),
            &mut names,
        );
        assert_eq!(names, vec!["LlamaParse call failed"]);
        // A URL is no comment.
        assert_eq!(comment("x = 'https://a.b/c'"), None);
    }

    fn has(clues: &[Clue], kind: Kind, key: &str) -> bool {
        clues
            .iter()
            .any(|c| c.kind == kind && c.keys.iter().any(|k| k == key))
    }

    #[test]
    fn imports_of_each_language() {
        let c = block(Some("python"), "import boto3\nfrom pytz import timezone\nfrom .local import x\nimport numpy as np, os\nfrom google.cloud import firestore\n");
        assert!(has(&c, Kind::Import, "boto3"));
        assert!(has(&c, Kind::Import, "pytz"));
        assert!(has(&c, Kind::Import, "numpy"));
        assert!(has(&c, Kind::Import, "google-cloud"));
        assert!(!c.iter().any(|c| c.keys.iter().any(|k| k.contains("local"))));
        let c = block(
            Some("rust"),
            "use dashmap::DashMap;\nuse std::sync::Arc;\nuse crate::x;\n",
        );
        assert_eq!(keys(&c, Kind::Import), vec!["dashmap"]);
        let c = block(Some("js"), "const x = require('express');\nimport { z } from \"zod\";\nimport a from './a';\nimport { createClient } from '@supabase/supabase-js';\n");
        assert!(has(&c, Kind::Import, "express"));
        assert!(has(&c, Kind::Import, "zod"));
        assert!(has(&c, Kind::Import, "@supabase/supabase-js"));
        assert!(!has(&c, Kind::Import, "./a"));
        let c = block(
            Some("go"),
            "import (\n\t\"fmt\"\n\tpgx \"github.com/jackc/pgx/v5\"\n)\n",
        );
        assert!(has(&c, Kind::Manifest, "pgx"));
        let c = block(Some("csharp"), "using Microsoft.EntityFrameworkCore;\n");
        assert!(has(&c, Kind::Import, "microsoft.entityframeworkcore"));
        let c = block(Some("java"), "import io.quarkus.runtime.Startup;\n");
        assert!(has(&c, Kind::Import, "io.quarkus"));
        let c = block(Some("dart"), "import 'package:flutter/material.dart';\n");
        assert!(has(&c, Kind::Import, "flutter"));
        let c = block(Some("c"), "#include \"freertos/FreeRTOS.h\"\n");
        assert!(has(&c, Kind::Import, "freertos/freertos.h"));
        let c = block(None, "   at Microsoft.EntityFrameworkCore.Query.Internal.X.MoveNext()\n#1 in dashmap::lock::RawRwLock::lock ()\n");
        assert!(has(&c, Kind::Import, "microsoft.entityframeworkcore"));
        assert!(has(&c, Kind::Import, "dashmap"));
        // Crashlytics' frames, without the `at`.
        let c = block(
            Some("java"),
            "Caused by java.lang.NullPointerException\nandroid.widget.ListView.setAdapter (ListView.java:486)\n",
        );
        assert!(has(&c, Kind::Import, "android"));
        // A call written in prose-like code is no frame.
        let c = block(Some("java"), "list.view.set(adapter) (see Main.java:4)\n");
        assert!(!has(&c, Kind::Import, "list"));
    }

    #[test]
    fn standard_library_imports_name_no_product() {
        let c = block(
            Some("python"),
            "import signal
import cmd, os.path
from logging.handlers import RotatingFileHandler
import sqlite3
import redis
",
        );
        assert_eq!(keys(&c, Kind::Import), vec!["sqlite3", "redis"]);
        let c = block(
            Some("js"),
            "const fs = require(\"fs\");\nimport { join } from 'node:path';\nimport crypto from 'crypto';\nconst pg = require('pg');\n",
        );
        assert_eq!(keys(&c, Kind::Import), vec!["pg"]);
        // Unmarked code: Kotlin's io.ktor is not Python's io.
        let c = block(
            None,
            "import io.ktor.server.engine.embeddedServer\nimport signal\n",
        );
        assert!(has(&c, Kind::Import, "io.ktor.server.engine"), "{c:?}");
        assert!(!has(&c, Kind::Import, "signal"));
        // The lists are searched by halves: they must stay sorted.
        assert!(PYTHON_STDLIB.windows(2).all(|w| w[0] < w[1]));
        assert!(NODE_BUILTINS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn every_spelling_of_a_dependency_section_opens_one() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "json",
                "{\n  \"devDependencies\": {\n    \"vitest\": \"1\"\n  }\n}\n",
                "vitest",
            ),
            (
                "json",
                "{\n  \"peerDependencies\": {\n    \"react\": \"18\"\n  }\n}\n",
                "react",
            ),
            (
                "json",
                "{\n  \"optionalDependencies\": {\n    \"fsevents\": \"2\"\n  }\n}\n",
                "fsevents",
            ),
            (
                "json",
                "{\n  \"require-dev\": {\n    \"phpunit/phpunit\": \"10\"\n  }\n}\n",
                "phpunit/phpunit",
            ),
            ("toml", "[dev-dependencies]\ninsta = \"1\"\n", "insta"),
            (
                "toml",
                "[workspace.dependencies]\nanyhow = \"1\"\n",
                "anyhow",
            ),
            ("toml", "[dependencies.serde]\nversion = \"1\"\n", "serde"),
            (
                "yaml",
                "name: app\ndev_dependencies:\n  mocktail: ^1.0.0\n",
                "mocktail",
            ),
            (
                "yaml",
                "name: app\ndependency_overrides:\n  intl: ^0.19.0\n",
                "intl",
            ),
        ];
        for (lang, text, want) in cases {
            let c = block(Some(lang), text);
            assert!(
                keys(&c, Kind::Manifest).iter().any(|k| k == want),
                "{text:?}: {c:?}"
            );
        }
    }

    #[test]
    fn manifests() {
        let c = block(Some("json"), "{\n  \"name\": \"app\",\n  \"dependencies\": {\n    \"next\": \"14.0.0\",\n    \"@prisma/client\": \"^5\"\n  },\n  \"scripts\": {\n    \"build\": \"next build\"\n  }\n}\n");
        let m = keys(&c, Kind::Manifest);
        assert_eq!(m, vec!["next", "@prisma/client"], "{c:?}");
        let c = block(
            None,
            "fastapi==0.110.0\ngevent>=23.9\nuvicorn[standard]==0.29\n",
        );
        assert_eq!(
            keys(&c, Kind::Manifest),
            vec!["fastapi", "gevent", "uvicorn"]
        );
        let c = block(Some("toml"), "[package]\nname = \"x\"\n\n[dependencies]\ntokio = { version = \"1\" }\nserde = \"1\"\n\n[features]\nfull = []\n");
        assert_eq!(keys(&c, Kind::Manifest), vec!["tokio", "serde"]);
        let c = block(
            None,
            "module x\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n)\n",
        );
        assert!(has(&c, Kind::Manifest, "github.com/gin-gonic/gin"));
        let c = block(Some("xml"), "<dependency>\n  <groupId>io.quarkus</groupId>\n  <artifactId>quarkus-core</artifactId>\n</dependency>\n");
        assert!(has(&c, Kind::Manifest, "io.quarkus"));
        let c = block(Some("kotlin"), "dependencies {\n    implementation(\"io.quarkus:gradle-application-plugin:3.24.4\")\n}\n");
        assert!(has(&c, Kind::Manifest, "io.quarkus"));
        let c = block(Some("ruby"), "gem 'sidekiq', '~> 7'\n");
        assert!(has(&c, Kind::Manifest, "sidekiq"));
        let c = block(
            Some("yaml"),
            "name: app\ndependencies:\n  flutter:\n    sdk: flutter\n  dio: ^5.0.0\n",
        );
        assert!(has(&c, Kind::Manifest, "flutter"));
        assert!(has(&c, Kind::Manifest, "dio"));
        let unknown = c
            .iter()
            .find(|c| c.keys[0] == "dio")
            .and_then(|c| c.package.clone());
        assert_eq!(unknown.as_deref(), Some("dio"));
    }

    #[test]
    fn install_commands() {
        let c = block(Some("bash"), "$ pip install -r requirements.txt llama-parse==0.4 'fastapi[all]>=0.1'\nnpm i -D @types/node vitest@1.2 && cargo add dashmap\nsudo apt-get install -y postgresql-client\nbrew install --cask docker\ngo get github.com/redis/go-redis/v9@latest\n");
        let got: Vec<Option<String>> = c
            .iter()
            .filter(|c| c.kind == Kind::Install)
            .map(|c| c.package.clone())
            .collect();
        let got: Vec<&str> = got.iter().map(|p| p.as_deref().unwrap_or("")).collect();
        // System packages (apt, brew) give keys only: never a name of their own.
        assert_eq!(
            got,
            vec![
                "llama-parse",
                "fastapi",
                "vitest",
                "dashmap",
                "",
                "",
                "github.com/redis/go-redis/v9"
            ]
        );
        let pg = c.iter().find(|c| c.keys[0] == "postgresql-client").unwrap();
        assert!(pg.keys.contains(&"postgresql".to_string()));
        assert!(has(&c, Kind::Command, "pip"));
        // Inline: the same readers.
        let mut out = Vec::new();
        inline_code("pip install gevent", &mut out);
        assert!(has(&out, Kind::Install, "gevent"));
    }

    #[test]
    fn container_images() {
        let c = block(
            Some("dockerfile"),
            "FROM --platform=linux/amd64 python:3.12-slim AS base\nRUN pip install uv\n",
        );
        assert!(has(&c, Kind::Image, "python"));
        assert!(has(&c, Kind::Install, "uv"));
        let c = block(Some("yaml"), "services:\n  db:\n    image: postgres:15\n  cache:\n    image: \"docker.io/bitnami/redis:7.2\"\n");
        assert!(has(&c, Kind::Image, "postgres"));
        assert!(has(&c, Kind::Image, "bitnami/redis"));
        let c = block(Some("sql"), "SELECT *\nFROM users u\n");
        assert!(keys(&c, Kind::Image).is_empty());
    }

    #[test]
    fn kubernetes_objects() {
        let c = block(
            Some("yaml"),
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n",
        );
        assert!(has(&c, Kind::K8s, "kubernetes"));
        let c = block(
            Some("yaml"),
            "apiVersion: traefik.containo.us/v1alpha1\nkind: IngressRoute\n",
        );
        assert!(has(&c, Kind::K8s, "k8s:traefik.containo.us"));
        // A compose file has a kind of nothing.
        let c = block(Some("yaml"), "version: '3'\nkind: thing\n");
        assert!(keys(&c, Kind::K8s).is_empty());
    }

    #[test]
    fn cloud_services() {
        let c = block(Some("bash"), "aws athena start-query-execution --query-string x\ngcloud run deploy api --region x\naz webapp up\n");
        assert!(has(&c, Kind::Cloud, "aws:athena"));
        assert!(has(&c, Kind::Cloud, "gcp:run"));
        assert!(has(&c, Kind::Cloud, "az:webapp"));
        let c = block(Some("hcl"), "resource \"aws_lambda_function\" \"f\" {\n  role = \"arn:aws:iam::123:role/x\"\n}\nresource \"google_cloud_run_v2_service\" \"s\" {}\n");
        assert!(has(&c, Kind::Cloud, "aws:lambda"));
        assert!(has(&c, Kind::Cloud, "aws:iam"));
        assert!(has(&c, Kind::Cloud, "gcp:run"));
        let c = block(
            Some("python"),
            "s3 = boto3.client('s3')\nathena = boto3.client(\"athena\")\n",
        );
        assert!(has(&c, Kind::Cloud, "aws:athena"));
        let mut out = Vec::new();
        prose("Uploads go to https://my-bucket.s3.us-west-2.amazonaws.com/x and postgres://u@db.abc.supabase.co:5432/postgres", &mut out);
        assert!(has(&out, Kind::Host, "aws:s3"));
        assert!(has(&out, Kind::Host, "host:supabase.co"));
        assert!(has(&out, Kind::Dsn, "postgresql"));
    }

    #[test]
    fn fences_commands_and_paths() {
        let c = block(Some("fsharp title=x"), "let x = 1\n");
        assert_eq!(keys(&c, Kind::Fence), vec!["fsharp"]);
        let c = block(
            Some("bash"),
            "nextflow run . -profile docker\n# a comment\nForge output\n",
        );
        assert!(has(&c, Kind::Command, "nextflow"));
        assert!(!has(&c, Kind::Command, "forge"));
        // Without a language a line may be output: no ordinary words.
        let c = block(None, "go to the settings page\n");
        assert!(keys(&c, Kind::Command).is_empty());
        assert!(has(&c, Kind::Inline, "go"));
        // Python code runs no commands.
        let c = block(Some("python"), "print(x)\nterraform = 1\n");
        assert!(keys(&c, Kind::Command).is_empty());
        let mut out = Vec::new();
        prose(
            "See flutter_app/lib/providers/timeline_provider.dart and https://x.io/a/b.py",
            &mut out,
        );
        assert!(has(&out, Kind::Path, "flutter-app"));
        assert!(out
            .iter()
            .any(|c| c.kind == Kind::Path && c.keys.contains(&"flutter".to_string())));
        assert_eq!(keys(&out, Kind::Ext), vec!["ext:dart"]);
        let mut out = Vec::new();
        inline_code("pytz.timezone()", &mut out);
        assert!(out
            .iter()
            .any(|c| c.kind == Kind::Inline && c.keys.contains(&"pytz".to_string())));
        // A bare scheme is no name or path (a DSN's scheme still tells
        // its protocol); the library's own name is one.
        for scheme in ["ws://", "mqtts://", "wss://"] {
            let mut out = Vec::new();
            inline_code(scheme, &mut out);
            assert!(
                out.iter()
                    .all(|c| !matches!(c.kind, Kind::Inline | Kind::Path)),
                "{scheme}: {out:?}"
            );
        }
        let mut out = Vec::new();
        inline_code("ws", &mut out);
        assert!(has(&out, Kind::Inline, "ws"));
    }

    #[test]
    fn urls_after_any_character() {
        // Right after a CJK word (the Unicode word boundary missed it);
        // after an emoji and among dashes, where it slowed the search.
        for text in [
            "详见https://pkg.jenkins.io/debian 的说明",
            "🚨 https://pkg.jenkins.io/debian — down",
            "down (see https://pkg.jenkins.io/debian)",
        ] {
            let mut out = Vec::new();
            prose(text, &mut out);
            assert!(
                has(&out, Kind::Host, "host:pkg.jenkins.io"),
                "{text}: {out:?}"
            );
        }
    }
}
