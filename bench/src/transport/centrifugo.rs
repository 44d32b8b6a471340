//! Centrifugo's bidirectional JSON protocol (client protocol v2) over WebSocket, for the peer:
//! `connect`, `subscribe` (with recovery of missed publications), `publish`; pushes of
//! publications; pings from the server answered with an empty reply.
//!
//! Mapping of the workload: every device subscribes to one channel (`u_<user>` for 1:1, the
//! group's channel for fan-out); a message is a publication `{"text": <stamp>}` on the
//! recipient's channel; the publish reply is the ack; the publication's offset is its seq.

use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::{Context, bail};
use futures::{SinkExt, StreamExt};
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::json;
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::{Dest, Session};

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

const OUTBOUND_FRAMES: usize = 256;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
const CONNECT_ID: u64 = 1;
const SUBSCRIBE_ID: u64 = 2;
/// Publish command ids are the message id plus this, clear of the two above.
const PUBLISH_ID_BASE: u64 = 1000;

/// One reply or push; an empty object is a ping.
#[derive(Deserialize)]
struct Reply<'a> {
    #[serde(default)]
    id: u64,
    #[serde(default)]
    error: Option<ReplyError>,
    #[serde(borrow, default)]
    push: Option<Push<'a>>,
    #[serde(default)]
    connect: Option<IgnoredAny>,
    #[serde(borrow, default)]
    subscribe: Option<Subscribed<'a>>,
    #[serde(default)]
    publish: Option<IgnoredAny>,
}

#[derive(Deserialize, Debug)]
struct ReplyError {
    code: u32,
    #[serde(default)]
    message: String,
}

#[derive(Deserialize)]
struct Push<'a> {
    #[serde(borrow, rename = "pub", default)]
    publication: Option<Publication<'a>>,
}

#[derive(Deserialize)]
struct Publication<'a> {
    #[serde(borrow, default)]
    data: Option<PublicationData<'a>>,
    #[serde(default)]
    offset: i64,
}

#[derive(Deserialize)]
struct PublicationData<'a> {
    #[serde(borrow, default)]
    text: Cow<'a, str>,
}

#[derive(Deserialize)]
struct Subscribed<'a> {
    #[serde(default)]
    epoch: String,
    #[serde(default)]
    offset: i64,
    #[serde(borrow, default)]
    publications: Vec<Publication<'a>>,
    #[serde(default)]
    recovered: bool,
}

/// Where a subscription stands, to recover from on the next connection.
#[derive(Debug, Clone, Default)]
pub struct Position {
    pub epoch: String,
    pub offset: i64,
}

/// What the subscription of a new connection brought.
#[derive(Debug, Clone, Default)]
pub struct Subscription {
    pub position: Position,
    pub recovered: bool,
    /// Publications missed since the position asked for, returned by recovery.
    pub recovered_publications: usize,
}

/// One Centrifugo connection with one subscription.
pub struct CentrifugoConn {
    pub session: Arc<Session>,
    pub subscription: Subscription,
    frames: mpsc::Sender<Message>,
    task: tokio::task::JoinHandle<()>,
}

impl CentrifugoConn {
    /// Connects (anonymously: the peer runs with `client.insecure`), subscribes to `channel`,
    /// recovering from `recover_from` when given, and waits for both replies.
    pub async fn open(
        url: &str,
        channel: &str,
        recover_from: Option<&Position>,
        session: Arc<Session>,
    ) -> anyhow::Result<CentrifugoConn> {
        let opened = async {
            let (mut socket, _) = tokio_tungstenite::connect_async(url)
                .await
                .with_context(|| format!("connecting to {url}"))?;
            let mut subscribe = json!({"channel": channel});
            if let Some(position) = recover_from {
                subscribe["recover"] = json!(true);
                subscribe["epoch"] = json!(position.epoch);
                subscribe["offset"] = json!(position.offset);
            }
            let commands = format!(
                "{}\n{}",
                json!({"id": CONNECT_ID, "connect": {"name": "easychat-bench"}}),
                json!({"id": SUBSCRIBE_ID, "subscribe": subscribe}),
            );
            socket.send(Message::text(commands)).await?;
            loop {
                let Some(message) = socket.next().await else {
                    bail!("the socket closed before the subscription");
                };
                let Message::Text(text) = message.context("reading the subscribe reply")? else {
                    continue;
                };
                for line in text.lines().filter(|l| !l.is_empty()) {
                    let reply: Reply<'_> = serde_json::from_str(line)?;
                    if let Some(error) = reply.error {
                        bail!("command {} refused: {error:?}", reply.id);
                    }
                    if let Some(subscribed) = reply.subscribe {
                        let last = subscribed.publications.last().map(|p| p.offset);
                        session.on_synced(
                            subscribed.publications.len(),
                            last.unwrap_or(subscribed.offset),
                            false,
                        );
                        return Ok((
                            socket,
                            Subscription {
                                position: Position {
                                    epoch: subscribed.epoch,
                                    offset: subscribed.offset,
                                },
                                recovered: subscribed.recovered,
                                recovered_publications: subscribed.publications.len(),
                            },
                        ));
                    }
                }
            }
        };
        let (socket, subscription) = tokio::time::timeout(CONNECT_TIMEOUT, opened)
            .await
            .context("no subscribe reply in time")??;
        let meter = session.meter();
        meter.sessions.fetch_add(1, Ordering::Relaxed);
        meter.transports.fetch_add(1, Ordering::Relaxed);
        let (frames, outbound) = mpsc::channel(OUTBOUND_FRAMES);
        let task = tokio::spawn(serve(socket, outbound, session.clone()));
        Ok(CentrifugoConn {
            session,
            subscription,
            frames,
            task,
        })
    }

