//! Problems found in a story, each with a stable code, a place and a way to fix it.

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};

use crate::path::{FieldPath, Segment};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// The stable codes of story problems. The editor and the build share them; their text
/// (see [`Code::as_str`]) never changes once published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    /// The file is not valid TOML.
    Syntax,
    /// A file the story does not know where to put.
    UnknownFile,
    /// A step file whose name is not its id.
    FileName,
    UnknownField,
    MissingField,
    WrongType,
    /// A value of the right type that is not allowed (an unknown scale, a bad id...).
    BadValue,
    DuplicateId,
    /// A reference (step, source, term, scale) to nothing.
    DanglingLink,
    UnreachableStep,
    /// A step from which the desired model cannot be reached.
    DeadEnd,
    MissingView,
    /// A figure or quote without a source, or a population without one.
    Unsourced,
    RawHtml,
    JavascriptLink,
    /// A link in a text that leaves the story.
    ExternalLink,
    MissingTranslation,
    /// A file over the size an import accepts, or a media file over its own limit.
    TooLarge,
    /// A view without its easy-read text (« Facile à lire ») in French.
    MissingEasyRead,
    /// The same quotation (normalised) in two places.
    RepeatedQuote,
    /// Two quiz questions too alike (see [`crate::repeats`]).
    SimilarQuiz,
    /// The closing line of a list cut short: "… and 1,203 more like this".
    TooMany,
    /// A media file that is not a JPEG, PNG, WebP or SVG picture.
    MediaFormat,
    /// An SVG that the allow-list refuses (script, event attribute, external reference…).
    UnsafeSvg,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "syntax",
            Code::UnknownFile => "unknown-file",
            Code::FileName => "file-name",
            Code::UnknownField => "unknown-field",
            Code::MissingField => "missing-field",
            Code::WrongType => "wrong-type",
            Code::BadValue => "bad-value",
            Code::DuplicateId => "duplicate-id",
            Code::DanglingLink => "dangling-link",
            Code::UnreachableStep => "unreachable-step",
            Code::DeadEnd => "dead-end",
            Code::MissingView => "missing-view",
            Code::Unsourced => "unsourced",
            Code::RawHtml => "raw-html",
            Code::JavascriptLink => "javascript-link",
            Code::ExternalLink => "external-link",
            Code::MissingTranslation => "missing-translation",
            Code::TooLarge => "too-large",
            Code::MissingEasyRead => "missing-easy-read",
            Code::RepeatedQuote => "repeated-quote",
            Code::SimilarQuiz => "similar-quiz",
            Code::TooMany => "too-many",
            Code::MediaFormat => "media-format",
            Code::UnsafeSvg => "unsafe-svg",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            // A warning until the story's easy-read texts are all written (issue 16).
            Code::MissingTranslation | Code::RepeatedQuote | Code::SimilarQuiz => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// A place in a story file, 1-based.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loc {
    pub file: String,
    pub line: u32,
    pub col: u32,
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// One problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    /// The field it is about, as a path like `step[le-depart].commune.figure[0].source`:
    /// the editor shows the message next to that field.
    pub path: FieldPath,
    /// Where it is in the files, when the story came from files.
    pub loc: Option<Loc>,
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl Diagnostic {
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }

    /// The problem on one line, for a list in the app: `file:line:col: what — how to fix it`.
    pub fn one_line(&self) -> String {
        let at = self.loc.as_ref().map(|l| format!("{l}: ")).unwrap_or_default();
        format!("{at}{} — {}", self.message, self.help)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{level}[{}]: {}", self.code.as_str(), self.message)?;
        match &self.loc {
            Some(loc) => writeln!(f, "  --> {loc} ({})", self.path)?,
            None => writeln!(f, "  --> {}", self.path)?,
        }
        write!(f, "  = help: {}", self.help)
    }
}

/// Where each field of a parsed story stands in its files, by field path. The validator
/// works on the model alone and asks this map for places; a story built in the editor has
/// no map, and its messages carry the field path only.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<String>,
    /// By a 64-bit hash of the field path: a story has a hundred fields a step, and keeping
    /// every path as a string made reading large stories grow faster than linearly.
    places: HashMap<u64, Place>,
}

/// FNV-1a: stable, and enough to tell a story's field paths apart.
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    }
}

fn key(segments: &[Segment]) -> u64 {
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    segments.hash(&mut h);
    h.finish()
}

/// A compact place: one per field of the story, so it holds no strings.
#[derive(Clone, Copy, Debug)]
struct Place {
    file: u32,
    line: u32,
    col: u32,
    /// For string fields: where the content begins, to place findings inside it.
    content: Option<(u32, u32)>,
}

impl SourceMap {
    /// Adds a file (each is read once) and returns its id for [`SourceMap::insert`].
    pub fn add_file(&mut self, name: &str) -> u32 {
        self.files.push(name.to_string());
        self.files.len() as u32 - 1
    }

    pub fn insert(&mut self, path: &FieldPath, file: u32, line: u32, col: u32) {
        self.places.insert(key(path.segments()), Place { file, line, col, content: None });
    }

    /// Records where the string at `path` (already inserted) begins.
    pub fn set_content(&mut self, path: &FieldPath, line: u32, col: u32) {
        if let Some(place) = self.places.get_mut(&key(path.segments())) {
            place.content = Some((line, col));
        }
    }

    fn loc(&self, place: &Place, line: u32, col: u32) -> Loc {
        Loc { file: self.files[place.file as usize].clone(), line, col }
    }

