//! A pupil's workshop progress: where they were, what they saw and answered, and « Mon
//! récit ». The app keeps it on the device and exports it as a file that the pupil imports
//! on another device to carry on (like SugarCube's "save to disk").
//!
//! The file is TOML, so that any TOML tool reads it: [`Progress::to_file`] writes it and
//! [`Progress::from_file`] reads it with the `toml` crate (feature `progress`, which only the
//! modes app enables), reporting every problem at its line and column.
//!
//! ```toml
//! # Récit — progression d'atelier. Réimportez ce fichier dans Récit (atelier → « Reprendre ») pour continuer sur un autre appareil.
//! format = "recit-progression/1"
//! position = "/fr/commune/trois-risques"
//! visited = ["archipel-noir", "le-code-source-de-la-transition", "trois-risques"]
//!
//! [mon-recit]
//! ville = "Lens"
//! d-ou-nous-venons = """
//! Deux lignes
//! de texte"""
//! ou-nous-allons = "..."
//! commune = "..."
//! agglomeration = "..."
//! pole = "..."
//!
//! [reponses]
//! "trois-risques.commune.1" = "Une réponse"
//!
//! [quiz]
//! "trois-risques.commune.1" = 2
//! ```
//!
//! - `format` is required and comes first among the keys; a file without it is not a
//!   progress file.
//! - `position` is a URL path of the story (see [`crate::reader`]); `visited` lists step ids
//!   in the order first seen.
//! - `[reponses]` and `[quiz]` are keyed `"step.scale.n"`: the n-th (from 1) workshop
//!   question, or quiz question, of that step's view at that scale. An answer is text; a quiz
//!   answer is the chosen option, from 1.
//! - Empty fields and empty sections are left out. An empty answer is no answer.
//!
//! Any TOML that says the same is read too (comments, literal strings, lists on several
//! lines…). The file is walked as the `toml` crate's spanned tables rather than through
//! serde, so that every problem is reported, each at its place, not only the first.

use std::collections::BTreeMap;
use std::fmt::Write;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diagnostic::{self, quoted, Code, Diagnostic, LineIndex, Loc};
use crate::model::{ScaleId, Story};
use crate::path::FieldPath;
use crate::reader::{parse_route, RouteError};
use crate::toml_syntax::string_literal;

/// A progress file larger than this is refused before it is read: a whole class's answers
/// fit in far less.
pub const MAX_PROGRESS_BYTES: usize = 256 * 1024;

/// The longest text (answer or « Mon récit » field) a progress file may hold, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// The most problems reported for one file: past them, the file is not one to fix by hand,
/// and locating each would cost time on a pathological file.
pub const MAX_PROBLEMS: usize = 100;

/// The value of the `format` key: what the file is, and which version of it.
pub const FORMAT: &str = "recit-progression/1";

/// The first line of every progress file, for whoever opens it in a text editor.
const HEADING: &str = "# Récit — progression d'atelier. Réimportez ce fichier dans Récit (atelier → « Reprendre ») pour continuer sur un autre appareil.";

/// The keys of `[mon-recit]`, in the order written.
const MY_STORY_KEYS: [&str; 6] = ["ville", "d-ou-nous-venons", "ou-nous-allons", "commune", "agglomeration", "pole"];

/// What a pupil did in the workshop.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// The URL path where they were, e.g. `/fr/commune/trois-risques` (empty: none).
    pub position: String,
    /// Step ids seen, in the order first seen, no duplicates.
    pub visited: Vec<String>,
    /// Answers to views' workshop questions ([`crate::View::questions`]), never empty.
    pub answers: BTreeMap<AnswerKey, String>,
    /// Quiz answers ([`crate::View::quiz`]): the chosen option, from 1.
    pub quiz: BTreeMap<AnswerKey, u8>,
    /// « Mon récit »: the pupil's own trajectory for their town.
    pub my_story: MyStory,
}

