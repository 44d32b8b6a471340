//! The Chat (bidirectional) and Subscribe (server-stream) sessions of one device.
//!
//! Each session is a loop (on a task of its own, or run by the in-process gateway's connection
//! task: `Sessions::chat_in_reader`) that owns its hub registration and ends when the client
//! goes away, stays silent past the heartbeat timeout, reads too slowly, loses its token (expiry
//! or revocation) or the server shuts down; the stream then ends with a status saying which.

use std::sync::Arc;
use std::time::Duration;

use easychat_proto::im::v1 as pb;
use std::future::Future;

use futures::StreamExt;
use futures::stream::FuturesOrdered;
use tokio::sync::{mpsc, oneshot};
use tokio_stream::wrappers::ReceiverStream;
use tonic::Status;
use tracing::Instrument;

use super::hub::{Hub, Pushed, SessionHandle, slow_consumer};
use super::outbound::Outbound;
use crate::config::RealtimeConfig;
use crate::domain::messaging::{AcceptedSend, Messaging, SyncPage};
use crate::domain::model::{Appended, now_millis};
use crate::domain::ports::{Event, EventSink};
use crate::domain::social::Social;
use crate::domain::tokens::Caller;
use crate::error::{Error, Reason, Result};
use crate::wire;

const MAX_SYNC_CURSORS: usize = 100;
const DEFAULT_SYNC_BATCH: u64 = 100;
/// Frames buffered between a session task and the transport.
const OUTBOUND_FRAMES: usize = 64;
/// Sends of one Chat session in the pipeline at once; past it the session reads no further
/// frame until the oldest is answered (the client's window beyond this waits in HTTP/2 flow
/// control).
const MAX_PIPELINED_SENDS: usize = 32;

/// The answers of a session's sends in the pipeline, in frame order.
type PipelinedSends<'a> =
    FuturesOrdered<std::pin::Pin<Box<dyn Future<Output = pb::ChatResponse> + Send + 'a>>>;

/// A Chat session's client frames: from its gRPC stream, or from the in-process gateway.
pub type Inbound =
    std::pin::Pin<Box<dyn futures::Stream<Item = Result<pb::ChatRequest, Status>> + Send>>;
pub type ChatStream = SessionStream<pb::ChatResponse>;
pub type SubscribeStream = SessionStream<pb::SubscribeResponse>;
/// Where a session task puts its frames. Boxed: an idle session's queue is allocated for 32
/// entries at once, and a frame is a few hundred bytes.
type Out<T> = mpsc::Sender<Box<Outbound<T>>>;

/// A session's loop, run inside its stream. In a mutex only to make the stream `Sync`, as the
/// gateway's streams must be: it is reached through `&mut` alone (`Mutex::get_mut`), never
/// locked.
type Driver = std::sync::Mutex<std::pin::Pin<Box<dyn Future<Output = ()> + Send>>>;

/// The response stream of a session: the frames of its task, the events the hub pushed to it,
/// and the status that ends it. Events go from the hub's queue straight to the transport, not
/// through the session task: one task wake-up and one queue hop less per delivery, and a
/// client's pushes never wait behind its own requests. The status overtakes frames and events
/// still queued, so a client that stopped reading learns why (SLOW_CONSUMER) as soon as it reads
/// again, instead of first wading through a backlog it must re-sync anyway.
pub struct SessionStream<T> {
    /// The session's loop, when the reader of this stream runs it (`Sessions::chat_in_reader`)
    /// instead of a task of its own; `None` once it is done.
    driver: Option<Driver>,
    frames: ReceiverStream<Box<Outbound<T>>>,
    events: Option<mpsc::Receiver<Pushed>>,
    end: Option<oneshot::Receiver<Status>>,
    /// The first frame (`ready`) was yielded: events may follow.
    started: bool,
    /// Events go first on the next poll (the two sources take turns).
    events_first: bool,
    /// The ending status was yielded: frames still queued are dropped.
    ended: bool,
}

