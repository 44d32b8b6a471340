//! The message pipeline: how an accepted message becomes durable before its sender is acked
//! (docs/architecture.md, "The message path", step 4; docs/pipeline.md).
//!
//! - `DirectLog` (here): the embedded default, straight into the message store (one SQLite
//!   transaction assigns the seq and stores the message).
//! - `kafka`: production. The accepting node produces the message to Kafka (`acks=all`,
//!   idempotent, keyed by conversation); a consumer group stores it, which assigns its seq, and
//!   reports the result back; the sender is acked only then.
//! - `consumer`: the consumer group's side: stores what it takes in batches, numbering each
//!   conversation's run from the last seq it stored (`store_writer` retries the store).
//! - `waiters`: senders waiting for their outcome, and the push that runs when it arrives.
//! - `event`: the versioned protobuf events on the messages topic.
//! - `watchdog`: when this node's Kafka clients stall while the broker answers (a librdkafka
//!   bug), `kafka` replaces them.
//!
//! Outcomes for senders waiting on another node travel on the cluster bus (`cluster::bus`),
//! which hands them to `waiters` through its `WaitingSenders` port.

mod consumer;
pub mod event;
pub mod kafka;
mod store_writer;
pub mod waiters;
mod watchdog;

#[cfg(test)]
mod tests;

use std::sync::Arc;

use async_trait::async_trait;

use crate::domain::model::{Appended, NewMessage};
use crate::domain::ports::{AfterAppend, MessageLog, MessageStore};
use crate::error::Result;

/// The embedded pipeline: the store's own append is durable and assigns the seq.
pub struct DirectLog(pub Arc<dyn MessageStore>);

#[async_trait]
impl MessageLog for DirectLog {
    async fn append(&self, message: &NewMessage) -> Result<Appended> {
        self.0.append(message).await
    }

    /// The store's own, which keeps a conversation's `after`s in seq order under group commit.
    async fn append_then(
        &self,
        message: &NewMessage,
        _origin: Option<&str>,
        after: AfterAppend,
    ) -> Result<Appended> {
        self.0.append_then(message, after).await
    }
}
