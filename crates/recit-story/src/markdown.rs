//! The Markdown subset of story texts: paragraphs, `*emphasis*`, `**strong**`, lists
//! (`- ` or `1. `) and links to other steps (`[label](step-id)`).
//!
//! Parsing yields a tree that the UI renders as text nodes, so no markup in a story text can
//! ever reach the DOM as HTML. [`lint`] finds what the subset forbids (raw HTML, links that
//! leave the story) for the validator. Both are small on purpose: a full Markdown parser costs
//! more than 140 KB of wasm.

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
    StepLink { to: String, label: Vec<Inline> },
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
            let starts_tag = rest
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
            if starts_tag {
                let tag: String = rest.chars().take_while(|c| !c.is_whitespace() && *c != '>').collect();
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
        Finding::RawHtml { offset, .. }
        | Finding::JavascriptLink { offset }
        | Finding::ExternalLink { offset, .. }
        | Finding::StepLink { offset, .. } => *offset,
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
fn inlines(src: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = src;
    while let Some(c) = rest.chars().next() {
        let parsed = match c {
            '*' | '_' if rest[1..].starts_with(c) => delimited(rest, &rest[..2], Inline::Strong),
            '*' | '_' => delimited(rest, &rest[..1], Inline::Emphasis),
            '[' => link(rest),
            _ => None,
        };
        match parsed {
            Some((inline, used)) => {
                if !text.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut text)));
                }
                out.push(inline);
                rest = &rest[used..];
            }
            None => {
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !text.is_empty() {
        out.push(Inline::Text(text));
    }
    out
}

fn delimited(src: &str, marker: &str, wrap: fn(Vec<Inline>) -> Inline) -> Option<(Inline, usize)> {
    let body = &src[marker.len()..];
    if body.starts_with(char::is_whitespace) {
        return None;
    }
    let end = body.find(marker)?;
    if end == 0 {
        return None;
    }
    Some((wrap(inlines(&body[..end])), marker.len() * 2 + end))
}

fn link(src: &str) -> Option<(Inline, usize)> {
    let close = src.find("](")?;
    let label = &src[1..close];
    if label.contains('[') {
        return None;
    }
    let target_len = src[close + 2..].find(')')?;
    let to = src[close + 2..close + 2 + target_len].trim().to_string();
    Some((Inline::StepLink { to, label: inlines(label) }, close + 3 + target_len))
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
                Block::Paragraph(vec![
                    t("Une "),
                    Inline::Emphasis(vec![t("ville")]),
                    t(" en "),
                    Inline::Strong(vec![t("transition")]),
                    t(", sur deux lignes."),
                ]),
                Block::List {
                    ordered: false,
                    items: vec![vec![t("un")], vec![Inline::StepLink { to: "le-depart".into(), label: vec![t("deux")] }]]
                },
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