impl<T> SessionStream<T> {
    fn new(
        frames: mpsc::Receiver<Box<Outbound<T>>>,
        events: mpsc::Receiver<Pushed>,
        end: oneshot::Receiver<Status>,
    ) -> Self {
        SessionStream {
            driver: None,
            frames: ReceiverStream::new(frames),
            events: Some(events),
            end: Some(end),
            started: false,
            events_first: false,
            ended: false,
        }
    }

    fn poll_event(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<Outbound<T>, Status>>> {
        use std::task::Poll;
        let Some(events) = self.events.as_mut().filter(|_| self.started) else {
            return Poll::Pending;
        };
        match events.poll_recv(cx) {
            Poll::Ready(Some(event)) => Poll::Ready(Some(Ok(Outbound::Event(event)))),
            // The hub let the session go; its task's frames end the stream.
            Poll::Ready(None) => {
                self.events = None;
                Poll::Pending
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T> futures::Stream for SessionStream<T> {
    type Item = Result<Outbound<T>, Status>;

    fn poll_next(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        use std::task::Poll;
        let this = self.get_mut();
        // The session's loop first: what it queues now is read below, in this same poll.
        if let Some(driver) = this.driver.as_mut() {
            let driver = driver
                .get_mut()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if driver.as_mut().poll(cx).is_ready() {
                this.driver = None;
            }
        }
        if this.ended {
            return Poll::Ready(None);
        }
        if let Some(end) = this.end.as_mut() {
            match std::pin::Pin::new(end).poll(cx) {
                Poll::Ready(Ok(status)) => {
                    this.end = None;
                    this.ended = true;
                    return Poll::Ready(Some(Err(status)));
                }
                // Ended without a status (the client left): queued frames still go out.
                Poll::Ready(Err(_)) => this.end = None,
                Poll::Pending => {}
            }
        }
        if this.events_first
            && let Poll::Ready(event) = this.poll_event(cx)
        {
            this.events_first = false;
            return Poll::Ready(event);
        }
        match std::pin::Pin::new(&mut this.frames).poll_next(cx) {
            Poll::Ready(Some(frame)) => {
                this.started = true;
                this.events_first = true;
                Poll::Ready(Some(Ok(*frame)))
            }
            // The session task is done: so is the stream.
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => this.poll_event(cx),
        }
    }
}

impl<T> Drop for SessionStream<T> {
    /// A reader that drops the stream before its session ended (the connection went away) does
    /// not cut the session short: its loop goes on, on a task of its own, and ends as it would
    /// have (the hub left, presence announced).
    fn drop(&mut self) {
        if let Some(driver) = self.driver.take()
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            let driver = driver
                .into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            runtime.spawn(driver);
        }
    }
}

/// Why a session ended.
enum End {
    /// The client went away; nobody to tell.
    Gone,
    /// Tell the client this, then close.
    Status(Status),
}

/// A frame offered to the client's queue.
enum Queued<T> {
    /// Queued, or refused for good.
    Done(Result<(), End>),
    /// The queue is full: wait for room (`wait_for_room`).
    Full(Box<Outbound<T>>),
}

fn queue<T>(out: &Out<T>, frame: impl Into<Outbound<T>>) -> Queued<T> {
    match out.try_send(Box::new(frame.into())) {
        Ok(()) => Queued::Done(Ok(())),
        Err(mpsc::error::TrySendError::Closed(_)) => Queued::Done(Err(End::Gone)),
        Err(mpsc::error::TrySendError::Full(frame)) => Queued::Full(frame),
    }
}

/// Waits at most `timeout` for room in the client's queue: a client that reads nothing for that
/// long is a slow consumer.
async fn wait_for_room<T>(
    out: &Out<T>,
    frame: Box<Outbound<T>>,
    timeout: Duration,
) -> Result<(), End> {
    // Boxed: rare, and inline its timer would enlarge every session's task.
    Box::pin(out.send_timeout(frame, timeout))
        .await
        .map_err(|e| match e {
            mpsc::error::SendTimeoutError::Timeout(_) => End::Status(slow_consumer()),
            mpsc::error::SendTimeoutError::Closed(_) => End::Gone,
        })
}

/// What a chat session's loop does after its `select!`. Nothing is awaited inside the
/// `select!`: its output would then be kept in every session task, idle ones included.
#[expect(
    clippy::large_enum_variant,
    reason = "a step lives for one turn; boxing the request would allocate for every frame"
)]
enum Step {
    Continue,
    End(End),
    /// An answer found the client's queue full.
    WaitForRoom(Box<Outbound<pb::ChatResponse>>),
    Take(pb::ChatRequest),
}

#[derive(Clone)]
pub struct Sessions {
    pub hub: Hub,
    /// Where presence changes go (the hub, or the hub plus the cluster bus).
    pub events: Arc<dyn EventSink>,
    pub messaging: Messaging,
    pub social: Social,
    pub config: RealtimeConfig,
}

impl Sessions {
    /// Starts a Chat session; its frames come out of the returned stream.
    pub async fn chat(
        self: &Arc<Self>,
        caller: Caller,
        inbound: Inbound,
    ) -> Result<ChatStream, Status> {
        let (stream, session) = self.open_chat(caller, inbound).await?;
        tokio::spawn(session);
        Ok(stream)
    }

    /// Starts a Chat session run by the reader of the returned stream: each poll of the stream
    /// first lets the session's loop take its turn. For a reader that polls its stream from the
    /// task that also feeds the session its frames (the in-process gateway's connection): a
    /// frame then goes from the socket to the session and its answer back to the socket within
    /// one task, not through the wake-ups of a second one, two per message. The reader must poll
    /// the stream whenever its task wakes; dropping it hands the session to a task of its own.
    pub async fn chat_in_reader(
        self: &Arc<Self>,
        caller: Caller,
        inbound: Inbound,
    ) -> Result<ChatStream, Status> {
        let (mut stream, session) = self.open_chat(caller, inbound).await?;
        stream.driver = Some(std::sync::Mutex::new(Box::pin(session)));
        Ok(stream)
    }

    /// A Chat session's stream, and its loop for the caller to run.
    async fn open_chat(
        self: &Arc<Self>,
        caller: Caller,
        inbound: Inbound,
    ) -> Result<(ChatStream, impl Future<Output = ()> + Send + 'static), Status> {
        self.refuse_when_shutting_down()?;
        let (out, frames) = mpsc::channel(OUTBOUND_FRAMES);
        let (end_tx, end) = oneshot::channel();
        let (session, events) = self.hub.join(&caller.claims).await?;
        let span = tracing::info_span!("chat", user = %caller.user_id());
        // Shared, not cloned: every session's loop holds it for its whole life.
        let task = Arc::clone(self).run_chat(session, caller, inbound, out, end_tx);
        Ok((
            SessionStream::new(frames, events, end),
            task.instrument(span),
        ))
    }

    /// Starts a Subscribe session.
    pub async fn subscribe(self: &Arc<Self>, caller: Caller) -> Result<SubscribeStream, Status> {
        self.refuse_when_shutting_down()?;
        let (out, frames) = mpsc::channel(OUTBOUND_FRAMES);
        let (end_tx, end) = oneshot::channel();
        let (session, events) = self.hub.join(&caller.claims).await?;
        // Shared, not cloned: every session task holds it for its whole life.
        let sessions = Arc::clone(self);
        let span = tracing::info_span!("subscribe", user = %caller.user_id());
        tokio::spawn(
            async move {
                if let End::Status(status) = sessions.run_subscribe(session, caller, &out).await {
                    let _ = end_tx.send(status);
                }
                drop(out);
            }
            .instrument(span),
        );
        Ok(SessionStream::new(frames, events, end))
    }

    /// A session opened on a hub that has shut down would end at once; a client told so
    /// outright reconnects elsewhere instead of retrying here (the in-process gateway would
    /// retry in a loop).
    fn refuse_when_shutting_down(&self) -> Result<(), Status> {
        if self.hub.shutdown_signal().is_cancelled() {
            return Err(shutting_down());
        }
        Ok(())
    }

    /// A Chat session's task: the session to its end, then its ending status to the stream.
    ///
    /// A fn returning an async block that owns its values, not an async fn: every session's
    /// task keeps this future for its whole life, and an async fn (or a block calling one)
    /// keeps its parameters beside the copies moved into the callee.
    #[expect(
        clippy::manual_async_fn,
        reason = "an async fn would keep its parameters twice in every session's task"
    )]
    fn run_chat(
        self: Arc<Self>,
        mut session: SessionHandle,
        caller: Caller,
        mut inbound: Inbound,
        out: Out<pb::ChatResponse>,
        end_tx: oneshot::Sender<Status>,
    ) -> impl Future<Output = ()> + Send {
        async move {
            let out = &out;
            if session.came_online {
                Box::pin(self.announce_presence(&session.user_id, true)).await;
            }
            let ready = chat_frame("", pb::chat_response::Frame::Ready(ready(&session)));
            let mut outcome = self.send(out, ready).await.err();
            let expiry = tokio::time::sleep(until(caller.claims.expires_at));
            tokio::pin!(expiry);
            let heartbeat = Duration::from_secs(self.config.heartbeat_timeout_secs.max(1));
            let idle = tokio::time::sleep(heartbeat);
            tokio::pin!(idle);
            let shutdown = self.hub.shutdown_signal();
            let mut sends = PipelinedSends::new();
            while outcome.is_none() {
                let step = tokio::select! {
                    biased;
                    _ = session.closed.changed() => Step::End(closed_by_hub(&session)),
                    () = shutdown.cancelled() => Step::End(End::Status(shutting_down())),
                    () = &mut expiry => Step::End(End::Status(token_expired())),
                    () = &mut idle => Step::End(End::Status(heartbeat_timeout(heartbeat))),
                    Some(answer) = sends.next(), if !sends.is_empty() => match queue(out, answer) {
                        Queued::Done(Ok(())) => Step::Continue,
                        Queued::Done(Err(end)) => Step::End(end),
                        Queued::Full(frame) => Step::WaitForRoom(frame),
                    },
                    frame = inbound.next(), if sends.len() < MAX_PIPELINED_SENDS => match frame {
                        Some(Ok(request)) => Step::Take(request),
                        // The client closed its half, or the connection broke.
                        None | Some(Err(_)) => Step::End(End::Gone),
                    },
                };
                outcome = match step {
                    Step::Continue => None,
                    Step::End(end) => Some(end),
                    Step::WaitForRoom(frame) => {
                        wait_for_room(out, frame, self.write_timeout()).await.err()
                    }
                    Step::Take(request) => {
                        idle.as_mut().reset(tokio::time::Instant::now() + heartbeat);
                        // Boxed: the whole send path inline would make every idle session's task
                        // several KB larger.
                        Box::pin(self.take(&session, request, out, &mut sends))
                            .await
                            .err()
                    }
                };
            }
            self.end(&mut session).await;
            // `out` outlives the status: were it dropped first, the stream could end cleanly
            // before the status arrives.
            if let Some(End::Status(status)) = outcome {
                let _ = end_tx.send(status);
            }
        }
    }

