//! The pictures of views and the media rules: one fixture per refusal (files in
//! `tests/fixtures/media`), each reported at the picture's place in its step file, the
//! hostile SVGs among them; and the SVG check on any input, without a panic.

use std::path::Path;

use proptest::prelude::*;
use recit_story::media::{check_svg, examine, is_valid_name, media_name, used_media, Format, MediaFile, Refusal, MAX_MEDIA_BYTES};
use recit_story::toml_format::{load_files, load_with_media, write_files, Loaded};
use recit_story::{Code, Picture, ScaleId, Story};

mod common;
use common::sample;

const STEP: &str = "steps/archipel-vert.toml";

/// A complete picture table, to break one field at a time.
const PICTURE: &str = r#"file = "terril-74.png"
alt.fr = "Le terril 74, couvert d'arbres, vu depuis la Base 11/19"
alt.en = "Slag heap 74, covered in trees, seen from the Base 11/19"
credit = "Ville de Loos-en-Gohelle"
licence = "CC BY 4.0"
source.by = "Camille Martin"
source.date = "2019-05"
"#;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/media").join(name)).unwrap()
}

fn media(names: &[&str]) -> Vec<MediaFile> {
    names.iter().map(|n| (n.to_string(), fixture(n))).collect()
}

/// The line of the sample step file where the `[commune.picture]` header goes.
fn header_line() -> usize {
    let files = sample();
    let (_, text) = files.iter().find(|(p, _)| p == STEP).unwrap();
    text.lines().count() + 2
}

/// The sample with `[commune.picture]` and `body` appended to archipel-vert, loaded with `media`.
fn with_picture(body: &str, media: &[MediaFile]) -> Loaded {
    let mut files = sample();
    let (_, text) = files.iter_mut().find(|(p, _)| p == STEP).unwrap();
    text.push_str(&format!("\n[commune.picture]\n{body}"));
    load_with_media(&files, media)
}

/// The line of `field` in [`PICTURE`], in the step file.
fn line_of(field: &str) -> usize {
    header_line() + 1 + PICTURE.lines().position(|l| l.starts_with(field)).unwrap_or_else(|| panic!("no {field}"))
}

#[track_caller]
fn assert_reports(loaded: &Loaded, code: Code, line: usize, words: &str) {
    let at = format!("{STEP}:{line}:");
    let found = loaded.diagnostics.iter().any(|d| d.code == code && d.loc.as_ref().is_some_and(|l| l.to_string().starts_with(&at)) && d.to_string().contains(words));
    let all: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(found, "expected {} at {at} saying {words:?}, got:\n{}", code.as_str(), all.join("\n"));
    assert!(loaded.has_errors());
}

fn picture(story: &Story) -> &Picture {
    story.step("archipel-vert").unwrap().view(ScaleId::Commune).unwrap().picture.as_ref().unwrap()
}

#[test]
fn a_complete_picture_is_valid_and_gets_its_size_from_its_file() {
    let media = media(&["terril-74.png", "safe.svg"]);
    let loaded = with_picture(PICTURE, &media);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let p = picture(&loaded.story);
    assert_eq!((p.file.as_str(), p.credit.as_str(), p.licence.as_str(), p.by.as_str(), p.date.as_str()), ("terril-74.png", "Ville de Loos-en-Gohelle", "CC BY 4.0", "Camille Martin", "2019-05"));
    assert_eq!(p.alt.en, "Slag heap 74, covered in trees, seen from the Base 11/19");
    assert_eq!((p.width, p.height), (40, 24), "read from the PNG's header");
    // What a build ships: the used files only.
    let used: Vec<&str> = used_media(&loaded.story, &media).into_iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(used, ["terril-74.png"]);
    // The compact form keeps it, size included; the files write it back as it was read.
    assert_eq!(Story::from_compact(&loaded.story.to_compact()).unwrap(), loaded.story);
    let again = load_with_media(&write_files(&loaded.story), &media);
    assert!(again.diagnostics.is_empty(), "{:#?}", again.diagnostics);
    assert_eq!(again.story, loaded.story);
}

#[test]
fn a_picture_without_alt_text_is_refused() {
    let without = PICTURE.replace(&format!("{}\n", PICTURE.lines().nth(1).unwrap()), "").replace(&format!("{}\n", PICTURE.lines().nth(2).unwrap()), "");
    let loaded = with_picture(&without, &media(&["terril-74.png"]));
    assert_reports(&loaded, Code::MissingField, header_line(), "picture.alt.fr");
}

#[test]
fn both_languages_of_the_alt_text_are_required() {
    let loaded = with_picture(&PICTURE.replace("alt.en", "# alt.en"), &media(&["terril-74.png"]));
    assert_reports(&loaded, Code::MissingField, line_of("alt.fr"), "no English description");
    assert!(loaded.diagnostics.iter().all(|d| d.code != Code::MissingTranslation), "an error, not a mere warning: {:#?}", loaded.diagnostics);
    let loaded = with_picture(&PICTURE.replace("alt.fr = \"Le", "alt.fr = \"\" # \"Le"), &media(&["terril-74.png"]));
    assert_reports(&loaded, Code::MissingField, line_of("alt.fr"), "empty in French");
}

