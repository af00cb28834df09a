//! The council's shared draft on the server: one yrs document ([`SharedStory`]), kept in the
//! store as the list of its updates (who sent each, and when), and spoken to the editors with
//! the standard Yjs sync and awareness protocol (yrs's `sync` module) over a WebSocket at
//! `/api/brouillon`.
//!
//! Every message is judged here, never trusted: an update from a member whose role does not
//! edit is refused with the protocol's own « permission denied »; a message that does not
//! decode, is too large or comes too fast closes that member's connection with a reason; the
//! document and the other members go on. An update is acknowledged (the server's state vector,
//! a sync step 1) only once stored, which is what the editor's « Enregistré sur le serveur »
//! waits for.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ws::{close_code, CloseFrame, Message as Frame, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use governor::{DefaultDirectRateLimiter, Quota};
use recit_story::shared::SharedStory;
use recit_story::Story;
use tokio::sync::{broadcast, watch};
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::{AwarenessUpdate, Message, MessageReader, SyncMessage};
use yrs::updates::decoder::{Decode, DecoderV1};
use yrs::updates::encoder::Encode;
use yrs::ClientID;

use super::accounts::Role;
use super::{from_this_site, now, session_token, Council, Member, Refusal, Store, StoreError};

/// The name of the council's draft among the server's documents.
pub const DRAFT: &str = "brouillon";
/// The largest message a member may send (a whole draft's first sync is far smaller).
pub const MESSAGE_MAX: usize = 1024 * 1024;
/// The most the draft's stored updates may weigh, before compaction is needed.
const DRAFT_MAX: u64 = 256 * 1024 * 1024;
/// Open editors per member (several tabs and devices), and on the whole server.
const CONNECTIONS_PER_MEMBER: usize = 8;
const CONNECTIONS_MAX: usize = 512;
/// Messages per second a connection may send, sustained, and in a burst (typing sends one a
/// keystroke at most; a reconnection a few).
const MESSAGES_PER_SECOND: u32 = 60;
const MESSAGES_BURST: u32 = 300;
/// The longest a presence's view or field may be.
const PLACE_MAX: usize = 200;
/// A member's connection closed because the member was removed or signed out.
const CLOSE_SIGNED_OUT: u16 = 4401;

/// The shared draft, its connections and their presence.
pub struct Draft {
    state: Mutex<Room>,
    /// Every change and presence, for every connection (each skips its own).
    relay: broadcast::Sender<Relay>,
    /// Bumped when members change (a removal, a new role): connections check their session.
    members: watch::Sender<u64>,
    /// Set when the server stops: connections close with « going away ».
    closing: watch::Sender<bool>,
    next_connection: AtomicU64,
}

/// The draft's room: its document and who is in it.
struct Room {
    shared: SharedStory,
    /// The place in the store's sequence up to which every update has been read.
    read_up_to: i64,
    /// The bytes stored for the draft.
    stored: u64,
    /// Who is here: each awareness client, its connection, clock and (server-written) state.
    presence: HashMap<ClientID, Presence>,
    /// Open connections per member id, and in all.
    open: HashMap<String, usize>,
}

struct Presence {
    connection: u64,
    clock: u32,
    json: Arc<str>,
}

#[derive(Clone)]
struct Relay {
    /// The connection it came from (0: the server, from another server's update).
    from: u64,
    frame: Arc<Vec<u8>>,
}

impl Draft {
    /// The draft as stored; an empty store is given `seed` (the published story) first.
    pub async fn open(store: &Store, seed: Option<&Story>) -> Result<Draft, StoreError> {
        let mut shared = SharedStory::new();
        let mut read_up_to = 0;
        let mut stored = 0;
        let mut updates = store.updates_after(DRAFT, 0).await?;
        if updates.is_empty() {
            if let Some(story) = seed {
                let mut seeded = SharedStory::new();
                seeded.set_story(story);
                store.add_update(DRAFT, "site", &seeded.encode_state(), now(), true).await?;
                updates = store.updates_after(DRAFT, 0).await?;
            }
        }
        for (seq, bytes) in updates {
            // An update the program cannot read any more is skipped, not fatal: the rest of
            // the draft is served.
            if let Err(error) = shared.apply_update(&bytes) {
                eprintln!("council: the draft's update {seq} does not apply: {error}");
            }
            read_up_to = seq;
            stored += bytes.len() as u64;
        }
        let (relay, _) = broadcast::channel(1024);
        Ok(Draft {
            state: Mutex::new(Room { shared, read_up_to, stored, presence: HashMap::new(), open: HashMap::new() }),
            relay,
            members: watch::channel(0).0,
            closing: watch::channel(false).0,
            next_connection: AtomicU64::new(1),
        })
    }

