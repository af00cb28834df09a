//! The story's media files (`story/media/`): what a picture's file may be, told by its
//! content, not its name. JPEG, PNG and WebP, read as far as their size; SVG only when a strict
//! allow-list accepts every element and attribute (no script, no event attribute, no
//! `foreignObject`, no reference outside the file, no DOCTYPE or entity).
//!
//! The crate reads no file: the caller gives the media as (name, bytes) — the program `recit` and
//! `recit-check` from `story/media/`, the editor from its draft.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic, SourceMap};
use crate::model::{Picture, Story};
use crate::path::FieldPath;

/// The largest media file a story may ship: pictures are fetched on slow phones too.
pub const MAX_MEDIA_BYTES: usize = 300 * 1024;

/// A media file as the caller read it: its name in `media/` and its bytes.
pub type MediaFile = (String, Vec<u8>);

/// The formats a picture may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    Svg,
}

/// A media file name: lowercase letters, digits and hyphens, then one of the allowed
/// extensions. Such a name is safe in a URL and in any file system.
pub fn is_valid_name(name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else { return false };
    !stem.is_empty() && stem.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') && matches!(ext, "jpg" | "jpeg" | "png" | "webp" | "svg")
}

/// The format of `bytes`, by their first bytes (an SVG by its text starting with markup).
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some(Format::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Format::Png)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(Format::Webp)
    } else {
        let text = std::str::from_utf8(bytes).ok()?;
        text.trim_start_matches('\u{feff}').trim_start().starts_with('<').then_some(Format::Svg)
    }
}

impl Format {
    /// The extension a file of this format is given.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Svg => "svg",
        }
    }
}

/// A name for a picture attached in the editor: `stem` (a step and a scale), a hash of the
/// content and the format's extension. A new picture is a new name, so that an undo finds
/// its old file again and no cache serves a replaced picture.
pub fn media_name(stem: &str, format: Format, bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0x811c_9dc5u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    format!("{stem}-{hash:08x}.{}", format.extension())
}

/// Why a media file is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    TooLarge(usize),
    /// Not a JPEG, PNG, WebP or SVG, or one whose header cannot be read.
    UnknownFormat,
    /// An SVG that the allow-list refuses: what, at which line of the file.
    UnsafeSvg {
        line: u32,
        what: String,
    },
}

/// What a media file is, once accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Examined {
    pub format: Format,
    /// Its intrinsic size in pixels, when its header gives it.
    pub size: Option<(u32, u32)>,
}

/// Checks one media file's content: size, format, and for an SVG the allow-list.
pub fn examine(bytes: &[u8]) -> Result<Examined, Refusal> {
    if bytes.len() > MAX_MEDIA_BYTES {
        return Err(Refusal::TooLarge(bytes.len()));
    }
    let format = sniff(bytes).ok_or(Refusal::UnknownFormat)?;
    let size = match format {
        Format::Png => Some(png_size(bytes).ok_or(Refusal::UnknownFormat)?),
        Format::Jpeg => Some(jpeg_size(bytes).ok_or(Refusal::UnknownFormat)?),
        Format::Webp => Some(webp_size(bytes).ok_or(Refusal::UnknownFormat)?),
        Format::Svg => check_svg(std::str::from_utf8(bytes).map_err(|_| Refusal::UnknownFormat)?)?,
    };
    Ok(Examined { format, size })
}

fn be16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?)))
}

fn le_u32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn nonzero(w: u32, h: u32) -> Option<(u32, u32)> {
    (w > 0 && h > 0).then_some((w, h))
}

