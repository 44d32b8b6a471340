//! One WebSocket connection, bridged to one upstream Chat stream.
//!
//! The connection's life: open the upstream session with the token (or end with an error frame
//! and a close frame), tell the client `session.ready`, then one loop that reacts to whichever
//! comes first: a client frame, an upstream frame, a finished unary call, a timer (idle ping,
//! heartbeat timeout, ack re-send) or shutdown. The loop never waits on the client's socket
//! (see `writer`) nor on unary calls (they run in the session's own `JoinSet`), so one slow
//! thing cannot stall the others.
//!
//! When the upstream server goes away (crashed, stopped, cut off), the connection moves: a Chat
//! stream is opened on another upstream with the same token, the messages the client missed
//! meanwhile are pushed to it (`catch_up`), and the requests the lost server had not answered
//! are sent again (`unanswered`); pushes the client already has are dropped (`delivered`). The
//! client sees no break, only a pause of at most `failover_timeout_secs` (`failover`).

use axum::extract::ws::{Message, WebSocket};
use easychat_proto::im::v1::{self as im, ChatRequest, ChatResponse, chat_request, chat_response};
use futures::stream::SplitStream;
use futures::{FutureExt, StreamExt};
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::Instant;
use tracing::Instrument;

use crate::acks::PendingAcks;
use crate::calls::{self, Outcome};
use crate::catch_up;
use crate::config::{AckMode, GatewayConfig};
use crate::delivered::Delivered;
use crate::error::{ClientError, SocketViolation};
use crate::frame::{self, ServerFrame, frame_type, method};
use crate::in_process::{ChatResponses, UpstreamFrame};
use crate::pool::StreamSlot;
use crate::push;
use crate::request::{self, Action};
use crate::shared::Shared;
use crate::unanswered::Unanswered;
use crate::upstream::{Calls, RequestQueue, UpstreamSession};
use crate::writer::{self, Closing, Outbox, QueueError};

mod failover;

/// Frames taken from the upstream stream in one turn of a connection's loop.
const UPSTREAM_FRAMES_PER_TURN: usize = 32;

/// A client ping arriving this soon after a ping of ours is taken as the client's answer to it
/// and not answered. The protocol has one frame for ping and pong, so a client that answers
/// every ping and also pings on its own (old clients and the benchmark do both) would otherwise
/// ping-pong with the gateway without end; at 1,000 such sockets the exchange took the whole
/// bridge (BENCHMARKS.md, session 18). Legitimate keep-alive pings come seconds apart.
const PING_ECHO_WINDOW: Duration = Duration::from_secs(2);

/// Runs a connection to its end, holding `guard` until then. `token` is None when the request
/// carried none.
///
/// Every idle connection keeps this future, so it is built to hold each value once: the socket
/// is split before the future is made (a socket moved into an async fn stays in its state for
/// the whole connection, a third of a KB), and the writer and the session are joined by a
/// combinator rather than inside an async fn, whose parameters would stay beside the copies
/// moved into them.
pub fn run(
    socket: WebSocket,
    token: Option<String>,
    shared: Arc<Shared>,
    guard: impl Send + 'static,
) -> impl Future<Output = ()> + Send + 'static {
    let (sink, stream) = socket.split();
    let config = &shared.config;
    let (outbox, queued) = writer::outbox(config.queue());
    let write = writer::write(sink, queued, config.write_timeout());
    let session = converse(stream, token, shared, outbox);
    futures::future::join(write, session).map(move |_| drop(guard))
}

/// The session's side of a connection: the bridge, then the close and a linger.
#[expect(
    clippy::manual_async_fn,
    reason = "an async fn would keep its parameters beside the copies it moves on (see `run`)"
)]
fn converse(
    mut stream: SplitStream<WebSocket>,
    token: Option<String>,
    shared: Arc<Shared>,
    mut outbox: Outbox,
) -> impl Future<Output = ()> + Send {
    async move {
        let end = bridge(&mut stream, token, &shared, &outbox).await;
        let client_left = matches!(end, End::ClientLeft);
        outbox.close(match end {
            End::ClientLeft => Closing::normal(),
            End::Close(closing) => *closing,
        });
        drop(outbox);
        if !client_left {
            linger(&mut stream, &shared.config).await;
        }
    }
}

