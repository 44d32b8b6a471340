//! The consumer of the messages topic: takes what is ready, stores it (one run per
//! conversation), answers the waiting senders, commits.
//!
//! A batch is stored in one go: every conversation's records numbered on from that
//! conversation's last seq, ordered inserts of all runs (commands of up to 100 documents), then
//! one update of each conversation's state (its max seq and its senders' read seqs). The inserts
//! cost a round trip per 100 messages and the updates one per conversation, not per message, so
//! a busier pipeline stores more per round trip.
//!
//! A conversation lives in one partition and a partition has one consumer at a time, so the
//! consumer that stores a run is the only writer of that conversation while it owns the
//! partition. It keeps the last seq it stored for each conversation (`SeqHints`) and numbers
//! the next run from it with no read first: one ordered insert per run. A hint is only ever a
//! seq that is stored, so it is never ahead; it falls behind only when another writer appended
//! (a previous owner still finishing a batch after a rebalance), and then the store's unique
//! (conversation, seq) index refuses the insert and the store reads the true last seq. Hints are
//! dropped at every rebalance anyway, since a partition that comes back may have moved on.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use futures::FutureExt;
use rdkafka::client::ClientContext;
use rdkafka::consumer::{
    BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance, StreamConsumer,
};
use rdkafka::message::{Message as _, OwnedMessage};
use rdkafka::{Offset, TopicPartitionList};
use tokio_util::sync::CancellationToken;

use super::event;
use super::store_writer::store_runs_until_done;
use super::waiters::Waiters;
use crate::cluster::bus::Bus;
use crate::domain::messaging;
use crate::domain::model::{Appended, Message, NewMessage};
use crate::domain::ports::{Event, EventSink, MessageStore, NewRun, SocialStore, StoredRun};
use crate::error::Result;
use crate::observability::Metrics;

/// Records the consumer takes from its queue at once, stored together (one insert, an update
/// per conversation); under load, what arrives while a batch is being stored makes the next batch, so
/// batches grow with the load, and with them the messages per conversation per update. As large
/// as a node admits by default (`backends.kafka.max_in_flight`): at 4,096 a 1:1 peak of 1,000
/// users stored two batches per round of sends, each with an update of all 500 conversations
/// (BENCHMARKS.md, session 20: 1:1 peak on the real services +12 to 15 %).
const MAX_BATCH: usize = 8192;
/// Conversations whose last seq the consumer keeps; past it the hints are dropped (each costs
/// one read of its conversation when it next appears).
const MAX_HINTS: usize = 100_000;

/// The consumer's client context: counts rebalances, so the consumer knows when the partitions
/// it owns may have changed.
#[derive(Default)]
pub(super) struct Rebalances(AtomicU64);

impl Rebalances {
    fn count(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }
}

impl ClientContext for Rebalances {}

impl ConsumerContext for Rebalances {
    fn pre_rebalance(&self, _: &BaseConsumer<Self>, _: &Rebalance<'_>) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }
}

pub(super) type MessagesConsumer = StreamConsumer<Rebalances>;

/// What a running consumer shows of its progress, for the watchdog.
#[derive(Default)]
pub(super) struct Progress {
    /// Records received from Kafka.
    pub received: AtomicU64,
    /// Storing a batch (retrying the store while it is unavailable included).
    pub storing: AtomicBool,
}

/// The last stored seq of conversations in the partitions this consumer owns (see the module
/// comment for why they are never ahead).
#[derive(Default)]
struct SeqHints {
    last: HashMap<String, i64>,
    rebalances: u64,
}

impl SeqHints {
    fn get(&self, conversation_id: &str) -> Option<i64> {
        self.last.get(conversation_id).copied()
    }

    /// Drops every hint when the partitions may have changed owner since they were taken.
    fn check_owner(&mut self, rebalances: u64) {
        if rebalances != self.rebalances {
            self.rebalances = rebalances;
            self.last.clear();
        }
    }

