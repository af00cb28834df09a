//! Visitors' answers, kept on the kiosk (localStorage) until staff export them, and deleted
//! once older than the deployment's retention period (`kiosk.json`). One entry per answer,
//! so that one broken entry never loses the others.

use recit_story::contribution::{Attribution, Contribution, Status};
use recit_story::{Lang, Position, ScaleId};

use recit::storage::{self, StorageError};

const PREFIX: &str = "recit.visitor.";

/// Saves an answer given at `position`; an error says why (storage full or disabled).
pub fn save(position: &Position, text: &str) -> Result<(), String> {
    let now = js_sys::Date::new_0();
    let key = format!("{PREFIX}{}", now.get_time() as u64);
    let date: String = now.to_iso_string().into();
    let value = [position.lang.code(), position.scale.id(), &position.step, &date, text].join("\t");
    storage::set(&key, &value).map_err(|e| match e {
        StorageError::Unavailable => "no storage on this device".to_string(),
        StorageError::Full => "the kiosk's storage is full".to_string(),
    })
}

/// Every saved answer, oldest first, as contributions proposed to the council.
pub fn all() -> Vec<Contribution> {
    let mut answers: Vec<Contribution> = storage::keys()
        .into_iter()
        .filter_map(|key| {
            let stamp = key.strip_prefix(PREFIX)?.to_string();
            let value = storage::get(&key)?;
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

const DAY_MS: f64 = 86_400_000.0;

/// Whether the answer stored under `key` is older than `retention_days` at `now_ms`. An entry
/// whose age cannot be read is expired: nothing personal stays on the kiosk for ever.
fn is_expired(key: &str, now_ms: f64, retention_days: u32) -> bool {
    match key.strip_prefix(PREFIX).and_then(|stamp| stamp.parse::<f64>().ok()) {
        Some(saved_ms) => now_ms - saved_ms > f64::from(retention_days) * DAY_MS,
        None => true,
    }
}

/// Deletes the answers older than `retention_days`; returns how many.
pub fn delete_expired(retention_days: u32) -> usize {
    let now = js_sys::Date::now();
    let expired: Vec<String> = storage::keys().into_iter().filter(|key| key.starts_with(PREFIX) && is_expired(key, now, retention_days)).collect();
    expired.iter().for_each(|key| storage::remove(key));
    expired.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_expire_after_the_retention_period() {
        let now = 100.0 * DAY_MS;
        let saved = |days_ago: f64| format!("{PREFIX}{}", (now - days_ago * DAY_MS) as u64);
        assert!(!is_expired(&saved(0.0), now, 90));
        assert!(!is_expired(&saved(89.9), now, 90));
        assert!(is_expired(&saved(90.1), now, 90));
        assert!(is_expired(&saved(8.0), now, 7));
        assert!(is_expired(&format!("{PREFIX}not-a-date"), now, 90), "an entry of unknown age does not stay");
    }
}
