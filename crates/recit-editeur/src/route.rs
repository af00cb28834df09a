//! The editor's addresses: every page is a deep link.
//! `/editeur` and `/editeur/{lang}`: the map of the story; `/editeur/{lang}/etape/{step}/{scale}`:
//! a view being edited; `/editeur/{lang}/contributions`; `/editeur/{lang}/changements`.

use recit_story::reader::EDITOR;
use recit_story::{Lang, ScaleId};

/// A page of the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// Steps × scales, with each view's validation state.
    Map,
    /// One view being edited, with its preview.
    View { step: String, scale: ScaleId },
    /// Testimonies and their moderation.
    Contributions,
    /// What the draft changes in the published story.
    Changes,
}

/// Where the editor is: its language and page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditorRoute {
    pub lang: Lang,
    pub page: Page,
}

impl EditorRoute {
    /// Reads a path; `None` when it is not an editor page.
    pub fn parse(path: &str) -> Option<EditorRoute> {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let (first, rest) = segments.split_first()?;
        if *first != EDITOR {
            return None;
        }
        let (lang, rest) = match rest.split_first() {
            Some((l, rest)) => (Lang::from_code(l)?, rest),
            None => (Lang::Fr, rest),
        };
        let page = match rest {
            [] => Page::Map,
            ["etape", step, scale] => Page::View { step: step.to_string(), scale: ScaleId::from_id(scale)? },
            ["contributions"] => Page::Contributions,
            ["changements"] => Page::Changes,
            _ => return None,
        };
        Some(EditorRoute { lang, page })
    }

    pub fn to_path(&self) -> String {
        let lang = self.lang.code();
        match &self.page {
            Page::Map => format!("/{EDITOR}/{lang}"),
            Page::View { step, scale } => format!("/{EDITOR}/{lang}/etape/{step}/{}", scale.id()),
            Page::Contributions => format!("/{EDITOR}/{lang}/contributions"),
            Page::Changes => format!("/{EDITOR}/{lang}/changements"),
        }
    }

    /// The same page in `lang`.
    pub fn in_lang(&self, lang: Lang) -> EditorRoute {
        EditorRoute { lang, page: self.page.clone() }
    }

    /// Another page in the same language.
    pub fn to(&self, page: Page) -> String {
        EditorRoute { lang: self.lang, page }.to_path()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_reads_back_from_its_path() {
        for lang in Lang::ALL {
            for page in [Page::Map, Page::Contributions, Page::Changes, Page::View { step: "archipel-noir".into(), scale: ScaleId::Pole }] {
                let route = EditorRoute { lang, page };
                assert_eq!(EditorRoute::parse(&route.to_path()), Some(route));
            }
        }
        assert_eq!(EditorRoute::parse("/editeur"), Some(EditorRoute { lang: Lang::Fr, page: Page::Map }));
        assert_eq!(EditorRoute::parse("/editeur/de"), None);
        assert_eq!(EditorRoute::parse("/editeur/fr/etape/x/region"), None);
        assert_eq!(EditorRoute::parse("/fr/commune/x"), None);
    }
}