/// The IHDR chunk, which a PNG starts with.
fn png_size(b: &[u8]) -> Option<(u32, u32)> {
    if b.get(12..16)? != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(b.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(b.get(20..24)?.try_into().ok()?);
    nonzero(w, h)
}

/// The first start-of-frame segment, past the other segments.
fn jpeg_size(b: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    loop {
        if *b.get(at)? != 0xff {
            return None;
        }
        let marker = *b.get(at + 1)?;
        match marker {
            // Fill bytes before a marker.
            0xff => at += 1,
            // Markers without a length.
            0x01 | 0xd0..=0xd7 => at += 2,
            // Start of frame (not DHT, JPG or DAC, which share the range).
            0xc0..=0xcf if !matches!(marker, 0xc4 | 0xc8 | 0xcc) => return nonzero(be16(b, at + 7)?, be16(b, at + 5)?),
            // The image data begins without a frame header: not a JPEG to show.
            0xd9 | 0xda => return None,
            _ => at += 2 + be16(b, at + 2)? as usize,
        }
    }
}

/// The first chunk of a WebP: lossy (`VP8 `), lossless (`VP8L`) or extended (`VP8X`).
fn webp_size(b: &[u8]) -> Option<(u32, u32)> {
    match b.get(12..16)? {
        b"VP8 " => {
            if b.get(23..26)? != [0x9d, 0x01, 0x2a] {
                return None;
            }
            nonzero(u32::from(u16::from_le_bytes(b.get(26..28)?.try_into().ok()?)) & 0x3fff, u32::from(u16::from_le_bytes(b.get(28..30)?.try_into().ok()?)) & 0x3fff)
        }
        b"VP8L" => {
            if *b.get(20)? != 0x2f {
                return None;
            }
            let bits = le_u32(b, 21)?;
            Some(((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1))
        }
        b"VP8X" => {
            let le24 = |at: usize| Some(b.get(at..at + 3)?.iter().rev().fold(0u32, |n, &x| n << 8 | u32::from(x)));
            Some((le24(24)? + 1, le24(27)? + 1))
        }
        _ => None,
    }
}

/// The SVG elements a picture may use: shapes, text, paint servers, clipping, a few filters.
/// Nothing that runs, animates, embeds another document or loads anything.
const SVG_ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "title",
    "desc",
    "symbol",
    "use",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "marker",
    "style",
    "filter",
    "feGaussianBlur",
    "feOffset",
    "feBlend",
    "feColorMatrix",
    "feFlood",
    "feComposite",
    "feMerge",
    "feMergeNode",
    "feDropShadow",
];

/// The attributes they may carry: geometry, presentation, ids and classes, accessibility.
const SVG_ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "style",
    "transform",
    "viewBox",
    "width",
    "height",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "fx",
    "fy",
    "fr",
    "d",
    "points",
    "pathLength",
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-miterlimit",
    "opacity",
    "color",
    "display",
    "visibility",
    "xmlns",
    "xmlns:xlink",
    "version",
    "preserveAspectRatio",
    "href",
    "xlink:href",
    "offset",
    "stop-color",
    "stop-opacity",
    "gradientUnits",
    "gradientTransform",
    "spreadMethod",
    "patternUnits",
    "patternContentUnits",
    "patternTransform",
    "clip-path",
    "clipPathUnits",
    "clip-rule",
    "mask",
    "maskUnits",
    "maskContentUnits",
    "marker-start",
    "marker-mid",
    "marker-end",
    "markerWidth",
    "markerHeight",
    "markerUnits",
    "refX",
    "refY",
    "orient",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "letter-spacing",
    "word-spacing",
    "dx",
    "dy",
    "rotate",
    "textLength",
    "lengthAdjust",
    "filter",
    "filterUnits",
    "primitiveUnits",
    "stdDeviation",
    "in",
    "in2",
    "result",
    "mode",
    "values",
    "type",
    "operator",
    "k1",
    "k2",
    "k3",
    "k4",
    "flood-color",
    "flood-opacity",
    "vector-effect",
    "paint-order",
    "shape-rendering",
    "role",
    "aria-label",
    "aria-hidden",
    "aria-labelledby",
    "lang",
    "xml:lang",
    "xml:space",
    "media",
];

const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";
const XLINK_NAMESPACE: &str = "http://www.w3.org/1999/xlink";

