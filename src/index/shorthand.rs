//! Engineers' shorthand, looked up as the words it stands for.
//!
//! Someone searching types "config change broke auth"; the report says
//! "a configuration change exposed a bug in the authentication library".
//! A stemmer does not join them: `config` and `configur` are different
//! terms. A query's shorthand also asks for its full word's stem, at the
//! shorthand's weight (`expand`).
//!
//! Only that way round, and only in the query. Reading shorthand as its
//! full word in the index too (one term for both) was measured: it found
//! the spelled-out report for shorthand queries, but among 5,000 generated
//! reports that write "config" and "auth" everywhere, a query spelled out
//! in full ("configuration push rollback failed authentication library")
//! lost its report: its rare words became as common as the shorthand.
//!
//! The table holds shorthand any engineer reads one way only. Left out on
//! purpose: shorthand with two common readings ("min": minimum or minutes,
//! "ts": TypeScript or timestamp, "ops", "var", "proc"), shorthand that
//! has become a word of its own ("app" is a phone's or a web app, where
//! "application" is also a job's, a patch's, a law's) and whole phrases
//! ("PR" for pull request, "CI"): one term cannot stand for two words.

/// (shorthand, the full word), both as written. `STEMS` is this table
/// through the English stemmer; a test keeps the two in step.
pub const WORDS: &[(&str, &str)] = &[
    ("addr", "address"),
    ("admin", "administrator"),
    ("arg", "argument"),
    ("args", "arguments"),
    ("async", "asynchronous"),
    ("attr", "attribute"),
    ("attrs", "attributes"),
    ("auth", "authentication"),
    ("authn", "authentication"),
    ("authz", "authorization"),
    ("calc", "calculation"),
    ("cert", "certificate"),
    ("certs", "certificates"),
    ("cfg", "configuration"),
    ("config", "configuration"),
    ("configs", "configurations"),
    ("conn", "connection"),
    ("conns", "connections"),
    ("creds", "credentials"),
    ("ctx", "context"),
    ("db", "database"),
    ("dbs", "databases"),
    ("dep", "dependency"),
    ("deps", "dependencies"),
    ("dev", "development"),
    ("dir", "directory"),
    ("dirs", "directories"),
    ("env", "environment"),
    ("envs", "environments"),
    ("err", "error"),
    ("errs", "errors"),
    ("func", "function"),
    ("impl", "implementation"),
    ("infra", "infrastructure"),
    ("init", "initialization"),
    ("k8s", "kubernetes"),
    ("lang", "language"),
    ("lib", "library"),
    ("libs", "libraries"),
    ("mem", "memory"),
    ("msg", "message"),
    ("msgs", "messages"),
    ("param", "parameter"),
    ("params", "parameters"),
    ("perf", "performance"),
    ("pkg", "package"),
    ("pkgs", "packages"),
    ("prod", "production"),
    ("repo", "repository"),
    ("repos", "repositories"),
    ("req", "request"),
    ("reqs", "requests"),
    ("resp", "response"),
    ("sev", "severity"),
    ("spec", "specification"),
    ("specs", "specifications"),
    ("stats", "statistics"),
    ("svc", "service"),
    ("svcs", "services"),
    ("sync", "synchronization"),
    ("temp", "temporary"),
    ("tmp", "temporary"),
    ("txn", "transaction"),
    ("txns", "transactions"),
];

/// `WORDS` as the English stemmer leaves them: (stem of the shorthand,
/// stem of the full word), sorted by the first for a binary search. Pairs
/// whose stems already agree are left out.
pub const STEMS: &[(&str, &str)] = &[
    ("addr", "address"),
    ("admin", "administr"),
    ("arg", "argument"),
    ("async", "asynchron"),
    ("attr", "attribut"),
    ("auth", "authent"),
    ("authn", "authent"),
    ("authz", "author"),
    ("calc", "calcul"),
    ("cert", "certif"),
    ("cfg", "configur"),
    ("config", "configur"),
    ("conn", "connect"),
    ("cred", "credenti"),
    ("ctx", "context"),
    ("db", "databas"),
    ("dbs", "databas"),
    ("dep", "depend"),
    ("dev", "develop"),
    ("dir", "directori"),
    ("env", "environ"),
    ("err", "error"),
    ("func", "function"),
    ("impl", "implement"),
    ("infra", "infrastructur"),
    ("init", "initi"),
    ("k8s", "kubernet"),
    ("lang", "languag"),
    ("lib", "librari"),
    ("mem", "memori"),
    ("msg", "messag"),
    ("msgs", "messag"),
    ("param", "paramet"),
    ("perf", "perform"),
    ("pkg", "packag"),
    ("pkgs", "packag"),
    ("prod", "product"),
    ("repo", "repositori"),
    ("req", "request"),
    ("resp", "respons"),
    ("sev", "sever"),
    ("spec", "specif"),
    ("stat", "statist"),
    ("svc", "servic"),
    ("svcs", "servic"),
    ("sync", "synchron"),
    ("temp", "temporari"),
    ("tmp", "temporari"),
    ("txn", "transact"),
    ("txns", "transact"),
];

/// The stem of the full word a shorthand stem stands for, if it is one.
pub fn expand(stem: &str) -> Option<&'static str> {
    STEMS
        .binary_search_by(|(short, _)| (*short).cmp(stem))
        .ok()
        .map(|i| STEMS[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    fn stem(word: &str) -> String {
        let mut a = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut s = a.token_stream(word);
        assert!(s.advance(), "{word} gives a token");
        s.token().text.clone()
    }

    #[test]
    fn stems_are_the_words_through_the_stemmer() {
        let mut want: Vec<(String, String)> = WORDS
            .iter()
            .map(|(short, full)| (stem(short), stem(full)))
            .filter(|(s, f)| s != f)
            .collect();
        want.sort();
        want.dedup();
        let got: Vec<(String, String)> = STEMS
            .iter()
            .map(|(s, f)| (s.to_string(), f.to_string()))
            .collect();
        assert_eq!(got, want, "STEMS must be WORDS through the stemmer, sorted");
    }

    #[test]
    fn no_full_word_is_itself_shorthand() {
        // A query's shorthand is expanded once: a → b → c would miss c.
        for (_, full) in STEMS {
            assert!(
                expand(full).is_none(),
                "{full} is both a full word and shorthand"
            );
        }
    }

    #[test]
    fn shorthand_finds_its_full_word_and_nothing_else_changes() {
        assert_eq!(
            expand(&stem("Config")),
            Some(stem("configuration").as_str())
        );
        assert_eq!(expand(&stem("repos")), Some(stem("repositories").as_str()));
        assert_eq!(expand(&stem("K8s")), Some(stem("Kubernetes").as_str()));
        // Full words, and words that only look like shorthand, stay as they are.
        for word in [
            "configuration",
            "configure",
            "application",
            "minutes",
            "min",
            "pr",
        ] {
            assert_eq!(expand(&stem(word)), None, "{word}");
        }
    }
}
