//! The step screen: switcher, trajectory, the step at the current scale, the step buttons,
//! and the keyboard and swipe shortcuts.

use crate::history::use_nav;
use leptos::ev;
use leptos::prelude::*;
use recit_story::Position;

use crate::components::landscape::Landscape;
use crate::components::lang_switch::LangSwitch;
use crate::components::scale_map::ScaleMap;
use crate::components::scale_switcher::ScaleSwitcher;
use crate::components::step_nav::{neighbours, StepNav};
use crate::components::step_view::StepView;
use crate::components::trajectory::Trajectory;
use crate::i18n::{other, scale_label, ui};
use crate::story_data::story;

/// The screen for a position of the story.
#[component]
pub fn StepScreen(
    /// The reader's position, from the URL.
    position: Signal<Position>,
    /// Steps seen this session.
    visited: Signal<Vec<String>>,
) -> impl IntoView {
    let lang = Signal::derive(move || position.get().lang);
    let lang_target = Signal::derive(move || position.get().in_lang(other(position.get().lang)).to_path());

    // Arrow keys walk the trajectory, except where they already mean something (form fields,
    // the scale radios).
    let nav = use_nav();
    let keys = window_event_listener(ev::keydown, move |e| {
        if e.alt_key() || e.ctrl_key() || e.meta_key() || e.shift_key() || in_form_field(&e) {
            return;
        }
        let (previous, next) = neighbours(&position.get_untracked());
        let target = match e.key().as_str() {
            "ArrowRight" => next,
            "ArrowLeft" => previous,
            _ => return,
        };
        if let Some(target) = target {
            e.prevent_default();
            nav.go(&target.to_path());
        }
    });
    on_cleanup(move || keys.remove());

    // Swipe left for « Suivant », right for « Précédent ».
    let touch_start = StoredValue::new(None::<(i32, i32)>);
    let on_touch_end = move |e: ev::TouchEvent| {
        let Some((x0, y0)) = touch_start.get_value() else { return };
        let Some(touch) = e.changed_touches().get(0) else { return };
        let (dx, dy) = (touch.client_x() - x0, touch.client_y() - y0);
        if dx.abs() < 60 || dx.abs() < 2 * dy.abs() {
            return;
        }
        let (previous, next) = neighbours(&position.get_untracked());
        if let Some(target) = if dx < 0 { next } else { previous } {
            nav.go(&target.to_path());
        }
    };
    let on_touch_start = move |e: ev::TouchEvent| {
        touch_start.set_value(e.touches().get(0).map(|t| (t.client_x(), t.client_y())));
    };

    // The first screen is built a part a task (`crate::Parts`), out of the document: each
    // part is there once built, and the screen is shown once all are.
    let parts = crate::use_parts();
    let [trajectory, landscape, step, map] = [1, 2, 3, 4].map(|n| parts.built(n));
    let pictured = Memo::new(move |_| {
        let p = position.get();
        story().step(&p.step).and_then(|s| s.view(p.scale)).is_some_and(|v| v.picture.is_some())
    });

    // Announced politely after each move: the step and the scale.
    let announcement = move || {
        let p = position.get();
        let title = story().step(&p.step).and_then(|s| s.view(p.scale)).map(|v| v.title.get(p.lang)).unwrap_or_default();
        format!("{title} — {}", scale_label(p.scale, p.lang))
    };

    view! {
        <div class="step-screen">
            <a class="skip-link" href="#main">{move || ui(lang.get()).skip_to_content}</a>
            <header>
                <div class="topbar">
                    <a class="brand" href=move || format!("/{}", lang.get().code())>
                        {move || story().meta.title.get(lang.get())}
                    </a>
                    <LangSwitch lang=lang href=lang_target />
                </div>
                <div class="controls">
                    <ScaleSwitcher position=position />
                </div>
            </header>
            // In the order a phone shows them: a page paints as it arrives, so nothing may be
            // placed before what is already painted (style/main.css).
            <div class="layout">
                {move || trajectory.get().then(|| view! { <Trajectory position=position visited=visited /> }.into_any())}
                <main id="main" on:touchstart=on_touch_start on:touchend=on_touch_end>
                    // Outside the step's article, which is rebuilt on each move: the same
                    // landscape changes, so that the move is seen. A view with the council's
                    // picture shows that instead, at the top of its article.
                    {move || (landscape.get() && !pictured.get()).then(|| view! {
                        <Landscape step=Signal::derive(move || position.get().step) scale=Signal::derive(move || position.get().scale) lang=lang />
                    }.into_any())}
                    {move || step.get().then(|| view! {
                        <StepView position=position />
                        {crate::modes::use_modes().below_step(position)}
                        <StepNav position=position />
                    }.into_any())}
                </main>
                <aside class="sidebar">
                    {move || map.get().then(|| view! { <ScaleMap position=position /> }.into_any())}
                </aside>
            </div>
            <div class="sr-only" aria-live="polite" aria-atomic="true">{announcement}</div>
        </div>
    }
}

/// Whether a key event happens in a field that uses arrow keys itself.
fn in_form_field(e: &ev::KeyboardEvent) -> bool {
    crate::dom::closest(e.target(), "input, textarea, select, [contenteditable]").is_some()
}
