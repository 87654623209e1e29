//! A deterministic generator of realistic postmortems for benchmarks:
//! ~8 KB each, 3–5 code blocks, the styles incidex reads (front matter or
//! bold metadata, emoji headings, labelled and marker-split before/after
//! code, log blocks, lessons, action items, tables). Report `i` depends only
//! on `(seed, i)`, so a 1,000-report set is the prefix of the 10,000 one.
// Each bench binary, and the test of a generated site, compiles this
// module on its own and uses a different part of it.
#![allow(dead_code)]

use std::fmt::Write;
use std::path::Path;

/// SplitMix64: small, fast, and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64, index: u64) -> Self {
        Rng(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    /// Skewed pick: early items far more often, like real word frequencies.
    pub fn zipf<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let r = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        let i = ((items.len() as f64).powf(r) - 1.0) as usize;
        items[i.min(items.len() - 1)]
    }
}

const WORDS: &[&str] = &[
    "the",
    "request",
    "service",
    "was",
    "to",
    "and",
    "database",
    "after",
    "deploy",
    "latency",
    "errors",
    "queue",
    "workers",
    "cache",
    "timeout",
    "connection",
    "traffic",
    "users",
    "retry",
    "config",
    "pool",
    "cluster",
    "node",
    "memory",
    "disk",
    "alert",
    "dashboard",
    "rollback",
    "release",
    "upstream",
    "client",
    "lock",
    "index",
    "query",
    "replica",
    "leader",
    "partition",
    "consumer",
    "producer",
    "batch",
    "schedule",
    "token",
    "session",
    "payment",
    "checkout",
    "search",
    "ingest",
    "export",
    "backfill",
    "migration",
    "certificate",
    "dns",
    "proxy",
    "gateway",
    "throttle",
    "budget",
    "saturation",
    "backpressure",
    "spike",
    "regression",
    "canary",
    "shard",
    "snapshot",
    "compaction",
    "vacuum",
    "heap",
    "thread",
    "socket",
    "handshake",
    "keepalive",
    "jitter",
    "idempotent",
    "deadlock",
    "starvation",
    "eviction",
    "hotspot",
];
const TECHS: &[&str] = &[
    "PostgreSQL",
    "Redis",
    "Kafka",
    "Kubernetes",
    "nginx",
    "Python",
    "Go",
    "Rust",
    "Django",
    "FastAPI",
    "Celery",
    "RabbitMQ",
    "Terraform",
    "React",
    "Vite",
    "Node.js",
    "Java",
    "Spring Boot",
    "MySQL",
    "Elasticsearch",
    "Prometheus",
    "Grafana",
    "AWS",
    "S3",
    "CloudFront",
    "Docker",
    "systemd",
    "CoreDNS",
];
const SERVICES: &[&str] = &[
    "checkout-api",
    "billing-worker",
    "search-indexer",
    "auth-service",
    "orders-db",
    "media-transcoder",
    "notifications",
    "edge-proxy",
    "feed-sync",
    "inventory-api",
    "reporting-etl",
    "session-store",
];
const ERRORS: &[&str] = &[
    "ERROR: connection pool exhausted after {n}ms (pool=main, waiting={n})",
    "psycopg2.OperationalError: could not connect to server: Connection refused (host 10.0.{n}.{n}, port 5432)",
    "thread 'worker-{n}' panicked at src/queue.rs:{n}:9: called `Result::unwrap()` on an `Err` value",
    "java.lang.OutOfMemoryError: Java heap space (pid {n})",
    "Error: getaddrinfo ENOTFOUND db-{n}.internal",
    "redis.exceptions.TimeoutError: Timeout reading from socket after {n}s",
    "[{ts}] [{n}] [CRITICAL] WORKER TIMEOUT (pid:{n})",
    "upstream connect error or disconnect/reset before headers. reset reason: connection failure, status=503",
];
const LANGS: &[&str] = &["python", "rust", "go", "javascript", "yaml", "sql"];