/// Which question an answer is to: the `question`-th (from 1) workshop question, or quiz
/// question, of the view of `step` at `scale`. Written `step.scale.question` in the file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AnswerKey {
    /// The step id.
    pub step: String,
    /// The scale of the view.
    pub scale: ScaleId,
    /// The question's number in the view, from 1.
    pub question: u8,
}

impl AnswerKey {
    /// The key as the file writes it, e.g. `trois-risques.commune.1`.
    pub fn to_key(&self) -> String {
        format!("{}.{}.{}", self.step, self.scale.id(), self.question)
    }
}

/// « Mon récit »: the pupil tells their own town's transition, from where it comes from to
/// where it goes, at the three scales.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MyStory {
    /// Their town's name.
    pub town: String,
    /// Where the town comes from (`d-ou-nous-venons`).
    pub from: String,
    /// Where it is going (`ou-nous-allons`).
    pub to: String,
    /// What the commune does.
    pub commune: String,
    /// What the agglomeration does.
    pub agglomeration: String,
    /// What the metropolitan pole does.
    pub pole: String,
}

impl MyStory {
    /// Whether the pupil wrote nothing yet.
    pub fn is_empty(&self) -> bool {
        self.fields().iter().all(|(_, v)| v.is_empty())
    }

    /// The fields with their keys in the file, in [`MY_STORY_KEYS`] order.
    fn fields(&self) -> [(&'static str, &String); 6] {
        let [a, b, c, d, e, f] = MY_STORY_KEYS;
        [(a, &self.town), (b, &self.from), (c, &self.to), (d, &self.commune), (e, &self.agglomeration), (f, &self.pole)]
    }

    fn field_mut(&mut self, key: &str) -> Option<&mut String> {
        match key {
            "ville" => Some(&mut self.town),
            "d-ou-nous-venons" => Some(&mut self.from),
            "ou-nous-allons" => Some(&mut self.to),
            "commune" => Some(&mut self.commune),
            "agglomeration" => Some(&mut self.agglomeration),
            "pole" => Some(&mut self.pole),
            _ => None,
        }
    }
}

impl Progress {
    /// Whether there is nothing to save.
    pub fn is_empty(&self) -> bool {
        self.position.is_empty() && self.visited.is_empty() && self.answers.is_empty() && self.quiz.is_empty() && self.my_story.is_empty()
    }

    /// Records that the pupil saw `step`, unless they already had.
    pub fn visit(&mut self, step: &str) {
        if !self.visited.iter().any(|s| s == step) {
            self.visited.push(step.to_string());
        }
    }

    /// The progress file: deterministic (keys in map order), empty fields and sections left
    /// out. [`Progress::from_file`] reads it back.
    pub fn to_file(&self) -> String {
        let mut out = format!("{HEADING}\nformat = {}\n", string_literal(FORMAT));
        if !self.position.is_empty() {
            let _ = writeln!(out, "position = {}", inline_literal(&self.position));
        }
        if !self.visited.is_empty() {
            let items: Vec<String> = self.visited.iter().map(|s| inline_literal(s)).collect();
            let _ = writeln!(out, "visited = [{}]", items.join(", "));
        }
        let my_story = self.my_story.fields().into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (k.to_string(), string_literal(v)));
        write_section(&mut out, "mon-recit", my_story);
        let answers = self.answers.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (key_literal(&k.to_key()), string_literal(v)));
        write_section(&mut out, "reponses", answers);
        write_section(&mut out, "quiz", self.quiz.iter().map(|(k, n)| (key_literal(&k.to_key()), n.to_string())));
        out
    }

    /// Reads a progress file for `story`; `file` is its name for messages. Every problem is
    /// reported (up to [`MAX_PROBLEMS`]), sorted, each at its line and column; except that a
    /// file which is not a progress file (no or another `format`) gives that one problem
    /// alone: the rest would be noise.
    pub fn from_file(text: &str, file: &str, story: &Story) -> Result<Progress, Vec<Diagnostic>> {
        if text.len() > MAX_PROGRESS_BYTES {
            return Err(vec![Diagnostic {
                code: Code::TooLarge,
                path: FieldPath::default(),
                loc: Some(Loc { file: file.to_string(), line: 1, col: 1 }),
                message: format!("this file is {} bytes, more than the {MAX_PROGRESS_BYTES} a progress file may have", text.len()),
                help: "choose the file Récit saved; a progress file is much smaller".into(),
            }]);
        }
        // Notepad may start a file it saved with a byte order mark; editors do not show it,
        // so columns are counted without it.
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let (root, mut errors) = DeTable::parse_recoverable(text);
        // One problem may raise several errors at one place: the first says it.
        errors.dedup_by_key(|e| e.span().map(|s| s.start));
        let problems = Problems { file, lines: LineIndex::new(text), list: Vec::new() };
        let mut broken: Vec<usize> = errors.iter().filter_map(|e| e.span()).map(|s| s.start).collect();
        broken.sort_unstable();
        let mut builder = Builder { story, text, broken, progress: Progress::default(), problems };
        builder.format(root.get_ref()).map_err(|d| vec![d])?;
        errors.iter().for_each(|e| builder.syntax(e));
        builder.root(root.get_ref());
        let mut problems = builder.problems.list;
        if problems.is_empty() {
            return Ok(builder.progress);
        }
        diagnostic::sort(&mut problems);
        Err(problems)
    }
}

