//! Writing the model back as `story/` files, in the layout a person would write by hand:
//! what the editor exports is what a maintainer drops into `story/`.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::contribution::{contributions_file, file_stem, Contribution};
use crate::model::*;
pub use crate::toml_syntax::string_literal;

/// The files of `story`, as (path relative to `story/`, contents), in path order.
pub fn write_files(story: &Story) -> Vec<(String, String)> {
    let mut files = vec![("story.toml".to_string(), story_file(story))];
    if !story.glossary.is_empty() {
        files.push(("glossary.toml".into(), glossary_file(&story.glossary)));
    }
    if let Some(territory) = &story.territory {
        let source = story.source(&territory.source);
        files.push(("data/territory.toml".into(), territory_file(territory, source)));
    }
    for step in &story.steps {
        files.push((format!("steps/{}.toml", step.id), step_file(step)));
    }
    // One file per origin, each in the story's (id) order, so that the files read back as
    // the same contributions.
    let mut by_file: BTreeMap<&str, Vec<&Contribution>> = BTreeMap::new();
    for c in &story.contributions {
        by_file.entry(file_stem(c)).or_default().push(c);
    }
    for (stem, contributions) in by_file {
        files.push((format!("contributions/{stem}.toml"), contributions_file(CONTRIBUTIONS_HEADING, contributions)));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// The comment atop a written contributions file (a kiosk export's own heading is not kept).
const CONTRIBUTIONS_HEADING: &str = "Testimonies attached to a step and a scale; readers see the accepted ones (see story/README.md).";

fn string_kv(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {}", string_literal(value));
}

/// `key.fr = …` and `key.en = …` lines (no `en` line for a missing translation).
fn text_kv(out: &mut String, key: &str, text: &Text) {
    string_kv(out, &format!("{key}.fr"), &text.fr);
    if !text.en.is_empty() {
        string_kv(out, &format!("{key}.en"), &text.en);
    }
}

/// Like [`text_kv`], but nothing at all for an empty optional text.
fn optional_text_kv(out: &mut String, key: &str, text: &Text) {
    if !text.is_empty() {
        text_kv(out, key, text);
    }
}

fn inline_text(text: &Text) -> String {
    if text.en.is_empty() {
        format!("{{ fr = {} }}", string_literal(&text.fr))
    } else {
        format!("{{ fr = {}, en = {} }}", string_literal(&text.fr), string_literal(&text.en))
    }
}

/// A list, one item a line; nothing for an empty list.
fn list_kv(out: &mut String, key: &str, items: impl IntoIterator<Item = String>) {
    let items: Vec<String> = items.into_iter().collect();
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "{key} = [");
    for item in items {
        let _ = writeln!(out, "  {item},");
    }
    out.push_str("]\n");
}

fn story_file(story: &Story) -> String {
    let mut out = String::from("# The story: what it is, its source, its scales, its sources and its trajectory.\n");
    text_kv(&mut out, "title", &story.meta.title);
    text_kv(&mut out, "promise", &story.meta.promise);
    list_kv(&mut out, "trajectory", story.trajectory.iter().map(|s| string_literal(s)));
    let report = &story.meta.report;
    out.push_str("\n[report]\n");
    text_kv(&mut out, "title", &report.title);
    list_kv(&mut out, "authors", report.authors.iter().map(|s| string_literal(s)));
    list_kv(&mut out, "publishers", report.publishers.iter().map(|s| string_literal(s)));
    string_kv(&mut out, "date", &report.date);
    for scale in &story.scales {
        out.push_str("\n[[scale]]\n");
        string_kv(&mut out, "id", scale.id.id());
        text_kv(&mut out, "name", &scale.name);
        text_kv(&mut out, "short", &scale.short);
        let _ = writeln!(out, "population = {}", scale.population);
        string_kv(&mut out, "population_source", &scale.population_source);
        if let Some(code) = &scale.code {
            string_kv(&mut out, "code", code);
        }
    }
    let territory_source = story.territory.as_ref().map(|t| t.source.as_str());
    for source in story.sources.iter().filter(|s| Some(s.id.as_str()) != territory_source) {
        out.push_str("\n[[source]]\n");
        source_body(&mut out, source);
    }
    out
}

fn source_body(out: &mut String, source: &Source) {
    string_kv(out, "id", &source.id);
    match &source.kind {
        SourceKind::Report { ocr_lines, passage } => {
            string_kv(out, "kind", "report");
            text_kv(out, "title", &source.title);
            if let Some((first, last)) = ocr_lines {
                let _ = writeln!(out, "ocr_lines = [{first}, {last}]");
            }
            optional_text_kv(out, "passage", passage);
        }
        SourceKind::Dataset { publisher, version, year, licence, url } => {
            string_kv(out, "kind", "dataset");
            text_kv(out, "title", &source.title);
            string_kv(out, "publisher", publisher);
            string_kv(out, "version", version);
            let _ = writeln!(out, "year = {year}");
            string_kv(out, "licence", licence);
            string_kv(out, "url", url);
        }
    }
}

fn glossary_file(glossary: &[Term]) -> String {
    let mut out = String::from("# Words to explain, linked from the views' `terms`.\n");
    for term in glossary {
        out.push_str("\n[[term]]\n");
        string_kv(&mut out, "id", &term.id);
        text_kv(&mut out, "word", &term.word);
        text_kv(&mut out, "definition", &term.definition);
    }
    out
}

fn territory_file(territory: &Territory, source: Option<&Source>) -> String {
    let mut out = String::from("# Official open data, shown beside the report's figures and never mixed with them.\n");
    if let Some(source) = source {
        out.push_str("\n[source]\n");
        source_body(&mut out, source);
    }
    for grouping in &territory.groupings {
        out.push_str("\n[[grouping]]\n");
        string_kv(&mut out, "code", &grouping.code);
        string_kv(&mut out, "name", &grouping.name);
        list_kv(&mut out, "commune", grouping.communes.iter().map(|c| format!("{{ code = {}, name = {}, population = {} }}", string_literal(&c.code), string_literal(&c.name), c.population)));
    }
    out
}

fn step_file(step: &Step) -> String {
    let mut out = String::new();
    string_kv(&mut out, "id", &step.id);
    if let Some(next) = &step.next {
        string_kv(&mut out, "next", next);
    }
    if let Some(motif) = step.motif {
        string_kv(&mut out, "motif", motif.id());
    }
    for branch in &step.branches {
        out.push_str("\n[[branch]]\n");
        string_kv(&mut out, "to", &branch.to);
        text_kv(&mut out, "label", &branch.label);
    }
    for choice in &step.choices {
        out.push_str("\n[[choice]]\n");
        string_kv(&mut out, "id", &choice.id);
        text_kv(&mut out, "prompt", &choice.prompt);
        for option in &choice.options {
            out.push_str("\n[[choice.option]]\n");
            text_kv(&mut out, "label", &option.label);
            string_kv(&mut out, "to", &option.to);
        }
    }
    for view in &step.views {
        let scale = view.scale.id();
        let _ = writeln!(out, "\n[{scale}]");
        text_kv(&mut out, "title", &view.title);
        text_kv(&mut out, "text", &view.text);
        optional_text_kv(&mut out, "easy", &view.easy);
        list_kv(&mut out, "actors", view.actors.iter().map(inline_text));
        list_kv(&mut out, "questions", view.questions.iter().map(inline_text));
        optional_text_kv(&mut out, "activity", &view.activity);
        list_kv(&mut out, "terms", view.terms.iter().map(|s| string_literal(s)));
        optional_text_kv(&mut out, "notes", &view.notes);
        for figure in &view.figures {
            let _ = writeln!(out, "\n[[{scale}.figure]]");
            let _ = writeln!(out, "value = {}", figure.value);
            if figure.approximate {
                out.push_str("approximate = true\n");
            }
            text_kv(&mut out, "label", &figure.label);
            if !figure.source.is_empty() {
                string_kv(&mut out, "source", &figure.source);
            }
        }
        for quote in &view.quotes {
            let _ = writeln!(out, "\n[[{scale}.quote]]");
            text_kv(&mut out, "text", &quote.text);
            optional_text_kv(&mut out, "by", &quote.by);
            if !quote.source.is_empty() {
                string_kv(&mut out, "source", &quote.source);
            }
        }
        for question in &view.quiz {
            let _ = writeln!(out, "\n[[{scale}.quiz]]");
            text_kv(&mut out, "question", &question.question);
            list_kv(&mut out, "options", question.options.iter().map(inline_text));
            let _ = writeln!(out, "answer = {}", question.answer);
            text_kv(&mut out, "explanation", &question.explanation);
            if !question.source.is_empty() {
                string_kv(&mut out, "source", &question.source);
            }
        }
        if let Some(picture) = &view.picture {
            let _ = writeln!(out, "\n[{scale}.picture]");
            string_kv(&mut out, "file", &picture.file);
            text_kv(&mut out, "alt", &picture.alt);
            string_kv(&mut out, "credit", &picture.credit);
            string_kv(&mut out, "licence", &picture.licence);
            string_kv(&mut out, "source.by", &picture.by);
            string_kv(&mut out, "source.date", &picture.date);
        }
    }
    out
}
