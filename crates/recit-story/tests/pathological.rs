//! No input under the import limits gets an unbounded answer: every pathological text and
//! file of `common/pathological.rs` gives a short list of located problems, with the rest
//! counted in one closing line. How long each takes is printed by `benches/pathological.rs`
//! (a timing assertion here would fail on a busy machine, not on a slow algorithm).

use proptest::prelude::*;

use recit_story::diagnostic::{MAX_PROBLEMS_PER_FILE, MAX_PROBLEMS_PER_TEXT, MAX_QUOTED_CHARS};
use recit_story::markdown::{self, Block, Inline};
use recit_story::toml_format::{load_files, Loaded};
use recit_story::{validate, Code};

mod common;
use common::pathological::{files, texts, toml_string};
use common::sample;

const STEP: &str = "steps/archipel-vert.toml";
const TEXT_FIELD: &str = "step[archipel-vert].commune.text.fr";

/// The sample with the commune text of `archipel-vert` replaced by `text`.
fn with_text(text: &str) -> Vec<(String, String)> {
    let mut files = sample();
    let (_, step) = files.iter_mut().find(|(name, _)| name == STEP).unwrap();
    let start = step.find("text.fr = \"\"\"").unwrap();
    let end = start + 13 + step[start + 13..].find("\"\"\"").unwrap() + 3;
    step.replace_range(start..end, &format!("text.fr = {}", toml_string(text)));
    files
}

/// Every problem is placed in a file and short enough to read; the list is capped.
#[track_caller]
fn assert_bounded(loaded: &Loaded, what: &str) {
    assert!(loaded.diagnostics.len() <= 8 * (MAX_PROBLEMS_PER_FILE + 1), "{what}: {} problems", loaded.diagnostics.len());
    for d in &loaded.diagnostics {
        assert!(d.loc.is_some(), "{what}: not located: {d}");
        assert!(d.message.chars().count() <= 2 * MAX_QUOTED_CHARS + 120, "{what}: a long message: {}", d.message);
        assert!(d.help.chars().count() <= 400, "{what}: a long help: {}", d.help);
    }
}

/// The characters of the text that `parse` keeps (it drops markers and link targets).
fn kept(blocks: &[Block]) -> usize {
    fn inline(i: &Inline) -> usize {
        match i {
            Inline::Text(t) => t.len(),
            Inline::Emphasis(c) | Inline::Strong(c) => c.iter().map(inline).sum(),
            Inline::StepLink { label, .. } => label.iter().map(inline).sum(),
        }
    }
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.iter().map(inline).sum::<usize>(),
            Block::List { items, .. } => items.iter().flatten().map(inline).sum(),
        })
        .sum()
}

#[test]
fn every_pathological_text_gets_a_short_located_answer() {
    for (name, text) in texts(100_000) {
        let blocks = markdown::parse(&text);
        assert!(kept(&blocks) <= text.len(), "{name}: parse made text up");
        let loaded = load_files(&with_text(&text));
        assert_bounded(&loaded, name);
        let in_text: Vec<_> = loaded.diagnostics.iter().filter(|d| d.path == TEXT_FIELD).collect();
        assert!(in_text.len() <= MAX_PROBLEMS_PER_TEXT + 1, "{name}: {} problems in one text", in_text.len());
        let found = markdown::lint(&text).len();
        if found > MAX_PROBLEMS_PER_TEXT && !matches!(name, "step links" | "nested brackets") {
            let last = in_text.last().unwrap_or_else(|| panic!("{name}: nothing reported"));
            assert_eq!(last.code, Code::TooMany, "{name}: {last}");
            assert!(last.message.starts_with("… and ") && last.message.ends_with(" more like this in this text"), "{}", last.message);
            assert!(last.loc.as_ref().is_some_and(|l| l.file == STEP), "{last}");
        }
        // The editor checks its draft without files: the same cap.
        let unplaced = validate(&loaded.story, None).into_iter().filter(|d| d.path == TEXT_FIELD).count();
        assert!(unplaced <= MAX_PROBLEMS_PER_TEXT + 1, "{name}: {unplaced}");
    }
}

