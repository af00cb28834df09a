//! Reading `story/` files into the model, recording where every field stands and
//! collecting every format problem (syntax, unknown fields, wrong types, missing fields).

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::contribution::{contribution_path, is_valid_origin, Attribution, Contribution, Status};
use crate::diagnostic::{closing, quoted, Code, Diagnostic, LineIndex, Loc, SourceMap, MAX_PROBLEMS_PER_FILE};
use crate::model::*;
use crate::path::FieldPath;

/// An import larger than this is refused before parsing (well above the whole real story).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

type Value<'i> = Spanned<DeValue<'i>>;

/// What reading gives: the story as far as it could be read, where its fields are, and the
/// format problems. Validation adds the semantic ones.
pub struct Read {
    pub story: Story,
    pub map: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

/// Which part of the story a file holds, from its path relative to `story/`.
enum FileKind {
    Story,
    Glossary,
    Territory,
    Step(String),
    /// `contributions/<origin>.toml`: any name, the council's or a kiosk export's.
    Contributions(String),
}

fn file_kind(path: &str) -> Option<FileKind> {
    match path {
        "story.toml" => Some(FileKind::Story),
        "glossary.toml" => Some(FileKind::Glossary),
        "data/territory.toml" => Some(FileKind::Territory),
        _ => {
            if let Some(rest) = path.strip_prefix("contributions/") {
                let origin = rest.strip_suffix(".toml")?;
                return is_valid_origin(origin).then(|| FileKind::Contributions(origin.to_string()));
            }
            let stem = path.strip_prefix("steps/")?.strip_suffix(".toml")?;
            (!stem.contains('/')).then(|| FileKind::Step(stem.to_string()))
        }
    }
}

/// Reads a set of story files, given as (path relative to `story/`, contents).
pub fn read_files(files: &[(String, String)]) -> Read {
    let (story, mut out, seen_story) = read(files);
    if !seen_story {
        out.push(Code::MissingField, FieldPath::new("story"), None, "there is no story.toml".into(), "create story/story.toml with the title, the report, the scales, the sources and the trajectory");
    }
    Read { story, map: out.map, diagnostics: out.diagnostics }
}

/// Reads one contributions file on its own, as the editor imports a kiosk export: its
/// contributions (with `origin` as their origin) and its format problems, placed in
/// `contributions/<origin>.toml`. [`crate::validate()`] checks them once merged into a story.
pub fn read_contributions(origin: &str, text: &str) -> (Vec<Contribution>, Vec<Diagnostic>) {
    let path = format!("contributions/{origin}.toml");
    let (story, out, _) = read(&[(path, text.to_string())]);
    (story.contributions, out.diagnostics)
}

/// Reads whatever files are given; also says whether one was story.toml.
fn read(files: &[(String, String)]) -> (Story, Out, bool) {
    let mut out = Out::default();
    let mut story = Story::default();
    let mut territory_source = None;
    let mut seen_story = false;
    // How many contributions were read by id, to give duplicates paths of their own.
    let mut contribution_ids: HashMap<String, usize> = HashMap::new();
    for (path, text) in files {
        let Some(kind) = file_kind(path) else {
            out.push(
                Code::UnknownFile,
                FieldPath::new("file").key(path),
                Some(loc(path, 1, 1)),
                format!("`{path}` is not a story file"),
                "story files are story.toml, glossary.toml, data/territory.toml, steps/<step-id>.toml and contributions/<name>.toml; move or remove this file",
            );
            continue;
        };
        if text.len() > MAX_FILE_BYTES {
            out.push(
                Code::TooLarge,
                FieldPath::new("file").key(path),
                Some(loc(path, 1, 1)),
                format!("`{path}` is {} bytes, more than the {MAX_FILE_BYTES} a story file may have", text.len()),
                "split the content or check that this is the right file",
            );
            continue;
        }
        seen_story |= matches!(kind, FileKind::Story);
        let (root, errors) = DeTable::parse_recoverable(text);
        let file_id = out.map.add_file(path);
        let mut w = Walk { file: path, file_id, text, lines: LineIndex::new(text), out: &mut out };
        if !errors.is_empty() {
            // Located one by one up to the cap: a file of garbage has an error a line.
            let count = errors.len();
            for e in errors.into_iter().take(MAX_PROBLEMS_PER_FILE + 1) {
                let span = e.span().unwrap_or(0..0);
                w.error(
                    Code::Syntax,
                    FieldPath::new("file").key(path),
                    span,
                    e.message().trim().to_string(),
                    "fix the TOML syntax at this place (strings in quotes, one key per line, [table] headers)",
                );
            }
            if count > MAX_PROBLEMS_PER_FILE {
                let first = w.out.diagnostics.pop().expect("just pushed");
                w.out.diagnostics.push(closing(first, count - MAX_PROBLEMS_PER_FILE, true, "file", MAX_PROBLEMS_PER_FILE));
            }
            continue;
        }
        let root = Fields::new(FieldPath::new("file").key(path), root.span(), root.get_ref());
        match kind {
            FileKind::Story => w.story_file(root, &mut story),
            FileKind::Glossary => w.glossary_file(root, &mut story.glossary),
            FileKind::Territory => {
                if let Some((territory, source)) = w.territory_file(root) {
                    story.territory = Some(territory);
                    territory_source = Some(source);
                }
            }
            FileKind::Step(stem) => {
                if let Some(step) = w.step_file(root, &stem) {
                    story.steps.push(step);
                }
            }
            FileKind::Contributions(origin) => w.contributions_file(root, &origin, &mut contribution_ids, &mut story.contributions),
        }
    }
    story.sources.extend(territory_source);
    story.sort_steps();
    story.sort_contributions();
    (story, out, seen_story)
}

fn loc(file: &str, line: u32, col: u32) -> Loc {
    Loc { file: file.to_string(), line, col }
}

#[derive(Default)]
struct Out {
    map: SourceMap,
    diagnostics: Vec<Diagnostic>,
}

impl Out {
    fn push(&mut self, code: Code, path: FieldPath, loc: Option<Loc>, message: String, help: &str) {
        self.diagnostics.push(Diagnostic { code, path, loc, message, help: help.to_string() });
    }
}

/// The entries of one TOML table, consumed field by field; what is left is unknown.
struct Fields<'v, 'i> {
    path: FieldPath,
    span: Range<usize>,
    entries: Vec<(&'v str, Range<usize>, &'v Value<'i>)>,
}

impl<'v, 'i> Fields<'v, 'i> {
    fn new(path: FieldPath, span: Range<usize>, table: &'v DeTable<'i>) -> Self {
        let entries = table.iter().map(|(k, v)| (k.get_ref().as_ref(), k.span(), v)).collect();
        Fields { path, span, entries }
    }

