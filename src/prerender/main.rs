//! The prerenderer: writes a static page for every address of the plain reader (each step at
//! each scale in each language, the start pages, the not-found page) into the build's folder,
//! rendered on the host from the same components as the app. Run by the build's hook
//! (`scripts/post-build.mjs`) once `index.html` lists the apps:
//! `cargo run --features prerender --bin recit-prerender -- dist`. How a page is written:
//! `pages.rs`, shared with the workshop's worksheets (`src/plus/prerender.rs`).

mod pages;
mod scale_links;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use leptos::prelude::*;
use recit::story_data::story;
use recit_story::{Lang, Position, Route, ScaleId};

/// The address whose page a host serves for any unknown address (`404.html`).
const NOT_FOUND: &str = "/fr/page-introuvable";

fn main() -> ExitCode {
    pages::run("recit-prerender", prerender)
}

/// The static pages' modes: the landscape drawn in the page, the scale switcher as links.
struct StaticPage;

/// The modes `pages` renders with.
const PAGE_MODES: &dyn recit::modes::Modes = &StaticPage;

impl recit::modes::Modes for StaticPage {
    fn landscape(&self) -> Option<&'static str> {
        Some(recit::components::landscape::DRAWING)
    }

    fn scale_links(&self, position: &Position) -> Option<AnyView> {
        Some(view! { <scale_links::ScaleLinks position=position.clone() /> }.into_any())
    }
}

fn prerender(dist: &Path) -> Result<usize, String> {
    let mut pages: Vec<(String, PathBuf)> = addresses().into_iter().map(|path| {
        let file = pages::file_of(dist, &path);
        (path, file)
    }).collect();
    pages.push((NOT_FOUND.to_string(), dist.join("404.html")));
    // The reader's pages: nothing beside.
    pages::write(dist, &pages, &pages::Additions { description: |_| None, stylesheet: None })
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
        let views: usize = story().steps.iter().map(|s| ScaleId::ALL.iter().filter(|&&scale| s.view(scale).is_some()).count()).sum();
        let paths = addresses();
        assert_eq!(paths.len(), 2 * (views + 1));
        assert!(paths.contains(&"/fr".to_string()) && paths.contains(&"/en".to_string()));
    }
}
