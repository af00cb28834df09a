//! Writing together: where the site is served by `recit serve` with a council and the member
//! is signed in, the draft is the council's shared draft, a yrs document kept in step with the
//! server over a WebSocket (the standard Yjs sync and awareness protocol). Elsewhere the
//! editor works alone, as it always has.
//!
//! Every change made here goes into the shared document at once and is sent; the server's
//! state vector, which it sends back once it has stored the change, is what « Enregistré sur le
//! serveur » waits for. Without the network the changes go on into the document, which is kept
//! on the device, and are sent when the connection returns (the sync protocol's step 2 carries
//! whatever the server lacks). Others' changes are merged into the document and the draft takes
//! the result, without an undo step of its own (undo never takes back someone else's work).

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use recit_story::shared::SharedStory;
use recit_story::toml_format::load_with_media;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, CloseEvent, MessageEvent, WebSocket};
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::{AwarenessUpdate, Message, MessageReader, SyncMessage};
use yrs::updates::decoder::{Decode, DecoderV1};
use yrs::updates::encoder::Encode;
use yrs::{ClientID, StateVector};

use crate::device;
use crate::draft::Draft;

/// How many updates the device keeps one by one before it keeps the whole state instead.
const COMPACT_AFTER: u32 = 200;
/// The longest wait between two attempts to reconnect.
const RETRY_MAX_MS: u64 = 10_000;
/// The server's close code for a member no longer signed in.
const CLOSE_SIGNED_OUT: u16 = 4401;

/// Where the editor stands with the council's shared draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// No council here, or not signed in: the draft is this device's own.
    Alone,
    Connecting,
    /// Changes sent, not yet stored by the server.
    Saving,
    /// Every change made here is stored on the server.
    Saved,
    /// No connection: changes are kept on this device, and sent on return.
    Offline,
    /// The member's role reads the draft but does not change it.
    ReadOnly,
    SignedOut,
}

/// Another member in the editor, as the server describes them.
#[derive(Clone, Debug, PartialEq)]
pub struct Other {
    pub client: ClientID,
    pub name: String,
    pub colour: String,
    pub view: Option<String>,
    pub field: Option<String>,
}

/// The live editing; get it with [`use_live`].
#[derive(Clone, Copy)]
pub struct Live {
    status: RwSignal<Status>,
    /// Updates not yet acknowledged, and whether the server lacks some of this copy: shown
    /// to tests and to whoever inspects a « Enregistrement… » that lasts.
    waiting: RwSignal<(u32, bool)>,
    others: RwSignal<Vec<Other>>,
    inner: StoredValue<Rc<RefCell<Inner>>, LocalStorage>,
}

struct Inner {
    draft: Draft,
    shared: SharedStory,
    /// Whether `shared` descends from the server's document (joined once): before that,
    /// nothing is sent, or the device's copy would compete with the council's.
    based: bool,
    socket: Option<WebSocket>,
    /// The socket's handlers, kept alive as long as it may call them.
    handlers: Vec<Box<dyn std::any::Any>>,
    /// Updates sent and not yet acknowledged.
    unconfirmed: u32,
    /// The server's state vector as last heard.
    server: Option<Vec<u8>>,
    attempts: u32,
    /// This tab's presence: its awareness client id and clock.
    client: ClientID,
    clock: u32,
    /// Where the device keeps the document (IndexedDB), once open; and how many updates it
    /// kept since it last kept the whole state.
    device: Option<Rc<rexie::Rexie>>,
    kept: u32,
}

impl Live {
    /// Joins the council's draft if this site has one and the member is signed in.
    pub fn provide(draft: Draft) -> Live {
        let client = ClientID::new((js_sys::Math::random() * 2f64.powi(50)) as u64);
        let inner = Inner { draft, shared: SharedStory::new(), based: false, socket: None, handlers: Vec::new(), unconfirmed: 0, server: None, attempts: 0, client, clock: 0, device: None, kept: 0 };
        let live = Live { status: RwSignal::new(Status::Alone), waiting: RwSignal::new((0, false)), others: RwSignal::new(Vec::new()), inner: StoredValue::new_local(Rc::new(RefCell::new(inner))) };
        provide_context(live);
        leptos::task::spawn_local(async move {
            live.load_from_device().await;
            if signed_in().await {
                live.connect();
            }
        });
        Effect::new(move |_| {
            draft.local_changes().track();
            live.push();
        });
        let offline = window_event_listener(leptos::ev::offline, move |_| live.disconnect());
        let online = window_event_listener(leptos::ev::online, move |_| live.reconnect_now());
        let focus = window_event_listener(leptos::ev::focusin, move |e| live.show_place(e.target()));
        on_cleanup(move || {
            offline.remove();
            online.remove();
            focus.remove();
            live.disconnect();
        });
        live
    }

