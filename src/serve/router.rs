//! The HTTP side of `incidex serve`: answers every request from the
//! in-memory snapshot of the last good build (never from the filesystem),
//! adds the live-reload script (and the error overlay after a failed
//! rebuild) to HTML pages as they are sent, streams reload events, and
//! answers `api/search` from the tantivy index.
//!
//! One fallback handler does all the routing by hand, on the raw request
//! path: axum's router would decode and normalise paths its own way, and its
//! extractors answer odd input with their own rejection texts; here every
//! answer is ours. The checks every request passes first: the Host header
//! (DNS rebinding), then the method (GET and HEAD only).

use super::state::{Event, Live, State};
use crate::index::{Options, Searcher};
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::response::sse::{self, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_stream::wrappers::{BroadcastStream, WatchStream};
use tokio_stream::StreamExt;

/// Where the dev-server's own endpoints live, under the base path. A name no
/// build produces, so it never hides a page of the site.
const OWN: &str = "__incidex/";
/// Hits returned when the request does not say.
const DEFAULT_LIMIT: usize = 10;
const MAX_LIMIT: usize = 1000;
/// Longest `q` accepted, decoded. The searcher reads only the start of a
/// long paste anyway; this only refuses absurd requests.
const MAX_QUERY_BYTES: usize = 16 * 1024;

/// The whole HTTP side: hand it to `axum::serve`.
pub fn router(state: Arc<State>) -> Router {
    Router::new().fallback(handle).with_state(state)
}

async fn handle(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    req: Request,
) -> Response {
    // Only the head is used; the body is not Sync, so it must not live
    // across an await in the handler's (Send) future.
    let (req, _body) = req.into_parts();
    let head = req.method == Method::HEAD;
    let mut res = dispatch(&state, &req).await;
    let h = res.headers_mut();
    // A dev server: the browser must refetch after every rebuild.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if head {
        // Same status and headers (Content-Length included), no body. Hyper
        // would drop it too, but not when the router is called directly.
        let (parts, _) = res.into_parts();
        return Response::from_parts(parts, Body::empty());
    }
    res
}

/// Request headers past this many bytes in all are refused (431): a
/// browser sends a few hundred.
const MAX_HEADER_BYTES: usize = 16 * 1024;

/// A request this server must not answer: a body (it serves GET and HEAD
/// only, so any body is unread junk: 413), or headers too large (431).
fn malformed(req: &Parts) -> Option<Response> {
    let has_body = req.headers.contains_key(header::TRANSFER_ENCODING)
        || req
            .headers
            .get(header::CONTENT_LENGTH)
            .is_some_and(|v| v.to_str().ok().and_then(|n| n.trim().parse::<u64>().ok()) != Some(0));
    if has_body {
        return Some(text(
            StatusCode::PAYLOAD_TOO_LARGE,
            "413 Payload Too Large: this server takes no request bodies\n",
        ));
    }
    let header_bytes: usize = req
        .headers
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    if header_bytes > MAX_HEADER_BYTES {
        return Some(text(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "431 Request Header Fields Too Large\n",
        ));
    }
    None
}

async fn dispatch(state: &Arc<State>, req: &Parts) -> Response {
    if let Some(refused) = malformed(req) {
        return refused;
    }
    // An absolute-form target (`GET http://name/ HTTP/1.1`) names the host
    // too, and HTTP says it wins over Host: both must be ours.
    let authority_ok = req
        .uri
        .authority()
        .is_none_or(|a| host_allowed_str(a.as_str(), &state.allowed_hosts));
    if !authority_ok || !host_allowed(&req.headers, &state.allowed_hosts) {
        return text(
            StatusCode::FORBIDDEN,
            "403 Forbidden: this server only answers to its own address\n",
        );
    }
    if req.method != Method::GET && req.method != Method::HEAD {
        let mut res = text(
            StatusCode::METHOD_NOT_ALLOWED,
            "405 Method Not Allowed: this server only reads\n",
        );
        res.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return res;
    }
    let live = state.current();
    let base = state.base_path.as_str();
    let raw = req.uri.path();
    let query = req.uri.query();

    let Some(rest) = raw.strip_prefix(base) else {
        // `/kb` for a site at `/kb/`: what a user types; send them in.
        if raw.len() + 1 == base.len() && base.starts_with(raw) && base.ends_with('/') {
            return redirect(base, query);
        }
        // The server's root, for a site served under a prefix: the address
        // a browser opens first. Temporary: another `serve` on this port
        // may have another prefix, and browsers keep permanent redirects.
        if raw == "/" {
            return redirect_as(StatusCode::TEMPORARY_REDIRECT, base, query);
        }
        return not_found(&live, base);
    };
    let decoded = match percent_decode(rest, false) {
        Ok(d) => d,
        Err(_) => {
            return text(
                StatusCode::BAD_REQUEST,
                "400 Bad Request: the path is not valid UTF-8\n",
            )
        }
    };
    let Some(path) = site_path(&decoded) else {
        return not_found(&live, base);
    };

    if let Some(own) = path.strip_prefix(OWN) {
        return match own {
            "live.js" => bytes(
                StatusCode::OK,
                "text/javascript; charset=utf-8",
                live_js(base).into_bytes(),
            ),
            "events" => events(state, &req.headers),
            _ => not_found(&live, base),
        };
    }
    if path == "api/search" {
        return search(state, query.unwrap_or("")).await;
    }
    static_file(&live, base, raw, query, path)
}

