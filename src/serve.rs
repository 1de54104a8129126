//! `zapdoc serve`: build the site, serve the output directory over HTTP,
//! watch the sources and rebuild what an edit affects, and reload the
//! browsers that show the site.
//!
//! - **HTTP**: axum on tokio, bound to loopback unless told otherwise. Only
//!   files inside the output directory are served: request paths holding
//!   `..` or `.` segments (plain or percent-encoded), encoded slashes,
//!   backslashes or NUL are refused with 403, and a path that resolves —
//!   through a symlink — outside the output directory is refused too
//!   ([`resolve`]).
//! - **Watching**: notify on `content/`, `themes/`, `templates/`, `static/`,
//!   `i18n/` and `site.toml`; events are debounced (a quiet spell of
//!   [`QUIET`]) and handed to [`Live::update`], which writes only the
//!   output files that changed.
//! - **Reload**: served HTML gets a small script that listens to the
//!   server-sent events of `/__zapdoc/events`: `reload` after a good
//!   rebuild, `build-error` with the error text after a failed one. A failed
//!   rebuild leaves the last good site served, shows the errors in an
//!   overlay (escaped text) and prints them in the terminal.

use crate::build::{DiagramCache, Failure, Live, Options, Session, Update};
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use percent_encoding::percent_decode_str;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, watch};

/// Quiet time after the last file event before rebuilding: editors save in
/// several steps.
pub const QUIET: Duration = Duration::from_millis(25);

/// The longest a burst of events may delay a rebuild.
const MAX_DELAY: Duration = Duration::from_millis(300);

/// Where the live-reload endpoints live; never a file of the site.
pub const PREFIX: &str = "/__zapdoc/";

/// What to serve and where.
#[derive(Clone)]
pub struct ServeOptions {
    /// The build; its `base_url` defaults to `/` so links stay on this server.
    pub build: Options,
    pub interface: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Where progress and errors are reported (the terminal).
    pub log: Arc<dyn Fn(&str) + Send + Sync>,
    /// Colour in the reported errors.
    pub color: bool,
}

impl ServeOptions {
    /// Serve the site at `root` on 127.0.0.1:1111, logging to stderr.
    pub fn new(root: impl Into<PathBuf>) -> ServeOptions {
        ServeOptions {
            build: Options::new(root),
            interface: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 1111,
            log: Arc::new(|s: &str| eprintln!("{s}")),
            color: false,
        }
    }
}

/// A message to the browsers.
#[derive(Debug, Clone)]
enum Notice {
    Reload,
    Error(String),
}

/// What the HTTP side shares with the rebuild side.
struct Shared {
    /// The output directory, canonical.
    root: PathBuf,
    /// The errors of the last failed build, while it is not fixed.
    error: Mutex<Option<String>>,
    notices: broadcast::Sender<Notice>,
    shutdown: watch::Receiver<bool>,
}

/// A running server. Dropping it stops it too.
pub struct Server {
    addr: SocketAddr,
    stop: Option<watch::Sender<bool>>,
    http: Option<JoinHandle<()>>,
    rebuild: Option<JoinHandle<()>>,
    events: Option<mpsc::Sender<Vec<PathBuf>>>,
    /// Shared with the rebuild thread, which re-arms it; emptied on stop so
    /// the watcher (and its end of the event channel) goes away.
    sources: Arc<Mutex<Option<Sources>>>,
}

impl Server {
    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Block until the server stops (it stops on its own only on an error).
    pub fn wait(mut self) {
        if let Some(h) = self.http.take() {
            let _ = h.join();
        }
    }

