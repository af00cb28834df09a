//! The static pages (feature `prerender`, on the host): the pages of some addresses written
//! into a site's folder, rendered from the same components as the app, so that every page
//! arrives readable before, and without, JavaScript. The program that publishes a site
//! (`recit publish`) writes the plain reader's ([`reader`]) and the workshop's printable
//! worksheets (the `recit-plus` crate), each in a thread of its own: the app's modes and story
//! are set once per thread (`crate::modes::set`, `crate::story_data::install`), and each
//! renders the story as its app reads it.
//!
//! Each page is `index.html` with the rendered screen in place of the first paint (`.shell`,
//! which the app removes when it starts: it replaces the page, it does not hydrate it), and
//! the page's own `<html lang>`, `<title>` and description. No inline script or style is
//! added (at most the app's own stylesheet, linked): the strict Content-Security-Policy holds.

pub mod reader;
mod scale_links;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use leptos::prelude::*;
use recit_story::{parse_route, Route};

use crate::history::Address;
use crate::modes::Modes;
use crate::story_data::story;
use crate::{app, page_title};

/// What an app's pages have beside the reader's.
pub struct Additions {
    /// The description of the page at a route, where it is not the reader's (the step's text,
    /// or the story's promise).
    pub description: fn(&Route) -> Option<String>,
    /// The stylesheet the app adds to these pages (the modes app's), linked by the page.
    pub stylesheet: Option<&'static str>,
}

