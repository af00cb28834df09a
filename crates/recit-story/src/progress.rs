//! A pupil's workshop progress: where they were, what they saw and answered, and « Mon
//! récit ». The app keeps it on the device and exports it as a file that the pupil imports
//! on another device to carry on (like SugarCube's "save to disk").
//!
//! The file is TOML, so that any TOML tool reads it, but the app does not ship the TOML
//! crate: [`Progress::to_file`] writes a small subset of TOML and [`Progress::from_file`]
//! reads exactly that subset with a hand-written reader, reporting every problem at its line
//! and column.
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
//! The subset read: blank lines, `#` comments, the three section headers, `key = value`
//! with a bare (`A-Za-z0-9_-`) or double-quoted key, and as values double-quoted strings
//! (one-line or `"""` multi-line, with TOML's escapes), whole numbers, and one-line lists
//! of one-line strings.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use crate::diagnostic::{self, Code, Diagnostic, LineIndex, Loc};
use crate::model::{ScaleId, Story};
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
                path: String::new(),
                loc: Some(Loc { file: file.to_string(), line: 1, col: 1 }),
                message: format!("this file is {} bytes, more than the {MAX_PROGRESS_BYTES} a progress file may have", text.len()),
                help: "choose the file Récit saved; a progress file is much smaller".into(),
            }]);
        }
        // Notepad may start a file it saved with a byte order mark; editors do not show it,
        // so columns are counted without it.
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let problems = Problems { file, lines: LineIndex::new(text), list: Vec::new() };
        let mut builder = Builder { story, progress: Progress::default(), format: Format::Missing, seen: HashMap::new(), problems };
        Parser { text, pos: 0, section: Section::Top, sections_seen: Vec::new(), builder: &mut builder }.run();
        builder.finish()
    }
}

/// Removes from `text` what a progress file refuses, for the app to call on input: control
/// characters other than line breaks and tabs (a `\r\n` or lone `\r` becomes `\n`), and any
/// characters past [`MAX_TEXT_CHARS`].
pub fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .take(MAX_TEXT_CHARS)
        .collect()
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
    let pieces: Vec<String> = s.split('\n').map(|piece| {
        let quoted = string_literal(piece);
        quoted[1..quoted.len() - 1].to_string()
    }).collect();
    format!("\"{}\"", pieces.join("\\n"))
}

fn is_bare_key(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn key_literal(s: &str) -> String {
    if is_bare_key(s) { s.to_string() } else { inline_literal(s) }
}

/// The sections of a progress file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Section {
    Top,
    MyStory,
    Answers,
    Quiz,
    /// An unknown header, already reported: its keys are skipped without more noise.
    Unknown,
}

impl Section {
    fn name(self) -> &'static str {
        match self {
            Section::Top | Section::Unknown => "",
            Section::MyStory => "mon-recit",
            Section::Answers => "reponses",
            Section::Quiz => "quiz",
        }
    }

    fn from_name(name: &str) -> Option<Section> {
        [Section::MyStory, Section::Answers, Section::Quiz].into_iter().find(|s| s.name() == name)
    }

    /// The diagnostic path of `key` in this section, e.g. `reponses."a.commune.1"`.
    fn path(self, key: &str) -> String {
        match self {
            Section::Top | Section::Unknown => key_literal(key),
            _ => format!("{}.{}", self.name(), key_literal(key)),
        }
    }
}

/// A value as read, before its meaning is checked.
#[derive(Debug)]
enum Value {
    Text(String),
    Number(i64),
    /// Items with their byte offsets, for messages about one item.
    List(Vec<(String, usize)>),
    /// A value with a syntax error, already reported.
    Invalid,
}

impl Value {
    fn kind(&self) -> &'static str {
        match self {
            Value::Text(_) => "text",
            Value::Number(_) => "a number",
            Value::List(_) => "a list",
            Value::Invalid => "an invalid value",
        }
    }
}

/// The problems found so far, located in one file.
struct Problems<'t> {
    file: &'t str,
    lines: LineIndex<'t>,
    list: Vec<Diagnostic>,
}

