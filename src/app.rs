//! Routing: the URL is the reader's position; this reads it and shows the right screen.

use leptos::prelude::*;
use recit_story::{parse_route, Lang, Position, Route, RouteError};

use crate::components::home::Home;
use crate::components::not_found::NotFound;
use crate::components::step_screen::StepScreen;
use crate::history::{Address, Nav};
use crate::i18n::scale_label;
use crate::modes;
use crate::story_data::story;
use crate::visit::Visit;

/// The reader at `address` (read from the window by [`crate::mount`], given by the
/// prerenderer). A plain function: a component's props would cost the first visit bytes.
pub fn app(address: Address) -> impl IntoView {
    let modes = modes::use_modes();
    let sticky = modes.install(&address.query);
    let nav = Nav::provide(address, sticky);
    Visit::provide();
    crate::passages::Passages::provide();
    crate::components::landscape::Scene::provide();
    crate::story_data::OtherLanguage::provide();
    crate::Parts::provide();
    modes.start(nav);
    view! {
        <Screen />
        {modes.overlay()}
    }
}

/// Which screen the URL asks for. Kept apart from the position so that moving between
/// steps updates the step screen in place (focus stays where it was) instead of rebuilding it.
#[derive(Clone, PartialEq)]
enum ScreenKind {
    Home(Lang),
    Step,
    Workshop(Route),
    NotFound(RouteError),
}

#[component]
fn Screen() -> impl IntoView {
    let path = crate::history::use_nav().path();
    let visit = crate::visit::use_visit();
    let modes = modes::use_modes();
    let route = Memo::new(move |_| parse_route(story(), &path.get()));
    let kind = Memo::new(move |_| match route.get() {
        Ok(Route::Home { lang }) => ScreenKind::Home(lang),
        Ok(Route::Step(_)) => ScreenKind::Step,
        Ok(route @ Route::Workshop { .. }) => ScreenKind::Workshop(route),
        // The modes app's other page (boot.js loads that app for it).
        Ok(route @ Route::PersonalData { .. }) => ScreenKind::Workshop(route),
        Err(e) => ScreenKind::NotFound(e),
    });
    let position = Memo::new(move |previous: Option<&Option<Position>>| match route.get() {
        Ok(Route::Step(p)) => Some(p),
        // Off the step screen, keep the last position (the step screen is not shown).
        _ => previous.cloned().flatten(),
    });
    let lang = Memo::new(move |_| match route.get() {
        Ok(r) => r.lang(),
        Err(e) => e.lang(),
    });

    // The plain reader fetches the story's other language when a reader first reads in it:
    // the screen waits for it (a moment), so that nothing shows in the wrong language.
    let other = crate::story_data::use_other_language();
    let readable = Memo::new(move |_| other.ready(lang.get()));
    let parts = crate::use_parts();
    // Until the screen is first readable, the page as it arrived stays (the same screen,
    // prerendered): no flash, no shift. The screen, built apart (`crate::mount`) and in parts
    // (`crate::Parts`), takes the page's place once whole.
    Effect::new(move |_| {
        if readable.get() {
            parts.finish();
        } else {
            other.load();
        }
    });

    // The reader's path: every step seen this visit, and in the workshop where the pupil is.
    Effect::new(move |_| {
        if let Some(p) = position.get() {
            modes.record(&p);
            visit.record(p);
        }
    });

    // <html lang> follows the language, and nothing else: setting it, even to the value it
    // has, makes the browser restyle the whole page (the landscape's drawing and every copy of
    // its towns included), which was most of a scale switch's style work, and, at the start,
    // of the page as it arrived, which has it right already. The arriving page's language and
    // title stay until the screen can be shown in its language.
    Effect::new(move |_| {
        let code = lang.get().code();
        if let (true, Some(html)) = (readable.get(), document().document_element()) {
            if html.get_attribute("lang").as_deref() != Some(code) {
                let _ = html.set_attribute("lang", code);
            }
        }
    });
    // The document title follows the language and the position.
    Effect::new(move |_| {
        let lang = lang.get();
        if !readable.get() {
            return;
        }
        let step = if kind.get() == ScreenKind::Step { position.get() } else { None };
        document().set_title(&page_title(lang, step.as_ref()));
    });

    move || match kind.get() {
        _ if !readable.get() => view! { <p class="loading">{crate::i18n::ui(lang.get_untracked()).loading}</p> }.into_any(),
        ScreenKind::Home(lang) => view! { <Home lang=lang /> }.into_any(),
        ScreenKind::Step => {
            let position = screen_memo(move || position.get().expect("the step screen has a position"));
            let visited = visit.visited();
            let visited = screen_memo(move || visited.get());
            view! { <StepScreen position=position visited=visited /> }.into_any()
        }
        ScreenKind::Workshop(route) => modes.workshop_page(route),
        ScreenKind::NotFound(error) => view! { <NotFound error=error /> }.into_any(),
    }
}

/// The document's title: the step's view, its scale and the story's, or the story's alone
/// (the prerendered pages have the same).
pub fn page_title(lang: Lang, step: Option<&Position>) -> String {
    let story_title = story().meta.title.get(lang);
    match step {
        Some(p) => {
            let view = story().step(&p.step).and_then(|s| s.view(p.scale)).map(|v| v.title.get(lang).to_string());
            format!("{} · {} · {story_title}", view.unwrap_or_default(), scale_label(p.scale, lang))
        }
        None => story_title.to_string(),
    }
}

/// What a screen reads of the app's lasting state (the position, the visit), as a memo that
/// stops reading when the screen goes. A source forgets a reader that is gone only when the
/// source next changes, and a home ↔ step switch changes neither: read directly, they kept
/// the remains of every effect of every step screen shown (wasm memory that grew with every
/// switch, found by bisecting the screen under heap measurements; the soak test watches it).
fn screen_memo<T: Clone + PartialEq + Send + Sync + 'static>(read: impl Fn() -> T + Send + Sync + 'static) -> Signal<T> {
    use leptos::reactive::graph::{Subscriber, ToAnySubscriber};
    let memo = ArcMemo::new(move |_| read());
    let reader = memo.clone();
    on_cleanup(move || reader.clear_sources(&reader.to_any_subscriber()));
    memo.into()
}
