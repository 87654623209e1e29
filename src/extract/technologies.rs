//! Technologies named in a report, from a built-in dictionary of canonical
//! names and aliases (extendable in config). Names that are also ordinary
//! words (Render, Go, Swift, Rust...) count only when written as a name:
//! capitalized and not opening a sentence, or in a metadata value, a code
//! block's language or a domain (`render.com`).

use super::document::Document;
use super::markdown::Kind;
use super::sections::LabelKind;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// Any case.
    Plain,
    /// Exactly as written in the dictionary (acronyms: GAN, CVE).
    Exact,
    /// An ordinary word too: see the module doc.
    Ambiguous,
}

use Match::*;

/// (canonical name, match rule, aliases in lower case; the name itself is implied)
pub const DICTIONARY: &[(&str, Match, &[&str])] = &[
    // Languages
    ("Python", Plain, &["python3", "cpython", "python2"]),
    ("JavaScript", Plain, &["js", "ecmascript"]),
    ("TypeScript", Plain, &["ts", "tsx"]),
    ("Go", Ambiguous, &["golang"]),
    ("Rust", Ambiguous, &["rustc"]),
    ("Java", Plain, &[]),
    ("Kotlin", Plain, &[]),
    ("Scala", Plain, &[]),
    ("Swift", Ambiguous, &[]),
    ("SwiftUI", Plain, &[]),
    ("Objective-C", Plain, &["objc"]),
    ("C#", Plain, &["csharp"]),
    ("C++", Plain, &["cpp"]),
    ("Ruby", Plain, &[]),
    ("PHP", Plain, &[]),
    ("Elixir", Plain, &[]),
    ("Erlang", Plain, &[]),
    ("Haskell", Plain, &[]),
    ("Zig", Plain, &[]),
    ("Lua", Plain, &[]),
    ("Perl", Plain, &[]),
    ("Bash", Plain, &["sh", "shell script"]),
    ("PowerShell", Plain, &[]),
    ("SQL", Exact, &[]),
    ("WebAssembly", Plain, &["wasm"]),
    ("YAML", Exact, &["yml"]),
    ("JSON", Exact, &[]),
    ("TOML", Exact, &[]),
    ("GraphQL", Plain, &[]),
    ("gRPC", Plain, &[]),
    ("Protobuf", Plain, &["protocol buffers"]),
    // Python ecosystem
    ("Django", Plain, &[]),
    ("Flask", Plain, &["flask-limiter"]),
    ("FastAPI", Plain, &[]),
    ("Celery", Plain, &[]),
    ("SQLAlchemy", Plain, &[]),
    ("Alembic", Plain, &[]),
    ("Pydantic", Plain, &["pydantic-core"]),
    ("Gunicorn", Plain, &[]),
    ("Uvicorn", Plain, &[]),
    ("asyncpg", Plain, &[]),
    ("psycopg", Plain, &["psycopg2", "psycopg3"]),
    ("pip", Plain, &[]),
    ("Poetry", Ambiguous, &[]),
    ("pytest", Plain, &[]),
    ("NumPy", Plain, &[]),
    ("pandas", Plain, &[]),
    ("PyTorch", Plain, &["torch"]),
    ("TensorFlow", Plain, &[]),
    ("CUDA", Exact, &[]),
    ("VITS", Exact, &[]),
    ("GAN", Exact, &["GANs"]),
    // JavaScript ecosystem
    ("Node.js", Plain, &["nodejs", "node js"]),
    ("npm", Plain, &[]),
    ("Yarn", Ambiguous, &[]),
    ("pnpm", Plain, &[]),
    ("Deno", Plain, &[]),
    ("Bun", Ambiguous, &[]),
    ("React", Ambiguous, &["reactjs", "react.js", "react-dom"]),
    ("Next.js", Plain, &["nextjs", "next js"]),
    ("Vue", Plain, &["vue.js", "vuejs"]),
    ("Nuxt", Plain, &[]),
    ("Svelte", Plain, &["sveltekit"]),
    ("Angular", Plain, &[]),
    ("Vite", Plain, &["vitejs"]),
    ("Webpack", Plain, &[]),
    ("esbuild", Plain, &[]),
    ("Babel", Plain, &[]),
    ("Jest", Ambiguous, &[]),
    ("Vitest", Plain, &[]),
    ("Playwright", Plain, &[]),
    ("Cypress", Ambiguous, &[]),
    ("Express", Ambiguous, &["express.js", "expressjs"]),
    ("NestJS", Plain, &[]),
    ("Axios", Plain, &[]),
    // JVM, .NET, others
    ("Spring Boot", Plain, &["spring-boot", "springboot"]),
    ("Hibernate", Plain, &[]),
    ("JVM", Exact, &[]),
    ("Gradle", Plain, &[]),
    ("Maven", Plain, &[]),
    ("HikariCP", Plain, &["hikari"]),
    ("Micrometer", Plain, &[]),
    (".NET", Plain, &["dotnet", "asp.net"]),
    ("Rails", Ambiguous, &["ruby on rails"]),
    ("Sidekiq", Plain, &[]),
    ("Laravel", Plain, &[]),
    ("Phoenix", Ambiguous, &[]),
    ("Tokio", Plain, &[]),
    ("Cargo", Ambiguous, &[]),
    // Databases, caches, queues
    (
        "PostgreSQL",
        Plain,
        &["postgres", "postgresql", "psql", "pg", "pgvector"],
    ),
    ("MySQL", Plain, &[]),
    ("MariaDB", Plain, &[]),
    ("SQLite", Plain, &["sqlite3"]),
    ("MongoDB", Plain, &["mongo", "mongodb atlas"]),
    ("Redis", Plain, &["redis cloud"]),
    ("Memcached", Plain, &[]),
    ("Cassandra", Plain, &[]),
    ("DynamoDB", Plain, &[]),
    ("CockroachDB", Plain, &[]),
    ("Elasticsearch", Plain, &["elastic search"]),
    ("OpenSearch", Plain, &[]),
    ("ClickHouse", Plain, &[]),
    ("Kafka", Plain, &["apache kafka"]),
    ("RabbitMQ", Plain, &["rabbit mq"]),
    ("NATS", Exact, &[]),
    ("ZooKeeper", Plain, &[]),
    ("etcd", Plain, &[]),
    ("PgBouncer", Plain, &["pgbouncer"]),
    ("Neon", Ambiguous, &["neon.tech"]),
    ("Supabase", Plain, &[]),
    ("PlanetScale", Plain, &[]),
    ("Firebase", Plain, &["firestore"]),
    ("Snowflake", Ambiguous, &[]),
    ("BigQuery", Plain, &[]),
    ("Apache Spark", Ambiguous, &["spark", "pyspark"]),
    ("Hadoop", Plain, &[]),
    ("Apache Flink", Plain, &["flink"]),
    ("Airflow", Plain, &["apache airflow"]),
    ("dbt", Plain, &[]),
    // Cloud and hosting
    ("AWS", Exact, &["amazon web services"]),
    ("Amazon S3", Plain, &["s3"]),
    ("Amazon EC2", Plain, &["ec2"]),
    ("Amazon RDS", Plain, &["rds"]),
    ("Amazon ECS", Exact, &["ECS"]),
    ("Amazon EKS", Exact, &["EKS"]),
    ("AWS Lambda", Plain, &["aws lambda"]),
    (
        "Amazon Kinesis",
        Plain,
        &["kinesis", "kinesis data streams"],
    ),
    ("Amazon CloudFront", Plain, &["cloudfront"]),
    (
        "Amazon CloudWatch",
        Plain,
        &["cloudwatch", "cloudwatch logs"],
    ),
    ("Amazon SQS", Exact, &["SQS"]),
    ("Amazon Redshift", Plain, &["redshift"]),
    (
        "Amazon Data Firehose",
        Plain,
        &["firehose", "kinesis firehose"],
    ),
    ("AWS Glue", Plain, &["aws glue"]),
    ("AWS IAM", Exact, &["IAM"]),
    ("Route 53", Plain, &["route53"]),
    ("Google Cloud", Plain, &["gcp", "google cloud platform"]),
    ("GKE", Exact, &[]),
    ("Azure", Plain, &["microsoft azure"]),
    ("Cloudflare", Plain, &["cloudflare r2", "r2"]),
    ("Fastly", Plain, &[]),
    ("Vercel", Plain, &[]),
    ("Netlify", Plain, &[]),
    ("Heroku", Plain, &[]),
    ("Render", Ambiguous, &["render.com", "onrender.com"]),
    ("Fly.io", Plain, &["fly.io"]),
    ("DigitalOcean", Plain, &["digital ocean"]),
    // Containers and orchestration
    (
        "Docker",
        Plain,
        &["dockerfile", "docker compose", "docker-compose"],
    ),
    ("Podman", Plain, &[]),
    ("containerd", Plain, &[]),
    ("Kubernetes", Plain, &["k8s", "kubectl"]),
    ("k3s", Plain, &["k3s-agent"]),
    ("OpenShift", Plain, &[]),
    ("Nomad", Plain, &[]),
    ("Helm", Ambiguous, &[]),
    ("Kustomize", Plain, &[]),
    ("Argo CD", Plain, &["argocd", "argo cd"]),
    ("Istio", Plain, &[]),
    ("Linkerd", Plain, &[]),
    ("Envoy", Plain, &[]),
    ("Calico", Plain, &[]),
    ("Cilium", Plain, &[]),
    ("Flannel", Plain, &[]),
    ("CoreDNS", Plain, &[]),
    ("Chaos Mesh", Plain, &["chaos-mesh", "chaosmesh"]),
    ("MetalLB", Plain, &[]),
    ("cert-manager", Plain, &[]),
    // Infrastructure, web servers, OS
    ("Terraform", Plain, &[]),
    ("Ansible", Plain, &[]),
    ("Pulumi", Plain, &[]),
    ("CloudFormation", Plain, &[]),
    ("Nginx", Plain, &[]),
    ("Apache HTTP Server", Plain, &["httpd", "apache2"]),
    ("HAProxy", Plain, &[]),
    ("Traefik", Plain, &[]),
    ("Caddy", Plain, &[]),
    ("Varnish", Plain, &[]),
    ("OpenSSL", Plain, &[]),
    ("Let's Encrypt", Plain, &["letsencrypt"]),
    ("systemd", Plain, &["systemctl", "journalctl"]),
    ("cron", Plain, &["crontab", "cronjob", "cronjobs"]),
    ("Linux", Plain, &[]),
    ("Ubuntu", Plain, &[]),
    ("Debian", Plain, &[]),
    ("Alpine", Plain, &["alpine linux"]),
    ("NixOS", Plain, &[]),
    ("Nix", Plain, &["nixpkgs", "nix flakes"]),
    ("devenv", Plain, &[]),
    ("Homebrew", Plain, &["brew"]),
    ("macOS", Plain, &["osx", "mac os"]),
    ("iOS", Plain, &[]),
    ("Android", Plain, &[]),
    ("Xcode", Plain, &[]),
    ("Windows", Ambiguous, &[]),
    ("Pi-hole", Plain, &["pihole"]),
    ("Raspberry Pi", Plain, &[]),
    ("Git", Ambiguous, &[]),
    ("curl", Plain, &[]),
    ("wget", Plain, &[]),
    ("SSH", Exact, &[]),
    ("UFW", Exact, &[]),
    ("iptables", Plain, &[]),
    // CI/CD, observability, services
    ("GitHub", Plain, &[]),
    ("GitHub Actions", Plain, &["github action", "gh actions"]),
    ("GitLab CI", Plain, &["gitlab-ci", "gitlab ci/cd"]),
    ("GitLab", Plain, &[]),
    ("Jenkins", Plain, &[]),
    ("CircleCI", Plain, &[]),
    ("Buildkite", Plain, &[]),
    ("Prometheus", Plain, &[]),
    ("Alertmanager", Plain, &[]),
    ("Grafana", Plain, &[]),
    ("Loki", Plain, &[]),
    ("Thanos", Plain, &[]),
    ("Jaeger", Plain, &[]),
    ("OpenTelemetry", Plain, &["otel"]),
    ("Datadog", Plain, &[]),
    ("Sentry", Ambiguous, &[]),
    ("New Relic", Plain, &[]),
    ("PagerDuty", Plain, &[]),
    ("Splunk", Plain, &[]),
    ("Kibana", Plain, &[]),
    ("Logstash", Plain, &[]),
    ("Fluentd", Plain, &[]),
    ("Fluent Bit", Plain, &[]),
    ("Uptime Kuma", Plain, &[]),
    ("Telegram", Plain, &[]),
    ("Slack", Ambiguous, &[]),
    ("Stripe", Plain, &[]),
    ("Twilio", Plain, &[]),
    ("Mapbox", Plain, &[]),
    ("OpenAI", Plain, &[]),
    ("Keycloak", Plain, &[]),
    ("Okta", Plain, &[]),
    ("Auth0", Plain, &[]),
    ("OAuth", Plain, &["oauth2"]),
    ("JWT", Exact, &[]),
    ("Vault", Ambiguous, &["hashicorp vault"]),
    ("Consul", Ambiguous, &[]),
    ("Raft", Ambiguous, &[]),
    ("CVE", Exact, &[]),
    ("NVD", Exact, &[]),
    ("OpenGraph", Plain, &["open graph"]),
];