/// How the loop ended.
enum End {
    /// The client closed or the socket failed: nothing more to tell it.
    ClientLeft,
    /// The gateway ends the connection.
    /// Boxed: a session's every turn returns `Result<(), End>`, and the error frame inside
    /// makes a `Closing` large.
    Close(Box<Closing>),
}

impl End {
    fn error(error: ClientError) -> End {
        End::Close(Box::new(Closing::with_error(&error)))
    }
}

impl From<QueueError> for End {
    fn from(error: QueueError) -> End {
        match error {
            QueueError::Full => End::error(ClientError::SlowConsumer),
            QueueError::Gone => End::ClientLeft,
        }
    }
}

/// After the close frame, reads until the client's close (or a bound): closing a socket with
/// unread input makes the kernel reset it, and a reset can destroy the close frame in flight.
/// After a protocol violation the socket can no longer be read (the rest of the offending
/// message stays unread), so it is held a moment, unread, for the close frame to get there first.
async fn linger(stream: &mut SplitStream<WebSocket>, config: &GatewayConfig) {
    const HOLD_UNREADABLE: Duration = Duration::from_millis(500);
    let _ = tokio::time::timeout(config.write_timeout(), async {
        loop {
            match stream.next().await {
                Some(Ok(Message::Close(_))) => break,
                Some(Ok(_)) => {}
                Some(Err(_)) | None => {
                    tokio::time::sleep(HOLD_UNREADABLE).await;
                    break;
                }
            }
        }
    })
    .await;
}

async fn bridge(
    stream: &mut SplitStream<WebSocket>,
    token: Option<String>,
    shared: &Shared,
    outbox: &Outbox,
) -> End {
    // Opened in a future of its own, finished before the session runs: what opening keeps
    // (the open call, the ready frame) is then not kept beside the session for its whole life.
    let (mut session, span) = match open(token, shared, outbox).await {
        Ok(opened) => opened,
        Err(end) => return end,
    };
    session.run(stream).instrument(span).await
}

/// Opens the connection's upstream stream and tells the client it is ready.
async fn open<'a>(
    token: Option<String>,
    shared: &'a Shared,
    outbox: &'a Outbox,
) -> Result<(Session<'a>, tracing::Span), End> {
    let Some(token) = token else {
        return Err(End::error(ClientError::TokenMissing));
    };
    let began_ms = catch_up::now_millis();
    let opened = tokio::select! {
        // Boxed: inline, opening would add its size to every idle connection's task.
        opened = Box::pin(shared.upstreams.open(&token, None)) => opened,
        () = shared.shutdown.cancelled() => return Err(End::error(ClientError::ShuttingDown)),
    };
    let upstream = match opened {
        Ok(upstream) => upstream,
        Err(error) => {
            tracing::debug!(error = %error, "refusing a WebSocket connection");
            return Err(End::error(error));
        }
    };
    let span = tracing::info_span!(
        "ws_session",
        user_id = %upstream.user_id,
        session_id = %upstream.session_id
    );
    let ready = ServerFrame::data(
        None,
        method::READY,
        &serde_json::json!({"userId": upstream.user_id, "sessionId": upstream.session_id}),
    );
    outbox.send(&ready)?;
    Ok((
        Session::new(shared, token, began_ms, outbox, upstream),
        span,
    ))
}

