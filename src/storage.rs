//! The device's storage (localStorage), for the modes app and the editor: the plain reader
//! keeps nothing. Values are stored as the text given, unchanged, so that what earlier
//! versions kept (pupils' workbooks, visitors' answers, drafts) still reads.

use leptos::prelude::*;

/// Why the device did not keep something.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StorageError {
    /// No storage at all (disabled, or a private window that refuses it).
    Unavailable,
    /// The storage is full.
    Full,
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            StorageError::Unavailable => "this browser keeps nothing (private mode?)",
            StorageError::Full => "the browser's storage is full",
        })
    }
}

fn local() -> Result<web_sys::Storage, StorageError> {
    window().local_storage().ok().flatten().ok_or(StorageError::Unavailable)
}

/// The text stored under `key`, if any.
pub fn get(key: &str) -> Option<String> {
    local().ok()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`.
pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
    local()?.set_item(key, value).map_err(|_| StorageError::Full)
}

/// Forgets `key`; whether it was there or not, it is not afterwards (or there is no storage).
pub fn remove(key: &str) {
    if let Ok(storage) = local() {
        let _ = storage.remove_item(key);
    }
}

/// Every key stored.
pub fn keys() -> Vec<String> {
    let Ok(storage) = local() else { return Vec::new() };
    (0..storage.length().unwrap_or(0)).filter_map(|i| storage.key(i).ok().flatten()).collect()
}

/// Work saved on the device after every change: when the device refuses, the work is
/// downloaded at once so that nothing is lost, and the refusal is shown until a save works.
/// Copy it freely.
#[derive(Clone, Copy, Default)]
pub struct Keeping {
    refused: RwSignal<Option<StorageError>>,
}

impl Keeping {
    /// Saves with `write`; if the device refuses, `download`s the work, once per run of
    /// refusals (not a file at every change). Returns what `write` did.
    pub fn save(&self, write: impl FnOnce() -> Result<(), StorageError>, download: impl FnOnce()) -> Result<(), StorageError> {
        let result = write();
        let refused = self.refused.get_untracked();
        if result.is_err() && refused.is_none() {
            download();
        }
        // Set only when it changes: a save runs after every pause in typing.
        if refused != result.err() {
            self.refused.set(result.err());
        }
        result
    }

    /// Why the last save did not keep the work, if it did not.
    pub fn refused(&self) -> ReadSignal<Option<StorageError>> {
        self.refused.read_only()
    }
}
