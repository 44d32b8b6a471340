//! A reconnecting real-time session over `ImService/Chat`.
//!
//! One task owns the stream. It delivers messages to the application once and in seq order per
//! conversation: a message whose seq is not the next one expected means something was missed
//! (a dropped connection, a slow-consumer cut), so the task asks the server to sync that
//! conversation from the last delivered seq instead of guessing. Sends stay pending until their
//! ack arrives and are re-sent with the same `client_msg_id` after a reconnect; the server's
//! deduplication makes the retry safe. Edits, reactions and pins wait for their result the same
//! way and are re-sent too: the same edit, reaction or pin twice changes nothing.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use easychat_proto::im::v1 as pb;
use pb::chat_request::Frame as Out;
use pb::chat_response::Frame as In;
use tokio::sync::{mpsc, oneshot};
use tokio_stream::wrappers::ReceiverStream;
use tonic_types::StatusExt;

use crate::client::{Client, Error};

const MIN_BACKOFF: Duration = Duration::from_millis(200);
const MAX_BACKOFF: Duration = Duration::from_secs(10);
const PING_EVERY: Duration = Duration::from_secs(30);
const READY_TIMEOUT: Duration = Duration::from_secs(10);

/// What the session tells the application.
#[derive(Debug, Clone)]
pub enum SessionEvent {
    /// The stream is (again) open and catching up.
    Connected,
    /// The stream ended; the session reconnects unless the token was refused.
    Disconnected {
        reason: String,
    },
    /// A message, own messages included, once and in seq order per conversation.
    Message(pb::Message),
    ReadReceipt(pb::ReadReceiptEvent),
    Recall(pb::RecallEvent),
    /// A message's text was edited.
    Edit(pb::EditEvent),
    /// Someone added or removed a reaction; the event carries the message's counts after.
    Reaction(pb::ReactionEvent),
    /// A message was pinned or unpinned.
    Pin(pb::PinEvent),
    Typing(pb::TypingEvent),
    Presence(pb::PresenceEvent),
}

/// Where the answer to a request frame goes: its result frame, or the error it got.
type Reply = oneshot::Sender<Result<In, tonic::Status>>;

enum Command {
    /// A frame that is answered (send, edit, reactions, pins): pending until its result arrives.
    Request {
        frame: Out,
        reply: Reply,
    },
    MarkRead {
        conversation_id: String,
        read_seq: i64,
    },
    Typing {
        conversation_id: String,
    },
    DropConnection,
}

/// A device's live session. Dropping it ends the session.
pub struct ChatSession {
    commands: mpsc::Sender<Command>,
    events: mpsc::Receiver<SessionEvent>,
}

impl ChatSession {
    /// Starts the session for the client's logged-in user. Conversations it has not delivered
    /// anything of yet are caught up from the user's read position.
    pub fn start(client: Client) -> ChatSession {
        let (commands, command_rx) = mpsc::channel(256);
        let (event_tx, events) = mpsc::channel(1024);
        let task = SessionTask {
            client,
            commands: command_rx,
            events: event_tx,
            delivered: HashMap::new(),
            pending: HashMap::new(),
            syncing: HashSet::new(),
            seen_live: HashMap::new(),
            ready: Vec::new(),
        };
        tokio::spawn(task.run());
        ChatSession { commands, events }
    }

    /// Sends a text to a conversation; resolves once the server stored it (retrying across
    /// reconnects with the same client_msg_id).
    pub async fn send_text(&self, conversation_id: &str, text: &str) -> Result<pb::Message, Error> {
        self.send(text_request(conversation_id, text, String::new()))
            .await
    }

    /// Sends a text that replies to `reply_to_message_id`, a message of the same conversation:
    /// the stored message's `reply_to` quotes it (id, seq, sender, snippet). Like [`send_text`].
    ///
    /// [`send_text`]: ChatSession::send_text
    pub async fn reply_text(
        &self,
        conversation_id: &str,
        reply_to_message_id: &str,
        text: &str,
    ) -> Result<pb::Message, Error> {
        let request = text_request(conversation_id, text, reply_to_message_id.to_owned());
        self.send(request).await
    }