impl Problems<'_> {
    fn diagnostic(&self, code: Code, at: usize, path: impl Into<String>, message: impl Into<String>, help: impl Into<String>) -> Diagnostic {
        let (line, col) = self.lines.line_col(at);
        Diagnostic { code, path: path.into(), loc: Some(Loc { file: self.file.to_string(), line, col }), message: message.into(), help: help.into() }
    }

    fn add(&mut self, code: Code, at: usize, path: impl Into<String>, message: impl Into<String>, help: impl Into<String>) {
        if self.list.len() >= MAX_PROBLEMS {
            return;
        }
        let d = self.diagnostic(code, at, path, message, help);
        self.list.push(d);
    }

    fn syntax(&mut self, at: usize, path: impl Into<String>, message: impl Into<String>, help: impl Into<String>) {
        self.add(Code::Syntax, at, path, message, help);
    }
}

/// What the `format` key said.
enum Format {
    Missing,
    /// Present; its value is right, or had a syntax error already reported.
    Present,
    /// Not a progress file of this version: the one problem to report.
    Wrong(Diagnostic),
}

/// Turns the parser's key-value pairs into a [`Progress`], checking them against the story.
struct Builder<'s, 't> {
    story: &'s Story,
    progress: Progress,
    format: Format,
    /// Keys already given, with their line, to report duplicates.
    seen: HashMap<(Section, String), u32>,
    problems: Problems<'t>,
}

impl Builder<'_, '_> {
    fn entry(&mut self, section: Section, key: String, key_at: usize, value: Value, value_at: usize) {
        if section == Section::Unknown {
            return;
        }
        let path = section.path(&key);
        let line = self.problems.lines.line_col(key_at).0;
        match self.seen.entry((section, key.clone())) {
            Entry::Occupied(first) => {
                let message = format!("`{key}` is given twice (first on line {})", first.get());
                return self.problems.add(Code::DuplicateId, key_at, path, message, "keep only one of the two lines");
            }
            Entry::Vacant(entry) => {
                entry.insert(line);
            }
        }
        match section {
            Section::Top => self.top(&key, &path, key_at, value, value_at),
            Section::MyStory => {
                if self.progress.my_story.field_mut(&key).is_none() {
                    let help = format!("[mon-recit] holds {}; remove this line or fix the key", MY_STORY_KEYS.join(", "));
                    return self.problems.add(Code::UnknownField, key_at, path, format!("unknown key `{key}` in [mon-recit]"), help);
                }
                if let Some(text) = self.text(&key, &path, value, value_at) {
                    if let Some(field) = self.progress.my_story.field_mut(&key) {
                        *field = text;
                    }
                }
            }
            Section::Answers => {
                let answer_key = self.answer_key(&key, &path, key_at, section);
                if let (Some(answer_key), Some(text)) = (answer_key, self.text(&key, &path, value, value_at)) {
                    // An empty answer is no answer: the writer leaves it out.
                    if !text.is_empty() {
                        self.progress.answers.insert(answer_key, text);
                    }
                }
            }
            Section::Quiz => {
                if let Some(answer_key) = self.answer_key(&key, &path, key_at, section) {
                    if let Some(option) = self.quiz_option(&key, &path, &answer_key, value, value_at) {
                        self.progress.quiz.insert(answer_key, option);
                    }
                }
            }
            Section::Unknown => {}
        }
    }

    fn top(&mut self, key: &str, path: &str, key_at: usize, value: Value, value_at: usize) {
        match key {
            "format" => self.format(value, value_at),
            "position" => {
                if let Some(position) = self.text(key, path, value, value_at) {
                    self.position(position, value_at);
                }
            }
            "visited" => self.visited(value, value_at),
            _ => self.problems.add(
                Code::UnknownField,
                key_at,
                path,
                format!("unknown key `{key}`"),
                "before the sections, a progress file holds `format`, `position` and `visited`; remove this line or fix the key",
            ),
        }
    }

