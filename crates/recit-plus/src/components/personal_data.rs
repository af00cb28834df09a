//! Residents' words, lawfully (RGPD): the short notice beside the kiosk's question, and the
//! page it links to (`/fr/donnees-personnelles`, `/en/personal-data`), with the retention
//! period and the contact the deployment sets in `kiosk.json`.

use leptos::prelude::*;
use recit_story::{Lang, Route};

use crate::deployment::{self, Deployment, DEFAULT_RETENTION_DAYS};
use crate::text::text as plus_text;
use recit::components::lang_switch::LangSwitch;
use recit::i18n::{other, ui};

/// The deployment's settings, read once for the component (the defaults until then).
fn deployment_settings() -> LocalResource<Result<Deployment, String>> {
    LocalResource::new(deployment::load)
}

/// What the notice says before « Envoyer »: who receives the answer, what for, for how long,
/// that it is anonymous, and where to read more.
#[component]
pub fn AnswerNotice(
    /// The visitor's language.
    lang: Signal<Lang>,
    /// The notice's id, for the answer field's `aria-describedby`.
    id: &'static str,
) -> impl IntoView {
    let settings = deployment_settings();
    let days = move || settings.get().and_then(Result::ok).map_or(DEFAULT_RETENTION_DAYS, |d| d.retention_days).to_string();
    let pt = move || plus_text(lang.get());
    view! {
        <div class="answer-notice" id=id>
            <p><strong>{move || pt().notice_anonymous}</strong></p>
            <p>{move || pt().notice_who}</p>
            <p>{move || pt().notice_how_long.replace("{days}", &days())}</p>
            <p><a href=move || Route::PersonalData { lang: lang.get() }.to_path()>{move || pt().notice_more}</a></p>
        </div>
    }
}

/// The page on residents' data: controller, purpose, what is kept, retention on the kiosk
/// and after export, anonymity, rights, and the deployment's contact.
#[component]
pub fn PersonalDataPage(
    /// The language of the page.
    lang: Lang,
) -> impl IntoView {
    let (t, pt) = (ui(lang), plus_text(lang));
    let settings = deployment_settings();
    let days = move || settings.get().and_then(Result::ok).map_or(DEFAULT_RETENTION_DAYS, |d| d.retention_days).to_string();
    let contact = move || match settings.get() {
        None => String::new(),
        Some(Ok(Deployment { contact: Some(contact), .. })) => contact,
        Some(Ok(_)) => pt.contact_not_set.to_string(),
        Some(Err(_)) => pt.contact_unreadable.to_string(),
    };
    let section = |(title, body): (&'static str, &'static str)| view! { <h2>{title}</h2><p>{body}</p> };
    let before = [(pt.controller_title, pt.controller), (pt.purpose_title, pt.purpose), (pt.kept_title, pt.kept)];
    let after = [(pt.anonymity_title, pt.anonymity), (pt.rights_title, pt.rights)];
    let lang_target = Route::PersonalData { lang: other(lang) }.to_path();
    view! {
        <div class="workshop-page personal-data">
            <a class="skip-link" href="#main">{t.skip_to_content}</a>
            <header class="topbar">
                <a class="brand" href=format!("/{}", lang.code())>{pt.back_to_story}</a>
                <LangSwitch lang=Signal::stored(lang) href=Signal::stored(lang_target) />
            </header>
            <main id="main" class="page-main">
                <h1 tabindex="-1">{pt.data_title}</h1>
                <p>{pt.data_intro}</p>
                {before.into_iter().map(section).collect_view()}
                <h2>{pt.retention_title}</h2>
                <p class="retention">{move || pt.retention.replace("{days}", &days())}</p>
                {after.into_iter().map(section).collect_view()}
                <h2>{pt.contact_title}</h2>
                <p class="contact">{contact}</p>
            </main>
        </div>
    }
}
