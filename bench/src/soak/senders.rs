//! The soak's steady senders. Each sends one message at a time, at a fixed pace, as one user
//! into one conversation, over gRPC (unary `SendMessage`, alternating between the nodes on
//! failure) or over the gateway's WebSocket (`conversation.chat`, reconnecting when the socket
//! goes). A send that fails in a retryable way is sent again with the SAME client_msg_id until
//! it is answered with a message, so it is stored at most once whatever happened to the
//! earlier attempts; every attempt's failure is recorded.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, bail};
use easychat_proto::im::v1::im_service_client::ImServiceClient;
use easychat_proto::im::v1::{SendMessageRequest, send_message_request};
use futures::{SinkExt, StreamExt};
use serde::Serialize;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use tonic::Code;
use tonic::transport::Channel;
use tonic_types::StatusExt;

use super::check::Ack;
use crate::setup::User;
use crate::transport::grpc::{Bearer, text_content};
use crate::transport::ws::url_with_token;

/// One attempt of a unary send: above the server's Kafka send (5 s) plus store (10 s) timeouts,
/// so a slow store is answered by the server rather than cut by the client.
const GRPC_CALL_TIMEOUT: Duration = Duration::from_secs(20);
/// One attempt over the WebSocket: the server's timeouts plus the gateway's failover (15 s).
const WS_ANSWER_TIMEOUT: Duration = Duration::from_secs(40);
const WS_CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// Pause before the first retry; doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(250);
const MAX_BACKOFF: Duration = Duration::from_secs(2);
/// The gateway's frame types and the send method (docs/websocket.md).
const WS_DATA: i64 = 0;
const WS_PING: i64 = 1;
const WS_ERROR: i64 = 9;
const WS_CHAT: &str = "conversation.chat";
const WS_READY: &str = "session.ready";

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

pub fn unix_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or_default()
}

/// When the load runs: at least `duration`, and until `until_file` exists when one is given
/// (the fault script creates it after its last fault has recovered). Sends still unanswered
/// `drain` after the load stopped are given up.
pub struct LoadWindow {
    started: Instant,
    duration: Duration,
    until_file: Option<PathBuf>,
    drain: Duration,
    stopped: OnceLock<Instant>,
}

impl LoadWindow {
    pub fn new(duration: Duration, until_file: Option<PathBuf>, drain: Duration) -> LoadWindow {
        LoadWindow {
            started: Instant::now(),
            duration,
            until_file,
            drain,
            stopped: OnceLock::new(),
        }
    }

    /// Whether new messages may still be sent; the first `false` fixes the end of the load.
    pub fn running(&self) -> bool {
        if self.stopped.get().is_some() {
            return false;
        }
        let done = self.started.elapsed() >= self.duration
            && self.until_file.as_ref().is_none_or(|file| file.exists());
        if done {
            let _ = self.stopped.set(Instant::now());
        }
        !done
    }

    fn past_drain(&self) -> bool {
        self.stopped
            .get()
            .is_some_and(|stopped| stopped.elapsed() > self.drain)
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }
}

/// A failed attempt of a send.
#[derive(Debug, Clone, Serialize)]
pub struct SendError {
    pub at_unix_ms: u64,
    pub sender: usize,
    pub transport: &'static str,
    /// The gRPC code (`Unavailable`, …), or what happened to the socket or call
    /// (`ConnectionLost`, `ConnectFailed`, `NoAnswer`).
    pub code: String,
    /// The ErrorInfo reason (`BACKEND_UNAVAILABLE`, …) when the server gave one.
    pub reason: String,
    pub retryable: bool,
}

/// What every sender records.
#[derive(Default)]
pub struct Recorder {
    pub acks: Mutex<Vec<Ack>>,
    pub errors: Mutex<Vec<SendError>>,
    /// Distinct messages sent (not attempts).
    pub sends: AtomicU64,
    /// Sends refused with a non-retryable error (not retried).
    pub refused: AtomicU64,
    /// Sends still unanswered when the drain ended (given up).
    pub unanswered: AtomicU64,
}

impl Recorder {
    fn ack(&self, ack: Ack) {
        self.acks.lock().expect("acks lock").push(ack);
    }

