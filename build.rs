//! Reads and validates `story/`, then embeds it in the app in its compact form.
//! A story with errors fails the build with every message, located; warnings are shown.

use std::path::Path;

fn main() {
    // RECIT_STORY_DIR builds another story (the tests' fixtures); the app ships `story/`.
    println!("cargo:rerun-if-env-changed=RECIT_STORY_DIR");
    let dir = std::env::var("RECIT_STORY_DIR").unwrap_or_else(|_| "story".into());
    println!("cargo:rerun-if-changed={dir}");
    let prefix = format!("{}/", dir.trim_end_matches('/'));
    let loaded = recit_story::toml_format::load_dir(Path::new(&dir), &prefix)
        .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"));
    for d in loaded.diagnostics.iter().filter(|d| !d.is_error()) {
        for line in d.to_string().lines() {
            println!("cargo:warning={line}");
        }
    }
    if loaded.has_errors() {
        let errors: Vec<String> = loaded.errors().map(|d| d.to_string()).collect();
        eprintln!("\n{dir} has {} error(s):\n\n{}\n", errors.len(), errors.join("\n\n"));
        eprintln!("Fix them (see story/README.md), or check with: cargo run -p recit-story --bin recit-check -- {dir}\n");
        std::process::exit(1);
    }
    // The plain reader (the first visit) embeds the French story without the workshop's
    // material, the easy-read texts (the modes app has them) and what it fetches when first
    // needed: the report's passages and the English half (passages.bin, english.bin, written
    // into dist/ by scripts/post-build.mjs). The other apps embed it all.
    // The prerenderer (feature `prerender`, on the host) renders the plain reader's pages in
    // both languages: the plain reader's story with its English half and passages put back.
    let full = ["CARGO_FEATURE_MODES", "CARGO_FEATURE_EDITOR"].iter().any(|f| std::env::var_os(f).is_some());
    let prerender = std::env::var_os("CARGO_FEATURE_PRERENDER").is_some();
    let mut story = if full {
        loaded.story
    } else {
        let (mut story, english) = loaded.story.for_plain_reader();
        if prerender {
            assert!(story.put_language(recit_story::Lang::En, english), "the English half fits the story it was taken from");
            // A static page shows each source's passage in its disclosure: without the app,
            // nothing fetches passages.bin.
            story.sources = loaded.story.sources.clone();
        }
        story
    };
    println!("cargo:rustc-env=RECIT_ENGLISH={}", if full || prerender { "embedded" } else { "fetched" });
    // Readers' apps (not the council's editor) carry no more of residents' words than
    // readers see: no testimony not accepted, no name of an anonymous author, no consent.
    if std::env::var_os("CARGO_FEATURE_EDITOR").is_none() {
        story.contributions = recit_story::contribution::for_readers(std::mem::take(&mut story.contributions));
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("story.bin");
    std::fs::write(&out, story.to_compact()).expect("write the compact story");
}
