//! The pupil's workbook: their progress (answers, quiz, « Mon récit », where they were),
//! saved on the device after every change and exported or imported as a progress file.

use leptos::prelude::*;
use recit_story::progress::{clean_text, AnswerKey, MyStory, Progress};
use recit_story::{Diagnostic, Position, ScaleId};

use recit::storage::{self, Keeping, StorageError};
use recit::story_data::story;

const KEY: &str = "recit.atelier.progression";
/// What was stored but could not be read is kept here, never overwritten silently.
const UNREADABLE_KEY: &str = "recit.atelier.progression.illisible";
/// The name of exported files.
pub const FILE_NAME: &str = "recit-progression.toml";

/// The workbook of this device. Copy it freely; get it with [`use_workbook`].
#[derive(Clone, Copy)]
pub struct Workbook {
    progress: RwSignal<Progress>,
    keeping: Keeping,
}

impl Workbook {
    /// Loads the device's workbook and provides it. A stored workbook that no longer reads
    /// (another version of the story) is set aside, not lost.
    pub fn provide() -> Workbook {
        let progress = match storage::get(KEY).map(|text| (Progress::from_file(&text, KEY, story()), text)) {
            Some((Ok(progress), _)) => progress,
            Some((Err(_), text)) => {
                let _ = storage::set(UNREADABLE_KEY, &text);
                Progress::default()
            }
            None => Progress::default(),
        };
        let workbook = Workbook { progress: RwSignal::new(progress), keeping: Keeping::default() };
        provide_context(workbook);
        workbook
    }

    /// Changes the progress and saves it; when the device cannot keep it, the work is
    /// downloaded at once so that it is not lost.
    fn change(&self, f: impl FnOnce(&mut Progress)) {
        self.progress.update(f);
        self.save();
    }

    /// Not generic, so that each kind of change does not carry its own copy.
    fn save(&self) {
        let file = self.progress.with_untracked(Progress::to_file);
        let _ = self.keeping.save(
            || storage::set(KEY, &file),
            || {
                let _ = recit::dom::download(FILE_NAME, &file);
            },
        );
    }

    /// Why the last change could not be kept on the device, if it could not.
    pub fn refused(&self) -> ReadSignal<Option<StorageError>> {
        self.keeping.refused()
    }

    /// Records that the pupil is at `position`.
    pub fn record(&self, position: &Position) {
        let path = position.to_path();
        if self.progress.with_untracked(|p| p.position == path) {
            return;
        }
        self.change(|p| {
            p.position = path;
            p.visit(&position.step);
        });
    }

    /// Where the pupil was, if anywhere.
    pub fn position(&self) -> Option<String> {
        self.progress.with_untracked(|p| (!p.position.is_empty()).then(|| p.position.clone()))
    }

    /// The answer written to a workshop question.
    pub fn answer(&self, key: &AnswerKey) -> String {
        self.progress.with(|p| p.answers.get(key).cloned().unwrap_or_default())
    }

    pub fn set_answer(&self, key: AnswerKey, text: &str) {
        let text = clean_text(text);
        self.change(|p| {
            if text.is_empty() {
                p.answers.remove(&key);
            } else {
                p.answers.insert(key, text);
            }
        });
    }

    /// The option chosen (from 1) for a quiz question.
    pub fn quiz_choice(&self, key: &AnswerKey) -> Option<u8> {
        self.progress.with(|p| p.quiz.get(key).copied())
    }

    pub fn choose(&self, key: AnswerKey, option: u8) {
        self.change(|p| {
            p.quiz.insert(key, option);
        });
    }

    /// Forgets the quiz answers at `scale`, to take the quiz again.
    pub fn restart_quiz(&self, scale: ScaleId) {
        self.change(|p| p.quiz.retain(|k, _| k.scale != scale));
    }

    pub fn my_story(&self) -> MyStory {
        self.progress.with(|p| p.my_story.clone())
    }

    pub fn edit_my_story(&self, f: impl FnOnce(&mut MyStory)) {
        self.change(|p| f(&mut p.my_story));
    }

    /// The progress file of everything done on this device.
    pub fn export(&self) -> String {
        self.progress.with_untracked(Progress::to_file)
    }

    /// Replaces the workbook with a progress file's, or leaves it untouched and says why.
    pub fn import(&self, text: &str, file: &str) -> Result<(), Vec<Diagnostic>> {
        let progress = Progress::from_file(text, file, story())?;
        self.change(|p| *p = progress);
        Ok(())
    }
}

/// The workbook, provided by the app outside the kiosk.
pub fn use_workbook() -> Option<Workbook> {
    use_context::<Workbook>()
}

/// The quiz and question keys of the `question`-th (0-based) question of a view.
pub fn answer_key(step: &str, scale: ScaleId, question: usize) -> AnswerKey {
    AnswerKey { step: step.to_string(), scale, question: u8::try_from(question + 1).unwrap_or(u8::MAX) }
}
