//! What the validator calls repeats: the same quotation in two places, and two quiz questions
//! too alike. Both are compared in French, the original, once normalised (see [`normalise`]).

use std::collections::HashMap;

/// A text reduced to its words: lower case, and every run of what is not a letter or a digit
/// (spaces, punctuation, guillemets, apostrophes, hyphens) made one space, so that
/// « Multi-échelles ! » and "multi échelles" are the same.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Each text that repeats an earlier one (normalised), as (earlier, later) indices; empty
/// texts repeat nothing. Linear in the texts' length.
pub fn repeated<S: AsRef<str>>(texts: &[S]) -> Vec<(usize, usize)> {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let key = normalise(text.as_ref());
        if key.is_empty() {
            continue;
        }
        match first.get(&key) {
            Some(&earlier) => out.push((earlier, i)),
            None => {
                first.insert(key, i);
            }
        }
    }
    out
}

/// Two quiz questions are too alike when their normalised questions are the same, or when the
/// words of question and right answer overlap by [`ALIKE`] or more (shared words / all words,
/// counting only words of at least [`MIN_WORD`] letters: short ones are articles and
/// prepositions). On the 2017 story the near-copies found by reading score above it, and the
/// closest distinct questions (« combien d'habitants compte… » at two scales) below it
/// (docs/budget.md, « Measured by hand »).
pub const ALIKE: (usize, usize) = (3, 5);
pub const MIN_WORD: usize = 4;

/// A quiz question as compared: its normalised question and its words, sorted and unique.
pub struct QuizKey {
    question: String,
    words: Vec<String>,
}

impl QuizKey {
    pub fn new(question: &str, answer: &str) -> Self {
        let (question, answer) = (normalise(question), normalise(answer));
        let mut words: Vec<String> = question.split(' ').chain(answer.split(' ')).filter(|w| w.chars().count() >= MIN_WORD).map(str::to_string).collect();
        words.sort_unstable();
        words.dedup();
        QuizKey { question, words }
    }

    fn alike(&self, other: &QuizKey) -> bool {
        let (mut a, mut b, mut shared) = (0, 0, 0);
        while a < self.words.len() && b < other.words.len() {
            match self.words[a].cmp(&other.words[b]) {
                std::cmp::Ordering::Less => a += 1,
                std::cmp::Ordering::Greater => b += 1,
                std::cmp::Ordering::Equal => (a, b, shared) = (a + 1, b + 1, shared + 1),
            }
        }
        let all = self.words.len() + other.words.len() - shared;
        all > 0 && shared * ALIKE.1 >= all * ALIKE.0
    }
}

/// Each question too alike an earlier one, as (earlier, later) indices: a later question is
/// paired with the first it resembles, so a question copied n times gives n - 1 warnings.
///
/// Not every pair is compared: two word sets that overlap by 3/5 share one of the
/// `n - ⌈3n/5⌉ + 1` rarest words of each (prefix filtering), so only questions sharing a
/// rare word are; a word every question has ("rapport") is then seldom looked at.
pub fn similar_quiz(keys: &[QuizKey]) -> Vec<(usize, usize)> {
    let mut frequency: HashMap<&str, usize> = HashMap::new();
    for key in keys {
        for word in &key.words {
            *frequency.entry(word).or_default() += 1;
        }
    }
    let mut by_question: HashMap<&str, usize> = HashMap::new();
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut out = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let mut rarest: Vec<&str> = key.words.iter().map(String::as_str).collect();
        rarest.sort_unstable_by_key(|w| (frequency[w], *w));
        let n = rarest.len();
        let prefix = &rarest[..(n + 1).saturating_sub((n * ALIKE.0).div_ceil(ALIKE.1)).min(n)];
        let earlier = by_question.get(key.question.as_str()).copied().or_else(|| {
            let mut candidates: Vec<usize> = prefix.iter().filter_map(|w| by_word.get(w)).flatten().copied().collect();
            candidates.sort_unstable();
            candidates.dedup();
            candidates.into_iter().find(|&j| keys[j].alike(key))
        });
        match earlier {
            Some(j) => out.push((j, i)),
            None => {
                if !key.question.is_empty() {
                    by_question.insert(&key.question, i);
                }
                for word in prefix {
                    by_word.entry(word).or_default().push(i);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_ignores_case_spaces_punctuation_and_guillemets() {
        assert_eq!(normalise("« De l'Archipel  noir à l’Archipel vert » !"), "de l archipel noir à l archipel vert");
        assert_eq!(normalise("projet de transition multi-échelles"), normalise("Projet de transition « multi échelles »"));
        assert_eq!(normalise(" … "), "");
    }

    #[test]
    fn repeats_pair_each_later_text_with_the_first() {
        assert_eq!(repeated(&["« A b »", "c", "a B.", "", "", "A, b"]), [(0, 2), (0, 5)]);
    }

    #[test]
    fn quiz_questions_are_alike_by_their_words_not_their_short_ones() {
        let key = |q: &str, a: &str| QuizKey::new(q, a);
        let questions = [
            key("D'après le rapport, quel organe consultatif de la CALL pourrait être relancé pour associer la société civile ?", "Le Conseil de développement"),
            key("D'après le rapport, combien d'habitants compte Loos-en-Gohelle ?", "6 500"),
            key("D'après le rapport, quel organe de la CALL pourrait être relancé pour associer la société civile à la transition ?", "Le Conseil de développement"),
            key("D'après le rapport, combien d'habitants compte l'Agglomération de Lens-Liévin ?", "245 000"),
            key("d’après le rapport : combien d’habitants compte Loos-en-Gohelle", "6500 habitants"),
            key("", ""),
            key("", ""),
        ];
        assert_eq!(similar_quiz(&questions), [(0, 2), (1, 4)]);
    }

    #[test]
    fn a_question_copied_many_times_is_compared_once_each() {
        let keys: Vec<QuizKey> = (0..10_000).map(|_| QuizKey::new("Qui agit ?", "Les élus")).collect();
        let pairs = similar_quiz(&keys);
        assert_eq!(pairs.len(), 9_999);
        assert!(pairs.iter().all(|&(first, _)| first == 0));
    }
}
