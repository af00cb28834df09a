//! The reader's state, apart from the story: where they are (step, scale, language), the
//! path they took, and the URL that holds the position.
//!
//! URL scheme (documented in the README):
//! - `/` and `/fr`, `/en`: the start screen;
//! - `/{lang}/{scale}/{step}`: a step at a scale, e.g. `/fr/commune/le-point-de-depart`,
//!   where `lang` is `fr` or `en`, `scale` is `commune`, `agglomeration` or `pole`, and
//!   `step` is a step id;
//! - the workshop's pages: `/{lang}/quiz/{scale}` (the quiz at a scale), `/{lang}/mon-recit`
//!   (the pupil's own story), `/{lang}/fiche` and `/{lang}/fiche/{step}` (the printable
//!   worksheet of the whole story or of one step);
//! - the kiosk's personal-data page: `/fr/donnees-personnelles`, `/en/personal-data`;
//! - the council's editor: `/editeur/…` (its own routes: the editor's `route.rs`).
//!
//! Which app an address needs is decided from these rules before any wasm is loaded:
//! [`EDITOR`], [`MODES_PAGES`] and [`MODES_FLAGS`], which `recit-check --routes`
//! prints and the build's hook writes into `web/boot.js`.

use std::fmt;

/// The segments after the language of the workshop's pages and the personal-data page.
pub const QUIZ: &str = "quiz";
pub const MY_STORY: &str = "mon-recit";
pub const WORKSHEET: &str = "fiche";
pub const PERSONAL_DATA_FR: &str = "donnees-personnelles";
pub const PERSONAL_DATA_EN: &str = "personal-data";
/// The pages only the modes app shows (the segment after the language).
pub const MODES_PAGES: [&str; 5] = [QUIZ, MY_STORY, WORKSHEET, PERSONAL_DATA_FR, PERSONAL_DATA_EN];

/// The query flags of the modes: the kiosk (`?kiosk&idle=5`), the workshop
/// (`?atelier=enseignant`), the easy read, and listening to the text.
pub const KIOSK: &str = "kiosk";
pub const WORKSHOP: &str = "atelier";
pub const EASY_READ: &str = "facile";
pub const LISTEN: &str = "ecouter";
/// An address with one of these in its query needs the modes app.
pub const MODES_FLAGS: [&str; 4] = [KIOSK, WORKSHOP, EASY_READ, LISTEN];

/// The first segment of the addresses of the council's editor, the third app.
pub const EDITOR: &str = "editeur";

use crate::model::{Lang, ScaleId, Story};

/// Where the reader is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Position {
    pub lang: Lang,
    pub scale: ScaleId,
    pub step: String,
}

impl Position {
    /// The start of the story at `scale`.
    pub fn start(story: &Story, lang: Lang, scale: ScaleId) -> Option<Position> {
        Some(Position { lang, scale, step: story.start()?.to_string() })
    }

    /// The URL path of this position.
    pub fn to_path(&self) -> String {
        format!("/{}/{}/{}", self.lang.code(), self.scale.id(), self.step)
    }

    /// The same place at another scale: switching scale keeps the step.
    pub fn at_scale(&self, scale: ScaleId) -> Position {
        Position { scale, ..self.clone() }
    }

    /// The same place in another language.
    pub fn in_lang(&self, lang: Lang) -> Position {
        Position { lang, ..self.clone() }
    }

    pub fn at_step(&self, step: &str) -> Position {
        Position { step: step.to_string(), ..self.clone() }
    }
}

/// What a URL path shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home {
        lang: Lang,
    },
    Step(Position),
    Workshop {
        lang: Lang,
        page: WorkshopPage,
    },
    /// How the kiosk handles residents' answers (RGPD): `/fr/donnees-personnelles`, `/en/personal-data`.
    PersonalData {
        lang: Lang,
    },
}

/// The workshop's own pages, beside the steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkshopPage {
    /// The quiz on the views at this scale.
    Quiz(ScaleId),
    /// « Mon récit »: the pupil's trajectory for their own town.
    MyStory,
    /// The printable worksheet of the whole story, or of one step.
    Worksheet(Option<String>),
}