    async fn run_subscribe(
        self: Arc<Self>,
        mut session: SessionHandle,
        caller: Caller,
        out: &Out<pb::SubscribeResponse>,
    ) -> End {
        use pb::subscribe_response::Frame;
        if session.came_online {
            Box::pin(self.announce_presence(&session.user_id, true)).await;
        }
        let ready = pb::SubscribeResponse {
            frame: Some(Frame::Ready(ready(&session))),
        };
        let mut outcome = self.send(out, ready).await.err();
        let expiry = tokio::time::sleep(until(caller.claims.expires_at));
        tokio::pin!(expiry);
        let period = Duration::from_secs(self.config.subscribe_heartbeat_secs.max(1));
        let mut heartbeat = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
        let shutdown = self.hub.shutdown_signal();
        while outcome.is_none() {
            outcome = tokio::select! {
                biased;
                _ = session.closed.changed() => Some(closed_by_hub(&session)),
                () = shutdown.cancelled() => Some(End::Status(shutting_down())),
                () = &mut expiry => Some(End::Status(token_expired())),
                _ = heartbeat.tick() => {
                    let beat = pb::SubscribeResponse {
                        frame: Some(Frame::Heartbeat(pb::Heartbeat {
                            server_time: Some(wire::timestamp(now_millis())),
                        })),
                    };
                    self.send(out, beat).await.err()
                }
                // A dropped response stream means the browser went away.
                () = out.closed() => Some(End::Gone),
            };
        }
        self.end(&mut session).await;
        outcome.unwrap_or(End::Gone)
    }

