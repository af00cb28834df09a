//! Inputs made to be slow or large (what a copy-paste from a web page, a broken export or a
//! careless script gives): long runs of every Markdown and markup character class, deep
//! nesting, very long lines, many problems at once. The tests check that each gets a bounded,
//! located answer; `benches/pathological.rs` prints how long each takes.
#![allow(dead_code)] // the bench and the tests each use their part

/// A text of about `bytes` bytes per class of story text, by name.
pub fn texts(bytes: usize) -> Vec<(&'static str, String)> {
    let repeated = |fragment: &str| fragment.repeat(bytes / fragment.len() + 1);
    let nested = |open: &str, close: &str| {
        let depth = bytes / (open.len() + close.len());
        format!("{}x{}", open.repeat(depth), close.repeat(depth))
    };
    let mut out: Vec<(&'static str, String)> = [
        ("tags", "<a><b x=1>"),
        ("unclosed tags", "<a"),
        ("closing tags", "</a"),
        ("comments", "<!--"),
        ("step links", "[x](y) "),
        ("external links", "[x](https://e.fr/) "),
        ("javascript links", "[x](javascript:alert(1))"),
        ("unclosed links", "[a](b"),
        ("open brackets", "["),
        ("link middles", "]("),
        ("strong", "**a"),
        ("emphasis", "*a"),
        ("underscores", "_a"),
        ("double underscores", "__a"),
        ("stars", "*"),
        ("underscore run", "_"),
        ("backticks", "`"),
        ("headings", "#"),
        ("quotes", ">"),
        ("pipes", "|"),
        ("entities", "&amp;"),
        ("lists", "- a\n1. b\n"),
        ("blank lines", "\n\n"),
        ("control characters", "a\u{0}"),
        ("accents and tags", "é<à"),
        ("mixed", "<a>[x](y)**_`#>|&amp;<b x=1 [[*a __b"),
    ]
    .into_iter()
    .map(|(name, fragment)| (name, repeated(fragment)))
    .collect();
    out.push(("nested tags", nested("<a>", "</a>")));
    out.push(("nested brackets", nested("[", "](y)")));
    out.push(("nested emphasis", nested("**_*__", "__*_**")));
    out.push(("one long line", repeated("mot ")));
    for (_, text) in &mut out {
        let mut end = bytes.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    out
}

/// A whole step file of about `bytes` bytes per class of broken TOML, by name.
pub fn files(bytes: usize) -> Vec<(&'static str, String)> {
    vec![
        ("nested arrays", format!("x = {}{}\n", "[".repeat(bytes / 2), "]".repeat(bytes / 2))),
        ("unclosed arrays", format!("x = {}\n", "[".repeat(bytes))),
        ("unclosed inline tables", format!("x = {}\n", "{a=".repeat(bytes / 3))),
        ("garbage lines", "=\n".repeat(bytes / 2)),
        ("unknown keys", (0..bytes / 10).map(|i| format!("k{i} = 1\n")).collect()),
        ("one long line", format!("id = \"x\"\nx = {{ {} }}\n", (0..bytes / 9).map(|i| format!("a{i} = 1")).collect::<Vec<_>>().join(", "))),
        ("lone carriage returns", "a = 1\r".repeat(bytes / 6)),
        ("long key", format!("{} = 1\n", "k".repeat(bytes))),
    ]
}

/// `text` as a TOML basic string, quotes included.
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