    fn child(&self, key: &str) -> FieldPath {
        self.path.clone().field(key)
    }
}

/// Walks one file, reporting into `out`.
struct Walk<'a> {
    file: &'a str,
    file_id: u32,
    text: &'a str,
    lines: LineIndex<'a>,
    out: &'a mut Out,
}

impl Walk<'_> {
    fn loc(&self, span: &Range<usize>) -> Loc {
        let (line, col) = self.lines.line_col(span.start);
        loc(self.file, line, col)
    }

    /// Records where the field at `path` stands.
    fn record(&mut self, path: &FieldPath, span: &Range<usize>) {
        let (line, col) = self.lines.line_col(span.start);
        self.out.map.insert(path, self.file_id, line, col);
    }

    fn error(&mut self, code: Code, path: FieldPath, span: Range<usize>, message: String, help: &str) {
        let loc = self.loc(&span);
        self.out.push(code, path, Some(loc), message, help);
    }

    /// Takes `key` out of `fields`, recording its place under `path.key`.
    fn take<'v, 'i>(&mut self, fields: &mut Fields<'v, 'i>, key: &str) -> Option<&'v Value<'i>> {
        let i = fields.entries.iter().position(|(k, _, _)| *k == key)?;
        let (_, key_span, value) = fields.entries.remove(i);
        self.record(&fields.child(key), &key_span);
        Some(value)
    }

