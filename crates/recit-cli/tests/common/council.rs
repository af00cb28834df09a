//! What the tests of the council share: a published site with a data folder, a member's
//! browser (its session cookie), invitations, and a database on the test command's PostgreSQL.

use std::path::PathBuf;
use std::process::Command;

use super::{agent, answer, Answer, Server};

/// A published site's least (the server needs its `index.html` and `_headers`), and a data
/// folder, both new.
pub struct Place {
    pub root: PathBuf,
}

impl Place {
    pub fn new(name: &str) -> Place {
        let root = std::env::temp_dir().join(format!("recit-council-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("site")).unwrap();
        std::fs::write(root.join("site/index.html"), "<link href=/main-0123456789abcdef.css rel=stylesheet>the app").unwrap();
        std::fs::write(root.join("site/_headers"), include_str!("../../../../web/_headers")).unwrap();
        Place { root }
    }

    pub fn site(&self) -> PathBuf {
        self.root.join("site")
    }

    pub fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    /// The server with the data folder; the first administrator's link if it printed one.
    pub fn serve(&self) -> (Server, Option<String>) {
        let (server, mut lines) = Server::with(&self.site(), &["--data", self.data().to_str().unwrap()], &[]);
        let first = lines.next().unwrap().unwrap();
        let link = first.split_once(": http://").filter(|_| first.contains("jeton=")).map(|(_, link)| format!("http://{link}"));
        (server, link)
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// A browser's session: its cookie, once signed in.
pub struct Browser {
    pub base: String,
    pub cookie: Option<String>,
}

impl Browser {
    pub fn new(server: &Server) -> Browser {
        Browser { base: server.url.clone(), cookie: None }
    }

    pub fn with_cookie<B>(&self, mut request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        request
    }

    pub fn get(&self, path: &str) -> Answer {
        answer(self.with_cookie(agent().get(format!("{}{path}", self.base))).call().unwrap())
    }

    /// Posts a form, as the account pages do; keeps the session cookie it is given.
    pub fn form(&mut self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let response = self.with_cookie(agent().post(format!("{}{path}", self.base))).send_form(fields.iter().copied()).unwrap();
        let answer = answer(response);
        if let Some(set) = answer.header("set-cookie") {
            self.cookie = Some(set.split(';').next().unwrap().to_string());
        }
        answer
    }

    pub fn json(&self, method: &str, path: &str, body: &str) -> Answer {
        let request = ureq::http::Request::builder().method(method).uri(format!("{}{path}", self.base)).header("content-type", "application/json");
        let request = match &self.cookie {
            Some(cookie) => request.header("cookie", cookie),
            None => request,
        };
        answer(agent().run(request.body(body.to_string()).unwrap()).unwrap())
    }
}

/// The token of an invitation link.
pub fn token(link: &str) -> String {
    link.rsplit_once("jeton=").unwrap().1.trim().to_string()
}

/// Joins with the invitation `link` as `name`; the new member's browser.
pub fn join(server: &Server, link: &str, name: &str) -> Browser {
    let mut browser = Browser::new(server);
    let joined = browser.form("/compte/invitation", &[("jeton", &token(link)), ("name", name), ("password", "un long mot de passe"), ("again", "un long mot de passe")]);
    assert_eq!((joined.status, joined.header("location")), (303, Some("/editeur")), "{}", joined.body);
    browser
}

pub fn invite(admin: &Browser, role: &str) -> String {
    let made = admin.json("POST", "/api/invitations", &format!(r#"{{"role":"{role}","days":2}}"#));
    assert_eq!(made.status, 200, "{}", made.body);
    serde_json::from_str::<serde_json::Value>(&made.body).unwrap()["link"].as_str().unwrap().to_string()
}

/// A new database on the test command's PostgreSQL (scripts/postgres.sh), named for `test`.
pub fn postgres_database(test: &str) -> String {
    let base = std::env::var("RECIT_TEST_POSTGRES").expect("RECIT_TEST_POSTGRES: run scripts/test.sh, which starts PostgreSQL (scripts/postgres.sh)");
    let name = format!("recit_{test}_{}", std::process::id());
    for sql in [format!("DROP DATABASE IF EXISTS {name}"), format!("CREATE DATABASE {name}")] {
        let made = Command::new("psql").args([&format!("{base}/postgres"), "-q", "-c", &sql]).output().unwrap();
        assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    }
    format!("{base}/{name}")
}
