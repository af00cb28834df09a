//! What the school workshop draws from the story: the glossary words to mark in a text, and
//! the quiz at a scale.

use std::ops::Range;

use crate::model::{Lang, QuizQuestion, ScaleId, Step, Story, Term};

/// The word a term is found by in a text: its word without the explanation in brackets
/// (« commune (municipality) » is found as « commune »).
pub fn term_word(term: &Term, lang: Lang) -> &str {
    let word = term.word.get(lang);
    word.split(" (").next().unwrap_or(word).trim()
}

/// Where `word` first appears in `text`: case-insensitively, at the start of a word, and
/// followed by at most a few letters so that plurals and feminines are found too
/// (« cloisonnement » in « cloisonnements »). The range covers the whole written word.
pub fn find_word(text: &str, word: &str) -> Option<Range<usize>> {
    let word: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    if word.is_empty() {
        return None;
    }
    let mut previous_is_letter = false;
    for (start, c) in text.char_indices() {
        if !previous_is_letter {
            if let Some(end) = matches_at(&text[start..], &word) {
                let rest = &text[start + end..];
                let suffix: usize = rest.chars().take_while(|c| c.is_alphanumeric()).map(char::len_utf8).sum();
                // More than a plural or a feminine ending is another word (« élu » in « éluder »).
                if rest[..suffix].chars().count() <= 2 {
                    return Some(start..start + end + suffix);
                }
            }
        }
        previous_is_letter = c.is_alphanumeric();
    }
    None
}

/// The byte length of the prefix of `text` that equals `word` (already lowercase), ignoring case.
fn matches_at(text: &str, word: &[char]) -> Option<usize> {
    let mut expected = word.iter();
    let mut end = 0;
    for c in text.chars() {
        let mut lower = c.to_lowercase();
        // Compare the whole lowercase form of `c`, which may be longer than one char.
        for l in lower.by_ref() {
            if expected.next() != Some(&l) {
                return None;
            }
        }
        end += c.len_utf8();
        if expected.len() == 0 {
            return Some(end);
        }
    }
    None
}

/// A piece of a text in which glossary words are marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'t> {
    Text(&'t str),
    /// A glossary word, as written in the text, and its term's id.
    Term {
        text: &'t str,
        id: String,
    },
}

/// Splits `text` at the first occurrence of each of `terms` (id, word) and removes the
/// terms found from `terms`, so that a word is marked once in a view, where it first appears.
pub fn mark_terms<'t>(text: &'t str, terms: &mut Vec<(String, String)>) -> Vec<Piece<'t>> {
    let mut found: Vec<(Range<usize>, String)> = Vec::new();
    terms.retain(|(id, word)| match find_word(text, word) {
        Some(range) if !found.iter().any(|(r, _)| r.start < range.end && range.start < r.end) => {
            found.push((range, id.clone()));
            false
        }
        _ => true,
    });
    found.sort_by_key(|(r, _)| r.start);
    let mut pieces = Vec::new();
    let mut at = 0;
    for (range, id) in found {
        if range.start > at {
            pieces.push(Piece::Text(&text[at..range.start]));
        }
        pieces.push(Piece::Term { text: &text[range.clone()], id });
        at = range.end;
    }
    if at < text.len() || pieces.is_empty() {
        pieces.push(Piece::Text(&text[at..]));
    }
    pieces
}

impl Story {
    /// The steps in the order a class meets them: each main step in trajectory order,
    /// followed by the side steps it offers.
    pub fn workshop_order(&self) -> Vec<&Step> {
        let mut steps: Vec<&Step> = Vec::new();
        for main in &self.trajectory {
            let Some(step) = self.step(main) else { continue };
            steps.push(step);
            let offered = step.branches.iter().map(|b| b.to.as_str()).chain(step.choices.iter().flat_map(|c| c.options.iter().map(|o| o.to.as_str())));
            for side in offered.filter(|id| self.main_index(id).is_none()).filter_map(|id| self.step(id)) {
                if !steps.iter().any(|s| s.id == side.id) {
                    steps.push(side);
                }
            }
        }
        steps
    }