/// Code-block languages that name a technology.
const LANGS: &[(&str, &str)] = &[
    ("python", "Python"),
    ("py", "Python"),
    ("rust", "Rust"),
    ("rs", "Rust"),
    ("go", "Go"),
    ("golang", "Go"),
    ("swift", "Swift"),
    ("zig", "Zig"),
    ("typescript", "TypeScript"),
    ("ts", "TypeScript"),
    ("tsx", "TypeScript"),
    ("javascript", "JavaScript"),
    ("js", "JavaScript"),
    ("jsx", "JavaScript"),
    ("java", "Java"),
    ("kotlin", "Kotlin"),
    ("ruby", "Ruby"),
    ("php", "PHP"),
    ("nix", "Nix"),
    ("sql", "SQL"),
    ("yaml", "YAML"),
    ("yml", "YAML"),
    ("terraform", "Terraform"),
    ("hcl", "Terraform"),
    ("dockerfile", "Docker"),
    ("nginx", "Nginx"),
    ("csharp", "C#"),
    ("cpp", "C++"),
    ("elixir", "Elixir"),
    ("lua", "Lua"),
    ("graphql", "GraphQL"),
    ("scala", "Scala"),
];

static DSN: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(postgres|postgresql|mysql|mariadb|redis|rediss|mongodb|mongodb\+srv|amqp|amqps|kafka)(?:\+\w+)?://").expect("dsn regex")
});
const DSN_SCHEMES: &[(&str, &str)] = &[
    ("postgres", "PostgreSQL"),
    ("postgresql", "PostgreSQL"),
    ("mysql", "MySQL"),
    ("mariadb", "MariaDB"),
    ("redis", "Redis"),
    ("rediss", "Redis"),
    ("mongodb", "MongoDB"),
    ("mongodb+srv", "MongoDB"),
    ("amqp", "RabbitMQ"),
    ("amqps", "RabbitMQ"),
    ("kafka", "Kafka"),
];

