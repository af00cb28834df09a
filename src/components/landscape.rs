//! The drawn landscape: the territory at a step and scale. An illustration, not data: it
//! turns from the black mining basin to the green archipelago along the trajectory, draws
//! what the step is about, and zooms with the scale — one scene seen from closer or further.

use leptos::prelude::*;
use recit_story::{Lang, Motif, ScaleId};

use crate::i18n::ui;
use crate::story_data::story;

/// The scene, drawn once: every stage and motif is in it, and the stylesheet shows what the
/// step asks for from three values on its frame — `--g` (how green, in percent), `data-m`
/// (the motif) and the scale's class (where the camera stands). Changing those rather than
/// the shapes lets the browser animate each move, and keeps the drawing's code tiny.
const SCENE: &str = include_str!("landscape.svg");

/// The landscape at `step` and `scale`, exposed as one image with a name that says what it
/// shows. In a frame taller than the scene (the kiosk's full screen), the scene sits at the
/// bottom, clipped to its own frame (the world beyond it stays hidden), and the sky fills the
/// rest.
#[component]
pub fn Landscape(
    /// The step drawn: its place on the trajectory and its motif.
    #[prop(into)]
    step: Signal<String>,
    /// How far the camera stands.
    #[prop(into)]
    scale: Signal<ScaleId>,
    /// The language of its name.
    #[prop(into)]
    lang: Signal<Lang>,
) -> impl IntoView {
    let green = Memo::new(move |_| story().greening(&step.get()));
    let motif = Memo::new(move |_| story().step(&step.get()).and_then(|s| s.motif));
    let name = move || ui(lang.get()).landscape(scale.get(), green.get(), motif.get());
    view! {
        // `--g` goes through the CSSOM, which the Content-Security-Policy allows.
        <div
            class=move || format!("land {}", scale.get().id())
            role="img"
            aria-label=name
            data-m=move || motif.get().map(Motif::id)
            style=("--g", move || green.get().to_string())
            inner_html=SCENE
        ></div>
    }
}