/// Checks an SVG against the allow-list; gives its size (from `width`/`height` in pixels, or
/// from the `viewBox`) when it has one.
pub fn check_svg(text: &str) -> Result<Option<(u32, u32)>, Refusal> {
    SvgCheck { text, bytes: text.as_bytes(), at: 0, open: Vec::new(), root_seen: false, size: None }.run()
}

/// A strict reader of the XML that SVG files are: what it does not know, it refuses.
struct SvgCheck<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    /// The elements open at `at`, innermost last.
    open: Vec<&'t str>,
    root_seen: bool,
    size: Option<(u32, u32)>,
}

/// Elements nested deeper than this are refused (no real picture needs it).
const MAX_DEPTH: usize = 256;

impl<'t> SvgCheck<'t> {
    fn refuse<T>(&self, at: usize, what: impl Into<String>) -> Result<T, Refusal> {
        let line = self.bytes[..at.min(self.bytes.len())].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        Err(Refusal::UnsafeSvg { line, what: what.into() })
    }

    fn rest(&self) -> &'t [u8] {
        &self.bytes[self.at..]
    }

    /// Position of `needle` at or after `from`.
    fn find(&self, from: usize, needle: &str) -> Option<usize> {
        self.text.get(from..)?.find(needle).map(|i| from + i)
    }

    fn run(mut self) -> Result<Option<(u32, u32)>, Refusal> {
        if self.text.starts_with('\u{feff}') {
            self.at = 3;
        }
        if self.rest().starts_with(b"<?xml") {
            let Some(end) = self.find(self.at, "?>") else { return self.refuse(self.at, "an unfinished `<?xml` declaration") };
            self.at = end + 2;
        }
        while self.at < self.bytes.len() {
            let Some(lt) = self.text[self.at..].find('<').map(|i| self.at + i) else {
                self.character_data(self.at, self.bytes.len())?;
                break;
            };
            self.character_data(self.at, lt)?;
            self.at = lt;
            let rest = self.rest();
            if rest.starts_with(b"<!--") {
                let Some(end) = self.find(self.at + 4, "-->") else { return self.refuse(self.at, "an unfinished comment") };
                self.at = end + 3;
            } else if rest.starts_with(b"<!") {
                return self.refuse(self.at, "a DOCTYPE, entity declaration or CDATA section (`<!`)");
            } else if rest.starts_with(b"<?") {
                return self.refuse(self.at, "a processing instruction (`<?`)");
            } else if rest.starts_with(b"</") {
                self.end_tag()?;
            } else {
                self.start_tag()?;
            }
        }
        if let Some(name) = self.open.last() {
            return self.refuse(self.bytes.len(), format!("`<{name}>` is never closed"));
        }
        if !self.root_seen {
            return self.refuse(0, "no `<svg>` element");
        }
        Ok(self.size)
    }

    /// Text between tags: outside the root only blank; inside, checked entities; inside
    /// `<style>`, no import and no reference out of the file.
    fn character_data(&self, from: usize, to: usize) -> Result<(), Refusal> {
        let data = &self.text[from..to];
        if self.open.is_empty() {
            if !data.trim().is_empty() {
                return self.refuse(from, "text outside the `<svg>` element");
            }
            return Ok(());
        }
        self.entities(from, data)?;
        if self.open.last() == Some(&"style") {
            self.css(from, data)?;
        }
        Ok(())
    }

    /// Only XML's five entities and character references: anything else would need a DTD.
    fn entities(&self, from: usize, data: &str) -> Result<(), Refusal> {
        let mut rest = data;
        while let Some(i) = rest.find('&') {
            let after = &rest[i + 1..];
            let Some(end) = after.find(';') else { return self.refuse(from, "a `&` that starts no entity (write `&amp;`)") };
            let name = &after[..end];
            let known = matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
                || name.strip_prefix("#x").is_some_and(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()))
                || name.strip_prefix('#').is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
            if !known {
                let at = from + (data.len() - rest.len()) + i;
                return self.refuse(at, format!("the entity `&{}` (only &amp; &lt; &gt; &quot; &apos; and &#…; are allowed)", name.chars().take(20).collect::<String>()));
            }
            rest = &after[end + 1..];
        }
        Ok(())
    }

    /// Style text (a `<style>` element or a `style` attribute): no `@import`, no `url()` but
    /// to a fragment of the file, nothing that runs.
    fn css(&self, from: usize, css: &str) -> Result<(), Refusal> {
        self.unescaped(from, css)?;
        let lower = css.to_ascii_lowercase();
        for bad in ["@import", "expression(", "javascript:", "-moz-binding", "behavior:"] {
            if let Some(i) = lower.find(bad) {
                return self.refuse(from + i, format!("`{bad}` in a style"));
            }
        }
        self.urls(from, &lower)
    }

    /// No character reference (`&#117;`) and no CSS escape (`\75`): either could spell a
    /// `url(` or a keyword that the checks would not see.
    fn unescaped(&self, from: usize, value: &str) -> Result<(), Refusal> {
        match value.find("&#").or_else(|| value.find('\\')) {
            Some(i) => self.refuse(from + i, "an escaped character in a style or an attribute (`&#…;` or `\\`): write the character itself"),
            None => Ok(()),
        }
    }

    /// Every `url(` points into the file (`url(#id)`).
    fn urls(&self, from: usize, lower: &str) -> Result<(), Refusal> {
        let mut searched = 0;
        while let Some(i) = lower[searched..].find("url(") {
            let start = searched + i;
            let target = lower[start + 4..].trim_start_matches([' ', '\t', '\n', '\r', '"', '\'']);
            if !target.starts_with('#') {
                return self.refuse(from + start, "a `url(…)` that points out of the file (only `url(#id)` is allowed)");
            }
            searched = start + 4;
        }
        Ok(())
    }

    fn name_end(&self, from: usize) -> usize {
        let len = self.bytes[from..].iter().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':')).count();
        from + len
    }

    fn skip_space(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn end_tag(&mut self) -> Result<(), Refusal> {
        let start = self.at;
        let end = self.name_end(start + 2);
        let name = &self.text[start + 2..end];
        self.at = end;
        self.skip_space();
        if self.bytes.get(self.at) != Some(&b'>') {
            return self.refuse(start, format!("a malformed closing tag `</{name}`"));
        }
        self.at += 1;
        match self.open.pop() {
            Some(open) if open == name => Ok(()),
            Some(open) => self.refuse(start, format!("`</{name}>` closes `<{open}>`")),
            None => self.refuse(start, format!("`</{name}>` closes nothing")),
        }
    }

    fn start_tag(&mut self) -> Result<(), Refusal> {
        let start = self.at;
        let end = self.name_end(start + 1);
        let name = &self.text[start + 1..end];
        if name.is_empty() {
            return self.refuse(start, "a `<` that starts no tag (write `&lt;`)");
        }
        if !SVG_ELEMENTS.contains(&name) {
            let why = match name.to_ascii_lowercase().as_str() {
                "script" => "scripts are not allowed",
                "foreignobject" => "`foreignObject` embeds HTML and is not allowed",
                "image" | "feimage" => "a picture inside the SVG would be loaded from elsewhere: draw it, or use a JPEG, PNG or WebP file",
                "a" => "links are not allowed in a picture",
                _ => "it is not on the list of safe SVG elements",
            };
            return self.refuse(start, format!("the element `<{name}>`: {why}"));
        }
        if self.open.is_empty() {
            if self.root_seen || name != "svg" {
                return self.refuse(start, format!("`<{name}>` outside the `<svg>` element"));
            }
            self.root_seen = true;
        }
        let root = self.open.is_empty();
        self.at = end;
        let mut attributes: Vec<(&str, String)> = Vec::new();
        loop {
            let before = self.at;
            self.skip_space();
            match self.bytes.get(self.at) {
                Some(b'>') => {
                    self.at += 1;
                    if self.open.len() >= MAX_DEPTH {
                        return self.refuse(start, "elements nested too deep");
                    }
                    self.open.push(name);
                    break;
                }
                Some(b'/') if self.bytes.get(self.at + 1) == Some(&b'>') => {
                    self.at += 2;
                    break;
                }
                Some(_) if self.at > before => {
                    let attribute = self.attribute()?;
                    if attributes.iter().any(|(a, _)| *a == attribute.0) {
                        return self.refuse(self.at, format!("the attribute `{}` twice", attribute.0));
                    }
                    attributes.push(attribute);
                }
                Some(_) => return self.refuse(self.at, format!("a malformed tag `<{name}`")),
                None => return self.refuse(start, format!("an unfinished tag `<{name}`")),
            }
        }
        if root {
            self.size = root_size(&attributes);
        }
        Ok(())
    }

    /// One `name="value"` (or single quotes), checked; gives the name and the raw value.
    fn attribute(&mut self) -> Result<(&'t str, String), Refusal> {
        let start = self.at;
        let end = self.name_end(start);
        let name = &self.text[start..end];
        if name.is_empty() {
            return self.refuse(start, "a malformed attribute");
        }
        self.at = end;
        self.skip_space();
        if self.bytes.get(self.at) != Some(&b'=') {
            return self.refuse(start, format!("the attribute `{name}` has no value"));
        }
        self.at += 1;
        self.skip_space();
        let quote = match self.bytes.get(self.at) {
            Some(&q @ (b'"' | b'\'')) => q as char,
            _ => return self.refuse(start, format!("the value of `{name}` is not in quotes")),
        };
        let value_start = self.at + 1;
        let Some(value_end) = self.text[value_start..].find(quote).map(|i| value_start + i) else {
            return self.refuse(start, format!("the value of `{name}` is never closed"));
        };
        let value = &self.text[value_start..value_end];
        self.at = value_end + 1;
        if value.contains('<') {
            return self.refuse(start, format!("a `<` in the value of `{name}`"));
        }
        self.entities(value_start, value)?;
        if name.to_ascii_lowercase().starts_with("on") {
            return self.refuse(start, format!("the event attribute `{name}`: scripts are not allowed"));
        }
        if !SVG_ATTRIBUTES.contains(&name) {
            return self.refuse(start, format!("the attribute `{name}`: it is not on the list of safe SVG attributes"));
        }
        let lower = value.to_ascii_lowercase();
        match name {
            "href" | "xlink:href" if !value.starts_with('#') => {
                return self.refuse(start, format!("`{name}=\"{}\"` points out of the file (only `#id` is allowed)", value.chars().take(40).collect::<String>()));
            }
            "xmlns" if value != SVG_NAMESPACE => return self.refuse(start, format!("the namespace `{value}` (an SVG's is {SVG_NAMESPACE})")),
            "xmlns:xlink" if value != XLINK_NAMESPACE => return self.refuse(start, format!("the namespace `{value}` for xlink")),
            "style" => self.css(value_start, value)?,
            _ => {
                self.unescaped(value_start, value)?;
                self.urls(value_start, &lower)?
            }
        }
        Ok((name, value.to_string()))
    }
}

