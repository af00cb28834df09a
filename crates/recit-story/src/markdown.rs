//! The Markdown subset of story texts: paragraphs, `*emphasis*`, `**strong**`, lists
//! (`- ` or `1. `) and links to other steps (`[label](step-id)`).
//!
//! Parsing yields a tree that the UI renders as text nodes, so no markup in a story text can
//! ever reach the DOM as HTML. [`lint`] finds what the subset forbids (raw HTML, links that
//! leave the story) for the validator. Both are small on purpose: a full Markdown parser costs
//! several times their wasm (README, « Dependencies »).

/// A block of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    List { ordered: bool, items: Vec<Vec<Inline>> },
}

/// A run of text inside a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    /// A link to another step of the story, by id.
    StepLink {
        to: String,
        label: Vec<Inline>,
    },
}

/// Something the subset forbids or that the validator must check, at a byte offset of the
/// source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    RawHtml { offset: usize, tag: String },
    JavascriptLink { offset: usize },
    ExternalLink { offset: usize, target: String },
    StepLink { offset: usize, target: String },
}

/// Parses a story text into blocks. Never fails: what the subset does not know stays text.
pub fn parse(src: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    for chunk in paragraphs(src) {
        let lines: Vec<&str> = chunk.iter().map(|(_, l)| l.trim()).collect();
        let ordered = lines.iter().all(|l| ordered_item(l).is_some());
        let bulleted = lines.iter().all(|l| bullet_item(l).is_some());
        if bulleted || ordered {
            let items = lines
                .iter()
                .map(|l| {
                    let body = if ordered { ordered_item(l) } else { bullet_item(l) };
                    inlines(body.unwrap_or(l))
                })
                .collect();
            blocks.push(Block::List { ordered: ordered && !bulleted, items });
        } else {
            blocks.push(Block::Paragraph(inlines(&lines.join(" "))));
        }
    }
    blocks
}

/// Everything in `src` that the validator must look at, with byte offsets.
pub fn lint(src: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let bytes = src.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'<' {
            let rest = &src[i + 1..];
            let starts_tag = rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
            if starts_tag {
                // A bounded look: `<a<a<a…` must not read to the end of the text from each `<`.
                let name = rest.split(|c: char| c.is_whitespace() || c == '>' || c == '<').next().unwrap_or_default();
                let tag = crate::diagnostic::quoted(name);
                findings.push(Finding::RawHtml { offset: i, tag: format!("<{tag}") });
            }
        }
    }
    let mut at = 0;
    while let Some(found) = src[at..].find("](") {
        let open = at + found + 2;
        let Some(len) = src[open..].find(')') else { break };
        let target = src[open..open + len].trim();
        let squashed: String = target.chars().filter(|c| !c.is_whitespace()).collect();
        if squashed.to_ascii_lowercase().starts_with("javascript:") {
            findings.push(Finding::JavascriptLink { offset: open });
        } else if target.contains(':') || target.contains('/') {
            findings.push(Finding::ExternalLink { offset: open, target: target.to_string() });
        } else {
            findings.push(Finding::StepLink { offset: open, target: target.to_string() });
        }
        at = open + len;
    }
    findings.sort_by_key(|f| match f {
        Finding::RawHtml { offset, .. } | Finding::JavascriptLink { offset } | Finding::ExternalLink { offset, .. } | Finding::StepLink { offset, .. } => *offset,
    });
    findings
}

/// Groups lines into blank-line separated chunks, keeping each line's byte offset.
fn paragraphs(src: &str) -> Vec<Vec<(usize, &str)>> {
    let mut chunks = Vec::new();
    let mut current = Vec::new();
    let mut offset = 0;
    for line in src.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                chunks.push(std::mem::take(&mut current));
            }
        } else {
            current.push((offset, line));
        }
        offset += line.len() + 1;
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

fn bullet_item(line: &str) -> Option<&str> {
    line.strip_prefix("- ").or_else(|| line.strip_prefix("* "))
}

fn ordered_item(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    line[digits..].strip_prefix(". ")
}

/// Parses emphasis, strong and links; unmatched markers stay literal.
///
/// Linear in the text: each search for a closing marker is remembered ([`Next`]), so a run
/// of markers that never close (`[[[[…`, `**a**a…` cut short) scans the text once, not once
/// per marker; a matched span is parsed again inside, at a depth the markers bound (a span
/// holds no marker of its own kind, and a link's label no link).
fn inlines(src: &str) -> Vec<Inline> {
    let mut next = Searches::default();
    let mut out = Vec::new();
    let mut text = String::new();
    let mut at = 0;
    while let Some(c) = src[at..].chars().next() {
        let parsed = match c {
            '*' | '_' if src[at + 1..].starts_with(c) => delimited(src, at, 2, &mut next, Inline::Strong),
            '*' | '_' => delimited(src, at, 1, &mut next, Inline::Emphasis),
            '[' => link(src, at, &mut next),
            _ => None,
        };
        match parsed {
            Some((inline, end)) => {
                if !text.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut text)));
                }
                out.push(inline);
                at = end;
            }
            None => {
                text.push(c);
                at += c.len_utf8();
            }
        }
    }
    if !text.is_empty() {
        out.push(Inline::Text(text));
    }
    out
}

