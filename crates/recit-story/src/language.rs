//! A language of the story taken out of it and put back: the plain reader embeds the French
//! story and fetches its English half (`english.bin`) when a reader first reads in English,
//! so that a French first visit does not download the English story.

use crate::model::*;

/// One language of every text of a story, in the order [`Story::for_each_text_mut`] visits
/// them, with the fingerprint of the other language's texts it belongs beside.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LanguagePack {
    /// [`Story::fingerprint`] of the story the texts were taken from, once taken.
    pub fingerprint: u64,
    pub texts: Vec<String>,
}

impl Text {
    fn in_lang(&mut self, lang: Lang) -> &mut String {
        match lang {
            Lang::Fr => &mut self.fr,
            Lang::En => &mut self.en,
        }
    }
}

impl Story {
    /// A fingerprint of the texts in the language that stays (FNV-1a over them, in order):
    /// a language pack fits only the story it was taken from.
    pub fn fingerprint(&mut self, kept: Lang) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        self.for_each_text_mut(|_, t| {
            for b in t.in_lang(kept).bytes().chain([0]) {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        });
        hash
    }

    /// Takes `lang`'s half of every text out of the story.
    pub fn take_language(&mut self, lang: Lang) -> LanguagePack {
        let mut texts = Vec::new();
        self.for_each_text_mut(|_, t| texts.push(std::mem::take(t.in_lang(lang))));
        LanguagePack { fingerprint: self.fingerprint(other(lang)), texts }
    }

    /// Puts back a language [`Story::take_language`] took out of this same story; a pack from
    /// another story (another build) changes nothing and gives `false`.
    pub fn put_language(&mut self, lang: Lang, pack: LanguagePack) -> bool {
        let mut count = 0;
        self.for_each_text_mut(|_, _| count += 1);
        if count != pack.texts.len() || self.fingerprint(other(lang)) != pack.fingerprint {
            return false;
        }
        let mut texts = pack.texts.into_iter();
        self.for_each_text_mut(|_, t| *t.in_lang(lang) = texts.next().unwrap_or_default());
        true
    }
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Fr => Lang::En,
        Lang::En => Lang::Fr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Story {
        let mut story = Story::default();
        crate::edit::add_step(&mut story, "a", None, true).unwrap();
        story.meta.title = Text::new("Récit", "Story");
        story.steps[0].views[0].title = Text::new("Départ", "Start");
        story.steps[0].views[0].actors = vec![Text::new("Le maire", "The mayor")];
        story
    }

    #[test]
    fn english_goes_out_and_back_to_the_same_story() {
        let full = sample();
        let mut french = full.clone();
        let pack = french.take_language(Lang::En);
        assert!(pack.texts.contains(&"The mayor".to_string()));
        assert_eq!(french.meta.title, Text::new("Récit", ""));
        let bytes = crate::compact::language_to_compact(&pack);
        assert!(french.put_language(Lang::En, crate::compact::language_from_compact(&bytes).unwrap()));
        assert_eq!(french, full);
    }

    #[test]
    fn a_pack_from_another_story_changes_nothing() {
        let mut other = sample();
        other.steps[0].views[0].title.fr = "Arrivée".into();
        let pack = other.take_language(Lang::En);
        let mut french = sample();
        french.take_language(Lang::En);
        let before = french.clone();
        assert!(!french.put_language(Lang::En, pack.clone()), "same shape, other French texts");
        let mut shorter = pack;
        shorter.texts.pop();
        assert!(!french.put_language(Lang::En, shorter));
        assert_eq!(french, before);
    }
}
