//! The place of a field in a story (or in a file the story reads), as one typed value: the
//! validator reports at it, the editor shows each field's problems next to the field at it,
//! and an edit names the field it changes by it.
//!
//! A path is a list of segments, each a field name (`.title`) or a key in brackets
//! (`[le-depart]`, `[0]`). It displays as the field paths the messages have always shown,
//! `step[le-depart].commune.figure[0].source`, and parses back from that text.

use std::fmt;
use std::str::FromStr;

use crate::base::ScaleId;

/// One step down a path.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A named field: `title`, `commune`, `fr`.
    Field(String),
    /// An entry of what the path names so far, by id or by position: the `le-depart` of
    /// `step[le-depart]`, the `0` of `figure[0]`.
    Key(String),
}

/// Where a field is: `step[le-depart].commune.figure[0].source`. The empty path is the
/// whole file or story.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath(Vec<Segment>);

impl FieldPath {
    /// A path of one field: `story`, `glossary`.
    pub fn new(name: &str) -> Self {
        FieldPath(vec![Segment::Field(name.to_string())])
    }

    /// A step's file: `step[le-depart]`.
    pub fn step(id: &str) -> Self {
        FieldPath::new("step").key(id)
    }

    /// One view of a step: `step[le-depart].commune`.
    pub fn view(step: &str, scale: ScaleId) -> Self {
        FieldPath::step(step).field(scale.id())
    }

    /// This path's field `name`: `….name`.
    pub fn field(mut self, name: &str) -> Self {
        self.0.push(Segment::Field(name.to_string()));
        self
    }

    /// This path's entry `key`: `…[key]`.
    pub fn key(mut self, key: impl fmt::Display) -> Self {
        self.0.push(Segment::Key(key.to_string()));
        self
    }

    /// The `index`-th item of this path's list `name`: `….name[index]`.
    pub fn item(self, name: &str, index: usize) -> Self {
        self.field(name).key(index)
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// The path one segment up (`step[a].commune` for `step[a].commune.title`), none for
    /// the empty path.
    pub fn parent(&self) -> Option<FieldPath> {
        let (_, up) = self.0.split_last()?;
        Some(FieldPath(up.to_vec()))
    }

    /// Whether this path is `other` or a field inside it: `step[a].commune.title` is within
    /// `step[a]`; `step[ab]` is not within `step[a]`.
    pub fn is_within(&self, other: &FieldPath) -> bool {
        self.0.starts_with(&other.0)
    }

    /// The id of the step this path is in, if it is in one.
    pub fn step_id(&self) -> Option<&str> {
        match &self.0[..] {
            [Segment::Field(step), Segment::Key(id), ..] if step == "step" => Some(id),
            _ => None,
        }
    }

    /// The scale of the view this path is in, if it is in a step's view.
    pub fn scale(&self) -> Option<ScaleId> {
        match &self.0[..] {
            [_, _, Segment::Field(scale), ..] if self.step_id().is_some() => ScaleId::from_id(scale),
            _ => None,
        }
    }
}

/// Whether a field name must be written in quotes to read back as one segment.
fn needs_quotes(name: &str) -> bool {
    name.is_empty() || name.chars().any(|c| matches!(c, '.' | '[' | ']' | '"' | '\\') || c.is_control())
}

/// Whether a key must be written in quotes to read back as one segment.
fn key_needs_quotes(key: &str) -> bool {
    key.starts_with('"') || key.chars().any(|c| c == ']' || c.is_control())
}

/// `s` in double quotes, with `\` escapes as in a TOML basic string.
fn write_quoted(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\t' => f.write_str("\\t")?,
            '\r' => f.write_str("\\r")?,
            c if c.is_control() => write!(f, "\\u{:04X}", u32::from(c))?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Field(name) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    if needs_quotes(name) {
                        write_quoted(f, name)?;
                    } else {
                        f.write_str(name)?;
                    }
                }
                Segment::Key(key) => {
                    f.write_str("[")?;
                    if key_needs_quotes(key) {
                        write_quoted(f, key)?;
                    } else {
                        f.write_str(key)?;
                    }
                    f.write_str("]")?;
                }
            }
        }
        Ok(())
    }
}

/// A path equals the text it displays as: tests and messages name fields as they read.
impl PartialEq<str> for FieldPath {
    fn eq(&self, other: &str) -> bool {
        /// What is left of the text to match, `None` once something differed.
        struct Matcher<'s>(Option<&'s str>);
        impl fmt::Write for Matcher<'_> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                self.0 = self.0.and_then(|rest| rest.strip_prefix(s));
                Ok(())
            }
        }
        let mut m = Matcher(Some(other));
        let _ = fmt::write(&mut m, format_args!("{self}"));
        m.0 == Some("")
    }
}

impl PartialEq<&str> for FieldPath {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

/// A text that is not a field path, with the byte offset where reading it stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathError {
    pub offset: usize,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a field path (at byte {})", self.offset)
    }
}

