//! `recit publish STORY_DIR --out DIR`: a checked story and the apps this program carries,
//! written as a whole site: the apps, the story's files (`recit_story::site`), each app's story
//! listed in the page beside it, every static page (the reader's and the worksheets'), the
//! council's pictures, `_redirects`, the service worker's list, every text file precompressed.
//! Written into a new folder beside `DIR`, then put in its place in one step: a reader never
//! gets half an old site and half a new one, and a failed publish leaves the site as it was.

use std::path::{Path, PathBuf};

use recit_story::Story;
use sha2::{Digest, Sha256};

mod apps {
    include!(concat!(env!("OUT_DIR"), "/apps.rs"));
}

/// Why a site could not be published (the site in place, if any, is left as it was).
#[derive(Debug)]
pub enum PublishError {
    /// This program was built without the apps.
    NoApps,
    /// A file or folder could not be written or moved.
    Io { path: PathBuf, error: std::io::Error },
    /// The apps' files are not what this program expects (a build of another version).
    Apps(String),
    /// The static pages could not be written.
    Pages(String),
}

impl std::fmt::Display for PublishError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PublishError::NoApps => write!(f, "this program carries no apps: build it with `bash scripts/build.sh`, which builds the apps first"),
            PublishError::Io { path, error } => write!(f, "{}: {error}", path.display()),
            PublishError::Apps(what) => write!(f, "the apps this program carries: {what}"),
            PublishError::Pages(what) => write!(f, "the static pages: {what}"),
        }
    }
}

impl std::error::Error for PublishError {}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> PublishError + '_ {
    move |error| PublishError::Io { path: path.to_path_buf(), error }
}

/// What a publish wrote.
#[derive(Debug)]
pub struct Published {
    /// The static pages.
    pub pages: usize,
    /// Every file of the site, compressed copies included.
    pub files: usize,
}

/// Each app's story file (`recit_story::site`): the plain reader's, and the whole story the
/// other apps read.
const STORIES: [(&str, &str); 3] = [("recit-reader", "story-reader"), ("recit-plus", "story"), ("recit-editeur", "story")];
/// The plain reader's story in English only, which the English pages name in place of the
/// French one, so that a reader who arrives in English downloads one language as a French
/// reader does; the worker keeps it, with the reader, under its own name (web/boot.js).
const READER_ENGLISH: (&str, &str) = ("recit-reader-en", "story-reader-en");

/// Publishes `story` (checked: no errors), whose files are in `story_dir` (its pictures), into
/// `out`.
pub fn publish(story: &Story, story_dir: &Path, out: &Path) -> Result<Published, PublishError> {
    if apps::APPS.is_empty() {
        return Err(PublishError::NoApps);
    }
    let name = out.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(io(parent))?;
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let written = write_site(story, story_dir, &staging, out).and_then(|pages| {
        let files = count_files(&staging).map_err(io(&staging))?;
        put_in_place(&staging, out)?;
        Ok(Published { pages, files })
    });
    // Whatever happened, the new folder (or the old site, exchanged) goes.
    let _ = std::fs::remove_dir_all(&staging);
    written
}

/// Writes the whole site into `dir` (new), taking what it can from the site it replaces,
/// `previous`; returns how many static pages.
fn write_site(story: &Story, story_dir: &Path, dir: &Path, previous: &Path) -> Result<usize, PublishError> {
    let _ = std::fs::remove_dir_all(dir);
    for (name, bytes) in apps::APPS {
        write(&dir.join(name), bytes)?;
    }
    let stories = write_story(story, story_dir, dir)?;
    list_stories(dir, &stories)?;
    write_service_worker(dir, &stories)?;
    let pages = write_pages(story, dir)?;
    name_english_story(dir, &stories)?;
    write_redirects(dir)?;
    compress(dir, previous)?;
    Ok(pages)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), PublishError> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(io(folder))?;
    }
    std::fs::write(path, bytes).map_err(io(path))
}