impl Route {
    pub fn lang(&self) -> Lang {
        match self {
            Route::Home { lang } | Route::Workshop { lang, .. } | Route::PersonalData { lang } => *lang,
            Route::Step(p) => p.lang,
        }
    }

    /// The URL path of this route; [`parse_route`] reads it back.
    pub fn to_path(&self) -> String {
        match self {
            Route::Home { lang } => format!("/{}", lang.code()),
            Route::Step(p) => p.to_path(),
            Route::Workshop { lang, page } => match page {
                WorkshopPage::Quiz(scale) => format!("/{}/{QUIZ}/{}", lang.code(), scale.id()),
                WorkshopPage::MyStory => format!("/{}/{MY_STORY}", lang.code()),
                WorkshopPage::Worksheet(None) => format!("/{}/{WORKSHEET}", lang.code()),
                WorkshopPage::Worksheet(Some(step)) => format!("/{}/{WORKSHEET}/{step}", lang.code()),
            },
            Route::PersonalData { lang: Lang::Fr } => format!("/fr/{PERSONAL_DATA_FR}"),
            Route::PersonalData { lang: Lang::En } => format!("/en/{PERSONAL_DATA_EN}"),
        }
    }

    /// The same place in another language.
    pub fn in_lang(&self, lang: Lang) -> Route {
        match self {
            Route::Home { .. } => Route::Home { lang },
            Route::Step(p) => Route::Step(p.in_lang(lang)),
            Route::Workshop { page, .. } => Route::Workshop { lang, page: page.clone() },
            Route::PersonalData { .. } => Route::PersonalData { lang },
        }
    }
}

/// Why a URL path shows nothing of the story, for a helpful page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RouteError {
    UnknownLang {
        lang: String,
    },
    UnknownScale {
        lang: Lang,
        scale: String,
    },
    UnknownStep {
        lang: Lang,
        scale: ScaleId,
        step: String,
    },
    /// Too many or too few segments.
    Malformed {
        lang: Lang,
    },
}

impl RouteError {
    /// The language to explain the error in.
    pub fn lang(&self) -> Lang {
        match self {
            RouteError::UnknownLang { .. } => Lang::Fr,
            RouteError::UnknownScale { lang, .. } | RouteError::Malformed { lang } => *lang,
            RouteError::UnknownStep { lang, .. } => *lang,
        }
    }
}

impl fmt::Display for RouteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RouteError::UnknownLang { lang } => write!(f, "unknown language `{lang}` (fr or en)"),
            RouteError::UnknownScale { scale, .. } => write!(f, "unknown scale `{scale}` (commune, agglomeration or pole)"),
            RouteError::UnknownStep { step, .. } => write!(f, "unknown step `{step}`"),
            RouteError::Malformed { .. } => write!(f, "this address is not of the form /lang/scale/step"),
        }
    }
}

/// Reads a URL path (without query or fragment).
pub fn parse_route(story: &Story, path: &str) -> Result<Route, RouteError> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let Some(first) = segments.first() else { return Ok(Route::Home { lang: Lang::Fr }) };
    let lang = Lang::from_code(first).ok_or_else(|| RouteError::UnknownLang { lang: first.to_string() })?;
    let workshop = |page| Ok(Route::Workshop { lang, page });
    match segments[1..] {
        [] => Ok(Route::Home { lang }),
        [MY_STORY] => workshop(WorkshopPage::MyStory),
        [PERSONAL_DATA_FR | PERSONAL_DATA_EN] => Ok(Route::PersonalData { lang }),
        [WORKSHEET] => workshop(WorkshopPage::Worksheet(None)),
        [WORKSHEET, step] if story.step(step).is_some() => workshop(WorkshopPage::Worksheet(Some(step.to_string()))),
        [WORKSHEET, step] => Err(RouteError::UnknownStep { lang, scale: ScaleId::Commune, step: step.to_string() }),
        [QUIZ, scale] => match ScaleId::from_id(scale) {
            Some(scale) => workshop(WorkshopPage::Quiz(scale)),
            None => Err(RouteError::UnknownScale { lang, scale: scale.to_string() }),
        },
        [scale, step] => {
            let scale = ScaleId::from_id(scale).ok_or_else(|| RouteError::UnknownScale { lang, scale: scale.to_string() })?;
            if story.step(step).is_none() {
                return Err(RouteError::UnknownStep { lang, scale, step: step.to_string() });
            }
            Ok(Route::Step(Position { lang, scale, step: step.to_string() }))
        }
        [scale] if ScaleId::from_id(scale).is_none() => Err(RouteError::UnknownScale { lang, scale: scale.to_string() }),
        _ => Err(RouteError::Malformed { lang }),
    }
}

