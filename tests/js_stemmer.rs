//! The search page tokenizes queries in the browser with
//! `static/assets/incidex-stem.js`; it must give exactly the tokens the
//! index's prose analyzer (tantivy's `en_stem`) gives. These tests run the
//! script under node (through `tests/js/stem_harness.js`) on:
//!
//! - every line of every file under `../shared/seeds` and `../shared/corpus`
//!   (when that folder is there), and every distinct word in them, as is,
//!   lower-cased, and with common suffixes added;
//! - a hand-written table of hard cases, and sentences;
//! - roots × suffixes, and seeded random words over the letters the
//!   stemmer's rules look at;
//! - words from the file named by `INCIDEX_EXTRA_WORDS`, one a line, if set;
//! - every Unicode scalar value alone (which are letters or digits, and
//!   their lower case: this is where a JS engine's Unicode tables show).
//!
//! Words go to `incidexStem` (against tantivy's English `Stemmer` alone);
//! lines and sentences go to `incidexProse` (against `en_stem`). Without
//! `node` on PATH the tests say so and pass, except under CI, where they fail.

use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, SimpleTokenizer, Stemmer, TextAnalyzer, TokenStream,
    TokenizerManager,
};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether node can run; outside CI a missing node skips the test.
fn have_node() -> bool {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install node (Debian: apt-get install -y nodejs)"
        );
        eprintln!("note: `node` is not on PATH; the JS stemmer parity test did not run");
    }
    ok
}

/// Runs the harness on `job`; fails on any error it reports.
fn run_js(job: &Value) -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in.json");
    let output = dir.path().join("out.json");
    std::fs::write(&input, serde_json::to_vec(job).expect("json")).expect("write input");
    let status = Command::new("node")
        .arg(root().join("tests/js/stem_harness.js"))
        .arg(root().join("static/assets/incidex-stem.js"))
        .arg(&input)
        .arg(&output)
        .status()
        .expect("run node");
    assert!(status.success(), "the node harness failed: {status}");
    let out: Value =
        serde_json::from_slice(&std::fs::read(&output).expect("read output")).expect("json");
    let errors = out["errors"].as_array().expect("errors");
    assert!(
        errors.is_empty(),
        "incidex-stem.js on hostile input: {errors:#?}"
    );
    out
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

fn en_stem() -> TextAnalyzer {
    TokenizerManager::default()
        .get("en_stem")
        .expect("tantivy's en_stem")
}

/// tantivy's English stemmer on the whole input, as incidexStem is used.
fn stemmer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Collects mismatches; prints the first 20 and the count when dropped
/// through `check`.
#[derive(Default)]
struct Mismatches {
    compared: usize,
    found: Vec<String>,
}

impl Mismatches {
    fn compare(&mut self, what: &str, input: &str, want: &Value, got: &Value) {
        self.compared += 1;
        if want != got {
            let mut shown: String = input.chars().take(120).collect();
            if shown.len() < input.len() {
                shown.push('…');
            }
            let got = got.to_string();
            let got: String = got.chars().take(300).collect();
            let want = want.to_string();
            let want: String = want.chars().take(300).collect();
            self.found
                .push(format!("{what}({shown:?}): rust {want}, js {got}"));
        }
    }

    fn check(self, label: &str) {
        eprintln!("{label}: {} inputs compared", self.compared);
        if !self.found.is_empty() {
            let first: Vec<&str> = self.found.iter().take(20).map(String::as_str).collect();
            panic!(
                "{label}: {} of {} differ; the first {}:\n{}",
                self.found.len(),
                self.compared,
                first.len(),
                first.join("\n")
            );
        }
    }
}

