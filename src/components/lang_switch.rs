//! The language switch: a link to the same place in the other language.

use leptos::prelude::*;
use recit_story::Lang;

use crate::i18n::{other, ui};

/// A link to `href`, the current place in the other language.
#[component]
pub fn LangSwitch(
    /// The current language.
    lang: Signal<Lang>,
    /// The same place in the other language.
    href: Signal<String>,
) -> impl IntoView {
    view! {
        <a
            href=move || href.get()
            class="lang-switch"
            hreflang=move || other(lang.get()).code()
            lang=move || other(lang.get()).code()
            aria-label=move || ui(lang.get()).other_language_name
        >
            {move || ui(lang.get()).other_language}
        </a>
    }
}
