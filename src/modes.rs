//! The seam between the plain reader and its modes, the kiosk (`?kiosk`) and the workshop
//! (`?atelier`). The modes are a second app (cargo feature `modes`, bin `recit-plus`) so that a
//! reader's first visit never downloads them; `web/boot.js` picks the app from the address.
//! Each function here has the modes' version and the plain reader's (which does nothing).

use leptos::prelude::*;
use recit_story::{Lang, Position, Route, Term, View};

use crate::history::Nav;

/// Reads the modes from the URL query, provides them to the app and returns the query to keep
/// on every move (empty for a plain reader).
pub fn install(query: &str) -> String {
    #[cfg(feature = "modes")]
    {
        use crate::plus::kiosk::KioskConfig;
        use crate::plus::workshop::WorkshopRole;
        crate::dom::add_stylesheet("/plus.css");
        let kiosk = KioskConfig::from_query(query);
        // A public kiosk is never a workshop: it would keep one pupil's work for the next visitor.
        let workshop = WorkshopRole::from_query(query).filter(|_| kiosk.is_none());
        provide_context(kiosk);
        provide_context(workshop);
        if kiosk.is_none() {
            crate::plus::workbook::Workbook::provide();
        }
        let classes = [kiosk.map(|_| "kiosk"), workshop.map(|_| "workshop"), workshop.map(WorkshopRole::class)];
        if let Some(html) = document().document_element() {
            for class in classes.into_iter().flatten() {
                let _ = html.class_list().add_1(class);
            }
        }
        kiosk.map(KioskConfig::to_query).or_else(|| workshop.map(|w| w.to_query().to_string())).unwrap_or_default()
    }
    #[cfg(not(feature = "modes"))]
    {
        let _ = query;
        String::new()
    }
}

/// Starts what a mode does beside the screens: the console drives the projection, the
/// projection follows it.
pub fn start(nav: Nav) {
    #[cfg(feature = "modes")]
    match crate::plus::workshop::use_workshop() {
        Some(crate::plus::workshop::WorkshopRole::Teacher) => crate::plus::presenter::broadcast_path(nav),
        Some(crate::plus::workshop::WorkshopRole::Projection) => crate::plus::presenter::follow_console(nav),
        _ => {}
    }
    #[cfg(not(feature = "modes"))]
    let _ = nav;
}

/// What lies over every screen: the kiosk's attract screen and countdown.
pub fn overlay() -> AnyView {
    #[cfg(feature = "modes")]
    if let Some(config) = use_context::<Option<crate::plus::kiosk::KioskConfig>>().flatten() {
        return view! { <crate::plus::components::kiosk::KioskLayer config=config /> }.into_any();
    }
    ().into_any()
}

/// Records the reader's position where a mode keeps it (a pupil's workbook).
pub fn record(position: &Position) {
    #[cfg(feature = "modes")]
    if crate::plus::workshop::use_workshop() == Some(crate::plus::workshop::WorkshopRole::Pupil) {
        if let Some(workbook) = crate::plus::workbook::use_workbook() {
            workbook.record(position);
        }
    }
    #[cfg(not(feature = "modes"))]
    let _ = position;
}

/// What follows a step's view: the workshop's panel, or the kiosk's question at the goal.
pub fn below_step(position: Signal<Position>) -> AnyView {
    #[cfg(feature = "modes")]
    {
        use crate::plus::components::visitor_voice::VisitorVoice;
        use crate::plus::components::workshop_panel::WorkshopPanel;
        let kiosk = use_context::<Option<crate::plus::kiosk::KioskConfig>>().flatten().is_some();
        let story = crate::story_data::story();
        view! {
            // At the desired model, a kiosk asks residents for their own future.
            <Show when=move || kiosk && story.goal() == Some(position.get().step.as_str())>
                <VisitorVoice position=position />
            </Show>
            <WorkshopPanel position=position />
        }
        .into_any()
    }
    #[cfg(not(feature = "modes"))]
    {
        let _ = position;
        ().into_any()
    }
}

/// The glossary words to mark in a view's text: in the workshop only.
pub fn marked_terms(view: &'static View) -> Vec<&'static Term> {
    #[cfg(feature = "modes")]
    if crate::plus::workshop::use_workshop().is_some() {
        return crate::plus::components::workshop_panel::view_terms(view);
    }
    let _ = view;
    Vec::new()
}

/// A glossary word that opens its definition (only ever asked for in the workshop).
pub fn term_button(term: &'static Term, lang: Lang, text: String) -> AnyView {
    #[cfg(feature = "modes")]
    return view! { <crate::plus::components::glossary::TermButton term=term lang=lang text=text /> }.into_any();
    #[cfg(not(feature = "modes"))]
    {
        let _ = (term, lang);
        text.into_any()
    }
}

/// A workshop page (quiz, « Mon récit », worksheet). The plain reader only gets here if the
/// address was changed without a reload; it loads the page as a new address, which picks
/// the workshop's app.
pub fn workshop_page(route: Route) -> AnyView {
    #[cfg(feature = "modes")]
    return view! { <crate::plus::components::workshop_pages::WorkshopScreen route=route /> }.into_any();
    #[cfg(not(feature = "modes"))]
    {
        let _ = window().location().assign(&format!("{}?atelier", route.to_path()));
        ().into_any()
    }
}

/// The pupil's way back to where they were, on the start screen.
pub fn resume_path() -> Option<String> {
    #[cfg(feature = "modes")]
    return crate::plus::workbook::use_workbook().and_then(|w| w.position()).filter(|_| crate::plus::workshop::use_workshop().is_some());
    #[cfg(not(feature = "modes"))]
    None
}

/// Whether the screen is a public kiosk.
pub fn is_kiosk() -> bool {
    #[cfg(feature = "modes")]
    return use_context::<Option<crate::plus::kiosk::KioskConfig>>().flatten().is_some();
    #[cfg(not(feature = "modes"))]
    false
}

/// A view's text with the reading tools (« Facile à lire », « Écouter »): working in place in
/// the modes app; in the plain reader, buttons that open the address in it.
pub fn view_text(position: Position, view: &'static View, terms: Vec<&'static Term>) -> AnyView {
    #[cfg(feature = "modes")]
    return view! { <crate::plus::components::reading::ViewText position=position view=view terms=terms /> }.into_any();
    #[cfg(not(feature = "modes"))]
    view! { <crate::components::reading::PlainViewText position=position view=view terms=terms /> }.into_any()
}
