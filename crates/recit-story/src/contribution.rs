//! Contributions: testimonies and visitors' answers attached to a step and a scale, with
//! their provenance, as the development council receives and moderates them. A kiosk
//! exports its visitors' answers in this file format for the editor to import.

use std::fmt::Write;

use crate::model::{Lang, ScaleId};
use crate::toml_syntax::string_literal;

/// Where a contribution stands with the council.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Proposed,
    Accepted,
    Rejected,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
        }
    }
}

/// One testimony or answer, with its provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contribution {
    pub id: String,
    pub step: String,
    pub scale: ScaleId,
    /// The language it was written in.
    pub lang: Lang,
    /// When it was given, ISO 8601.
    pub date: String,
    /// A name or a pseudonym.
    pub author: String,
    pub role: String,
    /// Where it was collected (a kiosk, a meeting…).
    pub source: String,
    pub status: Status,
    pub text: String,
}

/// A contributions file, e.g. `contributions/kiosque-2026-11-25.toml`.
pub fn contributions_file(heading: &str, contributions: &[Contribution]) -> String {
    let mut out = String::new();
    for line in heading.lines() {
        let _ = writeln!(out, "# {line}");
    }
    for c in contributions {
        out.push_str("\n[[contribution]]\n");
        for (key, value) in [
            ("id", c.id.as_str()),
            ("step", &c.step),
            ("scale", c.scale.id()),
            ("lang", c.lang.code()),
            ("date", &c.date),
            ("author", &c.author),
            ("role", &c.role),
            ("source", &c.source),
            ("status", c.status.id()),
            ("text", &c.text),
        ] {
            let _ = writeln!(out, "{key} = {}", string_literal(value));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contributions_file_is_valid_toml_with_every_field() {
        let c = Contribution {
            id: "kiosque-1".into(),
            step: "archipel-vert".into(),
            scale: ScaleId::Commune,
            lang: Lang::Fr,
            date: "2026-11-25T10:00:00.000Z".into(),
            author: "Visiteur".into(),
            role: "habitant".into(),
            source: "kiosque".into(),
            status: Status::Proposed,
            text: "Des \"jardins\"\net <b>des</b> arbres".into(),
        };
        let file = contributions_file("Exported", &[c.clone(), Contribution { id: "kiosque-2".into(), ..c }]);
        assert!(file.starts_with("# Exported\n"));
        assert_eq!(file.matches("[[contribution]]").count(), 2);
        #[cfg(feature = "toml")]
        {
            let parsed = toml::de::DeTable::parse(&file).expect("valid TOML");
            let items = parsed.get_ref().get("contribution").unwrap().get_ref().as_array().unwrap();
            let text = items[0].get_ref().get("text").unwrap().get_ref().as_str().unwrap();
            assert_eq!(text, "Des \"jardins\"\net <b>des</b> arbres", "text kept whole, as data");
        }
    }
}
