//! The HTTP side of `incidex serve`, without sockets: requests go straight
//! into the router (`tower::ServiceExt::oneshot`) over a hand-made snapshot.
//! What must hold: only snapshot files are ever served, whatever the path
//! encoding; only our own Host (and Origin, for the reload stream) gets an
//! answer; HTML gets the reload script (and the overlay, escaped) at send
//! time while other files come back byte for byte; the search API answers
//! bad input with a JSON 400/503, never a 500.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use incidex::diagnostic::Diagnostic;
use incidex::output::Snapshot;
use incidex::serve::router::router;
use incidex::serve::state::State;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

mod common;

const HOST: &str = "127.0.0.1:1111";
const INDEX: &str = "<!doctype html><html><body><h1>Incidents</h1></body></html>";
const INCIDENT: &str = "<!doctype html><html><body><h1>Cache timeouts</h1></body></html>";
const NOT_FOUND: &str = "<!doctype html><html><body><h1>Not here</h1></body></html>";
const CSS: &str = "body { color: #111 }\n";
const JS: &str = "console.log(\"</body>\");\n";
const JSON: &str = "{\"incidents\":[{\"html\":\"</body>\"}]}";
/// In the snapshot under a name that only encoded tricks could aim at.
const ENCODED_SECRET: &str = "SNAPSHOT-SECRET-4c1d";
/// On disk next to nothing the router serves.
const DISK_SECRET: &str = "DISK-SECRET-9f2e";

fn snapshot() -> Snapshot {
    let mut s = Snapshot::default();
    s.insert("index.html", INDEX);
    s.insert("incidents/cache-timeouts/index.html", INCIDENT);
    s.insert("404.html", NOT_FOUND);
    s.insert("assets/incidex.css", CSS);
    s.insert("assets/search.js", JS);
    s.insert("api/incidents.json", JSON);
    s.insert("atom.xml", "<feed/>");
    s.insert("sitemap.xml", "<urlset/>");
    s.insert("assets/logo.svg", "<svg/>");
    s.insert("assets/logo.png", vec![0x89, b'P', b'N', b'G']);
    s.insert("assets/photo.jpg", vec![0xff, 0xd8]);
    s.insert("assets/anim.gif", "GIF89a");
    s.insert("assets/pic.webp", "RIFF");
    s.insert("favicon.ico", vec![0, 0, 1, 0]);
    s.insert("assets/font.woff2", "wOF2");
    s.insert("robots.txt", "User-agent: *\n");
    s.insert("search/index/t0.bin", vec![0u8, 1, 2, 255]);
    s.insert("assets/noext", "x");
    s.insert("..%2fsecret", ENCODED_SECRET);
    s
}

fn state_at(base: &str) -> Arc<State> {
    let s = State::new(base.into(), vec![HOST.into(), "localhost:1111".into()]);
    s.publish(snapshot());
    Arc::new(s)
}

fn app() -> (Arc<State>, Router) {
    let s = state_at("/");
    (Arc::clone(&s), router(s))
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }
}

async fn send(app: &Router, req: Request<Body>) -> Answer {
    let res = app.clone().oneshot(req).await.expect("infallible");
    let (parts, body) = res.into_parts();
    let body = body.collect().await.expect("body").to_bytes().to_vec();
    let a = Answer {
        status: parts.status,
        headers: parts.headers,
        body,
    };
    // On every answer, whatever it is.
    assert!(
        a.headers.get("access-control-allow-origin").is_none(),
        "ACAO on {:?}",
        a.status
    );
    assert_eq!(a.header("cache-control"), "no-store");
    a
}

fn req(method: &str, uri: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header("host", HOST)
        .body(Body::empty())
        .expect("request")
}

async fn get(app: &Router, uri: &str) -> Answer {
    send(app, req("GET", uri)).await
}

