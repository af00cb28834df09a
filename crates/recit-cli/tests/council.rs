//! The council's accounts on `recit serve` as members meet them: the real program with a data
//! folder, over HTTP: the first administrator's link, invitations by role, signing in, every
//! refusal, and the store's backup and restore.

mod common;

use std::process::Command;

use common::council::{invite, join, postgres_database, token, Browser, Place};
use common::{agent, answer, Server};

#[test]
fn the_first_start_prints_a_one_time_link_for_the_first_administrator() {
    let place = Place::new("first");
    let (server, link) = place.serve();
    let link = link.expect("a link on the first start");
    assert!(link.starts_with(&format!("{}/compte/invitation?jeton=", server.url)), "{link}");
    let page = Browser::new(&server).get(&link[server.url.len()..]);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Rejoindre le conseil") && page.body.contains("/main-0123456789abcdef.css"), "{}", page.body);
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert!(page.header("content-security-policy").is_some_and(|csp| csp.contains("default-src 'self'")));
    let admin = join(&server, &link, "Anne");
    let cookie = admin.cookie.clone().unwrap();
    assert_eq!(admin.get("/api/moi").body, r#"{"name":"Anne","role":"administrateur"}"#);
    // The link served once; a restart with a member prints none.
    let again = Browser::new(&server).form("/compte/invitation", &[("jeton", &token(&link)), ("name", "Bruno"), ("password", "un long mot de passe"), ("again", "un long mot de passe")]);
    assert_eq!(again.status, 410);
    assert!(again.body.contains("déjà servi ou a expiré"), "{}", again.body);
    drop(server);
    let (_server, link) = place.serve();
    assert_eq!(link, None);
    assert!(cookie.starts_with("recit_session="));
}

#[test]
fn the_session_cookie_is_http_only_and_strict() {
    let place = Place::new("cookie");
    let (server, link) = place.serve();
    let mut browser = Browser::new(&server);
    let joined = browser.form("/compte/invitation", &[("jeton", &token(&link.unwrap())), ("name", "Anne"), ("password", "un long mot de passe"), ("again", "un long mot de passe")]);
    let cookie = joined.header("set-cookie").unwrap();
    assert!(cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Strict") && !cookie.contains("Secure"), "{cookie}");
}

#[test]
fn each_role_may_do_its_part_and_no_more() {
    let place = Place::new("roles");
    let (server, link) = place.serve();
    let admin = join(&server, &link.unwrap(), "Anne");
    let reader = join(&server, &invite(&admin, "lecture"), "Léa");
    let member = join(&server, &invite(&admin, "membre"), "Marc");
    assert_eq!(reader.get("/api/moi").body, r#"{"name":"Léa","role":"lecture"}"#);
    for browser in [&reader, &member] {
        let refused = browser.json("POST", "/api/invitations", r#"{"role":"administrateur"}"#);
        assert_eq!(refused.status, 403, "{}", refused.body);
        assert!(refused.body.contains("il faut être administrateur"), "{}", refused.body);
        assert_eq!(browser.get("/api/membres").status, 403);
        assert_eq!(browser.json("DELETE", "/api/membres/x", "").status, 403);
    }
    let nobody = Browser::new(&server);
    assert_eq!(nobody.get("/api/moi").status, 401);
    assert_eq!(nobody.json("POST", "/api/invitations", r#"{"role":"membre"}"#).status, 401);
    let list: serde_json::Value = serde_json::from_str(&admin.get("/api/membres").body).unwrap();
    let names: Vec<_> = list.as_array().unwrap().iter().map(|m| (m["name"].as_str().unwrap(), m["role"].as_str().unwrap())).collect();
    assert_eq!(names, [("Anne", "administrateur"), ("Léa", "lecture"), ("Marc", "membre")]);
    // A role given, then a member removed: their session ends at once.
    let id = |name: &str| list.as_array().unwrap().iter().find(|m| m["name"] == name).unwrap()["id"].as_str().unwrap().to_string();
    assert_eq!(admin.json("PATCH", &format!("/api/membres/{}", id("Léa")), r#"{"role":"editeur"}"#).status, 204);
    assert_eq!(reader.get("/api/moi").body, r#"{"name":"Léa","role":"editeur"}"#);
    assert_eq!(admin.json("DELETE", &format!("/api/membres/{}", id("Marc")), "").status, 204);
    assert_eq!(member.get("/api/moi").status, 401);
    // The last administrator stays one.
    let kept = admin.json("PATCH", &format!("/api/membres/{}", id("Anne")), r#"{"role":"membre"}"#);
    assert_eq!(kept.status, 409, "{}", kept.body);
    assert_eq!(admin.json("DELETE", &format!("/api/membres/{}", id("Anne")), "").status, 409);
    assert_eq!(admin.json("POST", "/api/invitations", r#"{"role":"chef"}"#).status, 422);
    assert_eq!(admin.json("POST", "/api/invitations", r#"{"role":"membre","days":90}"#).status, 422);
}

#[test]
fn an_invitation_serves_once_whatever_the_name_and_a_name_is_one_members() {
    let place = Place::new("once");
    let (server, link) = place.serve();
    let admin = join(&server, &link.unwrap(), "Anne");
    let link = invite(&admin, "membre");
    let mut taken = Browser::new(&server);
    let answer = taken.form("/compte/invitation", &[("jeton", &token(&link)), ("name", " anne "), ("password", "un long mot de passe"), ("again", "un long mot de passe")]);
    // « anne » is not « Anne »: names are compared as typed, trimmed.
    assert_eq!(answer.status, 303);
    let link = invite(&admin, "membre");
    let clash = Browser::new(&server).form("/compte/invitation", &[("jeton", &token(&link)), ("name", "Anne"), ("password", "un long mot de passe"), ("again", "un long mot de passe")]);
    assert_eq!(clash.status, 409, "{}", clash.body);
    let short = Browser::new(&server).form("/compte/invitation", &[("jeton", &token(&link)), ("name", "Chloé"), ("password", "court"), ("again", "court")]);
    assert_eq!(short.status, 422);
    assert!(short.body.contains("au moins 12 caractères") && short.body.contains("role=alert"), "{}", short.body);
    let differ = Browser::new(&server).form("/account/invitation", &[("jeton", &token(&link)), ("name", "Chloé"), ("password", "un long mot de passe"), ("again", "un autre mot de passe")]);
    assert!(differ.body.contains("The two passwords differ.") && differ.body.contains("<html lang=en>"), "{}", differ.body);
    assert_eq!(Browser::new(&server).get("/compte/invitation?jeton=0000").status, 410);
}

#[test]
fn signing_in_is_limited_per_name_and_says_when_to_try_again() {
    let place = Place::new("limits");
    let (server, link) = place.serve();
    join(&server, &link.unwrap(), "Anne");
    let mut guesser = Browser::new(&server);
    let statuses: Vec<u16> = (0..6).map(|_| guesser.form("/compte/connexion", &[("name", "Anne"), ("password", "pas le bon mot de passe")]).status).collect();
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429]);
    // The right password too waits now: the limit is on attempts, not on failures.
    let limited = guesser.form("/compte/connexion", &[("name", "Anne"), ("password", "un long mot de passe")]);
    assert_eq!(limited.status, 429);
    assert!(limited.body.contains("Trop d'essais"), "{}", limited.body);
    assert!(guesser.cookie.is_none());
    // Another name from the same address is not held up by Anne's.
    let other = guesser.form("/compte/connexion", &[("name", "Bruno"), ("password", "pas le bon mot de passe")]);
    assert_eq!(other.status, 401);
}

#[test]
fn a_member_signs_in_and_out() {
    let place = Place::new("signin");
    let (server, link) = place.serve();
    join(&server, &link.unwrap(), "Anne");
    let mut browser = Browser::new(&server);
    assert!(browser.get("/compte/connexion").body.contains("Se connecter"));
    assert_eq!(browser.form("/compte/connexion", &[("name", "Anne"), ("password", "un long mot de passe")]).status, 303);
    assert_eq!(browser.get("/api/moi").status, 200);
    let out = browser.form("/compte/deconnexion", &[]);
    assert_eq!(out.status, 303);
    assert_eq!(browser.get("/api/moi").status, 401);
}

#[test]
fn writes_from_another_site_and_large_bodies_are_refused() {
    let place = Place::new("refused");
    let (server, link) = place.serve();
    let admin = join(&server, &link.unwrap(), "Anne");
    let forged = ureq::http::Request::builder()
        .method("POST")
        .uri(format!("{}/api/invitations", server.url))
        .header("content-type", "application/json")
        .header("origin", "https://evil.example")
        .header("cookie", admin.cookie.as_deref().unwrap())
        .body(r#"{"role":"administrateur"}"#.to_string())
        .unwrap();
    assert_eq!(answer(agent().run(forged).unwrap()).status, 403);
    // A browser's form under the site's `no-referrer` policy says « Origin: null », and where
    // it comes from in `Sec-Fetch-Site`: this site's passes, another's is refused.
    let form = |site: &str| {
        let request = ureq::http::Request::builder()
            .method("POST")
            .uri(format!("{}/compte/connexion", server.url))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", "null")
            .header("sec-fetch-site", site)
            .body("name=Anne&password=un+long+mot+de+passe".to_string())
            .unwrap();
        answer(agent().run(request).unwrap()).status
    };
    assert_eq!(form("same-origin"), 303);
    assert_eq!(form("cross-site"), 403);
    let huge = admin.json("POST", "/api/invitations", &format!(r#"{{"role":"membre","pad":"{}"}}"#, "x".repeat(64 * 1024)));
    assert_eq!(huge.status, 413);
}

fn recit(args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_recit")).args(args).env_remove("DATABASE_URL").output().unwrap();
    (output.status.success(), format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr)))
}

#[test]
fn a_backup_made_while_serving_restores_once_the_server_is_stopped() {
    let place = Place::new("backup");
    let (mut server, link) = place.serve();
    let admin = join(&server, &link.unwrap(), "Anne");
    let copy = place.root.join("copy.sqlite");
    let data = place.data();
    let (ok, said) = recit(&["backup", "--data", data.to_str().unwrap(), copy.to_str().unwrap()]);
    assert!(ok, "{said}");
    join(&server, &invite(&admin, "membre"), "Bruno");
    let (ok, said) = recit(&["restore", copy.to_str().unwrap(), "--data", data.to_str().unwrap()]);
    assert!(!ok && said.contains("a server is running on it"), "{said}");
    let (ok, said) = recit(&["serve", place.site().to_str().unwrap(), "--port", "0", "--data", data.to_str().unwrap()]);
    assert!(!ok && said.contains("another `recit serve` uses this data folder"), "{said}");
    server.stop();
    let (ok, said) = recit(&["restore", copy.to_str().unwrap(), "--data", data.to_str().unwrap()]);
    assert!(ok, "{said}");
    let (server, link) = place.serve();
    assert_eq!(link, None);
    let mut anne = Browser::new(&server);
    assert_eq!(anne.form("/compte/connexion", &[("name", "Anne"), ("password", "un long mot de passe")]).status, 303);
    let names = anne.get("/api/membres").body;
    assert!(names.contains("Anne") && !names.contains("Bruno"), "{names}");
    let (ok, said) = recit(&["backup", "--data", data.to_str().unwrap(), copy.to_str().unwrap()]);
    assert!(!ok && said.contains("already there"), "{said}");
    let not_a_store = place.root.join("site/index.html");
    let (ok, said) = recit(&["restore", not_a_store.to_str().unwrap(), "--data", place.root.join("other").to_str().unwrap()]);
    assert!(!ok, "{said}");
}

#[test]
fn two_servers_on_one_postgresql_share_the_council() {
    let place = Place::new("postgres");
    let url = postgres_database("two_servers");
    let env = [("DATABASE_URL", url.as_str())];
    let (first, mut first_lines) = Server::with(&place.site(), &[], &env);
    let link = first_lines.next().unwrap().unwrap();
    let link = &link[link.find("http://").unwrap()..];
    let admin = join(&first, link, "Anne");
    // The second server, on the same database, has a member already: it prints no link.
    let (second, mut second_lines) = Server::with(&place.site(), &[], &env);
    assert!(second_lines.next().unwrap().unwrap().starts_with("council: 1 member(s)"));
    assert!(!place.data().exists(), "no data folder with DATABASE_URL");
    let invited = invite(&admin, "membre");
    // Accepted on the other server, then a session opened there is known to the first.
    let marc = join(&second, &invited.replace(&first.url, &second.url), "Marc");
    let on_first = Browser { base: first.url.clone(), cookie: marc.cookie.clone() };
    assert_eq!(on_first.get("/api/moi").body, r#"{"name":"Marc","role":"membre"}"#);
    assert!(admin.get("/api/membres").body.contains("Marc"));
    // Reused on the first: refused there too.
    let reused = Browser::new(&first).form("/compte/invitation", &[("jeton", &token(&invited)), ("name", "Zoé"), ("password", "un long mot de passe"), ("again", "un long mot de passe")]);
    assert_eq!(reused.status, 410);
    let other = Command::new(env!("CARGO_BIN_EXE_recit")).args(["serve", place.site().to_str().unwrap(), "--port", "0"]).env("DATABASE_URL", "mysql://x@localhost/y").output().unwrap();
    let said = String::from_utf8_lossy(&other.stderr);
    assert!(!other.status.success() && said.contains("not a PostgreSQL address"), "{said}");
}
