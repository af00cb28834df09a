//! The story as immutable content: what `story/` holds, once parsed.
//!
//! Nothing here knows about files, the DOM or the reader's position; see `reader` for the
//! reader's state and `toml_format` for the files.

// Lang and ScaleId live in `base`, which `contribution` shares without importing the model.
pub use crate::base::{Lang, ScaleId};
use crate::contribution::{Contribution, Status};

/// A text in every language of the story. An empty translation is a validation warning.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub fr: String,
    pub en: String,
}

impl Text {
    pub fn new(fr: impl Into<String>, en: impl Into<String>) -> Self {
        Text { fr: fr.into(), en: en.into() }
    }

    /// The text in `lang`, falling back to French where the translation is missing (and to
    /// English where French is: the plain reader's English story arrives without it).
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.en.is_empty() => &self.en,
            Lang::Fr if self.fr.is_empty() => &self.en,
            _ => &self.fr,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.fr.is_empty() && self.en.is_empty()
    }
}

/// The whole story.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Story {
    pub meta: Meta,
    /// Exactly one per [`ScaleId`], in [`ScaleId::ALL`] order once valid.
    pub scales: Vec<Scale>,
    /// The main path, from the starting point (first) to the desired model (last).
    pub trajectory: Vec<String>,
    pub sources: Vec<Source>,
    /// Every step, main and side, sorted by id.
    pub steps: Vec<Step>,
    pub glossary: Vec<Term>,
    /// Official open data shown beside the report's figures, if the story ships it.
    pub territory: Option<Territory>,
    /// Testimonies collected by the council, every status, sorted by id (see
    /// [`Story::sort_contributions`]); readers see the accepted ones.
    pub contributions: Vec<Contribution>,
}

/// What the story is and where it comes from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub title: Text,
    /// The story's promise in one sentence, for the start screen.
    pub promise: Text,
    pub report: Report,
}

/// The source report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub title: Text,
    pub authors: Vec<String>,
    pub publishers: Vec<String>,
    /// As the report gives it, e.g. "2017-09".
    pub date: String,
}

/// One territorial scale of the story.
#[derive(Clone, Debug, PartialEq)]
pub struct Scale {
    pub id: ScaleId,
    pub name: Text,
    pub short: Text,
    /// The population the report gives (its date, not today's).
    pub population: u64,
    /// The source of `population`.
    pub population_source: String,
    /// The official code (INSEE for a commune, SIREN for a grouping), linking the scale to
    /// the open data in [`Territory`].
    pub code: Option<String>,
}

/// Where a figure or a quote comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    /// The report's section, or the dataset's name.
    pub title: Text,
    pub kind: SourceKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SourceKind {
    /// A passage of the report.
    Report {
        /// First and last line of the passage in the report's OCR text.
        ocr_lines: Option<(u32, u32)>,
        /// The passage itself, OCR errors corrected, for the reader to open.
        passage: Text,
    },
    /// An open dataset.
    Dataset { publisher: String, version: String, year: u32, licence: String, url: String },
}

/// A moment of the story, told at the three scales.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub id: String,
    /// Side steps only (those not on the trajectory): the step they lead on to.
    pub next: Option<String>,
    /// Side paths offered here.
    pub branches: Vec<Branch>,
    /// Questions put to the reader, each answer leading to a step.
    pub choices: Vec<Choice>,
    /// One per scale, in [`ScaleId::ALL`] order once valid.
    pub views: Vec<View>,
    /// What the step is about, drawn into its landscape (see [`Motif`]).
    pub motif: Option<Motif>,
}

impl Step {
    pub fn view(&self, scale: ScaleId) -> Option<&View> {
        self.views.iter().find(|v| v.scale == scale)
    }
}

/// What a step is about, as its drawn landscape shows it: a motif in the foreground of the
/// territory (the council sets it in the step's file, `motif = "habitat"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Motif {
    /// A group carrying a project together.
    Collectif,
    /// The territories linked: cooperation between towns and scales.
    Cooperation,
    /// Residents taking part, speaking up.
    Habitants,
    /// Housing being renovated.
    Habitat,
    /// A story told together.
    Recit,
    /// A meeting around a table.
    Reunion,
    /// An agreement between residents and their town.
    Contrat,
    /// A forum with its stands.
    Forum,
}

impl Motif {
    pub const ALL: [Motif; 8] = [Motif::Collectif, Motif::Cooperation, Motif::Habitants, Motif::Habitat, Motif::Recit, Motif::Reunion, Motif::Contrat, Motif::Forum];

