//! Récit, the app: a thin Leptos layer over the `recit-story` model. The kiosk and the
//! workshop are another app (`src/plus/`, feature `modes`) that plugs into it through
//! [`modes::Modes`].

mod app;
pub mod components;
pub mod dom;
pub mod history;
pub mod i18n;
pub mod modes;
pub mod on_demand;
pub mod passages;
/// The device's storage: the modes app's and the editor's (the plain reader keeps nothing).
#[cfg(any(feature = "modes", feature = "editor"))]
pub mod storage;
pub mod story_data;
pub mod treemap;
pub mod visit;

#[cfg(feature = "editor")]
pub mod editor;

pub use app::App;

/// Starts the app in the page, with the modes it was built with.
pub fn mount(modes: &'static dyn modes::Modes) {
    modes::set(modes);
    remove_shell();
    leptos::mount::mount_to_body(App);
}

/// Removes the page's first paint (index.html's `.shell`), which the app replaces.
fn remove_shell() {
    if let Ok(Some(shell)) = leptos::prelude::document().query_selector(".shell") {
        shell.remove();
    }
}

/// Starts the council's editor in the page.
#[cfg(feature = "editor")]
pub fn mount_editor() {
    console_error_panic_hook::set_once();
    remove_shell();
    leptos::mount::mount_to_body(editor::EditorApp);
}