    /// Takes the copy this device kept, which descends from the council's: the editor goes
    /// on from it, with whatever was changed here offline; a draft on the device that differs
    /// (the page closed before its last change was kept) is set aside, not lost.
    async fn load_from_device(self) {
        let Some(database) = device::open().await.map(Rc::new) else { return };
        let kept = device::load(&database).await;
        let Some(inner) = self.inner.try_get_value() else { return };
        let story = {
            let mut inner = inner.borrow_mut();
            inner.device = Some(database);
            if kept.is_empty() {
                return;
            }
            for update in &kept {
                let _ = inner.shared.apply_update(update);
            }
            inner.based = true;
            let files = inner.shared.files();
            load_with_media(&files, &inner.draft.media_untracked()).story
        };
        let draft = inner.borrow().draft;
        if draft.present() != story {
            draft.set_aside_before_sharing();
            draft.rebase(story);
        }
    }

    pub fn status(&self) -> ReadSignal<Status> {
        self.status.read_only()
    }

    pub fn others(&self) -> ReadSignal<Vec<Other>> {
        self.others.read_only()
    }

    fn inner(&self) -> Rc<RefCell<Inner>> {
        self.inner.get_value()
    }

    fn connect(self) {
        let Some(location) = web_sys::window().map(|w| w.location()) else { return };
        let scheme = if location.protocol().ok().as_deref() == Some("https:") { "wss" } else { "ws" };
        let url = format!("{scheme}://{}/api/brouillon", location.host().unwrap_or_default());
        let Ok(socket) = WebSocket::new(&url) else {
            self.status.set(Status::Offline);
            return;
        };
        socket.set_binary_type(BinaryType::Arraybuffer);
        let opened = Closure::<dyn FnMut()>::new(move || self.opened());
        let received = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Ok(buffer) = e.data().dyn_into::<js_sys::ArrayBuffer>() {
                self.received(&js_sys::Uint8Array::new(&buffer).to_vec());
            }
        });
        let closed = Closure::<dyn FnMut(CloseEvent)>::new(move |e: CloseEvent| self.closed(e.code()));
        socket.set_onopen(Some(opened.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(received.as_ref().unchecked_ref()));
        socket.set_onclose(Some(closed.as_ref().unchecked_ref()));
        let inner = self.inner();
        let mut inner = inner.borrow_mut();
        inner.socket = Some(socket);
        // The previous socket's handlers go now: they are not running (this is a timer's or
        // the start's call), and that socket calls them no more.
        inner.handlers = vec![Box::new(opened), Box::new(received), Box::new(closed)];
        self.status.set(Status::Connecting);
    }

    fn opened(self) {
        // Changes made since the last push are in the document before it says what it has.
        self.push();
        let inner = self.inner();
        let mut inner = inner.borrow_mut();
        inner.attempts = 0;
        let sv = StateVector::decode_v1(&inner.shared.state_vector()).unwrap_or_default();
        inner.send(Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1());
    }

    fn closed(self, code: u16) {
        let attempts = {
            let inner = self.inner();
            let mut inner = inner.borrow_mut();
            inner.socket = None;
            inner.unconfirmed = 0;
            // The next connection starts with the server's greeting.
            inner.server = None;
            inner.attempts += 1;
            inner.attempts
        };
        self.others.set(Vec::new());
        if code == CLOSE_SIGNED_OUT {
            self.status.set(Status::SignedOut);
            return;
        }
        self.status.set(Status::Offline);
        let wait = (500u64 << attempts.min(5)).min(RETRY_MAX_MS);
        set_timeout(move || self.reconnect_now(), std::time::Duration::from_millis(wait));
    }

    /// Ends the connection at once (the device went offline: an open WebSocket may not notice,
    /// and its closing handshake cannot go out).
    fn disconnect(self) {
        let socket = self.inner.try_get_value().and_then(|inner| inner.borrow().socket.clone());
        if let Some(socket) = socket {
            abandon(&socket);
            self.closed(1006);
        }
    }

    /// Connects again, unless the device is offline (its return will call this) or the member
    /// signed out; a connection still trying (begun offline, it may never end) is given up.
    fn reconnect_now(self) {
        let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
        // A timer may fire after the editor is gone: then nothing is done.
        if !online || self.status.try_get_untracked().is_none_or(|s| matches!(s, Status::SignedOut | Status::Alone)) {
            return;
        }
        let Some(inner) = self.inner.try_get_value() else { return };
        if let Some(socket) = inner.borrow_mut().socket.take() {
            if socket.ready_state() == WebSocket::OPEN {
                inner.borrow_mut().socket = Some(socket);
                return;
            }
            abandon(&socket);
        }
        self.connect();
    }

    /// Puts the draft's changes into the shared document and sends them.
    fn push(self) {
        let Some(inner) = self.inner.try_get_value() else { return };
        let mut inner = inner.borrow_mut();
        if !inner.based {
            return;
        }
        let story = inner.draft.present();
        if let Some(update) = inner.shared.set_story(&story) {
            if inner.send(Message::Sync(SyncMessage::Update(update.clone())).encode_v1()) {
                inner.unconfirmed += 1;
            }
            inner.keep(update);
            drop(inner);
            self.show_status();
        }
    }

    fn received(self, bytes: &[u8]) {
        // A change typed but not yet pushed goes in first, or taking the others' would lose it.
        self.push();
        let mut decoder = DecoderV1::from(bytes);
        let messages: Vec<Message> = MessageReader::new(&mut decoder).filter_map(Result::ok).collect();
        let mut changed = false;
        for message in messages {
            let inner = self.inner();
            let mut inner = inner.borrow_mut();
            match message {
                Message::Sync(SyncMessage::SyncStep1(sv)) => {
                    // The server's greeting, then its acknowledgement of each update, once
                    // stored: the server acknowledges every update, so that counting them
                    // says what is stored (a step 2 it acknowledges only if it brought
                    // something, so what the server lacks goes as an update).
                    let sv = sv.encode_v1();
                    let greeting = inner.server.is_none();
                    if !greeting {
                        inner.unconfirmed = inner.unconfirmed.saturating_sub(1);
                    }
                    // At the greeting, whatever the server lacks (deletions, which a state
                    // vector does not show, included); after that, what this copy made that
                    // no update carried (made while the socket was not open).
                    let lacking = inner.unconfirmed == 0 && inner.shared.made_changes_beyond(&sv).unwrap_or(false);
                    if inner.based && (greeting || lacking) {
                        let missing = inner.shared.encode_missing(&sv).unwrap_or_default();
                        if inner.send(Message::Sync(SyncMessage::Update(missing)).encode_v1()) {
                            inner.unconfirmed += 1;
                        }
                    }
                    inner.server = Some(sv);
                }
                Message::Sync(SyncMessage::SyncStep2(update) | SyncMessage::Update(update)) => {
                    if !inner.based {
                        // The first join: the council's draft is taken (into this copy, empty
                        // until now), the device's set aside.
                        inner.based = true;
                        inner.draft.set_aside_before_sharing();
                    }
                    if let Ok(Some(update)) = inner.shared.integrate(&update) {
                        inner.keep(update);
                        changed = true;
                    }
                }
                Message::Auth(Some(_)) => {
                    drop(inner);
                    self.status.set(Status::ReadOnly);
                    continue;
                }
                Message::Awareness(update) => {
                    let own = inner.client;
                    drop(inner);
                    self.others.update(|others| merge_presence(others, update, own));
                    continue;
                }
                _ => {}
            }
        }
        if changed {
            let (story, draft) = {
                let inner = self.inner();
                let mut inner = inner.borrow_mut();
                let files = inner.shared.files();
                let draft = inner.draft;
                (load_with_media(&files, &draft.media_untracked()).story, draft)
            };
            draft.rebase(story);
        }
        if self.status.get_untracked() != Status::ReadOnly {
            self.show_status();
        }
    }

    fn show_status(self) {
        let inner = self.inner();
        let inner = inner.borrow();
        let status = if inner.socket.is_none() {
            Status::Offline
        } else if !inner.based || inner.server.is_none() {
            Status::Connecting
        } else if inner.unconfirmed == 0 && !inner.server.as_ref().is_some_and(|sv| inner.shared.made_changes_beyond(sv).unwrap_or(true)) {
            Status::Saved
        } else {
            Status::Saving
        };
        self.waiting.set((inner.unconfirmed, inner.server.as_ref().is_some_and(|sv| inner.shared.made_changes_beyond(sv).unwrap_or(true))));
        if self.status.get_untracked() != Status::ReadOnly || status == Status::Offline {
            self.status.set(status);
        }
    }

    /// Tells the others which view and field this member is in.
    fn show_place(self, target: Option<web_sys::EventTarget>) {
        let field = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|e| e.id()).filter(|id| id.starts_with("f-"));
        let view = web_sys::window().and_then(|w| w.location().pathname().ok());
        let Some(inner) = self.inner.try_get_value() else { return };
        let mut inner = inner.borrow_mut();
        inner.clock += 1;
        let json = serde_json::json!({ "view": view, "field": field }).to_string();
        let update = AwarenessUpdate { clients: [(inner.client, AwarenessUpdateEntry { clock: inner.clock, json: json.into() })].into_iter().collect() };
        inner.send(Message::Awareness(update).encode_v1());
    }
}

