//! Every stage stays linear on hostile reports: each generator (repeated
//! headings, setext headings, unclosed raw HTML, a minified one-line
//! script, deep block quotes, deep lists, a long paragraph, many code
//! blocks, many distinct links, log lines) is doubled four times and a whole one-report build is timed at
//! each size. Fails when a doubling costs more than 2.5 times the step
//! before it (steps under 40 ms are noise and are skipped), or when any
//! report of about 1 MB takes more than 2 s to build.
//! Run: `cargo bench --bench hostile_scaling`.

use incidex::config::Config;
use std::time::{Duration, Instant};

/// A hostile report body of about `n` repeated units.
type Generator = fn(usize) -> String;

const GENERATORS: &[(&str, Generator, usize)] = &[
    (
        "###### a (repeated headings)",
        |n| "###### a\n\n".repeat(n),
        6_250,
    ),
    ("setext headings", |n| "a\n---\n\n".repeat(n), 6_250),
    ("<div> unclosed", |n| "<div>\n".repeat(n), 6_250),
    (
        "<div>x</div> balanced",
        |n| "<div>x</div>\n".repeat(n),
        6_250,
    ),
    (
        "minified one-line JS",
        |n| {
            format!(
                "```js\n{}\n```\n",
                "var a=function(b){return b+1};".repeat(n)
            )
        },
        1_000,
    ),
    (
        "minified one-line Python",
        |n| {
            format!(
                "```python\n{}\n```\n",
                "x=[i*2 for i in range(9)];".repeat(n)
            )
        },
        1_000,
    ),
    (
        "> nested quotes",
        |n| format!("{}x\n", "> ".repeat(n)),
        1_250,
    ),
    (
        "nested list",
        |n| {
            (0..n)
                .map(|i| format!("{}- x\n", "  ".repeat(i % 400)))
                .collect()
        },
        1_250,
    ),
    ("long paragraph", |n| "word ".repeat(n * 10), 6_250),
    (
        "many code blocks",
        |n| "```python\nx = 1\n```\n\n".repeat(n),
        1_250,
    ),
    (
        "distinct links",
        |n| {
            (0..n)
                .map(|i| format!("- [l{i}](https://e.com/{i})\n"))
                .collect()
        },
        2_500,
    ),
    (
        "error lines",
        |n| {
            format!(
                "## Errors\n\n```\n{}```\n",
                "ERROR: pool exhausted (pid 42)\n".repeat(n)
            )
        },
        2_500,
    ),
];

const MAX_STEP_RATIO: f64 = 2.5;
const NOISE: Duration = Duration::from_millis(40);
const ONE_MB_BUDGET: Duration = Duration::from_secs(2);

fn build_once(body: &str) -> Duration {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).expect("mkdir");
    std::fs::write(content.join("hostile.md"), format!("# Hostile\n\n{body}")).expect("write");
    let started = Instant::now();
    incidex::build::build(
        dir.path(),
        &Config::default(),
        &incidex::build::Options::default(),
    )
    .expect("build");
    started.elapsed()
}

fn main() {
    let mut failures = Vec::new();
    for (name, generate, base) in GENERATORS {
        let mut times: Vec<(usize, usize, Duration)> = Vec::new();
        for step in 0..5 {
            let n = base << step;
            let body = generate(n);
            times.push((n, body.len(), build_once(&body)));
        }
        let line: Vec<String> = times
            .iter()
            .map(|(_, bytes, t)| {
                format!("{:>5.0} KB {:>7.3}s", *bytes as f64 / 1e3, t.as_secs_f64())
            })
            .collect();
        println!("{name:<30} {}", line.join(" | "));
        for w in times.windows(2) {
            let (prev, next) = (w[0].2, w[1].2);
            if next > NOISE && prev > Duration::ZERO {
                let ratio = next.as_secs_f64() / prev.max(NOISE / 2).as_secs_f64();
                if ratio > MAX_STEP_RATIO {
                    failures.push(format!("{name}: doubling cost {ratio:.1}x"));
                }
            }
        }
        for (_, bytes, t) in &times {
            if (700_000..=1_500_000).contains(bytes) && *t > ONE_MB_BUDGET {
                failures.push(format!(
                    "{name}: {bytes} bytes took {:.2}s",
                    t.as_secs_f64()
                ));
            }
        }
    }
    if failures.is_empty() {
        println!("every stage linear; every ~1 MB report under {ONE_MB_BUDGET:?}");
    } else {
        eprintln!("superlinear or slow:\n  {}", failures.join("\n  "));
        std::process::exit(1);
    }
}