    fn state(&self) -> std::sync::MutexGuard<'_, Room> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Tells open connections that members changed: each checks its session again.
    pub fn members_changed(&self) {
        self.members.send_modify(|n| *n += 1);
    }

    /// Closes every connection: the server stops.
    pub fn close(&self) {
        let _ = self.closing.send(true);
    }

    /// Reads what other servers stored since the last read, and relays what it changes.
    pub async fn catch_up(&self, store: &Store) -> Result<(), StoreError> {
        let after = self.state().read_up_to;
        let updates = store.updates_after(DRAFT, after).await?;
        let mut state = self.state();
        for (seq, bytes) in updates {
            if seq <= state.read_up_to {
                continue;
            }
            state.read_up_to = seq;
            state.stored += bytes.len() as u64;
            if let Ok(Some(changed)) = state.shared.integrate(&bytes) {
                let _ = self.relay.send(Relay { from: 0, frame: Arc::new(Message::Sync(SyncMessage::Update(changed)).encode_v1()) });
            }
        }
        Ok(())
    }

    /// Takes a place for a new connection of `member`, or says why there is none.
    fn admit(self: &Arc<Draft>, member: &Member) -> Result<Admitted, Refusal> {
        let mut state = self.state();
        let total: usize = state.open.values().sum();
        let mine = state.open.get(&member.id).copied().unwrap_or(0);
        if total >= CONNECTIONS_MAX || mine >= CONNECTIONS_PER_MEMBER {
            return Err(Refusal::TooManyConnections);
        }
        *state.open.entry(member.id.clone()).or_default() += 1;
        Ok(Admitted { draft: self.clone(), member: member.id.clone(), id: self.next_connection.fetch_add(1, Ordering::Relaxed) })
    }
}

/// A connection's place: given back when it ends, with its presence.
struct Admitted {
    draft: Arc<Draft>,
    member: String,
    id: u64,
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut state = self.draft.state();
        if let Some(n) = state.open.get_mut(&self.member) {
            *n -= 1;
            if *n == 0 {
                state.open.remove(&self.member);
            }
        }
        let mine: Vec<ClientID> = state.presence.iter().filter(|(_, p)| p.connection == self.id).map(|(client, _)| *client).collect();
        let mut gone = AwarenessUpdate { clients: HashMap::new() };
        for client in mine {
            if let Some(p) = state.presence.remove(&client) {
                gone.clients.insert(client, AwarenessUpdateEntry { clock: p.clock + 1, json: "null".into() });
            }
        }
        if !gone.clients.is_empty() {
            let _ = self.draft.relay.send(Relay { from: self.id, frame: Arc::new(Message::Awareness(gone).encode_v1()) });
        }
    }
}

/// `GET /api/brouillon`: a member's editor joins the draft.
pub async fn join(State(council): State<Arc<Council>>, member: Member, headers: HeaderMap, upgrade: WebSocketUpgrade) -> Result<Response, Refusal> {
    if !from_this_site(&headers) {
        return Err(Refusal::OtherSite);
    }
    let draft = council.draft.clone().ok_or(Refusal::NoDraft)?;
    let admitted = draft.admit(&member)?;
    let token = session_token(&headers).ok_or(Refusal::SignedOut)?;
    Ok(upgrade.max_message_size(MESSAGE_MAX).max_frame_size(MESSAGE_MAX).on_upgrade(move |socket| async move {
        let mut connection = Connection { council, draft, admitted, member, token, socket, limiter: limiter() };
        let reason = connection.run().await;
        connection.close(reason).await;
    }))
}

