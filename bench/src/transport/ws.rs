//! The gateway's JSON protocol over WebSocket (docs/websocket.md), as old clients speak it:
//! `{frameType, id, method, data}` text frames, the token in `?token=`. The WebSocket baseline
//! speaks the same subset, so one client drives both.

use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::{Context, bail};
use futures::{SinkExt, StreamExt};
use serde::Deserialize;
use serde_json::json;
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::{Dest, Session, client_msg_id, id_of};

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Frames queued towards one socket before `send` waits.
const OUTBOUND_FRAMES: usize = 256;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// Frame types and methods of the protocol (gateway/src/frame.rs).
const DATA: i64 = 0;
const PING: i64 = 1;
const ERROR: i64 = 9;
const CHAT: &str = "conversation.chat";
const PUSH: &str = "push";
const READY: &str = "session.ready";
const PING_FRAME: &str = r#"{"frameType":1}"#;
/// The gateway's `chatType` numbers: 1 = group, 2 = single.
const CHAT_TYPE_GROUP: i64 = 1;
const CHAT_TYPE_SINGLE: i64 = 2;

/// A server frame, borrowing from the text it was read from.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Frame<'a> {
    #[serde(default)]
    frame_type: i64,
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    method: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    data: Option<Data<'a>>,
}

/// The fields of a result or push the benchmark reads; the rest is skipped.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data<'a> {
    #[serde(borrow, default)]
    content_type: Option<Cow<'a, str>>,
    #[serde(default)]
    seq: i64,
    #[serde(borrow, default)]
    content: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    reason: Option<Cow<'a, str>>,
    #[serde(default)]
    duplicate: bool,
}

/// The `/ws` URL of `base` with the token in its query.
pub fn url_with_token(base: &str, token: &str) -> String {
    let separator = if base.contains('?') { '&' } else { '?' };
    format!("{base}{separator}token={token}")
}

/// One WebSocket connection.
pub struct WsConn {
    pub session: Arc<Session>,
    frames: mpsc::Sender<Message>,
    task: tokio::task::JoinHandle<()>,
    run: Arc<str>,
}

impl WsConn {
    /// Connects as the token's user and waits for `session.ready`.
    pub async fn open(
        base_url: &str,
        token: &str,
        session: Arc<Session>,
        run: Arc<str>,
    ) -> anyhow::Result<WsConn> {
        let url = url_with_token(base_url, token);
        let opened = async {
            let (mut socket, _) = tokio_tungstenite::connect_async(url.as_str())
                .await
                .with_context(|| format!("connecting to {base_url}"))?;
            loop {
                let Some(message) = socket.next().await else {
                    bail!("the socket closed before session.ready");
                };
                if let Message::Text(text) = message.context("reading session.ready")? {
                    let frame: Frame<'_> = serde_json::from_str(&text)?;
                    match (frame.frame_type, frame.method.as_deref()) {
                        (DATA, Some(READY)) => return Ok(socket),
                        (ERROR, _) => bail!("refused: {text}"),
                        _ => {}
                    }
                }
            }
        };
        let socket = tokio::time::timeout(CONNECT_TIMEOUT, opened)
            .await
            .context("no session.ready in time")??;
        let meter = session.meter();
        meter.sessions.fetch_add(1, Ordering::Relaxed);
        meter.transports.fetch_add(1, Ordering::Relaxed);
        let (frames, outbound) = mpsc::channel(OUTBOUND_FRAMES);
        let task = tokio::spawn(serve(socket, outbound, session.clone()));
        Ok(WsConn {
            session,
            frames,
            task,
            run,
        })
    }

    pub async fn send(&self, id: u64, dest: &Dest, text: String) -> anyhow::Result<()> {
        let chat_type = if dest.group {
            CHAT_TYPE_GROUP
        } else {
            CHAT_TYPE_SINGLE
        };
        let frame = json!({
            "frameType": DATA,
            "id": client_msg_id(&self.run, self.session.uid, id),
            "method": CHAT,
            "data": {"chatType": chat_type, "recvId": dest.recv_id, "msg": {"mType": 0, "content": text}},
        });
        self.push(Message::text(frame.to_string())).await
    }

    pub async fn ping(&self) -> anyhow::Result<()> {
        self.push(Message::text(PING_FRAME)).await
    }

