//! What the reader's « Écouter » (listen) reads aloud: a view's title, then its text or its
//! easy read, as plain sentences, without the Markdown marks.

use crate::markdown::{self, Block, Inline};

/// The title, then the text: one line a paragraph or list item, the title closed by a full
/// stop (unless it has its own) so that the voice pauses after it.
pub fn spoken(title: &str, text: &str) -> String {
    let title = title.trim();
    let stop = if title.ends_with(['.', '!', '?', '…']) || title.is_empty() { "" } else { "." };
    format!("{title}{stop}\n{}", plain_text(text))
}

/// A text of the Markdown subset as plain text: paragraphs and list items on their own lines,
/// emphasis and links reduced to their words.
pub fn plain_text(source: &str) -> String {
    let mut lines = Vec::new();
    for block in markdown::parse(source) {
        match block {
            Block::Paragraph(inlines) => lines.push(words(&inlines)),
            Block::List { items, .. } => lines.extend(items.iter().map(|item| words(item))),
        }
    }
    lines.join("\n")
}

fn words(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push_str(text),
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::StepLink { label: inner, .. } => out.push_str(&words(inner)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_go_and_words_stay() {
        let text = "Une ville **issue du bassin minier**, voir [le *fifty/fifty*](fifty-fifty).\n\n- un\n- deux";
        assert_eq!(plain_text(text), "Une ville issue du bassin minier, voir le fifty/fifty.\nun\ndeux");
        assert_eq!(spoken("Le point de départ", "Texte."), "Le point de départ.\nTexte.");
        assert_eq!(spoken("Et après ?", "Texte."), "Et après ?\nTexte.");
        assert_eq!(plain_text("a < b, 3 * 4"), "a < b, 3 * 4");
    }
}
