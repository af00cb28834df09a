//! The editor's model on whole stories: arbitrary ones (the strategies are those of
//! `properties.rs`) and the sample fixture. Edits keep stories linked and change nothing when
//! refused, the diff sees every difference, and a story goes through a zip and back exactly.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

use recit_story::diff::{diff, ChangeKind};
use recit_story::edit::{self, EditError};
use recit_story::markdown::{self, Finding};
use recit_story::toml_format::{load_files, write_files};
use recit_story::undo::History;
use recit_story::zip::{read_zip, write_zip};
use recit_story::*;

mod common;
use common::*;

fn mentions(story: &Story, id: &str) -> Vec<String> {
    let mut found = Vec::new();
    if story.steps.iter().any(|s| s.id == id) {
        found.push("a step".to_string());
    }
    if story.trajectory.iter().any(|s| s == id) {
        found.push("the trajectory".to_string());
    }
    for step in &story.steps {
        if step.next.as_deref() == Some(id) {
            found.push(format!("the next of {}", step.id));
        }
        if step.branches.iter().any(|b| b.to == id) {
            found.push(format!("a branch of {}", step.id));
        }
        if step.choices.iter().flat_map(|c| &c.options).any(|o| o.to == id) {
            found.push(format!("an answer of {}", step.id));
        }
    }
    story.for_each_text(|place, text| {
        for body in [&text.fr, &text.en] {
            if markdown::lint(body).iter().any(|f| matches!(f, Finding::StepLink { target, .. } if target == id)) {
                found.push(format!("a link in {place:?}"));
            }
        }
    });
    found
}

/// A step id in an edit: most often one the story has at that moment, sometimes any.
#[derive(Clone, Debug)]
enum Pick {
    Known(prop::sample::Index),
    Other(String),
}

fn pick() -> impl Strategy<Value = Pick> {
    prop_oneof![3 => any::<prop::sample::Index>().prop_map(Pick::Known), 1 => id().prop_map(Pick::Other)]
}

impl Pick {
    fn id(&self, story: &Story) -> String {
        let known: Vec<&String> = story.steps.iter().map(|s| &s.id).chain(&story.trajectory).collect();
        match self {
            Pick::Known(i) if !known.is_empty() => known[i.index(known.len())].clone(),
            Pick::Known(_) => "none".into(),
            Pick::Other(id) => id.clone(),
        }
    }
}

/// An edit chosen at random.
#[derive(Clone, Debug)]
enum Op {
    Add { id: String, after: Option<Pick>, main: bool },
    Delete(Pick),
    Move(Pick, isize),
    Branch(Pick, Pick),
    Unbranch(Pick, usize),
    Next(Pick, Option<Pick>),
    Rename(Pick, Pick),
    Remove(Pick, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (id(), option::of(pick()), any::<bool>()).prop_map(|(id, after, main)| Op::Add { id, after, main }),
        pick().prop_map(Op::Delete),
        (pick(), -3..3isize).prop_map(|(id, d)| Op::Move(id, d)),
        (pick(), pick()).prop_map(|(a, b)| Op::Branch(a, b)),
        (pick(), 0..3usize).prop_map(|(a, i)| Op::Unbranch(a, i)),
        (pick(), option::of(pick())).prop_map(|(a, b)| Op::Next(a, b)),
        (pick(), pick()).prop_map(|(a, b)| Op::Rename(a, b)),
        (pick(), 0..3usize).prop_map(|(a, i)| Op::Remove(a, i)),
    ]
}

