//! Kiosk mode at a public touch screen: an attract screen while nobody is there, and after a
//! while without input « Vous êtes toujours là ? », then a reset that clears the visit.
//! The layer puts together small hooks, each of which removes its own listeners and timers.

mod attract;
mod idle;
mod retention;
mod staff_hold;
mod window;

use leptos::prelude::*;
use recit_story::{Lang, Position, ScaleId};

use crate::components::staff::StaffPanel;
use crate::kiosk::{KioskConfig, Phase};
use attract::{use_attract_loop, Attract};
use idle::{use_idle_clock, StillThere};
use recit::history::use_nav;
use recit::story_data::story;
use recit::visit::use_visit;

/// The kiosk's layer above the story: attract screen, idle countdown, staff panel.
#[component]
pub fn KioskLayer(
    /// The delays, from the URL.
    config: KioskConfig,
) -> impl IntoView {
    let nav = use_nav();
    let visit = use_visit();
    let staff = staff_hold::use_staff_hold();
    retention::use_answer_retention();
    // No long-press menus on a public screen.
    window::listen(leptos::ev::contextmenu, |e| e.prevent_default());

    let attract = use_attract_loop(config);
    // Back to the start of the story, in French, under the attract screen. The step screen
    // stays mounted (only the position changes), so a day of cycles rebuilds nothing.
    let reset = move || {
        attract.show();
        // The next visitor starts with the full text.
        nav.set_easy(false);
        if let Some(start) = kiosk_start(Lang::Fr) {
            nav.go(&start.to_path());
        }
        visit.clear();
    };
    let idle = use_idle_clock(config, Signal::derive(move || attract.is_shown() || staff.get()), reset);
    // The visit starts where every visit begins, in the language the visitor chose (after a
    // reset the kiosk is already there: the visit starts now all the same).
    let start = move |lang: Lang| {
        attract.hide();
        idle.touch();
        if let Some(start) = kiosk_start(lang) {
            nav.go(&start.to_path());
            visit.record(start);
        }
    };
    attract.start_on_keys(move || start(Lang::Fr));

    view! {
        <Show when=move || attract.is_shown()>
            <Attract highlight=attract.highlight() paused=attract.paused() on_start=start />
        </Show>
        <Show when=move || staff.get()>
            <StaffPanel on_close=move || staff.set(false) />
        </Show>
        {move || match idle.phase() {
            Phase::Countdown { remaining_secs } if !attract.is_shown() => Some(view! { <StillThere remaining=remaining_secs lang=visit.lang() /> }),
            _ => None,
        }}
    }
}

/// Where every visit begins: the first step, at the commune, in `lang`.
fn kiosk_start(lang: Lang) -> Option<Position> {
    Position::start(story(), lang, ScaleId::Commune)
}