/// DNS rebinding defence: a page of another site that re-points its name at
/// 127.0.0.1 still sends that name as Host. No Host at all, or two, is
/// refused too.
fn host_allowed(headers: &HeaderMap, allowed: &[String]) -> bool {
    // Exactly one Host: with two, a proxy and this server could each read
    // a different one.
    let mut hosts = headers.get_all(header::HOST).iter();
    match (hosts.next(), hosts.next()) {
        (Some(h), None) => h.to_str().is_ok_and(|host| host_allowed_str(host, allowed)),
        _ => false,
    }
}

/// A decoded path (the part after the base path) as a snapshot key, or
/// `None` when it could climb out or alias another path: NUL, backslash,
/// `.` or `..` segments, empty segments (`//`, a leading `/`), a Windows
/// drive. The snapshot is a map, so none of these could reach a file outside
/// the site; refusing them keeps one URL per file and the map the only
/// thing a request can name. `dir/` and `` name `dir/index.html` and
/// `index.html`.
fn site_path(decoded: &str) -> Option<std::borrow::Cow<'_, str>> {
    if decoded.contains(['\0', '\\']) {
        return None;
    }
    if decoded.is_empty() {
        return Some("index.html".into());
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, s) in segments.iter().enumerate() {
        // `c:` means a drive only where a path starts.
        let drive = i == 0 && {
            let b = s.as_bytes();
            b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
        };
        if (s.is_empty() && i != last) || *s == "." || *s == ".." || drive {
            return None;
        }
    }
    if decoded.ends_with('/') {
        Some(format!("{decoded}index.html").into())
    } else {
        Some(decoded.into())
    }
}

fn static_file(
    live: &Live,
    base: &str,
    raw: &str,
    query: Option<&str>,
    path: std::borrow::Cow<'_, str>,
) -> Response {
    if let Some(body) = live.snapshot.get(path.as_ref()) {
        return file(live, base, StatusCode::OK, &path, &body);
    }
    // `incidents/x` → `incidents/x/`, as static hosts do, so that the
    // page's relative links resolve against the right folder.
    if !raw.ends_with('/') {
        let index = format!("{path}/index.html");
        if live.snapshot.files.contains_key(&index) {
            return redirect(&format!("{raw}/"), query);
        }
    }
    not_found(live, base)
}

fn not_found(live: &Live, base: &str) -> Response {
    match live.snapshot.files.get("404.html") {
        Some(page) => file(live, base, StatusCode::NOT_FOUND, "404.html", page),
        None => text(StatusCode::NOT_FOUND, "404 Not Found\n"),
    }
}

fn file(live: &Live, base: &str, status: StatusCode, path: &str, body: &[u8]) -> Response {
    let kind = content_type(path);
    if path.ends_with(".html") {
        bytes(status, kind, inject(body, base, live))
    } else {
        bytes(status, kind, body.to_vec())
    }
}

/// Location is the request's own path (still encoded as it came) plus `/`:
/// it starts with the base path and never with `//`, so it stays on this
/// server.
fn redirect(to: &str, query: Option<&str>) -> Response {
    redirect_as(StatusCode::PERMANENT_REDIRECT, to, query)
}

