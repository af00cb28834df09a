//! The story as a published site carries it, beside the apps, which embed none of it: one
//! file per kind of app, and the parts the plain reader fetches when first needed. A story
//! change changes these files, never an app.

use crate::compact::{language_to_compact, passages_to_compact};
use crate::model::{Lang, Story};

/// The compact files of a story's site.
pub struct SiteFiles {
    /// The plain reader's (the first visit): [`Story::for_plain_reader`], French only, typeset.
    pub reader: Vec<u8>,
    /// The plain reader's for a reader who arrives on an English page: the same story in
    /// English only.
    pub reader_english: Vec<u8>,
    /// The kiosk and workshop app's and the editor's: [`Story::for_readers`], as written.
    pub full: Vec<u8>,
    /// The plain reader's English half, fetched when a reader who came in French first reads
    /// in English.
    pub english: Vec<u8>,
    /// Its French half, typeset, fetched when a reader who came in English first reads in
    /// French.
    pub french: Vec<u8>,
    /// The report's passages, fetched when a reader of the plain reader first opens a source.
    pub passages: Vec<u8>,
}

impl Story {
    /// Every file of the story a site publishes. What the plain reader fetches is typeset
    /// ([`Story::typeset`]), its English half fingerprinted over the typeset French, so that
    /// the plain reader carries no typesetting code; the whole story stays as the council
    /// wrote it, for the council's draft it seeds, and the apps that read it typeset it.
    pub fn site_files(&self) -> SiteFiles {
        let mut typeset = self.typeset();
        let (reader, english) = typeset.for_plain_reader();
        let mut reader_english = reader.clone();
        let fits = reader_english.put_language(Lang::En, english.clone());
        debug_assert!(fits, "the English half fits the story it was taken from");
        // A text not yet translated reads in French in English, as it does in both languages.
        reader_english.for_each_text_mut(|_, text| {
            if text.en.is_empty() {
                text.en.clone_from(&text.fr);
            }
        });
        let french = reader_english.take_language(Lang::Fr);
        SiteFiles {
            reader: reader.to_compact(),
            reader_english: reader_english.to_compact(),
            full: self.for_readers().to_compact(),
            english: language_to_compact(&english),
            french: language_to_compact(&french),
            passages: passages_to_compact(&typeset.take_passages()),
        }
    }

    /// The story with its French typeset ([`crate::typography`]), as readers see it.
    pub fn typeset(&self) -> Story {
        let mut story = self.clone();
        story.typeset_french();
        story
    }

    /// The whole story as a published site shows it to anyone: the testimonies readers see
    /// and nothing else of residents' words (the council's own files keep the rest).
    pub fn for_readers(&self) -> Story {
        let mut story = self.clone();
        story.contributions = crate::contribution::for_readers(std::mem::take(&mut story.contributions));
        story
    }

    /// What the plain reader's static pages are rendered from: its story, typeset, in both
    /// languages, with the report's passages, which a page shows in each source's disclosure
    /// (without the app, nothing fetches them).
    pub fn for_static_pages(&self) -> Story {
        let typeset = self.typeset();
        let (mut story, english) = typeset.for_plain_reader();
        let fits = story.put_language(Lang::En, english);
        debug_assert!(fits, "the English half fits the story it was taken from");
        story.sources = typeset.sources;
        story
    }

    /// What the workshop's printable worksheets are rendered from: the story the modes app
    /// reads, typeset as that app shows it.
    pub fn for_worksheets(&self) -> Story {
        let mut story = self.for_readers();
        story.typeset_french();
        story
    }

    /// Whether any text of the story is written in `lang` (the plain reader's story arrives
    /// without its English half).
    pub fn has_language(&self, lang: Lang) -> bool {
        let mut found = false;
        self.for_each_text(|_, t| {
            found |= !match lang {
                Lang::Fr => &t.fr,
                Lang::En => &t.en,
            }
            .is_empty()
        });
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Story {
        let mut story = Story::default();
        crate::edit::add_step(&mut story, "a", None, true).unwrap();
        story.meta.title = crate::model::Text::new("Récit", "Story");
        story
    }

    #[test]
    fn the_plain_readers_file_has_no_english_and_its_half_fits_it() {
        let files = sample().site_files();
        let mut reader = Story::from_compact(&files.reader).unwrap();
        assert!(!reader.has_language(Lang::En));
        assert!(Story::from_compact(&files.full).unwrap().has_language(Lang::En));
        assert!(reader.put_language(Lang::En, crate::compact::language_from_compact(&files.english).unwrap()));
        assert!(reader.has_language(Lang::En));
    }

    #[test]
    fn the_plain_readers_english_file_has_no_french_and_its_half_fits_it() {
        let mut story = sample();
        story.steps[0].views[0].title = crate::model::Text::new("Un référentiel à partager ?", "Something to share?");
        story.steps[0].views[0].text = crate::model::Text::new("Pas encore traduit", "");
        let files = story.site_files();
        let mut reader = Story::from_compact(&files.reader_english).unwrap();
        assert!(!reader.has_language(Lang::Fr));
        assert_eq!(reader.steps[0].views[0].title.get(Lang::En), "Something to share?");
        assert_eq!(reader.steps[0].views[0].text.get(Lang::En), "Pas encore traduit", "an untranslated text reads in French");
        assert_eq!(reader.steps[0].views[0].title.get(Lang::Fr), "Something to share?", "French missing: the English stands in");
        assert!(reader.put_language(Lang::Fr, crate::compact::language_from_compact(&files.french).unwrap()));
        assert_eq!(reader.steps[0].views[0].title.get(Lang::Fr), "Un référentiel à partager\u{202F}?", "the French half is typeset");
        let english = crate::compact::language_from_compact(&files.english).unwrap();
        assert!(!Story::from_compact(&files.reader_english).unwrap().put_language(Lang::Fr, english), "a half fits only its own story");
    }

    #[test]
    fn the_static_pages_story_is_bilingual() {
        assert!(sample().for_static_pages().has_language(Lang::En));
    }

    #[test]
    fn what_readers_get_is_typeset_and_the_councils_story_is_not() {
        let mut story = sample();
        story.steps[0].views[0].title = crate::model::Text::new("Un référentiel à partager ?", "Something to share?");
        let typeset = "Un référentiel à partager\u{202F}?";
        let files = story.site_files();
        let mut reader = Story::from_compact(&files.reader).unwrap();
        assert_eq!(reader.steps[0].views[0].title.fr, typeset);
        assert!(reader.put_language(Lang::En, crate::compact::language_from_compact(&files.english).unwrap()), "the English half fits the typeset French");
        assert_eq!(reader.steps[0].views[0].title.en, "Something to share?");
        assert_eq!(story.for_static_pages().steps[0].views[0].title.fr, typeset);
        assert_eq!(story.for_worksheets().steps[0].views[0].title.fr, typeset);
        assert_eq!(Story::from_compact(&files.full).unwrap().steps[0].views[0].title.fr, "Un référentiel à partager ?", "the council's story as written");
    }
}