thread_local! {
    /// The few technologies the report being generated is about: real
    /// reports name a handful, not the whole dictionary.
    static STACK: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn stack_word(rng: &mut Rng) -> &'static str {
    STACK.with(|s| {
        let s = s.borrow();
        if s.is_empty() {
            TECHS[0]
        } else {
            s[rng.below(s.len())]
        }
    })
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = if rng.below(12) == 0 {
            stack_word(rng)
        } else {
            rng.zipf(WORDS)
        };
        if i > 0 {
            s.push(' ');
        }
        s.push_str(w);
    }
    let mut c = s.chars();
    let first = c
        .next()
        .map(|f| f.to_uppercase().collect::<String>())
        .unwrap_or_default();
    format!("{first}{}.", c.as_str())
}

fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| {
            let words = 8 + rng.below(12);
            sentence(rng, words)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn fill(template: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('}').map_or(rest.len(), |e| i + e + 1);
        match &rest[i..end] {
            "{n}" => write!(out, "{}", rng.below(9000) + 10).unwrap_or(()),
            "{ts}" => write!(
                out,
                "2025-{:02}-{:02} {:02}:{:02}:{:02} +0000",
                1 + rng.below(12),
                1 + rng.below(28),
                rng.below(24),
                rng.below(60),
                rng.below(60)
            )
            .unwrap_or(()),
            other => out.push_str(other),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn code(rng: &mut Rng, lang: &str, lines: usize) -> String {
    let comment = match lang {
        "python" | "yaml" => "#",
        "sql" => "--",
        _ => "//",
    };
    (0..lines)
        .map(|i| match (lang, i % 4) {
            (_, 0) => format!("{comment} {}", sentence(rng, 5)),
            ("python", _) => format!(
                "{} = {}({})",
                rng.zipf(WORDS),
                rng.zipf(WORDS),
                rng.below(100)
            ),
            ("rust", _) => format!(
                "let {} = {}::{}({});",
                rng.zipf(WORDS),
                rng.zipf(WORDS),
                rng.zipf(WORDS),
                rng.below(100)
            ),
            ("go", _) => format!(
                "{} := {}.{}({})",
                rng.zipf(WORDS),
                rng.zipf(WORDS),
                rng.zipf(WORDS),
                rng.below(100)
            ),
            ("yaml", _) => format!("{}: {}", rng.zipf(WORDS), rng.below(1000)),
            ("sql", _) => format!(
                "UPDATE {} SET {} = {} WHERE id = {};",
                rng.zipf(WORDS),
                rng.zipf(WORDS),
                rng.below(9),
                rng.below(9999)
            ),
            _ => format!(
                "const {} = await {}({});",
                rng.zipf(WORDS),
                rng.zipf(WORDS),
                rng.below(100)
            ),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One report of about 8 KB.
pub fn report(seed: u64, i: usize) -> String {
    let rng = &mut Rng::new(seed, i as u64);
    let stack: Vec<&'static str> = (0..2 + rng.below(3)).map(|_| rng.pick(TECHS)).collect();
    STACK.with(|s| *s.borrow_mut() = stack.clone());
    let service = rng.pick(SERVICES);
    let title = format!(
        "{} {} {} in {service}",
        rng.zipf(WORDS),
        rng.zipf(WORDS),
        rng.pick(&[
            "outage",
            "latency spike",
            "data loss",
            "crash loop",
            "stall"
        ])
    );
    let date = format!(
        "20{}-{:02}-{:02}",
        24 + rng.below(3),
        1 + rng.below(12),
        1 + rng.below(28)
    );
    let mut md = String::with_capacity(9000);
    if rng.below(2) == 0 {
        let _ = write!(md, "---\ntitle: \"{title}\"\ndate: {date}\nstatus: resolved\nseverity: {}\nservices: [{service}]\ntags: [{}]\n---\n\n", rng.pick(&["critical", "high", "medium", "low"]), rng.zipf(WORDS));
    } else {
        let _ = write!(md, "# 🔧 {title}\n\n**Date**: {date}  \n**Status**: ✅ **RESOLVED**  \n**Service**: {service}\n\n---\n\n");
    }
    let _ = write!(
        md,
        "## Summary\n\n{}\n\n{}\n\n",
        paragraph(rng, 4),
        paragraph(rng, 3)
    );
    let _ = write!(md, "## Impact\n\n");
    for _ in 0..4 {
        let _ = writeln!(md, "- {}", sentence(rng, 10));
    }
    let _ = write!(md, "\n## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n");
    for _ in 0..6 {
        let _ = writeln!(
            md,
            "| {:02}:{:02} | {} |",
            rng.below(24),
            rng.below(60),
            sentence(rng, 9)
        );
    }
    let _ = write!(md, "\n## 🔍 Root Cause Analysis\n\n```\n");
    for _ in 0..2 + rng.below(3) {
        let e = rng.pick(ERRORS);
        let _ = writeln!(md, "{}", fill(e, rng));
    }
    let _ = write!(
        md,
        "```\n\n{}\n\n{}\n\n",
        paragraph(rng, 5),
        paragraph(rng, 4)
    );
    let _ = write!(md, "## Investigation\n\n");
    for step in 1..=4 {
        let _ = writeln!(md, "{step}. {}", paragraph(rng, 2));
    }
    let _ = write!(
        md,
        "\n{}\n\n{}\n\n{}\n\n",
        paragraph(rng, 6),
        paragraph(rng, 6),
        paragraph(rng, 5)
    );
    let _ = write!(md, "## 🛠️ Implemented Fixes\n\n");
    let fixes = 1 + rng.below(2);
    for f in 0..fixes {
        let lang = rng.pick(LANGS);
        let file = format!(
            "src/{}/{}.{}",
            rng.zipf(WORDS),
            rng.zipf(WORDS),
            match lang {
                "python" => "py",
                "rust" => "rs",
                "go" => "go",
                "yaml" => "yaml",
                "sql" => "sql",
                _ => "js",
            }
        );
        let _ = write!(
            md,
            "### Fix {}: {} {}\n\n**File**: `{file}`\n\n{}\n\n",
            f + 1,
            rng.zipf(WORDS),
            rng.zipf(WORDS),
            paragraph(rng, 2)
        );
        let comment = match lang {
            "python" | "yaml" => "#",
            "sql" => "--",
            _ => "//",
        };
        if rng.below(2) == 0 {
            let _ = write!(md, "```{lang}\n{comment} BEFORE (BROKEN):\n{}\n\n{comment} AFTER (FIXED):\n{}\n```\n\n", code(rng, lang, 6), code(rng, lang, 8));
        } else {
            let _ = write!(
                md,
                "**Before:**\n```{lang}\n{}\n```\n\n**After:**\n```{lang}\n{}\n```\n\n",
                code(rng, lang, 6),
                code(rng, lang, 8)
            );
        }
    }
    let _ = write!(
        md,
        "## Validation\n\n```bash\n{}\n```\n\n{}\n\n",
        code(rng, "bash", 5),
        paragraph(rng, 3)
    );
    let _ = write!(md, "## 🎓 Lessons Learned\n\n");
    for _ in 0..5 {
        let _ = writeln!(md, "- **{}** {}", sentence(rng, 4), sentence(rng, 9));
    }
    let _ = write!(md, "\n## Action Items\n\n");
    for _ in 0..4 {
        let _ = writeln!(
            md,
            "- [{}] {}",
            if rng.below(2) == 0 { "x" } else { " " },
            sentence(rng, 8)
        );
    }
    let _ = write!(
        md,
        "\n## References\n\n- [{} runbook](https://runbooks.example.com/{service}/{})\n",
        rng.pick(TECHS),
        rng.below(999)
    );
    md
}

/// Writes `n` reports under `dir/content/`, in year folders.
pub fn write_reports(dir: &Path, n: usize, seed: u64) -> std::io::Result<u64> {
    let mut bytes = 0;
    for i in 0..n {
        let sub = dir.join("content").join(format!("{}", 2024 + i % 3));
        if i < 3 {
            std::fs::create_dir_all(&sub)?;
        }
        let text = report(seed, i);
        bytes += text.len() as u64;
        std::fs::write(sub.join(format!("incident-{i:05}.md")), text)?;
    }
    Ok(bytes)
}
