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
//! After the insert the conversation's state catches up: one `$max` of its max seq, updated at
//! and the sender's entry in its sent seqs (which counts as the sender's read seq). A crash in
//! between leaves it behind until the next append or the redelivery of the same message, which
//! repairs it: duplicates apply the same `$max` again.

use std::collections::HashMap;
use std::time::Instant;

use bson::doc;
use mongodb::error::ErrorKind;
use serde::Deserialize;

use super::documents::{MessageDoc, sent_seq_path};
use super::{DUPLICATE_KEY, MongoStore, is_duplicate_key, mongo_error};
use crate::domain::model::{Appended, NewMessage};
use crate::domain::ports::{NewRun, StoredRun};
use crate::error::{Error, Reason, Result};

/// Inserts one append tries before answering UNAVAILABLE. A failed try means another process
/// stored a message in the conversation meanwhile (this one's appends are serialised), so only
/// heavy contention from other nodes gets here; the caller retries later.
const MAX_ATTEMPTS: usize = 32;

const CONTEXT: &str = "storing a message";

/// Documents per `insert_many`. The numbering of a run relies on an ordered insert stopping at
/// the first refused document; FerretDB 1.24 honours that only within its own internal batches
/// of 100 documents and goes on with the next batch of the same command (a redelivered batch
/// was refused at documents 0, 100, 200 and 300), so no command carries more than one.
const INSERT_CHUNK: usize = 100;

/// Only the seq of a message, for the last-seq query.
#[derive(Deserialize)]
struct SeqOnly {
    seq: i64,
}

