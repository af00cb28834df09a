//! Every text of the story, with where it is: one walk for the validator (its field paths),
//! the editor (its messages, « the text of `a` (commune) ») and the English half the plain
//! reader takes out and puts back (the same order both ways within a build).
//!
//! A place is a value, not words: each caller puts it into its own words, so that the plain
//! reader, which ignores it, carries no formatting code.

use crate::model::*;

/// Where a text is in the story: what holds it, by index and, where it has one, by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextPlace<'s> {
    StoryTitle,
    StoryPromise,
    ReportTitle,
    ScaleName { index: usize, scale: ScaleId },
    ScaleShort { index: usize, scale: ScaleId },
    SourceTitle { index: usize, id: &'s str },
    SourcePassage { index: usize, id: &'s str },
    TermWord { index: usize, id: &'s str },
    TermDefinition { index: usize, id: &'s str },
    Branch { step: &'s str, index: usize },
    ChoicePrompt { step: &'s str, index: usize, id: &'s str },
    ChoiceOption { step: &'s str, choice: usize, id: &'s str, option: usize },
    View { step: &'s str, scale: ScaleId, text: ViewText },
}

/// Which text of a view; indexes from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewText {
    Title,
    Text,
    Easy,
    Activity,
    Notes,
    QuizQuestion(usize),
    QuizExplanation(usize),
    QuizOption { question: usize, option: usize },
    Actor(usize),
    Question(usize),
    FigureLabel(usize),
    QuoteText(usize),
    QuoteBy(usize),
    PictureAlt,
}

/// The walk itself, written once for the read-only and the mutable forms: `$($m)?` is
/// `mut` or nothing.
macro_rules! walk_texts {
    ($story:expr, $f:expr, $($m:tt)?) => {{
        let (story, f) = ($story, $f);
        f(TextPlace::StoryTitle, &$($m)? story.meta.title);
        f(TextPlace::StoryPromise, &$($m)? story.meta.promise);
        f(TextPlace::ReportTitle, &$($m)? story.meta.report.title);
        for (index, s) in (&$($m)? story.scales).into_iter().enumerate() {
            f(TextPlace::ScaleName { index, scale: s.id }, &$($m)? s.name);
            f(TextPlace::ScaleShort { index, scale: s.id }, &$($m)? s.short);
        }
        for (index, s) in (&$($m)? story.sources).into_iter().enumerate() {
            let Source { id, title, kind } = s;
            let id: &str = id;
            f(TextPlace::SourceTitle { index, id }, title);
            if let SourceKind::Report { passage, .. } = kind {
                f(TextPlace::SourcePassage { index, id }, passage);
            }
        }
        for (index, t) in (&$($m)? story.glossary).into_iter().enumerate() {
            let Term { id, word, definition } = t;
            let id: &str = id;
            f(TextPlace::TermWord { index, id }, word);
            f(TextPlace::TermDefinition { index, id }, definition);
        }
        for s in &$($m)? story.steps {
            let Step { id: step, branches, choices, views, .. } = s;
            let step: &str = step;
            for (index, b) in branches.into_iter().enumerate() {
                f(TextPlace::Branch { step, index }, &$($m)? b.label);
            }
            for (index, c) in choices.into_iter().enumerate() {
                let Choice { id, prompt, options } = c;
                let id: &str = id;
                f(TextPlace::ChoicePrompt { step, index, id }, prompt);
                for (option, o) in options.into_iter().enumerate() {
                    f(TextPlace::ChoiceOption { step, choice: index, id, option }, &$($m)? o.label);
                }
            }
            for v in views {
                let View { scale, title, text, easy, activity, notes, quiz, actors, questions, figures, quotes, picture, .. } = v;
                let scale = *scale;
                let at = |text| TextPlace::View { step, scale, text };
                f(at(ViewText::Title), title);
                f(at(ViewText::Text), text);
                f(at(ViewText::Easy), easy);
                f(at(ViewText::Activity), activity);
                f(at(ViewText::Notes), notes);
                for (question, q) in quiz.into_iter().enumerate() {
                    f(at(ViewText::QuizQuestion(question)), &$($m)? q.question);
                    f(at(ViewText::QuizExplanation(question)), &$($m)? q.explanation);
                    for (option, o) in (&$($m)? q.options).into_iter().enumerate() {
                        f(at(ViewText::QuizOption { question, option }), o);
                    }
                }
                for (i, a) in actors.into_iter().enumerate() {
                    f(at(ViewText::Actor(i)), a);
                }
                for (i, q) in questions.into_iter().enumerate() {
                    f(at(ViewText::Question(i)), q);
                }
                for (i, fig) in figures.into_iter().enumerate() {
                    f(at(ViewText::FigureLabel(i)), &$($m)? fig.label);
                }
                for (i, q) in quotes.into_iter().enumerate() {
                    f(at(ViewText::QuoteText(i)), &$($m)? q.text);
                    f(at(ViewText::QuoteBy(i)), &$($m)? q.by);
                }
                if let Some(p) = picture {
                    f(at(ViewText::PictureAlt), &$($m)? p.alt);
                }
            }
        }
    }};
}

impl Story {
    /// Calls `f(place, text)` for every text of the story, always in the same order.
    pub fn for_each_text<'s>(&'s self, mut f: impl FnMut(TextPlace<'s>, &'s Text)) {
        walk_texts!(self, &mut f,)
    }

    /// [`Story::for_each_text`], the texts to change.
    pub fn for_each_text_mut(&mut self, mut f: impl FnMut(TextPlace, &mut Text)) {
        walk_texts!(self, &mut f, mut)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_visit_the_same_texts_in_the_same_places() {
        let mut story = Story::default();
        crate::edit::add_step(&mut story, "a", None, true).unwrap();
        let view = &mut story.steps[0].views[1];
        view.quiz = vec![QuizQuestion { question: Text::default(), options: vec![Text::default(); 2], answer: 1, explanation: Text::default(), source: String::new() }];
        view.picture = Some(Picture::default());
        story.glossary.push(Term { id: "mot".into(), word: Text::default(), definition: Text::default() });
        let mut written = Vec::new();
        story.for_each_text_mut(|place, text| {
            text.fr = format!("{place:?}");
            written.push(text.fr.clone());
        });
        let mut read = Vec::new();
        story.for_each_text(|place, text| {
            assert_eq!(text.fr, format!("{place:?}"), "each text is at its own place");
            read.push(text.fr.clone());
        });
        assert_eq!(read, written);
        let mut distinct = read.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), read.len(), "no two texts share a place");
        let scale = story.steps[0].views[1].scale;
        let option = &story.steps[0].views[1].quiz[0].options[1].fr;
        assert_eq!(*option, format!("{:?}", TextPlace::View { step: "a", scale, text: ViewText::QuizOption { question: 0, option: 1 } }));
        assert_eq!(story.glossary[0].definition.fr, format!("{:?}", TextPlace::TermDefinition { index: 0, id: "mot" }));
        assert_eq!(story.steps[0].views[1].picture.as_ref().unwrap().alt.fr, format!("{:?}", TextPlace::View { step: "a", scale, text: ViewText::PictureAlt }));
    }
}
