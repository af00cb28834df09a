//! Kiosk mode at a public touch screen: an attract screen while nobody is there, and after a
//! while without input « Vous êtes toujours là ? », then a reset that clears the visit.

use leptos::ev;
use leptos::prelude::*;
use recit_story::{Lang, Position, ScaleId};

use recit::components::landscape::Landscape;
use crate::components::staff::StaffPanel;
use recit::dom::closest;
use recit::history::use_nav;
use crate::text::text as plus_text;
use crate::deployment::{self, DEFAULT_RETENTION_DAYS};
use crate::kiosk::{KioskConfig, Phase};
use crate::visitor_answers;
use recit::story_data::story;
use recit::visit::use_visit;

/// How long each highlight of the attract screen stays.
const HIGHLIGHT_MS: f64 = 7000.0;
/// How long staff hold the top bar to open their panel.
const STAFF_HOLD_MS: i32 = 3000;

fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// The kiosk's layer above the story: attract screen and idle countdown.
#[component]
pub fn KioskLayer(
    /// The delays, from the URL.
    config: KioskConfig,
) -> impl IntoView {
    let nav = use_nav();
    let visit = use_visit();
    let attract = RwSignal::new(true);
    let phase = RwSignal::new(Phase::Active);
    let last_input = StoredValue::new(now());
    let attract_started = StoredValue::new(now());
    let highlight = RwSignal::new(0usize);
    let paused = RwSignal::new(false);

    // Any input keeps the visit alive.
    let on_input = move || {
        last_input.set_value(now());
        if phase.get_untracked() != Phase::Active {
            phase.set(Phase::Active);
        }
    };
    // The attract screen ends on a whole tap (a click, so that the same touch does not also
    // press what lies under it), or Enter or Space, anywhere but on its own controls.
    let start = move || {
        attract.set(false);
        on_input();
        if let Some(start) = kiosk_start() {
            nav.go(&start.to_path());
            // After a reset the kiosk is already there: the visit starts now all the same.
            visit.record(start);
        }
    };
    // Holding the top bar opens the staff panel.
    let staff = RwSignal::new(false);
    let hold = StoredValue::new(None::<TimeoutHandle>);
    let release = move || {
        if let Some(h) = hold.get_value() {
            h.clear();
        }
        hold.set_value(None);
    };
    let handles = [
        window_event_listener(ev::pointerdown, move |e| {
            on_input();
            if closest(e.target(), ".topbar").is_some() {
                release();
                hold.set_value(set_timeout_with_handle(move || staff.set(true), std::time::Duration::from_millis(STAFF_HOLD_MS as u64)).ok());
            }
        }),
        window_event_listener(ev::pointerup, move |_| release()),
        window_event_listener(ev::pointercancel, move |_| release()),
        window_event_listener(ev::keydown, move |e| {
            on_input();
            if attract.get_untracked() && matches!(e.key().as_str(), "Enter" | " ") && closest(e.target(), ".attract-controls").is_none() {
                e.prevent_default();
                start();
            }
        }),
        window_event_listener(ev::wheel, move |_| on_input()),
    ];
    // No long-press menus on a public screen.
    let menu = window_event_listener(ev::contextmenu, |e| e.prevent_default());

    // Residents' answers leave the kiosk once older than the deployment's retention period:
    // checked at start, then every hour (a kiosk runs for weeks).
    let retention_days = StoredValue::new(DEFAULT_RETENTION_DAYS);
    leptos::task::spawn_local(async move {
        let days = deployment::retention_days_now().await;
        retention_days.try_set_value(days);
        visitor_answers::delete_expired(days);
    });
    let retention_check = set_interval_with_handle(
        move || {
            visitor_answers::delete_expired(retention_days.get_value());
        },
        std::time::Duration::from_secs(3600),
    )
    .ok();

    // Back to the start of the story, in French, under the attract screen. The step screen
    // stays mounted (only the position changes), so a day of cycles rebuilds nothing.
    let reset = move || {
        phase.set(Phase::Active);
        highlight.set(0);
        paused.set(false);
        attract_started.set_value(now());
        attract.set(true);
        // The next visitor starts with the full text.
        nav.set_easy(false);
        if let Some(start) = kiosk_start() {
            nav.go(&start.to_path());
        }
        visit.clear();
    };
    let tick = set_interval_with_handle(
        move || {
            let t = now();
            if attract.get_untracked() {
                let reduced = prefers_reduced_motion();
                if !paused.get_untracked() && !reduced && t - attract_started.get_value() >= HIGHLIGHT_MS {
                    attract_started.set_value(t);
                    highlight.update(|h| *h += 1);
                }
                return;
            }
            if staff.get_untracked() {
                // Staff at work: the visit does not time out under them.
                last_input.set_value(t);
            }
            match config.phase(t - last_input.get_value()) {
                Phase::Reset => reset(),
                p => {
                    if phase.get_untracked() != p {
                        phase.set(p);
                    }
                }
            }
        },
        std::time::Duration::from_millis(u64::from(config.tick_ms())),
    )
    .ok();
    on_cleanup(move || {
        for h in handles {
            h.remove();
        }
        menu.remove();
        for t in [tick, retention_check].into_iter().flatten() {
            t.clear();
        }
        release();
    });

    view! {
        <Show when=move || attract.get()>
            <Attract highlight=highlight.into() paused=paused on_start=start />
        </Show>
        <Show when=move || staff.get()>
            <StaffPanel on_close=move || staff.set(false) />
        </Show>
        {move || match phase.get() {
            Phase::Countdown { remaining_secs } if !attract.get() => Some(view! { <StillThere remaining=remaining_secs lang=visit.lang() /> }),
            _ => None,
        }}
    }
}

/// Where every visit begins: the first step, in French, at the commune.
fn kiosk_start() -> Option<Position> {
    Position::start(story(), Lang::Fr, ScaleId::Commune)
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

/// The loop shown while nobody is there; the first touch starts the story.
#[component]
fn Attract(
    /// Which highlight to show (it grows; taken modulo their number).
    highlight: Signal<usize>,
    /// Paused by the visitor (WCAG 2.2.2).
    paused: RwSignal<bool>,
    /// Starts the visit.
    on_start: impl Fn() + Copy + 'static,
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
                    on_start();
                }
            }
        >
            // The territory greens slowly behind the highlights, at the commune.
            <Landscape step=step scale=ScaleId::Commune lang=Lang::Fr />
            <p class="attract-kicker" lang="fr">{meta.promise.fr.clone()}</p>
            <h2 id="attract-title" lang="fr">{meta.title.fr.clone()}</h2>
            <div class="attract-highlight" aria-live="off">
                {move || current().map(|(_, title, quote)| view! {
                    <p class="attract-step" lang="fr">{title}</p>
                    {quote.map(|q| view! { <blockquote lang="fr"><p>{q}</p></blockquote> })}
                })}
            </div>
            <p class="attract-touch">
                <span lang="fr">{fr.touch_to_start}</span>
                <span lang="en">{en.touch_to_start}</span>
            </p>
            <div class="attract-controls">
                <button type="button" class="button" aria-pressed=move || paused.get().to_string() on:click=move |_| paused.update(|p| *p = !*p)>
                    {move || if paused.get() { fr.resume } else { fr.pause }}
                </button>
            </div>
        </div>
    }
}

/// « Vous êtes toujours là ? » with the seconds left; any touch dismisses it.
#[component]
fn StillThere(
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
