//! Repairs mojibake: UTF-8 text that was once decoded as Windows-1252 or
//! Mac Roman and saved again (`‚úÖ` or `âœ…` for ✅).
//!
//! Works on runs of characters that the suspected encoding can represent:
//! such a run is turned back into bytes, and only byte sequences that form
//! valid multi-byte UTF-8 are replaced. Text that was never mangled (café,
//! Größe, 日本語, emoji) has no such sequences and is left alone.

/// Returns the repaired text and the encoding it was repaired from, or
/// `None` when the text shows no mojibake.
pub fn repair(text: &str) -> Option<(String, &'static str)> {
    if !has_lead(text) {
        return None;
    }
    let mut best: Option<(String, usize, &'static encoding_rs::Encoding, &'static str)> = None;
    for enc in [encoding_rs::WINDOWS_1252, encoding_rs::MACINTOSH] {
        let (fixed, repaired, long) = repair_with(text, enc);
        // One two-byte sequence alone could be real text; require more evidence.
        let enough = repaired >= 2 || long >= 1;
        if enough && best.as_ref().is_none_or(|(_, n, _, _)| repaired > *n) {
            best = Some((fixed, repaired, enc, enc.name()));
        }
    }
    let (fixed, _, enc, name) = best?;
    // A report about an encoding bug quotes the garbled text it saw, in
    // code (`会社情報` became `Ã¤Â¼Å¡...`): that is evidence, kept as
    // written. A file that was itself mangled shows it in its prose too.
    let (_, repaired, long) = repair_with(&outside_code(text), enc);
    (repaired >= 2 || long >= 1).then_some((fixed, name))
}

/// The text without its fenced code blocks and inline code spans.
fn outside_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<(char, usize)> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'));
        let run = marker.map_or(0, |m| trimmed.chars().take_while(|c| *c == m).count());
        // A backtick fence's info string holds no backtick: "```make```"
        // is an inline span. Any indent: a fence inside a nested list
        // item is indented past four spaces.
        let opens = run >= 3 && !(marker == Some('`') && trimmed[run..].contains('`'));
        match (fence, marker) {
            (None, Some(m)) if opens => {
                fence = Some((m, run));
                continue;
            }
            (Some((m, n)), Some(c)) if c == m && run >= n && trimmed[run..].trim().is_empty() => {
                fence = None;
                continue;
            }
            (Some(_), _) => continue,
            _ => {}
        }
        push_without_spans(line, &mut out);
        out.push('\n');
    }
    out
}

