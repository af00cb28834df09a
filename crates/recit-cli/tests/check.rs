//! `recit check`: a story's every problem, located, and the exit status.

use std::path::{Path, PathBuf};
use std::process::Command;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../recit-story/tests/fixtures/sample")
}

fn check(dir: &Path) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_recit")).args(["check", dir.to_str().unwrap()]).output().unwrap();
    (output.status.success(), String::from_utf8(output.stderr).unwrap())
}

#[test]
fn a_sound_story_passes() {
    let (success, stderr) = check(&sample());
    assert!(success, "{stderr}");
    assert!(stderr.ends_with(": 5 steps (3 on the trajectory), 5 sources, 1 terms, 2 contributions (1 accepted): 0 error(s), 0 warning(s)\n"), "{stderr}");
}

#[test]
fn a_broken_story_fails_with_every_problem_located() {
    let broken = std::env::temp_dir().join(format!("recit-check-broken-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&broken);
    assert!(Command::new("cp").arg("-R").args([&sample(), &broken]).status().unwrap().success());
    // Two mistakes in two files: a misspelt field (so the French title is missing too), and a
    // population citing no known source.
    let step = broken.join("steps/archipel-noir.toml");
    let text = std::fs::read_to_string(&step).unwrap();
    let line = text.lines().position(|l| l.starts_with("title.fr")).unwrap() + 1;
    std::fs::write(&step, text.replacen("title.fr", "titel.fr", 1)).unwrap();
    let story = broken.join("story.toml");
    let text = std::fs::read_to_string(&story).unwrap();
    assert!(text.contains("population_source = \""));
    std::fs::write(&story, text.replacen("population_source = \"", "population_source = \"nowhere-", 1)).unwrap();

    let (success, stderr) = check(&broken);
    let _ = std::fs::remove_dir_all(&broken);
    assert!(!success, "{stderr}");
    let prefix = format!("{}/", broken.display());
    assert!(stderr.contains("error[unknown-field]: unknown field `titel`"), "{stderr}");
    assert!(stderr.contains(&format!("--> {prefix}steps/archipel-noir.toml:{line}:1")), "{stderr}");
    assert!(stderr.contains("error[missing-field]: missing `fr`"), "{stderr}");
    assert!(stderr.contains("error[dangling-link]"), "{stderr}");
    assert!(stderr.contains(&format!("--> {prefix}story.toml:")), "{stderr}");
    assert!(stderr.contains(": 3 error(s), 0 warning(s)\n"), "{stderr}");
}

#[test]
fn a_missing_folder_is_said() {
    let (success, stderr) = check(Path::new("/nonexistent/story"));
    assert!(!success);
    assert!(stderr.starts_with("error: cannot read /nonexistent/story: "), "{stderr}");
}