    fn error(&self, sender: usize, transport: &'static str, code: String, reason: String) -> bool {
        let retryable = retryable(&code);
        self.errors.lock().expect("errors lock").push(SendError {
            at_unix_ms: unix_ms(),
            sender,
            transport,
            code,
            reason,
            retryable,
        });
        retryable
    }

    pub fn acked(&self) -> usize {
        self.acks.lock().expect("acks lock").len()
    }

    pub fn error_count(&self) -> usize {
        self.errors.lock().expect("errors lock").len()
    }
}

/// Codes after which the same send is tried again: the server or the way to it failed, or the
/// outcome is unknown. Dedup by client_msg_id makes a retry of a stored send harmless. Refusals
/// (invalid, not allowed, not found) are final.
fn retryable(code: &str) -> bool {
    matches!(
        code,
        "Unavailable"
            | "DeadlineExceeded"
            | "Unknown"
            | "Cancelled"
            | "Aborted"
            | "ResourceExhausted"
            | "ConnectionLost"
            | "ConnectFailed"
            | "NoAnswer"
    )
}

fn backoff(attempt: u32) -> Duration {
    (FIRST_BACKOFF * 2u32.saturating_pow(attempt.min(4))).min(MAX_BACKOFF)
}

/// Where a sender's messages go.
#[derive(Debug, Clone)]
pub enum Target {
    Peer(String),
    Group(String),
}

/// One sender: a user, a conversation, a transport.
#[derive(Debug, Clone)]
pub struct SenderSpec {
    pub index: usize,
    pub user: User,
    pub target: Target,
    pub conversation_id: String,
}

/// What the senders share.
pub struct Shared {
    pub run: String,
    /// One lazily connected channel per node: it reconnects by itself after a restart.
    pub nodes: Vec<Channel>,
    pub ws_url: Option<String>,
    pub load: LoadWindow,
    pub record: Recorder,
    /// Time between two messages of one sender.
    pub interval: Duration,
}

impl Shared {
    fn client_msg_id(&self, sender: usize, n: u64) -> String {
        format!("{}-{sender}-{n}", self.run)
    }

    /// Sleeps until the next message is due; false when the load is over.
    async fn next_message(&self, due: &mut tokio::time::Instant) -> bool {
        tokio::time::sleep_until(*due).await;
        *due = (*due + self.interval).max(tokio::time::Instant::now());
        self.load.running()
    }
}

/// Sends over gRPC until the load ends: each message first to node `index % nodes`, each retry
/// to the next node.
pub async fn grpc_sender(shared: &Shared, spec: SenderSpec) -> anyhow::Result<()> {
    let bearer = Bearer::new(&spec.user.token)?;
    let mut clients: Vec<_> = shared
        .nodes
        .iter()
        .map(|channel| ImServiceClient::with_interceptor(channel.clone(), bearer.clone()))
        .collect();
    // Each message starts on the sender's home node, so both nodes keep serving sends after a
    // failover and every later fault meets traffic on both.
    let home = spec.index % clients.len();
    let stagger = shared.interval * (spec.index as u32 % 8) / 8;
    let mut due = tokio::time::Instant::now() + stagger;
    let mut n = 0;
    while shared.next_message(&mut due).await {
        let client_msg_id = shared.client_msg_id(spec.index, n);
        n += 1;
        shared.record.sends.fetch_add(1, Ordering::Relaxed);
        let sent_unix_ms = unix_ms();
        let mut node = home;
        let mut attempt = 0;
        loop {
            let mut request = tonic::Request::new(SendMessageRequest {
                client_msg_id: client_msg_id.clone(),
                target: Some(match &spec.target {
                    Target::Peer(user_id) => {
                        send_message_request::Target::PeerUserId(user_id.clone())
                    }
                    Target::Group(group_id) => {
                        send_message_request::Target::GroupId(group_id.clone())
                    }
                }),
                content: Some(text_content(format!(
                    "soak message {n} of sender {}",
                    spec.index
                ))),
                ..Default::default()
            });
            request.set_timeout(GRPC_CALL_TIMEOUT);
            let outcome = tokio::time::timeout(
                GRPC_CALL_TIMEOUT + Duration::from_secs(2),
                clients[node].send_message(request),
            )
            .await;
            let retry = match outcome {
                Ok(Ok(response)) => {
                    let response = response.into_inner();
                    let message = response
                        .message
                        .context("SendMessage answered no message")?;
                    shared.record.ack(Ack {
                        sender: spec.index,
                        conversation_id: message.conversation_id,
                        client_msg_id: client_msg_id.clone(),
                        message_id: message.message_id,
                        seq: message.seq,
                        duplicate: response.duplicate,
                        sent_unix_ms,
                        latency_ms: unix_ms().saturating_sub(sent_unix_ms),
                    });
                    break;
                }
                Ok(Err(status)) => {
                    let reason = status
                        .get_details_error_info()
                        .map(|info| info.reason)
                        .unwrap_or_else(|| short(status.message()));
                    shared
                        .record
                        .error(spec.index, "grpc", code_name(status.code()), reason)
                }
                Err(_) => shared.record.error(
                    spec.index,
                    "grpc",
                    "NoAnswer".to_owned(),
                    "client timeout".to_owned(),
                ),
            };
            if !retry {
                shared.record.refused.fetch_add(1, Ordering::Relaxed);
                break;
            }
            if shared.load.past_drain() {
                shared.record.unanswered.fetch_add(1, Ordering::Relaxed);
                break;
            }
            tokio::time::sleep(backoff(attempt)).await;
            attempt += 1;
            node = (node + 1) % clients.len();
        }
    }
    Ok(())
}

