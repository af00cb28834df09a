//! The plain reader's view text: the text, and the reading tools' two buttons, « Facile à
//! lire » and « Écouter », which open the same address in the app that has them (the modes
//! app: `web/boot.js` loads it for `?facile` and `?ecouter`; see `plus/components/reading.rs`).
//! Their code and the easy-read texts would otherwise be part of the first visit.

use leptos::prelude::*;
use recit_story::reader::{EASY_READ, LISTEN};
use recit_story::{Position, Term, View};

use crate::components::rich_text::RichText;
use crate::i18n::ui;

/// The view's text under the two buttons that open the reading tools.
#[component]
pub fn PlainViewText(position: Position, view: &'static View, terms: Vec<&'static Term>) -> impl IntoView {
    let t = ui(position.lang);
    let open = |flag: &'static str| {
        move |_| {
            let location = window().location();
            let _ = location.assign(&format!("{}?{flag}", location.pathname().unwrap_or_default()));
        }
    };
    view! {
        // The buttons need the app: on a prerendered page (inside `.shell`), their place is
        // kept, unseen (main.css), so nothing shifts when the app takes over.
        <div class="reading needs-app">
            <button type="button" class="button reading-easy" aria-pressed="false" on:click=open(EASY_READ)>{t.easy_read}</button>
            <button type="button" class="button reading-listen" on:click=open(LISTEN)>{t.listen}</button>
        </div>
        <div class="text">
            <RichText source=view.text.get(position.lang).to_string() position=position terms=terms />
        </div>
    }
}
