//! The workshop's own pages: the quiz at a scale, « Mon récit », and the printable
//! worksheets. Each is a deep link (see `recit_story::reader`).

use leptos::prelude::*;
use recit_story::progress::MyStory;
use recit_story::{Lang, Position, Route, ScaleId, Source, Step, WorkshopPage};

use crate::components::citation::source_line;
use crate::components::glossary::WordList;
use crate::components::personal_data::PersonalDataPage;
use crate::components::progress_file::ProgressFile;
use crate::components::quiz::Quiz;
use crate::components::workshop_panel::view_terms;
use crate::text::text as plus_text;
use crate::workbook::use_workbook;
use recit::components::landscape::Landscape;
use recit::components::lang_switch::LangSwitch;
use recit::components::rich_text::RichText;
use recit::i18n::{number, other, scale_label, ui};
use recit::story_data::story;

/// A workshop page at `route`, or the page on personal data (the modes app's pages).
#[component]
pub fn WorkshopScreen(
    /// The page's route, for the language switch.
    route: Route,
) -> impl IntoView {
    let lang = route.lang();
    if let Route::PersonalData { .. } = route {
        return view! { <PersonalDataPage lang=lang /> }.into_any();
    }
    let t = ui(lang);
    let pt = plus_text(lang);
    let Route::Workshop { page, .. } = route.clone() else { return ().into_any() };
    let title = match &page {
        WorkshopPage::Quiz(scale) => format!("{} — {}", pt.quiz, scale_label(*scale, lang)),
        WorkshopPage::MyStory => pt.my_story.to_string(),
        WorkshopPage::Worksheet(_) => pt.worksheet_title.to_string(),
    };
    let back = use_workbook().and_then(|w| w.position()).or_else(|| Position::start(story(), lang, ScaleId::Commune).map(|p| p.to_path())).unwrap_or_default();
    let lang_target = route.in_lang(other(lang)).to_path();
    let body = match page {
        WorkshopPage::Quiz(scale) => view! { <Quiz scale=scale lang=lang /> }.into_any(),
        WorkshopPage::MyStory => view! { <MyStoryForm lang=lang /> }.into_any(),
        WorkshopPage::Worksheet(step) => view! { <Worksheet step=step lang=lang /> }.into_any(),
    };
    view! {
        <div class="workshop-page">
            <a class="skip-link" href="#main">{t.skip_to_content}</a>
            <header class="topbar">
                <a class="brand" href=back>{pt.back_to_story}</a>
                <LangSwitch lang=Signal::stored(lang) href=Signal::stored(lang_target) />
            </header>
            <main id="main" class="page-main">
                <h1 tabindex="-1">{title}</h1>
                {body}
            </main>
        </div>
    }
    .into_any()
}

/// « Mon récit »: the pupil's own trajectory, saved on the device at every keystroke,
/// printable and saved to a file with the rest of their progress.
/// A field of « Mon récit »: its name, its label, and the answer it edits.
type StoryField = (&'static str, &'static str, fn(&mut MyStory) -> &mut String);

#[component]
fn MyStoryForm(lang: Lang) -> impl IntoView {
    let pt = plus_text(lang);
    let Some(workbook) = use_workbook() else { return ().into_any() };
    let fields: [StoryField; 6] = [
        ("town", pt.town, |s| &mut s.town),
        ("from", pt.from_where, |s| &mut s.from),
        ("to", pt.to_where, |s| &mut s.to),
        ("commune", pt.commune_can, |s| &mut s.commune),
        ("agglomeration", pt.agglomeration_can, |s| &mut s.agglomeration),
        ("pole", pt.pole_can, |s| &mut s.pole),
    ];
    view! {
        <p class="intro">{pt.my_story_intro}</p>
        <form class="my-story" on:submit=|e| e.prevent_default()>
            {fields.into_iter().map(|(id, label, field)| {
                // Reactive, so that an imported file shows at once.
                let value = move || field(&mut workbook.my_story()).clone();
                let id = format!("mon-recit-{id}");
                let on_input = move |e| {
                    let value = event_target_value(&e);
                    workbook.edit_my_story(|s| *field(s) = recit_story::progress::clean_text(&value));
                };
                view! {
                    <div class="field">
                        <label for=id.clone()>{label}</label>
                        {if id.ends_with("town") {
                            view! { <input id=id type="text" maxlength="200" prop:value=value on:input=on_input /> }.into_any()
                        } else {
                            view! { <textarea id=id rows="4" maxlength="10000" prop:value=value on:input=on_input></textarea> }.into_any()
                        }}
                    </div>
                }
            }).collect_view()}
        </form>
        <p class="actions no-print">
            <button type="button" class="button primary" on:click=|_| { let _ = window().print(); }>{pt.print}</button>
        </p>
        <div class="no-print"><ProgressFile lang=lang /></div>
    }
    .into_any()
}

