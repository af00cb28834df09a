//! Checks a story directory and prints every problem: `recit-check story/`.
//! Exit status 1 when there is an error (warnings alone pass).
//! `recit-check story/ --titles` also prints, tab-separated on standard output, every
//! (language, scale, step, main index or "side", title) for the browser tests to expect.

use std::process::ExitCode;

fn main() -> ExitCode {
    let titles = std::env::args().any(|a| a == "--titles");
    let dir = std::env::args().skip(1).find(|a| !a.starts_with("--")).unwrap_or_else(|| "story".into());
    let prefix = format!("{}/", dir.trim_end_matches('/'));
    let loaded = match recit_story::toml_format::load_dir(std::path::Path::new(&dir), &prefix) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("error: cannot read {dir}: {e}");
            return ExitCode::FAILURE;
        }
    };
    for d in &loaded.diagnostics {
        eprintln!("{d}\n");
    }
    let errors = loaded.errors().count();
    let warnings = loaded.diagnostics.len() - errors;
    let s = &loaded.story;
    eprintln!("{dir}: {} steps ({} on the trajectory), {} sources, {} terms: {errors} error(s), {warnings} warning(s)",
        s.steps.len(), s.trajectory.len(), s.sources.len(), s.glossary.len());
    if titles {
        print_titles(s);
    }
    if errors > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn print_titles(story: &recit_story::Story) {
    for lang in recit_story::Lang::ALL {
        for step in &story.steps {
            let index = story.main_index(&step.id).map_or("side".to_string(), |i| i.to_string());
            for view in &step.views {
                let title = view.title.get(lang).replace(['\t', '\n'], " ");
                println!("{}\t{}\t{}\t{index}\t{title}", lang.code(), view.scale.id(), step.id);
            }
        }
    }
}