    fn format(&mut self, value: Value, at: usize) {
        let not_ours = "choose a file that Récit saved from its workshop";
        self.format = match value {
            Value::Text(s) if s == FORMAT => Format::Present,
            Value::Invalid => Format::Present,
            Value::Text(s) if s.starts_with("recit-progression/") => Format::Wrong(self.problems.diagnostic(
                Code::BadValue,
                at,
                "format",
                format!("this progress file is in format `{s}`, which this version of Récit does not read (it reads `{FORMAT}`)"),
                "update Récit on this device, or save the progress again with the same version of Récit",
            )),
            Value::Text(s) => Format::Wrong(self.problems.diagnostic(
                Code::BadValue,
                at,
                "format",
                format!("this is not a Récit progress file: its format is `{s}`, not `{FORMAT}`"),
                not_ours,
            )),
            other => Format::Wrong(self.problems.diagnostic(
                Code::WrongType,
                at,
                "format",
                format!("this is not a Récit progress file: its `format` is {}, not \"{FORMAT}\"", other.kind()),
                not_ours,
            )),
        };
    }

    fn position(&mut self, position: String, at: usize) {
        match parse_route(self.story, &position) {
            Ok(_) => self.progress.position = position,
            Err(e) => {
                let code = if matches!(e, RouteError::UnknownStep { .. }) { Code::DanglingLink } else { Code::BadValue };
                self.problems.add(code, at, "position", format!("`position` is not a place in the story: {e}"), "remove the `position` line: the pupil will start from the beginning");
            }
        }
    }

    fn visited(&mut self, value: Value, at: usize) {
        let items = match value {
            Value::List(items) => items,
            Value::Invalid => return,
            other => {
                self.problems.add(Code::WrongType, at, "visited", format!("`visited` must be a list of step ids, not {}", other.kind()), "write visited = [\"step-id\", \"other-step\"]");
                return;
            }
        };
        for (i, (step, at)) in items.into_iter().enumerate() {
            let path = format!("visited[{i}]");
            if self.story.step(&step).is_none() {
                self.problems.add(Code::DanglingLink, at, path, format!("`{step}` is not a step of the story"), "remove it from the list");
            } else if self.progress.visited.contains(&step) {
                self.problems.add(Code::DuplicateId, at, path, format!("`{step}` is in the list twice"), "keep it once, where it was first seen");
            } else {
                self.progress.visited.push(step);
            }
        }
    }

