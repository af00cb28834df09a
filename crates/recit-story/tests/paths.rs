//! Every field path a message carries reads back: from the story, the sample broken in many
//! ways, and the pathological texts and files, each path parses to the same path and
//! displays as the same text.

use std::path::Path;

use recit_story::toml_format::{load_dir, load_files};
use recit_story::{validate, Contribution, Diagnostic, FieldPath, Picture, Status, Text};

mod common;
use common::pathological::{files, texts, toml_string};
use common::sample;

#[track_caller]
fn assert_read_back(diagnostics: &[Diagnostic], kinds: &mut std::collections::BTreeSet<String>) {
    for d in diagnostics {
        let shown = d.path.to_string();
        let back: FieldPath = shown.parse().unwrap_or_else(|e| panic!("`{shown}`: {e}"));
        assert_eq!(back, d.path, "`{shown}`");
        assert_eq!(back.to_string(), shown);
        // The path's shape, keys left out: how many kinds of paths were tried.
        let shape: String = shown.split('[').map(|s| s.split_once(']').map_or(s, |(_, rest)| rest)).collect::<Vec<_>>().join("[]");
        kinds.insert(shape);
    }
}

/// The sample story with the text of `archipel-vert`'s commune view replaced by `text`.
fn with_text(text: &str) -> Vec<(String, String)> {
    let mut files = sample();
    let (_, step) = files.iter_mut().find(|(name, _)| name == "steps/archipel-vert.toml").unwrap();
    let start = step.find("text.fr = \"\"\"").unwrap();
    let end = start + 13 + step[start + 13..].find("\"\"\"").unwrap() + 3;
    step.replace_range(start..end, &format!("text.fr = {}", toml_string(text)));
    files
}

#[test]
fn every_path_the_validator_and_the_reader_emit_reads_back() {
    let mut kinds = std::collections::BTreeSet::new();
    let story = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../story"), "story/").unwrap();
    assert_read_back(&story.diagnostics, &mut kinds);

    // The story emptied of its texts, sources and glossary, its ids and links broken: a
    // message at nearly every kind of field.
    let mut broken = story.story.clone();
    let mut n = 0;
    broken.for_each_text_mut(|_, t| {
        n += 1;
        *t = if n % 2 == 0 { Text::default() } else { Text { fr: "<b>[a](nulle-part)</b>".into(), en: String::new() } };
    });
    broken.sources.clear();
    broken.glossary.iter_mut().for_each(|t| t.id = "Dup".into());
    broken.trajectory.push("nulle-part".into());
    for step in &mut broken.steps {
        step.next = Some("ailleurs".into());
        step.views.iter_mut().for_each(|v| v.quiz.iter_mut().for_each(|q| q.answer = 99));
        step.views.iter_mut().for_each(|v| v.terms.push("inconnu".into()));
        step.views.iter_mut().for_each(|v| v.picture = Some(Picture { file: "Ô.gif".into(), date: "hier".into(), ..Picture::default() }));
    }
    let odd = Contribution { id: "même id".into(), date: "demain".into(), status: Status::Accepted, consent: None, ..load_files(&sample()).story.contributions[0].clone() };
    broken.contributions.extend([odd.clone(), odd]);
    let found = validate(&broken, None);
    assert!(found.len() > 100, "{} problems", found.len());
    assert_read_back(&found, &mut kinds);

    for (_, text) in texts(3_000) {
        assert_read_back(&load_files(&with_text(&text)).diagnostics, &mut kinds);
    }
    for (_, content) in files(3_000) {
        let mut story = sample();
        story.push(("steps/x.toml".into(), content));
        // Keys and a file name that only read back in quotes.
        story.push(("steps/odd].x.toml".into(), "id = \"odd].x\"\n\"a.b\" = 1\n\"légende\" = 2\n\"\" = 3\n[commune]\n\"[x]\" = 4\n".into()));
        story.push(("notes.txt".into(), String::new()));
        assert_read_back(&load_files(&story).diagnostics, &mut kinds);
    }
    let expected = [
        "contribution[].id",
        "contribution[].date",
        "contribution[].consent",
        "file[]",
        "glossary.term[].id",
        "glossary.term[].word.fr",
        "step[].commune.picture.file",
        "step[].commune.picture.source.by",
        "step[].commune.picture.alt.fr",
        "step[].commune.quiz[].options[].fr",
        "step[].commune.figure[].source",
        "step[].pole.quote[].text.en",
        "step[].choice[].option[].label.fr",
        "step[].next",
        "story.scale[].population_source",
        "story.trajectory[]",
    ];
    for shape in expected {
        assert!(kinds.contains(shape), "no path like {shape} among {kinds:#?}");
    }
}
