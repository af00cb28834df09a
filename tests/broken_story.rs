//! A deliberately broken story fails the app's build, with every problem located.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn a_broken_story_fails_the_build_with_located_messages() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let broken = std::env::temp_dir().join(format!("recit-broken-story-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&broken);
    copy_dir(&root.join("story"), &broken);
    // Two mistakes in two files: a misspelt field (so the French title is also missing), and
    // a population citing no known source.
    let step = broken.join("steps").join(format!("{}.toml", first_step(&root)));
    let text = std::fs::read_to_string(&step).unwrap();
    let line = text.lines().position(|l| l.starts_with("title.fr")).unwrap() + 1;
    std::fs::write(&step, text.replacen("title.fr", "titel.fr", 1)).unwrap();
    let story_toml = broken.join("story.toml");
    let text = std::fs::read_to_string(&story_toml).unwrap();
    std::fs::write(&story_toml, text.replacen("population_source = \"", "population_source = \"nowhere-", 1)).unwrap();

    // Its own target directory: the one of the running `cargo test` is locked.
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--quiet", "-p", "recit", "--lib"])
        .env("RECIT_STORY_DIR", &broken)
        .env("CARGO_TARGET_DIR", root.join("target/broken-story-check"))
        .current_dir(&root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the build must fail");
    let prefix = format!("{}/", broken.display());
    assert!(stderr.contains("has 3 error(s)"), "{stderr}");
    assert!(stderr.contains("error[unknown-field]: unknown field `titel`"), "{stderr}");
    assert!(stderr.contains(&format!("--> {prefix}steps/{}.toml:{line}:1", first_step(&root))), "{stderr}");
    assert!(stderr.contains("did you mean `title`?"), "{stderr}");
    assert!(stderr.contains("error[missing-field]: missing `fr`"), "{stderr}");
    assert!(stderr.contains("error[dangling-link]"), "{stderr}");
    assert!(stderr.contains(&format!("--> {prefix}story.toml:")), "{stderr}");
    let _ = std::fs::remove_dir_all(&broken);
}

/// The first step of the trajectory, read from story.toml.
fn first_step(root: &Path) -> String {
    let text = std::fs::read_to_string(root.join("story/story.toml")).unwrap();
    let after = &text[text.find("trajectory = [").unwrap()..];
    after.split('"').nth(1).unwrap().to_string()
}
