//! The visit: the reader's path this session, kept apart from the story and from the URL
//! (which holds the position). A kiosk reset clears it.

use leptos::prelude::*;
use recit_story::{Lang, Position, Reader};

/// The current visit. Copy it freely; get it with [`use_visit`].
#[derive(Clone, Copy)]
pub struct Visit {
    reader: RwSignal<Option<Reader>>,
}

impl Visit {
    pub fn provide() -> Visit {
        let visit = Visit { reader: RwSignal::new(None) };
        provide_context(visit);
        visit
    }

    /// Records that the reader is at `position`.
    pub fn record(&self, position: Position) {
        self.reader.update(|r| match r {
            Some(r) => {
                r.go_to(&position.step);
                r.position = position;
            }
            None => *r = Some(Reader::new(position)),
        });
    }

    /// Steps seen this visit, in the order first seen.
    pub fn visited(&self) -> Signal<Vec<String>> {
        let reader = self.reader;
        Signal::derive(move || reader.with(|r| r.as_ref().map(|r| r.visited.clone()).unwrap_or_default()))
    }

    /// The visitor's language (French before any step).
    pub fn lang(&self) -> Lang {
        self.reader.with_untracked(|r| r.as_ref().map_or(Lang::Fr, |r| r.position.lang))
    }

    /// Forgets the visit: the next visitor starts afresh.
    pub fn clear(&self) {
        self.reader.set(None);
    }
}

pub fn use_visit() -> Visit {
    expect_context::<Visit>()
}
