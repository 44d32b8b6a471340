//! The write half of a client socket, behind a bounded queue. The session loop never waits on a
//! client's socket: it queues without blocking, and a full queue means the client reads too
//! slowly, which ends the connection instead of growing memory.
//!
//! Ending goes through `Outbox::close`: after the queued frames when there is room (so a final
//! result is not lost), else at once through a side channel the writer watches first.

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket};
use bytes::Bytes;
use futures::stream::SplitSink;
use futures::{FutureExt, SinkExt};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

use crate::error::{ClientError, SocketViolation};
use crate::frame::ServerFrame;

/// WebSocket close codes (RFC 6455 §7.4.1).
pub mod close_code {
    pub const NORMAL: u16 = 1000;
    pub const GOING_AWAY: u16 = 1001;
    pub const PROTOCOL_ERROR: u16 = 1002;
    pub const INVALID_PAYLOAD: u16 = 1007;
    pub const POLICY: u16 = 1008;
    pub const MESSAGE_TOO_BIG: u16 = 1009;
    pub const INTERNAL: u16 = 1011;
    pub const TRY_AGAIN_LATER: u16 = 1013;
}

/// How a connection ends: an optional last error frame, then a close frame.
#[derive(Debug)]
pub struct Closing {
    pub error: Option<ServerFrame>,
    pub code: u16,
    pub reason: String,
}

impl Closing {
    /// A close without an error frame.
    pub fn normal() -> Closing {
        Closing {
            error: None,
            code: close_code::NORMAL,
            reason: String::new(),
        }
    }

    /// An error frame telling why, then a close frame with a fitting code.
    pub fn with_error(error: &ClientError) -> Closing {
        let code = match error {
            ClientError::ShuttingDown => close_code::GOING_AWAY,
            ClientError::HeartbeatTimeout(_) => close_code::NORMAL,
            ClientError::SlowConsumer => close_code::POLICY,
            ClientError::SocketViolation(SocketViolation::TooBig) => close_code::MESSAGE_TOO_BIG,
            ClientError::SocketViolation(SocketViolation::InvalidUtf8) => {
                close_code::INVALID_PAYLOAD
            }
            ClientError::SocketViolation(SocketViolation::Protocol) => close_code::PROTOCOL_ERROR,
            _ if error.is_unauthenticated() => close_code::POLICY,
            _ if error.code() == tonic::Code::Unavailable as i32
                || error.code() == tonic::Code::ResourceExhausted as i32 =>
            {
                close_code::TRY_AGAIN_LATER
            }
            _ => close_code::INTERNAL,
        };
        Closing {
            error: Some(ServerFrame::error(None, error)),
            code,
            // The reason is stable and short; close frames allow 123 bytes of it.
            reason: error.reason().chars().take(64).collect(),
        }
    }
}

enum Outbound {
    Frame(Utf8Bytes),
    Close(Box<Closing>),
}

/// A queue entry. Boxed: the queue is allocated 32 entries at a time and keeps up to two such
/// blocks, which at an entry's full size were a tenth of an idle connection's memory.
type Entry = Box<Outbound>;

/// Why a frame could not be queued.
#[derive(Debug)]
pub enum QueueError {
    /// The queue is full: the client reads too slowly.
    Full,
    /// The writer is gone: the socket failed.
    Gone,
}

/// The session's side of the writer.
pub struct Outbox {
    frames: mpsc::Sender<Entry>,
    urgent: Option<oneshot::Sender<Closing>>,
}

impl Outbox {
    /// Queues a frame without waiting.
    pub fn send(&self, frame: &ServerFrame) -> Result<(), QueueError> {
        self.queue(Utf8Bytes::from(frame.to_text()))
    }

    /// Queues a frame's text shared with other connections (a pushed event's).
    pub fn send_shared(&self, text: Bytes) -> Result<(), QueueError> {
        match Utf8Bytes::try_from(text) {
            Ok(text) => self.queue(text),
            // It came from `ServerFrame::to_text`, which makes only UTF-8.
            Err(e) => {
                tracing::error!(error = %e, "a shared push frame is not UTF-8; not sent");
                Ok(())
            }
        }
    }

    fn queue(&self, text: Utf8Bytes) -> Result<(), QueueError> {
        self.frames
            .try_send(Box::new(Outbound::Frame(text)))
            .map_err(|e| match e {
                mpsc::error::TrySendError::Full(_) => QueueError::Full,
                mpsc::error::TrySendError::Closed(_) => QueueError::Gone,
            })
    }

    /// Ends the connection after the queued frames, or at once when the queue is full.
    pub fn close(&mut self, closing: Closing) {
        match self
            .frames
            .try_send(Box::new(Outbound::Close(Box::new(closing))))
        {
            Ok(()) | Err(mpsc::error::TrySendError::Closed(_)) => {}
            Err(mpsc::error::TrySendError::Full(entry)) => {
                if let (Outbound::Close(closing), Some(urgent)) = (*entry, self.urgent.take()) {
                    let _ = urgent.send(*closing);
                }
            }
        }
    }
}

/// The writer's side of the queue.
pub struct Queued {
    frames: mpsc::Receiver<Entry>,
    urgent: oneshot::Receiver<Closing>,
}