    /// The place of `path`, or of its nearest recorded parent.
    pub fn locate(&self, path: &FieldPath) -> Option<Loc> {
        let segments = path.segments();
        (1..=segments.len()).rev().find_map(|n| self.places.get(&key(&segments[..n]))).map(|place| self.loc(place, place.line, place.col))
    }

    /// The place of byte `offset` inside the text at `path`.
    pub fn locate_in_text(&self, path: &FieldPath, text: &str, offset: usize) -> Option<Loc> {
        let Some((place, (line, col))) = self.places.get(&key(path.segments())).and_then(|p| Some((p, p.content?))) else {
            return self.locate(path);
        };
        let before = &text[..offset.min(text.len())];
        let newlines = before.matches('\n').count() as u32;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let chars = before[line_start..].chars().count() as u32;
        Some(self.loc(place, line + newlines, if newlines == 0 { col + chars } else { chars + 1 }))
    }
}

/// Line starts of a text, to turn byte offsets into lines and columns in O(log n).
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
    /// The last offset asked for and its column (0-based, in characters): a reader asks in
    /// order, and a long line must not be counted again from its start for each field on it.
    last: Cell<(usize, usize)>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { text, starts, last: Cell::new((0, 0)) }
    }

    /// Line and column (1-based, the column in characters) of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let (known, known_col) = self.last.get();
        let (from, base) = if (start..=offset).contains(&known) { (known, known_col) } else { (start, 0) };
        let col = base + self.text.get(from..offset).map_or(offset - from, |s| s.chars().count());
        self.last.set((offset, col));
        (line as u32 + 1, col as u32 + 1)
    }
}

/// The most characters of the input a message quotes (a tag, a link, a key, an id): a
/// message stays readable whatever the file holds.
pub const MAX_QUOTED_CHARS: usize = 60;

/// The most problems reported for one text; the rest are counted in one closing message.
pub const MAX_PROBLEMS_PER_TEXT: usize = 20;

/// The most problems listed for one file (after sorting); the rest are counted in one
/// closing message at the place of the first left out.
pub const MAX_PROBLEMS_PER_FILE: usize = 200;

/// `s` as a message quotes it: at most [`MAX_QUOTED_CHARS`] characters (then `…`), control
/// characters written as their code point (`U+0000`). Reads no further than it quotes.
pub fn quoted(s: &str) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n == MAX_QUOTED_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.push_str(&format!("U+{:04X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// The closing message of a capped list: "… and 1,203 more like this".
pub fn more_like_this(count: usize) -> String {
    let digits = count.to_string();
    let mut grouped = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(d);
    }
    format!("… and {grouped} more like this")
}

/// The first control character of `s` other than newline and tab (and a carriage return
/// that ends a line, as files saved on Windows have), with its byte offset.
pub fn control_char(s: &str) -> Option<(usize, char)> {
    let bytes = s.as_bytes();
    s.char_indices().find(|&(i, c)| c.is_control() && c != '\n' && c != '\t' && !(c == '\r' && bytes.get(i + 1) == Some(&b'\n')))
}

/// A control character as messages name it: `U+0000 NUL`.
pub fn code_point_name(c: char) -> String {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC",
        "FS", "GS", "RS", "US",
    ];
    let n = u32::from(c);
    match C0.get(n as usize).copied().or((n == 0x7f).then_some("DEL")) {
        Some(name) => format!("U+{n:04X} {name}"),
        None => format!("U+{n:04X} (a control character)"),
    }
}

/// Keeps the first [`MAX_PROBLEMS_PER_FILE`] problems of each file of `diags` and counts the
/// rest in one closing message ([`Code::TooMany`], not itself counted), so that a file of a
/// thousand broken lines gives a list a person can read and the app can show. Sorts.
pub fn cap_per_file(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    sort(&mut diags);
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diags.len().min(4 * MAX_PROBLEMS_PER_FILE));
    let mut listed: HashMap<String, usize> = HashMap::new();
    // Per file: the first problem left out, how many were, and whether one was an error.
    let mut left_out: HashMap<String, (Diagnostic, usize, bool)> = HashMap::new();
    for d in diags {
        let Some(file) = d.loc.as_ref().filter(|_| d.code != Code::TooMany).map(|l| l.file.clone()) else {
            out.push(d);
            continue;
        };
        let count = listed.entry(file.clone()).or_insert(0);
        *count += 1;
        if *count <= MAX_PROBLEMS_PER_FILE {
            out.push(d);
        } else {
            let error = d.is_error();
            let entry = left_out.entry(file).or_insert((d, 0, false));
            entry.1 += 1;
            entry.2 |= error;
        }
    }
    for (first, count, error) in left_out.into_values() {
        out.push(closing(first, count, error, "file", MAX_PROBLEMS_PER_FILE));
    }
    sort(&mut out);
    out
}

/// The closing line of a list cut short at `max` problems per `what` (a file, a text): at the
/// place of the `first` left out, counting `count`; an error if one of them is.
pub fn closing(first: Diagnostic, count: usize, error: bool, what: &str, max: usize) -> Diagnostic {
    Diagnostic {
        code: if error { Code::TooMany } else { first.code },
        message: format!("{} in this {what}", more_like_this(count)),
        help: format!("only the first {max} problems of a {what} are listed: fix them and check again"),
        ..first
    }
}

/// Sorts diagnostics by place, errors first within a place, for stable output.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| (a.loc.as_ref(), a.severity(), &a.path).cmp(&(b.loc.as_ref(), b.severity(), &b.path)));
}
