//! Client connections of every system under test, behind one face.
//!
//! A scenario opens a [`Conn`] per simulated device and calls `send`, `ping`, `sync` on it; what
//! comes back (acks, pushed messages, sync batches) is read by the connection's own reader task
//! and recorded in its [`Session`], which the scenario inspects. The transports:
//! - `grpc`: `ImService/Chat` over HTTP/2 (EasyChat and the gRPC baseline);
//! - `ws`: the gateway's JSON frames at `/ws` (EasyChat's gateway and the WebSocket baseline);
//! - `centrifugo`: Centrifugo's JSON protocol (the peer).

pub mod centrifugo;
pub mod grpc;
pub mod ws;

use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::{Notify, Semaphore};

use crate::stats::clock::{now_us, parse_stamp};
use crate::stats::meter::Meter;

/// Sends a connection may have unacknowledged at once, whatever the scenario asks: the size of
/// the ring that remembers their send times.
pub const MAX_WINDOW: usize = 1024;

/// Where a benchmark message goes, in each protocol's terms.
#[derive(Debug, Clone)]
pub struct Dest {
    /// EasyChat conversation id (`s_<a>_<b>` or `g_<group>`), used by the gRPC transport.
    pub conversation_id: String,
    /// The peer user (single chat) or the group: the gateway's `recvId`.
    pub recv_id: String,
    pub group: bool,
    /// Centrifugo channel the message is published to.
    pub channel: String,
}

/// What one connection has seen, shared by the scenario and the connection's reader task.
pub struct Session {
    /// Index of the simulated device in its scenario; also tells its own messages apart.
    pub index: usize,
    /// Unique among all sessions of this process: message ids of a new session never repeat
    /// those of an earlier one (EasyChat deduplicates by sender and client message id).
    pub uid: u64,
    meter: Arc<Meter>,
    /// Free places of the send window: taken before a send, given back by its ack or error.
    pub window: Semaphore,
    next_id: AtomicU64,
    sent_at: Box<[AtomicU64]>,
    /// Every acked message id with the seq its ack told (0 when the protocol tells none), in
    /// ack order: what the read-back after the scenario expects to find stored.
    acks: Mutex<Vec<(u64, i64)>>,
    /// Highest seq seen in the session's conversation (acks, pushes and sync batches).
    pub last_seq: AtomicI64,
    /// Benchmark messages pushed to this session by others.
    pub received: AtomicU64,
    /// Other pushed events (presence, receipts).
    pub other_events: AtomicU64,
    /// Messages that came in sync answers (or Centrifugo's recovery).
    pub synced: AtomicU64,
    /// Signalled when a sync answer is complete.
    pub sync_done: Notify,
    /// Set before the scenario closes the connection, so that its end is not an error.
    pub closing: AtomicBool,
    /// Set when the connection ended on its own.
    pub broken: AtomicBool,
}

impl Session {
    pub fn new(index: usize, meter: Arc<Meter>, window: usize) -> Arc<Session> {
        static NEXT_UID: AtomicU64 = AtomicU64::new(0);
        Arc::new(Session {
            index,
            uid: NEXT_UID.fetch_add(1, Ordering::Relaxed),
            meter,
            window: Semaphore::new(window.clamp(1, MAX_WINDOW)),
            next_id: AtomicU64::new(0),
            sent_at: (0..MAX_WINDOW).map(|_| AtomicU64::new(0)).collect(),
            acks: Mutex::new(Vec::new()),
            last_seq: AtomicI64::new(0),
            received: AtomicU64::new(0),
            other_events: AtomicU64::new(0),
            synced: AtomicU64::new(0),
            sync_done: Notify::new(),
            closing: AtomicBool::new(false),
            broken: AtomicBool::new(false),
        })
    }

    pub fn meter(&self) -> &Meter {
        &self.meter
    }

    /// A fresh message id of this session.
    pub fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// Remembers when message `id` was (or should have been) sent.
    pub fn begin_send(&self, id: u64, at_us: u64) {
        self.sent_at[slot(id)].store(at_us, Ordering::Relaxed);
    }

    /// Message `id` was stored with `seq`.
    pub fn on_ack(&self, id: u64, seq: i64) {
        let sent = self.sent_at[slot(id)].swap(0, Ordering::Relaxed);
        if sent != 0 {
            self.meter.record_ack(now_us().saturating_sub(sent));
        }
        self.last_seq.fetch_max(seq, Ordering::Relaxed);
        self.acks
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((id, seq));
        self.meter.acked.fetch_add(1, Ordering::Relaxed);
        self.window.add_permits(1);
    }

