//! Merges group read receipts: in a big group every member's read position would otherwise
//! fan out to every member, one push per receipt. Receipts are buffered per conversation
//! (latest position per reader) and flushed after `flush_count` receipts or `flush_ms`.

use std::collections::HashMap;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::domain::ids::ConversationKind;
use crate::domain::ports::Event;

struct Receipt {
    recipients: Vec<String>,
    conversation_id: String,
    positions: Vec<(String, i64)>,
}

#[derive(Default)]
struct Pending {
    recipients: Vec<String>,
    positions: HashMap<String, i64>,
    count: usize,
}

pub struct ReceiptMerger {
    queue: mpsc::Sender<Receipt>,
}

/// Receipts waiting for the merger at most; past it they go out unmerged.
const QUEUE: usize = 4096;

impl ReceiptMerger {
    /// Starts the merging task; it flushes what it holds and stops when `shutdown` turns true.
    pub fn start(
        flush_count: usize,
        flush_ms: u64,
        shutdown: CancellationToken,
        deliver: impl Fn(Vec<String>, Event) + Send + Sync + 'static,
    ) -> ReceiptMerger {
        let (queue, mut incoming) = mpsc::channel::<Receipt>(QUEUE);
        let flush_count = flush_count.max(1);
        tokio::spawn(async move {
            let mut pending: HashMap<String, Pending> = HashMap::new();
            // The first tick one period from now: `interval` would fire at once, flushing the
            // receipts that came first before they had a chance to merge.
            let period = Duration::from_millis(flush_ms.max(1));
            let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    receipt = incoming.recv() => {
                        let Some(receipt) = receipt else { break };
                        let id = receipt.conversation_id.clone();
                        let entry = pending.entry(id.clone()).or_default();
                        entry.recipients = receipt.recipients;
                        for (user, seq) in receipt.positions {
                            let position = entry.positions.entry(user).or_default();
                            *position = (*position).max(seq);
                        }
                        entry.count += 1;
                        if entry.count >= flush_count
                            && let Some(full) = pending.remove(&id)
                        {
                            flush(&deliver, id, full);
                        }
                    }
                    _ = tick.tick() => {
                        for (id, entry) in pending.drain() {
                            flush(&deliver, id, entry);
                        }
                    }
                    () = shutdown.cancelled() => break,
                }
            }
            for (id, entry) in pending.drain() {
                flush(&deliver, id, entry);
            }
        });
        ReceiptMerger { queue }
    }

    pub fn add(
        &self,
        recipients: Vec<String>,
        conversation_id: String,
        positions: Vec<(String, i64)>,
    ) {
        let receipt = Receipt {
            recipients,
            conversation_id,
            positions,
        };
        if let Err(e) = self.queue.try_send(receipt) {
            // Merger saturated or stopped: deliver nothing rather than block the caller; readers
            // still see the positions through GetReadReceipts and conversation read seqs.
            tracing::warn!(error = %e, "group read receipt dropped from live delivery");
        }
    }
}