/// Hard cases for the stemmer: Snowball English's exceptions and special
/// prefixes, each rule's edges, y handling, apostrophes, short words,
/// numbers, non-ASCII letters.
#[rustfmt::skip]
const WORDS: &[&str] = &[
    // exceptions, whole words and their neighbours
    "skis", "skies", "sky", "skied", "skying", "dying", "lying", "tying", "vying", "dyed",
    "idly", "gently", "ugly", "early", "only", "singly", "news", "newsy", "howe", "howes",
    "andes", "atlas", "atlases", "bias", "biases", "cosmos", "cosmoses", "ugli", "onlyness",
    // prefixes that fix R1: gener- commun- arsen- emerg- inter- later- organ- past- univers-
    "generously", "generate", "generation", "general", "generic", "communism", "community",
    "communication", "arsenal", "arsenic", "emergency", "emerge", "emerging", "international",
    "internally", "lateral", "laterally", "organization", "organism", "organic", "pastime",
    "pasted", "pasting", "past", "universe", "university", "universal",
    // step 1b: eed, ed, ing, edly, ingly, and the words kept whole
    "consign", "consigned", "consigning", "consignment", "consist", "consisted", "consistent",
    "agreed", "agreedly", "feed", "feeds", "proceed", "proceeded", "proceeding", "exceed",
    "exceeding", "exceedingly", "succeed", "succeeded", "speed", "speedy", "bleed", "need",
    "needed", "inning", "innings", "outing", "outings", "canning", "herring", "earring",
    "evening", "evenings", "beginning", "thinning", "ing", "ed", "eed", "bed", "bedding",
    "hoped", "hoping", "hopped", "hopping", "tanned", "tanning", "filed", "filing", "filling",
    "failing", "fizzed", "fizzing", "luxuriating", "tabled", "added", "adding", "egged",
    "offed", "oddly", "sized", "sizing", "rated", "rating", "relating", "conflated",
    "troubled", "troubling", "hissed", "fizzled", "bowling", "snowed", "plastered", "bled",
    "sing", "ring", "thing", "king", "sling", "bring", "owed", "owing", "awed", "axed",
    "boxed", "mixing", "taxing", "played", "playing", "spying", "spied", "studying",
    "worrying", "pasted", "pastes", "pastel",
    // step 1a: s, ss, us, ies, ied, sses, apostrophes
    "caresses", "ponies", "ties", "cries", "cried", "pies", "died", "dies", "caress", "cats",
    "gaps", "gas", "this", "its", "us", "bus", "census", "kiss", "kisses", "class", "classes",
    "series", "species", "ies", "ied", "sses", "john's", "johns'", "john'", "'john", "'s",
    "'s'", "''", "'", "o'clock", "can't", "don't", "rock'n'roll", "''cause", "it's's",
    // y handling
    "y", "yy", "yyy", "yes", "yesterday", "yield", "yielding", "young", "youth", "youthful",
    "say", "says", "saying", "sayings", "enjoy", "enjoying", "enjoyed", "boy", "boys", "toy",
    "toying", "destroy", "destroying", "happy", "happily", "happiness", "cry", "by", "bye",
    "buy", "buying", "key", "keys", "monkey", "monkeys", "employ", "employee", "employer",
    "employment", "ayy", "ayyy", "yay", "ayayay", "eyeing", "fly", "flyer", "reply",
    "replying", "replied", "deploy", "deployment", "deployments", "redeploying", "proxy",
    "proxies", "yaml", "ymmv", "syzygy", "Yes", "YES", "Y", "yY", "Yy",
    // steps 2 to 5
    "relational", "conditional", "rational", "valenci", "hesitanci", "digitizer",
    "conformabli", "radicalli", "differentli", "vileli", "analogousli", "vietnamization",
    "predication", "operator", "feudalism", "decisiveness", "hopefulness", "callousness",
    "formaliti", "sensitiviti", "sensibiliti", "fruitlessly", "fruitlessness", "fulli",
    "hopefully", "carefully", "logi", "ogi", "analogi", "apologist", "biologist", "ecology",
    "biology", "fluently", "triplicate", "formative", "formalize", "electriciti", "electrical",
    "hopeful", "goodness", "revival", "allowance", "inference", "airliner", "gyroscopic",
    "adjustable", "defensible", "irritant", "replacement", "adjustment", "dependent",
    "adoption", "homologou", "activate", "angulariti", "homologous", "effective", "bowdlerize",
    "probate", "rate", "cease", "controll", "roll", "fall", "fullness", "ement", "cement",
    "element", "abatement", "station", "mission", "lion", "option", "region", "recursion",
    "timeout", "timeouts", "kubernetes", "postgres", "latency", "latencies", "retries",
    "retried", "retrying", "throttled", "throttling", "misconfigured", "misconfiguration",
    "outage", "outages", "incident", "incidents", "postmortem", "postmortems", "rollback",
    "rolled", "rolling", "failover", "failed", "failure", "failures", "caching", "cached",
    "cache", "caches", "queueing", "queued", "queue", "queues", "authentication",
    "authorization", "authorized", "availability", "reliability", "scalability",
    "observability", "generational", "sensational", "traditionalism", "nationalization",
    "generalizations", "institutionalization",
    // short words and odd ones
    "a", "ab", "abc", "at", "ate", "be", "bee", "eat", "eats", "ion", "ions", "ism", "past",
    "pasts", "the", "was", "is", "as", "ass", "uses", "used", "using", "owes", "ow", "ows", "",
    " ", "x", "xx", "xxx", "zzz", "aaa", "eee", "iii", "uuu", "lll", "sss",
    // numbers and mixed letters and digits
    "0", "1", "12", "123", "2024", "1st", "2nd", "3rd", "4th", "10s", "1990s", "100ms", "5xx",
    "http2", "ipv6", "utf8", "s3", "ec2", "k8s", "x86", "v1", "v2ing", "404ed", "sha256sum",
    "md5ed", "e2e", "h264", "3ing", "3ed", "3s", "a1b2c3", "0x1f",
    // non-ASCII: accents, other scripts, symbols, CJK
    "café", "cafés", "naïve", "naïvely", "résumé", "résumés", "façade", "façades", "über",
    "übers", "élan", "éies", "éied", "ébies", "aéy", "éying", "éyed", "éing", "ïng",
    "coöperate", "coöperation", "reëlected", "zoölogy", "straße", "straßes", "ﬁles", "ﬂying",
    "ǆung", "ångström", "ångströms", "niño", "niños", "señorita", "ﬀ", "ὀδυσσεύς", "οδοσ",
    "москва", "москвы", "データベース", "东京", "東京タワー", "서울", "עברית", "العربية", "हिन्दी", "ไทย",
    "😀", "a😀s", "ies😀", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "ⅷ", "ⅻing", "½", "²", "٣", "৪", "ⓐⓑ", "ʼs", "’s", "x’s",
    "y̆es", "ṡing", "ĳsselmeer", "i̇stanbul",
    // long
    "supercalifragilisticexpialidociously", "antidisestablishmentarianism",
    "pneumonoultramicroscopicsilicovolcanoconiosis",
    "pneumonoultramicroscopicsilicovolcanoconiosises",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaing",
];

