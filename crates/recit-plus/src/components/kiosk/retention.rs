//! Residents' answers leave the kiosk once older than the deployment's retention period.

use leptos::prelude::*;

use super::window::every;
use crate::deployment::{self, DEFAULT_RETENTION_DAYS};
use crate::visitor_answers;

/// Deletes expired answers at start, then every hour (a kiosk runs for weeks).
pub fn use_answer_retention() {
    let retention_days = StoredValue::new(DEFAULT_RETENTION_DAYS);
    leptos::task::spawn_local(async move {
        let days = deployment::retention_days_now().await;
        retention_days.try_set_value(days);
        visitor_answers::delete_expired(days);
    });
    every(std::time::Duration::from_secs(3600), move || {
        visitor_answers::delete_expired(retention_days.get_value());
    });
}
