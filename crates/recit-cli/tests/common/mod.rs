//! What the tests of `recit serve` share: the real program on a free port, and HTTP answers
//! read whole.
#![allow(dead_code)] // Each test file uses its part.

pub mod council;

use std::io::{BufRead, BufReader, Lines};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};

/// `recit serve DIR --port 0`, running; stopped with SIGTERM when dropped.
pub struct Server {
    pub child: Child,
    pub url: String,
}

impl Server {
    /// The server, its access log unread: the pipe closed, which must not stop it.
    pub fn start(dir: &Path) -> Server {
        Server::logged(dir).0
    }

    /// The server and the lines of its access log, after the first (its address).
    pub fn logged(dir: &Path) -> (Server, Lines<BufReader<ChildStdout>>) {
        Server::with(dir, &[], &[])
    }

    /// The server started with more arguments and environment variables, and the lines of its
    /// output after the first (its address).
    pub fn with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (Server, Lines<BufReader<ChildStdout>>) {
        let mut command = Command::new(env!("CARGO_BIN_EXE_recit"));
        command.args(["serve", dir.to_str().unwrap(), "--port", "0"]).args(args).stdout(Stdio::piped()).env_remove("DATABASE_URL");
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let line = lines.next().unwrap().unwrap();
        let prefix = format!("serving {} at ", dir.display());
        let url = line.trim_end().strip_prefix(&prefix).unwrap_or_else(|| panic!("the first line: {line:?}")).to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        (Server { child, url }, lines)
    }

    /// SIGTERM, as a service manager stops it; its exit status.
    pub fn stop(&mut self) -> std::process::ExitStatus {
        let sent = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        assert!(sent.success());
        self.child.wait().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().unwrap().is_none() {
            self.stop();
        }
    }
}

pub struct Answer {
    pub status: u16,
    pub headers: ureq::http::HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

pub fn agent() -> ureq::Agent {
    // Statuses and redirects as they come: the tests look at them.
    ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).max_redirects_will_error(false).build().into()
}

/// GET `path` with the request headers given.
pub fn get(server: &Server, path: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = agent().get(format!("{}{path}", server.url));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    answer(request.call().unwrap())
}

pub fn answer(mut response: ureq::http::Response<ureq::Body>) -> Answer {
    let body = response.body_mut().read_to_string().unwrap();
    Answer { status: response.status().as_u16(), headers: response.headers().clone(), body }
}