/// The next place of a pattern at or after a position, remembered: [`inlines`] asks from
/// positions that only grow, so each part of the text is scanned once per pattern.
#[derive(Clone, Copy, Default)]
struct Next {
    /// Searched from `from`: the first match is `found` (`None`: there is none).
    from: usize,
    found: Option<usize>,
    searched: bool,
}

impl Next {
    fn at_or_after(&mut self, src: &str, pattern: &str, pos: usize) -> Option<usize> {
        let known = self.searched && self.from <= pos && self.found.is_none_or(|f| f >= pos);
        if !known {
            *self = Next { from: pos, found: src.get(pos..).and_then(|s| s.find(pattern)).map(|i| pos + i), searched: true };
        }
        self.found
    }
}

/// One [`Next`] per pattern [`inlines`] looks for.
#[derive(Default)]
struct Searches {
    /// `*`, `**`, `_`, `__`: by [`marker_slot`].
    markers: [Next; 4],
    link_middle: Next,
    link_end: Next,
    open_bracket: Next,
}

fn marker_slot(marker: &str) -> usize {
    match marker {
        "*" => 0,
        "**" => 1,
        "_" => 2,
        _ => 3,
    }
}

/// The span opened by the `len`-byte marker at `at`, if it closes; with where it ends.
fn delimited(src: &str, at: usize, len: usize, next: &mut Searches, wrap: fn(Vec<Inline>) -> Inline) -> Option<(Inline, usize)> {
    let marker = &src[at..at + len];
    let body = at + len;
    if src[body..].starts_with(char::is_whitespace) {
        return None;
    }
    let end = next.markers[marker_slot(marker)].at_or_after(src, marker, body)?;
    if end == body {
        return None;
    }
    Some((wrap(inlines(&src[body..end])), end + len))
}

/// The link `[label](to)` opening at `at`, if it is one; with where it ends.
fn link(src: &str, at: usize, next: &mut Searches) -> Option<(Inline, usize)> {
    let close = next.link_middle.at_or_after(src, "](", at)?;
    if next.open_bracket.at_or_after(src, "[", at + 1).is_some_and(|b| b < close) {
        return None;
    }
    let end = next.link_end.at_or_after(src, ")", close + 2)?;
    let to = src[close + 2..end].trim().to_string();
    Some((Inline::StepLink { to, label: inlines(&src[at + 1..close]) }, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn paragraphs_lists_and_inlines() {
        let blocks = parse("Une *ville* en **transition**,\nsur deux lignes.\n\n- un\n- [deux](le-depart)\n\n1. a\n2. b");
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec![t("Une "), Inline::Emphasis(vec![t("ville")]), t(" en "), Inline::Strong(vec![t("transition")]), t(", sur deux lignes."),]),
                Block::List { ordered: false, items: vec![vec![t("un")], vec![Inline::StepLink { to: "le-depart".into(), label: vec![t("deux")] }]] },
                Block::List { ordered: true, items: vec![vec![t("a")], vec![t("b")]] },
            ]
        );
    }

    #[test]
    fn unmatched_markers_stay_text() {
        assert_eq!(parse("5 * 3 = 15 et [crochet"), vec![Block::Paragraph(vec![t("5 * 3 = 15 et [crochet")])]);
    }

    #[test]
    fn lint_finds_html_and_links() {
        let src = "a <script>x</script> [b](javascript:alert(1)) [c](https://x.fr) [d](etape) 3 < 4";
        let found = lint(src);
        assert!(matches!(&found[0], Finding::RawHtml { tag, offset: 2 } if tag == "<script"));
        assert!(matches!(&found[1], Finding::RawHtml { tag, .. } if tag == "</script"));
        assert!(matches!(found[2], Finding::JavascriptLink { .. }));
        assert!(matches!(&found[3], Finding::ExternalLink { target, .. } if target == "https://x.fr"));
        assert!(matches!(&found[4], Finding::StepLink { target, .. } if target == "etape"));
        assert_eq!(found.len(), 5, "`3 < 4` is not a tag");
    }
}
