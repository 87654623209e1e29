//! The Atom feed and the sitemap stay well-formed XML whatever a report
//! holds: control characters XML forbids (BEL, ESC, NUL, form feed) in a
//! title, summary, tag or service, and a UTF-32 file, are checked with a
//! strict XML 1.0 parser.

use assert_cmd::Command;
use std::fs;

#[test]
fn feed_and_sitemap_parse_with_control_characters_in_reports() {
    let dir = tempfile::tempdir().expect("tmp");
    let content = dir.path().join("content");
    fs::create_dir_all(&content).expect("mkdir");
    // YAML double-quoted escapes put the raw control characters in values.
    fs::write(
        content.join("bell.md"),
        "---\ntitle: \"Bell \\a in the \\e title \\0 here\"\ndate: 2025-02-03\nsummary: \"Form \\f feed and \\x01 start of heading\"\ntags: [\"ta\\x07g\"]\nservices: [\"svc\\x1b\"]\n---\n\n# Bell\n\n## Root Cause\n\nA \u{7} bell in the body.\n",
    )
    .expect("write");
    // A UTF-32 (little-endian, with BOM) report.
    let utf32: Vec<u8> = "\u{FEFF}# Wide report\n\n## Root Cause\n\nFour bytes a character.\n"
        .chars()
        .flat_map(|c| (c as u32).to_le_bytes())
        .collect();
    fs::write(content.join("wide.md"), utf32).expect("write");
    fs::write(
        content.join("plain.md"),
        "# Plain & simple > fancy\n\n## Root Cause\n\nNothing odd.\n",
    )
    .expect("write");

    Command::cargo_bin("incidex")
        .expect("binary")
        .arg("--root")
        .arg(dir.path())
        .args(["build", "-q", "--base-url", "https://kb.example.com/"])
        .assert()
        .code(predicates::ord::le(1));

    let public = dir.path().join("public");
    for name in ["atom.xml", "sitemap.xml"] {
        let text = fs::read_to_string(public.join(name)).expect("xml written");
        let doc = roxmltree::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}\n{text}"));
        assert!(doc.root_element().children().count() > 0, "{name} is empty");
    }
    let feed = fs::read_to_string(public.join("atom.xml")).expect("feed");
    let doc = roxmltree::Document::parse(&feed).expect("parsed above");
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.contains("Bell") && t.contains("title")),
        "the title keeps its words: {titles:?}"
    );
    assert!(titles.contains(&"Plain & simple > fancy"), "{titles:?}");
}