/// The story's files; returns each kind of app story's file name (`story-<hash>.bin`), named
/// with the hash of what it holds, so that no cache ever serves one site's story to another's
/// app.
fn write_story(story: &Story, story_dir: &Path, dir: &Path) -> Result<Vec<(&'static str, String)>, PublishError> {
    let files = story.site_files();
    let mut names = Vec::new();
    for (kind, bytes) in [("story-reader", &files.reader), (READER_ENGLISH.1, &files.reader_english), ("story", &files.full)] {
        let name = format!("{kind}-{}.bin", &hex(&Sha256::digest(bytes))[..16]);
        write(&dir.join(&name), bytes)?;
        names.push((kind, name));
    }
    write(&dir.join("english.bin"), &files.english)?;
    write(&dir.join("french.bin"), &files.french)?;
    write(&dir.join("passages.bin"), &files.passages)?;
    let media = recit_story::toml_format::read_media(story_dir).map_err(io(story_dir))?;
    for (name, bytes) in recit_story::media::used_media(story, &media) {
        write(&dir.join("media").join(name), bytes)?;
    }
    Ok(names)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn story_of(app: &str, stories: &[(&str, String)]) -> Option<String> {
    let (_, kind) = STORIES.iter().find(|(a, _)| *a == app)?;
    stories.iter().find(|(k, _)| k == kind).map(|(_, name)| format!("/{name}"))
}

/// Adds each app's story to its `<meta name="recit-app" content="js wasm">` in `index.html`,
/// which `web/boot.js` reads (and every static page copies).
fn list_stories(dir: &Path, stories: &[(&str, String)]) -> Result<(), PublishError> {
    let path = dir.join("index.html");
    let mut html = std::fs::read_to_string(&path).map_err(io(&path))?;
    for (app, _) in STORIES {
        let story = story_of(app, stories).unwrap_or_default();
        let start = format!("data-app=\"{app}\" content=\"");
        let at = html.find(&start).ok_or_else(|| PublishError::Apps(format!("index.html lists no app {app}")))? + start.len();
        let end = at + html[at..].find('"').ok_or_else(|| PublishError::Apps("index.html: an app's list is not closed".into()))?;
        html.insert_str(end, &format!(" {story}"));
    }
    write(&path, html.as_bytes())
}

/// Files of the site's root that the worker never precaches: the deployment's own kiosk.json;
/// passages.bin, english.bin and french.bin, which the plain reader fetches (and the worker
/// then keeps) only when a reader opens a source or reads on in the other language; the host's
/// files; the not-found page.
const NOT_PRECACHED: [&str; 9] = ["kiosk.json", "passages.bin", "english.bin", "french.bin", "robots.txt", "_headers", "_redirects", "404.html", "sw.js"];
/// Cached at the first page the worker answers, not at install, to spare a first visit what
/// its page did not need: the landscape's drawing, which the plain reader fetches only on an
/// address without a page of its own (index.html) and the other apps embed.
const LATER: [&str; 1] = ["landscape.svg"];
/// The stylesheets of the apps that add their own: each cached with its app, on a device that
/// ran it.
const APP_STYLES: [(&str, &str); 2] = [("plus.css", "recit-plus"), ("editor.css", "recit-editeur")];

/// The app a file of the site's root belongs to, by its name (`recit-plus-<hash>.js`,
/// `…_bg.wasm`), if it is an app's glue or wasm.
fn app_of(file: &str) -> Option<&str> {
    let stem = file.strip_suffix("_bg.wasm").or_else(|| file.strip_suffix(".js"))?;
    let (app, hash) = stem.rsplit_once('-')?;
    (app.starts_with("recit") && hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some(app)
}

/// Writes the service worker's VERSION (a hash of every file it precaches, so that each
/// published site installs as a new worker and replaces the old cache cleanly) and ASSETS
/// (which files each app needs) before its script.
fn write_service_worker(dir: &Path, stories: &[(&str, String)]) -> Result<(), PublishError> {
    let mut files: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_file() && !name.ends_with(".br") && !name.ends_with(".gz") && !NOT_PRECACHED.contains(&name.as_str()) {
            files.push(name);
        }
    }
    files.sort();
    let mut hash = Sha256::new();
    for f in &files {
        hash.update(f.as_bytes());
        hash.update(std::fs::read(dir.join(f)).map_err(io(&dir.join(f)))?);
    }
    let version = format!("recit-{}", &hex(&hash.finalize())[..16]);
    let mut common = Vec::new();
    let mut by_app: std::collections::BTreeMap<&str, Vec<String>> = std::collections::BTreeMap::new();
    for f in files.iter().filter(|f| !LATER.contains(&f.as_str())) {
        let path = format!("/{f}");
        let is_story = |kind: &str| stories.iter().any(|(k, name)| *k == kind && format!("/{name}") == path);
        let mut apps: Vec<&str> = STORIES.iter().chain([&READER_ENGLISH]).filter(|(_, kind)| is_story(kind)).map(|(app, _)| *app).collect();
        apps.extend(app_of(f).or_else(|| APP_STYLES.iter().find(|(s, _)| s == f).map(|(_, app)| *app)));
        // The plain reader in English is the same app with another story.
        if app_of(f) == Some(STORIES[0].0) {
            apps.push(READER_ENGLISH.0);
        }
        for app in &apps {
            by_app.entry(app).or_default().push(path.clone());
        }
        if apps.is_empty() {
            common.push(path);
        }
    }
    let assets = serde_json::json!({ "common": common, "apps": by_app, "later": LATER.map(|f| format!("/{f}")) });
    let path = dir.join("sw.js");
    let script = std::fs::read_to_string(&path).map_err(io(&path))?;
    if script.contains("const VERSION") {
        return Err(PublishError::Apps("sw.js already has its VERSION: not the apps' build".into()));
    }
    write(&path, format!("const VERSION={version:?},ASSETS={assets};{script}").as_bytes())
}

/// Writes the static pages, the reader's and the worksheets', each kind in a thread of its own
/// with its story installed (`recit::story_data`: one per thread); returns how many.
fn write_pages(story: &Story, dir: &Path) -> Result<usize, PublishError> {
    type Writer = (fn(&Story) -> Story, fn(&Path) -> Result<usize, String>);
    let writers: [Writer; 2] = [(recit::pages::reader::SITE_STORY, recit::pages::reader::write), (recit_plus::worksheets::SITE_STORY, recit_plus::worksheets::write)];
    std::thread::scope(|scope| {
        let handles: Vec<_> = writers
            .map(|(select, write)| {
                let story = select(story);
                scope.spawn(move || {
                    recit::story_data::install(story);
                    write(dir)
                })
            })
            .into_iter()
            .collect();
        handles.into_iter().try_fold(0, |count, handle| match handle.join() {
            Ok(Ok(pages)) => Ok(count + pages),
            Ok(Err(e)) => Err(PublishError::Pages(e)),
            Err(_) => Err(PublishError::Pages("the renderer stopped".into())),
        })
    })
}

/// Names, in every English page, the plain reader's English story in place of its French one.
fn name_english_story(dir: &Path, stories: &[(&str, String)]) -> Result<(), PublishError> {
    let name = |kind: &str| stories.iter().find(|(k, _)| *k == kind).map(|(_, name)| format!("/{name}"));
    let (Some(french), Some(english)) = (name(STORIES[0].1), name(READER_ENGLISH.1)) else {
        return Err(PublishError::Apps("the plain reader's stories were not written".into()));
    };
    let folder = dir.join(recit_story::Lang::En.code());
    let mut files = Vec::new();
    list_files(&folder, &mut files).map_err(io(&folder))?;
    for page in files.iter().filter(|f| f.file_name().is_some_and(|n| n == "index.html")) {
        let html = std::fs::read_to_string(page).map_err(io(page))?;
        write(page, html.replace(&french, &english).as_bytes())?;
    }
    Ok(())
}

/// Rewrites, in `_redirects`, the app's own addresses that have no page (the editor, the
/// workshop's pages) to index.html before its catch-all: Cloudflare Pages applies its rules
/// before its files, so it drops the catch-all `/* /index.html 200` (to it, a loop) and would
/// answer these addresses with 404.html (README, « Deploying »).
fn write_redirects(dir: &Path) -> Result<(), PublishError> {
    use recit_story::reader::{EDITOR, MODES_PAGES};
    const CATCH_ALL: &str = "/* /index.html 200";
    let addresses = std::iter::once(format!("/{EDITOR}")).chain(recit_story::Lang::ALL.into_iter().flat_map(|lang| MODES_PAGES.map(|page| format!("/{}/{page}", lang.code()))));
    let rules: Vec<String> = addresses
        .filter(|address| !dir.join(address.trim_start_matches('/')).exists())
        .flat_map(|address| [format!("{address} /index.html 200"), format!("{address}/* /index.html 200")])
        .chain([CATCH_ALL.to_string()])
        .collect();
    let path = dir.join("_redirects");
    let text = std::fs::read_to_string(&path).map_err(io(&path))?;
    if !text.contains(CATCH_ALL) {
        return Err(PublishError::Apps(format!("_redirects: no « {CATCH_ALL} »")));
    }
    write(&path, text.replacen(CATCH_ALL, &rules.join("\n"), 1).as_bytes())
}

/// Brotli's quality for what a publish compresses: 10, whose output is within a few hundredths
/// of 11's (the apps, compressed once when the program is built, get 11) at a fraction of the
/// time; 11 for the plain reader's stories and its halves, small files on a first visit.
const BROTLI_QUALITY: i32 = 10;
const BROTLI_BEST: i32 = 11;
const GZIP_LEVEL: u32 = 9;

fn brotli_quality(path: &Path) -> i32 {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if name.starts_with("story-reader-") || name == "english.bin" || name == "french.bin" {
        BROTLI_BEST
    } else {
        BROTLI_QUALITY
    }
}

/// Writes `.br` and `.gz` beside every text file that has none yet (the apps' come
/// compressed), on every core; a file the site it replaces (`previous`) has with the same
/// bytes gets that site's compressed copies, which a story edit leaves most of.
fn compress(dir: &Path, previous: &Path) -> Result<(), PublishError> {
    let mut files = Vec::new();
    list_files(dir, &mut files).map_err(io(dir))?;
    let compressed: std::collections::HashSet<&PathBuf> = files.iter().filter(|f| f.extension().is_some_and(|e| e == "br")).collect();
    let todo: Vec<&PathBuf> = files
        .iter()
        .filter(|f| f.extension().and_then(|e| e.to_str()).is_some_and(|e| ["html", "js", "css", "wasm", "svg", "bin", "txt"].contains(&e)))
        .filter(|f| !f.starts_with(dir.join("media")))
        .filter(|f| !compressed.contains(&PathBuf::from(format!("{}.br", f.display()))))
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|i| {
                scope.spawn({
                    let todo = &todo;
                    move || {
                        todo.iter().skip(i).step_by(threads).try_for_each(|f| match f.strip_prefix(dir) {
                            Ok(relative) if reuse(f, &previous.join(relative)) => Ok(()),
                            _ => compress_file(f),
                        })
                    }
                })
            })
            .collect();
        handles.into_iter().try_for_each(|h| h.join().unwrap_or_else(|_| Err(PublishError::Apps("compression stopped".into()))))
    })
}

