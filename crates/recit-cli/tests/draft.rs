//! The council's shared draft on `recit serve` as members' editors meet it: the real program,
//! a WebSocket speaking the Yjs sync protocol, and every refusal (role, bad input, flood,
//! removal), a `kill -9`, and two servers on one PostgreSQL.

mod common;

use std::time::Duration;

use common::council::{invite, join, postgres_database, Browser, Place};
use common::Server;
use futures_util::{SinkExt, StreamExt};
use recit_story::shared::SharedStory;
use recit_story::toml_format::{load_dir, load_files};
use recit_story::Story;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message as Frame;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use yrs::sync::{Message, MessageReader, SyncMessage};
use yrs::updates::decoder::DecoderV1;
use yrs::updates::encoder::Encode;

fn published() -> Story {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../story");
    load_dir(&dir, "story").unwrap().story
}

/// The place's site with the published story, which the draft starts from.
fn place_with_story(name: &str) -> Place {
    let place = Place::new(name);
    std::fs::write(place.site().join("story-0123456789abcdef.bin"), published().to_compact()).unwrap();
    place
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().unwrap()
}

/// A member's editor: its copy of the draft and its connection.
struct Editor {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    shared: SharedStory,
}

/// How a connection attempt or a connection ended.
#[derive(Debug, PartialEq)]
enum Ended {
    Refused(u16),
    Closed(u16),
}

async fn open(browser: &Browser) -> Result<WebSocketStream<MaybeTlsStream<TcpStream>>, Ended> {
    let mut request = format!("{}/api/brouillon", browser.base.replace("http://", "ws://")).into_client_request().unwrap();
    if let Some(cookie) = &browser.cookie {
        request.headers_mut().insert("cookie", cookie.parse().unwrap());
    }
    match tokio_tungstenite::connect_async(request).await {
        Ok((socket, _)) => Ok(socket),
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => Err(Ended::Refused(response.status().as_u16())),
        Err(error) => panic!("{error}"),
    }
}

impl Editor {
    /// Connects and syncs: the server's step 1 answered, its step 2 applied.
    async fn join(browser: &Browser) -> Editor {
        let socket = open(browser).await.expect("the editor connects");
        let mut editor = Editor { socket, shared: SharedStory::new() };
        let step1 = Message::Sync(SyncMessage::SyncStep1(yrs::StateVector::default())).encode_v1();
        editor.send(step1).await;
        editor.until(|m| matches!(m, Message::Sync(SyncMessage::SyncStep2(_)))).await.expect("the server sends the draft");
        editor
    }

    async fn send(&mut self, frame: Vec<u8>) {
        self.socket.send(Frame::Binary(frame.into())).await.unwrap();
    }

    /// Reads messages, applying updates and answering step 1, until one matches `wanted`;
    /// `Err` with the close code if the server closes first.
    async fn until(&mut self, wanted: impl Fn(&Message) -> bool) -> Result<Message, Ended> {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(10), self.socket.next()).await.expect("a message within 10 s");
            let bytes = match frame {
                Some(Ok(Frame::Binary(bytes))) => bytes,
                Some(Ok(Frame::Close(close))) => return Err(Ended::Closed(close.map_or(1005, |c| u16::from(c.code)))),
                Some(Ok(_)) => continue,
                Some(Err(_)) | None => return Err(Ended::Closed(1006)),
            };
            let mut decoder = DecoderV1::from(bytes.as_ref());
            for message in MessageReader::new(&mut decoder) {
                let message = message.unwrap();
                match &message {
                    Message::Sync(SyncMessage::SyncStep2(update) | SyncMessage::Update(update)) => {
                        self.shared.apply_update(update).unwrap();
                    }
                    Message::Sync(SyncMessage::SyncStep1(sv)) if !wanted(&message) => {
                        let missing = self.shared.encode_missing(&sv.encode_v1()).unwrap();
                        self.send(Message::Sync(SyncMessage::SyncStep2(missing)).encode_v1()).await;
                    }
                    _ => {}
                }
                if wanted(&message) {
                    return Ok(message);
                }
            }
        }
    }

    fn story(&mut self) -> Story {
        load_files(&self.shared.files()).story
    }

    /// Changes the first step's French title; waits for the server's acknowledgement.
    async fn retitle(&mut self, title: &str) {
        let mut story = self.story();
        story.steps[0].views[0].title.fr = title.to_string();
        let update = self.shared.set_story(&story).expect("a change");
        self.send(Message::Sync(SyncMessage::Update(update)).encode_v1()).await;
        let acknowledged = self.until(|m| matches!(m, Message::Sync(SyncMessage::SyncStep1(_)))).await.expect("acknowledged");
        let Message::Sync(SyncMessage::SyncStep1(sv)) = acknowledged else { unreachable!() };
        assert!(!self.shared.made_changes_beyond(&sv.encode_v1()).unwrap(), "the acknowledgement covers the change");
    }

    /// Waits until the first step's title is `title`.
    async fn sees_title(&mut self, title: &str) {
        while self.story().steps[0].views[0].title.fr != title {
            self.until(|m| matches!(m, Message::Sync(SyncMessage::Update(_)))).await.expect("an update");
        }
    }

    /// Waits for the server to close the connection; its code.
    async fn closed(&mut self) -> u16 {
        match self.until(|_| false).await {
            Err(Ended::Closed(code)) => code,
            other => panic!("{other:?}"),
        }
    }
}

