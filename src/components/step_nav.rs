//! « Précédent » and « Suivant »: « Suivant » always follows the main trajectory (a side
//! step leads back to it) until the desired model.

use leptos::prelude::*;
use recit_story::Position;

use crate::i18n::ui;
use crate::story_data::story;

/// The previous and next positions of `position`, if any.
pub fn neighbours(position: &Position) -> (Option<Position>, Option<Position>) {
    let s = story();
    (s.previous_step(&position.step).map(|id| position.at_step(id)), s.next_step(&position.step).map(|id| position.at_step(id)))
}

/// The two step links: real links, which a reader follows without JavaScript (the
/// prerendered pages), and which the app handles as any same-site link (`history`). Where
/// there is no step to go to, the link has no `href`: a placeholder, shown and named as off.
/// Picks the previous or the next step's position out of both.
type Pick = fn(&(Option<Position>, Option<Position>)) -> &Option<Position>;

#[component]
pub fn StepNav(
    /// The reader's position.
    position: Signal<Position>,
) -> impl IntoView {
    let lang = move || position.get().lang;
    let around = Memo::new(move |_| neighbours(&position.get()));
    let href = move |pick: Pick| move || around.with(|a| pick(a).as_ref().map(Position::to_path));
    // A placeholder is a link that is off, not a link without a role (which crawlers
    // report as broken).
    let off = move |pick: Pick| move || around.with(|a| pick(a).is_none()).then_some("true");
    let at_goal = move || around.with(|(_, next)| next.is_none());
    view! {
        <div class="step-nav">
            <a class="button previous" href=href(|a| &a.0) role="link" aria-disabled=off(|a| &a.0)>
                <span aria-hidden="true">"← "</span>
                {move || ui(lang()).previous}
            </a>
            <Show when=at_goal>
                <p class="goal-reached">{move || ui(lang()).goal_reached}</p>
            </Show>
            <a class="button primary next" href=href(|a| &a.1) role="link" aria-disabled=off(|a| &a.1)>
                {move || ui(lang()).next}
                <span aria-hidden="true">" →"</span>
            </a>
        </div>
    }
}
