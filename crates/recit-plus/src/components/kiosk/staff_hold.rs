//! Staff open their panel by holding the kiosk's top bar.

use leptos::ev;
use leptos::prelude::*;

use super::window::listen;
use recit::dom::closest;

/// How long staff hold the top bar to open their panel.
const STAFF_HOLD: std::time::Duration = std::time::Duration::from_millis(3000);

/// Whether the staff panel is open: a hold of the top bar opens it.
pub fn use_staff_hold() -> RwSignal<bool> {
    let open = RwSignal::new(false);
    let hold = StoredValue::new(None::<TimeoutHandle>);
    let release = move || {
        if let Some(h) = hold.get_value() {
            h.clear();
        }
        hold.set_value(None);
    };
    listen(ev::pointerdown, move |e| {
        if closest(e.target(), ".topbar").is_some() {
            release();
            hold.set_value(set_timeout_with_handle(move || open.set(true), STAFF_HOLD).ok());
        }
    });
    listen(ev::pointerup, move |_| release());
    listen(ev::pointercancel, move |_| release());
    on_cleanup(release);
    open
}