/// Sentences and texts for the whole analyzer: splitting, the 40-byte limit
/// (counted before lower-casing), lower-casing, and stemming together.
fn sentences() -> Vec<String> {
    let mut s: Vec<String> = [
        "Dogs are the bests!",
        "The skies were generously clear; news of the arsenal's dying communism spread.",
        "Consign, consigned, consigning: consignment.",
        "Yes, the sayings of Mr. O'Brien's boys weren't ugly. It's John's, not the Johns'.",
        "ERROR 2024-05-01T12:00:00Z connection refused (errno=111) at db-01.prod:5432",
        "panic: runtime error: index out of range [3] with length 3",
        "java.lang.OutOfMemoryError: Java heap space at com.example.Cache.put(Cache.java:42)",
        "TLS handshake timeout; retried 3x; p99 latency 1.5s→12s",
        "kubectl rollout undo deployment/api-gateway --to-revision=41",
        "CamelCaseWords snake_case_words kebab-case-words dotted.words.here",
        "Café naïve résumé façade Über ÅNGSTRÖM Straße İstanbul ΟΔΟΣ ΣΊΣΥΦΟΣ",
        "東京タワーの障害 서울 데이터센터 정전 Москва упала ไทย हिन्दी العربية",
        "emoji 😀 between 🔥words🔥 and ZWJ 👩‍💻 sequences, flags 🇳🇿",
        "nul\u{0}separated\u{0}words and\ttabs\r\nand\u{2028}line\u{2029}separators",
        "soft\u{ad}hyphen zero\u{200b}width joiner\u{200d}here non\u{a0}breaking",
        "combining: e\u{301}te\u{301} n\u{303}o y\u{306}es Åström vs A\u{30a}stro\u{308}m",
        "digits: ٣٤٥ ৪৫ ½ ² ⅻ ①② 10⁶ 3rd 1990s 100ms 5xx HTTP/2 IPv6",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9",
        "''' 'quoted' \"double\" `back` ‘curly’ “curly” ʼmodifierʼ",
        "",
        " ",
        "...!!!???",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // The 40-byte limit: around it in ASCII, two-, three- and four-byte
    // characters, and lower-casing that changes the byte count (İ is two
    // bytes, its lower case three; K, the Kelvin sign, three and one).
    for n in 36..44 {
        s.push(format!(
            "{} {}s {}ing",
            "a".repeat(n),
            "b".repeat(n),
            "c".repeat(n)
        ));
    }
    for n in 17..22 {
        s.push(format!("{} {}", "é".repeat(n), "É".repeat(n)));
        s.push(format!(
            "x{} {}",
            "İ".repeat(n),
            "\u{212a}".repeat(n / 2 + 4)
        ));
    }
    for n in 11..15 {
        s.push(format!("{} {}", "東".repeat(n), "𝔘".repeat(n - 2)));
    }
    s.push("ab".repeat(50_000));
    s.push("running ".repeat(12_500));
    s.push("y".repeat(100_000));
    s.push("\u{0}".repeat(100_000));
    s.push("😀".repeat(25_000));
    s.push("é".repeat(50_000));
    s.push(WORDS.join(" "));
    s.push(WORDS.join("'"));
    s
}

#[rustfmt::skip]
const SUFFIXES: &[&str] = &[
    "", "s", "es", "ies", "ied", "ed", "ing", "ingly", "edly", "eed", "eedly", "ly", "li", "y",
    "'s", "s'", "'", "ness", "ful", "fully", "fulness", "less", "lessly", "ousness", "ously",
    "iveness", "ational", "tional", "ation", "ations", "ator", "izer", "ization", "alism", "aliti",
    "ality", "iviti", "ivity", "biliti", "bility", "bli", "abli", "ably", "alli", "ally", "entli",
    "ently", "ousli", "enci", "ency", "anci", "ancy", "ogi", "ogy", "ogist", "icate", "ative",
    "alize", "iciti", "icity", "ical", "ic", "ance", "ence", "able", "ible", "ate", "ive", "ize",
    "iti", "al", "ism", "ion", "sion", "tion", "er", "ous", "ant", "ent", "ment", "ement", "e",
    "l", "ll", "at", "bl", "iz", "ying",
];

#[rustfmt::skip]
const ROOTS: &[&str] = &[
    "hop", "hope", "tan", "fil", "fill", "fail", "fizz", "rat", "relat", "troubl", "hiss", "add",
    "egg", "off", "bow", "snow", "plaster", "bl", "sing", "kill", "run", "stop", "conform",
    "radic", "differ", "vile", "analog", "vietnam", "predic", "oper", "feud", "decis", "callous",
    "sensit", "sensib", "electr", "gener", "commun", "arsen", "emerg", "inter", "later", "organ",
    "past", "univers", "succ", "proc", "exc", "even", "cann", "inn", "earr", "herr", "out", "d",
    "l", "t", "v", "y", "sk", "ski", "sky", "ag", "gre", "pl", "pla", "play", "enjo", "cr", "ow",
    "aw", "ax", "box", "yes", "ey", "e", "a", "o", "u", "i", "café", "naï", "über", "東", "😀",
    "3", "x86", "deploy", "retr", "throttl", "configur", "cach", "queu", "authent", "author",
    "avail", "reli", "scal", "observ",
];

/// Seeded xorshift, so the random words are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Random words over the letters the rules test (vowels, y, the doubled and
/// valid-li consonants, w x, apostrophes, one non-ASCII letter), favouring
/// endings that rules match.
fn random_words(count: usize) -> Vec<String> {
    let letters: Vec<char> = "aeiouyybcdgklmnprsttvwxzl'é".chars().collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..count)
        .map(|_| {
            let len = 1 + rng.below(9);
            let mut w: String = (0..len)
                .map(|_| letters[rng.below(letters.len())])
                .collect();
            if rng.below(2) == 0 {
                w.push_str(SUFFIXES[rng.below(SUFFIXES.len())]);
            }
            w
        })
        .collect()
}