/// Removes from `text` what a progress file refuses, for the app to call on input: control
/// characters other than line breaks and tabs (a `\r\n` or lone `\r` becomes `\n`), and any
/// characters past [`MAX_TEXT_CHARS`].
pub fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n").chars().map(|c| if c == '\r' { '\n' } else { c }).filter(|&c| c == '\n' || c == '\t' || !c.is_control()).take(MAX_TEXT_CHARS).collect()
}

fn write_section(out: &mut String, name: &str, entries: impl Iterator<Item = (String, String)>) {
    let mut entries = entries.peekable();
    if entries.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "\n[{name}]");
    for (key, value) in entries {
        let _ = writeln!(out, "{key} = {value}");
    }
}

/// A one-line TOML string, for keys, ids and list items, which must stay on one line.
fn inline_literal(s: &str) -> String {
    // `string_literal` writes a one-line string for text without line breaks: cut at them
    // and join the pieces with the `\n` escape.
    let pieces: Vec<String> = s
        .split('\n')
        .map(|piece| {
            let quoted = string_literal(piece);
            quoted[1..quoted.len() - 1].to_string()
        })
        .collect();
    format!("\"{}\"", pieces.join("\\n"))
}

fn is_bare_key(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn key_literal(s: &str) -> String {
    if is_bare_key(s) {
        s.to_string()
    } else {
        inline_literal(s)
    }
}

/// A value of the file, with its place.
type Value<'i> = Spanned<DeValue<'i>>;

/// What a value is, in the words of messages.
fn kind(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// The problems found so far, located in one file.
struct Problems<'t> {
    file: &'t str,
    lines: LineIndex<'t>,
    list: Vec<Diagnostic>,
}

impl Problems<'_> {
    fn diagnostic(&self, code: Code, at: usize, path: &FieldPath, message: impl Into<String>, help: impl Into<String>) -> Diagnostic {
        let (line, col) = self.lines.line_col(at);
        Diagnostic { code, path: path.clone(), loc: Some(Loc { file: self.file.to_string(), line, col }), message: message.into(), help: help.into() }
    }

    fn add(&mut self, code: Code, at: usize, path: &FieldPath, message: impl Into<String>, help: impl Into<String>) {
        if self.list.len() >= MAX_PROBLEMS {
            return;
        }
        let d = self.diagnostic(code, at, path, message, help);
        self.list.push(d);
    }
}

const SECTIONS_HELP: &str = "a progress file has the sections [mon-recit], [reponses] and [quiz]";

