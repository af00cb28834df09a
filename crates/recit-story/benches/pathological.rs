//! How long the editor's import takes on the pathological inputs of
//! `tests/common/pathological.rs` at 200 KB: each text class inside a step of the sample
//! story (read, validated, and parsed for display), each broken file beside it. Prints the
//! worst of a few rounds per class, and the worst of all; growth is linear when doubling the
//! size about doubles the time (the last column).
//! Run: `cargo bench -p recit-story --bench pathological` (add `-- --quick` for one round).

use std::time::{Duration, Instant};

use recit_story::markdown;
use recit_story::toml_format::load_files;

#[path = "../tests/common/mod.rs"]
mod common;
use common::pathological::{files, texts, toml_string};
use common::sample;

const BYTES: usize = 200_000;

/// The worst time of `rounds` runs of `f`.
fn worst(rounds: usize, mut f: impl FnMut()) -> Duration {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .max()
        .unwrap_or_default()
}

fn main() {
    let rounds = if std::env::args().any(|a| a == "--quick") { 1 } else { 3 };
    let base = sample();
    // What the import does with the story once read: load (read + validate), then the
    // editor shows the text (parse).
    let with_text = |text: &str| {
        let mut files = base.clone();
        files.push(("steps/x.toml".into(), format!("id = \"x\"\nnext = \"archipel-vert\"\n[commune]\ntitle.fr = \"x\"\ntext.fr = {}\n", toml_string(text))));
        files
    };
    let with_file = |content: String| {
        let mut files = base.clone();
        files.push(("steps/x.toml".into(), content));
        files
    };
    println!("{:<34} {:>10} {:>12} {:>14}", "input (200 KB)", "problems", "worst ms", "×2 size: ms");
    let mut overall = (Duration::ZERO, "");
    let mut report = |name: &'static str, problems: usize, time: Duration, doubled: Duration| {
        println!("{name:<34} {problems:>10} {:>12.2} {:>14.2}", time.as_secs_f64() * 1e3, doubled.as_secs_f64() * 1e3);
        if time > overall.0 {
            overall = (time, name);
        }
    };
    let (small, large) = (texts(BYTES), texts(2 * BYTES));
    for ((name, text), (_, double)) in small.iter().zip(&large) {
        let (files, double_files) = (with_text(text), with_text(double));
        let problems = load_files(&files).diagnostics.len();
        let time = worst(rounds, || {
            load_files(&files);
            markdown::parse(text);
        });
        let doubled = worst(rounds, || {
            load_files(&double_files);
            markdown::parse(double);
        });
        report(name, problems, time, doubled);
    }
    for ((name, content), (_, double)) in files(BYTES).into_iter().zip(files(2 * BYTES)) {
        let (files, double_files) = (with_file(content), with_file(double));
        let problems = load_files(&files).diagnostics.len();
        let time = worst(rounds, || {
            load_files(&files);
        });
        let doubled = worst(rounds, || {
            load_files(&double_files);
        });
        report(name, problems, time, doubled);
    }
    println!("worst: {:.2} ms ({})", overall.0.as_secs_f64() * 1e3, overall.1);
}