#[test]
fn credit_licence_and_source_are_required() {
    // Placed at the picture's header, or at the other field of `source`.
    for (field, line) in [("credit", header_line()), ("licence", header_line()), ("source.by", line_of("source.date")), ("source.date", line_of("source.by"))] {
        let loaded = with_picture(&PICTURE.replace(&format!("{field} ="), &format!("# {field} =")), &media(&["terril-74.png"]));
        assert_reports(&loaded, Code::MissingField, line, &format!("no `{field}`"));
    }
    let loaded = with_picture(&PICTURE.replace("2019-05", "mai 2019"), &media(&["terril-74.png"]));
    assert_reports(&loaded, Code::BadValue, line_of("source.date"), "not a date");
}

#[test]
fn unknown_fields_of_a_picture_are_reported_with_the_known_ones() {
    let loaded = with_picture(&PICTURE.replace("licence =", "license ="), &media(&["terril-74.png"]));
    assert_reports(&loaded, Code::UnknownField, line_of("licence"), "did you mean `licence`");
}

#[test]
fn a_file_missing_from_media_is_refused() {
    let loaded = with_picture(PICTURE, &media(&["safe.svg"]));
    assert_reports(&loaded, Code::DanglingLink, line_of("file"), "not in media/");
    assert!(loaded.diagnostics[0].help.contains("safe.svg"), "the help lists the files there are");
}

#[test]
fn a_file_name_outside_the_allowed_pattern_is_refused() {
    for name in ["Terril 74.JPG", "terril.gif", "../secret.png", "terril_74.png", ".png"] {
        let loaded = with_picture(&PICTURE.replace("terril-74.png", name), &[(name.to_string(), fixture("terril-74.png"))]);
        assert_reports(&loaded, Code::BadValue, line_of("file"), "not a valid media file name");
    }
}

#[test]
fn an_unknown_format_is_refused_whatever_the_extension() {
    let loaded = with_picture(&PICTURE.replace("terril-74.png", "not-a-picture.png"), &media(&["not-a-picture.png"]));
    assert_reports(&loaded, Code::MediaFormat, line_of("file"), "not a JPEG, PNG, WebP or SVG");
    // A PNG signature with a damaged header is no better.
    let loaded = with_picture(PICTURE, &[("terril-74.png".into(), fixture("terril-74.png")[..14].to_vec())]);
    assert_reports(&loaded, Code::MediaFormat, line_of("file"), "header is damaged");
}

#[test]
fn a_file_over_300_kb_is_refused() {
    let mut big = fixture("terril-74.png");
    big.resize(MAX_MEDIA_BYTES + 1, 0);
    let loaded = with_picture(PICTURE, &[("terril-74.png".into(), big)]);
    assert_reports(&loaded, Code::TooLarge, line_of("file"), &format!("{} bytes", MAX_MEDIA_BYTES + 1));
}

#[test]
fn hostile_svgs_are_refused_each_at_its_line() {
    let cases = [
        ("hostile-script.svg", "line 3", "<script>"),
        ("hostile-onload.svg", "line 2", "event attribute `onload`"),
        ("hostile-foreign-object.svg", "line 3", "foreignObject"),
        ("hostile-external-href.svg", "line 4", "points out of the file"),
        ("hostile-entity.svg", "line 2", "DOCTYPE"),
        ("hostile-style-url.svg", "line 3", "url("),
        ("hostile-style-import.svg", "line 3", "@import"),
    ];
    for (name, line, words) in cases {
        let loaded = with_picture(&PICTURE.replace("terril-74.png", name), &media(&[name]));
        assert_reports(&loaded, Code::UnsafeSvg, line_of("file"), line);
        assert_reports(&loaded, Code::UnsafeSvg, line_of("file"), words);
    }
}

