//! The command line: subcommands and their flags, read into a [`Command`] or refused with a
//! message that says what is expected.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

/// What `recit serve` listens on without `--listen` and `--port`: this machine only.
pub const DEFAULT_LISTEN: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);
/// The README's address, <http://127.0.0.1:8080/>.
pub const DEFAULT_PORT: u16 = 8080;

pub const USAGE: &str = "\
usage:
  recit check [STORY_DIR]
      reads and validates a story folder (default: story); prints every problem, located;
      exits with 1 on any error
  recit publish [STORY_DIR] --out DIR
      checks the story (default: story), then writes the whole site into DIR: the apps this
      program carries, the story's files and every page; with any error, writes nothing
  recit serve [DIR] [--port N] [--listen ADDR] [--data DATA_DIR]
      serves a published site at http://127.0.0.1:8080/; without DIR, publishes the story
      folder `story` first; --port 0 picks a free port, --listen 0.0.0.0 answers other
      machines too; --data keeps the council's members in DATA_DIR (SQLite), or, with
      DATABASE_URL=postgres://… set, in that PostgreSQL database; without either, the site
      only
  recit backup --data DATA_DIR FILE
      copies the council's store into FILE (new), consistently, even while it is served
  recit restore FILE --data DATA_DIR
      puts a backup back as the council's store; the server must be stopped
  recit help";

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Check {
        story: PathBuf,
    },
    Publish {
        story: PathBuf,
        out: PathBuf,
    },
    /// `dir`: `None` when not given, for the caller to choose.
    Serve {
        dir: Option<PathBuf>,
        addr: SocketAddr,
        data: Option<PathBuf>,
    },
    Backup {
        data: PathBuf,
        file: PathBuf,
    },
    Restore {
        file: PathBuf,
        data: PathBuf,
    },
    Help,
}

/// Reads the arguments after the program's name.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut args = args.into_iter();
    let Some(command) = args.next() else {
        return Err("no command given".into());
    };
    match command.as_str() {
        "check" => {
            let story = match (args.next(), args.next()) {
                (None, _) => PathBuf::from("story"),
                (Some(flag), _) if flag.starts_with('-') => return Err(format!("check: unknown option {flag}")),
                (Some(dir), None) => PathBuf::from(dir),
                (Some(_), Some(extra)) => return Err(format!("check: one story folder, not also {extra}")),
            };
            Ok(Command::Check { story })
        }
        "publish" => parse_publish(args),
        "serve" => parse_serve(args),
        "backup" => parse_data_and_file("backup", args).map(|(data, file)| Command::Backup { data, file }),
        "restore" => parse_data_and_file("restore", args).map(|(data, file)| Command::Restore { file, data }),
        "help" | "--help" | "-h" => Ok(Command::Help),
        other => Err(format!("unknown command {other}")),
    }
}

fn parse_publish(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let (mut story, mut out) = (None, None);
    while let Some(arg) = args.next() {
        match arg.split_once('=') {
            Some(("--out", value)) => out = Some(PathBuf::from(value)),
            _ if arg == "--out" => out = Some(PathBuf::from(args.next().ok_or("publish: --out needs a folder")?)),
            _ if arg.starts_with('-') => return Err(format!("publish: unknown option {arg}")),
            _ if story.is_some() => return Err(format!("publish: one story folder, not also {arg}")),
            _ => story = Some(PathBuf::from(arg)),
        }
    }
    let out = out.ok_or("publish: say where with --out DIR (the site's folder, replaced whole)")?;
    Ok(Command::Publish { story: story.unwrap_or_else(|| PathBuf::from("story")), out })
}

