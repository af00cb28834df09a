//! Window listeners and intervals that end with the component that set them.

use leptos::ev::EventDescriptor;
use leptos::prelude::*;

/// Listens to a window event until the current component goes.
pub fn listen<E>(event: E, handler: impl Fn(E::EventType) + 'static)
where
    E: EventDescriptor + 'static,
    E::EventType: wasm_bindgen::JsCast,
{
    let handle = window_event_listener(event, handler);
    on_cleanup(move || handle.remove());
}

/// Calls `tick` every `period` until the current component goes.
pub fn every(period: std::time::Duration, tick: impl Fn() + 'static) {
    if let Ok(handle) = set_interval_with_handle(tick, period) {
        on_cleanup(move || handle.clear());
    }
}

/// Milliseconds since the page started.
pub fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}