impl Session<'_> {
    /// By reference, not by value: a future keeps an argument moved into it twice, and the
    /// session is a large part of every connection's task.
    async fn run(&mut self, stream: &mut SplitStream<WebSocket>) -> End {
        tracing::info!("WebSocket session started");
        // Made once, not per turn: a fresh `cancelled()` joins (and a fresh `sleep` re-arms)
        // a shared waiter list under a lock, and a busy connection takes a turn per frame.
        let shutdown = self.shared.shutdown.cancelled();
        tokio::pin!(shutdown);
        let timer = tokio::time::sleep_until(self.next_deadline());
        tokio::pin!(timer);
        let end = loop {
            let deadline = self.next_deadline();
            if timer.deadline() != deadline {
                timer.as_mut().reset(deadline);
            }
            // Nothing is awaited inside the `select!`: an await there would keep the turn's
            // frames (half a KB each) in every idle connection's task, as they were until the
            // idle WebSocket profile of session 18.
            let next = tokio::select! {
                () = &mut shutdown => Err(End::error(ClientError::ShuttingDown)),
                message = stream.next() => match message {
                    Some(Ok(message)) => self.on_client(message).map(|()| Next::Continue),
                    Some(Err(error)) => Err(match SocketViolation::of(&error) {
                        Some(violation) => End::error(ClientError::SocketViolation(violation)),
                        None => End::ClientLeft,
                    }),
                    None => Err(End::ClientLeft),
                },
                response = self.upstream.responses.next() => match response {
                    Some(Ok(response)) => self.on_upstream_ready(response),
                    Some(Err(status)) => Ok(Next::UpstreamEnded(Some(status))),
                    None => Ok(Next::UpstreamEnded(None)),
                },
                Some(done) = self.calls_in_flight.join_next() => {
                    self.on_call_done(done).map(|()| Next::Continue)
                }
                () = &mut timer => self.on_timer(Instant::now()).map(|()| Next::Continue),
            };
            let turn = match next {
                Ok(Next::Continue) => Ok(()),
                // Boxed: moving to another upstream is rare, and inline it would make every
                // connection's task larger by the size of opening a stream.
                Ok(Next::UpstreamEnded(status)) => Box::pin(self.on_upstream_end(status)).await,
                Err(end) => Err(end),
            };
            if let Err(end) = turn {
                break end;
            }
        };
        tracing::info!("WebSocket session ended");
        end
    }
}

/// State of a bridged connection.
struct Session<'a> {
    shared: &'a Shared,
    config: &'a GatewayConfig,
    /// The client's token, to open a Chat stream on another upstream.
    token: String,
    /// When the session began (ms since the epoch): a catch-up looks at messages since.
    began_ms: i64,
    user_id: String,
    outbox: &'a Outbox,
    upstream: Upstream,
    calls_in_flight: JoinSet<Outcome>,
    acks: PendingAcks,
    /// Failover is on (`failover_timeout_secs` > 0) and the session is on a server of its own,
    /// not the one this gateway runs in (whose end is the gateway's too): only then are
    /// `unanswered` and `delivered` kept, a copy and a record per message that nothing else
    /// needs.
    failover: bool,
    /// Requests the upstream has not answered yet, to send again after a failover.
    unanswered: Unanswered,
    /// Messages the client got, to catch up after a failover without showing one twice.
    delivered: Delivered,
    last_activity: Instant,
    /// When the gateway last sent the upstream stream a frame, for its keep-alive pings.
    last_upstream: Instant,
    /// An idle ping was sent since the client's last frame.
    pinged: bool,
    /// The idle ping is unanswered: if the client's next frame is a ping, it answers ours and
    /// is not answered again (later echoes are caught by `PING_ECHO_WINDOW`).
    probe_outstanding: bool,
    /// When the gateway last sent the client a ping (the idle probe or an answer): a client
    /// ping within `PING_ECHO_WINDOW` of it is an echo, not a question.
    last_ping_sent: Option<Instant>,
}