#[tokio::test]
async fn traversal_and_odd_paths_never_leave_the_snapshot() {
    // A file outside the site: nothing may ever serve it (the router has
    // no filesystem access at all, which this checks from the outside).
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("secret.txt"), DISK_SECRET).expect("write");
    std::fs::create_dir(dir.path().join("site")).expect("mkdir");

    let (_s, app) = app();
    let long = format!("/{}", "a/".repeat(5 * 1024));
    let cases: Vec<&str> = vec![
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/assets/..%5c..%5csecret.txt",
        "/assets%5c..%5csecret.txt",
        "/%5c..%5csecret.txt",
        "/%00",
        "/index.html%00.png",
        "/index.html%00",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/%2Fetc%2Fpasswd",
        "/c:/windows/win.ini",
        "/C:%5cwindows%5cwin.ini",
        "/c%3a/windows/win.ini",
        "/./index.html",
        "/%2e/index.html",
        "/assets/./incidex.css",
        "/assets//incidex.css",
        "/assets/incidex.css/.",
        "/%252e%252e/secret.txt",
        "/%2e%2e%2fsecret",
        "/..%2fsecret",
        "/..%252fsecret%00",
        "/%ff%fe",
        "/%c0%ae%c0%ae/secret.txt",
        &long,
    ];
    let mut reached = 0;
    for uri in cases.iter().chain(RAW_ODD) {
        // Some of these are not even valid request targets (a raw NUL or
        // space): the HTTP layer refuses them (hyper answers 400) before
        // any handler runs. Backslashes do get through, and are ours to refuse.
        let Ok(r) = Request::builder()
            .uri(*uri)
            .header("host", HOST)
            .body(Body::empty())
        else {
            assert!(!uri.contains('\\'), "{uri:?} should reach the router");
            continue;
        };
        reached += 1;
        let a = send(&app, r).await;
        assert!(
            a.status == StatusCode::NOT_FOUND || a.status == StatusCode::BAD_REQUEST,
            "{uri}: {}",
            a.status
        );
        let t = a.text();
        assert!(
            !t.contains(DISK_SECRET) && !t.contains(ENCODED_SECRET),
            "{uri} leaked"
        );
        if a.status == StatusCode::NOT_FOUND {
            assert!(t.contains("Not here"), "{uri}: the 404 page");
        }
    }
    assert!(reached >= cases.len() + 2, "{reached}");
}

/// Raw bytes in the path, unencoded.
const RAW_ODD: &[&str] = &[
    "/assets/..\\..\\secret.txt",
    "/..\\secret.txt",
    "/assets\\incidex.css",
    "/a\0b",
    "/a b",
];