/// Writes each page (its address, its file) from the site's `index.html` in `dist`, rendered
/// with `modes` and the story installed in this thread; returns how many.
pub fn write(dist: &Path, pages: &[(String, PathBuf)], added: &Additions, modes: &'static dyn Modes) -> Result<usize, String> {
    crate::modes::set(modes);
    let index = dist.join("index.html");
    let shell = std::fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e} (build the app first)", index.display()))?;
    let shell = Shell::parse(&shell).map_err(|what| format!("{}: {what}", index.display()))?;
    for (path, file) in pages {
        let html = shell.page(path, &render(path), added);
        if let Some(folder) = file.parent() {
            std::fs::create_dir_all(folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        }
        std::fs::write(file, html).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    Ok(pages.len())
}

/// The file of the page at `path` in `dist`: `<path>/index.html`, which static hosts serve
/// at the address.
pub fn file_of(dist: &Path, path: &str) -> PathBuf {
    dist.join(path.trim_start_matches('/')).join("index.html")
}

/// The app's screen at `path`, as HTML.
fn render(path: &str) -> String {
    // Effects are the browser's (the document's title, the visit): the executor is never
    // polled, so none runs here. (Set once; later calls leave it.)
    let _ = any_spawner::Executor::init_futures_executor();
    // A server's render context: Leptos then adds no window listener (there is no window).
    let owner = Owner::new_root(Some(Arc::new(hydration_context::SsrSharedContext::new())));
    let address = Address { path: path.to_string(), query: String::new() };
    let html = owner.with(|| {
        // The page is rendered once, so its reactive reads need no tracking (in debug builds
        // Leptos would warn of each).
        let _untracked = leptos::reactive::diagnostics::SpecialNonReactiveZone::enter();
        app(address).to_html()
    });
    owner.cleanup();
    without_style_attributes(&without_markers(&html))
}

/// `html` without what only hydration would read (Leptos's `<!>` and `<!---->` markers) and
/// without empty class attributes: the app replaces the page, and every byte is on a first visit.
fn without_markers(html: &str) -> String {
    html.replace("<!---->", "").replace("<!>", "").replace(" class=\"\"", "")
}

/// `html` without its `style="…"` attributes, which the strict Content-Security-Policy
/// refuses in a page (`style-src 'self'`; the app sets them from the script, which it allows).
/// A custom property becomes a data attribute (`--g:16` → `data-g="16"`, the landscape's
/// greening), which main.css reads where it can.
fn without_style_attributes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(" style=\"") {
        out.push_str(&rest[..start]);
        let value = &rest[start + " style=\"".len()..];
        let (style, after) = value.split_once('"').unwrap_or((value, ""));
        for (name, value) in style.split(';').filter_map(|d| d.trim().strip_prefix("--")?.split_once(':')) {
            out.push_str(&format!(" data-{}=\"{}\"", name.trim(), value.trim()));
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `index.html` cut where each page puts its own parts.
struct Shell<'a> {
    /// Up to the `lang` attribute's value.
    before_lang: &'a str,
    /// From after the language to the description's content.
    before_description: &'a str,
    /// From after the description to the title's text.
    before_title: &'a str,
    /// From after the title to the body's first paint.
    before_body: &'a str,
    /// From after the first paint to the end.
    after_body: &'a str,
}

impl<'a> Shell<'a> {
    fn parse(html: &'a str) -> Result<Shell<'a>, &'static str> {
        let (before_lang, rest) = html.split_once("<html lang=").ok_or("no <html lang=…>")?;
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '"');
        // The description's <meta>, wherever it is among the others (the viewport's comes first).
        let (before_end, rest) = rest.split_once("\" name=description>").ok_or("no description <meta content=\"…\" name=description>")?;
        let (before_description, _) = before_end.rsplit_once("<meta content=\"").ok_or("no description <meta content=\"…\" name=description>")?;
        let (before_title, rest) = rest.split_once("<title>").ok_or("no <title>")?;
        let (_, rest) = rest.split_once("</title>").ok_or("no </title>")?;
        let (before_body, rest) = rest.split_once("<body>").ok_or("no <body>")?;
        let (_, after_body) = rest.split_once("</noscript>").ok_or("no <noscript> after the first paint")?;
        Ok(Shell { before_lang, before_description, before_title, before_body, after_body })
    }

    /// The page of `path`, with `screen` in place of the first paint and what `added` adds.
    fn page(&self, path: &str, screen: &str, added: &Additions) -> String {
        let route = parse_route(story(), path);
        let lang = match &route {
            Ok(route) => route.lang(),
            Err(e) => e.lang(),
        };
        let step = match &route {
            Ok(Route::Step(position)) => Some(position),
            _ => None,
        };
        let description = route.as_ref().ok().and_then(added.description).unwrap_or_else(|| match step.and_then(|p| story().step(&p.step)?.view(p.scale)) {
            Some(view) => summary(view.text.get(lang)),
            None => story().meta.promise.get(lang).to_string(),
        });
        let Shell { before_lang, before_description, before_title, before_body, after_body } = self;
        // Last in the head, where the app adds it: after the reader's stylesheet, as it overrides it.
        let stylesheet = added.stylesheet.map(|href| format!("<link href={href} rel=stylesheet>")).unwrap_or_default();
        let head = before_body.strip_suffix("</head>").map_or_else(|| format!("{before_body}{stylesheet}"), |head| format!("{head}{stylesheet}</head>"));
        format!(
            "{before_lang}<html lang={}{before_description}<meta content=\"{}\" name=description>{before_title}<title>{}</title>{head}<body><div class=shell>{screen}</div>{after_body}",
            lang.code(),
            escape(&description),
            escape(&page_title(lang, step)),
        )
    }
}

/// A view's text as a description: its first sentences, up to about 160 characters, without
/// the text's marks.
fn summary(text: &str) -> String {
    let plain: String = text.chars().filter(|c| !matches!(c, '*' | '_' | '[' | ']')).collect();
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::new();
    for sentence in plain.split_inclusive(". ") {
        if !out.is_empty() && out.chars().count() + sentence.chars().count() > 160 {
            break;
        }
        out.push_str(sentence);
    }
    out.trim_end().to_string()
}

/// Text for an HTML attribute or element.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use recit_story::{Lang, Position, ScaleId};

    /// A minified index.html, as trunk writes it.
    pub(crate) const SHELL: &str = "<!doctype html><html lang=fr><meta content=\"width=device-width\" name=viewport><meta content=\"Old\" name=description><title>Old</title><link href=/main.css rel=stylesheet></head><body><div class=shell></div><noscript>x</noscript></body></html>";

    #[test]
    fn a_step_page_shows_its_view_with_the_apps_title_and_no_inline_style() {
        crate::modes::set(reader::PAGE_MODES);
        crate::story_data::install_for_tests(reader::SITE_STORY);
        let start = story().start().expect("the story has a start").to_string();
        let position = Position { lang: Lang::En, scale: ScaleId::Pole, step: start };
        let view = story().step(&position.step).and_then(|s| s.view(position.scale)).expect("the start has a view at the pole");
        let path = position.to_path();
        let page = Shell::parse(SHELL).expect("the shell parses").page(&path, &render(&path), &Additions { description: |_| None, stylesheet: None });
        assert!(page.starts_with("<!doctype html><html lang=en><meta content=\"width=device-width\" name=viewport><meta content=\""), "{page}");
        assert!(page.contains(&format!("<title>{}</title><link href=/main.css rel=stylesheet></head>", escape(&page_title(Lang::En, Some(&position))))), "{page}");
        assert!(page.contains(&format!("<h1>{}</h1>", escape(view.title.get(Lang::En)))) || page.contains(view.title.get(Lang::En)), "{page}");
        assert!(!page.contains(" style=\""), "{page}");
        assert!(!page.contains("<noscript>"), "{page}");
    }

    #[test]
    fn a_shell_without_a_description_is_refused_with_what_is_missing() {
        assert_eq!(Shell::parse("<html lang=fr><title>T</title><body></body>").err(), Some("no description <meta content=\"…\" name=description>"));
    }

    #[test]
    fn hydration_markers_and_empty_classes_are_removed() {
        assert_eq!(without_markers(r#"<li class=""><a href="/fr"><!>A</a><!----></li>"#), r#"<li><a href="/fr">A</a></li>"#);
    }

    #[test]
    fn style_attributes_are_removed_their_custom_properties_kept_as_data() {
        assert_eq!(without_style_attributes(r#"<p class="a" style="width:7%;">x</p><span style="--g:16;"></span>"#), r#"<p class="a">x</p><span data-g="16"></span>"#);
    }
}
