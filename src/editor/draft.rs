//! The council's draft of the story: edited with undo and redo, checked after every change by
//! the build's own validator, and kept on the device after every change as the story files
//! themselves (one storage entry per file, so that a later version of the app still reads
//! them, with located errors if it must), and its pictures (one entry each, in base64).

use leptos::prelude::*;
use recit_story::history::History;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use recit_story::media::{check_media, used_media, MediaFile};
use recit_story::toml_format::{load_with_media, write_files};
use recit_story::{validate, Code, Diagnostic, Story};

use crate::story_data::story;

const INDEX_KEY: &str = "recit.editeur.fichiers";
const FILE_PREFIX: &str = "recit.editeur.fichier:";
/// A stored draft that no longer reads is set aside here (as its files, joined), never lost.
const UNREADABLE_KEY: &str = "recit.editeur.illisible";
const MEDIA_INDEX_KEY: &str = "recit.editeur.medias";
const MEDIA_PREFIX: &str = "recit.editeur.media:";
/// How many edits undo reaches back.
const UNDO_LIMIT: usize = 200;

/// The story files: (path in `story/`, contents).
pub type Files = Vec<(String, String)>;

/// Whether the last change is kept on the device.
#[derive(Clone, Debug, PartialEq)]
pub enum Saved {
    Yes,
    /// The device refused (storage full or disabled): the work was downloaded instead.
    No(String),
}

/// The draft. Copy it freely; get it with [`use_draft`].
#[derive(Clone, Copy)]
pub struct Draft {
    history: RwSignal<History<Story>>,
    /// The files as last exported in this tab (as published, at first: a draft kept from an
    /// earlier visit counts as not exported, the safe side).
    exported: StoredValue<Files>,
    /// Whether the draft differs from them: computed when the files are, at each save.
    unexported: RwSignal<bool>,
    /// The files as last saved on the device, to write only what changed.
    stored: StoredValue<Files>,
    saved: RwSignal<Saved>,
    /// Every problem of the draft, by the build's rules.
    diagnostics: Memo<Vec<Diagnostic>>,
    /// The pictures attached in this session (kept when a view lets one go, for undo).
    media: RwSignal<Vec<MediaFile>>,
    /// The names of the pictures kept on the device.
    stored_media: StoredValue<Vec<String>>,
}

/// The problems of the draft's pictures' files. A file of the published story is on the site
/// already, checked by its build: the draft need not carry it.
pub fn media_problems(draft: &Story, media: &[MediaFile]) -> Vec<Diagnostic> {
    let published = |file: &str| story().steps.iter().flat_map(|s| &s.views).any(|v| v.picture.as_ref().is_some_and(|p| p.file == file));
    let on_site = |path: &str| {
        draft.steps.iter().any(|s| {
            s.views.iter().any(|v| v.picture.as_ref().is_some_and(|p| published(&p.file) && path == format!("step[{}].{}.picture.file", s.id, v.scale.id())))
        })
    };
    check_media(draft, media, None).into_iter().filter(|d| !(d.code == Code::DanglingLink && on_site(&d.path))).collect()
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

impl Draft {
    /// Loads the draft kept on this device, or starts from the published story.
    pub fn provide() -> Draft {
        let published = write_files(story());
        let media = stored_media();
        let (start, stored) = match stored_files() {
            Some(files) => {
                let loaded = load_with_media(&files, &media);
                if loaded.diagnostics.iter().any(|d| d.code == recit_story::Code::Syntax) {
                    set_aside(&files);
                    (story().clone(), Vec::new())
                } else {
                    (loaded.story, files)
                }
            }
            None => (story().clone(), Vec::new()),
        };
        let history = RwSignal::new(History::new(start, UNDO_LIMIT));
        let stored_media = StoredValue::new(media.iter().map(|(n, _)| n.clone()).collect());
        let media = RwSignal::new(media);
        let diagnostics = Memo::new(move |_| {
            history.with(|h| {
                let mut all = validate(h.present(), None);
                media.with(|m| all.extend(media_problems(h.present(), m)));
                all
            })
        });
        let draft = Draft {
            history,
            unexported: RwSignal::new(!stored.is_empty() && stored != published),
            exported: StoredValue::new(published),
            stored: StoredValue::new(stored),
            saved: RwSignal::new(Saved::Yes),
            diagnostics,
            media,
            stored_media,
        };
        provide_context(draft);
        draft
    }

    /// Reads the draft (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&Story) -> R) -> R {
        self.history.with(|h| f(h.present()))
    }

    /// Applies an edit as its own undo step, then saves.
    pub fn edit(&self, f: impl FnOnce(&mut Story)) {
        if self.history.try_update(|h| h.apply(f)).unwrap_or(false) {
            self.save();
        }
    }

    /// Applies an edit merged with the previous edits of `field` (typing is one undo step).
    pub fn type_in(&self, field: &str, f: impl FnOnce(&mut Story)) {
        if self.history.try_update(|h| h.apply_grouped(field, f)).unwrap_or(false) {
            self.save();
        }
    }

    /// Ends the current typing group (a field lost focus).
    pub fn seal(&self) {
        self.history.update_untracked(|h| h.seal());
    }

    /// Replaces the whole draft (an import), as one undo step.
    pub fn replace(&self, story: Story) {
        self.history.update(|h| h.replace(story));
        self.save();
    }

    pub fn undo(&self) {
        if self.history.try_update(|h| h.undo()).unwrap_or(false) {
            self.save();
        }
    }

    pub fn redo(&self) {
        if self.history.try_update(|h| h.redo()).unwrap_or(false) {
            self.save();
        }
    }

    pub fn can_undo(&self) -> bool {
        self.history.with(|h| h.can_undo())
    }

    pub fn can_redo(&self) -> bool {
        self.history.with(|h| h.can_redo())
    }

    /// The draft's steps as (id, id) choices for a select, in id order (not tracked).
    pub fn with_untracked_steps(&self) -> Vec<(String, String)> {
        self.history.with_untracked(|h| h.present().steps.iter().map(|s| (s.id.clone(), s.id.clone())).collect())
    }

    /// Every problem of the draft, by the build's rules.
    pub fn diagnostics(&self) -> Memo<Vec<Diagnostic>> {
        self.diagnostics
    }

    pub fn saved(&self) -> Signal<Saved> {
        self.saved.into()
    }

    /// The draft as story files.
    pub fn files(&self) -> Files {
        self.history.with_untracked(|h| write_files(h.present()))
    }

    /// Adds pictures to the draft's (a file of the same name is replaced).
    pub fn add_media(&self, files: Vec<MediaFile>) {
        self.media.update(|media| {
            for file in files {
                media.retain(|(n, _)| *n != file.0);
                media.push(file);
            }
        });
    }

    /// The bytes of the picture `name`, if the draft has it (tracked).
    pub fn media_bytes(&self, name: &str) -> Option<Vec<u8>> {
        self.media.with(|m| m.iter().find(|(n, _)| n == name).map(|(_, b)| b.clone()))
    }

    /// The pictures the draft's views use, as the story folder's `media/` holds them.
    pub fn used_media(&self) -> Vec<MediaFile> {
        self.history.with_untracked(|h| self.media.with_untracked(|m| used_media(h.present(), m).into_iter().cloned().collect()))
    }

    /// Whether the draft has changes that were not exported.
    pub fn unexported(&self) -> Signal<bool> {
        self.unexported.into()
    }

    /// Records that the draft as it is now was exported.
    pub fn mark_exported(&self) {
        self.exported.set_value(self.files());
        self.unexported.set(false);
    }

    /// Keeps the draft on the device: only the files that changed are written. When the
    /// device refuses, the whole draft is downloaded at once so that nothing is lost.
    fn save(&self) {
        let files = self.files();
        let media = self.used_media();
        self.unexported.set(self.exported.with_value(|e| *e != files));
        let result = self.stored.with_value(|old| write_changed(old, &files)).and_then(|()| self.stored_media.with_value(|old| write_media(old, &media)));
        match result {
            Ok(()) => {
                self.stored.set_value(files);
                self.stored_media.set_value(media.into_iter().map(|(n, _)| n).collect());
                self.saved.set(Saved::Yes);
            }
            Err(why) => {
                if self.saved.get_untracked() == Saved::Yes {
                    let _ = crate::editor::files::download_zip(&files, &media);
                }
                self.saved.set(Saved::No(why));
            }
        }
    }
}

