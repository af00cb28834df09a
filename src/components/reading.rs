//! A view's text with its two ways of reading, in one line above it: « Facile à lire » shows
//! the view's easy read in place of its text (the choice is the address's `facile` flag, see
//! [`crate::history::Nav::set_easy`]); « Écouter » reads the title and the text shown aloud
//! with the browser's speech synthesis.

use leptos::prelude::*;
use recit_story::spoken::spoken;
use recit_story::{Lang, Position, Term, View};
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

use crate::components::rich_text::RichText;
use crate::easy_texts::{use_easy_texts, Easy};
use crate::history::use_nav;
use crate::i18n::ui;

/// The reading buttons, then the view's text or its easy read.
#[component]
pub fn ViewText(position: Position, view: &'static View, terms: Vec<&'static Term>) -> impl IntoView {
    let nav = use_nav();
    let easy = nav.easy();
    let texts = use_easy_texts();
    let (lang, t) = (position.lang, ui(position.lang));
    Effect::new(move |_| {
        if easy.get() {
            texts.load_for(view);
        }
    });
    let at = position.clone();
    let shown = Memo::new(move |_| easy.get().then(|| texts.get(&at, view)));
    let easy_text = move || match shown.get() {
        Some(Easy::Text(text)) => Some(text.get(lang).to_string()),
        _ => None,
    };
    let speech = Signal::derive(move || spoken(view.title.get(lang), &easy_text().unwrap_or_else(|| view.text.get(lang).to_string())));
    let body = move || {
        let full = || view! { <RichText source=view.text.get(lang).to_string() position=position.clone() terms=terms.clone() /> };
        match shown.get() {
            Some(Easy::Text(text)) => view! { <RichText source=text.get(lang).to_string() position=position.clone() terms=terms.clone() /> }.into_any(),
            Some(Easy::Loading) => view! { <p class="loading">{t.loading}</p> }.into_any(),
            Some(Easy::Unavailable) => view! { <p class="unavailable">{t.easy_unavailable}</p> {full()} }.into_any(),
            Some(Easy::Missing) | None => full().into_any(),
        }
    };
    view! {
        <div class="reading">
            <button type="button" class="button reading-easy" aria-pressed=move || easy.get().to_string() on:click=move |_| nav.set_easy(!easy.get_untracked())>
                {t.easy_read}
            </button>
            <Listen lang=lang text=speech stop=easy />
        </div>
        <div class="text" class:easy=move || easy.get()>{body}</div>
    }
}

/// « Écouter »: reads `text` in `lang`, and stops when pressed again, when `stop` changes and
/// when the view goes (any move). Absent where the browser has no voice for `lang`.
#[component]
fn Listen(lang: Lang, text: Signal<String>, stop: Signal<bool>) -> impl IntoView {
    // Some browsers have no `speechSynthesis` at all.
    let Some(synth) = window().speech_synthesis().ok().filter(|s| !s.is_undefined()) else { return ().into_any() };
    let has_voice = RwSignal::new(best_voice(&synth, lang).is_some());
    let speaking = RwSignal::new(false);
    // The utterance being spoken. Each has its own: an interrupted one may still report its
    // end after the next has begun; so, once abandoned, it reports to no one.
    let current = StoredValue::new(SendWrapper::new(None::<SpeechSynthesisUtterance>));
    let on_end = Closure::<dyn Fn()>::new(move || {
        current.update_value(|u| **u = None);
        speaking.set(false);
    });
    let voices = synth.clone();
    let on_voices = Closure::<dyn Fn()>::new(move || has_voice.set(best_voice(&voices, lang).is_some()));
    let _ = synth.add_event_listener_with_callback("voiceschanged", on_voices.as_ref().unchecked_ref());
    let synth = SendWrapper::new(synth);
    let silence = {
        let synth = synth.clone();
        move || {
            if let Some(u) = current.try_update_value(|u| (**u).take()).flatten() {
                u.set_onend(None);
                u.set_onerror(None);
                synth.cancel();
            }
        }
    };
    let stop_speaking = {
        let silence = silence.clone();
        move || {
            silence();
            speaking.set(false);
        }
    };
    Effect::new({
        let stop_speaking = stop_speaking.clone();
        move |first: Option<()>| {
            stop.track();
            if first.is_some() {
                stop_speaking();
            }
        }
    });
    let handler = SendWrapper::new(on_end.as_ref().unchecked_ref::<js_sys::Function>().clone());
    let on_end = SendWrapper::new(on_end);
    let speak = {
        let synth = synth.clone();
        move |_| {
            if speaking.get_untracked() {
                stop_speaking();
                return;
            }
            let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&text.get_untracked()) else { return };
            utterance.set_lang(speech_tag(lang));
            utterance.set_voice(best_voice(&synth, lang).as_ref());
            utterance.set_onend(Some(&handler));
            utterance.set_onerror(Some(&handler));
            synth.speak(&utterance);
            current.set_value(SendWrapper::new(Some(utterance)));
            speaking.set(true);
        }
    };
    let held = SendWrapper::new((synth.clone(), on_voices));
    on_cleanup(move || {
        silence();
        let (synth, on_voices) = held.take();
        let _ = synth.remove_event_listener_with_callback("voiceschanged", on_voices.as_ref().unchecked_ref());
        drop((on_voices, on_end));
    });
    let t = ui(lang);
    view! {
        <Show when=move || has_voice.get()>
            <button type="button" class="button reading-listen" aria-pressed=move || speaking.get().to_string() on:click=speak.clone()>
                {t.listen}
            </button>
        </Show>
    }
    .into_any()
}

/// The language tag asked of the speech synthesis for `lang`.
fn speech_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fr-FR",
        Lang::En => "en-GB",
    }
}

/// The voice for `lang`: of its region (`fr-FR`, `en-GB`) if the browser has one, else any of
/// the language.
fn best_voice(synth: &SpeechSynthesis, lang: Lang) -> Option<SpeechSynthesisVoice> {
    let voices: Vec<SpeechSynthesisVoice> = synth.get_voices().iter().map(JsCast::unchecked_into).collect();
    let tag = |v: &SpeechSynthesisVoice| v.lang().replace('_', "-").to_ascii_lowercase();
    let wanted = speech_tag(lang).to_ascii_lowercase();
    let exact = voices.iter().find(|v| tag(v) == wanted);
    exact.or_else(|| voices.iter().find(|v| tag(v).split('-').next() == Some(lang.code()))).cloned()
}