fn limiter() -> DefaultDirectRateLimiter {
    let per_second = NonZeroU32::new(MESSAGES_PER_SECOND).expect("a rate");
    DefaultDirectRateLimiter::direct(Quota::per_second(per_second).allow_burst(NonZeroU32::new(MESSAGES_BURST).expect("a burst")))
}

/// Why a connection ends: a close code and a reason the editor shows.
type Ending = Option<(u16, &'static str)>;

struct Connection {
    council: Arc<Council>,
    draft: Arc<Draft>,
    admitted: Admitted,
    member: Member,
    token: super::accounts::Token,
    socket: WebSocket,
    limiter: DefaultDirectRateLimiter,
}

impl Connection {
    async fn run(&mut self) -> Ending {
        let mut relay = self.draft.relay.subscribe();
        let mut members = self.draft.members.subscribe();
        let mut closing = self.draft.closing.subscribe();
        if *closing.borrow_and_update() {
            return Some((close_code::AWAY, "le serveur s'arrête"));
        }
        let greeting = {
            let state = self.draft.state();
            let mut frame = step1(&state.shared);
            let here = presence_update(&state.presence, |_| true);
            if !here.clients.is_empty() {
                frame.extend(Message::Awareness(here).encode_v1());
            }
            frame
        };
        if self.send(greeting).await.is_err() {
            return None;
        }
        loop {
            tokio::select! {
                frame = self.socket.recv() => match frame {
                    Some(Ok(Frame::Binary(bytes))) => {
                        if self.limiter.check().is_err() {
                            eprintln!("council: {} sends too many messages: connection closed", self.member.name);
                            return Some((close_code::POLICY, "trop de messages : reconnectez-vous dans un moment"));
                        }
                        if let Some(ending) = self.receive(&bytes).await {
                            return Some(ending);
                        }
                    }
                    Some(Ok(Frame::Text(_))) => return Some((close_code::UNSUPPORTED, "messages binaires du protocole Yjs seulement")),
                    Some(Ok(Frame::Ping(_) | Frame::Pong(_))) => {}
                    Some(Ok(Frame::Close(_))) | None => return None,
                    Some(Err(error)) => {
                        eprintln!("council: {}'s connection: {error}", self.member.name);
                        return Some((close_code::SIZE, "message refusé (trop grand ou mal formé)"));
                    }
                },
                relayed = relay.recv() => match relayed {
                    Ok(relayed) if relayed.from != self.admitted.id => {
                        if self.send(relayed.frame.to_vec()).await.is_err() {
                            return None;
                        }
                    }
                    Ok(_) => {}
                    // Too far behind to relay change by change: the editor syncs again.
                    Err(broadcast::error::RecvError::Lagged(_)) => return Some((close_code::AGAIN, "trop en retard : reconnexion")),
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                _ = members.changed() => {
                    match self.council.store.session(&self.token, now()).await {
                        Ok(Some(member)) => self.member.role = member.role,
                        Ok(None) => return Some((CLOSE_SIGNED_OUT, "vous n'êtes plus connecté")),
                        Err(error) => eprintln!("council: {error}"),
                    }
                },
                _ = closing.changed() => return Some((close_code::AWAY, "le serveur s'arrête")),
            }
        }
    }

    async fn close(&mut self, ending: Ending) {
        if let Some((code, reason)) = ending {
            let _ = self.socket.send(Frame::Close(Some(CloseFrame { code, reason: reason.into() }))).await;
        }
    }

    async fn send(&mut self, frame: Vec<u8>) -> Result<(), axum::Error> {
        self.socket.send(Frame::Binary(frame.into())).await
    }

    /// Handles one frame of messages; an ending closes the connection.
    async fn receive(&mut self, bytes: &[u8]) -> Option<(u16, &'static str)> {
        let Some(messages) = decode_all(bytes) else {
            eprintln!("council: {} sent a message that does not decode: connection closed", self.member.name);
            return Some((close_code::UNSUPPORTED, "message mal formé : ce n'est pas le protocole Yjs"));
        };
        let mut answer = Vec::new();
        for message in messages {
            match message {
                Message::Sync(SyncMessage::SyncStep1(sv)) => {
                    let missing = self.draft.state().shared.encode_missing(&sv.encode_v1()).unwrap_or_default();
                    answer.extend(Message::Sync(SyncMessage::SyncStep2(missing)).encode_v1());
                }
                Message::Sync(SyncMessage::SyncStep2(update)) => {
                    // A step 2 is answered only if it brought something, or two copies in step
                    // would answer each other forever.
                    match self.edit(&update).await {
                        Ok(true) => answer.extend(self.acknowledgement()),
                        Ok(false) => {}
                        Err(ending) => return Some(ending),
                    }
                }
                Message::Sync(SyncMessage::Update(update)) => {
                    if let Err(ending) = self.edit(&update).await {
                        return Some(ending);
                    }
                    answer.extend(self.acknowledgement());
                }
                Message::Awareness(update) => self.present(update),
                Message::AwarenessQuery => {
                    let here = presence_update(&self.draft.state().presence, |_| true);
                    answer.extend(Message::Awareness(here).encode_v1());
                }
                Message::Auth(_) => {}
                Message::Custom(..) => return Some((close_code::UNSUPPORTED, "message d'un type inconnu")),
            }
        }
        if !answer.is_empty() && self.send(answer).await.is_err() {
            return Some((close_code::AWAY, ""));
        }
        None
    }

    /// The server's state vector, which tells the editor what is stored.
    fn acknowledgement(&self) -> Vec<u8> {
        step1(&self.draft.state().shared)
    }

    /// Applies, stores and relays a member's update; says whether it changed the draft. A
    /// role that does not edit gets « permission denied » and the draft is unchanged.
    async fn edit(&mut self, update: &[u8]) -> Result<bool, (u16, &'static str)> {
        if self.member.may(Role::Membre).is_err() {
            let denied = Message::Auth(Some("votre rôle (lecture) ne permet pas de modifier le brouillon".into())).encode_v1();
            let _ = self.send(denied).await;
            return Ok(false);
        }
        let changed = {
            let mut state = self.draft.state();
            if state.stored + update.len() as u64 > DRAFT_MAX {
                eprintln!("council: the draft is full ({} bytes): {}'s update refused", state.stored, self.member.name);
                return Err((close_code::SIZE, "le brouillon a atteint sa taille maximale : un administrateur doit le compacter"));
            }
            match state.shared.integrate(update) {
                Ok(changed) => changed,
                Err(error) => {
                    eprintln!("council: {}'s update refused: {error}", self.member.name);
                    return Err((close_code::UNSUPPORTED, "mise à jour illisible : refusée"));
                }
            }
        };
        let Some(changed) = changed else { return Ok(false) };
        match self.council.store.add_update(DRAFT, &self.member.id, &changed, now(), false).await {
            Ok(_) => {
                self.draft.state().stored += changed.len() as u64;
                let _ = self.draft.relay.send(Relay { from: self.admitted.id, frame: Arc::new(Message::Sync(SyncMessage::Update(changed)).encode_v1()) });
                Ok(true)
            }
            Err(error) => {
                // The change is in memory but not stored: never acknowledged, and the editor
                // that made it sends it again once the store is back.
                eprintln!("council: the draft cannot be stored: {error}");
                Err((close_code::ERROR, "le serveur ne peut pas enregistrer : réessai automatique"))
            }
        }
    }

    /// Records a member's presence as the server writes it (their name and colour, the view
    /// and field they are in, nothing else) and relays it.
    fn present(&mut self, update: AwarenessUpdate) {
        let mut out = AwarenessUpdate { clients: HashMap::new() };
        let mut state = self.draft.state();
        for (client, entry) in update.clients {
            if state.presence.get(&client).is_some_and(|p| p.connection != self.admitted.id) {
                continue;
            }
            let json: Arc<str> = match serde_json::from_str::<serde_json::Value>(&entry.json) {
                Ok(serde_json::Value::Object(place)) => {
                    let text = |key: &str| place.get(key).and_then(|v| v.as_str()).map(|s| s.chars().take(PLACE_MAX).collect::<String>());
                    serde_json::json!({ "name": self.member.name, "colour": colour(&self.member.id), "view": text("view"), "field": text("field") }).to_string().into()
                }
                _ => "null".into(),
            };
            if &*json == "null" {
                state.presence.remove(&client);
            } else {
                state.presence.insert(client, Presence { connection: self.admitted.id, clock: entry.clock, json: json.clone() });
            }
            out.clients.insert(client, AwarenessUpdateEntry { clock: entry.clock, json });
        }
        if !out.clients.is_empty() {
            let _ = self.draft.relay.send(Relay { from: self.admitted.id, frame: Arc::new(Message::Awareness(out).encode_v1()) });
        }
    }
}

/// A sync step 1: the document's state vector, for the other side to answer with what it lacks.
fn step1(shared: &SharedStory) -> Vec<u8> {
    let sv = yrs::StateVector::decode_v1(&shared.state_vector()).unwrap_or_default();
    Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1()
}

/// Every message of a frame, or `None` if any part does not decode or the frame holds more
/// than its messages (a truncated message reads as the end of the frame).
fn decode_all(bytes: &[u8]) -> Option<Vec<Message>> {
    let mut decoder = DecoderV1::from(bytes);
    let messages: Vec<Message> = MessageReader::new(&mut decoder).collect::<Result<_, _>>().ok()?;
    let length: usize = messages.iter().map(|m| m.encode_v1().len()).sum();
    (length == bytes.len() && !messages.is_empty()).then_some(messages)
}

fn presence_update(presence: &HashMap<ClientID, Presence>, keep: impl Fn(&Presence) -> bool) -> AwarenessUpdate {
    AwarenessUpdate { clients: presence.iter().filter(|(_, p)| keep(p)).map(|(client, p)| (*client, AwarenessUpdateEntry { clock: p.clock, json: p.json.clone() })).collect() }
}

/// A member's colour, the same on every device: one of a few that read on white.
fn colour(member: &str) -> &'static str {
    const COLOURS: [&str; 8] = ["#b3261e", "#1d6b3a", "#1f4e9c", "#8a4b08", "#6b2f8f", "#0f6b6b", "#9c1f5e", "#4d5b12"];
    // A digest spreads ids that differ by a character over every colour; a sum would not.
    let digest = <sha2::Sha256 as sha2::Digest>::digest(member.as_bytes());
    COLOURS[digest[0] as usize % COLOURS.len()]
}

/// Follows the other servers on one PostgreSQL database: reads their updates when told (and
/// every few seconds, should a notification be lost), and tells connections when members
/// change.
pub async fn follow(council: Arc<Council>, url: String) {
    let Some(draft) = council.draft.clone() else { return };
    loop {
        match sqlx::postgres::PgListener::connect(&url).await {
            Ok(mut listener) => {
                if let Err(error) = listener.listen_all(["recit_draft", "recit_members"]).await {
                    eprintln!("council: cannot listen to the database: {error}");
                } else {
                    loop {
                        let _ = draft.catch_up(&council.store).await;
                        match tokio::time::timeout(Duration::from_secs(5), listener.recv()).await {
                            Ok(Ok(notice)) if notice.channel() == "recit_members" => draft.members_changed(),
                            Ok(Ok(_)) | Err(_) => {}
                            Ok(Err(error)) => {
                                eprintln!("council: the database's notifications stopped: {error}");
                                break;
                            }
                        }
                    }
                }
            }
            Err(error) => eprintln!("council: cannot listen to the database: {error}"),
        }
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_truncated_or_padded_frame_does_not_decode() {
        let whole = Message::Sync(SyncMessage::Update(vec![0, 0])).encode_v1();
        assert!(decode_all(&whole).is_some());
        assert!(decode_all(&whole[..whole.len() - 1]).is_none());
        assert!(decode_all(&[whole.clone(), vec![0]].concat()).is_none());
        assert!(decode_all(&[]).is_none());
        assert!(decode_all(&[0xff, 0xff, 0xff]).is_none());
    }

    #[test]
    fn a_member_keeps_their_colour_and_members_differ() {
        assert_eq!(colour("abc"), colour("abc"));
        let colours: std::collections::HashSet<_> = ["a1", "b2", "c3", "d4", "e5", "f6"].map(colour).into_iter().collect();
        assert!(colours.len() > 1, "six members, one colour");
    }
}
