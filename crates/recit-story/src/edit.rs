//! Structural edits on a story, as the editor makes them: adding, deleting, moving and
//! renaming steps, linking side steps, the lists of a view, and the fields of a view, each
//! named by its [`FieldPath`].
//!
//! Every edit checks everything before it changes anything, so that a refused edit leaves
//! the story as it was (and [`crate::history::History`] records nothing). Edits keep the story
//! linked where they can (deleting a step removes the ways to it, renaming a step renames
//! every reference) and leave the rest to [`crate::validate()`], which the editor runs after
//! every change: an edit never refuses a story for being incomplete, since drafts are.

use std::fmt;

use crate::model::*;
use crate::path::{FieldPath, Segment};
use crate::texts::{TextPlace, ViewText};

/// Why an edit was refused. The story is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The id is not a valid step id.
    BadId {
        /// The id given.
        id: String,
    },
    /// Another step already has this id.
    IdTaken {
        /// The id given.
        id: String,
    },
    /// No step has this id.
    NoSuchStep {
        /// The id given.
        id: String,
    },
    /// The step is a side step, and the edit needs a step of the trajectory.
    NotOnTrajectory {
        /// The step's id.
        id: String,
    },
    /// The step is on the trajectory, and the edit needs a side step.
    OnTrajectory {
        /// The step's id.
        id: String,
    },
    /// The step is the story's only step.
    OnlyStep {
        /// The step's id.
        id: String,
    },
    /// The step is the only step of the trajectory: deleting it would leave the story with
    /// no start and no goal.
    EmptiesTrajectory {
        /// The step's id.
        id: String,
    },
    /// A position outside a list.
    OutOfRange {
        /// The list, in words: "the trajectory", "the figures of `x` (commune)".
        what: String,
        /// The position asked for, 0-based (negative when moved up past the first).
        index: isize,
        /// How many the list holds.
        len: usize,
    },
    /// A step would lead to itself.
    SelfLink {
        /// The step's id.
        id: String,
    },
    /// The step already offers a branch to that step.
    BranchExists {
        /// The step offering the branch.
        from: String,
        /// The step the branch leads to.
        to: String,
    },
    /// The step has no view at this scale.
    NoSuchView {
        /// The step's id.
        step: String,
        /// The missing scale.
        scale: ScaleId,
    },
    /// The glossary has no term with this id.
    UnknownTerm {
        /// The term id given.
        id: String,
    },
    /// The view already lists this glossary term.
    TermListed {
        /// The term id given.
        id: String,
    },
    /// No field of the story is at this path, or it does not take this kind of value.
    NoSuchField {
        /// The path given.
        path: FieldPath,
    },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::BadId { id } => write!(f, "`{id}` cannot be a step id: use lowercase letters without accents and digits, in words joined by single hyphens (le-point-de-depart)"),
            EditError::IdTaken { id } => write!(f, "a step is already called `{id}`: choose another id"),
            EditError::NoSuchStep { id } => write!(f, "there is no step `{id}`"),
            EditError::NotOnTrajectory { id } => write!(f, "`{id}` is a side step, not a step of the trajectory"),
            EditError::OnTrajectory { id } => {
                write!(f, "`{id}` is on the trajectory, where each step leads on to the following one: only side steps have their own next step")
            }
            EditError::OnlyStep { id } => write!(f, "`{id}` is the story's only step: add another step before deleting it"),
            EditError::EmptiesTrajectory { id } => {
                write!(f, "`{id}` is the only step of the trajectory: add another step to the trajectory before deleting it")
            }
            EditError::OutOfRange { what, index, len: 0 } => write!(f, "there is no position {} in {what}, which is empty", index + 1),
            EditError::OutOfRange { what, index, len } => write!(f, "there is no position {} in {what}, which goes from 1 to {len}", index + 1),
            EditError::SelfLink { id } => write!(f, "`{id}` cannot lead to itself: choose another step"),
            EditError::BranchExists { from, to } => write!(f, "`{from}` already offers a branch to `{to}`"),
            EditError::NoSuchView { step, scale } => write!(f, "the step `{step}` has no {} view", scale.id()),
            EditError::UnknownTerm { id } => write!(f, "the glossary has no term `{id}`: add it to the glossary first"),
            EditError::TermListed { id } => write!(f, "this view already explains the term `{id}`"),
            EditError::NoSuchField { path } => write!(f, "there is no field `{path}` to set to this value"),
        }
    }
}

impl std::error::Error for EditError {}

/// Whether `id` can be a new step's id: words of lowercase ASCII letters and digits joined by
/// single hyphens (`^[a-z0-9]+(-[a-z0-9]+)*$`). It is part of the step's URL and file name.
///
/// Stricter than what the validator accepts from files (which also allows stray hyphens),
/// so that the editor only makes clean ids.
pub fn is_step_id(id: &str) -> bool {
    !id.is_empty() && id.split('-').all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Creates a step told at the three scales, with placeholder French titles and texts
/// ("Nouvelle étape", "À écrire.") and empty English. A main step goes on the trajectory
/// after `after`, or at its end; a side step (`main` false) stands apart until a branch leads
/// to it and [`set_next`] leads it on, and `after` is not used.
pub fn add_step(story: &mut Story, id: &str, after: Option<&str>, main: bool) -> Result<(), EditError> {
    if !is_step_id(id) {
        return Err(EditError::BadId { id: id.into() });
    }
    if has_step(story, id) {
        return Err(EditError::IdTaken { id: id.into() });
    }
    let at = match (main, after) {
        (false, _) => None,
        (true, None) => Some(story.trajectory.len()),
        (true, Some(after)) => Some(main_index(story, after)? + 1),
    };
    let view = |scale| View {
        scale,
        title: Text::new("Nouvelle étape", ""),
        text: Text::new("À écrire.", ""),
        easy: Text::new("À écrire.", ""),
        actors: Vec::new(),
        figures: Vec::new(),
        quotes: Vec::new(),
        questions: Vec::new(),
        activity: Text::default(),
        terms: Vec::new(),
        notes: Text::default(),
        quiz: Vec::new(),
        picture: None,
    };
    story.steps.push(Step { id: id.into(), next: None, branches: Vec::new(), choices: Vec::new(), views: ScaleId::ALL.map(view).into(), motif: None });
    story.sort_steps();
    if let Some(at) = at {
        story.trajectory.insert(at, id.into());
    }
    Ok(())
}

/// The most bytes of an id [`suggest_id`] makes from a title, before any `-2`: ids are in
/// URLs and file names.
const MAX_SUGGESTED_LEN: usize = 48;

/// A free step id made from a French title: lowercase, accents removed (é→e, à→a, ç→c,
/// œ→oe…), anything else than letters and digits turned into single hyphens, trimmed,
/// shortened at a word, and followed by -2, -3… if taken. Always a valid id, "etape" for a
/// title with no letter.
pub fn suggest_id(story: &Story, title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        match fold_accent(c) {
            Some(plain) => slug.push_str(plain),
            None if c.is_ascii_alphanumeric() => slug.push(c),
            None if !slug.is_empty() && !slug.ends_with('-') => slug.push('-'),
            None => {}
        }
    }
    if slug.len() > MAX_SUGGESTED_LEN {
        // Cut at the last word boundary that fits, or inside a word that alone is too long.
        let cut = slug[..=MAX_SUGGESTED_LEN].rfind('-').filter(|&i| i > 0).unwrap_or(MAX_SUGGESTED_LEN);
        slug.truncate(cut);
    }
    let slug = match slug.trim_end_matches('-') {
        "" => "etape".to_string(),
        s => s.to_string(),
    };
    if !has_step(story, &slug) {
        return slug;
    }
    (2..).map(|n| format!("{slug}-{n}")).find(|id| !has_step(story, id)).unwrap_or(slug)
}

