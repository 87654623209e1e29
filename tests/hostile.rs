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
