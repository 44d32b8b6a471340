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

use bson::doc;
use serde::Deserialize;

use super::documents::MessageDoc;
use super::{MongoStore, is_duplicate_key, mongo_error};
use crate::domain::model::{Appended, NewMessage};
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
            let stored = MessageDoc {
                id: message.message_id.clone(),
                conversation_id: message.conversation_id.clone(),
                seq: last + 1,
                sender_id: message.sender_id.clone(),
                client_msg_id: message.client_msg_id.clone(),
                content: Some(message.content.clone()),
                sent_at: message.sent_at,
                recalled_by: None,
                recalled_at: None,
            };
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