    /// Stop serving and watching; returns once the threads are gone.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        *self.sources.lock().unwrap_or_else(PoisonError::into_inner) = None;
        self.events = None;
        if let Some(h) = self.http.take() {
            let _ = h.join();
        }
        if let Some(h) = self.rebuild.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn render_failure(f: &Failure, color: bool) -> String {
    match f {
        Failure::Input { errors, warnings } => {
            let mut out = String::new();
            for e in errors.iter().chain(warnings) {
                out.push_str(&e.render(color));
                out.push_str("\n\n");
            }
            let why = if errors.is_empty() {
                format!("{} warning(s) denied", warnings.len())
            } else {
                format!("{} error(s), {} warning(s)", errors.len(), warnings.len())
            };
            out.push_str(&format!(
                "error: rebuild failed: {why}; the last good site is still served"
            ));
            out
        }
        Failure::Other(m) => format!("error: {m}"),
    }
}

/// Build the site, then serve and watch it until [`Server::stop`].
/// `Err` is one line: the address could not be bound, the output cannot
/// be written, the watcher could not start.
pub fn start(mut opts: ServeOptions) -> Result<Server, String> {
    if opts.build.base_url.is_none() {
        opts.build.base_url = Some("/".to_string());
    }
    let log = Arc::clone(&opts.log);
    let addr = SocketAddr::new(opts.interface, opts.port);
    let listener = std::net::TcpListener::bind(addr)
        .map_err(|e| format!("cannot listen on {addr}: {}", crate::util::io_reason(&e)))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;

    // The output folder must be zapdoc's before anything is served from it.
    crate::output::check(
        &opts.build.root,
        &crate::build::output_dir(&opts.build),
        opts.build.force,
    )?;
    // The first build; a failure is shown, not fatal: a fix rebuilds.
    let (session, first_error, output) = initial_build(&opts)?;
    if let Some(e) = &first_error {
        log(e);
    }
    std::fs::create_dir_all(&output).map_err(|e| crate::util::cannot("create", &output, &e))?;
    let root = std::fs::canonicalize(&output).map_err(|e| {
        format!(
            "cannot open `{}`: {}",
            output.display(),
            crate::util::io_reason(&e)
        )
    })?;

    let (stop_tx, stop_rx) = watch::channel(false);
    let (notices, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        root,
        error: Mutex::new(first_error),
        notices,
        shutdown: stop_rx.clone(),
    });

    let http = spawn_http(
        listener,
        Arc::clone(&shared),
        Arc::clone(&log),
        stop_rx.clone(),
    )?;

    // Watching and rebuilding.
    let (events_tx, events_rx) = mpsc::channel::<Vec<PathBuf>>();
    let sources = Arc::new(Mutex::new(Some(Sources::watch(
        &opts.build.root,
        events_tx.clone(),
    )?)));
    let rebuild_shared = Arc::clone(&shared);
    let rebuild_opts = opts.clone();
    let rebuild_sources = Arc::clone(&sources);
    let rebuild = std::thread::Builder::new()
        .name("zapdoc-rebuild".into())
        .spawn(move || {
            rebuild_loop(
                session,
                &rebuild_opts,
                &rebuild_shared,
                &events_rx,
                &rebuild_sources,
            );
        })
        .map_err(|e| format!("cannot start the watcher: {e}"))?;

    log(&format!("Serving {} at http://{addr}/", output.display()));
    Ok(Server {
        addr,
        stop: Some(stop_tx),
        http: Some(http),
        rebuild: Some(rebuild),
        events: Some(events_tx),
        sources,
    })
}

/// The first build of `serve`: the session when it worked, else the
/// failure as text to show (a fix rebuilds); and the output folder.
/// `Err` only for what stops `serve` (the site cannot be read at all).
fn initial_build(opts: &ServeOptions) -> Result<(Option<Live>, Option<String>, PathBuf), String> {
    let started = Instant::now();
    Ok(match Session::open(&opts.build) {
        Ok(s) => match (s.output_dir().to_path_buf(), Live::start(s)) {
            (out, Ok((s, summary))) => {
                for w in &summary.warnings {
                    (opts.log)(&w.render(opts.color));
                }
                (opts.log)(&format!(
                    "Built {} pages in {} ms",
                    summary.pages,
                    started.elapsed().as_millis()
                ));
                (Some(s), None, out)
            }
            (out, Err(f)) => (None, Some(render_failure(&f, false).replace('\r', "")), out),
        },
        Err(Failure::Other(m)) => return Err(m),
        Err(f) => {
            let out = crate::build::output_dir(&opts.build);
            (None, Some(render_failure(&f, false).replace('\r', "")), out)
        }
    })
}

