//! « Et vous, quel avenir pour votre quartier ? » — a resident leaves a short answer at the
//! kiosk, as at the report's street stands. Answers are kept for staff, never shown here; a
//! notice says before « Envoyer » who receives them, why and for how long.

use leptos::prelude::*;
use recit_story::Position;

use crate::components::personal_data::AnswerNotice;
use crate::text::text as plus_text;
use crate::visitor_answers;

/// The most an answer may say: short enough for an on-screen keyboard.
pub const MAX_CHARS: usize = 280;

/// The question and its answer field.
#[component]
pub fn VisitorVoice(
    /// Where the visitor answers from (recorded with the answer).
    position: Signal<Position>,
) -> impl IntoView {
    let draft = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let lang = Signal::derive(move || position.get().lang);
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let text = draft.get_untracked().trim().to_string();
        if text.is_empty() {
            return;
        }
        let saved = visitor_answers::save(&position.get_untracked(), &text);
        if saved.is_ok() {
            draft.set(String::new());
        }
        outcome.set(Some(saved));
    };
    view! {
        <section class="visitor-voice">
            <form on:submit=submit>
                <label for="visitor-answer"><h2>{move || plus_text(lang.get()).your_future}</h2></label>
                <textarea
                    id="visitor-answer"
                    rows="3"
                    maxlength=MAX_CHARS
                    autocomplete="off"
                    aria-describedby="visitor-answer-notice"
                    prop:value=move || draft.get()
                    on:input=move |e| {
                        draft.set(event_target_value(&e));
                        outcome.set(None);
                    }
                ></textarea>
                <p class="hint">{move || format!("{} / {MAX_CHARS}", draft.with(|d| d.chars().count()))}</p>
                <AnswerNotice lang=lang id="visitor-answer-notice" />
                <button type="submit" class="button primary" disabled=move || draft.with(|d| d.trim().is_empty())>
                    {move || plus_text(lang.get()).send}
                </button>
                <p role="status" class="outcome">
                    {move || match outcome.get() {
                        Some(Ok(())) => plus_text(lang.get()).thanks.to_string(),
                        Some(Err(e)) => e,
                        None => String::new(),
                    }}
                </p>
            </form>
        </section>
    }
}
