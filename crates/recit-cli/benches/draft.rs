//! The shared draft under load, on loopback: 30 simulated members (6 accounts, 5 editors each)
//! typing into their own fields of the real program's draft for one minute or 10,000 edits,
//! whichever comes first, and one more editor watching. Prints the propagation latency (an
//! edit sent → the watcher has it), the server's CPU time and peak memory, and the draft's
//! size after the edits and once compacted (the whole document as one update).
//!
//! `cargo bench -p recit-cli --bench draft`

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::council::{invite, join, Browser, Place};
use futures_util::{SinkExt, StreamExt};
use recit_story::shared::SharedStory;
use recit_story::toml_format::{load_dir, load_files};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message as Frame;
use yrs::sync::{Message, MessageReader, SyncMessage};
use yrs::updates::decoder::{Decode, DecoderV1};
use yrs::updates::encoder::Encode;

const MEMBERS: usize = 30;
const ACCOUNTS: usize = 6;
const EDITS: usize = 10_000;
const SECONDS: u64 = 60;

/// When each (client, clock) an editor reached was sent.
type Sent = Arc<Mutex<HashMap<u64, Vec<(u32, Instant)>>>>;

async fn connect(browser: &Browser) -> tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>> {
    let mut request = format!("{}/api/brouillon", browser.base.replace("http://", "ws://")).into_client_request().unwrap();
    request.headers_mut().insert("cookie", browser.cookie.as_ref().unwrap().parse().unwrap());
    tokio_tungstenite::connect_async(request).await.unwrap().0
}

fn messages(bytes: &[u8]) -> Vec<Message> {
    let mut decoder = DecoderV1::from(bytes);
    MessageReader::new(&mut decoder).filter_map(Result::ok).collect()
}

/// Joins and syncs: the document as the server has it.
async fn synced(socket: &mut tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>) -> SharedStory {
    let mut shared = SharedStory::new();
    socket.send(Frame::Binary(Message::Sync(SyncMessage::SyncStep1(yrs::StateVector::default())).encode_v1().into())).await.unwrap();
    loop {
        let Some(Ok(Frame::Binary(bytes))) = socket.next().await else { panic!("closed") };
        for message in messages(&bytes) {
            if let Message::Sync(SyncMessage::SyncStep2(update)) = message {
                shared.apply_update(&update).unwrap();
                return shared;
            }
        }
    }
}

