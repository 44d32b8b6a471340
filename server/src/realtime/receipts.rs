//! Merges group read receipts: in a big group every member's read position would otherwise
//! fan out to every member, one push per receipt. Receipts are buffered per conversation
//! (latest position per reader) and flushed after `flush_count` receipts or `flush_ms`.

use std::collections::HashMap;
use std::time::Duration;

use tokio::sync::{mpsc, watch};

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
        mut shutdown: watch::Receiver<bool>,
        deliver: impl Fn(Vec<String>, Event) + Send + Sync + 'static,
    ) -> ReceiptMerger {
        let (queue, mut incoming) = mpsc::channel::<Receipt>(QUEUE);
        let flush_count = flush_count.max(1);
        tokio::spawn(async move {
            let mut pending: HashMap<String, Pending> = HashMap::new();
            let mut tick = tokio::time::interval(Duration::from_millis(flush_ms.max(1)));
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
                    _ = shutdown.changed() => break,
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
