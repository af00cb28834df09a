//! Files in and out of the editor. Export: the draft as the story folder, a zip to unpack over
//! `story/` (browsers cannot write a folder), or one step's file. Import: a story folder zip,
//! one story file, or a contributions file (a kiosk's export, another member's testimonies).
//! Every import is untrusted: size-limited, read with located errors, and the draft changes
//! only if it reads without error.

use recit_story::contribution::{merge, Merge};
use recit_story::media::{check_media, set_sizes, used_media, MediaFile};
use recit_story::toml_format::{load_files, read_contributions, MAX_FILE_BYTES};
use recit_story::zip::{read_zip, write_zip};
use recit_story::{Code, Diagnostic, FieldPath, Story};

use recit::story_data::story;

/// The story files: (path in `story/`, contents).
pub type Files = Vec<(String, String)>;

/// The largest folder zip an import accepts.
pub const MAX_ZIP_BYTES: usize = 8 * 1024 * 1024;

/// The problems of a draft's pictures' files. A file of the published story is on the site
/// already, checked by its build: the draft need not carry it.
pub fn media_problems(draft: &Story, media: &[MediaFile]) -> Vec<Diagnostic> {
    let published = |file: &str| story().steps.iter().flat_map(|s| &s.views).any(|v| v.picture.as_ref().is_some_and(|p| p.file == file));
    let on_site = |path: &FieldPath| {
        draft.steps.iter().any(|s| s.views.iter().any(|v| v.picture.as_ref().is_some_and(|p| published(&p.file)) && *path == FieldPath::view(&s.id, v.scale).field("picture").field("file")))
    };
    check_media(draft, media, None).into_iter().filter(|d| !(d.code == Code::DanglingLink && on_site(&d.path))).collect()
}

/// What an import brings.
pub enum Imported {
    /// A whole story to become the draft, with the pictures it brings.
    Story(Box<Story>, Vec<MediaFile>),
    /// Contributions merged with the draft's, conflicts to settle.
    Contributions(Merge),
}

/// Reads an imported file against the draft (`files`, `draft`). `Err` lists every problem.
pub fn import(files: &Files, draft: &Story, name: &str, bytes: &[u8]) -> Result<Imported, Vec<String>> {
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if name.to_ascii_lowercase().ends_with(".zip") {
        if bytes.len() > MAX_ZIP_BYTES {
            return Err(vec![format!("{name}: {} bytes, more than the {MAX_ZIP_BYTES} an import accepts — export the story folder from Récit again", bytes.len())]);
        }
        let entries = read_zip(bytes, MAX_ZIP_BYTES).map_err(|e| vec![format!("{name}: {e}")])?;
        let mut folder = Vec::new();
        let mut media = Vec::new();
        let mut problems = Vec::new();
        for (path, content) in entries {
            // A zip of the folder itself, or of its content: both unpack over `story/`.
            let path = path.strip_prefix("story/").unwrap_or(&path).to_string();
            if let Some(name) = path.strip_prefix("media/").filter(|n| !n.contains('/')) {
                media.push((name.to_string(), content));
                continue;
            }
            if path.ends_with('/') || !path.ends_with(".toml") {
                continue;
            }
            match String::from_utf8(content) {
                Ok(text) => folder.push((path, text)),
                Err(_) => problems.push(format!("{name}: {path}: not UTF-8 text — save the file as UTF-8")),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut loaded = load_files(&folder);
        let mut errors: Vec<String> = loaded.errors().map(Diagnostic::one_line).collect();
        errors.extend(media_problems(&loaded.story, &media).iter().map(|d| format!("{}: {}", d.path, d.one_line())));
        if !errors.is_empty() {
            return Err(errors);
        }
        // Only the pictures the story uses come in (not the folder's README, say).
        let media: Vec<MediaFile> = used_media(&loaded.story, &media).into_iter().cloned().collect();
        set_sizes(&mut loaded.story, &media);
        return Ok(Imported::Story(Box::new(loaded.story), media));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![format!("{name}: {} bytes, more than the {MAX_FILE_BYTES} a story file may have", bytes.len())]);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| vec![format!("{name}: not UTF-8 text — save the file as UTF-8")])?;
    if text.contains("[[contribution]]") {
        let origin = name.strip_suffix(".toml").unwrap_or(name);
        let (theirs, diagnostics) = read_contributions(origin, text);
        let mut errors: Vec<String> = diagnostics.iter().filter(|d| d.is_error()).map(Diagnostic::one_line).collect();
        if errors.is_empty() {
            // The build's rules (steps that exist, dates, no HTML...) on the file alone with the
            // draft's story: the draft's own contributions would only add expected duplicates.
            let path = format!("contributions/{origin}.toml");
            let mut folder: Files = files.iter().filter(|(p, _)| !p.starts_with("contributions/")).cloned().collect();
            folder.push((path.clone(), text.to_string()));
            errors = load_files(&folder).errors().filter(|d| d.loc.as_ref().is_some_and(|l| l.file == path)).map(Diagnostic::one_line).collect();
        }
        return if errors.is_empty() { Ok(Imported::Contributions(merge(&draft.contributions, &theirs))) } else { Err(errors) };
    }
    let path = story_path(name, text);
    let mut folder: Files = files.iter().filter(|(p, _)| *p != path).cloned().collect();
    folder.push((path.clone(), text.to_string()));
    let before: std::collections::HashSet<String> = load_files(files).errors().map(|d| d.message.clone()).collect();
    let loaded = load_files(&folder);
    // The draft's own unfinished parts do not block an import; the file's problems do.
    let errors: Vec<String> = loaded.errors().filter(|d| d.loc.as_ref().is_some_and(|l| l.file == path) || !before.contains(&d.message)).map(Diagnostic::one_line).collect();
    // The draft's pictures stay as they are.
    if errors.is_empty() {
        Ok(Imported::Story(Box::new(loaded.story), Vec::new()))
    } else {
        Err(errors)
    }
}

/// Where an imported file goes in `story/`: by its name for the story's own files, by the
/// `id` it declares for a step (a browser may have saved `archipel-noir (1).toml`).
fn story_path(name: &str, text: &str) -> String {
    match name {
        "story.toml" | "glossary.toml" => name.to_string(),
        "territory.toml" => "data/territory.toml".into(),
        _ => {
            let id = text.lines().find_map(|l| l.trim().strip_prefix("id = \"")?.strip_suffix('"').map(str::to_string));
            format!("steps/{}.toml", id.unwrap_or_else(|| name.trim_end_matches(".toml").to_string()))
        }
    }
}

/// The story folder as a zip, to unpack over `story/`: its files, and its pictures in `media/`.
pub fn folder_zip(files: &Files, media: &[MediaFile]) -> Vec<u8> {
    let texts = files.iter().map(|(p, t)| (format!("story/{p}"), t.as_bytes().to_vec()));
    let pictures = media.iter().map(|(name, bytes)| (format!("story/media/{name}"), bytes.clone()));
    write_zip(&texts.chain(pictures).collect::<Vec<_>>())
}

/// Offers the story folder as a zip to save.
pub fn download_zip(files: &Files, media: &[MediaFile]) -> Result<(), wasm_bindgen::JsValue> {
    let date: String = js_sys::Date::new_0().to_iso_string().into();
    recit::dom::download_bytes(&format!("recit-story-{}.zip", recit_story::date::day(&date)), &folder_zip(files, media), "application/zip")
}
