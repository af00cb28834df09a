//! Properties: reading and validating never panic on any input, and a story written to
//! files reads back exactly (story → text → story).

use proptest::collection::vec;
use proptest::prelude::*;

use recit_story::markdown;
use recit_story::toml_format::{load_files, read_files, write_files};
use recit_story::*;

mod common;
use common::*;

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
        let mut story = Story { steps: step_ids.iter().map(|id| Step { id: id.clone(), next: None, branches: vec![], choices: vec![], views: vec![], motif: None }).collect(), ..Default::default() };
        story.sort_steps();
        let step = pick.get(&step_ids).clone();
        let position = Position { lang, scale, step };
        prop_assert_eq!(parse_route(&story, &position.to_path()), Ok(Route::Step(position)));
    }
}
