//! Bytes → text: byte-order marks, UTF-16, invalid UTF-8, line endings.
//! Mojibake repair lives in `mojibake.rs`; this module only decodes.

use std::borrow::Cow;

/// Why a file cannot be read as text at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("binary file (NUL byte at offset {0}), not a text report")]
    Binary(usize),
}

/// Text decoded from bytes, with what had to be done to get it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub notes: Vec<String>,
}

/// Decodes a report's bytes. UTF-8 (BOM or not) and UTF-16 with a BOM are
/// read exactly; other bytes are decoded lossily with a note that names the
/// first bad offset. Line endings become `\n`.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let mut notes = Vec::new();
    let text: String = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        utf8_lossy(rest, 3, &mut notes)
    } else if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (cow, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        notes.push(format!("decoded from {}", enc.name()));
        if had_errors {
            notes.push("invalid UTF-16 sequences replaced with U+FFFD".into());
        }
        cow.into_owned()
    } else {
        let head = &bytes[..bytes.len().min(8192)];
        if let Some(pos) = memchr::memchr(0, head) {
            return Err(DecodeError::Binary(pos));
        }
        utf8_lossy(bytes, 0, &mut notes)
    };
    // Most files need no change: keep the string, no second copy.
    let text = match normalize_newlines(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(changed) => changed,
    };
    Ok(Decoded { text, notes })
}

fn utf8_lossy(bytes: &[u8], base: usize, notes: &mut Vec<String>) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(e) => {
            notes.push(format!(
                "invalid UTF-8 at byte offset {}; bad bytes replaced with U+FFFD",
                base + e.valid_up_to()
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

/// CRLF and lone CR become LF; a stray BOM left inside the text is dropped.
pub fn normalize_newlines(text: &str) -> Cow<'_, str> {
    // Every report passes here: the vectorized searches of `memchr`.
    if memchr::memchr(b'\r', text.as_bytes()).is_none()
        && memchr::memmem::find(text.as_bytes(), "\u{feff}".as_bytes()).is_none()
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{feff}' => {}
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_table() {
        let cases: &[(&[u8], &str)] = &[
            (b"# Title\n", "# Title\n"),
            (b"\xEF\xBB\xBF# Title\n", "# Title\n"),
            (b"a\r\nb\rc\n", "a\nb\nc\n"),
            (b"\xFF\xFE#\x00 \x00T\x00\n\x00", "# T\n"),
            (b"\xFE\xFF\x00#\x00 \x00T\x00\n", "# T\n"),
            (
                "café Größe 日本語 ✅\n".as_bytes(),
                "café Größe 日本語 ✅\n",
            ),
        ];
        for (bytes, want) in cases {
            assert_eq!(decode(bytes).unwrap().text, *want, "{bytes:?}");
        }
    }

    #[test]
    fn invalid_utf8_is_lossy_with_offset() {
        let d = decode(b"ok \xC3\x28 rest").unwrap();
        assert_eq!(d.text, "ok \u{fffd}( rest");
        assert!(d.notes[0].contains("offset 3"), "{:?}", d.notes);
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\x00\x00"),
            Err(DecodeError::Binary(8))
        );
    }
}
