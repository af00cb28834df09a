//! Contributions: testimonies and visitors' answers attached to a step and a scale, with
//! their provenance, as the development council receives and moderates them. A kiosk
//! exports its visitors' answers in this file format for the editor to import.
//!
//! In `story/`, contributions live in `contributions/<origin>.toml` files, any number of
//! `[[contribution]]` tables each (see [`contributions_file`]). Every status is kept in the
//! story; readers only see the accepted ones ([`crate::Story::accepted_contributions`]).

use std::collections::HashMap;
use std::fmt::Write;

use crate::base::{Lang, ScaleId};
use crate::path::FieldPath;
use crate::toml_syntax::string_literal;

/// Where a contribution stands with the council.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Received, not yet moderated: never shown to readers.
    Proposed,
    /// Shown to readers as « Paroles d'habitants » at its step and scale.
    Accepted,
    /// Kept for the record, never shown.
    Rejected,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Proposed, Status::Accepted, Status::Rejected];

    /// The id used in contributions files.
    pub fn id(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
        }
    }

    pub fn from_id(id: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// How readers see a testimony's author: what the author chose when agreeing to publication.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Attribution {
    /// Under their name, the `author` field.
    Name,
    /// Under a pseudonym, the `author` field.
    Pseudonym,
    /// As « Anonyme »: the author's name stays with the council and never reaches readers
    /// (see [`for_readers`]). The default, so that a file that says nothing shows no name.
    #[default]
    Anonymous,
}

impl Attribution {
    pub const ALL: [Attribution; 3] = [Attribution::Name, Attribution::Pseudonym, Attribution::Anonymous];

    /// The id used in contributions files.
    pub fn id(self) -> &'static str {
        match self {
            Attribution::Name => "name",
            Attribution::Pseudonym => "pseudonym",
            Attribution::Anonymous => "anonymous",
        }
    }

    pub fn from_id(id: &str) -> Option<Attribution> {
        Attribution::ALL.into_iter().find(|a| a.id() == id)
    }
}

/// One testimony or answer, with its provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contribution {
    /// Unique in the whole story, across files; lowercase letters, digits and hyphens.
    pub id: String,
    pub step: String,
    pub scale: ScaleId,
    /// The language it was written in.
    pub lang: Lang,
    /// When it was given, ISO 8601: a date `YYYY-MM-DD`, possibly followed by a time.
    pub date: String,
    /// A name or a pseudonym, for the council; readers see it only as [`Contribution::attribution`]
    /// says. May be empty for an anonymous contribution.
    pub author: String,
    /// How readers see the author.
    pub attribution: Attribution,
    /// The date (`YYYY-MM-DD`) its author agreed to its publication, under that attribution;
    /// `None` until then. An accepted testimony must have it.
    pub consent: Option<String>,
    /// The author's role (resident, elected representative…); may be empty.
    pub role: String,
    /// Where it was collected (a kiosk, a meeting…); may be empty.
    pub source: String,
    pub status: Status,
    /// Plain text or the story's Markdown subset, in `lang`.
    pub text: String,
    /// The stem of the file it lives in, `contributions/<origin>.toml`: not content, only
    /// where it is kept, so that writing the story back gives the same files. Empty for a
    /// contribution that has no file yet (see [`file_stem`]).
    pub origin: String,
}

/// The file stem a contribution without a usable [`Contribution::origin`] is written to.
pub const DEFAULT_ORIGIN: &str = "contributions";

/// Whether `origin` can name a file `contributions/<origin>.toml` that reads back with the
/// same origin: not empty, one path segment, no control character.
pub fn is_valid_origin(origin: &str) -> bool {
    !origin.is_empty() && !origin.starts_with('.') && !origin.contains(['/', '\\']) && !origin.chars().any(char::is_control)
}

/// The file stem `c` is written to: its origin, or [`DEFAULT_ORIGIN`] when it has none.
pub fn file_stem(c: &Contribution) -> &str {
    if is_valid_origin(&c.origin) {
        &c.origin
    } else {
        DEFAULT_ORIGIN
    }
}

/// The field path of a contribution, e.g. `contribution[kiosque-1]`, under which the reader
/// records its fields' places and the validator reports. `nth` counts the earlier
/// contributions with the same id (0 for the first): a duplicate gets its own path,
/// `contribution[kiosque-1#2]`, so that both places stay known.
pub fn contribution_path(id: &str, nth: usize) -> FieldPath {
    let at = FieldPath::new("contribution");
    match nth {
        0 => at.key(id),
        n => at.key(format_args!("{id}#{}", n + 1)),
    }
}