impl MongoStore {
    pub(super) async fn append_message(&self, message: &NewMessage) -> Result<Appended> {
        self.record_mentions([message]).await?;
        let conversation_id = message.conversation_id.as_str();
        let turn = self.append_locks.lock(conversation_id).await;
        let (conversation, cached) = tokio::join!(
            self.conversation(conversation_id),
            self.cached_last_seq(conversation_id)
        );
        let Some(conversation) = conversation? else {
            // The domain opens the conversation and appends again.
            return Err(Error::not_found(
                Reason::ConversationNotFound,
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

    /// Stores runs of messages (each one conversation's) with ordered `insert_many`s of up to
    /// `INSERT_CHUNK` documents taking every run in turn, each run numbered from its `last_seq`
    /// (read from the conversation when unknown), then one update of each conversation's state
    /// (its senders' seqs included). An ordered insert stops at the first document a unique
    /// index refuses: what came before it is stored; the refused one is a duplicate (its original
    /// is found; the rest of its run moves down a seq) or its seq was taken (another writer: the
    /// true last seq is read and the rest of its run numbered from it), and the insert goes on
    /// with the rest.
    pub(super) async fn append_runs(&self, runs: &[NewRun]) -> Result<Vec<StoredRun>> {
        self.record_mentions(runs.iter().flat_map(|run| &run.messages))
            .await?;
        // Every conversation's lock, in one order (no two batches can wait on each other), held
        // until its state is written: single appends, read-seq raises and clears of these
        // conversations wait (FerretDB does not apply `$max` atomically).
        let mut conversation_ids: Vec<&str> = runs
            .iter()
            .filter_map(|run| run.messages.first())
            .map(|m| m.conversation_id.as_str())
            .collect();
        conversation_ids.sort_unstable();
        conversation_ids.dedup();
        let mut turns = Vec::with_capacity(conversation_ids.len());
        for conversation_id in &conversation_ids {
            turns.push(self.append_locks.lock(conversation_id).await);
        }
        let started = Instant::now();
        let mut progress = self.start_runs(runs).await?;
        loop {
            // The next messages not yet decided (at most `INSERT_CHUNK`), each run's numbered on
            // from its last seq.
            let mut docs = Vec::new();
            let mut owners = Vec::new();
            'runs: for (r, (run, state)) in runs.iter().zip(&progress).enumerate() {
                let Some(last) = state.last else { continue };
                let rest = &run.messages[state.stored.len()..];
                for (message, seq) in rest.iter().zip(last + 1..) {
                    if docs.len() == INSERT_CHUNK {
                        break 'runs;
                    }
                    docs.push(message_doc(message, seq));
                    owners.push(r);
                }
            }
            if docs.is_empty() {
                break;
            }
            let refused = match self.messages.insert_many(&docs).await {
                Ok(_) => docs.len(),
                Err(e) => match first_refused(&e) {
                    Some(index) if index < docs.len() => index,
                    // Not a unique index: how much got in is unknown, and the caller retries
                    // (what did get in comes back as duplicates).
                    _ => return Err(mongo_error(CONTEXT)(e)),
                },
            };
            let mut docs = docs.into_iter();
            for (doc, r) in docs.by_ref().take(refused).zip(&owners) {
                let state = &mut progress[*r];
                state.last = Some(doc.seq);
                state.stored.push((doc, false));
            }
            let Some(&r) = owners.get(refused) else {
                continue;
            };
            let state = &mut progress[r];
            let message = &runs[r].messages[state.stored.len()];
            if let Some(original) = self.original_of(message).await? {
                state.stored.push((original, true));
                continue;
            }
            state.seqs_taken += 1;
            tracing::info!(
                conversation_id = %message.conversation_id,
                seq = state.last.unwrap_or_default() + 1,
                "another writer stored this seq first (a partition changing owner); reading the last seq"
            );
            if state.seqs_taken == MAX_ATTEMPTS {
                return Err(Error::unavailable(
                    CONTEXT,
                    format!(
                        "conversation {}: every seq tried was taken meanwhile",
                        message.conversation_id
                    ),
                ));
            }
            state.last = Some(self.stored_last_seq(&message.conversation_id).await?);
        }
        let inserted = started.elapsed();
        self.record_runs(&progress).await?;
        // Released once the state is up to date, as `append_message` does.
        drop(turns);
        tracing::debug!(
            messages = progress.iter().map(|run| run.stored.len()).sum::<usize>(),
            conversations = conversation_ids.len(),
            inserts_ms = inserted.as_millis(),
            state_updates_ms = (started.elapsed() - inserted).as_millis(),
            "stored a batch"
        );
        Ok(progress.into_iter().map(RunProgress::finish).collect())
    }

    /// Where each run starts: its believed last seq, else its conversation's max seq (raised
    /// only after inserts, so never ahead of the messages), the unknown ones read concurrently;
    /// `None` for a conversation that does not exist.
    async fn start_runs(&self, runs: &[NewRun]) -> Result<Vec<RunProgress>> {
        let starts = runs.iter().map(|run| async move {
            match (run.last_seq, run.messages.first()) {
                (Some(last), _) => Ok(Some(last)),
                (None, Some(first)) => Ok(self
                    .conversation(&first.conversation_id)
                    .await?
                    .map(|conversation| conversation.max_seq)),
                (None, None) => Ok(None),
            }
        });
        let starts: Vec<Result<Option<i64>>> = futures::future::join_all(starts).await;
        runs.iter()
            .zip(starts)
            .map(|(run, last)| {
                Ok(RunProgress {
                    conversation_id: run
                        .messages
                        .first()
                        .map(|m| m.conversation_id.clone())
                        .unwrap_or_default(),
                    count: run.messages.len(),
                    last: last?,
                    stored: Vec::with_capacity(run.messages.len()),
                    seqs_taken: 0,
                })
            })
            .collect()
    }

    /// `record_stored` for whole runs at once, one update per conversation: its max seq to the
    /// highest stored (originals included, which repairs what a crash after their insert left
    /// behind), its activity time, and each sender's seq to their last message.
    async fn record_runs(&self, runs: &[RunProgress]) -> Result<()> {
        let mut conversations = Vec::new();
        for run in runs {
            let in_conversation = || {
                run.stored
                    .iter()
                    .map(|(doc, _)| doc)
                    .filter(|doc| doc.conversation_id == run.conversation_id)
            };
            let Some(highest) = in_conversation().map(|doc| doc.seq).max() else {
                continue;
            };
            let latest = in_conversation().map(|doc| doc.sent_at).max();
            let mut senders: HashMap<&str, i64> = HashMap::new();
            for doc in in_conversation() {
                let seq = senders.entry(&doc.sender_id).or_insert(doc.seq);
                *seq = (*seq).max(doc.seq);
            }
            let mut raised = doc! { "max_seq": highest, "updated_at": latest.unwrap_or_default() };
            for (sender, seq) in senders {
                raised.insert(sent_seq_path(sender)?, seq);
            }
            conversations.push((
                doc! { "_id": &run.conversation_id },
                doc! { "$max": raised },
            ));
        }
        self.update_each(&self.conversations, conversations, CONTEXT)
            .await
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

    /// Brings the conversation's state up to a stored message (idempotent): its max seq,
    /// activity time and the sender's seq (senders have read what they sent).
    async fn record_stored(&self, stored: &MessageDoc) -> Result<()> {
        self.conversations
            .update_one(
                doc! { "_id": &stored.conversation_id },
                doc! { "$max": {
                    "max_seq": stored.seq,
                    "updated_at": stored.sent_at,
                    sent_seq_path(&stored.sender_id)?: stored.seq,
                } },
            )
            .await
            .map_err(mongo_error(CONTEXT))?;
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
        reply_to: message.reply_to.clone(),
        edited_at: None,
        mentions: super::documents::mentions_field(&message.mentions),
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

/// How far the store got with one run of `append_runs`.
struct RunProgress {
    conversation_id: String,
    count: usize,
    /// The run's last stored seq so far; `None`: the conversation does not exist.
    last: Option<i64>,
    /// The run's messages decided so far, in order: (stored document, is a duplicate).
    stored: Vec<(MessageDoc, bool)>,
    seqs_taken: usize,
}

impl RunProgress {
    fn finish(self) -> StoredRun {
        if self.last.is_none() {
            let conversation_id = self.conversation_id;
            return StoredRun {
                outcomes: (0..self.count)
                    .map(|_| {
                        Err(Error::not_found(
                            Reason::ConversationNotFound,
                            format!("conversation {conversation_id} does not exist"),
                        ))
                    })
                    .collect(),
                last_seq: None,
            };
        }
        StoredRun {
            outcomes: self
                .stored
                .into_iter()
                .map(|(doc, duplicate)| {
                    Ok(Appended {
                        message: doc.into(),
                        duplicate,
                    })
                })
                .collect(),
            last_seq: self.last,
        }
    }
}
