//! The council's draft of the story: edited with undo and redo, checked by the build's own
//! validator and kept on the device once typing pauses (and at once when the page is hidden or
//! left, and before an export), as the story files themselves (one storage entry per file, so
//! that a later version of the app still reads them, with located errors if it must), and its
//! pictures (one entry each, in base64). Checking and writing a whole story takes longer than
//! a keystroke may: a keystroke only changes the draft.

use std::time::Duration;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use leptos::prelude::*;
use recit_story::media::{used_media, MediaFile};
use recit_story::toml_format::{load_with_media, write_files};
use recit_story::undo::History;
use recit_story::{validate, Diagnostic, FieldPath, Story};

use crate::files::{download_zip, media_problems, Files};
use recit::storage::{self, Keeping, StorageError};
use recit::story_data::story;

const INDEX_KEY: &str = "recit.editeur.fichiers";
const FILE_PREFIX: &str = "recit.editeur.fichier:";
/// A stored draft that no longer reads is set aside here (as its files, joined), never lost.
const UNREADABLE_KEY: &str = "recit.editeur.illisible";
/// A draft kept on this device that differed from the council's shared draft when it first
/// joined it: set aside here, never lost.
const BEFORE_SHARING_KEY: &str = "recit.editeur.avant-partage";
const MEDIA_INDEX_KEY: &str = "recit.editeur.medias";
const MEDIA_PREFIX: &str = "recit.editeur.media:";
/// How many edits undo reaches back.
const UNDO_LIMIT: usize = 200;
/// How long a pause in the changes lets the draft be checked and saved.
const SETTLE_MS: f64 = 400.0;
/// How long changes made without a pause wait, at most, to be checked and saved.
const SETTLE_AT_LATEST_MS: f64 = 2000.0;

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
    keeping: Keeping,
    /// Every problem of the draft, by the build's rules, as of its last check.
    diagnostics: RwSignal<Vec<Diagnostic>>,
    /// The pictures attached in this session (kept when a view lets one go, for undo).
    media: RwSignal<Vec<MediaFile>>,
    /// The names of the pictures kept on the device.
    stored_media: StoredValue<Vec<String>>,
    /// The check and save waiting for a pause, and when the first change it waits for was made.
    pending: StoredValue<Option<(TimeoutHandle, f64)>>,
    /// Counts the changes made here (not those taken from the shared draft), for the live
    /// editing to send.
    local: RwSignal<u64>,
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
                    set_aside(UNREADABLE_KEY, &files);
                    (story().clone(), Vec::new())
                } else {
                    (loaded.story, files)
                }
            }
            None => (story().clone(), Vec::new()),
        };
        let draft = Draft {
            history: RwSignal::new(History::new(start, UNDO_LIMIT)),
            unexported: RwSignal::new(!stored.is_empty() && stored != published),
            exported: StoredValue::new(published),
            stored: StoredValue::new(stored),
            keeping: Keeping::default(),
            diagnostics: RwSignal::new(Vec::new()),
            stored_media: StoredValue::new(media.iter().map(|(n, _)| n.clone()).collect()),
            media: RwSignal::new(media),
            pending: StoredValue::new(None),
            local: RwSignal::new(0),
        };
        draft.check();
        provide_context(draft);
        draft
    }

    /// Reads the draft (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&Story) -> R) -> R {
        self.history.with(|h| f(h.present()))
    }

    /// Applies an edit as its own undo step (checked and saved once the changes pause).
    pub fn edit(&self, f: impl FnOnce(&mut Story)) {
        if self.history.try_update(|h| h.apply(f)).unwrap_or(false) {
            self.changed();
        }
    }

    /// Applies an edit merged with the previous edits of `field` (typing is one undo step).
    pub fn type_in(&self, field: &FieldPath, f: impl FnOnce(&mut Story)) {
        if self.history.try_update(|h| h.apply_grouped(&field.to_string(), f)).unwrap_or(false) {
            self.changed();
        }
    }

    /// Ends the current typing group (a field lost focus).
    pub fn seal(&self) {
        self.history.update_untracked(|h| h.seal());
    }

    /// Replaces the whole draft (an import), as one undo step.
    pub fn replace(&self, story: Story) {
        self.history.update(|h| h.replace(story));
        self.changed();
    }

    pub fn undo(&self) {
        if self.history.try_update(|h| h.undo()).unwrap_or(false) {
            self.changed();
        }
    }

    pub fn redo(&self) {
        if self.history.try_update(|h| h.redo()).unwrap_or(false) {
            self.changed();
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

    /// Every problem of the draft, by the build's rules, as of its last check.
    pub fn diagnostics(&self) -> ReadSignal<Vec<Diagnostic>> {
        self.diagnostics.read_only()
    }

    /// Why the last save did not keep the draft on the device, if it did not.
    pub fn refused(&self) -> ReadSignal<Option<StorageError>> {
        self.keeping.refused()
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
        self.changed();
    }

    /// The bytes of the picture `name`, if the draft has it (tracked).
    pub fn media_bytes(&self, name: &str) -> Option<Vec<u8>> {
        self.media.with(|m| m.iter().find(|(n, _)| n == name).map(|(_, b)| b.clone()))
    }

    /// Every picture of the draft (not tracked).
    pub fn media_untracked(&self) -> Vec<MediaFile> {
        self.media.get_untracked()
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

    /// The draft now (not tracked).
    pub fn present(&self) -> Story {
        self.history.with_untracked(|h| h.present().clone())
    }

    /// Changes made on this device, counted (tracked).
    pub fn local_changes(&self) -> ReadSignal<u64> {
        self.local.read_only()
    }

    /// Takes the story as the shared draft has it (others' changes merged): undo starts again
    /// from it.
    pub fn rebase(&self, story: Story) {
        if self.history.with_untracked(|h| *h.present() != story) {
            self.history.update(|h| h.rebase(story));
            self.schedule();
        }
    }

    /// Sets aside the draft kept on this device, before it joins the council's shared draft:
    /// kept, joined, under its own key.
    pub fn set_aside_before_sharing(&self) {
        if self.unexported.get_untracked() {
            set_aside(BEFORE_SHARING_KEY, &self.files());
        }
    }

    fn changed(&self) {
        self.local.update(|n| *n += 1);
        self.schedule();
    }

    /// Checks and saves the draft once the changes pause (or, while they go on, once the
    /// first of them has waited long enough).
    fn schedule(&self) {
        let now = js_sys::Date::now();
        let first = self.pending.try_update_value(|p| p.take()).flatten().map_or(now, |(handle, first)| {
            handle.clear();
            first
        });
        let wait = (first + SETTLE_AT_LATEST_MS - now).clamp(0.0, SETTLE_MS);
        let draft = *self;
        match set_timeout_with_handle(move || draft.flush(), Duration::from_millis(wait as u64)) {
            Ok(handle) => self.pending.set_value(Some((handle, first))),
            Err(_) => self.settle(),
        }
    }

    /// Checks and saves the draft now if changes wait for it: before the page is hidden or
    /// left, before an export. Does nothing once the editor is gone.
    pub fn flush(&self) {
        if let Some((handle, _)) = self.pending.try_update_value(|p| p.take()).flatten() {
            handle.clear();
            self.settle();
        }
    }

    fn settle(&self) {
        self.check();
        self.save();
    }

    /// Runs the build's validator on the draft and its pictures.
    fn check(&self) {
        let all = self.history.with_untracked(|h| {
            let mut all = validate(h.present(), None);
            self.media.with_untracked(|m| all.extend(media_problems(h.present(), m)));
            all
        });
        if self.diagnostics.with_untracked(|d| *d != all) {
            self.diagnostics.set(all);
        }
    }

    /// Keeps the draft on the device: only the files that changed are written. When the
    /// device refuses, the whole draft is downloaded at once so that nothing is lost.
    fn save(&self) {
        let files = self.files();
        let media = self.used_media();
        self.unexported.set(self.exported.with_value(|e| *e != files));
        let write = || {
            self.stored.with_value(|old| write_changed(old, &files))?;
            self.stored_media.with_value(|old| write_media(old, &media))
        };
        let download = || {
            let _ = download_zip(&files, &media);
        };
        if self.keeping.save(write, download).is_ok() {
            self.stored_media.set_value(media.into_iter().map(|(n, _)| n).collect());
            self.stored.set_value(files);
        }
    }
}

/// The draft, provided by the editor.
pub fn use_draft() -> Draft {
    expect_context::<Draft>()
}

fn stored_files() -> Option<Files> {
    let index = storage::get(INDEX_KEY)?;
    index.lines().filter(|p| !p.is_empty()).map(|path| Some((path.to_string(), storage::get(&format!("{FILE_PREFIX}{path}"))?))).collect()
}

fn write_changed(old: &Files, new: &Files) -> Result<(), StorageError> {
    for (path, text) in new {
        if !old.iter().any(|(p, t)| p == path && t == text) {
            storage::set(&format!("{FILE_PREFIX}{path}"), text)?;
        }
    }
    for (path, _) in old.iter().filter(|(p, _)| !new.iter().any(|(q, _)| q == p)) {
        storage::remove(&format!("{FILE_PREFIX}{path}"));
    }
    let index: Vec<&str> = new.iter().map(|(p, _)| p.as_str()).collect();
    storage::set(INDEX_KEY, &index.join("\n"))
}

fn stored_media() -> Vec<MediaFile> {
    let index = storage::get(MEDIA_INDEX_KEY).unwrap_or_default();
    // A picture that no longer reads is left out: the validator then says its view lacks it.
    index.lines().filter_map(|name| Some((name.to_string(), BASE64.decode(storage::get(&format!("{MEDIA_PREFIX}{name}"))?).ok()?))).collect()
}

/// Keeps the used pictures on the device: the new ones written, the others removed.
fn write_media(old: &[String], used: &[MediaFile]) -> Result<(), StorageError> {
    for (name, bytes) in used.iter().filter(|(n, _)| !old.contains(n)) {
        storage::set(&format!("{MEDIA_PREFIX}{name}"), &BASE64.encode(bytes))?;
    }
    for name in old.iter().filter(|n| !used.iter().any(|(u, _)| u == *n)) {
        storage::remove(&format!("{MEDIA_PREFIX}{name}"));
    }
    let index: Vec<&str> = used.iter().map(|(n, _)| n.as_str()).collect();
    storage::set(MEDIA_INDEX_KEY, &index.join("\n"))
}

fn set_aside(key: &str, files: &Files) {
    let joined: Vec<String> = files.iter().map(|(p, t)| format!("# ==== {p} ====\n{t}")).collect();
    let _ = storage::set(key, &joined.join("\n"));
}