fn redirect_as(status: StatusCode, to: &str, query: Option<&str>) -> Response {
    let location = match query {
        Some(q) => format!("{to}?{q}"),
        None => to.to_string(),
    };
    let mut res = text(status, &format!("{status}\n"));
    match HeaderValue::from_str(&location) {
        Ok(v) => {
            res.headers_mut().insert(header::LOCATION, v);
            res
        }
        Err(_) => text(StatusCode::BAD_REQUEST, "400 Bad Request\n"),
    }
}

fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.eq_ignore_ascii_case("atom.xml") {
        return "application/atom+xml";
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("txt") => "text/plain; charset=utf-8",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// What the page was built from: the live script compares it with the
/// server's on connecting, so a build published between the page load and
/// the stream opening is not missed.
fn version(live: &Live) -> String {
    format!("{}.{}", live.generation, live.errors.len())
}

/// The page as served: the live-reload script and, after a failed rebuild,
/// the overlay, before the last `</body>` (or at the end). The snapshot's
/// bytes are left as they are: `build` writes the same snapshot to disk.
fn inject(page: &[u8], base: &str, live: &Live) -> Vec<u8> {
    let mut extra = String::new();
    if !live.errors.is_empty() {
        overlay(&live.errors, &mut extra);
    }
    extra.push_str("<script src=\"");
    crate::render::diff::escape_into(base, &mut extra);
    extra.push_str(OWN);
    extra.push_str("live.js\" data-version=\"");
    extra.push_str(&version(live));
    extra.push_str("\" defer></script>\n");

    let at = rfind_ignore_case(page, b"</body>").unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + extra.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

fn overlay(errors: &[crate::diagnostic::Diagnostic], out: &mut String) {
    // Inline styles: the site's stylesheet may be what broke, and a user's
    // templates may style `div`s any way they like.
    out.push_str(
        "<div id=\"incidex-overlay\" role=\"alert\" style=\"position:fixed;top:0;left:0;right:0;\
z-index:2147483647;max-height:70vh;overflow:auto;margin:0;padding:1em 1.5em;box-sizing:border-box;\
background:#1b1b1f;color:#f2f2f2;border-bottom:4px solid #e5484d;box-shadow:0 4px 24px rgba(0,0,0,.5);\
font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left\">\
<p style=\"margin:0 0 .5em;color:#ff8a8a;font-weight:bold\">incidex: the last rebuild \
has errors; the last good build is still being served</p>\
<ul style=\"margin:0;padding:0;list-style:none\">",
    );
    for d in errors {
        out.push_str("<li style=\"margin:.25em 0;white-space:pre-wrap;overflow-wrap:anywhere\">");
        crate::render::diff::escape_into(&d.to_string(), out);
        out.push_str("</li>");
    }
    out.push_str("</ul></div>\n");
}

fn rfind_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The client side of live reload. EventSource reconnects by itself; when
/// it comes back after an error (the server restarted, or was down) the
/// page reloads once so the new server's build shows. On connecting, the
/// server says which build it serves (`hello`); a page of another build
/// reloads, which covers a rebuild that landed while the page was loading.
fn live_js(base: &str) -> String {
    let base = serde_json::to_string(base).unwrap_or_else(|_| "\"/\"".into());
    format!(
        r#"// incidex serve: reloads the page when the site is rebuilt.
(function () {{
  "use strict";
  var base = {base};
  var me = document.currentScript;
  var built = me ? me.getAttribute("data-version") : null;
  var broken = false;
  var es = new EventSource(base + "__incidex/events");
  function reload() {{
    es.close();
    location.reload();
  }}
  es.addEventListener("reload", reload);
  es.addEventListener("hello", function (e) {{
    if (built !== null && e.data !== built) reload();
  }});
  es.addEventListener("error", function () {{
    broken = true;
  }});
  es.addEventListener("open", function () {{
    if (broken) reload();
  }});
}})();
"#
    )
}

/// Live reload: one `hello` with the build being served, then a `reload`
/// per published build or failed rebuild, until the server closes.
fn events(state: &Arc<State>, headers: &HeaderMap) -> Response {
    // EventSource sends Origin on cross-origin requests: a page of another
    // site must not learn when this one rebuilds.
    if let Some(origin) = headers.get(header::ORIGIN) {
        let ok = origin.to_str().ok().is_some_and(|o| {
            o.get(..7)
                .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
                && o.get(7..)
                    .is_some_and(|host| host_allowed_str(host, &state.allowed_hosts))
        });
        if !ok {
            return text(
                StatusCode::FORBIDDEN,
                "403 Forbidden: live reload is for this site's own pages\n",
            );
        }
    }
    // Subscribe before reading the current build, so nothing published in
    // between is lost.
    let rx = state.events.subscribe();
    let hello = sse::Event::default()
        .event("hello")
        .retry(Duration::from_secs(1))
        .data(version(&state.current()));

    enum Item {
        Send(sse::Event),
        Close,
    }
    let st = Arc::clone(state);
    let updates = BroadcastStream::new(rx).map(move |e| {
        let generation = match e {
            Ok(Event::Reload { generation } | Event::Errors { generation }) => generation,
            // Missed some: one reload covers them all.
            Err(BroadcastStreamRecvError::Lagged(_)) => st.current().generation,
        };
        Item::Send(
            sse::Event::default()
                .event("reload")
                .data(generation.to_string()),
        )
    });
    let closing =
        WatchStream::new(state.closing()).filter_map(|closed| closed.then_some(Item::Close));
    let stream = tokio_stream::once(Item::Send(hello))
        .chain(updates.merge(closing))
        .take_while(|i| matches!(i, Item::Send(_)))
        .filter_map(|i| match i {
            Item::Send(e) => Some(Ok::<_, Infallible>(e)),
            Item::Close => None,
        });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

fn host_allowed_str(host: &str, allowed: &[String]) -> bool {
    allowed.iter().any(|a| a.eq_ignore_ascii_case(host)) || is_ip_literal(host)
}

/// `10.0.0.5:1111` or `[::1]:1111`: DNS rebinding needs a domain name, so
/// an address typed as such is safe (and is how a server bound to
/// 0.0.0.0 is reached from another machine).
fn is_ip_literal(host: &str) -> bool {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((name, after)) => (name, after.strip_prefix(':').unwrap_or(after)),
            None => return false,
        },
        None => host.rsplit_once(':').unwrap_or((host, "")),
    };
    port.bytes().all(|b| b.is_ascii_digit()) && name.parse::<std::net::IpAddr>().is_ok()
}

/// `api/search?q=...&limit=N`: the JSON of `search --json`. Every failure
/// is a JSON `{"error": ...}` with 400 (the request) or 503 (the index).
async fn search(state: &Arc<State>, query: &str) -> Response {
    let q = match param(query, "q").map(|v| percent_decode(v, true)) {
        None => return json_error(StatusCode::BAD_REQUEST, "missing q: use api/search?q=words"),
        Some(Err(_)) => return json_error(StatusCode::BAD_REQUEST, "q is not valid UTF-8"),
        Some(Ok(q)) => q,
    };
    if q.trim().is_empty() {
        return json_error(
            StatusCode::BAD_REQUEST,
            "q is empty: use api/search?q=words",
        );
    }
    if q.len() > MAX_QUERY_BYTES {
        return json_error(
            StatusCode::BAD_REQUEST,
            &format!("q is longer than {MAX_QUERY_BYTES} bytes"),
        );
    }
    let limit = match param(query, "limit").map(|v| percent_decode(v, true)) {
        None => DEFAULT_LIMIT,
        Some(Ok(l)) if l.is_empty() => DEFAULT_LIMIT,
        Some(Ok(l)) => match parse_limit(&l) {
            Some(n) => n,
            None => {
                return json_error(
                    StatusCode::BAD_REQUEST,
                    &format!("limit must be a whole number from 1 to {MAX_LIMIT}"),
                )
            }
        },
        Some(Err(_)) => {
            return json_error(
                StatusCode::BAD_REQUEST,
                &format!("limit must be a whole number from 1 to {MAX_LIMIT}"),
            )
        }
    };
    let Some(searcher) = state.searcher() else {
        return json_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "the search index is not ready yet; try again in a moment",
        );
    };
    run_search(searcher, q, limit).await
}

