//! The language switch: a link to the same place in the other language.

use leptos::prelude::*;
use leptos_router::components::A;
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
        <A
            href=move || href.get()
            attr:class="lang-switch"
            attr:hreflang=move || other(lang.get()).code()
            attr:lang=move || other(lang.get()).code()
            attr:aria-label=move || ui(lang.get()).other_language_name
        >
            {move || ui(lang.get()).other_language}
        </A>
    }
}
