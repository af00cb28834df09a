//! `recit serve`: a built site served as a production host should serve it (README,
//! « Deploying »), so that every browser test runs under the same rules:
//! - each address's prerendered page, `DIR/<path>/index.html`, at `<path>` (no redirect to
//!   `<path>/`, a round trip more) and at `<path>/`; a file as itself; any other path the app,
//!   `DIR/index.html`; never a file outside `DIR`;
//! - the precompressed `.br` or `.gz` beside a file when the browser accepts it;
//! - the headers of the site's `_headers` on every response (the strict CSP);
//! - names with a content hash cached for good, everything else revalidated.
//!
//! One router with the site as its state, and request errors made responses in one place
//! ([`Refusal`]), so that the council's live editing can join the same server.

use std::fmt;
use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use axum::body::{Body, HttpBody};
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_ENCODING, CONTENT_LENGTH, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, VARY};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use percent_encoding::percent_decode_str;
use tower::ServiceExt;
use tower_http::services::ServeFile;

use crate::council::{Council, Location, Store, StoreError};
use crate::site_headers::{HeadersError, SiteHeaders};

/// A built site: its folder and the headers of its `_headers`, read once at start.
#[derive(Debug)]
pub struct Site {
    /// As given, made absolute: where it leads is looked up at each request, so that a new
    /// site put in its place (renamed there, or a link to it changed) is served at once.
    dir: PathBuf,
    headers: SiteHeaders,
}

/// Why the server could not start.
#[derive(Debug)]
pub enum StartError {
    /// `dir` is not a built site; `reason` says why.
    NotASite {
        dir: PathBuf,
        reason: String,
    },
    /// The site's `_headers` is malformed.
    Headers {
        file: PathBuf,
        error: HeadersError,
    },
    Listen {
        addr: SocketAddr,
        error: io::Error,
    },
    Serve(io::Error),
    /// The council's store cannot be opened.
    Council(StoreError),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::NotASite { dir, reason } => write!(f, "{}: {reason}", dir.display()),
            StartError::Headers { file, error } => write!(f, "{}:{error}", file.display()),
            StartError::Listen { addr, error } => write!(f, "cannot listen on {addr}: {error}"),
            StartError::Serve(error) => write!(f, "the server stopped: {error}"),
            StartError::Council(error) => write!(f, "the council's store: {error}"),
        }
    }
}

impl Site {
    /// The site built in `dir`: it must hold `index.html` (the app, answered where no file
    /// is) and `_headers`.
    pub fn open(dir: &Path) -> Result<Site, StartError> {
        let not_a_site = |reason: String| StartError::NotASite { dir: dir.to_path_buf(), reason };
        let absolute = std::path::absolute(dir).map_err(|e| not_a_site(format!("cannot open the folder: {e}")))?;
        if !absolute.is_dir() {
            return Err(not_a_site("not a folder".into()));
        }
        if !absolute.join("index.html").is_file() {
            return Err(not_a_site("no index.html: not a published site (publish one with `recit publish STORY_DIR --out DIR`)".into()));
        }
        let file = dir.join("_headers");
        let text = std::fs::read_to_string(&file).map_err(|e| not_a_site(format!("cannot read _headers, the headers of every response (web/_headers in a build): {e}")))?;
        let headers = SiteHeaders::parse(&text).map_err(|error| StartError::Headers { file, error })?;
        Ok(Site { dir: absolute, headers })
    }

    /// The file answered at the URL path `raw` (percent-encoded, as requested).
    async fn resolve(&self, raw: &str) -> Result<Found, Refusal> {
        let path = percent_decode_str(raw).decode_utf8().map_err(|_| Refusal::BadPath)?;
        let root = tokio::fs::canonicalize(&self.dir).await.map_err(|_| Refusal::Missing)?;
        let mut file = root.clone();
        for segment in path.split('/') {
            match segment {
                "" | "." => {}
                ".." => return Err(Refusal::Outside),
                s if s.contains(['\\', '\0']) => return Err(Refusal::BadPath),
                s => file.push(s),
            }
        }
        let app = root.join("index.html");
        let file = match tokio::fs::metadata(&file).await {
            // As a file system would: `boot.js/` is not the file.
            Ok(meta) if meta.is_file() && !path.ends_with('/') => file,
            Ok(meta) if meta.is_dir() && tokio::fs::metadata(file.join("index.html")).await.is_ok_and(|m| m.is_file()) => file.join("index.html"),
            _ => app,
        };
        // A link inside the folder may lead out of it.
        let file = tokio::fs::canonicalize(&file).await.map_err(|_| Refusal::Missing)?;
        if !file.starts_with(&root) {
            return Err(Refusal::Outside);
        }
        let meta = tokio::fs::metadata(&file).await.map_err(|_| Refusal::Missing)?;
        let served = Served(file.strip_prefix(&root).unwrap_or(&file).to_path_buf());
        Ok(Found { file, served, meta })
    }
}

struct Found {
    file: PathBuf,
    served: Served,
    meta: std::fs::Metadata,
}

