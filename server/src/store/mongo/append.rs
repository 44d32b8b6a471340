//! Appending a message: dedup, then the next seq of its conversation, taken by the insert itself.
//!
//! Seqs must be dense (clients tell they have everything from having every number) and never
//! reused. So no seq is reserved ahead of the insert (a counter or a block taken and then not
//! written would leave a hole): the append reads the last stored seq (from the seq cache, else
//! the conversation's max seq; after a collision from the messages themselves), and inserts the
//! message with the next one. The unique index on
//! (conversation_id, seq) makes that insert the allocation: if another writer (another node, or a
//! stale cache) got there first, the insert fails with a duplicate key, the append rereads the
//! true last seq from MongoDB and tries again. The same failure on `_id` or on
//! (sender_id, client_msg_id) means the message is already stored (a redelivery, a retried send):
//! the original is returned as a duplicate.
//!
//! The cache is advanced only after an insert succeeded, so it is never ahead of MongoDB; missing
//! or behind, it costs a read or a retry, never a wrong seq. Appends to one conversation are
//! serialised inside the process (`KeyedLocks`), from choosing the seq until the conversation's
//! state is updated, so one node never races itself and its acks and pushes follow seq order.
//!
//! After the insert the conversation's state catches up (`$max` of max seq and updated at, and the
//! sender's read seq). A crash in between leaves it behind until the next append or the
//! redelivery of the same message, which repairs it: duplicates apply the same `$max` again.

use std::collections::HashMap;

use bson::doc;
use mongodb::error::ErrorKind;
use serde::Deserialize;

use super::documents::MessageDoc;
use super::{DUPLICATE_KEY, MongoStore, is_duplicate_key, mongo_error};
use crate::domain::model::{Appended, NewMessage};
use crate::domain::ports::StoredRun;
use crate::error::{Error, Result};

/// Inserts one append tries before answering UNAVAILABLE. A failed try means another process
/// stored a message in the conversation meanwhile (this one's appends are serialised), so only
/// heavy contention from other nodes gets here; the caller retries later.
const MAX_ATTEMPTS: usize = 32;

const CONTEXT: &str = "storing a message";

/// Only the seq of a message, for the last-seq query.
#[derive(Deserialize)]
struct SeqOnly {
    seq: i64,
}

impl MongoStore {
    pub(super) async fn append_message(&self, message: &NewMessage) -> Result<Appended> {
        let conversation_id = message.conversation_id.as_str();
        let turn = self.append_locks.lock(conversation_id).await;
        let (conversation, cached) = tokio::join!(
            self.conversation(conversation_id),
            self.cached_last_seq(conversation_id)
        );
        let Some(conversation) = conversation? else {
            // The domain opens the conversation and appends again.
            return Err(Error::not_found(
                "CONVERSATION_NOT_FOUND",
                format!("conversation {conversation_id} does not exist"),
            ));
        };
        // Without the cache, the conversation's max seq (just read, by _id) is the start: it is
        // raised only after an insert, so it is never ahead of the messages; behind (a crash
        // between the insert and its update), the insert collides and the truth is read.
        let mut last = cached.unwrap_or(conversation.max_seq);
        for _ in 0..MAX_ATTEMPTS {
            let stored = message_doc(message, last + 1);
            match self.messages.insert_one(&stored).await {
                Ok(_) => {
                    self.advance_cache(conversation_id, stored.seq).await;
                    self.record_stored(&stored).await?;
                    // Released only now, as the embedded store's transaction ends: the caller
                    // publishes the message next, and the next append of the conversation has
                    // a whole append to do before it can publish its own, so pushes leave in
                    // seq order.
                    drop(turn);
                    return Ok(Appended {
                        message: stored.into(),
                        duplicate: false,
                    });
                }
                Err(e) if is_duplicate_key(&e) => {
                    if let Some(original) = self.original_of(message).await? {
                        self.record_stored(&original).await?;
                        drop(turn);
                        return Ok(Appended {
                            message: original.into(),
                            duplicate: true,
                        });
                    }
                    // The seq was taken (another node, or the cache was behind): start from the
                    // truth, and let the cache know it too.
                    last = self.stored_last_seq(conversation_id).await?;
                    self.advance_cache(conversation_id, last).await;
                }
                Err(e) => return Err(mongo_error(CONTEXT)(e)),
            }
        }
        Err(Error::unavailable(
            CONTEXT,
            format!("conversation {conversation_id}: every seq tried was taken meanwhile"),
        ))
    }

