//! `zapdoc serve`: a real server on a free loopback port, real file edits,
//! real HTTP requests (raw, so paths reach the server exactly as written).
//! Every wait is bounded; every server is stopped by its test.

use crate::support::{DIAGRAM, TestSite, copy_tree};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use zapdoc::serve::{ServeOptions, Server};

const WAIT: Duration = Duration::from_secs(20);

struct Running {
    server: Option<Server>,
    log: Arc<Mutex<Vec<String>>>,
}

impl Running {
    fn addr(&self) -> SocketAddr {
        self.server.as_ref().expect("running").addr()
    }

    fn log(&self) -> String {
        self.log.lock().expect("log").join("\n")
    }

    fn stop(mut self) {
        if let Some(s) = self.server.take() {
            s.stop();
        }
    }
}

fn start(site: &TestSite) -> Running {
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&log);
    let mut opts = ServeOptions::new(site.root());
    opts.port = 0;
    opts.log = Arc::new(move |s: &str| sink.lock().expect("log").push(s.to_string()));
    let server = zapdoc::serve::start(opts).expect("server starts");
    assert!(server.addr().ip().is_loopback());
    Running {
        server: Some(server),
        log,
    }
}

/// One raw HTTP/1.1 GET: (status, body).
fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    get_as(addr, path, &addr.to_string())
}

/// [`get`] with the given `Host` header.
fn get_as(addr: SocketAddr, path: &str, host: &str) -> (u16, String) {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string());
    (status, body)
}

/// Poll until `cond` holds on the page, or fail after [`WAIT`].
fn wait_for(addr: SocketAddr, path: &str, what: &str, cond: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let (status, body) = get(addr, path);
        if status == 200 && cond(&body) {
            return body;
        }
        assert!(
            start.elapsed() < WAIT,
            "timed out waiting for {what} at {path}; last: {status} {body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn site() -> TestSite {
    let site = TestSite::new();
    site.write("content/_index.md", "+++\ntitle = \"Home\"\n+++\nHello.\n");
    site.write(
        "content/templates/_index.md",
        "+++\ntitle = \"Templates\"\n+++\n",
    );
    site.write(
        "content/templates/alpha.md",
        &format!("+++\ntitle = \"Alpha\"\n+++\nFirst version.\n\n```flowzap\n{DIAGRAM}```\n"),
    );
    site.write(
        "content/templates/beta.md",
        "+++\ntitle = \"Beta\"\n+++\nSee [alpha](@/templates/alpha.md).\n",
    );
    site
}

#[test]
fn serves_pages_and_an_edit_shows_up() {
    let site = site();
    let server = start(&site);
    let addr = server.addr();
    let (status, home) = get(addr, "/");
    assert_eq!(status, 200, "{home}");
    assert!(home.contains("Hello."), "{home}");
    assert!(
        home.contains("<script src=\"/__zapdoc/live.js\"></script>"),
        "serve injects the live-reload script: {home}"
    );
    let page = wait_for(addr, "/templates/alpha/", "the page", |b| {
        b.contains("First version.")
    });
    assert!(page.contains("<svg"), "the diagram is inline");
    let (status, js) = get(addr, "/__zapdoc/live.js");
    assert_eq!(status, 200);
    assert!(js.contains("EventSource"));
    let (status, _) = get(addr, "/nope/");
    assert_eq!(status, 404);

    // An edit, then the new text is served.
    site.write(
        "content/templates/alpha.md",
        &format!("+++\ntitle = \"Alpha\"\n+++\nSecond version.\n\n```flowzap\n{DIAGRAM}```\n"),
    );
    wait_for(addr, "/templates/alpha/", "the edit", |b| {
        b.contains("Second version.")
    });
    // A new page appears, and is listed.
    site.write(
        "content/templates/gamma.md",
        "+++\ntitle = \"Gamma\"\n+++\nNew.\n",
    );
    wait_for(addr, "/templates/", "the new page in the listing", |b| {
        b.contains("Gamma")
    });
    wait_for(addr, "/templates/gamma/", "the new page", |b| {
        b.contains("New.")
    });
    let log = server.log();
    assert!(log.contains("Rebuilt in"), "{log}");
    server.stop();
}

#[test]
fn paths_outside_the_output_are_refused() {
    let site = site();
    site.write("secret.txt", "top secret\n");
    let server = start(&site);
    let addr = server.addr();
    for path in [
        "/../site.toml",
        "/../secret.txt",
        "/templates/../../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/site.toml",
        "/.%2e/site.toml",
        "/%2e./site.toml",
        "/..%2fsite.toml",
        "/%2e%2e%2fsite.toml",
        "/templates/%2e%2e/%2e%2e/site.toml",
        "/..%5csite.toml",
        "/%2e%2e%5csite.toml",
    ] {
        let (status, body) = get(addr, path);
        assert_eq!(status, 403, "{path}: {body}");
        assert!(!body.contains("title ="), "{path} leaked site.toml");
    }
    // A symlink inside the output pointing outside it.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            site.root().join("secret.txt"),
            site.public().join("leak.txt"),
        )
        .expect("symlink");
        std::os::unix::fs::symlink(site.root(), site.public().join("up")).expect("symlink");
        for path in ["/leak.txt", "/up/secret.txt", "/up/site.toml"] {
            let (status, body) = get(addr, path);
            assert_eq!(status, 403, "{path}: {body}");
            assert!(!body.contains("top secret"));
        }
    }
    // Still serving normally.
    assert_eq!(get(addr, "/templates/alpha/").0, 200);
    server.stop();
}

