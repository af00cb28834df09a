//! The reader model on the sample story: « Suivant » and « Précédent », choices, switching
//! scale, the path taken, and the URL of every position.

use std::path::Path;

use recit_story::reader::MODES_PAGES;
use recit_story::toml_format::load_dir;
use recit_story::*;

fn sample() -> Story {
    let loaded = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample"), "").unwrap();
    assert!(!loaded.has_errors());
    loaded.story
}

fn at(story: &Story, step: &str) -> Reader {
    let mut reader = Reader::new(Position::start(story, Lang::Fr, ScaleId::Commune).unwrap());
    reader.go_to(step);
    reader
}

#[test]
fn next_follows_the_trajectory_to_the_desired_model_and_stops() {
    let story = sample();
    let mut reader = Reader::new(Position::start(&story, Lang::En, ScaleId::Pole).unwrap());
    let mut seen = vec![reader.position.step.clone()];
    while reader.next(&story) {
        seen.push(reader.position.step.clone());
    }
    assert_eq!(seen, story.trajectory, "« Suivant » ignores choices and branches");
    assert_eq!(reader.position.scale, ScaleId::Pole);
    assert_eq!(reader.position.lang, Lang::En);
    while reader.previous(&story) {}
    assert_eq!(Some(reader.position.step.as_str()), story.start());
}

#[test]
fn a_choice_leads_to_its_side_step_which_leads_back() {
    let story = sample();
    let mut reader = at(&story, "impliquer-les-habitants");
    assert!(!reader.choose(&story, "comment-impliquer", 9), "no such answer");
    assert!(!reader.choose(&story, "nulle-part", 0), "no such choice");
    assert!(reader.choose(&story, "comment-impliquer", 0));
    assert_eq!(reader.position.step, "reunion-de-concertation");
    assert!(reader.previous(&story));
    assert_eq!(reader.position.step, "impliquer-les-habitants", "« Précédent » goes back to where it was offered");
    assert!(reader.choose(&story, "comment-impliquer", 0));
    assert!(reader.next(&story));
    assert_eq!(reader.position.step, "fifty-fifty");
    assert!(reader.next(&story));
    assert_eq!(reader.position.step, "archipel-vert", "back on the trajectory");
    assert_eq!(story.main_anchor("reunion-de-concertation"), Some("archipel-vert"));
    assert_eq!(reader.visited, ["archipel-noir", "impliquer-les-habitants", "reunion-de-concertation", "fifty-fifty", "archipel-vert"]);
}

#[test]
fn a_branch_is_taken_by_index() {
    let mut story = sample();
    let offering = story.steps.iter_mut().find(|s| s.id == "archipel-noir").unwrap();
    offering.branches.push(Branch { to: "fifty-fifty".into(), label: Text::new("Détour", "Detour") });
    let mut reader = at(&story, "archipel-noir");
    assert!(!reader.take_branch(&story, 1));
    assert!(reader.take_branch(&story, 0));
    assert_eq!(reader.position.step, "fifty-fifty");
}

#[test]
fn switching_scale_and_language_keeps_the_step() {
    let story = sample();
    let mut reader = at(&story, "impliquer-les-habitants");
    for scale in ScaleId::ALL {
        reader.set_scale(scale);
        assert_eq!(reader.position.step, "impliquer-les-habitants");
        reader.set_lang(Lang::En);
        assert_eq!(reader.position.to_path(), format!("/en/{}/impliquer-les-habitants", scale.id()));
    }
}

#[test]
fn every_position_reads_back_from_its_url_and_bad_ones_say_why() {
    let story = sample();
    for step in &story.steps {
        for scale in ScaleId::ALL {
            for lang in Lang::ALL {
                let p = Position { lang, scale, step: step.id.clone() };
                assert_eq!(parse_route(&story, &p.to_path()), Ok(Route::Step(p)));
            }
        }
    }
    assert_eq!(parse_route(&story, "/"), Ok(Route::Home { lang: Lang::Fr }));
    assert_eq!(parse_route(&story, "/en/"), Ok(Route::Home { lang: Lang::En }));
    assert_eq!(parse_route(&story, "/de/commune/x"), Err(RouteError::UnknownLang { lang: "de".into() }));
    assert_eq!(parse_route(&story, "/fr/region/x"), Err(RouteError::UnknownScale { lang: Lang::Fr, scale: "region".into() }));
    assert_eq!(parse_route(&story, "/en/pole/x"), Err(RouteError::UnknownStep { lang: Lang::En, scale: ScaleId::Pole, step: "x".into() }));
    assert_eq!(parse_route(&story, "/fr/commune/archipel-noir/extra"), Err(RouteError::Malformed { lang: Lang::Fr }));
    assert_eq!(parse_route(&story, "/fr/quiz/region"), Err(RouteError::UnknownScale { lang: Lang::Fr, scale: "region".into() }));
    assert_eq!(parse_route(&story, "/fr/fiche/x"), Err(RouteError::UnknownStep { lang: Lang::Fr, scale: ScaleId::Commune, step: "x".into() }));
}