    pub async fn send(&self, id: u64, dest: &Dest, text: String) -> anyhow::Result<()> {
        let command = json!({
            "id": PUBLISH_ID_BASE + id,
            "publish": {"channel": dest.channel, "data": {"text": text}},
        });
        self.push(Message::text(command.to_string())).await
    }

    /// Centrifugo's heartbeat is server-driven (a ping every 25 s, answered by the reader), so
    /// a client ping is nothing to send.
    pub async fn ping(&self) -> anyhow::Result<()> {
        Ok(())
    }

    async fn push(&self, message: Message) -> anyhow::Result<()> {
        self.frames
            .send(message)
            .await
            .map_err(|_| anyhow::anyhow!("socket of session {} is closed", self.session.index))
    }

    pub async fn close(self) {
        // The connection task closes the socket once its queue is closed and drained.
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
                    let pings = text
                        .lines()
                        .filter(|l| !l.is_empty())
                        .filter(|line| on_line(&session, line))
                        .count();
                    // Each ping wants an empty reply, or the server drops the connection.
                    if pings > 0
                        && let Err(e) = sink.send(Message::text("{}")).await
                    {
                        break format!("pong failed: {e}");
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

/// Handles one reply or push; returns whether it was a ping.
fn on_line(session: &Session, line: &str) -> bool {
    let Ok(reply) = serde_json::from_str::<Reply<'_>>(line) else {
        session.on_end(&format!("unreadable reply: {line}"));
        return false;
    };
    let id = reply.id;
    if let Some(error) = reply.error {
        match id.checked_sub(PUBLISH_ID_BASE) {
            Some(message_id) => session.on_send_error(
                message_id,
                &format!("publish refused: {} {}", error.code, error.message),
            ),
            None => session.on_end(&format!("command {id} refused: {error:?}")),
        }
        return false;
    }
    if let Some(push) = reply.push {
        match push.publication {
            Some(Publication {
                data: Some(data),
                offset,
            }) => session.on_message(offset, &data.text),
            _ => session.on_other_event(),
        }
        return false;
    }
    if reply.publish.is_some() {
        if let Some(message_id) = id.checked_sub(PUBLISH_ID_BASE) {
            session.on_ack(message_id, 0);
        }
        return false;
    }
    id == 0 && reply.connect.is_none() && reply.subscribe.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::meter::Meter;

    #[test]
    fn an_empty_reply_is_a_ping_and_a_publish_reply_an_ack() {
        let session = Session::new(0, Arc::new(Meter::default()), 4);
        assert!(on_line(&session, "{}"));
        assert!(!on_line(&session, r#"{"id":1005,"publish":{}}"#));
        assert_eq!(session.meter().acked.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn a_pushed_publication_is_a_delivery() {
        let session = Session::new(0, Arc::new(Meter::default()), 4);
        let line =
            r#"{"push":{"channel":"u_1","pub":{"data":{"text":"bench:1:9:xx"},"offset":7}}}"#;
        assert!(!on_line(&session, line));
        assert_eq!(session.received.load(Ordering::Relaxed), 1);
        assert_eq!(session.last_seq.load(Ordering::Relaxed), 7);
    }
}