#[test]
fn a_broken_diagram_keeps_the_last_good_page_and_reports() {
    let site = site();
    let server = start(&site);
    let addr = server.addr();
    wait_for(addr, "/templates/alpha/", "the page", |b| {
        b.contains("First version.")
    });
    // Open the event stream before the edit.
    let mut events = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
    events
        .set_read_timeout(Some(Duration::from_secs(2)))
        .expect("timeout");
    write!(
        events,
        "GET /__zapdoc/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("send");

    site.write(
        "content/templates/alpha.md",
        "+++\ntitle = \"Alpha\"\n+++\nBroken version.\n\n```flowzap\nOps { # Ops\n  n1: rect label:\"x\"\n}\n```\n",
    );
    let page = wait_for(addr, "/templates/alpha/", "the error overlay", |b| {
        b.contains("id=\"zapdoc-error\"")
    });
    assert!(page.contains("First version."), "the last good page stays");
    assert!(!page.contains("Broken version."));
    assert!(
        page.contains("unknown shape `rect`") && page.contains("content/templates/alpha.md:8:7"),
        "the overlay holds the error, located: {page}"
    );
    // The stream told the browser too.
    let start = Instant::now();
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    while !seen.contains("event: build-error") && start.elapsed() < WAIT {
        if let Ok(n) = events.read(&mut buf) {
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    }
    assert!(seen.contains("event: build-error"), "{seen}");
    assert!(seen.contains("unknown shape"), "{seen}");
    drop(events);
    // And the terminal.
    let log = server.log();
    assert!(
        log.contains("error[FZ001]") || log.contains("unknown shape"),
        "{log}"
    );

    // Fixing it serves the new page and drops the overlay.
    site.write(
        "content/templates/alpha.md",
        &format!("+++\ntitle = \"Alpha\"\n+++\nFixed version.\n\n```flowzap\n{DIAGRAM}```\n"),
    );
    // The new page is written a moment before the error is cleared: wait
    // for both, the state serve settles in.
    wait_for(
        addr,
        "/templates/alpha/",
        "the fix, without the overlay",
        |b| b.contains("Fixed version.") && !b.contains("zapdoc-error"),
    );
    server.stop();
}

/// The status of a GET of `/` with the given `Host` header.
fn status_with_host(addr: SocketAddr, host: &str) -> u16 {
    get_as(addr, "/", host).0
}

#[test]
fn only_local_host_names_are_answered() {
    let site = site();
    let server = start(&site);
    let addr = server.addr();
    let port = addr.port();
    assert_eq!(status_with_host(addr, &format!("localhost:{port}")), 200);
    assert_eq!(status_with_host(addr, &format!("127.0.0.1:{port}")), 200);
    assert_eq!(status_with_host(addr, &format!("[::1]:{port}")), 200);
    assert_eq!(
        status_with_host(addr, &format!("rebound.example:{port}")),
        421
    );
    assert_eq!(status_with_host(addr, "rebound.example"), 421);
    server.stop();
}

/// Take `content/` away with `away`, see the last good site kept under the
/// error, bring it back with `back`, then edit a page and add one: both
/// must be served, so the watcher follows the folder that came back.
fn content_replaced(away: impl FnOnce(&std::path::Path), back: impl FnOnce(&std::path::Path)) {
    let site = site();
    let server = start(&site);
    let addr = server.addr();
    wait_for(addr, "/templates/alpha/", "the page", |b| {
        b.contains("First version.")
    });
    let content = site.root().join("content");
    away(&content);
    let page = wait_for(addr, "/templates/alpha/", "the error overlay", |b| {
        b.contains("id=\"zapdoc-error\"")
    });
    assert!(
        page.contains("First version."),
        "the last good page stays: {page}"
    );
    assert!(page.contains("no `content/` folder"), "{page}");
    back(&content);
    wait_for(addr, "/templates/alpha/", "the site back", |b| {
        b.contains("First version.") && !b.contains("zapdoc-error")
    });
    site.write(
        "content/templates/alpha.md",
        &format!("+++\ntitle = \"Alpha\"\n+++\nAfter the move.\n\n```flowzap\n{DIAGRAM}```\n"),
    );
    wait_for(addr, "/templates/alpha/", "the edit after the move", |b| {
        b.contains("After the move.")
    });
    site.write(
        "content/templates/delta.md",
        "+++\ntitle = \"Delta\"\n+++\nD.\n",
    );
    wait_for(
        addr,
        "/templates/delta/",
        "a new page after the move",
        |b| b.contains("D."),
    );
    let log = server.log();
    assert!(log.contains("Watching content/ again"), "{log}");
    server.stop();
}

#[test]
fn content_moved_away_and_back_is_watched_again() {
    let aside = |content: &std::path::Path| content.with_file_name("c");
    content_replaced(
        |content| std::fs::rename(content, aside(content)).unwrap(),
        |content| std::fs::rename(aside(content), content).unwrap(),
    );
}

#[test]
fn content_deleted_and_restored_from_a_copy() {
    let backup = tempfile::tempdir().unwrap();
    let saved = backup.path().to_path_buf();
    content_replaced(
        |content| {
            copy_tree(content, &saved);
            std::fs::remove_dir_all(content).unwrap();
        },
        |content| {
            copy_tree(backup.path(), content);
        },
    );
}

#[test]
fn removing_a_section_removes_its_pages_without_complaint() {
    let site = site();
    let server = start(&site);
    let addr = server.addr();
    wait_for(addr, "/templates/alpha/", "the page", |b| {
        b.contains("First version.")
    });
    std::fs::remove_dir_all(site.root().join("content/templates")).unwrap();
    let start = Instant::now();
    while get(addr, "/templates/alpha/").0 != 404 {
        assert!(start.elapsed() < WAIT, "the removed page is still served");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    let log = server.log();
    assert!(!log.contains("error"), "{log}");
    server.stop();
}