/// Reads a quoted string starting at `s[at]` (a `"`), returning it and the offset after it.
fn read_quoted(s: &str, at: usize) -> Result<(String, usize), PathError> {
    let mut out = String::new();
    let mut chars = s[at + 1..].char_indices().map(|(i, c)| (at + 1 + i, c));
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((out, i + 1)),
            '\\' => {
                let (j, e) = chars.next().ok_or(PathError { offset: i })?;
                match e {
                    '"' | '\\' => out.push(e),
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'u' => {
                        let hex = s.get(j + 1..j + 5).ok_or(PathError { offset: j })?;
                        let c = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32).ok_or(PathError { offset: j })?;
                        out.push(c);
                        for _ in 0..4 {
                            chars.next();
                        }
                    }
                    _ => return Err(PathError { offset: j }),
                }
            }
            c => out.push(c),
        }
    }
    Err(PathError { offset: s.len() })
}

impl FromStr for FieldPath {
    type Err = PathError;

    fn from_str(s: &str) -> Result<Self, PathError> {
        let mut segments = Vec::new();
        let mut at = 0;
        while at < s.len() {
            let rest = &s[at..];
            if let Some(inside) = rest.strip_prefix('[') {
                let (key, end) = if inside.starts_with('"') {
                    read_quoted(s, at + 1)?
                } else {
                    let close = inside.find(']').ok_or(PathError { offset: s.len() })?;
                    (inside[..close].to_string(), at + 1 + close)
                };
                if !s[end..].starts_with(']') {
                    return Err(PathError { offset: end });
                }
                segments.push(Segment::Key(key));
                at = end + 1;
                continue;
            }
            let start = match (segments.is_empty(), rest.starts_with('.')) {
                (true, _) => at,
                (false, true) => at + 1,
                (false, false) => return Err(PathError { offset: at }),
            };
            let (name, end) = if s[start..].starts_with('"') {
                read_quoted(s, start)?
            } else {
                let end = s[start..].find(['.', '[', ']', '"']).map_or(s.len(), |i| start + i);
                let name = &s[start..end];
                if needs_quotes(name) {
                    return Err(PathError { offset: start });
                }
                (name.to_string(), end)
            };
            segments.push(Segment::Field(name));
            at = end;
        }
        Ok(FieldPath(segments))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(s: &str) -> FieldPath {
        let path: FieldPath = s.parse().unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(path.to_string(), s);
        path
    }

    #[test]
    fn the_paths_of_messages_read_back() {
        let p = round_trip("step[le-depart].commune.figure[0].source");
        assert_eq!(p, FieldPath::view("le-depart", ScaleId::Commune).item("figure", 0).field("source"));
        round_trip("contribution[conseil-2026-01#2].statut");
        round_trip("file[steps/le-depart.toml]");
        round_trip("quiz.\"archipel-noir.commune.1\"");
        round_trip("visited[2]");
        round_trip("");
        assert!(FieldPath::step("a").field("id") == "step[a].id");
        assert!(FieldPath::step("a").field("id") != "step[a].i");
        assert!(FieldPath::step("a").field("id") != "step[a].idx");
        assert_eq!(round_trip("story.trajectory[3]"), FieldPath::new("story").item("trajectory", 3));
    }

    #[test]
    fn odd_names_and_keys_are_quoted_to_read_back() {
        for name in ["a.b", "", "x]y", "q\"uote", "back\\slash", "line\nbreak", "nul\u{0}"] {
            let p = FieldPath::new("story").field(name).key(name).field("fr");
            let back: FieldPath = p.to_string().parse().unwrap_or_else(|e| panic!("{p}: {e}"));
            assert_eq!(back, p);
        }
        assert_eq!(FieldPath::new("story").field("légende").to_string(), "story.légende");
    }

    #[test]
    fn what_is_not_a_path_is_refused() {
        for s in ["a..b", "a[b", "a[\"b\"c]", "a.\"b", "a]", "a\"b\"", "[x]y"] {
            assert!(s.parse::<FieldPath>().is_err(), "{s}");
        }
    }

    #[test]
    fn queries_answer_from_segments_not_text() {
        let title = FieldPath::view("a", ScaleId::Pole).field("title");
        assert!(title.is_within(&FieldPath::step("a")));
        assert!(!title.is_within(&FieldPath::step("ab")));
        assert!(!FieldPath::step("ab").is_within(&FieldPath::step("a")));
        assert_eq!(title.step_id(), Some("a"));
        assert_eq!(title.scale(), Some(ScaleId::Pole));
        assert_eq!(FieldPath::step("a").field("next").scale(), None);
        assert_eq!(title.parent(), Some(FieldPath::view("a", ScaleId::Pole)));
        assert_eq!(FieldPath::default().parent(), None);
        assert_eq!(FieldPath::new("glossary").item("term", 2).step_id(), None);
    }
}
