//! The report's passages for the plain reader, which does not embed them (8 KB of its first
//! visit): fetched once, when a reader first opens a source. The other apps embed them.

use std::sync::Arc;

use leptos::prelude::*;
use recit_story::compact::{passages_from_compact, Passage};
use recit_story::Text;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where the passages are.
#[derive(Clone)]
enum State {
    NotAsked,
    Loading,
    Loaded(Arc<Vec<Passage>>),
    /// Offline before any source was opened, or a broken file.
    Failed,
}

/// The passages, loaded on demand. Copy it freely; get it with [`use_passages`].
#[derive(Clone, Copy)]
pub struct Passages(RwSignal<State>);

impl Passages {
    pub fn provide() {
        provide_context(Passages(RwSignal::new(State::NotAsked)));
    }

    /// Starts loading the passages, once.
    pub fn load(self) {
        if !matches!(self.0.get_untracked(), State::NotAsked | State::Failed) {
            return;
        }
        self.0.set(State::Loading);
        leptos::task::spawn_local(async move {
            let passages = fetch().await;
            self.0.set(passages.map_or(State::Failed, |p| State::Loaded(Arc::new(p))));
        });
    }

    /// The passage of `source`: `Ok(None)` while loading, `Err(())` if it cannot be loaded.
    pub fn get(self, source: &str) -> Result<Option<Text>, ()> {
        match &*self.0.read() {
            State::Loaded(all) => Ok(all.iter().find(|p| p.source == source).map(|p| p.text.clone())),
            State::Failed => Err(()),
            State::NotAsked | State::Loading => Ok(None),
        }
    }
}

async fn fetch() -> Option<Vec<Passage>> {
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str("/passages.bin")).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    passages_from_compact(&js_sys::Uint8Array::new(&buffer).to_vec()).ok()
}

/// The passages, provided by the app.
pub fn use_passages() -> Passages {
    expect_context::<Passages>()
}