    fn missing(&mut self, fields: &Fields, key: &str, what: &str) {
        self.error(Code::MissingField, fields.child(key), fields.span.clone(), format!("missing `{key}` ({what})"), &format!("add `{key} = …` to this table"));
    }

    /// Reports every entry nobody took.
    fn finish(&mut self, fields: Fields, known: &[&str]) {
        let Fields { path, entries, .. } = fields;
        for (key, span, _) in entries {
            let hint = match closest(key, known) {
                Some(k) => format!("did you mean `{k}`? The fields here are: {}", known.join(", ")),
                None => format!("the fields here are: {}", known.join(", ")),
            };
            self.error(Code::UnknownField, path.clone().field(key), span, format!("unknown field `{}`", quoted(key)), &hint);
        }
    }

    fn wrong_type(&mut self, path: FieldPath, value: &Value, expected: &str) {
        self.error(Code::WrongType, path, value.span(), format!("expected {expected}, found {}", value.get_ref().type_str()), &format!("write {expected} here"));
    }

    fn as_table<'v, 'i>(&mut self, path: FieldPath, value: &'v Value<'i>, expected: &str) -> Option<Fields<'v, 'i>> {
        match value.get_ref() {
            DeValue::Table(t) => Some(Fields::new(path, value.span(), t)),
            _ => {
                self.wrong_type(path, value, expected);
                None
            }
        }
    }

