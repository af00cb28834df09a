//! The kiosk's deployment settings, `/kiosk.json`, written at deployment by
//! `scripts/kiosk-code.mjs` (never in the source or the build): the staff code's salted hash,
//! how long visitors' answers stay on the kiosk, and who to contact about them.
//!
//! ```json
//! {"staff_code":{"algorithm":"pbkdf2-sha256","iterations":300000,"salt":"<32 hex>","hash":"<64 hex>"},
//!  "retention_days":90,"contact":"Conseil de développement, …"}
//! ```

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How long answers stay on the kiosk when `kiosk.json` does not say.
pub const DEFAULT_RETENTION_DAYS: u32 = 90;
/// The longest retention accepted: ten years is a typo, not a policy.
const MAX_RETENTION_DAYS: u32 = 3650;
/// Beyond this a check would freeze the kiosk for minutes.
const MAX_ITERATIONS: u32 = 10_000_000;
const ALGORITHM: &str = "pbkdf2-sha256";

/// What `kiosk.json` sets, or the defaults. Other fields are ignored.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Deployment {
    /// The staff code's hash; `None` when none is deployed (the panel stays shut).
    #[serde(default)]
    pub staff_code: Option<StaffCode>,
    /// Days an answer may stay on the kiosk before it is deleted.
    #[serde(default = "default_retention_days", deserialize_with = "checked_retention_days")]
    pub retention_days: u32,
    /// Who residents write to about their data (free text: an address, a mail, a phone).
    #[serde(default, deserialize_with = "trimmed_contact")]
    pub contact: Option<String>,
}

fn default_retention_days() -> u32 {
    DEFAULT_RETENTION_DAYS
}

fn checked_retention_days<'de, D: Deserializer<'de>>(days: D) -> Result<u32, D::Error> {
    retention_days(f64::deserialize(days)?).map_err(D::Error::custom)
}

/// A contact that is only spaces is none.
fn trimmed_contact<'de, D: Deserializer<'de>>(contact: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(contact)?.map(|c| c.trim().to_string()).filter(|c| !c.is_empty()))
}

impl Default for Deployment {
    fn default() -> Self {
        Deployment { staff_code: None, retention_days: DEFAULT_RETENTION_DAYS, contact: None }
    }
}

/// The staff code's PBKDF2-HMAC-SHA256 hash and its parameters.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "StaffCodeFields")]
pub struct StaffCode {
    iterations: u32,
    salt: Vec<u8>,
    hash: [u8; 32],
}

/// The `staff_code` object as written, checked by [`StaffCode::new`].
#[derive(Deserialize)]
struct StaffCodeFields {
    algorithm: String,
    iterations: f64,
    salt: String,
    hash: String,
}

impl TryFrom<StaffCodeFields> for StaffCode {
    type Error = String;

    fn try_from(fields: StaffCodeFields) -> Result<StaffCode, String> {
        StaffCode::new(&fields.algorithm, fields.iterations, &fields.salt, &fields.hash)
    }
}

impl StaffCode {
    /// Reads the `staff_code` object's fields; an error says which one is wrong.
    pub fn new(algorithm: &str, iterations: f64, salt_hex: &str, hash_hex: &str) -> Result<StaffCode, String> {
        if algorithm != ALGORITHM {
            return Err(format!("staff_code.algorithm is `{algorithm}`, expected `{ALGORITHM}`"));
        }
        if !(iterations >= 1.0 && iterations <= f64::from(MAX_ITERATIONS) && iterations.fract() == 0.0) {
            return Err(format!("staff_code.iterations must be a whole number from 1 to {MAX_ITERATIONS}"));
        }
        let salt = from_hex(salt_hex).filter(|s| s.len() >= 16).ok_or("staff_code.salt must be at least 16 bytes in hex")?;
        let hash = from_hex(hash_hex).and_then(|h| <[u8; 32]>::try_from(h).ok()).ok_or("staff_code.hash must be 32 bytes in hex")?;
        Ok(StaffCode { iterations: iterations as u32, salt, hash })
    }

    /// Whether `code` is the staff code. Slow on purpose (the iterations).
    pub fn verify(&self, code: &str) -> bool {
        pbkdf2::pbkdf2_hmac_array::<sha2::Sha256, 32>(code.as_bytes(), &self.salt, self.iterations) == self.hash
    }
}

fn from_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) || !hex.is_ascii() {
        return None;
    }
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok()).collect()
}

/// Checks `retention_days` as read from the file.
pub fn retention_days(days: f64) -> Result<u32, String> {
    if days >= 1.0 && days <= f64::from(MAX_RETENTION_DAYS) && days.fract() == 0.0 {
        Ok(days as u32)
    } else {
        Err(format!("retention_days must be a whole number of days from 1 to {MAX_RETENTION_DAYS}"))
    }
}

