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
