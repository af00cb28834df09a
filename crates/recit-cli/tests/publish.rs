//! `recit publish` with a story that has errors: nothing published, every problem located, and
//! the folder it was asked to replace as it was, file by file.

use std::collections::BTreeMap;
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

/// Every file below `dir` with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.extend(files(&path));
        } else {
            all.insert(path.clone(), std::fs::read(&path).unwrap());
        }
    }
    all
}

#[test]
fn a_broken_story_publishes_nothing_and_says_every_problem_located() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let tmp = std::env::temp_dir().join(format!("recit-publish-broken-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let broken = tmp.join("story");
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
    // The site in place: any folder; it must stay as it is.
    let site = tmp.join("site");
    std::fs::create_dir_all(site.join("fr")).unwrap();
    std::fs::write(site.join("index.html"), "the old site").unwrap();
    std::fs::write(site.join("fr/index.html"), "its old page").unwrap();
    let before = files(&site);

    let output = Command::new(env!("CARGO_BIN_EXE_recit")).arg("publish").arg(&broken).arg("--out").arg(&site).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the publish must fail");
    let prefix = format!("{}/", broken.display());
    assert!(stderr.contains("3 error(s)"), "{stderr}");
    assert!(stderr.contains("error[unknown-field]: unknown field `titel`"), "{stderr}");
    assert!(stderr.contains(&format!("--> {prefix}steps/{}.toml:{line}:1", first_step(&root))), "{stderr}");
    assert!(stderr.contains("did you mean `title`?"), "{stderr}");
    assert!(stderr.contains("error[missing-field]: missing `fr`"), "{stderr}");
    assert!(stderr.contains("error[dangling-link]"), "{stderr}");
    assert!(stderr.contains(&format!("--> {prefix}story.toml:")), "{stderr}");
    assert!(stderr.contains("nothing published"), "{stderr}");
    assert_eq!(files(&site), before, "the site as it was, file by file");
    let beside: Vec<_> = std::fs::read_dir(&tmp).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(beside.len(), 2, "no folder left beside it: {beside:?}");
    let _ = std::fs::remove_dir_all(&tmp);
}

/// The first step of the trajectory, read from story.toml.
fn first_step(root: &Path) -> String {
    let text = std::fs::read_to_string(root.join("story/story.toml")).unwrap();
    let after = &text[text.find("trajectory = [").unwrap()..];
    after.split('"').nth(1).unwrap().to_string()
}