    /// What the plain reader (the first visit) embeds, and the English half it fetches when a
    /// reader first reads in English: the story without the workshop's material, the easy-read
    /// texts (the modes app has them) and the report's passages (fetched when first opened),
    /// the open data trimmed, and only the testimonies readers see. The site's files
    /// (`site.rs`) take both from here, out of the typeset story, so that the English half
    /// fits the plain reader's story.
    pub fn for_plain_reader(&self) -> (Story, crate::language::LanguagePack) {
        let mut story = self.without_workshop();
        story.take_passages();
        story.drop_easy_texts();
        story.trim_territory();
        story.contributions = crate::contribution::for_readers(std::mem::take(&mut story.contributions));
        let english = story.take_language(Lang::En);
        (story, english)
    }

    /// The story without what only the workshop shows (questions, activities, teacher's
    /// notes, quizzes, the glossary): what the plain reader ships.
    pub fn without_workshop(&self) -> Story {
        let mut story = self.clone();
        story.glossary.clear();
        for view in story.steps.iter_mut().flat_map(|s| &mut s.views) {
            view.questions.clear();
            view.activity = Default::default();
            view.notes = Default::default();
            view.quiz.clear();
            view.terms.clear();
        }
        story
    }

    /// Sums the communes of the groupings other than the agglomeration's into one entry each
    /// (no code, no name): the plain reader's map draws only its agglomeration's communes, and
    /// every population it shows is a sum: the first visit does not carry the other communes.
    pub fn trim_territory(&mut self) {
        let home = self.scale(ScaleId::Agglomeration).and_then(|s| s.code.clone());
        let Some(territory) = &mut self.territory else { return };
        for grouping in territory.groupings.iter_mut().filter(|g| Some(&g.code) != home.as_ref()) {
            let population = grouping.population();
            grouping.communes = vec![crate::model::Commune { code: String::new(), name: String::new(), population }];
        }
    }