/// Reads `/kiosk.json`. No file (the host answers 404, or the app's page) gives the defaults;
/// a file that is there but wrong gives an error naming the field.
pub async fn load() -> Result<Deployment, String> {
    let response: web_sys::Response = JsFuture::from(leptos::prelude::window().fetch_with_str("/kiosk.json")).await.map_err(|_| "kiosk.json could not be fetched".to_string())?.unchecked_into();
    let is_json = response.headers().get("content-type").ok().flatten().is_some_and(|t| t.contains("json"));
    if !response.ok() || !is_json {
        return Ok(Deployment::default());
    }
    let text = JsFuture::from(response.text().map_err(|_| "kiosk.json could not be read")?).await.map_err(|_| "kiosk.json could not be read")?;
    from_json(&text.as_string().unwrap_or_default())
}

/// Reads the settings; an error says what is wrong and where (« … at line 1 column 42 »).
fn from_json(json: &str) -> Result<Deployment, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

/// Where the last retention period read is remembered, for a kiosk that starts offline.
const LAST_RETENTION_KEY: &str = "recit.kiosk.retention-days";

/// The retention period to apply now: `kiosk.json`'s; when it cannot be fetched (offline),
/// the last one read, so that an offline kiosk keeps its promise; else the default.
pub async fn retention_days_now() -> u32 {
    match load().await {
        Ok(deployed) => {
            let _ = recit::storage::set(LAST_RETENTION_KEY, &deployed.retention_days.to_string());
            deployed.retention_days
        }
        Err(_) => recit::storage::get(LAST_RETENTION_KEY).and_then(|days| retention_days(days.parse().ok()?).ok()).unwrap_or(DEFAULT_RETENTION_DAYS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // From Node: crypto.pbkdf2Sync('24681357', Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'), 1000, 32, 'sha256')
    const SALT: &str = "000102030405060708090a0b0c0d0e0f";
    const HASH_1000: &str = "83237a6c263eb7bd250b716fd4792dc77693a5feba6387d5669e926c3f499cd9";

    #[test]
    fn verifies_a_vector_from_nodes_pbkdf2() {
        let code = StaffCode::new(ALGORITHM, 1000.0, SALT, HASH_1000).unwrap();
        assert!(code.verify("24681357"));
        assert!(!code.verify("24681358"));
        assert!(!code.verify(""));
    }

    #[test]
    fn wrong_parameters_are_named() {
        assert!(StaffCode::new("sha256", 1000.0, SALT, HASH_1000).unwrap_err().contains("algorithm"));
        assert!(StaffCode::new(ALGORITHM, 0.0, SALT, HASH_1000).unwrap_err().contains("iterations"));
        assert!(StaffCode::new(ALGORITHM, 1.5, SALT, HASH_1000).unwrap_err().contains("iterations"));
        assert!(StaffCode::new(ALGORITHM, 1000.0, "0011", HASH_1000).unwrap_err().contains("salt"));
        assert!(StaffCode::new(ALGORITHM, 1000.0, SALT, "zz").unwrap_err().contains("hash"));
    }

    #[test]
    fn a_file_gives_its_settings_and_the_defaults_for_what_it_leaves_out() {
        let file = format!(
            r#"{{"staff_code":{{"algorithm":"{ALGORITHM}","iterations":1000,"salt":"{SALT}","hash":"{HASH_1000}"}},"retention_days":30,"contact":"  Mairie, 03 21 00 00 00 ","note":"ignored"}}"#
        );
        let deployed = from_json(&file).unwrap();
        assert!(deployed.staff_code.unwrap().verify("24681357"));
        assert_eq!((deployed.retention_days, deployed.contact.as_deref()), (30, Some("Mairie, 03 21 00 00 00")));
        assert_eq!(from_json("{}"), Ok(Deployment::default()));
        assert_eq!(from_json(r#"{"staff_code":null,"contact":"  "}"#), Ok(Deployment::default()));
    }

    #[test]
    fn a_malformed_file_says_what_is_wrong_and_where() {
        // Syntax and types: where serde_json stopped. A value out of range: the field's name.
        let error = |json: &str| from_json(json).unwrap_err();
        assert_eq!(error("{\n\"retention_days\": 90,\n"), "EOF while parsing a value at line 3 column 0");
        assert_eq!(error("{\n\"contact\": 12\n}"), "invalid type: integer `12`, expected a string at line 2 column 13");
        assert!(error(r#"{"retention_days":"90"}"#).starts_with("invalid type: string \"90\", expected f64 at line 1"));
        assert!(error(r#"{"staff_code":{"algorithm":"pbkdf2-sha256"}}"#).starts_with("missing field `iterations`"));
        assert!(error("{\"retention_days\": 0}").starts_with("retention_days must be a whole number of days"));
        let salt = error(&format!(r#"{{"staff_code":{{"algorithm":"{ALGORITHM}","iterations":1000,"salt":"0011","hash":"{HASH_1000}"}}}}"#));
        assert!(salt.starts_with("staff_code.salt must be"), "{salt}");
    }

    #[test]
    fn retention_is_whole_days_within_reason() {
        assert_eq!(retention_days(30.0), Ok(30));
        assert!(retention_days(0.0).is_err());
        assert!(retention_days(2.5).is_err());
        assert!(retention_days(100_000.0).is_err());
    }
}