/// The draft, provided by the editor.
pub fn use_draft() -> Draft {
    expect_context::<Draft>()
}

fn stored_files() -> Option<Files> {
    let storage = storage()?;
    let index = storage.get_item(INDEX_KEY).ok().flatten()?;
    index.lines().filter(|p| !p.is_empty()).map(|path| Some((path.to_string(), storage.get_item(&format!("{FILE_PREFIX}{path}")).ok().flatten()?))).collect()
}

fn write_changed(old: &Files, new: &Files) -> Result<(), String> {
    let storage = storage().ok_or("this browser keeps nothing (private mode?)")?;
    let full = |_| "the browser's storage is full".to_string();
    for (path, text) in new {
        if !old.iter().any(|(p, t)| p == path && t == text) {
            storage.set_item(&format!("{FILE_PREFIX}{path}"), text).map_err(full)?;
        }
    }
    for (path, _) in old.iter().filter(|(p, _)| !new.iter().any(|(q, _)| q == p)) {
        let _ = storage.remove_item(&format!("{FILE_PREFIX}{path}"));
    }
    let index: Vec<&str> = new.iter().map(|(p, _)| p.as_str()).collect();
    storage.set_item(INDEX_KEY, &index.join("\n")).map_err(full)
}

fn stored_media() -> Vec<MediaFile> {
    let Some(storage) = storage() else { return Vec::new() };
    let index = storage.get_item(MEDIA_INDEX_KEY).ok().flatten().unwrap_or_default();
    // A picture that no longer reads is left out: the validator then says its view lacks it.
    index
        .lines()
        .filter_map(|name| {
            let text = storage.get_item(&format!("{MEDIA_PREFIX}{name}")).ok().flatten()?;
            Some((name.to_string(), BASE64.decode(text).ok()?))
        })
        .collect()
}

/// Keeps the used pictures on the device: the new ones written, the others removed.
fn write_media(old: &[String], used: &[MediaFile]) -> Result<(), String> {
    let storage = storage().ok_or("this browser keeps nothing (private mode?)")?;
    let full = |_| "the browser's storage is full".to_string();
    for (name, bytes) in used.iter().filter(|(n, _)| !old.contains(n)) {
        storage.set_item(&format!("{MEDIA_PREFIX}{name}"), &BASE64.encode(bytes)).map_err(full)?;
    }
    for name in old.iter().filter(|n| !used.iter().any(|(u, _)| u == *n)) {
        let _ = storage.remove_item(&format!("{MEDIA_PREFIX}{name}"));
    }
    let index: Vec<&str> = used.iter().map(|(n, _)| n.as_str()).collect();
    storage.set_item(MEDIA_INDEX_KEY, &index.join("\n")).map_err(full)
}

fn set_aside(files: &Files) {
    if let Some(storage) = storage() {
        let joined: Vec<String> = files.iter().map(|(p, t)| format!("# ==== {p} ====\n{t}")).collect();
        let _ = storage.set_item(UNREADABLE_KEY, &joined.join("\n"));
    }
}
