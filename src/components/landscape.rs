//! The drawn landscape: the territory at a step and scale. An illustration, not data: it
//! turns from the black mining basin to the green archipelago along the trajectory, draws
//! what the step is about, and zooms with the scale — one scene seen from closer or further.

use leptos::prelude::*;
use recit_story::{Lang, Motif, ScaleId};

use crate::i18n::ui;
use crate::modes::use_modes;
use crate::on_demand::OnDemand;
use crate::story_data::story;

/// The drawing, for the apps that embed it (through [`crate::modes::Modes::landscape`]): a
/// constant the plain reader never names, so none of it is in its wasm.
pub const DRAWING: &str = include_str!("../../web/landscape.svg");

/// The scene, drawn once: every stage and motif is in it, and the stylesheet shows what the
/// step asks for from three values on its frame — `--g` (how green, in percent), `data-m`
/// (the motif) and the scale's class (where the camera stands). Changing those rather than
/// the shapes lets the browser animate each move, and keeps the drawing's code tiny.
///
/// The drawing is `web/landscape.svg`. The plain reader does not embed it (bytes of its first
/// visit that the prerendered page already carries): it takes it from the page it arrived
/// on, else fetches it once. The apps that embed it give it through [`crate::modes::Modes::landscape`].
#[derive(Clone, Copy)]
pub struct Scene {
    /// The app's own, or the page's (kept for the app's life: one drawing, read once).
    known: Option<&'static str>,
    fetched: OnDemand<String>,
}

impl Scene {
    /// Finds the scene, before the app removes the page it arrived on.
    pub fn provide() {
        let known = use_modes().landscape().or_else(|| {
            let land = document().query_selector(".shell .land").ok().flatten()?;
            Some(&*String::leak(land.inner_html()))
        });
        let fetched = OnDemand::new("/landscape.svg", |bytes| String::from_utf8(bytes.to_vec()).ok());
        provide_context(Scene { known, fetched });
    }

    /// The drawing; empty while it is fetched (the frame keeps its size: nothing moves).
    fn drawing(self) -> String {
        if let Some(scene) = self.known {
            return scene.to_string();
        }
        self.fetched.load();
        self.fetched.with(String::clone).ok().flatten().unwrap_or_default()
    }
}

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
    let scene = expect_context::<Scene>();
    view! {
        // `--g` goes through the CSSOM, which the Content-Security-Policy allows.
        <div
            class=move || format!("land {}", scale.get().id())
            role="img"
            aria-label=name
            data-m=move || motif.get().map(Motif::id)
            style=("--g", move || green.get().to_string())
            inner_html=move || scene.drawing()
        ></div>
    }
}