    /// Stores a run of one conversation's messages with one ordered `insert_many` numbered from
    /// `believed` (the caller's last seq; read from the conversation when unknown), then one
    /// update of the conversation's state and one of each sender's read seq. An ordered insert
    /// stops at the first document a unique index refuses: what came before it is stored; the
    /// refused one is a duplicate (its original is found) or its seq was taken (another writer:
    /// the true last seq is read and the rest numbered from it), and the insert goes on with
    /// the rest.
    pub(super) async fn append_run(
        &self,
        messages: &[NewMessage],
        believed: Option<i64>,
    ) -> Result<StoredRun> {
        let Some(first) = messages.first() else {
            return Ok(StoredRun {
                outcomes: Vec::new(),
                last_seq: believed,
            });
        };
        let conversation_id = first.conversation_id.as_str();
        debug_assert!(
            messages
                .iter()
                .all(|m| m.conversation_id == conversation_id)
        );
        let turn = self.append_locks.lock(conversation_id).await;
        let mut last = match believed {
            Some(last) => last,
            // Raised only after inserts, so never ahead of the messages (see `append_message`).
            None => match self.conversation(conversation_id).await? {
                Some(conversation) => conversation.max_seq,
                None => {
                    let missing = || {
                        Err(Error::not_found(
                            "CONVERSATION_NOT_FOUND",
                            format!("conversation {conversation_id} does not exist"),
                        ))
                    };
                    return Ok(StoredRun {
                        outcomes: messages.iter().map(|_| missing()).collect(),
                        last_seq: None,
                    });
                }
            },
        };
        let mut stored: Vec<(MessageDoc, bool)> = Vec::with_capacity(messages.len());
        let mut seqs_taken = 0;
        while stored.len() < messages.len() {
            let rest = &messages[stored.len()..];
            let docs: Vec<MessageDoc> = rest
                .iter()
                .zip(last + 1..)
                .map(|(message, seq)| message_doc(message, seq))
                .collect();
            let refused = match self.messages.insert_many(&docs).await {
                Ok(_) => docs.len(),
                Err(e) => match first_refused(&e) {
                    Some(index) if index < docs.len() => index,
                    // Not a unique index: how much got in is unknown, and the caller retries
                    // the run (what did get in comes back as duplicates).
                    _ => return Err(mongo_error(CONTEXT)(e)),
                },
            };
            let mut docs = docs.into_iter();
            for doc in docs.by_ref().take(refused) {
                last = doc.seq;
                stored.push((doc, false));
            }
            if stored.len() == messages.len() {
                break;
            }
            if let Some(original) = self.original_of(&messages[stored.len()]).await? {
                stored.push((original, true));
                continue;
            }
            seqs_taken += 1;
            tracing::info!(
                conversation_id,
                seq = last + 1,
                "another writer stored this seq first (a partition changing owner); reading the last seq"
            );
            if seqs_taken == MAX_ATTEMPTS {
                return Err(Error::unavailable(
                    CONTEXT,
                    format!("conversation {conversation_id}: every seq tried was taken meanwhile"),
                ));
            }
            last = self.stored_last_seq(conversation_id).await?;
        }
        self.record_run(conversation_id, &stored).await?;
        // Released once the state is up to date, as `append_message` does.
        drop(turn);
        Ok(StoredRun {
            outcomes: stored
                .into_iter()
                .map(|(doc, duplicate)| {
                    Ok(Appended {
                        message: doc.into(),
                        duplicate,
                    })
                })
                .collect(),
            last_seq: Some(last),
        })
    }

    /// `record_stored` for a run at once: the conversation's max seq to the highest stored
    /// (originals included, which repairs what a crash after their insert left behind), and
    /// each sender's read seq to their last message.
    async fn record_run(&self, conversation_id: &str, run: &[(MessageDoc, bool)]) -> Result<()> {
        let in_conversation = || {
            run.iter()
                .map(|(doc, _)| doc)
                .filter(|doc| doc.conversation_id == conversation_id)
        };
        let Some(highest) = in_conversation().max_by_key(|doc| doc.seq) else {
            return Ok(());
        };
        let mut senders: HashMap<&str, i64> = HashMap::new();
        for doc in in_conversation() {
            let seq = senders.entry(&doc.sender_id).or_insert(doc.seq);
            *seq = (*seq).max(doc.seq);
        }
        let latest = in_conversation()
            .map(|doc| doc.sent_at)
            .max()
            .unwrap_or(highest.sent_at);
        let conversation = self.conversations.update_one(
            doc! { "_id": conversation_id },
            doc! { "$max": { "max_seq": highest.seq, "updated_at": latest } },
        );
        let senders = senders.into_iter().map(|(sender, seq)| {
            self.user_conversations
                .update_one(
                    super::documents::user_conversation_key(sender, conversation_id),
                    doc! { "$max": { "read_seq": seq } },
                )
                .into_future()
        });
        let (conversation, senders) =
            tokio::join!(conversation, futures::future::join_all(senders));
        conversation.map_err(mongo_error(CONTEXT))?;
        for sender in senders {
            sender.map_err(mongo_error(CONTEXT))?;
        }
        Ok(())
    }

