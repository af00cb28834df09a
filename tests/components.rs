//! Component tests in headless Chromium (wasm-bindgen-test): the scale switcher and the
//! trajectory, mounted alone against a sample story (the story crate's test fixture), which
//! the tests install as a page's loader installs a site's.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use recit::components::scale_switcher::ScaleSwitcher;
use recit::components::trajectory::Trajectory;
use recit::history::{Address, Nav};
use recit::story_data::story;
use recit_story::{Lang, Position, ScaleId};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page to mount into.
fn container() -> HtmlElement {
    let document = document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root.unchecked_into()
}

/// Lets the browser run pending tasks (navigation, effects).
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.get(i).unwrap().unchecked_into()).collect()
}

/// The sample story's files, as (path relative to the story's folder, contents).
macro_rules! sample {
    ($($path:literal),*) => {
        [$(($path, include_str!(concat!("../crates/recit-story/tests/fixtures/sample/", $path)))),*]
    };
}

/// The sample story, installed once (every test runs in the same page).
fn install_sample() {
    static DONE: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    DONE.get_or_init(|| {
        let files = sample![
            "story.toml",
            "glossary.toml",
            "contributions/conseil.toml",
            "steps/archipel-noir.toml",
            "steps/archipel-vert.toml",
            "steps/fifty-fifty.toml",
            "steps/impliquer-les-habitants.toml",
            "steps/reunion-de-concertation.toml"
        ];
        let loaded = recit_story::toml_format::load_files(&files.map(|(path, text)| (path.to_string(), text.to_string())));
        assert!(!loaded.has_errors(), "the sample story is valid");
        recit::story_data::install(loaded.story.for_readers());
    });
}

fn second_step(lang: Lang, scale: ScaleId) -> Position {
    install_sample();
    Position { lang, scale, step: story().trajectory[1].clone() }
}

#[wasm_bindgen_test]
async fn switcher_is_a_radio_group_named_by_scale_that_keeps_the_step() {
    let root = container();
    let position = second_step(Lang::Fr, ScaleId::Commune);
    let start = position.clone();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        Nav::provide(Address::of_window(), String::new());
        view! { <ScaleSwitcher position=Signal::stored(start.clone()) /> }
    });

    let radios: Vec<HtmlInputElement> = all(&root, "input[type=radio]").into_iter().map(|e| e.unchecked_into()).collect();
    let names: Vec<String> = radios.iter().map(|r| r.get_attribute("aria-label").unwrap()).collect();
    assert_eq!(names, ["Commune", "Agglomération", "Pôle métropolitain"]);
    assert!(radios.iter().all(|r| r.name() == "scale"), "one group");
    assert_eq!(radios.iter().filter(|r| r.checked()).count(), 1);
    assert!(radios[0].checked());

    radios[2].click();
    settle().await;
    assert_eq!(window().location().pathname().unwrap(), position.at_scale(ScaleId::Pole).to_path());
}

#[wasm_bindgen_test]
async fn switcher_names_the_scales_in_english() {
    let root = container();
    let position = second_step(Lang::En, ScaleId::Agglomeration);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        Nav::provide(Address::of_window(), String::new());
        view! { <ScaleSwitcher position=Signal::stored(position.clone()) /> }
    });
    let names: Vec<String> = all(&root, "input[type=radio]").iter().map(|r| r.get_attribute("aria-label").unwrap()).collect();
    assert_eq!(names, ["Commune", "Agglomeration", "Metropolitan pole"]);
}

#[wasm_bindgen_test]
async fn trajectory_marks_the_current_and_visited_steps() {
    let root = container();
    let position = RwSignal::new(second_step(Lang::Fr, ScaleId::Pole));
    let visited = RwSignal::new(vec![story().trajectory[0].clone(), story().trajectory[1].clone()]);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        Nav::provide(Address::of_window(), String::new());
        view! { <Trajectory position=position.into() visited=visited.into() /> }
    });

    let items = all(&root, "nav ol > li");
    assert_eq!(items.len(), story().trajectory.len(), "every main step is one tap away");
    let current: Vec<&Element> = items.iter().filter(|li| li.class_list().contains("current")).collect();
    assert_eq!(current.len(), 1);
    assert!(items[1].class_list().contains("current"));
    assert!(items[0].class_list().contains("visited"));
    assert!(!items[2].class_list().contains("visited"));
    assert_eq!(all(&root, "[aria-current=step]").len(), 1);
    let link = items[2].query_selector("a").unwrap().unwrap();
    assert_eq!(link.get_attribute("href").unwrap(), format!("/fr/pole/{}", story().trajectory[2]));

    position.update(|p| p.step = story().trajectory[2].clone());
    settle().await;
    assert!(all(&root, "nav ol > li")[2].class_list().contains("current"), "follows the position");
}