    /// The id used in story files (and by the drawing's stylesheet).
    pub fn id(self) -> &'static str {
        ["collectif", "cooperation", "habitants", "habitat", "recit", "reunion", "contrat", "forum"][self as usize]
    }

    pub fn from_id(id: &str) -> Option<Motif> {
        Motif::ALL.into_iter().find(|m| m.id() == id)
    }
}

/// A side path offered at a step.
#[derive(Clone, Debug, PartialEq)]
pub struct Branch {
    pub to: String,
    pub label: Text,
}

/// A question put to the reader at a step.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub id: String,
    pub prompt: Text,
    pub options: Vec<ChoiceOption>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceOption {
    pub label: Text,
    /// The step that tells what the report says of this answer.
    pub to: String,
}

/// A step as seen at one scale.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub scale: ScaleId,
    pub title: Text,
    /// Markdown subset, see [`crate::markdown`].
    pub text: Text,
    /// The same in easy read (« Facile à lire », FALC): short sentences, one idea each,
    /// everyday words. Plain text or the Markdown subset.
    pub easy: Text,
    pub actors: Vec<Text>,
    pub figures: Vec<Figure>,
    pub quotes: Vec<Quote>,
    /// Workshop questions for pupils.
    pub questions: Vec<Text>,
    /// Workshop activity for pupils.
    pub activity: Text,
    /// Glossary term ids explained at this view.
    pub terms: Vec<String>,
    /// For the teacher only: expected answers and how to run the activity. Markdown subset.
    pub notes: Text,
    /// Quiz questions on what this view tells.
    pub quiz: Vec<QuizQuestion>,
    /// A photograph or drawing from the council, shown instead of the drawn landscape.
    pub picture: Option<Picture>,
}

/// A picture of a view: a file of `story/media/`, with what readers must be told of it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Picture {
    /// The file's name in `story/media/` (and `/media/` once built).
    pub file: String,
    /// What the picture shows, for those who cannot see it.
    pub alt: Text,
    /// Who is credited, as the rights holder wants it.
    pub credit: String,
    pub licence: String,
    /// Who took or made it.
    pub by: String,
    /// When: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// The intrinsic size in pixels, read from the file (not written in the story files):
    /// the reader reserves the room before the picture arrives. 0 when not known.
    pub width: u32,
    pub height: u32,
}

/// A multiple-choice question whose answer the view gives, explained and cited.
#[derive(Clone, Debug, PartialEq)]
pub struct QuizQuestion {
    pub question: Text,
    pub options: Vec<Text>,
    /// The right option, 1-based as in the story files.
    pub answer: u64,
    /// Why it is the right answer, shown after the pupil answers.
    pub explanation: Text,
    /// The report's passage that gives the answer.
    pub source: String,
}

impl QuizQuestion {
    /// Whether `option` (0-based, as shown) is the right answer.
    pub fn is_right(&self, option: usize) -> bool {
        option as u64 + 1 == self.answer
    }
}

/// A key figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub value: u64,
    /// "about" in the report's words.
    pub approximate: bool,
    pub label: Text,
    pub source: String,
}

/// A verbatim quote from the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub text: Text,
    pub by: Text,
    pub source: String,
}

/// A glossary entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    pub id: String,
    pub word: Text,
    pub definition: Text,
}

/// Official open data: the groupings of the pole and their communes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Territory {
    /// The dataset source these figures come from.
    pub source: String,
    pub groupings: Vec<Grouping>,
}

/// An intercommunal grouping (EPCI) with its member communes.
#[derive(Clone, Debug, PartialEq)]
pub struct Grouping {
    pub code: String,
    pub name: String,
    pub communes: Vec<Commune>,
}