/// `line` without its inline code spans: a run of backticks up to the
/// next run of the same length (an unclosed run is kept as text).
fn push_without_spans(line: &str, out: &mut String) {
    let mut rest = line;
    while let Some(open) = rest.find('`') {
        let ticks = rest[open..].len() - rest[open..].trim_start_matches('`').len();
        let after = &rest[open + ticks..];
        let run = &rest[open..open + ticks];
        // The closing run is exactly as long: not part of a longer one.
        let close = after
            .match_indices(run)
            .map(|(i, _)| i)
            .find(|&i| !after[..i].ends_with('`') && !after[i + ticks..].starts_with('`'));
        out.push_str(&rest[..open]);
        match close {
            Some(i) => rest = &after[i + ticks..],
            None => {
                out.push_str(&rest[open..open + ticks]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// Every mojibake sequence starts with a UTF-8 lead byte (0xC2–0xF4) read
/// as Windows-1252 or Mac Roman: text without one of these is clean.
fn is_lead(c: char) -> bool {
    matches!(
        c,
        '\u{c2}'
            ..='\u{f4}'
                | '¬'
                | '√'
                | 'ƒ'
                | '≈'
                | '∆'
                | '«'
                | '»'
                | '…'
                | '\u{a0}'
                | 'Œ'
                | 'œ'
                | '–'
                | '—'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '÷'
                | '◊'
                | 'ÿ'
                | 'Ÿ'
                | '⁄'
                | '€'
                | '¤'
                | '‹'
                | '›'
                | 'ﬁ'
                | 'ﬂ'
                | '‡'
                | '·'
                | '‚'
                | '„'
                | '‰'
                | '\u{f8ff}'
    )
}

/// Whether a lead is directly followed by another non-ASCII character: a
/// sequence's continuation bytes (0x80–0xBF) read as either encoding are
/// never ASCII, so text where every lead is followed by ASCII or ends
/// (smart quotes, dashes, accented words: "it’s — café") has nothing to
/// repair. Looks at the non-ASCII characters only; ASCII bytes are skipped
/// in bulk.
fn has_lead(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(start) = next_non_ascii(bytes, i) {
        let Some(c) = text[start..].chars().next() else {
            return false;
        };
        i = start + c.len_utf8();
        if is_lead(c) && bytes.get(i).is_some_and(|b| *b >= 0x80) {
            return true;
        }
    }
    false
}

/// The first non-ASCII byte at or after `from`. Whole 16-byte runs of
/// ASCII are passed by the word-at-a-time `is_ascii`; most text is ASCII.
fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while bytes.len() - i >= 16 && bytes[i..i + 16].is_ascii() {
        i += 16;
    }
    bytes[i..].iter().position(|b| *b >= 0x80).map(|p| i + p)
}

/// (repaired text, sequences repaired, of which 3–4 bytes long)
fn repair_with(text: &str, enc: &'static encoding_rs::Encoding) -> (String, usize, usize) {
    let mut out = String::with_capacity(text.len());
    let mut repaired = 0;
    let mut long = 0;
    let mut run: Vec<(char, u8)> = Vec::new();
    let mut flush = |run: &mut Vec<(char, u8)>, out: &mut String| {
        let (r, l) = repair_run(run, out);
        repaired += r;
        long += l;
        run.clear();
    };
    for c in text.chars() {
        match single_byte(c, enc) {
            Some(b) => run.push((c, b)),
            None => {
                flush(&mut run, &mut out);
                out.push(c);
            }
        }
    }
    flush(&mut run, &mut out);
    (out, repaired, long)
}

fn single_byte(c: char, enc: &'static encoding_rs::Encoding) -> Option<u8> {
    if c.is_ascii() {
        return Some(c as u8);
    }
    let mut buf = [0u8; 4];
    let s = c.encode_utf8(&mut buf);
    let (bytes, _, unmappable) = enc.encode(s);
    if unmappable || bytes.len() != 1 {
        return None;
    }
    Some(bytes[0])
}

fn repair_run(run: &[(char, u8)], out: &mut String) -> (usize, usize) {
    let mut repaired = 0;
    let mut long = 0;
    let mut i = 0;
    while i < run.len() {
        let lead = run[i].1;
        let need = match lead {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => 0,
        };
        if need > 0 {
            let end = i + 1 + need;
            if end <= run.len()
                && run[i + 1..end]
                    .iter()
                    .all(|(_, b)| (0x80..=0xBF).contains(b))
            {
                let bytes: Vec<u8> = run[i..end].iter().map(|(_, b)| *b).collect();
                if let Ok(s) = std::str::from_utf8(&bytes) {
                    out.push_str(s);
                    repaired += 1;
                    if need >= 2 {
                        long += 1;
                    }
                    i = end;
                    continue;
                }
            }
        }
        out.push(run[i].0);
        i += 1;
    }
    (repaired, long)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_mac_roman_and_windows_1252() {
        let cases = [
            ("Status: ‚úÖ done ‚ùå", "Status: ✅ done ❌"),
            ("## \u{f8ff}üéâ Final Status", "## 🎉 Final Status"),
            ("## ðŸ“‹ Executive Summary", "## 📋 Executive Summary"),
            ("âœ… FIXED and â€” dash", "✅ FIXED and — dash"),
            (
                "caf\u{00c3}\u{00a9} and na\u{00c3}\u{00af}ve",
                "café and naïve",
            ),
        ];
        for (bad, good) in cases {
            assert_eq!(repair(bad).map(|r| r.0).as_deref(), Some(good), "{bad}");
        }
    }

    #[test]
    fn undefined_windows_1252_bytes_survive_as_c1_controls() {
        // 0x9D has no Windows-1252 character; decoders keep it as U+009D.
        assert_eq!(
            repair("// \u{e2}\u{9d}\u{152} INVALID").unwrap().0,
            "// ❌ INVALID"
        );
    }

    #[test]
    fn the_quick_check_never_skips_a_repairable_text() {
        // Every short string over leads, continuations and ASCII: when the
        // quick check says "nothing to repair", neither encoding repairs.
        let mut alphabet: Vec<char> = "a -\u{a0}\u{a9}\u{bf}\u{c2}\u{c3}\u{e2}\u{f0}"
            .chars()
            .collect();
        alphabet.extend("‚ƒ„…†‡ˆ‰Š‹Œ‘’“”•–—˜™š›œŸ√≈∆«»ﬁﬂ⁄€¤·ÿ✅é".chars());
        let mut checked = 0;
        for &a in &alphabet {
            for &b in &alphabet {
                for &c in &alphabet {
                    let t: String = [a, b, c].iter().collect();
                    if !has_lead(&t) {
                        for enc in [encoding_rs::WINDOWS_1252, encoding_rs::MACINTOSH] {
                            assert_eq!(repair_with(&t, enc).1, 0, "{t:?}");
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000);
    }

    #[test]
    fn garbled_text_quoted_in_code_is_evidence() {
        // A report about an encoding bug, itself clean.
        let quoted = [
            "## 原因\n保存した結果、`会社情報` が `Ã¤Â¼Å¡Ã§Â¤Â¾` のように化けた。\n",
            "The page showed ``Ã¢Â€Â™ and â€œ`` instead of quotes.\n",
            "Before the fix:\n\n```\nName: JosÃ© GarcÃ\u{AD}a â€” âœ…\n```\n\nAfter: fine.\n",
            "Output:\n\n~~~~text\nâœ… done, â€” dash\n```\nstill code: Ã©\n~~~~\n",
        ];
        for t in quoted {
            assert_eq!(repair(t), None, "{t}");
        }
        // A mangled file is repaired, its code included.
        let mangled = "## âœ… Fixed â€” at last\n\n```\necho \"âœ… ok\"\n```\n";
        assert_eq!(
            repair(mangled).map(|r| r.0).as_deref(),
            Some("## ✅ Fixed — at last\n\n```\necho \"✅ ok\"\n```\n")
        );
    }

    #[test]
    fn code_spans_and_fences_are_cut_out() {
        assert_eq!(outside_code("a `b` c ``d ` e`` f"), "a  c  f\n");
        assert_eq!(outside_code("a `open only"), "a `open only\n");
        assert_eq!(outside_code("x\n```rust\ncode\n```\ny"), "x\ny\n");
        // A fence in a nested list item, indented past four spaces.
        assert_eq!(
            outside_code("1. a\n   - b\n\n     ```\n     x\n     ```\ny"),
            "1. a\n   - b\n\ny\n"
        );
        // Backticks on both sides: an inline span, not a fence.
        assert_eq!(
            outside_code("```make deploy``` failed\nnext"),
            " failed\nnext\n"
        );
    }

    #[test]
    fn clean_text_is_untouched() {
        for ok in [
            "café",
            "Größe",
            "日本語",
            "emoji ✅ 🎉",
            "naïve résumé — “quoted”",
            "plain ascii",
            "Ä Ö Ü ß",
            "it’s “fine” — isn’t it…",
        ] {
            assert_eq!(repair(ok), None, "{ok}");
        }
    }
}