    /// Sends a text that mentions `mention_user_ids`, members of the conversation (at most 50;
    /// anyone else is refused, MENTION_NOT_MEMBER): the stored message's `mentioned_user_ids`
    /// lists them, and their conversation is `mentioned` until they read past it. Like
    /// [`send_text`]; to mention everyone in a group (its owner and managers only), [`send`] a
    /// request with `mention_all` set.
    ///
    /// [`send_text`]: ChatSession::send_text
    /// [`send`]: ChatSession::send
    pub async fn mention_text(
        &self,
        conversation_id: &str,
        mention_user_ids: &[&str],
        text: &str,
    ) -> Result<pb::Message, Error> {
        let request = pb::SendMessageRequest {
            mention_user_ids: mention_user_ids.iter().map(|&id| id.to_owned()).collect(),
            ..text_request(conversation_id, text, String::new())
        };
        self.send(request).await
    }

    /// Sends any message; keep `client_msg_id` stable if you retry yourself.
    pub async fn send(&self, request: pb::SendMessageRequest) -> Result<pb::Message, Error> {
        match self.request(Out::Send(request)).await? {
            In::SendResult(result) => result.message.ok_or(Error::MissingField("message")),
            _ => Err(Error::MissingField("send_result")),
        }
    }

    /// Replaces the text of a text message the user sent (within the server's edit window);
    /// resolves with the message as edited, with its `edit_time`. Members' sessions get
    /// [`SessionEvent::Edit`].
    pub async fn edit(&self, message_id: &str, text: &str) -> Result<pb::Message, Error> {
        let edit = pb::EditMessageRequest {
            message_id: message_id.to_owned(),
            text: Some(pb::TextContent {
                text: text.to_owned(),
            }),
        };
        match self.request(Out::Edit(edit)).await? {
            In::EditResult(result) => result.message.ok_or(Error::MissingField("message")),
            _ => Err(Error::MissingField("edit_result")),
        }
    }

    /// Adds the user's `emoji` reaction to a message (idempotent); resolves with the message's
    /// reactions after it. Members' sessions get [`SessionEvent::Reaction`].
    pub async fn add_reaction(
        &self,
        message_id: &str,
        emoji: &str,
    ) -> Result<Vec<pb::ReactionCount>, Error> {
        let add = pb::AddReactionRequest {
            message_id: message_id.to_owned(),
            emoji: emoji.to_owned(),
        };
        match self.request(Out::AddReaction(add)).await? {
            In::AddReactionResult(result) => Ok(result.reactions),
            _ => Err(Error::MissingField("add_reaction_result")),
        }
    }

    /// Takes the user's `emoji` reaction off a message (idempotent); resolves with the message's
    /// reactions after it. Members' sessions get [`SessionEvent::Reaction`] (`added` false).
    pub async fn remove_reaction(
        &self,
        message_id: &str,
        emoji: &str,
    ) -> Result<Vec<pb::ReactionCount>, Error> {
        let remove = pb::RemoveReactionRequest {
            message_id: message_id.to_owned(),
            emoji: emoji.to_owned(),
        };
        match self.request(Out::RemoveReaction(remove)).await? {
            In::RemoveReactionResult(result) => Ok(result.reactions),
            _ => Err(Error::MissingField("remove_reaction_result")),
        }
    }

    /// Pins a message for every member of its conversation (in a group its owner and managers
    /// only, PIN_NOT_ALLOWED for others; in a single chat either side; idempotent); resolves with
    /// the conversation's pinned messages after it, most recently pinned first. Members' sessions
    /// get [`SessionEvent::Pin`].
    pub async fn pin(&self, message_id: &str) -> Result<Vec<pb::PinnedMessage>, Error> {
        let pin = pb::PinMessageRequest {
            message_id: message_id.to_owned(),
        };
        match self.request(Out::Pin(pin)).await? {
            In::PinResult(result) => Ok(result.pinned_messages),
            _ => Err(Error::MissingField("pin_result")),
        }
    }

    /// Takes a message's pin off (same permissions as [`pin`]; idempotent); resolves with the
    /// conversation's pinned messages after it. Members' sessions get [`SessionEvent::Pin`]
    /// (`pinned` false).
    ///
    /// [`pin`]: ChatSession::pin
    pub async fn unpin(&self, message_id: &str) -> Result<Vec<pb::PinnedMessage>, Error> {
        let unpin = pb::UnpinMessageRequest {
            message_id: message_id.to_owned(),
        };
        match self.request(Out::Unpin(unpin)).await? {
            In::UnpinResult(result) => Ok(result.pinned_messages),
            _ => Err(Error::MissingField("unpin_result")),
        }
    }

    /// Writes a frame (now, or on the next stream) and waits for its result frame.
    async fn request(&self, frame: Out) -> Result<In, Error> {
        let (reply, answer) = oneshot::channel();
        self.command(Command::Request { frame, reply }).await?;
        Ok(answer.await.map_err(|_| Error::SessionClosed)??)
    }

