//! The scale switcher: commune ⇄ agglomeration ⇄ metropolitan pole, always visible.
//! Native radio buttons: one tab stop, arrow keys move between scales, and each option's
//! accessible name is the scale's name (« Commune », « Agglomération », « Pôle métropolitain »).
//! The prerendered page shows the same boxes as links, which work without the app
//! (`src/pages/`, through [`crate::modes::Modes::scale_links`]).

use crate::history::use_nav;
use leptos::prelude::*;
use recit_story::{Lang, Position, ScaleId};

use crate::i18n::{scale_label, ui};
use crate::modes::use_modes;
use crate::story_data::story;

/// Switches scale at the same step, by going to that position's URL.
#[component]
pub fn ScaleSwitcher(
    /// The reader's position; switching keeps its step and language.
    position: Signal<Position>,
) -> impl IntoView {
    if let Some(links) = use_modes().scale_links(&position.get_untracked()) {
        return links;
    }
    let nav = use_nav();
    let lang = move || position.get().lang;
    let options = ScaleId::ALL
        .into_iter()
        .map(|scale| {
            let checked = move || position.get().scale == scale;
            let description = format!("scale-{}-name", scale.id());
            let switch = move |_| nav.go(&position.get_untracked().at_scale(scale).to_path());
            view! {
                <label class=format!("scale scale-{}", scale.id()) class:selected=checked>
                    <input
                        type="radio"
                        name="scale"
                        value=scale.id()
                        prop:checked=checked
                        aria-label=move || scale_label(scale, lang())
                        aria-describedby=description.clone()
                        on:change=switch
                    />
                    <span class="scale-kind" aria-hidden="true">{move || scale_label(scale, lang())}</span>
                    <span class="scale-name" id=description>{move || place(scale, lang())}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="scale-switcher" data-scale=move || position.get().scale.id()>
            <legend class="sr-only">{move || ui(lang()).scale_switcher}</legend>
            <div class="scales">{options}</div>
        </fieldset>
    }
    .into_any()
}

/// The short name of the place a scale shows (« Loos », « CALL », « PMA »).
pub fn place(scale: ScaleId, lang: Lang) -> String {
    story().scale(scale).map(|s| s.short.get(lang).to_string()).unwrap_or_default()
}
