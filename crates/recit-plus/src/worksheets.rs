//! On the host (feature `prerender`): the static page of every printable worksheet
//! (`/{lang}/fiche`, `/{lang}/fiche/{step}`), so that a teacher can open and print one at once,
//! even without JavaScript, written as the reader's pages are (`recit::pages`), in a thread
//! with this app's story installed ([`SITE_STORY`]): only this crate can name the workshop's
//! pages.

use std::path::{Path, PathBuf};

use leptos::prelude::*;
use recit::modes::Modes;
use recit::pages;
use recit::story_data::story;
use recit_story::{Lang, Route, ScaleId, WorkshopPage};

use crate::text::text as plus_text;
use crate::{Plus, STYLESHEET};

/// The modes of a worksheet's static page: the workshop's pages as the app renders them, and
/// nothing that reads the device (the kiosk's settings, the pupil's workbook): the page is the
/// same for every reader.
struct WorksheetPages;

impl Modes for WorksheetPages {
    fn workshop_page(&self, route: Route) -> AnyView {
        Plus.workshop_page(route)
    }

    fn landscape(&self) -> Option<&'static str> {
        Plus.landscape()
    }
}

/// The story the worksheets render (install it in the thread that writes them): this app's,
/// the whole story as readers see it, typeset as the app shows it.
pub const SITE_STORY: fn(&recit_story::Story) -> recit_story::Story = recit_story::Story::for_worksheets;

/// Writes the worksheets' pages into `dist`, from its `index.html`; returns how many.
pub fn write(dist: &Path) -> Result<usize, String> {
    pages::write(dist, &worksheets(dist), &ADDITIONS, &WorksheetPages)
}

/// The pages beside the reader's: the app's stylesheet (the sheet's layout and print), and a
/// worksheet's own description.
const ADDITIONS: pages::Additions = pages::Additions { description, stylesheet: Some(STYLESHEET) };

/// The worksheet of the whole story and of each step, in each language, with their files.
fn worksheets(dist: &Path) -> Vec<(String, PathBuf)> {
    let mut sheets = Vec::new();
    for lang in Lang::ALL {
        let steps = story().steps.iter().map(|step| Some(step.id.clone()));
        for step in std::iter::once(None).chain(steps) {
            let path = Route::Workshop { lang, page: WorkshopPage::Worksheet(step) }.to_path();
            sheets.push((path.clone(), pages::file_of(dist, &path)));
        }
    }
    sheets
}

/// « Fiche de tout le récit à imprimer — » the story's promise, or « Fiche de cette étape à
/// imprimer — » the step's title.
fn description(route: &Route) -> Option<String> {
    let Route::Workshop { lang, page: WorkshopPage::Worksheet(step) } = route else { return None };
    let (lang, pt) = (*lang, plus_text(*lang));
    Some(match step.as_deref().and_then(|id| story().step(id)) {
        Some(step) => {
            let view = step.view(ScaleId::Commune).or(step.views.first());
            format!("{} — {}", pt.worksheet_step, view.map(|v| v.title.get(lang)).unwrap_or_default())
        }
        None => format!("{} — {}", pt.worksheet_all, story().meta.promise.get(lang)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_worksheet_has_its_page_with_its_questions_the_apps_title_and_no_inline_style() {
        recit::story_data::install_for_tests(SITE_STORY);
        let dist = std::env::temp_dir().join(format!("recit-worksheets-{}", std::process::id()));
        std::fs::create_dir_all(&dist).expect("a temporary folder");
        // A minified index.html, as trunk writes it.
        let shell = "<!doctype html><html lang=fr><meta content=\"width=device-width\" name=viewport><meta content=\"Old\" name=description><title>Old</title><link href=/main.css rel=stylesheet></head><body><div class=shell></div><noscript>x</noscript></body></html>";
        std::fs::write(dist.join("index.html"), shell).expect("the shell written");
        let sheets = worksheets(&dist);
        assert_eq!(sheets.len(), 2 * (story().steps.len() + 1), "the whole story and each step, in each language");
        assert_eq!(pages::write(&dist, &sheets, &ADDITIONS, &WorksheetPages), Ok(sheets.len()));
        for (path, file) in &sheets {
            let page = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{path}: {e}"));
            let Ok(Route::Workshop { lang, page: WorkshopPage::Worksheet(step) }) = recit_story::parse_route(story(), path) else {
                panic!("{path} is not a worksheet's address");
            };
            assert!(page.starts_with(&format!("<!doctype html><html lang={}>", lang.code())), "{path}: the page's language");
            let title = recit::page_title(lang, None);
            assert!(
                page.contains(&format!("<title>{title}</title><link href=/main.css rel=stylesheet><link href=/plus.css rel=stylesheet></head>")),
                "{path}: the app's title, and the sheet's style last in the head"
            );
            assert!(page.contains(&format!("<h1 tabindex=\"-1\">{}</h1>", plus_text(lang).worksheet_title)), "{path}: the sheet's heading");
            assert!(page.contains(&format!("<meta content=\"{}", if step.is_some() { plus_text(lang).worksheet_step } else { plus_text(lang).worksheet_all })), "{path}");
            let steps: Vec<_> = match &step {
                Some(id) => story().step(id).into_iter().collect(),
                None => story().workshop_order(),
            };
            for view in steps.iter().flat_map(|s| &s.views) {
                for question in &view.questions {
                    let question = question.get(lang).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
                    assert!(page.contains(&format!("<li><p>{question}</p>")), "{path}: « {question} »");
                }
            }
            assert!(!page.contains(" style=\""), "{path}: an inline style");
            assert!(!page.contains("<script>"), "{path}: an inline script");
        }
        let _ = std::fs::remove_dir_all(&dist);
    }

    #[test]
    fn a_worksheets_description_says_what_it_is_and_other_pages_keep_the_readers() {
        recit::story_data::install_for_tests(SITE_STORY);
        let step = story().start().expect("the story has a start").to_string();
        let sheet = Route::Workshop { lang: Lang::En, page: WorkshopPage::Worksheet(Some(step.clone())) };
        let title = story().step(&step).and_then(|s| s.view(ScaleId::Commune)).expect("the start at the commune").title.get(Lang::En);
        assert_eq!(description(&sheet), Some(format!("Printable worksheet of this step — {title}")));
        assert_eq!(description(&Route::Home { lang: Lang::Fr }), None);
    }
}
