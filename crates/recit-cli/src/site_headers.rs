//! The site's `_headers` file (the Netlify / Cloudflare Pages format, `web/_headers`): the
//! headers every response carries, the strict Content-Security-Policy among them.
//!
//! ```text
//! # a comment
//! /*
//!   Content-Security-Policy: default-src 'self'
//!   X-Frame-Options: DENY
//! ```
//! A path line (from `/`, `*` standing for any characters) and, indented below it, the
//! headers of the responses at the paths it matches. Where several paths match, a later one's
//! header replaces an earlier one's of the same name.

use std::fmt;

use axum::http::{HeaderMap, HeaderName, HeaderValue};

#[derive(Debug, Default)]
pub struct SiteHeaders {
    rules: Vec<Rule>,
}

#[derive(Debug)]
struct Rule {
    pattern: String,
    headers: Vec<(HeaderName, HeaderValue)>,
}

/// A problem in `_headers`, at a line and column (both from 1).
#[derive(Debug, PartialEq, Eq)]
pub struct HeadersError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for HeadersError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl SiteHeaders {
    pub fn parse(text: &str) -> Result<SiteHeaders, HeadersError> {
        let mut rules: Vec<(usize, Rule)> = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let at = |column: usize, message: String| HeadersError { line: index + 1, column, message };
            let content = line.trim_start();
            let indent = line.len() - content.len();
            let content = content.trim_end();
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            if indent == 0 {
                if !content.starts_with('/') {
                    return Err(at(1, format!("expected a path from `/` (e.g. `/*`), found `{content}`")));
                }
                if let Some(space) = content.find(char::is_whitespace) {
                    return Err(at(space + 1, "one path per line, its headers indented below it".into()));
                }
                rules.push((index + 1, Rule { pattern: content.to_string(), headers: Vec::new() }));
                continue;
            }
            let Some((_, rule)) = rules.last_mut() else {
                return Err(at(indent + 1, "a header before any path: put a path line (e.g. `/*`) above it".into()));
            };
            let Some((name, value)) = content.split_once(':') else {
                return Err(at(indent + 1, format!("expected `Name: value`, found `{content}`")));
            };
            let name = HeaderName::from_bytes(name.trim_end().as_bytes()).map_err(|_| at(indent + 1, format!("`{}` is not a header name", name.trim_end())))?;
            let value_column = indent + content.len() - value.trim_start().len() + 1;
            let value = HeaderValue::from_str(value.trim()).map_err(|_| at(value_column, format!("the value of {name} holds a character a header cannot carry")))?;
            rule.headers.push((name, value));
        }
        if let Some((line, rule)) = rules.iter().find(|(_, rule)| rule.headers.is_empty()) {
            return Err(HeadersError { line: *line, column: 1, message: format!("no header under {}", rule.pattern) });
        }
        Ok(SiteHeaders { rules: rules.into_iter().map(|(_, rule)| rule).collect() })
    }

    /// Sets the headers of every rule whose path matches `path` in `headers`.
    pub fn apply(&self, path: &str, headers: &mut HeaderMap) {
        for rule in self.rules.iter().filter(|rule| matches(&rule.pattern, path)) {
            for (name, value) in &rule.headers {
                headers.insert(name.clone(), value.clone());
            }
        }
    }
}

/// Whether `path` matches `pattern`, where each `*` stands for any characters.
fn matches(pattern: &str, path: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    let mut parts: Vec<&str> = parts.collect();
    let Some(last) = parts.pop() else {
        return rest.is_empty();
    };
    for part in parts {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_with_stars() {
        assert!(matches("/*", "/"));
        assert!(matches("/*", "/fr/commune/x"));
        assert!(matches("/fr/*", "/fr/commune"));
        assert!(!matches("/fr/*", "/en/commune"));
        assert!(matches("/*.wasm", "/recit-reader-0123456789abcdef_bg.wasm"));
        assert!(!matches("/*.wasm", "/boot.js"));
        assert!(matches("/boot.js", "/boot.js"));
        assert!(!matches("/boot.js", "/boot.js.br"));
        assert!(matches("/a*b*c", "/abc"));
        assert!(!matches("/a*bc*c", "/abc"));
    }

    #[test]
    fn a_later_rule_replaces_an_earlier_header_of_the_same_name() {
        let headers = SiteHeaders::parse("# all\n/*\n  X-Frame-Options: DENY\n  Referrer-Policy: no-referrer\n\n/editeur*\n  X-Frame-Options: SAMEORIGIN\n").unwrap();
        let mut map = HeaderMap::new();
        headers.apply("/editeur/fr", &mut map);
        assert_eq!(map["x-frame-options"], "SAMEORIGIN");
        assert_eq!(map["referrer-policy"], "no-referrer");
        let mut map = HeaderMap::new();
        headers.apply("/fr", &mut map);
        assert_eq!(map["x-frame-options"], "DENY");
    }

    #[test]
    fn the_sites_own_file_reads() {
        let text = include_str!("../../../web/_headers");
        let headers = SiteHeaders::parse(text).unwrap();
        let mut map = HeaderMap::new();
        headers.apply("/", &mut map);
        assert!(map["content-security-policy"].to_str().unwrap().starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"));
        assert_eq!(map.len(), 6);
    }

    #[test]
    fn mistakes_are_located() {
        let error = |text: &str| SiteHeaders::parse(text).unwrap_err().to_string();
        assert_eq!(error("  X-Frame-Options: DENY\n"), "1:3: a header before any path: put a path line (e.g. `/*`) above it");
        assert_eq!(error("/*\n  X-Frame-Options DENY\n"), "2:3: expected `Name: value`, found `X-Frame-Options DENY`");
        assert_eq!(error("/*\n  X Frame: DENY\n"), "2:3: `X Frame` is not a header name");
        assert_eq!(error("/*\n  X-A: one\u{7}two\n"), "2:8: the value of x-a holds a character a header cannot carry");
        assert_eq!(error("*\n  X-A: b\n"), "1:1: expected a path from `/` (e.g. `/*`), found `*`");
        assert_eq!(error("/a /b\n  X-A: b\n"), "1:3: one path per line, its headers indented below it");
        assert_eq!(error("/*\n  X-A: b\n/empty\n"), "3:1: no header under /empty");
    }
}
