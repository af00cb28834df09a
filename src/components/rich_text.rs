//! Story texts, rendered from the Markdown subset as elements and text nodes only: no story
//! text ever reaches the DOM as HTML.

use leptos::prelude::*;
use recit_story::markdown::{self, Block, Inline};
use recit_story::workshop::term_word;
use recit_story::{Lang, Position, Term};

/// A story text. Step links keep the reader's language and scale.
#[component]
pub fn RichText(
    /// The Markdown-subset source.
    source: String,
    /// Where the reader is, to build step links.
    position: Position,
    /// Glossary terms to explain where their word first appears (the workshop's); none for
    /// a plain reader.
    #[prop(optional)]
    terms: Vec<&'static Term>,
) -> impl IntoView {
    let mut marker = Marker { lang: position.lang, unmarked: terms.iter().map(|t| (t.id.clone(), term_word(t, position.lang).to_string())).collect(), terms };
    markdown::parse(&source)
        .into_iter()
        .map(|block| match block {
            Block::Paragraph(inlines) => view! { <p>{marker.render(inlines, &position)}</p> }.into_any(),
            Block::List { ordered: false, items } => view! { <ul>{marker.list_items(items, &position)}</ul> }.into_any(),
            Block::List { ordered: true, items } => view! { <ol>{marker.list_items(items, &position)}</ol> }.into_any(),
        })
        .collect_view()
}

/// Renders inlines, marking each glossary word once, where it first appears.
struct Marker {
    lang: Lang,
    terms: Vec<&'static Term>,
    /// The terms not marked yet: (id, word as found in texts).
    unmarked: Vec<(String, String)>,
}

impl Marker {
    fn list_items(&mut self, items: Vec<Vec<Inline>>, position: &Position) -> impl IntoView {
        items.into_iter().map(|item| view! { <li>{self.render(item, position)}</li> }).collect_view()
    }

    fn render(&mut self, inlines: Vec<Inline>, position: &Position) -> AnyView {
        inlines
            .into_iter()
            .map(|inline| match inline {
                Inline::Text(text) => self.text(&text),
                Inline::Emphasis(inner) => view! { <em>{self.render(inner, position)}</em> }.into_any(),
                Inline::Strong(inner) => view! { <strong>{self.render(inner, position)}</strong> }.into_any(),
                Inline::StepLink { to, label } => {
                    // A word inside a link stays a link: no button inside an anchor.
                    let (href, label) = (position.at_step(&to).to_path(), Marker { lang: self.lang, terms: Vec::new(), unmarked: Vec::new() }.render(label, position));
                    view! { <a href=href>{label}</a> }.into_any()
                }
            })
            .collect_view()
            .into_any()
    }

    fn text(&mut self, text: &str) -> AnyView {
        if self.unmarked.is_empty() {
            return text.to_string().into_any();
        }
        crate::modes::use_modes().marked_text(text, &mut self.unmarked, &self.terms, self.lang)
    }
}