fn flush(deliver: &impl Fn(Vec<String>, Event), conversation_id: String, pending: Pending) {
    let mut positions: Vec<(String, i64)> = pending.positions.into_iter().collect();
    positions.sort();
    deliver(
        pending.recipients,
        Event::ReadReceipt {
            conversation_id,
            kind: ConversationKind::Group,
            positions,
        },
    );
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::sync::mpsc;
    use tokio_util::sync::CancellationToken;

    use super::ReceiptMerger;
    use crate::domain::ports::Event;

    /// A delivered receipt: recipients, conversation, positions.
    type Delivered = (Vec<String>, String, Vec<(String, i64)>);

    const FLUSH_MS: u64 = 1_000;

    /// A merger flushing after `flush_count` receipts or every `FLUSH_MS`, whose deliveries
    /// come out of the returned receiver.
    fn merger(
        flush_count: usize,
    ) -> (
        ReceiptMerger,
        mpsc::UnboundedReceiver<Delivered>,
        CancellationToken,
    ) {
        let shutdown = CancellationToken::new();
        let stopped = shutdown.clone();
        let (delivered, deliveries) = mpsc::unbounded_channel();
        let merger = ReceiptMerger::start(flush_count, FLUSH_MS, stopped, move |to, event| {
            let Event::ReadReceipt {
                conversation_id,
                positions,
                ..
            } = event
            else {
                panic!("the merger delivers read receipts only: {event:?}");
            };
            let _ = delivered.send((to, conversation_id, positions));
        });
        (merger, deliveries, shutdown)
    }

    fn members() -> Vec<String> {
        vec!["alice".to_owned(), "bob".to_owned(), "carol".to_owned()]
    }

    fn read(merger: &ReceiptMerger, conversation_id: &str, reader: &str, seq: i64) {
        merger.add(
            members(),
            conversation_id.to_owned(),
            vec![(reader.to_owned(), seq)],
        );
    }

    /// The next delivery within `within` of paused time, or None.
    async fn delivered_within(
        deliveries: &mut mpsc::UnboundedReceiver<Delivered>,
        within: Duration,
    ) -> Option<Delivered> {
        tokio::time::timeout(within, deliveries.recv())
            .await
            .ok()
            .map(|d| d.expect("the merger is running"))
    }

    #[tokio::test(start_paused = true)]
    async fn one_readers_repeated_marks_merge_into_their_highest_position() {
        let (merger, mut deliveries, _shutdown) = merger(100);

        for seq in [3, 7, 5, 6] {
            read(&merger, "g_1", "bob", seq);
        }
        read(&merger, "g_1", "carol", 2);

        let (to, conversation_id, positions) =
            delivered_within(&mut deliveries, Duration::from_millis(FLUSH_MS + 1))
                .await
                .expect("the timed flush");
        assert_eq!(to, members());
        assert_eq!(conversation_id, "g_1");
        assert_eq!(
            positions,
            vec![("bob".to_owned(), 7), ("carol".to_owned(), 2)],
            "one position per reader, the highest"
        );
        assert_eq!(
            delivered_within(&mut deliveries, Duration::from_millis(3 * FLUSH_MS)).await,
            None,
            "one event for all of them"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_timed_flush_fires_below_the_count_threshold() {
        let (merger, mut deliveries, _shutdown) = merger(100);

        read(&merger, "g_1", "bob", 1);

        assert_eq!(
            delivered_within(&mut deliveries, Duration::from_millis(FLUSH_MS - 1)).await,
            None,
            "held until the flush interval"
        );
        let (_, _, positions) = delivered_within(&mut deliveries, Duration::from_millis(2))
            .await
            .expect("flushed by time, one receipt of a threshold of 100");
        assert_eq!(positions, vec![("bob".to_owned(), 1)]);
    }

    #[tokio::test(start_paused = true)]
    async fn the_count_threshold_flushes_without_waiting_and_per_conversation() {
        let (merger, mut deliveries, _shutdown) = merger(2);

        read(&merger, "g_1", "bob", 1);
        read(&merger, "g_2", "bob", 4);
        read(&merger, "g_1", "carol", 1);

        let (_, conversation_id, positions) =
            delivered_within(&mut deliveries, Duration::from_millis(1))
                .await
                .expect("flushed at the second receipt of g_1");
        assert_eq!(conversation_id, "g_1");
        assert_eq!(
            positions,
            vec![("bob".to_owned(), 1), ("carol".to_owned(), 1)]
        );
        let (_, conversation_id, positions) =
            delivered_within(&mut deliveries, Duration::from_millis(FLUSH_MS + 1))
                .await
                .expect("g_2 by time");
        assert_eq!(conversation_id, "g_2");
        assert_eq!(positions, vec![("bob".to_owned(), 4)]);
    }

    #[tokio::test(start_paused = true)]
    async fn shutdown_flushes_what_is_held() {
        let (merger, mut deliveries, shutdown) = merger(100);
        read(&merger, "g_1", "bob", 9);
        // The merger takes the receipt before it sees the shutdown.
        tokio::task::yield_now().await;

        shutdown.cancel();

        let (_, _, positions) = delivered_within(&mut deliveries, Duration::from_millis(1))
            .await
            .expect("flushed on shutdown");
        assert_eq!(positions, vec![("bob".to_owned(), 9)]);
    }
}
