//! The reader with its modes, app `recit-plus`: the kiosk for public screens, the workshop for
//! classes and the reading tools, plugged into the reader (the `recit` library) as
//! [`Plus`]. `web/boot.js` loads this app for `?kiosk`, `?atelier`, `?facile`,
//! `?ecouter` and the workshop's pages. The library knows nothing of it. With feature
//! `prerender` (on the host), [`worksheets`] writes the workshop's printable worksheets'
//! static pages.

// With feature `prerender`, Leptos's `ssr` nests view types deeper.
#![recursion_limit = "256"]

mod components;
mod deployment;
mod kiosk;
mod presenter;
mod text;
mod visitor_answers;
mod workbook;
#[cfg(feature = "prerender")]
pub mod worksheets;
mod workshop;

use leptos::prelude::*;
use recit_story::workshop::{mark_terms, Piece};
use recit_story::{Lang, Position, Route, Story, Term, View};

use components::glossary::TermButton;
use components::kiosk::KioskLayer;
use components::reading::ViewText;
use components::visitor_voice::VisitorVoice;
use components::workshop_pages::WorkshopScreen;
use components::workshop_panel::{view_terms, WorkshopPanel};
use kiosk::KioskConfig;
use recit::history::Nav;
use recit::modes::Modes;
use workbook::{use_workbook, Workbook};
use workshop::{use_workshop, WorkshopRole};

/// Starts the app in the page.
pub fn start() {
    console_error_panic_hook::set_once();
    recit::dom::with_stylesheet(STYLESHEET, || recit::mount(&Plus));
}

/// This app's stylesheet, which it adds to the page before it starts (readers of the plain app
/// never load it).
const STYLESHEET: &str = "/plus.css";

/// The kiosk, the workshop and the reading tools, as this app plugs them in.
struct Plus;

/// The kiosk's settings, where the screen is a kiosk.
fn use_kiosk() -> Option<KioskConfig> {
    use_context::<Option<KioskConfig>>().flatten()
}

impl Modes for Plus {
    fn prepare_story(&self, story: &mut Story) {
        story.typeset_french();
    }

    fn install(&self, query: &str) -> String {
        let kiosk = KioskConfig::from_query(query);
        // A public kiosk is never a workshop: it would keep one pupil's work for the next visitor.
        let workshop = WorkshopRole::from_query(query).filter(|_| kiosk.is_none());
        provide_context(kiosk);
        provide_context(workshop);
        if kiosk.is_none() {
            Workbook::provide();
        }
        let classes = [kiosk.map(|_| "kiosk"), workshop.map(|_| "workshop"), workshop.map(WorkshopRole::class)];
        if let Some(html) = document().document_element() {
            for class in classes.into_iter().flatten() {
                let _ = html.class_list().add_1(class);
            }
        }
        kiosk.map(KioskConfig::to_query).or_else(|| workshop.map(|w| w.to_query().to_string())).unwrap_or_default()
    }

    fn start(&self, nav: Nav) {
        match use_workshop() {
            Some(WorkshopRole::Teacher) => presenter::broadcast_path(nav),
            Some(WorkshopRole::Projection) => presenter::follow_console(nav),
            _ => {}
        }
    }

    fn overlay(&self) -> AnyView {
        use_kiosk().map(|config| view! { <KioskLayer config=config /> }).into_any()
    }

    fn record(&self, position: &Position) {
        if use_workshop() == Some(WorkshopRole::Pupil) {
            if let Some(workbook) = use_workbook() {
                workbook.record(position);
            }
        }
    }

    fn below_step(&self, position: Signal<Position>) -> AnyView {
        let kiosk = use_kiosk().is_some();
        let story = recit::story_data::story();
        view! {
            // At the desired model, a kiosk asks residents for their own future.
            <Show when=move || kiosk && story.goal() == Some(position.get().step.as_str())>
                <VisitorVoice position=position />
            </Show>
            <WorkshopPanel position=position />
        }
        .into_any()
    }

    fn marked_terms(&self, view: &'static View) -> Vec<&'static Term> {
        // In the workshop only.
        if use_workshop().is_some() {
            view_terms(view)
        } else {
            Vec::new()
        }
    }

    fn marked_text(&self, text: &str, unmarked: &mut Vec<(String, String)>, terms: &[&'static Term], lang: Lang) -> AnyView {
        mark_terms(text, unmarked)
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(text) => text.to_string().into_any(),
                Piece::Term { text, id } => match terms.iter().find(|t| t.id == id) {
                    Some(term) => view! { <TermButton term=term lang=lang text=text.to_string() /> }.into_any(),
                    None => text.to_string().into_any(),
                },
            })
            .collect_view()
            .into_any()
    }

    fn workshop_page(&self, route: Route) -> AnyView {
        view! { <WorkshopScreen route=route /> }.into_any()
    }

    fn resume_path(&self) -> Option<String> {
        use_workbook().and_then(|w| w.position()).filter(|_| use_workshop().is_some())
    }

    fn is_kiosk(&self) -> bool {
        use_kiosk().is_some()
    }

    /// Embedded: a kiosk runs offline, and this app is no one's first visit.
    fn landscape(&self) -> Option<&'static str> {
        Some(recit::components::landscape::DRAWING)
    }

    fn view_text(&self, position: Position, view: &'static View, terms: Vec<&'static Term>) -> Option<AnyView> {
        Some(view! { <ViewText position=position view=view terms=terms /> }.into_any())
    }
}
