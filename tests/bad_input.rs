//! Bad input: every kind gets a clear diagnostic or is handled, never a
//! panic or a hang, and never hides the other reports.

use incidex::config::Config;
use incidex::load;
use std::fs;
use std::time::{Duration, Instant};

fn load_one(name: &str, bytes: &[u8], config: &Config) -> (load::Loaded, Duration) {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join("content")).expect("mkdir");
    fs::write(dir.path().join("content").join(name), bytes).expect("write");
    fs::write(
        dir.path().join("content/zz-good.md"),
        "# Good report\n\n## Root Cause\n\nA bug.\n",
    )
    .expect("write");
    let started = Instant::now();
    let loaded = load::load(dir.path(), config);
    (loaded, started.elapsed())
}

fn messages(loaded: &load::Loaded) -> Vec<String> {
    loaded.diagnostics.iter().map(|d| d.to_string()).collect()
}

/// Each case: file bytes, and a fragment the diagnostics must contain
/// (`None` when the file is simply read).
#[test]
fn bad_inputs_table() {
    let alias_bomb = {
        let mut y =
            String::from("---\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        let mut prev = 'a';
        for name in 'b'..='j' {
            let refs = vec![format!("*{prev}"); 9].join(",");
            y.push_str(&format!("{name}: &{name} [{refs}]\n"));
            prev = name;
        }
        y.push_str("---\n# Bomb\n");
        y.into_bytes()
    };
    let nested: Vec<u8> = (0..10_000)
        .flat_map(|i| format!("{}- x\n", "  ".repeat(i)).into_bytes())
        .collect();
    let long_line: Vec<u8> = {
        let mut v = b"# Long\n\n".to_vec();
        v.extend(std::iter::repeat_n(b"word error: ".as_slice(), 5_000_000 / 12).flatten());
        v.push(b'\n');
        v
    };
    let cases: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
        (
            "empty.md",
            vec![],
            Some("empty.md:1:1: warning: empty report"),
        ),
        (
            "only-fm.md",
            b"---\ntitle: Only front matter\n---\n".to_vec(),
            None,
        ),
        (
            "invalid-yaml.md",
            b"---\ntitle: [unclosed\n---\n# x\n".to_vec(),
            Some("invalid-yaml.md:3:1: error: invalid front matter"),
        ),
        ("bomb.md", alias_bomb, Some("bomb.md:")),
        (
            "binary.md",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00".to_vec(),
            Some("binary file"),
        ),
        (
            "unclosed.md",
            b"# Unclosed\n\n```python\nx = 1\n".to_vec(),
            Some("unclosed.md:3:1: warning: code block is never closed"),
        ),
        ("nested.md", nested, None),
        ("long-line.md", long_line, None),
        (
            "bad-utf8.md",
            b"# T\n\nbad \xff\xfe byte\n".to_vec(),
            Some("invalid UTF-8 at byte offset 9"),
        ),
        (
            "bom-crlf.md",
            b"\xEF\xBB\xBF# Title\r\n\r\n**Date**: 2025-01-02\r\n".to_vec(),
            None,
        ),
    ];
    let config = Config::default();
    for (name, bytes, want) in cases {
        let (loaded, took) = load_one(name, &bytes, &config);
        let msgs = messages(&loaded);
        assert!(took < Duration::from_secs(60), "{name} took {took:?}");
        if let Some(want) = want {
            assert!(
                msgs.iter().any(|m| m.contains(want)),
                "{name}: want {want:?} in {msgs:#?}"
            );
        }
        assert!(
            loaded.incidents.iter().any(|i| i.title == "Good report"),
            "{name} hid the good report"
        );
    }
}

#[test]
fn files_over_the_size_limit_are_refused() {
    let config = Config {
        max_file_bytes: 100,
        ..Config::default()
    };
    let (loaded, _) = load_one("big.md", &vec![b'a'; 500], &config);
    assert!(messages(&loaded)
        .iter()
        .any(|m| m.contains("big.md:1:1: error: file is 500 bytes, over max_file_bytes (100)")));
}

#[test]
fn utf16_and_mojibake_reports_read_cleanly() {
    let text = "# Fix ✅\n\n**Date**: 2025-01-02\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let (loaded, _) = load_one("utf16.md", &utf16, &Config::default());
    let inc = loaded
        .incidents
        .iter()
        .find(|i| i.source.ends_with("utf16.md"))
        .expect("read");
    assert_eq!(inc.title, "Fix");
    assert_eq!(inc.date.as_deref(), Some("2025-01-02"));

    let mojibake = "# Deploy fix\n\n**Status**: ‚úÖ **RESOLVED**\n\n## Lessons\n\n- ‚úÖ Pin versions ‚Äî always\n";
    let (loaded, _) = load_one("mac.md", mojibake.as_bytes(), &Config::default());
    let inc = loaded
        .incidents
        .iter()
        .find(|i| i.source.ends_with("mac.md"))
        .expect("read");
    assert!(inc.repaired_encoding);
    assert_eq!(inc.lessons, vec!["Pin versions — always"]);
    assert!(inc.warnings.iter().any(|w| w.contains("repaired encoding")));
}
