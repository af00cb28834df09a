//! Checks a story directory and prints every problem: `recit-check story/`.
//! Exit status 1 when there is an error (warnings alone pass).

use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "story".into());
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
    if errors > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
