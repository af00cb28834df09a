//! The report's passages for the plain reader, which does not embed them (its first visit
//! would carry them all): fetched once, when a reader first opens a source. The other apps
//! embed them.

use leptos::prelude::*;
use recit_story::compact::{passages_from_compact, Passage};
use recit_story::Text;

use crate::on_demand::OnDemand;

/// The passages, loaded on demand. Copy it freely; get it with [`use_passages`].
#[derive(Clone, Copy)]
pub struct Passages(OnDemand<Vec<Passage>>);

impl Passages {
    pub fn provide() {
        provide_context(Passages(OnDemand::new("/passages.bin", |bytes| passages_from_compact(bytes).ok())));
    }

    /// Starts loading the passages, once.
    pub fn load(self) {
        self.0.load();
    }

    /// The passage of `source`: `Ok(None)` while loading, `Err` if it cannot be loaded.
    pub fn get(self, source: &str) -> Result<Option<Text>, crate::on_demand::Unavailable> {
        self.0.with(|all| all.iter().find(|p| p.source == source).map(|p| p.text.clone())).map(Option::flatten)
    }
}

/// The passages, provided by the app.
pub fn use_passages() -> Passages {
    expect_context::<Passages>()
}
