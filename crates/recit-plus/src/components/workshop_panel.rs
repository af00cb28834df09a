//! The workshop below a step: the view's questions (pupils write their answers, kept on the
//! device), the activity, the words to know and the workshop's pages. The teacher's console
//! adds the notes, the pupils' link and the projection.

use leptos::prelude::*;
use recit_story::{Position, Route, Term, View, WorkshopPage};

use crate::components::glossary::WordList;
use crate::components::progress_file::ProgressFile;
use crate::components::qr_code::QrCodeImage;
use crate::text::text as plus_text;
use crate::workbook::{answer_key, use_workbook};
use crate::workshop::{use_workshop, WorkshopRole};
use recit::components::rich_text::RichText;
use recit::i18n::ui;
use recit::story_data::story;

/// The glossary terms of a view, in its order.
pub fn view_terms(view: &'static View) -> Vec<&'static Term> {
    view.terms.iter().filter_map(|id| story().term(id)).collect()
}

/// The workshop part of the step at `position`.
#[component]
pub fn WorkshopPanel(
    /// The reader's position.
    position: Signal<Position>,
) -> impl IntoView {
    let role = use_workshop();
    move || {
        let role = role?;
        let p = position.get();
        let view = story().step(&p.step)?.view(p.scale)?;
        let t = ui(p.lang);
        let pt = plus_text(p.lang);
        let lang = p.lang;
        Some(view! {
            <section class="workshop-panel" aria-labelledby="workshop-title">
                <h2 id="workshop-title">{pt.workshop}</h2>
                {(role == WorkshopRole::Teacher).then(|| view! { <TeacherConsole position=p.clone() view=view /> })}
                <Questions position=p.clone() view=view editable=role == WorkshopRole::Pupil />
                {(!view.activity.is_empty()).then(|| view! {
                    <h3>{t.activity}</h3>
                    <p class="activity">{view.activity.get(lang)}</p>
                })}
                <WordList terms=view_terms(view) lang=lang />
                {(role != WorkshopRole::Projection).then(|| view! { <WorkshopLinks position=p.clone() /> })}
                {(role == WorkshopRole::Pupil).then(|| view! { <ProgressFile lang=lang /> })}
            </section>
        })
    }
}

/// A view's questions; on a pupil's tablet, each with a field for the answer.
#[component]
fn Questions(position: Position, view: &'static View, editable: bool) -> impl IntoView {
    let workbook = use_workbook().filter(|_| editable);
    let t = ui(position.lang);
    (!view.questions.is_empty()).then(|| {
        view! {
            <h3>{t.questions}</h3>
            <ol class="questions">
                {view.questions.iter().enumerate().map(|(i, q)| {
                    let key = answer_key(&position.step, position.scale, i);
                    let id = format!("answer-{}", i + 1);
                    view! {
                        <li>
                            <label for=id.clone()>{q.get(position.lang)}</label>
                            {workbook.map(|w| {
                                let shown = key.clone();
                                // Reactive, so that an imported file shows at once; the same value
                                // set again leaves the caret where it is.
                                view! {
                                    <textarea id=id rows="3" maxlength="10000" prop:value=move || w.answer(&shown)
                                        on:input=move |e| w.set_answer(key.clone(), &event_target_value(&e))></textarea>
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        }
    })
}

/// Links to the quiz at this scale, « Mon récit » and the worksheets.
#[component]
fn WorkshopLinks(position: Position) -> impl IntoView {
    let pt = plus_text(position.lang);
    let page = |page| Route::Workshop { lang: position.lang, page }.to_path();
    view! {
        <nav class="workshop-links" aria-label=pt.workshop>
            <ul>
                <li><a class="button" href=page(WorkshopPage::Quiz(position.scale))>{pt.quiz_here}</a></li>
                <li><a class="button" href=page(WorkshopPage::MyStory)>{pt.my_story}</a></li>
                <li><a class="button" href=page(WorkshopPage::Worksheet(Some(position.step.clone())))>{pt.worksheet_step}</a></li>
                <li><a class="button" href=page(WorkshopPage::Worksheet(None))>{pt.worksheet_all}</a></li>
            </ul>
        </nav>
    }
}

/// The teacher's part: notes and expected answers, the pupils' link as a QR code, and the
/// projected view. Only on the console (`?atelier=enseignant`), never projected.
#[component]
fn TeacherConsole(position: Position, view: &'static View) -> impl IntoView {
    let lang = position.lang;
    let pt = plus_text(lang);
    let path = position.to_path();
    let pupils_url = format!("{}{path}{}", window().location().origin().unwrap_or_default(), WorkshopRole::Pupil.to_query());
    let projection_path = path.clone();
    view! {
        <div class="teacher-console">
            {(!view.notes.is_empty()).then(|| view! {
                <section class="teacher-notes">
                    <h3>{pt.teacher_notes}</h3>
                    <RichText source=view.notes.get(lang).to_string() position=position.clone() />
                </section>
            })}
            <section class="pupils-link">
                <h3>{pt.pupils_link}</h3>
                <QrCodeImage text=Signal::stored(pupils_url.clone()) label=pt.pupils_link />
                <p class="url">{pupils_url}</p>
                <p class="help">{pt.pupils_link_help}</p>
            </section>
            <p>
                <button type="button" class="button" on:click=move |_| crate::presenter::open_projection(&projection_path)>{pt.open_projection}</button>
                " "
                <span class="help">{pt.projection_help}</span>
            </p>
        </div>
    }
}
