//! The trajectory: the path from the starting point to the desired model, with the current
//! step, the progress and the steps already visited; every step one tap away.

use leptos::prelude::*;
use recit_story::Position;

use crate::i18n::ui;
use crate::story_data::story;

/// The main steps as a list of links.
#[component]
pub fn Trajectory(
    /// The reader's position.
    position: Signal<Position>,
    /// Steps seen this session.
    visited: Signal<Vec<String>>,
) -> impl IntoView {
    let lang = move || position.get().lang;
    // A side step shows the trajectory step it returns to as current.
    let anchor = Memo::new(move |_| {
        let p = position.get();
        story().main_anchor(&p.step).map(str::to_string)
    });
    // How many main steps are behind the reader, this one included.
    let reached = Memo::new(move |_| anchor.get().and_then(|a| story().main_index(&a)).map_or(0, |i| i + 1));
    let total = story().trajectory.len();
    let progress = move || ui(lang()).step_of(reached.get(), total);
    let items = move || {
        let p = position.get();
        let t = ui(p.lang);
        let current = anchor.get();
        story()
            .trajectory
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let title = story().step(id).and_then(|s| s.view(p.scale)).map(|v| v.title.get(p.lang).to_string()).unwrap_or_default();
                let is_current = current.as_deref() == Some(id.as_str());
                let seen = visited.with(|v| v.contains(id));
                view! {
                    <li class:current=is_current class:visited=seen>
                        <a href=p.at_step(id).to_path() aria-current=is_current.then_some("step")>
                            // The number is part of the name: on a phone it is all one sees.
                            <span class="dot">{i + 1}</span>
                            <span class="label">" " {title}</span>
                            {(seen && !is_current).then(|| view! { <span class="sr-only">{format!(" ({})", t.visited)}</span> })}
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    let label = move || ui(lang()).trajectory;
    view! {
        <nav class="trajectory" aria-label=label>
            <p class="progress">
                <span class="progress-text">{progress}</span>
                // A <progress>, not a width: a static page may carry no style attribute (the
                // Content-Security-Policy).
                <progress class="progress-bar" aria-hidden="true" max=total value=move || reached.get()></progress>
            </p>
            <ol>{items}</ol>
        </nav>
    }
}