    async fn push(&self, message: Message) -> anyhow::Result<()> {
        self.frames
            .send(message)
            .await
            .map_err(|_| anyhow::anyhow!("socket of session {} is closed", self.session.index))
    }

    pub async fn close(self) {
        // The connection task sends a close frame once its queue is closed and drained.
        drop(self.frames);
        let mut task = self.task;
        if tokio::time::timeout(Duration::from_secs(5), &mut task)
            .await
            .is_err()
        {
            task.abort();
        }
    }
}

/// The connection's one task: writes queued frames (flushing once per batch) and reads frames
/// into the session, until either side closes.
async fn serve(socket: Socket, mut outbound: mpsc::Receiver<Message>, session: Arc<Session>) {
    let (mut sink, mut stream) = socket.split();
    let why = loop {
        tokio::select! {
            queued = outbound.recv() => match queued {
                Some(message) => {
                    let mut result = sink.feed(message).await;
                    while let (Ok(()), Ok(more)) = (&result, outbound.try_recv()) {
                        result = sink.feed(more).await;
                    }
                    if let Err(e) = result.and(sink.flush().await) {
                        break format!("write failed: {e}");
                    }
                }
                None => {
                    let _ = sink.send(Message::Close(None)).await;
                    break "closed by the bench".to_owned();
                }
            },
            received = stream.next() => match received {
                Some(Ok(Message::Text(text))) => {
                    // The gateway pings a silent client and closes it if it stays silent.
                    if on_text(&session, &text)
                        && let Err(e) = sink.send(Message::text(PING_FRAME)).await
                    {
                        break format!("ping answer failed: {e}");
                    }
                }
                Some(Ok(Message::Close(close))) => break format!("closed by the server: {close:?}"),
                Some(Ok(_)) => {}
                Some(Err(e)) => break format!("read failed: {e}"),
                None => break "the server closed the connection".to_owned(),
            },
        }
    };
    let meter = session.meter();
    meter.sessions.fetch_sub(1, Ordering::Relaxed);
    meter.transports.fetch_sub(1, Ordering::Relaxed);
    session.on_end(&why);
}

/// Handles one server frame; returns whether it was a ping that wants an answer.
fn on_text(session: &Session, text: &str) -> bool {
    let Ok(frame) = serde_json::from_str::<Frame<'_>>(text) else {
        session.on_end(&format!("unreadable frame: {text}"));
        return false;
    };
    match (frame.frame_type, frame.method.as_deref()) {
        (PING, _) => return true,
        (DATA, Some(PUSH)) => match frame.data {
            Some(Data {
                content_type: Some(kind),
                seq,
                content,
                ..
            }) if kind == "chat" => session.on_message(seq, content.as_deref().unwrap_or("")),
            _ => session.on_other_event(),
        },
        (DATA, Some(CHAT)) => {
            let Some(id) = frame.id.as_deref().and_then(id_of) else {
                return false;
            };
            match frame.data {
                Some(data) if data.duplicate => session.on_duplicate(id),
                data => session.on_ack(id, data.map(|d| d.seq).unwrap_or_default()),
            }
        }
        (ERROR, _) => {
            let reason = frame.data.and_then(|d| d.reason).unwrap_or_default();
            match frame.id.as_deref().and_then(id_of) {
                Some(id) => session.on_send_error(id, &format!("error frame: {reason}")),
                None => session.on_end(&format!("error frame: {text}")),
            }
        }
        _ => {}
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_goes_in_the_query() {
        assert_eq!(url_with_token("ws://h/ws", "t"), "ws://h/ws?token=t");
        assert_eq!(
            url_with_token("ws://h/ws?x=1", "t"),
            "ws://h/ws?x=1&token=t"
        );
    }

    #[test]
    fn pushes_skip_unknown_fields() {
        let text = r#"{"frameType":0,"method":"push","data":{"contentType":"chat","msgId":"m","seq":4,"content":"hi","extra":null}}"#;
        let frame: Frame<'_> = serde_json::from_str(text).expect("frame");
        let data = frame.data.expect("data");
        assert_eq!(data.seq, 4);
        assert_eq!(data.content.as_deref(), Some("hi"));
    }
}