impl Inner {
    /// Keeps an update on the device, and every so often the whole state instead.
    fn keep(&mut self, update: Vec<u8>) {
        let Some(database) = self.device.clone() else { return };
        self.kept += 1;
        let state = (self.kept >= COMPACT_AFTER).then(|| self.shared.encode_state());
        if state.is_some() {
            self.kept = 0;
        }
        leptos::task::spawn_local(async move {
            match state {
                Some(state) => device::compact(&database, &state).await,
                None => device::add(&database, &update).await,
            };
        });
    }

    /// Sends a frame if connected; says whether it was sent.
    fn send(&self, frame: Vec<u8>) -> bool {
        match &self.socket {
            Some(socket) if socket.ready_state() == WebSocket::OPEN => socket.send_with_u8_array(&frame).is_ok(),
            _ => false,
        }
    }
}

/// Closes a socket that this editor no longer listens to (its close event included).
fn abandon(socket: &WebSocket) {
    socket.set_onclose(None);
    socket.set_onmessage(None);
    let _ = socket.close();
}

/// Takes the server's presence update into the list of others (this tab's own left out).
fn merge_presence(others: &mut Vec<Other>, update: AwarenessUpdate, own: ClientID) {
    for (client, entry) in update.clients {
        others.retain(|o| o.client != client);
        if client == own {
            continue;
        }
        let Ok(serde_json::Value::Object(state)) = serde_json::from_str::<serde_json::Value>(&entry.json) else { continue };
        let text = |key: &str| state.get(key).and_then(|v| v.as_str()).map(str::to_string);
        if let (Some(name), Some(colour)) = (text("name"), text("colour")) {
            others.push(Other { client, name, colour, view: text("view"), field: text("field") });
        }
    }
    others.sort_by(|a, b| a.name.cmp(&b.name));
}

