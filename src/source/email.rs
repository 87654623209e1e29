//! A report saved as a raw e-mail: a security disclosure or an outage
//! write-up posted to a mailing list and kept as the archive serves it
//! (lore.kernel.org, oss-security, a list's mbox). Read as Markdown, its
//! header block (`Received:`, `DKIM-Signature:`, ...) was the report's
//! first paragraph, its subject a line among forty, and a quoted-printable
//! body read "a=\nblock", "=3D".
//!
//! The header block is blanked (line numbers kept); `Subject`, `Date` and
//! `From` become the report's `title`, `date` and `author`; the body is
//! decoded when its transfer encoding says so (quoted-printable, base64),
//! and of a multipart message only the first plain-text part is kept.

use base64::Engine as _;
use serde_yaml::{Mapping, Value};

/// Headers of a message with at most this many lines: a header block is
/// a few dozen lines, a report that only looks like one is not read so.
const MAX_HEADER_LINES: usize = 400;

/// The body with the header block blanked and decoded, and the values the
/// headers give; `None` when `text` does not open on a message's headers.
pub fn split(text: &str) -> Option<(String, Mapping)> {
    let mbox = text.starts_with("From ");
    let (headers, body_at) = header_block(text, true)?;
    let subject = header(&headers, "subject")?;
    header(&headers, "from")?;
    // A memo opens on From/To/Subject too; a message carries what mail
    // programs add (or comes from an mbox).
    let mail = mbox || headers.iter().any(|(n, _)| is_transport(n));
    if !mail {
        return None;
    }
    let mut map = Mapping::new();
    let title = clean_subject(&decode_words(subject));
    if !title.is_empty() {
        map.insert(Value::String("title".into()), Value::String(title));
    }
    // A date no mail program wrote ("2024-05-01") is read as written.
    if let Some(date) = header(&headers, "date").map(|d| rfc2822_date(d).unwrap_or(d.to_string())) {
        map.insert(Value::String("date".into()), Value::String(date));
    }
    if let Some(name) = header(&headers, "from").map(|f| sender_name(&decode_words(f))) {
        if !name.is_empty() {
            map.insert(Value::String("author".into()), Value::String(name));
        }
    }
    let mut out = kept_header_lines(&text[..body_at]);
    // Of an mbox of several messages, the first is decoded; the rest is
    // left as written (each has its own encoding).
    let body = &text[body_at..];
    let end = if mbox {
        next_mbox_message(body).unwrap_or(body.len())
    } else {
        body.len()
    };
    out.push_str(&decoded_body(&headers, &body[..end]));
    out.push_str(&body[end..]);
    Some((out, map))
}

/// Fields mail programs write and reports do not.
fn is_transport(name: &str) -> bool {
    matches!(
        name,
        "received"
            | "return-path"
            | "delivered-to"
            | "message-id"
            | "mime-version"
            | "dkim-signature"
            | "authentication-results"
            | "in-reply-to"
            | "references"
            | "content-type"
            | "content-transfer-encoding"
            | "user-agent"
    ) || ["x-", "arc-", "list-"].iter().any(|p| name.starts_with(p))
}

/// Fields of a message's header that are mail, not the report's own
/// ("Severity: SEV1" in a memo-like header stays a line of the report).
fn is_mail_field(name: &str) -> bool {
    is_transport(name)
        || matches!(
            name,
            "from"
                | "to"
                | "cc"
                | "bcc"
                | "date"
                | "subject"
                | "sender"
                | "reply-to"
                | "precedence"
        )
}

/// The header block with its mail fields blanked and other fields
/// ("Severity:", "Status:") kept where they are, lines counted as before.
fn kept_header_lines(block: &str) -> String {
    let mut out = String::with_capacity(block.len() / 4);
    let mut keep = false;
    for line in block.split_inclusive('\n') {
        let l = line.trim_end_matches(['\n', '\r']);
        if !l.starts_with([' ', '\t']) {
            keep = l
                .split_once(':')
                .is_some_and(|(n, _)| !is_mail_field(&n.trim().to_ascii_lowercase()))
                && !l.starts_with("From ");
        }
        if keep && !l.is_empty() {
            out.push_str(l.trim());
        }
        out.push('\n');
    }
    out
}

/// Where the next message of an mbox starts: a `From ` line with a sender
/// after a blank line.
fn next_mbox_message(body: &str) -> Option<usize> {
    let mut offset = 0;
    let mut after_blank = false;
    for line in body.split_inclusive('\n') {
        let l = line.trim_end_matches(['\n', '\r']);
        if after_blank && l.starts_with("From ") && l.split_whitespace().nth(1).is_some() {
            return Some(offset);
        }
        after_blank = l.trim().is_empty();
        offset += line.len();
    }
    None
}