#[test]
fn a_plain_svg_passes_with_its_size() {
    let loaded = with_picture(&PICTURE.replace("terril-74.png", "safe.svg"), &media(&["safe.svg"]));
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    assert_eq!((picture(&loaded.story).width, picture(&loaded.story).height), (320, 180), "from the viewBox");
    assert_eq!(check_svg(r#"<svg xmlns="http://www.w3.org/2000/svg" width="64px" height="32"/>"#), Ok(Some((64, 32))));
}

#[test]
fn svg_refusals_name_what_they_refuse() {
    let refused = |svg: &str| match check_svg(svg) {
        Err(Refusal::UnsafeSvg { what, .. }) => what,
        other => panic!("{svg}: {other:?}"),
    };
    assert!(refused("<svg><a href=\"#x\"><rect/></a></svg>").contains("links"));
    assert!(refused("<svg><image href=\"#x\"/></svg>").contains("picture inside"));
    assert!(refused("<svg><animate attributeName=\"href\"/></svg>").contains("not on the list"));
    assert!(refused("<svg><rect style=\"background: expression(alert(1))\"/></svg>").contains("expression("));
    assert!(refused("<svg><![CDATA[x]]></svg>").contains("CDATA"));
    assert!(refused("<svg><rect/><?php echo 1 ?></svg>").contains("processing instruction"));
    assert!(refused("<svg xmlns=\"http://www.w3.org/1999/xhtml\"/>").contains("namespace"));
    assert!(refused("<svg><rect fill=\"url(data:image/png;base64,AAAA)\"/></svg>").contains("url("));
    assert!(refused("<svg><rect/>").contains("never closed"));
    assert!(refused("<svg></g>").contains("closes"));
    assert!(refused("<svg/><svg/>").contains("outside"));
    assert!(refused("<html/>").contains("not on the list"));
    assert!(refused("<svg><rect ONLOAD=\"x\"/></svg>").contains("event attribute"));
    assert!(refused("<svg><rect width=10/></svg>").contains("not in quotes"));
    assert!(refused("<svg>&nbsp;</svg>").contains("entity"));
    assert!(refused("<svg><rect style=\"fill: &#117;rl(https://example.org/x)\"/></svg>").contains("escaped"));
    assert!(refused("<svg><style>.a { fill: \\75 rl(https://example.org/x) }</style></svg>").contains("escaped"));
    assert!(refused("<svg><rect fill=\"\\75 rl(https://example.org/x)\"/></svg>").contains("escaped"));
}

#[test]
fn formats_are_told_by_content_and_sizes_read_from_headers() {
    // A JPEG: SOI, an APP0 segment, then a baseline frame header of 300 × 200.
    let mut jpeg = vec![0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0xc8, 0x01, 0x2c];
    jpeg.extend([0u8; 12]);
    assert_eq!(examine(&jpeg).map(|e| (e.format, e.size)), Ok((Format::Jpeg, Some((300, 200)))));
    // WebP, lossless: 14-bit width - 1 and height - 1 after the signature byte.
    let bits: u32 = 99 | (49 << 14);
    let mut webp = b"RIFF\0\0\0\0WEBPVP8L\0\0\0\0\x2f".to_vec();
    webp.extend(bits.to_le_bytes());
    assert_eq!(examine(&webp).map(|e| (e.format, e.size)), Ok((Format::Webp, Some((100, 50)))));
    // Extended WebP: 24-bit canvas width - 1 and height - 1.
    let mut webp = b"RIFF\0\0\0\0WEBPVP8X\0\0\0\0\0\0\0\0".to_vec();
    webp.extend([0x3f, 0x06, 0x00, 0x7f, 0x03, 0x00]);
    assert_eq!(examine(&webp).map(|e| e.size), Ok(Some((1600, 896))));
    assert_eq!(examine(b"GIF89a").map(|e| e.format), Err(Refusal::UnknownFormat));
    assert_eq!(examine(&[0xff, 0xd8, 0xff, 0xda]).map(|e| e.format), Err(Refusal::UnknownFormat), "no frame header");
}

#[test]
fn an_attached_picture_is_named_by_its_view_and_content() {
    let png = fixture("terril-74.png");
    let name = media_name("archipel-vert-commune", Format::Png, &png);
    assert!(is_valid_name(&name) && name.starts_with("archipel-vert-commune-") && name.ends_with(".png"), "{name}");
    assert_eq!(name, media_name("archipel-vert-commune", Format::Png, &png), "the same content, the same name");
    assert_ne!(name, media_name("archipel-vert-commune", Format::Png, &png[1..]));
}

#[test]
fn without_media_the_files_are_not_looked_at() {
    let mut files = sample();
    files.iter_mut().find(|(p, _)| p == STEP).unwrap().1.push_str(&format!("\n[commune.picture]\n{PICTURE}"));
    assert!(load_files(&files).diagnostics.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_svg_check_never_panics(text in any::<String>()) {
        let _ = check_svg(&text);
        let _ = examine(text.as_bytes());
    }

    #[test]
    fn the_svg_check_never_panics_on_damaged_svgs(cut in any::<prop::sample::Index>(), insert in "[<>&;\"'=/!?#a-z \n-]{0,12}", drop in 0..20usize) {
        let safe = String::from_utf8(fixture("safe.svg")).unwrap();
        let mut at = cut.index(safe.len());
        while !safe.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + drop).min(safe.len());
        while !safe.is_char_boundary(end) {
            end += 1;
        }
        let damaged = format!("{}{insert}{}", &safe[..at], &safe[end..]);
        let _ = check_svg(&damaged);
    }

    #[test]
    fn headers_are_read_without_panics(bytes in prop::collection::vec(any::<u8>(), 0..64), kind in 0..3usize) {
        let prefix: &[u8] = [&[0xff, 0xd8, 0xff][..], b"\x89PNG\r\n\x1a\n", b"RIFF\0\0\0\0WEBP"][kind];
        let _ = examine(&[prefix, &bytes].concat());
    }
}
