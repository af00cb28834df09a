//! Story texts, rendered from the Markdown subset as elements and text nodes only: no story
//! text ever reaches the DOM as HTML.

use leptos::prelude::*;
use recit_story::markdown::{self, Block, Inline};
use recit_story::Position;

/// A story text. Step links keep the reader's language and scale.
#[component]
pub fn RichText(
    /// The Markdown-subset source.
    source: String,
    /// Where the reader is, to build step links.
    position: Position,
) -> impl IntoView {
    markdown::parse(&source)
        .into_iter()
        .map(|block| match block {
            Block::Paragraph(inlines) => view! { <p>{render(inlines, &position)}</p> }.into_any(),
            Block::List { ordered: false, items } => view! { <ul>{list_items(items, &position)}</ul> }.into_any(),
            Block::List { ordered: true, items } => view! { <ol>{list_items(items, &position)}</ol> }.into_any(),
        })
        .collect_view()
}

fn list_items(items: Vec<Vec<Inline>>, position: &Position) -> impl IntoView {
    items.into_iter().map(|item| view! { <li>{render(item, position)}</li> }).collect_view()
}

fn render(inlines: Vec<Inline>, position: &Position) -> AnyView {
    inlines
        .into_iter()
        .map(|inline| match inline {
            Inline::Text(text) => text.into_any(),
            Inline::Emphasis(inner) => view! { <em>{render(inner, position)}</em> }.into_any(),
            Inline::Strong(inner) => view! { <strong>{render(inner, position)}</strong> }.into_any(),
            Inline::StepLink { to, label } => {
                let (href, label) = (position.at_step(&to).to_path(), render(label, position));
                view! { <a href=href>{label}</a> }.into_any()
            }
        })
        .collect_view()
        .into_any()
}