/// The header fields opening `text` (names lower-cased, folded lines
/// joined) and where the body starts (after the blank line). `top`: the
/// message's own headers, which must look like a message's (an mbox
/// `From ` line or a known field first, three fields at least).
fn header_block(text: &str, top: bool) -> Option<(Vec<(String, String)>, usize)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let l = line.trim_end_matches(['\n', '\r']);
        if n >= MAX_HEADER_LINES {
            return None;
        }
        if l.is_empty() {
            let enough = !top || fields.len() >= 3;
            return enough.then_some((fields, offset + line.len()));
        }
        offset += line.len();
        if n == 0 && top && l.starts_with("From ") {
            continue;
        }
        if l.starts_with([' ', '\t']) {
            // A folded line continues the field above it.
            let (_, value) = fields.last_mut()?;
            value.push(' ');
            value.push_str(l.trim());
            continue;
        }
        let (name, value) = l.split_once(':')?;
        let is_name = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !is_name {
            return None;
        }
        if top && fields.is_empty() && !KNOWN_FIRST.contains(&name.to_ascii_lowercase().as_str()) {
            return None;
        }
        fields.push((name.to_ascii_lowercase(), value.trim().to_string()));
    }
    None
}

/// Fields a saved message opens on.
const KNOWN_FIRST: &[&str] = &[
    "return-path",
    "delivered-to",
    "received",
    "from",
    "date",
    "subject",
    "message-id",
    "to",
    "mime-version",
    "x-original-to",
    "arc-seal",
    "dkim-signature",
    "authentication-results",
    "sender",
    "reply-to",
    "in-reply-to",
    "list-id",
];

fn header<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// A subject without its reply and forward marks and list tags:
/// "Re: [oss-security] [CVE-2024-1] X" is "X" with its CVE kept.
fn clean_subject(subject: &str) -> String {
    let mut s = subject.trim();
    loop {
        let lower = s.to_ascii_lowercase();
        // "Re: x", not "re:Invent".
        if let Some(p) = ["re:", "fwd:", "fw:", "aw:", "wg:", "sv:"]
            .iter()
            .find(|p| lower.starts_with(*p) && lower[p.len()..].starts_with(char::is_whitespace))
        {
            s = s[p.len()..].trim_start();
            continue;
        }
        // A list's tag or a patch's ("[oss-security]", "[PATCH v2 1/3]"),
        // but not a tag that is all the subject holds.
        if let Some(rest) = s.strip_prefix('[') {
            if let Some(end) = rest.find(']') {
                let tag = &rest[..end];
                let after = rest[end + 1..].trim_start();
                let keeps = tag.to_ascii_uppercase().starts_with("CVE-");
                if !after.is_empty() && !keeps {
                    s = after;
                    continue;
                }
            }
        }
        break;
    }
    s.to_string()
}

/// "Jane Doe <jane@example.org>" → "Jane Doe"; a bare address stays.
fn sender_name(from: &str) -> String {
    let name = match from.find('<') {
        Some(i) if i > 0 => &from[..i],
        _ => from,
    };
    name.trim().trim_matches('"').trim().to_string()
}

/// A header longer than this is taken as written: no subject or sender
/// is, and looking for encoded words in a crafted one is quadratic.
const MAX_DECODED_HEADER: usize = 4096;

