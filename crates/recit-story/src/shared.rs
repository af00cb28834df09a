//! The story as one shared document: a CRDT of yrs (the Rust port of Yjs), which the council's
//! editors and the server of `recit serve` keep in step with the Yjs sync protocol.
//!
//! The document holds the story's files, not the model: a root map `files` whose keys are the
//! files' paths (`steps/archipel-noir.toml`) and whose values are their TOML trees, a table as
//! a map, an array as an array, every string as a text, so that two members typing in the same
//! field merge character by character, and two changing different fields, or adding and
//! moving steps, merge without losing either side. Every field of every view, the glossary and
//! the testimonies are therefore shared without a list to keep up to date: what the files
//! hold, the document holds.
//!
//! A member's edit goes in as the whole story ([`SharedStory::set_story`]), compared with the
//! document where it changed; what comes from others goes out as files
//! ([`SharedStory::files`]), read by the same reader as `story/`.

use std::collections::BTreeMap;
use std::fmt;

use toml::de::{DeTable, DeValue};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{
    Any, Array, ArrayPrelim, ArrayRef, Doc, GetString, In, Map, MapPrelim, MapRef, Number, OffsetKind, Options, Out, ReadTxn, StateVector, Text, TextPrelim, TextRef, Transact, TransactionMut, Update,
};

use crate::toml_format::write_files;
use crate::toml_syntax::string_literal;
use crate::Story;

/// The name of the document's root map of files.
const FILES: &str = "files";

/// What an update or a state vector received cannot be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SharedError {
    /// The bytes are not a Yjs update or state vector (v1 encoding).
    Malformed(String),
    /// The update reads but cannot be applied to this document.
    Rejected(String),
}

impl fmt::Display for SharedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SharedError::Malformed(why) => write!(f, "not a Yjs update: {why}"),
            SharedError::Rejected(why) => write!(f, "the update does not apply: {why}"),
        }
    }
}

impl std::error::Error for SharedError {}

/// The shared document of the story's files.
pub struct SharedStory {
    doc: Doc,
    files: MapRef,
    /// The files as last written into or read from the document, to compare only those that
    /// changed.
    known: BTreeMap<String, String>,
}

impl Default for SharedStory {
    fn default() -> Self {
        SharedStory::new()
    }
}

impl SharedStory {
    /// An empty document, with a client id of its own.
    pub fn new() -> SharedStory {
        // Offsets in bytes: both ends are yrs, and Rust's strings index in bytes.
        let doc = Doc::with_options(Options { offset_kind: OffsetKind::Bytes, ..Options::default() });
        let files = doc.get_or_insert_map(FILES);
        SharedStory { doc, files, known: BTreeMap::new() }
    }

    /// A document from its whole state, as [`SharedStory::encode_state`] gives it.
    pub fn from_state(state: &[u8]) -> Result<SharedStory, SharedError> {
        let mut shared = SharedStory::new();
        shared.apply_update(state)?;
        Ok(shared)
    }

    /// This copy's client id, which its changes carry.
    pub fn client_id(&self) -> u64 {
        self.doc.client_id().get()
    }

    /// Makes the document say `story`, changing only what differs; gives the update to send
    /// to the others, or `None` if nothing changed.
    pub fn set_story(&mut self, story: &Story) -> Option<Vec<u8>> {
        let files: BTreeMap<String, String> = write_files(story).into_iter().collect();
        if files == self.known {
            return None;
        }
        let update = {
            let mut txn = self.doc.transact_mut();
            let gone: Vec<String> = self.files.keys(&txn).filter(|path| !files.contains_key(*path)).map(String::from).collect();
            for path in gone {
                self.files.remove(&mut txn, &path);
            }
            for (path, text) in &files {
                if self.known.get(path) == Some(text) {
                    continue;
                }
                // A file that does not parse (the model always writes valid TOML) is left as
                // the document has it.
                let Some(table) = parse_table(text) else { continue };
                match self.files.get(&txn, path) {
                    Some(Out::YMap(map)) => update_map(&mut txn, &map, &table),
                    _ => {
                        self.files.insert(&mut txn, path.as_str(), map_prelim(table));
                    }
                }
            }
            txn.encode_update_v1()
        };
        self.known = files;
        (!is_empty_update(&update)).then_some(update)
    }