fn process_figures(pid: u32) -> (f64, u64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let fields: Vec<&str> = stat.rsplit_once(") ").unwrap().1.split(' ').collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let peak_kb: u64 = status.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)).and_then(|n| n.parse().ok()).unwrap_or(0);
    (ticks / 100.0, peak_kb * 1024)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let place = Place::new("bench-draft");
    let story = load_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../story"), "story").unwrap().story;
    std::fs::write(place.site().join("story-0123456789abcdef.bin"), story.to_compact()).unwrap();
    let (server, link) = place.serve();
    let admin = join(&server, &link.unwrap(), "Anne");
    let accounts: Vec<Browser> = (0..ACCOUNTS).map(|i| join(&server, &invite(&admin, "membre"), &format!("Membre {i}"))).collect();
    let pid = server.child.id();
    let (cpu_before, _) = process_figures(pid);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sent: Sent = Arc::default();
    let latencies = runtime.block_on(async {
        let mut watcher = connect(&admin).await;
        let mut watched = synced(&mut watcher).await;
        let steps = story.steps.len();
        let start = Instant::now();
        let budget = Arc::new(std::sync::atomic::AtomicUsize::new(EDITS));
        let mut typists = Vec::new();
        for member in 0..MEMBERS {
            let browser = Browser { base: accounts[member % ACCOUNTS].base.clone(), cookie: accounts[member % ACCOUNTS].cookie.clone() };
            let (sent, budget) = (sent.clone(), budget.clone());
            typists.push(tokio::spawn(async move {
                let mut socket = connect(&browser).await;
                let mut shared = synced(&mut socket).await;
                let mut story = load_files(&shared.files()).story;
                let client = shared.client_id();
                // Each member types into a field of their own: a step's view's text.
                let (step, view) = (member % steps, (member / steps) % story.steps[member % steps].views.len());
                let (mut sink, mut stream) = socket.split();
                // The server's relays and acknowledgements are read and dropped.
                let reader = tokio::spawn(async move { while let Some(Ok(_)) = stream.next().await {} });
                let mut ticker = tokio::time::interval(Duration::from_millis(MEMBERS as u64 * SECONDS * 1000 / EDITS as u64));
                while start.elapsed() < Duration::from_secs(SECONDS) && budget.fetch_update(std::sync::atomic::Ordering::Relaxed, std::sync::atomic::Ordering::Relaxed, |n| n.checked_sub(1)).is_ok() {
                    ticker.tick().await;
                    story.steps[step].views[view].text.fr.push('x');
                    let Some(update) = shared.set_story(&story) else { continue };
                    let clock = yrs::StateVector::decode_v1(&shared.state_vector()).unwrap().get(&yrs::ClientID::new(client));
                    sent.lock().unwrap().entry(client).or_default().push((clock, Instant::now()));
                    if sink.send(Frame::Binary(Message::Sync(SyncMessage::Update(update)).encode_v1().into())).await.is_err() {
                        break;
                    }
                }
                reader.abort();
            }));
        }
        let mut latencies = Vec::new();
        let mut seen: HashMap<u64, u32> = HashMap::new();
        let end = Instant::now() + Duration::from_secs(SECONDS + 10);
        loop {
            let done = typists.iter().all(|t| t.is_finished());
            let Ok(Some(Ok(Frame::Binary(bytes)))) = tokio::time::timeout(Duration::from_millis(if done { 2000 } else { 10_000 }), watcher.next()).await else { break };
            let now = Instant::now();
            for message in messages(&bytes) {
                if let Message::Sync(SyncMessage::Update(update)) = message {
                    watched.apply_update(&update).unwrap();
                    // Each client's highest clock in the update (its state vector counts only
                    // updates that start at clock 0).
                    let arrived = yrs::Update::decode_v1(&update).unwrap().insertions(true);
                    let sent = sent.lock().unwrap();
                    for (client, ranges) in arrived.iter() {
                        let (client, clock) = (client.get(), ranges.iter().map(|r| r.end).max().unwrap_or(0));
                        let from = seen.get(&client).copied().unwrap_or(0);
                        for (_, at) in sent.get(&client).into_iter().flatten().filter(|(c, _)| *c > from && *c <= clock) {
                            latencies.push(now.duration_since(*at).as_secs_f64() * 1000.0);
                        }
                        seen.insert(client, from.max(clock));
                    }
                }
            }
            if now > end {
                break;
            }
        }
        for typist in typists {
            let _ = typist.await;
        }
        println!("edits: {} in {:.1} s", sent.lock().unwrap().values().map(Vec::len).sum::<usize>(), start.elapsed().as_secs_f64());
        latencies
    });
    let (cpu_after, peak) = process_figures(pid);
    let mut sorted = latencies.clone();
    sorted.sort_by(f64::total_cmp);
    let compacted = runtime.block_on(async {
        let mut socket = connect(&admin).await;
        synced(&mut socket).await.encode_state().len()
    });
    let (updates, logged): (i64, i64) = runtime.block_on(async {
        sqlx::any::install_default_drivers();
        let url = format!("sqlite://{}?mode=ro", place.data().join("council.sqlite").display());
        let mut store = <sqlx::AnyConnection as sqlx::Connection>::connect(&url).await.unwrap();
        let row = sqlx::query("SELECT COUNT(*) AS n, SUM(LENGTH(bytes)) AS bytes FROM doc_updates").fetch_one(&mut store).await.unwrap();
        (sqlx::Row::get(&row, "n"), sqlx::Row::get(&row, "bytes"))
    });
    println!("members: {MEMBERS} editors on {ACCOUNTS} accounts, one watcher");
    println!(
        "propagation to the watcher, {} edits seen: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        sorted.len(),
        percentile(&sorted, 0.5),
        percentile(&sorted, 0.95),
        sorted.last().copied().unwrap_or(0.0)
    );
    println!("server: {:.1} s of CPU, peak memory {:.1} MB", cpu_after - cpu_before, peak as f64 / 1e6);
    println!("draft: {updates} updates stored, {logged} bytes; compacted (the whole document as one update), {compacted} bytes");
}