impl Grouping {
    pub fn population(&self) -> u64 {
        self.communes.iter().map(|c| c.population).sum()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Commune {
    pub code: String,
    pub name: String,
    pub population: u64,
}

impl Story {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.binary_search_by(|s| s.id.as_str().cmp(id)).ok().map(|i| &self.steps[i])
    }

    /// The view of `step` at `scale`, to change it.
    pub fn view_mut(&mut self, step: &str, scale: ScaleId) -> Option<&mut View> {
        self.steps.iter_mut().find(|s| s.id == step)?.views.iter_mut().find(|v| v.scale == scale)
    }

    pub fn scale(&self, id: ScaleId) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn term(&self, id: &str) -> Option<&Term> {
        self.glossary.iter().find(|t| t.id == id)
    }

    pub fn start(&self) -> Option<&str> {
        self.trajectory.first().map(String::as_str)
    }

    pub fn goal(&self) -> Option<&str> {
        self.trajectory.last().map(String::as_str)
    }

    /// Where a step is on the trajectory, if it is a main step.
    pub fn main_index(&self, id: &str) -> Option<usize> {
        self.trajectory.iter().position(|s| s == id)
    }

    /// The population of a scale in the open data (today's, beside the report's): the
    /// commune's own; the sum of the grouping's communes; for the pole, of all groupings
    /// (its agglomerations, without the department that is also a member).
    pub fn official_population(&self, scale: ScaleId) -> Option<u64> {
        let territory = self.territory.as_ref()?;
        let code = self.scale(scale)?.code.as_deref();
        match scale {
            ScaleId::Commune => territory.groupings.iter().flat_map(|g| &g.communes).find(|c| Some(c.code.as_str()) == code).map(|c| c.population),
            ScaleId::Agglomeration => territory.groupings.iter().find(|g| Some(g.code.as_str()) == code).map(Grouping::population),
            ScaleId::Pole => Some(territory.groupings.iter().map(Grouping::population).sum()),
        }
    }

    /// The open data's source, when the story ships open data.
    pub fn territory_source(&self) -> Option<&Source> {
        self.source(&self.territory.as_ref()?.source)
    }

    /// Puts the steps in canonical (id) order, which [`Story::step`] relies on.
    pub fn sort_steps(&mut self) {
        self.steps.sort_by(|a, b| a.id.cmp(&b.id));
    }

    /// Puts the contributions in canonical (id) order; stable, so that duplicates (an error
    /// the validator reports) keep the order they were read in.
    pub fn sort_contributions(&mut self) {
        self.contributions.sort_by(|a, b| a.id.cmp(&b.id));
    }

    /// How far the territory has turned green at a step, in percent: 0 at the starting
    /// point, 100 at the desired model, in proportion along the trajectory; a side step is
    /// as green as the main step it returns to. A whole number, so that the app never
    /// formats a float (the formatting code would weigh on the first visit).
    pub fn greening(&self, step: &str) -> u32 {
        let last = self.trajectory.len().saturating_sub(1).max(1);
        let index = self.main_anchor(step).and_then(|a| self.main_index(a)).unwrap_or(0);
        (index * 100 / last) as u32
    }

    /// The contributions readers see at a step and scale, « Paroles d'habitants »: the
    /// accepted ones, in id order.
    pub fn accepted_contributions<'s>(&'s self, step: &'s str, scale: ScaleId) -> impl Iterator<Item = &'s Contribution> + 's {
        self.contributions.iter().filter(move |c| c.status == Status::Accepted && c.step == step && c.scale == scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(id: &str, next: Option<&str>) -> Step {
        Step { id: id.into(), next: next.map(String::from), branches: Vec::new(), choices: Vec::new(), views: Vec::new(), motif: None }
    }

    #[test]
    fn greening_goes_from_black_to_green_along_the_trajectory() {
        let mut story = Story { trajectory: ["a", "b", "c", "d", "e"].map(String::from).into(), ..Story::default() };
        story.steps = vec![step("a", None), step("b", None), step("c", None), step("d", None), step("e", None), step("side", Some("c"))];
        story.sort_steps();
        let greening: Vec<u32> = ["a", "b", "c", "d", "e"].iter().map(|s| story.greening(s)).collect();
        assert_eq!(greening, [0, 25, 50, 75, 100]);
        assert_eq!(story.greening("side"), 50, "a side step is as green as the step it returns to");
        assert_eq!(story.greening("nowhere"), 0);
        story.trajectory.truncate(1);
        assert_eq!(story.greening("a"), 0, "a one-step story does not divide by zero");
    }

    #[test]
    fn view_mut_finds_a_step_at_a_scale() {
        let mut story = Story::default();
        crate::edit::add_step(&mut story, "a", None, true).unwrap();
        story.view_mut("a", ScaleId::Pole).unwrap().title.fr = "Le pôle".into();
        assert_eq!(story.step("a").and_then(|s| s.view(ScaleId::Pole)).map(|v| v.title.fr.as_str()), Some("Le pôle"));
        assert_ne!(story.step("a").and_then(|s| s.view(ScaleId::Commune)).map(|v| v.title.fr.as_str()), Some("Le pôle"));
        assert!(story.view_mut("b", ScaleId::Pole).is_none());
        story.steps[0].views.pop();
        assert!(story.view_mut("a", ScaleId::Pole).is_none(), "a step without that view");
    }

    #[test]
    fn motifs_read_back_from_their_ids() {
        for motif in Motif::ALL {
            assert_eq!(Motif::from_id(motif.id()), Some(motif));
        }
        assert_eq!(Motif::from_id("mine"), None);
    }
}
