//! The story, validated by `build.rs` and embedded in its compact form. The plain reader
//! embeds its French half only and fetches the English half (`english.bin`) the first time a
//! reader reads in English (see [`English`]); the other apps embed both.

use std::sync::OnceLock;

use leptos::prelude::*;
use recit_story::compact::language_from_compact;
use recit_story::language::LanguagePack;
use recit_story::{Lang, Story};

use crate::on_demand::OnDemand;

static COMPACT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/story.bin"));

/// Whether this app fetches the story's English (build.rs says).
fn english_fetched() -> bool {
    env!("RECIT_ENGLISH") == "fetched"
}

/// The story as embedded, decoded once on first use.
fn embedded() -> &'static Story {
    static STORY: OnceLock<Story> = OnceLock::new();
    STORY.get_or_init(decode_embedded)
}

fn decode_embedded() -> Story {
    // build.rs wrote these bytes from a validated story with the same model: decoding them
    // cannot fail unless the build itself is broken.
    Story::from_compact(COMPACT).expect("the embedded story decodes")
}

/// The plain reader's story once its English half has arrived (`None`: the half did not fit
/// this build's story, and French stands in).
static BILINGUAL: OnceLock<Option<Story>> = OnceLock::new();

/// The story: with both languages once the plain reader has its English.
pub fn story() -> &'static Story {
    BILINGUAL.get().and_then(Option::as_ref).unwrap_or_else(embedded)
}

/// The English half of the story, fetched once, for the plain reader. Copy it freely; get it
/// with [`use_english`].
#[derive(Clone, Copy)]
pub struct English(OnDemand<LanguagePack>);

impl English {
    pub fn provide() {
        provide_context(English(OnDemand::new("/english.bin", |bytes| language_from_compact(bytes).ok())));
    }

    /// Whether the story can be shown in `lang` now (if not, [`English::load`] it). A missing
    /// or foreign file (an older build's) shows the French texts rather than nothing.
    pub fn ready(self, lang: Lang) -> bool {
        if !english_fetched() || lang == Lang::Fr || BILINGUAL.get().is_some() {
            return true;
        }
        // Put together once, whether it fits or not.
        match self.0.with(|pack| {
            // Decoded anew rather than cloned: the plain reader then has no code to clone a
            // story.
            let mut story = decode_embedded();
            let _ = BILINGUAL.set(story.put_language(Lang::En, pack.clone()).then_some(story));
        }) {
            Ok(None) => false,
            Ok(Some(())) | Err(()) => true,
        }
    }

    /// Starts fetching the English half, once.
    pub fn load(self) {
        self.0.load();
    }
}

/// The English half, provided by the app.
pub fn use_english() -> English {
    expect_context::<English>()
}