/// The printable worksheet of the whole story, or of one step: the trajectory, then for each
/// step its three views summed up, with their questions, lines to write on, and sources.
#[component]
fn Worksheet(step: Option<String>, lang: Lang) -> impl IntoView {
    let t = ui(lang);
    let pt = plus_text(lang);
    let s = story();
    let steps: Vec<&'static Step> = match &step {
        Some(id) => s.step(id).into_iter().collect(),
        None => s.workshop_order(),
    };
    let title_at = |id: &str| s.step(id).and_then(|st| st.view(ScaleId::Commune)).map(|v| v.title.get(lang).to_string()).unwrap_or_default();
    view! {
        <p class="actions no-print">
            <button type="button" class="button primary" on:click=|_| { let _ = window().print(); }>{pt.print}</button>
        </p>
        <p class="name-date"><span>{pt.name_line}</span><span>{pt.date_line}</span></p>
        <section class="sheet-trajectory">
            <h2>{t.trajectory}</h2>
            <ol>
                {s.trajectory.iter().map(|id| {
                    let here = step.as_deref() == Some(id.as_str());
                    view! { <li class:here=here>{title_at(id)}</li> }
                }).collect_view()}
            </ol>
        </section>
        {steps.into_iter().map(|st| view! { <SheetStep step=st lang=lang /> }).collect_view()}
    }
}

/// One step of the worksheet, at the three scales.
#[component]
fn SheetStep(step: &'static Step, lang: Lang) -> impl IntoView {
    let t = ui(lang);
    let s = story();
    let kicker = match s.main_index(&step.id) {
        Some(i) => t.step_of(i + 1, s.trajectory.len()),
        None => t.side_path.to_string(),
    };
    let mut sources: Vec<&'static Source> = Vec::new();
    let mut terms: Vec<&'static recit_story::Term> = Vec::new();
    for view in &step.views {
        for term in view_terms(view) {
            if !terms.iter().any(|seen| seen.id == term.id) {
                terms.push(term);
            }
        }
        for source in recit::components::step_view::cited_sources(view) {
            if !sources.iter().any(|seen| seen.id == source.id) {
                sources.push(source);
            }
        }
    }
    view! {
        <section class="sheet-step" data-step=step.id.clone()>
            <Landscape step=step.id.clone() scale=ScaleId::Commune lang=lang />
            <p class="kicker">{kicker}</p>
            {step.views.iter().map(|view| {
                let position = Position { lang, scale: view.scale, step: step.id.clone() };
                let summary = view.text.get(lang).split("\n\n").next().unwrap_or_default().to_string();
                view! {
                    <section class="sheet-view">
                        <h2>{scale_label(view.scale, lang)} " — " {view.title.get(lang)}</h2>
                        <div class="summary"><RichText source=summary position=position /></div>
                        {view.figures.first().map(|f| view! {
                            <p class="sheet-figure"><strong>{number(f.value, lang)}</strong> " " {f.label.get(lang)}</p>
                        })}
                        {(!view.questions.is_empty()).then(|| view! {
                            <ol class="sheet-questions">
                                {view.questions.iter().map(|q| view! {
                                    <li><p>{q.get(lang)}</p><div class="write-lines" aria-hidden="true"></div></li>
                                }).collect_view()}
                            </ol>
                        })}
                        {(!view.activity.is_empty()).then(|| view! { <p class="activity"><strong>{t.activity}</strong> " — " {view.activity.get(lang)}</p> })}
                    </section>
                }
            }).collect_view()}
            <WordList terms=terms lang=lang />
            {(!sources.is_empty()).then(|| view! {
                <section class="sheet-sources">
                    <h3>{t.sources}</h3>
                    <ul>{sources.into_iter().map(|src| view! { <li>{source_line(src, lang)}</li> }).collect_view()}</ul>
                </section>
            })}
        </section>
    }
}
