//! Glossary words: a word of the text that opens its definition in a pop-up, and the list
//! of a view's words. The pop-up is a native popover: it opens with Enter or Space, closes
//! with Escape or a tap outside, and the browser tells screen readers it is expanded.

use leptos::prelude::*;
use recit_story::{Lang, Term};

use crate::text::text as plus_text;

/// A word of the text that opens its definition.
#[component]
pub fn TermButton(
    /// The glossary term.
    term: &'static Term,
    /// The language shown.
    lang: Lang,
    /// The word as written in the text (it may be a plural).
    text: String,
) -> impl IntoView {
    let id = format!("term-{}", term.id);
    let (target, close_target) = (id.clone(), id.clone());
    // Said aloud: the word's button is expanded while its definition shows.
    let open = RwSignal::new(false);
    let on_toggle = move |e: leptos::ev::Event| {
        let shown = e.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()).is_some_and(|el| el.matches(":popover-open").unwrap_or(false));
        open.set(shown);
    };
    view! {
        <button type="button" class="term" popovertarget=target aria-expanded=move || open.get().to_string()>{text}</button>
        <span id=id popover="auto" class="term-popup" role="dialog" aria-label=term.word.get(lang) on:toggle=on_toggle>
            <strong class="term-word">{term.word.get(lang)}</strong>
            " "
            <span class="term-definition">{term.definition.get(lang)}</span>
            <button type="button" class="button term-close" popovertarget=close_target popovertargetaction="hide">{plus_text(lang).close}</button>
        </span>
    }
}

/// A view's glossary words with their definitions, for pupils and for print.
#[component]
pub fn WordList(
    /// The terms explained at this view.
    terms: Vec<&'static Term>,
    /// The language shown.
    lang: Lang,
) -> impl IntoView {
    (!terms.is_empty()).then(|| {
        view! {
            <section class="words">
                <h2>{plus_text(lang).words}</h2>
                <dl>
                    {terms.into_iter().map(|t| view! {
                        <div>
                            <dt>{t.word.get(lang)}</dt>
                            <dd>{t.definition.get(lang)}</dd>
                        </div>
                    }).collect_view()}
                </dl>
            </section>
        }
    })
}