/// The Chat stream the connection is bridged to.
struct Upstream {
    /// Its URI, avoided when the connection has to move.
    uri: String,
    requests: RequestQueue,
    responses: ChatResponses,
    calls: Calls,
    /// Held until the stream is replaced or ends: its place on the shared upstream connection.
    _slot: Option<StreamSlot>,
}

impl From<UpstreamSession> for Upstream {
    fn from(session: UpstreamSession) -> Upstream {
        Upstream {
            uri: session.upstream,
            requests: session.requests,
            responses: session.responses,
            calls: session.calls,
            _slot: session.slot,
        }
    }
}

type Turn = Result<(), End>;

/// What the connection's loop does after a turn.
enum Next {
    Continue,
    /// The upstream stream ended (with this status, if any): move the session, or end it.
    UpstreamEnded(Option<tonic::Status>),
}

impl<'a> Session<'a> {
    fn new(
        shared: &'a Shared,
        token: String,
        began_ms: i64,
        outbox: &'a Outbox,
        upstream: UpstreamSession,
    ) -> Session<'a> {
        let config = &shared.config;
        let failover = config.failover_timeout().is_some() && !upstream.in_process;
        Session {
            shared,
            config,
            token,
            began_ms,
            user_id: upstream.user_id.clone(),
            outbox,
            upstream: Upstream::from(upstream),
            calls_in_flight: JoinSet::new(),
            acks: PendingAcks::new(
                config.ack_resend(),
                config.ack_give_up(),
                config.max_pending_acks,
            ),
            failover,
            unanswered: Unanswered::new(config.queue()),
            delivered: Delivered::default(),
            last_activity: Instant::now(),
            last_upstream: Instant::now(),
            pinged: false,
            probe_outstanding: false,
            last_ping_sent: None,
        }
    }

    fn send(&self, frame: &ServerFrame) -> Turn {
        self.outbox.send(frame).map_err(End::from)
    }

    fn reply_error(&self, id: Option<String>, error: ClientError) -> Turn {
        self.send(&ServerFrame::error(id, &error))
    }

    fn on_client(&mut self, message: Message) -> Turn {
        // Any frame, a WebSocket-level ping included, shows the client is alive.
        self.last_activity = Instant::now();
        self.pinged = false;
        match message {
            Message::Text(text) => self.on_text(text.as_str()),
            Message::Binary(_) => {
                self.probe_outstanding = false;
                self.reply_error(None, ClientError::BinaryFrame)
            }
            Message::Ping(_) | Message::Pong(_) => Ok(()),
            Message::Close(_) => Err(End::ClientLeft),
        }
    }

    fn on_text(&mut self, text: &str) -> Turn {
        let probe_outstanding = std::mem::take(&mut self.probe_outstanding);
        if text.len() > self.config.max_frame_bytes {
            return self.reply_error(
                None,
                ClientError::FrameTooLarge {
                    size: text.len(),
                    limit: self.config.max_frame_bytes,
                },
            );
        }
        let frame = match frame::parse(text) {
            Ok(frame) => frame,
            Err(bad) => return self.reply_error(bad.id, bad.error),
        };
        match frame.frame_type {
            frame_type::PING => self.on_client_ping(probe_outstanding),
            frame_type::ACK => {
                if let Some(id) = frame.id {
                    self.acks.confirm(&id);
                }
                Ok(())
            }
            frame_type::DATA | frame_type::NO_ACK => {
                let id = frame.id.unwrap_or_default();
                if frame.frame_type == frame_type::DATA {
                    self.ack(&id)?;
                }
                self.on_data(id, frame.method.unwrap_or_default(), frame.data)
            }
            // An error report from a client needs no answer; answering could loop.
            frame_type::ERROR => Ok(()),
            other => self.reply_error(frame.id, ClientError::UnknownFrameType(other)),
        }
    }

    /// Acks a data frame before it is processed, as the ack mode asks.
    fn ack(&mut self, id: &str) -> Turn {
        if id.is_empty() {
            return Ok(());
        }
        match self.config.ack_mode {
            AckMode::None => Ok(()),
            AckMode::OnlyAck => self.send(&ServerFrame::ack(id, 1)),
            AckMode::Rigorous => {
                self.acks.track(id, Instant::now());
                self.send(&ServerFrame::ack(id, 1))
            }
        }
    }

    fn on_data(&mut self, id: String, method: String, data: Option<serde_json::Value>) -> Turn {
        let action = match request::decode(&method, &id, data, &self.user_id) {
            Ok(action) => action,
            Err(error) => return self.reply_error(Some(id), error),
        };
        match action {
            Action::Upstream(request) => self.forward(request),
            Action::MarkByMessages {
                request_id,
                conversation_id,
                message_ids,
            } => self.spawn_call(
                id,
                calls::mark_by_messages(
                    self.upstream.calls.clone(),
                    request_id,
                    conversation_id,
                    message_ids,
                ),
            ),
            Action::OnlineFriends => self.spawn_call(
                id.clone(),
                calls::online_friends(self.upstream.calls.clone(), id),
            ),
            Action::Search(search) => self.spawn_call(
                id.clone(),
                calls::search(self.upstream.calls.clone(), id, search),
            ),
        }
    }

    /// Sends a frame to the Chat stream without waiting: a full queue means upstream is not
    /// reading, and the client hears so rather than the loop stalling.
    fn forward(&mut self, request: ChatRequest) -> Turn {
        let tracked = if self.failover {
            let Ok(tracked) = self.unanswered.track(&request) else {
                return self.reply_error(Some(request.request_id), ClientError::UpstreamBusy);
            };
            tracked
        } else {
            false
        };
        match self.upstream.requests.try_send(request) {
            Ok(()) => {
                self.last_upstream = Instant::now();
                Ok(())
            }
            Err(refused) if refused.is_full() => {
                if tracked {
                    self.unanswered.forget_newest();
                }
                let request = refused.into_inner();
                self.reply_error(Some(request.request_id), ClientError::UpstreamBusy)
            }
            // The stream ended; its end is reported next, and a failover sends the request
            // again (it is among the unanswered ones).
            Err(refused) if tracked => {
                let request = refused.into_inner();
                tracing::debug!(request_id = %request.request_id, "kept for the next upstream");
                Ok(())
            }
            Err(refused) => {
                let request = refused.into_inner();
                self.reply_error(Some(request.request_id), ClientError::UpstreamEnded)
            }
        }
    }

    fn spawn_call(
        &mut self,
        id: String,
        call: impl Future<Output = Outcome> + Send + 'static,
    ) -> Turn {
        if self.calls_in_flight.len() >= self.config.max_calls_in_flight {
            return self.reply_error(Some(id), ClientError::TooManyCalls);
        }
        self.calls_in_flight.spawn(call);
        Ok(())
    }

    fn on_call_done(&mut self, done: Result<Outcome, tokio::task::JoinError>) -> Turn {
        match done {
            Ok(Outcome::Upstream(request)) => self.forward(request),
            Ok(Outcome::Reply(frame)) => self.send(&frame),
            Err(e) => {
                tracing::error!(error = %e, "an upstream call task failed");
                Ok(())
            }
        }
    }

    /// Takes `frame` and the frames queued behind it, up to `UPSTREAM_FRAMES_PER_TURN`: under
    /// load (a group's pushes) one turn of the loop serves many, instead of each paying a
    /// poll of every other source of the loop.
    /// Takes `frame` and up to `UPSTREAM_FRAMES_PER_TURN` frames queued behind it; the
    /// stream's end, if it came meanwhile, is left to the loop.
    fn on_upstream_ready(&mut self, frame: UpstreamFrame) -> Result<Next, End> {
        self.on_upstream(frame)?;
        for _ in 1..UPSTREAM_FRAMES_PER_TURN {
            // Nothing queued: the loop polls the stream again, with this task's waker.
            let Some(next) = self.upstream.responses.next().now_or_never() else {
                break;
            };
            match next {
                Some(Ok(frame)) => self.on_upstream(frame)?,
                Some(Err(status)) => return Ok(Next::UpstreamEnded(Some(status))),
                None => return Ok(Next::UpstreamEnded(None)),
            }
        }
        Ok(Next::Continue)
    }

    fn on_upstream(&mut self, frame: UpstreamFrame) -> Turn {
        match frame {
            UpstreamFrame::Own(response) => {
                if self.failover && !self.record_response(&response) {
                    // Pushed before the connection moved, or by its catch-up.
                    return Ok(());
                }
                match push::translate(response) {
                    Some(frame) => self.send(&frame),
                    None => Ok(()),
                }
            }
            UpstreamFrame::Shared(pushed) => {
                if self.failover && !self.record_event(pushed.event()) {
                    return Ok(());
                }
                // Translated by the first of the event's recipients, sent as is by the others.
                let text = pushed.encoded_once(&push::shared_event_text);
                if text.is_empty() {
                    return Ok(());
                }
                self.outbox.send_shared(text).map_err(End::from)
            }
        }
    }

    /// Answers a client ping, unless it answers one of ours: the idle probe, or any ping sent
    /// within `PING_ECHO_WINDOW`.
    fn on_client_ping(&mut self, probe_outstanding: bool) -> Turn {
        let now = Instant::now();
        let echo = self
            .last_ping_sent
            .is_some_and(|sent| now < sent + PING_ECHO_WINDOW);
        if probe_outstanding || echo {
            return Ok(());
        }
        self.last_ping_sent = Some(now);
        self.send(&ServerFrame::ping())
    }

    fn next_deadline(&self) -> Instant {
        let mut deadline = (self.last_activity + self.config.heartbeat_timeout())
            .min(self.last_upstream + self.config.upstream_ping());
        if !self.pinged {
            deadline = deadline.min(self.last_activity + self.config.idle_ping());
        }
        if let Some(ack) = self.acks.next_deadline() {
            deadline = deadline.min(ack);
        }
        deadline
    }

    fn on_timer(&mut self, now: Instant) -> Turn {
        if now >= self.last_activity + self.config.heartbeat_timeout() {
            return Err(End::error(ClientError::HeartbeatTimeout(
                self.config.heartbeat_timeout().as_secs(),
            )));
        }
        if !self.pinged && now >= self.last_activity + self.config.idle_ping() {
            self.pinged = true;
            self.probe_outstanding = true;
            self.last_ping_sent = Some(now);
            self.send(&ServerFrame::ping())?;
        }
        if now >= self.last_upstream + self.config.upstream_ping() {
            self.last_upstream = now;
            // Best effort: a full queue means frames are flowing, which keeps the stream alive.
            let _ = self.upstream.requests.try_send(ChatRequest {
                request_id: String::new(),
                frame: Some(chat_request::Frame::Ping(im::Ping { nonce: 0 })),
            });
        }
        for (id, ack_seq) in self.acks.due(now) {
            self.send(&ServerFrame::ack(&id, ack_seq))?;
        }
        Ok(())
    }
}

/// Whether `response` is the answer (result or error) to a request the client sent.
fn answers_a_request(response: &ChatResponse) -> bool {
    !response.request_id.is_empty()
        && matches!(
            response.frame,
            Some(
                chat_response::Frame::SendResult(_)
                    | chat_response::Frame::MarkReadResult(_)
                    | chat_response::Frame::RecallResult(_)
                    | chat_response::Frame::EditResult(_)
                    | chat_response::Frame::AddReactionResult(_)
                    | chat_response::Frame::RemoveReactionResult(_)
                    | chat_response::Frame::PinResult(_)
                    | chat_response::Frame::UnpinResult(_)
                    | chat_response::Frame::Error(_)
            )
        )
}