/// A request the site does not answer with a file. (A file that cannot be read is
/// `ServeFile`'s 500.)
#[derive(Debug)]
enum Refusal {
    /// The path leads outside the site's folder.
    Outside,
    /// The path is not valid UTF-8 once decoded, or holds a character no file name here has.
    BadPath,
    /// A body, which no route here reads.
    Body,
    /// The site's folder or its index.html is gone (a new site being put in place), or the
    /// file went between finding it and opening it.
    Missing,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let (status, text) = match self {
            Refusal::Outside => (StatusCode::FORBIDDEN, "outside the site"),
            Refusal::BadPath => (StatusCode::BAD_REQUEST, "not a path of this site"),
            Refusal::Body => (StatusCode::PAYLOAD_TOO_LARGE, "no request body is accepted here"),
            Refusal::Missing => (StatusCode::NOT_FOUND, "not found"),
        };
        (status, text).into_response()
    }
}

/// The server's routes: the site's files at every path (GET and HEAD; other methods 405),
/// and the council's where it has a store.
pub fn router(site: Arc<Site>, council: Option<Arc<Council>>) -> Router {
    let files = Router::new().fallback(get(serve_file)).with_state(site.clone());
    let routes = match council {
        Some(council) => files.merge(crate::council::router(council)),
        None => files,
    };
    routes.layer(middleware::from_fn_with_state(site, site_headers)).layer(middleware::from_fn(access_log))
}

/// The file a response carried, relative to the site, for the access log.
#[derive(Clone)]
struct Served(PathBuf);

/// One line per response on standard output, `METHOD PATH STATUS BYTES ENCODING FILE` (the
/// path as asked, the body's bytes as sent, `-` for none; the file relative to the site): what
/// a town's staff read to see who asks for what, and what the budget test counts.
async fn access_log(request: Request, next: Next) -> Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_string());
    let response = next.run(request).await;
    let header = |name| response.headers().get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    let bytes = match (method == Method::HEAD, header(CONTENT_LENGTH)) {
        (false, Some(length)) => length,
        _ => "0",
    };
    let file = response.extensions().get::<Served>().map(|Served(f)| f);
    // Never a panic (with `panic = "abort"`, the whole server) when nobody reads any more: a
    // closed pipe or terminal loses the log, not the site.
    let _ = writeln!(
        std::io::stdout().lock(),
        "{method} {path} {} {bytes} {} {}",
        response.status().as_u16(),
        header(CONTENT_ENCODING).unwrap_or("-"),
        file.map_or("-".into(), |f| f.display().to_string()),
    );
    response
}

/// Serves `site` on `addr` until SIGINT or SIGTERM, once listening printing on standard output
/// `serving SHOWN at http://ADDR` (the address with the port chosen for port 0); with the
/// council's part where `council` says where its store is.
pub async fn run(site: Site, addr: SocketAddr, shown: &Path, council: Option<Location>) -> Result<(), StartError> {
    let council = match &council {
        Some(location) => {
            let store = Store::open(location).await.map_err(StartError::Council)?;
            let seed = site_story(&site.dir);
            let council = Council::open(store, site.dir.clone(), seed.as_ref()).await.map_err(StartError::Council)?;
            if let Location::Url(url) = location {
                tokio::spawn(council.clone().follow(url.clone()));
            }
            Some(council)
        }
        None => None,
    };
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|error| StartError::Listen { addr, error })?;
    let addr = listener.local_addr().map_err(|error| StartError::Listen { addr, error })?;
    let _ = writeln!(std::io::stdout().lock(), "serving {} at http://{addr}", shown.display());
    if let Some(council) = &council {
        council.announce(addr).await.map_err(StartError::Council)?;
        tokio::spawn(council.clone().tidy());
    }
    let closing = council.clone();
    let app = router(Arc::new(site), council).into_make_service_with_connect_info::<SocketAddr>();
    let stopped = async move {
        stop_signal().await;
        if let Some(council) = closing {
            council.close();
        }
    };
    axum::serve(listener, app).with_graceful_shutdown(stopped).await.map_err(StartError::Serve)
}

/// The story a published site carries (its `story-<hash>.bin`), which the council's shared
/// draft starts from.
fn site_story(dir: &Path) -> Option<recit_story::Story> {
    let entries = std::fs::read_dir(dir).ok()?;
    let file =
        entries.flatten().map(|e| e.path()).find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("story-") && !n.starts_with("story-reader-") && n.ends_with(".bin")))?;
    recit_story::Story::from_compact(&std::fs::read(file).ok()?).ok()
}

/// Ctrl+C or a service manager's SIGTERM: requests under way finish, then the server stops.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

/// Every response carries the headers `_headers` gives its path.
async fn site_headers(State(site): State<Arc<Site>>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    site.headers.apply(&path, response.headers_mut());
    response
}

