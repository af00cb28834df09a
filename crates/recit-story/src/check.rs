//! Checking a story folder as the command line does (`recit check`, `recit-check`): every
//! problem printed, located, then a summary line, on standard error.

use std::process::ExitCode;

use crate::toml_format::{load_dir, Loaded};

/// Loads and validates the story in `dir`, prints every problem and a summary on standard
/// error, and gives the loaded story; `Err` with the exit code when the folder cannot be read
/// (said on standard error too). Paths in messages start with `dir`, so that a terminal can
/// open them.
pub fn check_dir(dir: &str) -> Result<Loaded, ExitCode> {
    let prefix = format!("{}/", dir.trim_end_matches('/'));
    let loaded = load_dir(std::path::Path::new(dir), &prefix).map_err(|e| {
        eprintln!("error: cannot read {dir}: {e}");
        ExitCode::FAILURE
    })?;
    for d in &loaded.diagnostics {
        eprintln!("{d}\n");
    }
    eprintln!("{dir}: {}", summary(&loaded));
    Ok(loaded)
}

/// What the story holds and how many problems it has, in one line.
fn summary(loaded: &Loaded) -> String {
    let errors = loaded.errors().count();
    let warnings = loaded.diagnostics.len() - errors;
    let s = &loaded.story;
    let accepted = s.contributions.iter().filter(|c| c.status == crate::Status::Accepted).count();
    format!(
        "{} steps ({} on the trajectory), {} sources, {} terms, {} contributions ({accepted} accepted): {errors} error(s), {warnings} warning(s)",
        s.steps.len(),
        s.trajectory.len(),
        s.sources.len(),
        s.glossary.len(),
        s.contributions.len()
    )
}

impl Loaded {
    /// The command line's exit code for this story: failure on any error (warnings pass).
    pub fn exit_code(&self) -> ExitCode {
        if self.has_errors() {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }
}
