//! What a mode may add to the reader. The kiosk (`?kiosk`) and the workshop (`?atelier`) are
//! a second app (the `recit-plus` crate), so that a reader's first visit never
//! downloads them; `web/boot.js` picks the app from the address. That app passes its
//! [`Modes`] to [`crate::mount`]; the plain reader passes [`PlainReader`], which adds nothing.
//! The core calls these hooks and knows nothing of the modes behind them.

use leptos::prelude::*;
use recit_story::{Lang, Position, Route, Story, Term, View};

use crate::history::Nav;

/// The hooks a mode plugs into the reader. Each default is what the plain reader does.
pub trait Modes: Send + Sync {
    /// Makes the story the app fetched ready to show, before anything renders. The plain
    /// reader's arrives typeset from the publish (`recit_story::site`); the modes app's is the
    /// story as the council wrote it.
    fn prepare_story(&self, story: &mut Story) {
        let _ = story;
    }

    /// Reads the modes from the URL query, provides them to the app and returns the query to
    /// keep on every move (empty for a plain reader).
    fn install(&self, query: &str) -> String {
        let _ = query;
        String::new()
    }

    /// Starts what a mode does beside the screens (the workshop's console and projection).
    fn start(&self, nav: Nav) {
        let _ = nav;
    }

    /// What lies over every screen (the kiosk's attract screen and countdown).
    fn overlay(&self) -> AnyView {
        ().into_any()
    }

    /// Records the reader's position where a mode keeps it (a pupil's workbook).
    fn record(&self, position: &Position) {
        let _ = position;
    }

    /// What follows a step's view (the workshop's panel, the kiosk's question at the goal).
    fn below_step(&self, position: Signal<Position>) -> AnyView {
        let _ = position;
        ().into_any()
    }

    /// The glossary words to mark in a view's text.
    fn marked_terms(&self, view: &'static View) -> Vec<&'static Term> {
        let _ = view;
        Vec::new()
    }

    /// A text with the first occurrence of each of the glossary words still `unmarked` (id,
    /// word as found) marked, where a mode marks words; those marked leave `unmarked`. Here
    /// rather than in the core's rich text: the word search's Unicode case tables are then
    /// not in the plain reader.
    fn marked_text(&self, text: &str, unmarked: &mut Vec<(String, String)>, terms: &[&'static Term], lang: Lang) -> AnyView {
        let _ = (unmarked, terms, lang);
        text.to_string().into_any()
    }

    /// A workshop page (quiz, « Mon récit », worksheet) or the personal data page. The plain
    /// reader only gets here if the address was changed without a reload: it loads the page as
    /// a new address, which picks the modes app.
    fn workshop_page(&self, route: Route) -> AnyView {
        let _ = route;
        let _ = window().location().set_search("atelier");
        ().into_any()
    }

    /// The pupil's way back to where they were, on the start screen.
    fn resume_path(&self) -> Option<String> {
        None
    }

    /// Whether the screen is a public kiosk.
    fn is_kiosk(&self) -> bool {
        false
    }
    /// The landscape's drawing, where an app embeds it (`web/landscape.svg`); the plain
    /// reader's is its page's, or fetched (see [`crate::components::landscape::Scene`]).
    fn landscape(&self) -> Option<&'static str> {
        None
    }
    /// The scale switcher drawn in place of the radio group: the static page's, links that
    /// work without the app. Not in the core: its bytes would be on every first visit.
    fn scale_links(&self, position: &Position) -> Option<AnyView> {
        let _ = position;
        None
    }

    /// A view's text with the reading tools working in place; `None` for the plain reader's,
    /// whose buttons open the address in the modes app.
    fn view_text(&self, position: Position, view: &'static View, terms: Vec<&'static Term>) -> Option<AnyView> {
        let _ = (position, view, terms);
        None
    }
}

/// The plain reader: no mode.
pub struct PlainReader;

impl Modes for PlainReader {}

thread_local! {
    /// The app's modes, set once by [`crate::mount`] (on the host, once per thread: a program
    /// renders each app's pages in a thread of its own). Not a context: one app runs in a
    /// page, and a context lookup at every call site costs the first visit bytes.
    static MODES: std::cell::OnceCell<&'static dyn Modes> = const { std::cell::OnceCell::new() };
}

/// The app's modes, as `mount` was given them (the plain reader's where the app was not
/// mounted with any: the editor's preview).
pub fn use_modes() -> &'static dyn Modes {
    MODES.with(|cell| cell.get().copied()).unwrap_or(&PlainReader)
}

/// Gives the app its modes, before it starts (the prerenderers too, on the host).
// Inline, as it was when private: else making it public grows recit-plus's wasm.
#[inline]
pub fn set(modes: &'static dyn Modes) {
    MODES.with(|cell| cell.set(modes).ok());
}