    /// The acked message ids so far, with the seq each ack told.
    pub fn acks(&self) -> Vec<(u64, i64)> {
        self.acks.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Message `id` was answered as a duplicate of an earlier one: nothing new was stored or
    /// pushed, so the benchmark's message ids are wrong.
    pub fn on_duplicate(&self, id: u64) {
        self.on_send_error(id, "the server saw this client message id before");
    }

    /// Message `id` was refused.
    pub fn on_send_error(&self, id: u64, message: &str) {
        self.sent_at[slot(id)].store(0, Ordering::Relaxed);
        self.error(message);
        self.window.add_permits(1);
    }

    /// A message was pushed; `text` tells its send time and sender when it is a bench message.
    pub fn on_message(&self, seq: i64, text: &str) {
        self.last_seq.fetch_max(seq, Ordering::Relaxed);
        let Some((sent, sender)) = parse_stamp(text) else {
            self.other_events.fetch_add(1, Ordering::Relaxed);
            return;
        };
        // A system that echoes a message to its own sender (Centrifugo does) is not credited
        // with that delivery: every system is counted for the same recipients.
        if sender == self.index as u64 {
            return;
        }
        self.meter.record_delivery(now_us().saturating_sub(sent));
        self.meter.delivered.fetch_add(1, Ordering::Relaxed);
        self.received.fetch_add(1, Ordering::Relaxed);
    }

    pub fn on_other_event(&self) {
        self.other_events.fetch_add(1, Ordering::Relaxed);
    }

    /// Messages of a sync answer; `done` ends the answer.
    pub fn on_synced(&self, count: usize, last_seq: i64, done: bool) {
        self.synced.fetch_add(count as u64, Ordering::Relaxed);
        self.last_seq.fetch_max(last_seq, Ordering::Relaxed);
        if done {
            self.sync_done.notify_one();
        }
    }

    /// The connection ended; an error unless the scenario closed it.
    pub fn on_end(&self, why: &str) {
        if !self.closing.load(Ordering::Relaxed) {
            self.broken.store(true, Ordering::Relaxed);
            self.error(&format!("session {} ended: {why}", self.index));
        }
        // Wake a sync waiter: it must not wait for an answer that will never come.
        self.sync_done.notify_one();
    }

    fn error(&self, message: &str) {
        let before = self.meter.errors.fetch_add(1, Ordering::Relaxed);
        // The first few errors say what went wrong; the count says how often.
        if before < 5 {
            eprintln!("error: {message}");
        }
    }
}

fn slot(id: u64) -> usize {
    (id % MAX_WINDOW as u64) as usize
}

/// One open connection of any transport.
pub enum Conn {
    Grpc(grpc::GrpcConn),
    Ws(ws::WsConn),
    Centrifugo(centrifugo::CentrifugoConn),
}

impl Conn {
    pub fn session(&self) -> &Arc<Session> {
        match self {
            Conn::Grpc(c) => &c.session,
            Conn::Ws(c) => &c.session,
            Conn::Centrifugo(c) => &c.session,
        }
    }

    /// Sends benchmark message `id` (call [`Session::begin_send`] first).
    pub async fn send(&self, id: u64, dest: &Dest, text: String) -> anyhow::Result<()> {
        let result = match self {
            Conn::Grpc(c) => c.send(id, dest, text).await,
            Conn::Ws(c) => c.send(id, dest, text).await,
            Conn::Centrifugo(c) => c.send(id, dest, text).await,
        };
        if result.is_ok() {
            self.session().meter.sent.fetch_add(1, Ordering::Relaxed);
        }
        result
    }

    /// A keep-alive frame of the protocol.
    pub async fn ping(&self) -> anyhow::Result<()> {
        match self {
            Conn::Grpc(c) => c.ping().await,
            Conn::Ws(c) => c.ping().await,
            Conn::Centrifugo(c) => c.ping().await,
        }
    }

    /// Asks for what followed `after_seq` in `dest`'s conversation; the answer ends with
    /// `Session::sync_done`. `Ok(false)` when the protocol has no such request.
    pub async fn sync(&self, dest: &Dest, after_seq: i64) -> anyhow::Result<bool> {
        match self {
            Conn::Grpc(c) => c
                .sync(&dest.conversation_id, after_seq)
                .await
                .map(|()| true),
            Conn::Ws(_) | Conn::Centrifugo(_) => Ok(false),
        }
    }

    /// Closes the connection and waits (briefly) for its reader to finish.
    pub async fn close(self) {
        self.session().closing.store(true, Ordering::Relaxed);
        match self {
            Conn::Grpc(c) => c.close().await,
            Conn::Ws(c) => c.close().await,
            Conn::Centrifugo(c) => c.close().await,
        }
    }
}

/// A client-chosen message id unique across runs and sessions: `<run>.<session uid>.<id>`.
/// The last part is the id the acks are matched by.
pub fn client_msg_id(run: &str, session: u64, id: u64) -> String {
    format!("{run}.{session}.{id}")
}

/// The id part of a [`client_msg_id`].
pub fn id_of(request_id: &str) -> Option<u64> {
    request_id.rsplit('.').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::clock::stamp;

    #[test]
    fn request_ids_round_trip() {
        assert_eq!(id_of(&client_msg_id("r1", 7, 42)), Some(42));
        assert_eq!(id_of("garbage"), None);
    }

    #[test]
    fn an_ack_frees_the_window_and_records_latency() {
        let meter = Arc::new(Meter::default());
        let session = Session::new(0, meter.clone(), 1);
        session.window.try_acquire().expect("a free place").forget();
        session.begin_send(5, now_us());
        session.on_ack(5, 9);
        assert_eq!(session.window.available_permits(), 1);
        assert_eq!(session.last_seq.load(Ordering::Relaxed), 9);
        assert_eq!(session.acks(), vec![(5, 9)]);
        assert_eq!(meter.ack_latency().expect("one sample").samples, 1);
    }

    #[test]
    fn own_echoes_are_not_deliveries() {
        let meter = Arc::new(Meter::default());
        let session = Session::new(3, meter.clone(), 1);
        session.on_message(1, &stamp(now_us(), 3, 32));
        session.on_message(2, &stamp(now_us(), 4, 32));
        session.on_message(3, "not a bench message");
        assert_eq!(session.received.load(Ordering::Relaxed), 1);
        assert_eq!(session.other_events.load(Ordering::Relaxed), 1);
        assert_eq!(session.last_seq.load(Ordering::Relaxed), 3);
    }
}