struct Entry {
    canonical: String,
    rule: Match,
    /// For exact and ambiguous entries: the spelling that counts.
    spelling: String,
}

struct Dict {
    /// Every alias, matched case-insensitively in one pass.
    automaton: aho_corasick::AhoCorasick,
    /// Entries of each automaton pattern, by pattern index.
    entries: Vec<Vec<Entry>>,
}

fn build(extra: &BTreeMap<String, Vec<String>>) -> Dict {
    let mut by_alias: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    let mut add = |alias: &str, canonical: &str, rule: Match, spelling: &str| {
        by_alias
            .entry(alias.to_lowercase())
            .or_default()
            .push(Entry {
                canonical: canonical.to_string(),
                rule,
                spelling: spelling.to_string(),
            });
    };
    for (name, rule, aliases) in DICTIONARY {
        add(name, name, *rule, name);
        for a in *aliases {
            // A dotted or multi-word alias is specific enough to match in any case.
            let r = if *rule == Ambiguous && (a.contains('.') || a.contains(' ') || a.contains('-'))
            {
                Plain
            } else {
                *rule
            };
            // An ambiguous one-word alias counts only when capitalized like a name.
            let spelling = if r == Ambiguous {
                capitalize(a)
            } else {
                a.to_string()
            };
            add(a, name, r, &spelling);
        }
    }
    for (name, aliases) in extra {
        add(name, name, Plain, name);
        for a in aliases {
            add(a, name, Plain, a);
        }
    }
    let (patterns, entries): (Vec<String>, Vec<Vec<Entry>>) = by_alias.into_iter().unzip();
    let automaton = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        // A DFA: a few hundred patterns make a small table, scanned fastest.
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&patterns)
        .expect("technology automaton");
    Dict { automaton, entries }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

