//! A view's text with its two ways of reading, in one line above it: « Facile à lire » shows
//! the view's easy read in place of its text (the choice is the address's `facile` flag, see
//! [`recit::history::Nav::set_easy`]); « Écouter » reads the title and the text shown aloud
//! with the browser's speech synthesis. A move rebuilds the whole view, which stops the voice.
//!
//! In the modes app, which embeds the easy-read texts: the plain reader's buttons open their
//! address here (`?facile`, `?ecouter`), so that its first visit does not carry them.

use leptos::prelude::*;
use recit_story::spoken::spoken;
use recit_story::{Lang, Position, Term, View};
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

use recit::components::rich_text::RichText;
use recit::history::use_nav;
use recit::i18n::ui;

/// The reading buttons, then the view's text or its easy read.
#[component]
pub fn ViewText(position: Position, view: &'static View, terms: Vec<&'static Term>) -> impl IntoView {
    let nav = use_nav();
    let easy = nav.easy();
    let (lang, t) = (position.lang, ui(position.lang));
    // Opened from the plain reader's « Écouter »: the button is ready under the finger (a page
    // may not speak before it is touched).
    let listen_asked = window().location().search().unwrap_or_default().contains(recit_story::reader::LISTEN);
    // The text shown: the easy read when asked for (the view's text where it has none).
    let shown = move || if easy.get() && !view.easy.is_empty() { &view.easy } else { &view.text }.get(lang).to_string();
    let said = shown;
    let listen = synthesis().map(|synth| listen_button(synth, lang, listen_asked, move || spoken(view.title.get(lang), &said())));
    let toggle = move |_| {
        let on = !easy.get_untracked();
        nav.set_easy(on);
        // The text changes: the voice stops (and the listen button hears it has).
        if let Some(synth) = synthesis() {
            synth.cancel();
        }
    };
    view! {
        <div class="reading">
            <button type="button" class="button reading-easy" aria-pressed=move || pressed(easy.get()) on:click=toggle>
                {t.easy_read}
            </button>
            {listen}
        </div>
        <div class="text">
            {move || view! { <RichText source=shown() position=position.clone() terms=terms.clone() /> }}
        </div>
    }
}

/// The browser's speech synthesis, where it has one.
fn synthesis() -> Option<SpeechSynthesis> {
    window().speech_synthesis().ok().filter(|s| !s.is_undefined())
}

/// « Écouter »: reads `text()` in `lang` (`focus`: the button takes the focus); pressed again, or when the view goes (any move), it
/// stops. Shown only while the browser has a voice for `lang`.
fn listen_button(synth: SpeechSynthesis, lang: Lang, focus: bool, text: impl Fn() -> String + Clone + Send + Sync + 'static) -> impl IntoView {
    let has_voice = RwSignal::new(best_voice(&synth, lang).is_some());
    let speaking = RwSignal::new(false);
    // The utterance being spoken, each its own: an interrupted one may report its end after
    // the next has begun, so an abandoned one reports to no one.
    let current = StoredValue::new(SendWrapper::new(None::<SpeechSynthesisUtterance>));
    let voices = synth.clone();
    // One handler for the voices changing and the utterance ending (or failing).
    let on_event = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
        if e.type_() == "voiceschanged" {
            has_voice.set(best_voice(&voices, lang).is_some());
        } else {
            current.update_value(|u| **u = None);
            speaking.set(false);
        }
    });
    let handler = SendWrapper::new(on_event.as_ref().unchecked_ref::<js_sys::Function>().clone());
    let _ = synth.add_event_listener_with_callback("voiceschanged", &handler);
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
    let press = {
        let (synth, handler, silence) = (synth.clone(), handler.clone(), silence.clone());
        let text = text.clone();
        move |_| {
            let was_speaking = speaking.get_untracked();
            silence();
            speaking.set(!was_speaking);
            if was_speaking {
                return;
            }
            let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&text()) else { return };
            utterance.set_lang(speech_tag(lang));
            utterance.set_voice(best_voice(&synth, lang).as_ref());
            utterance.set_onend(Some(&handler));
            utterance.set_onerror(Some(&handler));
            synth.speak(&utterance);
            current.set_value(SendWrapper::new(Some(utterance)));
        }
    };
    let held = SendWrapper::new(on_event);
    on_cleanup(move || {
        silence();
        let _ = synth.remove_event_listener_with_callback("voiceschanged", &handler);
        drop(held);
    });
    view! {
        <button type="button" class="button reading-listen" autofocus=focus hidden=move || !has_voice.get() aria-pressed=move || pressed(speaking.get()) on:click=press>
            {ui(lang).listen}
        </button>
    }
}

fn pressed(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
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