/// Latin letters with diacritics, as French (and its neighbours) writes them, in ASCII.
fn fold_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
        'œ' => "oe",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => "u",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        'š' | 'ś' => "s",
        'ž' | 'ź' | 'ż' => "z",
        'ł' => "l",
        'ř' => "r",
        _ => return None,
    })
}

/// Deletes a step and every way to it, so that the story stays linked: its place on the
/// trajectory, the branches and choice answers leading to it, and the links to it in texts
/// (which become plain text). Side steps that led on to it lead on to where it led instead:
/// the following step of the trajectory (the previous one for the goal), or its own `next`.
///
/// Returns what else was changed, one plain sentence each, for the editor to show. Refused
/// for the only step of the story, and for the only step of the trajectory.
pub fn delete_step(story: &mut Story, id: &str) -> Result<Vec<String>, EditError> {
    let index = step_index(story, id)?;
    let successor = successor_of_deleted(story, id, index)?;
    let mut changes = Vec::new();
    story.steps.remove(index);
    if story.main_index(id).is_some() {
        story.trajectory.retain(|s| s != id);
        changes.push(format!("`{id}` left the trajectory"));
    }
    for step in &mut story.steps {
        drop_ways_to(step, id, successor.as_deref(), &mut changes);
    }
    unlink_texts(story, id, &mut changes);
    move_testimonies(story, id, successor.as_deref(), &mut changes);
    Ok(changes)
}

/// Where the readers of step `id` (at `index`) go once it is deleted: the following step of
/// the trajectory (the previous one for the goal) or, for a side step, its own `next`. Refused
/// for the only step of the story and the only step of the trajectory.
fn successor_of_deleted(story: &Story, id: &str, index: usize) -> Result<Option<String>, EditError> {
    if story.steps.len() == 1 {
        return Err(EditError::OnlyStep { id: id.into() });
    }
    let main = story.main_index(id);
    if main.is_some() && story.trajectory.iter().all(|s| s == id) {
        return Err(EditError::EmptiesTrajectory { id: id.into() });
    }
    let successor = match main {
        Some(i) => story.trajectory.get(i + 1).or_else(|| story.trajectory.get(i.wrapping_sub(1))).cloned(),
        None => story.steps[index].next.clone(),
    };
    Ok(successor.filter(|s| s != id))
}

/// Removes the branches and choice answers of `step` that lead to the deleted `id`, and
/// leads it on to `successor` instead of `id`.
fn drop_ways_to(step: &mut Step, id: &str, successor: Option<&str>, changes: &mut Vec<String>) {
    let from = &step.id;
    step.branches.retain(|b| {
        let keep = b.to != id;
        if !keep {
            changes.push(format!("removed the branch « {} » from `{from}`", b.label.fr));
        }
        keep
    });
    for choice in &mut step.choices {
        let before = choice.options.len();
        choice.options.retain(|o| {
            let keep = o.to != id;
            if !keep {
                changes.push(format!("removed the answer « {} » from the choice `{}` of `{from}`", o.label.fr, choice.id));
            }
            keep
        });
        // The choice stays: its prompt and other answers are the author's to complete
        // or to remove, and the validator reports it until then.
        let left = choice.options.len();
        if left < 2 && left < before {
            let answers = if left == 1 { "1 answer" } else { "no answer" };
            changes.push(format!("the choice `{}` of `{from}` now offers {answers}: add another, or remove the choice", choice.id));
        }
    }
    if step.next.as_deref() == Some(id) {
        step.next = successor.filter(|s| s != from).map(String::from);
        changes.push(match &step.next {
            Some(next) => format!("`{from}` now leads on to `{next}`"),
            None => format!("`{from}` no longer leads on to any step: give it a next step"),
        });
    }
}

/// Turns the links to the deleted `id` into plain text, in the story's texts and the
/// testimonies.
fn unlink_texts(story: &mut Story, id: &str, changes: &mut Vec<String>) {
    story.for_each_text_mut(|place, text| {
        for body in [&mut text.fr, &mut text.en] {
            if let Some(unlinked) = relink(body, id, None) {
                *body = unlinked;
                changes.push(format!("removed the link to `{id}` from {}", describe(place)));
            }
        }
    });
    for c in &mut story.contributions {
        if let Some(unlinked) = relink(&c.text, id, None) {
            c.text = unlinked;
            changes.push(format!("removed the link to `{id}` from the testimony `{}`", c.id));
        }
    }
}

/// Testimonies are the council's and residents' words: those of the deleted `id` follow the
/// story to its `successor` (to check), and are only dropped when there is none.
fn move_testimonies(story: &mut Story, id: &str, successor: Option<&str>, changes: &mut Vec<String>) {
    story.contributions.retain_mut(|c| {
        if c.step != id {
            return true;
        }
        match successor {
            Some(next) => {
                c.step = next.into();
                changes.push(format!("the testimony `{}` now belongs to `{next}`: check that it still fits", c.id));
                true
            }
            None => {
                changes.push(format!("removed the testimony `{}`, which had no step left to belong to", c.id));
                false
            }
        }
    });
}

/// Moves a step of the trajectory `delta` places (negative: towards the start).
pub fn move_step(story: &mut Story, id: &str, delta: isize) -> Result<(), EditError> {
    let from = main_index(story, id)?;
    let to = moved(from, delta, story.trajectory.len(), || "the trajectory".into())?;
    let step = story.trajectory.remove(from);
    story.trajectory.insert(to, step);
    Ok(())
}

/// Offers a side path from `from` to `to`, labelled `label`.
pub fn add_branch(story: &mut Story, from: &str, to: &str, label: Text) -> Result<(), EditError> {
    let index = step_index(story, from)?;
    step_index(story, to)?;
    if from == to {
        return Err(EditError::SelfLink { id: from.into() });
    }
    let step = &mut story.steps[index];
    if step.branches.iter().any(|b| b.to == to) {
        return Err(EditError::BranchExists { from: from.into(), to: to.into() });
    }
    step.branches.push(Branch { to: to.into(), label });
    Ok(())
}

/// Removes the `index`-th (0-based) branch offered at `from`.
pub fn remove_branch(story: &mut Story, from: &str, index: usize) -> Result<(), EditError> {
    let i = step_index(story, from)?;
    let branches = &mut story.steps[i].branches;
    checked(index, branches.len(), || format!("the branches of `{from}`"))?;
    branches.remove(index);
    Ok(())
}