async fn serve_file(State(site): State<Arc<Site>>, request: Request) -> Result<Response, Refusal> {
    if !request.body().is_end_stream() {
        return Err(Refusal::Body);
    }
    let Found { file, served, meta } = site.resolve(request.uri().path()).await?;
    let caching = caching(&file);
    let tag = etag(&meta);
    let (mut parts, _) = request.into_parts();
    if let (Some(tag), Some(asked)) = (&tag, parts.headers.get(IF_NONE_MATCH)) {
        if none_match_hits(asked, tag) {
            let mut response = with_validators(StatusCode::NOT_MODIFIED.into_response(), caching, Some(tag));
            response.extensions_mut().insert(served);
            return Ok(response);
        }
        // A tag that differs says the file changed, even within the second Last-Modified
        // counts in: the date must not answer 304 then (and RFC 9110 says to ignore it).
        parts.headers.remove(IF_MODIFIED_SINCE);
    }
    let response = ServeFile::new_with_mime(&file, &mime_type(&file))
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(Request::from_parts(parts, Body::empty()))
        .await
        .unwrap_or_else(|never| match never {})
        .map(Body::new);
    let mut response = match response.status() {
        StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED => with_validators(response, caching, tag.as_ref()),
        _ => response,
    };
    response.extensions_mut().insert(served);
    Ok(response)
}

fn with_validators(mut response: Response, caching: HeaderValue, tag: Option<&HeaderValue>) -> Response {
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, caching);
    // The same address answers brotli, gzip or the file as it is, by what the browser accepts.
    headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(tag) = tag {
        headers.insert(ETAG, tag.clone());
    }
    response
}

/// A name with a content hash never changes its content: cached for a year, never asked
/// again. Anything else (the pages, boot.js, sw.js, the story's files) may change with a
/// build: kept, but revalidated before each use (README, « Caching »).
fn caching(file: &Path) -> HeaderValue {
    let hashed = file.file_name().and_then(|n| n.to_str()).is_some_and(has_content_hash);
    HeaderValue::from_static(if hashed { "public, max-age=31536000, immutable" } else { "no-cache" })
}

/// `main-<hex>.css`, `recit-reader-<hex>.js`, `recit-plus-<hex>_bg.wasm`, `favicon-<hex>.svg`:
/// 12 to 16 hex digits (trunk's hash, or the build hook's) between a `-` and the extension,
/// as the service worker's `HASHED` reads them.
fn has_content_hash(name: &str) -> bool {
    let stem = match name.strip_suffix("_bg.wasm") {
        Some(stem) => stem,
        None => match name.rsplit_once('.') {
            Some((stem, ext)) if !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_lowercase()) => stem,
            _ => return false,
        },
    };
    stem.rsplit_once('-').is_some_and(|(base, hash)| !base.is_empty() && (12..=16).contains(&hash.len()) && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}

/// A weak tag from the file's size and modification time to the nanosecond: weak, because
/// the same tag stands for the file and its precompressed copies, which say the same.
fn etag(meta: &std::fs::Metadata) -> Option<HeaderValue> {
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    HeaderValue::from_str(&format!("W/\"{:x}-{:x}\"", meta.len(), modified.as_nanos())).ok()
}

/// Whether `If-None-Match` names `tag` (weak comparison, as RFC 9110 asks for it), or is `*`.
fn none_match_hits(asked: &HeaderValue, tag: &HeaderValue) -> bool {
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let (Ok(asked), Ok(tag)) = (asked.to_str(), tag.to_str()) else {
        return false;
    };
    asked.split(',').any(|t| t.trim() == "*" || opaque(t) == opaque(tag))
}

/// The types the site's files need; the text ones in UTF-8, which the build writes.
fn mime_type(file: &Path) -> mime::Mime {
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or_default();
    let name = match ext {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "png" => "image/png",
        // The council's photographs (recit_story::media).
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
    name.parse().unwrap_or(mime::APPLICATION_OCTET_STREAM)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_those_the_build_writes() {
        for name in ["main-0123456789abcdef.css", "recit-reader-0123456789abcde.js", "recit-plus-0123456789abcdef_bg.wasm", "favicon-0123456789ab.svg"] {
            assert!(has_content_hash(name), "{name}");
        }
        for name in [
            "index.html",
            "boot.js",
            "sw.js",
            "english.bin",
            "main-0123456789a.css",
            "main-0123456789abcdef0.css",
            "main-0123456789ABCDEF.css",
            "-0123456789abcdef.css",
            "main-0123456789abcdef.css.br",
            "recit-reader-0123456789abcdef",
        ] {
            assert!(!has_content_hash(name), "{name}");
        }
    }

    #[test]
    fn if_none_match_compares_weakly_and_in_lists() {
        let tag = HeaderValue::from_static("W/\"a-b\"");
        for asked in ["W/\"a-b\"", "\"a-b\"", "\"x\", W/\"a-b\"", "*"] {
            assert!(none_match_hits(&HeaderValue::from_static(asked), &tag), "{asked}");
        }
        assert!(!none_match_hits(&HeaderValue::from_static("W/\"a-c\""), &tag));
    }
}