    /// The last seq stored in the conversation (0 when it has no message), from the unique
    /// (conversation_id, seq) index.
    pub(super) async fn stored_last_seq(&self, conversation_id: &str) -> Result<i64> {
        let last = self
            .messages
            .clone_with_type::<SeqOnly>()
            .find_one(doc! { "conversation_id": conversation_id })
            .sort(doc! { "seq": -1 })
            .projection(doc! { "_id": 0, "seq": 1 })
            .await
            .map_err(mongo_error("reading the last seq of a conversation"))?;
        Ok(last.map_or(0, |doc| doc.seq))
    }

    /// The message already stored under this message id, else under this (sender,
    /// client_msg_id).
    async fn original_of(&self, message: &NewMessage) -> Result<Option<MessageDoc>> {
        if let Some(original) = self.message_doc(&message.message_id).await? {
            return Ok(Some(original));
        }
        self.messages
            .find_one(doc! {
                "sender_id": &message.sender_id,
                "client_msg_id": &message.client_msg_id,
            })
            .projection(super::documents::message_projection())
            .await
            .map_err(mongo_error(CONTEXT))
    }

    /// Brings the conversation's state up to a stored message (idempotent): its max seq and
    /// activity time, and the sender's read seq (senders have read what they sent).
    async fn record_stored(&self, stored: &MessageDoc) -> Result<()> {
        let conversation = self.conversations.update_one(
            doc! { "_id": &stored.conversation_id },
            doc! { "$max": { "max_seq": stored.seq, "updated_at": stored.sent_at } },
        );
        let sender = self.user_conversations.update_one(
            super::documents::user_conversation_key(&stored.sender_id, &stored.conversation_id),
            doc! { "$max": { "read_seq": stored.seq } },
        );
        let (conversation, sender) = tokio::join!(conversation, sender);
        conversation.map_err(mongo_error(CONTEXT))?;
        sender.map_err(mongo_error(CONTEXT))?;
        Ok(())
    }

    /// The cached last seq; a cache that fails counts as a miss (it is only a shortcut).
    async fn cached_last_seq(&self, conversation_id: &str) -> Option<i64> {
        match self.seq_cache.last_seq(conversation_id).await {
            Ok(seq) => seq,
            Err(e) => {
                tracing::warn!(%e, conversation_id, "seq cache unavailable; reading MongoDB");
                None
            }
        }
    }

    /// Raises the cached last seq to a stored one; a failure leaves it behind, which is safe.
    async fn advance_cache(&self, conversation_id: &str, seq: i64) {
        if let Err(e) = self.seq_cache.advance(conversation_id, seq).await {
            tracing::warn!(%e, conversation_id, seq, "could not advance the seq cache");
        }
    }
}

fn message_doc(message: &NewMessage, seq: i64) -> MessageDoc {
    MessageDoc {
        id: message.message_id.clone(),
        conversation_id: message.conversation_id.clone(),
        seq,
        sender_id: message.sender_id.clone(),
        client_msg_id: message.client_msg_id.clone(),
        content: Some(message.content.clone()),
        sent_at: message.sent_at,
        recalled_by: None,
        recalled_at: None,
    }
}

/// Where an ordered `insert_many` stopped because a unique index refused a document: its index
/// (every document before it is stored). `None` for any other failure.
fn first_refused(e: &mongodb::error::Error) -> Option<usize> {
    let ErrorKind::InsertMany(insert) = e.kind.as_ref() else {
        return None;
    };
    if insert.write_concern_error.is_some() {
        return None;
    }
    let errors = insert.write_errors.as_ref()?;
    match errors.as_slice() {
        [only] if only.code == DUPLICATE_KEY => Some(only.index),
        _ => None,
    }
}