/// Adds a question put to the reader at `step`, at the end of its choices. Its id must be a
/// valid id not yet used by another choice of the step, and its answers must lead to steps
/// of the story; fewer than two answers is a draft, which the validator reports.
pub fn add_choice(story: &mut Story, step: &str, choice: Choice) -> Result<(), EditError> {
    let index = step_index(story, step)?;
    if !is_step_id(&choice.id) {
        return Err(EditError::BadId { id: choice.id });
    }
    if story.steps[index].choices.iter().any(|c| c.id == choice.id) {
        return Err(EditError::IdTaken { id: choice.id });
    }
    for option in &choice.options {
        step_index(story, &option.to)?;
    }
    story.steps[index].choices.push(choice);
    Ok(())
}

/// Removes the `index`-th (0-based) choice of `step`.
pub fn remove_choice(story: &mut Story, step: &str, index: usize) -> Result<(), EditError> {
    let i = step_index(story, step)?;
    let choices = &mut story.steps[i].choices;
    checked(index, choices.len(), || format!("the choices of `{step}`"))?;
    choices.remove(index);
    Ok(())
}

/// Adds an answer leading to `to` at the end of the `choice`-th (0-based) choice of `step`.
pub fn add_choice_option(story: &mut Story, step: &str, choice: usize, label: Text, to: &str) -> Result<(), EditError> {
    let i = step_index(story, step)?;
    step_index(story, to)?;
    let choices = &mut story.steps[i].choices;
    checked(choice, choices.len(), || format!("the choices of `{step}`"))?;
    choices[choice].options.push(ChoiceOption { label, to: to.into() });
    Ok(())
}

/// Removes the `option`-th answer of the `choice`-th choice (both 0-based) of `step`.
pub fn remove_choice_option(story: &mut Story, step: &str, choice: usize, option: usize) -> Result<(), EditError> {
    let i = step_index(story, step)?;
    let choices = &mut story.steps[i].choices;
    checked(choice, choices.len(), || format!("the choices of `{step}`"))?;
    let Choice { id, options, .. } = &mut choices[choice];
    checked(option, options.len(), || format!("the answers of the choice `{id}` of `{step}`"))?;
    options.remove(option);
    Ok(())
}

/// Sets where a side step leads on to, or removes it (`None`). Steps of the trajectory lead
/// on along it and take no `next`.
pub fn set_next(story: &mut Story, id: &str, next: Option<&str>) -> Result<(), EditError> {
    let index = step_index(story, id)?;
    if let Some(next) = next {
        step_index(story, next)?;
        if next == id {
            return Err(EditError::SelfLink { id: id.into() });
        }
        if story.main_index(id).is_some() {
            return Err(EditError::OnTrajectory { id: id.into() });
        }
    }
    story.steps[index].next = next.map(String::from);
    Ok(())
}

/// Renames a step and every reference to it: the trajectory, branches, choice answers,
/// `next`, and the links `[label](old)` in every text of the story, in both languages. Only
/// link targets exactly equal to `old` change.
pub fn rename_step(story: &mut Story, old: &str, new: &str) -> Result<(), EditError> {
    let index = step_index(story, old)?;
    if old == new {
        return Ok(());
    }
    if !is_step_id(new) {
        return Err(EditError::BadId { id: new.into() });
    }
    if has_step(story, new) {
        return Err(EditError::IdTaken { id: new.into() });
    }
    story.steps[index].id = new.into();
    story.sort_steps();
    let rename = |id: &mut String| {
        if id == old {
            *id = new.into();
        }
    };
    story.trajectory.iter_mut().for_each(rename);
    for step in &mut story.steps {
        step.next.iter_mut().for_each(rename);
        step.branches.iter_mut().for_each(|b| rename(&mut b.to));
        step.choices.iter_mut().flat_map(|c| &mut c.options).for_each(|o| rename(&mut o.to));
    }
    for c in &mut story.contributions {
        rename(&mut c.step);
        if let Some(renamed) = relink(&c.text, old, Some(new)) {
            c.text = renamed;
        }
    }
    story.for_each_text_mut(|_, text| {
        for body in [&mut text.fr, &mut text.en] {
            if let Some(renamed) = relink(body, old, Some(new)) {
                *body = renamed;
            }
        }
    });
    Ok(())
}

/// The lists of a view that the editor adds to, removes from and reorders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ViewList {
    /// [`View::actors`].
    Actors,
    /// [`View::figures`].
    Figures,
    /// [`View::quotes`].
    Quotes,
    /// [`View::questions`], the workshop questions.
    Questions,
    /// [`View::quiz`].
    Quiz,
    /// [`View::terms`], glossary term ids.
    Terms,
}

impl ViewList {
    /// Every list, in the order the editor shows them.
    pub const ALL: [ViewList; 6] = [ViewList::Actors, ViewList::Figures, ViewList::Quotes, ViewList::Questions, ViewList::Quiz, ViewList::Terms];

    /// The list's name in messages ("the figures").
    pub fn name(self) -> &'static str {
        match self {
            ViewList::Actors => "the actors",
            ViewList::Figures => "the figures",
            ViewList::Quotes => "the quotes",
            ViewList::Questions => "the workshop questions",
            ViewList::Quiz => "the quiz questions",
            ViewList::Terms => "the glossary terms",
        }
    }

    /// An empty item to fill in, or `None` for [`ViewList::Terms`], whose items are chosen
    /// from the glossary.
    pub fn blank(self) -> Option<ViewItem> {
        Some(match self {
            ViewList::Actors => ViewItem::Actor(Text::default()),
            ViewList::Figures => ViewItem::Figure(Figure { value: 0, approximate: false, label: Text::default(), source: String::new() }),
            ViewList::Quotes => ViewItem::Quote(Quote { text: Text::default(), by: Text::default(), source: String::new() }),
            ViewList::Questions => ViewItem::Question(Text::default()),
            ViewList::Quiz => {
                ViewItem::Quiz(QuizQuestion { question: Text::default(), options: vec![Text::default(), Text::default()], answer: 1, explanation: Text::default(), source: String::new() })
            }
            ViewList::Terms => return None,
        })
    }

    /// The list's key in a view's table, and in field paths: `figure` for `figure[0]`.
    pub fn key(self) -> &'static str {
        match self {
            ViewList::Actors => "actors",
            ViewList::Figures => "figure",
            ViewList::Quotes => "quote",
            ViewList::Questions => "questions",
            ViewList::Quiz => "quiz",
            ViewList::Terms => "terms",
        }
    }

    /// How many items the list holds in `view`.
    pub fn len(self, view: &View) -> usize {
        match self {
            ViewList::Actors => view.actors.len(),
            ViewList::Figures => view.figures.len(),
            ViewList::Quotes => view.quotes.len(),
            ViewList::Questions => view.questions.len(),
            ViewList::Quiz => view.quiz.len(),
            ViewList::Terms => view.terms.len(),
        }
    }
}

/// An item of one of a view's lists.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewItem {
    /// An actor, for [`ViewList::Actors`].
    Actor(Text),
    /// A figure, for [`ViewList::Figures`].
    Figure(Figure),
    /// A quote, for [`ViewList::Quotes`].
    Quote(Quote),
    /// A workshop question, for [`ViewList::Questions`].
    Question(Text),
    /// A quiz question, for [`ViewList::Quiz`].
    Quiz(QuizQuestion),
    /// A glossary term id, for [`ViewList::Terms`].
    Term(String),
}