#[tokio::test]
async fn host_header_must_be_ours() {
    let (_s, app) = app();
    let with_host = |host: Option<&str>| {
        let mut b = Request::builder().uri("/");
        if let Some(h) = host {
            b = b.header("host", h);
        }
        b.body(Body::empty()).expect("request")
    };
    for bad in [
        Some("evil.example"),
        Some("evil.example:1111"),
        Some("127.0.0.1:1111.evil.example"),
        Some("127.0.0.1:evil"),
        Some("[::1]evil"),
        Some(""),
        None,
    ] {
        let a = send(&app, with_host(bad)).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{bad:?}");
        assert!(!a.text().contains("Incidents"));
    }
    // IP literals cannot be rebound (rebinding needs a name): how a server
    // bound to 0.0.0.0 is reached from another machine.
    for good in [
        HOST,
        "LOCALHOST:1111",
        "localhost:1111",
        "127.0.0.1",
        "10.1.2.3:1111",
        "[::1]:1111",
    ] {
        let a = send(&app, with_host(Some(good))).await;
        assert_eq!(a.status, StatusCode::OK, "{good}");
    }
    // An absolute-form target names a host too.
    let r = Request::builder()
        .uri("http://evil.example/")
        .header("host", HOST)
        .body(Body::empty())
        .expect("request");
    assert_eq!(send(&app, r).await.status, StatusCode::FORBIDDEN);
    let r = Request::builder()
        .uri(format!("http://{HOST}/"))
        .header("host", HOST)
        .body(Body::empty())
        .expect("request");
    assert_eq!(send(&app, r).await.status, StatusCode::OK);
    // Checked before anything else, the reload stream included.
    let r = Request::builder()
        .uri("/__incidex/events")
        .header("host", "evil.example")
        .body(Body::empty())
        .expect("request");
    assert_eq!(send(&app, r).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn two_hosts_a_body_or_huge_headers_are_refused() {
    let (_s, app) = app();
    let r = Request::builder()
        .uri("/")
        .header("host", HOST)
        .header("host", "evil.example")
        .body(Body::empty())
        .expect("request");
    assert_eq!(send(&app, r).await.status, StatusCode::FORBIDDEN);
    let r = Request::builder()
        .uri("/")
        .header("host", HOST)
        .header("content-length", "10485760")
        .body(Body::from(vec![b'x'; 1024]))
        .expect("request");
    assert_eq!(send(&app, r).await.status, StatusCode::PAYLOAD_TOO_LARGE);
    let r = Request::builder()
        .uri("/")
        .header("host", HOST)
        .header("transfer-encoding", "chunked")
        .body(Body::empty())
        .expect("request");
    assert_eq!(send(&app, r).await.status, StatusCode::PAYLOAD_TOO_LARGE);
    let r = Request::builder()
        .uri("/")
        .header("host", HOST)
        .header("x-big", "a".repeat(100 * 1024))
        .body(Body::empty())
        .expect("request");
    assert_eq!(
        send(&app, r).await.status,
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE
    );
    let r = Request::builder()
        .uri("/")
        .header("host", HOST)
        .header("content-length", "0")
        .body(Body::empty())
        .expect("request");
    assert_eq!(send(&app, r).await.status, StatusCode::OK);
}

#[tokio::test]
async fn only_get_and_head() {
    let (_s, app) = app();
    for m in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"] {
        for uri in ["/", "/api/search?q=redis", "/__incidex/events"] {
            let a = send(&app, req(m, uri)).await;
            assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED, "{m} {uri}");
            assert_eq!(a.header("allow"), "GET, HEAD");
        }
    }
}

#[tokio::test]
async fn head_is_get_without_the_body() {
    let (_s, app) = app();
    for uri in [
        "/",
        "/assets/incidex.css",
        "/nope",
        "/api/search?q=",
        "/incidents/cache-timeouts",
    ] {
        let g = get(&app, uri).await;
        let h = send(&app, req("HEAD", uri)).await;
        assert_eq!(g.status, h.status, "{uri}");
        assert!(h.body.is_empty(), "{uri}");
        for name in ["content-type", "content-length", "location"] {
            assert_eq!(g.header(name), h.header(name), "{uri} {name}");
        }
        if g.status != StatusCode::PERMANENT_REDIRECT {
            assert_eq!(
                g.header("content-length"),
                g.body.len().to_string(),
                "{uri}"
            );
        }
    }
}

#[tokio::test]
async fn directories_redirects_and_not_found() {
    let (_s, app) = app();
    let a = get(&app, "/").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a
        .text()
        .starts_with("<!doctype html><html><body><h1>Incidents</h1>"));

    let a = get(&app, "/incidents/cache-timeouts/").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.text().contains("Cache timeouts"));

    let a = get(&app, "/incidents/cache-timeouts").await;
    assert_eq!(a.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(a.header("location"), "/incidents/cache-timeouts/");
    let a = get(&app, "/incidents/cache-timeouts?x=1").await;
    assert_eq!(a.header("location"), "/incidents/cache-timeouts/?x=1");

    // A folder without an index is not a page.
    let a = get(&app, "/assets/").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    let a = get(&app, "/incidents/").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);

    let a = get(&app, "/no/such/page/").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(a.header("content-type"), "text/html; charset=utf-8");
    assert!(a.text().contains("Not here"));
    assert!(
        a.text().contains("/__incidex/live.js"),
        "404 page reloads too"
    );

    // Without a 404.html in the build: plain text.
    let s = State::new("/".into(), vec![HOST.into()]);
    s.publish(Snapshot::default());
    let bare = router(Arc::new(s));
    let a = get(&bare, "/nope").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(a.header("content-type"), "text/plain; charset=utf-8");
}

