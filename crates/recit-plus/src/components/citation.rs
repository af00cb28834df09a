//! The report's passages as the workshop cites them.

use leptos::prelude::*;
use recit_story::{Lang, Source, SourceKind};

use recit::i18n::ui;

/// A report passage as a citation: its section, lines, and text.
#[component]
pub fn Cited(source: &'static Source, lang: Lang) -> impl IntoView {
    view! {
        <figure class="cited">
            {match &source.kind {
                SourceKind::Report { passage, .. } if !passage.is_empty() => Some(view! {
                    <blockquote lang=if passage.en.is_empty() { "fr" } else { lang.code() }><p>{passage.get(lang)}</p></blockquote>
                }),
                _ => None,
            }}
            <figcaption>{source_line(source, lang)}</figcaption>
        </figure>
    }
}

/// « Extrait du rapport — section (lignes 10–20) », or the dataset's publisher and year.
pub fn source_line(source: &Source, lang: Lang) -> String {
    let t = ui(lang);
    match &source.kind {
        SourceKind::Report { ocr_lines, .. } => {
            let lines = ocr_lines.map(|(a, b)| format!(" ({} {a}–{b})", t.lines)).unwrap_or_default();
            format!("{} — {}{lines}", t.from_report, source.title.get(lang))
        }
        SourceKind::Dataset { publisher, year, .. } => format!("{} — {publisher}, {year}", source.title.get(lang)),
    }
}