impl ViewItem {
    /// The list this item goes in.
    pub fn list(&self) -> ViewList {
        match self {
            ViewItem::Actor(_) => ViewList::Actors,
            ViewItem::Figure(_) => ViewList::Figures,
            ViewItem::Quote(_) => ViewList::Quotes,
            ViewItem::Question(_) => ViewList::Questions,
            ViewItem::Quiz(_) => ViewList::Quiz,
            ViewItem::Term(_) => ViewList::Terms,
        }
    }
}

/// Inserts `item` in its list of the `scale` view of `step`, at `index` (0-based; `None`:
/// at the end). A term must be in the glossary and not yet in the list.
pub fn insert_item(story: &mut Story, step: &str, scale: ScaleId, index: Option<usize>, item: ViewItem) -> Result<(), EditError> {
    if let ViewItem::Term(id) = &item {
        if story.term(id).is_none() {
            return Err(EditError::UnknownTerm { id: id.clone() });
        }
    }
    let view = view_mut(story, step, scale)?;
    let len = item.list().len(view);
    let index = index.unwrap_or(len);
    if index > len {
        return Err(EditError::OutOfRange { what: list_place(item.list(), step, scale), index: index as isize, len });
    }
    match item {
        ViewItem::Actor(t) => view.actors.insert(index, t),
        ViewItem::Figure(f) => view.figures.insert(index, f),
        ViewItem::Quote(q) => view.quotes.insert(index, q),
        ViewItem::Question(t) => view.questions.insert(index, t),
        ViewItem::Quiz(q) => view.quiz.insert(index, q),
        ViewItem::Term(id) => {
            if view.terms.contains(&id) {
                return Err(EditError::TermListed { id });
            }
            view.terms.insert(index, id);
        }
    }
    Ok(())
}

/// Removes the `index`-th (0-based) item of a list of the `scale` view of `step`.
pub fn remove_item(story: &mut Story, step: &str, scale: ScaleId, list: ViewList, index: usize) -> Result<(), EditError> {
    let view = view_mut(story, step, scale)?;
    checked(index, list.len(view), || list_place(list, step, scale))?;
    match list {
        ViewList::Actors => drop(view.actors.remove(index)),
        ViewList::Figures => drop(view.figures.remove(index)),
        ViewList::Quotes => drop(view.quotes.remove(index)),
        ViewList::Questions => drop(view.questions.remove(index)),
        ViewList::Quiz => drop(view.quiz.remove(index)),
        ViewList::Terms => drop(view.terms.remove(index)),
    }
    Ok(())
}

/// Moves the `index`-th (0-based) item of a list of the `scale` view of `step` by `delta`
/// places (negative: up).
pub fn move_item(story: &mut Story, step: &str, scale: ScaleId, list: ViewList, index: usize, delta: isize) -> Result<(), EditError> {
    let view = view_mut(story, step, scale)?;
    let len = list.len(view);
    checked(index, len, || list_place(list, step, scale))?;
    let to = moved(index, delta, len, || list_place(list, step, scale))?;
    fn shift<T>(items: &mut Vec<T>, from: usize, to: usize) {
        let item = items.remove(from);
        items.insert(to, item);
    }
    match list {
        ViewList::Actors => shift(&mut view.actors, index, to),
        ViewList::Figures => shift(&mut view.figures, index, to),
        ViewList::Quotes => shift(&mut view.quotes, index, to),
        ViewList::Questions => shift(&mut view.questions, index, to),
        ViewList::Quiz => shift(&mut view.quiz, index, to),
        ViewList::Terms => shift(&mut view.terms, index, to),
    }
    Ok(())
}

/// A new value for a field: a text's side (`….title.fr`), a source id or a picture's credit
/// take text, a figure's value a number, its « about » a flag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Number(u64),
    Flag(bool),
}

