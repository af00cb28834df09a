//! The editor's model on whole stories: arbitrary ones (the strategies are those of
//! `properties.rs`) and the sample fixture. Edits keep stories linked and change nothing when
//! refused, the diff sees every difference, and a story goes through a zip and back exactly.

use std::path::Path;

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

use recit_story::diff::{diff, ChangeKind};
use recit_story::edit::{self, EditError};
use recit_story::history::History;
use recit_story::markdown::{self, Finding};
use recit_story::toml_format::{load_files, write_files};
use recit_story::validate::collect_texts;
use recit_story::zip::{read_zip, write_zip};
use recit_story::*;

fn id() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9-]{0,10}"
}

/// Any text, including quotes, backslashes, line breaks, control characters and emoji.
fn any_text() -> impl Strategy<Value = Text> {
    let s = prop_oneof![any::<String>(), "[ -~\n\t\"\\\\«»éœ]{0,40}", Just(String::new()), Just("\n".to_string())];
    (s.clone(), s).prop_map(|(fr, en)| Text { fr, en })
}

fn figure() -> impl Strategy<Value = Figure> {
    (0..=i64::MAX as u64, any::<bool>(), any_text(), prop_oneof![id(), Just(String::new())]).prop_map(|(value, approximate, label, source)| Figure {
        value,
        approximate,
        label,
        source,
    })
}

fn view(scale: ScaleId) -> BoxedStrategy<View> {
    (
        any_text(),
        any_text(),
        vec(any_text(), 0..3),
        vec(figure(), 0..3),
        vec((any_text(), any_text(), id()).prop_map(|(text, by, source)| Quote { text, by, source }), 0..2),
        vec(any_text(), 0..3),
        any_text(),
        vec(id(), 0..3),
        (any_text(), vec(quiz_question(), 0..2)),
    )
        .prop_map(move |(title, text, actors, figures, quotes, questions, activity, terms, (notes, quiz))| View {
            scale,
            title,
            text,
            actors,
            figures,
            quotes,
            questions,
            activity,
            terms,
            notes,
            quiz,
        })
        .boxed()
}

fn quiz_question() -> impl Strategy<Value = QuizQuestion> {
    (any_text(), vec(any_text(), 0..4), 0..5u64, any_text(), id()).prop_map(|(question, options, answer, explanation, source)| QuizQuestion {
        question,
        options,
        answer,
        explanation,
        source,
    })
}

fn step() -> BoxedStrategy<Step> {
    (
        id(),
        option::of(id()),
        vec((id(), any_text()).prop_map(|(to, label)| Branch { to, label }), 0..2),
        vec(
            (id(), any_text(), vec((any_text(), id()).prop_map(|(label, to)| ChoiceOption { label, to }), 0..3)).prop_map(|(id, prompt, options)| Choice {
                id,
                prompt,
                options,
            }),
            0..2,
        ),
        (option::of(view(ScaleId::Commune)), option::of(view(ScaleId::Agglomeration)), option::of(view(ScaleId::Pole))),
    )
        .prop_map(|(id, next, branches, choices, (c, a, p))| Step { id, next, branches, choices, views: [c, a, p].into_iter().flatten().collect() })
        .boxed()
}

fn source() -> impl Strategy<Value = Source> {
    let report = (option::of((any::<u32>(), any::<u32>())), any_text()).prop_map(|(ocr_lines, passage)| SourceKind::Report { ocr_lines, passage });
    let dataset = (".{0,10}", ".{0,10}", any::<u32>(), ".{0,10}", ".{0,10}").prop_map(|(publisher, version, year, licence, url)| SourceKind::Dataset {
        publisher,
        version,
        year,
        licence,
        url,
    });
    (id(), any_text(), prop_oneof![report, dataset]).prop_map(|(id, title, kind)| Source { id, title, kind })
}

/// Boxed, as are steps and views: unboxed, the value trees of a story and a list of edits
/// overflow a test thread's stack in debug builds.
fn story() -> BoxedStrategy<Story> {
    let meta = (any_text(), any_text(), any_text(), vec(".{0,12}", 0..3), vec(".{0,12}", 0..3), ".{0,8}")
        .prop_map(|(title, promise, rtitle, authors, publishers, date)| Meta { title, promise, report: Report { title: rtitle, authors, publishers, date } });
    let scale = |id: ScaleId| {
        (any_text(), any_text(), 0..=i64::MAX as u64, id_or_empty(), option::of(".{0,9}"))
            .prop_map(move |(name, short, population, population_source, code)| Scale { id, name, short, population, population_source, code })
    };
    let term = (id(), any_text(), any_text()).prop_map(|(id, word, definition)| Term { id, word, definition });
    let commune = (".{0,6}", ".{0,12}", 0..=i64::MAX as u64).prop_map(|(code, name, population)| Commune { code, name, population });
    let grouping = (".{0,9}", ".{0,12}", vec(commune, 0..4)).prop_map(|(code, name, communes)| Grouping { code, name, communes });
    (
        meta,
        vec(prop_oneof![scale(ScaleId::Commune), scale(ScaleId::Agglomeration), scale(ScaleId::Pole)], 0..4),
        vec(id(), 0..5),
        vec(source(), 0..4),
        vec(step(), 0..6),
        vec(term, 0..3),
        option::of((source(), vec(grouping, 0..3))),
    )
        .prop_map(|(meta, scales, trajectory, sources, steps, glossary, territory)| {
            // Fields the model gains later keep their defaults.
            #[allow(clippy::needless_update)]
            let mut story = Story { meta, scales, trajectory, sources, steps, glossary, territory: None, ..Story::default() };
            story.steps.sort_by(|a, b| a.id.cmp(&b.id));
            story.steps.dedup_by(|a, b| a.id == b.id);
            story.sources.sort_by(|a, b| a.id.cmp(&b.id));
            story.sources.dedup_by(|a, b| a.id == b.id);
            // The open data's source lives in its own file and reads back last.
            if let Some((mut source, groupings)) = territory {
                source.id = format!("{}-open-data", source.id);
                story.territory = Some(Territory { source: source.id.clone(), groupings });
                story.sources.push(source);
            }
            story
        })
        .boxed()
}

fn id_or_empty() -> impl Strategy<Value = String> {
    prop_oneof![id(), Just(String::new())]
}

/// Every step id the story mentions anywhere: steps, trajectory, links, and link targets in
/// texts.
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
    collect_texts(story, |path, text, _| {
        for body in [&text.fr, &text.en] {
            if markdown::lint(body).iter().any(|f| matches!(f, Finding::StepLink { target, .. } if target == id)) {
                found.push(format!("a link in {}", path()));
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

fn sample() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample");
    let mut files = Vec::new();
    for sub in ["", "steps/"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                let name = format!("{sub}{}", path.file_name().unwrap().to_string_lossy());
                files.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
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
    assert!(warnings.iter().all(|(code, path)| *code == Code::MissingTranslation && path.starts_with("step[le-pole-s-engage]")), "{warnings:#?}");
    assert_eq!(story.trajectory, ["archipel-noir", "impliquer-les-habitants", "le-pole-s-engage", "archipel-vert"]);
}

#[test]
fn the_sample_goes_through_a_zip() {
    let files: Vec<(String, Vec<u8>)> = sample().into_iter().map(|(n, t)| (n, t.into_bytes())).collect();
    let read = read_zip(&write_zip(&files), 1 << 20).unwrap();
    assert_eq!(read, files);
}
