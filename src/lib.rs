//! Récit, the reader: a thin Leptos layer over the `recit-story` model. The kiosk and the
//! workshop are another app (`src/plus/`, feature `modes`) that plugs into it through
//! [`modes::Modes`]; the council's editor (`src/editor/`, feature `editor`) is a third app
//! built on it.
// The prerenderer's build (feature `prerender`: Leptos's `ssr`) nests the step screen's view
// types deeper than the default limit allows.
#![recursion_limit = "256"]

mod app;
pub mod components;
pub mod dom;
pub mod history;
pub mod i18n;
pub mod modes;
pub mod on_demand;
pub mod passages;
/// The device's storage: the modes app's and the editor's (the plain reader keeps nothing).
pub mod storage;
pub mod story_data;
pub mod treemap;
pub mod visit;

pub use app::{app, page_title};

/// Starts the reader in the page, with the modes it was built with. The page as it arrived
/// (prerendered, or index.html's first paint) stays until the reader can show the same
/// screen: the screen removes it (`app::Screen`), so an English page never flashes « Loading ».
pub fn mount(modes: &'static dyn modes::Modes) {
    modes::set(modes);
    let address = history::Address::of_window();
    leptos::mount::mount_to_body(move || app(address));
}

/// Mounts an app (the editor) in place of the page's first paint.
pub fn mount_app<V: leptos::prelude::IntoView + 'static>(app: impl FnOnce() -> V + 'static) {
    remove_first_paint();
    leptos::mount::mount_to_body(app);
}

/// Removes the page's first paint (`.shell`: index.html's, or a prerendered page's screen).
pub(crate) fn remove_first_paint() {
    if let Ok(Some(shell)) = leptos::prelude::document().query_selector(".shell") {
        shell.remove();
    }
}
