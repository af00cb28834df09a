//! Récit, the app: a thin Leptos layer over the `recit-story` model. The kiosk and the
//! workshop are compiled in only with the `modes` feature (see [`modes`]).

mod app;
pub mod components;
pub mod dom;
pub mod history;
pub mod i18n;
pub mod modes;
pub mod story_data;
pub mod treemap;
pub mod visit;

#[cfg(feature = "modes")]
pub mod plus;

#[cfg(feature = "editor")]
pub mod editor;

pub use app::App;

/// Starts the app in the page.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// Starts the council's editor in the page.
#[cfg(feature = "editor")]
pub fn mount_editor() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(editor::EditorApp);
}
