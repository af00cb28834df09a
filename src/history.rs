//! The URL as the reader's state, without a router crate: the path is a signal, moving
//! pushes a history entry, and back/forward and same-site links are handled here.
//! (leptos_router cost far more wasm for what these few lines do; README, « Dependencies ».)

use leptos::ev;
use leptos::prelude::*;
use recit_story::reader::EASY_READ as EASY;

/// Where the app starts: the address's path and query (`?…`, or empty). [`crate::mount`] reads
/// it from the window once; the prerenderer gives each page's. Render reads only this, never
/// the window, so the same components render on the host.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Address {
    pub path: String,
    pub query: String,
}

impl Address {
    /// The window's address (in the browser only).
    pub fn of_window() -> Address {
        let location = window().location();
        Address { path: location.pathname().unwrap_or_else(|_| "/".into()), query: location.search().unwrap_or_default() }
    }

    /// Whether the query asks for the easy read (« Facile à lire »).
    fn easy(&self) -> bool {
        self.query.trim_start_matches('?').split('&').any(|p| p == EASY)
    }
}

/// The current path and the way to move. Copy it freely; get it with [`use_nav`].
#[derive(Clone, Copy)]
pub struct Nav {
    path: RwSignal<String>,
    /// A query kept on every move (the kiosk's settings), empty for most readers.
    sticky_query: StoredValue<String>,
    /// « Facile à lire »: the query's `facile` flag, kept on every move too.
    easy: RwSignal<bool>,
}

impl Nav {
    /// Creates the navigation of the app and listens to the browser's history and to clicks
    /// on same-site links; the listeners are removed when the owner is cleaned up.
    /// The app starts at `address`; `sticky_query` (e.g. `?kiosk&idle=5`) is kept on every
    /// path the app goes to.
    pub fn provide(address: Address, sticky_query: String) -> Nav {
        let nav = Nav { easy: RwSignal::new(address.easy()), path: RwSignal::new(address.path), sticky_query: StoredValue::new(sticky_query) };
        provide_context(nav);
        let popstate = window_event_listener(ev::popstate, move |_| {
            let address = Address::of_window();
            nav.easy.set(address.easy());
            nav.path.set(address.path);
        });
        let clicks = window_event_listener(ev::click, move |e| {
            if let Some(href) = same_site_link(&e) {
                e.prevent_default();
                nav.go(&href);
            }
        });
        on_cleanup(move || {
            popstate.remove();
            clicks.remove();
        });
        nav
    }

    /// The current URL path.
    pub fn path(&self) -> Signal<String> {
        self.path.into()
    }

    /// Goes to `path`, as a new history entry (nothing happens if already there).
    pub fn go(&self, path: &str) {
        if self.path.with_untracked(|p| p == path) {
            return;
        }
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&self.url(path)));
        }
        self.path.set(path.to_string());
    }

    /// Whether the reader asked for the easy read (« Facile à lire »).
    pub fn easy(&self) -> Signal<bool> {
        self.easy.into()
    }

    /// Turns the easy read on or off, in the address too (replacing its entry: it is a way of
    /// reading, not a move).
    pub fn set_easy(&self, on: bool) {
        if self.easy.get_untracked() == on {
            return;
        }
        self.easy.set(on);
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&self.url(&self.path.get_untracked())));
        }
    }

    /// `path` with the query kept on every move.
    fn url(&self, path: &str) -> String {
        let sticky = self.sticky_query.get_value();
        match (self.easy.get_untracked(), sticky.is_empty()) {
            (false, _) => format!("{path}{sticky}"),
            (true, true) => format!("{path}?{EASY}"),
            (true, false) => format!("{path}{sticky}&{EASY}"),
        }
    }
}

/// The app's navigation, provided by [`Nav::provide`].
pub fn use_nav() -> Nav {
    expect_context::<Nav>()
}

/// The path of a plain left click on a link to this site, which the app handles itself.
fn same_site_link(e: &ev::MouseEvent) -> Option<String> {
    if e.default_prevented() || e.button() != 0 || e.meta_key() || e.ctrl_key() || e.shift_key() || e.alt_key() {
        return None;
    }
    let link = crate::dom::closest(e.target(), "a[href]")?;
    if link.has_attribute("target") || link.has_attribute("download") {
        return None;
    }
    let href = link.get_attribute("href")?;
    // A link with a query changes the mode (kiosk, workshop role), read once at start: the
    // browser loads it.
    (href.starts_with('/') && !href.starts_with("//") && !href.contains('?')).then_some(href)
}