/// Copies `old`'s compressed copies beside `new` if both files hold the same bytes; whether it
/// did.
fn reuse(new: &Path, old: &Path) -> bool {
    let with = |path: &Path, extension: &str| PathBuf::from(format!("{}.{extension}", path.display()));
    let same = matches!((std::fs::read(new), std::fs::read(old)), (Ok(a), Ok(b)) if a == b);
    same && ["br", "gz"].iter().all(|e| std::fs::copy(with(old, e), with(new, e)).is_ok())
}

fn compress_file(path: &Path) -> Result<(), PublishError> {
    use std::io::Write as _;
    let body = std::fs::read(path).map_err(io(path))?;
    let mut br = Vec::new();
    // A window no larger than the file (brotli's are 2^10 to 2^24 bytes): a larger one only
    // costs time.
    let lgwin = (usize::BITS - body.len().max(1).leading_zeros()).clamp(10, 24) as i32;
    let params = brotli::enc::BrotliEncoderParams { quality: brotli_quality(path), lgwin, size_hint: body.len(), ..Default::default() };
    brotli::BrotliCompress(&mut &body[..], &mut br, &params).map_err(io(path))?;
    write(&PathBuf::from(format!("{}.br", path.display())), &br)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(GZIP_LEVEL));
    gz.write_all(&body).map_err(io(path))?;
    write(&PathBuf::from(format!("{}.gz", path.display())), &gz.finish().map_err(io(path))?)
}