static BUILTIN: LazyLock<Dict> = LazyLock::new(|| build(&BTreeMap::new()));

/// Characters that continue a word: a name must not sit inside a longer
/// word ("go" in "google", "rust" in "rusty").
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '+' | '#' | '_')
}

/// Whether a match at `start..end` stands as a whole word. Dots, dashes and
/// apostrophes join words ("next.js", "pi-hole", "let's") unless they end
/// a sentence or open a path (".github").
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joined = |c: char| matches!(c, '.' | '-' | '\'');
    let ok_before = match before {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some(c) if joined(c) => text[..start - c.len_utf8()]
            .chars()
            .next_back()
            .is_none_or(|p| !is_word_char(p)),
        Some(_) => true,
    };
    let ok_after = match after {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some(c) if joined(c) => text[end + c.len_utf8()..]
            .chars()
            .next()
            .is_none_or(|n| !is_word_char(n)),
        Some(_) => true,
    };
    ok_before && ok_after
}

fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t', '*', '_', '`', '"', '(', '[']);
    match before.chars().last() {
        None => true,
        Some(c) => {
            matches!(
                c,
                '.' | '!' | '?' | ':' | '\n' | '|' | '#' | '>' | '-' | '•'
            ) || super::text::is_decoration(c)
        }
    }
}

/// Where a piece of text sits decides how much an ambiguous word counts.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    /// Running prose: capitalized, mid-sentence names count.
    Prose,
    /// Titles and headings are title-cased: ambiguous names need confirmation.
    Title,
    /// Metadata values and inline code: a name is a name.
    Named,
}

fn scan(
    dict: &Dict,
    text: &str,
    ctx: Context,
    found: &mut BTreeSet<String>,
    maybe: &mut BTreeSet<String>,
) {
    for m in dict.automaton.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        if !whole_word(text, start, end) {
            continue;
        }
        let phrase_raw = &text[start..end];
        for e in &dict.entries[m.pattern().as_usize()] {
            match e.rule {
                Plain => {
                    found.insert(e.canonical.clone());
                }
                Exact => {
                    if phrase_raw == e.spelling {
                        found.insert(e.canonical.clone());
                    }
                }
                Ambiguous => {
                    if phrase_raw != e.spelling {
                        continue;
                    }
                    match ctx {
                        Context::Named => {
                            found.insert(e.canonical.clone());
                        }
                        Context::Prose if !sentence_start(text, start) => {
                            found.insert(e.canonical.clone());
                        }
                        _ => {
                            maybe.insert(e.canonical.clone());
                        }
                    }
                }
            }
        }
    }
}

/// Every technology the document names, canonical names sorted.
pub fn extract(
    doc: &Document,
    front_matter: &[String],
    extra: &BTreeMap<String, Vec<String>>,
) -> Vec<String> {
    let custom;
    let dict: &Dict = if extra.is_empty() {
        &BUILTIN
    } else {
        custom = build(extra);
        &custom
    };
    let mut found = BTreeSet::new();
    let mut maybe = BTreeSet::new();
    for v in front_matter {
        scan(dict, v, Context::Named, &mut found, &mut maybe);
    }
    for (i, b) in doc.blocks.iter().enumerate() {
        match &b.kind {
            Kind::Code { lang, text, .. } => {
                // Connection strings name their database.
                for c in DSN.captures_iter(text) {
                    if let Some((_, name)) = DSN_SCHEMES
                        .iter()
                        .find(|(k, _)| c[1].eq_ignore_ascii_case(k))
                    {
                        found.insert((*name).to_string());
                    }
                }
                if let Some(l) = lang {
                    if let Some((_, name)) = LANGS.iter().find(|(k, _)| k == l) {
                        found.insert((*name).to_string());
                    }
                }
                continue;
            }
            Kind::Heading { .. } => scan(dict, b.text(), Context::Title, &mut found, &mut maybe),
            _ => {
                for l in &doc.ann[i].lines {
                    let ctx = if matches!(l.kind, Some(LabelKind::Meta)) {
                        Context::Named
                    } else {
                        Context::Prose
                    };
                    scan(dict, &l.value, ctx, &mut found, &mut maybe);
                }
                if doc.ann[i].lines.is_empty() {
                    scan(dict, b.text(), Context::Prose, &mut found, &mut maybe);
                }
            }
        }
        // Inline code is part of the line text scanned above.
    }
    found.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::document::annotate;
    use crate::extract::markdown::blocks;

    fn techs(md: &str) -> Vec<String> {
        extract(&annotate(blocks(md, 1)), &[], &BTreeMap::new())
    }

    #[test]
    fn dictionary_is_large_enough() {
        assert!(DICTIONARY.len() >= 150, "{}", DICTIONARY.len());
    }

    #[test]
    fn names_and_aliases() {
        let got = techs("We run Postgres behind PgBouncer on Render.com with Next.js and Pi-hole, k8s and GitHub Action runners.\n");
        for want in [
            "PostgreSQL",
            "PgBouncer",
            "Render",
            "Next.js",
            "Pi-hole",
            "Kubernetes",
            "GitHub Actions",
        ] {
            assert!(got.contains(&want.to_string()), "{want} in {got:?}");
        }
    }

    #[test]
    fn ambiguous_words_need_to_be_names() {
        for md in [
            "We render the page on the server.\n",
            "Go to the dashboard and click deploy.\n",
            "A swift response from the team.\n",
            "The pipes showed rust after years.\n",
            "The neon sign flickered.\n",
            "A spark of insight.\n",
            "Render the template again.\n",
            "React quickly to alerts.\n",
            "# Render Deployment Fix\n\nWe deployed it.\n",
        ] {
            let got = techs(md);
            for bad in [
                "Render",
                "Go",
                "Swift",
                "Rust",
                "Neon",
                "Apache Spark",
                "React",
            ] {
                assert!(!got.contains(&bad.to_string()), "{bad} in {md:?}: {got:?}");
            }
        }
    }

    #[test]
    fn ambiguous_names_count_in_context() {
        let got = techs("The Render build used the Rust toolchain; we moved to Neon pooled connections.\n\n**Platform**: Render\n\n```swift\nlet x = 1\n```\n");
        for want in ["Render", "Rust", "Neon", "Swift"] {
            assert!(got.contains(&want.to_string()), "{want} in {got:?}");
        }
    }

    #[test]
    fn acronyms_are_case_sensitive() {
        assert!(
            techs("A GAN trained on VITS data; see CVE-2021-1 in NVD.\n")
                .contains(&"GAN".to_string())
        );
        assert!(!techs("The gan of them.\n").contains(&"GAN".to_string()));
    }

    #[test]
    fn config_adds_names() {
        let mut extra = BTreeMap::new();
        extra.insert("FooDB".to_string(), vec!["foo-db".to_string()]);
        let got = extract(&annotate(blocks("We use foo-db here.\n", 1)), &[], &extra);
        assert_eq!(got, vec!["FooDB"]);
    }
}
