//! The loop shown while nobody is there: the story's highlights over the greening landscape;
//! the first touch starts the visit.

use leptos::ev;
use leptos::prelude::*;
use recit_story::{Lang, ScaleId};

use super::window::{every, listen, now};
use crate::kiosk::KioskConfig;
use crate::text::text as plus_text;
use recit::components::landscape::Landscape;
use recit::dom::closest;
use recit::story_data::story;

/// How long each highlight of the attract screen stays.
const HIGHLIGHT_MS: f64 = 7000.0;

/// The attract loop's state: shown or not, which highlight, paused by the visitor.
#[derive(Clone, Copy)]
pub struct AttractLoop {
    shown: RwSignal<bool>,
    highlight: RwSignal<usize>,
    paused: RwSignal<bool>,
    /// When the current highlight appeared.
    since: StoredValue<f64>,
}

/// The attract loop, shown at first, moving to the next highlight on the kiosk's clock.
pub fn use_attract_loop(config: KioskConfig) -> AttractLoop {
    let attract = AttractLoop { shown: RwSignal::new(true), highlight: RwSignal::new(0), paused: RwSignal::new(false), since: StoredValue::new(now()) };
    every(std::time::Duration::from_millis(u64::from(config.tick_ms())), move || attract.advance(now()));
    attract
}

impl AttractLoop {
    pub fn is_shown(self) -> bool {
        self.shown.get()
    }

    pub fn highlight(self) -> Signal<usize> {
        self.highlight.into()
    }

    pub fn paused(self) -> RwSignal<bool> {
        self.paused
    }

    /// Shows the loop again from its first highlight (the kiosk's reset).
    pub fn show(self) {
        self.highlight.set(0);
        self.paused.set(false);
        self.since.set_value(now());
        self.shown.set(true);
    }

    pub fn hide(self) {
        self.shown.set(false);
    }

    /// Enter or Space, anywhere but on the loop's own controls, start the visit.
    pub fn start_on_keys(self, start: impl Fn() + 'static) {
        listen(ev::keydown, move |e| {
            if self.shown.get_untracked() && matches!(e.key().as_str(), "Enter" | " ") && closest(e.target(), ".attract-controls").is_none() {
                e.prevent_default();
                start();
            }
        });
    }

    /// The next highlight, once the current one has stayed its time (not when paused, nor
    /// under reduced motion).
    fn advance(self, t: f64) {
        if self.shown.get_untracked() && !self.paused.get_untracked() && !prefers_reduced_motion() && t - self.since.get_value() >= HIGHLIGHT_MS {
            self.since.set_value(t);
            self.highlight.update(|h| *h += 1);
        }
    }
}

fn prefers_reduced_motion() -> bool {
    window().match_media("(prefers-reduced-motion: reduce)").ok().flatten().is_some_and(|m| m.matches())
}

/// The story's highlights for the attract screen: each main step's id, title and a quote.
fn highlights() -> Vec<(String, String, Option<String>)> {
    let story = story();
    story
        .trajectory
        .iter()
        .filter_map(|id| story.step(id))
        .map(|step| {
            let title = step.view(ScaleId::Commune).map(|v| v.title.fr.clone()).unwrap_or_default();
            let quote = step.views.iter().flat_map(|v| &v.quotes).next().map(|q| q.text.fr.clone());
            (step.id.clone(), title, quote)
        })
        .collect()
}

/// The loop shown while nobody is there, as one poster: the landscape greening over the whole
/// screen, the story's title in its sky, the highlights, one button to start and one for the
/// other language. Any touch starts the visit in French, the kiosk's language.
#[component]
pub fn Attract(
    /// Which highlight to show (it grows; taken modulo their number).
    highlight: Signal<usize>,
    /// Paused by the visitor (WCAG 2.2.2).
    paused: RwSignal<bool>,
    /// Starts the visit in the language given.
    on_start: impl Fn(Lang) + Copy + 'static,
) -> impl IntoView {
    let all = highlights();
    let count = all.len().max(1);
    let all = StoredValue::new(all);
    let current = move || all.with_value(|all| all.get(highlight.get() % count).cloned());
    let step = Signal::derive(move || all.with_value(|all| all.get(highlight.get() % count).map(|(id, ..)| id.clone()).unwrap_or_default()));
    let (fr, en) = (plus_text(Lang::Fr), plus_text(Lang::En));
    let meta = &story().meta;
    view! {
        <div
            class="attract"
            class:paused=move || paused.get()
            role="dialog"
            aria-modal="true"
            aria-labelledby="attract-title"
            on:click=move |e| {
                if closest(e.target(), ".attract-controls").is_none() {
                    on_start(Lang::Fr);
                }
            }
        >
            // The territory greens slowly behind the highlights, its towns seen from the
            // agglomeration's height: the whole archipelago, nothing cut off.
            <Landscape step=step scale=ScaleId::Agglomeration lang=Lang::Fr />
            <div class="attract-sky">
                <h2 id="attract-title" lang="fr">{meta.title.fr.clone()}</h2>
                <p class="attract-kicker" lang="fr">{meta.promise.fr.clone()}</p>
                <div class="attract-highlight" aria-live="off">
                    {move || current().map(|(_, title, quote)| view! {
                        <p class="attract-step" lang="fr">{title}</p>
                        {quote.map(|q| view! { <blockquote lang="fr"><p>{q}</p></blockquote> })}
                    })}
                </div>
            </div>
            <div class="attract-start">
                <button type="button" class="attract-go" lang="fr">{fr.touch_to_start}</button>
                <div class="attract-controls">
                    <button type="button" class="button attract-english" lang="en" on:click=move |_| on_start(Lang::En)>
                        {en.start_in_this_language}
                    </button>
                    <button type="button" class="button" aria-pressed=move || paused.get().to_string() on:click=move |_| paused.update(|p| *p = !*p)>
                        {move || if paused.get() { fr.resume } else { fr.pause }}
                    </button>
                </div>
            </div>
        </div>
    }
}
