//! `recit`: checks a story, publishes it as a site, serves the site. See `recit help`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use recit_cli::cli::{self, Command};
use recit_cli::council::store::{self, Location, Store};
use recit_cli::publish;
use recit_cli::serve::{self, Site};

fn main() -> ExitCode {
    match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Check { story }) => match recit_story::check::check_dir(&story.to_string_lossy()) {
            Ok(loaded) => loaded.exit_code(),
            Err(code) => code,
        },
        Ok(Command::Publish { story, out }) => match publish_checked(&story, &out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        },
        Ok(Command::Serve { dir, addr, data }) => {
            // PostgreSQL where DATABASE_URL says so, else the data folder, else no council.
            let council = match std::env::var("DATABASE_URL").ok().filter(|url| !url.is_empty()) {
                Some(url) => Some(Location::Url(url)),
                None => data.clone().map(Location::Folder),
            };
            let lock = match data.as_deref().filter(|_| matches!(council, Some(Location::Folder(_)))).map(store::lock_folder) {
                Some(Ok(None)) => return fail("another `recit serve` uses this data folder: stop it first, or give another --data"),
                Some(Err(e)) => return fail(&e.to_string()),
                Some(Ok(Some(lock))) => Some(lock),
                None => None,
            };
            let (dir, own) = match dir {
                Some(dir) => (dir, false),
                None => match serve_story() {
                    Ok(dir) => (dir, true),
                    Err(code) => return code,
                },
            };
            let served = Site::open(&dir).and_then(|site| {
                let runtime = tokio::runtime::Runtime::new().map_err(serve::StartError::Serve)?;
                runtime.block_on(serve::run(site, addr, &dir, council))
            });
            drop(lock);
            if own {
                let _ = std::fs::remove_dir_all(&dir);
            }
            match served {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e.to_string()),
            }
        }
        Ok(Command::Backup { data, file }) => on_store(async {
            if file.exists() {
                return Err(format!("{}: already there; name a new file", file.display()));
            }
            let store = Store::open(&Location::Folder(data)).await.map_err(|e| e.to_string())?;
            store.backup_to(&file).await.map_err(|e| e.to_string())?;
            println!("backed up into {}", file.display());
            Ok(())
        }),
        Ok(Command::Restore { file, data }) => on_store(async {
            store::restore(&file, &data).await.map_err(|e| e.to_string())?;
            println!("restored {} into {}", file.display(), data.display());
            Ok(())
        }),
        Ok(Command::Help) => {
            println!("{}", cli::USAGE);
            ExitCode::SUCCESS
        }
        Err(message) => fail(&format!("{message}\n{}", cli::USAGE)),
    }
}

/// Checks the story in `story`, printing every problem, and publishes it into `out` if it has
/// no error; nothing is written otherwise.
fn publish_checked(story: &Path, out: &Path) -> Result<(), ExitCode> {
    let started = std::time::Instant::now();
    let loaded = recit_story::check::check_dir(&story.to_string_lossy())?;
    if loaded.has_errors() {
        eprintln!("error: nothing published: fix the errors above (see story/README.md), then publish again; {} is as it was", out.display());
        return Err(ExitCode::FAILURE);
    }
    match publish::publish(&loaded.story, story, out) {
        Ok(published) => {
            eprintln!("published {} pages ({} files) into {} in {:.2} s", published.pages, published.files, out.display(), started.elapsed().as_secs_f64());
            Ok(())
        }
        Err(e) => {
            eprintln!("error: {e}; {} is as it was", out.display());
            Err(ExitCode::FAILURE)
        }
    }
}

/// `recit serve` without a folder: the story folder `story`, published into a folder of this
/// process's own, removed when it stops.
fn serve_story() -> Result<PathBuf, ExitCode> {
    if !Path::new("story").is_dir() {
        return Err(fail("no story/ here to publish and serve: run it where the story folder is, or name a published site: recit serve DIR"));
    }
    let out = std::env::temp_dir().join(format!("recit-serve-{}", std::process::id()));
    publish_checked(Path::new("story"), &out)?;
    Ok(out)
}

/// Runs a command on the council's store.
fn on_store(work: impl std::future::Future<Output = Result<(), String>>) -> ExitCode {
    let done = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string()).and_then(|runtime| runtime.block_on(work));
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}