async fn run_search(searcher: Arc<Searcher>, q: String, limit: usize) -> Response {
    let opts = Options {
        limit,
        ..Options::default()
    };
    // tantivy blocks: keep it off the threads that serve pages and streams.
    let done = tokio::task::spawn_blocking(move || searcher.search(&q, &opts)).await;
    let results = match done {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => {
            tracing::warn!("search failed: {e:#}");
            return json_error(
                StatusCode::SERVICE_UNAVAILABLE,
                &format!("search failed: {e:#}"),
            );
        }
        Err(e) => {
            // A panic in the search library, caught by the blocking task.
            tracing::warn!("search task failed: {e}");
            return json_error(StatusCode::SERVICE_UNAVAILABLE, "search failed");
        }
    };
    match serde_json::to_vec(&results) {
        Ok(body) => bytes(StatusCode::OK, "application/json", body),
        Err(e) => {
            tracing::warn!("cannot encode search results: {e}");
            json_error(StatusCode::SERVICE_UNAVAILABLE, "search failed")
        }
    }
}

fn parse_limit(s: &str) -> Option<usize> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|n| (1..=MAX_LIMIT).contains(n))
}

/// The raw (still encoded) value of the first `name=` in a query string.
/// A key without `=` has the empty value.
fn param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(k, true).ok()?;
        (key == name).then_some(v)
    })
}