    /// Takes one client frame. A send is accepted now (rate limit, checks: in frame order) and
    /// stored in the background, so the next frame is read while it is in the pipeline; its
    /// answer goes out in frame order with the other sends'. Any other frame waits until the
    /// sends before it are answered, so every answer still follows the order of the frames.
    async fn take<'a>(
        &'a self,
        session: &SessionHandle,
        request: pb::ChatRequest,
        out: &Out<pb::ChatResponse>,
        sends: &mut PipelinedSends<'a>,
    ) -> Result<(), End> {
        let pb::ChatRequest { request_id, frame } = request;
        let send = match frame {
            Some(pb::chat_request::Frame::Send(send)) => send,
            frame => {
                while let Some(answer) = sends.next().await {
                    self.send(out, answer).await?;
                }
                // Boxed: inline, the handler of every other kind of frame (3,560 bytes) made
                // each frame's future 4,600 bytes, moved whole into its allocation per send.
                return Box::pin(self.handle(session, pb::ChatRequest { request_id, frame }, out))
                    .await;
            }
        };
        let me = session.user_id.as_str();
        let origin = Some(session.session_id.as_str());
        match self.accept_send(me, send, origin).await {
            Ok(accepted) => sends.push_back(Box::pin(async move {
                match self.messaging.store(accepted).await {
                    Ok(appended) => chat_frame(&request_id, send_result(appended)),
                    Err(error) => frame_error(&request_id, error),
                }
            })),
            // Refused: answered in its turn, after the sends before it.
            Err(error) => sends.push_back(Box::pin(std::future::ready(frame_error(
                &request_id,
                error,
            )))),
        }
        Ok(())
    }

    /// Answers one client frame; a failure of the frame becomes a FrameError, not an error of
    /// the stream.
    async fn handle(
        &self,
        session: &SessionHandle,
        request: pb::ChatRequest,
        out: &Out<pb::ChatResponse>,
    ) -> Result<(), End> {
        use pb::chat_request::Frame as In;
        use pb::chat_response::Frame as Out;
        let pb::ChatRequest { request_id, frame } = request;
        let me = session.user_id.as_str();
        let origin = Some(session.session_id.as_str());
        let result: Result<Option<Out>> = match frame {
            // The Chat loop pipelines sends (`take`); answered here, a send waits for its store.
            Some(In::Send(send)) => match self.accept_send(me, send, origin).await {
                Ok(accepted) => self
                    .messaging
                    .store(accepted)
                    .await
                    .map(send_result)
                    .map(Some),
                Err(error) => Err(error),
            },
            Some(In::MarkRead(pb::MarkReadRequest {
                conversation_id,
                read_seq,
            })) => self
                .messaging
                .mark_read(me, &conversation_id, read_seq, origin)
                .await
                .map(|(read_seq, unread_count)| {
                    Some(Out::MarkReadResult(pb::MarkReadResponse {
                        read_seq,
                        unread_count,
                    }))
                }),
            Some(In::Recall(pb::RecallMessageRequest { message_id })) => {
                self.messaging.recall(me, &message_id).await.map(|message| {
                    Some(Out::RecallResult(pb::RecallMessageResponse {
                        message: Some(wire::message(message)),
                    }))
                })
            }
            Some(In::Edit(pb::EditMessageRequest { message_id, text })) => self
                .messaging
                .edit(me, &message_id, text.map(|t| t.text))
                .await
                .map(|message| {
                    Some(Out::EditResult(pb::EditMessageResponse {
                        message: Some(wire::message(message)),
                    }))
                }),
            Some(In::AddReaction(pb::AddReactionRequest { message_id, emoji })) => self
                .messaging
                .add_reaction(me, &message_id, &emoji)
                .await
                .map(|reactions| {
                    Some(Out::AddReactionResult(pb::AddReactionResponse {
                        reactions: wire::reaction_counts(reactions),
                    }))
                }),
            Some(In::RemoveReaction(pb::RemoveReactionRequest { message_id, emoji })) => self
                .messaging
                .remove_reaction(me, &message_id, &emoji)
                .await
                .map(|reactions| {
                    Some(Out::RemoveReactionResult(pb::RemoveReactionResponse {
                        reactions: wire::reaction_counts(reactions),
                    }))
                }),
            Some(In::Pin(pb::PinMessageRequest { message_id })) => {
                self.messaging.pin(me, &message_id).await.map(|pinned| {
                    Some(Out::PinResult(pb::PinMessageResponse {
                        pinned_messages: wire::pinned_messages(pinned),
                    }))
                })
            }
            Some(In::Unpin(pb::UnpinMessageRequest { message_id })) => {
                self.messaging.unpin(me, &message_id).await.map(|pinned| {
                    Some(Out::UnpinResult(pb::UnpinMessageResponse {
                        pinned_messages: wire::pinned_messages(pinned),
                    }))
                })
            }
            Some(In::Typing(pb::SendTypingRequest { conversation_id })) => self
                .messaging
                .typing(me, &conversation_id)
                .await
                .map(|()| None),
            Some(In::Sync(sync)) => {
                return match self.sync(me, &request_id, sync, out).await {
                    Ok(result) => result,
                    Err(error) => self.send(out, frame_error(&request_id, error)).await,
                };
            }
            Some(In::Ping(pb::Ping { nonce })) => Ok(Some(Out::Pong(pb::Pong {
                nonce,
                server_time: Some(wire::timestamp(now_millis())),
            }))),
            None => Err(Error::invalid_field(
                "frame",
                "one of send, mark_read, recall, edit, add_reaction, remove_reaction, pin, unpin, typing, sync or ping is required",
            )),
        };
        match result {
            Ok(Some(answer)) => self.send(out, chat_frame(&request_id, answer)).await,
            Ok(None) => Ok(()),
            Err(error) => self.send(out, frame_error(&request_id, error)).await,
        }
    }

    async fn accept_send(
        &self,
        me: &str,
        send: pb::SendMessageRequest,
        origin: Option<&str>,
    ) -> Result<AcceptedSend> {
        let draft = wire::draft(send)?;
        self.messaging.accept(me, draft, origin).await
    }

    /// Streams what the client misses, conversation by conversation, in seq order; the last
    /// batch of the request has `done` set. Inner `Err`: the client went away midway.
    async fn sync(
        &self,
        me: &str,
        request_id: &str,
        sync: pb::SyncRequest,
        out: &Out<pb::ChatResponse>,
    ) -> Result<Result<(), End>> {
        let pb::SyncRequest { cursors, page_size } = sync;
        crate::domain::validate::list_len("cursors", &cursors, MAX_SYNC_CURSORS)?;
        let limit = match page_size {
            n if n < 0 => return Err(Error::invalid_field("page_size", "must not be negative")),
            0 => DEFAULT_SYNC_BATCH,
            n => (n as u64).min(self.config.max_sync_batch.max(1)),
        };
        // Refuse the whole request before sending anything if one cursor is not the caller's.
        let mut checked = Vec::with_capacity(cursors.len());
        for pb::SyncCursor {
            conversation_id,
            last_seq,
        } in cursors
        {
            let state = self
                .messaging
                .require_membership(me, &conversation_id)
                .await?;
            checked.push((state, last_seq));
        }
        let last_cursor = checked.len() - 1;
        for (index, (checked_state, mut after)) in checked.into_iter().enumerate() {
            let conversation_id = checked_state.conversation_id.clone();
            // The first page of the first conversation uses the state just checked; every other
            // page reads it again, so a member removed while earlier pages went out reads no
            // further page.
            let mut checked_state = (index == 0).then_some(checked_state);
            loop {
                let state = match checked_state.take() {
                    Some(state) => state,
                    None => {
                        self.messaging
                            .require_membership(me, &conversation_id)
                            .await?
                    }
                };
                let SyncPage {
                    messages,
                    max_seq,
                    next_after,
                    complete,
                } = self.messaging.sync_page(me, &state, after, limit).await?;
                after = next_after;
                let batch = pb::SyncBatch {
                    conversation_id: conversation_id.clone(),
                    messages: messages.into_iter().map(wire::message).collect(),
                    max_seq,
                    done: complete && index == last_cursor,
                };
                let frame = chat_frame(request_id, pb::chat_response::Frame::SyncBatch(batch));
                if let Err(gone) = self.send(out, frame).await {
                    return Ok(Err(gone));
                }
                if complete {
                    break;
                }
            }
        }
        Ok(Ok(()))
    }

    /// Sends one frame; when the client's queue is full, waits at most the write timeout for
    /// room: a client that reads nothing for that long is a slow consumer.
    ///
    /// Not an `async fn`: one would keep the frame (half a KB) in its state, and so in every
    /// session task that awaits it, idle ones included. The frame is queued before the future
    /// is made, and only a full queue leaves anything to await.
    fn send<'a, T: Send + 'a>(
        &self,
        out: &'a Out<T>,
        frame: impl Into<Outbound<T>>,
    ) -> impl Future<Output = Result<(), End>> + Send + 'a {
        let queued = queue(out, frame);
        let timeout = self.write_timeout();
        async move {
            match queued {
                Queued::Done(result) => result,
                Queued::Full(frame) => wait_for_room(out, frame, timeout).await,
            }
        }
    }

    fn write_timeout(&self) -> Duration {
        Duration::from_secs(self.config.write_timeout_secs.max(1))
    }

    async fn end(&self, session: &mut SessionHandle) {
        if session.leave().await {
            Box::pin(self.announce_presence(&session.user_id, false)).await;
        }
    }

    /// Tells friends and co-members of small groups that `user_id` came online or went offline.
    async fn announce_presence(&self, user_id: &str, online: bool) {
        match self.social.presence_audience(user_id).await {
            Ok(audience) => {
                let event = Event::Presence {
                    user_id: user_id.to_owned(),
                    online,
                    last_seen: (!online).then(now_millis),
                };
                self.events.publish(&audience, event, None);
            }
            Err(e) => tracing::warn!(error = %e, "presence change not announced"),
        }
    }
}

