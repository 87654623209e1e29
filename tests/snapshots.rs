//! Snapshots of the incident JSON for a fixture report: any change to what
//! is extracted shows up as a reviewed diff.

use incidex::config::Config;
use incidex::load::load_file;
use std::path::Path;

#[test]
fn emoji_fix_report_json() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports");
    let (inc, _) =
        load_file(&root.join("emoji-fix-report.md"), &root, &Config::default()).expect("read");
    insta::assert_json_snapshot!(inc);
}
