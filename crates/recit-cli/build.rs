//! Carries the apps into the program: every file of the apps' build (trunk's output,
//! `target/apps`, or the folder `RECIT_APPS_DIR` names), so that `recit publish` needs nothing
//! beside it. Without that folder (a `cargo test` before any app is built) the program carries
//! none, and `recit publish` says how to build it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=RECIT_APPS_DIR");
    let apps = std::env::var_os("RECIT_APPS_DIR").map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/apps"), PathBuf::from);
    // A folder: Cargo looks at every file inside it.
    println!("cargo:rerun-if-changed={}", apps.display());
    let mut files = Vec::new();
    if apps.is_dir() {
        collect(&apps, &apps, &mut files);
    }
    files.sort();
    let mut out = String::from("/// The apps' files: (path in the site, bytes).\npub static APPS: &[(&str, &[u8])] = &[\n");
    for (name, path) in &files {
        let _ = writeln!(out, "    ({name:?}, include_bytes!({:?})),", path.canonicalize().expect("a file just listed").display().to_string());
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("apps.rs");
    std::fs::write(target, out).expect("write apps.rs");
}

/// Every file below `dir`, as (its path from `root` with `/`, its path).
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a folder's entry").path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let name = path.strip_prefix(root).expect("below the root").components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            files.push((name, path));
        }
    }
}
