//! The real reports in `../shared` (seeds and corpus): every one reads into
//! a schema-complete incident without a panic. Skips with a note when the
//! folder is not beside the repository.

use incidex::config::Config;
use incidex::load::load_file;
use std::path::{Path, PathBuf};

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("note: ../shared not found; skipping the real-report tests");
        None
    }
}

fn reports(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "txt")));
    v.sort();
    v
}

#[test]
fn every_real_report_reads_into_an_incident() {
    let Some(shared) = shared() else { return };
    let config = Config::default();
    let mut count = 0;
    for folder in ["seeds", "corpus"] {
        for path in reports(&shared.join(folder)) {
            let (inc, _) = load_file(&path, &shared, &config).unwrap_or_else(|d| panic!("{d}"));
            assert!(!inc.title.is_empty(), "{}", path.display());
            let json = serde_json::to_value(&inc).expect("json");
            assert_eq!(
                json.as_object().map(|o| o.len()),
                Some(25),
                "{}",
                path.display()
            );
            count += 1;
        }
    }
    assert!(count >= 25, "{count}");
}

#[test]
fn mojibake_seeds_are_repaired() {
    let Some(shared) = shared() else { return };
    let config = Config::default();
    let mut repaired = 0;
    for path in reports(&shared.join("seeds"))
        .into_iter()
        .chain(reports(&shared.join("corpus")))
    {
        let (inc, _) = load_file(&path, &shared, &config).unwrap_or_else(|d| panic!("{d}"));
        let json = serde_json::to_string(&inc).expect("json");
        for bad in ["‚úÖ", "âœ", "ðŸ", "â€"] {
            assert!(!json.contains(bad), "{} still holds {bad}", path.display());
        }
        repaired += usize::from(inc.repaired_encoding);
    }
    assert!(repaired >= 2, "{repaired}");
}