    /// Marks everything up to `read_seq` read; the other members get a receipt.
    pub async fn mark_read(&self, conversation_id: &str, read_seq: i64) -> Result<(), Error> {
        self.command(Command::MarkRead {
            conversation_id: conversation_id.to_owned(),
            read_seq,
        })
        .await
    }

    /// Tells the conversation the user is typing.
    pub async fn typing(&self, conversation_id: &str) -> Result<(), Error> {
        self.command(Command::Typing {
            conversation_id: conversation_id.to_owned(),
        })
        .await
    }

    /// Drops the current connection (as a network change would); the session reconnects and
    /// catches up.
    pub async fn drop_connection(&self) -> Result<(), Error> {
        self.command(Command::DropConnection).await
    }

    /// The next event; `None` once the session has ended for good.
    pub async fn next_event(&mut self) -> Option<SessionEvent> {
        self.events.recv().await
    }

    async fn command(&self, command: Command) -> Result<(), Error> {
        self.commands
            .send(command)
            .await
            .map_err(|_| Error::SessionClosed)
    }
}

/// How one connection ended.
enum Ended {
    /// The application dropped the session.
    Closed,
    /// The token was refused: reconnecting cannot help.
    Unauthenticated(tonic::Status),
    /// Reconnect (after a backoff unless `now`).
    Lost { reason: String, now: bool },
}

/// A request frame waiting for its answer; written again on every new stream until answered.
struct Pending {
    frame: Out,
    reply: Reply,
}

struct SessionTask {
    client: Client,
    commands: mpsc::Receiver<Command>,
    events: mpsc::Sender<SessionEvent>,
    /// Highest seq delivered per conversation.
    delivered: HashMap<String, i64>,
    /// Requests (sends, edits, reactions, pins) not yet answered, by request id.
    pending: HashMap<String, Pending>,
    /// Conversations with a sync in flight.
    syncing: HashSet<String>,
    /// Highest seq seen live per conversation while it was syncing.
    seen_live: HashMap<String, i64>,
    /// Messages accepted in order, waiting to be emitted.
    ready: Vec<pb::Message>,
}

impl SessionTask {
    async fn run(mut self) {
        let mut backoff = MIN_BACKOFF;
        loop {
            let ended = self.connect_and_serve(&mut backoff).await;
            match ended {
                Ended::Closed => return,
                Ended::Unauthenticated(status) => {
                    self.emit(SessionEvent::Disconnected {
                        reason: status.message().to_owned(),
                    })
                    .await;
                    for (_, pending) in self.pending.drain() {
                        let _ = pending.reply.send(Err(status.clone()));
                    }
                    return;
                }
                Ended::Lost { reason, now } => {
                    self.emit(SessionEvent::Disconnected { reason }).await;
                    if !now {
                        tokio::time::sleep(backoff).await;
                        backoff = (backoff * 2).min(MAX_BACKOFF);
                    }
                }
            }
        }
    }

    async fn connect_and_serve(&mut self, backoff: &mut Duration) -> Ended {
        let (outbound, frames) = mpsc::channel::<pb::ChatRequest>(256);
        let mut inbound = match self.client.im().chat(ReceiverStream::new(frames)).await {
            Ok(response) => response.into_inner(),
            Err(status) => return lost(status),
        };
        match tokio::time::timeout(READY_TIMEOUT, inbound.message()).await {
            Ok(Ok(Some(pb::ChatResponse {
                frame: Some(In::Ready(_)),
                ..
            }))) => {}
            Ok(Err(status)) => return lost(status),
            _ => {
                return Ended::Lost {
                    reason: "no ready frame".into(),
                    now: false,
                };
            }
        }
        *backoff = MIN_BACKOFF;
        self.emit(SessionEvent::Connected).await;
        self.syncing.clear();
        if let Err(status) = self.catch_up(&outbound).await {
            return lost(status);
        }
        for (request_id, pending) in &self.pending {
            let frame = chat_request(request_id, pending.frame.clone());
            if outbound.send(frame).await.is_err() {
                return Ended::Lost {
                    reason: "stream closed".into(),
                    now: false,
                };
            }
        }
        let mut ping =
            tokio::time::interval_at(tokio::time::Instant::now() + PING_EVERY, PING_EVERY);
        loop {
            tokio::select! {
                command = self.commands.recv() => match command {
                    None => return Ended::Closed,
                    Some(Command::DropConnection) => {
                        return Ended::Lost { reason: "dropped by the application".into(), now: true };
                    }
                    Some(command) => {
                        if let Some(frame) = self.frame_for(command) {
                            let _ = outbound.send(frame).await;
                        }
                    }
                },
                frame = inbound.message() => match frame {
                    Ok(Some(response)) => self.handle(response, &outbound).await,
                    Ok(None) => return Ended::Lost { reason: "stream ended".into(), now: false },
                    Err(status) => return lost(status),
                },
                _ = ping.tick() => {
                    let _ = outbound.send(chat_request("", Out::Ping(pb::Ping { nonce: 0 }))).await;
                }
            }
        }
    }