    fn as_string(&mut self, path: FieldPath, value: &Value) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => {
                self.record_content(&path, value);
                Some(s.to_string())
            }
            _ => {
                self.wrong_type(path, value, "a string in quotes");
                None
            }
        }
    }

    /// Records where a string's content starts (after `"`, or on the line after `"""`).
    fn record_content(&mut self, path: &FieldPath, value: &Value) {
        let span = value.span();
        let raw = &self.text[span.start..span.end.max(span.start)];
        let content = if raw.starts_with("\"\"\"\n") || raw.starts_with("'''\n") {
            span.start + 4
        } else if raw.starts_with("\"\"\"\r\n") || raw.starts_with("'''\r\n") {
            span.start + 5
        } else if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
            span.start + 3
        } else {
            span.start + 1
        };
        let (line, col) = self.lines.line_col(content);
        self.out.map.set_content(path, line, col);
    }

    fn string(&mut self, f: &mut Fields, key: &str, what: &str) -> Option<String> {
        match self.take(f, key) {
            Some(v) => self.as_string(f.child(key), v),
            None => {
                self.missing(f, key, what);
                None
            }
        }
    }

    fn optional_string(&mut self, f: &mut Fields, key: &str) -> Option<String> {
        let v = self.take(f, key)?;
        self.as_string(f.child(key), v)
    }

    fn integer(&mut self, f: &mut Fields, key: &str, what: &str) -> Option<u64> {
        let Some(v) = self.take(f, key) else {
            self.missing(f, key, what);
            return None;
        };
        match v.get_ref() {
            DeValue::Integer(i) => match u64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(n),
                Err(_) => {
                    self.error(
                        Code::BadValue,
                        f.child(key),
                        v.span(),
                        format!("`{}` is not a whole number of 0 or more", i.as_str()),
                        "write a whole number of 0 or more, without spaces (6500, not 6 500)",
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(f.child(key), v, "a whole number (6500, not \"6 500\")");
                None
            }
        }
    }

    /// A string field that must be one of `allowed`, turned into a value by `parse`.
    fn one_of<T>(&mut self, f: &mut Fields, key: &str, allowed: &[&str], parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        let Some(v) = self.take(f, key) else {
            self.missing(f, key, &allowed.join(", "));
            return None;
        };
        self.parse_one_of(f, key, v, allowed, parse)
    }

    /// The value `v` of `key`, which must be one of `allowed`.
    fn parse_one_of<T>(&mut self, f: &Fields, key: &str, v: &Value, allowed: &[&str], parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        let s = self.as_string(f.child(key), v)?;
        let value = parse(&s);
        if value.is_none() {
            self.error(Code::BadValue, f.child(key), v.span(), format!("unknown {key} `{s}`"), &format!("`{key}` is one of: {}", allowed.join(", ")));
        }
        value
    }

    fn optional_bool(&mut self, f: &mut Fields, key: &str) -> bool {
        let Some(v) = self.take(f, key) else { return false };
        match v.get_ref() {
            DeValue::Boolean(b) => *b,
            _ => {
                self.wrong_type(f.child(key), v, "true or false");
                false
            }
        }
    }

    fn text_value(&mut self, path: FieldPath, v: &Value) -> Option<Text> {
        let mut t = self.as_table(path, v, "a text table `{ fr = \"…\", en = \"…\" }`")?;
        let fr = self.string(&mut t, "fr", "the French text");
        let en = self.optional_string(&mut t, "en").unwrap_or_default();
        self.finish(t, &["fr", "en"]);
        Some(Text { fr: fr?, en })
    }

    fn text(&mut self, f: &mut Fields, key: &str, what: &str) -> Option<Text> {
        match self.take(f, key) {
            Some(v) => self.text_value(f.child(key), v),
            None => {
                self.missing(f, key, what);
                None
            }
        }
    }

    fn optional_text(&mut self, f: &mut Fields, key: &str) -> Text {
        match self.take(f, key) {
            Some(v) => self.text_value(f.child(key), v).unwrap_or_default(),
            None => Text::default(),
        }
    }

    /// The items of an array field (absent means empty), each with its path `key[i]`.
    fn array<'v, 'i>(&mut self, f: &mut Fields<'v, 'i>, key: &str) -> Vec<(FieldPath, &'v Value<'i>)> {
        let Some(v) = self.take(f, key) else { return Vec::new() };
        match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let path = f.child(key).key(i);
                    self.record(&path, &item.span());
                    (path, item)
                })
                .collect(),
            _ => {
                self.wrong_type(f.child(key), v, &format!("a list `{key} = [ … ]` or tables `[[{key}]]`"));
                Vec::new()
            }
        }
    }

    fn strings(&mut self, f: &mut Fields, key: &str) -> Vec<String> {
        self.array(f, key).into_iter().filter_map(|(p, v)| self.as_string(p, v)).collect()
    }

    fn texts(&mut self, f: &mut Fields, key: &str) -> Vec<Text> {
        self.array(f, key).into_iter().filter_map(|(p, v)| self.text_value(p, v)).collect()
    }

    /// The tables of an array of tables, each parsed by `parse`.
    fn tables<T>(&mut self, f: &mut Fields, key: &str, mut parse: impl FnMut(&mut Self, Fields) -> Option<T>) -> Vec<T> {
        self.array(f, key)
            .into_iter()
            .filter_map(|(p, v)| {
                let t = self.as_table(p, v, &format!("a table `[[{key}]]`"))?;
                parse(self, t)
            })
            .collect()
    }

    // --- the files -------------------------------------------------------------------

    fn story_file(&mut self, mut f: Fields, story: &mut Story) {
        f.path = FieldPath::new("story");
        story.meta.title = self.text(&mut f, "title", "the story's title").unwrap_or_default();
        story.meta.promise = self.text(&mut f, "promise", "the story's promise in one sentence").unwrap_or_default();
        story.trajectory = self.strings(&mut f, "trajectory");
        if let Some(v) = self.take(&mut f, "report") {
            if let Some(mut r) = self.as_table(f.child("report"), v, "a table `[report]`") {
                story.meta.report.title = self.text(&mut r, "title", "the report's title").unwrap_or_default();
                story.meta.report.authors = self.strings(&mut r, "authors");
                story.meta.report.publishers = self.strings(&mut r, "publishers");
                story.meta.report.date = self.string(&mut r, "date", "the report's date, e.g. \"2017-09\"").unwrap_or_default();
                self.finish(r, &["title", "authors", "publishers", "date"]);
            }
        } else {
            self.missing(&f, "report", "the source report: title, authors, publishers, date");
        }
        story.scales = self.tables(&mut f, "scale", |w, t| w.scale(t));
        story.sources = self.tables(&mut f, "source", |w, t| w.source(t));
        self.finish(f, &["title", "promise", "trajectory", "report", "scale", "source"]);
    }

    fn scale(&mut self, mut f: Fields) -> Option<Scale> {
        let id_text = self.string(&mut f, "id", "commune, agglomeration or pole");
        let id = id_text.as_deref().and_then(|id| {
            let scale = ScaleId::from_id(id);
            if scale.is_none() {
                self.error(Code::BadValue, f.child("id"), f.span.clone(), format!("unknown scale `{id}`"), "the scales are: commune, agglomeration, pole");
            }
            scale
        });
        let name = self.text(&mut f, "name", "the scale's full name");
        let short = self.text(&mut f, "short", "a short name");
        let population = self.integer(&mut f, "population", "the population the report gives");
        let population_source = self.optional_string(&mut f, "population_source").unwrap_or_default();
        let code = self.optional_string(&mut f, "code");
        self.finish(f, &["id", "name", "short", "population", "population_source", "code"]);
        Some(Scale { id: id?, name: name?, short: short?, population: population?, population_source, code })
    }

    fn source(&mut self, mut f: Fields) -> Option<Source> {
        let id = self.string(&mut f, "id", "a unique id used by figures and quotes");
        let title = self.text(&mut f, "title", "the report's section or the dataset's name");
        let kind = self.string(&mut f, "kind", "\"report\" or \"dataset\"");
        let kind = match kind.as_deref() {
            Some("report") => {
                let lines = self.array(&mut f, "ocr_lines");
                let ocr_lines = match lines.as_slice() {
                    [] => None,
                    [(_, a), (_, b)] => match (a.get_ref().as_integer(), b.get_ref().as_integer()) {
                        (Some(a), Some(b)) => a.as_str().parse().ok().zip(b.as_str().parse().ok()),
                        _ => None,
                    },
                    _ => None,
                };
                if !lines.is_empty() && ocr_lines.is_none() {
                    self.error(
                        Code::BadValue,
                        f.child("ocr_lines"),
                        lines[0].1.span(),
                        "`ocr_lines` must be two line numbers".into(),
                        "write `ocr_lines = [first, last]`, lines of the report's OCR text",
                    );
                }
                let passage = self.optional_text(&mut f, "passage");
                self.finish(f, &["id", "title", "kind", "ocr_lines", "passage"]);
                Some(SourceKind::Report { ocr_lines, passage })
            }
            Some("dataset") => {
                let publisher = self.string(&mut f, "publisher", "who publishes the dataset");
                let version = self.string(&mut f, "version", "the dataset's version");
                let year = self.integer(&mut f, "year", "the year the figures are for");
                let licence = self.string(&mut f, "licence", "the dataset's licence");
                let url = self.string(&mut f, "url", "where the dataset is published");
                self.finish(f, &["id", "title", "kind", "publisher", "version", "year", "licence", "url"]);
                Some(SourceKind::Dataset { publisher: publisher?, version: version?, year: u32::try_from(year?).ok()?, licence: licence?, url: url? })
            }
            Some(other) => {
                self.error(Code::BadValue, f.child("kind"), f.span.clone(), format!("unknown source kind `{other}`"), "a source's kind is \"report\" or \"dataset\"");
                None
            }
            None => None,
        };
        Some(Source { id: id?, title: title?, kind: kind? })
    }

    fn glossary_file(&mut self, mut f: Fields, glossary: &mut Vec<Term>) {
        f.path = FieldPath::new("glossary");
        let terms = self.tables(&mut f, "term", |w, mut t| {
            let id = w.string(&mut t, "id", "a unique id used in views' `terms`");
            let word = w.text(&mut t, "word", "the word to explain");
            let definition = w.text(&mut t, "definition", "a short definition for pupils");
            w.finish(t, &["id", "word", "definition"]);
            Some(Term { id: id?, word: word?, definition: definition? })
        });
        glossary.extend(terms);
        self.finish(f, &["term"]);
    }

    fn territory_file(&mut self, mut f: Fields) -> Option<(Territory, Source)> {
        f.path = FieldPath::new("territory");
        let source = match self.take(&mut f, "source") {
            Some(v) => self.as_table(f.child("source"), v, "a table `[source]`").and_then(|t| self.source(t)),
            None => {
                self.missing(&f, "source", "the dataset these figures come from");
                None
            }
        };
        let groupings = self.tables(&mut f, "grouping", |w, mut g| {
            let code = w.string(&mut g, "code", "the grouping's SIREN code");
            let name = w.string(&mut g, "name", "the grouping's name");
            let communes = w.tables(&mut g, "commune", |w, mut c| {
                let code = w.string(&mut c, "code", "the commune's INSEE code");
                let name = w.string(&mut c, "name", "the commune's name");
                let population = w.integer(&mut c, "population", "the commune's population");
                w.finish(c, &["code", "name", "population"]);
                Some(Commune { code: code?, name: name?, population: population? })
            });
            w.finish(g, &["code", "name", "commune"]);
            Some(Grouping { code: code?, name: name?, communes })
        });
        self.finish(f, &["source", "grouping"]);
        let source = source?;
        Some((Territory { source: source.id.clone(), groupings }, source))
    }

    fn step_file(&mut self, mut f: Fields, stem: &str) -> Option<Step> {
        f.path = FieldPath::step(stem);
        let path = f.path.clone();
        self.record(&path, &(0..0));
        let id = self.string(&mut f, "id", "the step's id, the same as the file name");
        if let Some(id) = &id {
            if id != stem {
                self.error(
                    Code::FileName,
                    f.child("id"),
                    f.span.clone(),
                    format!("the step `{id}` is in `steps/{stem}.toml`"),
                    &format!("rename the file to `steps/{id}.toml`, or change the id to `{stem}`"),
                );
            }
        }
        let next = self.optional_string(&mut f, "next");
        let motif = self.take(&mut f, "motif").and_then(|v| self.parse_one_of(&f, "motif", v, &Motif::ALL.map(Motif::id), Motif::from_id));
        let branches = self.tables(&mut f, "branch", |w, mut b| {
            let to = w.string(&mut b, "to", "the id of the side step");
            let label = w.text(&mut b, "label", "the button's label");
            w.finish(b, &["to", "label"]);
            Some(Branch { to: to?, label: label? })
        });
        let choices = self.tables(&mut f, "choice", |w, mut c| {
            let id = w.string(&mut c, "id", "an id for this question");
            let prompt = w.text(&mut c, "prompt", "the question put to the reader");
            let options = w.tables(&mut c, "option", |w, mut o| {
                let label = w.text(&mut o, "label", "the answer's label");
                let to = w.string(&mut o, "to", "the id of the step this answer leads to");
                w.finish(o, &["label", "to"]);
                Some(ChoiceOption { label: label?, to: to? })
            });
            w.finish(c, &["id", "prompt", "option"]);
            Some(Choice { id: id?, prompt: prompt?, options })
        });
        let mut views = Vec::new();
        for scale in ScaleId::ALL {
            if let Some(v) = self.take(&mut f, scale.id()) {
                if let Some(t) = self.as_table(f.child(scale.id()), v, &format!("a table `[{}]`", scale.id())) {
                    views.extend(self.view(t, scale));
                }
            }
        }
        self.finish(f, &["id", "next", "motif", "branch", "choice", "commune", "agglomeration", "pole"]);
        Some(Step { id: id?, next, branches, choices, views, motif })
    }

    fn contributions_file(&mut self, mut f: Fields, origin: &str, ids: &mut HashMap<String, usize>, out: &mut Vec<Contribution>) {
        f.path = FieldPath::new("contributions").key(origin);
        let contributions = self.tables(&mut f, "contribution", |w, t| w.contribution(t, origin, ids));
        out.extend(contributions);
        self.finish(f, &["contribution"]);
    }

    fn contribution(&mut self, mut f: Fields, origin: &str, ids: &mut HashMap<String, usize>) -> Option<Contribution> {
        // Its fields are recorded under `contribution[<id>]`, the path the validator and the
        // editor use, so the id is looked at before anything is taken.
        let id = f.entries.iter().find(|(k, _, _)| *k == "id").and_then(|(_, _, v)| v.get_ref().as_str()).map(str::to_string);
        if let Some(id) = &id {
            f.path = contribution_path(id, ids.get(id.as_str()).copied().unwrap_or(0));
            let (path, span) = (f.path.clone(), f.span.clone());
            self.record(&path, &span);
        }
        let id = self.string(&mut f, "id", "a unique id, e.g. \"conseil-2026-01\"");
        let step = self.string(&mut f, "step", "the id of the step it speaks of");
        let scale = self.one_of(&mut f, "scale", &ScaleId::ALL.map(ScaleId::id), ScaleId::from_id);
        let lang = self.one_of(&mut f, "lang", &Lang::ALL.map(Lang::code), Lang::from_code);
        let date = self.string(&mut f, "date", "when it was given, ISO 8601: \"2026-11-25\" or \"2026-11-25T10:00:00Z\"");
        let author = self.optional_string(&mut f, "author").unwrap_or_default();
        // Absent, it is anonymous: a file that says nothing shows no name.
        let attribution = match f.entries.iter().any(|(k, _, _)| *k == "attribution") {
            true => self.one_of(&mut f, "attribution", &Attribution::ALL.map(Attribution::id), Attribution::from_id),
            false => Some(Attribution::Anonymous),
        };
        let consent = self.optional_string(&mut f, "consent");
        let role = self.optional_string(&mut f, "role").unwrap_or_default();
        let source = self.optional_string(&mut f, "source").unwrap_or_default();
        let status = self.one_of(&mut f, "status", &Status::ALL.map(Status::id), Status::from_id);
        let text = self.string(&mut f, "text", "the testimony itself");
        self.finish(f, &["id", "step", "scale", "lang", "date", "author", "attribution", "consent", "role", "source", "status", "text"]);
        let contribution = Contribution {
            id: id?,
            step: step?,
            scale: scale?,
            lang: lang?,
            date: date?,
            author,
            attribution: attribution?,
            consent,
            role,
            source,
            status: status?,
            text: text?,
            origin: origin.to_string(),
        };
        // Counted once read: the validator numbers the duplicates it sees in the model.
        *ids.entry(contribution.id.clone()).or_insert(0) += 1;
        Some(contribution)
    }

    fn view(&mut self, mut f: Fields, scale: ScaleId) -> Option<View> {
        let title = self.text(&mut f, "title", "the view's title");
        let text = self.text(&mut f, "text", "the view's text");
        // Optional here: the validator says what a missing easy-read text lacks.
        let easy = self.optional_text(&mut f, "easy");
        let actors = self.texts(&mut f, "actors");
        let figures = self.tables(&mut f, "figure", |w, mut t| {
            let value = w.integer(&mut t, "value", "the figure, a whole number");
            let approximate = w.optional_bool(&mut t, "approximate");
            let label = w.text(&mut t, "label", "what the figure counts");
            let source = w.optional_string(&mut t, "source").unwrap_or_default();
            w.finish(t, &["value", "approximate", "label", "source"]);
            Some(Figure { value: value?, approximate, label: label?, source })
        });
        let quotes = self.tables(&mut f, "quote", |w, mut t| {
            let text = w.text(&mut t, "text", "the quote, verbatim");
            let by = w.optional_text(&mut t, "by");
            let source = w.optional_string(&mut t, "source").unwrap_or_default();
            w.finish(t, &["text", "by", "source"]);
            Some(Quote { text: text?, by, source })
        });
        let questions = self.texts(&mut f, "questions");
        let activity = self.optional_text(&mut f, "activity");
        let terms = self.strings(&mut f, "terms");
        let notes = self.optional_text(&mut f, "notes");
        let quiz = self.tables(&mut f, "quiz", |w, mut t| {
            let question = w.text(&mut t, "question", "the question put to pupils");
            let options = w.texts(&mut t, "options");
            let answer = w.integer(&mut t, "answer", "the number of the right option, 1 for the first");
            let explanation = w.text(&mut t, "explanation", "why the answer is right, for pupils");
            let source = w.optional_string(&mut t, "source").unwrap_or_default();
            w.finish(t, &["question", "options", "answer", "explanation", "source"]);
            Some(QuizQuestion { question: question?, options, answer: answer?, explanation: explanation?, source })
        });
        let picture = self.take(&mut f, "picture").and_then(|v| {
            let t = self.as_table(f.child("picture"), v, &format!("a table `[{}.picture]`", scale.id()))?;
            Some(self.picture(t))
        });
        self.finish(f, &["title", "text", "easy", "actors", "figure", "quote", "questions", "activity", "terms", "notes", "quiz", "picture"]);
        // A view whose title or text is missing is kept (already reported), so that the
        // validator does not also call the whole view missing.
        let (title, text) = (title.unwrap_or_default(), text.unwrap_or_default());
        Some(View { scale, title, text, easy, actors, figures, quotes, questions, activity, terms, notes, quiz, picture })
    }

    /// A view's picture. Every field is read as optional: the validator's media rules report
    /// what is missing, for files and for the editor alike.
    fn picture(&mut self, mut f: Fields) -> Picture {
        let file = self.optional_string(&mut f, "file").unwrap_or_default();
        let alt = self.optional_text(&mut f, "alt");
        let credit = self.optional_string(&mut f, "credit").unwrap_or_default();
        let licence = self.optional_string(&mut f, "licence").unwrap_or_default();
        let (mut by, mut date) = (String::new(), String::new());
        if let Some(v) = self.take(&mut f, "source") {
            if let Some(mut s) = self.as_table(f.child("source"), v, "a table `source.by = \"…\"`, `source.date = \"…\"`") {
                by = self.optional_string(&mut s, "by").unwrap_or_default();
                date = self.optional_string(&mut s, "date").unwrap_or_default();
                self.finish(s, &["by", "date"]);
            }
        }
        self.finish(f, &["file", "alt", "credit", "licence", "source"]);
        Picture { file, alt, credit, licence, by, date, width: 0, height: 0 }
    }
}

/// The known field nearest to a misspelt one, if it is near enough to be a typo.
fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    known.iter().map(|k| (edit_distance(key, k), *k)).filter(|(d, k)| *d <= 2.max(k.len() / 3)).min().map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb { prev } else { 1 + prev.min(row[j]).min(cur) };
            prev = cur;
        }
    }
    row[b.len()]
}
