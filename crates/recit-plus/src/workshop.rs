//! Workshop mode, the pure part: who the screen is for, from the URL. `?atelier` is a pupil's
//! tablet, `?atelier=enseignant` the teacher's console (with the notes) and
//! `?atelier=projection` the projected view, which follows the console.

/// Who a workshop screen is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkshopRole {
    /// A pupil's tablet: questions to answer, the quiz, « Mon récit ».
    Pupil,
    /// The teacher's console: the notes and expected answers, the pupils' link, and the
    /// projection it drives. Never projected.
    Teacher,
    /// The projected view: large type, high contrast, no notes.
    Projection,
}

impl WorkshopRole {
    /// Reads a URL query; `None` outside the workshop. An unknown value is a pupil: the
    /// safe side, since it never shows the notes.
    pub fn from_query(query: &str) -> Option<WorkshopRole> {
        query.trim_start_matches('?').split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (key == recit_story::reader::WORKSHOP).then_some(match value {
                "enseignant" => WorkshopRole::Teacher,
                "projection" => WorkshopRole::Projection,
                _ => WorkshopRole::Pupil,
            })
        })
    }

    /// The query that keeps the role across navigation.
    pub fn to_query(self) -> &'static str {
        match self {
            WorkshopRole::Pupil => "?atelier",
            WorkshopRole::Teacher => "?atelier=enseignant",
            WorkshopRole::Projection => "?atelier=projection",
        }
    }

    /// The class on `<html>` that gives the role its layout.
    pub fn class(self) -> &'static str {
        match self {
            WorkshopRole::Pupil => "pupil",
            WorkshopRole::Teacher => "teacher",
            WorkshopRole::Projection => "projection",
        }
    }
}

/// The workshop role of this screen, provided by the app; `None` outside the workshop.
pub fn use_workshop() -> Option<WorkshopRole> {
    leptos::prelude::use_context::<Option<WorkshopRole>>().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_back_from_their_query() {
        for role in [WorkshopRole::Pupil, WorkshopRole::Teacher, WorkshopRole::Projection] {
            assert_eq!(WorkshopRole::from_query(role.to_query()), Some(role));
        }
        assert_eq!(WorkshopRole::from_query("?kiosk&atelier=autre"), Some(WorkshopRole::Pupil));
        assert_eq!(WorkshopRole::from_query("?ateliers"), None);
        assert_eq!(WorkshopRole::from_query(""), None);
    }
}
