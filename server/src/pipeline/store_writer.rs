//! The consumer side of the Kafka pipeline: stores runs of accepted messages, retrying what
//! failed because a backend was down, and tells apart what can never be stored.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use crate::domain::model::NewMessage;
use crate::domain::ports::{MessageStore, StoredRun};

const FIRST_RETRY: Duration = Duration::from_millis(100);
const LONGEST_RETRY: Duration = Duration::from_secs(5);

/// Stores a run of one conversation's messages (`MessageStore::append_run`). A store that is
/// down (or failing unexpectedly) is retried with backoff until it works, because no record may
/// be skipped: its sender may be waiting, or be told it is stored after a retry; a retry after
/// a partial write finds the stored part as duplicates of itself. Returns `None` when
/// `stopping` fires first (the records stay uncommitted and are delivered again to whoever
/// consumes the partition next). What a retry cannot fix (the conversation does not exist) is
/// in the run's outcomes.
pub async fn store_run_until_done(
    store: &Arc<dyn MessageStore>,
    messages: &[NewMessage],
    mut last_seq: Option<i64>,
    stopping: &mut watch::Receiver<bool>,
) -> Option<StoredRun> {
    let mut delay = FIRST_RETRY;
    loop {
        match store.append_run(messages, last_seq).await {
            Ok(run) => return Some(run),
            Err(error) => {
                let conversation_id = messages.first().map(|m| m.conversation_id.as_str());
                tracing::warn!(
                    conversation_id = conversation_id.unwrap_or_default(),
                    messages = messages.len(),
                    %error,
                    retry_in_ms = delay.as_millis() as u64,
                    "storing accepted messages failed; retrying"
                );
                // What the failed try believed may be what failed (a seq taken over and over):
                // the store finds the truth itself next time.
                last_seq = None;
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            _ = stopping.wait_for(|stop| *stop) => return None,
        }
        delay = (delay * 2).min(LONGEST_RETRY);
    }
}
