//! French typesetting: the no-break spaces French puts before « ; ! ? : », and inside
//! guillemets, so that no sign starts a line and no « ends one.
//!
//! Applied where a story is made ready for display, never to the council's own files: what
//! members typed is what their files keep. The plain reader gets its texts typeset when the
//! site is published ([`crate::site`]); the other apps typeset the story they install, the
//! editor only its preview.
//!
//! Only ordinary spaces that the writer put there change: a sign with no space before it
//! gets none, and a line break stays a line break. Before « ; ! ? » the space becomes a narrow
//! no-break space (U+202F), the fine space of French typesetting. Before « : » and inside
//! « » it becomes a no-break space of a word space's width (U+00A0): the Imprimerie
//! nationale's rule, and a character every font has.

use std::borrow::Cow;

use crate::contribution::Contribution;
use crate::model::{Lang, Story, Text};

/// The narrow no-break space, before « ; ! ? ».
pub const NARROW: char = '\u{202F}';
/// The no-break space, before « : » and inside « ».
pub const NO_BREAK: char = '\u{A0}';

/// `text` typeset the French way; the same text, borrowed, when nothing changes. Typesetting
/// typeset text changes nothing.
pub fn french(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    // How much of `text` is in `out` already.
    let mut copied = 0;
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(offset) = text[at..].find(' ') {
        let start = at + offset;
        let end = start + bytes[start..].iter().take_while(|&&b| b == b' ').count();
        at = end;
        let before = text[..start].chars().next_back();
        let mut after = text[end..].chars();
        let (next, then) = (after.next(), after.next());
        let Some(space) = space_between(before, next, then) else { continue };
        out.push_str(&text[copied..start]);
        out.push(space);
        copied = end;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// The no-break space that replaces a run of spaces between `before` and `next` (followed by
/// `then`), if French puts one there. A run at the start or end of a line, or of the text, is
/// left alone: it is not between two words.
fn space_between(before: Option<char>, next: Option<char>, then: Option<char>) -> Option<char> {
    let (before, next) = (before.filter(|c| !c.is_whitespace())?, next.filter(|c| !c.is_whitespace())?);
    // A sign followed by a letter, a digit or a bracket does not close a phrase: `![image]`,
    // `:mot:`, `?clé=valeur`.
    let closes = !then.is_some_and(|c| c.is_alphanumeric() || matches!(c, '[' | '('));
    match next {
        ';' | '!' | '?' if closes => Some(NARROW),
        ':' if closes => Some(NO_BREAK),
        '»' => Some(NO_BREAK),
        _ if before == '«' => Some(NO_BREAK),
        _ => None,
    }
}

impl Text {
    /// The text in `lang` as readers see it ([`Text::get`]): French typeset ([`french`]),
    /// English as written.
    pub fn typeset(&self, lang: Lang) -> Cow<'_, str> {
        match lang {
            Lang::En if !self.en.is_empty() => Cow::Borrowed(&self.en),
            _ => french(&self.fr),
        }
    }
}

impl Contribution {
    /// The testimony's text as readers see it: typeset if written in French.
    pub fn typeset_text(&self) -> Cow<'_, str> {
        match self.lang {
            Lang::Fr => french(&self.text),
            Lang::En => Cow::Borrowed(&self.text),
        }
    }
}

