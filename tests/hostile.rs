//! Hostile reports as a user's build meets them: names too long for a file
//! system. Each must build, with every page under the output folder.

use assert_cmd::Command;
use std::fs;

fn incidex() -> Command {
    Command::cargo_bin("incidex").expect("binary built")
}

#[test]
fn names_longer_than_a_file_name_still_build() {
    let dir = tempfile::tempdir().expect("tmp");
    let content = dir.path().join("content");
    fs::create_dir_all(&content).expect("mkdir");
    let long = "very-long-name-".repeat(30); // 450 bytes
    fs::write(
        content.join("long.md"),
        format!(
            "---\nid: {long}\ntitle: Long names\ndate: 2025-01-02\ntags: [{long}]\nservices: [{long}]\ntechnologies: [{long}]\n---\n\n# Long names\n\n## Root Cause\n\nNames.\n"
        ),
    )
    .expect("write");
    fs::write(
        content.join("sentinel.md"),
        "# Sentinel report\n\n## Root Cause\n\nNothing odd.\n",
    )
    .expect("write");
    incidex()
        .arg("--root")
        .arg(dir.path())
        .arg("check")
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "content/long.md:1:1: warning: id is longer than 96 bytes; it is published as `very-long-name-",
        ));
    incidex()
        .arg("--root")
        .arg(dir.path())
        .args(["build", "-q"])
        .assert()
        .success();
    let public = dir.path().join("public");
    for entry in walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy();
        assert!(name.len() <= 255, "{name}");
    }
    let pages: Vec<String> = walkdir::WalkDir::new(public.join("incidents"))
        .min_depth(1)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(pages.len(), 2, "{pages:?}");
    assert!(pages.iter().any(|p| p.starts_with("very-long-name")));
    assert!(public.join("incidents/sentinel/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn links_pipes_and_devices_are_named_never_followed_outside() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tmp");
    let content = dir.path().join("content");
    fs::create_dir_all(&content).expect("mkdir");
    let outside = tempfile::tempdir().expect("tmp");
    fs::write(
        outside.path().join("secret.md"),
        "# Secret outside\n\n## Root Cause\n\nleak\n",
    )
    .expect("write");
    fs::write(
        content.join("real.md"),
        "# Real report\n\n## Root Cause\n\nx\n",
    )
    .expect("write");
    symlink(outside.path().join("secret.md"), content.join("outside.md")).expect("link");
    symlink(outside.path(), content.join("outside-dir")).expect("link");
    symlink(content.join("missing.md"), content.join("dangling.md")).expect("link");
    symlink(content.join("loop-b.md"), content.join("loop-a.md")).expect("link");
    symlink(content.join("loop-a.md"), content.join("loop-b.md")).expect("link");
    symlink("/dev/zero", content.join("zero.md")).expect("link");
    symlink(content.join("real.md"), content.join("alias.md")).expect("link");
    let fifo = std::process::Command::new("mkfifo")
        .arg(content.join("pipe.md"))
        .status()
        .is_ok_and(|s| s.success());

    let out = incidex()
        .arg("--root")
        .arg(dir.path())
        .arg("check")
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    for name in [
        "outside.md",
        "outside-dir",
        "dangling.md",
        "loop-a.md",
        "zero.md",
    ] {
        assert!(
            stderr.contains(&format!("content/{name}:1:1: warning:")),
            "{name} is named:\n{stderr}"
        );
    }
    if fifo {
        assert!(
            stderr.contains("content/pipe.md:1:1: warning: not a regular file"),
            "{stderr}"
        );
    }
    incidex()
        .arg("--root")
        .arg(dir.path())
        .args(["build", "-q"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success();
    let public = dir.path().join("public");
    assert!(public.join("incidents/real/index.html").is_file());
    assert!(
        public.join("incidents/alias/index.html").is_file(),
        "a link inside is read"
    );
    let everything = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| fs::read_to_string(e.path()).unwrap_or_default())
        .collect::<String>();
    assert!(
        !everything.contains("Secret outside"),
        "nothing outside is read"
    );
}

// ---------------------------------------------------------------------------
// Generated hostile reports: several hundred files no one would write on
// purpose (broken encodings, pathological nesting, front matter of every
// wrong type, traversal-looking ids, bombs, huge inputs). Each is built in a
// knowledge base beside a good sentinel report; the build must end with a
// status (0 or 1, never a signal or a timeout), the sentinel must still get
// its page, the hostile file must either get a page or be named in stderr,
// and nothing outside the knowledge base's own folders may be touched.
// ---------------------------------------------------------------------------

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, Instant};

