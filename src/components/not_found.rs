//! A helpful page for a bad link, with a way back: never a blank screen.

use leptos::prelude::*;
use recit_story::{Lang, RouteError};

use crate::i18n::ui;

/// Explains why the address shows nothing and offers the start of the story.
#[component]
pub fn NotFound(
    /// What was wrong with the address.
    error: RouteError,
) -> impl IntoView {
    let lang = error.lang();
    let t = ui(lang);
    view! {
        <main id="main" class="not-found">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_text}</p>
            <p class="detail">{detail(&error, lang)}</p>
            <a href=format!("/{}", lang.code()) class="button primary">{t.back_to_start}</a>
        </main>
    }
}

/// What was wrong, in the reader's language.
fn detail(error: &RouteError, lang: Lang) -> String {
    match (error, lang) {
        (RouteError::UnknownLang { lang: l }, _) => format!("«\u{A0}{l}\u{A0}»\u{A0}: langue inconnue (fr, en). / Unknown language (fr, en)."),
        (RouteError::UnknownScale { scale, .. }, Lang::Fr) => format!("«\u{A0}{scale}\u{A0}» n'est pas une échelle\u{A0}: commune, agglomeration ou pole."),
        (RouteError::UnknownScale { scale, .. }, Lang::En) => format!("\"{scale}\" is not a scale: commune, agglomeration or pole."),
        (RouteError::UnknownStep { step, .. }, Lang::Fr) => format!("Le récit n'a pas d'étape «\u{A0}{step}\u{A0}»."),
        (RouteError::UnknownStep { step, .. }, Lang::En) => format!("The story has no step \"{step}\"."),
        (RouteError::Malformed { .. }, Lang::Fr) => "Une adresse du récit a la forme /langue/échelle/étape.".into(),
        (RouteError::Malformed { .. }, Lang::En) => "A story address has the form /language/scale/step.".into(),
    }
}