    /// Asks for everything after the last delivered seq of every conversation that has more
    /// (conversations never delivered from start at the user's read position).
    async fn catch_up(
        &mut self,
        outbound: &mpsc::Sender<pb::ChatRequest>,
    ) -> Result<(), tonic::Status> {
        let mut cursors = Vec::new();
        let mut page_token = String::new();
        loop {
            let page = self
                .client
                .im()
                .list_conversations(pb::ListConversationsRequest {
                    include_hidden: true,
                    page_size: 100,
                    page_token,
                })
                .await?
                .into_inner();
            for conversation in page.conversations {
                let last = *self
                    .delivered
                    .entry(conversation.conversation_id.clone())
                    .or_insert(conversation.read_seq);
                if conversation.max_seq > last {
                    cursors.push(pb::SyncCursor {
                        conversation_id: conversation.conversation_id,
                        last_seq: last,
                    });
                }
            }
            if page.next_page_token.is_empty() {
                break;
            }
            page_token = page.next_page_token;
        }
        for chunk in cursors.chunks(100) {
            self.request_sync(chunk.to_vec(), outbound).await;
        }
        Ok(())
    }

    async fn request_sync(
        &mut self,
        cursors: Vec<pb::SyncCursor>,
        outbound: &mpsc::Sender<pb::ChatRequest>,
    ) {
        for cursor in &cursors {
            self.syncing.insert(cursor.conversation_id.clone());
        }
        let request_id = format!("sync-{}", uuid::Uuid::new_v4());
        let frame = chat_request(
            &request_id,
            Out::Sync(pb::SyncRequest {
                cursors,
                page_size: 200,
            }),
        );
        let _ = outbound.send(frame).await;
    }

    fn frame_for(&mut self, command: Command) -> Option<pb::ChatRequest> {
        match command {
            Command::Request { frame, reply } => {
                let request_id = uuid::Uuid::new_v4().to_string();
                let chat_frame = chat_request(&request_id, frame.clone());
                self.pending.insert(request_id, Pending { frame, reply });
                Some(chat_frame)
            }
            Command::MarkRead {
                conversation_id,
                read_seq,
            } => Some(chat_request(
                "",
                Out::MarkRead(pb::MarkReadRequest {
                    conversation_id,
                    read_seq,
                }),
            )),
            Command::Typing { conversation_id } => Some(chat_request(
                "",
                Out::Typing(pb::SendTypingRequest { conversation_id }),
            )),
            Command::DropConnection => None,
        }
    }

    async fn handle(
        &mut self,
        response: pb::ChatResponse,
        outbound: &mpsc::Sender<pb::ChatRequest>,
    ) {
        let pb::ChatResponse { request_id, frame } = response;
        match frame {
            Some(In::SendResult(result)) => {
                let message = result.message.clone();
                if let Some(pending) = self.pending.remove(&request_id) {
                    let _ = pending.reply.send(Ok(In::SendResult(result)));
                }
                if let Some(message) = message {
                    self.deliver(message, outbound).await;
                }
            }
            Some(
                answer @ (In::EditResult(_)
                | In::AddReactionResult(_)
                | In::RemoveReactionResult(_)
                | In::PinResult(_)
                | In::UnpinResult(_)),
            ) => {
                if let Some(pending) = self.pending.remove(&request_id) {
                    let _ = pending.reply.send(Ok(answer));
                }
            }
            Some(In::Error(error)) => {
                if let Some(pending) = self.pending.remove(&request_id) {
                    let _ = pending.reply.send(Err(frame_status(error)));
                } else {
                    tracing::warn!(reason = %error.reason, message = %error.message, "frame refused");
                }
            }
            Some(In::SyncBatch(batch)) => {
                let conversation_id = batch.conversation_id.clone();
                let complete = (batch.messages.len() as i64) < 200;
                for message in batch.messages {
                    self.deliver_in_order(message);
                    self.flush_delivered().await;
                }
                if complete || batch.done {
                    self.syncing.remove(&conversation_id);
                    // Live messages skipped during the sync that it may not have covered.
                    let live = self.seen_live.remove(&conversation_id).unwrap_or_default();
                    let delivered = self
                        .delivered
                        .get(&conversation_id)
                        .copied()
                        .unwrap_or_default();
                    if live > delivered {
                        let cursor = pb::SyncCursor {
                            conversation_id,
                            last_seq: delivered,
                        };
                        self.request_sync(vec![cursor], outbound).await;
                    }
                }
            }
            Some(In::Event(pb::ServerEvent { event: Some(event) })) => {
                use pb::server_event::Event;
                match event {
                    Event::Message(message) => self.deliver(message, outbound).await,
                    Event::ReadReceipt(receipt) => {
                        self.emit(SessionEvent::ReadReceipt(receipt)).await
                    }
                    Event::Recall(recall) => self.emit(SessionEvent::Recall(recall)).await,
                    Event::Edit(edit) => self.emit(SessionEvent::Edit(edit)).await,
                    Event::Reaction(reaction) => self.emit(SessionEvent::Reaction(reaction)).await,
                    Event::Pin(pin) => self.emit(SessionEvent::Pin(pin)).await,
                    Event::Typing(typing) => self.emit(SessionEvent::Typing(typing)).await,
                    Event::Presence(presence) => self.emit(SessionEvent::Presence(presence)).await,
                }
            }
            _ => {}
        }
    }