/// Percent-decoding, once; `+` is a space in query strings only. A `%` not
/// followed by two hex digits stays as it is, as browsers do.
fn percent_decode(s: &str, plus_is_space: bool) -> Result<String, std::string::FromUtf8Error> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = |j: usize| b.get(j).and_then(|c| (*c as char).to_digit(16));
                if let (Some(h), Some(l)) = (hex(i + 1), hex(i + 2)) {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            b'+' if plus_is_space => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out)
}

fn bytes(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response {
    let len = body.len();
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // Set here, not left to hyper: HEAD answers must carry GET's length.
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    res
}

fn text(status: StatusCode, body: &str) -> Response {
    bytes(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}

fn json_error(status: StatusCode, message: &str) -> Response {
    let body = serde_json::json!({ "error": message }).to_string();
    bytes(status, "application/json", body.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        for (raw, plus, want) in [
            ("a%20b", false, "a b"),
            ("a+b", false, "a+b"),
            ("a+b", true, "a b"),
            ("%2e%2E", false, ".."),
            ("%252e", false, "%2e"),
            ("100%", false, "100%"),
            ("%zz%4", false, "%zz%4"),
            ("%C3%A9t%C3%A9", false, "été"),
            ("%00", false, "\0"),
        ] {
            assert_eq!(
                percent_decode(raw, plus).ok().as_deref(),
                Some(want),
                "{raw}"
            );
        }
        assert!(percent_decode("%ff", false).is_err());
        assert!(percent_decode("%C3", true).is_err());
    }

    #[test]
    fn params() {
        let q = "q=redis+timeout&limit=5&q=second&flag&x%3Dy=1&";
        assert_eq!(param(q, "q"), Some("redis+timeout"));
        assert_eq!(param(q, "limit"), Some("5"));
        assert_eq!(param(q, "flag"), Some(""));
        assert_eq!(param(q, "x=y"), Some("1"));
        assert_eq!(param(q, "nope"), None);
        assert_eq!(param("", "q"), None);
        assert_eq!(param("%ff=1&q=a", "q"), Some("a"));
    }

    #[test]
    fn limits() {
        for ok in ["1", "10", "1000", "0001"] {
            assert!(parse_limit(ok).is_some(), "{ok}");
        }
        for bad in ["0", "1001", "-1", "+5", "abc", "1e3", " 5", "99999", "5.0"] {
            assert!(parse_limit(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn paths() {
        for (raw, want) in [
            ("", Some("index.html")),
            ("incidents/x/", Some("incidents/x/index.html")),
            ("incidents/x", Some("incidents/x")),
            ("assets/incidex.css", Some("assets/incidex.css")),
            ("..", None),
            ("../x", None),
            ("a/../x", None),
            ("./x", None),
            ("a/./x", None),
            ("a/.", None),
            ("/etc/passwd", None),
            ("a//b", None),
            ("//", None),
            ("c:/windows", None),
            ("C:", None),
            ("errors/c:x/", Some("errors/c:x/index.html")),
            ("a\\b", None),
            ("a\0b", None),
            ("..%2fsecret", Some("..%2fsecret")),
            ("...", Some("...")),
        ] {
            assert_eq!(site_path(raw).as_deref(), want, "{raw:?}");
        }
    }

    #[test]
    fn injection() {
        let live = Live::default();
        let out = inject(b"<html><body>x</BODY></html>", "/kb/", &live);
        assert_eq!(
            String::from_utf8_lossy(&out),
            "<html><body>x<script src=\"/kb/__incidex/live.js\" data-version=\"0.0\" defer></script>\n</BODY></html>"
        );
        let out = inject(b"no body", "/", &live);
        assert!(
            String::from_utf8_lossy(&out).starts_with("no body<script src=\"/__incidex/live.js\"")
        );
    }
}