    /// Applies an update from another copy of the document; says whether it changed anything
    /// (an update already seen changes nothing).
    pub fn apply_update(&mut self, update: &[u8]) -> Result<bool, SharedError> {
        Ok(self.integrate(update)?.is_some())
    }

    /// Applies an update and gives what it changed in this document, as an update of its own
    /// (which holds no part already known, and nothing of an update still waiting for another),
    /// or `None` if it changed nothing.
    pub fn integrate(&mut self, update: &[u8]) -> Result<Option<Vec<u8>>, SharedError> {
        let update = Update::decode_v1(update).map_err(|e| SharedError::Malformed(e.to_string()))?;
        let mut txn = self.doc.transact_mut();
        txn.apply_update(update).map_err(|e| SharedError::Rejected(e.to_string()))?;
        let changed = txn.encode_update_v1();
        Ok((!is_empty_update(&changed)).then_some(changed))
    }

    /// The story's files as the document holds them, by path.
    pub fn files(&mut self) -> Vec<(String, String)> {
        let txn = self.doc.transact();
        let mut files: Vec<(String, String)> = self
            .files
            .iter(&txn)
            .filter_map(|(path, value)| match node(&txn, &value) {
                Some(Node::Table(table)) => Some((path.to_string(), write_table(&table))),
                _ => None,
            })
            .collect();
        files.sort();
        drop(txn);
        self.known = files.iter().cloned().collect();
        files
    }

    /// The whole document, as one update.
    pub fn encode_state(&self) -> Vec<u8> {
        self.doc.transact().encode_state_as_update_v1(&StateVector::default())
    }

    /// The document's state vector (what it has seen of each client), encoded.
    pub fn state_vector(&self) -> Vec<u8> {
        self.doc.transact().state_vector().encode_v1()
    }

    /// What a copy whose state vector is `state_vector` lacks, as one update.
    pub fn encode_missing(&self, state_vector: &[u8]) -> Result<Vec<u8>, SharedError> {
        let sv = StateVector::decode_v1(state_vector).map_err(|e| SharedError::Malformed(e.to_string()))?;
        Ok(self.doc.transact().encode_state_as_update_v1(&sv))
    }

    /// Whether this document holds changes that a copy whose state vector is `state_vector`
    /// has not seen (deletions aside: they are sent with every sync step 2).
    pub fn is_ahead_of(&self, state_vector: &[u8]) -> Result<bool, SharedError> {
        let theirs = StateVector::decode_v1(state_vector).map_err(|e| SharedError::Malformed(e.to_string()))?;
        let ours = self.doc.transact().state_vector();
        Ok(ours.iter().any(|(client, clock)| theirs.get(client) < *clock))
    }

    /// Whether this copy made changes that a copy whose state vector is `state_vector` has not
    /// seen: unlike [`SharedStory::is_ahead_of`], what this copy received from others does
    /// not count (the server's acknowledgements may not yet show it).
    pub fn made_changes_beyond(&self, state_vector: &[u8]) -> Result<bool, SharedError> {
        let theirs = StateVector::decode_v1(state_vector).map_err(|e| SharedError::Malformed(e.to_string()))?;
        let client = self.doc.client_id();
        Ok(self.doc.transact().state_vector().get(&client) > theirs.get(&client))
    }
}

/// Whether an encoded update holds nothing: no block, no deletion.
fn is_empty_update(update: &[u8]) -> bool {
    update == [0, 0]
}

/// One value of a file's TOML tree.
#[derive(Clone, Debug, PartialEq)]
enum Node {
    Table(BTreeMap<String, Node>),
    Array(Vec<Node>),
    Text(String),
    Integer(i64),
    Float(f64),
    Boolean(bool),
}

fn parse_table(text: &str) -> Option<BTreeMap<String, Node>> {
    let root = DeTable::parse(text).ok()?;
    Some(table_of(root.get_ref()))
}