/// Serve `shared.root` (and the live-reload events) on `listener` from a
/// thread of its own, until `stop` turns true.
fn spawn_http(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    log: Arc<dyn Fn(&str) + Send + Sync>,
    stop: watch::Receiver<bool>,
) -> Result<std::thread::JoinHandle<()>, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let app = Router::new()
        .route("/__zapdoc/events", get(events))
        .route("/__zapdoc/live.js", get(live_js))
        .fallback(get(file))
        .layer(axum::middleware::from_fn(check_host))
        .with_state(shared);
    let http_log = log;
    let mut http_stop = stop;
    std::thread::Builder::new()
        .name("zapdoc-http".into())
        .spawn(move || {
            runtime.block_on(async move {
                let listener = match tokio::net::TcpListener::from_std(listener) {
                    Ok(l) => l,
                    Err(e) => {
                        http_log(&format!("error: cannot listen: {e}"));
                        return;
                    }
                };
                let shutdown = async move {
                    let _ = http_stop.wait_for(|stop| *stop).await;
                };
                if let Err(e) = axum::serve(listener, app)
                    .with_graceful_shutdown(shutdown)
                    .await
                {
                    http_log(&format!("error: the server stopped: {e}"));
                }
            });
            runtime.shutdown_timeout(Duration::from_secs(1));
        })
        .map_err(|e| format!("cannot start the server: {e}"))
}

/// The folders of a site that `serve` watches, besides the root itself.
const SOURCE_DIRS: [&str; 5] = [
    crate::content::CONTENT_DIR,
    "themes",
    "templates",
    "static",
    crate::i18n::I18N_DIR,
];

/// The watcher of a site's sources. A watch follows a folder, not its
/// name: when a source folder is moved away and back, or deleted and
/// restored from a copy, [`Sources::rearm`] watches the new one.
struct Sources {
    watcher: notify::RecommendedWatcher,
    root: PathBuf,
}

impl Sources {
    /// Watch the site at `root`; each batch of changed paths goes to `tx`.
    fn watch(root: &Path, tx: mpsc::Sender<Vec<PathBuf>>) -> Result<Sources, String> {
        use notify::{EventKind, RecursiveMode, Watcher};
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            if let Ok(event) = res
                && !matches!(event.kind, EventKind::Access(_))
            {
                let _ = tx.send(event.paths);
            }
        })
        .map_err(|e| format!("cannot watch the site: {e}"))?;
        for dir in SOURCE_DIRS {
            let path = root.join(dir);
            if path.is_dir() {
                watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| format!("cannot watch `{}`: {e}", path.display()))?;
            }
        }
        // The root itself: `site.toml` (editors replace it by renaming),
        // and the source folders coming and going.
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch `{}`: {e}", root.display()))?;
        Ok(Sources { watcher, root })
    }

    /// The source folders among `paths` that changed as a whole (created,
    /// removed or renamed at the root): watch them afresh. Returns their
    /// names.
    fn rearm(&mut self, paths: &[PathBuf]) -> Vec<&'static str> {
        use notify::{RecursiveMode, Watcher};
        let mut rearmed = Vec::new();
        for dir in SOURCE_DIRS {
            let path = self.root.join(dir);
            if !paths.contains(&path) {
                continue;
            }
            // The old watch may name a folder that is gone or elsewhere.
            let _ = self.watcher.unwatch(&path);
            if path.is_dir() && self.watcher.watch(&path, RecursiveMode::Recursive).is_ok() {
                rearmed.push(dir);
            }
        }
        rearmed
    }
}