/// A server with the published story, its administrator and members of the given roles.
fn council(place: &Place, roles: &[&str]) -> (Server, Browser, Vec<Browser>) {
    let (server, link) = place.serve();
    let admin = join(&server, &link.expect("the first link"), "Anne");
    let members = roles.iter().enumerate().map(|(i, role)| join(&server, &invite(&admin, role), &format!("Membre {i}"))).collect();
    (server, admin, members)
}

#[test]
fn two_members_see_each_others_changes_and_the_same_field_merges() {
    let place = place_with_story("live");
    let (_server, admin, members) = council(&place, &["membre"]);
    runtime().block_on(async {
        let mut anne = Editor::join(&admin).await;
        let mut marc = Editor::join(&members[0]).await;
        assert_eq!(anne.story(), published(), "the draft starts as the published story");
        anne.retitle("Le titre d'Anne").await;
        marc.sees_title("Le titre d'Anne").await;
        // The same text at the same time: both typed before seeing the other's.
        let mut mine = anne.story();
        mine.steps[0].views[0].title.fr.insert_str(0, "A ");
        let mut theirs = marc.story();
        theirs.steps[0].views[0].title.fr.push_str(" M");
        let from_anne = anne.shared.set_story(&mine).unwrap();
        let from_marc = marc.shared.set_story(&theirs).unwrap();
        anne.send(Message::Sync(SyncMessage::Update(from_anne)).encode_v1()).await;
        marc.send(Message::Sync(SyncMessage::Update(from_marc)).encode_v1()).await;
        anne.sees_title("A Le titre d'Anne M").await;
        marc.sees_title("A Le titre d'Anne M").await;
    });
}

#[test]
fn a_reader_may_read_but_not_write_and_the_draft_is_unchanged() {
    let place = place_with_story("lecture");
    let (_server, admin, members) = council(&place, &["lecture"]);
    runtime().block_on(async {
        let mut reader = Editor::join(&members[0]).await;
        let mut story = reader.story();
        story.steps[0].views[0].title.fr = "Interdit".into();
        let update = reader.shared.set_story(&story).unwrap();
        reader.send(Message::Sync(SyncMessage::Update(update)).encode_v1()).await;
        let denied = reader.until(|m| matches!(m, Message::Auth(_))).await.unwrap();
        assert!(matches!(denied, Message::Auth(Some(reason)) if reason.contains("lecture")));
        let mut anne = Editor::join(&admin).await;
        assert_eq!(anne.story(), published());
    });
}

#[test]
fn bad_input_closes_only_its_connection_and_the_draft_goes_on() {
    let place = place_with_story("bad");
    let (_server, admin, members) = council(&place, &["membre"]);
    runtime().block_on(async {
        let mut anne = Editor::join(&admin).await;
        // Not the protocol, a truncated message, text, too large, too many.
        for frame in [Frame::Binary(vec![0xff, 0xff, 0xff].into()), Frame::Binary(Message::Sync(SyncMessage::Update(vec![1, 2, 3, 4])).encode_v1()[..3].to_vec().into()), Frame::Text("bonjour".into())]
        {
            let mut marc = Editor::join(&members[0]).await;
            marc.socket.send(frame).await.unwrap();
            assert_eq!(marc.closed().await, 1003);
        }
        let mut marc = Editor::join(&members[0]).await;
        let _ = marc.socket.send(Frame::Binary(vec![0; 2 * 1024 * 1024].into())).await;
        assert_eq!(marc.closed().await, 1009);
        let mut marc = Editor::join(&members[0]).await;
        let query = Message::AwarenessQuery.encode_v1();
        for _ in 0..400 {
            if marc.socket.send(Frame::Binary(query.clone().into())).await.is_err() {
                break;
            }
        }
        let code = loop {
            match marc.until(|_| false).await {
                Err(Ended::Closed(code)) => break code,
                _ => continue,
            }
        };
        assert_eq!(code, 1008);
        // The others go on.
        anne.retitle("Toujours là").await;
        let mut marc = Editor::join(&members[0]).await;
        assert_eq!(marc.story().steps[0].views[0].title.fr, "Toujours là");
    });
}