#[test]
fn every_workshop_page_reads_back_from_its_url_in_both_languages() {
    let story = sample();
    let mut pages = vec![WorkshopPage::MyStory, WorkshopPage::Worksheet(None)];
    pages.extend(ScaleId::ALL.map(WorkshopPage::Quiz));
    pages.extend(story.steps.iter().map(|s| WorkshopPage::Worksheet(Some(s.id.clone()))));
    for page in pages {
        let fr = Route::Workshop { lang: Lang::Fr, page };
        assert_eq!(parse_route(&story, &fr.to_path()), Ok(fr.clone()));
        let en = fr.in_lang(Lang::En);
        assert!(en.to_path().starts_with("/en/"));
        assert_eq!(parse_route(&story, &en.to_path()), Ok(en));
    }
    assert_eq!(parse_route(&story, "/en/fiche/archipel-noir").unwrap().to_path(), "/en/fiche/archipel-noir");
}

#[test]
fn the_personal_data_page_has_an_address_in_each_language() {
    let story = sample();
    let fr = Route::PersonalData { lang: Lang::Fr };
    assert_eq!(fr.to_path(), "/fr/donnees-personnelles");
    assert_eq!(parse_route(&story, &fr.to_path()), Ok(fr.clone()));
    assert_eq!(fr.in_lang(Lang::En).to_path(), "/en/personal-data");
    assert_eq!(parse_route(&story, "/en/personal-data"), Ok(Route::PersonalData { lang: Lang::En }));
    assert_eq!(parse_route(&story, "/en/donnees-personnelles"), Ok(Route::PersonalData { lang: Lang::En }), "the other language's word works too");
}

#[test]
fn the_modes_pages_listed_for_boot_js_are_exactly_the_routes_the_plain_reader_does_not_show() {
    // web/boot.js loads the modes app for an address whose segment after the language is in
    // MODES_PAGES: each must be a workshop page or the personal-data page, and every such page
    // must be listed, or its deep link would open in an app that cannot show it.
    let story = sample();
    let step = &story.trajectory[0];
    let mut routes = vec![Route::Home { lang: Lang::Fr }];
    for lang in Lang::ALL {
        let mut pages = vec![WorkshopPage::MyStory, WorkshopPage::Worksheet(None), WorkshopPage::Worksheet(Some(step.clone()))];
        pages.extend(ScaleId::ALL.map(WorkshopPage::Quiz));
        routes.extend(pages.into_iter().map(|page| Route::Workshop { lang, page }));
        routes.push(Route::PersonalData { lang });
        routes.extend(ScaleId::ALL.map(|scale| Route::Step(Position { lang, scale, step: step.clone() })));
    }
    let mut listed = std::collections::BTreeSet::new();
    for route in routes {
        let second = route.to_path().split('/').nth(2).map(str::to_string);
        let in_modes = matches!(route, Route::Workshop { .. } | Route::PersonalData { .. });
        assert_eq!(second.as_deref().is_some_and(|s| MODES_PAGES.contains(&s)), in_modes, "{route:?}");
        listed.extend(second.filter(|_| in_modes));
    }
    assert_eq!(listed, MODES_PAGES.iter().map(|s| s.to_string()).collect(), "every listed page is one of them");
    // The other language's word for the personal-data page is a route too.
    for segment in MODES_PAGES {
        let route = parse_route(&story, &format!("/en/{segment}/{}", ScaleId::Pole.id())).or_else(|_| parse_route(&story, &format!("/en/{segment}")));
        assert!(matches!(route, Ok(Route::Workshop { .. } | Route::PersonalData { .. })), "{segment}: {route:?}");
    }
}

#[test]
fn the_quiz_at_a_scale_follows_the_trajectory_with_each_steps_side_paths() {
    let story = sample();
    let order: Vec<&str> = story.workshop_order().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(order, ["archipel-noir", "impliquer-les-habitants", "reunion-de-concertation", "fifty-fifty", "archipel-vert"]);
    let quiz = story.quiz(ScaleId::Commune);
    assert_eq!(quiz.iter().map(|(step, i, _)| (*step, *i)).collect::<Vec<_>>(), [("archipel-noir", 0)]);
    assert!(quiz[0].2.is_right(1) && !quiz[0].2.is_right(0) && !quiz[0].2.is_right(2));
    assert!(story.quiz(ScaleId::Pole).is_empty());

    let real = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../story"), "story/").unwrap().story;
    let steps: Vec<&str> = real.quiz(ScaleId::Agglomeration).iter().map(|(s, _, _)| *s).collect();
    let main: Vec<&str> = steps.iter().copied().filter(|s| real.main_index(s).is_some()).collect();
    assert_eq!(main, real.trajectory.iter().filter(|s| steps.contains(&s.as_str())).map(String::as_str).collect::<Vec<_>>());
}