/// Whether the site has a council and this browser a member's session: the member as JSON
/// (a site without a council answers any address with the app's page).
async fn signed_in() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let Ok(response) = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str("/api/moi")).await else { return false };
    let Ok(response) = response.dyn_into::<web_sys::Response>() else { return false };
    let json = response.headers().get("content-type").ok().flatten().is_some_and(|t| t.starts_with("application/json"));
    response.ok() && json
}

/// Where the editor stands with the shared draft, and who else is in it: nothing where it
/// works alone.
#[component]
pub fn LiveStatus(
    /// The editor's language.
    lang: recit_story::Lang,
) -> impl IntoView {
    let live = use_live();
    let t = crate::text::text(lang);
    let words = move || match live.status().get() {
        Status::Alone => None,
        Status::Connecting => Some(t.live_connecting),
        Status::Saving => Some(t.live_saving),
        Status::Saved => Some(t.live_saved),
        Status::Offline => Some(t.live_offline),
        Status::ReadOnly => Some(t.live_read_only),
        Status::SignedOut => Some(t.live_signed_out),
    };
    move || {
        words().map(|words| {
            let others = live.others().get();
            view! {
                <div class="live" data-status=format!("{:?}", live.status().get()).to_lowercase() data-waiting=move || format!("{:?}", live.waiting.get())>
                    <p class="live-status" role="status">{words}</p>
                    {(!others.is_empty()).then(|| view! {
                        <p class="live-others">
                            {t.live_here} " "
                            {others.into_iter().map(|o| view! {
                                <span class="live-other" style:border-color=o.colour title=o.view.clone().unwrap_or_default() data-field=o.field.clone().unwrap_or_default()>{o.name}</span>
                            }).collect_view()}
                        </p>
                    })}
                </div>
            }
        })
    }
}

/// The live editing, provided by the editor.
pub fn use_live() -> Live {
    expect_context::<Live>()
}