    fn set(&mut self, conversation_id: &str, last_seq: Option<i64>) {
        match last_seq {
            Some(seq) => {
                if self.last.len() >= MAX_HINTS && !self.last.contains_key(conversation_id) {
                    self.last.clear();
                }
                self.last.insert(conversation_id.to_owned(), seq);
            }
            None => {
                self.last.remove(conversation_id);
            }
        }
    }
}

/// Where the outcome of storing a record goes: to the sender waiting on this node, or over the
/// bus to the node that accepted it; and the stored message to the conversation's members.
///
/// A sender waiting on this node pushes its message itself (its `after` step, with the
/// recipients it resolved when it accepted the send). Every other stored message is pushed
/// here: its sender's node may have stopped waiting (the send timed out and the client retries,
/// which finds a duplicate and pushes nothing) or died, and a message stored and never pushed
/// would reach its conversation's live sessions only at their next sync.
pub(super) struct Outcomes {
    pub waiters: Waiters,
    pub bus: Bus,
    pub node_id: String,
    /// Where group member lists are read for the pushes made here.
    pub graph: Arc<dyn SocialStore>,
    /// Where those pushes go: every node's sessions, counted as sent messages.
    pub events: Arc<dyn EventSink>,
}

impl Outcomes {
    /// Delivers a run's outcomes in store order, and pushes its new messages in that order:
    /// this node's senders one by one, each other node's in one bus event.
    async fn deliver(&self, run: &Run, messages: &[NewMessage], outcomes: Vec<Result<Appended>>) {
        let mut remote: HashMap<&str, Vec<(&str, Result<Appended>)>> = HashMap::new();
        // Read once per run, when a message of the run is pushed here.
        let mut recipients: Option<Vec<String>> = None;
        for ((origin, message), outcome) in run.origins.iter().zip(messages).zip(outcomes) {
            let outcome = outcome.map(|appended| same_send_is_no_duplicate(message, appended));
            let unpushed = match &outcome {
                Ok(appended) if !appended.duplicate => Some(appended.message.clone()),
                _ => None,
            };
            let pushed_by_sender = if origin.node == self.node_id {
                self.waiters.complete(&message.message_id, outcome)
            } else {
                remote
                    .entry(&origin.node)
                    .or_default()
                    .push((&message.message_id, outcome));
                false
            };
            if let (Some(stored), false) = (unpushed, pushed_by_sender) {
                self.push(stored, origin.session.as_deref(), &mut recipients)
                    .await;
            }
        }
        for (origin, outcomes) in remote {
            self.bus.messages_stored(origin, outcomes);
        }
    }

    /// Pushes a stored message to its conversation's live sessions but `origin_session`.
    async fn push(
        &self,
        message: Message,
        origin_session: Option<&str>,
        recipients: &mut Option<Vec<String>>,
    ) {
        if recipients.is_none() {
            match messaging::recipients(&*self.graph, &message.conversation_id).await {
                Ok(found) => *recipients = Some(found),
                Err(error) => {
                    // Stored, so not lost: its members get it at their next sync.
                    tracing::warn!(
                        conversation_id = %message.conversation_id,
                        %error,
                        "reading who to push a stored message to"
                    );
                    return;
                }
            }
        }
        let recipients = recipients.as_deref().unwrap_or_default();
        // The run's recipients are the conversation's; this sender's blockers are left out.
        let recipients =
            match messaging::recipients_of_message(&*self.graph, recipients, &message).await {
                Ok(recipients) => recipients,
                Err(error) => {
                    tracing::warn!(
                        conversation_id = %message.conversation_id,
                        %error,
                        "reading who blocked a stored message's sender"
                    );
                    return;
                }
            };
        self.events
            .publish(&recipients, Event::Message(message), origin_session);
    }
}

/// The store reports a record stored before (a redelivery after a crash, or a retry after a
/// partial write) as a duplicate of itself. For its sender it is the first answer to that send,
/// so it is not a duplicate: the message is pushed if nobody was told of it yet.
fn same_send_is_no_duplicate(message: &NewMessage, mut appended: Appended) -> Appended {
    if appended.duplicate && appended.message.message_id == message.message_id {
        appended.duplicate = false;
    }
    appended
}

/// Who waits for the messages of one conversation's run (`NewRun`), in the same order.
struct Run {
    conversation_id: String,
    origins: Vec<Origin>,
}

/// Where a record was sent from.
struct Origin {
    /// The node that accepted it (and may be waiting for it).
    node: String,
    /// The live session that sent it, if any.
    session: Option<String>,
}

/// Takes what is ready (up to `MAX_BATCH` records), stores it, answers the waiting senders,
/// commits. Runs until `stopping`, then commits, synchronously, exactly what it stored: a batch
/// it was still retrying stays uncommitted, and the next owner of its partitions stores it.
pub(super) async fn consume(
    consumer: Arc<MessagesConsumer>,
    store: Arc<dyn MessageStore>,
    outcomes: Arc<Outcomes>,
    progress: Arc<Progress>,
    stopping: CancellationToken,
) {
    let mut hints = SeqHints::default();
    let mut stored = StoredOffsets::default();
    loop {
        let first = tokio::select! {
            received = consumer.recv() => received.map(|message| message.detach()),
            () = stopping.cancelled() => break,
        };
        let mut batch = match first {
            Ok(message) => vec![message],
            Err(error) => {
                tracing::warn!(%error, "receiving from Kafka");
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            }
        };
        // recv is cancellation safe: what is not ready now stays queued for the next round.
        while batch.len() < MAX_BATCH {
            match consumer.recv().now_or_never() {
                Some(Ok(message)) => batch.push(message.detach()),
                Some(Err(error)) => {
                    tracing::warn!(%error, "receiving from Kafka");
                    break;
                }
                None => break,
            }
        }
        progress
            .received
            .fetch_add(batch.len() as u64, Ordering::Relaxed);
        // Checked after taking the batch: a rebalance that came before it counts, and one
        // during the store leaves hints behind at worst, which the unique index handles.
        hints.check_owner(consumer.context().count());
        stored.check_owner(consumer.context().count());
        progress.storing.store(true, Ordering::Relaxed);
        let done = store_batch(&store, &outcomes, &batch, &mut hints, &stopping).await;
        progress.storing.store(false, Ordering::Relaxed);
        if !done {
            // Stopping mid-batch: leave it uncommitted; the next owner of these partitions
            // stores it again (idempotent by message id) and nothing is lost.
            break;
        }
        stored.add(&batch);
        if let Err(error) = consumer.commit(&next_offsets(&batch), CommitMode::Async) {
            // The partitions may have moved to another node: it re-stores (idempotently).
            tracing::warn!(%error, "committing Kafka offsets");
        }
    }
    // Not `commit_consumer_state`: that commits every record handed out, the unstored batch
    // included, which the next owner would then skip. Synchronous, so off the async workers: a
    // client the watchdog is replacing may never answer.
    if let Some(offsets) = stored.to_list() {
        let committed =
            tokio::task::spawn_blocking(move || consumer.commit(&offsets, CommitMode::Sync)).await;
        if let Ok(Err(error)) = committed {
            tracing::debug!(%error, "final Kafka offset commit");
        }
    }
}

/// The next offset to read of every partition this consumer stored records of since the last
/// rebalance (a partition it owned before may have moved on under another node: committing its
/// old offset would make that node read it again).
#[derive(Default)]
struct StoredOffsets {
    next: HashMap<(String, i32), i64>,
    rebalances: u64,
}

impl StoredOffsets {
    fn check_owner(&mut self, rebalances: u64) {
        if rebalances != self.rebalances {
            self.rebalances = rebalances;
            self.next.clear();
        }
    }

