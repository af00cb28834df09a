//! The compact binary form of a story that a published site carries beside the apps: fields in
//! declaration order, whole numbers as LEB128, strings and lists length-prefixed.
//!
//! Written by hand rather than with serde and a binary format: the decoder is all the app
//! needs, and this one is a fraction of the derived one's wasm (README, « Dependencies »).

use crate::contribution::{Attribution, Contribution, Status};
use crate::language::LanguagePack;
use crate::model::*;

/// Why bytes are not a story (only a broken build can produce such bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes end in the middle of a value.
    Truncated,
    /// A tag or a string that no story holds, at this byte offset.
    Invalid { at: usize },
}

impl Story {
    /// The compact form embedded in the app.
    pub fn to_compact(&self) -> Vec<u8> {
        encode(self)
    }

    pub fn from_compact(bytes: &[u8]) -> Result<Story, DecodeError> {
        decode(bytes)
    }

    /// Takes the report's passages out of the story, for the plain reader, which fetches them
    /// when a reader opens a source (its first visit would carry them all otherwise).
    pub fn take_passages(&mut self) -> Vec<Passage> {
        self.sources
            .iter_mut()
            .filter_map(|s| match &mut s.kind {
                SourceKind::Report { passage, .. } if !passage.is_empty() => Some(Passage { source: s.id.clone(), text: std::mem::take(passage) }),
                _ => None,
            })
            .collect()
    }

    /// Leaves the views' easy-read texts out of the story, for the plain reader: the modes
    /// app, which shows them (« Facile à lire »), embeds them.
    pub fn drop_easy_texts(&mut self) {
        for view in self.steps.iter_mut().flat_map(|s| &mut s.views) {
            view.easy = Text::default();
        }
    }
}

/// A report passage, shipped apart from the plain reader's story ([`Story::take_passages`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    /// The source it is the passage of.
    pub source: String,
    pub text: Text,
}

/// The compact form of the passages the plain reader fetches.
pub fn language_to_compact(pack: &LanguagePack) -> Vec<u8> {
    encode(pack)
}

pub fn language_from_compact(bytes: &[u8]) -> Result<LanguagePack, DecodeError> {
    decode(bytes)
}

pub fn passages_to_compact(passages: &[Passage]) -> Vec<u8> {
    encode(&passages.to_vec())
}

pub fn passages_from_compact(bytes: &[u8]) -> Result<Vec<Passage>, DecodeError> {
    decode(bytes)
}

fn encode<T: Compact>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    value.put(&mut out);
    out
}

/// Decodes a whole value: bytes left over are an error too.
fn decode<T: Compact>(bytes: &[u8]) -> Result<T, DecodeError> {
    let mut input = Input { bytes, at: 0, error: None };
    let value = T::take(&mut input);
    match input.error {
        Some(error) => Err(error),
        None if input.at == bytes.len() => Ok(value),
        None => Err(DecodeError::Invalid { at: input.at }),
    }
}

/// The bytes being decoded. Its first error is kept and stands for the whole decoding, whose
/// values from then on are placeholders: no early return, so no code to drop the fields
/// already taken at every field of every type, which the plain reader's wasm would carry.
struct Input<'b> {
    bytes: &'b [u8],
    at: usize,
    error: Option<DecodeError>,
}

impl Input<'_> {
    /// The next byte (0 past the end, which is an error).
    fn byte(&mut self) -> u8 {
        match self.bytes.get(self.at) {
            Some(&b) => {
                self.at += 1;
                b
            }
            None => self.fail(DecodeError::Truncated, 0),
        }
    }

    /// Keeps `error` if it is the first, and gives the placeholder to go on with.
    fn fail<T>(&mut self, error: DecodeError, placeholder: T) -> T {
        self.error.get_or_insert(error);
        placeholder
    }

    fn invalid<T>(&mut self, placeholder: T) -> T {
        self.fail(DecodeError::Invalid { at: self.at }, placeholder)
    }
}

/// A value with a compact form.
trait Compact: Sized {
    fn put(&self, out: &mut Vec<u8>);
    /// The value at `input` (a placeholder once `input` has an error).
    fn take(input: &mut Input) -> Self;
}

impl Compact for u64 {
    fn put(&self, out: &mut Vec<u8>) {
        let mut v = *self;
        while v >= 0x80 {
            out.push(v as u8 | 0x80);
            v >>= 7;
        }
        out.push(v as u8);
    }

    fn take(input: &mut Input) -> Self {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = input.byte();
            value |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return value;
            }
        }
        input.invalid(0)
    }
}

impl Compact for u32 {
    fn put(&self, out: &mut Vec<u8>) {
        u64::from(*self).put(out);
    }

    fn take(input: &mut Input) -> Self {
        u32::try_from(u64::take(input)).unwrap_or_else(|_| input.invalid(0))
    }
}

