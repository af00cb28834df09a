//! The plain reader's static pages: every step at every scale in every language, the start
//! pages and the not-found page.

use std::path::{Path, PathBuf};

use leptos::prelude::*;
use recit_story::{Lang, Position, Route, ScaleId, Story};

use crate::story_data::story;

/// The address whose page a host serves for any unknown address (`404.html`).
const NOT_FOUND: &str = "/fr/page-introuvable";

/// The static pages' modes: the landscape drawn in the page, the scale switcher as links.
struct StaticPage;

/// The modes the reader's pages are rendered with.
pub const PAGE_MODES: &dyn crate::modes::Modes = &StaticPage;

/// The story the reader's pages render (install it in the thread that writes them): the plain
/// reader's, in both languages, with the passages.
pub const SITE_STORY: fn(&Story) -> Story = Story::for_static_pages;

impl crate::modes::Modes for StaticPage {
    fn landscape(&self) -> Option<&'static str> {
        Some(crate::components::landscape::DRAWING)
    }

    fn scale_links(&self, position: &Position) -> Option<AnyView> {
        Some(view! { <super::scale_links::ScaleLinks position=position.clone() /> }.into_any())
    }
}

/// Writes the reader's pages into `dist`, from its `index.html`; returns how many.
pub fn write(dist: &Path) -> Result<usize, String> {
    let mut pages: Vec<(String, PathBuf)> = addresses()
        .into_iter()
        .map(|path| {
            let file = super::file_of(dist, &path);
            (path, file)
        })
        .collect();
    pages.push((NOT_FOUND.to_string(), dist.join("404.html")));
    // The reader's pages: nothing beside.
    super::write(dist, &pages, &super::Additions { description: |_| None, stylesheet: None }, PAGE_MODES)
}

/// The start pages and every step at every scale in every language.
fn addresses() -> Vec<String> {
    let mut paths = Vec::new();
    for lang in Lang::ALL {
        paths.push(Route::Home { lang }.to_path());
        for step in &story().steps {
            for scale in ScaleId::ALL.into_iter().filter(|&scale| step.view(scale).is_some()) {
                paths.push(Position { lang, scale, step: step.id.clone() }.to_path());
            }
        }
    }
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_at_every_scale_in_both_languages_and_the_start_pages() {
        crate::story_data::install_for_tests(SITE_STORY);
        let views: usize = story().steps.iter().map(|s| ScaleId::ALL.iter().filter(|&&scale| s.view(scale).is_some()).count()).sum();
        let paths = addresses();
        assert_eq!(paths.len(), 2 * (views + 1));
        assert!(paths.contains(&"/fr".to_string()) && paths.contains(&"/en".to_string()));
    }
}