#[test]
fn a_thousand_problems_are_counted_not_listed() {
    // Every link points to a step that does not exist: 10,000 problems in one text.
    let loaded = load_files(&with_text(&"[x](nulle-part) ".repeat(10_000)));
    let in_text: Vec<_> = loaded.diagnostics.iter().filter(|d| d.path == TEXT_FIELD).collect();
    assert_eq!(in_text.len(), MAX_PROBLEMS_PER_TEXT + 1);
    assert_eq!(in_text[MAX_PROBLEMS_PER_TEXT].message, "… and 9,980 more like this in this text");
    assert!(in_text[..MAX_PROBLEMS_PER_TEXT].iter().all(|d| d.code == Code::DanglingLink));
    // Placed at the first left out: the 21st link, 16 characters a link further on.
    let at = in_text[MAX_PROBLEMS_PER_TEXT].loc.as_ref().unwrap();
    let first = in_text[0].loc.as_ref().unwrap();
    assert_eq!((at.line, at.col), (first.line, first.col + 16 * MAX_PROBLEMS_PER_TEXT as u32));
}

#[test]
fn every_pathological_file_gets_a_short_located_answer() {
    for (name, content) in files(100_000) {
        let mut story = sample();
        story.push(("steps/x.toml".into(), content));
        let loaded = load_files(&story);
        assert_bounded(&loaded, name);
        let in_file = loaded.diagnostics.iter().filter(|d| d.loc.as_ref().is_some_and(|l| l.file == "steps/x.toml")).count();
        assert!((1..=MAX_PROBLEMS_PER_FILE + 1).contains(&in_file), "{name}: {in_file} problems");
    }
}

#[test]
fn a_file_of_garbage_is_capped_with_its_count() {
    let mut story = sample();
    story.push(("steps/x.toml".into(), "=\n".repeat(1_000)));
    let loaded = load_files(&story);
    let listed: Vec<_> = loaded.diagnostics.iter().filter(|d| d.loc.as_ref().is_some_and(|l| l.file == "steps/x.toml")).collect();
    assert_eq!(listed.len(), MAX_PROBLEMS_PER_FILE + 1);
    let last = listed.last().unwrap();
    assert_eq!(last.code, Code::TooMany);
    assert!(last.message.ends_with("more like this in this file"), "{last}");
    assert!(last.loc > listed[MAX_PROBLEMS_PER_FILE - 1].loc, "at the first left out, after the listed ones");
}

#[test]
fn quotes_are_capped() {
    let target = "https://example.org/".to_string() + &"a".repeat(50_000);
    let loaded = load_files(&with_text(&format!("[x]({target}) <{}", "b".repeat(50_000))));
    let messages: Vec<&str> = loaded.diagnostics.iter().filter(|d| d.path == TEXT_FIELD).map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages.iter().all(|m| m.contains('…') && m.chars().count() < 2 * MAX_QUOTED_CHARS), "{messages:?}");
}

/// A text made of random pieces of every markup class, at lengths where a quadratic step
/// would take minutes.
fn pathological_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<"),
        Just("<a"),
        Just("</b>"),
        Just(">"),
        Just("["),
        Just("]"),
        Just("]("),
        Just("("),
        Just(")"),
        Just("*"),
        Just("**"),
        Just("_"),
        Just("__"),
        Just("`"),
        Just("#"),
        Just("|"),
        Just("&amp;"),
        Just("\n"),
        Just("\n\n"),
        Just("- "),
        Just("1. "),
        Just(" "),
        Just("a"),
        Just("é"),
        Just("javascript:"),
        Just("https://"),
        Just("\u{0}"),
        Just("\r"),
    ];
    (proptest::collection::vec(piece, 1..40), 1_000..20_000usize).prop_map(|(pieces, times)| pieces.concat().repeat(times / pieces.len().max(1)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn long_random_markup_is_bounded(text in pathological_text()) {
        let blocks = markdown::parse(&text);
        prop_assert!(kept(&blocks) <= text.len());
        let loaded = load_files(&with_text(&text));
        let in_text = loaded.diagnostics.iter().filter(|d| d.path == TEXT_FIELD).count();
        prop_assert!(in_text <= MAX_PROBLEMS_PER_TEXT + 1, "{} problems", in_text);
        for d in &loaded.diagnostics {
            prop_assert!(d.loc.is_some(), "{}", d);
            prop_assert!(d.message.chars().count() <= 2 * MAX_QUOTED_CHARS + 120, "{}", d.message);
        }
    }
}
