//! What the crate's test files share: the sample story's files, and proptest strategies for
//! any story (free-form texts, any ids), used by the round-trip and the editor's properties.
#![allow(dead_code)] // each test file uses its own part

pub mod pathological;

use std::path::Path;

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

use recit_story::*;

/// The files of the sample story in `tests/fixtures/sample`, as (path in `story/`, contents).
pub fn sample() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample");
    let mut files = Vec::new();
    for sub in ["", "steps/", "contributions/"] {
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

pub fn id() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9-]{0,10}"
}

/// Any text, including quotes, backslashes, line breaks, control characters and emoji.
pub fn any_text() -> impl Strategy<Value = Text> {
    let s = prop_oneof![any::<String>(), "[ -~\n\t\"\\\\«»éœ]{0,40}", Just(String::new()), Just("\n".to_string())];
    (s.clone(), s).prop_map(|(fr, en)| Text { fr, en })
}

pub fn figure() -> impl Strategy<Value = Figure> {
    (0..=i64::MAX as u64, any::<bool>(), any_text(), prop_oneof![id(), Just(String::new())]).prop_map(|(value, approximate, label, source)| Figure { value, approximate, label, source })
}

pub fn view(scale: ScaleId) -> BoxedStrategy<View> {
    (
        any_text(),
        (any_text(), any_text()),
        vec(any_text(), 0..3),
        vec(figure(), 0..3),
        vec((any_text(), any_text(), id()).prop_map(|(text, by, source)| Quote { text, by, source }), 0..2),
        vec(any_text(), 0..3),
        any_text(),
        vec(id(), 0..3),
        (any_text(), vec(quiz_question(), 0..2), option::of(picture())),
    )
        .prop_map(move |(title, (text, easy), actors, figures, quotes, questions, activity, terms, (notes, quiz, picture))| View {
            scale,
            title,
            text,
            easy,
            actors,
            figures,
            quotes,
            questions,
            activity,
            terms,
            notes,
            quiz,
            picture,
        })
        .boxed()
}

/// Any picture as the story files hold it: free-form fields, no size (read from the file).
pub fn picture() -> impl Strategy<Value = Picture> {
    (".{0,12}", any_text(), ".{0,12}", ".{0,12}", ".{0,12}", ".{0,12}").prop_map(|(file, alt, credit, licence, by, date)| Picture { file, alt, credit, licence, by, date, width: 0, height: 0 })
}

pub fn quiz_question() -> impl Strategy<Value = QuizQuestion> {
    (any_text(), vec(any_text(), 0..4), 0..5u64, any_text(), id()).prop_map(|(question, options, answer, explanation, source)| QuizQuestion { question, options, answer, explanation, source })
}

pub fn step() -> BoxedStrategy<Step> {
    (
        id(),
        option::of(id()),
        vec((id(), any_text()).prop_map(|(to, label)| Branch { to, label }), 0..2),
        vec((id(), any_text(), vec((any_text(), id()).prop_map(|(label, to)| ChoiceOption { label, to }), 0..3)).prop_map(|(id, prompt, options)| Choice { id, prompt, options }), 0..2),
        (option::of(view(ScaleId::Commune)), option::of(view(ScaleId::Agglomeration)), option::of(view(ScaleId::Pole))),
        option::of(proptest::sample::select(Motif::ALL.to_vec())),
    )
        .prop_map(|(id, next, branches, choices, (c, a, p), motif)| Step { id, next, branches, choices, views: [c, a, p].into_iter().flatten().collect(), motif })
        .boxed()
}

pub fn source() -> impl Strategy<Value = Source> {
    let report = (option::of((any::<u32>(), any::<u32>())), any_text()).prop_map(|(ocr_lines, passage)| SourceKind::Report { ocr_lines, passage });
    let dataset = (".{0,10}", ".{0,10}", any::<u32>(), ".{0,10}", ".{0,10}").prop_map(|(publisher, version, year, licence, url)| SourceKind::Dataset { publisher, version, year, licence, url });
    (id(), any_text(), prop_oneof![report, dataset]).prop_map(|(id, title, kind)| Source { id, title, kind })
}

/// Any contribution: free-form fields, any text, kept in some valid file.
pub fn contribution() -> impl Strategy<Value = Contribution> {
    let scale = prop_oneof![Just(ScaleId::Commune), Just(ScaleId::Agglomeration), Just(ScaleId::Pole)];
    let lang = prop_oneof![Just(Lang::Fr), Just(Lang::En)];
    let status = prop_oneof![Just(Status::Proposed), Just(Status::Accepted), Just(Status::Rejected)];
    let text = prop_oneof![any::<String>(), "[ -~\n\t\"\\\\«»éœ]{0,40}", Just(String::new())];
    (
        (id(), id(), scale, lang, ".{0,24}"),
        (".{0,12}", ".{0,12}", ".{0,12}", status, text),
        prop_oneof![id(), Just("kiosque-2026-11-25".to_string()), "[A-Za-zéà0-9 ()_.-]{1,12}".prop_filter("a file name", |o| !o.starts_with('.'))],
        (prop::sample::select(Attribution::ALL.to_vec()), option::of(prop_oneof![Just("2026-11-20".to_string()), ".{0,12}"])),
    )
        .prop_map(|((id, step, scale, lang, date), (author, role, source, status, text), origin, (attribution, consent))| Contribution {
            id,
            step,
            scale,
            lang,
            date,
            author,
            attribution,
            consent,
            role,
            source,
            status,
            text,
            origin,
        })
}

/// Boxed, as are steps and views: unboxed, the value trees of a story and a list of edits
/// overflow a test thread's stack in debug builds.
pub fn story() -> BoxedStrategy<Story> {
    let meta = (any_text(), any_text(), any_text(), vec(".{0,12}", 0..3), vec(".{0,12}", 0..3), ".{0,8}").prop_map(|(title, promise, rtitle, authors, publishers, date)| Meta {
        title,
        promise,
        report: Report { title: rtitle, authors, publishers, date },
    });
    let scale = |id: ScaleId| {
        (any_text(), any_text(), 0..=i64::MAX as u64, id_or_empty(), option::of(".{0,9}")).prop_map(move |(name, short, population, population_source, code)| Scale {
            id,
            name,
            short,
            population,
            population_source,
            code,
        })
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
        vec(contribution(), 0..5),
    )
        .prop_map(|(meta, scales, trajectory, sources, steps, glossary, territory, contributions)| {
            let mut story = Story { meta, scales, trajectory, sources, steps, glossary, territory: None, contributions };
            story.sort_contributions();
            story.contributions.dedup_by(|a, b| a.id == b.id);
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

pub fn id_or_empty() -> impl Strategy<Value = String> {
    prop_oneof![id(), Just(String::new())]
}
