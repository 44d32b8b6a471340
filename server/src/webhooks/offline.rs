//! `offline_message`: a message reached members with no live session anywhere (the presence
//! directory says so), which a push provider turns into a notification. Gathered per recipient
//! for `webhooks.delivery.offline_batch_ms`, so a burst becomes one event per recipient, each
//! message with its conversation's unread count and a preview that a muted conversation hides.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::events::{OFFLINE_MESSAGE, conversation_type, event, preview};
use crate::domain::model::Message;
use crate::domain::ports::{MessageStore, OutboxEvent, Presence, UserStore};

/// Messages kept per recipient and batch; more are counted in `more`.
const MAX_MESSAGES_PER_EVENT: usize = 20;
/// Recipients waiting at once; messages for others are dropped (logged) past it, so a flood
/// cannot take the server's memory.
const MAX_WAITING_RECIPIENTS: usize = 100_000;
/// How often due batches are looked for.
const TICK: Duration = Duration::from_millis(50);

/// What the batcher reads to fill in an event.
#[derive(Clone)]
pub struct Readers {
    pub presence: Arc<dyn Presence>,
    pub users: Arc<dyn UserStore>,
    pub messages: Arc<dyn MessageStore>,
}

/// A stored message and who it was pushed to.
pub type Delivered = (Message, Vec<String>);

struct Waiting {
    since: Instant,
    messages: Vec<Message>,
    more: usize,
}

pub struct Batcher {
    pub readers: Readers,
    pub window: Duration,
    /// Where finished events go (the outbox queue).
    pub record: Box<dyn Fn(OutboxEvent) + Send + Sync>,
}

impl Batcher {
    pub async fn run(self, mut delivered: mpsc::Receiver<Delivered>, stop: CancellationToken) {
        let mut waiting: HashMap<String, Waiting> = HashMap::new();
        let mut tick = tokio::time::interval(TICK);
        loop {
            tokio::select! {
                received = delivered.recv() => match received {
                    Some((message, recipients)) => self.gather(&mut waiting, message, recipients).await,
                    None => break,
                },
                _ = tick.tick() => {
                    let now = Instant::now();
                    let due = waiting
                        .extract_if(|_, w| now.duration_since(w.since) >= self.window)
                        .collect();
                    self.flush(due).await;
                }
                () = stop.cancelled() => break,
            }
        }
        // Stopping: what was gathered goes out now rather than being lost.
        while let Ok((message, recipients)) = delivered.try_recv() {
            self.gather(&mut waiting, message, recipients).await;
        }
        self.flush(waiting.into_iter().collect()).await;
    }

    async fn gather(
        &self,
        waiting: &mut HashMap<String, Waiting>,
        message: Message,
        recipients: Vec<String>,
    ) {
        let candidates: Vec<String> = recipients
            .into_iter()
            .filter(|r| *r != message.sender_id)
            .collect();
        if candidates.is_empty() {
            return;
        }
        let online = match self.readers.presence.online_among(&candidates).await {
            Ok(online) => online,
            Err(error) => {
                tracing::warn!(%error, "reading presence for offline_message; not sent");
                return;
            }
        };
        for recipient in candidates.into_iter().filter(|r| !online.contains(r)) {
            if !waiting.contains_key(&recipient) && waiting.len() >= MAX_WAITING_RECIPIENTS {
                tracing::warn!(%recipient, "too many offline recipients waiting; offline_message dropped");
                continue;
            }
            let entry = waiting.entry(recipient).or_insert_with(|| Waiting {
                since: Instant::now(),
                messages: Vec::new(),
                more: 0,
            });
            if entry.messages.len() < MAX_MESSAGES_PER_EVENT {
                entry.messages.push(message.clone());
            } else {
                entry.more += 1;
            }
        }
    }

    /// Turns each recipient's waiting messages into one event.
    async fn flush(&self, due: Vec<(String, Waiting)>) {
        if due.is_empty() {
            return;
        }
        let senders: Vec<String> = due
            .iter()
            .flat_map(|(_, w)| w.messages.iter().map(|m| m.sender_id.clone()))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let names: HashMap<String, String> = match self.readers.users.users_by_ids(&senders).await {
            Ok(users) => users.into_iter().map(|u| (u.user_id, u.nickname)).collect(),
            Err(error) => {
                tracing::warn!(%error, "reading sender names for offline_message");
                HashMap::new()
            }
        };
        for (recipient, waiting) in due {
            let mut items = Vec::with_capacity(waiting.messages.len());
            // One read of the recipient's state per conversation of the batch.
            let mut states = HashMap::new();
            for message in &waiting.messages {
                let conversation = message.conversation_id.as_str();
                if !states.contains_key(conversation) {
                    let state = self
                        .readers
                        .messages
                        .user_conversation(&recipient, conversation)
                        .await
                        .unwrap_or_else(|error| {
                            tracing::warn!(%error, "reading a conversation for offline_message");
                            None
                        });
                    states.insert(conversation.to_owned(), state);
                }
                let Some(Some(state)) = states.get(conversation) else {
                    // Left the conversation (or it was deleted for them) since.
                    continue;
                };
                items.push(item(
                    message,
                    &recipient,
                    state.muted,
                    state.unread(),
                    &names,
                ));
            }
            if items.is_empty() {
                continue;
            }
            (self.record)(event(
                OFFLINE_MESSAGE,
                json!({
                    "recipient_id": recipient,
                    "messages": items,
                    "more": waiting.more,
                }),
            ));
        }
    }
}

fn item(
    message: &Message,
    recipient: &str,
    muted: bool,
    unread: i64,
    names: &HashMap<String, String>,
) -> Value {
    let mentioned =
        message.mentions.all || message.mentions.user_ids.iter().any(|u| u == recipient);
    json!({
        "conversation_id": message.conversation_id,
        "conversation_type": conversation_type(message.kind),
        "message_id": message.message_id,
        "seq": message.seq,
        "sender_id": message.sender_id,
        "sender_name": names.get(&message.sender_id).cloned().unwrap_or_default(),
        "sent_at_ms": message.sent_at,
        // A muted conversation's notification shows no text (the app may still show a badge).
        "preview": if muted { String::new() } else { preview(message.content.as_ref()) },
        "muted": muted,
        "mentioned": mentioned,
        "unread_count": unread,
    })
}
