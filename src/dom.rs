//! The one DOM question the event handlers ask: where did this event happen?

use wasm_bindgen::JsCast;

/// The event target itself or its nearest ancestor matching `selector`.
pub fn closest(target: Option<web_sys::EventTarget>, selector: &str) -> Option<web_sys::Element> {
    target?.dyn_into::<web_sys::Element>().ok()?.closest(selector).ok()?
}