fn table_of(table: &DeTable) -> BTreeMap<String, Node> {
    table.iter().filter_map(|(key, value)| Some((key.get_ref().to_string(), node_of(value.get_ref())?))).collect()
}

fn node_of(value: &DeValue) -> Option<Node> {
    Some(match value {
        DeValue::String(s) => Node::Text(s.to_string()),
        DeValue::Integer(i) => Node::Integer(i64::from_str_radix(i.as_str(), i.radix()).ok()?),
        DeValue::Float(f) => Node::Float(f.as_str().parse().ok()?),
        DeValue::Boolean(b) => Node::Boolean(*b),
        DeValue::Datetime(d) => Node::Text(d.to_string()),
        DeValue::Array(items) => Node::Array(items.iter().filter_map(|item| node_of(item.get_ref())).collect()),
        DeValue::Table(table) => Node::Table(table_of(table)),
    })
}

/// A value of the document as a node; `None` for what this module never writes.
fn node<T: ReadTxn>(txn: &T, value: &Out) -> Option<Node> {
    Some(match value {
        Out::YMap(map) => Node::Table(map.iter(txn).filter_map(|(key, value)| Some((key.to_string(), node(txn, &value)?))).collect()),
        Out::YArray(array) => Node::Array(array.iter(txn).filter_map(|value| node(txn, &value)).collect()),
        Out::YText(text) => Node::Text(text.get_string(txn)),
        Out::Any(any) => scalar(any)?,
        _ => return None,
    })
}

fn scalar(any: &Any) -> Option<Node> {
    Some(match any {
        Any::Bool(b) => Node::Boolean(*b),
        Any::Number(Number::Int(i)) => Node::Integer(*i),
        Any::Number(Number::Float(f)) => Node::Float(*f),
        Any::String(s) => Node::Text(s.to_string()),
        _ => return None,
    })
}

fn prelim(node: &Node) -> In {
    match node {
        Node::Table(table) => map_prelim(table.clone()),
        Node::Array(items) => In::Array(items.iter().map(prelim).collect::<ArrayPrelim>()),
        Node::Text(text) => TextPrelim::new(text.as_str()).into(),
        Node::Integer(i) => In::Any(Any::Number(Number::Int(*i))),
        Node::Float(f) => In::Any(Any::Number(Number::Float(*f))),
        Node::Boolean(b) => In::Any(Any::Bool(*b)),
    }
}

fn map_prelim(table: BTreeMap<String, Node>) -> In {
    In::Map(table.iter().map(|(key, value)| (key.as_str(), prelim(value))).collect::<MapPrelim>())
}

/// Brings `map` to `table`, touching only the keys whose values differ.
fn update_map(txn: &mut TransactionMut, map: &MapRef, table: &BTreeMap<String, Node>) {
    let gone: Vec<String> = map.keys(txn).filter(|key| !table.contains_key(*key)).map(String::from).collect();
    for key in gone {
        map.remove(txn, &key);
    }
    for (key, wanted) in table {
        let kept = map.get(txn, key).is_some_and(|value| update_in_place(txn, &value, wanted));
        if !kept {
            map.insert(txn, key.as_str(), prelim(wanted));
        }
    }
}

/// Brings `value` to `wanted` where it is of the same kind (its history, and so the others'
/// concurrent edits inside it, kept); false where it must be replaced.
fn update_in_place(txn: &mut TransactionMut, value: &Out, wanted: &Node) -> bool {
    match (value, wanted) {
        (Out::YMap(map), Node::Table(table)) => update_map(txn, map, table),
        (Out::YArray(array), Node::Array(items)) => update_array(txn, array, items),
        (Out::YText(text), Node::Text(wanted)) => update_text(txn, text, wanted),
        (Out::Any(any), wanted) => return scalar(any).as_ref() == Some(wanted),
        _ => return false,
    }
    true
}