/// Turns the file's tables into a [`Progress`], checking them against the story.
struct Builder<'s, 't> {
    story: &'s Story,
    text: &'t str,
    /// Where the syntax errors are, sorted: a value with one is already reported.
    broken: Vec<usize>,
    progress: Progress,
    problems: Problems<'t>,
}

impl Builder<'_, '_> {
    /// Whether the file says it is a progress file of this version; if not, the one problem
    /// to report.
    fn format(&self, root: &DeTable) -> Result<(), Diagnostic> {
        let not_ours = "choose a file that Récit saved from its workshop";
        let Some((_, value)) = root.iter().find(|(key, _)| key.get_ref() == "format") else {
            return Err(self.problems.diagnostic(
                Code::MissingField,
                0,
                &FieldPath::new("format"),
                "this is not a Récit progress file: it has no `format` line",
                format!("{not_ours}: such a file holds the line format = \"{FORMAT}\""),
            ));
        };
        let at = value.span().start;
        let diagnostic = |code, message| self.problems.diagnostic(code, at, &FieldPath::new("format"), message, not_ours);
        match value.get_ref() {
            DeValue::String(s) if s == FORMAT => Ok(()),
            DeValue::String(s) if s.starts_with("recit-progression/") => Err(self.problems.diagnostic(
                Code::BadValue,
                at,
                &FieldPath::new("format"),
                format!("this progress file is in format `{s}`, which this version of Récit does not read (it reads `{FORMAT}`)"),
                "update Récit on this device, or save the progress again with the same version of Récit",
            )),
            DeValue::String(s) => Err(diagnostic(Code::BadValue, format!("this is not a Récit progress file: its format is `{s}`, not `{FORMAT}`"))),
            other => Err(diagnostic(Code::WrongType, format!("this is not a Récit progress file: its `format` is {}, not \"{FORMAT}\"", kind(other)))),
        }
    }

    /// A syntax error of the `toml` crate, in the file's words.
    fn syntax(&mut self, error: &toml::de::Error) {
        let span = error.span().unwrap_or(0..0);
        let message = error.message().trim();
        if message == "duplicate key" {
            let key = self.text.get(span.clone()).unwrap_or_default().trim();
            return self.problems.add(Code::DuplicateId, span.start, &FieldPath::default(), format!("`{}` is given twice", quoted(key)), "keep only one of the two");
        }
        self.problems.add(
            Code::Syntax,
            span.start,
            &FieldPath::default(),
            message,
            "fix the TOML at this place: one `key = value` a line, text in double quotes (`\"\"\"` around text on several lines), sections as [name]",
        );
    }

    /// Whether a syntax error lies inside `value`, which the `toml` crate read as best it could.
    fn is_broken(&self, value: &Value) -> bool {
        let span = value.span();
        let first = self.broken.partition_point(|&at| at < span.start);
        self.broken.get(first).is_some_and(|&at| at <= span.end)
    }

    /// The top level: `format`, `position`, `visited` and the sections.
    fn root(&mut self, root: &DeTable) {
        for (key, value) in root.iter() {
            let (name, at) = (key.get_ref().as_ref(), key.span().start);
            if self.is_broken(value) && !matches!(value.get_ref(), DeValue::Table(_)) {
                continue;
            }
            match (name, value.get_ref()) {
                ("format", _) => {}
                ("position", _) => {
                    if let Some(position) = self.text(name, &FieldPath::new(name), value) {
                        self.position(position, value.span().start);
                    }
                }
                ("visited", _) => self.visited(value),
                ("mon-recit" | "reponses" | "quiz", DeValue::Table(table)) => self.section(name, table),
                ("mon-recit" | "reponses" | "quiz", other) => self.problems.add(Code::WrongType, at, &FieldPath::new(name), format!("[{name}] must be a section, not {}", kind(other)), SECTIONS_HELP),
                (_, DeValue::Table(_)) => self.problems.add(Code::UnknownField, at, &FieldPath::new(name), format!("unknown section [{}]", quoted(name)), SECTIONS_HELP),
                _ => self.problems.add(
                    Code::UnknownField,
                    at,
                    &FieldPath::new(name),
                    format!("unknown key `{}`", quoted(name)),
                    "before the sections, a progress file holds `format`, `position` and `visited`; remove this line or fix the key",
                ),
            }
        }
    }