#[test]
fn only_signed_in_members_from_this_site_connect_and_a_removed_member_is_closed_at_once() {
    let place = place_with_story("who");
    let (server, admin, members) = council(&place, &["membre"]);
    runtime().block_on(async {
        assert_eq!(open(&Browser::new(&server)).await.err(), Some(Ended::Refused(401)));
        let mut forged = format!("{}/api/brouillon", server.url.replace("http://", "ws://")).into_client_request().unwrap();
        forged.headers_mut().insert("cookie", members[0].cookie.as_ref().unwrap().parse().unwrap());
        forged.headers_mut().insert("origin", "http://ailleurs.example".parse().unwrap());
        assert!(matches!(tokio_tungstenite::connect_async(forged).await, Err(tokio_tungstenite::tungstenite::Error::Http(r)) if r.status() == 403));
        let mut marc = Editor::join(&members[0]).await;
        let list: serde_json::Value = serde_json::from_str(&admin.get("/api/membres").body).unwrap();
        let id = list.as_array().unwrap().iter().find(|m| m["name"] == "Membre 0").unwrap()["id"].as_str().unwrap().to_string();
        let removed = tokio::task::block_in_place(|| admin.json("DELETE", &format!("/api/membres/{id}"), ""));
        assert_eq!(removed.status, 204);
        assert_eq!(marc.closed().await, 4401);
        assert_eq!(open(&members[0]).await.err(), Some(Ended::Refused(401)));
    });
}

#[test]
fn a_member_has_at_most_eight_editors_open() {
    let place = place_with_story("many");
    let (_server, admin, _) = council(&place, &[]);
    runtime().block_on(async {
        let mut open_ones = Vec::new();
        for _ in 0..8 {
            open_ones.push(open(&admin).await.expect("one of eight"));
        }
        assert_eq!(open(&admin).await.err(), Some(Ended::Refused(429)));
        open_ones.pop();
        // The place is given back once the server sees the connection end.
        let mut again = None;
        for _ in 0..50 {
            match open(&admin).await {
                Ok(socket) => {
                    again = Some(socket);
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
        assert!(again.is_some());
    });
}

#[test]
fn what_was_acknowledged_survives_kill_9() {
    let place = place_with_story("kill");
    let (mut server, admin, _) = council(&place, &[]);
    runtime().block_on(async {
        let mut anne = Editor::join(&admin).await;
        for n in 0..20 {
            anne.retitle(&format!("Version {n}")).await;
        }
    });
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    let (again, _) = place.serve();
    let anne = Browser { base: again.url.clone(), cookie: admin.cookie.clone() };
    runtime().block_on(async {
        let mut editor = Editor::join(&anne).await;
        assert_eq!(editor.story().steps[0].views[0].title.fr, "Version 19");
    });
}

#[test]
fn two_servers_on_one_postgresql_serve_one_draft() {
    let place = place_with_story("pg-draft");
    let url = postgres_database("draft");
    let env = [("DATABASE_URL", url.as_str())];
    let (first, mut lines) = Server::with(&place.site(), &[], &env);
    let link = lines.next().unwrap().unwrap();
    let admin = join(&first, &link[link.find("http://").unwrap()..], "Anne");
    let (second, _) = Server::with(&place.site(), &[], &env);
    let on_second = Browser { base: second.url.clone(), cookie: admin.cookie.clone() };
    runtime().block_on(async {
        let mut here = Editor::join(&admin).await;
        let mut there = Editor::join(&on_second).await;
        assert_eq!(here.story(), there.story(), "one draft, seeded once");
        assert_eq!(here.story(), published());
        here.retitle("Écrit sur le premier").await;
        there.sees_title("Écrit sur le premier").await;
        there.retitle("Écrit sur le second").await;
        here.sees_title("Écrit sur le second").await;
    });
}
