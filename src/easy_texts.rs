//! The views' easy-read texts (« Facile à lire ») for the plain reader, which does not embed
//! them: fetched once, when a reader first asks for them. The other apps embed them.

use leptos::prelude::*;
use recit_story::compact::{easy_texts_from_compact, EasyText};
use recit_story::{Position, Text, View};

use crate::on_demand::OnDemand;

/// The easy-read texts, loaded on demand. Copy it freely; get it with [`use_easy_texts`].
#[derive(Clone, Copy)]
pub struct EasyTexts(OnDemand<Vec<EasyText>>);

/// A view's easy-read text, as far as it is known.
#[derive(Clone, PartialEq)]
pub enum Easy {
    Text(Text),
    Loading,
    /// It cannot be loaded (offline before it was first asked for).
    Unavailable,
    /// The view has none: its text stands in.
    Missing,
}

impl EasyTexts {
    pub fn provide() {
        provide_context(EasyTexts(OnDemand::new("/easy.bin", |bytes| easy_texts_from_compact(bytes).ok())));
    }

    /// Starts loading the easy-read texts, once, unless the story embeds `view`'s.
    pub fn load_for(self, view: &View) {
        if view.easy.is_empty() {
            self.0.load();
        }
    }

    /// The easy-read text of `view` at `position`: embedded, or fetched (see
    /// [`EasyTexts::load_for`]).
    pub fn get(self, position: &Position, view: &View) -> Easy {
        if !view.easy.is_empty() {
            return Easy::Text(view.easy.clone());
        }
        let found = self.0.with(|all| all.iter().find(|e| e.step == position.step && e.scale == position.scale).map(|e| e.text.clone()));
        match found {
            Ok(Some(Some(text))) => Easy::Text(text),
            Ok(Some(None)) => Easy::Missing,
            Ok(None) => Easy::Loading,
            Err(()) => Easy::Unavailable,
        }
    }
}

/// The easy-read texts, provided by the app.
pub fn use_easy_texts() -> EasyTexts {
    expect_context::<EasyTexts>()
}
