//! The WebSocket baseline: the gateway's JSON protocol reduced to what the benchmark uses
//! (`session.ready`, `conversation.chat` with its result, `push`, pings), token = user id in
//! `?token=`. A push is serialized once and shared by all its recipients.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use futures::{SinkExt, StreamExt};
use serde::Deserialize;
use serde_json::json;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

use super::{Hub, Route, SESSION_QUEUE};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ClientFrame {
    #[serde(default)]
    frame_type: i64,
    #[serde(default)]
    id: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    data: Option<ChatData>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChatData {
    #[serde(default)]
    chat_type: i64,
    #[serde(default)]
    recv_id: String,
    msg: MsgData,
}

#[derive(Deserialize)]
struct MsgData {
    content: String,
}

/// Serves the baseline on `listener` until `shutdown` completes; connections are owned by the
/// accept loop and end with it.
/// `read_buffer`: bytes of the per-connection read buffer tungstenite allocates up front
/// (its default, 128 KiB, when `None`), to show what the buffers cost an idle connection.
pub async fn serve(
    listener: TcpListener,
    read_buffer: Option<usize>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let hub: Arc<Hub<Message>> = Arc::default();
    let config = read_buffer.map(|bytes| {
        WebSocketConfig::default()
            .read_buffer_size(bytes)
            .write_buffer_size(0)
    });
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => {
                let (stream, _) = accepted?;
                let _ = stream.set_nodelay(true);
                connections.spawn(connection(stream, hub.clone(), config));
            }
            // Reap finished connections so the set does not grow without bound.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.abort_all();
    eprintln!(
        "baseline-ws: {} frames dropped at full queues",
        hub.dropped.load(Ordering::Relaxed)
    );
    Ok(())
}

// The handshake callback's error type is tungstenite's own, large as it is.
#[allow(clippy::result_large_err)]
async fn connection(stream: TcpStream, hub: Arc<Hub<Message>>, config: Option<WebSocketConfig>) {
    let mut token = None;
    let accepted = tokio_tungstenite::accept_hdr_async_with_config(
        stream,
        |request: &Request, response: Response| {
            token = request
                .uri()
                .query()
                .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("token=")))
                .map(str::to_owned);
            Ok(response)
        },
        config,
    )
    .await;
    let (Ok(socket), Some(user)) = (accepted, token) else {
        return;
    };
    let (queue, mut pushes) = mpsc::channel(SESSION_QUEUE);
    let id = hub.join(&user, queue);
    let (mut sink, mut stream) = socket.split();
    let ready = json!({"frameType": 0, "method": "session.ready", "data": {"userId": user, "sessionId": id.to_string()}});
    let mut echo = PingEcho::default();
    if sink.send(Message::text(ready.to_string())).await.is_ok() {
        loop {
            tokio::select! {
                Some(push) = pushes.recv() => {
                    let mut result = sink.feed(push).await;
                    while let (Ok(()), Ok(more)) = (&result, pushes.try_recv()) {
                        result = sink.feed(more).await;
                    }
                    if result.and(sink.flush().await).is_err() {
                        break;
                    }
                }
                received = stream.next() => match received {
                    Some(Ok(Message::Text(text))) => {
                        let answer = answer(&hub, &user, id, &text)
                            .filter(|answer| answer != PING_FRAME || !echo.is_echo());
                        if let Some(answer) = answer
                            && sink.send(Message::text(answer)).await.is_err()
                        {
                            break;
                        }
                    }
                    Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                    Some(Ok(_)) => {}
                },
            }
        }
    }
    hub.leave(&user, id);
}

const PING_FRAME: &str = r#"{"frameType":1}"#;

/// The gateway's rule against endless ping exchanges (ping and pong are one frame): a client
/// ping within 2 s of the last ping answered is taken as the client's answer to it, so the
/// baseline pays for the same keep-alive traffic as EasyChat and no more.
#[derive(Default)]
struct PingEcho {
    last_answered: Option<Instant>,
}

impl PingEcho {
    /// Whether a client ping now echoes our last answer; if not, it is answered now.
    fn is_echo(&mut self) -> bool {
        let now = Instant::now();
        if self
            .last_answered
            .is_some_and(|sent| now < sent + Duration::from_secs(2))
        {
            return true;
        }
        self.last_answered = Some(now);
        false
    }
}

/// The reply to one client frame, after pushing a message to its recipients.
fn answer(hub: &Hub<Message>, user: &str, session: u64, text: &str) -> Option<String> {
    let frame: ClientFrame = serde_json::from_str(text).ok()?;
    match (frame.frame_type, frame.method.as_str(), frame.data) {
        (1, _, _) => Some(PING_FRAME.to_owned()),
        (0, "conversation.chat", Some(data)) => {
            let seq = hub.next_seq();
            let (route, conversation_id) = match data.chat_type {
                1 => (Route::EveryoneElse, format!("g_{}", data.recv_id)),
                _ => (
                    Route::User(&data.recv_id),
                    format!("s_{user}_{}", data.recv_id),
                ),
            };
            let push = json!({
                "frameType": 0,
                "method": "push",
                "data": {
                    "contentType": "chat",
                    "msgId": frame.id,
                    "conversationId": conversation_id,
                    "chatType": data.chat_type,
                    "sendId": user,
                    "recvId": data.recv_id,
                    "seq": seq,
                    "mType": 0,
                    "content": data.msg.content,
                },
            });
            hub.deliver(route, session, &Message::text(push.to_string()));
            let result = json!({
                "frameType": 0,
                "id": frame.id,
                "method": "conversation.chat",
                "data": {"msgId": frame.id, "conversationId": conversation_id, "seq": seq, "duplicate": false},
            });
            Some(result.to_string())
        }
        _ => None,
    }
}