    /// A text value, checked: the right type, not too long, no control characters.
    fn text(&mut self, key: &str, path: &str, value: Value, at: usize) -> Option<String> {
        let text = match value {
            Value::Text(text) => text,
            Value::Invalid => return None,
            other => {
                self.problems.add(Code::WrongType, at, path, format!("`{key}` must be text, not {}", other.kind()), format!("put the text in double quotes: {} = \"…\"", key_literal(key)));
                return None;
            }
        };
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
    fn answer_key(&mut self, key: &str, path: &str, at: usize, section: Section) -> Option<AnswerKey> {
        let example = "\"archipel-noir.commune.1\"";
        let [step_id, scale_id, number] = key.split('.').collect::<Vec<_>>()[..] else {
            self.problems.add(Code::BadValue, at, path, format!("`{key}` is not of the form step.scale.number"), format!("write the key like {example}: a step id, a scale and a question number"));
            return None;
        };
        let Some(scale) = ScaleId::from_id(scale_id) else {
            self.problems.add(Code::DanglingLink, at, path, format!("`{scale_id}` is not a scale"), "the scales are commune, agglomeration and pole");
            return None;
        };
        let Some(step) = self.story.step(step_id) else {
            self.problems.add(Code::DanglingLink, at, path, format!("`{step_id}` is not a step of the story"), "remove this line: the story has no such step");
            return None;
        };
        let Some(question) = number.parse::<u8>().ok().filter(|&n| n >= 1 && number.bytes().all(|b| b.is_ascii_digit())) else {
            self.problems.add(Code::BadValue, at, path, format!("`{number}` is not a question number"), format!("questions are numbered from 1, like {example}"));
            return None;
        };
        let (count, what) = match (step.view(scale), section) {
            (Some(view), Section::Quiz) => (view.quiz.len(), "quiz question"),
            (Some(view), _) => (view.questions.len(), "workshop question"),
            (None, Section::Quiz) => (0, "quiz question"),
            (None, _) => (0, "workshop question"),
        };
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
    fn quiz_option(&mut self, key: &str, path: &str, answer_key: &AnswerKey, value: Value, at: usize) -> Option<u8> {
        let n = match value {
            Value::Number(n) => n,
            Value::Invalid => return None,
            other => {
                self.problems.add(Code::WrongType, at, path, format!("a quiz answer must be a number, not {}", other.kind()), format!("write the chosen option's number without quotes: {} = 2", key_literal(key)));
                return None;
            }
        };
        let options = self
            .story
            .step(&answer_key.step)
            .and_then(|s| s.view(answer_key.scale))
            .and_then(|v| v.quiz.get(usize::from(answer_key.question) - 1))
            .map_or(0, |q| q.options.len());
        match u8::try_from(n) {
            Ok(option) if option >= 1 && usize::from(option) <= options => Some(option),
            _ => {
                self.problems.add(Code::BadValue, at, path, format!("option {n} does not exist: this question has {options} options"), format!("write a number from 1 to {options}"));
                None
            }
        }
    }

    fn finish(self) -> Result<Progress, Vec<Diagnostic>> {
        let mut problems = match self.format {
            Format::Missing => {
                return Err(vec![self.problems.diagnostic(
                    Code::MissingField,
                    0,
                    "format",
                    "this is not a Récit progress file: it has no `format` line",
                    format!("choose a file that Récit saved from its workshop: such a file holds the line format = \"{FORMAT}\""),
                )])
            }
            Format::Wrong(d) => return Err(vec![d]),
            Format::Present => self.problems.list,
        };
        if problems.is_empty() {
            return Ok(self.progress);
        }
        diagnostic::sort(&mut problems);
        Err(problems)
    }
}

/// Reads the TOML subset, line by line, and hands each `key = value` to the builder. After a
/// syntax error it reports, it skips to the next line, so that every line is checked.
struct Parser<'t, 'b, 's> {
    text: &'t str,
    /// Byte offset, always on a character boundary.
    pos: usize,
    section: Section,
    sections_seen: Vec<Section>,
    builder: &'b mut Builder<'s, 't>,
}

const SECTIONS_HELP: &str = "a progress file has the sections [mon-recit], [reponses] and [quiz]";

impl<'t> Parser<'t, '_, '_> {
    fn run(&mut self) {
        loop {
            self.skip_blanks();
            match self.peek() {
                None => return,
                Some('\n') => self.pos += 1,
                Some('\r') if self.rest().starts_with("\r\n") => self.pos += 2,
                Some('#') => {
                    self.comment();
                    self.end_of_line("");
                }
                Some('[') => self.header(),
                Some(_) => self.key_value(),
            }
        }
    }

    fn rest(&self) -> &'t str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self, c: char) {
        self.pos += c.len_utf8();
    }

    fn report(&mut self, code: Code, at: usize, path: impl Into<String>, message: impl Into<String>, help: impl Into<String>) {
        self.builder.problems.add(code, at, path, message, help);
    }

    fn syntax(&mut self, at: usize, path: impl Into<String>, message: impl Into<String>, help: impl Into<String>) {
        self.builder.problems.syntax(at, path, message, help);
    }

