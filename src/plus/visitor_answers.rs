//! Visitors' answers, kept on the kiosk (localStorage) until staff export them. One entry
//! per answer, so that one broken entry never loses the others.

use recit_story::contribution::{Attribution, Contribution, Status};
use recit_story::{Lang, Position, ScaleId};

const PREFIX: &str = "recit.visitor.";

fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

/// Saves an answer given at `position`; an error says why (storage full or disabled).
pub fn save(position: &Position, text: &str) -> Result<(), String> {
    let storage = storage().ok_or("no storage on this device")?;
    let now = js_sys::Date::new_0();
    let key = format!("{PREFIX}{}", now.get_time() as u64);
    let date: String = now.to_iso_string().into();
    let value = [position.lang.code(), position.scale.id(), &position.step, &date, text].join("\t");
    storage.set_item(&key, &value).map_err(|_| "the kiosk's storage is full".to_string())
}

/// Every saved answer, oldest first, as contributions proposed to the council.
pub fn all() -> Vec<Contribution> {
    let Some(storage) = storage() else { return Vec::new() };
    let mut answers: Vec<Contribution> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|key| {
            let stamp = key.strip_prefix(PREFIX)?.to_string();
            let value = storage.get_item(&key).ok().flatten()?;
            let mut parts = value.splitn(5, '\t');
            let (lang, scale, step, date, text) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
            Some(Contribution {
                id: format!("kiosque-{stamp}"),
                step: step.to_string(),
                scale: ScaleId::from_id(scale)?,
                lang: Lang::from_code(lang)?,
                date: date.to_string(),
                author: "Visiteur ou visiteuse du kiosque".into(),
                // Anonymous, and no consent to publish: the council asks for none of a visitor.
                attribution: Attribution::Anonymous,
                consent: None,
                role: "habitant".into(),
                source: "kiosque".into(),
                status: Status::Proposed,
                text: text.to_string(),
                // The editor names it after the exported file it imports it from.
                origin: String::new(),
            })
        })
        .collect();
    answers.sort_by(|a, b| a.date.cmp(&b.date));
    answers
}
