//! Parse + validate of generated stories of 100, 1,000 and 10,000 steps × 3 scales.
//! Prints the time per step for each size; growth is linear when that time stays flat.
//! Run: `cargo bench -p recit-story` (add `-- --quick` for one round per size).

use std::time::{Duration, Instant};

use recit_story::toml_format::{load_files, write_files};
use recit_story::*;

fn text(s: &str) -> Text {
    Text::new(format!("{s} (fr)"), format!("{s} (en)"))
}

/// A valid story of `n` main steps, each told at three scales with a figure, a quote,
/// questions and a paragraph of Markdown with a link to the next step.
fn generated(n: usize) -> Story {
    let ids: Vec<String> = (0..n).map(|i| format!("etape-{i:05}")).collect();
    let views = |i: usize| {
        ScaleId::ALL
            .into_iter()
            .map(|scale| View {
                scale,
                title: text(&format!("Étape {i} à l'échelle {}", scale.id())),
                text: Text::new(
                    format!("Un paragraphe *en italique* et **en gras**, avec un [lien]({}).\n\n- un\n- deux", ids[(i + 1) % n]),
                    "A paragraph *in italics* and **in bold**.\n\n- one\n- two",
                ),
                easy: Text::new("Une phrase courte. Une idée.", "A short sentence. One idea."),
                actors: vec![text("Les élus")],
                figures: vec![Figure { value: 6500, approximate: false, label: text("habitants"), source: "rapport".into() }],
                quotes: vec![Quote { text: text("la participation, c'est du high-tech"), by: text("devise"), source: "rapport".into() }],
                questions: vec![text("Qui agit ?"), text("Que font-ils ?")],
                activity: text("Dessinez la carte."),
                terms: vec!["mot".into()],
                notes: text("1. Les élus et les habitants."),
                quiz: vec![QuizQuestion {
                    question: text("Qui agit ?"),
                    options: vec![text("Les élus"), text("Personne")],
                    answer: 1,
                    explanation: text("Le texte le dit."),
                    source: "rapport".into(),
                }],
                picture: None,
            })
            .collect()
    };
    let mut story = Story {
        meta: Meta { title: text("Titre"), promise: text("Promesse"), report: Report { title: text("Rapport"), authors: vec!["A".into()], publishers: vec!["B".into()], date: "2017-09".into() } },
        scales: ScaleId::ALL.into_iter().map(|id| Scale { id, name: text(id.id()), short: text(id.id()), population: 1000, population_source: "rapport".into(), code: None }).collect(),
        trajectory: ids.clone(),
        sources: vec![Source { id: "rapport".into(), title: text("Section"), kind: SourceKind::Report { ocr_lines: Some((1, 7)), passage: text("Passage") } }],
        steps: ids.iter().enumerate().map(|(i, id)| Step { id: id.clone(), next: None, branches: vec![], choices: vec![], views: views(i), motif: None }).collect(),
        glossary: vec![Term { id: "mot".into(), word: text("mot"), definition: text("définition") }],
        territory: None,
        contributions: vec![],
    };
    story.sort_steps();
    story
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    println!("{:>7} {:>10} {:>12} {:>14} {:>10}", "steps", "bytes", "median ms", "µs per step", "vs 100");
    let mut per_step_100 = None;
    for n in [100, 1_000, 10_000] {
        let files = write_files(&generated(n));
        let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
        let rounds = if quick {
            1
        } else if n == 10_000 {
            5
        } else {
            15
        };
        let mut times: Vec<Duration> = (0..rounds)
            .map(|_| {
                let start = Instant::now();
                let loaded = load_files(&files);
                let elapsed = start.elapsed();
                assert!(!loaded.has_errors(), "the generated story is valid");
                elapsed
            })
            .collect();
        times.sort();
        let median = times[times.len() / 2];
        let per_step = median.as_secs_f64() * 1e6 / n as f64;
        let base = *per_step_100.get_or_insert(per_step);
        println!("{n:>7} {bytes:>10} {:>12.2} {per_step:>14.1} {:>9.2}×", median.as_secs_f64() * 1e3, per_step / base);
    }
}
