//! The development council's editor (app `recit-editeur`, at `/editeur`): the
//! story as a map of steps × scales, each view edited in French and English with the build's
//! own validation beside every field, testimonies and their moderation, the changes against
//! the published story, undo and redo, a draft that never leaves the device unsaved, and the
//! story files out (a zip of `story/`) and in.

// Built with `--all-features`, Leptos's `ssr` (the static pages') nests view types deeper.
#![recursion_limit = "256"]

mod changes;
mod contributions;
mod device;
mod draft;
mod fields;
mod files;
mod live;
mod map;
mod motif;
mod picture;
mod route;
mod text;
mod view_editor;

use leptos::ev;
use leptos::prelude::*;
use recit_story::Lang;

use changes::ChangesPage;
use contributions::{Conflicts, ContributionsPage};
use draft::Draft;
use files::Imported;
use map::StoryMap;
use recit::components::import_outcome::{import_chosen_file, ImportOutcome, Outcome};
use recit::components::lang_switch::LangSwitch;
use recit::history::{use_nav, Address, Nav};
use recit::i18n::other;
use route::{EditorRoute, Page};
use text::text;
use view_editor::ViewEditor;

fn main() {
    console_error_panic_hook::set_once();
    recit::dom::with_stylesheet("/editor.css", || recit::mount_app(EditorApp));
}

/// The editor app.
#[component]
pub fn EditorApp() -> impl IntoView {
    let nav = Nav::provide(Address::of_window(), String::new());
    let draft = Draft::provide();
    live::Live::provide(draft);
    provide_context(Conflicts(RwSignal::new(Vec::new())));
    let route = Memo::new(move |_| EditorRoute::parse(&nav.path().get()));
    let lang = Memo::new(move |_| route.get().map_or(Lang::Fr, |r| r.lang));
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.get().code());
        }
        document().set_title(text(lang.get()).title);
    });

    // The draft is saved once typing pauses: a page hidden, closed or reloaded saves it now,
    // and so does going to another page of the editor.
    let hidden = window_event_listener(ev::visibilitychange, move |_| {
        if document().hidden() {
            draft.flush();
        }
    });
    let gone = window_event_listener(ev::pagehide, move |_| draft.flush());
    Effect::new(move |_| {
        route.track();
        draft.flush();
    });
    // Leaving with work not exported asks first (the draft stays on the device anyway).
    let leave = window_event_listener(ev::beforeunload, move |e| {
        draft.flush();
        if draft.unexported().get_untracked() {
            e.prevent_default();
            e.set_return_value("");
        }
    });
    // Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y), except in a field, which has its own undo.
    let keys = window_event_listener(ev::keydown, move |e| {
        if !(e.ctrl_key() || e.meta_key()) || recit::dom::closest(e.target(), "input, textarea, select").is_some() {
            return;
        }
        match (e.key().to_lowercase().as_str(), e.shift_key()) {
            ("z", false) => draft.undo(),
            ("z", true) | ("y", false) => draft.redo(),
            _ => return,
        }
        e.prevent_default();
    });
    on_cleanup(move || {
        hidden.remove();
        gone.remove();
        leave.remove();
        keys.remove();
        draft.flush();
    });

    move || {
        let Some(route) = route.get() else {
            let t = text(Lang::Fr);
            return view! {
                <main id="main" class="editor-main"><p role="alert">{t.not_found}</p><a href="/editeur">{t.map}</a></main>
            }
            .into_any();
        };
        view! { <EditorScreen route=route /> }.into_any()
    }
}