/// RFC 2047 encoded words in a header ("=?UTF-8?Q?Micka=C3=ABl?=").
fn decode_words(value: &str) -> String {
    if value.len() > MAX_DECODED_HEADER {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    let mut last_was_word = false;
    while let Some(start) = rest.find("=?") {
        let before = &rest[..start];
        let Some(word) = encoded_word(&rest[start..]) else {
            out.push_str(&rest[..start + 2]);
            rest = &rest[start + 2..];
            last_was_word = false;
            continue;
        };
        // Spaces between two encoded words are not part of the text.
        if !(last_was_word && before.trim().is_empty()) {
            out.push_str(before);
        }
        out.push_str(&word.0);
        rest = &rest[start + word.1..];
        last_was_word = true;
    }
    out.push_str(rest);
    out
}

/// One encoded word at the start of `s`: its text and its length.
fn encoded_word(s: &str) -> Option<(String, usize)> {
    let inner = s.strip_prefix("=?")?;
    let (charset, rest) = inner.split_once('?')?;
    let (encoding, rest) = rest.split_once('?')?;
    let end = rest.find("?=")?;
    let payload = &rest[..end];
    let len = 2 + charset.len() + 1 + encoding.len() + 1 + end + 2;
    let bytes = match encoding {
        "Q" | "q" => quoted_printable(&payload.replace('_', " "), false),
        "B" | "b" => base64::engine::general_purpose::STANDARD
            .decode(payload)
            .ok()?,
        _ => return None,
    };
    Some((text_of(&bytes, charset), len))
}

/// Bytes in a message's charset as text (any charset a browser knows;
/// one it does not is read as UTF-8). Mail programs often declare
/// Latin-1 and send UTF-8: valid UTF-8 declared so is read as UTF-8.
fn text_of(bytes: &[u8], charset: &str) -> String {
    let encoding =
        encoding_rs::Encoding::for_label(charset.trim().as_bytes()).unwrap_or(encoding_rs::UTF_8);
    if encoding == encoding_rs::WINDOWS_1252 {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return text.to_string();
        }
    }
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// Quoted-printable bytes. `soft_breaks`: a `=` ending a line joins it to
/// the next (a body), not so in a header word. The lines a body's soft
/// breaks join are given back as blank lines after the paragraph, so
/// later lines keep their numbers in messages about them.
fn quoted_printable(s: &str, soft_breaks: bool) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut owed = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            // Two hex digits, no sign ("=+1" is no byte).
            let hex = b
                .get(i + 1..i + 3)
                .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(byte) = hex {
                out.push(byte);
                i += 3;
                continue;
            }
            if soft_breaks {
                let rest = &b[i + 1..];
                let skip = if rest.starts_with(b"\r\n") {
                    3
                } else if rest.starts_with(b"\n") {
                    2
                } else {
                    0
                };
                if skip > 0 {
                    owed += 1;
                    i += skip;
                    continue;
                }
            }
        }
        if b[i] == b'\n' && owed > 0 {
            let line_start = out.iter().rposition(|&c| c == b'\n').map_or(0, |p| p + 1);
            if out[line_start..].iter().all(|c| c.is_ascii_whitespace()) {
                out.extend(std::iter::repeat_n(b'\n', owed));
                owed = 0;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out.extend(std::iter::repeat_n(b'\n', owed));
    out
}

/// The body as text: decoded by its transfer encoding; of a multipart
/// message, the first plain-text part.
fn decoded_body(headers: &[(String, String)], body: &str) -> String {
    let content_type = header(headers, "content-type").unwrap_or("text/plain");
    let lower = content_type.to_ascii_lowercase();
    if lower.starts_with("multipart/") {
        if let Some(part) = boundary_of(content_type).and_then(|b| plain_part(body, &b, 0)) {
            return part;
        }
        return body.to_string();
    }
    let encoding = header(headers, "content-transfer-encoding").unwrap_or("");
    let charset = charset(content_type);
    decode_transfer(body, encoding, &charset)
}

fn decode_transfer(body: &str, encoding: &str, charset: &str) -> String {
    let decoded = match encoding.trim().to_ascii_lowercase().as_str() {
        "quoted-printable" => quoted_printable(body, true),
        "base64" => {
            let clean: String = body.split_whitespace().collect();
            match base64::engine::general_purpose::STANDARD.decode(clean) {
                Ok(mut bytes) => {
                    // Lines after the part keep their numbers.
                    let lines = body.lines().count();
                    let have = bytes.iter().filter(|&&c| c == b'\n').count();
                    bytes.extend(std::iter::repeat_n(b'\n', lines.saturating_sub(have)));
                    bytes
                }
                Err(_) => return body.to_string(),
            }
        }
        _ => return body.to_string(),
    };
    text_of(&decoded, charset)
}

fn parameter(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

fn boundary_of(content_type: &str) -> Option<String> {
    parameter(content_type, "boundary").filter(|b| !b.is_empty())
}

fn charset(content_type: &str) -> String {
    parameter(content_type, "charset").unwrap_or_else(|| "utf-8".into())
}

/// The first `text/plain` part between `--boundary` lines (looking into
/// nested multiparts: a message with an attachment holds its text in a
/// `multipart/alternative` inside a `multipart/mixed`), decoded, with the
/// lines before it blanked.
fn plain_part(body: &str, boundary: &str, depth: usize) -> Option<String> {
    if depth > 4 {
        return None;
    }
    let marker = format!("--{boundary}");
    let mut offset = 0;
    let mut starts = Vec::new();
    for line in body.split_inclusive('\n') {
        if line.trim_end().starts_with(&marker) {
            starts.push((offset, offset + line.len()));
        }
        offset += line.len();
    }
    for pair in starts.windows(2) {
        let part = &body[pair[0].1..pair[1].0];
        let Some((fields, body_at)) = header_block(part, false) else {
            continue;
        };
        let kind = header(&fields, "content-type").unwrap_or("text/plain");
        let lower = kind.to_ascii_lowercase();
        let before = blank_lines(&body[..pair[0].1 + body_at]);
        if lower.starts_with("multipart/") {
            let inner = boundary_of(kind).and_then(|b| plain_part(&part[body_at..], &b, depth + 1));
            if let Some(inner) = inner {
                return Some(before + &inner);
            }
            continue;
        }
        if !lower.starts_with("text/plain") {
            continue;
        }
        let encoding = header(&fields, "content-transfer-encoding").unwrap_or("");
        return Some(before + &decode_transfer(&part[body_at..], encoding, &charset(kind)));
    }
    None
}

/// As many empty lines as `text` has.
fn blank_lines(text: &str) -> String {
    "\n".repeat(text.matches('\n').count())
}

/// "Tue, 16 Jun 2026 20:16:41 +0000" → "2026-06-16".
fn rfc2822_date(value: &str) -> Option<String> {
    let v = value.split_once(',').map_or(value, |(_, rest)| rest);
    let mut parts = v.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let month = parts.next()?.to_ascii_lowercase();
    let year: u32 = parts.next()?.parse().ok()?;
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let m = MONTHS.iter().position(|n| month.starts_with(n))? + 1;
    if !(1970..=9999).contains(&year) {
        return None;
    }
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    // A day no month has ("30 Feb") still gives the month.
    Some(if (1..=days).contains(&day) {
        format!("{year:04}-{m:02}-{day:02}")
    } else {
        format!("{year:04}-{m:02}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSAGE: &str = "Return-Path: <list+bounces@example.org>\n\
Received: from mail.example.org\n\tby mx.example.org with LMTP\n\
Date: Tue, 16 Jun 2026 20:16:41 +0000\n\
From: =?UTF-8?Q?Ana_M=C3=BCller?= <ana@example.org>\n\
Subject: Re: [storage-dev] Replica lag outage: =?UTF-8?Q?r=C3=A9sum=C3=A9?=\n\
MIME-Version: 1.0\n\
Content-Type: text/plain; charset=utf-8\n\
Content-Transfer-Encoding: quoted-printable\n\
\n\
Hello all,\n\
\n\
The replica fell behind because the WAL archive filled the dis=\n\
k; we set max_wal_size =3D 2GB.\n\
\n\
Root cause\n\
----------\n\
A cron job stopped.\n";

    #[test]
    fn a_saved_message_gives_its_subject_date_and_decoded_body() {
        let (body, map) = split(MESSAGE).expect("a message");
        let get = |k: &str| map.get(Value::String(k.into())).and_then(Value::as_str);
        assert_eq!(get("title"), Some("Replica lag outage: résumé"));
        assert_eq!(get("date"), Some("2026-06-16"));
        assert_eq!(get("author"), Some("Ana Müller"));
        assert!(body.contains("filled the disk; we set max_wal_size = 2GB."));
        assert!(!body.contains("Received"));
        // Line numbers kept: "Root cause" is still on line 16.
        assert_eq!(body.lines().nth(15), Some("Root cause"));
        assert_eq!(body.lines().count(), MESSAGE.lines().count());
    }

    #[test]
    fn reports_with_labels_are_not_messages() {
        // A plain-text report of `Key: value` lines has no subject and sender.
        let report = "Title: Disk full\nDate: 2024-05-01\nSeverity: SEV2\n\nThe disk filled.\n";
        assert!(split(report).is_none());
        let memo = "Subject: Disk full\nSeverity: SEV2\nOwner: ops\n\nThe disk filled.\n";
        assert!(split(memo).is_none(), "no sender: not a message");
        // Markdown that opens on a label and prose.
        assert!(split("From: the on-call team\nSubject: x\n# Title\n").is_none());
    }

    #[test]
    fn multipart_messages_keep_their_first_plain_part() {
        let msg = "From: ops@example.org\nSubject: [oss-security] CVE-2025-1234 in foo\n\
Date: 3 Mar 2025 10:00:00 -0500\nMIME-Version: 1.0\n\
Content-Type: multipart/signed; boundary=\"XYZ\"; protocol=\"application/pgp-signature\"\n\
\n--XYZ\nContent-Type: text/plain; charset=us-ascii\n\nThe foo parser overflows.\n\
--XYZ\nContent-Type: application/pgp-signature\n\n-----BEGIN PGP SIGNATURE-----\nabc\n--XYZ--\n";
        let (body, map) = split(msg).expect("a message");
        assert_eq!(
            map.get(Value::String("title".into()))
                .and_then(Value::as_str),
            Some("CVE-2025-1234 in foo")
        );
        assert_eq!(
            map.get(Value::String("date".into()))
                .and_then(Value::as_str),
            Some("2025-03-03")
        );
        assert!(body.contains("The foo parser overflows."));
        assert!(!body.contains("PGP SIGNATURE"));
    }

    #[test]
    fn memos_stay_reports_and_their_own_fields_stay_lines() {
        // From, To and Subject alone: a memo, read as the report it is.
        let memo = "From: SRE Team <sre@example.com>\nTo: eng@example.com\nSubject: API gateway outage\nSeverity: SEV1\nStatus: Resolved\n\nSummary\n";
        assert!(split(memo).is_none());
        // A message's own fields that are no mail stay where they are.
        let msg = "Message-ID: <1@x>\nFrom: sre@example.com\nSubject: API gateway outage\nSeverity: SEV1\n\nThe gateway failed.\n";
        let (body, _) = split(msg).expect("a message");
        assert_eq!(body.lines().nth(3), Some("Severity: SEV1"));
        assert_eq!(body.lines().next(), Some(""));
    }

    #[test]
    fn an_mbox_decodes_its_first_message_only() {
        let mbox = "From alice@example.org Mon Jan  1 00:00:00 2024\nFrom: alice@example.org\nSubject: DB outage\nContent-Transfer-Encoding: quoted-printable\n\nThe pool =3D 10 was too small.\n\nFrom bob@example.org Mon Jan  1 01:00:00 2024\nFrom: bob@example.org\nSubject: Re: DB outage\n\nWe set max_connections=100 and pool_size=20; fixed.\n";
        let (body, _) = split(mbox).expect("an mbox");
        assert!(body.contains("The pool = 10 was too small."), "{body}");
        assert!(
            body.contains("max_connections=100 and pool_size=20"),
            "{body}"
        );
    }

    #[test]
    fn attachments_charsets_and_impossible_days() {
        let msg = "Message-ID: <2@x>\nFrom: a@x.org\nSubject: =?iso-8859-2?Q?Awaria_us=B3ugi?=\nDate: Fri, 30 Feb 2024 10:00:00 +0000\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"OUTER\"\n\n--OUTER\nContent-Type: multipart/alternative; boundary=\"INNER\"\n\n--INNER\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nThe data=\nbase failed.\n--INNER\nContent-Type: text/html\n\n<p>x</p>\n--INNER--\n\n--OUTER\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--OUTER--\n";
        let (body, map) = split(msg).expect("a message");
        let get = |k: &str| map.get(Value::String(k.into())).and_then(Value::as_str);
        assert_eq!(get("title"), Some("Awaria usługi"));
        assert_eq!(get("date"), Some("2024-02"));
        assert!(body.contains("The database failed."), "{body}");
        assert!(!body.contains("JVBERi0"), "{body}");
        assert!(!body.contains("INNER"), "{body}");
        assert_eq!(
            clean_subject("re:Invent registration outage"),
            "re:Invent registration outage"
        );
    }

    #[test]
    fn only_two_hex_digits_are_a_byte() {
        assert_eq!(quoted_printable("a=+1b=3D", true), b"a=+1b=".to_vec());
        let long = "=?x?Q?".repeat(2000);
        assert_eq!(decode_words(&long), long);
    }

    #[test]
    fn subjects_lose_reply_marks_and_list_tags_only() {
        assert_eq!(clean_subject("Re: Fwd: [list] [PATCH v2] fix x"), "fix x");
        assert_eq!(
            clean_subject("[CVE-2024-1] heap overflow"),
            "[CVE-2024-1] heap overflow"
        );
        assert_eq!(clean_subject("[outage]"), "[outage]");
        assert_eq!(sender_name("\"Doe, Jane\" <j@x.org>"), "Doe, Jane");
        assert_eq!(sender_name("j@x.org"), "j@x.org");
        assert_eq!(
            rfc2822_date("Mon, 1 Jan 2024 00:00:00 +0000").as_deref(),
            Some("2024-01-01")
        );
        assert_eq!(rfc2822_date("sometime soon"), None);
    }
}