    fn skip_blanks(&mut self) {
        while let Some(' ' | '\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// Skips to the end of the line (not past it), after an error.
    fn skip_line(&mut self) {
        self.pos = self.rest().find('\n').map_or(self.text.len(), |i| self.pos + i);
    }

    fn at_line_end(&self) -> bool {
        let rest = self.rest();
        rest.is_empty() || rest.starts_with('\n') || rest.starts_with("\r\n")
    }

    /// A comment, from `#` to the end of the line.
    fn comment(&mut self) {
        self.pos += 1;
        while let Some(c) = self.peek() {
            if self.at_line_end() {
                return;
            }
            if c.is_control() && c != '\t' {
                self.syntax(self.pos, "", format!("control character U+{:04X} in a comment", c as u32), "remove it");
            }
            self.bump(c);
        }
    }

    /// After a value or a header: blanks, maybe a comment, then the end of the line.
    fn end_of_line(&mut self, path: &str) {
        self.skip_blanks();
        if self.peek() == Some('#') {
            self.comment();
        }
        if !self.at_line_end() {
            let found = self.rest().split(['\n', '\r']).next().unwrap_or_default().trim_end();
            let found: String = found.chars().take(20).collect::<String>().escape_debug().to_string();
            self.syntax(self.pos, path, format!("unexpected `{found}` after the value"), "put one `key = value` on each line; a comment starts with #");
            self.skip_line();
        }
    }

    fn header(&mut self) {
        let open = self.pos;
        self.pos += 1;
        self.section = Section::Unknown;
        if self.peek() == Some('[') {
            self.syntax(open, "", "`[[…]]` tables are not used in a progress file", SECTIONS_HELP);
            return self.skip_line();
        }
        self.skip_blanks();
        let name_at = self.pos;
        let Some(name) = self.key("") else { return self.skip_line() };
        self.skip_blanks();
        if self.peek() != Some(']') {
            let message = if self.peek() == Some('.') { "dotted section names are not used in a progress file" } else { "expected `]` to close the section header" };
            self.syntax(self.pos, name.as_str(), message, SECTIONS_HELP);
            return self.skip_line();
        }
        self.pos += 1;
        match Section::from_name(&name) {
            Some(section) if self.sections_seen.contains(&section) => {
                self.report(Code::DuplicateId, open, name.as_str(), format!("the section [{name}] appears twice"), format!("move its lines under the first [{name}] and remove this header"));
                self.section = section;
            }
            Some(section) => {
                self.sections_seen.push(section);
                self.section = section;
            }
            None => self.report(Code::UnknownField, name_at, key_literal(&name), format!("unknown section [{name}]"), format!("{SECTIONS_HELP}; remove this section")),
        }
        self.end_of_line(&key_literal(&name));
    }

    /// A bare or double-quoted key; reports and returns `None` if there is none.
    fn key(&mut self, path: &str) -> Option<String> {
        let at = self.pos;
        match self.peek() {
            Some('"') if self.rest().starts_with("\"\"\"") => {
                self.syntax(at, path, "a key cannot be a multi-line text", "write the key in single double quotes: \"key\" = …");
                None
            }
            Some('"') => match self.basic_string(path) {
                Value::Text(key) => Some(key),
                _ => None,
            },
            Some('\'') => {
                self.syntax(at, path, "single-quoted keys are not supported", "use double quotes: \"key\" = …");
                None
            }
            Some(c) if c.is_ascii_alphanumeric() || c == '_' || c == '-' => {
                let len = self.rest().find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(self.rest().len());
                self.pos += len;
                Some(self.text[at..self.pos].to_string())
            }
            found => {
                let message = match found {
                    Some(c) => format!("expected a key, found `{}`", c.escape_debug()),
                    None => "expected a key, found the end of the file".to_string(),
                };
                self.syntax(at, path, message, "write `key = value`, or put a `#` before a comment");
                None
            }
        }
    }

    fn key_value(&mut self) {
        let key_at = self.pos;
        let section_path = self.section.name();
        let Some(key) = self.key(section_path) else { return self.skip_line() };
        let path = self.section.path(&key);
        self.skip_blanks();
        match self.peek() {
            Some('=') => self.pos += 1,
            Some('.') => {
                self.syntax(self.pos, path, "a key with dots must be in double quotes", format!("write \"{key}.…\" = …"));
                return self.skip_line();
            }
            _ => {
                self.syntax(self.pos, path, format!("expected `=` after `{key}`"), format!("write {} = value", key_literal(&key)));
                return self.skip_line();
            }
        }
        self.skip_blanks();
        let value_at = self.pos;
        let value = self.value(&path);
        self.end_of_line(&path);
        let section = self.section;
        self.builder.entry(section, key, key_at, value, value_at);
    }

    fn value(&mut self, path: &str) -> Value {
        let at = self.pos;
        match self.peek() {
            Some('"') if self.rest().starts_with("\"\"\"") => self.multiline_string(path),
            Some('"') => self.basic_string(path),
            Some('[') => self.list(path),
            Some('0'..='9' | '+' | '-') => self.number(path),
            Some('\'') => {
                self.syntax(at, path, "single-quoted text is not supported", "use double quotes: \"…\"");
                self.skip_line();
                Value::Invalid
            }
            _ if self.at_line_end() || self.peek() == Some('#') => {
                self.syntax(at, path, "missing value after `=`", "write text in double quotes, a number, or a list like [\"a\", \"b\"]");
                Value::Invalid
            }
            _ => {
                let word: String = self.rest().chars().take_while(|c| !c.is_whitespace() && *c != '#').take(20).flat_map(char::escape_debug).collect();
                self.syntax(at, path, format!("`{word}` is not a value a progress file holds"), "write text in double quotes, a number, or a list like [\"a\", \"b\"]");
                self.skip_line();
                Value::Invalid
            }
        }
    }

    /// A whole number, e.g. `2`.
    fn number(&mut self, path: &str) -> Value {
        let at = self.pos;
        let len = self.rest().find(|c: char| c.is_whitespace() || matches!(c, '#' | ',' | ']')).unwrap_or(self.rest().len());
        self.pos += len;
        let token = &self.text[at..self.pos];
        let digits = token.strip_prefix(['+', '-']).unwrap_or(token);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            let shown: String = token.chars().take(20).flat_map(char::escape_debug).collect();
            self.syntax(at, path, format!("`{shown}` is not a whole number"), "write a whole number such as 2, or text in double quotes");
            return Value::Invalid;
        }
        if digits.len() > 1 && digits.starts_with('0') {
            self.syntax(at, path, "a number cannot start with 0", "remove the leading zeros");
            return Value::Invalid;
        }
        match token.parse::<i64>() {
            Ok(n) => Value::Number(n),
            Err(_) => {
                self.report(Code::BadValue, at, path, "this number is too large", "write a small whole number");
                Value::Invalid
            }
        }
    }

    /// A one-line list of one-line strings, e.g. `["a", "b",]`.
    fn list(&mut self, path: &str) -> Value {
        let open = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        let mut ok = true;
        loop {
            self.skip_blanks();
            if self.at_line_end() {
                self.syntax(open, path, "this list is not closed on its line: `]` is missing", "write the whole list on one line: [\"a\", \"b\"]");
                return Value::Invalid;
            }
            if self.peek() == Some(']') {
                self.pos += 1;
                break;
            }
            let item_at = self.pos;
            let item_path = format!("{path}[{}]", items.len());
            if self.rest().starts_with("\"\"\"") || self.peek() != Some('"') {
                self.syntax(item_at, item_path, "a list holds one-line texts in double quotes", "write the list like [\"a\", \"b\"]");
                self.skip_line();
                return Value::Invalid;
            }
            match self.basic_string(&item_path) {
                Value::Text(item) => items.push((item, item_at)),
                // An unclosed item, already reported: not the list's missing `]` as well.
                _ if self.at_line_end() => return Value::Invalid,
                _ => ok = false,
            }
            self.skip_blanks();
            match self.peek() {
                Some(',') => self.pos += 1,
                Some(']') => {
                    self.pos += 1;
                    break;
                }
                _ if self.at_line_end() => {} // reported at the top of the loop
                _ => {
                    self.syntax(self.pos, path, "expected `,` or `]` after a list item", "separate the items with commas: [\"a\", \"b\"]");
                    self.skip_line();
                    return Value::Invalid;
                }
            }
        }
        if ok { Value::List(items) } else { Value::Invalid }
    }

    /// A one-line `"…"` string, the cursor on its opening quote.
    fn basic_string(&mut self, path: &str) -> Value {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut ok = true;
        while let Some(c) = self.peek() {
            match c {
                '"' => {
                    self.pos += 1;
                    return if ok { Value::Text(out) } else { Value::Invalid };
                }
                '\n' => break,
                '\r' if self.rest().starts_with("\r\n") => break,
                '\\' => ok &= self.escape(path, &mut out),
                c => {
                    ok &= self.text_char(path, c);
                    out.push(c);
                    self.bump(c);
                }
            }
        }
        self.syntax(open, path, "this text is not closed: the closing `\"` is missing", "end the text with `\"` on the same line, or use `\"\"\"` for text on several lines");
        Value::Invalid
    }

    /// A `"""…"""` string, the cursor on its opening quotes.
    fn multiline_string(&mut self, path: &str) -> Value {
        let open = self.pos;
        self.pos += 3;
        // TOML trims a line break right after the opening quotes.
        if self.rest().starts_with('\n') {
            self.pos += 1;
        } else if self.rest().starts_with("\r\n") {
            self.pos += 2;
        }
        let mut out = String::new();
        let mut ok = true;
        while let Some(c) = self.peek() {
            match c {
                '"' => {
                    let quotes = self.rest().len() - self.rest().trim_start_matches('"').len();
                    self.pos += quotes;
                    if quotes < 3 {
                        out.extend(std::iter::repeat_n('"', quotes));
                        continue;
                    }
                    // Up to two quotes just before the closing ones belong to the text.
                    if quotes > 5 {
                        self.syntax(self.pos - quotes, path, "too many quotes in a row", "write quotes inside the text as \\\"");
                        ok = false;
                    }
                    out.extend(std::iter::repeat_n('"', (quotes - 3).min(2)));
                    return if ok { Value::Text(out) } else { Value::Invalid };
                }
                '\\' if self.line_ending_backslash() => {}
                '\\' => ok &= self.escape(path, &mut out),
                '\r' if self.rest().starts_with("\r\n") => {
                    out.push('\n');
                    self.pos += 2;
                }
                '\n' => {
                    out.push('\n');
                    self.pos += 1;
                }
                c => {
                    ok &= self.text_char(path, c);
                    out.push(c);
                    self.bump(c);
                }
            }
        }
        self.syntax(open, path, "this text is not closed: the closing `\"\"\"` is missing", "end the text with `\"\"\"`");
        Value::Invalid
    }

    /// In a multi-line string, a backslash that ends its line joins the next non-blank text:
    /// skips both and returns true, or returns false if the backslash is not one.
    fn line_ending_backslash(&mut self) -> bool {
        let after = self.rest()[1..].trim_start_matches([' ', '\t']);
        if !(after.starts_with('\n') || after.starts_with("\r\n")) {
            return false;
        }
        // Blanks and line breaks; a lone `\r` is not one but a control character, reported
        // as the text goes on.
        let mut rest = after;
        loop {
            let next = rest.trim_start_matches([' ', '\t', '\n']);
            match next.strip_prefix("\r\n") {
                Some(after_break) => rest = after_break,
                None => {
                    rest = next;
                    break;
                }
            }
        }
        self.pos = self.text.len() - rest.len();
        true
    }

    /// A character written as itself in a string: anything but a control character or tab.
    fn text_char(&mut self, path: &str, c: char) -> bool {
        if c.is_control() && c != '\t' {
            self.syntax(self.pos, path, format!("control character U+{:04X} in text", c as u32), "remove it");
            return false;
        }
        true
    }

    /// An escape, the cursor on its backslash: pushes the character and returns true, or
    /// reports it and returns false. The cursor ends after the escape.
    fn escape(&mut self, path: &str, out: &mut String) -> bool {
        let at = self.pos;
        self.pos += 1;
        let Some(c) = self.peek() else {
            self.syntax(at, path, "a backslash ends the file", "write a backslash as \\\\");
            return false;
        };
        let simple = match c {
            'b' => Some('\u{8}'),
            't' => Some('\t'),
            'n' => Some('\n'),
            'f' => Some('\u{c}'),
            'r' => Some('\r'),
            '"' => Some('"'),
            '\\' => Some('\\'),
            _ => None,
        };
        if let Some(decoded) = simple {
            out.push(decoded);
            self.pos += 1;
            return true;
        }
        let digits = match c {
            'u' => 4,
            'U' => 8,
            '\n' | '\r' => {
                self.syntax(at, path, "a backslash at the end of a line only joins lines in `\"\"\"` text", "write a backslash as \\\\, or use `\"\"\"` for text on several lines");
                return false;
            }
            c => {
                self.syntax(at, path, format!("unknown escape `\\{c}`"), "write a backslash as \\\\; the escapes are \\\" \\\\ \\n \\t \\r \\b \\f \\uXXXX \\UXXXXXXXX");
                self.bump(c);
                return false;
            }
        };
        self.pos += 1;
        let hex = self.rest().get(..digits).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(hex) = hex else {
            self.syntax(at, path, format!("`\\{c}` must be followed by {digits} hexadecimal digits"), format!("write a character as \\{c} and {digits} digits, e.g. \\u00E9 for é"));
            return false;
        };
        self.pos += digits;
        match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
            Some(decoded) => {
                out.push(decoded);
                true
            }
            None => {
                self.syntax(at, path, format!("`\\{c}{hex}` is not a character"), "write a Unicode scalar value, e.g. \\u00E9 for é");
                false
            }
        }
    }
}