/// A field of a view, as [`field`] finds it.
#[derive(Debug, PartialEq)]
pub enum Field<'s> {
    /// A text in French and English; its path, then `fr` or `en`, names one side.
    Text(&'s Text),
    /// A one-language string: a source id, a picture's credit.
    String(&'s String),
    Number(&'s u64),
    Flag(&'s bool),
}

/// A field of a view, to change.
enum FieldMut<'s> {
    Text(&'s mut Text),
    String(&'s mut String),
    Number(&'s mut u64),
    Flag(&'s mut bool),
}

/// A path's segment as [`view_field!`] matches it.
#[derive(Clone, Copy)]
enum Part<'p> {
    Name(&'p str),
    Index(usize),
    Other,
}

/// The segments of `at` below its view (`title`, `figure`, `[0]`, `label`…), if it is in a
/// view.
fn parts(at: &FieldPath) -> Option<Vec<Part<'_>>> {
    at.scale()?;
    let below = at.segments().get(3..)?;
    Some(
        below
            .iter()
            .map(|s| match s {
                Segment::Field(name) => Part::Name(name),
                Segment::Key(key) => key.parse().map_or(Part::Other, Part::Index),
            })
            .collect(),
    )
}

/// The field of `$view` at `$parts`, as a `$field` (the enum [`Field`] or `FieldMut`),
/// written once for reading and changing: `$m` is `mut` or nothing. Returns `None` from the
/// function it is in for a path that names no field.
macro_rules! view_field {
    ($view:expr, $parts:expr, $field:ident, $($m:tt)?) => {{
        use Part::{Index as I, Name as N};
        let view = $view;
        match $parts {
            [N("title")] => $field::Text(&$($m)? view.title),
            [N("text")] => $field::Text(&$($m)? view.text),
            [N("easy")] => $field::Text(&$($m)? view.easy),
            [N("activity")] => $field::Text(&$($m)? view.activity),
            [N("notes")] => $field::Text(&$($m)? view.notes),
            [N("actors"), I(i)] => $field::Text((&$($m)? view.actors).into_iter().nth(*i)?),
            [N("questions"), I(i)] => $field::Text((&$($m)? view.questions).into_iter().nth(*i)?),
            [N("figure"), I(i), rest @ ..] => {
                let figure = (&$($m)? view.figures).into_iter().nth(*i)?;
                match rest {
                    [N("label")] => $field::Text(&$($m)? figure.label),
                    [N("value")] => $field::Number(&$($m)? figure.value),
                    [N("approximate")] => $field::Flag(&$($m)? figure.approximate),
                    [N("source")] => $field::String(&$($m)? figure.source),
                    _ => return None,
                }
            }
            [N("quote"), I(i), rest @ ..] => {
                let quote = (&$($m)? view.quotes).into_iter().nth(*i)?;
                match rest {
                    [N("text")] => $field::Text(&$($m)? quote.text),
                    [N("by")] => $field::Text(&$($m)? quote.by),
                    [N("source")] => $field::String(&$($m)? quote.source),
                    _ => return None,
                }
            }
            [N("picture"), rest @ ..] => {
                let picture = (&$($m)? view.picture).into_iter().next()?;
                match rest {
                    [N("alt")] => $field::Text(&$($m)? picture.alt),
                    [N("file")] => $field::String(&$($m)? picture.file),
                    [N("credit")] => $field::String(&$($m)? picture.credit),
                    [N("licence")] => $field::String(&$($m)? picture.licence),
                    [N("source"), N("by")] => $field::String(&$($m)? picture.by),
                    [N("source"), N("date")] => $field::String(&$($m)? picture.date),
                    _ => return None,
                }
            }
            _ => return None,
        }
    }};
}

/// The field of a view at `at` (`step[a].commune.figure[0].value`), if there is one.
pub fn field<'s>(story: &'s Story, at: &FieldPath) -> Option<Field<'s>> {
    let parts = parts(at)?;
    let step = at.step_id()?;
    let view = story.steps.iter().find(|s| s.id == step)?.view(at.scale()?)?;
    Some(view_field!(view, &parts[..], Field,))
}

fn field_mut<'s>(story: &'s mut Story, at: &FieldPath) -> Option<FieldMut<'s>> {
    let parts = parts(at)?;
    let view = view_mut(story, at.step_id()?, at.scale()?).ok()?;
    Some(view_field!(view, &parts[..], FieldMut, mut))
}

/// The text at `at`, or at the text holding the side `at` names (`….title.fr`).
pub fn text(story: &Story, at: &FieldPath) -> Option<Text> {
    match field(story, at)? {
        Field::Text(t) => Some(t.clone()),
        _ => None,
    }
}

/// Sets the field of a view at `at`: one side of a text (`step[a].commune.quote[0].by.en`),
/// a source id, a picture's credit, a figure's value or « about ». Refused, the story
/// unchanged, for a path that names no field of the story or a value of another kind.
pub fn set_field(story: &mut Story, at: &FieldPath, value: Value) -> Result<(), EditError> {
    let refused = || EditError::NoSuchField { path: at.clone() };
    let side = match at.segments().last() {
        Some(Segment::Field(code)) => Lang::from_code(code),
        _ => None,
    };
    let place = match side {
        Some(_) => at.parent().ok_or_else(refused)?,
        None => at.clone(),
    };
    match (field_mut(story, &place).ok_or_else(refused)?, side, value) {
        (FieldMut::Text(t), Some(Lang::Fr), Value::Text(v)) => t.fr = v,
        (FieldMut::Text(t), Some(Lang::En), Value::Text(v)) => t.en = v,
        (FieldMut::String(s), None, Value::Text(v)) => *s = v,
        (FieldMut::Number(n), None, Value::Number(v)) => *n = v,
        (FieldMut::Flag(f), None, Value::Flag(v)) => *f = v,
        _ => return Err(refused()),
    }
    Ok(())
}

fn list_place(list: ViewList, step: &str, scale: ScaleId) -> String {
    format!("{} of `{step}` ({})", list.name(), scale.id())
}

/// Linear rather than [`Story::step`]'s binary search: a draft being edited, or imported,
/// may not be sorted yet, and stories are small.
fn step_index(story: &Story, id: &str) -> Result<usize, EditError> {
    story.steps.iter().position(|s| s.id == id).ok_or_else(|| EditError::NoSuchStep { id: id.into() })
}

fn has_step(story: &Story, id: &str) -> bool {
    story.steps.iter().any(|s| s.id == id)
}

/// Where a step is on the trajectory; an error saying why it is not.
fn main_index(story: &Story, id: &str) -> Result<usize, EditError> {
    match story.main_index(id) {
        Some(i) => Ok(i),
        None if has_step(story, id) => Err(EditError::NotOnTrajectory { id: id.into() }),
        None => Err(EditError::NoSuchStep { id: id.into() }),
    }
}

fn view_mut<'s>(story: &'s mut Story, step: &str, scale: ScaleId) -> Result<&'s mut View, EditError> {
    if !has_step(story, step) {
        return Err(EditError::NoSuchStep { id: step.into() });
    }
    story.view_mut(step, scale).ok_or_else(|| EditError::NoSuchView { step: step.into(), scale })
}

fn checked(index: usize, len: usize, what: impl FnOnce() -> String) -> Result<(), EditError> {
    if index < len {
        Ok(())
    } else {
        Err(EditError::OutOfRange { what: what(), index: index as isize, len })
    }
}

/// Where `from` lands after moving `delta` places in a list of `len`, if inside it.
fn moved(from: usize, delta: isize, len: usize, what: impl FnOnce() -> String) -> Result<usize, EditError> {
    let to = from as isize + delta;
    if (0..len as isize).contains(&to) {
        Ok(to as usize)
    } else {
        Err(EditError::OutOfRange { what: what(), index: to, len })
    }
}

/// `src` with the links to the step `target` pointed to `to`, or made plain text (their
/// label) when `to` is `None`; `None` when there is no such link.
///
/// Links are found as [`crate::markdown::lint`] finds them, `](` then the target up to `)`,
/// trimmed, so that what the validator calls a link to `target` is what changes; the label
/// starts at the last `[` before, as [`crate::markdown::parse`] reads it.
fn relink(src: &str, target: &str, to: Option<&str>) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = src[at..].find("](") {
        let close = at + found;
        let open = close + 2;
        let Some(len) = src[open..].find(')') else { break };
        let raw = &src[open..open + len];
        at = open + len;
        if raw.trim() != target {
            continue;
        }
        match to {
            Some(to) => {
                let start = open + (raw.len() - raw.trim_start().len());
                out.push_str(&src[copied..start]);
                out.push_str(to);
                copied = start + target.len();
            }
            None => {
                // The label, if the brackets make one: from the last `[` before, with no
                // other link in between.
                let label = src[copied..close].rfind('[').map(|i| copied + i).filter(|&i| !src[i..close].contains("]("));
                match label {
                    Some(i) => {
                        out.push_str(&src[copied..i]);
                        out.push_str(&src[i + 1..close]);
                    }
                    // A stray `](target)`: keep the bracket, drop the target.
                    None => out.push_str(&src[copied..=close]),
                }
                copied = at + 1;
            }
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&src[copied..]);
    Some(out)
}