impl Compact for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }

    fn take(input: &mut Input) -> Self {
        match input.byte() {
            0 => false,
            1 => true,
            _ => input.invalid(false),
        }
    }
}

fn take_len(input: &mut Input) -> usize {
    let len = u64::take(input) as usize;
    // Every item takes at least one byte: a longer length is a corrupt one, not a reason
    // to reserve memory.
    if len > input.bytes.len() - input.at {
        return input.invalid(0);
    }
    len
}

impl Compact for String {
    fn put(&self, out: &mut Vec<u8>) {
        (self.len() as u64).put(out);
        out.extend_from_slice(self.as_bytes());
    }

    fn take(input: &mut Input) -> Self {
        let len = take_len(input);
        let bytes = &input.bytes[input.at..input.at + len];
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                input.at += len;
                text.to_string()
            }
            Err(_) => input.invalid(String::new()),
        }
    }
}

impl<T: Compact> Compact for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        (self.len() as u64).put(out);
        for item in self {
            item.put(out);
        }
    }

    fn take(input: &mut Input) -> Self {
        let len = take_len(input);
        let mut items = Vec::with_capacity(len);
        for _ in 0..len {
            items.push(T::take(input));
        }
        items
    }
}

impl<T: Compact> Compact for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.put(out);
            }
        }
    }

    fn take(input: &mut Input) -> Self {
        bool::take(input).then(|| T::take(input))
    }
}

/// An enum without data, stored as its index in its `ALL` list.
macro_rules! compact_enum {
    ($($t:ident),+) => {$(
        impl Compact for $t {
            fn put(&self, out: &mut Vec<u8>) {
                out.push(*self as u8);
            }

            fn take(input: &mut Input) -> Self {
                let index = input.byte() as usize;
                $t::ALL.get(index).copied().unwrap_or_else(|| input.invalid($t::ALL[0]))
            }
        }
    )+};
}

compact_enum!(ScaleId, Motif, Lang, Status);

impl Compact for Attribution {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(*self as u8);
    }

    fn take(input: &mut Input) -> Self {
        let i = input.byte() as usize;
        Attribution::ALL.get(i).copied().unwrap_or_else(|| input.invalid(Attribution::ALL[0]))
    }
}

impl Compact for SourceKind {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            SourceKind::Report { ocr_lines, passage } => {
                out.push(0);
                ocr_lines.map(|(a, b)| [a, b]).map(Vec::from).put(out);
                passage.put(out);
            }
            SourceKind::Dataset { publisher, version, year, licence, url } => {
                out.push(1);
                (publisher, version, year, licence, url).put_all(out);
            }
        }
    }

    fn take(input: &mut Input) -> Self {
        match input.byte() {
            0 => {
                let lines = <Option<Vec<u32>> as Compact>::take(input);
                let ocr_lines = match lines.as_deref() {
                    None => None,
                    Some(&[a, b]) => Some((a, b)),
                    Some(_) => input.invalid(None),
                };
                SourceKind::Report { ocr_lines, passage: Text::take(input) }
            }
            1 => SourceKind::Dataset { publisher: Compact::take(input), version: Compact::take(input), year: Compact::take(input), licence: Compact::take(input), url: Compact::take(input) },
            _ => input.invalid(SourceKind::Report { ocr_lines: None, passage: Text::default() }),
        }
    }
}

/// Puts a tuple of fields in order.
trait PutAll {
    fn put_all(&self, out: &mut Vec<u8>);
}

macro_rules! put_all {
    ($($t:ident . $i:tt),+) => {
        impl<$($t: Compact),+> PutAll for ($(&$t,)+) {
            fn put_all(&self, out: &mut Vec<u8>) {
                $(self.$i.put(out);)+
            }
        }
    };
}
put_all!(A.0, B.1);
put_all!(A.0, B.1, C.2);
put_all!(A.0, B.1, C.2, D.3);
put_all!(A.0, B.1, C.2, D.3, E.4);
put_all!(A.0, B.1, C.2, D.3, E.4, F.5);
put_all!(A.0, B.1, C.2, D.3, E.4, F.5, G.6);
put_all!(A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7);
put_all!(A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8);
put_all!(A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8, J.9, K.10);
put_all!(A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8, J.9, K.10, L.11);
put_all!(A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8, J.9, K.10, L.11, M.12);

/// A struct whose fields are all compact, put and taken in declaration order.
macro_rules! compact_struct {
    ($name:ident { $($field:ident),+ }) => {
        impl Compact for $name {
            fn put(&self, out: &mut Vec<u8>) {
                ($(&self.$field,)+).put_all(out);
            }

            fn take(input: &mut Input) -> Self {
                $name { $($field: Compact::take(input)),+ }
            }
        }
    };
}