/// Runs `op` on `story`; for a deletion, also says which step it was.
fn run(story: &mut Story, op: &Op) -> (Result<(), EditError>, Option<String>) {
    let id = |p: &Pick| p.id(story);
    match op {
        Op::Add { id: new, after, main } => {
            let after = after.as_ref().map(id);
            (edit::add_step(story, new, after.as_deref(), *main), None)
        }
        Op::Delete(p) => {
            let deleted = id(p);
            (edit::delete_step(story, &deleted).map(drop), Some(deleted))
        }
        Op::Move(p, delta) => {
            let step = id(p);
            (edit::move_step(story, &step, *delta), None)
        }
        Op::Branch(from, to) => {
            let (from, to) = (id(from), id(to));
            (edit::add_branch(story, &from, &to, Text::new("Par là", "This way")), None)
        }
        Op::Unbranch(from, i) => {
            let from = id(from);
            (edit::remove_branch(story, &from, *i), None)
        }
        Op::Next(p, next) => {
            let (step, next) = (id(p), next.as_ref().map(id));
            (edit::set_next(story, &step, next.as_deref()), None)
        }
        Op::Rename(old, new) => {
            // A known id tries a taken one; another id, usually a free one.
            let (old, new) = (id(old), if matches!(new, Pick::Known(_)) { id(new) } else { format!("{}-x", id(new)) });
            (edit::rename_step(story, &old, &new), None)
        }
        Op::Remove(p, i) => {
            let step = id(p);
            (edit::remove_item(story, &step, ScaleId::Commune, edit::ViewList::Figures, *i), None)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn a_story_has_no_change_from_itself(story in story()) {
        prop_assert_eq!(diff(&story, &story.clone()), vec![]);
    }

    #[test]
    fn the_diff_is_empty_exactly_when_the_stories_are_equal(a in story(), b in story()) {
        prop_assert_eq!(diff(&a, &b).is_empty(), a == b);
    }

    #[test]
    fn edits_are_all_or_nothing(story in story(), ops in vec(op(), 0..12)) {
        let mut story = story;
        for op in &ops {
            let before = story.clone();
            let (result, deleted) = run(&mut story, op);
            match result {
                Err(e) => {
                    prop_assert_eq!(&story, &before, "{:?} refused ({}) but changed the story", op, e);
                    prop_assert!(!e.to_string().is_empty());
                }
                Ok(()) => {
                    prop_assert!(story.steps.windows(2).all(|w| w[0].id < w[1].id), "steps stay sorted after {:?}", op);
                    // Near-equal stories: the diff sees exactly the edits that change something.
                    prop_assert_eq!(diff(&before, &story).is_empty(), before == story, "{:?}", op);
                    if let Some(id) = deleted {
                        prop_assert_eq!(mentions(&story, &id), Vec::<String>::new(), "{} still mentioned", id);
                    }
                }
            }
        }
    }

    #[test]
    fn edits_through_history_undo_to_the_start(story in story(), ops in vec(op(), 0..12)) {
        let mut history = History::new(story.clone(), usize::MAX);
        for op in &ops {
            history.apply(|s| { let _ = run(s, op); });
        }
        while history.undo() {}
        prop_assert_eq!(history.present(), &story);
    }

    #[test]
    fn renaming_there_and_back_changes_nothing(story in story(), pick in any::<prop::sample::Index>()) {
        prop_assume!(!story.steps.is_empty());
        let old = story.steps[pick.index(story.steps.len())].id.clone();
        // The editor makes only clean ids (the validator lets `a--b` through).
        prop_assume!(edit::is_step_id(&old));
        // Longer than any generated id, so that nothing mentions it yet.
        let new = "renamed-step";
        let mut renamed = story.clone();
        edit::rename_step(&mut renamed, &old, new).unwrap();
        prop_assert_eq!(mentions(&renamed, &old), Vec::<String>::new());
        edit::rename_step(&mut renamed, new, &old).unwrap();
        prop_assert_eq!(renamed, story);
    }

    #[test]
    fn suggested_ids_are_valid_and_free(story in story(), title in any::<String>()) {
        let id = edit::suggest_id(&story, &title);
        prop_assert!(edit::is_step_id(&id), "{:?} → {:?}", title, id);
        let mut story = story;
        prop_assert_eq!(edit::add_step(&mut story, &id, None, false), Ok(()));
    }

    #[test]
    fn a_story_goes_through_a_zip_exactly(story in story()) {
        let files: Vec<(String, Vec<u8>)> = write_files(&story).into_iter().map(|(name, text)| (name, text.into_bytes())).collect();
        let zip = write_zip(&files);
        let read: Vec<(String, String)> = read_zip(&zip, 1 << 24).unwrap().into_iter().map(|(name, data)| (name, String::from_utf8(data).unwrap())).collect();
        prop_assert_eq!(&read, &write_files(&story));
        prop_assert_eq!(recit_story::toml_format::read_files(&read).story, story);
    }
}

fn sample_story() -> Story {
    let loaded = load_files(&sample());
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    loaded.story
}

fn errors(story: &Story) -> Vec<String> {
    validate(story, None).into_iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect()
}

#[test]
fn deleting_any_sample_step_leaves_no_dangling_link() {
    let sample = sample_story();
    for step in &sample.steps {
        let mut story = sample.clone();
        let changes = edit::delete_step(&mut story, &step.id).unwrap();
        let dangling: Vec<_> = validate(&story, None).into_iter().filter(|d| d.code == Code::DanglingLink).map(|d| d.to_string()).collect();
        assert!(dangling.is_empty(), "after deleting {}: {dangling:#?}\n{changes:#?}", step.id);
        assert_eq!(mentions(&story, &step.id), Vec::<String>::new());
        let removed: Vec<_> = diff(&sample, &story).into_iter().filter(|c| c.field == "step").collect();
        assert_eq!(removed.len(), 1);
        assert_eq!((removed[0].step.as_deref(), removed[0].kind), (Some(step.id.as_str()), ChangeKind::Removed));
    }
}

#[test]
fn deleting_the_fifty_fifty_step_relinks_and_says_so() {
    let mut story = sample_story();
    let changes = edit::delete_step(&mut story, "fifty-fifty").unwrap();
    assert_eq!(
        changes,
        [
            "removed the answer « Le « fifty/fifty » sur une action concrète » from the choice `comment-impliquer` of `impliquer-les-habitants`",
            "the choice `comment-impliquer` of `impliquer-les-habitants` now offers 1 answer: add another, or remove the choice",
            "`reunion-de-concertation` now leads on to `archipel-vert`",
            "removed the link to `fifty-fifty` from the text of `reunion-de-concertation` (commune)",
            "removed the link to `fifty-fifty` from the text of `reunion-de-concertation` (commune)",
            "removed the link to `fifty-fifty` from the easy-read text of `reunion-de-concertation` (commune)",
            "removed the link to `fifty-fifty` from the easy-read text of `reunion-de-concertation` (commune)",
            "removed the link to `fifty-fifty` from the testimony `conseil-2026-01`",
        ]
    );
    // The choice is the author's to complete or remove; the story is otherwise whole.
    assert_eq!(errors(&story).len(), 1, "{:#?}", errors(&story));
    edit::add_choice_option(&mut story, "impliquer-les-habitants", 0, Text::new("Autre chose", "Something else"), "archipel-vert").unwrap();
    assert_eq!(errors(&story), Vec::<String>::new());
}

#[test]
fn renaming_any_sample_step_keeps_it_valid() {
    let sample = sample_story();
    for step in &sample.steps {
        let mut story = sample.clone();
        let new = format!("{}-2", step.id);
        edit::rename_step(&mut story, &step.id, &new).unwrap();
        assert_eq!(validate(&story, None), vec![], "after renaming {}", step.id);
        assert_eq!(mentions(&story, &step.id), Vec::<String>::new());
        let loaded = load_files(&write_files(&story));
        assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    }
}

#[test]
fn a_new_main_step_in_the_sample_is_valid_once_translated() {
    let mut story = sample_story();
    let id = edit::suggest_id(&story, "Le Pôle s'engage");
    assert_eq!(id, "le-pole-s-engage");
    edit::add_step(&mut story, &id, Some("impliquer-les-habitants"), true).unwrap();
    let warnings: Vec<_> = validate(&story, None).into_iter().map(|d| (d.code, d.path)).collect();
    assert!(warnings.iter().all(|(code, path)| *code == Code::MissingTranslation && path.is_within(&recit_story::FieldPath::step("le-pole-s-engage"))), "{warnings:#?}");
    assert_eq!(story.trajectory, ["archipel-noir", "impliquer-les-habitants", "le-pole-s-engage", "archipel-vert"]);
}

#[test]
fn the_sample_goes_through_a_zip() {
    let files: Vec<(String, Vec<u8>)> = sample().into_iter().map(|(n, t)| (n, t.into_bytes())).collect();
    let read = read_zip(&write_zip(&files), 1 << 20).unwrap();
    assert_eq!(read, files);
}

#[test]
fn testimonies_follow_their_step_when_it_is_renamed_or_deleted() {
    let mut story = sample_story();
    edit::rename_step(&mut story, "impliquer-les-habitants", "associer-les-habitants").unwrap();
    assert!(story.contributions.iter().any(|c| c.step == "associer-les-habitants"));
    let changes = edit::delete_step(&mut story, "associer-les-habitants").unwrap();
    assert!(changes.iter().any(|c| c.contains("now belongs to")), "{changes:?}");
    assert!(story.contributions.iter().all(|c| story.step(&c.step).is_some()));
    // (Its side steps are left unreachable, which the validator says; no testimony dangles.)
    assert_eq!(errors(&story).into_iter().filter(|e| e.contains("contribution[")).collect::<Vec<_>>(), Vec::<String>::new());
}