/// An SVG's size in pixels: its `width` and `height` when both are plain numbers (or `px`),
/// else its `viewBox`'s.
fn root_size(attributes: &[(&str, String)]) -> Option<(u32, u32)> {
    let get = |name: &str| attributes.iter().find(|(a, _)| *a == name).map(|(_, v)| v.trim());
    let pixels = |v: &str| v.strip_suffix("px").unwrap_or(v).trim().parse::<f64>().ok().filter(|n| n.is_finite() && *n >= 1.0 && *n < 1e6);
    if let (Some(w), Some(h)) = (get("width").and_then(pixels), get("height").and_then(pixels)) {
        return nonzero(w.round() as u32, h.round() as u32);
    }
    let numbers: Vec<f64> = get("viewBox")?.split([' ', ',', '\t', '\n']).filter(|s| !s.is_empty()).map(str::parse).collect::<Result<_, _>>().ok()?;
    match numbers[..] {
        [_, _, w, h] if w.is_finite() && h.is_finite() && (1.0..1e6).contains(&w) && (1.0..1e6).contains(&h) => nonzero(w.round() as u32, h.round() as u32),
        _ => None,
    }
}

/// Every view's picture, with the path of its `file` field.
fn pictures(story: &Story) -> impl Iterator<Item = (FieldPath, &Picture)> {
    story.steps.iter().flat_map(|step| step.views.iter().filter_map(move |v| Some((FieldPath::view(&step.id, v.scale).field("picture").field("file"), v.picture.as_ref()?))))
}

