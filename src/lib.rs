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
/// the reader can show the same screen: the reader's screen is built apart from the page, out
/// of the document, and takes its place once whole ([`Parts`], [`take_over`]), so an English
/// page never flashes « Loading ».
pub fn mount(modes: &'static dyn modes::Modes) {
    use wasm_bindgen::JsCast;
    if !story_data::install_from_page(|story| modes.prepare_story(story)) {
        return;
    }
    modes::set(modes);
    let address = history::Address::of_window();
    let document = leptos::prelude::document();
    // Out of the document while the page it replaces is there; in the body where there is none.
    let parent = match document.query_selector(".shell") {
        Ok(Some(_)) => document.create_element("div").ok().inspect(|screen| SCREEN.set(Some(screen.clone()))),
        _ => document.body().map(Into::into),
    };
    let Some(parent) = parent else { return };
    leptos::mount::mount_to(parent.unchecked_into(), move || app(address)).forget();
}

thread_local! {
    /// Where the reader's screen is built: out of the document until it takes the page's place.
    static SCREEN: std::cell::RefCell<Option<web_sys::Element>> = const { std::cell::RefCell::new(None) };
}

/// The first screen, built in parts while the page as it arrived stays: one part a task, out of
/// the document, so that no task of the app's start holds up the page (a tap, a scroll) for
/// long; once whole, it takes the page's place ([`take_over`]). Any later screen, or a screen
/// with no page to replace (the prerenderer's), is built whole at once.
#[derive(Clone, Copy)]
pub(crate) struct Parts {
    built: leptos::prelude::RwSignal<u8>,
    next: leptos::prelude::StoredValue<Option<leptos::prelude::TimeoutHandle>>,
}

impl Parts {
    /// How many parts a step screen is built in, after its header (its first task).
    const LAST: u8 = 4;

    pub(crate) fn provide() {
        use leptos::prelude::*;
        let apart = SCREEN.with_borrow(Option::is_some);
        let parts = Parts { built: RwSignal::new(if apart { 0 } else { Self::LAST }), next: StoredValue::new(None) };
        on_cleanup(move || {
            if let Some(Some(next)) = parts.next.try_get_value() {
                next.clear();
            }
        });
        provide_context(parts);
    }

    /// Whether part `n` (1 to [`Parts::LAST`]) of the first screen is to be built by now: a
    /// memo, so that what reads it runs again only when that part comes, not at every part.
    pub(crate) fn built(self, n: u8) -> leptos::prelude::Memo<bool> {
        use leptos::prelude::Get;
        leptos::prelude::Memo::new(move |_| self.built.get() >= n)
    }

    /// Builds the remaining parts, each a task later, then puts the screen in the page's place.
    pub(crate) fn finish(self) {
        use leptos::prelude::*;
        let next = set_timeout_with_handle(
            move || {
                if self.built.get_untracked() < Self::LAST {
                    self.built.update(|n| *n += 1);
                    self.finish();
                } else {
                    take_over();
                }
            },
            std::time::Duration::ZERO,
        );
        self.next.set_value(next.ok());
    }
}

/// The app's [`Parts`].
pub(crate) fn use_parts() -> Parts {
    leptos::prelude::expect_context::<Parts>()
}

/// Mounts an app (the editor) in place of the page's first paint, with the story the page's
/// loader fetched beside it, as written (see [`mount`]): the editor's draft starts from it.
pub fn mount_app<V: leptos::prelude::IntoView + 'static>(app: impl FnOnce() -> V + 'static) {
    if !story_data::install_from_page(|_| ()) {
        return;
    }
    take_over();
    leptos::mount::mount_to_body(app);
}

/// Puts the reader's screen, once built, in place of the page's first paint (`.shell`:
/// index.html's, or a prerendered page's screen), leaving the reader where they were; without a
/// screen (the editor's), removes the first paint. The scroll position stays as it is: the
/// app's screen takes the place of the same screen. The focus, if the reader had moved it (to a
/// link, most often), moves to the same element of the app's screen: the link with the same
/// `href` and `class` (« Suivant » and the trajectory both link to the next step), else the
/// element with the same id; else it stays on the page's body.
pub(crate) fn take_over() {
    use wasm_bindgen::JsCast;
    let document = leptos::prelude::document();
    let shell = document.query_selector(".shell").ok().flatten();
    // Nothing of the app's screen has the focus yet.
    let same = document.active_element().and_then(|e| match e.get_attribute("href") {
        Some(href) => {
            let class = e.get_attribute("class").map_or(":not([class])".to_string(), |c| format!("[class=\"{c}\"]"));
            Some(format!("[href=\"{href}\"]{class}"))
        }
        None => Some(format!("#{}", e.id())).filter(|selector| selector.len() > 1),
    });
    let Some(shell) = shell else { return };
    match (SCREEN.take(), shell.parent_node()) {
        (Some(screen), Some(page)) => {
            // Hidden now, removed once the next frame has taken down its boxes: removed at
            // once, each of its boxes was taken down in this task, which made it a long one.
            let _ = shell.set_attribute("hidden", "");
            // The drawing's shapes are named, and each copy of a shape (`<use>`) is drawn anew
            // whenever what its name points to may have changed: while the page's drawing and
            // the screen's, with the same names, were both in the document, removing the page
            // drew every copy of the screen's again.
            if let Ok(Some(shapes)) = shell.query_selector(".land defs") {
                shapes.remove();
            }
            let _ = page.insert_before(&screen, Some(&shell));
            leptos::prelude::request_animation_frame(move || {
                leptos::prelude::set_timeout(move || shell.remove(), std::time::Duration::ZERO);
            });
        }
        _ => shell.remove(),
    }
    if let Some(Ok(Some(same))) = same.map(|selector| document.query_selector(&selector)) {
        let _ = same.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}
