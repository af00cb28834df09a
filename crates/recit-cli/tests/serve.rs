//! `recit serve` as a browser meets it: the real program on a free port, over HTTP, against a
//! small site made for each test.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{agent, answer, get, Server};

const WEB_HEADERS: &str = include_str!("../../../web/_headers");
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const HASHED_CSS: &str = "main-0123456789abcdef.css";
const HASHED_WASM: &str = "recit-reader-0123456789abcde_bg.wasm";

/// A built site's shape, each file's content naming it: the app, a prerendered page, a folder
/// with no page, precompressed copies (fake, to tell which was served), hashed names, and a
/// link and a file outside the site.
struct Fixture {
    root: PathBuf,
}

impl Fixture {
    fn new(name: &str, headers: &str) -> Fixture {
        let root = std::env::temp_dir().join(format!("recit-serve-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let site = root.join("site");
        for (path, content) in [
            ("index.html", "the app"),
            ("_headers", headers),
            ("fr/commune/archipel-noir/index.html", "the page of archipel-noir"),
            ("media/terril.png", "png"),
            ("boot.js", "boot"),
            ("boot.js.br", "boot in brotli"),
            ("boot.js.gz", "boot in gzip"),
            ("english.bin", "english"),
            (HASHED_CSS, "css"),
            (HASHED_WASM, "wasm"),
        ] {
            let file = site.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, content).unwrap();
        }
        std::fs::write(root.join("secret.txt"), "a secret").unwrap();
        std::os::unix::fs::symlink(root.join("secret.txt"), site.join("leak.txt")).unwrap();
        Fixture { root }
    }

    fn site(&self) -> PathBuf {
        self.root.join("site")
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

#[test]
fn each_page_at_its_address_without_a_redirect_a_file_as_itself_and_the_app_elsewhere() {
    let fixture = Fixture::new("addresses", WEB_HEADERS);
    let server = Server::start(&fixture.site());
    for path in ["/fr/commune/archipel-noir", "/fr/commune/archipel-noir/"] {
        let page = get(&server, path, &[]);
        assert_eq!((page.status, page.body.as_str()), (200, "the page of archipel-noir"), "{path}");
        assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
    }
    for (path, body, mime) in [
        ("/boot.js", "boot", "text/javascript; charset=utf-8"),
        ("/english.bin", "english", "application/octet-stream"),
        (&format!("/{HASHED_WASM}"), "wasm", "application/wasm"),
        (&format!("/{HASHED_CSS}"), "css", "text/css; charset=utf-8"),
        ("/media/terril.png", "png", "image/png"),
    ] {
        let file = get(&server, path, &[]);
        assert_eq!((file.status, file.body.as_str(), file.header("content-type")), (200, body, Some(mime)), "{path}");
    }
    // The app, wherever no file or page is: an unknown address, a folder without a page, a
    // file's name as a folder, the app's own addresses; the query is not part of the path.
    for path in ["/", "/editeur/fr", "/fr/commune", "/media", "/boot.js/", "/fr/quiz/commune?atelier", "/%C3%A9t%C3%A9"] {
        let app = get(&server, path, &[]);
        assert_eq!((app.status, app.body.as_str()), (200, "the app"), "{path}");
    }
    assert_eq!(get(&server, "/fr/commune/archipel-noir?kiosk", &[]).body, "the page of archipel-noir");
}

#[test]
fn nothing_outside_the_folder_is_served() {
    let fixture = Fixture::new("outside", WEB_HEADERS);
    let server = Server::start(&fixture.site());
    for path in ["/../secret.txt", "/fr/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/fr/%2e%2e%2f%2e%2e%2fsecret.txt", "/leak.txt"] {
        let refused = get(&server, path, &[]);
        assert_eq!(refused.status, 403, "{path}");
        assert!(!refused.body.contains("secret"), "{path}: {}", refused.body);
    }
    // Not a name: a byte that is not UTF-8, a NUL.
    for path in ["/%FF", "/boot.js%00"] {
        assert_eq!(get(&server, path, &[]).status, 400, "{path}");
    }
}

#[test]
fn the_precompressed_copy_the_browser_accepts() {
    let fixture = Fixture::new("encodings", WEB_HEADERS);
    let server = Server::start(&fixture.site());
    for (accepted, body, encoding) in [
        // Chromium's: brotli preferred where both are there.
        ("gzip, deflate, br, zstd", "boot in brotli", Some("br")),
        ("br", "boot in brotli", Some("br")),
        ("gzip", "boot in gzip", Some("gzip")),
        ("br;q=0.5, gzip", "boot in gzip", Some("gzip")),
        ("identity", "boot", None),
    ] {
        let file = get(&server, "/boot.js", &[("accept-encoding", accepted)]);
        assert_eq!((file.body.as_str(), file.header("content-encoding")), (body, encoding), "{accepted}");
        assert_eq!(file.header("content-type"), Some("text/javascript; charset=utf-8"), "{accepted}");
        assert_eq!(file.header("vary"), Some("accept-encoding"), "{accepted}");
    }
    // No copy: the file as it is.
    let page = get(&server, "/english.bin", &[("accept-encoding", "br, gzip")]);
    assert_eq!((page.body.as_str(), page.header("content-encoding")), ("english", None));
}

#[test]
fn every_response_carries_the_headers_of_the_sites_headers_file() {
    let fixture = Fixture::new("headers", &format!("{WEB_HEADERS}\n/fr/*\n  X-Test: french\n"));
    let server = Server::start(&fixture.site());
    let post = agent().post(format!("{}/", server.url)).send("x").unwrap();
    for (path, answer) in [
        ("/", get(&server, "/", &[])),
        ("/fr/commune/archipel-noir", get(&server, "/fr/commune/archipel-noir", &[])),
        ("/boot.js", get(&server, "/boot.js", &[("accept-encoding", "br")])),
        ("/../secret.txt", get(&server, "/../secret.txt", &[])),
        ("POST /", answer(post)),
    ] {
        assert!(answer.header("content-security-policy").unwrap().starts_with(CSP), "{path}");
        for (name, value) in [("x-content-type-options", "nosniff"), ("referrer-policy", "no-referrer"), ("x-frame-options", "DENY"), ("cross-origin-opener-policy", "same-origin")] {
            assert_eq!(answer.header(name), Some(value), "{path}: {name}");
        }
        assert_eq!(answer.header("x-test"), path.starts_with("/fr/").then_some("french"), "{path}");
    }
}

#[test]
fn hashed_names_are_kept_for_good_the_others_revalidated() {
    let fixture = Fixture::new("caching", WEB_HEADERS);
    let server = Server::start(&fixture.site());
    for path in [format!("/{HASHED_CSS}"), format!("/{HASHED_WASM}")] {
        let file = get(&server, &path, &[]);
        assert_eq!(file.header("cache-control"), Some("public, max-age=31536000, immutable"), "{path}");
    }
    // A hashed name the site does not have is answered with the app, which may change.
    for path in ["/", "/fr/commune/archipel-noir", "/boot.js", "/english.bin", "/editeur", "/main-0badc0ffee0bad.css"] {
        let first = get(&server, path, &[]);
        assert_eq!(first.header("cache-control"), Some("no-cache"), "{path}");
        let (tag, date) = (first.header("etag").unwrap(), first.header("last-modified").unwrap());
        for condition in [("if-none-match", tag), ("if-modified-since", date)] {
            let again = get(&server, path, &[condition]);
            assert_eq!((again.status, again.body.as_str()), (304, ""), "{path} {condition:?}");
            assert_eq!((again.header("cache-control"), again.header("etag")), (Some("no-cache"), Some(tag)), "{path} {condition:?}");
            assert!(again.header("content-security-policy").is_some(), "{path}");
        }
    }
    // A file changed within the second its date counts in (its modification time put back, so
    // that the date cannot tell): its tag says so, and the date, sent beside it, must not
    // answer 304.
    let first = get(&server, "/boot.js", &[]);
    let boot = fixture.site().join("boot.js");
    let modified = std::fs::metadata(&boot).unwrap().modified().unwrap();
    std::fs::write(&boot, "boot, changed").unwrap();
    let file = std::fs::File::options().write(true).open(&boot).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    assert_eq!(get(&server, "/boot.js", &[]).header("last-modified"), first.header("last-modified"));
    let again = get(&server, "/boot.js", &[("if-none-match", first.header("etag").unwrap()), ("if-modified-since", first.header("last-modified").unwrap())]);
    assert_eq!((again.status, again.body.as_str()), (200, "boot, changed"));
    assert_ne!(again.header("etag"), first.header("etag"));
}

#[test]
fn head_answers_the_headers_only_and_other_methods_are_refused() {
    let fixture = Fixture::new("methods", WEB_HEADERS);
    let server = Server::start(&fixture.site());
    let head = answer(agent().head(format!("{}/fr/commune/archipel-noir", server.url)).call().unwrap());
    assert_eq!((head.status, head.body.as_str()), (200, ""));
    assert_eq!(head.header("content-length"), Some("25"));
    assert_eq!(head.header("cache-control"), Some("no-cache"));
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let request = ureq::http::Request::builder().method(method).uri(format!("{}/boot.js", server.url)).body(()).unwrap();
        let refused = answer(agent().run(request).unwrap());
        assert_eq!((refused.status, refused.header("allow")), (405, Some("GET,HEAD")), "{method}");
    }
    // A GET does not carry a body here.
    let with_body = answer(agent().get(format!("{}/boot.js", server.url)).force_send_body().send("x").unwrap());
    assert_eq!(with_body.status, 413);
}

#[test]
fn a_site_put_in_place_of_the_served_one_is_served_at_once() {
    let fixture = Fixture::new("swap", WEB_HEADERS);
    let next = fixture.root.join("next");
    std::fs::create_dir(&next).unwrap();
    std::fs::write(next.join("index.html"), "the next app").unwrap();
    // The served folder is a link, changed in one step (a rename over it), as a deployment may.
    let current = fixture.root.join("current");
    std::os::unix::fs::symlink(fixture.site(), &current).unwrap();
    let server = Server::start(&current);
    assert_eq!(get(&server, "/", &[]).body, "the app");
    let link = fixture.root.join("current.new");
    std::os::unix::fs::symlink(&next, &link).unwrap();
    std::fs::rename(&link, &current).unwrap();
    assert_eq!(get(&server, "/", &[]).body, "the next app");
    assert_eq!(get(&server, "/fr/commune/archipel-noir", &[]).body, "the next app");
}

#[test]
fn each_response_is_a_line_of_the_access_log() {
    let fixture = Fixture::new("log", WEB_HEADERS);
    let (server, mut log) = Server::logged(&fixture.site());
    get(&server, "/boot.js", &[("accept-encoding", "br")]);
    get(&server, "/fr/commune/archipel-noir/", &[]);
    get(&server, "/%C3%A9t%C3%A9", &[]);
    get(&server, "/../secret.txt", &[]);
    agent().head(format!("{}/boot.js", server.url)).call().unwrap();
    let mut next = || log.next().unwrap().unwrap();
    // `METHOD PATH STATUS BYTES ENCODING FILE`: the body's bytes as sent, the file as found.
    assert_eq!(next(), "GET /boot.js 200 14 br boot.js");
    assert_eq!(next(), "GET /fr/commune/archipel-noir/ 200 25 - fr/commune/archipel-noir/index.html");
    assert_eq!(next(), "GET /%C3%A9t%C3%A9 200 7 - index.html");
    assert_eq!(next(), "GET /../secret.txt 403 16 - -");
    assert_eq!(next(), "HEAD /boot.js 200 0 - boot.js");
}

#[test]
fn it_stops_cleanly_on_sigterm() {
    let fixture = Fixture::new("stop", WEB_HEADERS);
    let mut server = Server::start(&fixture.site());
    assert_eq!(get(&server, "/", &[]).status, 200);
    assert!(server.stop().success());
}

/// `recit serve DIR`'s standard error and exit status when it cannot start.
fn refused(dir: &Path) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_recit")).args(["serve", dir.to_str().unwrap(), "--port", "0"]).output().unwrap();
    (output.status.success(), String::from_utf8(output.stderr).unwrap())
}

#[test]
fn a_malformed_headers_file_stops_it_with_the_place_of_the_mistake() {
    let fixture = Fixture::new("malformed", "# the headers\n/*\n  X-Frame-Options DENY\n");
    let (success, stderr) = refused(&fixture.site());
    assert!(!success);
    assert_eq!(stderr, format!("error: {}/_headers:3:3: expected `Name: value`, found `X-Frame-Options DENY`\n", fixture.site().display()));
}

#[test]
fn a_folder_that_is_not_a_built_site_is_refused_with_what_to_do() {
    let fixture = Fixture::new("not-a-site", WEB_HEADERS);
    std::fs::remove_file(fixture.site().join("_headers")).unwrap();
    let (success, stderr) = refused(&fixture.site());
    assert!(!success);
    assert!(stderr.contains("cannot read _headers"), "{stderr}");
    std::fs::remove_file(fixture.site().join("index.html")).unwrap();
    let (_, stderr) = refused(&fixture.site());
    assert!(stderr.contains("no index.html: not a published site (publish one with `recit publish STORY_DIR --out DIR`)"), "{stderr}");
    // Without a folder, story/ here (published first), or what to run.
    let output = Command::new(env!("CARGO_BIN_EXE_recit")).args(["serve", "--port", "0"]).current_dir(&fixture.root).output().unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8(output.stderr).unwrap().contains("no story/ here to publish and serve: run it where the story folder is, or name a published site: recit serve DIR"));
}
