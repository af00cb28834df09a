//! The kiosk's idle clock: after a while without input « Vous êtes toujours là ? » with a
//! countdown, then a reset.

use leptos::ev;
use leptos::prelude::*;
use recit_story::Lang;

use super::window::{every, listen, now};
use crate::kiosk::{KioskConfig, Phase};
use crate::text::text as plus_text;

/// The time since the last input, as a phase of the visit.
#[derive(Clone, Copy)]
pub struct IdleClock {
    phase: RwSignal<Phase>,
    last_input: StoredValue<f64>,
}

/// The idle clock: any touch, key or wheel keeps the visit alive; `held` stops the clock
/// (the attract screen, staff at work); `reset` is called when the countdown ends.
pub fn use_idle_clock(config: KioskConfig, held: Signal<bool>, reset: impl Fn() + 'static) -> IdleClock {
    let clock = IdleClock { phase: RwSignal::new(Phase::Active), last_input: StoredValue::new(now()) };
    listen(ev::pointerdown, move |_| clock.touch());
    listen(ev::keydown, move |_| clock.touch());
    listen(ev::wheel, move |_| clock.touch());
    every(std::time::Duration::from_millis(u64::from(config.tick_ms())), move || {
        if held.get_untracked() {
            clock.touch();
            return;
        }
        match config.phase(now() - clock.last_input.get_value()) {
            Phase::Reset => {
                clock.phase.set(Phase::Active);
                reset();
            }
            p => clock.set_phase(p),
        }
    });
    clock
}

impl IdleClock {
    pub fn phase(self) -> Phase {
        self.phase.get()
    }

    /// An input: the visit goes on.
    pub fn touch(self) {
        self.last_input.set_value(now());
        self.set_phase(Phase::Active);
    }

    fn set_phase(self, phase: Phase) {
        if self.phase.get_untracked() != phase {
            self.phase.set(phase);
        }
    }
}

/// « Vous êtes toujours là ? » with the seconds left; any touch dismisses it.
#[component]
pub fn StillThere(
    /// Seconds before the reset.
    remaining: u32,
    /// The visitor's language.
    lang: Lang,
) -> impl IntoView {
    let pt = plus_text(lang);
    view! {
        <div class="still-there" role="alertdialog" aria-modal="true" aria-labelledby="still-there-title" aria-describedby="still-there-count">
            <div class="still-there-box">
                <h2 id="still-there-title">{pt.still_there}</h2>
                <p id="still-there-count" class="countdown">{pt.restart_in.replace("{n}", &remaining.to_string())}</p>
                <button type="button" class="button primary">{pt.continue_visit}</button>
            </div>
        </div>
    }
}
