//! Counts as people write them in a summary: "1 incident", "2 incidents".

/// `n` and `word`, with an `s` unless `n` is one. Only for the regular
/// nouns the summaries use (incident, page, file, report, warning, error).
pub fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "incident"), "1 incident");
        assert_eq!(count(0, "warning"), "0 warnings");
        assert_eq!(count(2, "page"), "2 pages");
        assert_eq!(count(11, "error"), "11 errors");
    }
}