compact_struct!(Text { fr, en });
compact_struct!(Story { meta, scales, trajectory, sources, steps, glossary, territory, contributions });
compact_struct!(Meta { title, promise, report });
compact_struct!(Report { title, authors, publishers, date });
compact_struct!(Scale { id, name, short, population, population_source, code });
compact_struct!(Source { id, title, kind });
compact_struct!(Step { id, next, branches, choices, views, motif });
compact_struct!(Branch { to, label });
compact_struct!(Choice { id, prompt, options });
compact_struct!(ChoiceOption { label, to });
compact_struct!(View { scale, title, text, easy, actors, figures, quotes, questions, activity, terms, notes, quiz, picture });
compact_struct!(Picture { file, alt, credit, licence, by, date, width, height });
compact_struct!(QuizQuestion { question, options, answer, explanation, source });
compact_struct!(Figure { value, approximate, label, source });
compact_struct!(Quote { text, by, source });
compact_struct!(Passage { source, text });
compact_struct!(LanguagePack { fingerprint, texts });
compact_struct!(Term { id, word, definition });
compact_struct!(Territory { source, groupings });
compact_struct!(Grouping { code, name, communes });
compact_struct!(Commune { code, name, population });
// Every status: the app shows the accepted ones and the editor needs them all.
compact_struct!(Contribution { id, step, scale, lang, date, author, attribution, consent, role, source, status, text, origin });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_at_their_edges() {
        for n in [0, 1, 127, 128, 16_383, 16_384, u64::from(u32::MAX), u64::MAX] {
            let mut out = Vec::new();
            n.put(&mut out);
            assert_eq!(decode::<u64>(&out), Ok(n));
        }
    }

    #[test]
    fn contributions_round_trip_and_unknown_tags_are_invalid() {
        let contribution = Contribution {
            id: "a".into(),
            step: "s".into(),
            scale: ScaleId::Pole,
            lang: Lang::En,
            date: "2026-11-25".into(),
            author: "Sam".into(),
            attribution: Attribution::Pseudonym,
            consent: Some("2026-11-20".into()),
            role: String::new(),
            source: "kiosque".into(),
            status: Status::Rejected,
            text: "« oui »".into(),
            origin: "kiosque".into(),
        };
        let story = Story { contributions: vec![contribution], ..Story::default() };
        assert_eq!(Story::from_compact(&story.to_compact()), Ok(story));
        assert_eq!(decode::<Status>(&[3]), Err(DecodeError::Invalid { at: 1 }));
        assert_eq!(decode::<Attribution>(&[3]), Err(DecodeError::Invalid { at: 1 }));
        assert_eq!(decode::<Lang>(&[2]), Err(DecodeError::Invalid { at: 1 }));
    }

    #[test]
    fn passages_come_out_of_the_story_and_back_through_their_own_file() {
        let mut story = Story::default();
        story.sources.push(Source { id: "r".into(), title: Text::new("T", "T"), kind: SourceKind::Report { ocr_lines: Some((1, 2)), passage: Text::new("« p »", "\"p\"") } });
        story.sources.push(Source {
            id: "d".into(),
            title: Text::default(),
            kind: SourceKind::Dataset { publisher: "p".into(), version: "1".into(), year: 2023, licence: "l".into(), url: "u".into() },
        });
        let passages = story.take_passages();
        assert_eq!(passages, [Passage { source: "r".into(), text: Text::new("« p »", "\"p\"") }]);
        assert!(matches!(&story.sources[0].kind, SourceKind::Report { passage, .. } if passage.is_empty()));
        assert_eq!(passages_from_compact(&passages_to_compact(&passages)), Ok(passages));
        assert!(passages_from_compact(&[5]).is_err());
    }

    #[test]
    fn the_plain_reader_leaves_the_easy_read_out() {
        let mut story = Story::default();
        crate::edit::add_step(&mut story, "a", None, true).unwrap();
        story.steps[0].views[0].easy = Text::new("Facile.", "Easy.");
        story.drop_easy_texts();
        assert!(story.steps[0].views.iter().all(|v| v.easy.is_empty()));
    }

    #[test]
    fn broken_bytes_are_errors_not_panics() {
        let bytes = Story::default().to_compact();
        assert_eq!(Story::from_compact(&bytes), Ok(Story::default()));
        assert_eq!(Story::from_compact(&bytes[..bytes.len() - 1]), Err(DecodeError::Truncated));
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(matches!(Story::from_compact(&longer), Err(DecodeError::Invalid { .. })));
        assert!(Story::from_compact(&[0xff; 16]).is_err());
        // The first error is the one told (not UTF-8), not the truncation that follows it.
        assert_eq!(decode::<Text>(&[1, 0xff]), Err(DecodeError::Invalid { at: 1 }));
    }
}