/// Brings `array` to `wanted`: the equal ends kept; a middle of the same length changed item
/// by item (a quote's text edited stays the same quote); another middle replaced.
fn update_array(txn: &mut TransactionMut, array: &ArrayRef, wanted: &[Node]) {
    let current: Vec<Option<Node>> = array.iter(txn).map(|value| node(txn, &value)).collect();
    let same = |a: &Option<Node>, b: &Node| a.as_ref() == Some(b);
    let start = current.iter().zip(wanted).take_while(|(a, b)| same(a, b)).count();
    let end = current[start..].iter().rev().zip(wanted[start..].iter().rev()).take_while(|(a, b)| same(a, b)).count();
    let (old, new) = (current.len() - start - end, wanted.len() - start - end);
    if old == new {
        for (offset, wanted) in wanted[start..start + new].iter().enumerate() {
            let index = (start + offset) as u32;
            let kept = array.get(txn, index).is_some_and(|value| update_in_place(txn, &value, wanted));
            if !kept {
                array.remove(txn, index);
                array.insert(txn, index, prelim(wanted));
            }
        }
    } else {
        array.remove_range(txn, start as u32, old as u32);
        for (offset, wanted) in wanted[start..start + new].iter().enumerate() {
            array.insert(txn, (start + offset) as u32, prelim(wanted));
        }
    }
}

/// Brings `text` to `wanted` by one deletion and one insertion between their equal ends.
fn update_text(txn: &mut TransactionMut, text: &TextRef, wanted: &str) {
    let current = text.get_string(txn);
    if current == wanted {
        return;
    }
    let start = common_prefix(&current, wanted);
    let end = common_prefix_rev(&current[start..], &wanted[start..]);
    let removed = current.len() - start - end;
    if removed > 0 {
        text.remove_range(txn, start as u32, removed as u32);
    }
    let inserted = &wanted[start..wanted.len() - end];
    if !inserted.is_empty() {
        text.insert(txn, start as u32, inserted);
    }
}

/// A member's edit of a text field, made on `base` and giving `edited`, replayed on `current`
/// (the field as others changed it meanwhile, before the screen showed it): what the member
/// inserted or removed goes where it was, moved by the others' change. Both changes are taken
/// as one run each (the others' is a keystroke or two: the screen shows it at the next frame).
pub fn rebase_edit(base: &str, edited: &str, current: &str) -> String {
    if current == base {
        return edited.to_string();
    }
    let start = common_prefix(base, edited);
    let end = base.len() - common_prefix_rev(&base[start..], &edited[start..]);
    let inserted = &edited[start..edited.len() - (base.len() - end)];
    let same_start = common_prefix(base, current);
    let same_end = common_prefix_rev(&base[same_start..], &current[same_start..]);
    let moved = |at: usize| {
        if at <= same_start {
            at
        } else if at >= base.len() - same_end {
            at + current.len() - base.len()
        } else {
            current.len() - same_end
        }
    };
    let (from, to) = (moved(start), moved(end).max(moved(start)));
    format!("{}{inserted}{}", &current[..from], &current[to..])
}

/// The length in bytes of the longest common start of `a` and `b`, at a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices().zip(b.chars()).find(|((_, x), y)| x != y).map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// The length in bytes of the longest common end of `a` and `b`, at a character boundary.
fn common_prefix_rev(a: &str, b: &str) -> usize {
    a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum()
}

/// A table as TOML text that the story's reader reads: each key on its line, tables inline.
fn write_table(table: &BTreeMap<String, Node>) -> String {
    let mut out = String::new();
    for (key, value) in table {
        write_key(&mut out, key);
        out.push_str(" = ");
        write_value(&mut out, value);
        out.push('\n');
    }
    out
}

fn write_key(out: &mut String, key: &str) {
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
        out.push_str(key);
    } else {
        out.push_str(&string_literal(key));
    }
}