    fn add(&mut self, batch: &[OwnedMessage]) {
        for record in batch {
            let next = self
                .next
                .entry((record.topic().to_owned(), record.partition()))
                .or_insert(0);
            *next = (*next).max(record.offset() + 1);
        }
    }

    fn to_list(&self) -> Option<TopicPartitionList> {
        if self.next.is_empty() {
            return None;
        }
        let mut offsets = TopicPartitionList::new();
        for ((topic, partition), next) in &self.next {
            let _ = offsets.add_partition_offset(topic, *partition, Offset::Offset(*next));
        }
        Some(offsets)
    }
}

/// Stores every record of the batch, each conversation's records as one run, all in one go;
/// then answers their senders. Returns false when stopping interrupted it.
async fn store_batch(
    store: &Arc<dyn MessageStore>,
    outcomes: &Outcomes,
    batch: &[OwnedMessage],
    hints: &mut SeqHints,
    stopping: &CancellationToken,
) -> bool {
    let (runs, mut to_store) = runs_of(batch);
    for (run, new) in runs.iter().zip(&mut to_store) {
        new.last_seq = hints.get(&run.conversation_id);
    }
    let Some(stored) = store_runs_until_done(store, &mut to_store, stopping).await else {
        return false;
    };
    for (
        (run, new),
        StoredRun {
            outcomes: stored,
            last_seq,
        },
    ) in runs.iter().zip(&to_store).zip(stored)
    {
        hints.set(&run.conversation_id, last_seq);
        outcomes.deliver(run, &new.messages, stored).await;
    }
    true
}

/// The batch's records decoded and grouped by conversation, each group in partition order: the
/// messages to store, and the nodes waiting for them.
fn runs_of(batch: &[OwnedMessage]) -> (Vec<Run>, Vec<NewRun>) {
    let mut runs: Vec<Run> = Vec::new();
    let mut messages: Vec<NewRun> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for record in batch {
        let accepted = match event::decode(record.payload().unwrap_or_default()) {
            Ok(accepted) => accepted,
            Err(error) => {
                // Not ours to guess at: skip it, loudly, rather than block the partition forever.
                tracing::error!(
                    topic = record.topic(),
                    partition = record.partition(),
                    offset = record.offset(),
                    %error,
                    "skipping a malformed pipeline record"
                );
                continue;
            }
        };
        let conversation_id = accepted.message.conversation_id.clone();
        let at = *index.entry(conversation_id.clone()).or_insert_with(|| {
            runs.push(Run {
                conversation_id,
                origins: Vec::new(),
            });
            messages.push(NewRun {
                messages: Vec::new(),
                last_seq: None,
            });
            runs.len() - 1
        });
        runs[at].origins.push(Origin {
            node: accepted.origin_node,
            session: accepted.origin_session,
        });
        messages[at].messages.push(accepted.message);
    }
    (runs, messages)
}

/// The offsets to commit after `batch`: one past the last record of each partition.
fn next_offsets(batch: &[OwnedMessage]) -> TopicPartitionList {
    let mut offsets = StoredOffsets::default();
    offsets.add(batch);
    offsets.to_list().unwrap_or_else(TopicPartitionList::new)
}

/// How many records of its assigned partitions the consumer has not received yet (for the
/// `pipeline_consumer_lag` gauge and the watchdog), or `None` when the broker could not say.
pub(super) async fn measure_lag(
    consumer: &Arc<MessagesConsumer>,
    metrics: &Metrics,
) -> Option<i64> {
    let consumer = consumer.clone();
    // librdkafka's metadata calls block: off the async workers.
    match tokio::task::spawn_blocking(move || consumer_lag(&consumer)).await {
        Ok(Ok(lag)) => {
            metrics.set_pipeline_lag(lag);
            Some(lag)
        }
        Ok(Err(error)) => {
            tracing::debug!(%error, "measuring the Kafka consumer lag");
            None
        }
        Err(_) => None,
    }
}

fn consumer_lag(consumer: &MessagesConsumer) -> rdkafka::error::KafkaResult<i64> {
    let positions = consumer.position()?;
    let mut lag = 0;
    for element in positions.elements() {
        // Before the first fetch of a partition its position is not an offset yet: not counted
        // rather than guessed.
        let Some(position) = element.offset().to_raw().filter(|p| *p >= 0) else {
            continue;
        };
        let (_, end) = consumer.fetch_watermarks(
            element.topic(),
            element.partition(),
            Duration::from_secs(2),
        )?;
        lag += (end - position).max(0);
    }
    Ok(lag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_are_dropped_when_partitions_may_have_moved() {
        let mut hints = SeqHints::default();
        hints.check_owner(0);
        hints.set("g_1", Some(5));
        hints.check_owner(0);
        assert_eq!(hints.get("g_1"), Some(5), "no rebalance: kept");
        hints.check_owner(1);
        assert_eq!(hints.get("g_1"), None, "after a rebalance: read again");
    }

    #[test]
    fn an_unknown_last_seq_forgets_the_hint() {
        let mut hints = SeqHints::default();
        hints.set("g_1", Some(5));
        hints.set("g_1", None);
        assert_eq!(hints.get("g_1"), None);
    }

    #[test]
    fn hints_stay_bounded() {
        let mut hints = SeqHints::default();
        for n in 0..=MAX_HINTS {
            hints.set(&format!("g_{n}"), Some(1));
        }
        assert!(hints.last.len() <= MAX_HINTS);
        assert_eq!(
            hints.get(&format!("g_{MAX_HINTS}")),
            Some(1),
            "the newest is kept"
        );
    }

    fn record(partition: i32, offset: i64) -> OwnedMessage {
        OwnedMessage::new(
            None,
            None,
            "messages".to_owned(),
            rdkafka::Timestamp::NotAvailable,
            partition,
            offset,
            None,
        )
    }

    #[test]
    fn the_final_commit_names_the_next_offset_after_what_was_stored_per_partition() {
        let mut stored = StoredOffsets::default();
        assert!(
            stored.to_list().is_none(),
            "nothing stored, nothing committed"
        );
        stored.add(&[record(0, 7), record(1, 3), record(0, 5)]);
        stored.add(&[record(1, 4)]);
        let offsets = stored.to_list().unwrap();
        let next = |partition| {
            offsets
                .find_partition("messages", partition)
                .map(|element| element.offset())
        };
        assert_eq!(next(0), Some(Offset::Offset(8)));
        assert_eq!(next(1), Some(Offset::Offset(5)));
        assert_eq!(
            next(2),
            None,
            "a partition it stored nothing of is not committed"
        );
        stored.check_owner(1);
        assert!(
            stored.to_list().is_none(),
            "after a rebalance, partitions stored before are not committed again"
        );
    }
}
