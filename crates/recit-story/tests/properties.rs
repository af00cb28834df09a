//! Properties: reading and validating never panic on any input, and a story written to
//! files reads back exactly (story → text → story).

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

use recit_story::markdown;
use recit_story::toml_format::{load_files, read_files, write_files};
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
    (0..=i64::MAX as u64, any::<bool>(), any_text(), prop_oneof![id(), Just(String::new())])
        .prop_map(|(value, approximate, label, source)| Figure { value, approximate, label, source })
}

fn view(scale: ScaleId) -> impl Strategy<Value = View> {
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

fn step() -> impl Strategy<Value = Step> {
    (
        id(),
        option::of(id()),
        vec((id(), any_text()).prop_map(|(to, label)| Branch { to, label }), 0..2),
        vec(
            (id(), any_text(), vec((any_text(), id()).prop_map(|(label, to)| ChoiceOption { label, to }), 0..3))
                .prop_map(|(id, prompt, options)| Choice { id, prompt, options }),
            0..2,
        ),
        (option::of(view(ScaleId::Commune)), option::of(view(ScaleId::Agglomeration)), option::of(view(ScaleId::Pole))),
    )
        .prop_map(|(id, next, branches, choices, (c, a, p))| Step { id, next, branches, choices, views: [c, a, p].into_iter().flatten().collect() })
}

fn source() -> impl Strategy<Value = Source> {
    let report = (option::of((any::<u32>(), any::<u32>())), any_text()).prop_map(|(ocr_lines, passage)| SourceKind::Report { ocr_lines, passage });
    let dataset = (".{0,10}", ".{0,10}", any::<u32>(), ".{0,10}", ".{0,10}")
        .prop_map(|(publisher, version, year, licence, url)| SourceKind::Dataset { publisher, version, year, licence, url });
    (id(), any_text(), prop_oneof![report, dataset]).prop_map(|(id, title, kind)| Source { id, title, kind })
}

/// Any contribution: free-form fields, any text, kept in some valid file.
fn contribution() -> impl Strategy<Value = Contribution> {
    let scale = prop_oneof![Just(ScaleId::Commune), Just(ScaleId::Agglomeration), Just(ScaleId::Pole)];
    let lang = prop_oneof![Just(Lang::Fr), Just(Lang::En)];
    let status = prop_oneof![Just(Status::Proposed), Just(Status::Accepted), Just(Status::Rejected)];
    let text = prop_oneof![any::<String>(), "[ -~\n\t\"\\\\«»éœ]{0,40}", Just(String::new())];
    (
        (id(), id(), scale, lang, ".{0,24}"),
        (".{0,12}", ".{0,12}", ".{0,12}", status, text),
        prop_oneof![id(), Just("kiosque-2026-11-25".to_string()), "[A-Za-zéà0-9 ()_.-]{1,12}".prop_filter("a file name", |o| !o.starts_with('.'))],
    )
        .prop_map(|((id, step, scale, lang, date), (author, role, source, status, text), origin)| Contribution {
            id,
            step,
            scale,
            lang,
            date,
            author,
            role,
            source,
            status,
            text,
            origin,
        })
}

fn story() -> impl Strategy<Value = Story> {
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
}

fn id_or_empty() -> impl Strategy<Value = String> {
    prop_oneof![id(), Just(String::new())]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn story_to_files_to_story_is_exact(story in story()) {
        let files = write_files(&story);
        let read = read_files(&files);
        let format_errors: Vec<String> = read.diagnostics.iter().map(|d| d.to_string()).collect();
        prop_assert!(format_errors.is_empty(), "{}\n{:#?}", format_errors.join("\n"), files);
        prop_assert_eq!(&read.story, &story);
        prop_assert_eq!(Story::from_compact(&story.to_compact()).unwrap(), story);
    }

    #[test]
    fn reading_any_text_never_panics(name in prop_oneof![Just("story.toml"), Just("glossary.toml"), Just("steps/a.toml"), Just("data/territory.toml"),
                                                  Just("contributions/kiosque.toml")],
                                     text in any::<String>()) {
        let loaded = load_files(&[(name.to_string(), text)]);
        // Never a silent success: a file of nonsense is either empty or reported.
        prop_assert!(!loaded.diagnostics.is_empty());
    }

    #[test]
    fn reading_toml_shaped_text_never_panics(lines in vec("(\\[{1,2}[a-z.]{1,12}\\]{1,2}|[a-z.]{1,8} = (\"[^\"\\\\]{0,8}\"|[0-9]{1,4}|\\[\\]|\\{ fr = \"x\" \\}|true))", 0..20)) {
        let _ = load_files(&[("steps/a.toml".to_string(), lines.join("\n"))]);
        let _ = load_files(&[("story.toml".to_string(), lines.join("\n"))]);
        let _ = load_files(&[("contributions/a.toml".to_string(), lines.join("\n"))]);
    }

    #[test]
    fn reading_contribution_shaped_text_never_panics(lines in vec(prop_oneof![
        Just("[[contribution]]".to_string()),
        Just("[contribution]".to_string()),
        ("(id|step|scale|lang|date|author|role|source|status|text|txet)", "(\"[^\"\\\\]{0,12}\"|[0-9]{1,4}|2026-11-25|\\[\\]|true|\"(commune|fr|accepted|rejected)\")")
            .prop_map(|(k, v)| format!("{k} = {v}")),
    ], 0..24)) {
        let files = [("story.toml".to_string(), String::new()), ("contributions/a.toml".to_string(), lines.join("\n"))];
        let _ = load_files(&files);
        let _ = recit_story::toml_format::read_contributions("a", &lines.join("\n"));
    }

    #[test]
    fn validating_any_story_never_panics(story in story()) {
        let _ = validate(&story, None);
    }

    #[test]
    fn markdown_never_panics(src in any::<String>()) {
        let _ = markdown::parse(&src);
        let _ = markdown::lint(&src);
    }

    #[test]
    fn a_position_reads_back_from_its_url(step_ids in vec(id(), 1..5), pick in any::<prop::sample::Index>(),
                                          lang in prop_oneof![Just(Lang::Fr), Just(Lang::En)],
                                          scale in prop_oneof![Just(ScaleId::Commune), Just(ScaleId::Agglomeration), Just(ScaleId::Pole)]) {
        let mut story = Story::default();
        story.steps = step_ids.iter().map(|id| Step { id: id.clone(), next: None, branches: vec![], choices: vec![], views: vec![] }).collect();
        story.sort_steps();
        let step = pick.get(&step_ids).clone();
        let position = Position { lang, scale, step };
        prop_assert_eq!(parse_route(&story, &position.to_path()), Ok(Route::Step(position)));
    }
}