    fn section(&mut self, section: &str, table: &DeTable) {
        for (key, value) in table.iter() {
            let (key, at) = (key.get_ref().as_ref(), key.span().start);
            if self.is_broken(value) {
                continue;
            }
            let path = FieldPath::new(section).field(key);
            if section == "mon-recit" {
                if self.progress.my_story.field_mut(key).is_none() {
                    let help = format!("[mon-recit] holds {}; remove this line or fix the key", MY_STORY_KEYS.join(", "));
                    self.problems.add(Code::UnknownField, at, &path, format!("unknown key `{}` in [mon-recit]", quoted(key)), help);
                } else if let Some(text) = self.text(key, &path, value) {
                    if let Some(field) = self.progress.my_story.field_mut(key) {
                        *field = text;
                    }
                }
                continue;
            }
            if let DeValue::Table(_) = value.get_ref() {
                // `a.commune.1 = …` unquoted is a table `a` holding a table `commune`.
                self.problems.add(
                    Code::BadValue,
                    at,
                    &path,
                    format!("`{}` is followed by a dot: the key must be in double quotes", quoted(key)),
                    "write the key in double quotes, like \"archipel-noir.commune.1\" = …",
                );
                continue;
            }
            let quiz = section == "quiz";
            let Some(answer_key) = self.answer_key(key, &path, at, quiz) else { continue };
            if quiz {
                if let Some(option) = self.quiz_option(key, &path, &answer_key, value) {
                    self.progress.quiz.insert(answer_key, option);
                }
            } else if let Some(text) = self.text(key, &path, value) {
                // An empty answer is no answer: the writer leaves it out.
                if !text.is_empty() {
                    self.progress.answers.insert(answer_key, text);
                }
            }
        }
    }

    fn position(&mut self, position: String, at: usize) {
        match parse_route(self.story, &position) {
            Ok(_) => self.progress.position = position,
            Err(e) => {
                let code = if matches!(e, RouteError::UnknownStep { .. }) { Code::DanglingLink } else { Code::BadValue };
                self.problems.add(code, at, &FieldPath::new("position"), format!("`position` is not a place in the story: {e}"), "remove the `position` line: the pupil will start from the beginning");
            }
        }
    }

    fn visited(&mut self, value: &Value) {
        let DeValue::Array(items) = value.get_ref() else {
            let message = format!("`visited` must be a list of step ids, not {}", kind(value.get_ref()));
            return self.problems.add(Code::WrongType, value.span().start, &FieldPath::new("visited"), message, "write visited = [\"step-id\", \"other-step\"]");
        };
        for (i, item) in items.iter().enumerate() {
            if self.is_broken(item) {
                continue;
            }
            let (path, at) = (FieldPath::new("visited").key(i), item.span().start);
            let DeValue::String(step) = item.get_ref() else {
                self.problems.add(Code::WrongType, at, &path, format!("a step id is text, not {}", kind(item.get_ref())), "put the step id in double quotes");
                continue;
            };
            if self.story.step(step).is_none() {
                self.problems.add(Code::DanglingLink, at, &path, format!("`{}` is not a step of the story", quoted(step)), "remove it from the list");
            } else if self.progress.visited.iter().any(|s| s == step) {
                self.problems.add(Code::DuplicateId, at, &path, format!("`{step}` is in the list twice"), "keep it once, where it was first seen");
            } else {
                self.progress.visited.push(step.to_string());
            }
        }
    }