fn write_value(out: &mut String, value: &Node) {
    match value {
        Node::Text(text) => out.push_str(&string_literal(text)),
        Node::Integer(i) => out.push_str(&i.to_string()),
        Node::Float(f) if f.is_nan() => out.push_str("nan"),
        Node::Float(f) if f.is_infinite() => out.push_str(if *f > 0.0 { "inf" } else { "-inf" }),
        Node::Float(f) => out.push_str(&format!("{f:?}")),
        Node::Boolean(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Node::Table(table) => {
            out.push('{');
            for (i, (key, value)) in table.iter().enumerate() {
                out.push_str(if i > 0 { ", " } else { " " });
                write_key(out, key);
                out.push_str(" = ");
                write_value(out, value);
            }
            out.push_str(if table.is_empty() { "}" } else { " }" });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit;
    use crate::toml_format::load_files;

    fn published() -> Story {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../story");
        let loaded = crate::toml_format::load_dir(&dir, "story").expect("story/ reads");
        assert!(!loaded.has_errors(), "story/ has errors");
        loaded.story
    }

    /// Two copies of one document, as two members' editors have them once in step.
    fn two_members() -> (SharedStory, SharedStory, Story) {
        let story = published();
        let mut a = SharedStory::new();
        a.set_story(&story).expect("the first story is a change");
        let b = SharedStory::from_state(&a.encode_state()).expect("a state reads");
        (a, b, story)
    }

    fn story_of(shared: &mut SharedStory) -> Story {
        let loaded = load_files(&shared.files());
        let problems: Vec<String> = loaded.errors().take(3).map(|d| d.to_string()).collect();
        assert!(problems.is_empty(), "the shared files read back with errors: {problems:?}");
        loaded.story
    }

    fn first_step_title(story: &Story) -> &str {
        &story.steps[0].views[0].title.fr
    }

    fn with_first_title(story: &Story, title: &str) -> Story {
        let mut story = story.clone();
        story.steps[0].views[0].title.fr = title.to_string();
        story
    }

    #[test]
    fn the_published_story_goes_through_the_document_unchanged() {
        let (_, mut b, story) = two_members();
        assert_eq!(story_of(&mut b), story);
    }

    #[test]
    fn setting_the_same_story_again_changes_nothing() {
        let (mut a, _, story) = two_members();
        assert_eq!(a.set_story(&story), None);
        let mut fresh = SharedStory::from_state(&a.encode_state()).unwrap();
        fresh.files();
        assert_eq!(fresh.set_story(&story), None, "a story read back from the document is the document");
    }

    #[test]
    fn the_same_text_typed_by_two_at_once_keeps_both() {
        let (mut a, mut b, story) = two_members();
        let title = first_step_title(&story).to_string();
        let from_a = a.set_story(&with_first_title(&story, &format!("AAA {title}"))).unwrap();
        let from_b = b.set_story(&with_first_title(&story, &format!("{title} BBB"))).unwrap();
        assert!(a.apply_update(&from_b).unwrap());
        assert!(b.apply_update(&from_a).unwrap());
        let (sa, sb) = (story_of(&mut a), story_of(&mut b));
        assert_eq!(first_step_title(&sa), format!("AAA {title} BBB"));
        assert_eq!(sa, sb);
    }

    #[test]
    fn different_fields_and_steps_merge() {
        let (mut a, mut b, story) = two_members();
        let mut mine = story.clone();
        mine.steps[1].views[0].text.fr.push_str(" (a)");
        let mut theirs = story.clone();
        let last = theirs.steps.len() - 1;
        theirs.steps[last].views[0].title.en.push_str(" (b)");
        theirs.glossary[0].definition.fr.push_str(" (b)");
        let from_a = a.set_story(&mine).unwrap();
        let from_b = b.set_story(&theirs).unwrap();
        a.apply_update(&from_b).unwrap();
        b.apply_update(&from_a).unwrap();
        let merged = story_of(&mut a);
        assert!(merged.steps[1].views[0].text.fr.ends_with(" (a)"));
        assert!(merged.steps[last].views[0].title.en.ends_with(" (b)"));
        assert!(merged.glossary[0].definition.fr.ends_with(" (b)"));
        assert_eq!(merged, story_of(&mut b));
    }

    #[test]
    fn a_step_moved_by_one_and_edited_by_the_other_keeps_the_edit() {
        let (mut a, mut b, story) = two_members();
        let id = story.trajectory[2].clone();
        let mut moved = story.clone();
        edit::move_step(&mut moved, &id, -2).expect("the step moves");
        let from_a = a.set_story(&moved).unwrap();
        let mut edited = story.clone();
        let index = edited.steps.iter().position(|s| s.id == id).unwrap();
        edited.steps[index].views[0].title.fr.push_str(" !");
        let from_b = b.set_story(&edited).unwrap();
        a.apply_update(&from_b).unwrap();
        b.apply_update(&from_a).unwrap();
        let merged = story_of(&mut a);
        assert_eq!(merged.trajectory[0], id);
        assert_eq!(merged.trajectory.len(), story.trajectory.len());
        assert!(merged.steps[index].views[0].title.fr.ends_with(" !"), "the edit is kept: {}", merged.steps[index].views[0].title.fr);
        assert_eq!(merged, story_of(&mut b));
    }

    #[test]
    fn an_update_seen_twice_changes_nothing_the_second_time() {
        let (mut a, mut b, story) = two_members();
        let update = a.set_story(&with_first_title(&story, "Autre titre")).unwrap();
        assert!(b.apply_update(&update).unwrap());
        assert!(!b.apply_update(&update).unwrap());
    }

    #[test]
    fn a_copy_behind_gets_what_it_misses() {
        let (mut a, mut b, story) = two_members();
        a.set_story(&with_first_title(&story, "Un")).unwrap();
        a.set_story(&with_first_title(&story, "Deux")).unwrap();
        assert!(a.is_ahead_of(&b.state_vector()).unwrap());
        let missing = a.encode_missing(&b.state_vector()).unwrap();
        b.apply_update(&missing).unwrap();
        assert!(!a.is_ahead_of(&b.state_vector()).unwrap());
        assert_eq!(first_step_title(&story_of(&mut b)), "Deux");
        let mut c = SharedStory::from_state(&a.encode_state()).unwrap();
        let old = c.state_vector();
        let newer = b.set_story(&with_first_title(&story, "Trois")).unwrap();
        c.apply_update(&newer).unwrap();
        assert!(c.is_ahead_of(&old).unwrap());
        assert!(!c.made_changes_beyond(&old).unwrap(), "what came from b is not c's to send");
        c.set_story(&with_first_title(&story, "Quatre")).unwrap();
        assert!(c.made_changes_beyond(&old).unwrap());
    }

    #[test]
    fn malformed_bytes_are_refused_and_the_document_kept() {
        let (_, mut b, story) = two_members();
        for bytes in [&[0xff, 0xff, 0xff][..], &[1, 200, 3], &[]] {
            assert!(b.apply_update(bytes).is_err() || !b.apply_update(bytes).unwrap(), "{bytes:?}");
        }
        assert!(matches!(b.encode_missing(&[0xff, 0xff]), Err(SharedError::Malformed(_))));
        assert_eq!(story_of(&mut b), story);
    }

    #[test]
    fn text_with_quotes_newlines_and_accents_goes_through() {
        let (mut a, mut b, story) = two_members();
        let title = "« L'Archipel » \"noir\"\\ \n\tété 🌱";
        let update = a.set_story(&with_first_title(&story, title)).unwrap();
        b.apply_update(&update).unwrap();
        assert_eq!(first_step_title(&story_of(&mut b)), title);
    }

    #[test]
    fn an_edit_made_on_an_older_text_keeps_the_others_change() {
        assert_eq!(rebase_edit("titre", "Dtitre", "titre M"), "Dtitre M");
        assert_eq!(rebase_edit("titre", "titre!", "Atitre"), "Atitre!");
        assert_eq!(rebase_edit("un deux", "un trois", "x un deux"), "x un trois");
        assert_eq!(rebase_edit("été", "étés", "été"), "étés");
        assert_eq!(rebase_edit("abc", "ac", "abXc"), "aXc");
    }

    #[test]
    fn common_ends_stop_at_character_boundaries() {
        assert_eq!(common_prefix("été", "ét"), "ét".len());
        assert_eq!(common_prefix("é", "è"), 0);
        assert_eq!(common_prefix_rev("aé", "bé"), "é".len());
        assert_eq!(common_prefix_rev("é", "è"), 0);
    }
}