/// Wait for changes, debounce them, rebuild, tell the browsers.
fn rebuild_loop(
    mut session: Option<Live>,
    opts: &ServeOptions,
    shared: &Shared,
    rx: &mpsc::Receiver<Vec<PathBuf>>,
    sources: &Mutex<Option<Sources>>,
) {
    let log = &opts.log;
    let mut cache = DiagramCache::default();
    while let Ok(first) = rx.recv() {
        let mut paths = first;
        let burst = Instant::now();
        while burst.elapsed() < MAX_DELAY {
            match rx.recv_timeout(QUIET) {
                Ok(more) => paths.extend(more),
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        if *shared.shutdown.borrow() {
            return;
        }
        paths.sort();
        paths.dedup();
        if let Some(sources) = sources
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_mut()
        {
            for dir in sources.rearm(&paths) {
                log(&format!("Watching {dir}/ again"));
            }
        }
        let result: Result<Update, Failure> = match &mut session {
            Some(s) => s.update(&paths),
            None => first_build(&opts.build, &mut cache).map(|s| {
                session = Some(s);
                Update {
                    rebuilt_model: true,
                    ..Update::default()
                }
            }),
        };
        match result {
            Ok(update) => {
                let had_error = shared
                    .error
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take()
                    .is_some();
                for w in &update.warnings {
                    log(&w.render(opts.color));
                }
                if update.is_empty() && !had_error {
                    continue;
                }
                log(&format!(
                    "Rebuilt in {:.1} ms: {} file(s) written, {} removed, {} diagram(s) rendered{}",
                    update.elapsed.as_secs_f64() * 1000.0,
                    update.written.len(),
                    update.removed.len(),
                    update.diagrams_rendered,
                    if update.rebuilt_model {
                        ", model rebuilt"
                    } else {
                        ""
                    }
                ));
                let _ = shared.notices.send(Notice::Reload);
            }
            Err(f) => {
                log(&render_failure(&f, opts.color));
                let text = render_failure(&f, false).replace('\r', "");
                *shared.error.lock().unwrap_or_else(PoisonError::into_inner) = Some(text.clone());
                let _ = shared.notices.send(Notice::Error(text));
            }
        }
    }
}

/// The site did not build at the start: try again from scratch.
fn first_build(opts: &Options, cache: &mut DiagramCache) -> Result<Live, Failure> {
    let attempt = Session::attempt(opts, cache)?;
    match attempt.session {
        Some(s) if attempt.errors.is_empty() => Ok(Live::start(s)?.0),
        other => {
            if let Some(s) = other {
                // Keep the diagrams rendered so far for the next try.
                *cache = s.into_cache();
            }
            Err(Failure::Input {
                errors: attempt.errors,
                warnings: attempt.warnings,
            })
        }
    }
}

/// Why a request path is not served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The path tries to leave the output directory.
    Forbidden,
    /// No file of the output directory answers to the path.
    NotFound,
}

/// The file inside `root` (canonical) that the raw request path names
/// (`/zh/templates/x/` → `root/zh/templates/x/index.html`). Refuses `..`
/// and `.` segments, percent-encoded or not, encoded slashes, backslashes,
/// NUL, escapes that decode to bytes that are not UTF-8, and anything whose
/// real path (symlinks resolved) is outside `root`. A malformed escape
/// (`%zz`) is taken literally.
/// Hidden files (a segment starting with `.`) are not found.
pub fn resolve(root: &Path, raw_path: &str) -> Result<PathBuf, Refusal> {
    let lower = raw_path.to_ascii_lowercase();
    if !raw_path.starts_with('/') || lower.contains("%2f") || lower.contains("%5c") {
        return Err(Refusal::Forbidden);
    }
    // A `%` not followed by two hex digits stays as it is, as in the link
    // check (links.rs), so a page the check passes is one serve finds.
    let decoded = percent_decode_str(raw_path)
        .decode_utf8()
        .map_err(|_| Refusal::Forbidden)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return Err(Refusal::Forbidden);
    }
    let mut path = root.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." || segment == "." {
            return Err(Refusal::Forbidden);
        }
        if segment.starts_with('.') {
            return Err(Refusal::NotFound);
        }
        path.push(segment);
    }
    if path.is_dir() {
        path.push("index.html");
    }
    let real = std::fs::canonicalize(&path).map_err(|_| Refusal::NotFound)?;
    if !real.starts_with(root) {
        return Err(Refusal::Forbidden);
    }
    if !real.is_file() {
        return Err(Refusal::NotFound);
    }
    Ok(real)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

