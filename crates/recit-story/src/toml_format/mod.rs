//! The `story/` files: TOML, one file per step and any number of contributions files, read
//! with every field's place recorded.
//! Only build tools, tests and the editor need this; the reader app decodes the compact form.

mod read;
mod write;

pub use read::{read_contributions, read_files, Read, MAX_FILE_BYTES};
pub use write::write_files;

use std::collections::HashSet;

use crate::diagnostic::{self, Diagnostic, SourceMap};
use crate::media::{check_media, set_sizes, MediaFile};
use crate::model::Story;
use crate::path::Segment;
use crate::validate::validate;

/// A story read from files and validated: the story as far as it could be read, where its
/// fields stand, and every problem, sorted by place.
pub struct Loaded {
    pub story: Story,
    pub map: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
}

/// Reads and validates story files given as (path relative to `story/`, contents). The
/// pictures' files are not looked at: see [`load_with_media`].
pub fn load_files(files: &[(String, String)]) -> Loaded {
    load(files, None)
}

/// Reads and validates story files and the media files of `media/` (name, bytes): the
/// pictures' files are checked, and each picture gets its file's size.
pub fn load_with_media(files: &[(String, String)], media: &[MediaFile]) -> Loaded {
    load(files, Some(media))
}

fn load(files: &[(String, String)], media: Option<&[MediaFile]>) -> Loaded {
    let Read { mut story, map, mut diagnostics } = read_files(files);
    // The story's rules are checked on what could be read: after a syntax error, whole
    // files are missing and the rules would only add noise.
    if diagnostics.iter().any(|d| d.code == crate::Code::Syntax) {
        return Loaded { story, map, diagnostics: diagnostic::cap_per_file(diagnostics) };
    }
    // A field the reader already reported (missing, wrong type...) is not reported again:
    // neither it nor anything inside it (looked up by prefix, so that the check stays linear).
    let reported: HashSet<&[Segment]> = diagnostics.iter().map(|d| d.path.segments()).collect();
    let is_new = |d: &Diagnostic| {
        let segments = d.path.segments();
        !(1..=segments.len()).any(|n| reported.contains(&segments[..n]))
    };
    let found: Vec<Diagnostic> = validate(&story, Some(&map)).into_iter().filter(is_new).collect();
    diagnostics.extend(found);
    if let Some(media) = media {
        diagnostics.extend(check_media(&story, media, Some(&map)));
        set_sizes(&mut story, media);
    }
    Loaded { story, map, diagnostics: diagnostic::cap_per_file(diagnostics) }
}

/// Reads every `.toml` file below `dir` and the files of `dir/media/`, and loads them; paths
/// in messages start with `display_prefix` (e.g. `story/`) so that they can be clicked in a
/// terminal.
pub fn load_dir(dir: &std::path::Path, display_prefix: &str) -> std::io::Result<Loaded> {
    let mut files = Vec::new();
    collect(dir, dir, &mut files)?;
    files.sort();
    let mut loaded = load_with_media(&files, &read_media(dir)?);
    for d in &mut loaded.diagnostics {
        if let Some(loc) = &mut d.loc {
            loc.file = format!("{display_prefix}{}", loc.file);
        }
    }
    Ok(loaded)
}

/// The files of `dir/media/` (none when there is no such folder), as (name, bytes).
pub fn read_media(dir: &std::path::Path) -> std::io::Result<Vec<MediaFile>> {
    let media = dir.join("media");
    if !media.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(media)? {
        let path = entry?.path();
        if path.is_file() {
            out.push((path.file_name().unwrap_or_default().to_string_lossy().into_owned(), std::fs::read(&path)?));
        }
    }
    out.sort();
    Ok(out)
}

fn collect(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<(String, String)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let rel = path.strip_prefix(root).expect("below root").to_string_lossy().replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&path)?));
        }
    }
    Ok(())
}