/// Sends over the gateway's WebSocket until the load ends; a socket that breaks is replaced,
/// and the send in flight sent again on the new one with the same frame id.
pub async fn ws_sender(shared: &Shared, spec: SenderSpec) -> anyhow::Result<()> {
    let base = shared.ws_url.as_deref().context("no --ws URL")?;
    let url = url_with_token(base, &spec.user.token);
    let (chat_type, recv_id) = match &spec.target {
        Target::Peer(user_id) => (2, user_id),
        Target::Group(group_id) => (1, group_id),
    };
    let mut socket: Option<Socket> = None;
    let stagger = shared.interval * (spec.index as u32 % 8) / 8;
    let mut due = tokio::time::Instant::now() + stagger;
    let mut n = 0;
    while shared.next_message(&mut due).await {
        let client_msg_id = shared.client_msg_id(spec.index, n);
        n += 1;
        shared.record.sends.fetch_add(1, Ordering::Relaxed);
        let frame = json!({
            "frameType": WS_DATA,
            "id": client_msg_id,
            "method": WS_CHAT,
            "data": {"chatType": chat_type, "recvId": recv_id,
                     "msg": {"mType": 0, "content": format!("soak message {n} of sender {}", spec.index)}},
        })
        .to_string();
        let sent_unix_ms = unix_ms();
        let mut attempt = 0;
        loop {
            let answer = match socket.as_mut() {
                None => match connect(&url).await {
                    Ok(connected) => {
                        socket = Some(connected);
                        continue;
                    }
                    Err(e) => Answer::Failed("ConnectFailed", short(&format!("{e:#}"))),
                },
                Some(open) => exchange(open, &frame, &client_msg_id).await,
            };
            let retry = match answer {
                Answer::Stored(data) => {
                    shared.record.ack(Ack {
                        sender: spec.index,
                        conversation_id: str_field(&data, "conversationId"),
                        client_msg_id: client_msg_id.clone(),
                        message_id: str_field(&data, "msgId"),
                        seq: data.get("seq").and_then(Value::as_i64).unwrap_or_default(),
                        duplicate: data
                            .get("duplicate")
                            .and_then(Value::as_bool)
                            .unwrap_or(false),
                        sent_unix_ms,
                        latency_ms: unix_ms().saturating_sub(sent_unix_ms),
                    });
                    break;
                }
                Answer::Refused { code, reason } => {
                    shared.record.error(spec.index, "ws", code, reason)
                }
                Answer::Failed(what, detail) => {
                    socket = None;
                    shared
                        .record
                        .error(spec.index, "ws", what.to_owned(), detail)
                }
            };
            if !retry {
                shared.record.refused.fetch_add(1, Ordering::Relaxed);
                break;
            }
            if shared.load.past_drain() {
                shared.record.unanswered.fetch_add(1, Ordering::Relaxed);
                break;
            }
            tokio::time::sleep(backoff(attempt)).await;
            attempt += 1;
        }
    }
    if let Some(mut open) = socket {
        let _ = open.close(None).await;
    }
    Ok(())
}