/// A contributions file, e.g. `contributions/kiosque-2026-11-25.toml`: the heading as
/// comments (none when empty), then one `[[contribution]]` table each, in the given order.
/// The origin is not written: it is the file's name.
pub fn contributions_file<'c>(heading: &str, contributions: impl IntoIterator<Item = &'c Contribution>) -> String {
    let mut out = String::new();
    for line in heading.lines() {
        let _ = writeln!(out, "# {line}");
    }
    for c in contributions {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str("[[contribution]]\n");
        for (key, value) in [
            ("id", c.id.as_str()),
            ("step", &c.step),
            ("scale", c.scale.id()),
            ("lang", c.lang.code()),
            ("date", &c.date),
            ("author", &c.author),
            ("attribution", c.attribution.id()),
            ("consent", c.consent.as_deref().unwrap_or_default()),
            ("role", &c.role),
            ("source", &c.source),
            ("status", c.status.id()),
            ("text", &c.text),
        ] {
            // No consent is no line: `consent = ""` would read as a date that is not one.
            if key != "consent" || c.consent.is_some() {
                let _ = writeln!(out, "{key} = {}", string_literal(value));
            }
        }
    }
    out
}

/// The contributions readers' apps embed: the accepted ones, with no more than readers see.
/// An anonymous testimony loses its author's name, and every one its consent record (the
/// council keeps both in `story/`), so that no name reaches a reader's device unless its
/// author chose to be named.
pub fn for_readers(contributions: Vec<Contribution>) -> Vec<Contribution> {
    contributions
        .into_iter()
        .filter(|c| c.status == Status::Accepted)
        .map(|c| Contribution { author: if c.attribution == Attribution::Anonymous { String::new() } else { c.author }, consent: None, ..c })
        .collect()
}

/// What importing contributions into a story's gives, see [`merge`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merge {
    /// Every contribution, by id: mine, with theirs added; mine where they conflict.
    pub merged: Vec<Contribution>,
    /// How many of theirs were new.
    pub added: usize,
    /// How many of theirs were already there, identical.
    pub same: usize,
    /// Theirs that differ from mine under the same id, for the council to choose (see
    /// [`resolve`]).
    pub conflicts: Vec<Conflict>,
}

/// The same id with different contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub mine: Contribution,
    pub theirs: Contribution,
}

/// Whether two contributions say the same thing: the file they are kept in does not count,
/// so that re-importing a kiosk export under another name finds nothing new.
fn same_content(a: &Contribution, b: &Contribution) -> bool {
    Contribution { origin: String::new(), ..a.clone() } == Contribution { origin: String::new(), ..b.clone() }
}

/// Merges imported contributions (`theirs`, e.g. a kiosk export) into `mine`, by id: a new
/// id is added, an identical one counted as the same, a different one under a known id is a
/// conflict and `mine` stays in `merged` until [`resolve`]d. `merged` is in id order.
pub fn merge(mine: &[Contribution], theirs: &[Contribution]) -> Merge {
    let mut merged: Vec<Contribution> = mine.to_vec();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, c) in merged.iter().enumerate() {
        // With duplicate ids in `mine` (an invalid story), the first one is compared.
        index.entry(c.id.clone()).or_insert(i);
    }
    let (mut added, mut same, mut conflicts) = (0, 0, Vec::new());
    for t in theirs {
        match index.get(&t.id) {
            Some(&i) if same_content(&merged[i], t) => same += 1,
            Some(&i) => conflicts.push(Conflict { mine: merged[i].clone(), theirs: t.clone() }),
            None => {
                index.insert(t.id.clone(), merged.len());
                merged.push(t.clone());
                added += 1;
            }
        }
    }
    // Stable: contributions sharing an id keep their order.
    merged.sort_by(|a, b| a.id.cmp(&b.id));
    Merge { merged, added, same, conflicts }
}