/// What serve mode adds to every HTML page: the live-reload script and,
/// while the last rebuild failed, its errors in an overlay.
fn injection(error: Option<&str>) -> String {
    let mut out = format!("<script src=\"{PREFIX}live.js\"></script>");
    if let Some(text) = error {
        out.push_str(&overlay_html(text));
    }
    out
}

/// The error overlay, its text escaped.
pub fn overlay_html(text: &str) -> String {
    let escaped = crate::util::escape(text);
    format!(
        "<div id=\"zapdoc-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#f6f6f6;padding:2rem;font:14px/1.45 ui-monospace,monospace\"><button type=\"button\" onclick=\"this.parentNode.remove()\" aria-label=\"Close\" style=\"float:right;font:inherit;background:none;color:inherit;border:1px solid #888;border-radius:4px;cursor:pointer\">×</button><p style=\"margin:0 0 1rem;font-weight:bold;color:#ff8a80\">zapdoc: the last rebuild failed; this is the last good page.</p><pre style=\"white-space:pre-wrap;margin:0\">{escaped}</pre></div>"
    )
}

async fn file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let path = match resolve(&shared.root, uri.path()) {
        Ok(p) => p,
        Err(Refusal::Forbidden) => return plain(StatusCode::FORBIDDEN, "403 forbidden\n"),
        Err(Refusal::NotFound) => {
            let not_found = shared.root.join("404.html");
            return match tokio::fs::read(&not_found).await {
                Ok(bytes) => html_response(&shared, StatusCode::NOT_FOUND, bytes),
                Err(_) => plain(StatusCode::NOT_FOUND, "404 not found\n"),
            };
        }
    };
    match tokio::fs::read(&path).await {
        Ok(bytes) if content_type(&path).starts_with("text/html") => {
            html_response(&shared, StatusCode::OK, bytes)
        }
        Ok(bytes) => {
            let mut r = Response::new(Body::from(bytes));
            let headers = r.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(&path)),
            );
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(_) => plain(StatusCode::NOT_FOUND, "404 not found\n"),
    }
}

fn html_response(shared: &Shared, status: StatusCode, bytes: Vec<u8>) -> Response {
    let mut html = String::from_utf8_lossy(&bytes).into_owned();
    let error = shared
        .error
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let add = injection(error.as_deref());
    match html.rfind("</body>") {
        Some(i) => html.insert_str(i, &add),
        None => html.push_str(&add),
    }
    let mut r = Response::new(Body::from(html));
    *r.status_mut() = status;
    let headers = r.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// The server-sent events: the current error at once if there is one,
/// then `reload` / `build-error` as rebuilds finish. Ends on shutdown.
async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let current = shared
        .error
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let rx = shared.notices.subscribe();
    let shutdown = shared.shutdown.clone();
    let first = Some(match current {
        Some(text) => Event::default().event("build-error").data(text),
        None => Event::default().event("hello").data("ok"),
    });
    let stream = futures_util::stream::unfold(
        (first, rx, shutdown),
        |(first, mut rx, mut shutdown)| async move {
            if let Some(ev) = first {
                return Some((Ok(ev), (None, rx, shutdown)));
            }
            loop {
                if *shutdown.borrow() {
                    return None;
                }
                tokio::select! {
                    msg = rx.recv() => {
                        let ev = match msg {
                            Ok(Notice::Reload) => Event::default().event("reload").data("reload"),
                            Ok(Notice::Error(text)) => Event::default().event("build-error").data(text),
                            Err(broadcast::error::RecvError::Lagged(_)) => Event::default().event("reload").data("reload"),
                            Err(broadcast::error::RecvError::Closed) => return None,
                        };
                        return Some((Ok(ev), (None, rx, shutdown)));
                    }
                    changed = shutdown.changed() => {
                        if changed.is_err() {
                            return None;
                        }
                    }
                }
            }
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The live-reload script.
const LIVE_JS: &str = r#"(function () {
  "use strict";
  if (!window.EventSource) return;
  var source = new EventSource("/__zapdoc/events");
  function overlay(text) {
    var box = document.getElementById("zapdoc-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "zapdoc-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#f6f6f6;padding:2rem;font:14px/1.45 ui-monospace,monospace";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", "Close");
    close.style.cssText = "float:right;font:inherit;background:none;color:inherit;border:1px solid #888;border-radius:4px;cursor:pointer";
    close.addEventListener("click", function () { box.remove(); });
    box.appendChild(close);
    var title = document.createElement("p");
    title.style.cssText = "margin:0 0 1rem;font-weight:bold;color:#ff8a80";
    title.textContent = "zapdoc: the last rebuild failed; this is the last good page.";
    var pre = document.createElement("pre");
    pre.style.cssText = "white-space:pre-wrap;margin:0";
    pre.textContent = text;
    box.appendChild(title);
    box.appendChild(pre);
  }
  source.addEventListener("reload", function () { window.location.reload(); });
  source.addEventListener("build-error", function (e) { overlay(e.data); });
})();
"#;

/// Answer only requests addressed to this machine by address or as
/// `localhost`: a page on another site that points a DNS name of its own
/// at 127.0.0.1 (DNS rebinding) gets 421, not the site.
async fn check_host(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()));
    if host.is_some_and(host_allowed) {
        next.run(req).await
    } else {
        plain(
            StatusCode::MISDIRECTED_REQUEST,
            "421 this server answers only to localhost and IP addresses\n",
        )
    }
}