    /// A text value, checked: the right type, not too long, no control characters.
    fn text(&mut self, key: &str, path: &FieldPath, value: &Value) -> Option<String> {
        let at = value.span().start;
        let DeValue::String(text) = value.get_ref() else {
            let message = format!("`{}` must be text, not {}", quoted(key), kind(value.get_ref()));
            self.problems.add(Code::WrongType, at, path, message, format!("put the text in double quotes: {} = \"…\"", key_literal(key)));
            return None;
        };
        // Line breaks as a Windows editor saves them, inside `"""` text, are line breaks.
        let text = text.replace("\r\n", "\n");
        let chars = text.chars().count();
        if chars > MAX_TEXT_CHARS {
            self.problems.add(Code::TooLarge, at, path, format!("this text has {chars} characters, more than the {MAX_TEXT_CHARS} allowed"), "shorten it");
            return None;
        }
        if let Some(c) = text.chars().find(|&c| c.is_control() && c != '\n' && c != '\t') {
            self.problems.add(Code::BadValue, at, path, format!("this text holds a control character (U+{:04X})", c as u32), "remove it: a text holds letters, line breaks and tabs");
            return None;
        }
        Some(text)
    }

    /// An answer key `step.scale.n` that names a question of the story.
    fn answer_key(&mut self, key: &str, path: &FieldPath, at: usize, quiz: bool) -> Option<AnswerKey> {
        let example = "\"archipel-noir.commune.1\"";
        let [step_id, scale_id, number] = key.split('.').collect::<Vec<_>>()[..] else {
            self.problems.add(
                Code::BadValue,
                at,
                path,
                format!("`{}` is not of the form step.scale.number", quoted(key)),
                format!("write the key like {example}: a step id, a scale and a question number"),
            );
            return None;
        };
        let Some(scale) = ScaleId::from_id(scale_id) else {
            self.problems.add(Code::DanglingLink, at, path, format!("`{}` is not a scale", quoted(scale_id)), "the scales are commune, agglomeration and pole");
            return None;
        };
        let Some(step) = self.story.step(step_id) else {
            self.problems.add(Code::DanglingLink, at, path, format!("`{}` is not a step of the story", quoted(step_id)), "remove this line: the story has no such step");
            return None;
        };
        let Some(question) = number.parse::<u8>().ok().filter(|&n| n >= 1 && number.bytes().all(|b| b.is_ascii_digit())) else {
            self.problems.add(Code::BadValue, at, path, format!("`{}` is not a question number", quoted(number)), format!("questions are numbered from 1, like {example}"));
            return None;
        };
        let what = if quiz { "quiz question" } else { "workshop question" };
        let count = step.view(scale).map_or(0, |view| if quiz { view.quiz.len() } else { view.questions.len() });
        if usize::from(question) > count {
            let has = match count {
                0 => format!("no {what}"),
                1 => format!("1 {what}"),
                n => format!("{n} {what}s"),
            };
            self.problems.add(Code::DanglingLink, at, path, format!("step `{step_id}` has {has} at scale {scale_id}, so no question {question}"), "remove this line: the question is not in the story");
            return None;
        }
        Some(AnswerKey { step: step_id.to_string(), scale, question })
    }

    /// A quiz answer: the number of one of the question's options.
    fn quiz_option(&mut self, key: &str, path: &FieldPath, answer_key: &AnswerKey, value: &Value) -> Option<u8> {
        let at = value.span().start;
        let DeValue::Integer(n) = value.get_ref() else {
            let message = format!("a quiz answer must be a number, not {}", kind(value.get_ref()));
            self.problems.add(Code::WrongType, at, path, message, format!("write the chosen option's number without quotes: {} = 2", key_literal(key)));
            return None;
        };
        let options = self.story.step(&answer_key.step).and_then(|s| s.view(answer_key.scale)).and_then(|v| v.quiz.get(usize::from(answer_key.question) - 1)).map_or(0, |q| q.options.len());
        match u8::from_str_radix(n.as_str(), n.radix()) {
            Ok(option) if option >= 1 && usize::from(option) <= options => Some(option),
            _ => {
                self.problems.add(Code::BadValue, at, path, format!("option {n} does not exist: this question has {options} options"), format!("write a number from 1 to {options}"));
                None
            }
        }
    }
}
