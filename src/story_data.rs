//! The story, validated by `build.rs` and embedded in its compact form.

use std::sync::OnceLock;

use recit_story::Story;

static COMPACT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/story.bin"));

/// The story, decoded once on first use.
pub fn story() -> &'static Story {
    static STORY: OnceLock<Story> = OnceLock::new();
    // build.rs wrote these bytes from a validated story with the same model: decoding them
    // cannot fail unless the build itself is broken.
    STORY.get_or_init(|| Story::from_compact(COMPACT).expect("the embedded story decodes"))
}