/// An editor page with the editor's header, toolbar and tabs.
#[component]
fn EditorScreen(route: EditorRoute) -> impl IntoView {
    let lang = route.lang;
    let t = text(lang);
    let tab = |page: Page, name: &'static str| {
        let current = std::mem::discriminant(&page) == std::mem::discriminant(&route.page);
        view! { <li><a href=route.to(page) aria-current=current.then_some("page")>{name}</a></li> }
    };
    let heading = match &route.page {
        Page::Map => t.map.to_string(),
        Page::View { step, scale } => format!("{step} · {}", recit::i18n::scale_label(*scale, lang)),
        Page::Contributions => t.contributions.to_string(),
        Page::Changes => t.changes.to_string(),
    };
    let body = match route.page.clone() {
        Page::Map => view! { <StoryMap route=route.clone() /> }.into_any(),
        Page::View { step, scale } => view! { <ViewEditor step=step scale=scale route=route.clone() /> }.into_any(),
        Page::Contributions => view! { <ContributionsPage lang=lang /> }.into_any(),
        Page::Changes => view! { <ChangesPage route=route.clone() /> }.into_any(),
    };
    let lang_target = route.in_lang(other(lang)).to_path();
    view! {
        <div class="editor">
            <a class="skip-link" href="#main">{recit::i18n::ui(lang).skip_to_content}</a>
            <header class="topbar">
                <span class="brand">{t.title}</span>
                <a class="brand-link" href=format!("/{}", lang.code())>{t.back_to_reader}</a>
                <LangSwitch lang=Signal::stored(lang) href=Signal::stored(lang_target) />
            </header>
            <Toolbar lang=lang />
            <live::LiveStatus lang=lang />
            <nav class="editor-tabs" aria-label=t.title>
                <ul>
                    {tab(Page::Map, t.map)}
                    {tab(Page::Contributions, t.contributions)}
                    {tab(Page::Changes, t.changes)}
                </ul>
            </nav>
            <main id="main" class="editor-main">
                <h1>{heading}</h1>
                {body}
            </main>
        </div>
    }
}

/// Undo, redo, export, import, and whether the draft is kept and exported.
#[component]
fn Toolbar(lang: Lang) -> impl IntoView {
    let draft = draft::use_draft();
    let t = text(lang);
    let Conflicts(conflicts) = expect_context::<Conflicts>();
    let outcome = RwSignal::new(None::<Outcome>);
    let input = NodeRef::<leptos::html::Input>::new();
    let nav = use_nav();
    let problems = Memo::new(move |_| draft.diagnostics().with(|d| d.iter().filter(|d| d.is_error()).count()));
    let export = move |_| {
        draft.flush();
        if files::download_zip(&draft.files(), &draft.used_media()).is_ok() {
            draft.mark_exported();
        }
    };
    let on_file = move |_| {
        import_chosen_file(input, outcome, files::MAX_ZIP_BYTES, move |name, bytes| match draft.with(|s| files::import(&draft.files(), s, name, &bytes))? {
            Imported::Story(story, media) => {
                draft.add_media(media);
                draft.replace(*story);
                Ok(t.imported.to_string())
            }
            Imported::Contributions(merge) => {
                let summary = t.merged.replace("{added}", &merge.added.to_string()).replace("{same}", &merge.same.to_string()).replace("{conflicts}", &merge.conflicts.len().to_string());
                let has_conflicts = !merge.conflicts.is_empty();
                draft.edit(|s| s.contributions = merge.merged);
                conflicts.set(merge.conflicts);
                if has_conflicts {
                    nav.go(&EditorRoute { lang, page: Page::Contributions }.to_path());
                }
                Ok(summary)
            }
        });
    };
    view! {
        <div class="toolbar">
            <button type="button" class="button" on:click=move |_| draft.undo() disabled=move || !draft.can_undo()>{t.undo}</button>
            <button type="button" class="button" on:click=move |_| draft.redo() disabled=move || !draft.can_redo()>{t.redo}</button>
            <button type="button" class="button primary" on:click=export>{t.export}</button>
            <button type="button" class="button" on:click=move |_| if let Some(i) = input.get() { i.click() }>{t.import}</button>
            <input type="file" accept=".toml,.zip" hidden node_ref=input on:change=on_file />
            <span class="draft-state" role="status">
                {move || match draft.refused().get() {
                    None => t.saved.to_string(),
                    Some(why) => t.not_saved.replace("{why}", &why.to_string()),
                }}
                {move || draft.unexported().get().then(|| format!(" · {}", t.unexported))}
                " · "
                {move || match problems.get() {
                    0 => t.no_problem.to_string(),
                    n => t.problems.replace("{n}", &n.to_string()),
                }}
            </span>
            <ImportOutcome outcome=outcome.into() refused=t.import_failed />
        </div>
    }
}
