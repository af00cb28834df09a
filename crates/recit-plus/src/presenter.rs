//! The teacher's console drives the projected view: both are windows of the same browser,
//! so a `BroadcastChannel` carries the console's path to the projection, without a server.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use recit::history::Nav;

const CHANNEL: &str = "recit-atelier";

/// Tells the projected views every path the console goes to.
pub fn broadcast_path(nav: Nav) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else { return };
    let path = nav.path();
    let sender = channel.clone();
    Effect::new(move |_| {
        let _ = sender.post_message(&path.get().into());
    });
    let channel = SendWrapper::new(channel);
    on_cleanup(move || channel.close());
}

/// Follows the console: goes wherever it goes.
pub fn follow_console(nav: Nav) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else { return };
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        // Only same-site paths: the channel is same-origin, but the path is still input.
        if let Some(path) = e.data().as_string().filter(|p| p.starts_with('/') && !p.starts_with("//")) {
            nav.go(&path);
        }
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let held = SendWrapper::new((channel, on_message));
    on_cleanup(move || {
        let (channel, on_message) = held.take();
        channel.set_onmessage(None);
        channel.close();
        drop(on_message);
    });
}

/// Opens the projected view of `path` in its own window (or brings it back).
pub fn open_projection(path: &str) {
    let url = format!("{path}{}", crate::workshop::WorkshopRole::Projection.to_query());
    let _ = window().open_with_url_and_target(&url, "recit-projection");
}