#[tokio::test]
async fn content_types() {
    let (_s, app) = app();
    for (uri, want) in [
        ("/", "text/html; charset=utf-8"),
        (
            "/incidents/cache-timeouts/index.html",
            "text/html; charset=utf-8",
        ),
        ("/assets/incidex.css", "text/css; charset=utf-8"),
        ("/assets/search.js", "text/javascript; charset=utf-8"),
        ("/api/incidents.json", "application/json"),
        ("/atom.xml", "application/atom+xml"),
        ("/sitemap.xml", "application/xml"),
        ("/assets/logo.svg", "image/svg+xml"),
        ("/assets/logo.png", "image/png"),
        ("/assets/photo.jpg", "image/jpeg"),
        ("/assets/anim.gif", "image/gif"),
        ("/assets/pic.webp", "image/webp"),
        ("/favicon.ico", "image/x-icon"),
        ("/assets/font.woff2", "font/woff2"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/search/index/t0.bin", "application/octet-stream"),
        ("/assets/noext", "application/octet-stream"),
        ("/__incidex/live.js", "text/javascript; charset=utf-8"),
    ] {
        let a = get(&app, uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}");
        assert_eq!(a.header("content-type"), want, "{uri}");
        assert_eq!(a.header("x-content-type-options"), "nosniff", "{uri}");
    }
}

#[tokio::test]
async fn only_html_gets_the_script_and_the_snapshot_is_untouched() {
    let (s, app) = app();
    let a = get(&app, "/").await;
    let page = a.text();
    assert!(
        page.ends_with(
            "<h1>Incidents</h1><script src=\"/__incidex/live.js\" data-version=\"1.0\" defer></script>\n</body></html>"
        ),
        "{page}"
    );
    assert!(!page.contains("incidex-overlay"));
    for (uri, want) in [
        ("/assets/search.js", JS),
        ("/api/incidents.json", JSON),
        ("/assets/incidex.css", CSS),
    ] {
        assert_eq!(get(&app, uri).await.body, want.as_bytes(), "{uri}");
    }
    assert_eq!(
        get(&app, "/search/index/t0.bin").await.body,
        [0u8, 1, 2, 255]
    );
    // Injection happens on the way out only.
    assert_eq!(s.current().snapshot.files["index.html"], INDEX.as_bytes());

    // A page without </body> gets it at the end.
    let mut snap = snapshot();
    snap.insert("bare.html", "<p>hi");
    s.publish(snap);
    let t = get(&app, "/bare.html").await.text();
    assert!(
        t.starts_with("<p>hi<script src=\"/__incidex/live.js\""),
        "{t}"
    );
    assert!(t.ends_with("defer></script>\n"), "{t}");
}

#[tokio::test]
async fn the_overlay_lists_errors_escaped_over_the_last_good_site() {
    let (s, app) = app();
    s.fail(vec![
        Diagnostic::error(
            "content/<b>.md",
            3,
            7,
            "front matter: <script>alert('x')</script> & \"more\"",
        ),
        Diagnostic::warning("content/ok.md", 1, 1, "no date"),
    ]);
    let page = get(&app, "/").await.text();
    assert!(page.contains("<h1>Incidents</h1>"), "the last good build");
    assert!(page.contains("<div id=\"incidex-overlay\" role=\"alert\""));
    assert!(page.contains("position:fixed"));
    assert!(page.contains("the last good build is still being served"));
    assert!(page.contains(
        "content/&lt;b&gt;.md:3:7: error: front matter: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;"
    ));
    assert!(page.contains("content/ok.md:1:1: warning: no date"));
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<b>.md"));
    // The overlay comes before the script, both before </body>.
    let overlay = page.find("incidex-overlay").expect("overlay");
    let script = page.find("__incidex/live.js").expect("script");
    let body = page.rfind("</body>").expect("body");
    assert!(overlay < script && script < body);
    // Not in other files; and gone after the next good build.
    assert!(!get(&app, "/api/incidents.json")
        .await
        .text()
        .contains("overlay"));
    s.publish(snapshot());
    assert!(!get(&app, "/").await.text().contains("incidex-overlay"));
}

#[tokio::test]
async fn live_script() {
    let (_s, app) = app();
    let js = get(&app, "/__incidex/live.js").await.text();
    assert!(js.contains("var base = \"/\";"), "{js}");
    assert!(js.contains("new EventSource(base + \"__incidex/events\")"));
    assert!(js.contains("addEventListener(\"reload\""));
    assert!(js.contains("location.reload()"));
    assert_eq!(
        get(&app, "/__incidex/other").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn base_path() {
    let s = state_at("/kb/");
    let app = router(s);
    let a = get(&app, "/kb/").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.text().contains("<h1>Incidents</h1>"));
    assert!(a
        .text()
        .contains("<script src=\"/kb/__incidex/live.js\" data-version"));
    let a = get(&app, "/kb").await;
    assert_eq!(a.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(a.header("location"), "/kb/");
    let a = get(&app, "/kb/incidents/cache-timeouts").await;
    assert_eq!(a.header("location"), "/kb/incidents/cache-timeouts/");
    assert_eq!(
        get(&app, "/kb/assets/incidex.css").await.body,
        CSS.as_bytes()
    );
    // The server's root leads to the site, for this run only.
    let a = get(&app, "/").await;
    assert_eq!(a.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(a.header("location"), "/kb/");
    for outside in [
        "/index.html",
        "/assets/incidex.css",
        "/kbx/",
        "/KB/",
        "/kb%2f",
        "/x/kb/",
        "/kb/../kb/",
        "/__incidex/live.js",
        "/api/search?q=redis",
    ] {
        let a = get(&app, outside).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{outside}");
    }
    let js = get(&app, "/kb/__incidex/live.js").await.text();
    assert!(js.contains("var base = \"/kb/\";"));
    let r = get(&app, "/kb/api/search?q=redis").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "no searcher yet");
}

fn events_req(origin: Option<&str>) -> Request<Body> {
    let mut b = Request::builder()
        .uri("/__incidex/events")
        .header("host", HOST);
    if let Some(o) = origin {
        b = b.header("origin", o);
    }
    b.body(Body::empty()).expect("request")
}

async fn next_frame(body: &mut Body) -> String {
    let frame = tokio::time::timeout(Duration::from_secs(5), body.frame())
        .await
        .expect("a frame in time")
        .expect("stream open")
        .expect("frame");
    String::from_utf8_lossy(frame.data_ref().expect("data")).into_owned()
}

#[tokio::test]
async fn events_check_origin_and_stream_reloads() {
    let (s, app) = app();
    for bad in [
        "http://evil.example",
        "https://127.0.0.1:1111",
        "http://127.0.0.1:1111.evil.example",
        "null",
        "",
    ] {
        let a = send(&app, events_req(Some(bad))).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{bad}");
    }
    for good in [
        None,
        Some("http://127.0.0.1:1111"),
        Some("http://LOCALHOST:1111"),
    ] {
        let res = app
            .clone()
            .oneshot(events_req(good))
            .await
            .expect("infallible");
        assert_eq!(res.status(), StatusCode::OK, "{good:?}");
        assert_eq!(res.headers()["content-type"], "text/event-stream");
        assert!(res.headers().get("access-control-allow-origin").is_none());
    }

    let res = app
        .clone()
        .oneshot(events_req(None))
        .await
        .expect("infallible");
    let mut body = res.into_body();
    let hello = next_frame(&mut body).await;
    assert!(hello.contains("event: hello"), "{hello}");
    assert!(hello.contains("data: 1.0"), "{hello}");
    assert!(hello.contains("retry: 1000"), "{hello}");

    s.publish(snapshot());
    let f = next_frame(&mut body).await;
    assert!(f.contains("event: reload") && f.contains("data: 2"), "{f}");
    s.fail(vec![Diagnostic::error("content/x.md", 1, 1, "bad")]);
    let f = next_frame(&mut body).await;
    assert!(f.contains("event: reload") && f.contains("data: 2"), "{f}");

    // Shutdown ends the stream (a graceful shutdown waits for it).
    s.close();
    let end = tokio::time::timeout(Duration::from_secs(5), body.frame())
        .await
        .expect("ends in time");
    assert!(end.is_none(), "stream ended");
}

async fn search_error(app: &Router, uri: &str) -> (StatusCode, String) {
    let a = get(app, uri).await;
    assert_eq!(a.header("content-type"), "application/json", "{uri}");
    let v = a.json();
    let msg = v["error"].as_str().unwrap_or_else(|| panic!("{uri}: {v}"));
    assert!(!msg.is_empty());
    (a.status, msg.to_string())
}

#[tokio::test]
async fn search_api_rejects_bad_requests_with_json() {
    let (_s, app) = app();
    let long = format!("/api/search?q={}", "a".repeat(20 * 1024));
    for uri in [
        "/api/search",
        "/api/search?",
        "/api/search?q=",
        "/api/search?q=+++",
        "/api/search?limit=5",
        "/api/search?q=redis&limit=abc",
        "/api/search?q=redis&limit=0",
        "/api/search?q=redis&limit=-1",
        "/api/search?q=redis&limit=99999",
        "/api/search?q=redis&limit=1001",
        "/api/search?q=redis&limit=1e3",
        "/api/search?q=redis&limit=%ff",
        "/api/search?q=%ff%fe",
        &long,
    ] {
        let (status, msg) = search_error(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {msg}");
    }
    // Well-formed, but no index yet.
    for uri in [
        "/api/search?q=redis",
        "/api/search?q=a%00b",
        "/api/search?q=redis&limit=1000",
        "/api/search?q=redis&limit=",
    ] {
        let (status, msg) = search_error(&app, uri).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{uri}: {msg}");
    }
}

#[tokio::test]
async fn search_api_answers_from_the_index() {
    let kb = common::fixture_kb("kb");
    let searcher =
        incidex::index::open_fresh(kb.path(), &incidex::config::Config::default()).expect("index");
    let (s, app) = app();
    s.set_searcher(searcher);

    let a = get(&app, "/api/search?q=redis&limit=3").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    assert_eq!(a.header("content-type"), "application/json");
    let v = a.json();
    assert_eq!(v["query"], "redis");
    assert!(v["total"].as_u64().is_some_and(|t| t >= 1), "{v}");
    assert!(v["took_ms"].is_number());
    let hits = v["hits"].as_array().expect("hits");
    assert!(!hits.is_empty() && hits.len() <= 3, "{v}");
    for field in ["id", "title", "source", "url", "snippet"] {
        assert!(hits[0][field].is_string(), "{field}: {v}");
    }
    assert!(hits[0]["score"].is_number());

    // `+` and percent-encoding as forms send them.
    let a = get(
        &app,
        "/api/search?q=redis.exceptions.TimeoutError%3A+Timeout+reading+from+socket",
    )
    .await;
    let v = a.json();
    assert_eq!(
        v["query"],
        "redis.exceptions.TimeoutError: Timeout reading from socket"
    );
    assert_eq!(v["hits"][0]["id"], "cache-timeouts", "{v}");

    // Odd text is still just text: results or none, never an error.
    let ten_kb = format!(
        "/api/search?q={}",
        "at+com.example.Foo.bar%28Foo.java%3A42%29%0A".repeat(10 * 1024 / 36)
    );
    for uri in [
        "/api/search?q=a%00b",
        "/api/search?q=%22unbalanced",
        "/api/search?q=title%3A%28%5E",
        "/api/search?q=%F0%9F%94%A5",
        &ten_kb,
    ] {
        let a = get(&app, uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.text());
        assert!(a.json()["hits"].is_array());
    }
}