    /// The quiz at `scale`, in [`Story::workshop_order`]. Each question comes with its
    /// step's id and its index in the view's quiz.
    pub fn quiz(&self, scale: ScaleId) -> Vec<(&str, usize, &QuizQuestion)> {
        self.workshop_order().into_iter().flat_map(|step| step.view(scale).into_iter().flat_map(|v| v.quiz.iter().enumerate()).map(move |(i, q)| (step.id.as_str(), i, q))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_with_their_endings_and_case_but_not_inside_other_words() {
        let text = "Les Cloisonnements entre services ; un élu, des élues ; éluder.";
        assert_eq!(find_word(text, "cloisonnement").map(|r| &text[r]), Some("Cloisonnements"));
        assert_eq!(find_word(text, "élu").map(|r| &text[r]), Some("élu"));
        assert_eq!(find_word("éluder puis élues", "élu").map(|r| r.start), Some("éluder puis ".len()));
        assert_eq!(find_word("décloisonnement", "cloisonnement"), None);
        assert_eq!(find_word("communauté d'agglomération", "Communauté d'agglomération"), Some(0..28));
        assert_eq!(find_word("", "mot"), None);
        assert_eq!(find_word("mot", ""), None);
    }

    #[test]
    fn each_term_is_marked_once_where_it_first_appears() {
        let mut terms = vec![("elu".to_string(), "élu".to_string()), ("mode-projet".to_string(), "mode projet".to_string()), ("absent".to_string(), "absent".to_string())];
        let pieces = mark_terms("Le mode projet des élus, et encore des élus.", &mut terms);
        assert_eq!(
            pieces,
            [
                Piece::Text("Le "),
                Piece::Term { text: "mode projet", id: "mode-projet".into() },
                Piece::Text(" des "),
                Piece::Term { text: "élus", id: "elu".into() },
                Piece::Text(", et encore des élus."),
            ]
        );
        assert_eq!(terms, [("absent".to_string(), "absent".to_string())]);
        assert_eq!(mark_terms("rien", &mut terms), [Piece::Text("rien")]);
    }

    #[test]
    fn the_readers_story_keeps_everything_but_the_workshop() {
        let term = Term { id: "mot".into(), word: crate::Text::new("mot", "word"), definition: crate::Text::new("déf", "def") };
        let view = crate::View {
            scale: ScaleId::Commune,
            title: crate::Text::new("Titre", "Title"),
            text: crate::Text::new("Texte", "Text"),
            easy: crate::Text::new("Facile", "Easy"),
            actors: vec![crate::Text::new("Élus", "Officials")],
            figures: Vec::new(),
            quotes: Vec::new(),
            questions: vec![crate::Text::new("Qui ?", "Who?")],
            activity: crate::Text::new("Dessinez.", "Draw."),
            terms: vec!["mot".into()],
            notes: crate::Text::new("Réponse", "Answer"),
            quiz: vec![QuizQuestion { question: crate::Text::new("Q", "Q"), options: Vec::new(), answer: 1, explanation: crate::Text::default(), source: String::new() }],
            picture: None,
        };
        let story =
            Story { glossary: vec![term], steps: vec![Step { id: "a".into(), next: None, branches: Vec::new(), choices: Vec::new(), views: vec![view.clone()], motif: None }], ..Story::default() };
        let reader = story.without_workshop();
        assert!(reader.glossary.is_empty());
        let kept = &reader.steps[0].views[0];
        assert_eq!((&kept.title, &kept.text, &kept.actors), (&view.title, &view.text, &view.actors));
        assert!(kept.questions.is_empty() && kept.activity.is_empty() && kept.notes.is_empty() && kept.quiz.is_empty() && kept.terms.is_empty());
    }

    #[test]
    fn trimming_the_territory_keeps_every_population_and_the_agglomerations_communes() {
        use crate::model::{Commune, Grouping, Scale, Territory};
        let commune = |code: &str, population| Commune { code: code.into(), name: code.into(), population };
        let scale = |id, code: &str| Scale { id, name: Default::default(), short: Default::default(), population: 0, population_source: String::new(), code: Some(code.into()) };
        let mut story = Story {
            scales: vec![scale(ScaleId::Commune, "62528"), scale(ScaleId::Agglomeration, "call"), scale(ScaleId::Pole, "pma")],
            territory: Some(Territory {
                source: "s".into(),
                groupings: vec![
                    Grouping { code: "call".into(), name: "CALL".into(), communes: vec![commune("62528", 6800), commune("62498", 30000)] },
                    Grouping { code: "cabbalr".into(), name: "CABBALR".into(), communes: vec![commune("62119", 20000), commune("62160", 5000)] },
                ],
            }),
            ..Story::default()
        };
        let before: Vec<_> = ScaleId::ALL.iter().map(|s| story.official_population(*s)).collect();
        story.trim_territory();
        assert_eq!(ScaleId::ALL.iter().map(|s| story.official_population(*s)).collect::<Vec<_>>(), before);
        let groupings = &story.territory.as_ref().unwrap().groupings;
        assert_eq!(groupings[0].communes.len(), 2);
        assert_eq!(groupings[1].communes.len(), 1);
    }

    #[test]
    fn odd_case_mappings_do_not_panic() {
        // 'İ' lowercases to two chars; the ranges must stay on char boundaries.
        for text in ["İstanbul élu", "ﬃ élu", "ΣΑΣ élu"] {
            let range = find_word(text, "élu").unwrap();
            assert_eq!(&text[range], "élu");
        }
        assert_eq!(find_word("İi", "i̇"), Some(0.."İi".len()), "the dotted capital and its plural-like ending");
    }
}