/// Lines and distinct words of every file under ../shared/seeds and
/// ../shared/corpus; both empty when the folder is not there.
fn shared_texts() -> (Vec<String>, BTreeSet<String>) {
    let shared = root().join("../shared");
    let mut lines = Vec::new();
    let mut words = BTreeSet::new();
    let mut split = TextAnalyzer::builder(SimpleTokenizer::default()).build();
    let mut lower = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .build();
    for part in ["seeds", "corpus"] {
        let dir = shared.join(part);
        if !dir.is_dir() {
            eprintln!(
                "note: {} is missing; its words are not compared",
                dir.display()
            );
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let text =
                String::from_utf8_lossy(&std::fs::read(entry.path()).expect("read")).into_owned();
            words.extend(tokens(&mut split, &text));
            words.extend(tokens(&mut lower, &text));
            lines.extend(
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_string),
            );
        }
    }
    (lines, words)
}

fn extra_words() -> Vec<String> {
    let Some(path) = std::env::var_os("INCIDEX_EXTRA_WORDS") else {
        return Vec::new();
    };
    let text = std::fs::read_to_string(Path::new(&path)).expect("INCIDEX_EXTRA_WORDS");
    text.lines().map(|l| l.trim().to_string()).collect()
}

#[test]
fn incidex_stem_js_matches_tantivy_en_stem() {
    if !have_node() {
        return;
    }
    let (lines, shared_words) = shared_texts();

    let mut words: BTreeSet<String> = WORDS.iter().map(|w| w.to_string()).collect();
    words.extend(extra_words());
    let common = [
        "", "s", "es", "ed", "ing", "ly", "ness", "ful", "ation", "al", "ize", "er", "'s", "y",
    ];
    for w in &shared_words {
        for s in common {
            words.insert(format!("{w}{s}"));
        }
    }
    for r in ROOTS {
        for s in SUFFIXES {
            words.insert(format!("{r}{s}"));
            words.insert(format!("{r}{s}s"));
        }
    }
    words.extend(random_words(150_000));
    let words: Vec<String> = words.into_iter().collect();

    let mut texts = sentences();
    texts.extend(lines);
    texts.extend(words.iter().filter(|w| w.len() < 200).cloned());

    let out = run_js(&json!({ "prose": texts, "stem": words }));
    let (js_prose, js_stem) = (
        out["prose"].as_array().expect("prose"),
        out["stem"].as_array().expect("stem"),
    );
    assert_eq!(js_prose.len(), texts.len());
    assert_eq!(js_stem.len(), words.len());

    let mut mismatches = Mismatches::default();
    let mut stem = stemmer();
    for (w, got) in words.iter().zip(js_stem) {
        let want = tokens(&mut stem, w).pop().expect("one token");
        mismatches.compare("incidexStem", w, &json!(want), got);
    }
    let mut analyzer = en_stem();
    for (t, got) in texts.iter().zip(js_prose) {
        mismatches.compare("incidexProse", t, &json!(tokens(&mut analyzer, t)), got);
    }
    eprintln!(
        "{} distinct words ({} from ../shared), {} texts",
        words.len(),
        shared_words.len(),
        texts.len()
    );
    mismatches.check("incidex-stem.js against tantivy");
}

/// Every Unicode scalar value alone: whether it is a letter or digit, and its
/// lower case, come from the JS engine's Unicode tables and Rust's.
#[test]
fn incidex_prose_js_agrees_on_every_code_point() {
    if !have_node() {
        return;
    }
    let out = run_js(&json!({ "codepoints": true }));
    let got = out["codepoints"].as_array().expect("codepoints");
    let mut analyzer = en_stem();
    let mut mismatches = Mismatches::default();
    let scalars = (0..=0x10ffff_u32).filter_map(char::from_u32);
    assert_eq!(got.len(), scalars.clone().count());
    for (c, got) in scalars.zip(got) {
        let want = tokens(&mut analyzer, c.encode_utf8(&mut [0; 4])).join(" ");
        mismatches.compare(
            "incidexProse",
            &format!("U+{:04X} {c}", c as u32),
            &json!(want),
            got,
        );
    }
    mismatches.check("incidexProse on each code point (the JS engine's Unicode tables)");
}