/// A queue of `queue` frames towards one client.
pub fn outbox(queue: usize) -> (Outbox, Queued) {
    let (frames, queued) = mpsc::channel(queue);
    let (urgent, urgent_rx) = oneshot::channel();
    let outbox = Outbox {
        frames,
        urgent: Some(urgent),
    };
    (
        outbox,
        Queued {
            frames: queued,
            urgent: urgent_rx,
        },
    )
}

/// Frames gathered into one write at most; the urgent close is looked at between gatherings.
const MAX_GATHERED: usize = 64;

/// Writes the queued frames to `sink` until a close, a failed write or the outbox's end. The
/// frames queued at the same moment go out together (one flush, few system calls, instead of
/// one write per frame), within the socket's write buffer size.
///
/// An async block over the moved values rather than an async fn: every idle connection keeps
/// this future, and an async fn's state keeps its parameters beside the copies it works on.
pub fn write(
    mut sink: SplitSink<WebSocket, Message>,
    queued: Queued,
    write_timeout: Duration,
) -> impl Future<Output = ()> + Send {
    let Queued {
        frames: mut queued,
        mut urgent,
    } = queued;
    let mut urgent_open = true;
    async move {
        loop {
            let next = tokio::select! {
                biased;
                closing = &mut urgent, if urgent_open => match closing {
                    Ok(closing) => Outbound::Close(Box::new(closing)),
                    // The session ended without an urgent close; keep draining the queue.
                    Err(_) => {
                        urgent_open = false;
                        continue;
                    }
                },
                next = queued.recv() => match next {
                    Some(next) => *next,
                    None => break,
                },
            };
            // One timeout for the whole gathering and its flush, not one per frame: each is a
            // clock read and a timer entry, and a gathering is written at once or not at all.
            let gathered = timed(write_timeout, async {
                let mut next = Some(next);
                let mut gathered = 0;
                while let Some(outbound) = next.take() {
                    match outbound {
                        Outbound::Frame(text) => sink.feed(Message::Text(text)).await?,
                        Outbound::Close(close) => {
                            sink.flush().await?;
                            return Ok(Some(close));
                        }
                    }
                    gathered += 1;
                    if gathered < MAX_GATHERED {
                        next = queued.try_recv().ok().map(|entry| *entry);
                    }
                }
                sink.flush().await?;
                Ok(None)
            })
            .await;
            let Some(closing) = gathered else {
                return;
            };
            if let Some(closing) = closing {
                // Boxed: once per connection, and inline it would enlarge every idle one's task.
                Box::pin(close(&mut sink, *closing, write_timeout)).await;
                return;
            }
        }
    }
}

/// An error frame if there is one, then the close frame.
async fn close(
    sink: &mut SplitSink<WebSocket, Message>,
    closing: Closing,
    write_timeout: Duration,
) {
    if let Some(error) = closing.error {
        // "If possible": a stuck client does not get it, and that is fine.
        send(sink, Message::Text(error.to_text().into()), write_timeout).await;
    }
    let frame = CloseFrame {
        code: closing.code,
        reason: closing.reason.into(),
    };
    send(sink, Message::Close(Some(frame)), write_timeout).await;
}

/// One write with a timeout, so a client that stopped reading cannot hold the writer forever.
async fn send(
    sink: &mut SplitSink<WebSocket, Message>,
    message: Message,
    write_timeout: Duration,
) -> bool {
    timed(write_timeout, sink.send(message)).await.is_some()
}

/// `io` within `write_timeout`; its result, or None when it failed or timed out. A combinator,
/// not an async fn, which would hold `io` twice (as its parameter and inside the timeout).
fn timed<T>(
    write_timeout: Duration,
    io: impl Future<Output = Result<T, axum::Error>>,
) -> impl Future<Output = Option<T>> {
    tokio::time::timeout(write_timeout, io).map(|outcome| match outcome {
        Ok(Ok(result)) => Some(result),
        Ok(Err(e)) => {
            tracing::debug!(error = %e, "writing to the client failed");
            None
        }
        Err(_) => {
            tracing::debug!("writing to the client timed out");
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> ServerFrame {
        ServerFrame::ping()
    }

    #[test]
    fn a_full_queue_means_a_slow_client() {
        let (outbox, _queued) = outbox(2);
        outbox.send(&frame()).expect("room");
        outbox.send(&frame()).expect("room");
        assert!(matches!(outbox.send(&frame()), Err(QueueError::Full)));
    }

    #[test]
    fn a_close_follows_the_queued_frames_when_there_is_room() {
        let (mut outbox, mut queued) = outbox(4);
        outbox.send(&frame()).expect("room");
        outbox.close(Closing::normal());
        assert!(matches!(
            queued.frames.try_recv().as_deref(),
            Ok(Outbound::Frame(_))
        ));
        assert!(matches!(
            queued.frames.try_recv().as_deref(),
            Ok(Outbound::Close(_))
        ));
    }

    #[test]
    fn a_close_overtakes_a_full_queue() {
        let (mut outbox, mut queued) = outbox(1);
        outbox.send(&frame()).expect("room");
        outbox.close(Closing::with_error(&ClientError::SlowConsumer));
        let closing = queued.urgent.try_recv().expect("an urgent close");
        assert_eq!(closing.code, close_code::POLICY);
        assert!(closing.error.is_some());
    }

    #[test]
    fn an_outbox_without_a_writer_reports_it_gone() {
        let (outbox, queued) = outbox(1);
        drop(queued);
        assert!(matches!(outbox.send(&frame()), Err(QueueError::Gone)));
    }
}
