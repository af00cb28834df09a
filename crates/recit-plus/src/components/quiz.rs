//! The quiz at a scale: one question at a time, checked at once with the report's words,
//! then the score. Answers are kept in the workbook, so a reload resumes.

use leptos::prelude::*;
use recit_story::{Lang, Position, QuizQuestion, ScaleId};

use crate::components::citation::Cited;
use crate::text::text as plus_text;
use crate::workbook::{answer_key, use_workbook, Workbook};
use recit::story_data::story;

/// The quiz of a scale's views, in the order of the story.
#[component]
pub fn Quiz(scale: ScaleId, lang: Lang) -> impl IntoView {
    let pt = plus_text(lang);
    let questions = story().quiz(scale);
    let total = questions.len();
    if total == 0 {
        return view! { <p>{pt.no_quiz}</p> }.into_any();
    }
    let Some(workbook) = use_workbook() else { return ().into_any() };
    let questions = StoredValue::new(questions);
    let key = move |i: usize| questions.with_value(|qs| answer_key(qs[i].0, scale, qs[i].1));
    // The question whose feedback is shown, until « Question suivante ».
    let reviewing = RwSignal::new(None::<usize>);
    let current = Memo::new(move |_| reviewing.get().or_else(|| (0..total).find(|&i| workbook.quiz_choice(&key(i)).is_none())));
    let score = move || (0..total).filter(|&i| workbook.quiz_choice(&key(i)).is_some_and(|c| questions.with_value(|qs| qs[i].2.is_right(usize::from(c).saturating_sub(1))))).count();

    (move || match current.get() {
        Some(i) => {
            let (step, number, question) = questions.with_value(|qs| qs[i]);
            // Read here, so that an answer shows its feedback at once.
            let answered = workbook.quiz_choice(&key(i)).map(|c| usize::from(c).saturating_sub(1));
            view! { <QuizStep at=QuizAt { index: i, total, step, number, scale, lang } question=question answered=answered workbook=workbook reviewing=reviewing /> }.into_any()
        }
        None => view! {
            <div class="quiz-score">
                <p class="score" role="status">{pt.score(score(), total)}</p>
                <button type="button" class="button" on:click=move |_| workbook.restart_quiz(scale)>{pt.restart_quiz}</button>
            </div>
        }
        .into_any(),
    })
    .into_any()
}

/// Where a question stands in the quiz.
#[derive(Clone, Copy)]
struct QuizAt {
    /// 0-based, in the quiz.
    index: usize,
    total: usize,
    /// The step whose view asks it.
    step: &'static str,
    /// 0-based, in that view.
    number: usize,
    scale: ScaleId,
    lang: Lang,
}

/// One question: its options, « Vérifier », then the feedback and the way on.
#[component]
fn QuizStep(
    /// Where the question stands.
    at: QuizAt,
    question: &'static QuizQuestion,
    /// The pupil's answer, 0-based, once checked.
    answered: Option<usize>,
    /// Where the pupil's answers are kept.
    workbook: Workbook,
    /// The question whose feedback is shown: set on « Vérifier », cleared on the way on.
    reviewing: RwSignal<Option<usize>>,
) -> impl IntoView {
    let (i, lang) = (at.index, at.lang);
    let pt = plus_text(lang);
    let key = answer_key(at.step, at.scale, at.number);
    let choice = RwSignal::new(None::<usize>);
    let name = format!("quiz-{i}");
    let check = move |_| {
        if let Some(c) = choice.get_untracked() {
            workbook.choose(key.clone(), u8::try_from(c + 1).unwrap_or(u8::MAX));
            reviewing.set(Some(i));
        }
    };
    view! {
        <form class="quiz" on:submit=|e| e.prevent_default()>
            <fieldset prop:disabled=answered.is_some()>
                <legend>
                    <span class="kicker">{pt.question_of(i + 1, at.total)}</span>
                    <span class="question">{question.question.get(lang)}</span>
                </legend>
                {question.options.iter().enumerate().map(|(j, o)| {
                    let id = format!("{name}-{j}");
                    let class = match answered {
                        Some(_) if question.is_right(j) => "option right",
                        Some(a) if a == j => "option wrong",
                        _ => "option",
                    };
                    view! {
                        <div class=class>
                            // Properties, not attributes: the inputs may be reused from the previous question.
                            <input type="radio" id=id.clone() name=name.clone() prop:checked=answered == Some(j)
                                on:change=move |_| choice.set(Some(j)) />
                            <label for=id>{o.get(lang)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            {match answered {
                None => view! {
                    <button type="button" class="button primary" on:click=check disabled=move || choice.get().is_none()>{pt.check}</button>
                }.into_any(),
                Some(a) => view! {
                    <QuizFeedback at=at question=question answer=a />
                    <button type="button" class="button primary" on:click=move |_| reviewing.set(None)>
                        {if i + 1 < at.total { pt.next_question } else { pt.see_score }}
                    </button>
                }.into_any(),
            }}
        </form>
    }
}

/// Right or wrong, the right answer, why, the report's passage and the step it comes from.
#[component]
fn QuizFeedback(
    /// Where the question stands.
    at: QuizAt,
    question: &'static QuizQuestion,
    /// The pupil's answer, 0-based.
    answer: usize,
) -> impl IntoView {
    let lang = at.lang;
    let pt = plus_text(lang);
    let right = question.is_right(answer);
    view! {
        <div class="feedback" role="status">
            <p class="verdict">{if right { pt.right } else { pt.wrong }}</p>
            {(!right).then(|| view! {
                <p>{pt.right_answer_was}{question.options.get(question.answer as usize - 1).map(|o| o.get(lang).to_string())}</p>
            })}
            <p class="explanation">{question.explanation.get(lang)}</p>
            {story().source(&question.source).map(|s| view! { <Cited source=s lang=lang /> })}
            <p class="from-step">
                <a href=Position { lang, scale: at.scale, step: at.step.to_string() }.to_path()>
                    {story().step(at.step).and_then(|s| s.view(at.scale)).map(|v| v.title.get(lang).to_string())}
                </a>
            </p>
        </div>
    }
}
