//! Récit, the reader: a thin Leptos layer over the `recit-story` model. The kiosk and the
//! workshop are another app (the `recit-plus` crate) that plugs into it through
//! [`modes::Modes`]; the council's editor (the `recit-editeur` crate) is a third app built on
//! it; the program that checks, publishes and serves a site (`recit`) writes its static pages
//! with [`pages`].
// The static pages' build (feature `prerender`: Leptos's `ssr`) nests the step screen's view
// types deeper than the default limit allows.
#![recursion_limit = "256"]

mod app;
pub mod components;
pub mod dom;
pub mod history;
pub mod i18n;
pub mod modes;
pub mod on_demand;
/// The static pages, written on the host by the program that publishes a site.
#[cfg(feature = "prerender")]
pub mod pages;
pub mod passages;
/// The device's storage: the modes app's and the editor's (the plain reader keeps nothing).
pub mod storage;
pub mod story_data;
pub mod treemap;
pub mod visit;

pub use app::{app, page_title};

/// Starts the reader in the page, with the modes it was built with and the story the page's
/// loader fetched beside it (without a story it does not start: the page stays as it arrived,
/// readable). The page as it arrived (prerendered, or index.html's first paint) stays until
/// the reader can show the same screen: the screen removes it (`app::Screen`), so an English
/// page never flashes « Loading ».
pub fn mount(modes: &'static dyn modes::Modes) {
    if !story_data::install_from_page() {
        return;
    }
    modes::set(modes);
    let address = history::Address::of_window();
    leptos::mount::mount_to_body(move || app(address));
}

/// Mounts an app (the editor) in place of the page's first paint, with the story the page's
/// loader fetched beside it (see [`mount`]).
pub fn mount_app<V: leptos::prelude::IntoView + 'static>(app: impl FnOnce() -> V + 'static) {
    if !story_data::install_from_page() {
        return;
    }
    remove_first_paint();
    leptos::mount::mount_to_body(app);
}

/// Removes the page's first paint (`.shell`: index.html's, or a prerendered page's screen),
/// leaving the reader where they were. The scroll position stays as it is: the app's screen,
/// below, takes the place of the same screen. The focus, if the reader had moved it (to a link,
/// most often), moves to the same element of the app's screen: the link with the same `href`
/// and `class` (« Suivant » and the trajectory both link to the next step), else the element
/// with the same id; else it stays on the page's body.
pub(crate) fn remove_first_paint() {
    use wasm_bindgen::JsCast;
    let document = leptos::prelude::document();
    let Ok(Some(shell)) = document.query_selector(".shell") else { return };
    // Nothing of the app's screen, just rendered, has the focus yet.
    let same = document.active_element().and_then(|e| match e.get_attribute("href") {
        Some(href) => {
            let class = e.get_attribute("class").map_or(":not([class])".to_string(), |c| format!("[class=\"{c}\"]"));
            Some(format!("[href=\"{href}\"]{class}"))
        }
        None => Some(format!("#{}", e.id())).filter(|selector| selector.len() > 1),
    });
    shell.remove();
    if let Some(Ok(Some(same))) = same.map(|selector| document.query_selector(&selector)) {
        let _ = same.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}