fn list_files(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            list_files(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

fn count_files(dir: &Path) -> std::io::Result<usize> {
    let mut files = Vec::new();
    list_files(dir, &mut files)?;
    Ok(files.len())
}

/// Puts `new` in place of `out` in one step: on Linux the two folders are exchanged
/// (`renameat2` with `RENAME_EXCHANGE`), so that `out` is at every moment the whole old site
/// or the whole new one; `new` then holds the old site, for the caller to remove.
fn put_in_place(new: &Path, out: &Path) -> Result<(), PublishError> {
    if !out.exists() {
        return std::fs::rename(new, out).map_err(io(out));
    }
    exchange(new, out).map_err(io(out))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (a, b) = (CString::new(a.as_os_str().as_bytes())?, CString::new(b.as_os_str().as_bytes())?);
    // SAFETY: two valid, NUL-terminated paths, relative to the current directory.
    let done = unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if done == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Elsewhere, the old site is moved aside and the new one put in its place: two steps.
#[cfg(not(target_os = "linux"))]
fn exchange(new: &Path, out: &Path) -> std::io::Result<()> {
    let aside = new.with_extension("old");
    std::fs::rename(out, &aside)?;
    std::fs::rename(new, out)?;
    std::fs::rename(&aside, new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_apps_files_are_known_by_their_hashed_names() {
        assert_eq!(app_of("recit-plus-0123456789abcdef.js"), Some("recit-plus"));
        assert_eq!(app_of("recit-reader-0123456789abcdef_bg.wasm"), Some("recit-reader"));
        assert_eq!(app_of("boot.js"), None);
        assert_eq!(app_of("story-0123456789abcdef.bin"), None);
    }
}