/// A text's place in people's words, for the editor's messages ("the text of `archipel-vert`
/// (commune)").
fn describe(place: TextPlace) -> String {
    match place {
        TextPlace::StoryTitle => "the story's title".into(),
        TextPlace::StoryPromise => "the story's promise".into(),
        TextPlace::ReportTitle => "the report's title".into(),
        TextPlace::ScaleName { scale, .. } => format!("the name of the {} scale", scale.id()),
        TextPlace::ScaleShort { scale, .. } => format!("the short name of the {} scale", scale.id()),
        TextPlace::SourceTitle { id, .. } => format!("the title of the source `{id}`"),
        TextPlace::SourcePassage { id, .. } => format!("the passage of the source `{id}`"),
        TextPlace::TermWord { id, .. } => format!("the word of the term `{id}`"),
        TextPlace::TermDefinition { id, .. } => format!("the definition of the term `{id}`"),
        TextPlace::Branch { step, index } => format!("the label of branch {} of `{step}`", index + 1),
        TextPlace::ChoicePrompt { step, id, .. } => format!("the prompt of the choice `{id}` of `{step}`"),
        TextPlace::ChoiceOption { step, id, option, .. } => format!("answer {} of the choice `{id}` of `{step}`", option + 1),
        TextPlace::View { step, scale, text } => {
            let at = format!("`{step}` ({})", scale.id());
            match text {
                ViewText::Title => format!("the title of {at}"),
                ViewText::Text => format!("the text of {at}"),
                ViewText::Easy => format!("the easy-read text of {at}"),
                ViewText::Activity => format!("the activity of {at}"),
                ViewText::Notes => format!("the teacher's notes of {at}"),
                ViewText::QuizQuestion(i) => format!("quiz question {} of {at}", i + 1),
                ViewText::QuizExplanation(i) => format!("the explanation of quiz question {} of {at}", i + 1),
                ViewText::QuizOption { question, option } => format!("option {} of quiz question {} of {at}", option + 1, question + 1),
                ViewText::Actor(i) => format!("actor {} of {at}", i + 1),
                ViewText::Question(i) => format!("workshop question {} of {at}", i + 1),
                ViewText::FigureLabel(i) => format!("the label of figure {} of {at}", i + 1),
                ViewText::QuoteText(i) => format!("quote {} of {at}", i + 1),
                ViewText::QuoteBy(i) => format!("the author of quote {} of {at}", i + 1),
                ViewText::PictureAlt => format!("the picture's description of {at}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::validate;

    /// Three main steps a → b → c, a side step `s` offered at `a` by a branch and a choice,
    /// leading on to `b`, and links between them in texts.
    fn story() -> Story {
        let mut story = Story::default();
        for id in ["a", "b", "c"] {
            add_step(&mut story, id, None, true).unwrap();
        }
        add_step(&mut story, "s", None, false).unwrap();
        set_next(&mut story, "s", Some("b")).unwrap();
        add_branch(&mut story, "a", "s", Text::new("Un détour", "A detour")).unwrap();
        let a = &mut story.steps[0];
        a.choices.push(Choice {
            id: "q".into(),
            prompt: Text::new("Et vous ?", "And you?"),
            options: vec![ChoiceOption { label: Text::new("Oui", "Yes"), to: "s".into() }, ChoiceOption { label: Text::new("Non", "No"), to: "b".into() }],
        });
        a.views[0].text = Text::new("Voir [le détour](s), puis [la suite]( b ) et [ailleurs](sb).", "See [the detour](s).");
        story.meta.promise = Text::new("[Le détour](s) *et* [s](s)", "");
        story
    }

    fn ids(story: &Story) -> Vec<&str> {
        story.steps.iter().map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn step_ids() {
        for good in ["a", "le-point-de-depart", "etape-2", "2017"] {
            assert!(is_step_id(good), "{good}");
        }
        for bad in ["", "-a", "a-", "a--b", "A", "é", "a_b", "a b"] {
            assert!(!is_step_id(bad), "{bad}");
        }
    }

    #[test]
    fn add_step_places_main_steps_and_keeps_steps_sorted() {
        let mut story = story();
        add_step(&mut story, "ab", Some("a"), true).unwrap();
        add_step(&mut story, "z", None, true).unwrap();
        add_step(&mut story, "side", Some("a"), false).unwrap();
        assert_eq!(story.trajectory, ["a", "ab", "b", "c", "z"]);
        assert_eq!(ids(&story), ["a", "ab", "b", "c", "s", "side", "z"]);
        let step = story.step("ab").unwrap();
        assert_eq!(step.views.iter().map(|v| v.scale).collect::<Vec<_>>(), ScaleId::ALL);
        assert_eq!(step.views[2].title, Text::new("Nouvelle étape", ""));
        assert_eq!(step.views[2].text, Text::new("À écrire.", ""));
        assert_eq!(add_step(&mut story, "a", None, true), Err(EditError::IdTaken { id: "a".into() }));
        assert_eq!(add_step(&mut story, "Étape", None, true), Err(EditError::BadId { id: "Étape".into() }));
        assert_eq!(add_step(&mut story, "y", Some("s"), true), Err(EditError::NotOnTrajectory { id: "s".into() }));
        assert_eq!(add_step(&mut story, "y", Some("nope"), true), Err(EditError::NoSuchStep { id: "nope".into() }));
        assert!(!has_step(&story, "y"), "a refused edit changes nothing");
    }

    #[test]
    fn a_new_step_needs_only_translations_and_links() {
        let mut story = story();
        add_step(&mut story, "d", Some("c"), true).unwrap();
        let found: Vec<String> =
            validate(&story, None).into_iter().filter(|d| d.path.is_within(&crate::FieldPath::step("d")) && d.code != crate::Code::MissingTranslation).map(|d| d.to_string()).collect();
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn suggested_ids() {
        let story = story();
        assert_eq!(suggest_id(&story, "L'Archipel noir"), "l-archipel-noir");
        assert_eq!(suggest_id(&story, "  Réunion de concertation ! "), "reunion-de-concertation");
        assert_eq!(suggest_id(&story, "Œuvre à Noël, ça Ÿ"), "oeuvre-a-noel-ca-y");
        assert_eq!(suggest_id(&story, "« fifty/fifty »"), "fifty-fifty");
        assert_eq!(suggest_id(&story, "A"), "a-2");
        assert_eq!(suggest_id(&story, "日本"), "etape");
        assert_eq!(suggest_id(&story, ""), "etape");
        let long = suggest_id(&story, &"transition ".repeat(10));
        assert!(long.len() <= MAX_SUGGESTED_LEN && is_step_id(&long), "{long}");
        assert_eq!(suggest_id(&story, &"x".repeat(100)), "x".repeat(MAX_SUGGESTED_LEN));
        let mut story = story;
        add_step(&mut story, "a-2", None, true).unwrap();
        assert_eq!(suggest_id(&story, "a"), "a-3");
    }

    #[test]
    fn deleting_a_side_step_removes_every_way_to_it() {
        let mut story = story();
        let changes = delete_step(&mut story, "s").unwrap();
        assert_eq!(ids(&story), ["a", "b", "c"]);
        let a = story.step("a").unwrap();
        assert!(a.branches.is_empty());
        assert_eq!(a.choices[0].options.len(), 1);
        assert_eq!(a.views[0].text, Text::new("Voir le détour, puis [la suite]( b ) et [ailleurs](sb).", "See the detour."));
        assert_eq!(story.meta.promise.fr, "Le détour *et* s");
        assert_eq!(
            changes,
            [
                "removed the branch « Un détour » from `a`",
                "removed the answer « Oui » from the choice `q` of `a`",
                "the choice `q` of `a` now offers 1 answer: add another, or remove the choice",
                "removed the link to `s` from the story's promise",
                "removed the link to `s` from the text of `a` (commune)",
                "removed the link to `s` from the text of `a` (commune)",
            ]
        );
        let dangling: Vec<_> = validate(&story, None).into_iter().filter(|d| d.code == crate::Code::DanglingLink && d.message.contains("`s`")).collect();
        assert!(dangling.is_empty(), "{dangling:#?}");
    }

    #[test]
    fn deleting_a_main_step_relinks_side_steps_to_where_it_led() {
        let mut story = story();
        let changes = delete_step(&mut story, "b").unwrap();
        assert_eq!(story.trajectory, ["a", "c"]);
        assert_eq!(story.step("s").unwrap().next.as_deref(), Some("c"));
        assert!(changes.contains(&"`s` now leads on to `c`".to_string()), "{changes:?}");
        assert!(changes.contains(&"`b` left the trajectory".to_string()), "{changes:?}");
        // The goal's side steps go back to the new goal.
        set_next(&mut story, "s", Some("c")).unwrap();
        delete_step(&mut story, "c").unwrap();
        assert_eq!(story.step("s").unwrap().next.as_deref(), Some("a"));
    }

    #[test]
    fn deleting_a_side_step_passes_its_next_on() {
        let mut story = story();
        add_step(&mut story, "t", None, false).unwrap();
        set_next(&mut story, "t", Some("s")).unwrap();
        delete_step(&mut story, "s").unwrap();
        assert_eq!(story.step("t").unwrap().next.as_deref(), Some("b"));
        // A side step that led on to a side step leading back to it is left without next.
        let mut story = self::story();
        add_step(&mut story, "t", None, false).unwrap();
        set_next(&mut story, "t", Some("s")).unwrap();
        set_next(&mut story, "s", Some("t")).unwrap();
        let changes = delete_step(&mut story, "s").unwrap();
        assert_eq!(story.step("t").unwrap().next, None);
        assert!(changes.contains(&"`t` no longer leads on to any step: give it a next step".to_string()), "{changes:?}");
    }

    #[test]
    fn the_last_steps_stay() {
        let mut story = Story::default();
        add_step(&mut story, "a", None, true).unwrap();
        assert_eq!(delete_step(&mut story, "a"), Err(EditError::OnlyStep { id: "a".into() }));
        add_step(&mut story, "s", None, false).unwrap();
        assert_eq!(delete_step(&mut story, "a"), Err(EditError::EmptiesTrajectory { id: "a".into() }));
        assert_eq!(delete_step(&mut story, "x"), Err(EditError::NoSuchStep { id: "x".into() }));
        assert_eq!(delete_step(&mut story, "s").map(|c| c.len()), Ok(0));
    }

    #[test]
    fn moving_steps() {
        let mut story = story();
        move_step(&mut story, "c", -2).unwrap();
        assert_eq!(story.trajectory, ["c", "a", "b"]);
        move_step(&mut story, "c", 1).unwrap();
        move_step(&mut story, "c", 0).unwrap();
        assert_eq!(story.trajectory, ["a", "c", "b"]);
        assert_eq!(move_step(&mut story, "c", 2), Err(EditError::OutOfRange { what: "the trajectory".into(), index: 3, len: 3 }));
        assert_eq!(move_step(&mut story, "a", -1).unwrap_err().to_string(), "there is no position 0 in the trajectory, which goes from 1 to 3");
        assert_eq!(move_step(&mut story, "s", 1), Err(EditError::NotOnTrajectory { id: "s".into() }));
    }

    #[test]
    fn branches_and_next() {
        let mut story = story();
        assert_eq!(add_branch(&mut story, "a", "s", Text::default()), Err(EditError::BranchExists { from: "a".into(), to: "s".into() }));
        assert_eq!(add_branch(&mut story, "a", "a", Text::default()), Err(EditError::SelfLink { id: "a".into() }));
        assert_eq!(add_branch(&mut story, "a", "x", Text::default()), Err(EditError::NoSuchStep { id: "x".into() }));
        add_branch(&mut story, "b", "s", Text::new("Encore", "Again")).unwrap();
        assert_eq!(remove_branch(&mut story, "b", 1).unwrap_err().to_string(), "there is no position 2 in the branches of `b`, which goes from 1 to 1");
        remove_branch(&mut story, "b", 0).unwrap();
        assert!(story.step("b").unwrap().branches.is_empty());
        assert_eq!(set_next(&mut story, "a", Some("b")), Err(EditError::OnTrajectory { id: "a".into() }));
        assert_eq!(set_next(&mut story, "s", Some("s")), Err(EditError::SelfLink { id: "s".into() }));
        set_next(&mut story, "s", Some("c")).unwrap();
        assert_eq!(story.step("s").unwrap().next.as_deref(), Some("c"));
        set_next(&mut story, "s", None).unwrap();
        set_next(&mut story, "a", None).unwrap();
        assert_eq!(story.step("s").unwrap().next, None);
    }

    #[test]
    fn choices() {
        let mut story = story();
        let choice = |id: &str, to: &str| Choice { id: id.into(), prompt: Text::new("?", "?"), options: vec![ChoiceOption { label: Text::new("Oui", "Yes"), to: to.into() }] };
        assert_eq!(add_choice(&mut story, "b", choice("q", "x")), Err(EditError::NoSuchStep { id: "x".into() }));
        assert_eq!(add_choice(&mut story, "b", choice("Q", "c")), Err(EditError::BadId { id: "Q".into() }));
        add_choice(&mut story, "b", choice("q", "c")).unwrap();
        assert_eq!(add_choice(&mut story, "b", choice("q", "c")), Err(EditError::IdTaken { id: "q".into() }));
        add_choice_option(&mut story, "b", 0, Text::new("Non", "No"), "s").unwrap();
        assert_eq!(add_choice_option(&mut story, "b", 1, Text::default(), "s").unwrap_err().to_string(), "there is no position 2 in the choices of `b`, which goes from 1 to 1");
        assert_eq!(story.step("b").unwrap().choices[0].options.iter().map(|o| o.to.as_str()).collect::<Vec<_>>(), ["c", "s"]);
        assert!(validate(&story, None).iter().all(|d| !d.path.is_within(&crate::FieldPath::step("b").field("choice"))));
        assert_eq!(remove_choice_option(&mut story, "b", 0, 2).unwrap_err().to_string(), "there is no position 3 in the answers of the choice `q` of `b`, which goes from 1 to 2");
        remove_choice_option(&mut story, "b", 0, 0).unwrap();
        remove_choice(&mut story, "b", 0).unwrap();
        assert!(story.step("b").unwrap().choices.is_empty());
        assert!(matches!(remove_choice(&mut story, "b", 0), Err(EditError::OutOfRange { len: 0, .. })));
    }

    #[test]
    fn renaming_renames_every_reference_and_only_those() {
        let mut story = story();
        rename_step(&mut story, "s", "le-detour").unwrap();
        assert_eq!(ids(&story), ["a", "b", "c", "le-detour"]);
        let a = story.step("a").unwrap();
        assert_eq!(a.branches[0].to, "le-detour");
        assert_eq!(a.choices[0].options[0].to, "le-detour");
        assert_eq!(a.views[0].text.fr, "Voir [le détour](le-detour), puis [la suite]( b ) et [ailleurs](sb).");
        assert_eq!(a.views[0].text.en, "See [the detour](le-detour).");
        assert_eq!(story.meta.promise.fr, "[Le détour](le-detour) *et* [s](le-detour)");
        rename_step(&mut story, "b", "milieu").unwrap();
        assert_eq!(story.trajectory, ["a", "milieu", "c"]);
        assert_eq!(story.step("le-detour").unwrap().next.as_deref(), Some("milieu"));
        assert_eq!(story.step("a").unwrap().views[0].text.fr, "Voir [le détour](le-detour), puis [la suite]( milieu ) et [ailleurs](sb).");
        assert_eq!(rename_step(&mut story, "a", "c"), Err(EditError::IdTaken { id: "c".into() }));
        assert_eq!(rename_step(&mut story, "a", "A"), Err(EditError::BadId { id: "A".into() }));
        assert_eq!(rename_step(&mut story, "x", "y"), Err(EditError::NoSuchStep { id: "x".into() }));
        assert_eq!(rename_step(&mut story, "a", "a"), Ok(()));
    }

    #[test]
    fn relinking_texts() {
        assert_eq!(relink("no link", "a", None), None);
        assert_eq!(relink("[x](ab) [y](b)", "a", Some("z")), None);
        assert_eq!(relink("[x](a)[y](a)", "a", Some("zz")).as_deref(), Some("[x](zz)[y](zz)"));
        assert_eq!(relink("[x](a)[y](a)", "a", None).as_deref(), Some("xy"));
        assert_eq!(relink("stray](a) [é *b*](a).", "a", None).as_deref(), Some("stray] é *b*."));
        assert_eq!(relink("[[x](a)", "a", None).as_deref(), Some("[x"));
        assert_eq!(relink("[a](b) then ](a)", "a", None).as_deref(), Some("[a](b) then ]"));
    }

    #[test]
    fn view_lists() {
        let mut story = story();
        story.glossary.push(Term { id: "resilience".into(), word: Text::default(), definition: Text::default() });
        let c = ScaleId::Commune;
        for list in ViewList::ALL {
            if let Some(blank) = list.blank() {
                assert_eq!(blank.list(), list);
                insert_item(&mut story, "a", c, None, blank.clone()).unwrap();
                insert_item(&mut story, "a", c, Some(0), blank).unwrap();
            }
        }
        let label = |n: &str| ViewItem::Figure(Figure { value: 1, approximate: true, label: Text::new(n, n), source: "x".into() });
        insert_item(&mut story, "a", c, Some(1), label("un")).unwrap();
        insert_item(&mut story, "a", c, None, label("deux")).unwrap();
        let figures = |s: &Story| s.step("a").unwrap().views[0].figures.iter().map(|f| f.label.fr.clone()).collect::<Vec<_>>();
        assert_eq!(figures(&story), ["", "un", "", "deux"]);
        move_item(&mut story, "a", c, ViewList::Figures, 3, -2).unwrap();
        assert_eq!(figures(&story), ["", "deux", "un", ""]);
        remove_item(&mut story, "a", c, ViewList::Figures, 0).unwrap();
        assert_eq!(figures(&story), ["deux", "un", ""]);
        assert_eq!(move_item(&mut story, "a", c, ViewList::Figures, 0, -1).unwrap_err().to_string(), "there is no position 0 in the figures of `a` (commune), which goes from 1 to 3");
        assert!(matches!(remove_item(&mut story, "a", c, ViewList::Quotes, 2), Err(EditError::OutOfRange { index: 2, len: 2, .. })));
        assert!(matches!(insert_item(&mut story, "a", c, Some(4), label("x")), Err(EditError::OutOfRange { index: 4, len: 3, .. })));
        assert_eq!(story.step("a").unwrap().views[0].quiz[0].options.len(), 2);

        assert_eq!(insert_item(&mut story, "a", c, None, ViewItem::Term("x".into())), Err(EditError::UnknownTerm { id: "x".into() }));
        insert_item(&mut story, "a", c, None, ViewItem::Term("resilience".into())).unwrap();
        assert_eq!(insert_item(&mut story, "a", c, None, ViewItem::Term("resilience".into())), Err(EditError::TermListed { id: "resilience".into() }));
        remove_item(&mut story, "a", c, ViewList::Terms, 0).unwrap();
        assert_eq!(ViewList::Terms.blank(), None);

        story.steps[0].views.remove(1);
        assert_eq!(remove_item(&mut story, "a", ScaleId::Agglomeration, ViewList::Actors, 0), Err(EditError::NoSuchView { step: "a".into(), scale: ScaleId::Agglomeration }));
        assert_eq!(remove_item(&mut story, "a", c, ViewList::Terms, 0).unwrap_err().to_string(), "there is no position 1 in the glossary terms of `a` (commune), which is empty");
    }

    #[test]
    fn every_field_the_editor_changes_is_set_by_its_path() {
        let mut story = story();
        let c = ScaleId::Commune;
        for list in [ViewList::Actors, ViewList::Questions, ViewList::Figures, ViewList::Quotes] {
            insert_item(&mut story, "a", c, None, list.blank().unwrap()).unwrap();
        }
        story.steps[0].views[0].picture = Some(Picture::default());
        let at = FieldPath::view("a", c);
        let texts = [
            at.clone().field("title"),
            at.clone().field("easy"),
            at.clone().field("notes"),
            at.clone().item("actors", 0),
            at.clone().item("questions", 0),
            at.clone().item("figure", 0).field("label"),
            at.clone().item("quote", 0).field("text"),
            at.clone().item("quote", 0).field("by"),
            at.clone().field("picture").field("alt"),
        ];
        for path in texts {
            set_field(&mut story, &path.clone().field("fr"), Value::Text(format!("{path} fr"))).unwrap();
            set_field(&mut story, &path.clone().field("en"), Value::Text(format!("{path} en"))).unwrap();
            assert_eq!(text(&story, &path), Some(Text::new(format!("{path} fr"), format!("{path} en"))), "{path}");
        }
        let figure = at.clone().item("figure", 0);
        set_field(&mut story, &figure.clone().field("value"), Value::Number(6500)).unwrap();
        set_field(&mut story, &figure.clone().field("approximate"), Value::Flag(true)).unwrap();
        set_field(&mut story, &figure.clone().field("source"), Value::Text("rapport".into())).unwrap();
        set_field(&mut story, &at.clone().item("quote", 0).field("source"), Value::Text("enquete".into())).unwrap();
        set_field(&mut story, &at.clone().field("picture").field("source").field("by"), Value::Text("Mairie".into())).unwrap();
        let view = &story.steps[0].views[0];
        assert_eq!((view.figures[0].value, view.figures[0].approximate, view.figures[0].source.as_str()), (6500, true, "rapport"));
        assert_eq!((view.quotes[0].source.as_str(), view.picture.as_ref().unwrap().by.as_str()), ("enquete", "Mairie"));
        assert_eq!(field(&story, &figure.clone().field("value")), Some(Field::Number(&6500)));

        // What names no field, or a field of another kind, is refused and changes nothing.
        let before = story.clone();
        for (path, value) in [
            (figure.clone().field("value"), Value::Text("6 500".into())),
            (figure.clone().field("label"), Value::Text("no side".into())),
            (figure.clone().field("source").field("fr"), Value::Text("x".into())),
            (at.clone().item("figure", 1).field("value"), Value::Number(1)),
            (at.clone().field("colour"), Value::Flag(true)),
            (FieldPath::view("nulle-part", c).field("title").field("fr"), Value::Text("x".into())),
            (FieldPath::new("story").field("title").field("fr"), Value::Text("x".into())),
        ] {
            assert_eq!(set_field(&mut story, &path, value), Err(EditError::NoSuchField { path: path.clone() }), "{path}");
        }
        assert_eq!(story, before);
    }
}
