//! Server-side syntax highlighting: code → per-line segments with a small
//! set of CSS classes (`hl-k` keyword, `hl-s` string, `hl-c` comment, ...),
//! so one stylesheet colours every language in light and dark mode.
//!
//! Engine: tree-sitter-highlight, chosen by measurement on this machine
//! (2 MB of postmortem-sized snippets): about 3.2 MB/s and 170 µs per
//! 15-line block, against syntect's 1.0 MB/s and 500 µs (onig) or 0.4 MB/s
//! (fancy-regex). A 10,000-report site must build in 15 s, and at syntect's
//! speed highlighting alone would take most of that. tree-sitter also parses
//! rather than pattern-matches, so its highlighting is the more exact. The
//! cost is one grammar crate per language: the common languages of
//! postmortems are built in; other fences are shown escaped, uncoloured.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::LazyLock;
use tree_sitter_highlight::{HighlightConfiguration, HighlightEvent, Highlighter};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Segment {
    pub range: Range<usize>,
    pub class: Option<&'static str>,
}

/// Capture names the grammars' queries use, and the class each maps to.
/// tree-sitter picks the longest listed prefix of a capture's name.
const NAMES: &[(&str, &str)] = &[
    ("attribute", "hl-a"),
    ("boolean", "hl-b"),
    ("comment", "hl-c"),
    ("constant", "hl-b"),
    ("constant.builtin", "hl-b"),
    ("constructor", "hl-t"),
    ("escape", "hl-s"),
    ("function", "hl-f"),
    ("function.builtin", "hl-f"),
    ("function.macro", "hl-f"),
    ("function.method", "hl-f"),
    ("keyword", "hl-k"),
    ("label", "hl-a"),
    ("number", "hl-n"),
    ("operator", "hl-o"),
    ("property", "hl-a"),
    ("punctuation", "hl-p"),
    ("string", "hl-s"),
    ("string.special", "hl-s"),
    ("tag", "hl-tag"),
    ("type", "hl-t"),
    ("type.builtin", "hl-t"),
    ("variable.builtin", "hl-v"),
    ("variable.parameter", "hl-v"),
];

struct Grammar {
    fences: &'static [&'static str],
    config: HighlightConfiguration,
}

fn grammar(
    fences: &'static [&'static str],
    language: tree_sitter_language::LanguageFn,
    name: &str,
    highlights: &str,
    locals: &str,
) -> Option<Grammar> {
    let mut config =
        HighlightConfiguration::new(language.into(), name, highlights, "", locals).ok()?;
    let names: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
    config.configure(&names);
    Some(Grammar { fences, config })
}

