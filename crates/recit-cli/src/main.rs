//! `recit`: checks a story, serves a built site. See `recit help`.

use std::path::PathBuf;
use std::process::ExitCode;

use recit_cli::cli::{self, Command};
use recit_cli::serve::{self, Site};

fn main() -> ExitCode {
    match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Check { story }) => {
            match recit_story::check::check_dir(&story.to_string_lossy()) {
                Ok(loaded) => loaded.exit_code(),
                Err(code) => code,
            }
        }
        Ok(Command::Serve { dir, addr }) => {
            let dir = match dir.map_or_else(default_site, Ok) {
                Ok(dir) => dir,
                Err(message) => return fail(&message),
            };
            let served = Site::open(&dir).and_then(|site| {
                let runtime = tokio::runtime::Runtime::new().map_err(serve::StartError::Serve)?;
                runtime.block_on(serve::run(site, addr, &dir))
            });
            match served {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e.to_string()),
            }
        }
        Ok(Command::Help) => {
            println!("{}", cli::USAGE);
            ExitCode::SUCCESS
        }
        Err(message) => fail(&format!("{message}\n{}", cli::USAGE)),
    }
}

/// The site `recit serve` serves without a folder: the build's `dist/`.
fn default_site() -> Result<PathBuf, String> {
    let dist = PathBuf::from("dist");
    if dist.is_dir() {
        Ok(dist)
    } else {
        Err("no dist/ here to serve: build the site first (`trunk build --release`, from the repository's root), or name the folder: recit serve DIR".into())
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}
