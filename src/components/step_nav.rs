//! « Précédent » and « Suivant »: « Suivant » always follows the main trajectory (a side
//! step leads back to it) until the desired model.

use leptos::prelude::*;
use crate::history::use_nav;
use recit_story::Position;

use crate::i18n::ui;
use crate::story_data::story;

/// The previous and next positions of `position`, if any.
pub fn neighbours(position: &Position) -> (Option<Position>, Option<Position>) {
    let s = story();
    (
        s.previous_step(&position.step).map(|id| position.at_step(id)),
        s.next_step(&position.step).map(|id| position.at_step(id)),
    )
}

/// The two step buttons.
#[component]
pub fn StepNav(
    /// The reader's position.
    position: Signal<Position>,
) -> impl IntoView {
    let nav = use_nav();
    let go = move |target: Option<Position>| {
        if let Some(target) = target {
            nav.go(&target.to_path());
        }
    };
    let lang = move || position.get().lang;
    let around = Memo::new(move |_| neighbours(&position.get()));
    let at_goal = move || around.with(|(_, next)| next.is_none());
    view! {
        <div class="step-nav">
            <button
                type="button"
                class="button previous"
                disabled=move || around.with(|(previous, _)| previous.is_none())
                on:click=move |_| go(around.get_untracked().0)
            >
                <span aria-hidden="true">"← "</span>
                {move || ui(lang()).previous}
            </button>
            <Show when=at_goal>
                <p class="goal-reached">{move || ui(lang()).goal_reached}</p>
            </Show>
            <button
                type="button"
                class="button primary next"
                disabled=at_goal
                on:click=move |_| go(around.get_untracked().1)
            >
                {move || ui(lang()).next}
                <span aria-hidden="true">" →"</span>
            </button>
        </div>
    }
}
