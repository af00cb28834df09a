//! TOML string literals, written without the TOML crate (the app writes contribution files).

use std::fmt::Write;

/// A TOML string literal: multi-line when the text has line breaks, so diffs stay readable.
pub fn string_literal(s: &str) -> String {
    let multiline = s.contains('\n');
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(if multiline { "\"\"\"\n" } else { "\"" });
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' if multiline => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push_str(if multiline { "\"\"\"" } else { "\"" });
    out
}