impl Story {
    /// The step « Suivant » leads to: the next step of the trajectory for a main step, where
    /// a side step returns for a side step; `None` at the desired model.
    pub fn next_step(&self, id: &str) -> Option<&str> {
        match self.main_index(id) {
            Some(i) => self.trajectory.get(i + 1).map(String::as_str),
            None => self.step(id)?.next.as_deref(),
        }
    }

    /// The step « Précédent » leads to: the previous step of the trajectory for a main step,
    /// the step that offered it for a side step; `None` at the starting point.
    pub fn previous_step(&self, id: &str) -> Option<&str> {
        match self.main_index(id) {
            Some(0) => None,
            Some(i) => self.trajectory.get(i - 1).map(String::as_str),
            None => self.offered_by(id),
        }
    }

    /// The first step (trajectory first, then by id) that offers `id` as a branch or an answer.
    pub fn offered_by(&self, id: &str) -> Option<&str> {
        let offers = |s: &&crate::model::Step| s.branches.iter().any(|b| b.to == id) || s.choices.iter().any(|c| c.options.iter().any(|o| o.to == id));
        self.trajectory.iter().filter_map(|m| self.step(m)).find(offers).or_else(|| self.steps.iter().find(offers)).map(|s| s.id.as_str())
    }

    /// The trajectory step a reader at `id` is at or will return to: for a side step, the
    /// first main step its `next` chain reaches.
    pub fn main_anchor(&self, id: &str) -> Option<&str> {
        let mut current = id;
        for _ in 0..=self.steps.len() {
            if self.main_index(current).is_some() {
                return self.step(current).map(|s| s.id.as_str());
            }
            current = self.step(current)?.next.as_deref()?;
        }
        None
    }
}

/// The reader's state: the position and the path taken. The story stays immutable beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reader {
    pub position: Position,
    /// Every step seen, in the order first seen.
    pub visited: Vec<String>,
}

impl Reader {
    pub fn new(position: Position) -> Reader {
        Reader { visited: vec![position.step.clone()], position }
    }

    pub fn has_visited(&self, step: &str) -> bool {
        self.visited.iter().any(|s| s == step)
    }

    /// Goes to `step` (which the caller took from the story), keeping scale and language.
    pub fn go_to(&mut self, step: &str) {
        if !self.has_visited(step) {
            self.visited.push(step.to_string());
        }
        self.position.step = step.to_string();
    }

    /// Follows « Suivant »; false at the desired model.
    pub fn next(&mut self, story: &Story) -> bool {
        match story.next_step(&self.position.step).map(str::to_string) {
            Some(next) => {
                self.go_to(&next);
                true
            }
            None => false,
        }
    }

    /// Follows « Précédent »; false at the starting point.
    pub fn previous(&mut self, story: &Story) -> bool {
        match story.previous_step(&self.position.step).map(str::to_string) {
            Some(previous) => {
                self.go_to(&previous);
                true
            }
            None => false,
        }
    }

    /// Takes the `index`-th branch of the current step.
    pub fn take_branch(&mut self, story: &Story, index: usize) -> bool {
        let to = story.step(&self.position.step).and_then(|s| s.branches.get(index)).map(|b| b.to.clone());
        to.map(|to| self.go_to(&to)).is_some()
    }

    /// Answers the choice `choice` of the current step with its `option`-th answer.
    pub fn choose(&mut self, story: &Story, choice: &str, option: usize) -> bool {
        let to = story.step(&self.position.step).and_then(|s| s.choices.iter().find(|c| c.id == choice)).and_then(|c| c.options.get(option)).map(|o| o.to.clone());
        to.map(|to| self.go_to(&to)).is_some()
    }

    /// Switching scale keeps the step.
    pub fn set_scale(&mut self, scale: ScaleId) {
        self.position.scale = scale;
    }

    pub fn set_lang(&mut self, lang: Lang) {
        self.position.lang = lang;
    }
}