/// Checks every picture's file among `media`. Problems are placed at the picture's `file`
/// field.
pub fn check_media(story: &Story, media: &[MediaFile], map: Option<&SourceMap>) -> Vec<Diagnostic> {
    let mut examined: HashMap<&str, Result<Examined, Refusal>> = HashMap::new();
    let mut out = Vec::new();
    // The validator reports a missing or malformed name.
    for (path, picture) in pictures(story).filter(|(_, p)| is_valid_name(&p.file)) {
        let (code, message, help) = match media.iter().find(|(n, _)| *n == picture.file) {
            None => (
                Code::DanglingLink,
                format!("the picture `{}` is not in media/", picture.file),
                format!("put the file in story/media/{}, or correct the name (the media files are: {})", picture.file, media_names(media)),
            ),
            Some((name, bytes)) => match examined.entry(name.as_str()).or_insert_with(|| examine(bytes)) {
                Ok(_) => continue,
                Err(Refusal::TooLarge(n)) => (
                    Code::TooLarge,
                    format!("`media/{name}` is {n} bytes, more than the {MAX_MEDIA_BYTES} a picture may have"),
                    "reduce it: 1600 pixels wide and a JPEG quality of 75–80 % is plenty for a screen".to_string(),
                ),
                Err(Refusal::UnknownFormat) => (
                    Code::MediaFormat,
                    format!("`media/{name}` is not a JPEG, PNG, WebP or SVG picture (or its header is damaged)"),
                    "export the picture again as JPEG, PNG or WebP; the extension alone does not make the format".to_string(),
                ),
                Err(Refusal::UnsafeSvg { line, what }) => (
                    Code::UnsafeSvg,
                    format!("`media/{name}` line {line}: {what}"),
                    "a story's SVG holds only shapes, text and styles: save it as « plain » or « optimised » SVG without scripts, links, embedded pictures or metadata, or export it as PNG"
                        .to_string(),
                ),
            },
        };
        let loc = map.and_then(|m| m.locate(&path));
        out.push(Diagnostic { code, path, loc, message, help });
    }
    out
}

/// Gives each picture the intrinsic size its file's header says (0 × 0 when its file is
/// missing, refused, or says none).
pub fn set_sizes(story: &mut Story, media: &[MediaFile]) {
    for picture in story.steps.iter_mut().flat_map(|s| &mut s.views).filter_map(|v| v.picture.as_mut()) {
        let size = media.iter().find(|(n, _)| *n == picture.file).and_then(|(_, bytes)| examine(bytes).ok()?.size);
        (picture.width, picture.height) = size.unwrap_or((0, 0));
    }
}

fn media_names(media: &[MediaFile]) -> String {
    match media.len() {
        0 => "none yet".into(),
        _ => media.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", "),
    }
}

/// The media files the story's pictures use, each once, in name order: what a build ships.
pub fn used_media<'m>(story: &Story, media: &'m [MediaFile]) -> Vec<&'m MediaFile> {
    let mut used: Vec<&MediaFile> = media.iter().filter(|(name, _)| pictures(story).any(|(_, p)| p.file == *name)).collect();
    used.sort_by(|a, b| a.0.cmp(&b.0));
    used
}