/// Settles a conflict with `choice`: it replaces the contribution with its id (the first,
/// should there be several), or is inserted in id order if there is none.
pub fn resolve(merged: &mut Vec<Contribution>, choice: Contribution) {
    match merged.iter_mut().find(|c| c.id == choice.id) {
        Some(c) => *c = choice,
        None => {
            let at = merged.partition_point(|c| c.id <= choice.id);
            merged.insert(at, choice);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contribution(id: &str) -> Contribution {
        Contribution {
            id: id.into(),
            step: "archipel-vert".into(),
            scale: ScaleId::Commune,
            lang: Lang::Fr,
            date: "2026-11-25T10:00:00.000Z".into(),
            author: "Visiteur".into(),
            attribution: Attribution::Anonymous,
            consent: None,
            role: "habitant".into(),
            source: "kiosque".into(),
            status: Status::Proposed,
            text: "Des jardins partout".into(),
            origin: "kiosque-2026-11-25".into(),
        }
    }

    #[test]
    fn a_contributions_file_is_valid_toml_with_every_field() {
        let c = Contribution { text: "Des \"jardins\"\net <b>des</b> arbres".into(), ..contribution("kiosque-1") };
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
        assert!(file.contains("attribution = \"anonymous\"\n") && !file.contains("consent"), "no consent, no line");
        let agreed = Contribution { attribution: Attribution::Pseudonym, consent: Some("2026-11-20".into()), ..contribution("a") };
        assert!(contributions_file("", &[agreed]).contains("author = \"Visiteur\"\nattribution = \"pseudonym\"\nconsent = \"2026-11-20\"\n"));
    }

    #[test]
    fn readers_get_accepted_testimonies_with_no_more_than_they_show() {
        let accepted = |id: &str, attribution| Contribution { status: Status::Accepted, attribution, consent: Some("2026-11-20".into()), ..contribution(id) };
        let all = vec![accepted("a", Attribution::Anonymous), accepted("b", Attribution::Name), contribution("c"), Contribution { status: Status::Rejected, ..contribution("d") }];
        let shown = for_readers(all);
        let summary: Vec<(&str, &str, Option<&str>)> = shown.iter().map(|c| (c.id.as_str(), c.author.as_str(), c.consent.as_deref())).collect();
        assert_eq!(summary, [("a", "", None), ("b", "Visiteur", None)]);
    }

    #[test]
    fn a_file_without_heading_starts_with_its_first_table() {
        assert!(contributions_file("", &[contribution("a")]).starts_with("[[contribution]]\n"));
        assert_eq!(contributions_file("", &[]), "");
    }

    #[test]
    fn statuses_read_back_from_their_ids() {
        for s in Status::ALL {
            assert_eq!(Status::from_id(s.id()), Some(s));
        }
        assert_eq!(Status::from_id("Accepted"), None);
    }

    #[test]
    fn a_contribution_without_origin_goes_to_the_default_file() {
        assert_eq!(file_stem(&contribution("a")), "kiosque-2026-11-25");
        for origin in ["", "a/b", "a\\b", ".cache", "a\nb"] {
            assert_eq!(file_stem(&Contribution { origin: origin.into(), ..contribution("a") }), DEFAULT_ORIGIN, "{origin:?}");
        }
    }

    #[test]
    fn merging_adds_new_ids_counts_identical_ones_and_keeps_mine_in_a_conflict() {
        let mine = vec![contribution("b"), contribution("d")];
        let changed = Contribution { status: Status::Accepted, ..contribution("d") };
        // Identical but for the file: the same contribution.
        let moved = Contribution { origin: "ailleurs".into(), ..contribution("b") };
        let theirs = vec![contribution("c"), moved, changed.clone(), contribution("a")];
        let m = merge(&mine, &theirs);
        let ids: Vec<&str> = m.merged.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "d"]);
        assert_eq!((m.added, m.same), (2, 1));
        assert_eq!(m.conflicts, vec![Conflict { mine: contribution("d"), theirs: changed.clone() }]);
        assert_eq!(m.merged[3], contribution("d"), "mine until resolved");
        assert_eq!(m.merged[1].origin, "kiosque-2026-11-25", "mine kept where identical");
    }

    #[test]
    fn merging_nothing_changes_nothing() {
        let mine = vec![contribution("a"), contribution("b")];
        assert_eq!(merge(&mine, &[]), Merge { merged: mine.clone(), ..Merge::default() });
        let m = merge(&[], &mine);
        assert_eq!((m.merged, m.added), (mine.clone(), 2));
        let m = merge(&mine, &mine);
        assert_eq!((m.merged, m.added, m.same, m.conflicts.len()), (mine, 0, 2, 0));
    }

    #[test]
    fn a_duplicate_in_theirs_is_compared_with_the_first() {
        let other = Contribution { text: "Autre chose".into(), ..contribution("a") };
        let m = merge(&[], &[contribution("a"), contribution("a"), other.clone()]);
        assert_eq!((m.merged.len(), m.added, m.same), (1, 1, 1));
        assert_eq!(m.conflicts, vec![Conflict { mine: contribution("a"), theirs: other }]);
    }

    #[test]
    fn resolving_replaces_by_id_or_inserts_in_order() {
        let mut merged = vec![contribution("a"), contribution("c")];
        let chosen = Contribution { status: Status::Accepted, ..contribution("c") };
        resolve(&mut merged, chosen.clone());
        assert_eq!(merged, vec![contribution("a"), chosen.clone()]);
        resolve(&mut merged, contribution("b"));
        let ids: Vec<&str> = merged.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
    }
}
