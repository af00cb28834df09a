//! Parts of the story the plain reader does not embed (its first visit stays small): each a
//! file of the build, fetched once, when first needed. The other apps embed them.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

enum State<T> {
    NotAsked,
    Loading,
    Loaded(Arc<T>),
    /// Offline before it was first needed, or a broken file.
    Failed,
}

/// A file that cannot be loaded: offline before it was first needed, or broken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unavailable;

/// A file of the build, decoded, loaded on demand. Copy it freely.
pub struct OnDemand<T: Send + Sync + 'static> {
    state: RwSignal<State<T>>,
    url: &'static str,
    decode: fn(&[u8]) -> Option<T>,
}

impl<T: Send + Sync + 'static> Clone for OnDemand<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for OnDemand<T> {}

impl<T: Send + Sync + 'static> OnDemand<T> {
    pub fn new(url: &'static str, decode: fn(&[u8]) -> Option<T>) -> Self {
        OnDemand { state: RwSignal::new(State::NotAsked), url, decode }
    }

    /// Starts loading, once (again after a failure).
    pub fn load(self) {
        if !matches!(*self.state.read_untracked(), State::NotAsked | State::Failed) {
            return;
        }
        self.state.set(State::Loading);
        let (state, decode) = (self.state, self.decode);
        fetch_then(
            self.url,
            Box::new(move |bytes| {
                let loaded = bytes.and_then(|bytes| decode(&bytes));
                state.set(loaded.map_or(State::Failed, |value| State::Loaded(Arc::new(value))));
            }),
        );
    }

    /// `f` of the loaded value: `Ok(None)` until it is loaded, `Err` if it cannot be.
    pub fn with<R>(self, f: impl FnOnce(&T) -> R) -> Result<Option<R>, Unavailable> {
        match &*self.state.read() {
            State::Loaded(value) => Ok(Some(f(value))),
            State::Failed => Err(Unavailable),
            State::NotAsked | State::Loading => Ok(None),
        }
    }
}

/// Fetches `url`, then calls `done`: one task for every kind of file (generic, it would be
/// compiled once per kind, in the first visit's bytes).
fn fetch_then(url: &'static str, done: Box<dyn FnOnce(Option<Vec<u8>>)>) {
    leptos::task::spawn_local(async move { done(fetch(url).await) });
}

async fn fetch(url: &str) -> Option<Vec<u8>> {
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str(url)).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}