/// `localhost` or an IP address (`127.0.0.1`, `[::1]`, the `--interface`
/// address or any other: a literal address cannot be rebound), with or
/// without a port.
fn host_allowed(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [v6]:port
        match rest.split_once(']') {
            Some((v6, _)) => return v6.parse::<std::net::Ipv6Addr>().is_ok(),
            None => return false,
        }
    } else {
        host.rsplit_once(':').map_or(host, |(name, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) {
                name
            } else {
                host
            }
        })
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok()
}

async fn live_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        LIVE_JS,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_localhost_and_addresses_are_answered() {
        for ok in [
            "localhost",
            "localhost:1111",
            "LOCALHOST:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "[::1]:1111",
            "[::1]",
            "192.168.1.20:8080",
        ] {
            assert!(host_allowed(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io:1111",
            "[::1",
            "",
        ] {
            assert!(!host_allowed(bad), "{bad}");
        }
    }

    #[test]
    fn resolve_refuses_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap().join("public");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/index.html"), "x").unwrap();
        std::fs::write(root.join(".hidden"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        assert_eq!(resolve(&root, "/a/").unwrap(), root.join("a/index.html"));
        assert_eq!(resolve(&root, "/a").unwrap(), root.join("a/index.html"));
        for bad in [
            "/../secret.txt",
            "/a/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/.%2e/secret.txt",
            "/a%2f..%2f..%2fsecret.txt",
            "/..%5csecret.txt",
            "/a/./index.html",
            "/%00",
            "/%ff",
            "/%e5%ae",
            "relative",
        ] {
            assert_eq!(resolve(&root, bad), Err(Refusal::Forbidden), "{bad}");
        }
        // A malformed escape is no escape: it names a file with a `%`.
        std::fs::write(root.join("100%zz.txt"), "x").unwrap();
        assert_eq!(
            resolve(&root, "/100%zz.txt").unwrap(),
            root.join("100%zz.txt")
        );
        assert_eq!(resolve(&root, "/%zz"), Err(Refusal::NotFound));
        assert_eq!(resolve(&root, "/%"), Err(Refusal::NotFound));
        assert_eq!(resolve(&root, "/.hidden"), Err(Refusal::NotFound));
        assert_eq!(resolve(&root, "/nope"), Err(Refusal::NotFound));
    }

    #[cfg(unix)]
    #[test]
    fn resolve_refuses_symlinks_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap().join("public");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
        assert_eq!(resolve(&root, "/link.txt"), Err(Refusal::Forbidden));
        assert_eq!(resolve(&root, "/up/secret.txt"), Err(Refusal::Forbidden));
    }

    #[test]
    fn overlay_escapes() {
        let html = overlay_html("<script>alert(1)</script> & `x`");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
        assert!(!html.contains("<script>alert"));
    }
}