impl Story {
    /// Typesets every French text of the story ([`french`]): its texts' French halves and the
    /// testimonies written in French. English is never changed.
    pub fn typeset_french(&mut self) {
        self.for_each_text_mut(|_, t| {
            if let Cow::Owned(typeset) = french(&t.fr) {
                t.fr = typeset;
            }
        });
        for c in &mut self.contributions {
            if let Cow::Owned(typeset) = c.typeset_text() {
                c.text = typeset;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typeset(text: &str) -> String {
        french(text).into_owned()
    }

    #[test]
    fn a_narrow_no_break_space_before_semicolon_exclamation_and_question_marks() {
        assert_eq!(typeset("Pourquoi ?"), "Pourquoi\u{202F}?");
        assert_eq!(typeset("Enfin ! Oui ; non."), "Enfin\u{202F}! Oui\u{202F}; non.");
        assert_eq!(typeset("Vraiment   ?!"), "Vraiment\u{202F}?!", "a run of spaces is one space");
    }

    #[test]
    fn a_no_break_space_before_a_colon_and_inside_guillemets() {
        assert_eq!(typeset("2015 : une transition"), "2015\u{A0}: une transition");
        assert_eq!(typeset("un « mode de faire » encore"), "un «\u{A0}mode de faire\u{A0}» encore");
        assert_eq!(typeset("« Pourquoi ? »"), "«\u{A0}Pourquoi\u{202F}?\u{A0}»");
        assert_eq!(typeset("le « fifty/fifty » : un contrat"), "le «\u{A0}fifty/fifty\u{A0}»\u{A0}: un contrat");
    }

    #[test]
    fn typesetting_typeset_text_changes_nothing() {
        for text in ["Pourquoi ?", "« Oui » : non ; si !", "a  ?  » b", "«  »", "x ? ? ?", "Score : {n} sur {total}", "\u{202F}; "] {
            let once = typeset(text);
            assert!(matches!(french(&once), Cow::Borrowed(_)), "{text:?} → {once:?}");
        }
    }

    #[test]
    fn only_spaces_between_words_change() {
        for text in ["Pourquoi?", "«mot»", "Pourquoi\n? non", "Pourquoi \n? non", "« \nmot \n»", "  ? en tête", "Pourquoi\u{A0}?", "Trois étapes, aucun signe.", ""] {
            assert!(matches!(french(text), Cow::Borrowed(_)), "{text:?}");
        }
        assert_eq!(typeset("fin ?  \nsuite"), "fin\u{202F}?  \nsuite", "a line's hard break stays");
    }

    #[test]
    fn markdown_links_and_placeholders_stay_as_they_are() {
        assert!(matches!(french("voir http://exemple.fr/a?b=c:d et [la suite](suite)"), Cow::Borrowed(_)));
        assert!(matches!(french("voici ![image](x.png) et :mot: ou ?clé=1 puis (a)"), Cow::Borrowed(_)));
        assert_eq!(typeset("- **Qui agit ?** [la suite](suite) : *oui* !\n1. « {n} »"), "- **Qui agit\u{202F}?** [la suite](suite)\u{A0}: *oui*\u{202F}!\n1. «\u{A0}{n}\u{A0}»");
        let source = "Une *question* ?\n\n- [Pourquoi ?](suite) : voir « là »";
        let (before, after) = (crate::markdown::parse(source), crate::markdown::parse(&typeset(source)));
        let spaced = format!("{after:?}").replace("\\u{202f}", " ").replace("\\u{a0}", " ");
        assert_eq!(format!("{before:?}"), spaced, "the same blocks, emphasis and links");
    }

    #[test]
    fn the_story_is_typeset_in_french_only() {
        let mut story = Story::default();
        crate::edit::add_step(&mut story, "a", None, true).unwrap();
        story.steps[0].views[0].title = Text::new("Un référentiel à partager ?", "Something to share ?");
        let said = |lang, text: &str| crate::Contribution {
            id: String::new(),
            step: "a".into(),
            scale: crate::ScaleId::Commune,
            lang,
            date: "2026-11-25".into(),
            author: String::new(),
            attribution: crate::Attribution::Anonymous,
            consent: None,
            role: String::new(),
            source: String::new(),
            status: crate::Status::Accepted,
            text: text.into(),
            origin: String::new(),
        };
        story.contributions = vec![said(Lang::Fr, "On respire !"), said(Lang::En, "We breathe !")];
        story.typeset_french();
        assert_eq!(story.steps[0].views[0].title, Text::new("Un référentiel à partager\u{202F}?", "Something to share ?"));
        assert_eq!(story.contributions[0].text, "On respire\u{202F}!");
        assert_eq!(story.contributions[1].text, "We breathe !");
        assert_eq!(Text::new("Quoi ?", "What ?").typeset(Lang::Fr), "Quoi\u{202F}?");
        assert_eq!(Text::new("Quoi ?", "What ?").typeset(Lang::En), "What ?");
    }
}
