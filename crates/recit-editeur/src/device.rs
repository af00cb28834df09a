//! The shared draft kept on this device, in IndexedDB (a database `recit-editeur`): its state
//! as of the last compaction (store `documents`), then every update since, one entry each
//! (store `updates`, in order), as y-indexeddb keeps a Yjs document. An update is written as
//! soon as it is made or received, small; the whole state only every so often. IndexedDB holds
//! far more than the few megabytes of localStorage that the draft's files and pictures use.

use rexie::{ObjectStore, Rexie, TransactionMode};
use wasm_bindgen::JsValue;

const DATABASE: &str = "recit-editeur";
const DOCUMENTS: &str = "documents";
const UPDATES: &str = "updates";
/// The council's draft's entry in `documents`.
const DRAFT: &str = "brouillon";

/// The database, opened once for the editor's life.
pub async fn open() -> Option<Rexie> {
    Rexie::builder(DATABASE).version(1).add_object_store(ObjectStore::new(DOCUMENTS)).add_object_store(ObjectStore::new(UPDATES).auto_increment(true)).build().await.ok()
}

fn bytes(value: &JsValue) -> Vec<u8> {
    js_sys::Uint8Array::new(value).to_vec()
}

/// The shared draft as this device kept it: its state, then the updates since, in order;
/// empty if it kept none.
pub async fn load(database: &Rexie) -> Vec<Vec<u8>> {
    let Ok(transaction) = database.transaction(&[DOCUMENTS, UPDATES], TransactionMode::ReadOnly) else { return Vec::new() };
    let (Ok(documents), Ok(updates)) = (transaction.store(DOCUMENTS), transaction.store(UPDATES)) else { return Vec::new() };
    let mut kept: Vec<Vec<u8>> = documents.get(JsValue::from_str(DRAFT)).await.ok().flatten().map(|v| bytes(&v)).into_iter().collect();
    kept.extend(updates.get_all(None, None).await.unwrap_or_default().iter().map(bytes));
    kept
}

/// Adds an update to what this device keeps; false if the device refused.
pub async fn add(database: &Rexie, update: &[u8]) -> bool {
    let Ok(transaction) = database.transaction(&[UPDATES], TransactionMode::ReadWrite) else { return false };
    let Ok(updates) = transaction.store(UPDATES) else { return false };
    let value: JsValue = js_sys::Uint8Array::from(update).into();
    updates.add(&value, None).await.is_ok() && transaction.done().await.is_ok()
}

/// Keeps the whole state in place of the state and updates kept so far, in one transaction.
pub async fn compact(database: &Rexie, state: &[u8]) -> bool {
    let Ok(transaction) = database.transaction(&[DOCUMENTS, UPDATES], TransactionMode::ReadWrite) else { return false };
    let (Ok(documents), Ok(updates)) = (transaction.store(DOCUMENTS), transaction.store(UPDATES)) else { return false };
    let value: JsValue = js_sys::Uint8Array::from(state).into();
    documents.put(&value, Some(&JsValue::from_str(DRAFT))).await.is_ok() && updates.clear().await.is_ok() && transaction.done().await.is_ok()
}