/// The status the hub closed the session with (revoked token, slow consumer).
fn closed_by_hub(session: &SessionHandle) -> End {
    match session.closed.borrow().clone() {
        Some(status) => End::Status(status),
        None => End::Gone,
    }
}

fn ready(session: &SessionHandle) -> pb::SessionReady {
    pb::SessionReady {
        session_id: session.session_id.clone(),
        user_id: session.user_id.clone(),
    }
}

fn send_result(appended: Appended) -> pb::chat_response::Frame {
    pb::chat_response::Frame::SendResult(pb::SendMessageResponse {
        message: Some(wire::message(appended.message)),
        duplicate: appended.duplicate,
    })
}

fn chat_frame(request_id: &str, frame: pb::chat_response::Frame) -> pb::ChatResponse {
    pb::ChatResponse {
        request_id: request_id.to_owned(),
        frame: Some(frame),
    }
}

fn frame_error(request_id: &str, error: Error) -> pb::ChatResponse {
    let reason = error.reason.as_str().to_owned();
    let status = Status::from(error);
    chat_frame(
        request_id,
        pb::chat_response::Frame::Error(pb::FrameError {
            code: status.code() as i32,
            message: status.message().to_owned(),
            reason,
        }),
    )
}

/// Time from now until `expires_at` (ms since the epoch), zero when past.
fn until(expires_at: i64) -> Duration {
    Duration::from_millis(u64::try_from(expires_at - now_millis()).unwrap_or(0))
}

fn shutting_down() -> Status {
    Error::new(
        crate::error::ErrorKind::Unavailable,
        Reason::ServerShuttingDown,
        "the server is shutting down: reconnect and sync",
    )
    .into()
}

fn token_expired() -> Status {
    Error::unauthenticated(Reason::TokenExpired, "the token has expired: log in again").into()
}

fn heartbeat_timeout(after: Duration) -> Status {
    Error::new(
        crate::error::ErrorKind::Unavailable,
        Reason::HeartbeatTimeout,
        format!(
            "no frame from the client for {}s: send pings more often",
            after.as_secs()
        ),
    )
    .into()
}
