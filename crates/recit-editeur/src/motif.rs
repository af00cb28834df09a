//! A step's motif, what its drawn landscape shows in the foreground: chosen among those the
//! drawing knows, for all three scales of the step.

use leptos::prelude::*;
use recit_story::{Lang, Motif};

use crate::draft::use_draft;
use crate::text::text;
use recit::i18n::ui;

/// The motif of `step`, as a list to choose from.
#[component]
pub fn MotifSelect(
    /// The step whose motif this is.
    step: String,
    /// The editor's language.
    lang: Lang,
) -> impl IntoView {
    let draft = use_draft();
    let t = text(lang);
    let current = {
        let step = step.clone();
        move || draft.with(|s| s.step(&step).and_then(|st| st.motif))
    };
    let choose = move |e| {
        let chosen = Motif::from_id(&event_target_value(&e));
        draft.edit(|s| {
            if let Some(st) = s.steps.iter_mut().find(|st| st.id == step) {
                st.motif = chosen;
            }
        });
    };
    let options = Motif::ALL.map(|m| {
        let current = current.clone();
        view! { <option value=m.id() selected=move || current() == Some(m)>{ui(lang).motif(m)}</option> }
    });
    view! {
        <p class="motif-edit">
            <label for="motif">{t.motif}</label>
            <select id="motif" on:change=choose>
                <option value="" selected={
                    let current = current.clone();
                    move || current().is_none()
                }>{t.no_motif}</option>
                {options.into_iter().collect_view()}
            </select>
        </p>
    }
}
