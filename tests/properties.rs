//! Properties of the two functions that decide what a report can make the
//! site write: `slugify`, whose output becomes a path component under the
//! output folder, and the URL allow-list, whose verdict decides which links
//! reach an `href`. Checked on arbitrary strings and on strings built to
//! look like disguised script URLs or path traversal.

mod pages;

use incidex::extract::text::{slugify, MAX_SLUG_BYTES};
use incidex::url_policy::is_allowed;
use pages::browser_normalized;
use proptest::prelude::*;
use std::path::{Component, Path};

fn check_slug(input: &str) -> Result<(), TestCaseError> {
    let slug = slugify(input);
    prop_assert!(slug.len() <= MAX_SLUG_BYTES, "{} bytes: {slug}", slug.len());
    prop_assert!(
        slug.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{slug:?}"
    );
    prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{slug:?}");
    prop_assert!(!slug.contains("--"), "{slug:?}");
    let page = format!("incidents/{slug}/index.html");
    let path = Path::new(&page);
    prop_assert!(path.is_relative());
    prop_assert!(
        path.components().all(|c| matches!(c, Component::Normal(_))),
        "{page}"
    );
    Ok(())
}

fn check_url(url: &str) -> Result<(), TestCaseError> {
    if is_allowed(url) {
        let u = browser_normalized(url);
        for bad in ["javascript:", "vbscript:", "data:", "file:", "livescript:"] {
            prop_assert!(!u.starts_with(bad), "allowed {url:?} reads as {u:?}");
        }
    }
    Ok(())
}

/// Characters a browser removes or ignores around and inside a scheme, and
/// ones that only look like them.
fn noise() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just(" ".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{1}".to_string()),
        Just("\u{1f}".to_string()),
        Just("\u{7f}".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{feff}".to_string()),
        Just("&#x09;".to_string()),
        Just("&#10;".to_string()),
        Just("%09".to_string()),
        Just("/".to_string()),
        Just(".".to_string()),
        Just("..".to_string()),
    ]
}

/// A scheme with noise between, before and after its letters, in random
/// case, followed by `:` (or a look-alike) and a script.
fn disguised_url() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![
        Just("javascript"),
        Just("vbscript"),
        Just("data"),
        Just("file"),
        Just("livescript"),
        Just("https"),
        Just("mailto"),
    ];
    let colon = prop_oneof![
        Just(":"),
        Just("&colon;"),
        Just("&#58;"),
        Just("%3a"),
        Just("\u{ff1a}"),
        Just("\t:"),
    ];
    (
        proptest::collection::vec(noise(), 0..3),
        scheme,
        proptest::collection::vec((noise(), any::<bool>()), 12),
        colon,
        proptest::collection::vec(noise(), 0..2),
        "[a-z(),/<>\"' ]{0,12}",
    )
        .prop_map(|(lead, scheme, inner, colon, trail, rest)| {
            let mut s: String = lead.concat();
            for (i, c) in scheme.chars().enumerate() {
                let (n, upper) = &inner[i % inner.len()];
                if i > 0 {
                    s.push_str(n);
                }
                s.push(if *upper { c.to_ascii_uppercase() } else { c });
            }
            s.push_str(colon);
            s.push_str(&trail.concat());
            s.push_str(&rest);
            s
        })
}

/// Traversal-looking names, as ids and titles use them.
fn traversal_name() -> impl Strategy<Value = String> {
    const PARTS: &[&str] = &[
        "..", ".", "/", "\\", "%2e", "%2f", "\u{2024}", "\u{ff0e}", "C:", "con", "\u{0}", "~", "-",
        "\u{130}", "\u{212a}",
    ];
    let part = prop_oneof![
        proptest::sample::select(PARTS).prop_map(str::to_string),
        "[a-zA-Z0-9]{1,4}",
    ];
    proptest::collection::vec(part, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn slugs_are_safe_path_components(s in any::<String>()) {
        check_slug(&s)?;
    }

    #[test]
    fn long_slugs_are_cut(s in "[a-zA-Z0-9 ._-]{90,600}") {
        check_slug(&s)?;
    }

    #[test]
    fn traversal_names_slug_safely(s in traversal_name()) {
        check_slug(&s)?;
    }

    #[test]
    fn allowed_urls_never_read_as_script(s in any::<String>()) {
        check_url(&s)?;
    }

    #[test]
    fn disguised_script_urls_are_refused(s in disguised_url()) {
        check_url(&s)?;
        check_slug(&s)?;
    }
}

#[test]
fn the_normalizer_reads_disguises_as_a_browser_does() {
    assert_eq!(
        browser_normalized("\u{1} Java\tScr\nipt:x "),
        "javascript:x"
    );
    assert!(!is_allowed("\u{1} Java\tScr\nipt:x "));
    assert!(is_allowed("https://example.com/javascript:x"));
}