/// Debug builds are slow; a stall shows up as a kill after this.
const TIMEOUT: Duration = Duration::from_secs(90);
const SENTINEL: &str = "---\ntitle: Sentinel report\ndate: 2025-01-02\n---\n\n# Sentinel report\n\n## Root Cause\n\nNothing odd.\n\n## Fix\n\nNothing to do.\n";

/// A small deterministic generator, so a failing case is the same every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| (self.next() >> 24) as u8).collect()
    }
}

const GOOD_BODY: &str = "# Checkout ran out of connections\n\n## Summary\n\nThe pool was too small. ✅ done\n\n## Root Cause\n\nA leak.\n\n## Fix\n\nClosed it.\n\n## Lessons Learned\n\n- Watch the pool\n";

fn utf16(s: &str, bom: bool, big: bool) -> Vec<u8> {
    let mut units: Vec<u16> = Vec::new();
    if bom {
        units.push(0xFEFF);
    }
    units.extend(s.encode_utf16());
    units
        .iter()
        .flat_map(|u| {
            if big {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

fn utf32(s: &str, big: bool) -> Vec<u8> {
    std::iter::once('\u{FEFF}')
        .chain(s.chars())
        .flat_map(|c| {
            if big {
                (c as u32).to_be_bytes()
            } else {
                (c as u32).to_le_bytes()
            }
        })
        .collect()
}

/// A value of the wrong type for a front matter key, as YAML.
const YAML_WRONG: &[(&str, &str)] = &[
    ("list", "[a, [b, c], {d: e}]"),
    ("map", "{a: 1, b: [2, 3], c: {d: null}}"),
    ("number", "-1.5e309"),
    ("null", "null"),
    ("bool", "true"),
    ("block", "\n  nested:\n    - deep: [1, 2]\n    - ~"),
];
const TOML_WRONG: &[(&str, &str)] = &[
    ("list", "[1, \"a\", [true]]"),
    ("map", "{ a = 1, b = [2] }"),
    ("number", "-9223372036854775808"),
    ("bool", "false"),
    ("date", "1979-05-27T07:32:00Z"),
];
const JSON_WRONG: &[(&str, &str)] = &[
    ("list", "[1, \"a\", [null]]"),
    ("map", "{\"a\": {\"b\": [1]}}"),
    ("number", "1e400"),
    ("null", "null"),
    ("bool", "false"),
];
const KEYS: &[&str] = &[
    "title",
    "date",
    "tags",
    "services",
    "technologies",
    "severity",
    "status",
    "references",
    "lessons",
    "action_items",
    "id",
    "slug",
    "summary",
];
const TRAVERSAL: &[&str] = &[
    "../../x",
    "..",
    ".",
    "/abs",
    "/etc/passwd",
    "a/b",
    "%2e%2e",
    "%2e%2e%2f%2e%2e%2fx",
    "C:\\\\x",
    "\\\\\\\\server\\\\share",
    "con",
    "nul",
    "aux.md",
    "\u{2024}\u{2024}",
    "\u{FF0E}\u{FF0E}/x",
    "~",
    "-rf",
    "index.html",
    "",
];

/// Text payloads placed at several positions of a report.
fn text_payloads() -> Vec<(&'static str, String)> {
    let deep = 10_000;
    vec![
        ("quotes", format!("{}x", "> ".repeat(deep))),
        (
            "quotes-lines",
            (0..deep)
                .map(|i| format!("{}x\n", ">".repeat(i % 200 + 1)))
                .collect(),
        ),
        ("lists", format!("{}x", "- ".repeat(deep))),
        ("olists", format!("{}x", "1. ".repeat(deep))),
        (
            "brackets",
            format!("{}x{}", "[".repeat(deep), "](y)".repeat(deep / 10)),
        ),
        (
            "emphasis",
            format!("{}x{}", "*".repeat(deep), "_".repeat(deep)),
        ),
        (
            "backticks",
            format!("{}x\n{}", "`".repeat(deep), "``` `".repeat(deep / 5)),
        ),
        ("divs", format!("{}x", "<div>".repeat(deep))),
        ("html-mix", "<table><tr><td><div><span><a><b>".repeat(2_000)),
        (
            "unclosed-fence",
            "```python\ndef f():\n    raise ValueError('x')\n".repeat(50),
        ),
        ("unclosed-tilde", "~~~~\nERROR: never closed\n".to_string()),
        (
            "fence-info",
            format!("```{}\nERROR: x\n```\n", "a".repeat(100_000)),
        ),
        (
            "fence-info-ws",
            format!("``` {} \nx\n```\n", "\u{3000}-{}`".repeat(20_000)),
        ),
        (
            "controls",
            "Title \u{7} bell \u{1b}[31m red \u{0} nul \u{8}\u{c}\u{7f} end".to_string(),
        ),
        (
            "mojibake",
            "‚úÖ Fixed ‚Äî √© âœ… ðŸš€ Ã©Ã¨ Â ï»¿ \u{FFFD}\u{FFFD} Ã¢â‚¬â„¢".repeat(200),
        ),
        (
            "table-1000",
            format!(
                "|{}|\n|{}\n|{}\n",
                (0..1000)
                    .map(|i| format!("c{i}"))
                    .collect::<Vec<_>>()
                    .join("|"),
                "---|".repeat(1000),
                "x|".repeat(1000)
            ),
        ),
        (
            "entities",
            "&#0; &#x110000; &#xD800; &#99999999999; &amp &lt;&gt; &nosuch;".repeat(100),
        ),
        (
            "link-defs",
            (0..2000)
                .map(|i| format!("[d{i}]: <{}>\n", "(".repeat(i % 50)))
                .collect(),
        ),
    ]
}

/// Every generated hostile report: (label, bytes).
fn hostile_cases() -> Vec<(String, Vec<u8>)> {
    let mut cases: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |label: &str, bytes: Vec<u8>| cases.push((label.to_string(), bytes));

    // Bytes and encodings.
    add("empty", Vec::new());
    for (i, ws) in [
        " ",
        "\n\n\n",
        "\t \r\n \u{b}\u{c}",
        "\u{a0}\u{2003}\u{3000}\n",
        "\u{FEFF}",
        "\u{FEFF}\u{FEFF}\n \n",
    ]
    .iter()
    .enumerate()
    {
        add(&format!("ws{i}"), ws.as_bytes().to_vec());
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for (i, n) in [1, 2, 3, 17, 255, 4096, 65_536, 300_000].iter().enumerate() {
        add(&format!("binary{i}"), rng.bytes(*n));
    }
    add("nul-only", vec![0; 10_000]);
    add("nul-body", b"# A\0B\n\n## Root Cause\n\n\0\0x\0\n".to_vec());
    add(
        "nul-fm",
        b"---\ntitle: \"a\0b\"\n\0: 1\n---\n# x\n".to_vec(),
    );
    add("nul-heading", b"#\0\0\0\n\0## \0Root Cause\0\n".to_vec());
    for (i, bad) in [
        &b"\x80\x81\xfe\xff"[..],
        b"\xc0\xaf\xe0\x80\xaf",
        b"\xed\xa0\x80\xed\xbf\xbf",
        b"\xf4\x90\x80\x80\xf5\xff",
        b"\xe2\x82",
        b"\xf0\x9f\x98",
        b"\xef\xbb\xbf\xff\xfe",
        b"\xc3",
    ]
    .iter()
    .enumerate()
    {
        let mut v = b"---\ntitle: bad \xff bytes\n---\n# Bad ".to_vec();
        v.extend_from_slice(bad);
        v.extend_from_slice(b"\n\n## Root Cause\n\n");
        v.extend_from_slice(bad);
        v.extend_from_slice(b"\n");
        add(&format!("utf8-bad{i}"), v);
        add(&format!("utf8-start{i}"), bad.to_vec());
    }
    for big in [false, true] {
        for bom in [false, true] {
            let mut v = utf16(GOOD_BODY, bom, big);
            add(&format!("utf16-{big}-{bom}"), v.clone());
            v.push(0x41);
            add(&format!("utf16-odd-{big}-{bom}"), v);
        }
        add(&format!("utf16-lone-surrogate-{big}"), {
            let mut v = utf16("# x", true, big);
            v.extend(if big { [0xD8, 0x00] } else { [0x00, 0xD8] });
            v
        });
        add(&format!("utf32-{big}"), utf32(GOOD_BODY, big));
        add(
            &format!("utf32-trunc-{big}"),
            utf32(GOOD_BODY, big)[..11].to_vec(),
        );
    }
    add("cr-only", GOOD_BODY.replace('\n', "\r").into_bytes());
    add("crlf", GOOD_BODY.replace('\n', "\r\n").into_bytes());
    add(
        "mixed-eol",
        GOOD_BODY.replace("\n\n", "\r\n\r").into_bytes(),
    );
    add(
        "cr-fm",
        "---\rtitle: x\rdate: 2025-01-01\r---\r# x\r"
            .as_bytes()
            .to_vec(),
    );
    add("lone-dashes", b"---".to_vec());
    add("fm-unclosed", b"---\ntitle: x\n".to_vec());

    // Text payloads in several positions, each also with CRLF endings.
    for (name, p) in text_payloads() {
        let positions = [
            ("alone", p.clone()),
            (
                "section",
                format!("# Report\n\n## Root Cause\n\n{p}\n\n## Fix\n\nok\n"),
            ),
            (
                "list",
                format!("# Report\n\n## Lessons Learned\n\n- {p}\n- after\n"),
            ),
            ("heading", format!("## {p}\n\nbody\n")),
            (
                "after-fm",
                format!("---\ntitle: payload {name}\ndate: 2025-03-04\n---\n{p}\n"),
            ),
            (
                "crlf",
                format!(
                    "# R\r\n\r\n## Errors\r\n\r\n{}\r\n",
                    p.replace('\n', "\r\n")
                ),
            ),
        ];
        for (pos, text) in positions {
            add(&format!("{name}-{pos}"), text.into_bytes());
        }
    }

    // Front matter of every wrong type for every key, in YAML, TOML and JSON.
    for key in KEYS {
        for (kind, v) in YAML_WRONG {
            add(
                &format!("yaml-{key}-{kind}"),
                format!("---\n{key}: {v}\n---\n{GOOD_BODY}").into_bytes(),
            );
        }
        for (kind, v) in TOML_WRONG {
            add(
                &format!("toml-{key}-{kind}"),
                format!("+++\n{key} = {v}\n+++\n{GOOD_BODY}").into_bytes(),
            );
        }
        for (kind, v) in JSON_WRONG {
            add(
                &format!("json-{key}-{kind}"),
                format!("{{\"{key}\": {v}}}\n{GOOD_BODY}").into_bytes(),
            );
        }
    }

    // Impossible dates, as front matter and as a bold line.
    for (i, d) in [
        "2025-02-30",
        "2025-13-01",
        "0000-00-00",
        "99999-01-01",
        "-0001-01-01",
        "2023-02-29",
        "2025-01-01T25:61:61Z",
        "1e10",
        "yesterday",
        "2025-00-10",
        "9999-12-31T23:59:60+99:99",
        "2025-1-1-1-1",
    ]
    .iter()
    .enumerate()
    {
        add(
            &format!("date-fm{i}"),
            format!("---\ndate: {d}\n---\n{GOOD_BODY}").into_bytes(),
        );
        add(
            &format!("date-bold{i}"),
            format!("# Dated\n\n**Date**: {d}\n\n## Root Cause\n\nx\n").into_bytes(),
        );
    }

    // Traversal-looking ids and slugs, and the same words as names.
    let long_id = "a".repeat(1000);
    for (i, t) in TRAVERSAL
        .iter()
        .copied()
        .chain([long_id.as_str(), "../".repeat(300).as_str()])
        .enumerate()
    {
        for key in ["id", "slug"] {
            add(
                &format!("trav-{key}{i}"),
                format!("---\n{key}: \"{t}\"\n---\n{GOOD_BODY}").into_bytes(),
            );
        }
        add(&format!("trav-names{i}"), format!("---\ntitle: \"{t}\"\ntags: [\"{t}\"]\nservices: [\"{t}\"]\ntechnologies: [\"{t}\"]\n---\n# {t}\n").into_bytes());
    }

    // Front matter bombs and broken front matter.
    let alias_bomb = "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ntags: *h\ntitle: *h\n";
    add(
        "yaml-alias-bomb",
        format!("---\n{alias_bomb}---\n# Bomb\n").into_bytes(),
    );
    add(
        "yaml-merge-bomb",
        format!(
            "---\nbase: &b {{x: 1}}\n{}title: *b\n---\n# Merge\n",
            (0..500)
                .map(|i| format!("k{i}: {{<<: *b}}\n"))
                .collect::<String>()
        )
        .into_bytes(),
    );
    add(
        "yaml-deep-seq",
        format!(
            "---\ntags: {}{}\n---\n# x\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        )
        .into_bytes(),
    );
    add(
        "yaml-deep-map",
        format!(
            "---\ntitle: {}{}\n---\n# x\n",
            "{a: ".repeat(10_000),
            "}".repeat(10_000)
        )
        .into_bytes(),
    );
    add(
        "yaml-deep-unclosed",
        format!("---\ntags: {}\n---\n# x\n", "[{".repeat(10_000)).into_bytes(),
    );
    add(
        "yaml-deep-indent",
        format!(
            "---\n{}\n---\n# x\n",
            (0..2_000)
                .map(|i| format!("{}k:", " ".repeat(i)))
                .collect::<Vec<_>>()
                .join("\n")
        )
        .into_bytes(),
    );
    add(
        "yaml-100kb",
        format!(
            "---\ntitle: big\nlessons:\n{}---\n# Big\n",
            "  - a lesson that goes on and on\n".repeat(3_300)
        )
        .into_bytes(),
    );
    add(
        "yaml-100kb-string",
        format!("---\ntitle: \"{}\"\n---\n# Big\n", "x".repeat(100_000)).into_bytes(),
    );
    add("yaml-tags", b"---\ntitle: !!binary aGVsbG8=\ndate: !!timestamp 2025-01-01\ntags: !custom [a]\nid: !!python/object:os.system x\n---\n# t\n".to_vec());
    add(
        "yaml-dup-keys",
        b"---\ntitle: a\ntitle: b\nid: x\nid: y\n---\n# t\n".to_vec(),
    );
    add("yaml-tabs", b"---\n\ttitle: x\n---\n# t\n".to_vec());
    add("toml-bad", b"+++\ntitle = \nx = [1,\n+++\n# t\n".to_vec());
    add("toml-unclosed", b"+++\ntitle = \"x\"\n".to_vec());
    add(
        "toml-deep",
        format!(
            "+++\ntags = {}{}\n+++\n# t\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        )
        .into_bytes(),
    );
    add(
        "toml-deep-table",
        format!(
            "+++\nt = {}1{}\n+++\n# t\n",
            "{a = ".repeat(5_000),
            "}".repeat(5_000)
        )
        .into_bytes(),
    );
    add("json-bad", b"{\n\"title\": \"x\",\n# t\n".to_vec());
    add("json-open", b"{".to_vec());
    add(
        "json-deep",
        format!("{}{}\n# t\n", "{\"a\":".repeat(10_000), "}".repeat(10_000)).into_bytes(),
    );
    add(
        "json-deep-arr",
        format!(
            "{{\"tags\": {}{}}}\n# t\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        )
        .into_bytes(),
    );

    // Control characters in front matter fields (YAML escapes write them raw).
    for (i, c) in ["\\a", "\\e", "\\0", "\\x01\\x7f\\u200b\\u202e"]
        .iter()
        .enumerate()
    {
        for key in ["title", "summary"] {
            add(
                &format!("ctl-{key}{i}"),
                format!("---\n{key}: \"A {c} B\"\n---\n{GOOD_BODY}").into_bytes(),
            );
        }
        for key in ["tags", "services", "technologies"] {
            add(
                &format!("ctl-{key}{i}"),
                format!("---\n{key}: [\"t{c}g\", \"{c}\"]\n---\n{GOOD_BODY}").into_bytes(),
            );
        }
    }

    // Large, slow-to-process inputs.
    add(
        "heavy-headings-100k",
        (0..100_000)
            .map(|i| format!("## H{i}\n"))
            .collect::<String>()
            .into_bytes(),
    );
    add(
        "heavy-line-2mb",
        format!("# Line\n\n{}\n", "word ".repeat(420_000)).into_bytes(),
    );
    add("heavy-line-5mb", vec![b'a'; 5 * 1024 * 1024]);
    add(
        "heavy-links-10k",
        (0..10_000)
            .map(|i| format!("- [l{i}](https://e.com/{i})\n"))
            .collect::<String>()
            .into_bytes(),
    );
    cases
}

/// Names of everything directly inside `dir`.
fn entries(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Runs `args` under the timeout and returns (status code, stdout, stderr);
/// a signal or a timeout fails the test here, naming the files.
fn run(root: &Path, args: &[&str], what: &str) -> (i32, Vec<u8>, String) {
    let out = incidex()
        .arg("--root")
        .arg(root)
        .args(args)
        .timeout(TIMEOUT)
        .output()
        .unwrap_or_else(|e| panic!("{what}: {args:?} did not run: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "{what}: {args:?} ended with {:?} (signal or timeout)\n{}",
        out.status,
        stderr.chars().take(2000).collect::<String>()
    );
    (code.unwrap_or(-1), out.stdout, stderr)
}

/// Builds one knowledge base holding `batch` and the sentinel and checks
/// every invariant; `n` picks which extra commands run.
fn check_batch(n: usize, batch: &[(String, Vec<u8>)]) {
    let outer = tempfile::tempdir().expect("tmp");
    let root = outer.path().join("kb");
    let content = root.join("content");
    fs::create_dir_all(&content).expect("mkdir");
    fs::write(outer.path().join("canary-beside.txt"), "beside").expect("write");
    fs::write(root.join("canary-inside.txt"), "inside").expect("write");
    fs::write(content.join("sentinel.md"), SENTINEL).expect("write");
    let names: Vec<String> = batch
        .iter()
        .enumerate()
        .map(|(i, (label, bytes))| {
            let name = format!(
                "h{n:03}-{i}-{}.md",
                label.chars().take(40).collect::<String>()
            );
            fs::write(content.join(&name), bytes).expect("write");
            name
        })
        .collect();
    let what = format!("batch {n} {names:?}");

    let (_, _, stderr) = run(&root, &["build", "-q"], &what);
    let public = root.join("public");
    assert!(
        public.join("incidents/sentinel/index.html").is_file(),
        "{what}: the sentinel lost its page\n{stderr}"
    );
    let json = fs::read(public.join("api/incidents.json")).expect("api json");
    let incidents: serde_json::Value = serde_json::from_slice(&json).expect("api json parses");
    let mut built: BTreeMap<String, String> = BTreeMap::new();
    for inc in incidents.as_array().expect("array") {
        if let (Some(s), Some(u)) = (inc["source"].as_str(), inc["url"].as_str()) {
            built.insert(s.to_string(), u.to_string());
        }
    }
    for name in &names {
        let source = format!("content/{name}");
        let page = built
            .get(&source)
            .map(|u| public.join(u.trim_start_matches('/')).join("index.html"));
        let has_page = page.as_ref().is_some_and(|p| {
            p.is_file() && p.starts_with(public.join("incidents")) && !u_has_dots(p)
        });
        assert!(
            has_page || stderr.contains(&source),
            "{what}: {source} neither built ({page:?}) nor reported\n{}",
            stderr.chars().take(2000).collect::<String>()
        );
    }
    if n.is_multiple_of(4) {
        run(&root, &["check"], &what);
    }
    if n.is_multiple_of(3) {
        let file = content.join(&names[0]);
        let (code, stdout, _) = run(
            &root,
            &["show", "--json", file.to_str().expect("utf8")],
            &what,
        );
        if code == 0 {
            serde_json::from_slice::<serde_json::Value>(&stdout)
                .unwrap_or_else(|e| panic!("{what}: show --json is not JSON: {e}"));
        }
    }

    // Nothing outside the knowledge base's own folders was made or changed.
    assert_eq!(
        entries(outer.path()),
        BTreeSet::from(["canary-beside.txt".to_string(), "kb".to_string()]),
        "{what}"
    );
    let allowed = [
        "content",
        "public",
        ".incidex",
        "incidex.toml",
        "canary-inside.txt",
    ];
    for e in entries(&root) {
        assert!(allowed.contains(&e.as_str()), "{what}: created {e}");
    }
    assert_eq!(
        fs::read_to_string(outer.path().join("canary-beside.txt")).expect("canary"),
        "beside"
    );
    assert_eq!(
        fs::read_to_string(root.join("canary-inside.txt")).expect("canary"),
        "inside"
    );
    for (name, (_, bytes)) in names.iter().zip(batch) {
        assert_eq!(
            &fs::read(content.join(name)).expect("report kept"),
            bytes,
            "{what}: {name} changed"
        );
    }
}

/// True when a path has a `..` component (a page written outside its folder).
fn u_has_dots(p: &Path) -> bool {
    p.components()
        .any(|c| matches!(c, std::path::Component::ParentDir))
}

#[test]
fn generated_hostile_reports_never_crash_stall_or_block_a_build() {
    let cases = hostile_cases();
    let total = cases.len();
    assert!(total >= 300, "{total} cases");
    // Big files alone (they are slow in debug builds), the rest eight to a
    // knowledge base; each file's fate is still checked on its own.
    let (heavy, light): (Vec<_>, Vec<_>) = cases.into_iter().partition(|(_, b)| b.len() > 400_000);
    let mut batches: Vec<Vec<(String, Vec<u8>)>> = heavy.into_iter().map(|c| vec![c]).collect();
    batches.extend(light.chunks(8).map(<[_]>::to_vec));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(batch) = batches.get(i) else { break };
                check_batch(i, batch);
            });
        }
    });
    eprintln!(
        "{total} reports in {} batches in {:?}",
        batches.len(),
        start.elapsed()
    );
}