static GRAMMARS: LazyLock<Vec<Grammar>> = LazyLock::new(|| {
    let js = [
        tree_sitter_javascript::HIGHLIGHT_QUERY,
        tree_sitter_javascript::JSX_HIGHLIGHT_QUERY,
    ]
    .join("\n");
    let ts = [
        tree_sitter_javascript::HIGHLIGHT_QUERY,
        tree_sitter_typescript::HIGHLIGHTS_QUERY,
    ]
    .join("\n");
    let tsx = [ts.as_str(), tree_sitter_javascript::JSX_HIGHLIGHT_QUERY].join("\n");
    [
        grammar(
            &["python", "py", "python3", "py3", "gyp"],
            tree_sitter_python::LANGUAGE,
            "python",
            tree_sitter_python::HIGHLIGHTS_QUERY,
            "",
        ),
        grammar(
            &["javascript", "js", "jsx", "mjs", "cjs", "node"],
            tree_sitter_javascript::LANGUAGE,
            "javascript",
            &js,
            tree_sitter_javascript::LOCALS_QUERY,
        ),
        grammar(
            &["typescript", "ts", "mts", "cts"],
            tree_sitter_typescript::LANGUAGE_TYPESCRIPT,
            "typescript",
            &ts,
            tree_sitter_typescript::LOCALS_QUERY,
        ),
        grammar(
            &["tsx"],
            tree_sitter_typescript::LANGUAGE_TSX,
            "tsx",
            &tsx,
            tree_sitter_typescript::LOCALS_QUERY,
        ),
        grammar(
            &["go", "golang"],
            tree_sitter_go::LANGUAGE,
            "go",
            tree_sitter_go::HIGHLIGHTS_QUERY,
            "",
        ),
        grammar(
            &["rust", "rs"],
            tree_sitter_rust::LANGUAGE,
            "rust",
            tree_sitter_rust::HIGHLIGHTS_QUERY,
            "",
        ),
        grammar(
            &[
                "bash",
                "sh",
                "shell",
                "zsh",
                "console",
                "shell-session",
                "terminal",
            ],
            tree_sitter_bash::LANGUAGE,
            "bash",
            tree_sitter_bash::HIGHLIGHT_QUERY,
            "",
        ),
        grammar(
            &["yaml", "yml"],
            tree_sitter_yaml::LANGUAGE,
            "yaml",
            tree_sitter_yaml::HIGHLIGHTS_QUERY,
            "",
        ),
        grammar(
            &["json", "jsonc", "json5"],
            tree_sitter_json::LANGUAGE,
            "json",
            tree_sitter_json::HIGHLIGHTS_QUERY,
            "",
        ),
        grammar(
            &["java"],
            tree_sitter_java::LANGUAGE,
            "java",
            tree_sitter_java::HIGHLIGHTS_QUERY,
            "",
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
});

thread_local! {
    static HIGHLIGHTER: RefCell<Highlighter> = RefCell::new(Highlighter::new());
}

fn config_for(lang: Option<&str>) -> Option<&'static HighlightConfiguration> {
    let lang = lang?.trim().to_ascii_lowercase();
    GRAMMARS
        .iter()
        .find(|g| g.fences.contains(&lang.as_str()))
        .map(|g| &g.config)
}

/// Whether `lang` (a fence name) gets colours.
pub fn supports(lang: Option<&str>) -> bool {
    config_for(lang).is_some() || matches!(lang, Some("diff" | "patch"))
}

/// Byte offset where each line starts (lines as `str::lines` splits them).
fn line_starts(code: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(code.match_indices('\n').map(|(i, _)| i + 1));
    starts
}

/// Segments for each line of `code` (lines as `str::lines` splits them).
/// Larger blocks, or blocks with longer lines (minified bundles), are shown
/// plain: tree-sitter's highlight queries grow faster than the input on
/// them (a 600 KB one-line script took 35 s), and nobody reads such a block
/// for its colours. Postmortem snippets are far below both.
const MAX_HIGHLIGHT_BYTES: usize = 128 * 1024;
const MAX_HIGHLIGHT_LINE: usize = 2_000;

pub fn lines(code: &str, lang: Option<&str>) -> Vec<Vec<Segment>> {
    let count = code.lines().count();
    let plain = || vec![Vec::new(); count];
    if matches!(lang, Some("diff" | "patch")) {
        return diff_lines(code);
    }
    if code.len() > MAX_HIGHLIGHT_BYTES || code.lines().any(|l| l.len() > MAX_HIGHLIGHT_LINE) {
        return plain();
    }
    let Some(config) = config_for(lang) else {
        return plain();
    };
    // Code ends with a newline, as in a file and in a fenced block: the
    // same code from a diff's side (trimmed) is then the same text.
    let with_newline;
    let code = if code.ends_with('\n') {
        code
    } else {
        with_newline = format!("{code}\n");
        &with_newline
    };
    let grammar = config as *const HighlightConfiguration as usize;
    let remembered = RECENT.with(|cell| {
        let recent = cell.try_borrow().ok()?;
        recent
            .iter()
            .find(|(g, c, _)| *g == grammar && c == code)
            .map(|(_, _, lines)| lines.clone())
    });
    if let Some(lines) = remembered {
        return lines;
    }
    let lines = highlight(config, code, count);
    RECENT.with(|cell| {
        if let Ok(mut recent) = cell.try_borrow_mut() {
            if recent.len() == RECENT_BLOCKS {
                recent.pop_front();
            }
            recent.push_back((grammar, code.to_string(), lines.clone()));
        }
    });
    lines
}

/// Blocks this thread highlighted last, by grammar and code. A report's
/// before and after code is on its page twice, in the report and in the
/// diff of the change, and was highlighted twice: a third of all the
/// highlighting of a site.
const RECENT_BLOCKS: usize = 8;

type Remembered = (usize, String, Vec<Vec<Segment>>);

thread_local! {
    static RECENT: RefCell<std::collections::VecDeque<Remembered>> =
        RefCell::new(std::collections::VecDeque::with_capacity(RECENT_BLOCKS));
}

/// `lines` of `code` in the grammar of `config`.
fn highlight(config: &HighlightConfiguration, code: &str, count: usize) -> Vec<Vec<Segment>> {
    let plain = || vec![Vec::new(); count];
    let starts = line_starts(code);
    HIGHLIGHTER.with(|cell| {
        let Ok(mut highlighter) = cell.try_borrow_mut() else {
            return plain();
        };
        let Ok(events) = highlighter.highlight(config, code.as_bytes(), None, |_| None) else {
            return plain();
        };
        let mut out: Vec<Vec<Segment>> = vec![Vec::new(); count];
        let mut stack: Vec<usize> = Vec::new();
        for event in events {
            match event {
                Ok(HighlightEvent::HighlightStart(h)) => stack.push(h.0),
                Ok(HighlightEvent::HighlightEnd) => {
                    stack.pop();
                }
                Ok(HighlightEvent::Source { start, end }) => {
                    let Some(class) = stack.last().map(|&i| NAMES[i].1) else {
                        continue;
                    };
                    // A region may span lines (block comments, strings): cut it per line.
                    let mut line = match starts.binary_search(&start) {
                        Ok(i) => i,
                        Err(i) => i - 1,
                    };
                    let mut from = start;
                    while from < end && line < count {
                        let line_end = starts.get(line + 1).map_or(code.len(), |s| s - 1);
                        let to = end.min(line_end);
                        if to > from {
                            let base = starts[line];
                            out[line].push(Segment {
                                range: from - base..to - base,
                                class: Some(class),
                            });
                        }
                        line += 1;
                        from = starts.get(line).copied().unwrap_or(end);
                    }
                }
                Err(_) => return plain(),
            }
        }
        out
    })
}

/// Unified diff text: added, removed and hunk lines.
fn diff_lines(code: &str) -> Vec<Vec<Segment>> {
    code.lines()
        .map(|l| {
            let class = if l.starts_with("+++") || l.starts_with("---") || l.starts_with("@@") {
                Some("hl-c")
            } else if l.starts_with('+') {
                Some("hl-ins")
            } else if l.starts_with('-') {
                Some("hl-del")
            } else {
                None
            };
            class
                .map(|c| {
                    vec![Segment {
                        range: 0..l.len(),
                        class: Some(c),
                    }]
                })
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_seen_again_gets_the_same_lines() {
        let blocks = [
            ("python", "def f(x):\n    return x + 1  # one\n"),
            ("rust", "fn main() {\n    let s = \"x\";\n}"),
            ("yaml", "a: 1\nb: [x, y]"),
            ("go", "func f() error {\n\treturn nil\n}\n"),
        ];
        let first: Vec<_> = blocks.iter().map(|(l, c)| lines(c, Some(l))).collect();
        assert!(
            first.iter().all(|l| l.iter().any(|s| !s.is_empty())),
            "{first:?}"
        );
        // Again, in another order, and as a diff's side gives them (no
        // final newline) or a fenced block does (one).
        for (n, (l, c)) in blocks.iter().enumerate().rev() {
            assert_eq!(lines(c, Some(l)), first[n], "{l} again");
            let trimmed = c.trim_end_matches('\n');
            assert_eq!(lines(trimmed, Some(l)), first[n], "{l} trimmed");
            assert_eq!(
                lines(&format!("{trimmed}\n"), Some(l)),
                first[n],
                "{l} fenced"
            );
        }
    }

    fn classes(code: &str, lang: &str) -> Vec<(String, &'static str)> {
        let text: Vec<&str> = code.lines().collect();
        lines(code, Some(lang))
            .iter()
            .enumerate()
            .flat_map(|(i, segs)| segs.iter().map(move |s| (i, s.clone())))
            .map(|(i, s)| (text[i][s.range.clone()].to_string(), s.class.unwrap_or("")))
            .collect()
    }

    #[test]
    fn every_grammar_loads() {
        assert_eq!(GRAMMARS.len(), 10, "a grammar's queries failed to compile");
    }

    #[test]
    fn python_keywords_strings_and_comments() {
        let got = classes("def f(x):\n    # note\n    return \"hi\"\n", "python");
        assert!(got.contains(&("def".into(), "hl-k")), "{got:?}");
        assert!(got.contains(&("# note".into(), "hl-c")), "{got:?}");
        assert!(got.contains(&("\"hi\"".into(), "hl-s")), "{got:?}");
    }

    #[test]
    fn multi_line_regions_are_cut_per_line() {
        let code = "/* one\ntwo */\nlet x = 1;\n";
        let segs = lines(code, Some("js"));
        assert_eq!(segs.len(), 3);
        assert_eq!(
            segs[0][0],
            Segment {
                range: 0..6,
                class: Some("hl-c")
            }
        );
        assert_eq!(
            segs[1][0],
            Segment {
                range: 0..6,
                class: Some("hl-c")
            }
        );
    }

    #[test]
    fn fences_and_fallbacks() {
        for f in [
            "py",
            "ts",
            "tsx",
            "go",
            "rs",
            "sh",
            "yml",
            "json",
            "java",
            "diff",
            "JavaScript",
        ] {
            assert!(supports(Some(f)), "{f}");
        }
        assert!(!supports(Some("cobol")));
        assert!(lines("x = 1\n", Some("cobol")).iter().all(Vec::is_empty));
        assert_eq!(
            classes("+ added\n- gone\n", "diff"),
            vec![("+ added".into(), "hl-ins"), ("- gone".into(), "hl-del")]
        );
    }
}