    /// Delivers a live message, or syncs its conversation when it is not the next one.
    async fn deliver(&mut self, message: pb::Message, outbound: &mpsc::Sender<pb::ChatRequest>) {
        let conversation_id = message.conversation_id.clone();
        let last = self.delivered.get(&conversation_id).copied();
        if self.syncing.contains(&conversation_id) {
            let seen = self.seen_live.entry(conversation_id).or_default();
            *seen = (*seen).max(message.seq);
            return;
        }
        match last {
            Some(last) if message.seq > last + 1 => {
                let seen = self.seen_live.entry(conversation_id.clone()).or_default();
                *seen = (*seen).max(message.seq);
                let cursor = pb::SyncCursor {
                    conversation_id,
                    last_seq: last,
                };
                self.request_sync(vec![cursor], outbound).await;
            }
            _ => {
                self.deliver_in_order(message);
                self.flush_delivered().await;
            }
        }
    }

    /// Records a message that is next in its conversation (or new to the session).
    fn deliver_in_order(&mut self, message: pb::Message) {
        let last = self
            .delivered
            .entry(message.conversation_id.clone())
            .or_insert(message.seq - 1);
        if message.seq == *last + 1 {
            *last = message.seq;
            self.ready.push(message);
        }
    }

    async fn flush_delivered(&mut self) {
        for message in std::mem::take(&mut self.ready) {
            self.emit(SessionEvent::Message(message)).await;
        }
    }

    async fn emit(&self, event: SessionEvent) {
        let _ = self.events.send(event).await;
    }
}

fn lost(status: tonic::Status) -> Ended {
    if status.code() == tonic::Code::Unauthenticated {
        Ended::Unauthenticated(status)
    } else {
        Ended::Lost {
            reason: format!("{:?}: {}", status.code(), status.message()),
            now: false,
        }
    }
}

/// A refused frame as the status a unary call would have failed with, its reason kept as the
/// `ErrorInfo` of [`Error::reason`].
fn frame_status(error: pb::FrameError) -> tonic::Status {
    let code = tonic::Code::from_i32(error.code);
    if error.reason.is_empty() {
        return tonic::Status::new(code, error.message);
    }
    let details = tonic_types::ErrorDetails::with_error_info(error.reason, "easychat", []);
    tonic::Status::with_error_details(code, error.message, details)
}

fn text_request(
    conversation_id: &str,
    text: &str,
    reply_to_message_id: String,
) -> pb::SendMessageRequest {
    pb::SendMessageRequest {
        client_msg_id: uuid::Uuid::new_v4().to_string(),
        target: Some(pb::send_message_request::Target::ConversationId(
            conversation_id.to_owned(),
        )),
        content: Some(pb::MessageContent {
            kind: Some(pb::message_content::Kind::Text(pb::TextContent {
                text: text.to_owned(),
            })),
        }),
        reply_to_message_id,
        ..Default::default()
    }
}

fn chat_request(request_id: &str, frame: Out) -> pb::ChatRequest {
    pb::ChatRequest {
        request_id: request_id.to_owned(),
        frame: Some(frame),
    }
}