/// How one WebSocket attempt ended.
enum Answer {
    /// The result frame's `data`.
    Stored(Value),
    /// An error frame for this send: its code (by name) and reason.
    Refused { code: String, reason: String },
    /// The socket is unusable (closed, broken, silent): what happened, and detail.
    Failed(&'static str, String),
}

async fn connect(url: &str) -> anyhow::Result<Socket> {
    let opened = async {
        let (mut socket, _) = tokio_tungstenite::connect_async(url)
            .await
            .context("connecting")?;
        loop {
            let Some(message) = socket.next().await else {
                bail!("closed before session.ready");
            };
            if let Message::Text(text) = message.context("reading session.ready")? {
                let frame: Value = serde_json::from_str(&text)?;
                match (
                    frame_type(&frame),
                    frame.get("method").and_then(Value::as_str),
                ) {
                    (WS_DATA, Some(WS_READY)) => return Ok(socket),
                    (WS_ERROR, _) => bail!("refused: {}", str_field(&frame["data"], "reason")),
                    _ => {}
                }
            }
        }
    };
    tokio::time::timeout(WS_CONNECT_TIMEOUT, opened)
        .await
        .context("no session.ready in time")?
}

/// Sends `frame` and reads until its answer, skipping pushes and answering pings.
async fn exchange(socket: &mut Socket, frame: &str, id: &str) -> Answer {
    if let Err(e) = socket.send(Message::text(frame)).await {
        return Answer::Failed("ConnectionLost", short(&format!("write: {e}")));
    }
    let deadline = tokio::time::Instant::now() + WS_ANSWER_TIMEOUT;
    loop {
        let message = match tokio::time::timeout_at(deadline, socket.next()).await {
            Err(_) => return Answer::Failed("NoAnswer", "no answer in time".to_owned()),
            Ok(None) => return Answer::Failed("ConnectionLost", "closed".to_owned()),
            Ok(Some(Err(e))) => {
                return Answer::Failed("ConnectionLost", short(&format!("read: {e}")));
            }
            Ok(Some(Ok(message))) => message,
        };
        let text = match message {
            Message::Text(text) => text,
            Message::Close(close) => {
                let why = close.map(|c| c.reason.to_string()).unwrap_or_default();
                return Answer::Failed("ConnectionLost", short(&format!("close frame {why}")));
            }
            _ => continue,
        };
        let Ok(frame) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let frame_id = frame.get("id").and_then(Value::as_str);
        match frame_type(&frame) {
            WS_PING => {
                if let Err(e) = socket.send(Message::text(r#"{"frameType":1}"#)).await {
                    return Answer::Failed("ConnectionLost", short(&format!("write: {e}")));
                }
            }
            WS_DATA if frame_id == Some(id) => {
                return Answer::Stored(frame.get("data").cloned().unwrap_or(Value::Null));
            }
            WS_ERROR => {
                let data = &frame["data"];
                let code = code_name(Code::from_i32(
                    data.get("code").and_then(Value::as_i64).unwrap_or(2) as i32,
                ));
                let reason = str_field(data, "reason");
                match frame_id {
                    Some(frame_id) if frame_id == id => return Answer::Refused { code, reason },
                    Some(_) => {}
                    // An error without an id ends the connection (docs/websocket.md).
                    None => return Answer::Failed("ConnectionLost", format!("{code} {reason}")),
                }
            }
            // Pushes, and late answers of earlier attempts.
            _ => {}
        }
    }
}

fn frame_type(frame: &Value) -> i64 {
    frame
        .get("frameType")
        .and_then(Value::as_i64)
        .unwrap_or(WS_DATA)
}

fn str_field(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn code_name(code: Code) -> String {
    format!("{code:?}")
}

/// The first line of an error text, cut to a length that groups well in the summary.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    line.chars().take(120).collect()
}