fn parse_serve(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let (mut dir, mut ip, mut port, mut data) = (None, DEFAULT_LISTEN, DEFAULT_PORT, None);
    while let Some(arg) = args.next() {
        // `--port N` or `--port=N`; a flag given twice keeps its last value, so that a script
        // may pass its defaults before the caller's arguments.
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_string(), Some(value.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = || inline.clone().or_else(|| args.next()).ok_or(format!("serve: {flag} needs a value"));
        match flag.as_str() {
            "--port" => {
                let v = value()?;
                port = v.parse().map_err(|_| format!("serve: --port {v}: not a port (0 to 65535)"))?;
            }
            "--listen" => {
                let v = value()?;
                ip = v.parse().map_err(|_| format!("serve: --listen {v}: not an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1)"))?;
            }
            "--data" => data = Some(PathBuf::from(value()?)),
            f if f.starts_with('-') => return Err(format!("serve: unknown option {f}")),
            _ if dir.is_some() => return Err(format!("serve: one folder, not also {arg}")),
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    Ok(Command::Serve { dir, addr: SocketAddr::new(ip, port), data })
}

/// `--data DATA_DIR FILE`, in any order.
fn parse_data_and_file(command: &str, mut args: impl Iterator<Item = String>) -> Result<(PathBuf, PathBuf), String> {
    let (mut data, mut file) = (None, None);
    while let Some(arg) = args.next() {
        match arg.split_once('=') {
            Some(("--data", value)) => data = Some(PathBuf::from(value)),
            _ if arg == "--data" => data = Some(PathBuf::from(args.next().ok_or(format!("{command}: --data needs a folder"))?)),
            _ if arg.starts_with('-') => return Err(format!("{command}: unknown option {arg}")),
            _ if file.is_some() => return Err(format!("{command}: one file, not also {arg}")),
            _ => file = Some(PathBuf::from(arg)),
        }
    }
    Ok((data.ok_or(format!("{command}: say which store with --data DATA_DIR"))?, file.ok_or(format!("{command}: name the backup file"))?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(line: &str) -> Result<Command, String> {
        parse(line.split_whitespace().map(String::from))
    }

    #[test]
    fn serve_reads_its_folder_port_and_address_in_any_order() {
        assert_eq!(parse_str("serve"), Ok(Command::Serve { dir: None, addr: "127.0.0.1:8080".parse().unwrap(), data: None }));
        assert_eq!(parse_str("serve --port 0 site --listen 0.0.0.0"), Ok(Command::Serve { dir: Some("site".into()), addr: "0.0.0.0:0".parse().unwrap(), data: None }));
        assert_eq!(parse_str("serve dist --port=9 --listen=::1"), Ok(Command::Serve { dir: Some("dist".into()), addr: "[::1]:9".parse().unwrap(), data: None }));
        assert_eq!(parse_str("serve dist --port 8080 --port 8097"), Ok(Command::Serve { dir: Some("dist".into()), addr: "127.0.0.1:8097".parse().unwrap(), data: None }));
    }

    #[test]
    fn the_council_store_is_named_for_serve_backup_and_restore() {
        assert_eq!(parse_str("serve dist --data council"), Ok(Command::Serve { dir: Some("dist".into()), addr: "127.0.0.1:8080".parse().unwrap(), data: Some("council".into()) }));
        assert_eq!(parse_str("backup --data council copy.sqlite"), Ok(Command::Backup { data: "council".into(), file: "copy.sqlite".into() }));
        assert_eq!(parse_str("restore copy.sqlite --data=council"), Ok(Command::Restore { file: "copy.sqlite".into(), data: "council".into() }));
        assert_eq!(parse_str("backup copy.sqlite"), Err("backup: say which store with --data DATA_DIR".into()));
        assert_eq!(parse_str("restore --data council"), Err("restore: name the backup file".into()));
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(parse_str("serve --port 70000"), Err("serve: --port 70000: not a port (0 to 65535)".into()));
        assert_eq!(parse_str("serve --port"), Err("serve: --port needs a value".into()));
        assert!(parse_str("serve --listen localhost").unwrap_err().contains("not an IP address"));
        assert_eq!(parse_str("serve a b"), Err("serve: one folder, not also b".into()));
        assert_eq!(parse_str("serve --verbose"), Err("serve: unknown option --verbose".into()));
        assert_eq!(parse_str("check a b"), Err("check: one story folder, not also b".into()));
        assert_eq!(parse_str("publish"), Err("publish: say where with --out DIR (the site's folder, replaced whole)".into()));
        assert_eq!(parse_str("publish a --out"), Err("publish: --out needs a folder".into()));
        assert_eq!(parse_str("publish a b --out c"), Err("publish: one story folder, not also b".into()));
        assert_eq!(parse_str("frobnicate"), Err("unknown command frobnicate".into()));
        assert_eq!(parse_str(""), Err("no command given".into()));
    }

    #[test]
    fn publish_reads_its_story_and_its_folder() {
        assert_eq!(parse_str("publish --out site"), Ok(Command::Publish { story: "story".into(), out: "site".into() }));
        assert_eq!(parse_str("publish --out=site mine"), Ok(Command::Publish { story: "mine".into(), out: "site".into() }));
    }

    #[test]
    fn check_defaults_to_the_story_folder() {
        assert_eq!(parse_str("check"), Ok(Command::Check { story: "story".into() }));
        assert_eq!(parse_str("check fixtures/broken"), Ok(Command::Check { story: "fixtures/broken".into() }));
    }
}
